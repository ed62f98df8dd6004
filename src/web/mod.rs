//! The web shell (wasm32 only): finds every `[data-descent]` element on the page and mounts an
//! independent instance in it. The numeric core and the drawing live elsewhere; this layer
//! only connects them to the DOM.

mod controls;
mod dom;
mod instance;

use crate::params::{param, Mode, Settings};
use dom::{document, Res};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Runs when the module loads: mounts every instance on the page.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
    mount_all()?;
    // With a single instance, its keys also work when the page itself has the focus.
    let doc: web_sys::EventTarget = document()?.into();
    dom::on::<web_sys::KeyboardEvent>(&doc, "keydown", |e| {
        let only = INSTANCES.with(|list| {
            let list = list.borrow();
            (list.len() == 1).then(|| list[0].clone())
        });
        if let Some(shared) = only {
            instance::page_key(&shared, &e);
        }
    })
}

/// Mounts an instance in every `[data-descent]` element not mounted yet.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> Result<(), JsValue> {
    let nodes = document()?.query_selector_all("[data-descent]:not([data-descent-mounted])")?;
    for k in 0..nodes.length() {
        if let Some(el) = nodes.get(k).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            mount(&el)?;
        }
    }
    Ok(())
}

/// The settings an element asks for with its `data-*` attributes (keys from the parameter
/// table, as `data-lr="0.05"`).
fn settings_of(el: &HtmlElement) -> (Settings, Vec<String>) {
    let names = el.get_attribute_names();
    let pairs: Vec<(String, String)> = names
        .iter()
        .filter_map(|n| n.as_string())
        .filter_map(|n| {
            let key = n.strip_prefix("data-")?.to_string();
            let value = el.get_attribute(&n)?;
            param(&key).map(|_| (key, value))
        })
        .collect();
    let (settings, notes) = Settings::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Mode::Lenient,
    );
    (settings, notes.into_iter().map(|n| n.message).collect())
}

thread_local! {
    /// Every mounted instance. Their event handlers hold only weak references, so this list
    /// is what keeps them alive, for as long as the page.
    static INSTANCES: std::cell::RefCell<Vec<instance::Shared>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn mount(el: &HtmlElement) -> Res {
    let (settings, _notes) = settings_of(el);
    let shared = instance::Instance::mount(el.clone(), settings, |_| true)?;
    INSTANCES.with(|list| list.borrow_mut().push(shared));
    Ok(())
}

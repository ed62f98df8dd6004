//! The web shell (wasm32 only): finds every `[data-descent]` element on the page and mounts an
//! independent instance in it. The numeric core and the drawing live elsewhere; this layer
//! only connects them to the DOM.

mod bench;
mod canvas;
mod controls;
mod dom;
mod instance;

use crate::params::{decode_pairs, param, Mode, ParamError, Settings};
use dom::{document, window, Res};
use instance::{Instance, Shared};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

thread_local! {
    /// Every mounted instance. Their event handlers hold only weak references, so this list
    /// is what keeps them alive, for as long as the page.
    static INSTANCES: RefCell<Vec<Shared>> = const { RefCell::new(Vec::new()) };
    /// The folder that holds descent.js (ending in `/`), for links and embed snippets.
    static WWW: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module loads: installs what is shared by all instances.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    console_error_panic_hook::set_once();
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
    })?;
    report_height()
}

/// Mounts an instance in every `[data-descent]` element not mounted yet. `script` is the URL
/// of descent.js, which locates the embed page and the full demo for links and snippets.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all(script: Option<String>) -> Result<(), JsValue> {
    if let Some(url) = script {
        let folder = url
            .rsplit_once('/')
            .map_or(url.clone(), |(dir, _)| format!("{dir}/"));
        WWW.with(|w| *w.borrow_mut() = Some(folder));
    }
    let nodes = document()?.query_selector_all("[data-descent]:not([data-descent-mounted])")?;
    for k in 0..nodes.length() {
        if let Some(el) = nodes.get(k).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
            if let Err(e) = mount(&el) {
                let why = e.as_string().unwrap_or_else(|| "unknown error".into());
                el.set_text_content(Some(&format!("The demo could not start: {why}")));
            }
        }
    }
    Ok(())
}

/// The folder of descent.js, ending in `/` (by default the page's `www/`).
pub(crate) fn www() -> String {
    WWW.with(|w| w.borrow().clone()).unwrap_or_else(|| {
        let page = window()
            .and_then(|w| w.location().href())
            .unwrap_or_default();
        let dir = page
            .split(['#', '?'])
            .next()
            .and_then(|p| p.rsplit_once('/'))
            .map_or(String::new(), |(d, _)| d.to_string());
        format!("{dir}/www/")
    })
}

/// The settings an element asks for: its `data-*` attributes (keys from the parameter table,
/// as `data-lr="0.05"`), then, for the instance that owns the page's link (`data-sync-url`),
/// the link's hash.
fn settings_of(el: &HtmlElement) -> (Settings, Vec<ParamError>) {
    let names = el.get_attribute_names();
    let mut pairs: Vec<(String, String)> = names
        .iter()
        .filter_map(|n| n.as_string())
        .filter_map(|n| {
            let key = n.strip_prefix("data-")?.to_string();
            let value = el.get_attribute(&n)?;
            param(&key).map(|_| (key, value))
        })
        .collect();
    if el.has_attribute("data-sync-url") {
        let hash = window()
            .and_then(|w| w.location().hash())
            .unwrap_or_default();
        pairs.extend(decode_pairs(&hash));
    }
    Settings::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Mode::Lenient,
    )
}

fn mount(el: &HtmlElement) -> Res {
    let (settings, notes) = settings_of(el);
    let sync_url = el.has_attribute("data-sync-url");
    let shared = Instance::mount(el.clone(), settings, sync_url, &notes)?;
    INSTANCES.with(|list| list.borrow_mut().push(shared));
    Ok(())
}

/// Runs `f` on every instance that is not busy.
pub(crate) fn each_instance(mut f: impl FnMut(&mut Instance)) {
    let all: Vec<Shared> = INSTANCES.with(|list| list.borrow().clone());
    for shared in all {
        if let Ok(mut i) = shared.try_borrow_mut() {
            f(&mut i);
        }
    }
}

/// Mounts the instance in `el` again, from its attributes and the link (after the link
/// changed by hand or by going back).
pub(crate) fn remount(el: &HtmlElement) {
    INSTANCES.with(|list| {
        list.borrow_mut()
            .retain(|s| s.try_borrow().map_or(true, |i| i.root() != el))
    });
    let _ = el.remove_attribute("data-descent-mounted");
    if let Err(e) = mount(el) {
        let why = e.as_string().unwrap_or_else(|| "unknown error".into());
        el.set_text_content(Some(&format!("The demo could not start: {why}")));
    }
}

/// Inside an iframe, tells the parent page the height of the content, so the frame can fit it:
/// `{ descent: "height", height }`, posted whenever it changes.
fn report_height() -> Res {
    let win = window()?;
    let parent = win.parent()?;
    let framed = parent
        .as_ref()
        .is_some_and(|p| !js_sys::Object::is(p.as_ref(), win.as_ref()));
    let (Some(parent), true) = (parent, framed) else {
        return Ok(());
    };
    let Some(root) = document()?.document_element() else {
        return Ok(());
    };
    let measured = root.clone();
    let last = std::cell::Cell::new(0);
    let post = Closure::<dyn FnMut()>::new(move || {
        let height = measured.scroll_height();
        if height != last.get() {
            last.set(height);
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"descent".into(), &"height".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            let _ = parent.post_message(&message, "*");
        }
    });
    let observer = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref())?;
    observer.observe(&root);
    if let Some(body) = document()?.body() {
        observer.observe(&body);
    }
    post.forget();
    Ok(())
}

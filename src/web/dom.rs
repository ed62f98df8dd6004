//! Small DOM helpers: creating elements, setting text (never HTML), listening to events.
//! Every look-up returns a `Result`; nothing here unwraps what the page controls.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

pub type Res<T = ()> = Result<T, JsValue>;

pub fn window() -> Res<web_sys::Window> {
    web_sys::window().ok_or_else(|| JsValue::from_str("no window"))
}

pub fn document() -> Res<Document> {
    window()?
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))
}

/// A new element `<tag class="class">`, cast to the type wanted.
pub fn make<T: JsCast>(tag: &str, class: &str) -> Res<T> {
    let el = document()?.create_element(tag)?;
    if !class.is_empty() {
        el.set_attribute("class", class)?;
    }
    // The tag decides the type: no need to ask the browser.
    Ok(el.unchecked_into::<T>())
}

/// A new element with text content.
pub fn text_el<T: JsCast>(tag: &str, class: &str, text: &str) -> Res<T> {
    let el: Element = make(tag, class)?;
    el.set_text_content(Some(text));
    Ok(el.unchecked_into::<T>())
}

/// Appends children to a parent.
pub fn append(parent: &Element, children: &[&Element]) -> Res {
    for c in children {
        parent.append_child(c)?;
    }
    Ok(())
}

/// Sets text content only when it changed (no needless layout work).
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Sets an attribute only when it changed (every write is a DOM mutation, even of the same
/// value).
pub fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        let _ = el.set_attribute(name, value);
    }
}

/// Shows or hides an element with the `hidden` attribute.
pub fn show(el: &HtmlElement, visible: bool) {
    if el.hidden() == visible {
        el.set_hidden(!visible);
    }
}

/// Listens to `event` on `target` for the life of the page.
pub fn on<E: JsCast + 'static>(
    target: &web_sys::EventTarget,
    event: &str,
    mut handler: impl FnMut(E) + 'static,
) -> Res {
    let cb = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        if let Ok(e) = e.dyn_into::<E>() {
            handler(e);
        }
    });
    target.add_event_listener_with_callback(event, cb.as_ref().unchecked_ref())?;
    // Instances live as long as the page: the listener is never removed.
    cb.forget();
    Ok(())
}

/// A unique id for label/input pairs.
pub fn unique_id(prefix: &str) -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = NEXT.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("descent-{prefix}-{n}")
}

//! Small DOM helpers: creating elements, setting text (never HTML), classes and attributes.
//! Every look-up returns a [`Res`]; nothing here unwraps what the page controls.

pub use super::error::{Res, WebError};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement};

pub fn window() -> Res<web_sys::Window> {
    web_sys::window().ok_or_else(|| WebError::missing("window"))
}

pub fn document() -> Res<Document> {
    window()?
        .document()
        .ok_or_else(|| WebError::missing("document"))
}

/// A new element `<tag class="class">` with `text` in it, if any. One copy for every kind of
/// element (see [`make`]). Creating an element of a constant tag in the page's document does
/// not fail; were the document gone, the element is `null`, and what is done with it fails
/// where it is used (no error path at each of the hundred call sites).
#[inline(never)]
fn element(tag: &str, class: &str, text: Option<&str>) -> Element {
    let Ok(el) = document().and_then(|d| Ok(d.create_element(tag)?)) else {
        return wasm_bindgen::JsValue::NULL.unchecked_into();
    };
    if !class.is_empty() {
        attr(&el, "class", class);
    }
    if text.is_some() {
        el.set_text_content(text);
    }
    el
}

/// A new element `<tag class="class">`, cast to the type wanted (the tag decides the type: no
/// need to ask the browser).
#[inline(always)]
pub fn make<T: JsCast>(tag: &str, class: &str) -> T {
    element(tag, class, None).unchecked_into()
}

/// A new element with text content.
#[inline(always)]
pub fn text_el<T: JsCast>(tag: &str, class: &str, text: &str) -> T {
    element(tag, class, Some(text)).unchecked_into()
}

/// The first element under `root` that `selector` matches, cast to the type wanted. For the
/// page's own template ([`super::skeleton`]), whose elements are always there: were one
/// missing, the element is `null` and what is done with it fails where it is used (as with
/// [`make`]).
#[inline(always)]
pub fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    found(root, selector).unchecked_into()
}

#[inline(never)]
fn found(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .ok()
        .flatten()
        .unwrap_or_else(|| wasm_bindgen::JsValue::NULL.unchecked_into())
}

/// The 2d drawing context of a canvas.
pub fn context(canvas: &HtmlCanvasElement) -> Res<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| WebError::missing("2d canvas"))?
        .dyn_into()
        .map_err(|_| WebError::missing("2d canvas"))
}

/// Appends children to a parent. Appending a new element to another never fails, so a
/// failure is ignored (see [`attr`]).
#[inline(never)]
pub fn append(parent: &Element, children: &[&Element]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// Sets a style property of an element (as [`attr`]: a valid property never fails).
#[inline(never)]
pub fn style(el: &HtmlElement, name: &str, value: &str) {
    let _ = el.style().set_property(name, value);
}

/// Sets text content only when it changed (no needless layout work).
pub fn set_text(el: &Element, text: &str) {
    if el.text_content().as_deref() != Some(text) {
        el.set_text_content(Some(text));
    }
}

/// Sets an attribute only when it changed (every write is a DOM mutation, even of the same
/// value).
#[inline(never)]
pub fn set_attr(el: &Element, name: &str, value: &str) {
    if el.get_attribute(name).as_deref() != Some(value) {
        attr(el, name, value);
    }
}

/// Sets an attribute on an element being built. Setting a valid name never fails, so a
/// failure is ignored: no error path at each of the hundred call sites.
#[inline(never)]
pub fn attr(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

/// Turns a class on or off (a valid class name never fails: see [`attr`]).
#[inline(never)]
pub fn set_class(el: &Element, class: &str, on: bool) {
    let _ = el.class_list().toggle_with_force(class, on);
}

/// Shows or hides an element with the `hidden` attribute.
pub fn show(el: &HtmlElement, visible: bool) {
    if el.hidden() == visible {
        el.set_hidden(!visible);
    }
}

/// Shows `text` in `el`, or hides it when there is none.
pub fn show_text(el: &HtmlElement, text: Option<&str>) {
    if let Some(text) = text {
        set_text(el, text);
    }
    show(el, text.is_some());
}

/// Whether a media query matches now.
pub fn media(query: &str) -> bool {
    window()
        .ok()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
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

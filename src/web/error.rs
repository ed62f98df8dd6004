//! The one error type of the web layer. Whatever fails (a DOM call, a canvas, drawing) becomes a
//! [`WebError`] whose message a person understands, and is shown in the demo's error line;
//! nothing in this layer panics on what the page controls.

use std::fmt;
use wasm_bindgen::{JsCast, JsValue};

/// What went wrong in the page: what the browser threw (an `Error` or a `DOMException`), or
/// one of our own sentences. It is one JavaScript value, so passing it on with `?` costs no more
/// than passing on the browser's own exception; its words are read only when it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct WebError(JsValue);

/// A result of the web layer.
pub type Res<T = ()> = Result<T, WebError>;

impl WebError {
    /// Something the demo needs is not there: "the page has no window".
    pub fn missing(what: &str) -> WebError {
        WebError(JsValue::from_str(&format!("the page has no {what}")))
    }

    /// Drawing on a canvas failed, for `why`.
    pub fn drawing(why: impl fmt::Display) -> WebError {
        WebError(JsValue::from_str(&format!("drawing failed: {why}")))
    }
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(said) = self.0.as_string() {
            return f.write_str(&said);
        }
        match self.0.dyn_ref::<js_sys::Error>() {
            Some(e) => write!(f, "the browser refused: {}", String::from(e.message())),
            None => f.write_str("the browser refused, without saying why"),
        }
    }
}

impl From<JsValue> for WebError {
    /// A JavaScript exception, kept as it was thrown.
    fn from(v: JsValue) -> WebError {
        WebError(v)
    }
}

impl From<WebError> for JsValue {
    fn from(e: WebError) -> JsValue {
        JsValue::from_str(&e.to_string())
    }
}

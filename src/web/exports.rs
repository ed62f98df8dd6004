//! Files and the clipboard: a link followed as a download, a text saved as a file, a text
//! copied. Each says whether it worked through a value or a note, never the console.

use super::dom::{make, window, Res};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Follows a link to `href` as a download named `name`.
pub fn download(href: &str, name: &str) -> Res {
    let a: web_sys::HtmlAnchorElement = make("a", "")?;
    a.set_attribute("href", href)?;
    a.set_attribute("download", name)?;
    a.click();
    Ok(())
}

/// Downloads `text` as a file named `name`.
pub fn download_text(text: &str, mime: &str, name: &str) -> Res {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    download(&url, name)?;
    // The download has its own copy by the next task: release the URL then. The closure frees
    // itself when the timer calls it.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 1000)?;
    Ok(())
}

/// Copies `text` to the clipboard; `settled` is called with `undefined` when it is copied, and
/// with the reason when the browser blocks it.
pub fn copy(text: &str, settled: &Closure<dyn FnMut(JsValue)>) -> Res {
    let clipboard = window()?.navigator().clipboard();
    let _ = clipboard.write_text(text).then2(settled, settled);
    Ok(())
}

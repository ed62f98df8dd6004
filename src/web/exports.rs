//! The export buttons: the link that reopens the state, the embed snippets, the plot as a PNG,
//! the figure as an SVG file (the same as `descent plot` draws), the trace as a CSV file or on
//! the clipboard. Each says whether it worked through a value or a note, never the console.

use super::dom::{make, set_text, window, Res};
use super::events::Export;
use super::runner::Runner;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

impl super::paint::Painter {
    /// The plot as a PNG at twice its size on screen, as a data URL.
    pub fn png(&mut self, page: &super::layout::Page, demo: &crate::demo::Demo) -> Res<String> {
        let rect = page.plot.holder.get_bounding_client_rect();
        let canvas: web_sys::HtmlCanvasElement = make("canvas", "");
        canvas.set_width((rect.width() * 2.0).round().max(2.0) as u32);
        canvas.set_height((rect.height() * 2.0).round().max(2.0) as u32);
        let theme = crate::render::Theme {
            dpr: 2.0,
            ..self.theme
        };
        let shown = self.solid.shown.take();
        let frame = self.paint_static(demo, &canvas, super::canvas::Text::Draw, &theme)?;
        self.paint_marks(demo, &canvas, &frame, &theme, false)?;
        self.solid.shown = shown;
        // The caches now hold the image's sizes: the screen's are sampled again.
        self.curve = None;
        self.field = None;
        Ok(canvas.to_data_url()?)
    }
}

impl Runner {
    /// A link to the full demo that reopens this state.
    pub(super) fn link(&self) -> Res<String> {
        let page = if self.sync_url {
            window()?.location().href()?
        } else {
            crate::link::full_page(&super::www()).to_string()
        };
        Ok(crate::link::link(&page, &self.demo.shared_settings()))
    }

    /// The buttons of the share row and the trace table.
    pub(super) fn export(&mut self, x: Export) -> Res {
        let copy_note = self.page.controls.copy_note.clone();
        match x {
            Export::CopyCsv => self.copy(&self.demo.csv(), copy_note, "Copied"),
            Export::CopyLink => {
                let note = self.page.share.as_ref().map(|s| s.note.clone());
                self.copy(&self.link()?, note.unwrap_or(copy_note), "Link copied")
            }
            Export::Embed => match &self.page.share {
                Some(s) => s.toggle_snippets(&super::www(), self.demo.settings()),
                None => Ok(()),
            },
            Export::Png => {
                let url = self.painter.png(&self.page, &self.demo)?;
                // The caches held the image's sizes: the screen's are drawn again.
                self.dirty.plot = true;
                download(&url, "descent.png")
            }
            Export::Svg => {
                let size = crate::figure::SIZE;
                let svg = crate::figure::svg(&self.demo, size, super::backend::Canvas2d::Svg)
                    .map_err(super::dom::WebError::drawing)?;
                download_text(&svg, "image/svg+xml", "descent.svg")
            }
            Export::Csv => download_text(&self.demo.csv(), "text/csv", "descent-trace.csv"),
        }
    }

    /// Copies `text`, then says in `note` whether it worked. Where the page has no clipboard
    /// (a page served over plain http), says so at once.
    pub(super) fn copy(&mut self, text: &str, note: HtmlElement, done: &'static str) -> Res {
        let Some(settled) = &self.copied else {
            return Ok(());
        };
        if !copy(text, settled)? {
            set_text(
                &note,
                "Copying is not available here: select the text and copy it",
            );
            return Ok(());
        }
        self.copy_notes.push((note, done));
        Ok(())
    }

    /// The oldest copy settled: `undefined` when it worked, the reason when the browser
    /// blocked it.
    pub(super) fn copy_settled(&mut self, outcome: JsValue) {
        if self.copy_notes.is_empty() {
            return;
        }
        let (note, done) = self.copy_notes.remove(0);
        let words = if outcome.is_undefined() {
            done
        } else {
            "Copying was blocked: select the text and copy it"
        };
        set_text(&note, words);
    }
}

/// Follows a link to `href` as a download named `name`.
pub fn download(href: &str, name: &str) -> Res {
    let a: web_sys::HtmlAnchorElement = make("a", "");
    super::dom::attr(&a, "href", href);
    super::dom::attr(&a, "download", name);
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
        // Run by a timer, with nobody to tell: at worst the URL lives as long as the page.
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 1000)?;
    Ok(())
}

/// Copies `text` to the clipboard; `settled` is called with `undefined` when it is copied, and
/// with the reason when the browser blocks it. Returns false, without calling anything, where
/// the page has no clipboard (`navigator.clipboard` exists only in secure contexts): calling it
/// there would throw through the module.
pub fn copy(text: &str, settled: &Closure<dyn FnMut(JsValue)>) -> Res<bool> {
    let navigator = window()?.navigator();
    let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return Ok(false);
    }
    let clipboard: web_sys::Clipboard = clipboard.unchecked_into();
    // The promise `then2` returns settles through `settled` too: nothing more to wait for.
    let _ = clipboard.write_text(text).then2(settled, settled);
    Ok(true)
}

//! The two timers of a demo: the pause in typing after which the typed function is applied,
//! and the link in the address bar, which follows the state at most every
//! [`LINK_EVERY_MS`]. Both call the runner's one `later` callback, which the runner owns (and
//! clears in `destroy()`).

use super::dom::{window, Res};
use super::runner::Runner;
use crate::demo::Action;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long a typed function that parses waits for a pause in typing, in milliseconds.
const TYPING_PAUSE_MS: i32 = 400;
/// How long one that does not parse waits: its error is said after this much quiet (or at
/// once on Enter, or on leaving the box), not mid-word.
const TYPING_ERROR_MS: i32 = 1500;
/// The link in the address bar follows the state at most this often, in milliseconds.
const LINK_EVERY_MS: i32 = 250;

impl Runner {
    pub(super) fn clear_typing_timer(&mut self) {
        if let (Some(t), Ok(w)) = (self.typing_timer.take(), window()) {
            w.clear_timeout_with_handle(t);
        }
    }

    /// Applies the typed function once typing pauses for [`TYPING_PAUSE_MS`] (a function that
    /// does not parse, for [`TYPING_ERROR_MS`]).
    pub(super) fn typing_paused(&mut self) {
        self.clear_typing_timer();
        let (Some(f), Ok(w)) = (&self.later, window()) else {
            return;
        };
        let f: &js_sys::Function = f.as_ref().unchecked_ref();
        let text = self.page.controls.field("f").and_then(|f| f.input.as_ref());
        let parses = text.is_some_and(|t| {
            let v = t.value();
            v.trim().is_empty() || crate::objective::expr::Expr::parse(&v).is_ok()
        });
        let pause = if parses {
            TYPING_PAUSE_MS
        } else {
            TYPING_ERROR_MS
        };
        match w.set_timeout_with_callback_and_timeout_and_arguments_0(f, pause) {
            Ok(t) => self.typing_timer = Some(t),
            Err(e) => self.fail(&e.into()),
        }
    }

    /// A timer ran out: write the link, or apply the typed function.
    pub(super) fn later(&mut self, what: JsValue) {
        if what.as_string().as_deref() == Some("link") {
            self.link_timer = None;
            // The link is a convenience: a browser that refuses to update it (Safari allows 100
            // updates in 30 s) leaves the old one, and the demo says nothing.
            let _ = self.write_link();
            return;
        }
        self.typing_timer = None;
        let text = self.page.controls.field("f").and_then(|f| f.input.as_ref());
        if let Some(text) = text.map(|input| input.value()) {
            self.dispatch(Action::Type(text), None);
        }
    }

    /// Keeps the page's link up to date, at most every [`LINK_EVERY_MS`].
    pub(super) fn link_changed(&mut self) -> Res {
        if !self.sync_url || self.link_timer.is_some() {
            return Ok(());
        }
        if let Some(f) = &self.later {
            let args = js_sys::Array::of1(&"link".into());
            let f: &js_sys::Function = f.as_ref().unchecked_ref();
            let t = window()?.set_timeout_with_callback_and_timeout_and_arguments(
                f,
                LINK_EVERY_MS,
                &args,
            )?;
            self.link_timer = Some(t);
        }
        Ok(())
    }

    pub(super) fn write_link(&self) -> Res {
        let hash = crate::link::hash(&self.demo.shared_settings());
        let w = window()?;
        let current = w.location().hash()?;
        if current.trim_start_matches('#') != hash {
            w.history()?
                .replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{hash}")))?;
        }
        Ok(())
    }
}

//! Everything an instance listens to, kept as handles so that it can let go: the event
//! listeners (on its root, the window and the media queries) and the observers of its size and
//! visibility. [`Listeners::unsubscribe`] removes them all, as egui's web runner does in
//! `destroy()`; dropping the value does the same.

use super::dom::Res;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, IntersectionObserver, ResizeObserver};

/// One closure for every DOM event of an instance, and where it listens.
pub struct Listeners {
    handler: Closure<dyn FnMut(web_sys::Event)>,
    /// Each target, the event's name, and whether it listens on the way down.
    on: Vec<(EventTarget, &'static str, bool)>,
    /// The callback of both observers (resize entries and intersection entries).
    observed: Option<Closure<dyn FnMut(js_sys::Array)>>,
    resize: Option<ResizeObserver>,
    visible: Option<IntersectionObserver>,
}

impl Listeners {
    /// Listeners that all call `handler`; none attached yet.
    pub fn new(handler: impl FnMut(web_sys::Event) + 'static) -> Listeners {
        Listeners {
            handler: Closure::new(handler),
            on: Vec::new(),
            observed: None,
            resize: None,
            visible: None,
        }
    }

    fn function(&self) -> &js_sys::Function {
        self.handler.as_ref().unchecked_ref()
    }

    /// Listens to `event` on `target` (`capture`: on the way down, for events that do not
    /// bubble).
    pub fn listen(&mut self, target: &EventTarget, event: &'static str, capture: bool) -> Res {
        target.add_event_listener_with_callback_and_bool(event, self.function(), capture)?;
        self.on.push((target.clone(), event, capture));
        Ok(())
    }

    /// Watches the size of each of `sized` and whether `seen` is on screen, calling `callback`
    /// with the observers' entries.
    pub fn observe(
        &mut self,
        callback: impl FnMut(js_sys::Array) + 'static,
        sized: &[&web_sys::Element],
        seen: &web_sys::Element,
    ) -> Res {
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(callback);
        let f: &js_sys::Function = callback.as_ref().unchecked_ref();
        let resize = ResizeObserver::new(f)?;
        for el in sized {
            resize.observe(el);
        }
        let visible = IntersectionObserver::new(f)?;
        visible.observe(seen);
        self.observed = Some(callback);
        self.resize = Some(resize);
        self.visible = Some(visible);
        Ok(())
    }

    /// Removes every listener and stops both observers.
    pub fn unsubscribe(&mut self) {
        for (target, event, capture) in std::mem::take(&mut self.on) {
            let f: &js_sys::Function = self.handler.as_ref().unchecked_ref();
            // Removing a listener cannot fail for a function that was added.
            let _ = target.remove_event_listener_with_callback_and_bool(event, f, capture);
        }
        if let Some(r) = self.resize.take() {
            r.disconnect();
        }
        if let Some(v) = self.visible.take() {
            v.disconnect();
        }
        self.observed = None;
    }
}

impl Drop for Listeners {
    fn drop(&mut self) {
        self.unsubscribe();
    }
}

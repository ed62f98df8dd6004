//! Connecting a runner to the page: one listener on its root for each kind of event, the
//! window's link, the media queries, the observers of size and visibility, and the callbacks of
//! the animation frame, the timers and the clipboard. Every callback holds the runner weakly.

use super::dom::{window, Res};
use super::listeners::Listeners;
use super::runner::{Runner, Shared, QUERIES};
use crate::demo::Action;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::EventTarget;

/// Runs `f` on the runner behind `weak`, if it is still there and not busy.
fn with(weak: &Weak<RefCell<Runner>>, f: impl FnOnce(&mut Runner)) {
    if let Some(shared) = weak.upgrade() {
        if let Ok(mut r) = shared.try_borrow_mut() {
            f(&mut r);
        }
    }
}

/// Connects the runner to the page: one listener on the root for each kind of event (the
/// target says which control), the window's link, the media queries, the observers of size
/// and visibility, and the callbacks of the animation frame, the timers and the clipboard.
pub(super) fn wire(shared: &Shared) -> Res {
    let weak = Rc::downgrade(shared);
    let mut r = shared.borrow_mut();
    let w = weak.clone();
    r.raf = Some(Closure::new(move |now: f64| with(&w, |r| r.frame(now))));
    let w = weak.clone();
    r.later = Some(Closure::new(move |what: JsValue| {
        with(&w, |r| {
            r.later(what);
            r.schedule();
        })
    }));
    let w = weak.clone();
    r.copied = Some(Closure::new(move |v: JsValue| {
        with(&w, |r| r.copy_settled(v))
    }));
    let w = weak.clone();
    let mut listeners = Listeners::new(move |e: web_sys::Event| {
        let Some(shared) = w.upgrade() else { return };
        let remount = shared
            .try_borrow_mut()
            .map(|mut r| r.on_event(&e).then(|| r.root().clone()));
        drop(shared);
        if let Ok(Some(root)) = remount {
            super::remount(&root);
        }
    });
    let root: &EventTarget = r.page.root.as_ref();
    for event in [
        "input",
        "change",
        "click",
        "keydown",
        "focusin",
        "pointerdown",
        "pointermove",
        "pointerup",
        "pointercancel",
        "pointerout",
        "dblclick",
    ] {
        listeners.listen(root, event, false)?;
    }
    // `toggle` (a details element opening) does not bubble: caught on the way down.
    listeners.listen(root, "toggle", true)?;
    let win = window()?;
    if r.sync_url {
        listeners.listen(win.as_ref(), "hashchange", false)?;
    }
    for event in ["beforeprint", "afterprint"] {
        listeners.listen(win.as_ref(), event, false)?;
    }
    for query in QUERIES {
        if let Some(list) = win.match_media(query)? {
            listeners.listen(list.as_ref(), "change", false)?;
        }
    }
    let w = weak.clone();
    let sized = [
        r.page.plot.holder.as_ref(),
        r.page.loss.holder.as_ref(),
        r.page.rate.holder.as_ref(),
        r.page.map.chart.holder.as_ref(),
    ];
    listeners.observe(
        move |entries: js_sys::Array| {
            let visible = entries
                .iter()
                .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .map(|e| e.is_intersecting())
                .next_back();
            // Taken off the page (by the host page, or with its container): it goes, with
            // everything it holds. Removal is seen as a change of size or of visibility.
            let mut gone = None;
            with(&w, |r| {
                if !r.root().is_connected() {
                    gone = Some(r.root().clone());
                    return;
                }
                match visible {
                    Some(v) => r.dispatch(Action::Visible(v), None),
                    None => {
                        r.painter.resized();
                        r.dispatch(Action::Resized, None);
                    }
                }
                r.schedule();
            });
            if let Some(root) = gone {
                super::unmount(&root);
            }
        },
        &sized,
        r.page.root.as_ref(),
    )?;
    r.listeners = Some(listeners);
    Ok(())
}

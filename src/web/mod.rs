//! The web shell (wasm32 only): finds every `[data-descent]` element on the page and mounts an
//! independent demo in it. The demo core ([`crate::demo`]) decides; this layer turns DOM events
//! into its actions ([`events`]) and its redraw flags into painting ([`paint`], [`text`]).
//!
//! The path of one Learning-rate `input` event: the root's listener ([`wire`], kept by
//! [`listeners`]) calls the [`runner`], [`events`] turns it into `Action::Slide`, the core
//! applies it and returns [`crate::demo::Dirty`], and the next animation frame paints the flags
//! ([`paint`], [`text`]). docs/architecture.md follows it file by file.

mod alloc;
mod backend;
mod bench;
mod canvas;
mod charts;
mod controls;
mod data;
mod dom;
mod error;
mod events;
mod explain;
mod exports;
mod labels;
mod layout;
mod listeners;
mod map;
mod paint;
mod paint3d;
mod runner;
mod share;
mod skeleton;
mod text;
mod timers;
mod wire;

use crate::link::decode_pairs;
use crate::settings::{param, Mode, ParamError, Settings};
use dom::{document, window, Res};
use runner::{Runner, Shared};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// What the page itself listens to, once for all demos: keys pressed outside every demo, and
/// (inside an iframe) the height to report to the host page.
struct PageWide {
    _keys: Closure<dyn FnMut(web_sys::Event)>,
    _height: Option<HeightReport>,
}

/// The callback that posts the page's height to the host page, and the observer calling it.
type HeightReport = (Closure<dyn FnMut()>, web_sys::ResizeObserver);

thread_local! {
    /// Every mounted demo. Their event handlers hold only weak references, so this list is
    /// what keeps them alive; a demo mounted again is destroyed and dropped from it.
    static INSTANCES: RefCell<Vec<Shared>> = const { RefCell::new(Vec::new()) };
    /// The folder that holds descent.js (ending in `/`), for links and embed snippets.
    static WWW: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Kept for the life of the page.
    static PAGE: RefCell<Option<PageWide>> = const { RefCell::new(None) };
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(text: &str, file: &str, line: u32);
}

/// Runs when the module loads: installs what is shared by all demos.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    // A panic is reported on the console, as a bug should be (the banner comes from the
    // runner): the message and where, given to the console as they are (formatting them here
    // would bring the formatting of the hook's whole report into the module).
    std::panic::set_hook(Box::new(|info| {
        let (file, line) = info.location().map_or(("", 0), |l| (l.file(), l.line()));
        let payload = info.payload();
        let text = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        console_error(text.unwrap_or("panicked"), file, line)
    }));
    // With a single demo, its keys also work when the page itself has the focus.
    let keys = Closure::<dyn FnMut(web_sys::Event)>::new(|e: web_sys::Event| {
        let only = INSTANCES.with(|list| {
            let list = list.borrow();
            (list.len() == 1).then(|| list[0].clone())
        });
        if let (Some(shared), Some(e)) = (only, e.dyn_ref::<web_sys::KeyboardEvent>()) {
            if let Ok(mut r) = shared.try_borrow_mut() {
                r.page_key(e);
            }
        }
    });
    document()?.add_event_listener_with_callback("keydown", keys.as_ref().unchecked_ref())?;
    let height = report_height()?;
    PAGE.with(|p| {
        *p.borrow_mut() = Some(PageWide {
            _keys: keys,
            _height: height,
        })
    });
    Ok(())
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
                el.set_text_content(Some(&format!("The demo could not start: {e}")));
            }
        }
    }
    Ok(())
}

/// The folder of descent.js, ending in `/` (by default the page's `www/`).
pub(crate) fn www() -> String {
    WWW.with(|w| w.borrow().clone()).unwrap_or_else(|| {
        let page = window()
            .ok()
            .and_then(|w| w.location().href().ok())
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
            .ok()
            .and_then(|w| w.location().hash().ok())
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
    let shared = Runner::mount(el, settings, &notes, sync_url)?;
    INSTANCES.with(|list| list.borrow_mut().push(shared));
    Ok(())
}

/// Runs `f` on every demo that is not busy.
#[cfg(feature = "bench")]
pub(crate) fn each_instance(mut f: impl FnMut(&mut Runner)) {
    let all: Vec<Shared> = INSTANCES.with(|list| list.borrow().clone());
    for shared in all {
        if let Ok(mut i) = shared.try_borrow_mut() {
            f(&mut i);
        }
    }
}

/// Mounts the instance in `el` again, from its attributes and the link (after the link
/// changed by hand or by going back).
/// The demo in `el` goes, with everything it held on the page.
pub(crate) fn unmount(el: &HtmlElement) {
    let old: Vec<Shared> = INSTANCES.with(|list| {
        let mut list = list.borrow_mut();
        let (gone, kept) = list
            .drain(..)
            .partition(|s| s.try_borrow().is_ok_and(|r| r.root() == el));
        *list = kept;
        gone
    });
    for shared in old {
        if let Ok(mut r) = shared.try_borrow_mut() {
            r.destroy();
        }
    }
    // Put back on the page, it can be mounted again (`mountAll`). Removing an attribute by a
    // valid name cannot fail.
    let _ = el.remove_attribute("data-descent-mounted");
}

/// The demo in `el` goes, and a new one is mounted from its attributes and the link (after the
/// link changed by hand or by going back).
pub(crate) fn remount(el: &HtmlElement) {
    unmount(el);
    if let Err(e) = mount(el) {
        el.set_text_content(Some(&format!("The demo could not start: {e}")));
    }
}

/// Inside an iframe, tells the parent page the height of the content, so the frame can fit it:
/// `{ descent: "height", height }`, posted whenever it changes. Returns what must be kept for
/// that, if the page is framed.
fn report_height() -> Res<Option<HeightReport>> {
    let win = window()?;
    let parent = win.parent()?;
    let framed = parent
        .as_ref()
        .is_some_and(|p| !js_sys::Object::is(p.as_ref(), win.as_ref()));
    let (Some(parent), true) = (parent, framed) else {
        return Ok(None);
    };
    let Some(root) = document()?.document_element() else {
        return Ok(None);
    };
    let measured = root.clone();
    let last = std::cell::Cell::new(0);
    let post = Closure::<dyn FnMut()>::new(move || {
        let height = measured.scroll_height();
        if height != last.get() {
            last.set(height);
            // Setting a property of a fresh plain object cannot fail.
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"descent".into(), &"height".into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // The host may be gone or refuse: the frame then keeps its size.
            let _ = parent.post_message(&message, "*");
        }
    });
    let observer = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref())?;
    observer.observe(&root);
    if let Some(body) = document()?.body() {
        observer.observe(&body);
    }
    Ok(Some((post, observer)))
}

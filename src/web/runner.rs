//! One mounted demo, the web runner: it owns the demo core, its elements, the painter, its
//! listeners, its timers and its animation frame. Events come in through [`super::events`] and
//! go to the core as actions; the flags the core returns are painted at the next frame. When the
//! demo is replaced or removed, [`Runner::destroy`] lets go of everything it holds on the page.

use super::dom::{media, set_class, set_text, window, Res, WebError};
use super::events::{self, Export, Input};
use super::exports;
use super::layout::Page;
use super::listeners::Listeners;
use super::paint::Painter;
use crate::demo::{Action, Demo, Dirty};
use crate::settings::{ParamError, Settings};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, HtmlElement, KeyboardEvent};

pub type Shared = Rc<RefCell<Runner>>;

/// How long the typed function waits for a pause in typing, in milliseconds.
const TYPING_PAUSE_MS: i32 = 400;
/// The link in the address bar follows the state at most this often, in milliseconds.
const LINK_EVERY_MS: i32 = 250;
/// The media queries a demo follows: the colour scheme and the motion preference.
const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";
const QUERIES: [&str; 2] = ["(prefers-color-scheme: dark)", REDUCED_MOTION];

/// One demo on the page.
pub struct Runner {
    demo: Demo,
    page: Page,
    painter: Painter,
    /// What must be drawn at the next frame.
    dirty: Dirty,
    /// Whether this demo owns the page's link (reads it when mounted, keeps it up to date).
    sync_url: bool,
    listeners: Option<Listeners>,
    /// The animation-frame callback, and the frame asked for, if any.
    raf: Option<Closure<dyn FnMut(f64)>>,
    raf_id: Option<i32>,
    /// What waits for a timer: `"link"` writes the link; anything else applies the typed
    /// function after a pause in typing.
    later: Option<Closure<dyn FnMut(JsValue)>>,
    typing_timer: Option<i32>,
    link_timer: Option<i32>,
    /// Called when a copy to the clipboard settles: `undefined` when it worked.
    copied: Option<Closure<dyn FnMut(JsValue)>>,
    /// Where to say how the pending copy went, and the words for success.
    copy_note: Option<(HtmlElement, &'static str)>,
}

impl Runner {
    /// Mounts a demo of `settings` in `root` (`notes`: what in them could not be used). With
    /// `sync_url` it owns the page's link.
    pub fn mount(
        root: &HtmlElement,
        settings: Settings,
        notes: &[ParamError],
        sync_url: bool,
    ) -> Res<Shared> {
        let demo = Demo::new(settings, notes, media(REDUCED_MOTION));
        let page = Page::build(root, demo.settings())?;
        let mut painter = Painter::new(&page)?;
        painter.read_theme(root);
        let runner = Runner {
            demo,
            page,
            painter,
            dirty: Dirty {
                presenter: true,
                ..Dirty::redraw()
            },
            sync_url,
            listeners: None,
            raf: None,
            raf_id: None,
            later: None,
            typing_timer: None,
            link_timer: None,
            copied: None,
            copy_note: None,
        };
        let shared = Rc::new(RefCell::new(runner));
        wire(&shared)?;
        let mut r = shared.borrow_mut();
        r.apply_presenter()?;
        r.schedule();
        drop(r);
        Ok(shared)
    }

    pub fn root(&self) -> &HtmlElement {
        &self.page.root
    }

    /// Lets go of everything this demo holds on the page: listeners, observers, timers and the
    /// animation frame. Safe to call twice.
    pub fn destroy(&mut self) {
        self.listeners = None;
        if let Ok(w) = window() {
            if let Some(id) = self.raf_id.take() {
                let _ = w.cancel_animation_frame(id);
            }
            for t in [self.typing_timer.take(), self.link_timer.take()]
                .into_iter()
                .flatten()
            {
                w.clear_timeout_with_handle(t);
            }
        }
        self.raf = None;
        self.later = None;
        // A copy still settling will call its callback: that one closure stays for it.
        match (self.copied.take(), self.copy_note.is_some()) {
            (Some(c), true) => c.forget(),
            (c, _) => drop(c),
        }
    }

    /// An action for the demo core; `source` is the control it came from (which keeps its own
    /// text while it is being edited).
    fn dispatch(&mut self, action: Action, source: Option<&EventTarget>) {
        let d = self.demo.apply(action);
        self.absorb(d, source);
    }

    /// Takes in what the core says must change: controls and presenter mode at once, the link
    /// soon, the drawing at the next frame.
    fn absorb(&mut self, d: Dirty, source: Option<&EventTarget>) {
        self.dirty |= d;
        let mut done = Ok(());
        if d.controls {
            done = self.page.controls.sync(self.demo.settings(), source);
        }
        if d.presenter {
            done = done.and(self.apply_presenter());
        }
        if d.link {
            done = done.and(self.link_changed());
        }
        if let Err(e) = done {
            self.fail(&e);
        }
    }

    /// Says what failed in the error line.
    fn fail(&mut self, e: &WebError) {
        let d = self.demo.fail(&e.to_string());
        self.dirty |= d;
    }

    /// Presenter mode: large type and thick lines.
    fn apply_presenter(&mut self) -> Res {
        let on = self.demo.settings().presenter;
        set_class(&self.page.root, "descent-presenter", on)?;
        if self.painter.set_presenter(on) {
            self.dirty |= Dirty::redraw();
        }
        Ok(())
    }

    /// Draws what is out of date; a failure is said in the error line.
    fn render(&mut self) {
        if let Err(e) = self.painter.paint(&self.page, &self.demo, &mut self.dirty) {
            self.fail(&e);
            // The words, at least, can still say what happened.
            if self.page.show_words(&self.demo.words()).is_ok() {
                self.dirty.words = false;
            }
        }
    }

    /// Draws now what is out of date; with `full`, everything, the samples included (for the
    /// benchmark).
    pub fn render_now(&mut self, full: bool) {
        if full {
            self.dirty |= Dirty {
                samples: true,
                ..Dirty::redraw()
            };
        }
        self.render();
    }

    /// Asks for an animation frame, unless one is coming.
    fn schedule(&mut self) {
        if self.raf_id.is_some() {
            return;
        }
        let (Some(f), Ok(w)) = (&self.raf, window()) else {
            return;
        };
        match w.request_animation_frame(f.as_ref().unchecked_ref()) {
            Ok(id) => self.raf_id = Some(id),
            Err(e) => self.fail(&e.into()),
        }
    }

    /// One animation frame: the clock moves the balls, what changed is drawn, and another
    /// frame is asked for while the demo wants one.
    fn frame(&mut self, now: f64) {
        self.raf_id = None;
        super::bench::maybe_panic();
        let started = super::bench::now();
        let redraws_plot = self.dirty.plot || self.dirty.samples;
        self.dispatch(Action::Frame(now), None);
        self.render();
        super::bench::frame_done(started, redraws_plot);
        if self.demo.wants_frames() {
            self.schedule();
        }
    }

    /// What an event asks for. Returns whether the demo must be mounted again.
    fn on_event(&mut self, e: &web_sys::Event) -> bool {
        let Some(input) = events::translate(e, &self.painter) else {
            return false;
        };
        let target = e.target();
        match input {
            Input::Act(action) => {
                if let (Action::Press(Some(_)), Some(p)) =
                    (&action, e.dyn_ref::<web_sys::PointerEvent>())
                {
                    // Without the capture a drag that leaves the plot only stops following.
                    let _ = self.page.plot.overlay.set_pointer_capture(p.pointer_id());
                }
                self.dispatch(action, target.as_ref());
            }
            Input::Key(action) => {
                e.prevent_default();
                e.stop_propagation();
                self.dispatch(action, None);
            }
            Input::Typing => self.typing_paused(),
            Input::TypeNow(text) => {
                e.prevent_default();
                self.clear_typing_timer();
                self.dispatch(Action::Type(text), None);
            }
            Input::Export(x) => {
                if let Err(e) = self.export(x) {
                    self.fail(&e);
                }
            }
            Input::Remount => return true,
            Input::MediaChanged => {
                self.painter.read_theme(&self.page.root);
                self.dispatch(Action::ReducedMotion(media(REDUCED_MOTION)), None);
            }
            Input::Select(area) => area.select(),
        }
        self.schedule();
        false
    }

    fn clear_typing_timer(&mut self) {
        if let (Some(t), Ok(w)) = (self.typing_timer.take(), window()) {
            w.clear_timeout_with_handle(t);
        }
    }

    /// Applies the typed function once typing pauses for [`TYPING_PAUSE_MS`].
    fn typing_paused(&mut self) {
        self.clear_typing_timer();
        let (Some(f), Ok(w)) = (&self.later, window()) else {
            return;
        };
        let f: &js_sys::Function = f.as_ref().unchecked_ref();
        match w.set_timeout_with_callback_and_timeout_and_arguments_0(f, TYPING_PAUSE_MS) {
            Ok(t) => self.typing_timer = Some(t),
            Err(e) => self.fail(&e.into()),
        }
    }

    /// A timer ran out: write the link, or apply the typed function.
    fn later(&mut self, what: JsValue) {
        if what.as_string().as_deref() == Some("link") {
            self.link_timer = None;
            if let Err(e) = self.write_link() {
                self.fail(&e);
            }
            return;
        }
        self.typing_timer = None;
        let text = self.page.controls.field("f").and_then(|f| f.input.as_ref());
        if let Some(text) = text.map(|input| input.value()) {
            self.dispatch(Action::Type(text), None);
        }
    }

    /// Keeps the page's link up to date, at most every [`LINK_EVERY_MS`].
    fn link_changed(&mut self) -> Res {
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

    fn write_link(&self) -> Res {
        let hash = crate::link::hash(&self.demo.shared_settings());
        let w = window()?;
        let current = w.location().hash()?;
        if current.trim_start_matches('#') != hash {
            w.history()?
                .replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{hash}")))?;
        }
        Ok(())
    }

    /// A link to the full demo that reopens this state.
    fn link(&self) -> Res<String> {
        let page = if self.sync_url {
            window()?.location().href()?
        } else {
            let www = super::www();
            www.strip_suffix("www/").unwrap_or(&www).to_string()
        };
        Ok(crate::link::link(&page, &self.demo.shared_settings()))
    }

    /// The buttons of the share row and the trace table.
    fn export(&mut self, x: Export) -> Res {
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
                exports::download(&url, "descent.png")
            }
            Export::Csv => {
                exports::download_text(&self.demo.csv(), "text/csv", "descent-trace.csv")
            }
        }
    }

    /// Copies `text`, then says in `note` whether it worked.
    fn copy(&mut self, text: &str, note: HtmlElement, done: &'static str) -> Res {
        let Some(settled) = &self.copied else {
            return Ok(());
        };
        exports::copy(text, settled)?;
        self.copy_note = Some((note, done));
        Ok(())
    }

    /// A copy settled: `undefined` when it worked, the reason when the browser blocked it.
    fn copy_settled(&mut self, outcome: JsValue) {
        if let Some((note, done)) = self.copy_note.take() {
            let words = if outcome.is_undefined() {
                done
            } else {
                "Copying was blocked: select the text and copy it"
            };
            set_text(&note, words);
        }
    }

    /// A key pressed outside every demo (the focus on the page itself), when this is the only
    /// demo on the page.
    pub fn page_key(&mut self, e: &KeyboardEvent) {
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| self.page.root.contains(Some(&n)));
        if inside {
            return;
        }
        if let Some(action) = events::key(e) {
            e.prevent_default();
            self.dispatch(action, None);
            self.schedule();
        }
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        self.destroy();
    }
}

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
fn wire(shared: &Shared) -> Res {
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
    ] {
        listeners.listen(root, event, false)?;
    }
    // `toggle` (a details element opening) does not bubble: caught on the way down.
    listeners.listen(root, "toggle", true)?;
    let win = window()?;
    if r.sync_url {
        listeners.listen(win.as_ref(), "hashchange", false)?;
    }
    for query in QUERIES {
        if let Some(list) = win.match_media(query)? {
            listeners.listen(list.as_ref(), "change", false)?;
        }
    }
    let w = weak.clone();
    let sized = [r.page.plot.holder.as_ref(), r.page.loss.holder.as_ref()];
    listeners.observe(
        move |entries: js_sys::Array| {
            let visible = entries
                .iter()
                .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
                .map(|e| e.is_intersecting())
                .next_back();
            with(&w, |r| {
                match visible {
                    Some(v) => r.dispatch(Action::Visible(v), None),
                    None => {
                        r.painter.resized();
                        r.dispatch(Action::Resized, None);
                    }
                }
                r.schedule();
            })
        },
        &sized,
        r.page.root.as_ref(),
    )?;
    r.listeners = Some(listeners);
    Ok(())
}

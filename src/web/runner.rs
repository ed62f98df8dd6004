//! One mounted demo, the web runner: it owns the demo core, its elements, the painter, its
//! listeners, its timers and its animation frame. Events come in through [`super::events`] and
//! go to the core as actions; the flags the core returns are painted at the next frame. When the
//! demo is replaced or removed, [`Runner::destroy`] lets go of everything it holds on the page.
//! Its connections are made in [`super::wire`], its timers kept in [`super::timers`], its
//! exports in [`super::exports`].

use super::dom::{media, set_class, window, Res, WebError};
use super::events::{self, Input, Over};
use super::layout::Page;
use super::listeners::Listeners;
use super::paint::Painter;
use super::wire::wire;
use crate::demo::{Action, Demo, Dirty};
use crate::settings::{ParamError, Settings};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{EventTarget, HtmlElement, KeyboardEvent};

pub type Shared = Rc<RefCell<Runner>>;

/// The media queries a demo follows: the colour scheme and the motion preference.
const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";
pub(super) const QUERIES: [&str; 2] = ["(prefers-color-scheme: dark)", REDUCED_MOTION];
/// Milliseconds of each animation frame given to computing a map.
const MAP_MS: f64 = 6.0;

/// One demo on the page.
pub struct Runner {
    pub(super) demo: Demo,
    pub(super) page: Page,
    pub(super) painter: Painter,
    /// What must be drawn at the next frame.
    pub(super) dirty: Dirty,
    /// Whether this demo owns the page's link (reads it when mounted, keeps it up to date).
    pub(super) sync_url: bool,
    pub(super) listeners: Option<Listeners>,
    /// The animation-frame callback, and the frame asked for, if any.
    pub(super) raf: Option<Closure<dyn FnMut(f64)>>,
    pub(super) raf_id: Option<i32>,
    /// What waits for a timer: `"link"` writes the link; anything else applies the typed
    /// function after a pause in typing.
    pub(super) later: Option<Closure<dyn FnMut(JsValue)>>,
    pub(super) typing_timer: Option<i32>,
    pub(super) link_timer: Option<i32>,
    /// Called when a copy to the clipboard settles: `undefined` when it worked.
    pub(super) copied: Option<Closure<dyn FnMut(JsValue)>>,
    /// Where to say how each pending copy went, and the words for success, oldest first.
    pub(super) copy_notes: Vec<(HtmlElement, &'static str)>,
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
        let mut painter = Painter::new(&page);
        painter.read_theme(root);
        page.data.sync(root, &demo)?;
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
            copy_notes: Vec::new(),
        };
        let shared = Rc::new(RefCell::new(runner));
        wire(&shared)?;
        let mut r = shared.borrow_mut();
        r.apply_presenter()?;
        // The first figure is drawn now, not at the next animation frame: a student's first
        // visit sees it a frame sooner.
        let started = super::bench::now();
        r.render();
        super::bench::frame_done(started, true);
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
                // An id the browser gave cannot be refused.
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
        match (self.copied.take(), !self.copy_notes.is_empty()) {
            (Some(c), true) => c.forget(),
            (c, _) => drop(c),
        }
    }

    /// An action for the demo core; `source` is the control it came from (which keeps its own
    /// text while it is being edited).
    pub(super) fn dispatch(&mut self, action: Action, source: Option<&EventTarget>) {
        let d = self.demo.apply(action);
        self.absorb(d, source);
    }

    /// Takes in what the core says must change: controls and presenter mode at once, the link
    /// soon, the drawing at the next frame.
    pub(super) fn absorb(&mut self, d: Dirty, source: Option<&EventTarget>) {
        self.dirty |= Dirty {
            controls: false,
            presenter: false,
            link: false,
            ..d
        };
        let mut done = Ok(());
        if d.controls {
            done = self
                .page
                .controls
                .sync(self.demo.settings(), self.demo.dim(), source)
                .and(self.page.data.sync(&self.page.root, &self.demo));
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
    pub(super) fn fail(&mut self, e: &WebError) {
        let d = self.demo.fail(&e.to_string());
        self.dirty |= d;
    }

    /// Presenter mode: large type and thick lines.
    pub(super) fn apply_presenter(&mut self) -> Res {
        let on = self.demo.settings().presenter;
        set_class(&self.page.root, "descent-presenter", on);
        if self.painter.set_presenter(on) {
            self.dirty |= Dirty::redraw();
        }
        Ok(())
    }

    /// Draws what is out of date; a failure is said in the error line.
    pub(super) fn render(&mut self) {
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
    #[cfg(feature = "bench")]
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
    pub(super) fn schedule(&mut self) {
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
    pub(super) fn frame(&mut self, now: f64) {
        self.raf_id = None;
        super::bench::maybe_panic();
        let started = super::bench::now();
        let redraws_plot = self.dirty.plot || self.dirty.samples;
        self.dispatch(Action::Frame(now), None);
        // The map computes on for part of the frame, leaving the rest to drawing.
        let until = started + MAP_MS;
        let d = self.demo.compute_map(&mut || super::bench::now() < until);
        self.absorb(d, None);
        self.render();
        super::bench::frame_done(started, redraws_plot);
        if self.demo.wants_frames() {
            self.schedule();
        }
    }

    /// What an event asks for. Returns whether the demo must be mounted again.
    pub(super) fn on_event(&mut self, e: &web_sys::Event) -> bool {
        let Some(input) = events::translate(e, &self.painter) else {
            return false;
        };
        let target = e.target();
        match input {
            Input::Act(action) => {
                let held = match &action {
                    Action::Press(Some(_)) | Action::Orbit(crate::demo::Orbit::Grab { .. }) => {
                        Some(&self.page.plot.overlay)
                    }
                    Action::Data(crate::demo::DataAction::Press { .. }) => {
                        Some(&self.page.data.chart.overlay)
                    }
                    _ => None,
                };
                if let (Some(el), Some(p)) = (held, e.dyn_ref::<web_sys::PointerEvent>()) {
                    // Without the capture a drag that leaves the chart only stops following.
                    let _ = el.set_pointer_capture(p.pointer_id());
                }
                // Once an edit is done, the box being edited shows the tidy value too.
                let source = target.as_ref().filter(|_| action != Action::EditDone);
                self.dispatch(action, source);
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
            Input::Over(over) => self.over(over),
            Input::Print(on) => self.print(on),
            Input::ApplyData => {
                let text = self.page.data.text.value();
                self.dispatch(Action::Data(crate::demo::DataAction::Type(text)), None);
            }
        }
        self.schedule();
        false
    }

    /// Printing (`on`) or done printing: the full demo's trace table is filled and opened for
    /// the printout, then closed again if it was closed. Only the table is written now (the
    /// printout is laid out before the next frame); the canvases are left alone, because
    /// Chromium prints a transparent canvas drawn at this moment as opaque white, hiding the
    /// curve under it. (On a dark screen the stylesheet turns them light for the printout.)
    fn print(&mut self, on: bool) {
        const OPENED: &str = "data-descent-printing";
        let trace = &self.page.controls.trace;
        if on && self.page.share.is_some() && !trace.open() {
            trace.set_open(true);
            super::dom::attr(trace, OPENED, "");
            let waiting = std::mem::replace(
                &mut self.dirty,
                Dirty {
                    table: true,
                    ..Dirty::default()
                },
            );
            self.render();
            self.dirty |= waiting;
        } else if !on && trace.has_attribute(OPENED) {
            let _ = trace.remove_attribute(OPENED);
            trace.set_open(false);
        }
    }

    /// The pointer over a chart: the read-out says what lies under it (on the plot, only
    /// while nothing is dragged), and the loss chart marks the step.
    fn over(&mut self, over: Over) {
        let text = match over {
            Over::Plot(at) => {
                self.dispatch(Action::Drag(at), None);
                at.filter(|_| !self.demo.dragging() && self.demo.dim() <= 2)
                    .map(|at| crate::demo::read_out(self.demo.race().function(), at))
            }
            Over::Loss(k) => Some(self.demo.loss_read_out(k)),
            Over::Nothing => None,
        };
        let marked = match over {
            Over::Loss(k) => Some(k),
            _ => None,
        };
        if self.painter.marked != marked {
            self.painter.marked = marked;
            self.dirty.progress = true;
        }
        self.page
            .explain
            .read_out(text.as_deref(), super::bench::now());
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

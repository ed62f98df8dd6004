//! One demo instance: its settings, its run, its canvases and controls, and the animation.
//! Each instance owns all of its state, so several on one page never interfere.

use super::controls::{Controls, Field, Share};
use super::dom::{append, make, on, set_text, show, text_el, window, Res};
use crate::objective::{pretty, Expr, Function, Objective};
use crate::params::{Control, Mode, ParamError, Settings, PAGE_TOLERANCE};
use crate::render::{draw_curve, draw_loss, draw_marks, Curve, Frame, Marks, Theme};
use crate::run::{explain, Record, RunConfig, Runner};
use crate::table::{brief, readable};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, Element, EventTarget, HtmlCanvasElement, HtmlElement,
    HtmlInputElement, KeyboardEvent, PointerEvent,
};

/// Steps computed as soon as the settings change; longer budgets are computed while playing.
const EAGER_STEPS: u64 = 5_000;
/// Rows kept in memory; a longer run is thinned evenly.
const KEEP_ROWS: usize = 100_000;
/// Rows shown in the trace table.
const TABLE_ROWS: usize = 1_000;
/// How long a single step takes to animate, in seconds.
const STEP_SECONDS: f64 = 0.35;
/// How long the typed function waits for a pause in typing, in milliseconds.
const TYPING_PAUSE_MS: i32 = 400;
/// The link in the address bar follows the state at most this often, in milliseconds.
const LINK_EVERY_MS: i32 = 250;
/// Presenter mode enlarges lines and type by this factor.
const PRESENTER_ZOOM: f64 = 1.6;

pub type Shared = Rc<RefCell<Instance>>;

/// What must be redrawn.
#[derive(Default)]
struct Dirty {
    curve: bool,
    marks: bool,
    loss: bool,
    words: bool,
    table: bool,
}

struct Canvases {
    plot: HtmlElement,
    base: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    loss: HtmlCanvasElement,
}

struct Words {
    formula: HtmlElement,
    /// The lesson's caption.
    caption: HtmlElement,
    status: HtmlElement,
    reason: HtmlElement,
    error: HtmlElement,
}

pub struct Instance {
    root: HtmlElement,
    settings: Settings,
    /// The last function that parsed: a bad typed one never replaces it.
    function: Function,
    runner: Runner,
    controls: Controls,
    canvases: Canvases,
    words: Words,
    theme: Theme,
    curve: Option<Curve>,
    frame: Option<Frame>,
    /// The row the ball is on.
    t: usize,
    /// How far it has moved toward the next row (0 to 1).
    phase: f64,
    playing: bool,
    /// Stop playing when the ball reaches this row (a single step).
    target: Option<usize>,
    last_time: Option<f64>,
    dirty: Dirty,
    raf_pending: bool,
    raf: Option<js_sys::Function>,
    reduced_motion: bool,
    dragging: bool,
    typing_timer: Option<i32>,
    /// Whether this instance owns the page's link (reads it on load, keeps it up to date).
    sync_url: bool,
    link_timer: Option<i32>,
    link_fn: Option<js_sys::Function>,
    /// On screen: off-screen instances do not animate.
    on_screen: bool,
    share: Option<Share>,
}

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

fn media(query: &str) -> bool {
    window()
        .ok()
        .and_then(|w| w.match_media(query).ok().flatten())
        .is_some_and(|m| m.matches())
}

impl Instance {
    /// Builds an instance inside `root` with `settings`; `notes` says what in them could not
    /// be used. With `sync_url` it owns the page's link.
    pub fn mount(
        root: HtmlElement,
        settings: Settings,
        sync_url: bool,
        notes: &[ParamError],
    ) -> Res<Shared> {
        root.class_list().add_1("descent")?;
        root.set_attribute("data-descent-mounted", "")?;
        root.set_text_content(None);

        let stage: HtmlElement = make("div", "descent-stage")?;
        let formula: HtmlElement = make("p", "descent-formula")?;
        let caption: HtmlElement = make("p", "descent-caption")?;
        caption.set_attribute("aria-live", "polite")?;
        caption.set_hidden(true);
        let notice: HtmlElement = make("p", "descent-notice")?;
        notice.set_attribute("role", "status")?;
        notice.set_hidden(notes.is_empty());
        if !notes.is_empty() {
            let list: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
            notice.set_text_content(Some(&format!(
                "Some settings could not be used: {}.",
                list.join("; ")
            )));
        }
        let error: HtmlElement = make("p", "descent-error")?;
        error.set_attribute("role", "alert")?;
        error.set_hidden(true);
        let plot: HtmlElement = make("div", "descent-plot")?;
        let base: HtmlCanvasElement = make("canvas", "descent-base")?;
        let overlay: HtmlCanvasElement = make("canvas", "descent-overlay")?;
        base.set_attribute("aria-hidden", "true")?;
        overlay.set_attribute("role", "img")?;
        // The layers stack over the plot box and never size it, even without the stylesheet
        // (otherwise a canvas sized to its box would grow the box, frame after frame).
        plot.style().set_property("position", "relative")?;
        for c in [&base, &overlay] {
            let style = c.style();
            style.set_property("position", "absolute")?;
            style.set_property("inset", "0")?;
            style.set_property("width", "100%")?;
            style.set_property("height", "100%")?;
        }
        append(&plot, &[&base, &overlay])?;
        let loss_title: HtmlElement = text_el("p", "descent-loss-title", "f(x) at each step")?;
        loss_title.set_attribute("aria-hidden", "true")?;
        let loss: HtmlCanvasElement = make("canvas", "descent-loss")?;
        loss.set_attribute("role", "img")?;
        loss.set_attribute("aria-label", "Chart of f(x) at each step")?;
        let status: HtmlElement = make("p", "descent-status")?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        let reason: HtmlElement = make("p", "descent-reason")?;
        let controls = Controls::build(&settings, |p| {
            p.control != Control::Hidden && settings.shows(p.key)
        })?;
        append(
            &stage,
            &[
                &notice,
                &formula,
                &caption,
                &error,
                &plot,
                &controls.toolbar,
                &status,
                &reason,
                &loss_title,
                &loss,
            ],
        )?;
        let layout: HtmlElement = make("div", "descent-layout")?;
        append(&layout, &[&stage, &controls.panel])?;
        root.append_child(&layout)?;
        // The full demo shares and exports; a demo restricted to a few controls does not.
        let share = if settings.controls.trim().is_empty() {
            let share = Share::build()?;
            controls.panel.append_child(&share.row)?;
            Some(share)
        } else {
            None
        };

        let (function, note) = match settings.function() {
            Ok(f) if f.dim() == 1 => (f, None),
            Ok(_) => (
                Function::Preset(settings.preset),
                Some("this view shows functions of x only".to_string()),
            ),
            Err(e) => (Function::Preset(settings.preset), Some(e.to_string())),
        };
        let optimizer = settings.hyper().build().map_err(js_err)?;
        let runner = Runner::new(
            &function,
            optimizer,
            RunConfig::new([0.0; 2], 0, settings.domain()),
        );
        let reduced_motion = media("(prefers-reduced-motion: reduce)");
        let inst = Instance {
            root: root.clone(),
            settings,
            function,
            runner,
            controls,
            canvases: Canvases {
                plot,
                base,
                overlay,
                loss,
            },
            words: Words {
                formula,
                caption,
                status,
                reason,
                error,
            },
            theme: Theme::light(),
            curve: None,
            frame: None,
            t: 0,
            phase: 0.0,
            playing: !reduced_motion,
            target: None,
            last_time: None,
            dirty: Dirty::default(),
            raf_pending: false,
            raf: None,
            reduced_motion,
            dragging: false,
            typing_timer: None,
            sync_url,
            link_timer: None,
            link_fn: None,
            on_screen: true,
            share,
        };
        let shared = Rc::new(RefCell::new(inst));
        {
            let mut i = shared.borrow_mut();
            i.read_theme();
            i.recompute();
            if let Some(message) = note {
                i.show_alert(&message);
            }
            i.redraw_all();
            i.apply_presenter();
            if i.settings.at > 0 {
                // A link that points at a step opens there, paused.
                i.t = (i.settings.at as usize).min(i.end());
                i.playing = false;
            } else {
                i.restart();
                i.t = i.t.min(i.end());
            }
        }
        wire(&shared)?;
        schedule(&shared);
        Ok(shared)
    }

    fn optimizer_config(&self) -> RunConfig {
        RunConfig {
            keep: KEEP_ROWS,
            ..self.settings.run_config(PAGE_TOLERANCE)
        }
    }

    /// Runs the settings again from the start; the ball keeps its step when it can.
    fn recompute(&mut self) {
        let optimizer = match self.settings.hyper().build() {
            Ok(o) => o,
            Err(e) => return self.fail(&e.message),
        };
        self.runner = Runner::new(&self.function, optimizer, self.optimizer_config());
        self.runner.advance(&self.function, EAGER_STEPS);
        if self.t > self.end() {
            self.t = self.end();
            self.phase = 0.0;
        }
        if self.t == self.end() {
            self.phase = 0.0;
        }
        self.dirty.marks = true;
        self.dirty.loss = true;
        self.dirty.words = true;
        self.dirty.table = true;
        self.update_caption();
    }

    /// The lesson's caption, from the run just computed.
    fn update_caption(&mut self) {
        let lesson = crate::lessons::lesson(&self.settings.lesson);
        if let (Some(l), Some(stop)) = (lesson, self.runner.stop()) {
            let text = l.caption(
                &self.settings,
                &self.function,
                self.runner.trajectory(),
                stop,
            );
            set_text(&self.words.caption, &text);
        }
        show(&self.words.caption, lesson.is_some());
    }

    pub fn root(&self) -> &HtmlElement {
        &self.root
    }

    /// Presenter mode: large type and thick lines.
    fn apply_presenter(&mut self) {
        let _ = self
            .root
            .class_list()
            .toggle_with_force("descent-presenter", self.settings.presenter);
        let zoom = if self.settings.presenter {
            PRESENTER_ZOOM
        } else {
            1.0
        };
        if self.theme.zoom != zoom {
            self.theme.zoom = zoom;
            self.redraw_all();
        }
    }

    /// The state now, as a link carries it: with the step the ball rests on when paused.
    fn shared_settings(&self) -> Settings {
        let at = if self.playing { 0 } else { self.t as u64 };
        Settings {
            at,
            ..self.settings.clone()
        }
    }

    /// Keeps the page's link up to date, at most every [`LINK_EVERY_MS`].
    fn link_changed(&mut self) {
        if !self.sync_url || self.link_timer.is_some() {
            return;
        }
        if let (Some(f), Ok(w)) = (self.link_fn.clone(), window()) {
            self.link_timer = w
                .set_timeout_with_callback_and_timeout_and_arguments_0(&f, LINK_EVERY_MS)
                .ok();
        }
    }

    fn write_link(&mut self) {
        self.link_timer = None;
        let hash = crate::share::hash(&self.shared_settings());
        if let Ok(w) = window() {
            let current = w.location().hash().unwrap_or_default();
            if current.trim_start_matches('#') != hash {
                if let Ok(history) = w.history() {
                    let _ = history.replace_state_with_url(
                        &JsValue::NULL,
                        "",
                        Some(&format!("#{hash}")),
                    );
                }
            }
        }
    }

    fn rows(&self) -> &[Record] {
        self.runner.trajectory().rows()
    }

    /// The last row computed so far.
    fn end(&self) -> usize {
        self.rows().len().saturating_sub(1)
    }

    fn finished(&self) -> bool {
        self.runner.stop().is_some()
    }

    /// Makes sure the row after `t` exists when the run goes on.
    fn compute_ahead(&mut self, rows: usize) {
        if !self.finished() && self.t + rows >= self.end() {
            let chunk = (rows as u64).max(1000);
            self.runner.advance(&self.function, chunk);
            self.dirty.loss = true;
            self.dirty.table = true;
        }
    }

    fn redraw_all(&mut self) {
        self.dirty = Dirty {
            curve: true,
            marks: true,
            loss: true,
            words: true,
            table: true,
        };
    }

    /// Reads the colours from the page's CSS, and the device pixel ratio.
    fn read_theme(&mut self) {
        let dark = media("(prefers-color-scheme: dark)");
        let base = if dark { Theme::dark() } else { Theme::light() };
        let style = window()
            .ok()
            .and_then(|w| w.get_computed_style(&self.root).ok().flatten());
        let zoom = self.theme.zoom;
        self.theme = Theme {
            dpr: window()
                .map(|w| w.device_pixel_ratio())
                .unwrap_or(1.0)
                .max(0.5),
            zoom,
            ..base.with_colors(|name| {
                let v = style
                    .as_ref()?
                    .get_property_value(&format!("--descent-{name}"))
                    .ok()?;
                (!v.trim().is_empty()).then_some(v)
            })
        };
        self.dirty.curve = true;
    }

    /// A message in the error area (never the console).
    fn fail(&mut self, message: &str) {
        set_text(&self.words.error, message);
        show(&self.words.error, true);
    }

    fn show_alert(&mut self, message: &str) {
        let alert = &self.controls.alert;
        set_text(alert, message);
        show(alert, true);
        if let Some(input) = self.controls.field("f").and_then(|f| f.input.as_ref()) {
            let _ = input.set_attribute("aria-invalid", "true");
        }
    }

    fn clear_alert(&mut self) {
        show(&self.controls.alert, false);
        if let Some(input) = self.controls.field("f").and_then(|f| f.input.as_ref()) {
            let _ = input.remove_attribute("aria-invalid");
        }
    }

    /// Applies one setting from a control, then recomputes what depends on it.
    fn set(&mut self, key: &str, raw: &str, source: Option<&EventTarget>) {
        if key == "f" {
            return self.set_function(raw);
        }
        if let Err(e) = self.settings.apply(key, raw, Mode::Lenient) {
            return self.fail(&e.message);
        }
        show(&self.words.error, false);
        // Momentum means something only to the methods that use it: asking for some picks one.
        if key == "momentum"
            && self.settings.momentum > 0.0
            && !self.settings.method.uses_momentum()
        {
            self.settings.method = crate::optim::Method::Momentum;
        }
        match key {
            "preset" | "lesson" => {
                self.function = Function::Preset(self.settings.preset);
                self.clear_alert();
                self.curve = None;
                self.dirty.curve = true;
                self.restart();
            }
            "xmin" | "xmax" => {
                self.curve = None;
                self.dirty.curve = true;
            }
            "presenter" => self.apply_presenter(),
            _ => {}
        }
        self.recompute();
        self.controls.sync(&self.settings, source);
        self.link_changed();
    }

    /// A typed function: applied when it parses, otherwise an alert while the last good
    /// function stays on screen.
    fn set_function(&mut self, text: &str) {
        let text = text.trim();
        let parsed = if text.is_empty() || text == self.settings.preset.formula() {
            Ok(Function::Preset(self.settings.preset))
        } else {
            Expr::parse(text).map(|e| Function::Typed(Arc::new(e)))
        };
        match parsed {
            Ok(f) if f.dim() == 1 => {
                self.settings.expr = match f {
                    Function::Typed(_) => text.to_string(),
                    Function::Preset(_) => String::new(),
                };
                self.function = f;
                self.clear_alert();
                self.curve = None;
                self.dirty.curve = true;
                self.recompute();
                // A typed function ends the lesson: the menu says so too.
                self.controls.sync(&self.settings, None);
                self.link_changed();
            }
            Ok(_) => {
                self.show_alert("this view shows functions of x only: y is not available here")
            }
            Err(e) => self.show_alert(&e.to_string()),
        }
    }

    /// Plays the run from its start; with reduced motion, shows it whole at once.
    fn restart(&mut self) {
        self.phase = 0.0;
        self.target = None;
        self.last_time = None;
        if self.reduced_motion {
            self.t = usize::MAX;
            self.playing = false;
        } else {
            self.t = 0;
            self.playing = true;
        }
    }

    pub fn toggle_play(&mut self) {
        self.link_changed();
        if self.playing && self.target.is_none() {
            self.playing = false;
        } else {
            if self.t >= self.end() && self.finished() {
                self.t = 0;
                self.phase = 0.0;
            }
            self.playing = true;
            self.target = None;
            self.last_time = None;
        }
        self.dirty.words = true;
    }

    pub fn step(&mut self) {
        self.link_changed();
        self.compute_ahead(2);
        if self.t >= self.end() {
            return;
        }
        if self.reduced_motion {
            self.t += 1;
            self.phase = 0.0;
            self.playing = false;
        } else {
            self.playing = true;
            self.target = Some(self.t + 1);
            self.last_time = None;
        }
        self.dirty.marks = true;
        self.dirty.loss = true;
        self.dirty.words = true;
    }

    pub fn step_back(&mut self) {
        self.link_changed();
        self.playing = false;
        self.target = None;
        if self.phase == 0.0 {
            self.t = self.t.saturating_sub(1);
        }
        self.phase = 0.0;
        self.dirty.marks = true;
        self.dirty.loss = true;
        self.dirty.words = true;
    }

    pub fn reset(&mut self) {
        self.link_changed();
        self.playing = false;
        self.target = None;
        self.t = 0;
        self.phase = 0.0;
        self.dirty.marks = true;
        self.dirty.loss = true;
        self.dirty.words = true;
    }

    /// Moves the ball on by the time since the last frame.
    fn tick(&mut self, now: f64) {
        if !self.playing {
            self.last_time = None;
            return;
        }
        let dt = self
            .last_time
            .map_or(0.0, |last| ((now - last) / 1000.0).clamp(0.0, 0.25));
        self.last_time = Some(now);
        let rate = if self.target.is_some() {
            (1.0 / STEP_SECONDS).max(self.settings.speed)
        } else {
            self.settings.speed
        };
        self.phase += dt * rate;
        self.compute_ahead(self.phase.ceil() as usize + 2);
        while self.phase >= 1.0 && self.t < self.end() {
            self.phase -= 1.0;
            self.t += 1;
            self.dirty.loss = true;
            self.dirty.words = true;
        }
        let stop_at = self.target.unwrap_or(usize::MAX).min(self.end());
        if self.t >= stop_at && (self.finished() || self.target.is_some()) {
            self.t = stop_at;
            self.phase = 0.0;
            self.playing = false;
            self.target = None;
            self.dirty.words = true;
        }
        self.dirty.marks = true;
    }

    /// Sizes a canvas's backing store to its CSS size times the device pixel ratio.
    fn fit(canvas: &HtmlCanvasElement, css: (f64, f64), dpr: f64) -> bool {
        let w = (css.0 * dpr).round().max(1.0) as u32;
        let h = (css.1 * dpr).round().max(1.0) as u32;
        let changed = canvas.width() != w || canvas.height() != h;
        if changed {
            canvas.set_width(w);
            canvas.set_height(h);
        }
        changed
    }

    /// Draws whatever is out of date.
    fn render(&mut self) -> Res {
        // Browser zoom and moving to another screen change the pixel ratio.
        let dpr = window()?.device_pixel_ratio().max(0.5);
        if dpr != self.theme.dpr {
            self.theme.dpr = dpr;
            self.redraw_all();
        }
        let plot = self.canvases.plot.get_bounding_client_rect();
        let plot_css = (plot.width(), plot.height());
        if plot_css.0 < 2.0 || plot_css.1 < 2.0 {
            return Ok(());
        }
        if Self::fit(&self.canvases.base, plot_css, dpr)
            | Self::fit(&self.canvases.overlay, plot_css, dpr)
        {
            self.dirty.curve = true;
            self.dirty.marks = true;
        }
        let loss = self.canvases.loss.get_bounding_client_rect();
        if Self::fit(&self.canvases.loss, (loss.width(), loss.height()), dpr) {
            self.dirty.loss = true;
        }
        if self.dirty.curve {
            let x = [self.settings.xmin, self.settings.xmax];
            let width = self.canvases.base.width() as usize;
            let samples = (width / 2).clamp(200, 1200);
            let stale = self
                .curve
                .as_ref()
                .is_none_or(|c| c.points.len() != samples);
            if stale {
                self.curve = Some(Curve::sample(&self.function, x, samples));
            }
            if let Some(curve) = &self.curve {
                let area = backend(&self.canvases.base)?.into_drawing_area();
                self.frame = Some(draw_curve(&area, curve, x, &self.theme).map_err(js_err)?);
            }
            let label = format!("f(x) = {}", pretty(self.settings.formula()));
            set_text(&self.words.formula, &label);
            self.dirty.curve = false;
            self.dirty.marks = true;
        }
        if self.dirty.marks {
            self.draw_marks()?;
            self.dirty.marks = false;
        }
        if self.dirty.loss {
            let area = backend(&self.canvases.loss)?.into_drawing_area();
            draw_loss(&area, self.rows(), self.t, &self.theme).map_err(js_err)?;
            self.dirty.loss = false;
        }
        if self.dirty.words {
            self.update_words();
            self.dirty.words = false;
        }
        if self.dirty.table && self.controls.trace.open() {
            self.fill_table()?;
            self.dirty.table = false;
        }
        Ok(())
    }

    fn draw_marks(&mut self) -> Res {
        let Some(frame) = self.frame else {
            return Ok(());
        };
        let canvas = &self.canvases.overlay;
        context(canvas)?.clear_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
        let rows = self.rows();
        let t = self.t.min(rows.len().saturating_sub(1));
        let marks = Marks {
            rows: &rows[..(t + 1).min(rows.len())],
            next: rows.get(t + 1),
            // With reduced motion the ball jumps from step to step, without the hop between.
            phase: if self.reduced_motion { 0.0 } else { self.phase },
            dim: 1,
        };
        let area = backend(canvas)?.into_drawing_area();
        draw_marks(&area, &frame, &marks, &self.theme).map_err(js_err)?;
        let label = rows.get(t).map_or(String::new(), |r| {
            format!(
                "Plot of f(x) = {} with the ball at x = {}, f(x) = {}",
                pretty(self.settings.formula()),
                brief(r.x[0]),
                brief(r.f)
            )
        });
        let _ = canvas.set_attribute("aria-label", &label);
        Ok(())
    }

    /// The status line and the stop reason.
    fn update_words(&mut self) {
        let rows = self.rows();
        let Some(r) = rows.get(self.t.min(rows.len().saturating_sub(1))) else {
            return;
        };
        let status = format!(
            "step {} of {} · x = {} · f(x) = {} · f′(x) = {} · η = {}",
            r.step,
            self.settings.steps,
            brief(r.x[0]),
            brief(r.f),
            brief(r.g[0]),
            brief(r.lr)
        );
        set_text(&self.words.status, &status);
        // While playing, the live region stays quiet; it speaks when the ball rests.
        let live = if self.playing && self.target.is_none() {
            "off"
        } else {
            "polite"
        };
        let _ = self.words.status.set_attribute("aria-live", live);
        let at_end = self.t >= self.end() && self.phase == 0.0;
        let reason = match self.runner.stop() {
            Some(stop) if at_end => explain(
                stop,
                self.runner.trajectory(),
                &self.function,
                self.runner.optimizer(),
                self.settings.domain(),
            ),
            _ => "Space plays or pauses · → steps · ← steps back · R resets".to_string(),
        };
        set_text(&self.words.reason, &reason);
        let _ = self
            .words
            .reason
            .class_list()
            .toggle_with_force("descent-done", at_end);
        let playing = self.playing && self.target.is_none();
        set_text(&self.controls.play, if playing { "Pause" } else { "Play" });
        let _ = self
            .controls
            .play
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }

    /// The trace table: the same numbers `descent trace` prints.
    fn fill_table(&self) -> Res {
        let table = &self.controls.table;
        table.set_text_content(None);
        let head: Element = make("thead", "")?;
        let tr: Element = make("tr", "")?;
        for h in ["step", "x", "f(x)", "f′(x)", "η"] {
            let th: Element = text_el("th", "", h)?;
            th.set_attribute("scope", "col")?;
            tr.append_child(&th)?;
        }
        head.append_child(&tr)?;
        let body: Element = make("tbody", "")?;
        let rows = self.rows();
        for r in rows.iter().take(TABLE_ROWS) {
            let tr: Element = make("tr", "")?;
            let cells = [
                r.step.to_string(),
                readable(r.x[0]),
                readable(r.f),
                readable(r.g[0]),
                readable(r.lr),
            ];
            for c in cells {
                let td: Element = text_el("td", "", &c)?;
                tr.append_child(&td)?;
            }
            body.append_child(&tr)?;
        }
        append(table, &[&head, &body])?;
        if rows.len() > TABLE_ROWS {
            let note: Element = text_el(
                "caption",
                "",
                &format!(
                    "The first {TABLE_ROWS} of {} rows; Copy CSV copies them all.",
                    rows.len()
                ),
            )?;
            table.insert_before(&note, table.first_child().as_ref())?;
        }
        Ok(())
    }

    fn csv(&self) -> String {
        crate::table::csv(self.runner.trajectory().iter(), 1)
    }

    /// The x under a pointer on the plot, if it is inside the plot.
    fn x_at(&self, e: &PointerEvent) -> Option<f64> {
        let frame = self.frame?;
        let px = (
            f64::from(e.offset_x()) * self.theme.dpr,
            f64::from(e.offset_y()) * self.theme.dpr,
        );
        frame.contains(px).then(|| frame.to_data(px)[0])
    }
}

fn context(canvas: &HtmlCanvasElement) -> Res<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

fn backend(canvas: &HtmlCanvasElement) -> Res<CanvasBackend> {
    CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("the canvas has no 2d context"))
}

/// Asks for a frame, unless one is already coming.
pub fn schedule(shared: &Shared) {
    let Ok(mut i) = shared.try_borrow_mut() else {
        return;
    };
    if i.raf_pending {
        return;
    }
    if let (Some(f), Ok(w)) = (i.raf.clone(), window()) {
        if w.request_animation_frame(&f).is_ok() {
            i.raf_pending = true;
        }
    }
}

/// One animation frame: move the ball, draw, and ask for another while playing.
fn frame(weak: &Weak<RefCell<Instance>>, now: f64) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let again = {
        let Ok(mut i) = shared.try_borrow_mut() else {
            return;
        };
        i.raf_pending = false;
        let was_playing = i.playing;
        i.tick(now);
        if was_playing && !i.playing {
            // The ball came to rest: the link now says where.
            i.link_changed();
        }
        if let Err(e) = i.render() {
            let message = e.as_string().unwrap_or_else(|| "drawing failed".into());
            i.fail(&message);
        }
        i.playing && i.on_screen
    };
    if again {
        schedule(&shared);
    }
}

/// Runs `f` on the instance, then asks for a frame.
fn with(weak: &Weak<RefCell<Instance>>, f: impl FnOnce(&mut Instance)) {
    if let Some(shared) = weak.upgrade() {
        if let Ok(mut i) = shared.try_borrow_mut() {
            f(&mut i);
        }
        schedule(&shared);
    }
}

fn is_text_entry(target: Option<&EventTarget>) -> (bool, bool, bool) {
    let Some(el) = target.and_then(|t| t.dyn_ref::<Element>()) else {
        return (false, false, false);
    };
    let tag = el.tag_name().to_ascii_lowercase();
    let kind = el
        .dyn_ref::<HtmlInputElement>()
        .map(|i| i.type_())
        .unwrap_or_default();
    let typing = tag == "textarea" || tag == "select" || (tag == "input" && kind != "range");
    (typing, kind == "range", tag == "button" || tag == "summary")
}

/// Keys: Space plays or pauses, → steps, ← steps back, R resets. Keys meant for a text box, a
/// slider or a button are left to them.
fn key(inst: &mut Instance, e: &KeyboardEvent) -> bool {
    if e.ctrl_key() || e.meta_key() || e.alt_key() {
        return false;
    }
    let (typing, slider, button) = is_text_entry(e.target().as_ref());
    if typing {
        return false;
    }
    match e.key().as_str() {
        " " | "Spacebar" if !button => inst.toggle_play(),
        "ArrowRight" if !slider => inst.step(),
        "ArrowLeft" if !slider => inst.step_back(),
        "r" | "R" => inst.reset(),
        _ => return false,
    }
    true
}

/// A key pressed outside every instance (focus on the page itself): handled by `shared`.
pub fn page_key(shared: &Shared, e: &KeyboardEvent) {
    let inside = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|n| shared.try_borrow().is_ok_and(|i| i.root.contains(Some(&n))));
    if inside {
        return;
    }
    let handled = shared
        .try_borrow_mut()
        .map(|mut i| key(&mut i, e))
        .unwrap_or(false);
    if handled {
        e.prevent_default();
        schedule(shared);
    }
}

/// Connects the controls, keys, pointer, size and theme changes to the instance.
fn wire(shared: &Shared) -> Res {
    let weak = Rc::downgrade(shared);
    let i = shared.borrow();

    let raf_weak = weak.clone();
    let raf = Closure::<dyn FnMut(f64)>::new(move |now: f64| frame(&raf_weak, now));
    let link_weak = weak.clone();
    let link = Closure::<dyn FnMut()>::new(move || {
        if let Some(shared) = link_weak.upgrade() {
            if let Ok(mut i) = shared.try_borrow_mut() {
                i.write_link();
            }
        }
    });
    drop(i);
    {
        let mut i = shared.borrow_mut();
        i.raf = Some(raf.into_js_value().unchecked_into());
        i.link_fn = Some(link.into_js_value().unchecked_into());
    }
    let i = shared.borrow();
    if let Some(share) = &i.share {
        wire_share(&weak, share)?;
    }
    if i.sync_url {
        // The link changed by hand, or by going back: open what it says.
        let root = i.root.clone();
        let win: EventTarget = window()?.into();
        on::<web_sys::Event>(&win, "hashchange", move |_| super::remount(&root))?;
    }
    // Off-screen instances do not animate.
    let w = weak.clone();
    let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries.iter().any(|e| {
            e.dyn_into::<web_sys::IntersectionObserverEntry>()
                .is_ok_and(|e| e.is_intersecting())
        });
        with(&w, |i| i.on_screen = visible);
    });
    let observer = web_sys::IntersectionObserver::new(seen.as_ref().unchecked_ref())?;
    observer.observe(&i.root);
    seen.forget();

    for f in &i.controls.fields {
        wire_field(&weak, f)?;
    }
    let c = &i.controls;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&c.play, "click", move |_| with(&w, Instance::toggle_play))?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&c.step, "click", move |_| with(&w, Instance::step))?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&c.back, "click", move |_| with(&w, Instance::step_back))?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&c.reset, "click", move |_| with(&w, Instance::reset))?;
    let w = weak.clone();
    on::<web_sys::Event>(&c.trace, "toggle", move |_| {
        with(&w, |i| i.dirty.table = true)
    })?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&c.copy, "click", move |_| copy_csv(&w))?;

    let w = weak.clone();
    on::<KeyboardEvent>(&i.root, "keydown", move |e| {
        let handled = w
            .upgrade()
            .and_then(|s| s.try_borrow_mut().ok().map(|mut inst| key(&mut inst, &e)))
            .unwrap_or(false);
        if handled {
            e.prevent_default();
            e.stop_propagation();
            with(&w, |_| ());
        }
    })?;

    // The plot: a click or a drag sets the start.
    let overlay = i.canvases.overlay.clone();
    let w = weak.clone();
    let target = overlay.clone();
    on::<PointerEvent>(&overlay, "pointerdown", move |e| {
        with(&w, |inst| {
            if let Some(x) = inst.x_at(&e) {
                inst.dragging = true;
                let _ = target.set_pointer_capture(e.pointer_id());
                inst.set_start(x);
            }
        })
    })?;
    let w = weak.clone();
    on::<PointerEvent>(&overlay, "pointermove", move |e| {
        with(&w, |inst| {
            if inst.dragging {
                if let Some(x) = inst.x_at(&e) {
                    inst.set_start(x);
                }
            }
        })
    })?;
    for ev in ["pointerup", "pointercancel"] {
        let w = weak.clone();
        on::<PointerEvent>(&overlay, ev, move |_| {
            with(&w, |inst| inst.dragging = false)
        })?;
    }

    // Size and theme.
    let w = weak.clone();
    let resize = Closure::<dyn FnMut()>::new(move || with(&w, |inst| inst.dirty.curve = true));
    let observer = web_sys::ResizeObserver::new(resize.as_ref().unchecked_ref())?;
    observer.observe(&i.canvases.plot);
    observer.observe(&i.canvases.loss);
    resize.forget();
    let win = window()?;
    for query in [
        "(prefers-color-scheme: dark)",
        "(prefers-reduced-motion: reduce)",
    ] {
        if let Some(list) = win.match_media(query)? {
            let w = weak.clone();
            on::<web_sys::Event>(&list, "change", move |_| {
                with(&w, |inst| {
                    inst.reduced_motion = media("(prefers-reduced-motion: reduce)");
                    inst.read_theme();
                    inst.redraw_all();
                })
            })?;
        }
    }
    Ok(())
}

impl Instance {
    /// Sets the start from a point on the plot, rounded to the slider's resolution.
    fn set_start(&mut self, x: f64) {
        let Some(param) = crate::params::param("x0") else {
            return;
        };
        let range = param.slider_range(&self.settings);
        let x = param.from_slider(param.to_slider(x, range), range);
        self.set("x0", &crate::table::float(x), None);
    }
}

fn wire_field(weak: &Weak<RefCell<Instance>>, f: &Field) -> Res {
    let key = f.param.key;
    if let Some(select) = &f.select {
        let w = weak.clone();
        let s = select.clone();
        on::<web_sys::Event>(select, "input", move |_| {
            with(&w, |i| i.set(key, &s.value(), Some(s.unchecked_ref())))
        })?;
    }
    if let Some(check) = &f.toggle {
        let w = weak.clone();
        let c = check.clone();
        on::<web_sys::Event>(check, "input", move |_| {
            let value = if c.checked() { "1" } else { "0" };
            with(&w, |i| i.set(key, value, Some(c.unchecked_ref())))
        })?;
    }
    if let Some(slider) = &f.slider {
        let w = weak.clone();
        let s = slider.clone();
        let param = f.param;
        on::<web_sys::Event>(slider, "input", move |_| {
            with(&w, |i| {
                let pos: f64 = s.value().parse().unwrap_or(0.0);
                let v = param.from_slider(pos, param.slider_range(&i.settings));
                i.set(key, &crate::table::float(v), Some(s.unchecked_ref()));
            })
        })?;
    }
    if let Some(input) = &f.input {
        if key == "f" {
            wire_expression(weak, input)?;
        } else {
            let w = weak.clone();
            let s = input.clone();
            on::<web_sys::Event>(input, "input", move |_| {
                let raw = s.value();
                // A half-typed number ("", "-", "1e") waits for more.
                if raw.trim().parse::<f64>().is_ok() {
                    with(&w, |i| i.set(key, &raw, Some(s.unchecked_ref())));
                }
            })?;
            let w = weak.clone();
            on::<web_sys::Event>(input, "change", move |_| {
                with(&w, |i| i.controls.sync(&i.settings, None))
            })?;
        }
    }
    Ok(())
}

/// The typed function: applied on Enter, or after a pause in typing.
fn wire_expression(weak: &Weak<RefCell<Instance>>, input: &HtmlInputElement) -> Res {
    let w = weak.clone();
    let s = input.clone();
    let apply = Closure::<dyn FnMut()>::new(move || {
        let text = s.value();
        with(&w, |i| {
            i.typing_timer = None;
            i.set_function(&text);
        })
    });
    let apply: js_sys::Function = apply.into_js_value().unchecked_into();
    let w = weak.clone();
    let timer_fn = apply.clone();
    on::<web_sys::Event>(input, "input", move |_| {
        with(&w, |i| {
            let Ok(win) = window() else { return };
            if let Some(t) = i.typing_timer.take() {
                win.clear_timeout_with_handle(t);
            }
            i.typing_timer = win
                .set_timeout_with_callback_and_timeout_and_arguments_0(&timer_fn, TYPING_PAUSE_MS)
                .ok();
        })
    })?;
    let w = weak.clone();
    let s = input.clone();
    on::<KeyboardEvent>(input, "keydown", move |e| {
        if e.key() == "Enter" {
            e.prevent_default();
            let text = s.value();
            with(&w, |i| {
                if let (Some(t), Ok(win)) = (i.typing_timer.take(), window()) {
                    win.clear_timeout_with_handle(t);
                }
                i.set_function(&text);
            });
        }
    })?;
    Ok(())
}

/// The buttons that share and export.
fn wire_share(weak: &Weak<RefCell<Instance>>, share: &Share) -> Res {
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&share.link, "click", move |_| {
        let Some(shared) = w.upgrade() else { return };
        let Ok(i) = shared.try_borrow() else { return };
        let url = i.link();
        let note = i.share.as_ref().map(|s| s.note.clone());
        drop(i);
        if let Some(note) = note {
            copy_text(&url, note, "Link copied");
        }
    })?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&share.embed, "click", move |_| {
        with(&w, |i| {
            if let Some(s) = &i.share {
                let open = s.snippets.hidden();
                show(&s.snippets, open);
                let _ = s
                    .embed
                    .set_attribute("aria-expanded", if open { "true" } else { "false" });
            }
            i.fill_snippets();
        })
    })?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&share.png, "click", move |_| {
        with(&w, |i| {
            if let Err(e) = i.save_png() {
                i.fail(
                    &e.as_string()
                        .unwrap_or_else(|| "the image could not be made".into()),
                );
            }
        })
    })?;
    let w = weak.clone();
    on::<web_sys::MouseEvent>(&share.csv, "click", move |_| {
        with(&w, |i| {
            if let Err(e) = download_text(&i.csv(), "text/csv", "descent-trace.csv") {
                i.fail(
                    &e.as_string()
                        .unwrap_or_else(|| "the file could not be made".into()),
                );
            }
        })
    })?;
    for area in [&share.iframe, &share.div] {
        let a = area.clone();
        on::<web_sys::FocusEvent>(area, "focus", move |_| a.select())?;
    }
    Ok(())
}

impl Instance {
    /// A link to the full demo that reopens this state.
    fn link(&self) -> String {
        let page = if self.sync_url {
            window()
                .and_then(|w| w.location().href())
                .unwrap_or_default()
        } else {
            let www = super::www();
            www.strip_suffix("www/").unwrap_or(&www).to_string()
        };
        crate::share::link(&page, &self.shared_settings())
    }

    /// The embed snippets for this state, when they are shown.
    fn fill_snippets(&self) {
        let Some(share) = &self.share else { return };
        if share.snippets.hidden() {
            return;
        }
        let www = super::www();
        share
            .iframe
            .set_value(&crate::share::iframe_snippet(&www, &self.settings));
        share
            .div
            .set_value(&crate::share::div_snippet(&www, &self.settings));
    }

    /// Saves the plot as a PNG at twice its size on screen.
    fn save_png(&self) -> Res {
        let rect = self.canvases.plot.get_bounding_client_rect();
        let canvas: HtmlCanvasElement = make("canvas", "")?;
        canvas.set_width((rect.width() * 2.0).round().max(2.0) as u32);
        canvas.set_height((rect.height() * 2.0).round().max(2.0) as u32);
        let theme = Theme {
            dpr: 2.0,
            ..self.theme
        };
        let x = [self.settings.xmin, self.settings.xmax];
        let curve = Curve::sample(
            &self.function,
            x,
            (canvas.width() / 2).clamp(200, 2400) as usize,
        );
        let area = backend(&canvas)?.into_drawing_area();
        let frame = draw_curve(&area, &curve, x, &theme).map_err(js_err)?;
        let rows = self.rows();
        let t = self.t.min(rows.len().saturating_sub(1));
        let marks = Marks {
            rows: &rows[..(t + 1).min(rows.len())],
            next: rows.get(t + 1),
            phase: 0.0,
            dim: 1,
        };
        draw_marks(&area, &frame, &marks, &theme).map_err(js_err)?;
        download(&canvas.to_data_url()?, "descent.png")
    }
}

/// Follows a link to `href` as a download named `name`.
fn download(href: &str, name: &str) -> Res {
    let a: web_sys::HtmlAnchorElement = make("a", "")?;
    a.set_href(href);
    a.set_download(name);
    a.click();
    Ok(())
}

/// Downloads `text` as a file.
fn download_text(text: &str, mime: &str, name: &str) -> Res {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    download(&url, name)?;
    // The download has its own copy by the next task: release the URL then.
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 1000)?;
    Ok(())
}

/// Copies `text` to the clipboard and says whether it worked in `note`.
fn copy_text(text: &str, note: HtmlElement, done: &'static str) {
    let Ok(clipboard) = window().map(|w| w.navigator().clipboard()) else {
        set_text(&note, "Copying is not available here");
        return;
    };
    let ok_note = note.clone();
    let ok = Closure::<dyn FnMut(JsValue)>::new(move |_| set_text(&ok_note, done));
    let fail = Closure::<dyn FnMut(JsValue)>::new(move |_| {
        set_text(&note, "Copying was blocked: select the text and copy it")
    });
    let _ = clipboard.write_text(text).then2(&ok, &fail);
    // Each runs at most once, when the promise settles.
    ok.forget();
    fail.forget();
}

/// Copies the trace as CSV, and says whether it worked.
fn copy_csv(weak: &Weak<RefCell<Instance>>) {
    let Some(shared) = weak.upgrade() else {
        return;
    };
    let Ok(i) = shared.try_borrow() else {
        return;
    };
    let (csv, note) = (i.csv(), i.controls.copy_note.clone());
    drop(i);
    copy_text(&csv, note, "Copied");
}

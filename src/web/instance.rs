//! One demo instance: its settings, its run, its canvases and controls, and the animation.
//! Each instance owns all of its state, so several on one page never interfere.

use super::canvas::{Canvas2d, Label, Text};
use super::controls::{Controls, Share};
use super::dom::{append, make, set_attr, set_text, show, text_el, window, Res};
use crate::objective::{pretty, Expr, Function, Objective};
use crate::params::{Control, Mode, ParamError, Settings, PAGE_TOLERANCE};
use crate::render::{
    draw_casing, draw_contours, draw_curve, draw_loss_axes, draw_loss_progress, draw_marks,
    draw_plane_axes, value_range, Curve, Field, Frame, Marks, Theme,
};
use crate::run::{explain, Record, RunConfig, Runner};
use crate::table::{brief, readable};
use plotters::prelude::IntoDrawingArea;
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
/// The most grid cells across a field of f(x, y).
const FIELD_CELLS: usize = 300;
/// Presenter mode enlarges lines and type by this factor.
const PRESENTER_ZOOM: f64 = 1.6;

pub type Shared = Rc<RefCell<Instance>>;

/// What must be redrawn.
#[derive(Default)]
struct Dirty {
    curve: bool,
    marks: bool,
    /// The loss chart's axes and the whole run.
    loss: bool,
    /// The loss chart's steps so far.
    progress: bool,
    words: bool,
    table: bool,
}

/// A chart's axis labels, shown as HTML text over its canvas.
struct Labels {
    holder: HtmlElement,
    spans: Vec<(HtmlElement, Option<Label>)>,
}

impl Labels {
    fn new(parent: &HtmlElement) -> Res<Labels> {
        let holder: HtmlElement = make("div", "descent-ticks")?;
        holder.set_attribute("aria-hidden", "true")?;
        parent.append_child(&holder)?;
        Ok(Labels {
            holder,
            spans: Vec::new(),
        })
    }

    /// Shows `labels` (positions in device pixels), touching only what changed.
    fn show(&mut self, labels: &[Label], dpr: f64) -> Res {
        while self.spans.len() < labels.len() {
            let span: HtmlElement = make("span", "descent-tick")?;
            self.holder.append_child(&span)?;
            self.spans.push((span, None));
        }
        for (k, (span, shown)) in self.spans.iter_mut().enumerate() {
            let Some(label) = labels.get(k) else {
                show(span, false);
                *shown = None;
                continue;
            };
            if shown.as_ref() == Some(label) {
                continue;
            }
            show(span, true);
            set_text(span, &label.text);
            let style = span.style();
            let px = |v: f64| format!("{}px", (v / dpr * 10.0).round() / 10.0);
            style.set_property("left", &px(label.x))?;
            style.set_property("top", &px(label.y))?;
            style.set_property("font-size", &px(label.size))?;
            let (h, v) = label.shift;
            style.set_property("transform", &format!("translate({h}%, {v}%)"))?;
            *shown = Some(label.clone());
        }
        Ok(())
    }
}

/// Two layers over each chart: the static one (redrawn when the function, the run, the size
/// or the theme change) and the moving one (redrawn as the ball moves).
struct Canvases {
    plot: HtmlElement,
    base: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    loss: HtmlElement,
    loss_base: HtmlCanvasElement,
    loss_overlay: HtmlCanvasElement,
    /// CSS sizes of the plot and the loss chart, measured once per resize (measuring forces
    /// a layout, too slow for every frame).
    sizes: Option<((f64, f64), (f64, f64))>,
    plot_labels: Labels,
    loss_labels: Labels,
}

struct Words {
    formula: HtmlElement,
    /// The lesson's caption.
    caption: HtmlElement,
    /// A race's legend.
    legend: HtmlElement,
    status: HtmlElement,
    reason: HtmlElement,
    error: HtmlElement,
    /// The loss chart's title, which names f(x) or f(x, y).
    loss_title: HtmlElement,
}

/// One method's run.
struct Lane {
    method: crate::optim::Method,
    runner: Runner,
}

impl Lane {
    /// The stored row for step `t` (the last one before it, in a thinned run).
    fn row(&self, t: usize) -> usize {
        let rows = self.runner.trajectory().rows();
        (t / self.runner.trajectory().stride() as usize).min(rows.len().saturating_sub(1))
    }
}

pub struct Instance {
    root: HtmlElement,
    settings: Settings,
    /// The last function that parsed: a bad typed one never replaces it.
    function: Function,
    /// One run per method: one alone, or several in a race.
    lanes: Vec<Lane>,
    controls: Controls,
    canvases: Canvases,
    words: Words,
    theme: Theme,
    curve: Option<Curve>,
    /// f(x, y) on a grid, for functions of two variables.
    field: Option<Field>,
    frame: Option<Frame>,
    loss_frame: Option<Frame>,
    /// The step the balls are on.
    t: usize,
    /// How far they have moved toward the next step (0 to 1).
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
    /// Runs what waits for a timer: `"link"` writes the link, anything else applies the typed
    /// function after a pause in typing.
    later: Option<js_sys::Function>,
    /// On screen: off-screen instances do not animate. False until the first report of the
    /// IntersectionObserver (which comes right after it starts watching), so that a demo below
    /// the fold does not take a step before anyone can see it.
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
                crate::join(&list, "; ")
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
        let loss_title: HtmlElement = text_el("p", "descent-loss-title", "f(x) at each step")?;
        loss_title.set_attribute("aria-hidden", "true")?;
        let loss: HtmlElement = make("div", "descent-loss")?;
        loss.set_attribute("role", "img")?;
        loss.set_attribute("aria-label", "Chart of f(x) at each step")?;
        let loss_base: HtmlCanvasElement = make("canvas", "descent-loss-base")?;
        let loss_overlay: HtmlCanvasElement = make("canvas", "descent-loss-overlay")?;
        // The static layers are opaque: cheaper to draw over and to composite.
        for (c, opaque) in [
            (&base, true),
            (&overlay, false),
            (&loss_base, true),
            (&loss_overlay, false),
        ] {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"alpha".into(), &JsValue::from_bool(!opaque))?;
            c.get_context_with_context_options("2d", &options)?;
        }
        for (holder, layers) in [
            (&plot, [&base, &overlay]),
            (&loss, [&loss_base, &loss_overlay]),
        ] {
            holder.style().set_property("position", "relative")?;
            for c in layers {
                let style = c.style();
                style.set_property("position", "absolute")?;
                style.set_property("inset", "0")?;
                style.set_property("width", "100%")?;
                style.set_property("height", "100%")?;
                holder.append_child(c)?;
            }
        }
        let status: HtmlElement = make("p", "descent-status")?;
        status.set_attribute("role", "status")?;
        status.set_attribute("aria-live", "polite")?;
        let reason: HtmlElement = make("p", "descent-reason")?;
        let legend: HtmlElement = make("ul", "descent-legend")?;
        legend.set_attribute("aria-label", "Race")?;
        legend.set_hidden(true);
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
                &legend,
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
            Ok(f) => (f, None),
            Err(e) => (Function::Preset(settings.preset), Some(e.to_string())),
        };
        let reduced_motion = media("(prefers-reduced-motion: reduce)");
        let inst = Instance {
            root: root.clone(),
            settings,
            function,
            lanes: Vec::new(),
            controls,
            canvases: Canvases {
                plot_labels: Labels::new(&plot)?,
                loss_labels: Labels::new(&loss)?,
                plot,
                base,
                overlay,
                loss,
                loss_base,
                loss_overlay,
                sizes: None,
            },
            words: Words {
                formula,
                caption,
                legend,
                status,
                reason,
                error,
                loss_title,
            },
            theme: Theme::light(),
            curve: None,
            field: None,
            frame: None,
            loss_frame: None,
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
            later: None,
            on_screen: false,
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
        // The page shows the controls of the plane (y0, the y view) for f(x, y) only.
        let _ = self
            .root
            .class_list()
            .toggle_with_force("descent-2d", self.dim() == 2);
        if self.dim() != 2 {
            self.field = None;
        }
        if let Some(label) = self
            .controls
            .field("f")
            .and_then(|f| f.wrapper.query_selector("label").ok().flatten())
        {
            set_text(&label, &format!("{} =", self.lhs()));
        }
        let mut lanes = Vec::new();
        for hyper in self.settings.lanes() {
            let optimizer = match hyper.build() {
                Ok(o) => o,
                Err(e) => return self.fail(&e.message),
            };
            let mut runner = Runner::new(&self.function, optimizer, self.optimizer_config());
            runner.advance(&self.function, EAGER_STEPS);
            lanes.push(Lane {
                method: hyper.method,
                runner,
            });
        }
        self.lanes = lanes;
        self.dirty.loss = true;
        if self.t > self.end() {
            self.t = self.end();
            self.phase = 0.0;
        }
        if self.t == self.end() {
            self.phase = 0.0;
        }
        self.dirty.marks = true;
        self.dirty.progress = true;
        self.dirty.words = true;
        self.dirty.table = true;
        self.update_caption();
    }

    /// The lesson's caption, from the run just computed.
    fn update_caption(&mut self) {
        let lesson = crate::lessons::lesson(&self.settings.lesson);
        let first = self.lanes.first().map(|l| &l.runner);
        if let (Some(l), Some(r)) = (lesson, first) {
            if let Some(stop) = r.stop() {
                let text = l.caption(&self.settings, &self.function, r.trajectory(), stop);
                set_text(&self.words.caption, &text);
            }
        }
        show(&self.words.caption, lesson.is_some());
    }

    /// The function or the view changed: the curve or field is sampled again at the next frame.
    fn plot_changed(&mut self) {
        self.curve = None;
        self.field = None;
        self.dirty.curve = true;
    }

    /// Draws now what is out of date; with `full`, everything, the curve's samples included.
    pub fn render_now(&mut self, full: bool) {
        if full {
            self.plot_changed();
            self.redraw_all();
        }
        if let Err(e) = self.render() {
            let message = e.as_string().unwrap_or_else(|| "drawing failed".into());
            self.fail(&message);
        }
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

    /// Applies the typed function once typing pauses for [`TYPING_PAUSE_MS`].
    fn typing_paused(&mut self) {
        let Ok(win) = window() else { return };
        if let Some(t) = self.typing_timer.take() {
            win.clear_timeout_with_handle(t);
        }
        if let Some(f) = &self.later {
            self.typing_timer = win
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, TYPING_PAUSE_MS)
                .ok();
        }
    }

    /// Shows or hides the embed snippets.
    fn toggle_snippets(&mut self) {
        if let Some(s) = &self.share {
            let open = s.snippets.hidden();
            show(&s.snippets, open);
            set_attr(
                &s.embed,
                "aria-expanded",
                if open { "true" } else { "false" },
            );
        }
        self.fill_snippets();
    }

    /// Keeps the page's link up to date, at most every [`LINK_EVERY_MS`].
    fn link_changed(&mut self) {
        if !self.sync_url || self.link_timer.is_some() {
            return;
        }
        if let (Some(f), Ok(w)) = (self.later.clone(), window()) {
            let args = js_sys::Array::of1(&"link".into());
            self.link_timer = w
                .set_timeout_with_callback_and_timeout_and_arguments(&f, LINK_EVERY_MS, &args)
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

    /// The rows of the first (or only) run: the trace table, the CSV and the words use them.
    fn rows(&self) -> &[Record] {
        self.lanes
            .first()
            .map_or(&[][..], |l| l.runner.trajectory().rows())
    }

    /// The last step computed so far, over all runs.
    fn end(&self) -> usize {
        self.lanes
            .iter()
            .map(|l| l.runner.current().step as usize)
            .max()
            .unwrap_or(0)
    }

    /// Whether every run has stopped.
    fn finished(&self) -> bool {
        self.lanes.iter().all(|l| l.runner.stop().is_some())
    }

    /// Makes sure the runs that go on reach `steps` past the current step.
    fn compute_ahead(&mut self, steps: usize) {
        let want = (self.t + steps) as u64;
        let mut grew = false;
        for lane in &mut self.lanes {
            let at = lane.runner.current().step;
            if lane.runner.stop().is_none() && at < want {
                lane.runner.advance(&self.function, (want - at).max(1000));
                grew = true;
            }
        }
        if grew {
            self.dirty.progress = true;
            self.dirty.table = true;
        }
    }

    fn redraw_all(&mut self) {
        self.dirty = Dirty {
            curve: true,
            marks: true,
            loss: true,
            progress: true,
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
        let before = self.settings.clone();
        match self.settings.apply(key, raw, Mode::Lenient) {
            Err(e) => return self.fail(&e.message),
            // Out of range: clamped, and said so.
            Ok(Some(note)) => self.fail(&note),
            Ok(None) => show(&self.words.error, false),
        }
        // An edge of the view typed past the other: refused, with the reason (the box being
        // typed in keeps its text until the edit ends, then shows the view's edge again).
        if let Some(problem) = self.settings.view_problem() {
            self.settings = before;
            self.fail(&problem);
            self.controls.sync(&self.settings, source);
            return;
        }
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
                self.plot_changed();
                self.restart();
            }
            "xmin" | "xmax" | "ymin" | "ymax" => self.plot_changed(),
            "steps" => self.dirty.loss = true,
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
            Ok(f) => {
                if f.dim() == 2 && self.function.dim() == 1 && self.settings.y0 == 0.0 {
                    self.settings.y0 = self.settings.off_axis_y0();
                }
                self.settings.expr = match f {
                    Function::Typed(_) => text.to_string(),
                    Function::Preset(_) => String::new(),
                };
                self.function = f;
                self.clear_alert();
                self.plot_changed();
                self.recompute();
                // A typed function ends the lesson: the menu says so too.
                self.controls.sync(&self.settings, None);
                self.link_changed();
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
        self.dirty.progress = true;
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
        self.dirty.progress = true;
        self.dirty.words = true;
    }

    pub fn reset(&mut self) {
        self.link_changed();
        self.playing = false;
        self.target = None;
        self.t = 0;
        self.phase = 0.0;
        self.dirty.marks = true;
        self.dirty.progress = true;
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
            self.dirty.progress = true;
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
        let (plot_css, loss_css) = match self.canvases.sizes {
            Some(sizes) => sizes,
            None => {
                let css = |el: &HtmlElement| {
                    let r = el.get_bounding_client_rect();
                    (r.width(), r.height())
                };
                let sizes = (css(&self.canvases.plot), css(&self.canvases.loss));
                self.canvases.sizes = Some(sizes);
                sizes
            }
        };
        if plot_css.0 < 2.0 || plot_css.1 < 2.0 {
            return Ok(());
        }
        if Self::fit(&self.canvases.base, plot_css, dpr)
            | Self::fit(&self.canvases.overlay, plot_css, dpr)
        {
            self.dirty.curve = true;
            self.dirty.marks = true;
        }
        if Self::fit(&self.canvases.loss_base, loss_css, dpr)
            | Self::fit(&self.canvases.loss_overlay, loss_css, dpr)
        {
            self.dirty.loss = true;
        }
        if self.dirty.curve {
            let labels = Rc::new(RefCell::new(Vec::new()));
            let canvas = self.canvases.base.clone();
            let theme = self.theme;
            self.frame = Some(self.paint_static(&canvas, Text::Collect(labels.clone()), &theme)?);
            self.canvases.plot_labels.show(&labels.borrow(), dpr)?;
            let label = format!("{} = {}", self.lhs(), pretty(self.settings.formula()));
            set_text(&self.words.formula, &label);
            let title = format!("{} at each step", self.lhs());
            set_text(&self.words.loss_title, &title);
            set_attr(
                &self.canvases.loss,
                "aria-label",
                &format!("Chart of {title}"),
            );
            self.dirty.curve = false;
            self.dirty.marks = true;
            // The loss chart shares the plot's range of f.
            self.dirty.loss = true;
        }
        if self.dirty.marks {
            self.draw_marks()?;
            self.dirty.marks = false;
        }
        if self.dirty.loss {
            let labels = Rc::new(RefCell::new(Vec::new()));
            let area = backend(&self.canvases.loss_base, Text::Collect(labels.clone()))?
                .into_drawing_area();
            let y = if self.dim() == 2 {
                // A contour map has no axis of f: the chart fits the runs' values.
                let rows = self.lanes.iter().flat_map(|l| l.runner.trajectory().rows());
                value_range(rows.map(|r| r.f))
            } else {
                // A curve's: the chart shares it, so heights read the same on both.
                self.curve.as_ref().map_or([-1.0, 1.0], |c| c.y)
            };
            let frame = draw_loss_axes(&area, self.settings.steps, y, &self.theme);
            self.loss_frame = Some(frame.map_err(js_err)?);
            self.canvases.loss_labels.show(&labels.borrow(), dpr)?;
            self.dirty.loss = false;
            self.dirty.progress = true;
        }
        if let (true, Some(frame)) = (self.dirty.progress, self.loss_frame) {
            let canvas = &self.canvases.loss_overlay;
            clear(canvas)?;
            let area = backend(canvas, Text::Draw)?.into_drawing_area();
            for lane in &self.lanes {
                let rows = lane.runner.trajectory().rows();
                let theme = self.lane_theme(lane);
                draw_loss_progress(&area, &frame, rows, lane.row(self.t), &theme)
                    .map_err(js_err)?;
            }
            self.dirty.progress = false;
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

    /// 1 for f(x), 2 for f(x, y).
    fn dim(&self) -> usize {
        Objective::dim(&self.function)
    }

    /// "f(x)" or "f(x, y)".
    fn lhs(&self) -> &'static str {
        if self.dim() == 1 {
            "f(x)"
        } else {
            "f(x, y)"
        }
    }

    fn racing(&self) -> bool {
        self.lanes.len() > 1
    }

    /// The theme a lane is drawn in: its method's colour in a race.
    fn lane_theme(&self, lane: &Lane) -> Theme {
        if self.racing() {
            let k = crate::optim::Method::ALL
                .iter()
                .position(|m| *m == lane.method)
                .unwrap_or(0);
            self.theme.lane(self.theme.methods[k])
        } else {
            self.theme
        }
    }

    /// Draws the static layer on `canvas`: axes and the curve, or axes, the field's colours
    /// and its contour lines. Returns where the data sits.
    fn paint_static(
        &mut self,
        canvas: &HtmlCanvasElement,
        text: Text,
        theme: &Theme,
    ) -> Res<Frame> {
        let (x, y) = (
            [self.settings.xmin, self.settings.xmax],
            [self.settings.ymin, self.settings.ymax],
        );
        let area = backend(canvas, text)?.into_drawing_area();
        if self.dim() == 1 {
            let samples = (canvas.width() as usize / 2).clamp(200, 1200);
            let stale = self
                .curve
                .as_ref()
                .is_none_or(|c| c.points.len() != samples);
            if stale {
                self.curve = Some(Curve::sample(&self.function, x, samples));
            }
            let Some(curve) = &self.curve else {
                return Err(JsValue::from_str("no curve"));
            };
            return draw_curve(&area, curve, x, theme).map_err(js_err);
        }
        let frame = draw_plane_axes(&area, x, y, theme).map_err(js_err)?;
        let [l, t, r, b] = frame.rect;
        let nx = (((r - l) / theme.dpr).round() as usize).clamp(60, FIELD_CELLS);
        let ny = ((nx as f64 * (b - t) / (r - l)).round() as usize).max(2);
        let stale = self
            .field
            .as_ref()
            .is_none_or(|f| (f.nx, f.ny, f.x, f.y) != (nx, ny, frame.x, frame.y));
        if stale {
            self.field = Some(Field::sample(&self.function, frame.x, frame.y, nx, ny));
        }
        let Some(field) = &self.field else {
            return Err(JsValue::from_str("no field"));
        };
        // The colours: one pixel per grid cell, stretched smoothly over the plot.
        let image = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
            wasm_bindgen::Clamped(&field.image),
            nx as u32,
            ny as u32,
        )?;
        let cells: HtmlCanvasElement = make("canvas", "")?;
        cells.set_width(nx as u32);
        cells.set_height(ny as u32);
        context(&cells)?.put_image_data(&image, 0.0, 0.0)?;
        let ctx = context(canvas)?;
        ctx.set_image_smoothing_enabled(true);
        ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&cells, l, t, r - l, b - t)?;
        draw_contours(&area, &frame, field, theme).map_err(js_err)?;
        Ok(frame)
    }

    /// Draws every lane's path and ball on `canvas`.
    fn paint_marks(
        &self,
        canvas: &HtmlCanvasElement,
        frame: &Frame,
        theme: &Theme,
        phase: f64,
    ) -> Res {
        let area = backend(canvas, Text::Draw)?.into_drawing_area();
        let mut each = Vec::with_capacity(self.lanes.len());
        for lane in &self.lanes {
            let rows = lane.runner.trajectory().rows();
            let k = lane.row(self.t);
            let next = rows.get(k + 1);
            // How far along the way to the next stored row (which may be several steps on).
            let along = next.map_or(0.0, |n| {
                let span = (n.step - rows[k].step).max(1) as f64;
                ((self.t as f64 - rows[k].step as f64).max(0.0) + phase) / span
            });
            let marks = Marks {
                rows: &rows[..(k + 1).min(rows.len())],
                next,
                phase: along.clamp(0.0, 1.0),
                dim: self.dim(),
                guides: !self.racing(),
            };
            let lane_theme = Theme {
                dpr: theme.dpr,
                zoom: theme.zoom,
                ..self.lane_theme(lane)
            };
            each.push((marks, lane_theme));
        }
        // On a map every path's casing first, so that none covers another path.
        if self.dim() == 2 {
            for (marks, theme) in &each {
                draw_casing(&area, frame, marks, theme).map_err(js_err)?;
            }
        }
        for (marks, theme) in &each {
            draw_marks(&area, frame, marks, theme).map_err(js_err)?;
        }
        Ok(())
    }

    fn draw_marks(&mut self) -> Res {
        let Some(frame) = self.frame else {
            return Ok(());
        };
        let canvas = &self.canvases.overlay;
        clear(canvas)?;
        // With reduced motion the ball jumps from step to step, without the hop between.
        let phase = if self.reduced_motion { 0.0 } else { self.phase };
        self.paint_marks(canvas, &frame, &self.theme, phase)
    }

    /// Where a row is, in words.
    fn place(&self, r: &Record) -> String {
        if self.dim() == 1 {
            format!("x = {}", brief(r.x[0]))
        } else {
            format!("(x, y) = ({}, {})", brief(r.x[0]), brief(r.x[1]))
        }
    }

    /// The status line, the stop reason and, in a race, the legend.
    fn update_words(&mut self) {
        let Some(first) = self.lanes.first() else {
            return;
        };
        let rows = first.runner.trajectory().rows();
        let Some(r) = rows.get(first.row(self.t)) else {
            return;
        };
        let slope = if self.dim() == 1 {
            format!("f′(x) = {}", brief(r.g[0]))
        } else {
            format!("|∇f| = {}", brief(crate::run::norm(r.g)))
        };
        let at_end = self.t >= self.end() && self.phase == 0.0;
        let (status, reason) = if self.racing() {
            // The leader: lowest f where the balls are now, among those still finite.
            let now: Vec<(&Lane, Record)> = self
                .lanes
                .iter()
                .map(|l| (l, l.runner.trajectory().rows()[l.row(self.t)]))
                .collect();
            let leader = now
                .iter()
                .filter(|(_, r)| r.f.is_finite())
                .min_by(|a, b| a.1.f.total_cmp(&b.1.f));
            let status = match leader {
                Some((l, r)) => format!(
                    "step {} of {} · leader: {} at {}, f = {}",
                    self.t,
                    self.settings.steps,
                    l.method.label(),
                    self.place(r),
                    brief(r.f)
                ),
                None => format!("step {} of {}", self.t, self.settings.steps),
            };
            self.update_legend(&now);
            let reason = if at_end {
                let each: Vec<String> = self
                    .lanes
                    .iter()
                    .map(|l| {
                        let stop = l.runner.stop().map_or("running".into(), |s| s.to_string());
                        format!("{}: {stop}", l.method.label())
                    })
                    .collect();
                crate::join(&each, " · ")
            } else {
                "Space plays or pauses · → steps · ← steps back · R resets".to_string()
            };
            (status, reason)
        } else {
            show(&self.words.legend, false);
            let status = format!(
                "step {} of {} · {} · {} = {} · {slope} · η = {}",
                r.step,
                self.settings.steps,
                self.place(r),
                self.lhs(),
                brief(r.f),
                brief(r.lr)
            );
            let reason = match first.runner.stop() {
                Some(stop) if at_end => explain(
                    stop,
                    first.runner.trajectory(),
                    &self.function,
                    first.runner.optimizer(),
                    self.settings.domain(),
                ),
                _ => "Space plays or pauses · → steps · ← steps back · R resets".to_string(),
            };
            (status, reason)
        };
        set_text(&self.words.status, &status);
        let label = format!(
            "Plot of {} = {} with the ball at {}",
            self.lhs(),
            pretty(self.settings.formula()),
            self.place(r)
        );
        set_attr(&self.canvases.overlay, "aria-label", &label);
        // While playing, the live region stays quiet; it speaks when the ball rests.
        let live = if self.playing && self.target.is_none() {
            "off"
        } else {
            "polite"
        };
        set_attr(&self.words.status, "aria-live", live);
        set_text(&self.words.reason, &reason);
        let _ = self
            .words
            .reason
            .class_list()
            .toggle_with_force("descent-done", at_end);
        let playing = self.playing && self.target.is_none();
        set_text(&self.controls.play, if playing { "Pause" } else { "Play" });
        set_attr(
            &self.controls.play,
            "aria-pressed",
            if playing { "true" } else { "false" },
        );
    }

    /// The race's legend: a swatch, the method, where its ball is and why it stopped.
    fn update_legend(&self, now: &[(&Lane, Record)]) {
        let legend = &self.words.legend;
        while legend.child_element_count() as usize > now.len() {
            if let Some(last) = legend.last_element_child() {
                last.remove();
            }
        }
        // The items there are reused in order; missing ones are added at the end.
        let mut next = legend.first_element_child();
        for (lane, r) in now {
            let item = match next.take() {
                Some(item) => {
                    next = item.next_element_sibling();
                    item
                }
                None => {
                    let Ok(item) = make::<Element>("li", "descent-legend-item") else {
                        return;
                    };
                    let _ = legend.append_child(&item);
                    item
                }
            };
            let stop = match lane.runner.stop() {
                Some(s) if lane.row(self.t) + 1 >= lane.runner.trajectory().rows().len() => {
                    format!(" · {s}")
                }
                _ => String::new(),
            };
            set_attr(&item, "data-method", lane.method.key());
            set_text(
                &item,
                &format!("{}: f = {}{stop}", lane.method.label(), brief(r.f)),
            );
        }
        show(legend, true);
    }

    /// The trace table: the same numbers `descent trace` prints (the first method's, in a
    /// race, with a caption that says so).
    fn fill_table(&self) -> Res {
        let table = &self.controls.table;
        table.set_text_content(None);
        let head: Element = make("thead", "")?;
        let tr: Element = make("tr", "")?;
        let heads: &[&str] = if self.dim() == 1 {
            &["step", "x", "f(x)", "f′(x)", "η"]
        } else {
            &["step", "x", "y", "f(x, y)", "∂f/∂x", "∂f/∂y", "η"]
        };
        for h in heads {
            let th: Element = text_el("th", "", h)?;
            th.set_attribute("scope", "col")?;
            tr.append_child(&th)?;
        }
        head.append_child(&tr)?;
        let body: Element = make("tbody", "")?;
        let rows = self.rows();
        for r in rows.iter().take(TABLE_ROWS) {
            let tr: Element = make("tr", "")?;
            let mut cells = vec![r.step.to_string(), readable(r.x[0])];
            if self.dim() == 2 {
                cells.push(readable(r.x[1]));
            }
            cells.extend([readable(r.f), readable(r.g[0])]);
            if self.dim() == 2 {
                cells.push(readable(r.g[1]));
            }
            cells.push(readable(r.lr));
            for c in cells {
                let td: Element = text_el("td", "", &c)?;
                tr.append_child(&td)?;
            }
            body.append_child(&tr)?;
        }
        append(table, &[&head, &body])?;
        let mut notes = Vec::new();
        if let (true, Some(first)) = (self.racing(), self.lanes.first()) {
            notes.push(format!(
                "{}'s run; Copy CSV copies every method's.",
                first.method.label()
            ));
        }
        if rows.len() > TABLE_ROWS {
            notes.push(format!(
                "The first {TABLE_ROWS} of {} rows; Copy CSV copies them all.",
                rows.len()
            ));
        }
        if !notes.is_empty() {
            let note: Element = text_el("caption", "", &crate::join(&notes, " "))?;
            table.insert_before(&note, table.first_child().as_ref())?;
        }
        Ok(())
    }

    /// The trace as CSV, as `descent trace --format csv` prints it: every method's in a race
    /// (as `--race` prints it).
    fn csv(&self) -> String {
        match &self.lanes[..] {
            [] => String::new(),
            [l] => crate::table::csv(l.runner.trajectory().iter(), self.dim()),
            lanes => {
                let lanes: Vec<(&str, &crate::run::Trajectory)> = lanes
                    .iter()
                    .map(|l| (l.method.key(), l.runner.trajectory()))
                    .collect();
                crate::table::race_csv(&lanes, self.dim())
            }
        }
    }

    /// The point under a pointer on the plot, if it is inside the plot.
    fn point_at(&self, e: &PointerEvent) -> Option<[f64; 2]> {
        let frame = self.frame?;
        let px = (
            f64::from(e.offset_x()) * self.theme.dpr,
            f64::from(e.offset_y()) * self.theme.dpr,
        );
        frame.contains(px).then(|| frame.to_data(px))
    }
}

fn context(canvas: &HtmlCanvasElement) -> Res<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

/// Makes a (transparent) layer empty again.
fn clear(canvas: &HtmlCanvasElement) -> Res {
    context(canvas)?.clear_rect(
        0.0,
        0.0,
        f64::from(canvas.width()),
        f64::from(canvas.height()),
    );
    Ok(())
}

fn backend(canvas: &HtmlCanvasElement, text: Text) -> Res<Canvas2d> {
    Canvas2d::new(canvas, text)
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
        super::bench::maybe_panic();
        let started = super::bench::now();
        let redraws_curve = i.dirty.curve;
        let was_playing = i.playing;
        if i.on_screen {
            i.tick(now);
        }
        if was_playing && !i.playing {
            // The ball came to rest: the link now says where.
            i.link_changed();
        }
        if let Err(e) = i.render() {
            let message = e.as_string().unwrap_or_else(|| "drawing failed".into());
            i.fail(&message);
        }
        super::bench::frame_done(started, redraws_curve);
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
fn key_press(inst: &mut Instance, e: &KeyboardEvent) -> bool {
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
        .map(|mut i| key_press(&mut i, e))
        .unwrap_or(false);
    if handled {
        e.prevent_default();
        schedule(shared);
    }
}

/// Connects the controls, keys, pointer, size and theme changes to the instance: one listener
/// on the root for each kind of event (the target says which control), one on the window for
/// the link, and the observers.
fn wire(shared: &Shared) -> Res {
    let weak = Rc::downgrade(shared);
    let w = weak.clone();
    let raf = Closure::<dyn FnMut(f64)>::new(move |now: f64| frame(&w, now));
    let w = weak.clone();
    let later = Closure::<dyn FnMut(JsValue)>::new(move |what: JsValue| {
        with(&w, |i| match what.as_string().as_deref() {
            Some("link") => i.write_link(),
            _ => {
                i.typing_timer = None;
                let text = i
                    .controls
                    .field("f")
                    .and_then(|f| f.input.as_ref())
                    .map(|input| input.value());
                if let Some(text) = text {
                    i.set_function(&text);
                }
            }
        })
    });
    let w = weak.clone();
    let handler =
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| on_event(&w, &e));
    let f: &js_sys::Function = handler.as_ref().unchecked_ref();
    let mut i = shared.borrow_mut();
    i.raf = Some(raf.into_js_value().unchecked_into());
    i.later = Some(later.into_js_value().unchecked_into());
    let root = &i.root;
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
        root.add_event_listener_with_callback(event, f)?;
    }
    // `toggle` (a details element opening) does not bubble: catch it on the way down.
    root.add_event_listener_with_callback_and_bool("toggle", f, true)?;
    let win = window()?;
    if i.sync_url {
        // The link changed by hand, or by going back: open what it says.
        win.add_event_listener_with_callback("hashchange", f)?;
    }
    for query in [
        "(prefers-color-scheme: dark)",
        "(prefers-reduced-motion: reduce)",
    ] {
        if let Some(list) = win.match_media(query)? {
            list.add_event_listener_with_callback("change", f)?;
        }
    }
    handler.forget();

    // Size: measured again after a resize. Off-screen instances do not animate.
    let w = weak.clone();
    let observed = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let visible = entries
            .iter()
            .filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok())
            .map(|e| e.is_intersecting())
            .next_back();
        with(&w, |i| match visible {
            Some(v) => i.on_screen = v,
            None => {
                i.canvases.sizes = None;
                i.dirty.curve = true;
            }
        })
    });
    let callback: &js_sys::Function = observed.as_ref().unchecked_ref();
    let resize = web_sys::ResizeObserver::new(callback)?;
    resize.observe(&i.canvases.plot);
    resize.observe(&i.canvases.loss);
    web_sys::IntersectionObserver::new(callback)?.observe(&i.root);
    observed.forget();
    Ok(())
}

/// Every event of an instance, routed by its type and target.
fn on_event(weak: &Weak<RefCell<Instance>>, e: &web_sys::Event) {
    let target = e.target();
    let el = target.as_ref().and_then(|t| t.dyn_ref::<Element>());
    let key = el.and_then(|el| el.get_attribute("data-key"));
    match e.type_().as_str() {
        "hashchange" => {
            let root = weak
                .upgrade()
                .and_then(|s| s.try_borrow().ok().map(|i| i.root.clone()));
            if let Some(root) = root {
                super::remount(&root);
            }
        }
        "change"
            if target
                .as_ref()
                .is_some_and(|t| t.has_type::<web_sys::MediaQueryList>()) =>
        {
            with(weak, |i| {
                i.reduced_motion = media("(prefers-reduced-motion: reduce)");
                i.read_theme();
                i.redraw_all();
            })
        }
        // A number box shows its value tidily once the edit is done.
        "change" => with(weak, |i| i.controls.sync(&i.settings, None)),
        "input" => {
            let (Some(key), Some(target)) = (key, target.as_ref()) else {
                return;
            };
            if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
                let value = select.value();
                return with(weak, |i| i.set(&key, &value, Some(target)));
            }
            let Some(input) = target.dyn_ref::<HtmlInputElement>() else {
                return;
            };
            let raw = input.value();
            match input.type_().as_str() {
                "range" => with(weak, |i| {
                    let Some(param) = crate::params::param(&key) else {
                        return;
                    };
                    let pos: f64 = raw.parse().unwrap_or(0.0);
                    let v = param.from_slider(pos, param.slider_range(&i.settings));
                    i.set(&key, &crate::table::float(v), Some(target));
                }),
                // One of a group (a race's methods): the group's checked boxes, as a list.
                "checkbox" if input.has_attribute("data-value") => {
                    let picked: Vec<String> = input
                        .closest("fieldset")
                        .ok()
                        .flatten()
                        .and_then(|group| group.query_selector_all("input:checked").ok())
                        .map(|boxes| {
                            (0..boxes.length())
                                .filter_map(|k| boxes.get(k))
                                .filter_map(|n| n.dyn_into::<Element>().ok())
                                .filter_map(|b| b.get_attribute("data-value"))
                                .collect()
                        })
                        .unwrap_or_default();
                    let value = crate::join(&picked, ",");
                    with(weak, |i| i.set(&key, &value, Some(target)))
                }
                "checkbox" => {
                    let value = if input.checked() { "1" } else { "0" };
                    with(weak, |i| i.set(&key, value, Some(target)))
                }
                // The typed function waits for a pause in typing.
                "text" => with(weak, |i| i.typing_paused()),
                // A half-typed number ("", "-", "1e") waits for more.
                _ if raw.trim().parse::<f64>().is_ok() => {
                    with(weak, |i| i.set(&key, &raw, Some(target)))
                }
                _ => {}
            }
        }
        "click" => {
            let action = el
                .and_then(|el| el.closest("[data-action]").ok().flatten())
                .and_then(|b| b.get_attribute("data-action"));
            match action.as_deref() {
                Some("play") => with(weak, Instance::toggle_play),
                Some("step") => with(weak, Instance::step),
                Some("back") => with(weak, Instance::step_back),
                Some("reset") => with(weak, Instance::reset),
                Some("copy") => copy(weak, |i| (i.csv(), i.controls.copy_note.clone(), "Copied")),
                Some("link") => copy(weak, |i| {
                    let note = i.share.as_ref().map(|s| s.note.clone());
                    (
                        i.link(),
                        note.unwrap_or_else(|| i.controls.copy_note.clone()),
                        "Link copied",
                    )
                }),
                Some("embed") => with(weak, Instance::toggle_snippets),
                Some("png") => with(weak, |i| {
                    if let Err(e) = i.save_png() {
                        i.fail(
                            &e.as_string()
                                .unwrap_or_else(|| "the image could not be made".into()),
                        );
                    }
                }),
                Some("csv") => with(weak, |i| {
                    if let Err(e) = download_text(&i.csv(), "text/csv", "descent-trace.csv") {
                        i.fail(
                            &e.as_string()
                                .unwrap_or_else(|| "the file could not be made".into()),
                        );
                    }
                }),
                _ => {}
            }
        }
        "keydown" => {
            let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if key.as_deref() == Some("f") && k.key() == "Enter" {
                k.prevent_default();
                let text = el
                    .and_then(|el| el.dyn_ref::<HtmlInputElement>())
                    .map(|input| input.value())
                    .unwrap_or_default();
                return with(weak, |i| {
                    if let (Some(t), Ok(win)) = (i.typing_timer.take(), window()) {
                        win.clear_timeout_with_handle(t);
                    }
                    i.set_function(&text);
                });
            }
            let handled = weak
                .upgrade()
                .and_then(|s| s.try_borrow_mut().ok().map(|mut i| key_press(&mut i, k)))
                .unwrap_or(false);
            if handled {
                k.prevent_default();
                k.stop_propagation();
                with(weak, |_| ());
            }
        }
        "focusin" => {
            if let Some(area) = el.and_then(|el| el.dyn_ref::<web_sys::HtmlTextAreaElement>()) {
                area.select();
            }
        }
        "toggle" => with(weak, |i| i.dirty.table = true),
        kind @ ("pointerdown" | "pointermove" | "pointerup" | "pointercancel") => {
            let Some(p) = e.dyn_ref::<PointerEvent>() else {
                return;
            };
            let on_plot = el.is_some_and(|el| el.class_list().contains("descent-overlay"));
            with(weak, |i| match kind {
                "pointerdown" if on_plot => {
                    if let Some(at) = i.point_at(p) {
                        i.dragging = true;
                        let _ = i.canvases.overlay.set_pointer_capture(p.pointer_id());
                        i.set_start(at);
                    }
                }
                "pointermove" if i.dragging => {
                    if let Some(at) = i.point_at(p) {
                        i.set_start(at);
                    }
                }
                "pointerup" | "pointercancel" => i.dragging = false,
                _ => {}
            })
        }
        _ => {}
    }
}

/// Copies the text `what` picks to the clipboard, and says whether it worked.
fn copy(
    weak: &Weak<RefCell<Instance>>,
    what: impl FnOnce(&Instance) -> (String, HtmlElement, &'static str),
) {
    let picked = weak
        .upgrade()
        .and_then(|s| s.try_borrow().ok().map(|i| what(&i)));
    if let Some((text, note, done)) = picked {
        copy_text(&text, note, done);
    }
}

impl Instance {
    /// Sets the start from a point on the plot, rounded to the slider's resolution.
    fn set_start(&mut self, at: [f64; 2]) {
        let keys: &[&str] = if self.dim() == 1 {
            &["x0"]
        } else {
            &["x0", "y0"]
        };
        for (k, &key) in keys.iter().enumerate() {
            let Some(param) = crate::params::param(key) else {
                continue;
            };
            let range = param.slider_range(&self.settings);
            let v = param.from_slider(param.to_slider(at[k], range), range);
            self.set(key, &crate::table::float(v), None);
        }
    }
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
    fn save_png(&mut self) -> Res {
        let rect = self.canvases.plot.get_bounding_client_rect();
        let canvas: HtmlCanvasElement = make("canvas", "")?;
        canvas.set_width((rect.width() * 2.0).round().max(2.0) as u32);
        canvas.set_height((rect.height() * 2.0).round().max(2.0) as u32);
        let theme = Theme {
            dpr: 2.0,
            ..self.theme
        };
        let frame = self.paint_static(&canvas, Text::Draw, &theme)?;
        self.paint_marks(&canvas, &frame, &theme, 0.0)?;
        // The caches now hold the image's sizes: the screen's are drawn again.
        self.plot_changed();
        download(&canvas.to_data_url()?, "descent.png")
    }
}

/// Follows a link to `href` as a download named `name`.
fn download(href: &str, name: &str) -> Res {
    let a: web_sys::HtmlAnchorElement = make("a", "")?;
    a.set_attribute("href", href)?;
    a.set_attribute("download", name)?;
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

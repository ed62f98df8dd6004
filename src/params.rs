//! The parameter table: every setting a person can change, once. The page's controls, the
//! link's hash, the `data-*` embed attributes and the CLI's flags are all derived from
//! [`PARAMS`]; nothing else lists them.

use crate::objective::preset::Domain;
use crate::objective::{Expr, ExprError, Function, Preset};
use crate::optim::{Hyper, Method};
use crate::run::{Gradient, RunConfig};
use crate::table::float;
use std::fmt;
use std::sync::Arc;

/// How a number's slider moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Linear,
    /// Equal slider distances are equal ratios (for learning rates and step sizes).
    Log,
}

/// What kind of value a parameter holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A number from `min` to `max`; `integer` numbers are rounded.
    Number {
        min: f64,
        max: f64,
        scale: Scale,
        integer: bool,
    },
    /// One of a fixed list of `(key, label)` choices.
    Choice(fn() -> Vec<(&'static str, &'static str)>),
    /// Free text of at most `max_len` bytes.
    Text { max_len: usize },
    /// On or off: `1`, `true`, `on`, `yes` or nothing at all (a bare `data-presenter`) mean on;
    /// `0`, `false`, `off`, `no` mean off.
    Flag,
    /// Some of a fixed list of `(key, label)` choices, comma-separated (`gd,adam`); empty is
    /// none.
    List(fn() -> Vec<(&'static str, &'static str)>),
}

/// Which slider range a number's slider spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// The table's own `min` to `max`.
    Table,
    /// The view's x range (`xmin` to `xmax`).
    ViewX,
    /// The view's y range (`ymin` to `ymax`).
    ViewY,
}

/// How the page shows a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// A drop-down list.
    Select,
    /// A text box.
    Text,
    /// A slider with its value shown and editable as a number.
    Slider(Span),
    /// A number box.
    Number,
    /// A check box.
    Toggle,
    /// A check box per choice of a `List`.
    Checks,
    /// No control: set by links and embed attributes only.
    Hidden,
}

/// Where a control goes on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// With the main controls.
    Main,
    /// Under "More settings".
    More,
    /// Beside the playback buttons.
    Playback,
}

/// A value, as a parameter stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Num(f64),
    Text(String),
}

/// One row of the table.
pub struct Param {
    /// The name in links (`#lr=0.1`), embed attributes (`data-lr`) and the CLI (`--lr`).
    pub key: &'static str,
    /// The visible label of the control.
    pub label: &'static str,
    /// One line on what it does.
    pub help: &'static str,
    pub kind: Kind,
    /// How the page shows it.
    pub control: Control,
    /// Where the page puts its control.
    pub group: Group,
    /// Whether `descent trace` takes it as a flag.
    pub cli: bool,
    get: fn(&Settings) -> Value,
    set: fn(&mut Settings, Value),
}

impl fmt::Debug for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Param").field("key", &self.key).finish()
    }
}

impl Param {
    /// The parameter's value in `s`, as text (numbers in shortest round-trip form).
    pub fn text(&self, s: &Settings) -> String {
        match (self.get)(s) {
            Value::Num(v) => float(v),
            Value::Text(t) => t,
        }
    }

    pub fn value(&self, s: &Settings) -> Value {
        (self.get)(s)
    }

    /// The range its slider spans in the current settings.
    pub fn slider_range(&self, s: &Settings) -> [f64; 2] {
        match (self.control, self.kind) {
            (Control::Slider(Span::ViewX), _) => [s.xmin, s.xmax],
            (Control::Slider(Span::ViewY), _) => [s.ymin, s.ymax],
            (_, Kind::Number { min, max, .. }) => [min, max],
            _ => [0.0, 1.0],
        }
    }

    fn scale(&self) -> Scale {
        match self.kind {
            Kind::Number { scale, .. } => scale,
            _ => Scale::Linear,
        }
    }

    /// The slider position (0 to [`SLIDER_STEPS`]) of value `v` over `range`.
    pub fn to_slider(&self, v: f64, range: [f64; 2]) -> f64 {
        let t = match self.scale() {
            Scale::Log => (v.ln() - range[0].ln()) / (range[1].ln() - range[0].ln()),
            Scale::Linear => (v - range[0]) / (range[1] - range[0]),
        };
        if t.is_finite() {
            (t.clamp(0.0, 1.0) * SLIDER_STEPS).round()
        } else {
            0.0
        }
    }

    /// The value at slider position `pos` over `range`, rounded to a number people read
    /// easily: three significant digits on a log scale, the slider's resolution otherwise.
    pub fn from_slider(&self, pos: f64, range: [f64; 2]) -> f64 {
        let t = (pos / SLIDER_STEPS).clamp(0.0, 1.0);
        let v = match self.scale() {
            Scale::Log => (range[0].ln() + t * (range[1].ln() - range[0].ln())).exp(),
            Scale::Linear => range[0] + t * (range[1] - range[0]),
        };
        let quantum = match self.scale() {
            Scale::Log => 10f64.powf(v.abs().log10().floor() - 2.0),
            Scale::Linear => 10f64.powf(((range[1] - range[0]) / SLIDER_STEPS).log10().floor()),
        };
        let rounded = (v / quantum).round() * quantum;
        // Rounding in binary leaves tails like 0.30000000000000004: go through decimal text.
        let digits = (-quantum.log10().floor()).clamp(0.0, 15.0) as usize;
        let v = format!("{rounded:.digits$}").parse().unwrap_or(v);
        crate::within(v, range[0].min(range[1]), range[0].max(range[1]))
    }

    /// The choices of a `Choice` or `List` parameter.
    pub fn choices(&self) -> Vec<(&'static str, &'static str)> {
        match self.kind {
            Kind::Choice(list) | Kind::List(list) => list(),
            _ => Vec::new(),
        }
    }
}

/// Slider positions run from 0 to this.
pub const SLIDER_STEPS: f64 = 1000.0;

/// The page stops a run as converged when |∇f| falls below this.
pub const PAGE_TOLERANCE: f64 = 1e-4;

/// How out-of-range values are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuse them (the CLI: a bad flag is an error).
    Strict,
    /// Clamp them into range and say so (links and embed attributes).
    Lenient,
}

/// A value that could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamError {
    pub key: String,
    pub message: String,
}

impl fmt::Display for ParamError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ParamError {}

/// Which gradient a run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradMode {
    Exact,
    Central,
}

/// Every setting of one demo instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub preset: Preset,
    /// A typed function; empty means the preset's.
    pub expr: String,
    pub x0: f64,
    pub y0: f64,
    pub lr: f64,
    pub decay: f64,
    pub momentum: f64,
    pub method: Method,
    pub steps: u64,
    pub grad: GradMode,
    pub h: f64,
    pub xmin: f64,
    pub xmax: f64,
    pub ymin: f64,
    pub ymax: f64,
    /// Updates per second while playing.
    pub speed: f64,
    /// The lesson being followed (a key of [`crate::lessons::LESSONS`]), or empty.
    pub lesson: String,
    /// Controls not to show, as comma-separated keys.
    pub hide: String,
    /// The only controls to show, as comma-separated keys; empty shows them all.
    pub controls: String,
    /// Large type and thick lines, for a room.
    pub presenter: bool,
    /// The step the ball is shown at when the page opens (0: play from the start).
    pub at: u64,
    /// Methods that race from the same start, comma-separated; empty runs `method` alone.
    pub race: String,
}

/// The momentum β of momentum and Nesterov in a race when the momentum is 0.
pub const RACE_MOMENTUM: f64 = 0.9;

fn num(v: &Value) -> f64 {
    match v {
        Value::Num(n) => *n,
        Value::Text(_) => f64::NAN,
    }
}

fn text(v: Value) -> String {
    match v {
        Value::Text(t) => t,
        Value::Num(n) => float(n),
    }
}

fn preset_choices() -> Vec<(&'static str, &'static str)> {
    Preset::ALL
        .iter()
        .map(|p| (p.name(), p.info().label))
        .collect()
}

fn param_choices() -> Vec<(&'static str, &'static str)> {
    PARAMS.iter().map(|p| (p.key, p.label)).collect()
}

fn lesson_choices() -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", "Choose a lesson…"))
        .chain(crate::lessons::LESSONS.iter().map(|l| (l.key, l.title)))
        .collect()
}

fn method_choices() -> Vec<(&'static str, &'static str)> {
    Method::ALL.iter().map(|m| (m.key(), m.label())).collect()
}

fn grad_choices() -> Vec<(&'static str, &'static str)> {
    vec![("exact", "Exact"), ("central", "Central difference")]
}

const fn number(min: f64, max: f64, scale: Scale) -> Kind {
    Kind::Number {
        min,
        max,
        scale,
        integer: false,
    }
}

/// The largest coordinate a start or a view may have.
const FAR: f64 = 1e9;

/// The table. Order matters: `preset` and `f` come first, because choosing a function resets
/// the values that depend on it.
pub static PARAMS: &[Param] = &[
    // A lesson sets everything else: it comes first, so a link can change its settings.
    Param {
        key: "lesson",
        label: "Lesson",
        help: "one of the posts' scenarios, with a caption on what the ball does",
        kind: Kind::Choice(lesson_choices),
        control: Control::Select,
        group: Group::Main,
        cli: false,
        get: |s| Value::Text(s.lesson.clone()),
        set: |s, v| {
            let key = text(v);
            match crate::lessons::lesson(&key) {
                Some(l) => {
                    *s = s.keep_page(Settings {
                        lesson: key,
                        ..l.settings()
                    })
                }
                None => s.lesson.clear(),
            }
        },
    },
    Param {
        key: "preset",
        label: "Function",
        help: "a preset function",
        kind: Kind::Choice(preset_choices),
        control: Control::Select,
        group: Group::Main,
        cli: true,
        get: |s| Value::Text(s.preset.name().into()),
        // A preset brings its own view, start and learning rate, and drops a typed function;
        // the method and its settings stay as they were. The step budget and the speed follow
        // the preset's unless they were changed from the last one's.
        set: |s, v| {
            if let Some(p) = Preset::named(&text(v)) {
                let lesson_goes_on =
                    crate::lessons::lesson(&s.lesson).is_some_and(|l| l.preset() == Some(p));
                let (was, next) = (s.preset.info(), p.info());
                let steps = if s.steps == was.steps { next.steps } else { s.steps };
                let speed = if s.speed == was.speed { next.speed } else { s.speed };
                *s = s.keep_page(Settings {
                    method: s.method,
                    momentum: s.momentum,
                    decay: s.decay,
                    steps,
                    grad: s.grad,
                    h: s.h,
                    lesson: if lesson_goes_on {
                        s.lesson.clone()
                    } else {
                        String::new()
                    },
                    ..Settings::for_preset(p)
                });
                s.speed = speed;
            }
        },
    },
    Param {
        key: "f",
        label: "f(x) =",
        help: "a typed function of x (or of x and y), such as x^2 - 4*x",
        kind: Kind::Text {
            max_len: crate::objective::expr::MAX_LEN,
        },
        control: Control::Text,
        group: Group::Main,
        cli: true,
        get: |s| Value::Text(s.expr.clone()),
        // A typed function is not a lesson's.
        set: |s, v| {
            s.expr = text(v);
            if !s.expr.trim().is_empty() && s.expr.trim() != s.preset.formula() {
                s.lesson.clear();
            }
        },
    },
    Param {
        key: "x0",
        label: "Start x0",
        help: "where the ball starts (x)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Slider(Span::ViewX),
        group: Group::Main,
        cli: true,
        get: |s| Value::Num(s.x0),
        set: |s, v| s.x0 = num(&v),
    },
    Param {
        key: "y0",
        label: "Start y0",
        help: "where the ball starts (y, for functions of x and y)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Slider(Span::ViewY),
        group: Group::Main,
        cli: true,
        get: |s| Value::Num(s.y0),
        set: |s, v| s.y0 = num(&v),
    },
    Param {
        key: "lr",
        label: "Learning rate",
        help: "η, the size of each step relative to the slope",
        kind: number(1e-5, 10.0, Scale::Log),
        control: Control::Slider(Span::Table),
        group: Group::Main,
        cli: true,
        get: |s| Value::Num(s.lr),
        set: |s, v| s.lr = num(&v),
    },
    Param {
        key: "decay",
        label: "Decay",
        help: "γ, the learning rate's factor per step (η_t = η₀·γ^t; 1 means none)",
        kind: number(0.9, 1.0, Scale::Linear),
        control: Control::Slider(Span::Table),
        group: Group::Main,
        cli: true,
        get: |s| Value::Num(s.decay),
        set: |s, v| s.decay = num(&v),
    },
    Param {
        key: "momentum",
        label: "Momentum",
        help: "β, how much of the previous step carries over (momentum and Nesterov)",
        kind: number(0.0, 0.99, Scale::Linear),
        control: Control::Slider(Span::Table),
        group: Group::Main,
        cli: true,
        get: |s| Value::Num(s.momentum),
        set: |s, v| s.momentum = num(&v),
    },
    Param {
        key: "method",
        label: "Method",
        help: "the update rule",
        kind: Kind::Choice(method_choices),
        control: Control::Select,
        group: Group::Main,
        cli: true,
        get: |s| Value::Text(s.method.key().into()),
        set: |s, v| s.method = Method::named(&text(v)).unwrap_or(s.method),
    },
    Param {
        key: "race",
        label: "Race",
        help: "methods that race from the same start, each in its own colour, such as gd,momentum,adam; momentum and Nesterov race with β = 0.9 unless Momentum is above 0",
        kind: Kind::List(method_choices),
        control: Control::Checks,
        group: Group::Main,
        cli: true,
        get: |s| Value::Text(s.race.clone()),
        set: |s, v| s.race = text(v),
    },
    Param {
        key: "steps",
        label: "Steps",
        help: "the step budget: the most updates a run makes",
        kind: Kind::Number {
            min: 1.0,
            max: 1e6,
            scale: Scale::Log,
            integer: true,
        },
        control: Control::Number,
        group: Group::Main,
        cli: true,
        get: |s| Value::Num(s.steps as f64),
        set: |s, v| s.steps = num(&v) as u64,
    },
    Param {
        key: "grad",
        label: "Gradient",
        help: "exact (dual numbers) or a central difference with step h",
        kind: Kind::Choice(grad_choices),
        control: Control::Select,
        group: Group::More,
        cli: true,
        get: |s| {
            Value::Text(match s.grad {
                GradMode::Exact => "exact".into(),
                GradMode::Central => "central".into(),
            })
        },
        set: |s, v| {
            s.grad = if text(v) == "central" {
                GradMode::Central
            } else {
                GradMode::Exact
            }
        },
    },
    Param {
        key: "h",
        label: "Difference step h",
        help: "the step of the central difference (f(x+h) − f(x−h)) / 2h",
        kind: number(1e-12, 1.0, Scale::Log),
        control: Control::Number,
        group: Group::More,
        cli: true,
        get: |s| Value::Num(s.h),
        set: |s, v| s.h = num(&v),
    },
    Param {
        key: "xmin",
        label: "View from x",
        help: "the left edge of the view",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        cli: true,
        get: |s| Value::Num(s.xmin),
        set: |s, v| s.xmin = num(&v),
    },
    Param {
        key: "xmax",
        label: "View to x",
        help: "the right edge of the view",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        cli: true,
        get: |s| Value::Num(s.xmax),
        set: |s, v| s.xmax = num(&v),
    },
    Param {
        key: "ymin",
        label: "View from y",
        help: "the bottom edge of the view (functions of x and y)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        cli: true,
        get: |s| Value::Num(s.ymin),
        set: |s, v| s.ymin = num(&v),
    },
    Param {
        key: "ymax",
        label: "View to y",
        help: "the top edge of the view (functions of x and y)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        cli: true,
        get: |s| Value::Num(s.ymax),
        set: |s, v| s.ymax = num(&v),
    },
    Param {
        key: "speed",
        label: "Speed",
        help: "steps per second while playing",
        kind: number(0.5, 100_000.0, Scale::Log),
        control: Control::Slider(Span::Table),
        group: Group::Playback,
        cli: false,
        get: |s| Value::Num(s.speed),
        set: |s, v| s.speed = num(&v),
    },
    Param {
        key: "presenter",
        label: "Presenter mode",
        help: "large type and thick lines, readable from the back of a room",
        kind: Kind::Flag,
        control: Control::Toggle,
        group: Group::More,
        cli: false,
        get: |s| Value::Num(f64::from(u8::from(s.presenter))),
        set: |s, v| s.presenter = num(&v) > 0.0,
    },
    Param {
        key: "hide",
        label: "Hidden controls",
        help: "controls not to show, as comma-separated keys (hide=lr,decay)",
        kind: Kind::List(param_choices),
        control: Control::Hidden,
        group: Group::More,
        cli: false,
        get: |s| Value::Text(s.hide.clone()),
        set: |s, v| s.hide = text(v),
    },
    Param {
        key: "controls",
        label: "Shown controls",
        help: "the only controls to show, as comma-separated keys (controls=lr,decay)",
        kind: Kind::List(param_choices),
        control: Control::Hidden,
        group: Group::More,
        cli: false,
        get: |s| Value::Text(s.controls.clone()),
        set: |s, v| s.controls = text(v),
    },
    Param {
        key: "at",
        label: "Shown step",
        help: "the step the ball is shown at when the page opens",
        kind: Kind::Number {
            min: 0.0,
            max: 1e6,
            scale: Scale::Linear,
            integer: true,
        },
        control: Control::Hidden,
        group: Group::More,
        cli: false,
        get: |s| Value::Num(s.at as f64),
        set: |s, v| s.at = num(&v) as u64,
    },
];

/// The row of the table for `key`.
pub fn param(key: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.key == key)
}

impl Default for Settings {
    fn default() -> Self {
        Settings::for_preset(Preset::Quadratic)
    }
}

impl Settings {
    /// The defaults for a preset: its start, learning rate and view.
    pub fn for_preset(p: Preset) -> Self {
        let info = p.info();
        Settings {
            preset: p,
            expr: String::new(),
            x0: info.start[0],
            y0: info.start[1],
            lr: info.lr,
            decay: 1.0,
            momentum: 0.0,
            method: Method::Gd,
            steps: info.steps,
            grad: GradMode::Exact,
            h: Gradient::DEFAULT_H,
            xmin: info.domain.x[0],
            xmax: info.domain.x[1],
            ymin: info.domain.y[0],
            ymax: info.domain.y[1],
            speed: info.speed,
            lesson: String::new(),
            hide: String::new(),
            controls: String::new(),
            presenter: false,
            at: 0,
            race: String::new(),
        }
    }

    /// `next`, keeping this one's way of showing things: which controls, presenter mode,
    /// speed.
    fn keep_page(&self, next: Settings) -> Settings {
        Settings {
            hide: self.hide.clone(),
            controls: self.controls.clone(),
            presenter: self.presenter,
            speed: self.speed,
            ..next
        }
    }

    /// Whether the page shows the control of `key`, by `controls` and `hide`.
    pub fn shows(&self, key: &str) -> bool {
        let listed = |list: &str| list.split(',').any(|k| k.trim() == key);
        (self.controls.trim().is_empty() || listed(&self.controls)) && !listed(&self.hide)
    }

    /// Sets `key` from text. Returns a notice when the value was clamped (lenient mode);
    /// refuses unknown keys, unparsable values and, in strict mode, out-of-range ones.
    pub fn apply(
        &mut self,
        key: &str,
        raw: &str,
        mode: Mode,
    ) -> Result<Option<String>, ParamError> {
        let err = |message: String| ParamError {
            key: key.to_string(),
            message,
        };
        let p = param(key).ok_or_else(|| err(format!("unknown setting '{key}'")))?;
        let raw = raw.trim();
        let (value, notice) = match p.kind {
            Kind::Number {
                min, max, integer, ..
            } => {
                let v: f64 = raw.parse().map_err(|_| {
                    err(format!(
                        "{} must be a number, not '{}'",
                        p.label,
                        short(raw)
                    ))
                })?;
                if v.is_nan() {
                    return Err(err(format!("{} must be a number, not NaN", p.label)));
                }
                let v = if integer { v.round() } else { v };
                // `+ 0.0` turns −0 into 0, so a link never shows "-0".
                let (v, note) = if v >= min && v <= max {
                    (v, None)
                } else if mode == Mode::Strict {
                    return Err(err(format!(
                        "{} must be from {} to {} (got {})",
                        p.label,
                        float(min),
                        float(max),
                        short(raw)
                    )));
                } else {
                    let c = v.clamp(min, max);
                    let note = format!(
                        "{} {} is out of range: using {}",
                        p.label,
                        short(raw),
                        float(c)
                    );
                    (c, Some(note))
                };
                (Value::Num(v + 0.0), note)
            }
            Kind::Choice(list) => {
                let choices = list();
                if !choices.iter().any(|(k, _)| *k == raw) {
                    let keys: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
                    return Err(err(format!(
                        "unknown {} '{}': choose one of {}",
                        p.label.to_ascii_lowercase(),
                        short(raw),
                        crate::join(&keys, ", ")
                    )));
                }
                (Value::Text(raw.to_string()), None)
            }
            Kind::Flag => match raw.to_ascii_lowercase().as_str() {
                "" | "1" | "true" | "on" | "yes" => (Value::Num(1.0), None),
                "0" | "false" | "off" | "no" => (Value::Num(0.0), None),
                _ => {
                    return Err(err(format!(
                        "{} must be on or off, not '{}'",
                        p.label,
                        short(raw)
                    )))
                }
            },
            Kind::List(list) => {
                let choices = list();
                let mut picked: Vec<&str> = Vec::new();
                for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                    if !choices.iter().any(|(k, _)| *k == item) {
                        let keys: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
                        return Err(err(format!(
                            "{}: unknown '{}': choose among {}",
                            p.label,
                            short(item),
                            crate::join(&keys, ", ")
                        )));
                    }
                    if !picked.contains(&item) {
                        picked.push(item);
                    }
                }
                // In the list's own order, so the same choice always reads the same.
                let ordered: Vec<&str> = choices
                    .iter()
                    .map(|(k, _)| *k)
                    .filter(|k| picked.contains(k))
                    .collect();
                (Value::Text(crate::join(&ordered, ",")), None)
            }
            Kind::Text { max_len } => {
                if raw.len() > max_len {
                    return Err(err(format!(
                        "{} is too long ({} characters; the limit is {max_len})",
                        p.label,
                        raw.chars().count()
                    )));
                }
                (Value::Text(raw.to_string()), None)
            }
        };
        (p.set)(self, value);
        Ok(notice)
    }

    /// Settings from `key=value` pairs (a link's hash or embed attributes), function first.
    /// Unusable pairs are skipped, each with a notice saying why.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        mode: Mode,
    ) -> (Settings, Vec<ParamError>) {
        let pairs: Vec<(&str, &str)> = pairs.into_iter().collect();
        Self::from_list(&pairs, mode)
    }

    /// [`Settings::from_pairs`] for a list (one copy of the work, whatever the callers'
    /// iterators).
    fn from_list(pairs: &[(&str, &str)], mode: Mode) -> (Settings, Vec<ParamError>) {
        let mut s = Settings::default();
        let mut notes = Vec::new();
        let mut note = |key: &str, message: String| {
            notes.push(ParamError {
                key: key.to_string(),
                message,
            })
        };
        // In table order: the function decides the defaults of the rest, so it goes first.
        // Pairs with the same key apply in the order given (the last one wins).
        for p in PARAMS {
            for &(k, v) in pairs.iter().filter(|(k, _)| *k == p.key) {
                match s.apply(k, v, mode) {
                    Ok(Some(clamped)) => note(k, clamped),
                    Ok(None) => {}
                    Err(e) => note(k, e.message),
                }
            }
        }
        for &(k, _) in pairs.iter().filter(|(k, _)| param(k).is_none()) {
            note(k, format!("unknown setting '{}'", short(k)));
        }
        if let Some(note) = s.fix_view() {
            notes.push(note);
        }
        (s, notes)
    }

    /// Puts the view edges in order; a view of zero width goes back to the preset's.
    /// What is wrong with the view when an edge was moved past the other (or onto it), as a
    /// sentence for the page; `None` when the view is fine.
    pub fn view_problem(&self) -> Option<String> {
        use crate::table::brief;
        if self.xmin >= self.xmax {
            return Some(format!(
                "The view's left edge (x = {}) must be less than its right edge (x = {}).",
                brief(self.xmin),
                brief(self.xmax)
            ));
        }
        if self.ymin >= self.ymax {
            return Some(format!(
                "The view's bottom edge (y = {}) must be less than its top edge (y = {}).",
                brief(self.ymin),
                brief(self.ymax)
            ));
        }
        None
    }

    fn fix_view(&mut self) -> Option<ParamError> {
        let d = self.preset.info().domain;
        let mut fixed = false;
        for (lo, hi, default) in [
            (&mut self.xmin, &mut self.xmax, d.x),
            (&mut self.ymin, &mut self.ymax, d.y),
        ] {
            if *lo > *hi {
                std::mem::swap(lo, hi);
                fixed = true;
            }
            if *lo == *hi {
                (*lo, *hi) = (default[0], default[1]);
                fixed = true;
            }
        }
        fixed.then(|| ParamError {
            key: "xmin".into(),
            message: "the view's edges were out of order: fixed".into(),
        })
    }

    /// The pairs that differ from the defaults of the current function, in table order:
    /// what a link or an embed snippet needs to reproduce this state.
    pub fn changed_pairs(&self) -> Vec<(&'static str, String)> {
        let lesson = crate::lessons::lesson(&self.lesson);
        let base = lesson.map_or_else(|| Settings::for_preset(self.preset), |l| l.settings());
        let anchor = if lesson.is_some() { "lesson" } else { "preset" };
        PARAMS
            .iter()
            .filter(|p| p.key == anchor || p.value(self) != p.value(&base))
            .map(|p| (p.key, p.text(self)))
            .collect()
    }

    /// The methods that run: the race's, or the one method.
    pub fn methods(&self) -> Vec<Method> {
        let race: Vec<Method> = self.race.split(',').filter_map(Method::named).collect();
        if race.is_empty() {
            vec![self.method]
        } else {
            race
        }
    }

    /// Each run's hyper-parameters: one run, or one per method in a race, where momentum and
    /// Nesterov race with β = [`RACE_MOMENTUM`] unless the momentum is above 0 (with none they
    /// would only repeat plain descent).
    pub fn lanes(&self) -> Vec<Hyper> {
        let methods = self.methods();
        let racing = methods.len() > 1;
        methods
            .into_iter()
            .map(|method| {
                let mut hyper = Hyper {
                    method,
                    ..self.hyper()
                };
                if racing && method.uses_momentum() && hyper.momentum == 0.0 {
                    hyper.momentum = RACE_MOMENTUM;
                }
                hyper
            })
            .collect()
    }

    /// The function to minimise: the typed one if any, else the preset.
    pub fn function(&self) -> Result<Function, ExprError> {
        if self.expr.trim().is_empty() {
            Ok(Function::Preset(self.preset))
        } else {
            Expr::parse(&self.expr).map(|e| Function::Typed(Arc::new(e)))
        }
    }

    /// The formula currently minimised, as text.
    pub fn formula(&self) -> &str {
        if self.expr.trim().is_empty() {
            self.preset.formula()
        } else {
            &self.expr
        }
    }

    pub fn hyper(&self) -> Hyper {
        Hyper {
            method: self.method,
            lr: self.lr,
            momentum: self.momentum,
            decay: self.decay,
        }
    }

    pub fn domain(&self) -> Domain {
        Domain::new([self.xmin, self.xmax], [self.ymin, self.ymax])
    }

    /// Where a surface typed over a curve should start in y: from the curve's start on the x
    /// axis the ball would roll along the axis, a path of one variable; halfway from the
    /// middle of the view to its top, both coordinates move.
    pub fn off_axis_y0(&self) -> f64 {
        0.25 * self.ymin + 0.75 * self.ymax
    }

    pub fn gradient(&self) -> Gradient {
        match self.grad {
            GradMode::Exact => Gradient::Exact,
            GradMode::Central => Gradient::Central { h: self.h },
        }
    }

    /// The run these settings describe, stopping early when |∇f| < `tolerance`.
    pub fn run_config(&self, tolerance: f64) -> RunConfig {
        RunConfig {
            tolerance,
            gradient: self.gradient(),
            ..RunConfig::new([self.x0, self.y0], self.steps, self.domain())
        }
    }
}

/// Pairs as a link's hash or query: `preset=notch&lr=0.05`, every byte outside
/// `A–Z a–z 0–9 - . _ ~ , ^ *` percent-encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let enc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~,^*".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    let pairs: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    crate::join(&pairs, "&")
}

/// `key=value` pairs from a link's hash or query (a leading `#` or `?` is skipped). `%XX` is
/// decoded, `+` is a space; a key without `=` has an empty value. Never fails: what cannot be
/// decoded is kept as it is.
pub fn decode_pairs(text: &str) -> Vec<(String, String)> {
    let dec = |s: &str| {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let hex = |c: u8| char::from(c).to_digit(16);
            match b[i] {
                b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                },
                b'+' => out.push(b' '),
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    text.trim_start_matches(['#', '?'])
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (dec(k), dec(v)),
            None => (dec(p), String::new()),
        })
        .collect()
}

/// At most 40 characters of `s`, for messages.
fn short(s: &str) -> String {
    if s.chars().count() <= 40 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(40).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_choices_valid() {
        for (i, p) in PARAMS.iter().enumerate() {
            assert!(PARAMS[i + 1..].iter().all(|q| q.key != p.key), "{}", p.key);
            let s = Settings::default();
            // Every current value reads back through the table.
            let mut t = s.clone();
            t.apply(p.key, &p.text(&s), Mode::Strict)
                .unwrap_or_else(|e| panic!("{}: {e}", p.key));
            assert_eq!(p.value(&t), p.value(&s), "{}", p.key);
        }
    }

    #[test]
    fn lenient_mode_clamps_and_says_so_strict_mode_refuses() {
        let mut s = Settings::default();
        let note = s.apply("lr", "1e400", Mode::Lenient).unwrap().unwrap();
        assert_eq!(s.lr, 10.0);
        assert!(note.contains("out of range"), "{note}");
        assert!(s.apply("lr", "1e400", Mode::Strict).is_err());
        assert!(s.apply("lr", "NaN", Mode::Lenient).is_err());
        assert_eq!(s.apply("momentum", "-0", Mode::Strict), Ok(None));
        assert!(s.momentum.is_sign_positive());
        assert!(s.apply("method", "<b>adam</b>", Mode::Lenient).is_err());
        assert!(s.apply("nonsense", "1", Mode::Lenient).is_err());
        assert_eq!(s.apply("steps", "12.6", Mode::Strict), Ok(None));
        assert_eq!(s.steps, 13);
    }

    #[test]
    fn pairs_round_trip_and_apply_the_function_first() {
        let (s, notes) = Settings::from_pairs(
            [("lr", "0.05"), ("preset", "notch"), ("decay", "0.95")],
            Mode::Lenient,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!((s.preset, s.lr, s.decay), (Preset::Notch, 0.05, 0.95));
        let pairs = s.changed_pairs();
        assert_eq!(
            pairs,
            vec![
                ("preset", "notch".to_string()),
                ("lr", "0.05".to_string()),
                ("decay", "0.95".to_string())
            ]
        );
        let back = Settings::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), Mode::Strict);
        assert_eq!(back.0, s);
    }

    #[test]
    fn sliders_round_to_readable_values_and_map_back() {
        let s = Settings::default();
        let lr = param("lr").unwrap();
        let r = lr.slider_range(&s);
        assert_eq!(lr.from_slider(0.0, r), 1e-5);
        assert_eq!(lr.from_slider(1000.0, r), 10.0);
        for pos in (0..=1000).step_by(37) {
            let v = lr.from_slider(pos as f64, r);
            let text = crate::table::float(v);
            assert!(text.trim_start_matches("0.").len() <= 7, "{text}");
            assert!((lr.to_slider(v, r) - pos as f64).abs() <= 1.0);
        }
        let x0 = param("x0").unwrap();
        assert_eq!(x0.slider_range(&s), [-10.0, 10.0]);
        assert_eq!(x0.from_slider(650.0, [-10.0, 10.0]), 3.0);
        assert_eq!(x0.to_slider(3.0, [-10.0, 10.0]), 650.0);
        let decay = param("decay").unwrap();
        assert_eq!(decay.from_slider(500.0, decay.slider_range(&s)), 0.95);
    }

    #[test]
    fn links_round_trip_every_setting() {
        let mut s = Settings::for_preset(Preset::Local);
        s.apply("f", "x^4 - 3*x^2 + x/2 + sin(x) % 2", Mode::Strict)
            .unwrap();
        s.apply("lr", "0.0123", Mode::Strict).unwrap();
        s.apply("hide", "decay,momentum", Mode::Strict).unwrap();
        s.apply("presenter", "on", Mode::Strict).unwrap();
        let hash = encode_pairs(s.changed_pairs().iter().map(|(k, v)| (*k, v.as_str())));
        assert!(!hash.contains(' ') && !hash.contains('#'), "{hash}");
        let pairs = decode_pairs(&format!("#{hash}"));
        let (back, notes) = Settings::from_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            Mode::Lenient,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    #[test]
    fn hostile_links_are_clamped_or_refused_with_notices() {
        let long = "x".repeat(10_000);
        let hash = format!(
            "#lr=1e400&x0=NaN&momentum=-Infinity&bogus=1&f=%3Cscript%3Ealert(1)%3C%2Fscript%3E&steps=%ZZ&h={long}"
        );
        let pairs = decode_pairs(&hash);
        let (s, notes) = Settings::from_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            Mode::Lenient,
        );
        assert_eq!(s.lr, 10.0);
        assert_eq!(s.momentum, 0.0);
        assert_eq!(s.x0, Settings::default().x0);
        assert_eq!(s.steps, 30);
        assert_eq!(
            s.expr, "<script>alert(1)</script>",
            "kept as text; the parser refuses it"
        );
        assert!(s.function().is_err());
        let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(messages.len(), 6, "{messages:?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown setting 'bogus'")));
        assert!(messages
            .iter()
            .any(|m| m.contains("Learning rate 1e400 is out of range")));
        assert!(
            messages.iter().all(|m| m.chars().count() < 120),
            "{messages:?}"
        );
    }

    #[test]
    fn lessons_anchor_links_and_end_with_another_function() {
        let (s, _) = Settings::from_pairs([("lesson", "notch"), ("decay", "1")], Mode::Strict);
        assert_eq!(
            (s.preset, s.decay, s.lesson.as_str()),
            (Preset::Notch, 1.0, "notch")
        );
        let pairs = s.changed_pairs();
        assert_eq!(pairs[0], ("lesson", "notch".to_string()));
        assert_eq!(pairs[1], ("decay", "1".to_string()));
        assert_eq!(pairs.len(), 2);
        let mut t = s.clone();
        t.apply("preset", "quadratic", Mode::Strict).unwrap();
        assert!(t.lesson.is_empty());
        let mut t = s.clone();
        t.apply("f", "x^2", Mode::Strict).unwrap();
        assert!(t.lesson.is_empty());
    }

    #[test]
    fn shown_controls_follow_controls_and_hide() {
        let mut s = Settings::default();
        assert!(s.shows("lr") && s.shows("decay"));
        s.controls = "lr, decay".into();
        assert!(s.shows("lr") && s.shows("decay") && !s.shows("momentum"));
        s.hide = "decay".into();
        assert!(s.shows("lr") && !s.shows("decay"));
    }

    #[test]
    fn a_race_is_a_list_of_methods_in_their_own_order() {
        let mut s = Settings::default();
        assert_eq!(s.methods(), vec![Method::Gd]);
        s.apply("race", "adam, gd,adam", Mode::Strict).unwrap();
        assert_eq!(s.race, "gd,adam");
        assert_eq!(s.methods(), vec![Method::Gd, Method::Adam]);
        let e = s.apply("race", "gd,sgd", Mode::Lenient).unwrap_err();
        assert_eq!(
            e.message,
            "Race: unknown 'sgd': choose among gd, momentum, nesterov, adagrad, rmsprop, adam"
        );
        assert!(s.apply("hide", "lr,nope", Mode::Lenient).is_err());
        s.apply("race", "", Mode::Strict).unwrap();
        assert_eq!(s.methods(), vec![Method::Gd]);
    }

    #[test]
    fn a_preset_brings_its_budget_and_speed_unless_they_were_changed() {
        let mut s = Settings::default();
        s.apply("preset", "rosenbrock", Mode::Strict).unwrap();
        assert_eq!((s.steps, s.speed), (1000, 60.0));
        s.apply("preset", "bowl", Mode::Strict).unwrap();
        assert_eq!((s.steps, s.speed), (30, 4.0));
        s.apply("steps", "77", Mode::Strict).unwrap();
        s.apply("speed", "9", Mode::Strict).unwrap();
        s.apply("preset", "rosenbrock", Mode::Strict).unwrap();
        assert_eq!((s.steps, s.speed), (77, 9.0));
        // The same from a link, whatever the order of its keys.
        let (s, _) = Settings::from_pairs([("steps", "5"), ("preset", "beale")], Mode::Strict);
        assert_eq!((s.steps, s.speed), (5, 30.0));
    }

    #[test]
    fn a_race_runs_each_method_and_momentum_races_rolling() {
        let mut s = Settings::default();
        assert_eq!(s.lanes(), vec![s.hyper()], "no race: the one method");
        s.apply("race", "gd,momentum,nesterov,adam", Mode::Strict)
            .unwrap();
        let lanes = s.lanes();
        let methods: Vec<Method> = lanes.iter().map(|h| h.method).collect();
        assert_eq!(
            methods,
            [Method::Gd, Method::Momentum, Method::Nesterov, Method::Adam]
        );
        assert_eq!(
            lanes.iter().map(|h| h.momentum).collect::<Vec<_>>(),
            [0.0, RACE_MOMENTUM, RACE_MOMENTUM, 0.0]
        );
        s.apply("momentum", "0.5", Mode::Strict).unwrap();
        assert!(s.lanes().iter().all(|h| h.momentum == 0.5 && h.lr == s.lr));
    }

    #[test]
    fn a_surface_typed_over_a_curve_starts_off_the_axis() {
        let mut s = Settings::default();
        assert_eq!(s.off_axis_y0(), 5.0, "{:?}", (s.ymin, s.ymax));
        s.apply("ymin", "-1", Mode::Strict).unwrap();
        s.apply("ymax", "3", Mode::Strict).unwrap();
        assert_eq!(s.off_axis_y0(), 2.0);
    }

    #[test]
    fn a_view_moved_inside_out_is_named() {
        let mut s = Settings::default();
        assert_eq!(s.view_problem(), None);
        s.apply("xmin", "50", Mode::Lenient).unwrap();
        assert_eq!(
            s.view_problem().as_deref(),
            Some("The view's left edge (x = 50) must be less than its right edge (x = 10).")
        );
        let mut s = Settings::default();
        s.apply("ymax", "-1e9", Mode::Lenient).unwrap();
        assert!(s
            .view_problem()
            .unwrap()
            .starts_with("The view's bottom edge"));
    }

    #[test]
    fn a_reversed_view_is_put_in_order() {
        let (s, notes) = Settings::from_pairs([("xmin", "5"), ("xmax", "-5")], Mode::Lenient);
        assert_eq!((s.xmin, s.xmax), (-5.0, 5.0));
        assert_eq!(notes.len(), 1);
    }
}

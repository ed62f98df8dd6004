//! What a row of the parameter table says about a setting: its kind of value, how the page
//! shows it, where, and how its slider maps positions to values.

use super::Settings;
use crate::fmt::float;
use std::fmt;

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
    /// A point: one number per variable of the function, each at most `far` from 0,
    /// comma-separated (`2, -5, 7`).
    Coords { far: f64 },
    /// On or off: `1`, `true`, `on`, `yes` or nothing at all (a bare `data-presenter`) mean on;
    /// `0`, `false`, `off`, `no` mean off.
    Flag,
    /// Some of a fixed list of `(key, label)` choices, comma-separated (`gd,adam`); empty is
    /// none.
    List(fn() -> Vec<(&'static str, &'static str)>),
    /// A fit's data: a seed, or points (`settings::Data`).
    Points,
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
    /// Its flag in `descent trace` (`--step-size`), if it has one.
    pub flag: Option<&'static str>,
    pub(super) get: fn(&Settings) -> Value,
    pub(super) set: fn(&mut Settings, Value),
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
            (crate::within(t, 0.0, 1.0) * SLIDER_STEPS).round()
        } else {
            0.0
        }
    }

    /// The value at slider position `pos` over `range`, rounded to a number people read
    /// easily: three significant digits on a log scale, the slider's resolution otherwise.
    pub fn from_slider(&self, pos: f64, range: [f64; 2]) -> f64 {
        let t = crate::within(pos / SLIDER_STEPS, 0.0, 1.0);
        let v = match self.scale() {
            Scale::Log => (range[0].ln() + t * (range[1].ln() - range[0].ln())).exp(),
            Scale::Linear => range[0] + t * (range[1] - range[0]),
        };
        let quantum = match self.scale() {
            Scale::Log => 10f64.powf(v.abs().log10().floor() - 2.0),
            Scale::Linear => 10f64.powf(((range[1] - range[0]) / SLIDER_STEPS).log10().floor()),
        };
        let v = crate::fmt::snap(v, quantum);
        crate::within(v, range[0].min(range[1]), range[0].max(range[1]))
    }

    /// The values it takes, in words: "from 0.9 to 1", "one of gd, momentum, …".
    pub fn range(&self) -> String {
        let keys = || {
            let keys: Vec<&str> = self.choices().iter().map(|(k, _)| *k).collect();
            crate::fmt::join(&keys, ", ")
        };
        match self.kind {
            Kind::Number {
                min, max, integer, ..
            } => format!(
                "{}from {} to {}",
                if integer { "a whole number " } else { "" },
                float(min),
                float(max)
            ),
            Kind::Choice(_) => format!("one of {}", keys()),
            Kind::List(_) => format!("some of {}, comma-separated", keys()),
            Kind::Text { max_len } => format!("up to {max_len} characters"),
            Kind::Coords { .. } => "one number per variable, comma-separated".into(),
            Kind::Flag => "on or off".into(),
            Kind::Points => "a seed, or x,y points joined by ~".into(),
        }
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

/// A value as a number (NaN for text).
pub(super) fn num(v: &Value) -> f64 {
    match v {
        Value::Num(n) => *n,
        Value::Text(_) => f64::NAN,
    }
}

/// A value as text (a number in its shortest form).
pub(super) fn text(v: Value) -> String {
    match v {
        Value::Text(t) => t,
        Value::Num(n) => float(n),
    }
}

/// A number from `min` to `max`.
pub(super) const fn number(min: f64, max: f64, scale: Scale) -> Kind {
    Kind::Number {
        min,
        max,
        scale,
        integer: false,
    }
}

/// A whole number from `min` to `max`.
pub(super) const fn whole(min: f64, max: f64, scale: Scale) -> Kind {
    Kind::Number {
        min,
        max,
        scale,
        integer: true,
    }
}

#[cfg(test)]
mod tests {
    use super::super::param;
    use super::*;

    #[test]
    fn ranges_read_as_words() {
        let range = |k: &str| param(k).unwrap().range();
        assert_eq!(range("lr"), "from 0.00001 to 10");
        assert_eq!(range("steps"), "a whole number from 1 to 1000000");
        assert_eq!(range("grad"), "one of exact, central");
        assert!(range("race").starts_with("some of gd, momentum, nesterov"));
        assert_eq!(range("f"), "up to 500 characters");
        assert_eq!(range("presenter"), "on or off");
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
            let text = float(v);
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
}

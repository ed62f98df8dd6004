//! Changing settings from text (a control, a link, an embed attribute, a flag), with a message
//! a person understands for every value that cannot be used; and the pairs that reproduce a
//! state, for links and embed snippets.

use super::param::{Kind, Value};
use super::scenario::scenario;
use super::table::{param, PARAMS};
use super::Settings;
use crate::fmt::{brief, float};
use std::fmt;

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

impl Settings {
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
                let v: f64 = crate::fmt::number(raw).ok_or_else(|| {
                    err(format!(
                        "{} must be a number, not '{}'",
                        p.label,
                        short(raw)
                    ))
                })?;
                if v.is_nan() {
                    return Err(err(format!("{} must be a number, not NaN", p.label)));
                }
                // A whole number: a link's 12.6 means 13, a flag's is a mistake.
                if integer && v.fract() != 0.0 && mode == Mode::Strict {
                    return Err(err(format!(
                        "{} must be a whole number, not {}",
                        p.label,
                        short(raw)
                    )));
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
                    let c = crate::within(v, min, max);
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
                        crate::fmt::join(&keys, ", ")
                    )));
                }
                // A loss must be the model's own.
                if let Some(problem) = (p.key == "loss").then(|| self.loss_problem(raw)).flatten() {
                    return Err(err(problem));
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
                            crate::fmt::join(&keys, ", ")
                        )));
                    }
                    if picked.contains(&item) {
                        // A link's repeat is harmless; a flag's is a mistake.
                        if mode == Mode::Strict {
                            return Err(err(format!(
                                "{}: '{}' is listed twice",
                                p.label,
                                short(item)
                            )));
                        }
                    } else {
                        picked.push(item);
                    }
                }
                // In the list's own order, so the same choice always reads the same.
                let ordered: Vec<&str> = choices
                    .iter()
                    .map(|(k, _)| *k)
                    .filter(|k| picked.contains(k))
                    .collect();
                (Value::Text(crate::fmt::join(&ordered, ",")), None)
            }
            Kind::Coords { far } => {
                let mut coords = Vec::new();
                for part in raw.split(',') {
                    let part = part.trim();
                    match crate::fmt::number(part) {
                        Some(v) if v.abs() <= far => coords.push(v + 0.0),
                        _ => {
                            return Err(err(format!(
                                "{}: '{}' must be a number within ±{}",
                                p.label,
                                short(part),
                                crate::fmt::exponential(far),
                            )))
                        }
                    }
                }
                let names = crate::objective::Objective::names(&self.shown());
                if coords.len() != names.len() {
                    let n = names.len();
                    return Err(err(format!(
                        "{} needs {n} number{}, one per variable ({}); got {}",
                        p.label,
                        if n == 1 { "" } else { "s" },
                        crate::fmt::join(names, ", "),
                        coords.len()
                    )));
                }
                let text: Vec<String> = coords.iter().map(|&v| float(v)).collect();
                (Value::Text(crate::fmt::join(&text, ",")), None)
            }
            Kind::Points => {
                if raw.len() > super::fitting::DATA_LEN {
                    return Err(err(format!(
                        "the data is too long ({} characters): at most {} points",
                        raw.len(),
                        crate::fit::PAGE_POINTS
                    )));
                }
                let labels = self.preset == crate::objective::Preset::Logistic;
                super::fitting::Data::read(raw, labels).map_err(err)?;
                (Value::Text(raw.to_string()), None)
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
        let lesson = scenario(&self.lesson);
        let base = lesson.map_or_else(|| Settings::for_preset(self.preset), |l| l.settings());
        let anchor = if lesson.is_some() { "lesson" } else { "preset" };
        let dim = self.dim();
        PARAMS
            .iter()
            .filter(|p| {
                p.key == anchor || (self.matters(p.key, dim) && p.value(self) != p.value(&base))
            })
            .map(|p| (p.key, p.text(self)))
            .collect()
    }
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
    use crate::objective::Preset;

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
        assert_eq!(s.apply("steps", "12.6", Mode::Lenient), Ok(None));
        assert_eq!(s.steps, 13);
        assert_eq!(
            s.apply("steps", "1.5", Mode::Strict).unwrap_err().message,
            "Steps must be a whole number, not 1.5"
        );
        assert_eq!(
            s.apply("race", "gd,adam,gd", Mode::Strict)
                .unwrap_err()
                .message,
            "Race: 'gd' is listed twice"
        );
        s.apply("race", "gd,adam,gd", Mode::Lenient).unwrap();
        assert_eq!(s.race, "gd,adam");
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

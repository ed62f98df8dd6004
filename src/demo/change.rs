//! Changing a demo's settings: a control's value, a typed function, a press on the plot. Each
//! checks what it is given, says what could not be used, and runs the settings again.

use super::{Demo, Dirty};
use crate::fmt::float;
use crate::objective::{Expr, Function, Objective};
use crate::optim::Method;
use crate::settings::{param, Mode};
use std::sync::Arc;

impl Demo {
    /// One setting from a control, then whatever depends on it.
    pub(super) fn set(&mut self, key: &str, raw: &str) -> Dirty {
        if key == "f" {
            return self.type_function(raw);
        }
        let words = Dirty {
            words: true,
            ..Dirty::default()
        };
        let before = self.settings.clone();
        match self.settings.apply(key, raw, Mode::Lenient) {
            Err(e) => {
                self.error = Some(e.message);
                return words;
            }
            // Out of range: clamped, and said so.
            Ok(note) => self.error = note,
        }
        // An edge of the view typed past the other: refused, with the reason.
        if let Some(problem) = self.settings.view_problem() {
            self.settings = before;
            self.error = Some(problem);
            return Dirty {
                controls: true,
                ..words
            };
        }
        // The view changes the drawing, never the runs.
        if matches!(key, "view" | "yaw" | "pitch") {
            return Dirty {
                plot: true,
                marks: true,
                controls: true,
                link: true,
                ..words
            };
        }
        // Momentum means something only to the methods that use it: asking for some, or for
        // the map of it, picks one.
        let wants = match key {
            "momentum" => self.settings.momentum > 0.0,
            "map" => self.settings.map == "phase" && self.settings.race.is_empty(),
            _ => false,
        };
        if wants && !self.settings.method.uses_momentum() {
            self.settings.method = Method::Momentum;
        }
        let mut dirty = Dirty {
            controls: true,
            link: true,
            ..words
        };
        match key {
            "preset" | "lesson" => {
                self.grip = Default::default();
                self.function = self.settings.preset_function();
                self.alert = None;
                dirty.samples = true;
            }
            // A fit's loss and data make another surface.
            "loss" | "data" if self.settings.expr.trim().is_empty() => {
                self.grip = Default::default();
                self.function = self.settings.preset_function();
                dirty.samples = true;
            }
            "xmin" | "xmax" | "ymin" | "ymax" => dirty.samples = true,
            // A basins map is drawn on the plot: another map, or none, draws it again.
            "map" => dirty.plot = true,
            "presenter" => dirty.presenter = true,
            _ => {}
        }
        dirty |= self.recompute();
        if matches!(key, "preset" | "lesson") {
            self.playback.restart(self.span());
        }
        dirty
    }

    /// A typed function: applied when it parses, otherwise an alert while the last good
    /// function stays on screen. A typed function ends a lesson.
    pub(super) fn type_function(&mut self, text: &str) -> Dirty {
        let text = text.trim();
        let parsed = if text.is_empty() || text == self.settings.preset.formula() {
            Ok(self.settings.preset_function())
        } else {
            Expr::parse(text).map(|e| Function::Typed(Arc::new(e)))
        };
        let f = match parsed {
            Ok(f) => f,
            Err(e) => {
                self.alert = Some(e.to_string());
                return Dirty {
                    words: true,
                    ..Dirty::default()
                };
            }
        };
        if f.dim() >= 2 && self.function.dim() == 1 && self.settings.y0 == 0.0 {
            self.settings.y0 = self.settings.off_axis_y0();
        }
        if let Err(e) = self.settings.apply("f", text, Mode::Lenient) {
            self.alert = Some(e.message);
            return Dirty {
                words: true,
                ..Dirty::default()
            };
        }
        if let Function::Preset(_) | Function::Fit(_) = f {
            self.settings.expr.clear();
        }
        self.function = f;
        self.grip = Default::default();
        self.alert = None;
        Dirty {
            samples: true,
            controls: true,
            link: true,
            ..self.recompute()
        }
    }

    /// The start moved to a point on the plot, rounded to the sliders' resolution.
    /// (A plot of coordinates against the step, for three variables or more, has no start
    /// to press on: the Start box sets it.)
    pub(super) fn set_start(&mut self, at: [f64; 2]) -> Dirty {
        let keys: &[&str] = match self.dim() {
            1 => &["x0"],
            2 => &["x0", "y0"],
            _ => &[],
        };
        self.set_rounded(keys, at)
    }

    /// A press on the map's chart: the rate there (a sweep), or the rate and the momentum
    /// (a phase map), rounded to the sliders' resolution.
    pub(super) fn set_on_map(&mut self, at: [f64; 2]) -> Dirty {
        let keys: &[&str] = match self.settings.map {
            "sweep" => &["lr"],
            "phase" => &["lr", "momentum"],
            _ => &[],
        };
        self.set_rounded(keys, at)
    }

    /// Sets each of `keys` to its value in `at`, rounded to its slider's resolution.
    fn set_rounded(&mut self, keys: &[&str], at: [f64; 2]) -> Dirty {
        let mut dirty = Dirty::default();
        for (&key, &v) in keys.iter().zip(&at) {
            if let Some(p) = param(key) {
                let range = p.slider_range(&self.settings);
                let v = p.from_slider(p.to_slider(v, range), range);
                dirty |= self.set(key, &float(v));
            }
        }
        dirty
    }
}

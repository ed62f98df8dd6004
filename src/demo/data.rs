//! A fit's data on the page: a press on a point grips it and a drag moves it, a press on empty
//! space adds a point there (and grips it), a double click or a long press removes one, and the
//! Data box takes typed or pasted `x,y` lines. Each change makes a new loss surface and runs
//! the settings again; a mistake keeps the last good data and says what is wrong.

use super::{Demo, Dirty};
use crate::fit::{near, parse, Model, FAR, PAGE_POINTS};
use crate::objective::Fitted;
use crate::render::data_view;
use crate::settings::Data;
use std::sync::Arc;

/// What a person did to the data.
#[derive(Debug, Clone, PartialEq)]
pub enum DataAction {
    /// A press at `at` (data coordinates) at `now` (milliseconds); a point within `near`
    /// (half a box's width and height, in data units) is gripped, otherwise one is added there.
    Press {
        at: [f64; 2],
        near: [f64; 2],
        now: f64,
    },
    /// The pointer moved to `at` while pressed.
    Drag([f64; 2]),
    /// The pointer went up at `now`: a point held still for [`HOLD_MS`] is removed.
    Release(f64),
    /// Remove the point within `near` of `at`, if there is one.
    Remove { at: [f64; 2], near: [f64; 2] },
    /// The Data box's text: `x,y` lines, with or without a header.
    Type(String),
}

/// How long a point is held still to remove it (a long press), in milliseconds.
pub const HOLD_MS: f64 = 600.0;

/// The point being dragged, and the view it is dragged in (kept still until it is let go,
/// so the point stays under the pointer); when it was pressed, and whether it moved since.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Grip {
    held: Option<usize>,
    view: Option<[f64; 4]>,
    since: f64,
    moved: bool,
}

impl Demo {
    /// The fit on screen, if the function is one.
    pub fn fit(&self) -> Option<&Fitted> {
        self.function.fit()
    }

    /// The point being dragged.
    pub fn held(&self) -> Option<usize> {
        self.grip.held
    }

    /// The data view's ranges, `[xmin, xmax, ymin, ymax]` (see [`data_view`]), still while a
    /// point is dragged.
    pub fn data_view(&self) -> [f64; 4] {
        match (self.grip.view, self.fit()) {
            (Some(v), _) => v,
            (None, Some(f)) => data_view(f.data(), f.model()),
            (None, None) => [-1.0, 1.0, -1.0, 1.0],
        }
    }

    pub(super) fn on_data(&mut self, action: DataAction) -> Dirty {
        let Some(fit) = self.fit() else {
            self.grip = Grip::default();
            return Dirty::default();
        };
        // The pointer moving over the chart with nothing held: nothing to do.
        if matches!(action, DataAction::Drag(_)) && self.grip.held.is_none() {
            return Dirty::default();
        }
        let model = fit.model();
        let mut points = fit.data().to_vec();
        let nearest = |points: &[[f64; 2]], at: [f64; 2], near: [f64; 2]| {
            let d = |p: &[f64; 2]| ((p[0] - at[0]) / near[0]).hypot((p[1] - at[1]) / near[1]);
            let best = (0..points.len()).min_by(|&a, &b| d(&points[a]).total_cmp(&d(&points[b])));
            best.filter(|&i| d(&points[i]) <= 1.0)
        };
        match action {
            DataAction::Press { at, near, now } => {
                let view = self.data_view();
                let held = match nearest(&points, at, near) {
                    Some(i) => i,
                    None if points.len() < PAGE_POINTS => {
                        points.push(place(at, model, view));
                        points.len() - 1
                    }
                    None => {
                        self.error = Some(format!(
                            "A fit takes at most {PAGE_POINTS} points: remove one first."
                        ));
                        return Dirty {
                            words: true,
                            ..Dirty::default()
                        };
                    }
                };
                self.grip = Grip {
                    held: Some(held),
                    view: Some(view),
                    since: now,
                    moved: false,
                };
                self.set_points(points)
            }
            DataAction::Drag(at) => match self.grip {
                Grip {
                    held: Some(i),
                    view: Some(view),
                    ..
                } if i < points.len() && place(at, model, view) != points[i] => {
                    points[i] = place(at, model, view);
                    self.grip.moved = true;
                    self.set_points(points)
                }
                _ => Dirty::default(),
            },
            DataAction::Release(now) => {
                let grip = self.grip;
                let was = grip.held.is_some();
                self.grip = Grip::default();
                if let (Some(i), false) = (grip.held, grip.moved) {
                    if now - grip.since >= HOLD_MS && points.len() > 1 && i < points.len() {
                        return self.set_points(without(&points, i));
                    }
                }
                Dirty {
                    plot: was,
                    link: was,
                    controls: was,
                    ..Dirty::default()
                }
            }
            DataAction::Remove { at, near } => {
                self.grip = Grip::default();
                match nearest(&points, at, near) {
                    Some(_) if points.len() == 1 => {
                        self.error = Some("A fit needs at least one point.".into());
                        Dirty {
                            words: true,
                            ..Dirty::default()
                        }
                    }
                    Some(i) => self.set_points(without(&points, i)),
                    None => Dirty::default(),
                }
            }
            DataAction::Type(text) => {
                let checked = parse(&text, PAGE_POINTS, model == Model::Logistic)
                    .map_err(|e| e.to_string())
                    .and_then(|p| near(&p).map(|()| p));
                match checked {
                    // The same points: nothing changes (data made from a seed stays so).
                    Ok(same) if same == points => Dirty::default(),
                    Ok(points) => self.set_points(points),
                    Err(e) => {
                        self.error = Some(format!("The data was not changed: {e}."));
                        Dirty {
                            words: true,
                            ..Dirty::default()
                        }
                    }
                }
            }
        }
    }

    /// New data: a new loss surface, and the runs again.
    fn set_points(&mut self, points: Vec<[f64; 2]>) -> Dirty {
        // What a link could not carry, the page does not keep.
        if let Err(e) = crate::fit::linkable(&points) {
            self.error = Some(format!("The data was not changed: {e}."));
            return Dirty {
                words: true,
                ..Dirty::default()
            };
        }
        self.settings.data = Data::Points(Arc::new(points));
        self.function = self.settings.preset_function();
        self.error = None;
        let moving = self.grip.held.is_some();
        Dirty {
            samples: true,
            plot: true,
            words: true,
            // The link and the Data box follow once the point is let go.
            link: !moving,
            controls: !moving,
            ..self.recompute()
        }
    }
}

/// `points` but the one at `i`.
fn without(points: &[[f64; 2]], i: usize) -> Vec<[f64; 2]> {
    let kept = points.iter().enumerate().filter(|&(k, _)| k != i);
    kept.map(|(_, p)| *p).collect()
}

/// A point placed at `at` in `view`: rounded to about a thousandth of the view (so that links
/// stay short) and kept inside it and within ±[`FAR`]; for logistic regression, its label the nearer of 0 and 1.
fn place(at: [f64; 2], model: Model, view: [f64; 4]) -> [f64; 2] {
    let round = |v: f64, lo: f64, hi: f64| {
        let quantum = 10f64.powf(((hi - lo) / 1000.0).log10().floor());
        let v = crate::within(v, lo.max(-FAR), hi.min(FAR));
        crate::fmt::snap(v, quantum)
    };
    let x = round(at[0], view[0], view[1]);
    match model {
        Model::Line => [x, round(at[1], view[2], view[3])],
        Model::Logistic => [x, if at[1] >= 0.5 { 1.0 } else { 0.0 }],
    }
}

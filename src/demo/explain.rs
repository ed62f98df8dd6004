//! Explain mode, on the demo's side: the update from the step the ball is at, written out and
//! drawn as arrows, and the stability gauge at the ball; in a race, for the method picked in
//! the legend. The run is replayed to find the optimizer's memory (see [`Replay`]); the replay
//! is kept, so a ball moving on costs one update per step.

use super::Demo;
use crate::objective::Objective;
use crate::render::Arrows;
use crate::words::step::{self, Update};

/// η·f″ at the ball (η·λmax in two variables), the method's limit for it, if it has one, and
/// the sentence about them.
#[derive(Debug, Clone, PartialEq)]
pub struct Gauge {
    pub value: f64,
    pub limit: Option<f64>,
    pub words: String,
}

/// What the This step panel shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// "This step", with the method's name in a race.
    pub title: String,
    /// The update written out, one line per quantity.
    pub lines: Vec<String>,
    /// The stability gauge at the ball: none past two variables.
    pub gauge: Option<Gauge>,
    /// Whether the method carries a velocity (its arrow is then drawn and keyed).
    pub carried: bool,
    /// Whether a step samples a mini-batch (the full-batch step's arrow is then drawn too).
    pub sampled: bool,
}

impl Demo {
    /// The lane explained: the one picked in a race's legend.
    pub fn picked(&self) -> usize {
        self.picked.min(self.race.lanes().len().saturating_sub(1))
    }

    /// The update the arrows and the panel show: the next one, from the ball's step (at the
    /// end of a run, the last one).
    pub fn update(&self) -> Option<Update> {
        let mut cache = self.replay.borrow_mut();
        step::update(&self.race, self.picked(), self.playback.t() + 1, &mut cache)
    }

    /// The This step panel, when Explain is on.
    pub fn explained(&self) -> Option<Explained> {
        if !self.settings.explain {
            return None;
        }
        let lane = self.race.lanes().get(self.picked())?;
        let title = if self.race.racing() {
            format!("This step · {}", lane.method().label())
        } else {
            "This step".into()
        };
        let lines = {
            let mut cache = self.replay.borrow_mut();
            step::this_step(&self.race, self.picked(), self.playback.t() + 1, &mut cache)
        };
        let gauge = step::curv(&self.function, lane.at(self.playback.t())).map(|value| {
            let (limit, words) = step::gauge(value, self.dim(), lane.runner.optimizer().hyper());
            Gauge {
                value,
                limit,
                words,
            }
        });
        Some(Explained {
            title,
            lines,
            gauge,
            carried: lane.method().uses_momentum(),
            sampled: self.sampled(),
        })
    }

    /// The arrows of the step the ball is at, when Explain is on (curves and surfaces only).
    /// Whether a step samples a mini-batch of a fit's points.
    fn sampled(&self) -> bool {
        let lane = self.race.lanes().get(self.picked());
        lane.is_some_and(|l| l.runner.sampled())
    }

    pub fn arrows(&self) -> Option<Arrows> {
        let dim = self.dim();
        if !self.settings.explain || dim > 2 {
            return None;
        }
        let u = self.update()?;
        let eta = u.row.lr;
        let gradient = [-eta * u.row.g[0], -eta * u.row.g[1]];
        let along = |d: [f64; 2]| if dim == 1 { [d[0], 0.0] } else { d };
        let step = along([u.delta[0], u.delta[1]]);
        let method = self.race.lanes()[self.picked()].method();
        let carried = method
            .uses_momentum()
            .then(|| along([step[0] - gradient[0], step[1] - gradient[1]]));
        let from = if dim == 1 {
            [u.row.x[0], u.row.f]
        } else {
            [u.row.x[0], u.row.x[1]]
        };
        // A mini-batch's step against the step all the points would take from there.
        let full = self.sampled().then(|| {
            let g = self.function.value_grad(&u.row.x).1;
            [-eta * g[0], -eta * g[1]]
        });
        Some(Arrows {
            from,
            gradient: along(gradient),
            carried,
            full,
            step,
            dim,
        })
    }

    /// The read-out over the loss chart at step `k`: each run's f there (a run that stopped
    /// sooner, at its end).
    pub fn loss_read_out(&self, k: usize) -> String {
        let race = &self.race;
        let k = k.min(race.end());
        let parts: Vec<String> = race
            .lanes()
            .iter()
            .map(|l| {
                let f = crate::fmt::brief(l.at(k).f);
                if race.racing() {
                    format!("{}: f = {f}", l.method().label())
                } else {
                    format!("f = {f}")
                }
            })
            .collect();
        format!("step {k} · {}", crate::fmt::join(&parts, " · "))
    }

    /// A challenge's goal, as the page states it above the plot.
    pub fn goal(&self) -> Option<String> {
        let s = &self.settings;
        s.goal
            .is_finite()
            .then(|| crate::words::challenge::goal_line(s.goal, self.within()))
    }

    /// The steps a challenge allows: `within`, or the budget.
    pub(super) fn within(&self) -> u64 {
        match self.settings.within {
            0 => self.settings.steps,
            n => n,
        }
    }

    /// What the status says of the challenge at the ball's step, once it is known.
    pub(super) fn verdict(&self) -> Option<String> {
        let s = &self.settings;
        if !s.goal.is_finite() {
            return None;
        }
        crate::words::challenge::verdict(&self.race, s.goal, self.within(), self.playback.t())
    }
}

/// f(x) for the read-out under the pointer: x, f and the slope (or the gradient) there.
pub fn read_out(f: &dyn Objective, at: [f64; 2]) -> String {
    let dim = f.dim();
    let (v, g) = f.value_grad(&at[..dim.min(2)]);
    let b = crate::fmt::brief;
    if dim == 1 {
        format!("x = {} · f(x) = {} · f′(x) = {}", b(at[0]), b(v), b(g[0]))
    } else {
        format!(
            "(x, y) = ({}, {}) · f = {} · ∇f = ({}, {})",
            b(at[0]),
            b(at[1]),
            b(v),
            b(g[0]),
            b(g[1])
        )
    }
}

//! A run: an objective, an optimizer and a start, stepped until the step budget is spent, the
//! gradient vanishes, or the ball diverges. The trajectory records every state; the stop reason
//! says why it ended. A race is several runs from one start, one per method; multi-start runs
//! one method from many starts.
//!
//! As in argmin, taking a step ([`Runner::advance`]) and deciding to stop ([`Stop`]) are
//! separate, and whoever watches a run (the page, the CLI, a lesson) reads its trajectory
//! without being part of it.

mod multi;
mod race;
mod replay;
mod stop;
mod trajectory;

pub use crate::random::SplitMix64;
pub use multi::{multi_start, MultiStart, Starts};
pub use race::{Lane, Race};
pub use replay::Replay;
pub use stop::{NonFinite, Stop};
pub use trajectory::{Record, Trajectory};

use crate::fit::Batches;
use crate::objective::preset::Domain;
use crate::objective::{point, Gradient, Objective, Point, MAX_DIM};
use crate::optim::{Optimizer, State};

/// How a run is set up, apart from the objective and optimizer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunConfig {
    pub start: Point,
    /// The step budget: at most this many updates.
    pub steps: u64,
    /// Converged when |∇f| < tolerance; 0 runs the whole budget.
    pub tolerance: f64,
    pub gradient: Gradient,
    /// The step of the central difference, when `gradient` is [`Gradient::Central`].
    pub h: f64,
    /// The view; the ball has escaped when it is more than [`ESCAPE_WIDTHS`] view widths from
    /// the view's centre (y against the view's y range, every other coordinate against its x
    /// range).
    pub domain: Domain,
    /// The most rows kept in memory; longer runs are thinned evenly.
    pub keep: usize,
    /// For a fit's loss: the points each step samples (0, or as many as the data or more: all
    /// of them, full-batch descent), from mini-batches shuffled with `seed` ([`Batches`]).
    pub batch: usize,
    pub seed: u64,
}

/// How far, in view widths from the centre of the view, counts as diverged.
pub const ESCAPE_WIDTHS: f64 = 10.0;

impl RunConfig {
    /// A run from `start` (its coordinates in order; those not given are 0) of at most `steps`
    /// updates, on the view `domain`, following the exact gradient to the end of the budget.
    pub fn new(start: &[f64], steps: u64, domain: Domain) -> Self {
        RunConfig {
            start: point(start),
            steps,
            tolerance: 0.0,
            gradient: Gradient::Exact,
            h: Gradient::DEFAULT_H,
            domain,
            keep: usize::MAX,
            batch: 0,
            seed: 0,
        }
    }

    #[inline]
    fn escaped(&self, p: &Point, dim: usize) -> bool {
        let far = |r: [f64; 2], v: f64| {
            let width = (r[1] - r[0]).abs().max(f64::MIN_POSITIVE);
            (v - 0.5 * (r[0] + r[1])).abs() > ESCAPE_WIDTHS * width
        };
        p[..dim].iter().enumerate().any(|(i, &v)| {
            let range = if i == 1 { self.domain.y } else { self.domain.x };
            far(range, v)
        })
    }
}

/// A run in progress: advance it step by step, or all at once with [`trace`].
#[derive(Debug, Clone)]
pub struct Runner {
    optimizer: Optimizer,
    config: RunConfig,
    state: State,
    dim: usize,
    trajectory: Trajectory,
    stop: Option<Stop>,
    /// A stochastic fit's mini-batches.
    batches: Option<Batches>,
    /// Whether f is a fit's loss: its parameters may lie anywhere, so they never escape.
    fit: bool,
}

impl Runner {
    /// Evaluates the start; a start where f or its gradient is not finite stops at once.
    pub fn new(f: &dyn Objective, optimizer: Optimizer, config: RunConfig) -> Self {
        let dim = f.dim();
        let mut start = config.start;
        start[dim.min(MAX_DIM)..].fill(0.0);
        let n = f.points();
        let mut batches = crate::fit::samples(config.batch, n)
            .then(|| Batches::new(n, config.batch, config.seed));
        let first = Self::record(f, &config, &mut batches, 0, start, optimizer.lr_at(0));
        let mut runner = Runner {
            optimizer,
            config,
            state: optimizer.init(),
            dim,
            trajectory: Trajectory::new(first, config.keep),
            stop: None,
            batches,
            fit: n > 0,
        };
        runner.stop = runner.check(&first);
        runner
    }

    /// The row of step `step` at `x`: f there, and the gradient the next update follows
    /// (a stochastic fit's: over the next mini-batch, whose loss is `fb`).
    #[inline]
    fn record(
        f: &dyn Objective,
        config: &RunConfig,
        batches: &mut Option<Batches>,
        step: u64,
        x: Point,
        lr: f64,
    ) -> Record {
        // A mini-batch's gradient is exact, whatever `config.gradient` says: it is the one
        // the step follows, and the full loss is only reported.
        let (value, fb, g) = match batches {
            Some(b) => {
                let (fb, g) = f.batch_value_grad(b.next_batch(), &x);
                (f.value(&x), fb, g)
            }
            None => {
                let (value, g) = config.gradient.eval(f, &x, config.h);
                (value, value, g)
            }
        };
        Record {
            step,
            x,
            f: value,
            fb,
            g,
            lr,
        }
    }

    /// Why the run stopped at `r`, if it did.
    #[inline(always)]
    fn check(&self, r: &Record) -> Option<Stop> {
        let step = r.step;
        let finite = |p: Point| p[..self.dim].iter().all(|v| v.is_finite());
        if !finite(r.x) {
            return Some(Stop::NotFinite {
                step,
                what: NonFinite::Point,
            });
        }
        if !r.f.is_finite() {
            return Some(Stop::NotFinite {
                step,
                what: NonFinite::Value,
            });
        }
        if !finite(r.g) {
            return Some(Stop::NotFinite {
                step,
                what: NonFinite::Gradient,
            });
        }
        // A fit's (w, b) may lie far outside the view and still be right: only overflow stops
        // it.
        if !self.fit && self.config.escaped(&r.x, self.dim) {
            return Some(Stop::Escaped { step });
        }
        // |g| < tol, squared: no square root on the hot path. A mini-batch's gradient says
        // nothing of convergence (one point's can vanish anywhere): a stochastic run takes its
        // whole budget.
        let g2 = r.g[..self.dim].iter().fold(0.0, |a, g| a + g * g);
        if self.batches.is_none() && g2 < self.config.tolerance * self.config.tolerance {
            return Some(Stop::Converged { step });
        }
        if step >= self.config.steps {
            return Some(Stop::Budget);
        }
        None
    }

    /// Makes up to `n` more updates; returns how many were made.
    pub fn advance(&mut self, f: &dyn Objective, n: u64) -> u64 {
        let mut made = 0;
        while made < n && self.stop.is_none() {
            let current = *self.trajectory.last();
            let delta = self.optimizer.update(&mut self.state, current.g, self.dim);
            let mut x = current.x;
            for i in 0..self.dim {
                x[i] += delta[i];
            }
            let step = current.step + 1;
            let lr = self.optimizer.lr_at(step);
            let next = Self::record(f, &self.config, &mut self.batches, step, x, lr);
            self.trajectory.push(next);
            self.stop = self.check(&next);
            made += 1;
        }
        made
    }

    /// Runs to the end.
    pub fn finish(mut self, f: &dyn Objective) -> Trace {
        self.advance(f, u64::MAX);
        self.into_trace()
    }

    pub fn current(&self) -> &Record {
        self.trajectory.last()
    }

    pub fn stop(&self) -> Option<Stop> {
        self.stop
    }

    pub fn trajectory(&self) -> &Trajectory {
        &self.trajectory
    }

    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// What the optimizer remembers after the updates so far (its velocity or averages).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// How the run is set up.
    pub fn config(&self) -> &RunConfig {
        &self.config
    }

    /// Whether each step samples a mini-batch of a fit's points.
    pub fn sampled(&self) -> bool {
        self.batches.is_some()
    }

    /// Passes over the data begun so far, for a stochastic fit (0 otherwise).
    pub fn epochs(&self) -> u64 {
        self.batches.as_ref().map_or(0, Batches::epochs)
    }

    fn into_trace(self) -> Trace {
        Trace {
            trajectory: self.trajectory,
            stop: self.stop.unwrap_or(Stop::Budget),
            dim: self.dim,
        }
    }
}

/// A finished run.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    pub trajectory: Trajectory,
    pub stop: Stop,
    pub dim: usize,
}

impl Trace {
    /// The final state.
    pub fn last(&self) -> &Record {
        self.trajectory.last()
    }
}

/// Runs `optimizer` on `f` from `config.start` to the end.
pub fn trace(f: &dyn Objective, optimizer: Optimizer, config: RunConfig) -> Trace {
    Runner::new(f, optimizer, config).finish(f)
}

//! A run: an objective, an optimizer and a start, stepped until the step budget is spent, the
//! gradient vanishes, or the ball diverges. The trajectory records every state; the stop reason
//! says in words why it ended.
//!
//! Row k of the trajectory is the state after k updates, with f and the gradient evaluated
//! there; row 0 is the start. A long run keeps memory bounded by thinning its stored rows
//! (see [`Trajectory`]).

use crate::objective::preset::Domain;
use crate::objective::{central_gradient, Objective, Point};
use crate::optim::{Hyper, Method, Optimizer, State};
use crate::table::brief;
use std::fmt;

/// How the gradient is computed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Gradient {
    /// Exact, by forward-mode differentiation with dual numbers.
    Exact,
    /// Central difference with step `h`: (f(x + h) − f(x − h)) / 2h.
    Central { h: f64 },
}

impl Gradient {
    /// The default step of the central difference.
    pub const DEFAULT_H: f64 = 1e-5;

    /// f(p) and the gradient at p.
    #[inline]
    pub fn eval(self, f: &dyn Objective, p: Point) -> (f64, Point) {
        match self {
            Gradient::Exact => f.value_grad(p),
            Gradient::Central { h } => (f.value(p), central_gradient(f, p, h)),
        }
    }
}

/// One row of a trajectory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    /// Updates done to reach this state.
    pub step: u64,
    /// The point (y is 0 in one dimension).
    pub x: Point,
    /// f at the point.
    pub f: f64,
    /// The gradient at the point.
    pub g: Point,
    /// η_step: the learning rate of the update that leaves this state.
    pub lr: f64,
}

/// Which quantity stopped being a finite number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonFinite {
    Point,
    Value,
    Gradient,
}

/// Why a run stopped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// Every update of the budget was made.
    Budget,
    /// The gradient's length fell below the tolerance at this step.
    Converged { step: u64 },
    /// A value stopped being a finite number at this step.
    NotFinite { step: u64, what: NonFinite },
    /// The point went far outside the view at this step.
    Escaped { step: u64 },
}

impl Stop {
    pub fn diverged(&self) -> bool {
        matches!(self, Stop::NotFinite { .. } | Stop::Escaped { .. })
    }
}

impl fmt::Display for Stop {
    /// The reason in words, as the page and the CLI print it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Stop::Budget => write!(f, "step budget spent"),
            Stop::Converged { step } => write!(f, "converged at step {step}"),
            Stop::NotFinite { step, what } => {
                let what = match what {
                    NonFinite::Point => "the position",
                    NonFinite::Value => "f",
                    NonFinite::Gradient => "the slope",
                };
                if step == 0 {
                    write!(f, "{what} is not a finite number at the start")
                } else {
                    write!(f, "diverged at step {step}: {what} is not a finite number")
                }
            }
            Stop::Escaped { step } => write!(f, "diverged at step {step}: far outside the view"),
        }
    }
}

/// How a run is set up, apart from the objective and optimizer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunConfig {
    pub start: Point,
    /// The step budget: at most this many updates.
    pub steps: u64,
    /// Converged when |∇f| < tolerance; 0 runs the whole budget.
    pub tolerance: f64,
    pub gradient: Gradient,
    /// The view; the ball has escaped when it is more than [`ESCAPE_WIDTHS`] view widths from
    /// the view's centre.
    pub domain: Domain,
    /// The most rows kept in memory; longer runs are thinned evenly.
    pub keep: usize,
}

/// How far, in view widths from the centre of the view, counts as diverged.
pub const ESCAPE_WIDTHS: f64 = 10.0;

impl RunConfig {
    pub fn new(start: Point, steps: u64, domain: Domain) -> Self {
        RunConfig {
            start,
            steps,
            tolerance: 0.0,
            gradient: Gradient::Exact,
            domain,
            keep: usize::MAX,
        }
    }

    #[inline]
    fn escaped(&self, p: Point, dim: usize) -> bool {
        let far = |r: [f64; 2], v: f64| {
            let width = (r[1] - r[0]).abs().max(f64::MIN_POSITIVE);
            (v - 0.5 * (r[0] + r[1])).abs() > ESCAPE_WIDTHS * width
        };
        far(self.domain.x, p[0]) || (dim == 2 && far(self.domain.y, p[1]))
    }
}

/// The rows of a run. Keeps at most `keep` rows (at least 2): beyond that, every other stored
/// row is dropped and only every `stride`-th step is stored from then on. The first and the
/// latest rows are always available.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    rows: Vec<Record>,
    last: Record,
    stride: u64,
    keep: usize,
}

impl Trajectory {
    /// A trajectory holding its first row.
    pub fn new(first: Record, keep: usize) -> Self {
        Trajectory {
            rows: vec![first],
            last: first,
            stride: 1,
            keep: keep.max(2),
        }
    }

    /// Appends the next row: it becomes [`Trajectory::last`], and is stored when it falls on
    /// the stride.
    #[inline]
    fn push(&mut self, r: Record) {
        self.last = r;
        if !r.step.is_multiple_of(self.stride) {
            return;
        }
        if self.rows.len() >= self.keep {
            let mut i = 0;
            self.rows.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
            if !r.step.is_multiple_of(self.stride) {
                return;
            }
        }
        self.rows.push(r);
    }

    /// The stored rows, oldest first. With thinning, the latest row may be missing: see
    /// [`Trajectory::last`].
    pub fn rows(&self) -> &[Record] {
        &self.rows
    }

    /// The latest state.
    pub fn last(&self) -> &Record {
        &self.last
    }

    /// Stored rows plus the latest one when it was thinned out.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Record> {
        let stored = self.rows.last().map(|r| r.step) == Some(self.last.step);
        self.rows.iter().chain((!stored).then_some(&self.last))
    }

    /// Steps between stored rows (1 until the run outgrows `keep`).
    pub fn stride(&self) -> u64 {
        self.stride
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
}

impl Runner {
    /// Evaluates the start; a start where f or its gradient is not finite stops at once.
    pub fn new(f: &dyn Objective, optimizer: Optimizer, config: RunConfig) -> Self {
        let dim = f.dim();
        let mut start = config.start;
        if dim == 1 {
            start[1] = 0.0;
        }
        let (value, g) = config.gradient.eval(f, start);
        let first = Record {
            step: 0,
            x: start,
            f: value,
            g,
            lr: optimizer.lr_at(0),
        };
        let mut runner = Runner {
            optimizer,
            config,
            state: optimizer.init(),
            dim,
            trajectory: Trajectory::new(first, config.keep),
            stop: None,
        };
        runner.stop = runner.check(&first);
        runner
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
        if self.config.escaped(r.x, self.dim) {
            return Some(Stop::Escaped { step });
        }
        // |g| < tol, squared: no square root on the hot path.
        if r.g[0] * r.g[0] + r.g[1] * r.g[1] < self.config.tolerance * self.config.tolerance {
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
            let current = self.trajectory.last;
            let delta = self.optimizer.update(&mut self.state, current.g, self.dim);
            let mut x = current.x;
            for i in 0..self.dim {
                x[i] += delta[i];
            }
            let (value, g) = self.config.gradient.eval(f, x);
            let step = current.step + 1;
            let next = Record {
                step,
                x,
                f: value,
                g,
                lr: self.optimizer.lr_at(step),
            };
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
        &self.trajectory.last
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

/// The largest η·curvature a method stays stable under on a quadratic: 2 for gradient descent,
/// 2(1 + β) for heavy-ball momentum, 2(1 + β)/(1 + 2β) for Nesterov. None for the adaptive
/// methods, whose effective step depends on the gradients seen.
pub fn stability_limit(h: Hyper) -> Option<f64> {
    let b = h.momentum;
    match h.method {
        Method::Gd => Some(2.0),
        Method::Momentum => Some(2.0 * (1.0 + b)),
        Method::Nesterov => Some(2.0 * (1.0 + b) / (1.0 + 2.0 * b)),
        Method::AdaGrad | Method::RmsProp | Method::Adam => None,
    }
}

/// Why a run stopped, in words a student understands: the stop reason, and for a divergence
/// the likely cause (a learning rate too large for the curvature, or a function that keeps
/// falling).
pub fn explain(
    stop: Stop,
    trajectory: &Trajectory,
    f: &dyn Objective,
    optimizer: &Optimizer,
    domain: Domain,
) -> String {
    let dim = f.dim();
    let point = |p: Point| {
        if dim == 1 {
            format!("x = {}", brief(p[0]))
        } else {
            format!("(x, y) = ({}, {})", brief(p[0]), brief(p[1]))
        }
    };
    let last = trajectory.last();
    match stop {
        Stop::Budget => format!("step budget spent: {} steps", last.step),
        Stop::Converged { .. } => format!("{stop}: the slope is flat at {}", point(last.x)),
        Stop::NotFinite { what, .. } => {
            let at = trajectory
                .iter()
                .rev()
                .find(|r| r.x[..dim].iter().all(|v| v.is_finite()))
                .map(|r| r.x)
                .unwrap_or(last.x);
            let why = match f.value(at) {
                v if v.is_nan() => "f is not defined there",
                v if v == f64::INFINITY => "f is too large there to be a number",
                v if v == f64::NEG_INFINITY => "f falls without bound there",
                _ => "its slope is not defined there",
            };
            // "… at the start (x, y) = (2.5, 1): …", "… at step 3 … at x = −1.5: …"
            let at_word = match stop {
                Stop::NotFinite { step: 0, .. } => "",
                _ => " at",
            };
            match what {
                NonFinite::Point => stop.to_string(),
                _ => format!("{stop}{at_word} {}: {why}", point(at)),
            }
        }
        Stop::Escaped { .. } => {
            let curv = if dim == 1 { "f″" } else { "λmax" };
            let limit = stability_limit(optimizer.hyper());
            let worst = trajectory
                .iter()
                .filter(|r| domain.contains(r.x, dim))
                .map(|r| r.lr * f.curvature(r.x))
                .filter(|v| v.is_finite())
                .fold(f64::NEG_INFINITY, f64::max);
            let first = trajectory.rows().first().map_or(last.f, |r| r.f);
            let why = match limit {
                Some(limit) if worst > limit => format!(
                    "the learning rate is too large for this curvature (η·{curv} = {} > {})",
                    brief(worst),
                    brief(limit)
                ),
                _ if last.f < first => {
                    "the function keeps falling that way: it has no minimum there".to_string()
                }
                _ => "the steps grew until the ball left the view".to_string(),
            };
            format!("{stop} ({}): {why}", point(last.x))
        }
    }
}

/// The Euclidean length of a gradient.
pub fn norm(g: Point) -> f64 {
    g[0].hypot(g[1])
}

/// Where multi-start runs begin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Starts {
    /// `n` starts evenly spread over the view (a line in 1-D, a grid in 2-D).
    Spread(usize),
    /// `n` starts drawn uniformly over the view by a generator seeded with `seed`.
    Random { n: usize, seed: u64 },
}

impl Starts {
    /// The start points over `domain` in `dim` dimensions.
    pub fn points(self, domain: Domain, dim: usize) -> Vec<Point> {
        let lerp = |r: [f64; 2], t: f64| r[0] + (r[1] - r[0]) * t;
        match self {
            Starts::Spread(n) if dim == 1 => (0..n)
                .map(|i| [lerp(domain.x, (i as f64 + 0.5) / n as f64), 0.0])
                .collect(),
            Starts::Spread(n) => {
                let side = (n as f64).sqrt().ceil().max(1.0) as usize;
                (0..n)
                    .map(|k| {
                        let (i, j) = (k % side, k / side);
                        [
                            lerp(domain.x, (i as f64 + 0.5) / side as f64),
                            lerp(domain.y, (j as f64 + 0.5) / side as f64),
                        ]
                    })
                    .collect()
            }
            Starts::Random { n, seed } => {
                let mut rng = SplitMix64(seed);
                (0..n)
                    .map(|_| {
                        let x = lerp(domain.x, rng.unit());
                        let y = if dim == 2 {
                            lerp(domain.y, rng.unit())
                        } else {
                            0.0
                        };
                        [x, y]
                    })
                    .collect()
            }
        }
    }
}

/// SplitMix64: a small, well-mixed seeded generator, so a seed reproduces the same starts on
/// every machine.
#[derive(Debug, Clone)]
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Several runs of the same optimizer from different starts.
#[derive(Debug, Clone)]
pub struct MultiStart {
    pub traces: Vec<Trace>,
    /// The run that ended lowest without diverging.
    pub best: Option<usize>,
}

/// Runs from every start and reports the best.
pub fn multi_start(
    f: &dyn Objective,
    optimizer: Optimizer,
    config: RunConfig,
    starts: &[Point],
) -> MultiStart {
    let traces: Vec<Trace> = starts
        .iter()
        .map(|&start| trace(f, optimizer, RunConfig { start, ..config }))
        .collect();
    let best = traces
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.stop.diverged())
        .min_by(|(_, a), (_, b)| a.last().f.total_cmp(&b.last().f))
        .map(|(i, _)| i);
    MultiStart { traces, best }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_memory_bounded_and_the_ends() {
        let row = |step: u64| Record {
            step,
            x: [step as f64, 0.0],
            f: 0.0,
            g: [0.0; 2],
            lr: 0.1,
        };
        let mut t = Trajectory::new(row(0), 8);
        for step in 1..=1000 {
            t.push(row(step));
        }
        assert!(t.rows().len() <= 8);
        assert_eq!(t.rows()[0].step, 0);
        assert_eq!(t.last().step, 1000);
        assert_eq!(t.iter().last().unwrap().step, 1000);
        let steps: Vec<u64> = t.rows().iter().map(|r| r.step).collect();
        assert!(
            steps.windows(2).all(|w| w[1] - w[0] == t.stride()),
            "{steps:?}"
        );
    }

    #[test]
    fn seeded_starts_repeat_and_stay_in_view() {
        let d = Domain::new([-2.0, 3.0], [0.0, 1.0]);
        let a = Starts::Random { n: 50, seed: 7 }.points(d, 2);
        assert_eq!(a, Starts::Random { n: 50, seed: 7 }.points(d, 2));
        assert_ne!(a, Starts::Random { n: 50, seed: 8 }.points(d, 2));
        assert!(a.iter().all(|p| d.contains(*p, 2)));
        let s = Starts::Spread(4).points(d, 1);
        assert_eq!(
            s,
            vec![[-1.375, 0.0], [-0.125, 0.0], [1.125, 0.0], [2.375, 0.0]]
        );
    }
}

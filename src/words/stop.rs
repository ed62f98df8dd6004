//! Why a run stopped, in words a student understands: the reason itself ("converged at step
//! 12"), and for a divergence its likely cause (a learning rate too large for the curvature, or
//! a function that keeps falling). The page and the command line print the same sentences.

use crate::fmt::{brief, place};
use crate::objective::preset::Domain;
use crate::objective::{Objective, Point};
use crate::optim::Hyper;
use crate::run::{NonFinite, Stop, Trajectory};
use std::fmt;

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

/// Why a run stopped, in words a student understands: the stop reason, and for a divergence
/// the likely cause (a learning rate too large for the curvature, or a function that keeps
/// falling).
pub fn explain(
    stop: Stop,
    trajectory: &Trajectory,
    f: &dyn Objective,
    hyper: Hyper,
    domain: Domain,
) -> String {
    let (dim, names) = (f.dim(), f.names());
    let point = |p: Point| place(&p, names);
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
            let why = match f.value(&at) {
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
            let limit = hyper.stability_limit();
            let worst = trajectory
                .iter()
                .filter(|r| domain.contains(&r.x, dim))
                .map(|r| r.lr * f.curvature(&r.x))
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

//! The stepper: six update rules with PyTorch's defaults, a learning-rate schedule, and
//! hyper-parameters that are checked when built.
//!
//! As in optax, a method is an `init`/`update` pair over explicit [`State`]: the validated
//! [`Optimizer`] never changes while it runs, so a reset is simply a fresh `init()`.

mod method;
mod schedule;

pub use method::{Method, State};
pub use schedule::{rate, Schedule};

use crate::objective::Point;
use std::fmt;

/// RMSProp's smoothing constant α (PyTorch's default).
pub const RMSPROP_ALPHA: f64 = 0.99;
/// Adam's β₁ and β₂ (PyTorch's defaults).
pub const ADAM_BETAS: (f64, f64) = (0.9, 0.999);
/// AdaGrad's ε (PyTorch's default).
pub const ADAGRAD_EPS: f64 = 1e-10;
/// RMSProp's and Adam's ε (PyTorch's default).
pub const EPS: f64 = 1e-8;

/// The hyper-parameters as given, before checking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hyper {
    pub method: Method,
    /// η₀, the learning rate of the first update.
    pub lr: f64,
    /// β, the momentum of `Momentum` and `Nesterov` (ignored by the other methods).
    pub momentum: f64,
    /// γ, the learning-rate decay (per update, or per `size` updates with a step schedule;
    /// 1 means none).
    pub decay: f64,
    /// How the rate changes from step to step.
    pub schedule: Schedule,
    /// Updates over which the rate ramps up linearly from η₀/W (0: none).
    pub warmup: u64,
}

impl Default for Hyper {
    fn default() -> Self {
        Hyper {
            method: Method::Gd,
            lr: 0.1,
            momentum: 0.0,
            decay: 1.0,
            schedule: Schedule::Exp,
            warmup: 0,
        }
    }
}

/// A hyper-parameter that cannot be used, with a message a student understands.
#[derive(Debug, Clone, PartialEq)]
pub struct HyperError {
    /// Which parameter: "lr", "momentum", "decay" or "stepsize".
    pub param: &'static str,
    pub message: String,
}

impl fmt::Display for HyperError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for HyperError {}

/// Checked hyper-parameters: an optimizer that can run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Optimizer {
    hyper: Hyper,
}

impl Hyper {
    /// The largest η·curvature the method stays stable under on a quadratic: 2 for gradient
    /// descent, 2(1 + β) for heavy-ball momentum, 2(1 + β)/(1 + 2β) for Nesterov. None for the
    /// adaptive methods, whose effective step depends on the gradients seen.
    pub fn stability_limit(&self) -> Option<f64> {
        let b = self.momentum;
        match self.method {
            Method::Gd => Some(2.0),
            Method::Momentum => Some(2.0 * (1.0 + b)),
            Method::Nesterov => Some(2.0 * (1.0 + b) / (1.0 + 2.0 * b)),
            Method::AdaGrad | Method::RmsProp | Method::Adam => None,
        }
    }

    /// Checks every value, with a message saying what a valid one looks like.
    pub fn build(self) -> Result<Optimizer, HyperError> {
        let err = |param, message: String| Err(HyperError { param, message });
        if !(self.lr.is_finite() && self.lr > 0.0) {
            return err(
                "lr",
                format!(
                    "the learning rate must be a positive number, such as 0.1 (got {})",
                    crate::fmt::float(self.lr)
                ),
            );
        }
        if !(self.momentum >= 0.0 && self.momentum < 1.0) {
            return err(
                "momentum",
                format!(
                    "momentum must be at least 0 and less than 1, such as 0.9 (got {})",
                    crate::fmt::float(self.momentum)
                ),
            );
        }
        if !(self.decay > 0.0 && self.decay <= 1.0) {
            return err(
                "decay",
                format!(
                    "decay must be more than 0 and at most 1; 1 means no decay (got {})",
                    crate::fmt::float(self.decay)
                ),
            );
        }
        if let Schedule::Step { size: 0 } = self.schedule {
            return err(
                "stepsize",
                "the step size of a step schedule must be at least 1".into(),
            );
        }
        Ok(Optimizer { hyper: self })
    }
}

impl Optimizer {
    pub fn hyper(&self) -> Hyper {
        self.hyper
    }

    pub fn method(&self) -> Method {
        self.hyper.method
    }

    /// The state before the first update.
    pub fn init(&self) -> State {
        State::default()
    }

    /// η_t, the learning rate of update number `t` (counted from 0): the schedule's, with the
    /// warmup.
    pub fn lr_at(&self, t: u64) -> f64 {
        let h = self.hyper;
        rate(h.lr, h.decay, h.schedule, h.warmup, t)
    }

    /// One update from gradient `g`: advances `state` and returns the step Δ to add to x
    /// (x ← x + Δ). Only the first `dim` coordinates are touched.
    pub fn update(&self, state: &mut State, g: Point, dim: usize) -> Point {
        let lr = self.lr_at(state.t);
        let step = method::step(self.hyper, lr, state, g, dim);
        state.t += 1;
        step
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_cannot_run_with_readable_messages() {
        let bad = |h: Hyper| h.build().unwrap_err();
        let base = Hyper::default();
        for lr in [0.0, -0.1, f64::NAN, f64::INFINITY] {
            let e = bad(Hyper { lr, ..base });
            assert_eq!(e.param, "lr");
            assert!(e.message.contains("positive number"), "{e}");
        }
        assert_eq!(
            bad(Hyper {
                momentum: 1.0,
                ..base
            })
            .param,
            "momentum"
        );
        assert_eq!(
            bad(Hyper {
                momentum: -0.1,
                ..base
            })
            .param,
            "momentum"
        );
        assert_eq!(bad(Hyper { decay: 0.0, ..base }).param, "decay");
        assert!(bad(Hyper { decay: 1.5, ..base })
            .message
            .contains("1 means no decay"));
        assert!(base.build().is_ok());
        let e = bad(Hyper { lr: 0.0, ..base });
        assert_eq!(
            e.to_string(),
            "the learning rate must be a positive number, such as 0.1 (got 0)"
        );
    }

    #[test]
    fn an_optimizer_keeps_the_hyper_parameters_it_was_built_from() {
        let h = Hyper {
            method: Method::Nesterov,
            lr: 0.3,
            momentum: 0.7,
            decay: 0.95,
            ..Hyper::default()
        };
        let o = h.build().unwrap();
        assert_eq!(o.hyper(), h);
        assert_eq!(o.method(), Method::Nesterov);
        assert_eq!(o.lr_at(2), 0.3 * 0.95 * 0.95);
        let warm = Hyper {
            schedule: Schedule::Cosine { period: 10 },
            warmup: 4,
            ..h
        };
        assert_eq!(warm.build().unwrap().lr_at(0), 0.3 * 0.25);
        assert_eq!(warm.build().unwrap().lr_at(10), 0.0);
        let zero = Hyper {
            schedule: Schedule::Step { size: 0 },
            ..h
        };
        assert_eq!(zero.build().unwrap_err().param, "stepsize");
    }

    #[test]
    fn stability_limits_follow_the_method_and_momentum() {
        let h = |method, momentum| Hyper {
            method,
            momentum,
            ..Hyper::default()
        };
        assert_eq!(h(Method::Gd, 0.9).stability_limit(), Some(2.0));
        assert_eq!(h(Method::Momentum, 0.5).stability_limit(), Some(3.0));
        assert_eq!(h(Method::Nesterov, 0.5).stability_limit(), Some(1.5));
        assert_eq!(h(Method::Adam, 0.5).stability_limit(), None);
    }
}

//! The update rules, written as PyTorch computes them (same defaults, same order of operations),
//! so a student can check any step against `torch.optim`.

use super::{Hyper, ADAGRAD_EPS, ADAM_BETAS, EPS, RMSPROP_ALPHA};
use crate::objective::{Point, MAX_DIM};

/// An optimisation method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Plain gradient descent: x ← x − η_t·g.
    Gd,
    /// Heavy ball: v ← β·v + g (so v = g on the first step); x ← x − η_t·v.
    Momentum,
    /// Nesterov: v ← β·v + g; x ← x − η_t·(g + β·v).
    Nesterov,
    /// AdaGrad: s ← s + g²; x ← x − η_t·g / (√s + 1e-10).
    AdaGrad,
    /// RMSProp: s ← α·s + (1 − α)·g² with α = 0.99; x ← x − η_t·g / (√s + 1e-8).
    RmsProp,
    /// Adam: m ← β₁·m + (1 − β₁)·g; s ← β₂·s + (1 − β₂)·g²;
    /// x ← x − η_t·m̂ / (√ŝ + 1e-8), with m̂ = m/(1 − β₁^t), ŝ = s/(1 − β₂^t), β = (0.9, 0.999).
    Adam,
}

impl Method {
    pub const ALL: [Method; 6] = [
        Method::Gd,
        Method::Momentum,
        Method::Nesterov,
        Method::AdaGrad,
        Method::RmsProp,
        Method::Adam,
    ];

    /// The key used in links, embed attributes and `--method`.
    pub fn key(self) -> &'static str {
        match self {
            Method::Gd => "gd",
            Method::Momentum => "momentum",
            Method::Nesterov => "nesterov",
            Method::AdaGrad => "adagrad",
            Method::RmsProp => "rmsprop",
            Method::Adam => "adam",
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Method::Gd => "Gradient descent",
            Method::Momentum => "Momentum",
            Method::Nesterov => "Nesterov",
            Method::AdaGrad => "AdaGrad",
            Method::RmsProp => "RMSProp",
            Method::Adam => "Adam",
        }
    }

    pub fn named(key: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Whether the momentum β takes part in the update.
    pub fn uses_momentum(self) -> bool {
        matches!(self, Method::Momentum | Method::Nesterov)
    }
}

/// What a method remembers between updates.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct State {
    /// Updates done so far.
    pub t: u64,
    /// Momentum buffer v (Momentum, Nesterov) or first moment m (Adam).
    pub v: Point,
    /// Sum (AdaGrad) or average (RMSProp, Adam) of squared gradients.
    pub s: Point,
}

/// The step Δ for learning rate `lr` (already decayed) and gradient `g`; updates the buffers.
pub(super) fn step(h: Hyper, lr: f64, st: &mut State, g: Point, dim: usize) -> Point {
    let mut delta = [0.0; MAX_DIM];
    let (g, delta_d) = (&g[..dim], &mut delta[..dim]);
    match h.method {
        Method::Gd => {
            for (d, &gi) in delta_d.iter_mut().zip(g) {
                *d = -lr * gi;
            }
        }
        Method::Momentum | Method::Nesterov => {
            let b = h.momentum;
            for i in 0..dim {
                st.v[i] = b * st.v[i] + g[i];
                delta_d[i] = if h.method == Method::Nesterov {
                    -lr * (g[i] + b * st.v[i])
                } else {
                    -lr * st.v[i]
                };
            }
        }
        Method::AdaGrad => {
            for i in 0..dim {
                st.s[i] += g[i] * g[i];
                delta_d[i] = -lr * (g[i] / (st.s[i].sqrt() + ADAGRAD_EPS));
            }
        }
        Method::RmsProp => {
            for i in 0..dim {
                st.s[i] = RMSPROP_ALPHA * st.s[i] + (1.0 - RMSPROP_ALPHA) * g[i] * g[i];
                delta_d[i] = -lr * (g[i] / (st.s[i].sqrt() + EPS));
            }
        }
        Method::Adam => {
            let (b1, b2) = ADAM_BETAS;
            let t = (st.t + 1) as f64;
            let bias1 = 1.0 - b1.powf(t);
            let bias2_sqrt = (1.0 - b2.powf(t)).sqrt();
            let step_size = lr / bias1;
            for i in 0..dim {
                st.v[i] = b1 * st.v[i] + (1.0 - b1) * g[i];
                st.s[i] = b2 * st.s[i] + (1.0 - b2) * g[i] * g[i];
                let denom = st.s[i].sqrt() / bias2_sqrt + EPS;
                delta_d[i] = -step_size * (st.v[i] / denom);
            }
        }
    }
    delta
}

//! The loss of a model over data, as a function of its parameters (w, b): the surface a fit
//! descends. Its value and gradient are the mean over the points ([`loss::mean`]), written
//! out by hand rather than with dual numbers, and a stochastic step asks for them over a
//! mini-batch alone ([`Objective::batch_value_grad`]).

use super::{point, Objective, Point};
use crate::fit::loss::{self, sigmoid};
use crate::fit::{Loss, Model};

/// A model, its loss and the points it is fitted to.
#[derive(Debug, Clone, PartialEq)]
pub struct Fitted {
    model: Model,
    loss: Loss,
    data: Vec<[f64; 2]>,
    /// The means of x², x·y, y², x and y: MSE in closed form, for drawing its surface.
    moments: [f64; 5],
}

impl Fitted {
    /// `model` fitted to `data` with `loss` (the model's own loss when it does not take it).
    pub fn new(model: Model, loss: Loss, data: Vec<[f64; 2]>) -> Fitted {
        let loss = if model.takes(loss) {
            loss
        } else {
            model.default_loss()
        };
        let n = data.len().max(1) as f64;
        let mut moments = [0.0; 5];
        for &[x, y] in &data {
            for (m, v) in moments.iter_mut().zip([x * x, x * y, y * y, x, y]) {
                *m += v / n;
            }
        }
        Fitted {
            model,
            loss,
            data,
            moments,
        }
    }

    pub fn model(&self) -> Model {
        self.model
    }

    pub fn loss(&self) -> Loss {
        self.loss
    }

    pub fn data(&self) -> &[[f64; 2]] {
        &self.data
    }

    /// The model's output at `x` with parameters `wb`: the line's ŷ, or the probability p.
    pub fn predict(&self, wb: [f64; 2], x: f64) -> f64 {
        let z = wb[0] * x + wb[1];
        match self.model {
            Model::Line => z,
            Model::Logistic => sigmoid(z),
        }
    }

    fn mean(&self, points: impl Iterator<Item = [f64; 2]>, p: &[f64]) -> (f64, Point) {
        let (l, g) = loss::mean(self.loss, points, [p[0], p[1]]);
        (l, point(&g))
    }
}

impl Objective for Fitted {
    fn dim(&self) -> usize {
        2
    }

    fn names(&self) -> &'static [&'static str] {
        &["w", "b"]
    }

    fn value(&self, p: &[f64]) -> f64 {
        self.mean(self.data.iter().copied(), p).0
    }

    /// MSE from the moments, in constant time per point of the surface:
    /// mean (w·x + b − y)² = w²·⟨x²⟩ + 2wb·⟨x⟩ + b² − 2w·⟨xy⟩ − 2b·⟨y⟩ + ⟨y²⟩. (Equal to the
    /// mean over the points up to rounding; the runs use the mean itself.) The other losses
    /// visit every point.
    fn values(&self, ws: &[f64], b: f64, out: &mut Vec<f64>) {
        let [xx, xy, yy, x, y] = self.moments;
        for &w in ws {
            let v = if self.loss == Loss::Mse {
                w * w * xx + 2.0 * w * b * x + b * b - 2.0 * w * xy - 2.0 * b * y + yy
            } else {
                self.value(&[w, b])
            };
            out.push(if v.is_finite() { v } else { f64::NAN });
        }
    }

    fn value_grad(&self, p: &[f64]) -> (f64, Point) {
        self.mean(self.data.iter().copied(), p)
    }

    /// The largest eigenvalue of the Hessian, the mean of ℓ″(z)·[[x², x], [x, 1]]: ℓ″ = 2 for
    /// MSE, 1 inside Huber's δ and 0 outside, 0 for MAE (it has no curvature, only kinks), and
    /// σ(z)(1 − σ(z)) for cross-entropy.
    fn curvature(&self, p: &[f64]) -> f64 {
        let (mut a, mut c, mut d) = (0.0, 0.0, 0.0);
        for &[x, y] in &self.data {
            let z = p[0] * x + p[1];
            let k = match self.loss {
                Loss::Mse => 2.0,
                Loss::Mae => 0.0,
                Loss::Huber => f64::from(u8::from((z - y).abs() <= 1.0)),
                Loss::CrossEntropy => sigmoid(z) * (1.0 - sigmoid(z)),
            };
            (a, c, d) = (a + k * x * x, c + k * x, d + k);
        }
        let n = self.data.len().max(1) as f64;
        let (a, c, d) = (a / n, c / n, d / n);
        0.5 * (a + d) + (0.25 * (a - d) * (a - d) + c * c).sqrt()
    }

    fn points(&self) -> usize {
        self.data.len()
    }

    fn batch_value_grad(&self, which: &[usize], p: &[f64]) -> (f64, Point) {
        self.mean(which.iter().filter_map(|&i| self.data.get(i).copied()), p)
    }
}

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
                Loss::CrossEntropy => {
                    let p = sigmoid(z);
                    p * (1.0 - p)
                }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Four points with x = −1, 1, 3, 3: ⟨x⟩ = 3/2, ⟨x²⟩ = 5, so MSE's Hessian
    /// 2·[[⟨x²⟩, ⟨x⟩], [⟨x⟩, 1]] = [[10, 3], [3, 2]] has whole eigenvalues, 11 and 1.
    const DATA: [[f64; 2]; 4] = [[-1.0, 0.0], [1.0, 2.0], [3.0, 3.0], [3.0, 5.0]];

    fn line(loss: Loss) -> Fitted {
        Fitted::new(Model::Line, loss, DATA.to_vec())
    }

    #[test]
    fn the_model_predicts_w_x_plus_b_or_its_sigmoid() {
        assert_eq!(line(Loss::Mse).predict([3.0, -0.5], 2.0), 5.5);
        // σ(ln 3) = 3/(3 + 1).
        let logistic = Fitted::new(Model::Logistic, Loss::CrossEntropy, vec![[0.0, 1.0]]);
        let p = logistic.predict([3f64.ln(), 0.0], 1.0);
        assert!((p - 0.75).abs() < 1e-15, "{p}");
    }

    /// At (w, b) = (3, −0.5) the residuals w·x + b − y are −3.5, 0.5, 5.5 and 3.5: MSE is
    /// (12.25 + 0.25 + 30.25 + 12.25)/4 = 13.75, MAE (3.5 + 0.5 + 5.5 + 3.5)/4 = 3.25. The
    /// surface's closed form for MSE gives the same number (all of them exact in binary).
    #[test]
    fn the_loss_and_the_surface_s_samples_are_the_mean_over_the_points() {
        let mse = line(Loss::Mse);
        assert_eq!(mse.value(&[3.0, -0.5]), 13.75);
        let mut out = Vec::new();
        mse.values(&[3.0, 0.0], -0.5, &mut out);
        // At (0, −0.5): (0.25 + 6.25 + 12.25 + 30.25)/4 = 12.25.
        assert_eq!(out, [13.75, 12.25]);
        let mae = line(Loss::Mae);
        assert_eq!(mae.value(&[3.0, -0.5]), 3.25);
        out.clear();
        mae.values(&[3.0], -0.5, &mut out);
        assert_eq!(out, [3.25], "MAE visits the points, not MSE's moments");
    }

    /// The largest eigenvalue of the mean of ℓ″(z)·[[x², x], [x, 1]], by hand:
    /// - MSE: [[10, 3], [3, 2]] (see [`DATA`]): 6 + √(16 + 9) = 11.
    /// - Huber at (1.5, 0.5): residuals −1, 0, 2 and 0, so every point but (3, 3) is within
    ///   δ = 1 (−1 just so): [[11, 3], [3, 3]]/4, (14/4)/2 + √(1 + 9/16) = 1.75 + 1.25 = 3.
    /// - MAE: no curvature anywhere.
    /// - Cross-entropy at (ln 3/2, −ln 3/2): z = −ln 3, 0, ln 3, ln 3, where σ(1 − σ) is 3/16,
    ///   1/4, 3/16, 3/16: [[61, 19], [19, 13]]/64, so (37 + √937)/64.
    #[test]
    fn curvature_is_the_largest_eigenvalue_of_the_mean_hessian() {
        assert_eq!(line(Loss::Mse).curvature(&[0.5, 0.25]), 11.0);
        assert_eq!(line(Loss::Huber).curvature(&[1.5, 0.5]), 3.0);
        assert_eq!(line(Loss::Mae).curvature(&[1.5, 0.5]), 0.0);
        let labels = [[-1.0, 0.0], [1.0, 1.0], [3.0, 1.0], [3.0, 0.0]];
        let ce = Fitted::new(Model::Logistic, Loss::CrossEntropy, labels.to_vec());
        let h = 3f64.ln() / 2.0;
        let want = (37.0 + 937f64.sqrt()) / 64.0;
        let got = ce.curvature(&[h, -h]);
        assert!((got - want).abs() < 1e-14, "{got} vs {want}");
    }
}

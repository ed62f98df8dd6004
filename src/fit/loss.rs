//! Models of data and their losses, as functions of the parameters (w, b): the line
//! ŷ = w·x + b with MSE, MAE or Huber (δ = 1), and logistic regression p = σ(w·x + b) with
//! cross-entropy. Each loss is a mean over points of a loss ℓ(z, y) of z = w·x + b, so its
//! gradient is the mean of ℓ′(z)·(x, 1).

/// What is fitted to the points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Model {
    /// ŷ = w·x + b.
    Line,
    /// p = σ(w·x + b), the chance that the label is 1.
    Logistic,
}

/// How far the model is from the points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// Mean squared error: mean of (ŷ − y)².
    Mse,
    /// Mean absolute error: mean of |ŷ − y|.
    Mae,
    /// Huber with δ = 1: r²/2 for |r| ≤ 1, |r| − 1/2 beyond (r = ŷ − y).
    Huber,
    /// Cross-entropy of the labels under p: mean of −y·ln p − (1 − y)·ln(1 − p).
    CrossEntropy,
}

impl Model {
    pub const ALL: [Model; 2] = [Model::Line, Model::Logistic];

    pub fn key(self) -> &'static str {
        match self {
            Model::Line => "line",
            Model::Logistic => "logistic",
        }
    }

    pub fn named(key: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.key() == key)
    }

    /// The loss a model is fitted with unless another is asked for.
    pub fn default_loss(self) -> Loss {
        match self {
            Model::Line => Loss::Mse,
            Model::Logistic => Loss::CrossEntropy,
        }
    }

    /// Whether `loss` measures this model: the line's three losses, or cross-entropy for
    /// logistic regression.
    pub fn takes(self, loss: Loss) -> bool {
        (self == Model::Logistic) == (loss == Loss::CrossEntropy)
    }
}

impl Loss {
    pub const ALL: [Loss; 4] = [Loss::Mse, Loss::Mae, Loss::Huber, Loss::CrossEntropy];

    pub fn key(self) -> &'static str {
        match self {
            Loss::Mse => "mse",
            Loss::Mae => "mae",
            Loss::Huber => "huber",
            Loss::CrossEntropy => "cross-entropy",
        }
    }

    pub fn named(key: &str) -> Option<Loss> {
        Loss::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The words in the Loss menu.
    pub fn label(self) -> &'static str {
        match self {
            Loss::Mse => "Mean squared error",
            Loss::Mae => "Mean absolute error",
            Loss::Huber => "Huber (δ = 1)",
            Loss::CrossEntropy => "Cross-entropy",
        }
    }

    /// The loss over (w, b) as a formula, in the typed functions' syntax.
    pub fn formula(self) -> &'static str {
        match self {
            Loss::Mse => "mean((w*x + b - y)^2)",
            Loss::Mae => "mean(abs(w*x + b - y))",
            Loss::Huber => "mean(huber(w*x + b - y))",
            Loss::CrossEntropy => "mean(-y*ln(p) - (1 - y)*ln(1 - p)), p = sigmoid(w*x + b)",
        }
    }

    /// ℓ(z, y) and dℓ/dz for one point, z = w·x + b. Cross-entropy in the stable form
    /// softplus(z) − y·z, softplus(z) = max(z, 0) + ln(1 + e^−|z|), with dℓ/dz = σ(z) − y:
    /// finite for any finite z.
    pub fn point(self, z: f64, y: f64) -> (f64, f64) {
        let r = z - y;
        match self {
            Loss::Mse => (r * r, 2.0 * r),
            Loss::Mae => (r.abs(), sign(r)),
            Loss::Huber if r.abs() <= 1.0 => (0.5 * r * r, r),
            Loss::Huber => (r.abs() - 0.5, sign(r)),
            Loss::CrossEntropy => {
                // One exponential for both: e = e^−|z| gives softplus and σ(z) (as
                // [`sigmoid`] computes it, to the bit).
                let e = (-z.abs()).exp();
                let p = if z >= 0.0 {
                    1.0 / (1.0 + e)
                } else {
                    e / (1.0 + e)
                };
                (z.max(0.0) + e.ln_1p() - y * z, p - y)
            }
        }
    }
}

/// −1, 0 or 1 (0 at 0: the subgradient MAE and Huber take where they have no slope).
fn sign(r: f64) -> f64 {
    if r > 0.0 {
        1.0
    } else if r < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// σ(z) = 1/(1 + e^−z), computed without overflow for large |z|.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

/// The mean loss of the model (w, b) = `wb` over `points`, and its gradient (∂/∂w, ∂/∂b).
/// Sums run in the order of `points`.
pub fn mean(loss: Loss, points: impl Iterator<Item = [f64; 2]>, wb: [f64; 2]) -> (f64, [f64; 2]) {
    let (mut l, mut gw, mut gb, mut n) = (0.0, 0.0, 0.0, 0usize);
    for [x, y] in points {
        let (v, d) = loss.point(wb[0] * x + wb[1], y);
        l += v;
        gw += d * x;
        gb += d;
        n += 1;
    }
    let n = n.max(1) as f64;
    (l / n, [gw / n, gb / n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_loss_and_its_slope_at_a_point() {
        assert_eq!(Loss::Mse.point(3.0, 1.0), (4.0, 4.0));
        assert_eq!(Loss::Mae.point(3.0, 1.0), (2.0, 1.0));
        assert_eq!(Loss::Mae.point(1.0, 3.0), (2.0, -1.0));
        assert_eq!(Loss::Mae.point(2.0, 2.0), (0.0, 0.0));
        assert_eq!(Loss::Huber.point(1.5, 1.0), (0.125, 0.5));
        assert_eq!(Loss::Huber.point(4.0, 1.0), (2.5, 1.0));
        assert_eq!(Loss::Huber.point(-2.0, 1.0), (2.5, -1.0));
        // Cross-entropy at z = 0: ln 2 either way, slope ∓1/2.
        let (l, d) = Loss::CrossEntropy.point(0.0, 1.0);
        assert!((l - std::f64::consts::LN_2).abs() < 1e-15 && d == -0.5);
        // Far from 0 it stays finite: a confident right answer costs nothing, a confident
        // wrong one costs |z|.
        assert_eq!(Loss::CrossEntropy.point(1e6, 1.0), (0.0, 0.0));
        assert_eq!(Loss::CrossEntropy.point(1e6, 0.0), (1e6, 1.0));
        assert_eq!(Loss::CrossEntropy.point(-1e6, 1.0), (1e6, -1.0));
        assert_eq!((sigmoid(-800.0), sigmoid(800.0)), (0.0, 1.0));
    }

    #[test]
    fn the_mean_and_its_gradient_match_differences() {
        let data = [[1.0, 2.0], [-2.0, 0.5], [0.5, -1.0], [3.0, 4.0]];
        for loss in [Loss::Mse, Loss::Huber, Loss::CrossEntropy] {
            let data: Vec<[f64; 2]> = data
                .iter()
                .map(|p| {
                    [
                        p[0],
                        if loss == Loss::CrossEntropy {
                            f64::from(p[1] > 0.0)
                        } else {
                            p[1]
                        },
                    ]
                })
                .collect();
            let wb = [0.3, -0.2];
            let (_, g) = mean(loss, data.iter().copied(), wb);
            let h = 1e-6;
            for k in 0..2 {
                let (mut up, mut down) = (wb, wb);
                up[k] += h;
                down[k] -= h;
                let slope = (mean(loss, data.iter().copied(), up).0
                    - mean(loss, data.iter().copied(), down).0)
                    / (2.0 * h);
                assert!(
                    (slope - g[k]).abs() < 1e-6,
                    "{loss:?} ∂{k}: {slope} vs {}",
                    g[k]
                );
            }
        }
        assert_eq!(
            mean(Loss::Mse, data[..1].iter().copied(), [0.0, 0.0]),
            (4.0, [-4.0, -4.0])
        );
    }

    /// σ(0) = 1/2, and with e^(ln 3) = 3: σ(ln 3) = 1/(1 + 1/3) = 3/4 and σ(−ln 3) =
    /// (1/3)/(1 + 1/3) = 1/4, each side of 0 computed its own way.
    #[test]
    fn the_sigmoid_is_one_over_one_plus_e_to_the_minus_z_on_both_sides_of_zero() {
        let l3 = 3f64.ln();
        assert_eq!(sigmoid(0.0), 0.5);
        assert!((sigmoid(l3) - 0.75).abs() < 1e-15, "{}", sigmoid(l3));
        assert!((sigmoid(-l3) - 0.25).abs() < 1e-15, "{}", sigmoid(-l3));
    }

    /// The Loss menu's words, and the formula the page shows for a fit: each names its loss.
    #[test]
    fn each_loss_has_its_own_menu_words_and_formula() {
        assert_eq!(
            Loss::ALL.map(Loss::label),
            [
                "Mean squared error",
                "Mean absolute error",
                "Huber (δ = 1)",
                "Cross-entropy"
            ]
        );
        let terms = [
            (Loss::Mse, "(w*x + b - y)^2"),
            (Loss::Mae, "abs(w*x + b - y)"),
            (Loss::Huber, "huber(w*x + b - y)"),
            (Loss::CrossEntropy, "ln(1 - p)), p = sigmoid(w*x + b)"),
        ];
        for (loss, term) in terms {
            let f = loss.formula();
            assert!(f.starts_with("mean(") && f.contains(term), "{loss:?}: {f}");
        }
    }

    #[test]
    fn models_take_their_own_losses() {
        assert!(Model::Line.takes(Loss::Huber) && !Model::Line.takes(Loss::CrossEntropy));
        assert!(Model::Logistic.takes(Loss::CrossEntropy) && !Model::Logistic.takes(Loss::Mse));
        for m in Model::ALL {
            assert_eq!(Model::named(m.key()), Some(m));
            assert!(m.takes(m.default_loss()));
        }
        for l in Loss::ALL {
            assert_eq!(Loss::named(l.key()), Some(l));
        }
    }
}

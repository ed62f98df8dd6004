//! The preset functions: the demo's four lessons (quadratic, sine, local, notch), the posts'
//! examples, and classic surfaces of two variables. Each is written once, generically, in
//! [`Preset::eval`]; its `formula` is the same function as text in meval syntax, which a test
//! parses and compares, so the two can never disagree.

use super::scalar::powi;
use super::{Formula, Scalar};

/// The region a preset is shown on: x from `x[0]` to `x[1]`, y likewise. One-variable presets
/// repeat their x range as y, so a typed f(x, y) shown on their view gets a square one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Domain {
    pub x: [f64; 2],
    pub y: [f64; 2],
}

impl Domain {
    pub const fn new(x: [f64; 2], y: [f64; 2]) -> Self {
        Domain { x, y }
    }

    /// Whether `p` lies inside (in its first `dim` coordinates, at most two).
    pub fn contains(&self, p: &[f64], dim: usize) -> bool {
        let inside = |r: [f64; 2], v: f64| v >= r[0] && v <= r[1];
        inside(self.x, p[0]) && (dim < 2 || inside(self.y, p[1]))
    }
}

/// Everything the page, the CLI and the lessons know about a preset.
#[derive(Debug)]
pub struct Info {
    /// The key used in links, embed attributes and `--preset`.
    pub name: &'static str,
    /// The words in the Function menu.
    pub label: &'static str,
    /// The function in meval syntax, as a student could type it.
    pub formula: &'static str,
    /// 1 for f(x), 2 for f(x, y).
    pub dim: usize,
    /// The default view.
    pub domain: Domain,
    /// The default start.
    pub start: [f64; 2],
    /// A learning rate that shows the function well.
    pub lr: f64,
    /// A step budget long enough to see where the ball goes.
    pub steps: u64,
    /// Steps per second while playing, so the run takes seconds, not minutes.
    pub speed: f64,
}

/// A preset function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Quadratic,
    Sine,
    Local,
    Notch,
    PostQuadratic,
    PostQuartic,
    Bowl,
    Rosenbrock,
    Himmelblau,
    Saddle,
    Beale,
    Wells,
    /// A line fitted to points: its loss over (w, b) (see `objective::Fitted`).
    LineFit,
    /// Logistic regression on points labelled 0 or 1: cross-entropy over (w, b).
    Logistic,
}

static INFO: [Info; 14] = [
    Info {
        name: "quadratic",
        label: "Quadratic",
        formula: "x^2",
        dim: 1,
        domain: Domain::new([-10.0, 10.0], [-10.0, 10.0]),
        start: [8.0, 0.0],
        lr: 0.1,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "sine",
        label: "Sine",
        formula: "sin(3*x) + 0.1*x^2",
        dim: 1,
        domain: Domain::new([-5.0, 5.0], [-5.0, 5.0]),
        start: [3.5, 0.0],
        lr: 0.05,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "local",
        label: "Local minimum",
        formula: "x^4 - 3*x^2 + x",
        dim: 1,
        domain: Domain::new([-2.2, 2.2], [-2.2, 2.2]),
        start: [2.0, 0.0],
        lr: 0.01,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "notch",
        label: "Notch",
        formula: "x^2/20 - 1.5*exp(-((x - 3)/0.4)^2)",
        dim: 1,
        domain: Domain::new([-10.0, 10.0], [-10.0, 10.0]),
        start: [8.0, 0.0],
        lr: 0.5,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "post-quadratic",
        label: "x² − 8x + 4 (post)",
        formula: "x^2 - 8*x + 4",
        dim: 1,
        domain: Domain::new([-10.0, 50.0], [-10.0, 50.0]),
        start: [134.6 / 3.0, 0.0],
        lr: 0.2,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "post-quartic",
        label: "0.001x⁴ − 0.03x³ + … (post)",
        formula: "0.001*x^4 - 0.03*x^3 + 0.1*x^2 + x + 2",
        dim: 1,
        domain: Domain::new([-10.0, 25.0], [-10.0, 25.0]),
        start: [0.0, 0.0],
        lr: 0.3,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "bowl",
        label: "h(x, y) = x² + y² (post)",
        formula: "x^2 + y^2",
        dim: 2,
        domain: Domain::new([-3.0, 3.0], [-3.0, 3.0]),
        start: [2.5, 2.0],
        lr: 0.1,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "rosenbrock",
        label: "Rosenbrock",
        formula: "(1 - x)^2 + 100*(y - x^2)^2",
        dim: 2,
        domain: Domain::new([-2.0, 2.0], [-1.0, 3.0]),
        start: [-1.5, 2.0],
        lr: 0.001,
        steps: 1000,
        speed: 60.0,
    },
    Info {
        name: "himmelblau",
        label: "Himmelblau",
        formula: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        dim: 2,
        domain: Domain::new([-5.0, 5.0], [-5.0, 5.0]),
        start: [0.0, 0.0],
        lr: 0.01,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "saddle",
        label: "Saddle",
        formula: "x^2 - y^2",
        dim: 2,
        domain: Domain::new([-3.0, 3.0], [-3.0, 3.0]),
        start: [2.5, 0.05],
        lr: 0.1,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "beale",
        label: "Beale",
        formula: "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
        dim: 2,
        domain: Domain::new([-4.5, 4.5], [-4.5, 4.5]),
        start: [1.0, 1.5],
        lr: 0.01,
        steps: 300,
        speed: 30.0,
    },
    Info {
        name: "wells",
        label: "Wells",
        formula: "(x^2 + y^2)/20 - cos(x)*cos(y)",
        dim: 2,
        domain: Domain::new([-8.0, 8.0], [-8.0, 8.0]),
        start: [5.0, 4.0],
        lr: 0.2,
        steps: 30,
        speed: 4.0,
    },
    Info {
        name: "line-fit",
        label: "Fit a line (data)",
        formula: "mean((w*x + b - y)^2)",
        dim: 2,
        domain: Domain::new([-2.0, 5.0], [-3.0, 6.0]),
        start: [0.0, 0.0],
        lr: 0.1,
        steps: 100,
        speed: 10.0,
    },
    Info {
        name: "logistic",
        label: "Logistic regression (data)",
        formula: "mean(-y*ln(p) - (1 - y)*ln(1 - p)), p = sigmoid(w*x + b)",
        dim: 2,
        domain: Domain::new([-2.0, 6.0], [-4.0, 4.0]),
        start: [0.0, 0.0],
        lr: 0.1,
        steps: 100,
        speed: 10.0,
    },
];

/// [`Preset::about`], in the order of [`INFO`].
static ABOUT: [&str; 14] = [
    "One smooth bowl: every small enough learning rate reaches the bottom.",
    "A wavy bowl with many valleys: where the ball ends depends on where it starts.",
    "A shallow valley beside a deeper one: momentum can roll through the first.",
    "A broad bowl with a narrow, deeper notch: big steps jump over it, decay finds it.",
    "The post's parabola, from the post's start: minimum at x = 4.",
    "The post's quartic: a local minimum near x ≈ −2.4, the global one near x ≈ 19.2.",
    "The post's round bowl: plain gradient descent heads straight for the centre.",
    "A curved, flat-bottomed valley: easy to find, slow to follow to (1, 1).",
    "Four equally deep minima: the start decides which one the ball finds.",
    "Downhill in y, uphill in x: the ball slows near the centre, then slides away.",
    "Flat plains and steep walls: the minimum at (3, 0.5) hides in a narrow valley.",
    "A bowl dimpled with wells: the ball stops in the nearest, not always the deepest at the centre.",
    "Fitting a line ŷ = w·x + b to points: the ball rolls over (w, b), and its loss is how far the line is from them.",
    "Logistic regression p = σ(w·x + b) on points labelled 0 or 1: the ball rolls down the cross-entropy over (w, b).",
];

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 14] = [
        Preset::Quadratic,
        Preset::Sine,
        Preset::Local,
        Preset::Notch,
        Preset::PostQuadratic,
        Preset::PostQuartic,
        Preset::Bowl,
        Preset::Rosenbrock,
        Preset::Himmelblau,
        Preset::Saddle,
        Preset::Beale,
        Preset::Wells,
        Preset::LineFit,
        Preset::Logistic,
    ];

    /// One sentence on what the function teaches (for `descent presets`; kept apart from
    /// [`Info`] so that the web module, which never shows it, does not carry it).
    pub fn about(self) -> &'static str {
        ABOUT[self as usize]
    }

    pub fn info(self) -> &'static Info {
        &INFO[self as usize]
    }

    pub fn name(self) -> &'static str {
        self.info().name
    }

    pub fn formula(self) -> &'static str {
        self.info().formula
    }

    /// The preset called `name` (as in links and `--preset`).
    pub fn named(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The model a fit's preset fits to data, or none.
    pub fn model(self) -> Option<crate::fit::Model> {
        match self {
            Preset::LineFit => Some(crate::fit::Model::Line),
            Preset::Logistic => Some(crate::fit::Model::Logistic),
            _ => None,
        }
    }

    /// The function itself (NaN for a fit's preset: its loss depends on data, and
    /// `objective::Fitted` computes it).
    #[inline]
    pub fn eval<T: Scalar>(self, x: T, y: T) -> T {
        let c = T::constant;
        match self {
            Preset::Quadratic => x * x,
            Preset::Sine => (x * 3.0).sin() + x * x * 0.1,
            Preset::Local => powi(x, 4) - x * x * 3.0 + x,
            Preset::Notch => {
                let u = (x - 3.0) / 0.4;
                x * x / 20.0 - (-(u * u)).exp() * 1.5
            }
            Preset::PostQuadratic => x * x - x * 8.0 + 4.0,
            Preset::PostQuartic => powi(x, 4) * 0.001 - powi(x, 3) * 0.03 + x * x * 0.1 + x + 2.0,
            Preset::Bowl => x * x + y * y,
            Preset::Rosenbrock => powi(c(1.0) - x, 2) + powi(y - x * x, 2) * 100.0,
            Preset::Himmelblau => powi(x * x + y - 11.0, 2) + powi(x + y * y - 7.0, 2),
            Preset::Saddle => x * x - y * y,
            Preset::Wells => (x * x + y * y) / 20.0 - x.cos() * y.cos(),
            Preset::Beale => {
                powi(c(1.5) - x + x * y, 2)
                    + powi(c(2.25) - x + x * y * y, 2)
                    + powi(c(2.625) - x + x * powi(y, 3), 2)
            }
            Preset::LineFit | Preset::Logistic => c(f64::NAN),
        }
    }
}

impl Formula for Preset {
    fn dim(&self) -> usize {
        self.info().dim
    }

    #[inline]
    fn eval<T: Scalar>(&self, v: &[T]) -> T {
        // Every preset has one or two variables; a one-variable preset ignores y.
        let x = v[0];
        Preset::eval(*self, x, v.get(1).copied().unwrap_or(x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{central_gradient, Expr, Objective};

    /// Points spread over a preset's domain.
    fn grid(p: Preset) -> Vec<[f64; 2]> {
        let d = p.info().domain;
        let n = 9;
        let at = |r: [f64; 2], i: usize| r[0] + (r[1] - r[0]) * (i as f64 + 0.37) / n as f64;
        (0..n)
            .flat_map(|i| (0..n).map(move |j| [at(d.x, i), at(d.y, j)]))
            .map(|mut q| {
                if p.info().dim == 1 {
                    q[1] = 0.0;
                }
                q
            })
            .collect()
    }

    #[test]
    fn formula_text_is_the_same_function() {
        for p in Preset::ALL.into_iter().filter(|p| p.model().is_none()) {
            let typed = Expr::parse(p.formula()).unwrap();
            assert_eq!(typed.dim(), p.info().dim, "{}", p.name());
            for q in grid(p) {
                let (a, b) = (p.value(&q), typed.value(&q));
                assert!(
                    (a - b).abs() <= 1e-12 * (1.0 + a.abs()),
                    "{} at {q:?}: code {a}, text {b}",
                    p.name()
                );
            }
        }
    }

    #[test]
    fn exact_gradient_matches_central_difference_on_every_preset() {
        for p in Preset::ALL.into_iter().filter(|p| p.model().is_none()) {
            for q in grid(p) {
                let exact = p.value_grad(&q).1;
                let numeric = central_gradient(&p, &q, 1e-5);
                for i in 0..p.info().dim {
                    let tol = 1e-5 * (1.0 + exact[i].abs());
                    assert!(
                        (exact[i] - numeric[i]).abs() < tol,
                        "{} at {q:?}: exact {exact:?}, central {numeric:?}",
                        p.name()
                    );
                }
            }
        }
    }

    #[test]
    fn curvature_matches_a_difference_of_gradients() {
        for p in Preset::ALL.into_iter().filter(|p| p.info().dim == 1) {
            for q in grid(p) {
                let h = 1e-5;
                let numeric =
                    (p.value_grad(&[q[0] + h]).1[0] - p.value_grad(&[q[0] - h]).1[0]) / (2.0 * h);
                let exact = p.curvature(&q);
                assert!(
                    (exact - numeric).abs() < 1e-4 * (1.0 + exact.abs()),
                    "{} at {q:?}: {exact} vs {numeric}",
                    p.name()
                );
            }
        }
    }

    #[test]
    fn starts_lie_in_their_domains_and_names_are_unique() {
        for (i, p) in Preset::ALL.into_iter().enumerate() {
            assert_eq!(p as usize, i);
            assert!(
                p.info().domain.contains(&p.info().start, p.info().dim),
                "{}",
                p.name()
            );
            assert_eq!(Preset::named(p.name()), Some(p));
        }
    }

    /// A view holds its edges, nothing past them, and looks at y only in two dimensions.
    #[test]
    fn a_view_holds_its_edges_and_ignores_y_in_one_dimension() {
        let d = Domain::new([-1.0, 1.0], [0.0, 2.0]);
        for p in [[-1.0, 0.0], [1.0, 2.0], [0.5, 1.0]] {
            assert!(d.contains(&p, 2), "{p:?}");
        }
        for p in [[-1.5, 1.0], [1.5, 1.0], [0.0, -0.5], [0.0, 2.5], [2.0, 3.0]] {
            assert!(!d.contains(&p, 2), "{p:?}");
        }
        // In one dimension y is not looked at; x still is.
        assert!(d.contains(&[0.0, 5.0], 1));
        assert!(!d.contains(&[1.5, 1.0], 1));
    }

    /// Each preset's view shows its minima, found by hand: the roots of f′ (4x³ − 6x + 1 for
    /// local, 2x − 8 for the post's parabola, …) and the textbook minima of the surfaces, with
    /// Rosenbrock's whole valley floor y = x² from x = −1 to 1. A one-variable view repeats
    /// its x range as y.
    #[test]
    fn each_view_shows_the_presets_minima() {
        let minima: [(Preset, &[[f64; 2]]); 12] = [
            (Preset::Quadratic, &[[0.0, 0.0]]),
            (Preset::Sine, &[[-0.512, 0.0]]),
            (Preset::Local, &[[-1.301, 0.0], [1.131, 0.0]]),
            (Preset::Notch, &[[2.984, 0.0]]),
            (Preset::PostQuadratic, &[[4.0, 0.0]]),
            (Preset::PostQuartic, &[[-2.322, 0.0], [19.222, 0.0]]),
            (Preset::Bowl, &[[0.0, 0.0]]),
            (
                Preset::Rosenbrock,
                &[
                    [1.0, 1.0],
                    [-1.0, 1.0],
                    [-0.5, 0.25],
                    [0.0, 0.0],
                    [0.5, 0.25],
                ],
            ),
            (
                Preset::Himmelblau,
                &[
                    [3.0, 2.0],
                    [-2.805, 3.131],
                    [-3.779, -3.283],
                    [3.584, -1.848],
                ],
            ),
            (Preset::Saddle, &[[0.0, 0.0]]),
            (Preset::Beale, &[[3.0, 0.5]]),
            (Preset::Wells, &[[0.0, 0.0]]),
        ];
        for (p, points) in minima {
            let i = p.info();
            if i.dim == 1 {
                assert_eq!(i.domain.y, i.domain.x, "{}", i.name);
            }
            for q in points {
                assert!(i.domain.contains(q, 2), "{} at {q:?}", i.name);
                // Where the point is a minimum, f′ is near 0 there: the table is right.
                if p != Preset::Rosenbrock || q == &[1.0, 1.0] {
                    let g = p.value_grad(&q[..i.dim]).1;
                    assert!(
                        g[0].abs() < 0.05 && g[1].abs() < 0.05,
                        "{} at {q:?}: {g:?}",
                        i.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_posts_quartic_has_its_two_minima() {
        let g = Preset::PostQuartic;
        let slope = |x: f64| g.value_grad(&[x]).1[0];
        // A sign change of g′ from − to + brackets each minimum.
        assert!(slope(-2.5) < 0.0 && slope(-2.3) > 0.0);
        assert!(slope(19.1) < 0.0 && slope(19.3) > 0.0);
        assert!(g.value(&[19.2]) < g.value(&[-2.4]));
    }
}

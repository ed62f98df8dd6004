//! Which gradient a run follows: the exact one, or the central difference a student would
//! compute by hand. [`Gradient`] is the one type for that choice, shared by the settings, a run
//! and the command line.

use super::{Objective, Point, MAX_DIM};

/// How the gradient is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gradient {
    /// Exact, by forward-mode differentiation with dual numbers.
    Exact,
    /// The central difference (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h along each axis in turn, with
    /// the step h of the run.
    Central,
}

impl Gradient {
    /// The default step h of the central difference.
    pub const DEFAULT_H: f64 = 1e-5;

    pub const ALL: [Gradient; 2] = [Gradient::Exact, Gradient::Central];

    /// The key used in links, embed attributes and `--grad`.
    pub fn key(self) -> &'static str {
        match self {
            Gradient::Exact => "exact",
            Gradient::Central => "central",
        }
    }

    /// The name people read.
    pub fn label(self) -> &'static str {
        match self {
            Gradient::Exact => "Exact",
            Gradient::Central => "Central difference",
        }
    }

    pub fn named(key: &str) -> Option<Gradient> {
        Gradient::ALL.into_iter().find(|g| g.key() == key)
    }

    /// f(p) and the gradient at p; `h` is the step of the central difference.
    #[inline]
    pub fn eval(self, f: &dyn Objective, p: &[f64], h: f64) -> (f64, Point) {
        match self {
            Gradient::Exact => f.value_grad(p),
            Gradient::Central => (f.value(p), central_gradient(f, p, h)),
        }
    }
}

/// The central-difference gradient, gᵢ = (f(p + h·eᵢ) − f(p − h·eᵢ)) / 2h, one coordinate at
/// a time, as a student computes it by hand (and as the Python walk-through does, number for
/// number): the numerical alternative to the exact gradient, with an error of order h² (plus
/// rounding of order ε·|f|/h).
pub fn central_gradient(f: &dyn Objective, p: &[f64], h: f64) -> Point {
    let dim = f.dim().min(p.len()).min(MAX_DIM);
    let mut at = [0.0; MAX_DIM];
    at[..dim].copy_from_slice(&p[..dim]);
    let mut g = [0.0; MAX_DIM];
    for i in 0..dim {
        let x = at[i];
        at[i] = x + h;
        let plus = f.value(&at);
        at[i] = x - h;
        let minus = f.value(&at);
        at[i] = x;
        g[i] = (plus - minus) / (2.0 * h);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::Expr;

    #[test]
    fn central_difference_is_close_but_not_exact() {
        let f = Expr::parse("sin(x)").unwrap();
        let g = central_gradient(&f, &[1.0], 1e-5)[0];
        assert!((g - 1f64.cos()).abs() < 1e-9);
        assert_ne!(g, 1f64.cos());
    }

    #[test]
    fn each_mode_has_a_key_that_names_it_back() {
        for g in Gradient::ALL {
            assert_eq!(Gradient::named(g.key()), Some(g));
        }
        assert_eq!(Gradient::Exact.label(), "Exact");
        assert_eq!(Gradient::Central.label(), "Central difference");
        let f = Expr::parse("x^3").unwrap();
        let (v, exact) = Gradient::Exact.eval(&f, &[2.0], 1e-3);
        let (w, central) = Gradient::Central.eval(&f, &[2.0], 1e-3);
        assert_eq!((v, w), (8.0, 8.0));
        assert_eq!(exact[0], 12.0);
        // (2.001³ − 1.999³) / 0.002 = 12 + h² = 12.000001
        assert!((central[0] - 12.000001).abs() < 1e-9, "{central:?}");
    }
}

//! What is minimised: a function of one variable (x), two (x, y) or up to [`MAX_DIM`]
//! (x, y, z or x1 … x9), its value, its exact gradient and its curvature.
//!
//! Every function is written once, as a [`Formula`] generic over the [`Scalar`] it is evaluated
//! with; values come from `f64`, exact derivatives from num-dual's dual numbers in forward mode,
//! and second derivatives (for the stability hint) from central differences of those.
//! Presets ([`preset`]) and typed expressions ([`expr`]) are both formulas. The central
//! difference ([`Gradient::Central`]) stays available, because its error is a lesson too.

pub mod expr;
mod fitted;
mod fmod;
mod gradient;
pub mod preset;
pub mod scalar;

pub use expr::{ErrorKind, Expr, ExprError};
pub use fitted::Fitted;
pub use fmod::fmod;
pub use gradient::{central_gradient, Gradient};
pub use preset::Preset;
pub use scalar::Scalar;

use num_dual::{Dual2_64, Dual64};
use std::sync::Arc;

/// The most variables a function may have.
pub const MAX_DIM: usize = 9;

/// A point or a gradient: its first `dim` coordinates are used; the rest stay 0.
pub type Point = [f64; MAX_DIM];

/// The point with coordinates `c` (at most [`MAX_DIM`]), the rest 0.
pub fn point(c: &[f64]) -> Point {
    let mut p = [0.0; MAX_DIM];
    for (to, v) in p.iter_mut().zip(c) {
        *to = *v;
    }
    p
}

/// The Euclidean length of a point or a gradient, √(x₁² + … + xₙ²), by repeated `hypot`
/// (in two dimensions exactly `x.hypot(y)`).
pub fn norm(p: &[f64]) -> f64 {
    p.iter().fold(0.0, |a: f64, &v| a.hypot(v))
}

/// A function written once for every scalar type.
pub trait Formula {
    /// 1 for f(x), 2 for f(x, y), up to [`MAX_DIM`].
    fn dim(&self) -> usize;
    /// The variables' names, in order: x, y, z, or x1, x2, ….
    fn names(&self) -> &'static [&'static str] {
        expr::names(self.dim(), false)
    }
    /// f at the point `v`, which holds at least `dim` coordinates (further ones are ignored).
    fn eval<T: Scalar>(&self, v: &[T]) -> T;
    /// f(x, y) for every x in `xs`, appended to `out` (a typed expression evaluates them
    /// together, decoding each instruction once).
    fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        out.extend(xs.iter().map(|&x| self.eval(&[x, y])));
    }
}

/// What a run minimises: values, exact gradients and curvature.
pub trait Objective {
    /// 1 for f(x), 2 for f(x, y), up to [`MAX_DIM`].
    fn dim(&self) -> usize;
    /// The variables' names, in order: x, y, z, or x1, x2, ….
    fn names(&self) -> &'static [&'static str];
    /// f(p); `p` holds at least `dim` coordinates.
    fn value(&self, p: &[f64]) -> f64;
    /// f(x, y) for every x in `xs`, appended to `out`, with NaN wherever f is not finite:
    /// what sampling a curve or a field asks for, faster than one [`Objective::value`] per
    /// point.
    fn values(&self, xs: &[f64], y: f64, out: &mut Vec<f64>);
    /// f(p) and its exact gradient ∇f(p), by forward-mode differentiation: one pass per
    /// variable, each carrying one partial derivative.
    fn value_grad(&self, p: &[f64]) -> (f64, Point);
    /// The curvature that limits a stable learning rate: f″(x) in one dimension, the largest
    /// eigenvalue of the Hessian in two (exact second derivatives); NaN in more. Plain gradient
    /// descent on a quadratic is stable when η·curvature < 2.
    fn curvature(&self, p: &[f64]) -> f64;
    /// The points f is a mean over, when it is a fit's loss (0 otherwise): a stochastic step
    /// samples from them.
    fn points(&self) -> usize {
        0
    }
    /// The mean over the points `which` alone, and its gradient: a mini-batch's loss. f itself
    /// when f is not a mean over points.
    fn batch_value_grad(&self, which: &[usize], p: &[f64]) -> (f64, Point) {
        let _ = which;
        self.value_grad(p)
    }
}

impl<F: Formula> Objective for F {
    fn dim(&self) -> usize {
        Formula::dim(self)
    }

    fn names(&self) -> &'static [&'static str] {
        Formula::names(self)
    }

    fn value(&self, p: &[f64]) -> f64 {
        self.eval(p)
    }

    fn values(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        let start = out.len();
        self.eval_row(xs, y, out);
        for v in &mut out[start..] {
            if !v.is_finite() {
                *v = f64::NAN;
            }
        }
    }

    fn value_grad(&self, p: &[f64]) -> (f64, Point) {
        let dim = Formula::dim(self).min(p.len()).min(MAX_DIM);
        let mut v = [Dual64::from(0.0); MAX_DIM];
        for (d, &c) in v.iter_mut().zip(p) {
            *d = Dual64::from(c);
        }
        let (mut value, mut g) = (f64::NAN, [0.0; MAX_DIM]);
        // One pass per variable: each carries one partial derivative.
        for i in 0..dim {
            v[i].eps = 1.0;
            let r = self.eval(&v);
            v[i].eps = 0.0;
            (value, g[i]) = (r.re, r.eps);
        }
        (value, g)
    }

    fn curvature(&self, p: &[f64]) -> f64 {
        let dim = Formula::dim(self);
        if dim > 2 || p.len() < dim {
            return f64::NAN;
        }
        // The second derivative of f along u, d²/dt² f(p + t·u), exactly: one pass of
        // second-order dual numbers (value, first and second derivative parts).
        let along = |u: [f64; 2]| {
            let mut v = [Dual2_64::from(0.0); 2];
            for (k, d) in v.iter_mut().enumerate().take(dim) {
                *d = Dual2_64::new(p[k], u[k], 0.0);
            }
            self.eval(&v[..dim]).v2
        };
        let fxx = along([1.0, 0.0]);
        if dim == 1 {
            return fxx;
        }
        // Along (1, 1): fxx + 2·fxy + fyy.
        let fyy = along([0.0, 1.0]);
        let fxy = 0.5 * (along([1.0, 1.0]) - fxx - fyy);
        // The largest eigenvalue of the Hessian [[fxx, fxy], [fxy, fyy]].
        let mean = 0.5 * (fxx + fyy);
        let radius = (0.25 * (fxx - fyy).powi(2) + fxy * fxy).sqrt();
        mean + radius
    }
}

/// A function chosen on the page or on the command line: a preset, a typed expression, or a
/// fit's loss over (w, b). Cheap to clone.
#[derive(Debug, Clone)]
pub enum Function {
    Preset(Preset),
    Typed(Arc<Expr>),
    Fit(Arc<Fitted>),
}

impl Function {
    /// The formula as the user would type it (meval syntax; a fit's is its loss in words).
    pub fn source(&self) -> &str {
        match self {
            Function::Preset(p) => p.formula(),
            Function::Typed(e) => e.source(),
            Function::Fit(f) => f.loss().formula(),
        }
    }

    /// The fit, when this is one.
    pub fn fit(&self) -> Option<&Fitted> {
        match self {
            Function::Fit(f) => Some(f),
            _ => None,
        }
    }
}

/// A preset or a typed function as one formula, so that the web module carries one copy of
/// the evaluators for both (a fit's loss is NaN here: [`Fitted`] computes it).
struct Closed<'a>(&'a Function);

impl Formula for Closed<'_> {
    fn dim(&self) -> usize {
        match self.0 {
            Function::Preset(p) => Formula::dim(p),
            Function::Typed(e) => e.dim(),
            Function::Fit(_) => 2,
        }
    }

    fn names(&self) -> &'static [&'static str] {
        match self.0 {
            Function::Preset(p) => Formula::names(p),
            Function::Typed(e) => e.names(),
            Function::Fit(f) => f.names(),
        }
    }

    #[inline]
    fn eval<T: Scalar>(&self, v: &[T]) -> T {
        match self.0 {
            Function::Preset(p) => Formula::eval(p, v),
            Function::Typed(e) => e.at(v),
            Function::Fit(_) => T::constant(f64::NAN),
        }
    }

    fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        match self.0 {
            Function::Typed(e) => e.eval_row(xs, y, out),
            // A preset's closed form is fast point by point.
            _ => out.extend(xs.iter().map(|&x| self.eval(&[x, y]))),
        }
    }
}

/// Calls `$method` of a fit's loss, or of the formula of a preset or a typed function.
macro_rules! either {
    ($self:ident.$method:ident($($arg:expr),*)) => {
        match $self {
            Function::Fit(f) => Objective::$method(&**f, $($arg),*),
            other => Objective::$method(&Closed(other), $($arg),*),
        }
    };
}

impl Objective for Function {
    fn dim(&self) -> usize {
        either!(self.dim())
    }

    fn names(&self) -> &'static [&'static str] {
        either!(self.names())
    }

    fn value(&self, p: &[f64]) -> f64 {
        either!(self.value(p))
    }

    fn values(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        either!(self.values(xs, y, out))
    }

    fn value_grad(&self, p: &[f64]) -> (f64, Point) {
        either!(self.value_grad(p))
    }

    fn curvature(&self, p: &[f64]) -> f64 {
        either!(self.curvature(p))
    }

    fn points(&self) -> usize {
        either!(self.points())
    }

    fn batch_value_grad(&self, which: &[usize], p: &[f64]) -> (f64, Point) {
        either!(self.batch_value_grad(which, p))
    }
}

impl Formula for Expr {
    fn dim(&self) -> usize {
        Expr::dim(self)
    }

    fn names(&self) -> &'static [&'static str] {
        Expr::names(self)
    }

    #[inline]
    fn eval<T: Scalar>(&self, v: &[T]) -> T {
        self.at(v)
    }

    fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        Expr::eval_row(self, xs, y, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_gradient_and_curvature_of_a_typed_function() {
        let f = Expr::parse("x^3 + 2*x").unwrap();
        assert_eq!(f.value_grad(&[2.0]), (12.0, point(&[14.0])));
        assert_eq!(f.curvature(&[2.0]), 12.0, "exact, not a difference");
        let g = Expr::parse("x^2 + 3*x*y + 5*y^2").unwrap();
        assert_eq!(g.value_grad(&[1.0, 2.0]).1, point(&[8.0, 23.0]));
        // Hessian [[2, 3], [3, 10]]: largest eigenvalue 6 + 5 = 11.
        assert_eq!(g.curvature(&[0.0, 0.0]), 11.0);
        // Three variables: the walk-through's f; ∇f = (2x − 2, 2y + z, 2z + y).
        let h = Expr::parse("x^2 - 2*x + y^2 + z^2 + z*y").unwrap();
        assert_eq!(
            h.value_grad(&[2.0, -5.0, 7.0]),
            (39.0, point(&[2.0, -3.0, 9.0]))
        );
        assert!(
            h.curvature(&[0.0; 3]).is_nan(),
            "no stability hint past two variables"
        );
        assert_eq!(norm(&[3.0, 4.0, 12.0]), 13.0);
    }

    /// Second derivatives are exact everywhere (no difference step to outgrow): f″ of x³ + 2x
    /// is 6x, and the Hessian of x² + 3xy + 5y² is the same everywhere (largest eigenvalue 11);
    /// the post's parabola x² has f″ = 2, so η = 1.06 gives η·f″ = 2.12 to the last digit.
    #[test]
    fn curvature_is_exact_near_and_far_from_the_origin() {
        let f = Expr::parse("x^3 + 2*x").unwrap();
        for x in [1.0, -1.0, 1e3, 0.1] {
            assert_eq!(f.curvature(&[x]), 6.0 * x, "f″({x})");
        }
        assert_eq!(1.06 * Expr::parse("x^2").unwrap().curvature(&[7.3]), 2.12);
        let r = Function::Preset(Preset::named("rosenbrock").unwrap());
        // Rosenbrock's Hessian at (1, 1): [[802, −400], [−400, 200]].
        let want = 501.0 + (301.0f64 * 301.0 + 400.0 * 400.0).sqrt();
        assert!((r.curvature(&[1.0, 1.0]) - want).abs() < 1e-12 * want);
        let g = Expr::parse("x^2 + 3*x*y + 5*y^2").unwrap();
        for p in [[1.0, -1.0], [-1.0, 1.0], [1e3, -1e3]] {
            let c = g.curvature(&p);
            assert_eq!(c, 11.0, "at {p:?}");
        }
    }
}

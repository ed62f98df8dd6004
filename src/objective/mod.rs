//! What is minimised: a function of one variable (x) or two (x, y), its value, its exact
//! gradient and its curvature.
//!
//! Every function is written once, as a [`Formula`] generic over the [`Scalar`] it is evaluated
//! with; values come from `f64`, exact derivatives from num-dual's dual numbers in forward mode,
//! and second derivatives (for the stability hint) from central differences of those.
//! Presets ([`preset`]) and typed expressions ([`expr`]) are both formulas. The central
//! difference ([`Gradient::Central`]) stays available, because its error is a lesson too.

pub mod expr;
mod gradient;
pub mod preset;
pub mod scalar;

pub use expr::{ErrorKind, Expr, ExprError};
pub use gradient::{central_gradient, Gradient};
pub use preset::Preset;
pub use scalar::Scalar;

use num_dual::Dual64;
use std::sync::Arc;

/// A point: (x, y). In one dimension y is ignored and stays 0.
pub type Point = [f64; 2];

/// The Euclidean length of a point or a gradient: √(x² + y²).
pub fn norm(p: Point) -> f64 {
    p[0].hypot(p[1])
}

/// A function written once for every scalar type.
pub trait Formula {
    /// 1 for f(x), 2 for f(x, y).
    fn dim(&self) -> usize;
    /// f(x, y); one-variable formulas ignore `y`.
    fn eval<T: Scalar>(&self, x: T, y: T) -> T;
    /// f(x, y) for every x in `xs`, appended to `out` (a typed expression evaluates them
    /// together, decoding each instruction once).
    fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        out.extend(xs.iter().map(|&x| self.eval(x, y)));
    }
}

/// What a run minimises: values, exact gradients and curvature.
pub trait Objective {
    /// 1 for f(x), 2 for f(x, y).
    fn dim(&self) -> usize;
    /// f(p).
    fn value(&self, p: Point) -> f64;
    /// f(x, y) for every x in `xs`, appended to `out`, with NaN wherever f is not finite:
    /// what sampling a curve or a field asks for, faster than one [`Objective::value`] per
    /// point.
    fn values(&self, xs: &[f64], y: f64, out: &mut Vec<f64>);
    /// f(p) and its exact gradient ∇f(p), by forward-mode differentiation.
    fn value_grad(&self, p: Point) -> (f64, Point);
    /// The curvature that limits a stable learning rate: f″(x) in one dimension, the largest
    /// eigenvalue of the Hessian in two (to about 1e-9 relative). Plain gradient descent on a
    /// quadratic is stable when η·curvature < 2.
    fn curvature(&self, p: Point) -> f64;
}

impl<F: Formula> Objective for F {
    fn dim(&self) -> usize {
        Formula::dim(self)
    }

    fn value(&self, p: Point) -> f64 {
        self.eval(p[0], p[1])
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

    fn value_grad(&self, p: Point) -> (f64, Point) {
        let x = self.eval(Dual64::new(p[0], 1.0), Dual64::from(p[1]));
        if Formula::dim(self) == 1 {
            return (x.re, [x.eps, 0.0]);
        }
        // One pass per variable: each carries one partial derivative.
        let y = self.eval(Dual64::from(p[0]), Dual64::new(p[1], 1.0));
        (x.re, [x.eps, y.eps])
    }

    fn curvature(&self, p: Point) -> f64 {
        // The second derivatives, as central differences of the exact gradient: close to
        // 1e-9 relative, plenty for the stability hint it feeds, and no third number type to
        // compile (which keeps the web module small).
        let dim = Formula::dim(self);
        let h = |v: f64| 1e-5 * (1.0 + v.abs());
        let column = |i: usize| {
            let (mut a, mut b) = (p, p);
            a[i] += h(p[i]);
            b[i] -= h(p[i]);
            let (ga, gb) = (self.value_grad(a).1, self.value_grad(b).1);
            [
                (ga[0] - gb[0]) / (2.0 * h(p[i])),
                (ga[1] - gb[1]) / (2.0 * h(p[i])),
            ]
        };
        let cx = column(0);
        if dim == 1 {
            return cx[0];
        }
        let cy = column(1);
        let (fxx, fyy, fxy) = (cx[0], cy[1], 0.5 * (cx[1] + cy[0]));
        // Largest eigenvalue of [[fxx, fxy], [fxy, fyy]].
        let mean = 0.5 * (fxx + fyy);
        let radius = (0.25 * (fxx - fyy).powi(2) + fxy * fxy).sqrt();
        mean + radius
    }
}

/// A function chosen on the page or on the command line: a preset or a typed expression.
/// Cheap to clone.
#[derive(Debug, Clone)]
pub enum Function {
    Preset(Preset),
    Typed(Arc<Expr>),
}

impl Function {
    /// The formula as the user would type it (meval syntax).
    pub fn source(&self) -> &str {
        match self {
            Function::Preset(p) => p.formula(),
            Function::Typed(e) => e.source(),
        }
    }
}

impl Formula for Function {
    fn dim(&self) -> usize {
        match self {
            Function::Preset(p) => Formula::dim(p),
            Function::Typed(e) => e.dim(),
        }
    }

    #[inline]
    fn eval<T: Scalar>(&self, x: T, y: T) -> T {
        match self {
            Function::Preset(p) => p.eval(x, y),
            Function::Typed(e) => e.eval(x, y),
        }
    }

    fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        match self {
            // A preset's closed form is fast point by point.
            Function::Preset(_) => out.extend(xs.iter().map(|&x| self.eval(x, y))),
            Function::Typed(e) => e.eval_row(xs, y, out),
        }
    }
}

impl Formula for Expr {
    fn dim(&self) -> usize {
        Expr::dim(self)
    }

    #[inline]
    fn eval<T: Scalar>(&self, x: T, y: T) -> T {
        Expr::eval(self, x, y)
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
        assert_eq!(f.value_grad([2.0, 0.0]), (12.0, [14.0, 0.0]));
        assert!((f.curvature([2.0, 0.0]) - 12.0).abs() < 1e-8);
        let g = Expr::parse("x^2 + 3*x*y + 5*y^2").unwrap();
        assert_eq!(g.value_grad([1.0, 2.0]).1, [8.0, 23.0]);
        // Hessian [[2, 3], [3, 10]]: largest eigenvalue 6 + 5 = 11.
        assert!((g.curvature([0.0, 0.0]) - 11.0).abs() < 1e-12);
    }
}

//! The number types every formula is evaluated with: `f64` for plain values, num-dual's
//! `Dual64` for exact first derivatives in forward mode (one pass per variable), and
//! `Dual2_64` for exact second derivatives (the stability gauge). Every type a formula is
//! compiled for adds its own copy of the evaluator to the web module.
//!
//! num-dual supplies the smooth functions. The functions with kinks or jumps (abs, floor, ceil,
//! round, signum, %, max, min) and a power whose exponent is itself a function are defined here,
//! once, with the derivative they have almost everywhere.

use num_dual::{Dual2_64, Dual64, DualNum};

/// A number a formula can be evaluated with.
pub trait Scalar: DualNum<Primitive = f64> + Copy {
    /// A constant: value `c`, every derivative zero.
    fn constant(c: f64) -> Self {
        Self::from(c)
    }

    /// The plain value.
    fn value(&self) -> f64 {
        self.re()
    }

    /// `a % b`, the remainder of truncated division, as f64's `%`:
    /// r = a − b·trunc(a/b), so ∂r/∂a = 1 and ∂r/∂b = −trunc(a/b) between the jumps.
    fn remainder(self, b: Self) -> Self {
        let q = (self.value() / b.value()).trunc();
        let r = if q == 0.0 { self } else { self - b * q };
        // Carry f64's exactly rounded remainder as the value; the correction is a constant.
        exact_value(r, super::fmod(self.value(), b.value()))
    }
}

impl Scalar for f64 {
    fn remainder(self, b: f64) -> f64 {
        super::fmod(self, b)
    }
}
impl Scalar for Dual64 {}
impl Scalar for Dual2_64 {}

/// `r` with its value replaced by `want` (a constant shift, derivatives untouched). Where `r`
/// is not finite but `want` is (1^NaN = 1), the constant `want`; where `want` is not finite,
/// `r` as it is.
fn exact_value<T: Scalar>(r: T, want: f64) -> T {
    match (want.is_finite(), r.value().is_finite()) {
        (true, true) => r + T::constant(want - r.value()),
        (true, false) => T::constant(want),
        (false, _) => r,
    }
}

/// xⁿ by repeated squaring, multiplying in the powers x^(2^k) of n's set bits from the lowest
/// up (as compiler-rt's `__powidf2`, without its initial 1·): exact derivatives with any scalar,
/// and for small n much faster than `powf`. x⁰ = 1, also for NaN, as in f64.
#[inline]
pub fn powi<T: Scalar>(x: T, n: i32) -> T {
    let r = match n.unsigned_abs() {
        0 => return T::constant(1.0),
        1 => x,
        2 => x * x,
        3 => x * (x * x),
        4 => {
            let s = x * x;
            s * s
        }
        mut e => {
            let mut base = x;
            while e & 1 == 0 {
                base = base * base;
                e >>= 1;
            }
            let mut r = base;
            e >>= 1;
            while e != 0 {
                base = base * base;
                if e & 1 == 1 {
                    r *= base;
                }
                e >>= 1;
            }
            r
        }
    };
    if n < 0 {
        T::constant(1.0) / r
    } else {
        r
    }
}

/// asinh x. Past |x| = 1e150 the textbook derivative 1/√(x² + 1) overflows to 0; there
/// asinh x = ln 2|x| to double precision, whose derivative 1/x does not.
pub fn asinh<T: Scalar>(x: T) -> T {
    if x.value().abs() > 1e150 {
        let r = (abs(x) * 2.0).ln() * x.value().signum();
        exact_value(r, x.value().asinh())
    } else {
        x.asinh()
    }
}

/// acosh x, with the same care for large x as [`asinh`] (acosh x = ln 2x there).
pub fn acosh<T: Scalar>(x: T) -> T {
    if x.value() > 1e150 {
        exact_value((x * 2.0).ln(), x.value().acosh())
    } else {
        x.acosh()
    }
}

/// |x|, with derivative sign(x) (+1 at 0, −1 at −0, so |−0| = 0 as in f64).
pub fn abs<T: Scalar>(x: T) -> T {
    if x.value().is_sign_negative() {
        -x
    } else {
        x
    }
}

/// A step function of x: the value `f(x)`, derivative zero wherever it exists.
pub fn step<T: Scalar>(x: T, f: fn(f64) -> f64) -> T {
    T::constant(f(x.value()))
}

/// The largest argument, ignoring NaN as f64::max does; −∞ for no finite argument. Of equal
/// arguments the first wins, so at a tie the derivative is the first one's.
pub fn max<T: Scalar>(args: &[T]) -> T {
    pick(args, |candidate, best| candidate > best)
}

/// The smallest argument, ignoring NaN as f64::min does; +∞ for no finite argument. Of equal
/// arguments the first wins, as in [`max`].
pub fn min<T: Scalar>(args: &[T]) -> T {
    pick(args, |candidate, best| candidate < best)
}

fn pick<T: Scalar>(args: &[T], better: fn(f64, f64) -> bool) -> T {
    let start = if better(1.0, 0.0) {
        f64::NEG_INFINITY
    } else {
        f64::INFINITY
    };
    args.iter().fold(T::constant(start), |best, &x| {
        if better(x.value(), best.value()) {
            x
        } else {
            best
        }
    })
}

/// aᵇ. With a constant exponent, `powf`/`powi` (so (−2)³ = −8); with an exponent that varies,
/// exp(b·ln a) for a > 0, where ∂/∂b aᵇ = aᵇ·ln a. For a ≤ 0 and a varying exponent only the
/// derivative through `a` exists; the value is f64's powf (NaN for a fractional power of a
/// negative number).
pub fn pow<T: Scalar>(a: T, b: T) -> T {
    if a.value() > 0.0 {
        // exp(b·ln a) can differ from powf in the last bit: carry powf's value.
        exact_value((b * a.ln()).exp(), a.value().powf(b.value()))
    } else {
        a.powf(b.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(x: f64) -> Dual64 {
        Dual64::new(x, 1.0)
    }

    #[test]
    fn kinks_have_their_one_sided_derivatives() {
        assert_eq!(abs(d(-2.0)).eps, -1.0);
        assert_eq!(abs(d(3.0)).eps, 1.0);
        assert_eq!(step(d(2.7), f64::floor).re, 2.0);
        assert_eq!(step(d(2.7), f64::floor).eps, 0.0);
        let r = d(7.5).remainder(Dual64::from(2.0));
        assert_eq!((r.re, r.eps), (1.5, 1.0));
    }

    #[test]
    fn max_and_min_follow_f64_on_nan() {
        assert_eq!(max(&[1.0, f64::NAN, 3.0]), 3.0);
        assert_eq!(min(&[f64::NAN, 2.0]), 2.0);
        assert_eq!(max::<f64>(&[f64::NAN]), f64::NEG_INFINITY);
        let m = max(&[d(1.0), Dual64::from(0.5)]);
        assert_eq!((m.re, m.eps), (1.0, 1.0));
    }

    #[test]
    fn variable_exponent_has_both_partial_derivatives() {
        // d/dx x^x = x^x (ln x + 1)
        let x = d(2.0);
        let r = pow(x, x);
        assert_eq!(r.re, 4.0);
        assert!((r.eps - 4.0 * (2f64.ln() + 1.0)).abs() < 1e-12);
        assert_eq!(pow(-2.0, 3.0), -8.0);
        // asinh(sinh(u)) = u: its derivative stays 1 where sinh u is enormous.
        let big = Dual64::new(361.0, 1.0).sinh();
        let back = asinh(big);
        assert!(
            (back.re - 361.0).abs() < 1e-9 && (back.eps - 1.0).abs() < 1e-9,
            "{back:?}"
        );
        assert_eq!(asinh(2.0f64), 2.0f64.asinh());
        assert_eq!(powi(-2.0, 3), -8.0);
        assert_eq!(powi(2.0, -2), 0.25);
        assert_eq!(powi(f64::NAN, 0), 1.0);
        let c = powi(d(2.0), 5);
        assert_eq!((c.re, c.eps), (32.0, 80.0));
        // The unrolled small powers and the loop multiply in the same order.
        for n in 1..=40 {
            let x = 1.0137f64;
            let mut want = None::<f64>;
            let mut base = x;
            for k in 0..6 {
                if n & (1 << k) != 0 {
                    want = Some(want.map_or(base, |w| w * base));
                }
                base *= base;
            }
            assert_eq!(powi(x, n).to_bits(), want.unwrap().to_bits(), "n = {n}");
        }
    }
}

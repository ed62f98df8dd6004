//! The virtual machine: a flat tape of instructions in reverse Polish order, run on a small
//! fixed stack for any [`Scalar`] (values with f64, exact derivatives with dual numbers),
//! for one point or for a row of points at once.

use super::super::scalar::{self, Scalar};
use super::names::Fun;
use super::tree::BinOp;
use super::MAX_DEPTH;

/// One instruction of the tape, a stack machine in reverse Polish order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Op {
    /// The first variable (x, or x1): the one a row of points varies.
    X,
    /// Another variable, by index (y is 1).
    Var(u8),
    Const(f64),
    Bin(BinOp),
    /// `v op c`: a binary operation with a constant right operand.
    BinC(BinOp, f64),
    /// `c op v`: a binary operation with a constant left operand.
    CBin(f64, BinOp),
    PowI(i32),
    Neg,
    Fun(Fun),
    Atan2,
    Max(u16),
    Min(u16),
    /// A sum of monomials, `terms[start..start + len]`, accumulated left to right.
    Poly(u16, u16),
}

/// How a term of a [`Op::Poly`] is formed from vⁿ (written exactly as the unfused tape would
/// compute it, so fusing never changes a bit of the result).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Form {
    /// vⁿ
    Plain,
    /// −vⁿ (only as the first term)
    Negated,
    /// c·vⁿ or vⁿ·c (the same: a product of a constant and a scalar commutes)
    Scaled(f64),
    /// vⁿ/c
    Divided(f64),
    /// the constant c
    Constant(f64),
}

/// One term of a sum of monomials.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Term {
    /// The variable's index (x is 0).
    pub(super) var: u8,
    pub(super) pow: i32,
    pub(super) form: Form,
    /// Subtracted from the sum so far (else added).
    pub(super) sub: bool,
}

impl Term {
    /// The term with the first variable at `x` and the others at `vars` (whose own first
    /// entry is not read; a variable past its end is 0).
    #[inline(always)]
    fn eval<T: Scalar>(&self, x: T, vars: &[T]) -> T {
        if let Form::Constant(c) = self.form {
            return T::constant(c);
        }
        let v = match self.var {
            0 => x,
            i => var(vars, i),
        };
        let p = scalar::powi(v, self.pow);
        match self.form {
            Form::Plain | Form::Constant(_) => p,
            Form::Negated => -p,
            Form::Scaled(c) => p * c,
            Form::Divided(c) => p / c,
        }
    }
}

/// Variable `i` of `vars`, or 0 past its end.
#[inline(always)]
fn var<T: Scalar>(vars: &[T], i: u8) -> T {
    vars.get(usize::from(i))
        .copied()
        .unwrap_or(T::constant(0.0))
}

/// A sum of monomials, accumulated left to right, with the first variable at `x` and the
/// others at `vars`.
#[inline(always)]
pub(super) fn sum<T: Scalar>(terms: &[Term], x: T, vars: &[T]) -> T {
    let Some((first, rest)) = terms.split_first() else {
        return T::constant(0.0);
    };
    let mut acc = first.eval(x, vars);
    for t in rest {
        acc = match (t.form, t.sub) {
            (Form::Constant(c), false) => acc + c,
            (Form::Constant(c), true) => acc - c,
            (_, false) => acc + t.eval(x, vars),
            (_, true) => acc - t.eval(x, vars),
        };
    }
    acc
}

/// How many points [`super::Expr::eval_row`] runs through the tape together.
pub const LANES: usize = 64;

/// Runs the tape for every first variable in `xs` at once, the other variables at `vars`
/// (whose first entry is not read), each instruction applied to all of them before the next.
/// Slot `s` of the stack is `st[s·n..(s + 1)·n]` for n = `xs.len()` (the compiler checked the
/// depth fits; a variable past the end of `vars` is 0); the results end in slot 0.
pub(super) fn run<T: Scalar>(ops: &[Op], terms: &[Term], xs: &[T], vars: &[T], st: &mut [T]) -> T {
    let n = xs.len();
    let mut sp = 0usize;
    // The top slot.
    #[inline(always)]
    fn top<T>(st: &mut [T], sp: usize, n: usize) -> &mut [T] {
        &mut st[(sp - 1) * n..sp * n]
    }
    for op in ops {
        match *op {
            Op::X => {
                for (slot, &x) in st[sp * n..(sp + 1) * n].iter_mut().zip(xs) {
                    *slot = x;
                }
                sp += 1;
            }
            Op::Var(i) => {
                st[sp * n..(sp + 1) * n].fill(var(vars, i));
                sp += 1;
            }
            Op::Const(c) => {
                st[sp * n..(sp + 1) * n].fill(T::constant(c));
                sp += 1;
            }
            Op::Bin(_) | Op::Atan2 => {
                let (below, top) = st[(sp - 2) * n..sp * n].split_at_mut(n);
                for (a, &v) in below.iter_mut().zip(&*top) {
                    *a = match *op {
                        Op::Bin(b) => b.apply(*a, v),
                        _ => a.atan2(v),
                    };
                }
                sp -= 1;
            }
            Op::BinC(b, c) => {
                for a in top(st, sp, n) {
                    *a = match b {
                        BinOp::Add => *a + c,
                        BinOp::Sub => *a - c,
                        BinOp::Mul => *a * c,
                        BinOp::Div => *a / c,
                        BinOp::Pow => a.powf(c),
                        BinOp::Rem => a.remainder(T::constant(c)),
                    }
                }
            }
            // c + v and c·v as v + c and v·c: the same numbers, and a constant factor of a
            // dual number then scales its derivative without touching 0·∞.
            Op::CBin(c, BinOp::Add) => top(st, sp, n).iter_mut().for_each(|a| *a += c),
            Op::CBin(c, BinOp::Mul) => top(st, sp, n).iter_mut().for_each(|a| *a *= c),
            Op::CBin(c, b) => {
                for a in top(st, sp, n) {
                    *a = b.apply(T::constant(c), *a);
                }
            }
            Op::PowI(p) => top(st, sp, n)
                .iter_mut()
                .for_each(|a| *a = scalar::powi(*a, p)),
            Op::Neg => top(st, sp, n).iter_mut().for_each(|a| *a = -*a),
            Op::Fun(f) => top(st, sp, n).iter_mut().for_each(|a| *a = f.apply(*a)),
            Op::Max(k) | Op::Min(k) => {
                let k = usize::from(k);
                let mut args = [T::constant(0.0); MAX_DEPTH];
                for lane in 0..n {
                    for (i, arg) in args[..k].iter_mut().enumerate() {
                        *arg = st[(sp - k + i) * n + lane];
                    }
                    st[(sp - k) * n + lane] = if matches!(op, Op::Max(_)) {
                        scalar::max(&args[..k])
                    } else {
                        scalar::min(&args[..k])
                    };
                }
                sp -= k - 1;
            }
            Op::Poly(start, len) => {
                let terms = &terms[usize::from(start)..usize::from(start) + usize::from(len)];
                for (v, &x) in st[sp * n..(sp + 1) * n].iter_mut().zip(xs) {
                    *v = sum(terms, x, vars);
                }
                sp += 1;
            }
        }
    }
    st[0]
}

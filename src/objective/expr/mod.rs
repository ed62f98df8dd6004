//! Typed functions of x, of x and y, or of up to nine variables (x, y, z or x1 … x9, see
//! `vars`): parsed once by meval, checked with messages a student
//! understands, then compiled into a flat tape that any [`Scalar`] evaluates without allocation
//! or name look-ups, so the same tape gives values (f64) and exact derivatives (dual numbers).
//!
//! The grammar is meval's: `+ - * / % ^`, unary minus, parentheses, the constants `pi` and `e`,
//! and the functions of [`BUILTINS`]. The stages, each in its own file: `lex` (the tokens,
//! as meval's tokenizer reads them), `names` (the vocabulary), `diagnose` (what is wrong, and
//! where), `tree` (folding constants), `compile` (the tape) and `vm` (running it).

mod compile;
mod diagnose;
mod error;
mod lex;
mod names;
mod tree;
mod vars;
mod vm;

pub use error::{ErrorKind, ExprError};
pub use names::{Builtin, Call, Fun, BUILTINS, BUILTIN_HELP};
pub use tree::BinOp;
pub use vars::names;
pub use vm::LANES;

use super::scalar::Scalar;
use compile::Tape;
use diagnose::{check_names, check_number_ends, parse_error, rpn_error};
use meval::shunting_yard::to_rpn;
use meval::tokenizer::Token;
use tree::build_tree;
use vm::{run, sum, Op, Term};

/// The longest expression accepted, in bytes.
pub const MAX_LEN: usize = 500;

/// The deepest nesting the tape's fixed-size stack holds.
pub const MAX_DEPTH: usize = 64;

/// A typed expression, compiled.
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    ops: Vec<Op>,
    terms: Vec<Term>,
    depth: usize,
    /// The number of variables.
    dim: usize,
    /// Named x1, x2, … rather than x, y, z.
    numbered: bool,
}

impl Expr {
    /// Parses, checks and compiles `src`. Never panics: every bad input is an [`ExprError`].
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        if src.trim().is_empty() {
            return Err(
                ExprError::new(ErrorKind::Empty, src, None, "empty expression")
                    .hint("type a function of x, such as x^2 - 4*x"),
            );
        }
        if src.len() > MAX_LEN {
            return Err(ExprError::new(
                ErrorKind::TooLong,
                src,
                None,
                format!("expression too long ({} characters)", src.chars().count()),
            )
            .hint(format!("the limit is {MAX_LEN}")));
        }
        check_number_ends(src)?;
        let (tokens, spans): (Vec<Token>, Vec<(usize, usize)>) = lex::tokens(src)
            .map_err(|e| parse_error(src, e))?
            .into_iter()
            .unzip();
        let (dim, numbered) = check_names(src, &tokens, &spans)?;
        let rpn = to_rpn(&tokens).map_err(|e| rpn_error(src, &spans, e))?;
        let tree = build_tree(&rpn).ok_or_else(|| {
            ExprError::new(ErrorKind::MissingValue, src, None, "incomplete expression")
        })?;
        let mut tape = Tape::default();
        let depth = tape.emit(&tree, 0);
        if depth > MAX_DEPTH {
            return Err(ExprError::new(
                ErrorKind::TooDeep,
                src,
                None,
                "expression nested too deeply",
            )
            .hint(format!("it needs {depth} levels; the limit is {MAX_DEPTH}")));
        }
        Ok(Expr {
            source: src.to_string(),
            ops: tape.ops,
            terms: tape.terms,
            depth,
            dim,
            numbered,
        })
    }

    /// The text the expression was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The number of variables: the highest one used (y makes two, z three, x5 five).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The variables' names, in order: `x`, `y`, `z` or `x1`, `x2`, ….
    pub fn names(&self) -> &'static [&'static str] {
        names(self.dim, self.numbered)
    }

    /// Number of tape instructions (after constant folding).
    pub fn len(&self) -> usize {
        self.ops.len()
    }

    /// Always false: a parsed expression has at least one instruction.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    /// The same tape with every integer power xⁿ computed by `powf`, as meval computes it,
    /// instead of the faster repeated multiplication (which may differ in the last bits).
    /// For comparing the tape with meval bit for bit.
    #[doc(hidden)]
    pub fn with_powf(self) -> Expr {
        let mut tape = Tape {
            powf: true,
            ..Tape::default()
        };
        // Recompiling cannot fail: the source parsed once already.
        let tokens: Vec<Token> = lex::tokens(&self.source)
            .unwrap_or_default()
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        match build_tree(&to_rpn(&tokens).unwrap_or_default()) {
            Some(tree) => {
                // The unfused tape can need a deeper stack.
                let depth = tape.emit(&tree, 0);
                Expr {
                    ops: tape.ops,
                    terms: tape.terms,
                    depth,
                    ..self
                }
            }
            None => self,
        }
    }

    /// Evaluates the tape at (x, y) with any scalar type.
    #[inline]
    pub fn eval<T: Scalar>(&self, x: T, y: T) -> T {
        self.at(&[x, y])
    }

    /// Evaluates the tape at the point `v` with any scalar type; variables past the end of `v`
    /// are 0.
    #[inline]
    pub fn at<T: Scalar>(&self, v: &[T]) -> T {
        let zero = T::constant(0.0);
        let x = v.first().copied().unwrap_or(zero);
        // A polynomial is one fused instruction: skip the stack machine.
        if let [Op::Poly(..)] = self.ops[..] {
            return sum(&self.terms, x, v);
        }
        // A stack just deep enough (zeroing it is part of every evaluation): 16 levels serve
        // nearly every expression.
        let xs = [x];
        match self.depth {
            0..=16 => run(&self.ops, &self.terms, &xs, v, &mut [zero; 16]),
            _ => run(&self.ops, &self.terms, &xs, v, &mut [zero; MAX_DEPTH]),
        }
    }

    /// f(x, y) for every x in `xs`, appended to `out`: the numbers of [`Expr::eval`], bit for
    /// bit, with each instruction decoded once for up to [`LANES`] points instead of once per
    /// point (what sampling a curve or a field wants).
    pub fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        let mut st = vec![0.0; self.depth.max(1) * LANES];
        let vars = [0.0, y];
        for xs in xs.chunks(LANES) {
            run(&self.ops, &self.terms, xs, &vars, &mut st);
            out.extend_from_slice(&st[..xs.len()]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(src: &str, x: f64) -> f64 {
        Expr::parse(src).expect(src).eval(x, 0.0)
    }

    #[test]
    fn evaluates_like_the_formula() {
        assert_eq!(eval("x^2 - 8*x + 4", 3.0), -11.0);
        assert_eq!(eval("2^3^2", 0.0), 512.0);
        assert_eq!(eval("-x^2", 3.0), -9.0);
        assert_eq!(eval("7 % 3 + x", 0.5), 1.5);
        assert_eq!(eval("max(x, 2, -1)", 0.0), 2.0);
        assert_eq!(eval("atan2(1, x)", 1.0), std::f64::consts::FRAC_PI_4);
        assert!((eval("log10(x)", 1000.0) - 3.0).abs() < 1e-15);
        assert_eq!(eval("pi", 0.0), std::f64::consts::PI);
    }

    #[test]
    fn knows_its_dimension() {
        let dim = |src: &str| Expr::parse(src).unwrap().dim();
        assert_eq!(dim("x^2"), 1);
        assert_eq!(dim("x^2 + y^2"), 2);
        assert_eq!(dim("y^2"), 2);
        assert_eq!(dim("x^2 - 2*x + y^2 + z^2 + z*y"), 3);
        assert_eq!(dim("x1^2 + x9"), 9);
        assert_eq!(Expr::parse("x3 + x1").unwrap().names(), ["x1", "x2", "x3"]);
        assert_eq!(Expr::parse("z").unwrap().names(), ["x", "y", "z"]);
    }

    #[test]
    fn each_variable_takes_its_own_coordinate() {
        let f = Expr::parse("x1 + 10*x2 + 100*x3 + 1000*x9 - x8^2").unwrap();
        let v = [1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0, 4.0, 5.0];
        assert_eq!(f.at(&v), 1.0 + 20.0 + 300.0 + 5000.0 - 16.0);
        let g = Expr::parse("sin(z) * y + x").unwrap();
        assert_eq!(g.at(&[1.0, 2.0, 0.5]), 0.5f64.sin() * 2.0 + 1.0);
        // A point shorter than the function: the missing variables are 0.
        assert_eq!(g.at(&[1.0, 2.0]), 1.0);
    }

    #[test]
    fn mixed_or_unknown_variables_say_what_to_use() {
        for (src, what, hint) in [
            ("x + x1", "x and x1 mix", "but not both"),
            ("x2*y", "x2 and y mix", "but not both"),
            ("x10 + x1", "unknown variable x10", "from x1 to x9"),
            ("x0", "unknown variable x0", "from x1 to x9"),
            ("w + x", "unknown variable w", "x, y and z, or x1"),
            ("xyz", "unknown variable xyz", "x*y"),
        ] {
            let e = Expr::parse(src).unwrap_err();
            assert!(e.what.starts_with(what), "{src}: {}", e.what);
            assert!(
                e.hint.as_deref().unwrap_or("").contains(hint),
                "{src}: {e:?}"
            );
        }
        assert_eq!(
            Expr::parse("x2*y").unwrap_err().kind,
            ErrorKind::MixedVariables
        );
    }
}

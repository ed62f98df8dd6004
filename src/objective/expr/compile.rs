//! The compiler: the tree becomes a tape. Sums of monomials (0.001x⁴ − 0.03x³ + …) fuse into
//! one instruction that computes exactly what the unfused tape would, bit for bit; integer
//! powers become repeated multiplication; a constant operand rides inside its instruction.

use super::names::Call;
use super::tree::{BinOp, Node};
use super::vm::{Form, Op, Term};

/// The compiler's output: instructions, and the terms of fused sums of monomials.
#[derive(Default)]
pub(super) struct Tape {
    pub(super) ops: Vec<Op>,
    pub(super) terms: Vec<Term>,
    /// Compute integer powers with powf, exactly as meval does (for bit-exact comparisons).
    pub(super) powf: bool,
    /// Leave sums of monomials unfused (to check that fusing changes nothing).
    pub(super) no_fuse: bool,
}

impl Tape {
    /// The monomial `node` is, if any: v, vⁿ, c·vⁿ, vⁿ·c or vⁿ/c for a variable v.
    fn monomial(&self, node: &Node) -> Option<Term> {
        let power = |n: &Node| -> Option<(u8, i32)> {
            match n {
                Node::Var(i) => Some((*i as u8, 1)),
                Node::Bin(BinOp::Pow, v, e) if !self.powf => match (&**v, &**e) {
                    (Node::Var(i), Node::Num(k)) if integer_power(*k) => {
                        Some((*i as u8, *k as i32))
                    }
                    _ => None,
                },
                _ => None,
            }
        };
        let term = |(var, pow): (u8, i32), form| Term {
            var,
            pow,
            form,
            sub: false,
        };
        match node {
            Node::Bin(BinOp::Mul, a, b) => match (&**a, &**b) {
                (Node::Num(c), v) | (v, Node::Num(c)) => {
                    power(v).map(|p| term(p, Form::Scaled(*c)))
                }
                _ => None,
            },
            Node::Bin(BinOp::Div, a, b) => match (&**a, &**b) {
                (v, Node::Num(c)) => power(v).map(|p| term(p, Form::Divided(*c))),
                _ => None,
            },
            Node::Neg(a) => power(a).map(|p| term(p, Form::Negated)),
            n => power(n).map(|p| term(p, Form::Plain)),
        }
    }

    /// Flattens a left-leaning chain of + and − over monomials and constants into `out`.
    fn chain(&self, node: &Node, out: &mut Vec<Term>) -> bool {
        if let Node::Bin(op @ (BinOp::Add | BinOp::Sub), a, b) = node {
            let last = match &**b {
                Node::Num(c) => Some(Term {
                    var: 0,
                    pow: 1,
                    form: Form::Constant(*c),
                    sub: false,
                }),
                b => self.monomial(b).filter(|t| t.form != Form::Negated),
            };
            if let Some(mut last) = last {
                let head = match &**a {
                    Node::Num(c) => {
                        out.push(Term {
                            var: 0,
                            pow: 1,
                            form: Form::Constant(*c),
                            sub: false,
                        });
                        true
                    }
                    a => self.chain(a, out),
                };
                if head {
                    last.sub = *op == BinOp::Sub;
                    out.push(last);
                    return true;
                }
            }
            return false;
        }
        match self.monomial(node) {
            Some(t) => {
                out.push(t);
                true
            }
            None => false,
        }
    }

    /// Appends the tape for `node`, returning the deepest stack it reaches on top of `base`.
    pub(super) fn emit(&mut self, node: &Node, base: usize) -> usize {
        let mut terms = Vec::new();
        let fused = !self.no_fuse
            && !matches!(node, Node::Var(_) | Node::Num(_))
            && self.chain(node, &mut terms)
            && self.terms.len() + terms.len() <= usize::from(u16::MAX);
        if fused {
            // At most MAX_LEN terms fit in a MAX_LEN-byte expression: the casts cannot truncate.
            self.ops
                .push(Op::Poly(self.terms.len() as u16, terms.len() as u16));
            self.terms.extend(terms);
            return base + 1;
        }
        match node {
            Node::Num(v) => {
                self.ops.push(Op::Const(*v));
                base + 1
            }
            Node::Var(0) => {
                self.ops.push(Op::X);
                base + 1
            }
            Node::Var(i) => {
                self.ops.push(Op::Var(*i as u8));
                base + 1
            }
            Node::Neg(a) => {
                let d = self.emit(a, base);
                self.ops.push(Op::Neg);
                d
            }
            Node::Bin(BinOp::Pow, a, b)
                if !self.powf && matches!(**b, Node::Num(n) if integer_power(n)) =>
            {
                let d = self.emit(a, base);
                if let Node::Num(n) = **b {
                    if n != 1.0 {
                        self.ops.push(Op::PowI(n as i32));
                    }
                }
                d
            }
            Node::Bin(op, a, b) => match (&**a, &**b) {
                (_, Node::Num(c)) => {
                    let d = self.emit(a, base);
                    self.ops.push(Op::BinC(*op, *c));
                    d
                }
                (Node::Num(c), _) => {
                    let d = self.emit(b, base);
                    self.ops.push(Op::CBin(*c, *op));
                    d
                }
                _ => {
                    let da = self.emit(a, base);
                    let db = self.emit(b, base + 1);
                    self.ops.push(Op::Bin(*op));
                    da.max(db)
                }
            },
            Node::Call(call, args) => {
                let mut d = base;
                for (i, a) in args.iter().enumerate() {
                    d = d.max(self.emit(a, base + i));
                }
                let n = args.len().min(usize::from(u16::MAX)) as u16;
                self.ops.push(match call {
                    Call::One(f) => Op::Fun(*f),
                    Call::Atan2 => Op::Atan2,
                    Call::Max => Op::Max(n),
                    Call::Min => Op::Min(n),
                });
                d
            }
        }
    }
}

/// Whether x^k is computed by repeated multiplication: small integer exponents.
fn integer_power(k: f64) -> bool {
    k.fract() == 0.0 && k.abs() <= 64.0
}

#[cfg(test)]
mod tests {
    use super::super::tree::build_tree;
    use super::super::Expr;
    use super::*;
    use meval::shunting_yard::to_rpn;

    #[test]
    fn folds_constants_and_fuses_sums_of_monomials() {
        let e = Expr::parse("0.001*x^4 - 0.03*x^3 + 0.1*x^2 + x + 2").unwrap();
        assert_eq!(e.ops, [Op::Poly(0, 5)]);
        assert_eq!(
            Expr::parse("2*3 + sin(0)").unwrap().ops,
            vec![Op::Const(6.0)]
        );
        let s = Expr::parse("sin(x) + x^2/10").unwrap();
        assert_eq!(
            s.ops,
            [
                Op::X,
                Op::Fun(super::super::names::Fun::Sin),
                Op::Poly(0, 1),
                Op::Bin(BinOp::Add)
            ]
        );
    }

    /// Fusing a sum of monomials into one instruction does the same arithmetic in the same
    /// order: not a bit changes, in values or derivatives.
    #[test]
    fn fusing_changes_no_bit() {
        use num_dual::Dual64;
        let sources = [
            "0.001*x^4 - 0.03*x^3 + 0.1*x^2 + x + 2",
            "x^2 - 8*x + 4",
            "4 - x^3*2.5 + x/3 - y^2",
            "-x^2 + 3*y - 7",
            "x^-2 + 1.5*x^7 - x/0.3",
        ];
        for src in sources {
            let tokens: Vec<_> = super::super::lex::tokens(src)
                .unwrap()
                .into_iter()
                .map(|(t, _)| t)
                .collect();
            let tree = build_tree(&to_rpn(&tokens).unwrap()).unwrap();
            let compile = |no_fuse| {
                let mut t = Tape {
                    no_fuse,
                    ..Tape::default()
                };
                let depth = t.emit(&tree, 0);
                Expr {
                    source: src.into(),
                    ops: t.ops,
                    terms: t.terms,
                    depth,
                    dim: 2,
                    numbered: false,
                }
            };
            let (fused, plain) = (compile(false), compile(true));
            assert!(fused.len() < plain.len(), "{src}: nothing fused");
            for i in 0..200 {
                let (x, y) = (-25.0 + 0.2537 * i as f64, 3.0 - 0.117 * i as f64);
                let (a, b) = (fused.eval(x, y), plain.eval(x, y));
                assert_eq!(a.to_bits(), b.to_bits(), "{src} at {x}");
                let (a, b) = (
                    fused.eval(Dual64::new(x, 1.0), Dual64::from(y)),
                    plain.eval(Dual64::new(x, 1.0), Dual64::from(y)),
                );
                assert_eq!(
                    (a.re.to_bits(), a.eps.to_bits()),
                    (b.re.to_bits(), b.eps.to_bits())
                );
            }
        }
    }
}

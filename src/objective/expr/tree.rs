//! The expression as a tree, built from meval's reverse Polish tokens with every constant
//! sub-expression folded (2*3 + sin(0) is the number 6), between the parser and the compiler.

use super::super::scalar::{self, Scalar};
use super::names::Call;
use meval::tokenizer::{Operation, Token};

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
}

impl BinOp {
    /// The operator applied to any scalar (the one definition the tape and folding share).
    #[inline]
    pub fn apply<T: Scalar>(self, a: T, b: T) -> T {
        match self {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::Div => a / b,
            BinOp::Rem => a.remainder(b),
            BinOp::Pow => scalar::pow(a, b),
        }
    }
}

/// The expression as a tree, between meval's RPN and the tape.
#[derive(Debug, Clone)]
pub(super) enum Node {
    Num(f64),
    /// The variable with this index (x or x1 is 0).
    Var(usize),
    Neg(Box<Node>),
    Bin(BinOp, Box<Node>, Box<Node>),
    Call(Call, Vec<Node>),
}

/// Builds the tree from meval's RPN, folding every constant sub-expression. None if the RPN is
/// malformed (meval's own checks make that unreachable).
pub(super) fn build_tree(rpn: &[Token]) -> Option<Node> {
    let mut stack: Vec<Node> = Vec::with_capacity(rpn.len());
    for token in rpn {
        let node = match token {
            Token::Number(v) => Node::Num(*v),
            Token::Var(name) => match name.as_str() {
                "pi" => Node::Num(std::f64::consts::PI),
                "e" => Node::Num(std::f64::consts::E),
                name => Node::Var(super::vars::variable(name)?.0),
            },
            Token::Unary(Operation::Minus) => match stack.pop()? {
                Node::Num(v) => Node::Num(-v),
                a => Node::Neg(Box::new(a)),
            },
            Token::Unary(_) => continue,
            Token::Binary(op) => {
                let b = stack.pop()?;
                let a = stack.pop()?;
                let op = match op {
                    Operation::Plus => BinOp::Add,
                    Operation::Minus => BinOp::Sub,
                    Operation::Times => BinOp::Mul,
                    Operation::Div => BinOp::Div,
                    Operation::Rem => BinOp::Rem,
                    Operation::Pow => BinOp::Pow,
                };
                match (&a, &b) {
                    (Node::Num(x), Node::Num(y)) => Node::Num(op.apply(*x, *y)),
                    // x^0 is 1 for every x, NaN included.
                    (_, Node::Num(y)) if op == BinOp::Pow && *y == 0.0 => Node::Num(1.0),
                    _ => Node::Bin(op, Box::new(a), Box::new(b)),
                }
            }
            Token::Func(name, Some(n)) => {
                let call = Call::named(name)?;
                let args = stack.split_off(stack.len().checked_sub(*n)?);
                let consts: Option<Vec<f64>> = args
                    .iter()
                    .map(|a| match a {
                        Node::Num(v) => Some(*v),
                        _ => None,
                    })
                    .collect();
                match consts {
                    Some(values) if !values.is_empty() => Node::Num(call.apply(&values)),
                    _ => Node::Call(call, args),
                }
            }
            _ => return None,
        };
        stack.push(node);
    }
    (stack.len() == 1).then(|| stack.pop()).flatten()
}

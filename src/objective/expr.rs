//! Typed functions of x (or of x and y): parsed once by meval, checked with messages a student
//! understands, then compiled into a flat tape that any [`Scalar`] evaluates without allocation
//! or name look-ups, so the same tape gives values (f64) and exact derivatives (dual numbers).
//!
//! The grammar is meval's: `+ - * / % ^`, unary minus, parentheses, the constants `pi` and `e`,
//! and the functions listed in [`FUNCTIONS`].

use super::scalar::{self, Scalar};
use meval::tokenizer::{tokenize, Operation, ParseError, Token};
use meval::{shunting_yard::to_rpn, RPNError};
use std::fmt;

/// The longest expression accepted, in bytes.
pub const MAX_LEN: usize = 500;

/// The deepest nesting the tape's fixed-size stack holds.
pub const MAX_DEPTH: usize = 64;

/// Every function a typed expression may call, with its number of arguments (0 means one or more).
pub const FUNCTIONS: &[(&str, usize)] = &[
    ("sin", 1),
    ("cos", 1),
    ("tan", 1),
    ("asin", 1),
    ("acos", 1),
    ("atan", 1),
    ("atan2", 2),
    ("sinh", 1),
    ("cosh", 1),
    ("tanh", 1),
    ("asinh", 1),
    ("acosh", 1),
    ("atanh", 1),
    ("exp", 1),
    ("ln", 1),
    ("log10", 1),
    ("sqrt", 1),
    ("abs", 1),
    ("floor", 1),
    ("ceil", 1),
    ("round", 1),
    ("signum", 1),
    ("max", 0),
    ("min", 0),
];

/// What went wrong, for tests and for code that reacts to a kind of mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Empty,
    TooLong,
    UnexpectedChar,
    MissingOperator,
    MissingValue,
    MissingCloseParen,
    UnmatchedCloseParen,
    IncompleteNumber,
    UnknownVariable,
    UnknownFunction,
    WrongArgumentCount,
    TooDeep,
}

/// A bad expression: what is wrong, where (a byte offset into the text, and the 1-based
/// character position a person counts), and a hint on how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub kind: ErrorKind,
    pub what: String,
    pub hint: Option<String>,
    /// Byte offset of the offending part of the text.
    pub at: Option<usize>,
    /// 1-based character position of the offending part, as shown to people.
    pub position: Option<usize>,
}

impl ExprError {
    fn new(kind: ErrorKind, src: &str, at: Option<usize>, what: impl Into<String>) -> Self {
        let at = at.map(|a| a.min(src.len()));
        let position = at.map(|a| src.char_indices().take_while(|(i, _)| *i < a).count() + 1);
        ExprError {
            kind,
            what: what.into(),
            hint: None,
            at,
            position,
        }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)?;
        if let Some(p) = self.position {
            write!(f, " at position {p}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, ": {h}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExprError {}

/// A function of one argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fun {
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Acosh,
    Atanh,
    Exp,
    Ln,
    Log10,
    Sqrt,
    Abs,
    Floor,
    Ceil,
    Round,
    Signum,
}

impl Fun {
    fn named(name: &str) -> Option<Fun> {
        use Fun::*;
        Some(match name {
            "sin" => Sin,
            "cos" => Cos,
            "tan" => Tan,
            "asin" => Asin,
            "acos" => Acos,
            "atan" => Atan,
            "sinh" => Sinh,
            "cosh" => Cosh,
            "tanh" => Tanh,
            "asinh" => Asinh,
            "acosh" => Acosh,
            "atanh" => Atanh,
            "exp" => Exp,
            "ln" => Ln,
            "log10" => Log10,
            "sqrt" => Sqrt,
            "abs" => Abs,
            "floor" => Floor,
            "ceil" => Ceil,
            "round" => Round,
            "signum" => Signum,
            _ => return None,
        })
    }

    /// The function applied to any scalar: the one definition both the tape and constant
    /// folding use.
    #[inline]
    pub fn apply<T: Scalar>(self, a: T) -> T {
        use Fun::*;
        match self {
            Sin => a.sin(),
            Cos => a.cos(),
            Tan => a.tan(),
            Asin => a.asin(),
            Acos => a.acos(),
            Atan => a.atan(),
            Sinh => a.sinh(),
            Cosh => a.cosh(),
            Tanh => a.tanh(),
            Asinh => scalar::asinh(a),
            Acosh => scalar::acosh(a),
            Atanh => a.atanh(),
            Exp => a.exp(),
            Ln => a.ln(),
            Log10 => a.log10(),
            Sqrt => a.sqrt(),
            Abs => scalar::abs(a),
            Floor => scalar::step(a, f64::floor),
            Ceil => scalar::step(a, f64::ceil),
            Round => scalar::step(a, f64::round),
            Signum => scalar::step(a, f64::signum),
        }
    }
}

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

/// What a name with brackets calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    One(Fun),
    Atan2,
    Max,
    Min,
}

impl Call {
    fn named(name: &str) -> Option<Call> {
        match name {
            "atan2" => Some(Call::Atan2),
            "max" => Some(Call::Max),
            "min" => Some(Call::Min),
            _ => Fun::named(name).map(Call::One),
        }
    }

    fn apply<T: Scalar>(self, args: &[T]) -> T {
        match self {
            Call::One(f) => f.apply(args[0]),
            Call::Atan2 => args[0].atan2(args[1]),
            Call::Max => scalar::max(args),
            Call::Min => scalar::min(args),
        }
    }
}

/// The expression as a tree, between meval's RPN and the tape.
#[derive(Debug, Clone)]
enum Node {
    Num(f64),
    X,
    Y,
    Neg(Box<Node>),
    Bin(BinOp, Box<Node>, Box<Node>),
    Call(Call, Vec<Node>),
}

/// One instruction of the tape, a stack machine in reverse Polish order.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    X,
    Y,
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

/// x or y.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Var {
    X,
    Y,
}

/// How a term of a [`Op::Poly`] is formed from vⁿ (written exactly as the unfused tape would
/// compute it, so fusing never changes a bit of the result).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
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
struct Term {
    var: Var,
    pow: i32,
    form: Form,
    /// Subtracted from the sum so far (else added).
    sub: bool,
}

impl Term {
    #[inline(always)]
    fn eval<T: Scalar>(&self, x: T, y: T) -> T {
        if let Form::Constant(c) = self.form {
            return T::constant(c);
        }
        let v = match self.var {
            Var::X => x,
            Var::Y => y,
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

/// A sum of monomials, accumulated left to right.
#[inline(always)]
fn sum<T: Scalar>(terms: &[Term], x: T, y: T) -> T {
    let Some((first, rest)) = terms.split_first() else {
        return T::constant(0.0);
    };
    let mut acc = first.eval(x, y);
    for t in rest {
        acc = match (t.form, t.sub) {
            (Form::Constant(c), false) => acc + c,
            (Form::Constant(c), true) => acc - c,
            (_, false) => acc + t.eval(x, y),
            (_, true) => acc - t.eval(x, y),
        };
    }
    acc
}

/// A typed expression, compiled.
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    ops: Vec<Op>,
    terms: Vec<Term>,
    depth: usize,
    uses_y: bool,
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
        let tokens = tokenize(src).map_err(|e| parse_error(src, e))?;
        let spans = token_spans(src, &tokens);
        let uses_y = check_names(src, &tokens, &spans)?;
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
            uses_y,
        })
    }

    /// The text the expression was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// 2 when the expression uses y, else 1.
    pub fn dim(&self) -> usize {
        1 + usize::from(self.uses_y)
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
        match build_tree(&to_rpn(&tokenize(&self.source).unwrap_or_default()).unwrap_or_default()) {
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
        // A polynomial is one fused instruction: skip the stack machine.
        if let [Op::Poly(..)] = self.ops[..] {
            return sum(&self.terms, x, y);
        }
        // A stack just deep enough (zeroing it is part of every evaluation): 16 levels serve
        // nearly every expression.
        let zero = T::constant(0.0);
        let xs = [x];
        match self.depth {
            0..=16 => run(&self.ops, &self.terms, &xs, y, &mut [zero; 16]),
            _ => run(&self.ops, &self.terms, &xs, y, &mut [zero; MAX_DEPTH]),
        }
    }

    /// f(x, y) for every x in `xs`, appended to `out`: the numbers of [`Expr::eval`], bit for
    /// bit, with each instruction decoded once for up to [`LANES`] points instead of once per
    /// point (what sampling a curve or a field wants).
    pub fn eval_row(&self, xs: &[f64], y: f64, out: &mut Vec<f64>) {
        let mut st = vec![0.0; self.depth.max(1) * LANES];
        for xs in xs.chunks(LANES) {
            run(&self.ops, &self.terms, xs, y, &mut st);
            out.extend_from_slice(&st[..xs.len()]);
        }
    }
}

/// How many points [`Expr::eval_row`] runs through the tape together.
pub const LANES: usize = 64;

/// Runs the tape at (x, y) for every x in `xs` at once, each instruction applied to all of
/// them before the next. Slot `s` of the stack is `st[s·n..(s + 1)·n]` for n = `xs.len()` (the
/// compiler checked the depth fits); the results end in slot 0.
fn run<T: Scalar>(ops: &[Op], terms: &[Term], xs: &[T], y: T, st: &mut [T]) -> T {
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
            Op::Y | Op::Const(_) => {
                let v = match *op {
                    Op::Const(c) => T::constant(c),
                    _ => y,
                };
                st[sp * n..(sp + 1) * n].fill(v);
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
                    *v = sum(terms, x, y);
                }
                sp += 1;
            }
        }
    }
    st[0]
}

/// A number that ends the text with an unfinished exponent ("2e", "1.5E-") is only an
/// "unexpected token" to meval: say what is wrong with it.
fn check_number_ends(src: &str) -> Result<(), ExprError> {
    let t = src.trim_end_matches([' ', '\t', '\r', '\n']);
    let b = t.as_bytes();
    let mut end = b.len();
    if end > 0 && (b[end - 1] == b'+' || b[end - 1] == b'-') {
        end -= 1;
    }
    if end == 0 || !(b[end - 1] == b'e' || b[end - 1] == b'E') {
        return Ok(());
    }
    let e = end - 1;
    let mut start = e;
    while start > 0 && (b[start - 1].is_ascii_digit() || b[start - 1] == b'.') {
        start -= 1;
    }
    // A number starts with a digit, and must not be the tail of a name like "x2e".
    let is_number = start < e
        && b[start].is_ascii_digit()
        && !(start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'_'));
    if is_number {
        return Err(ExprError::new(
            ErrorKind::IncompleteNumber,
            src,
            Some(start),
            format!("incomplete number '{}'", &t[start..]),
        )
        .hint("an exponent needs digits, as in 2e3; to multiply by e, write 2*e"));
    }
    Ok(())
}

/// Byte spans of meval's tokens in the source (the tokenizer does not keep them).
fn token_spans(src: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let b = src.as_bytes();
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\r' | b'\n');
    let mut p = 0;
    tokens
        .iter()
        .map(|t| {
            while p < b.len() && is_space(b[p]) {
                p += 1;
            }
            let start = p;
            p += match t {
                Token::Number(_) => number_len(&b[p..]),
                Token::Var(name) => name.len(),
                Token::Func(name, _) => {
                    let mut q = p + name.len();
                    while q < b.len() && is_space(b[q]) {
                        q += 1;
                    }
                    q + 1 - p
                }
                _ => 1,
            };
            p = p.min(b.len());
            (start, p)
        })
        .collect()
}

/// Length of the number at the start of `b`: digits, an optional fraction, an optional exponent.
fn number_len(b: &[u8]) -> usize {
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut n = digits(0);
    if b.get(n) == Some(&b'.') {
        n += 1 + digits(n + 1);
    }
    if matches!(b.get(n), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(n + 1), Some(b'+' | b'-')));
        let d = digits(n + 1 + sign);
        if d > 0 {
            n += 1 + sign + d;
        }
    }
    n
}

fn function_list() -> String {
    let names: Vec<&str> = FUNCTIONS.iter().map(|(name, _)| *name).collect();
    crate::join(&names, ", ")
}

/// Checks every name (variables, constants, functions) and every function's argument count.
/// Returns whether y is used.
fn check_names(src: &str, tokens: &[Token], spans: &[(usize, usize)]) -> Result<bool, ExprError> {
    let mut uses_y = false;
    for (i, token) in tokens.iter().enumerate() {
        let at = Some(spans[i].0);
        match token {
            Token::Var(name) => match name.as_str() {
                "x" | "pi" | "e" => {}
                "y" => uses_y = true,
                _ => {
                    let err = ExprError::new(
                        ErrorKind::UnknownVariable,
                        src,
                        at,
                        format!("unknown variable {name}"),
                    );
                    return Err(if Call::named(name).is_some() {
                        err.hint(format!("{name} is a function: write {name}(x)"))
                    } else if name == "X" || name == "Y" {
                        err.hint(format!(
                            "variables are lower case: {}",
                            name.to_ascii_lowercase()
                        ))
                    } else if name.len() > 1 && name.bytes().all(|c| c == b'x' || c == b'y') {
                        err.hint("use x (and y), with * to multiply: x*y")
                    } else {
                        err.hint("use x (and y)")
                    });
                }
            },
            Token::Func(name, _) => {
                let Some(call) = Call::named(name) else {
                    let err = ExprError::new(
                        ErrorKind::UnknownFunction,
                        src,
                        at,
                        format!("unknown function {name}"),
                    );
                    return Err(match name.as_str() {
                        "x" | "y" | "pi" | "e" => err.hint(format!(
                            "{name} is not a function: write {name}*(...) to multiply"
                        )),
                        "log" => err.hint("write ln(x) for the natural logarithm, or log10(x)"),
                        "pow" => err.hint("write a^b for a power"),
                        _ => err.hint(format!("use one of {}", function_list())),
                    });
                };
                let args = count_arguments(&tokens[i + 1..]);
                let wanted = match call {
                    Call::One(_) => Some(1),
                    Call::Atan2 => Some(2),
                    Call::Max | Call::Min => None,
                };
                if let Some(w) = wanted.filter(|&w| w != args) {
                    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
                    return Err(ExprError::new(
                        ErrorKind::WrongArgumentCount,
                        src,
                        at,
                        format!("{name} takes {w} {}, not {args}", plural(w)),
                    )
                    .hint("separate arguments with commas, as in atan2(y, x)"));
                }
            }
            _ => {}
        }
    }
    Ok(uses_y)
}

/// The number of top-level arguments of a call whose tokens follow `name(`.
fn count_arguments(after_open: &[Token]) -> usize {
    let mut depth = 0usize;
    let mut commas = 0;
    for t in after_open {
        match t {
            Token::LParen | Token::Func(..) => depth += 1,
            Token::RParen if depth == 0 => break,
            Token::RParen => depth -= 1,
            Token::Comma if depth == 0 => commas += 1,
            _ => {}
        }
    }
    commas + 1
}

/// Byte offsets of the '(' that are never closed.
fn unclosed_parens(src: &str) -> Vec<usize> {
    let mut open = Vec::new();
    for (i, c) in src.char_indices() {
        match c {
            '(' => open.push(i),
            ')' => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// The last non-space character before byte `at`.
fn previous_char(src: &str, at: usize) -> Option<char> {
    src.get(..at)?.trim_end().chars().next_back()
}

fn parse_error(src: &str, e: ParseError) -> ExprError {
    match e {
        ParseError::UnexpectedToken(at) => unexpected(src, at),
        ParseError::MissingRParen(n) => {
            let open = unclosed_parens(src);
            let at = open.first().copied().unwrap_or(src.len());
            let what = if n > 1 {
                format!("missing {n} ')'")
            } else {
                "missing ')'".to_string()
            };
            ExprError::new(ErrorKind::MissingCloseParen, src, Some(at), what)
                .hint("every '(' needs a matching ')'")
        }
        ParseError::MissingArgument => {
            let last = src.trim_end().chars().next_back().unwrap_or(' ');
            ExprError::new(
                ErrorKind::MissingValue,
                src,
                Some(src.trim_end().len()),
                "the expression ends too early",
            )
            .hint(format!("something is missing after '{last}'"))
        }
    }
}

/// A character meval did not expect at byte `at`.
fn unexpected(src: &str, at: usize) -> ExprError {
    let c = src.get(at..).and_then(|s| s.chars().next()).unwrap_or(' ');
    let prev = previous_char(src, at);
    let after_value = prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == '_' || p == ')');
    let err = |kind, what: String| ExprError::new(kind, src, Some(at), what);
    // "sin x": a function name used without brackets.
    let before = src.get(..at).unwrap_or("").trim_end();
    let word_start = before
        .rfind(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
        .map_or(0, |i| i + 1);
    let word = &before[word_start..];
    if Call::named(word).is_some() {
        return ExprError::new(
            ErrorKind::MissingOperator,
            src,
            Some(word_start),
            format!("{word} needs brackets"),
        )
        .hint(format!("write {word}(x)"));
    }
    match c {
        ')' if prev == Some('(') => err(ErrorKind::MissingValue, "empty brackets '()'".into())
            .hint("put a value between them"),
        ')' if prev == Some(',') => err(ErrorKind::MissingValue, "missing argument".into())
            .hint("a value is missing after ','"),
        ')' if unclosed_before(src, at) == 0 => {
            err(ErrorKind::UnmatchedCloseParen, "unmatched ')'".into())
                .hint("there is no '(' for it to close")
        }
        ')' => err(ErrorKind::MissingValue, "missing value before ')'".into())
            .hint("something is missing before it"),
        ',' => err(ErrorKind::UnexpectedChar, "unexpected ','".into())
            .hint("commas only separate the arguments of atan2, max and min"),
        '.' => err(ErrorKind::UnexpectedChar, "unexpected '.'".into())
            .hint("write numbers with a leading digit, as in 0.5"),
        '²' | '³' => err(ErrorKind::UnexpectedChar, format!("unexpected '{c}'")).hint(format!(
            "write x^{} for a power",
            if c == '²' { 2 } else { 3 }
        )),
        '×' | '·' | '∙' => {
            err(ErrorKind::UnexpectedChar, format!("unexpected '{c}'")).hint("use * to multiply")
        }
        '÷' => err(ErrorKind::UnexpectedChar, "unexpected '÷'".into()).hint("use / to divide"),
        '−' | '–' => err(ErrorKind::UnexpectedChar, format!("unexpected '{c}'"))
            .hint("type the minus sign as '-'"),
        c if after_value && (c.is_ascii_alphanumeric() || c == '_' || c == '(') => err(
            ErrorKind::MissingOperator,
            format!("missing operator before '{c}'"),
        )
        .hint("write * to multiply, as in 2*x or x*(x + 1)"),
        '*' | '/' | '^' | '%' | '+' | '-' => err(
            ErrorKind::MissingValue,
            format!("missing value before '{c}'"),
        )
        .hint("an operator needs a value on each side"),
        c if c.is_ascii_graphic() => err(ErrorKind::UnexpectedChar, format!("unexpected '{c}'"))
            .hint("use numbers, x, y, pi, e, + - * / % ^, brackets and functions such as sin(x)"),
        c => err(
            ErrorKind::UnexpectedChar,
            format!("unexpected character '{}'", c.escape_default()),
        )
        .hint("use numbers, x, y, pi, e, + - * / % ^, brackets and functions such as sin(x)"),
    }
}

fn unclosed_before(src: &str, at: usize) -> usize {
    unclosed_parens(src.get(..at).unwrap_or(src)).len()
}

fn rpn_error(src: &str, spans: &[(usize, usize)], e: RPNError) -> ExprError {
    let at = |i: usize| spans.get(i).map(|s| s.0);
    match e {
        RPNError::MismatchedLParen(i) => {
            ExprError::new(ErrorKind::MissingCloseParen, src, at(i), "missing ')'")
                .hint("every '(' needs a matching ')'")
        }
        RPNError::MismatchedRParen(i) => {
            ExprError::new(ErrorKind::UnmatchedCloseParen, src, at(i), "unmatched ')'")
                .hint("there is no '(' for it to close")
        }
        RPNError::UnexpectedComma(i) => {
            ExprError::new(ErrorKind::UnexpectedChar, src, at(i), "unexpected ','")
                .hint("commas only separate the arguments of atan2, max and min")
        }
        RPNError::NotEnoughOperands(_) | RPNError::TooManyOperands => {
            ExprError::new(ErrorKind::MissingValue, src, None, "incomplete expression")
                .hint("a value or an operator is missing")
        }
    }
}

/// Builds the tree from meval's RPN, folding every constant sub-expression. None if the RPN is
/// malformed (meval's own checks make that unreachable).
fn build_tree(rpn: &[Token]) -> Option<Node> {
    let mut stack: Vec<Node> = Vec::with_capacity(rpn.len());
    for token in rpn {
        let node = match token {
            Token::Number(v) => Node::Num(*v),
            Token::Var(name) => match name.as_str() {
                "x" => Node::X,
                "y" => Node::Y,
                "pi" => Node::Num(std::f64::consts::PI),
                "e" => Node::Num(std::f64::consts::E),
                _ => return None,
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

/// The compiler's output: instructions, and the terms of fused sums of monomials.
#[derive(Default)]
struct Tape {
    ops: Vec<Op>,
    terms: Vec<Term>,
    /// Compute integer powers with powf, exactly as meval does (for bit-exact comparisons).
    powf: bool,
    /// Leave sums of monomials unfused (to check that fusing changes nothing).
    no_fuse: bool,
}

impl Tape {
    /// The monomial `node` is, if any: x, y, vⁿ, c·vⁿ, vⁿ·c or vⁿ/c.
    fn monomial(&self, node: &Node) -> Option<Term> {
        let power = |n: &Node| -> Option<(Var, i32)> {
            match n {
                Node::X => Some((Var::X, 1)),
                Node::Y => Some((Var::Y, 1)),
                Node::Bin(BinOp::Pow, v, e) if !self.powf => match (&**v, &**e) {
                    (Node::X, Node::Num(k)) if integer_power(*k) => Some((Var::X, *k as i32)),
                    (Node::Y, Node::Num(k)) if integer_power(*k) => Some((Var::Y, *k as i32)),
                    _ => None,
                },
                _ => None,
            }
        };
        let term = |(var, pow): (Var, i32), form| Term {
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
                    var: Var::X,
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
                            var: Var::X,
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
    fn emit(&mut self, node: &Node, base: usize) -> usize {
        let mut terms = Vec::new();
        let fused = !self.no_fuse
            && !matches!(node, Node::X | Node::Y | Node::Num(_))
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
            Node::X => {
                self.ops.push(Op::X);
                base + 1
            }
            Node::Y => {
                self.ops.push(Op::Y);
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
                Op::Fun(Fun::Sin),
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
            let tree = build_tree(&to_rpn(&tokenize(src).unwrap()).unwrap()).unwrap();
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
                    uses_y: true,
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

    #[test]
    fn knows_its_dimension() {
        assert_eq!(Expr::parse("x^2").unwrap().dim(), 1);
        assert_eq!(Expr::parse("x^2 + y^2").unwrap().dim(), 2);
    }

    #[test]
    fn spans_follow_meval_tokens() {
        let src = " sin ( x )+ 2.5e3*y";
        let tokens = tokenize(src).unwrap();
        let spans = token_spans(src, &tokens);
        let texts: Vec<&str> = spans.iter().map(|&(a, b)| &src[a..b]).collect();
        assert_eq!(texts, ["sin (", "x", ")", "+", "2.5e3", "*", "y"]);
    }
}

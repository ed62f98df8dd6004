//! The lexer: a typed function as meval's tokens, with where each token stands in the text.
//! It follows meval's own tokenizer rule for rule (a property test holds the two to the same
//! tokens and the same errors on random text), written without the parser-combinator library
//! meval builds on, which never fails but carries a `panic!` that brings debug formatting of
//! its parse results into the web module.
//!
//! The rules: white space (space, tab, return, new line) may surround any token. Where a value
//! is expected: a number (`12`, `1.5`, `2.`, `3e-4`; an `e` must be followed by an exponent),
//! a function name and its `(` (`sin (`), a name (`x`, `pi`), a sign (`-x`) or `(`. After a
//! value: an operator (`+ - * / % ^`), and inside brackets a `)`, and inside a function's
//! brackets a `,`.

use meval::tokenizer::{Operation, ParseError, Token};

/// A token, and the bytes it spans in the text (white space around it left out).
pub(super) type Spanned = (Token, (usize, usize));

/// What kind of bracket is open.
#[derive(Clone, Copy, PartialEq)]
enum Paren {
    /// `(`: holds a sub-expression.
    Group,
    /// `name(`: holds a function's arguments, separated by commas.
    Call,
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// The end of the run of bytes from `at` that `keep` accepts.
fn run(b: &[u8], at: usize, keep: impl Fn(u8) -> bool) -> usize {
    at + b[at..].iter().take_while(|&&c| keep(c)).count()
}

/// The end of the name starting at `at` (a letter or `_`, then letters, digits and `_`).
fn name(b: &[u8], at: usize) -> Option<usize> {
    let first = *b.get(at)?;
    // The first may not be a digit; the rest, and so the first too, are letters, digits or `_`.
    (first.is_ascii_alphabetic() || first == b'_')
        .then(|| run(b, at, |c| c.is_ascii_alphanumeric() || c == b'_'))
}

/// The number starting at `at` and where it ends: digits, an optional `.` and digits, and an
/// optional exponent, which once begun must have digits.
fn number(src: &str, at: usize) -> Option<(f64, usize)> {
    let b = src.as_bytes();
    let digits = |from: usize| run(b, from, |c| c.is_ascii_digit());
    let mut end = digits(at);
    if end == at {
        return None;
    }
    if b.get(end) == Some(&b'.') {
        end = digits(end + 1);
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let mut e = end + 1;
        if matches!(b.get(e), Some(b'+' | b'-')) {
            e += 1;
        }
        let exp_end = digits(e);
        if exp_end == e {
            return None;
        }
        end = exp_end;
    }
    crate::fmt::number(src.get(at..end)?).map(|v| (v, end))
}

/// An operator's token.
fn operation(c: u8) -> Option<Operation> {
    Some(match c {
        b'+' => Operation::Plus,
        b'-' => Operation::Minus,
        b'*' => Operation::Times,
        b'/' => Operation::Div,
        b'%' => Operation::Rem,
        b'^' => Operation::Pow,
        _ => return None,
    })
}

/// The token at `at` where a value is expected, and where it ends.
fn value(src: &str, at: usize) -> Option<(Token, usize)> {
    let b = src.as_bytes();
    if let Some((v, end)) = number(src, at) {
        return Some((Token::Number(v), end));
    }
    if let Some(end) = name(b, at) {
        let open = run(b, end, is_space);
        let ident = src.get(at..end).unwrap_or("").to_string();
        return Some(if b.get(open) == Some(&b'(') {
            (Token::Func(ident, None), open + 1)
        } else {
            (Token::Var(ident), end)
        });
    }
    match *b.get(at)? {
        c @ (b'+' | b'-') => operation(c).map(|op| (Token::Unary(op), at + 1)),
        b'(' => Some((Token::LParen, at + 1)),
        _ => None,
    }
}

/// The token at `at` after a value, inside the bracket `open` (if any), and where it ends.
fn after_value(b: &[u8], at: usize, open: Option<Paren>) -> Option<(Token, usize)> {
    let c = *b.get(at)?;
    let token = match (c, open) {
        (b')', Some(_)) => Token::RParen,
        (b',', Some(Paren::Call)) => Token::Comma,
        _ => Token::Binary(operation(c)?),
    };
    Some((token, at + 1))
}

/// The tokens of `src` with their spans, or what is wrong, exactly as meval's tokenizer says
/// it (the position of an unexpected token is after any white space before it).
pub(super) fn tokens(src: &str) -> Result<Vec<Spanned>, ParseError> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut parens: Vec<Paren> = Vec::new();
    // Whether a value is expected (else an operator or a closing bracket).
    let mut wants_value = true;
    let mut at = run(b, 0, is_space);
    while at < b.len() {
        let found = if wants_value {
            value(src, at)
        } else {
            after_value(b, at, parens.last().copied())
        };
        let Some((token, end)) = found else {
            return Err(ParseError::UnexpectedToken(at));
        };
        match token {
            Token::LParen => parens.push(Paren::Group),
            Token::Func(..) => parens.push(Paren::Call),
            Token::RParen => {
                parens.pop();
            }
            Token::Var(_) | Token::Number(_) => wants_value = false,
            Token::Binary(_) | Token::Comma => wants_value = true,
            Token::Unary(_) => {}
        }
        out.push((token, (at, end)));
        at = run(b, end, is_space);
    }
    if wants_value {
        Err(ParseError::MissingArgument)
    } else if !parens.is_empty() {
        Err(ParseError::MissingRParen(parens.len() as i32))
    } else {
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Token> {
        tokens(src).unwrap().into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn reads_numbers_names_calls_and_operators() {
        assert_eq!(
            kinds("2.5e3*sin (x)^2"),
            [
                Token::Number(2500.0),
                Token::Binary(Operation::Times),
                Token::Func("sin".into(), None),
                Token::Var("x".into()),
                Token::RParen,
                Token::Binary(Operation::Pow),
                Token::Number(2.0),
            ]
        );
        assert_eq!(
            kinds("-x + 2."),
            [
                Token::Unary(Operation::Minus),
                Token::Var("x".into()),
                Token::Binary(Operation::Plus),
                Token::Number(2.0),
            ]
        );
        let spans: Vec<(usize, usize)> = tokens(" max( x , 1 )")
            .unwrap()
            .iter()
            .map(|t| t.1)
            .collect();
        assert_eq!(spans, [(1, 5), (6, 7), (8, 9), (10, 11), (12, 13)]);
    }

    #[test]
    fn says_what_is_wrong_where() {
        assert_eq!(tokens("2x"), Err(ParseError::UnexpectedToken(1)));
        assert_eq!(tokens("x + 2ex"), Err(ParseError::UnexpectedToken(4)));
        assert_eq!(tokens("(x + 1"), Err(ParseError::MissingRParen(1)));
        assert_eq!(tokens("x +"), Err(ParseError::MissingArgument));
        assert_eq!(tokens("x, 1"), Err(ParseError::UnexpectedToken(1)));
        assert_eq!(tokens("(x, 1)"), Err(ParseError::UnexpectedToken(2)));
        assert_eq!(tokens("x)"), Err(ParseError::UnexpectedToken(1)));
    }

    /// meval's own tokenizer, where it does not panic (it does on text of white space only,
    /// which the parser refuses before it gets here).
    fn meval(src: &str) -> Option<Result<Vec<Token>, ParseError>> {
        std::panic::catch_unwind(|| meval::tokenizer::tokenize(src)).ok()
    }

    fn ours(src: &str) -> Result<Vec<Token>, ParseError> {
        tokens(src).map(|ts| ts.into_iter().map(|(t, _)| t).collect())
    }

    #[test]
    fn agrees_with_meval_on_the_corners_of_its_grammar() {
        for src in [
            "2",
            "2.",
            "2.5",
            "2e3",
            "2E+3",
            "2e-3",
            "2e",
            "2e+",
            "2ex",
            "2.e5",
            ".5",
            "1e999",
            "x2",
            "_a1",
            "sin(x)",
            "sin (x)",
            "sin\t(x)",
            "f (",
            "max(1,2)",
            "(1,2)",
            "1,2",
            "-+-x",
            "x--1",
            "x)",
            "(x",
            "((x)",
            "x y",
            "2 e",
            "é",
            "x\u{a0}+1",
            " x ",
            "x^-2",
            "atan2( y , x )",
            "x+",
            "(",
            ")",
            "x(1)",
            "pi*e",
        ] {
            if let Some(theirs) = meval(src) {
                assert_eq!(ours(src), theirs, "{src:?}");
            }
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(3000)
        ))]

        /// Any text: the same tokens, or the same error at the same place.
        #[test]
        fn agrees_with_meval_on_any_text(src in "[ -~\t\r\n²é]{0,40}") {
            if let Some(theirs) = meval(&src) {
                proptest::prop_assert_eq!(ours(&src), theirs, "{:?}", src);
            }
        }

        /// Near-expressions made of the grammar's own pieces, where the corners are.
        #[test]
        fn agrees_with_meval_on_token_soup(parts in proptest::collection::vec(proptest::sample::select(vec![
            "x", "y", "pi", "e", "E", "2", "0.5", "1e3", "2e", "3E-", ".", "+", "-", "*", "/", "%",
            "^", "(", ")", ",", " ", "\t", "\r", "\n", "sin", "sin(", "atan2 (", "max(", "_", "x1", "9",
        ]), 0..30)) {
            let src: String = parts.concat();
            if let Some(theirs) = meval(&src) {
                proptest::prop_assert_eq!(ours(&src), theirs, "{:?}", src);
            }
        }
    }
}

//! Diagnostics: what is wrong with a typed function, said the way a student can fix it. meval
//! reports little more than "unexpected token"; these checks find the mistake, its position and
//! a hint ("write x^2 for a power", "sin needs brackets").

use super::error::{ErrorKind, ExprError};
use super::names::{names, Call};
use meval::tokenizer::{ParseError, Token};
use meval::RPNError;

/// A number that ends the text with an unfinished exponent ("2e", "1.5E-") is only an
/// "unexpected token" to meval: say what is wrong with it.
pub(super) fn check_number_ends(src: &str) -> Result<(), ExprError> {
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
            format!("incomplete number '{}'", t.get(start..).unwrap_or("")),
        )
        .hint("an exponent needs digits, as in 2e3; to multiply by e, write 2*e"));
    }
    Ok(())
}

/// Checks every name (variables, constants, functions) and every function's argument count.
/// Returns the number of variables (the highest one used: z makes three, x4 four) and whether
/// they are numbered (x1 … x9) rather than letters (x, y, z).
pub(super) fn check_names(
    src: &str,
    tokens: &[Token],
    spans: &[(usize, usize)],
) -> Result<(usize, bool), ExprError> {
    let mut dim = 1;
    // The first variable seen, and whether it was numbered.
    let mut kind: Option<(&str, bool)> = None;
    for (i, token) in tokens.iter().enumerate() {
        let at = Some(spans[i].0);
        match token {
            Token::Var(name) => match (name.as_str(), super::vars::variable(name)) {
                ("pi" | "e", _) => {}
                (_, Some((index, numbered))) => {
                    if let Some((first, _)) = kind.filter(|&(_, was)| was != numbered) {
                        return Err(ExprError::new(
                            ErrorKind::MixedVariables,
                            src,
                            at,
                            format!("{first} and {name} mix two ways of naming variables"),
                        )
                        .hint("use x, y and z, or x1, x2, … x9, but not both"));
                    }
                    kind = kind.or(Some((name.as_str(), numbered)));
                    dim = dim.max(index + 1);
                }
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
                    } else if name.len() > 1 && name.bytes().all(|c| b"xyz".contains(&c)) {
                        err.hint("use x, y and z, with * to multiply: x*y")
                    } else if name.len() > 1
                        && name.starts_with('x')
                        && name.bytes().skip(1).all(|c| c.is_ascii_digit())
                    {
                        err.hint("variables go from x1 to x9")
                    } else {
                        err.hint("use x, y and z, or x1, x2, … x9")
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
                        _ => err.hint(format!("use one of {}", names())),
                    });
                };
                let args = count_arguments(&tokens[i + 1..]);
                if let Some(w) = call.arity().filter(|&w| w != args) {
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
    Ok((dim, kind.is_some_and(|(_, numbered)| numbered)))
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

pub(super) fn parse_error(src: &str, e: ParseError) -> ExprError {
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
    let word = before.get(word_start..).unwrap_or("");
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

pub(super) fn rpn_error(src: &str, spans: &[(usize, usize)], e: RPNError) -> ExprError {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The check for an unfinished exponent stands on its own: blank text, a lone sign or a
    /// sign after a name end no number, and are left to the parser (no error, no panic).
    #[test]
    fn blank_text_or_a_lone_sign_ends_no_number() {
        for src in ["", " \t\r\n", "+", "-", "x -", "x2e+"] {
            assert!(check_number_ends(src).is_ok(), "{src:?}");
        }
        let e = check_number_ends("1.5E- ").unwrap_err();
        assert_eq!(
            e.to_string().split(':').next(),
            Some("incomplete number '1.5E-' at position 1")
        );
    }
}

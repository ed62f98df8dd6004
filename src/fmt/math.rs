//! Functions and points as words: "f(x)" or "f(x, y)", "x = 1.5" or "(x, y) = (1, 2)", and a
//! formula typed in meval syntax as a textbook prints it. The page, the lessons and the command
//! line all write them through here, so they always read the same.

use super::number::{brief, superscript};

/// The function's name with its variables `names`: "f(x)", "f(x, y)", "f(x, y, z)", and past
/// three "f(x1, …, x5)".
pub fn lhs(names: &[&str]) -> String {
    match names {
        [first, .., last] if names.len() > 3 => format!("f({first}, …, {last})"),
        _ => format!("f({})", super::join(names, ", ")),
    }
}

/// Where a point is, in words: "x = 1.5" in one dimension, "(x, y) = (1, −2)" in more (the
/// first coordinates of `p`, one per name).
pub fn place(p: &[f64], names: &[&str]) -> String {
    match names {
        [one] => format!("{one} = {}", brief(p[0])),
        _ => format!(
            "({}) = {}",
            super::join(names, ", "),
            coords(&p[..names.len()])
        ),
    }
}

/// A point as a tuple: "(1, −2)".
pub fn coords(p: &[f64]) -> String {
    let parts: Vec<String> = p.iter().map(|&v| brief(v)).collect();
    format!("({})", super::join(&parts, ", "))
}

/// Writes a formula in meval syntax the way a textbook would: `x^2 - 8*x` as `x² − 8x`.
pub fn pretty(formula: &str) -> String {
    let mut out = String::with_capacity(formula.len() + 8);
    let chars: Vec<char> = formula.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '^' => {
                // Small integer exponents become superscripts.
                let digits: String = chars[i + 1..]
                    .iter()
                    .take_while(|d| d.is_ascii_digit())
                    .collect();
                let next = chars.get(i + 1 + digits.len());
                let ends = next.is_none_or(|n| !n.is_ascii_alphanumeric() && *n != '.');
                if !digits.is_empty() && digits.len() <= 2 && ends {
                    out.extend(digits.chars().map(superscript));
                    i += 1 + digits.len();
                    continue;
                }
                out.push('^');
            }
            '*' => {
                // Drop the star between a number and a name or bracket: 8*x → 8x.
                let prev = chars[..i].iter().rev().find(|c| **c != ' ');
                let next = chars[i + 1..].iter().find(|c| **c != ' ');
                let implicit = prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_alphabetic() || *n == '(');
                if implicit {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    i += 1;
                    while chars.get(i) == Some(&' ') {
                        i += 1;
                    }
                    continue;
                }
                out.push('·');
            }
            '-' => out.push('−'),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_prints_like_a_textbook() {
        assert_eq!(pretty("x^2 - 8*x + 4"), "x² − 8x + 4");
        assert_eq!(
            pretty("0.001*x^4 - 0.03*x^3 + 0.1*x^2 + x + 2"),
            "0.001x⁴ − 0.03x³ + 0.1x² + x + 2"
        );
        assert_eq!(pretty("x*y + x^y"), "x·y + x^y");
        assert_eq!(pretty("2 * x + 3*(x - 1)"), "2x + 3(x − 1)");
        assert_eq!(pretty("2^3.5"), "2^3.5");
    }

    #[test]
    fn points_and_names_follow_the_dimension() {
        assert_eq!(lhs(&["x"]), "f(x)");
        assert_eq!(lhs(&["x", "y"]), "f(x, y)");
        assert_eq!(lhs(&["x", "y", "z"]), "f(x, y, z)");
        assert_eq!(lhs(&["x1", "x2", "x3", "x4"]), "f(x1, …, x4)");
        assert_eq!(place(&[1.5, 9.0], &["x"]), "x = 1.5");
        assert_eq!(place(&[1.0, -2.0], &["x", "y"]), "(x, y) = (1, −2)");
        assert_eq!(
            place(&[2.0, -5.0, 7.0, 0.0], &["x", "y", "z"]),
            "(x, y, z) = (2, −5, 7)"
        );
        assert_eq!(coords(&[0.5, 3e7]), "(0.5, 3×10⁷)");
    }
}

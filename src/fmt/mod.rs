//! Numbers and formulas as text: the one place that decides how a value, a point, a function's
//! name and a formula are written, for the page and the command line alike. A leaf: it imports
//! nothing else of ours, so every other module may use it.

mod math;
mod number;

pub use math::{coords, lhs, place, pretty};
pub use number::{
    brief, compact, exponential, fixed, float, number, push_int, readable, sci, spells_a_float,
    superscript, write_float,
};

/// The parts with `sep` between them: `[a, b, c]` as "a, b, c". The standard `join`
/// compiles into the web module once per kind of part, at 1 KB each; this is one small loop.
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::join;

    #[test]
    fn joins_with_the_separator_between_parts_only() {
        assert_eq!(join(&["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(join(&[String::from("x")], ","), "x");
        assert_eq!(join::<&str>(&[], ","), "");
    }
}

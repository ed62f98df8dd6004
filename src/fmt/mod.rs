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

/// `v` rounded to a multiple of `quantum` (a power of ten), as its decimal text reads:
/// rounding in binary leaves tails like 0.30000000000000004, so it goes through the text.
pub fn snap(v: f64, quantum: f64) -> f64 {
    let digits = crate::within(-quantum.log10().floor(), 0.0, 15.0) as usize;
    number(&fixed((v / quantum).round() * quantum, digits)).unwrap_or(v)
}

#[cfg(test)]
mod tests {
    use super::{join, snap};

    #[test]
    fn snapping_leaves_no_binary_tails() {
        assert_eq!(snap(0.1 + 0.2, 0.01), 0.3);
        assert_eq!(snap(-1.23456, 0.001), -1.235);
        assert_eq!(snap(1234.5, 10.0), 1230.0);
    }

    #[test]
    fn joins_with_the_separator_between_parts_only() {
        assert_eq!(join(&["a", "b", "c"], ", "), "a, b, c");
        assert_eq!(join(&[String::from("x")], ","), "x");
        assert_eq!(join::<&str>(&[], ","), "");
    }
}

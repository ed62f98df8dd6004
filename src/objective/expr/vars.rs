//! The names of a typed function's variables: x, y and z, or x1, x2, … x9, never both kinds.
//! A variable's index is its place in the point (x is 0, z is 2, x9 is 8).

use super::super::MAX_DIM;

/// The letter names, in order.
pub const LETTERS: [&str; 3] = ["x", "y", "z"];

/// The numbered names, in order.
pub const NUMBERED: [&str; MAX_DIM] = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9"];

/// The index of the variable called `name`, and whether it is a numbered one; `None` for any
/// other name.
pub fn variable(name: &str) -> Option<(usize, bool)> {
    match *name.as_bytes() {
        [c @ b'x'..=b'z'] => Some((usize::from(c - b'x'), false)),
        [b'x', d @ b'1'..=b'9'] => Some((usize::from(d - b'1'), true)),
        _ => None,
    }
}

/// The names of the first `dim` variables, numbered or by letter (a function of more than
/// three variables is always numbered).
pub fn names(dim: usize, numbered: bool) -> &'static [&'static str] {
    if numbered || dim > LETTERS.len() {
        &NUMBERED[..dim.min(MAX_DIM)]
    } else {
        &LETTERS[..dim]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_has_its_place() {
        assert_eq!(variable("x"), Some((0, false)));
        assert_eq!(variable("z"), Some((2, false)));
        assert_eq!(variable("x1"), Some((0, true)));
        assert_eq!(variable("x9"), Some((8, true)));
        assert_eq!(variable("y"), Some((1, false)));
        assert_eq!(variable("x5"), Some((4, true)));
        for other in ["x0", "x10", "w", "X", "xy", "y1", "", "x:"] {
            assert_eq!(variable(other), None, "{other}");
        }
        assert_eq!(names(2, false), ["x", "y"]);
        assert_eq!(names(3, true), ["x1", "x2", "x3"]);
        assert_eq!(names(4, false).len(), 4);
    }
}

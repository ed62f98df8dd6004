//! The vocabulary of typed functions: every function a student may call, in one table
//! ([`BUILTINS`]) with what it computes, how many arguments it takes and a line of help. The
//! parser, the diagnostics and the help text all read it; nothing else lists the names.

use super::super::scalar::{self, Scalar};

/// A function a typed expression may call.
#[derive(Debug)]
pub struct Builtin {
    /// The name typed, as in `sin(x)`.
    pub name: &'static str,
    /// What it computes (which also decides how many arguments it takes: [`Call::arity`]).
    pub call: Call,
}

const fn builtin(name: &'static str, call: Call) -> Builtin {
    Builtin { name, call }
}

/// Every function a typed expression may call, in the order the help lists them.
pub static BUILTINS: &[Builtin] = &[
    builtin("sin", Call::One(Fun::Sin)),
    builtin("cos", Call::One(Fun::Cos)),
    builtin("tan", Call::One(Fun::Tan)),
    builtin("asin", Call::One(Fun::Asin)),
    builtin("acos", Call::One(Fun::Acos)),
    builtin("atan", Call::One(Fun::Atan)),
    builtin("atan2", Call::Atan2),
    builtin("sinh", Call::One(Fun::Sinh)),
    builtin("cosh", Call::One(Fun::Cosh)),
    builtin("tanh", Call::One(Fun::Tanh)),
    builtin("asinh", Call::One(Fun::Asinh)),
    builtin("acosh", Call::One(Fun::Acosh)),
    builtin("atanh", Call::One(Fun::Atanh)),
    builtin("exp", Call::One(Fun::Exp)),
    builtin("ln", Call::One(Fun::Ln)),
    builtin("log10", Call::One(Fun::Log10)),
    builtin("sqrt", Call::One(Fun::Sqrt)),
    builtin("abs", Call::One(Fun::Abs)),
    builtin("floor", Call::One(Fun::Floor)),
    builtin("ceil", Call::One(Fun::Ceil)),
    builtin("round", Call::One(Fun::Round)),
    builtin("signum", Call::One(Fun::Signum)),
    builtin("max", Call::Max),
    builtin("min", Call::Min),
];

/// What each of [`BUILTINS`] does, in a few words, in the same order (for `descent help`;
/// kept apart so that the web module, which never shows it, does not carry it).
pub static BUILTIN_HELP: &[&str] = &[
    "sine (radians)",
    "cosine",
    "tangent",
    "arc sine",
    "arc cosine",
    "arc tangent",
    "atan2(y, x): the angle of the point (x, y)",
    "hyperbolic sine",
    "hyperbolic cosine",
    "hyperbolic tangent",
    "inverse hyperbolic sine",
    "inverse hyperbolic cosine",
    "inverse hyperbolic tangent",
    "e to the power",
    "natural logarithm",
    "logarithm to base 10",
    "square root",
    "absolute value",
    "round down",
    "round up",
    "round to the nearest whole number",
    "the sign: −1, 0 or 1",
    "the largest of its arguments",
    "the smallest of its arguments",
];

/// The names of every function, comma-separated: "sin, cos, …".
pub fn names() -> String {
    let names: Vec<&str> = BUILTINS.iter().map(|b| b.name).collect();
    crate::fmt::join(&names, ", ")
}

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

/// What a name with brackets calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    One(Fun),
    Atan2,
    Max,
    Min,
}

impl Call {
    /// The function called `name`, if there is one.
    pub fn named(name: &str) -> Option<Call> {
        BUILTINS.iter().find(|b| b.name == name).map(|b| b.call)
    }

    /// How many arguments it takes: `None` for one or more.
    pub fn arity(self) -> Option<usize> {
        match self {
            Call::One(_) => Some(1),
            Call::Atan2 => Some(2),
            Call::Max | Call::Min => None,
        }
    }

    pub fn apply<T: Scalar>(self, args: &[T]) -> T {
        match self {
            Call::One(f) => f.apply(args[0]),
            Call::Atan2 => args[0].atan2(args[1]),
            Call::Max => scalar::max(args),
            Call::Min => scalar::min(args),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_listed_once_and_calls_what_it_says() {
        for (i, b) in BUILTINS.iter().enumerate() {
            assert!(
                BUILTINS[i + 1..].iter().all(|c| c.name != b.name),
                "{}",
                b.name
            );
            assert_eq!(Call::named(b.name), Some(b.call));
        }
        assert_eq!(BUILTIN_HELP.len(), BUILTINS.len(), "a line of help each");
        assert!(BUILTIN_HELP.iter().all(|h| !h.is_empty()));
        assert_eq!(Call::named("log"), None);
        assert_eq!(Call::named("atan2").and_then(Call::arity), Some(2));
        assert_eq!(Call::named("max").and_then(Call::arity), None);
        let at = |name: &str, args: &[f64]| Call::named(name).unwrap().apply(args);
        assert_eq!(at("sqrt", &[9.0]), 3.0);
        assert_eq!(at("atan2", &[1.0, 1.0]), std::f64::consts::FRAC_PI_4);
        assert_eq!(at("min", &[3.0, -1.0, 2.0]), -1.0);
        assert_eq!(at("signum", &[-4.0]), -1.0);
        assert!(names().starts_with("sin, cos, tan, "));
    }
}

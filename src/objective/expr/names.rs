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
    /// What it does, in a few words.
    pub help: &'static str,
}

const fn builtin(name: &'static str, call: Call, help: &'static str) -> Builtin {
    Builtin { name, call, help }
}

/// Every function a typed expression may call, in the order the help lists them.
pub static BUILTINS: &[Builtin] = &[
    builtin("sin", Call::One(Fun::Sin), "sine (radians)"),
    builtin("cos", Call::One(Fun::Cos), "cosine"),
    builtin("tan", Call::One(Fun::Tan), "tangent"),
    builtin("asin", Call::One(Fun::Asin), "arc sine"),
    builtin("acos", Call::One(Fun::Acos), "arc cosine"),
    builtin("atan", Call::One(Fun::Atan), "arc tangent"),
    builtin(
        "atan2",
        Call::Atan2,
        "atan2(y, x): the angle of the point (x, y)",
    ),
    builtin("sinh", Call::One(Fun::Sinh), "hyperbolic sine"),
    builtin("cosh", Call::One(Fun::Cosh), "hyperbolic cosine"),
    builtin("tanh", Call::One(Fun::Tanh), "hyperbolic tangent"),
    builtin("asinh", Call::One(Fun::Asinh), "inverse hyperbolic sine"),
    builtin("acosh", Call::One(Fun::Acosh), "inverse hyperbolic cosine"),
    builtin("atanh", Call::One(Fun::Atanh), "inverse hyperbolic tangent"),
    builtin("exp", Call::One(Fun::Exp), "e to the power"),
    builtin("ln", Call::One(Fun::Ln), "natural logarithm"),
    builtin("log10", Call::One(Fun::Log10), "logarithm to base 10"),
    builtin("sqrt", Call::One(Fun::Sqrt), "square root"),
    builtin("abs", Call::One(Fun::Abs), "absolute value"),
    builtin("floor", Call::One(Fun::Floor), "round down"),
    builtin("ceil", Call::One(Fun::Ceil), "round up"),
    builtin(
        "round",
        Call::One(Fun::Round),
        "round to the nearest whole number",
    ),
    builtin("signum", Call::One(Fun::Signum), "the sign: −1, 0 or 1"),
    builtin("max", Call::Max, "the largest of its arguments"),
    builtin("min", Call::Min, "the smallest of its arguments"),
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
            assert!(!b.help.is_empty());
        }
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

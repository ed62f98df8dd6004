//! The same floating-point math on both faces of descent. Rust's floats call the C functions
//! `sin`, `exp`, `pow` and so on. In the web module those are the `libm` crate's (a Rust port of
//! musl's); natively they were the system's, which differ in the last bit here and there (the
//! sine preset's slope at 3.5, the wells' gradient, Adam's cosine schedule), so the page and
//! the command line printed different digits. Natively, this module defines those C symbols
//! with the same `libm`, and the linker takes them before the system's for every caller,
//! the dual numbers' arithmetic included. tests/web.rs holds the browser to the command
//! line's rows, bit for bit.

/// Each `name(args)`: the C function of that name, from `libm`.
macro_rules! c_math {
    ($($name:ident($($arg:ident),+)),* $(,)?) => {$(
        #[no_mangle]
        pub extern "C" fn $name($($arg: f64),+) -> f64 {
            libm::$name($($arg),+)
        }
    )*};
}

c_math!(
    sin(x),
    cos(x),
    tan(x),
    asin(x),
    acos(x),
    atan(x),
    atan2(y, x),
    sinh(x),
    cosh(x),
    tanh(x),
    asinh(x),
    acosh(x),
    atanh(x),
    exp(x),
    exp2(x),
    expm1(x),
    log(x),
    log2(x),
    log10(x),
    log1p(x),
    pow(x, y),
    cbrt(x),
    hypot(x, y),
    fmod(x, y),
);

/// The sine and the cosine of `x` at once (what LLVM calls for both of one argument).
///
/// # Safety
/// `s` and `c` point to writable floats.
#[no_mangle]
pub unsafe extern "C" fn sincos(x: f64, s: *mut f64, c: *mut f64) {
    let (sin, cos) = libm::sincos(x);
    // SAFETY: the caller (code LLVM generated for a sine and a cosine) passes two writable
    // floats.
    unsafe {
        *s = sin;
        *c = cos;
    }
}

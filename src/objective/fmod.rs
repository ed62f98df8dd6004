//! The remainder of truncated division, `x % y` for floats, on 64-bit integers only.
//!
//! Rust's `%` on floats calls the C function `fmod`: in the web module the `libm` crate's,
//! whose generic version divides 128-bit integers, bringing that division into the module too
//! (some 2 KB). The remainder is always exactly representable, so every correct `fmod` gives
//! the same bits: this is musl's shift-and-subtract version, and a property test holds it to
//! `%` bit for bit.

/// `x % y`: x − y·trunc(x/y), exactly, with the sign of `x` (NaN where `y` is 0 or either is
/// NaN, or `x` is infinite).
pub fn fmod(x: f64, y: f64) -> f64 {
    let (ux, uy) = (x.to_bits(), y.to_bits());
    if uy << 1 == 0 || y.is_nan() || ux >> 52 & 0x7ff == 0x7ff {
        return f64::NAN;
    }
    if ux << 1 <= uy << 1 {
        return if ux << 1 == uy << 1 { 0.0 * x } else { x };
    }
    let (mut uxi, mut ex) = mantissa(ux);
    let (uyi, ey) = mantissa(uy);
    // Long division, one bit at a time.
    while ex > ey {
        let i = uxi.wrapping_sub(uyi);
        if i >> 63 == 0 {
            if i == 0 {
                return 0.0 * x;
            }
            uxi = i;
        }
        uxi <<= 1;
        ex -= 1;
    }
    let i = uxi.wrapping_sub(uyi);
    if i >> 63 == 0 {
        if i == 0 {
            return 0.0 * x;
        }
        uxi = i;
    }
    while uxi >> 52 == 0 {
        uxi <<= 1;
        ex -= 1;
    }
    // Back to a float.
    if ex > 0 {
        uxi -= 1 << 52;
        uxi |= (ex as u64) << 52;
    } else {
        uxi >>= -ex + 1;
    }
    f64::from_bits(uxi | (ux >> 63 << 63))
}

/// A finite float's bits as an integer mantissa with its exponent: the leading bit made
/// explicit, a subnormal's shifted up to it (its exponent below 1 by as much); the sign dropped.
fn mantissa(bits: u64) -> (u64, i32) {
    let mut e = (bits >> 52 & 0x7ff) as i32;
    if e == 0 {
        let mut i = bits << 12;
        while i >> 63 == 0 {
            e -= 1;
            i <<= 1;
        }
        (bits << (-e + 1), e)
    } else {
        ((bits & (u64::MAX >> 12)) | (1 << 52), e)
    }
}

#[cfg(test)]
mod tests {
    use super::fmod;

    /// The same bits as `%` (NaN as NaN, whatever its payload).
    fn same(x: f64, y: f64) -> bool {
        let (a, b) = (fmod(x, y), x % y);
        (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
    }

    #[test]
    fn edge_cases_match_the_operator() {
        let values = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            7.5,
            -7.5,
            2.0,
            0.1,
            3.0,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            2.5e-310,
            f64::MAX,
            -f64::MAX,
            1e300,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
        ];
        for x in values {
            for y in values {
                assert!(same(x, y), "{x} % {y}: {} against {}", fmod(x, y), x % y);
            }
        }
        assert_eq!(fmod(7.5, 2.0), 1.5);
        assert_eq!(fmod(-7.5, 2.0), -1.5);
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn any_two_floats_give_the_operators_bits(
            x in proptest::prelude::any::<u64>(),
            y in proptest::prelude::any::<u64>(),
        ) {
            let (x, y) = (f64::from_bits(x), f64::from_bits(y));
            proptest::prop_assert!(same(x, y), "{} % {}", x, y);
        }

        /// Near each other in size, where the long division runs a few steps only.
        #[test]
        fn close_magnitudes_give_the_operators_bits(x in -1e6f64..1e6, y in -1e3f64..1e3) {
            proptest::prop_assert!(same(x, y), "{} % {}", x, y);
        }
    }
}

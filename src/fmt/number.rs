//! Numbers as text: the shortest round-trip form for files, fixed decimals for tables, short
//! forms for sentences and input boxes. One float-printing routine serves them all, which keeps
//! the web module small.

/// A float in Rust's shortest round-trip form: plain digits for ordinary magnitudes,
/// scientific notation for very large or very small ones.
pub fn float(v: f64) -> String {
    let mut s = String::new();
    write_float(&mut s, v);
    s
}

/// [`float`], appended to `out` (no allocation: a trace writes millions of them).
pub fn write_float(out: &mut String, v: f64) {
    use std::fmt::Write;
    let a = v.abs();
    let _ = if v == 0.0 || !v.is_finite() || (1e-5..1e16).contains(&a) {
        write!(out, "{v}")
    } else {
        write!(out, "{v:e}")
    };
}

/// `v` rounded to `decimals` places, written with exactly that many (as `{:.N}` would write
/// it), through the shortest form of the rounded number: one float-printing routine serves all
/// the formats, which keeps the web module small. For |v|·10^decimals below 2⁵³.
pub fn fixed(v: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    // Ties go to even, as Rust's own formatting rounds them.
    let r = (v * scale).round_ties_even() / scale;
    let mut s = format!("{}", if r == 0.0 { 0.0 } else { r });
    if decimals > 0 {
        let have = match s.find('.') {
            Some(dot) => s.len() - dot - 1,
            None => {
                s.push('.');
                0
            }
        };
        s.extend(std::iter::repeat_n('0', decimals.saturating_sub(have)));
    }
    s
}

/// `v` in scientific notation with `decimals` places in the mantissa: `1.500000e-7`.
pub fn sci(v: f64, decimals: usize) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let mut exp = v.abs().log10().floor() as i32;
    let mut m = v / 10f64.powi(exp);
    // Rounding may carry the mantissa to 10: 9.9999996 → 10.000000 → 1.000000e+1.
    if fixed(m.abs(), decimals).starts_with("10") {
        exp += 1;
        m = v / 10f64.powi(exp);
    }
    format!("{}e{exp}", fixed(m, decimals))
}

/// A number for people: 6 decimals, or scientific notation when that would hide it.
pub fn readable(v: f64) -> String {
    let a = v.abs();
    if v == 0.0 || (1e-4..1e9).contains(&a) {
        fixed(v, 6)
    } else if v.is_finite() {
        sci(v, 6)
    } else {
        format!("{v}")
    }
}

/// A number for a sentence: at most 4 decimals, trailing zeros dropped, a typographic minus;
/// scientific notation for very large or very small magnitudes.
pub fn brief(v: f64) -> String {
    let a = v.abs();
    let s = if v == 0.0 {
        "0".to_string()
    } else if !v.is_finite() {
        if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "∞".into()
        } else {
            "-∞".into()
        }
    } else if (1e-4..1e6).contains(&a) {
        let t = fixed(v, 4);
        let t = t.trim_end_matches('0').trim_end_matches('.');
        if t == "-0" {
            "0".into()
        } else {
            t.to_string()
        }
    } else {
        let t = sci(v, 3);
        match t.split_once('e') {
            Some((m, e)) => format!(
                "{}×10{}",
                m.trim_end_matches('0').trim_end_matches('.'),
                e.chars().map(superscript).collect::<String>()
            ),
            None => t,
        }
    };
    s.replace('-', "−")
}

/// The superscript form of a digit or a minus sign (other characters are kept).
pub fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '-' => '⁻',
        c => c,
    }
}

/// A number for an input box: its shortest form when that is short, else 6 significant digits
/// (44.86666666666667 shows as 44.8667; the exact value is kept behind it).
pub fn compact(v: f64) -> String {
    let exact = float(v);
    if exact.len() <= 9 || !v.is_finite() {
        return exact;
    }
    let a = v.abs();
    if (1e-4..1e6).contains(&a) {
        let decimals = (5 - a.log10().floor() as i32).clamp(0, 10) as usize;
        let t = fixed(v, decimals);
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        sci(v, 4)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_in_their_shortest_form() {
        assert_eq!(float(28.52), "28.52");
        assert_eq!(float(4.0), "4");
        assert_eq!(float(1e300), "1e300");
        assert_eq!(float(-2.5e-7), "-2.5e-7");
        assert_eq!(float(f64::NAN), "NaN");
        for v in [0.1 + 0.2, 1.0 / 3.0, 123456.789e10, 5e-324] {
            assert_eq!(float(v).parse::<f64>().unwrap(), v);
        }
    }

    #[test]
    fn fixed_and_scientific_match_rusts_own_formatting() {
        for v in [
            0.0,
            1.5,
            -2.25,
            28.52,
            1658.0844444444444,
            0.1 + 0.2,
            123456.789,
            7.0,
            0.125,
        ] {
            for d in [0, 1, 2, 4, 6] {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v} to {d}");
            }
        }
        // Never a negative zero.
        assert_eq!(fixed(-0.0000004, 4), "0.0000");
        for v in [1.5e-7, -2.0e12, 9.9999996e5, 6.02214076e23] {
            assert_eq!(sci(v, 3), format!("{v:.3e}"), "{v}");
        }
    }

    #[test]
    fn compact_numbers_fit_an_input_box() {
        assert_eq!(compact(44.86666666666667), "44.8667");
        assert_eq!(compact(0.1), "0.1");
        assert_eq!(compact(1.0 / 3.0), "0.333333");
        assert_eq!(compact(1e-5), "0.00001");
        assert_eq!(compact(123456789.5), "1.2346e8");
    }

    #[test]
    fn brief_numbers_read_well() {
        assert_eq!(brief(3.98012), "3.9801");
        assert_eq!(brief(-11.99960001), "−11.9996");
        assert_eq!(brief(0.2), "0.2");
        assert_eq!(brief(-0.00001), "−1×10⁻⁵");
        assert_eq!(brief(2.5e7), "2.5×10⁷");
        assert_eq!(brief(f64::NEG_INFINITY), "−∞");
    }

    #[test]
    fn readable_numbers_keep_six_decimals_or_go_scientific() {
        assert_eq!(readable(1.5), "1.500000");
        assert_eq!(readable(0.0), "0.000000");
        assert_eq!(readable(2.5e-7), "2.500000e-7");
        assert_eq!(readable(f64::INFINITY), "inf");
    }
}

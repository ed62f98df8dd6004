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
///
/// Rust's `{}` for ordinary magnitudes and `{:e}` otherwise, written out here from the
/// shortest round-trip digits (see [`shortest`]) so that the web module needs no float
/// formatting of its own.
pub fn write_float(out: &mut String, v: f64) {
    let a = v.abs();
    write_number(out, v, a == 0.0 || (1e-5..1e16).contains(&a));
}

/// `v` in scientific notation with its shortest digits, as Rust's `{:e}` writes it: `1e6`.
pub fn exponential(v: f64) -> String {
    let mut s = String::new();
    write_number(&mut s, v, false);
    s
}

/// `v` as Rust's `{}` (`plain`) or `{:e}` writes it.
fn write_number(out: &mut String, v: f64, plain: bool) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    let a = v.abs();
    if a.is_infinite() {
        out.push_str("inf");
        return;
    }
    let mut digits = [0u8; 17];
    let (n, exp) = shortest(a, &mut digits);
    let digits = &digits[..n];
    // a = d₁.d₂…dₙ × 10^exp: the decimal point sits after `point` digits.
    let point = exp + 1;
    if plain {
        if point <= 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-point) as usize));
            push_digits(out, digits);
        } else if point as usize >= n {
            push_digits(out, digits);
            out.extend(std::iter::repeat_n('0', point as usize - n));
        } else {
            push_digits(out, &digits[..point as usize]);
            out.push('.');
            push_digits(out, &digits[point as usize..]);
        }
    } else {
        push_digits(out, &digits[..1]);
        if n > 1 {
            out.push('.');
            push_digits(out, &digits[1..]);
        }
        out.push('e');
        push_int(out, exp as i64);
    }
}

fn push_digits(out: &mut String, digits: &[u8]) {
    out.extend(digits.iter().map(|&d| char::from(b'0' + d)));
}

/// An integer in decimal (no float or generic formatting involved).
pub fn push_int(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    let mut buf = [0u8; 20];
    let mut k = buf.len();
    let mut u = v.unsigned_abs();
    loop {
        k -= 1;
        buf[k] = (u % 10) as u8;
        u /= 10;
        if u == 0 {
            break;
        }
    }
    push_digits(out, &buf[k..]);
}

/// The shortest digits that read back as `a` (finite, not negative), closest to it among
/// those: `a` = d₁.d₂…dₙ × 10^exp. Writes the digit values into `digits` and returns (n, exp).
///
/// Natively they are Rust's own (`{:e}`); in the browser they are JavaScript's
/// `toExponential()`, which the ECMAScript standard defines the same way (fewest digits that
/// round-trip, the closest of them). A test in the browser holds the two to the same text.
fn shortest(a: f64, digits: &mut [u8; 17]) -> (usize, i32) {
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    let text = js_exponential(a);
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    let text = format!("{a:e}");
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let mut n = 0;
    for b in mantissa.bytes().filter(u8::is_ascii_digit).take(17) {
        digits[n] = b - b'0';
        n += 1;
    }
    let exp = exp.trim_start_matches('+');
    let (neg, exp) = match exp.strip_prefix('-') {
        Some(e) => (true, e),
        None => (false, exp),
    };
    let e = exp
        .bytes()
        .fold(0i32, |e, b| e * 10 + (b.wrapping_sub(b'0') as i32 % 10));
    let (n, exp) = (n.max(1), if neg { -e } else { e });
    round_ties_up(a, &mut digits[..n], exp);
    (n, exp)
}

/// When `a` lies exactly halfway between two shortest candidates, Rust takes the upper one and
/// JavaScript the even one: turns an even lower candidate into the upper one. (Natively this
/// never fires: Rust's digits already are the upper ones.)
///
/// A tie means a = d₁…dₙ5 × 10^(exp−n) exactly. Such a decimal is a binary fraction only when
/// 5^k divides its digits (k = n − exp places after the point), and then it is exactly `a` when
/// the quotient, halved k times, gives `a` back.
fn round_ties_up(a: f64, digits: &mut [u8], exp: i32) {
    let n = digits.len();
    let last = digits[n - 1];
    let k = n as i32 - exp;
    if last % 2 == 1 || n > 17 || !(1..=27).contains(&k) {
        return;
    }
    let m = digits.iter().fold(0u64, |m, &d| m * 10 + u64::from(d)) * 10 + 5;
    let five_k = 5u64.pow(k as u32);
    if m % five_k != 0 {
        return;
    }
    // m / 10^k = (m / 5^k) / 2^k: q = m / 5^k is odd (m ends in 5), so this is exact in an f64
    // when q fits in 53 bits.
    let q = m / five_k;
    if q < 1 << 53 && (q as f64) * 0.5f64.powi(k) == a {
        digits[n - 1] = last + 1;
    }
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// A JavaScript number.
    type Num;
    /// `Number.prototype.toExponential` with no argument: as many digits as the number needs.
    #[wasm_bindgen(method, js_name = toExponential)]
    fn to_exponential(this: &Num) -> String;
}

#[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
fn js_exponential(a: f64) -> String {
    use wasm_bindgen::JsCast;
    wasm_bindgen::JsValue::from_f64(a)
        .unchecked_into::<Num>()
        .to_exponential()
}

/// The number `text` spells, exactly as Rust's `str::parse::<f64>` reads it (None where that
/// fails). In the browser the digits are read by JavaScript's `parseFloat` (correctly rounded,
/// as Rust's) once [`spells_a_float`] has checked the text against Rust's grammar, so the web
/// module carries no decimal-to-binary conversion of its own.
pub fn number(text: &str) -> Option<f64> {
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    {
        if !spells_a_float(text) {
            return None;
        }
        let t = text.to_ascii_lowercase();
        let t = t.trim_start_matches('+');
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let v = match t {
            "inf" | "infinity" => f64::INFINITY,
            "nan" => f64::NAN,
            _ => js_sys::parse_float(t),
        };
        Some(if neg { -v } else { v })
    }
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    text.parse().ok()
}

/// Whether `text` is a float in Rust's grammar: an optional sign, then `inf`, `infinity` or
/// `nan` (in any case), or digits with at most one point (and a digit on at least one side)
/// and an optional exponent `e`/`E`, sign, digits. No spaces.
pub fn spells_a_float(text: &str) -> bool {
    let t = text.strip_prefix(['+', '-']).unwrap_or(text);
    if ["inf", "infinity", "nan"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let (mantissa, exp) = match t.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (t, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = digits(whole) && digits(frac) && !(whole.is_empty() && frac.is_empty());
    let exp_ok = exp.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exp_ok
}

/// `v` rounded to `decimals` places, written with exactly that many (as `{:.N}` would write
/// it), through the shortest form of the rounded number: one float-printing routine serves all
/// the formats, which keeps the web module small. For |v|·10^decimals below 2⁵³.
pub fn fixed(v: f64, decimals: usize) -> String {
    let scale = 10f64.powi(decimals as i32);
    // Ties go to even, as Rust's own formatting rounds them.
    let r = (v * scale).round_ties_even() / scale;
    let mut s = float(if r == 0.0 { 0.0 } else { r });
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
        return float(v);
    }
    // v / 10^exp, in two steps below 1e-300, where 10^exp itself would round to 0.
    let scaled = |exp: i32| {
        if exp < -300 {
            v * 1e300 / 10f64.powi(exp + 300)
        } else {
            v / 10f64.powi(exp)
        }
    };
    let mut exp = v.abs().log10().floor() as i32;
    let mut m = scaled(exp);
    // Rounding may carry the mantissa to 10: 9.9999996 → 10.000000 → 1.000000e+1.
    if fixed(m.abs(), decimals).starts_with("10") {
        exp += 1;
        m = scaled(exp);
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
        float(v)
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

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The digits are written out by hand (the browser's come from JavaScript): the text
        /// is Rust's own, for every float.
        #[test]
        fn floats_are_written_as_rust_writes_them(bits in proptest::prelude::any::<u64>()) {
            let v = f64::from_bits(bits);
            let a = v.abs();
            let rust = if v == 0.0 || !v.is_finite() || (1e-5..1e16).contains(&a) {
                format!("{v}")
            } else {
                format!("{v:e}")
            };
            proptest::prop_assert_eq!(float(v), rust);
            proptest::prop_assert_eq!(exponential(v), format!("{v:e}"));
        }

        #[test]
        fn integers_are_written_as_rust_writes_them(v in proptest::prelude::any::<i64>()) {
            let mut s = String::new();
            push_int(&mut s, v);
            proptest::prop_assert_eq!(s, v.to_string());
        }
    }

    /// Values exactly halfway between two shortest candidates (Rust writes the upper one).
    /// Ties are N + ¼ or ¾ from 2⁴⁹ to 2⁵¹ (ulp ⅛ or ¼) and N + an odd number of eighths
    /// from 2⁴⁶ to 2⁴⁸ (ulp 1/64 or 1/32): their shortest digits stop one place before the
    /// final 5 (16 digits below 10¹⁵ with two decimals and below 10¹⁴ with three, else 17).
    fn ties() -> Vec<f64> {
        let mut v = Vec::new();
        for i in 0..200u32 {
            let base = 1394865425023536.0 + f64::from(i) * 4.0;
            v.extend([base + 0.25, base + 0.75]);
            v.push(-(base + 0.25));
        }
        for i in 0..50u32 {
            let i = f64::from(i);
            // 16 digits, two decimals: 562949953421312.25 between 562949953421312.2 and .3.
            v.extend([2f64.powi(49) + 0.25 + i, 2f64.powi(49) + 0.75 + i]);
            // 17 digits, three decimals, and 16 digits, three decimals.
            v.extend([2f64.powi(47) + 0.125 + i, 2f64.powi(47) + 0.375 + i]);
            v.extend([2f64.powi(46) + 0.125 + i, 2f64.powi(46) + 0.625 + i]);
        }
        v
    }

    #[test]
    fn ties_are_written_as_rust_writes_them() {
        let mut fired = 0;
        for v in ties() {
            let rust = format!("{:e}", v.abs());
            let (m, e) = rust.split_once('e').unwrap();
            let mut digits: Vec<u8> = m
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect();
            let upper = digits.clone();
            let last = digits.len() - 1;
            // A tie: the candidate below Rust's reads back as v too.
            if digits[last] > 0 {
                let mut below = digits.clone();
                below[last] -= 1;
                let text: String = below.iter().map(|&d| char::from(b'0' + d)).collect();
                let below = format!("{}.{}e{e}", &text[..1], &text[1..]);
                assert_eq!(below.parse::<f64>().unwrap(), v.abs(), "{v}: {below}");
            }
            // JavaScript's choice: the even one of the two.
            if digits[last] % 2 == 1 {
                digits[last] -= 1;
                fired += 1;
            }
            round_ties_up(v.abs(), &mut digits, e.parse().unwrap());
            assert_eq!(digits, upper, "{v}");
            assert_eq!(float(v), format!("{v}"));
        }
        assert!(fired > 100, "{fired}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The grammar the browser checks is Rust's: the same texts are numbers.
        #[test]
        fn the_float_grammar_is_rust_s(text in "[-+]?[0-9.eEinfatyINFATY+-]{0,12}") {
            proptest::prop_assert_eq!(spells_a_float(&text), text.parse::<f64>().is_ok(), "{}", text);
        }
    }

    #[test]
    fn the_float_grammar_s_corners() {
        for yes in [
            "1",
            "-1.5",
            "+.5",
            "5.",
            "1e5",
            "1E-5",
            "2.5e+3",
            "inf",
            "-Infinity",
            "NaN",
            "0007",
        ] {
            assert!(spells_a_float(yes) && yes.parse::<f64>().is_ok(), "{yes}");
        }
        for no in [
            "", ".", "-", "e5", "1e", "1e+", " 1", "1 ", "1..2", "0x10", "1_0", "infinit", "--1",
            "1.2.3",
        ] {
            assert!(!spells_a_float(no) && no.parse::<f64>().is_err(), "{no}");
        }
        assert_eq!(number("2.5"), Some(2.5));
        assert_eq!(number("x"), None);
    }

    #[test]
    fn edges_of_the_plain_form() {
        for v in [
            1e-5,
            9.999999999999999e-6,
            1e16,
            9999999999999998.0,
            -0.0,
            0.5,
            120.0,
        ] {
            let a: f64 = f64::abs(v);
            let rust = if v == 0.0 || (1e-5..1e16).contains(&a) {
                format!("{v}")
            } else {
                format!("{v:e}")
            };
            assert_eq!(float(v), rust);
        }
        assert_eq!(float(-0.0), "-0");
        assert_eq!(float(f64::NEG_INFINITY), "-inf");
        assert_eq!(exponential(1e9), "1e9");
        // An exponent of zero has no sign.
        assert_eq!(exponential(1.0), "1e0");
        assert_eq!(exponential(-2.5), "-2.5e0");
        for v in [i64::MIN, 0, -1, 7] {
            let mut s = String::new();
            push_int(&mut s, v);
            assert_eq!(s, v.to_string());
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
        // Down to the smallest subnormal, where 10^exp alone would be 0.
        for v in [5e-324, -2.5e-320, 1e-310, 2.2250738585072014e-308, 3.3e-301] {
            assert_eq!(sci(v, 3), format!("{v:.3e}"), "{v}");
        }
        assert_eq!(readable(5e-324), "4.940656e-324");
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

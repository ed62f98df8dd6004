//! The trace as text: CSV, JSON, or an aligned table like the posts print. The CLI and the
//! page's "Copy CSV" both use these, so they always show the same numbers.

use crate::run::{Record, Trajectory};
use std::fmt::Write;

/// A float in Rust's shortest round-trip form: plain digits for ordinary magnitudes,
/// scientific notation for very large or very small ones.
pub fn float(v: f64) -> String {
    let a = v.abs();
    if v == 0.0 || !v.is_finite() || (1e-5..1e16).contains(&a) {
        format!("{v}")
    } else {
        format!("{v:e}")
    }
}

/// Column names: `step,x,f,df` in one dimension, `step,x,y,f,dfdx,dfdy` in two.
pub fn columns(dim: usize) -> &'static [&'static str] {
    if dim == 1 {
        &["step", "x", "f", "df"]
    } else {
        &["step", "x", "y", "f", "dfdx", "dfdy"]
    }
}

fn cells(r: &Record, dim: usize) -> Vec<f64> {
    if dim == 1 {
        vec![r.x[0], r.f, r.g[0]]
    } else {
        vec![r.x[0], r.x[1], r.f, r.g[0], r.g[1]]
    }
}

/// CSV with a header row.
pub fn csv<'a>(rows: impl IntoIterator<Item = &'a Record>, dim: usize) -> String {
    let mut out = crate::join(columns(dim), ",");
    out.push('\n');
    csv_rows(&mut out, "", rows, dim);
    out
}

/// Several runs from one start (a race) as one CSV: a `method` column (`gd`, `adam`, …), then
/// the columns of [`csv`], each run's rows after the one before.
pub fn race_csv(lanes: &[(&str, &Trajectory)], dim: usize) -> String {
    let mut out = format!("method,{}\n", crate::join(columns(dim), ","));
    for (method, t) in lanes {
        csv_rows(&mut out, &format!("{method},"), t.iter(), dim);
    }
    out
}

fn csv_rows<'a>(
    out: &mut String,
    prefix: &str,
    rows: impl IntoIterator<Item = &'a Record>,
    dim: usize,
) {
    for r in rows {
        let _ = write!(out, "{prefix}{}", r.step);
        for v in cells(r, dim) {
            let _ = write!(out, ",{}", float(v));
        }
        out.push('\n');
    }
}

/// A JSON array of row objects keyed like the CSV columns; non-finite numbers are `null`.
pub fn json<'a>(rows: impl IntoIterator<Item = &'a Record>, dim: usize) -> String {
    json_rows(rows.into_iter().map(|r| ("", r)), dim)
}

/// Several runs from one start (a race) as one JSON array: each row object starts with its
/// `"method"`.
pub fn race_json(lanes: &[(&str, &Trajectory)], dim: usize) -> String {
    json_rows(
        lanes
            .iter()
            .flat_map(|&(method, t)| t.iter().map(move |r| (method, r))),
        dim,
    )
}

/// The rows as JSON objects, each with its method first unless that is empty.
fn json_rows<'a>(rows: impl Iterator<Item = (&'a str, &'a Record)>, dim: usize) -> String {
    let names = columns(dim);
    let mut out = String::from("[");
    for (i, (method, r)) in rows.enumerate() {
        out.push_str(if i == 0 { "\n  {" } else { ",\n  {" });
        if !method.is_empty() {
            let _ = write!(out, "\"method\": \"{method}\", ");
        }
        let _ = write!(out, "\"step\": {}", r.step);
        for (name, v) in names[1..].iter().zip(cells(r, dim)) {
            let v = if v.is_finite() {
                float(v)
            } else {
                "null".into()
            };
            let _ = write!(out, ", \"{name}\": {v}");
        }
        out.push('}');
    }
    out.push_str("\n]\n");
    out
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

/// Several runs from one start (a race) as aligned tables, one after the other, each under
/// its method's name.
pub fn race_aligned(lanes: &[(&str, &Trajectory)], dim: usize) -> String {
    let mut out = String::new();
    for (k, (name, t)) in lanes.iter().enumerate() {
        if k > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{name}");
        out.push_str(&aligned(t.iter(), dim));
    }
    out
}

/// An aligned table with 6 decimals, as the posts print.
pub fn aligned<'a>(rows: impl IntoIterator<Item = &'a Record>, dim: usize) -> String {
    let heads: &[&str] = if dim == 1 {
        &["step", "x", "f(x)", "f'(x)"]
    } else {
        &["step", "x", "y", "f(x,y)", "df/dx", "df/dy"]
    };
    let body: Vec<Vec<String>> = rows
        .into_iter()
        .map(|r| {
            std::iter::once(r.step.to_string())
                .chain(cells(r, dim).into_iter().map(readable))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..heads.len())
        .map(|c| {
            body.iter()
                .map(|row| row[c].len())
                .chain([heads[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    let line = |out: &mut String, row: &[String]| {
        let cols: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(s, w)| format!("{s:>w$}"))
            .collect();
        out.push_str(crate::join(&cols, "  ").trim_end());
        out.push('\n');
    };
    line(
        &mut out,
        &heads.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    );
    for row in &body {
        line(&mut out, row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(step: u64, x: f64, f: f64, g: f64) -> Record {
        Record {
            step,
            x: [x, 0.0],
            f,
            g: [g, 0.0],
            lr: 0.1,
        }
    }

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
    fn a_race_prints_each_method_s_rows_under_its_name() {
        let (a, b) = (
            Trajectory::new(row(0, 1.5, 2.25, 3.0), 10),
            Trajectory::new(row(0, -1.0, 1.0, -2.0), 10),
        );
        let lanes = [("gd", &a), ("adam", &b)];
        assert_eq!(
            race_csv(&lanes, 1),
            "method,step,x,f,df\ngd,0,1.5,2.25,3\nadam,0,-1,1,-2\n"
        );
        let j = race_json(&lanes, 1);
        assert!(
            j.contains("{\"method\": \"adam\", \"step\": 0, \"x\": -1, \"f\": 1, \"df\": -2}"),
            "{j}"
        );
        let t = race_aligned(&[("Gradient descent", &a), ("Adam", &b)], 1);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "Gradient descent");
        assert_eq!(lines[3], "");
        assert_eq!(lines[4], "Adam");
        assert_eq!(lines[6], "   0  -1.000000  1.000000  -2.000000");
    }

    #[test]
    fn csv_json_and_table_show_the_same_rows() {
        let rows = [row(0, 1.5, 2.25, 3.0), row(1, 0.9, 0.81, f64::INFINITY)];
        assert_eq!(csv(&rows, 1), "step,x,f,df\n0,1.5,2.25,3\n1,0.9,0.81,inf\n");
        let j = json(&rows, 1);
        assert!(
            j.contains("{\"step\": 0, \"x\": 1.5, \"f\": 2.25, \"df\": 3}"),
            "{j}"
        );
        assert!(j.contains("\"df\": null"), "{j}");
        let t = aligned(&rows, 1);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "step         x      f(x)     f'(x)");
        assert_eq!(lines[1], "   0  1.500000  2.250000  3.000000");
    }
}

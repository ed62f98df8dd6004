//! The trace as text: CSV, JSON, or an aligned table like the posts print. The CLI and the
//! page's "Copy CSV" both write a race through [`race`], so they always show the same bytes.

use crate::fmt::{float, join, readable};
use crate::run::{Race, Record, Trajectory};
use std::fmt::Write;

/// How a trace is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns with 6 decimals, as the posts print.
    Table,
    /// Comma-separated, floats in their shortest round-trip form.
    Csv,
    /// An array of row objects keyed like the CSV columns.
    Json,
}

impl Format {
    /// The format called `key` (`table`, `csv` or `json`).
    pub fn named(key: &str) -> Option<Format> {
        match key {
            "table" => Some(Format::Table),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Every run of `race` in `format`: one run as it is, several one after the other under
/// their method (its key in CSV and JSON rows, its name over a table). Always inlined: the page
/// asks for CSV only, and the formats it never asks for then stay out of the web module.
#[inline(always)]
pub fn race(race: &Race, format: Format) -> String {
    let dim = race.dim();
    if let [lane] = race.lanes() {
        let rows = lane.runner.trajectory().iter();
        return match format {
            Format::Table => aligned(rows, dim),
            Format::Csv => csv(rows, dim),
            Format::Json => json(rows, dim),
        };
    }
    let lanes: Vec<(&str, &Trajectory)> = race
        .lanes()
        .iter()
        .map(|l| {
            let m = l.method();
            let name = if format == Format::Table {
                m.label()
            } else {
                m.key()
            };
            (name, l.runner.trajectory())
        })
        .collect();
    match format {
        Format::Table => race_aligned(&lanes, dim),
        Format::Csv => race_csv(&lanes, dim),
        Format::Json => race_json(&lanes, dim),
    }
}

/// Column names of CSV and JSON: `step,x,f,df,lr` in one dimension, `step,x,y,f,dfdx,dfdy,lr`
/// in two (`lr` is η_t, the rate of the update from this row to the next).
pub fn columns(dim: usize) -> &'static [&'static str] {
    if dim == 1 {
        &["step", "x", "f", "df", "lr"]
    } else {
        &["step", "x", "y", "f", "dfdx", "dfdy", "lr"]
    }
}

/// A row's numbers after its step, as the posts print them: the point, f and the gradient.
fn cells(r: &Record, dim: usize) -> Vec<f64> {
    if dim == 1 {
        vec![r.x[0], r.f, r.g[0]]
    } else {
        vec![r.x[0], r.x[1], r.f, r.g[0], r.g[1]]
    }
}

/// A row's numbers after its step in CSV and JSON: those of [`cells`], then η_t.
fn file_cells(r: &Record, dim: usize) -> Vec<f64> {
    let mut c = cells(r, dim);
    c.push(r.lr);
    c
}

/// CSV with a header row.
pub fn csv<'a>(rows: impl IntoIterator<Item = &'a Record>, dim: usize) -> String {
    let mut out = join(columns(dim), ",");
    out.push('\n');
    csv_rows(&mut out, "", rows, dim);
    out
}

/// Several runs from one start (a race) as one CSV: a `method` column (`gd`, `adam`, …), then
/// the columns of [`csv`], each run's rows after the one before.
pub fn race_csv(lanes: &[(&str, &Trajectory)], dim: usize) -> String {
    let mut out = format!("method,{}\n", join(columns(dim), ","));
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
        for v in file_cells(r, dim) {
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
        for (name, v) in names[1..].iter().zip(file_cells(r, dim)) {
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
        out.push_str(join(&cols, "  ").trim_end());
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
    fn a_race_prints_each_method_s_rows_under_its_name() {
        let (a, b) = (
            Trajectory::new(row(0, 1.5, 2.25, 3.0), 10),
            Trajectory::new(row(0, -1.0, 1.0, -2.0), 10),
        );
        let lanes = [("gd", &a), ("adam", &b)];
        assert_eq!(
            race_csv(&lanes, 1),
            "method,step,x,f,df,lr\ngd,0,1.5,2.25,3,0.1\nadam,0,-1,1,-2,0.1\n"
        );
        let j = race_json(&lanes, 1);
        assert!(
            j.contains(
                "{\"method\": \"adam\", \"step\": 0, \"x\": -1, \"f\": 1, \"df\": -2, \"lr\": 0.1}"
            ),
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
        assert_eq!(
            csv(&rows, 1),
            "step,x,f,df,lr\n0,1.5,2.25,3,0.1\n1,0.9,0.81,inf,0.1\n"
        );
        let j = json(&rows, 1);
        assert!(
            j.contains("{\"step\": 0, \"x\": 1.5, \"f\": 2.25, \"df\": 3, \"lr\": 0.1}"),
            "{j}"
        );
        assert!(j.contains("\"df\": null"), "{j}");
        let t = aligned(&rows, 1);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "step         x      f(x)     f'(x)");
        assert_eq!(lines[1], "   0  1.500000  2.250000  3.000000");
    }

    #[test]
    fn a_race_and_a_single_run_are_written_through_one_function() {
        use crate::settings::{Mode, Settings};
        let (s, _) = Settings::from_pairs([("steps", "2")], Mode::Strict);
        let mut one = s.race(s.function().unwrap(), 0.0, usize::MAX).unwrap();
        one.advance(u64::MAX);
        assert_eq!(
            race(&one, Format::Csv),
            "step,x,f,df,lr\n0,8,64,16,0.1\n1,6.4,40.96000000000001,12.8,0.1\n2,5.12,26.2144,10.24,0.1\n"
        );
        let (s, _) = Settings::from_pairs([("steps", "1"), ("race", "gd,adam")], Mode::Strict);
        let mut two = s.race(s.function().unwrap(), 0.0, usize::MAX).unwrap();
        two.advance(u64::MAX);
        let csv = race(&two, Format::Csv);
        assert!(
            csv.starts_with("method,step,x,f,df,lr\ngd,0,8,64,16,0.1\n"),
            "{csv}"
        );
        assert!(csv.contains("\nadam,1,7.9"), "{csv}");
        assert!(race(&two, Format::Table).starts_with("Gradient descent\n"));
        assert!(race(&two, Format::Json).contains("\"method\": \"adam\""));
        assert_eq!(Format::named("csv"), Some(Format::Csv));
        assert_eq!(Format::named("xml"), None);
    }
}

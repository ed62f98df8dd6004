//! The trace as text: CSV, JSON, or an aligned table like the posts print. A [`Sheet`] writes
//! one row at a time, so the command line streams a run of a million steps as it is computed
//! and the page's "Copy CSV" writes a finished race ([`race`]) through the same code: the two
//! always show the same bytes.

use crate::fmt::{readable, write_float};
use crate::objective::Function;
use crate::optim::Method;
use crate::run::{Race, Record};
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

/// Every run of `race` in `format`, as it stands: one run as it is, several one after the
/// other under their method (its key in CSV and JSON rows, its name over a table). Always
/// inlined: the page asks for CSV only, and the formats it never asks for then stay out of the
/// web module.
#[inline(always)]
pub fn race(race: &Race, format: Format) -> String {
    let mut sheet = Sheet::new(race, format);
    let mut out = String::new();
    sheet.head(&mut out);
    for lane in race.lanes() {
        let method = lane.method();
        sheet.lane(&mut out, method);
        for r in lane.runner.trajectory().iter() {
            sheet.row(&mut out, race.function(), method, r);
        }
    }
    sheet.end(&mut out);
    out
}

/// Column names of CSV and JSON for variables `names`: `step,x,f,df,lr,curv` in one
/// dimension, `step,x,y,f,dfdx,dfdy,lr,curv` in two, `step,x,y,z,f,dfdx,dfdy,dfdz,lr` in three,
/// and so on (`lr` is η_t, the rate of the update from this row to the next; `curv` is η_t·f″,
/// or η_t·λ_max of the Hessian in two variables: above 2, gradient steps overshoot).
pub fn columns(names: &[&str]) -> Vec<String> {
    let mut c = vec!["step".to_string()];
    for n in names {
        c.push(n.to_string());
    }
    c.push("f".into());
    for n in names {
        c.push(if names.len() == 1 {
            "df".into()
        } else {
            format!("dfd{n}")
        });
    }
    c.push("lr".into());
    if names.len() <= 2 {
        c.push("curv".into());
    }
    c
}

/// The table's headings: `step x f(x) f'(x) curv` in one dimension,
/// `step x y f(x,y) df/dx df/dy curv` in two, `step x y z f df/dx df/dy df/dz` in more;
/// `step w b loss`, and `batch_loss` when sampled, for a fit.
fn headings(names: &[&str], fit: Option<bool>) -> Vec<String> {
    if let Some(sampled) = fit {
        let mut h = fit_columns(sampled);
        h.pop();
        return h;
    }
    let mut h = vec!["step".to_string()];
    h.extend(names.iter().map(|n| n.to_string()));
    match names {
        [_] => h.extend(["f(x)".into(), "f'(x)".into()]),
        _ => {
            h.push(match names {
                [_, _] => "f(x,y)".into(),
                _ => "f".into(),
            });
            h.extend(names.iter().map(|n| format!("df/d{n}")));
        }
    }
    if names.len() <= 2 {
        h.push("curv".into());
    }
    h
}

/// A number as JSON: its shortest form, or `null` where it is not finite (JSON has no NaN or
/// infinity).
pub fn json_number(out: &mut String, v: f64) {
    if v.is_finite() {
        write_float(out, v);
    } else {
        out.push_str("null");
    }
}

/// A row's numbers after its step, as the posts print them: the point, f and the gradient.
/// A fit's rows give (w, b), the loss, and the mini-batch's loss when a step samples
/// (`fit` is `Some(sampled)` for a fit).
fn cells(r: &Record, dim: usize, fit: Option<bool>) -> impl Iterator<Item = f64> + '_ {
    let (gradient, batch): (&[f64], &[f64]) = match fit {
        None => (&r.g[..dim], &[]),
        Some(sampled) => (
            &[],
            if sampled {
                std::slice::from_ref(&r.fb)
            } else {
                &[]
            },
        ),
    };
    r.x[..dim]
        .iter()
        .chain([&r.f])
        .chain(gradient)
        .chain(batch)
        .copied()
}

/// Column names of CSV and JSON for a fit: `step,w,b,loss`, then `batch_loss` when a step
/// samples a mini-batch, then `lr`.
pub fn fit_columns(sampled: bool) -> Vec<String> {
    let mut c: Vec<String> = ["step", "w", "b", "loss"].map(String::from).to_vec();
    if sampled {
        c.push("batch_loss".into());
    }
    c.push("lr".into());
    c
}

/// `Some(sampled)` when `race` fits data (sampled: its steps take mini-batches), else none.
fn fitting(race: &Race) -> Option<bool> {
    race.function().fit()?;
    Some(race.lanes().first().is_some_and(|l| l.runner.sampled()))
}

/// Writes a race's rows one at a time in one format: [`Sheet::head`], then for each run
/// [`Sheet::lane`] and its rows, then [`Sheet::end`].
#[derive(Debug)]
pub struct Sheet {
    format: Format,
    names: &'static [&'static str],
    /// The CSV and JSON column names.
    columns: Vec<String>,
    racing: bool,
    /// The table's column widths, chosen before the first row (see [`widths`]).
    widths: Vec<usize>,
    /// Rows written so far.
    rows: u64,
    /// Runs begun so far.
    lanes: usize,
    /// `Some(sampled)` for a fit (see [`cells`]).
    fit: Option<bool>,
}

impl Sheet {
    /// A sheet for `race` in `format`. (This and the other steps are inlined so that the
    /// page, which writes CSV only, carries no JSON or table code.)
    #[inline(always)]
    pub fn new(race: &Race, format: Format) -> Sheet {
        let names = race.names();
        let fit = fitting(race);
        Sheet {
            format,
            names,
            columns: match fit {
                Some(sampled) => fit_columns(sampled),
                None => columns(names),
            },
            fit,
            racing: race.racing(),
            widths: if format == Format::Table {
                widths(race)
            } else {
                Vec::new()
            },
            rows: 0,
            lanes: 0,
        }
    }

    /// What comes before the first row: the CSV header, or JSON's opening bracket.
    #[inline(always)]
    pub fn head(&mut self, out: &mut String) {
        match self.format {
            Format::Csv => {
                if self.racing {
                    out.push_str("method,");
                }
                out.push_str(&crate::fmt::join(&self.columns, ","));
                out.push('\n');
            }
            Format::Json => out.push('['),
            Format::Table => {}
        }
    }

    /// What comes before a run's rows: in a table, a blank line after the run before, the
    /// method's name in a race, and the headings.
    #[inline(always)]
    pub fn lane(&mut self, out: &mut String, method: Method) {
        if self.format == Format::Table {
            self.table_lane(out, method);
        }
        self.lanes += 1;
    }

    /// One row of `method`'s run of `f` (for the `curv` column).
    #[inline(always)]
    pub fn row(&mut self, out: &mut String, f: &Function, method: Method, r: &Record) {
        match self.format {
            Format::Csv => self.csv_row(out, f, method, r),
            Format::Json => self.json_row(out, f, method, r),
            Format::Table => self.table_row(out, f, r),
        }
        self.rows += 1;
    }

    /// What comes after the last row: JSON's closing bracket.
    #[inline(always)]
    pub fn end(&mut self, out: &mut String) {
        if self.format == Format::Json {
            out.push_str("\n]\n");
        }
    }

    fn csv_row(&self, out: &mut String, f: &Function, method: Method, r: &Record) {
        if self.racing {
            out.push_str(method.key());
            out.push(',');
        }
        let _ = write!(out, "{}", r.step);
        for v in cells(r, self.names.len(), self.fit).chain([r.lr]) {
            out.push(',');
            write_float(out, v);
        }
        if let Some(c) = self.curv(f, r) {
            out.push(',');
            write_float(out, c);
        }
        out.push('\n');
    }

    fn json_row(&self, out: &mut String, f: &Function, method: Method, r: &Record) {
        out.push_str(if self.rows == 0 { "\n  {" } else { ",\n  {" });
        if self.racing {
            let _ = write!(out, "\"method\": \"{}\", ", method.key());
        }
        let _ = write!(out, "\"step\": {}", r.step);
        let values = cells(r, self.names.len(), self.fit)
            .chain([r.lr])
            .chain(self.curv(f, r));
        for (name, v) in self.columns[1..].iter().zip(values) {
            let _ = write!(out, ", \"{name}\": ");
            json_number(out, v);
        }
        out.push('}');
    }

    fn table_lane(&self, out: &mut String, method: Method) {
        if self.lanes > 0 {
            out.push('\n');
        }
        if self.racing {
            out.push_str(method.label());
            out.push('\n');
        }
        let heads = headings(self.names, self.fit);
        self.line(out, heads.iter().map(String::as_str));
    }

    /// A row's `curv` column: η_t·f″ (none for a fit).
    fn curv(&self, f: &Function, r: &Record) -> Option<f64> {
        self.fit
            .is_none()
            .then(|| super::step::curv(f, r))
            .flatten()
    }

    fn table_row(&self, out: &mut String, f: &Function, r: &Record) {
        let texts: Vec<String> = std::iter::once(r.step.to_string())
            .chain(cells(r, self.names.len(), self.fit).map(readable))
            .chain(self.curv(f, r).map(readable))
            .collect();
        self.line(out, texts.iter().map(String::as_str));
    }

    /// A table line: each cell right-aligned in its column, two spaces apart.
    fn line<'a>(&self, out: &mut String, cells: impl Iterator<Item = &'a str>) {
        let start = out.len();
        for (i, (cell, w)) in cells.zip(&self.widths).enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            let _ = write!(out, "{cell:>w$}");
        }
        out.truncate(out[start..].trim_end().len() + start);
        out.push('\n');
    }
}

/// A table's column widths for `race`, chosen before its first row is written, from the
/// values the rows computed so far take (the command line computes the first thousand steps
/// of every run first) and the ranges the rest will likely stay in: the step column fits the
/// step budget, the point's columns the view (each value with room for a minus sign). A
/// value wider than that, later on (a run flying off), widens its own row only.
fn widths(race: &Race) -> Vec<usize> {
    let names = race.names();
    let dim = names.len();
    let fit = fitting(race);
    let mut widths: Vec<usize> = headings(names, fit).iter().map(|h| h.len()).collect();
    let wide = |v: f64| readable(-v.abs()).len();
    for lane in race.lanes() {
        let config = lane.runner.config();
        widths[0] = widths[0].max(config.steps.to_string().len());
        let view = [config.domain.x, config.domain.y];
        for (i, w) in widths[1..=dim].iter_mut().enumerate() {
            let range = view[i.min(1)];
            *w = (*w).max(wide(range[0])).max(wide(range[1]));
        }
        for r in lane.runner.trajectory().iter() {
            let curv = fit.is_none().then(|| super::step::curv(race.function(), r));
            let row = cells(r, dim, fit).chain(curv.flatten());
            for (w, v) in widths[1..].iter_mut().zip(row) {
                *w = (*w).max(readable(v).len());
            }
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Mode, Settings};

    /// The race `pairs` describe, run to its end.
    fn run(pairs: &[(&str, &str)]) -> Race {
        crate::settings::finished(pairs, 0.0).1
    }

    #[test]
    fn csv_json_and_table_show_the_same_rows() {
        let one = run(&[("steps", "2")]);
        assert_eq!(
            race(&one, Format::Csv),
            "step,x,f,df,lr,curv\n0,8,64,16,0.1,0.2\n1,6.4,40.96000000000001,12.8,0.1,0.2\n2,5.12,26.2144,10.24,0.1,0.2\n"
        );
        let j = race(&one, Format::Json);
        assert!(
            j.starts_with("[\n  {\"step\": 0, \"x\": 8, \"f\": 64, \"df\": 16, \"lr\": 0.1, \"curv\": 0.2},\n"),
            "{j}"
        );
        assert!(j.ends_with("\"lr\": 0.1, \"curv\": 0.2}\n]\n"), "{j}");
        // Widths from the view's −10 (with room for the sign) and from the rows' values.
        let t = race(&one, Format::Table);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "step           x       f(x)      f'(x)      curv");
        assert_eq!(lines[1], "   0    8.000000  64.000000  16.000000  0.200000");
        assert_eq!(lines[3], "   2    5.120000  26.214400  10.240000  0.200000");
    }

    #[test]
    fn a_race_prints_each_method_s_rows_under_its_name() {
        let two = run(&[("steps", "1"), ("race", "gd,adam")]);
        let csv = race(&two, Format::Csv);
        assert!(
            csv.starts_with("method,step,x,f,df,lr,curv\ngd,0,8,64,16,0.1,0.2\n"),
            "{csv}"
        );
        assert!(csv.contains("\nadam,1,7.9"), "{csv}");
        let j = race(&two, Format::Json);
        assert!(
            j.contains("{\"method\": \"adam\", \"step\": 0, \"x\": 8,"),
            "{j}"
        );
        let t = race(&two, Format::Table);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "Gradient descent");
        assert_eq!(lines[4], "");
        assert_eq!(lines[5], "Adam");
        assert_eq!(lines[6], lines[1], "each run under the same headings");
        assert_eq!(Format::named("csv"), Some(Format::Csv));
        assert_eq!(Format::named("xml"), None);
    }

    #[test]
    fn every_variable_has_its_columns() {
        assert_eq!(columns(&["x"]), ["step", "x", "f", "df", "lr", "curv"]);
        assert_eq!(
            columns(&["x", "y", "z"]).join(","),
            "step,x,y,z,f,dfdx,dfdy,dfdz,lr"
        );
        assert_eq!(
            columns(&["x1", "x2"]).join(","),
            "step,x1,x2,f,dfdx1,dfdx2,lr,curv"
        );
        let three = run(&[
            ("f", "x^2 - 2*x + y^2 + z^2 + z*y"),
            ("start", "2,-5,7"),
            ("lr", "0.05"),
            ("steps", "1"),
        ]);
        let csv = race(&three, Format::Csv);
        assert!(
            csv.starts_with("step,x,y,z,f,dfdx,dfdy,dfdz,lr\n0,2,-5,7,39,2,-3,9,0.05\n"),
            "{csv}"
        );
        let t = race(&three, Format::Table);
        assert!(t.starts_with("step  "), "{t}");
        assert!(
            t.lines()
                .next()
                .unwrap()
                .ends_with("f     df/dx      df/dy     df/dz"),
            "{t}"
        );
        let json = race(&three, Format::Json);
        assert!(
            json.contains("\"z\": 7, \"f\": 39, \"dfdx\": 2, \"dfdy\": -3, \"dfdz\": 9"),
            "{json}"
        );
    }

    /// The table names f by its variables in one and two dimensions, and plainly beyond.
    #[test]
    fn the_table_s_headings_name_f_by_its_variables() {
        assert_eq!(
            headings(&["x", "y"], None).join(" "),
            "step x y f(x,y) df/dx df/dy curv"
        );
        assert_eq!(headings(&["x"], None).join(" "), "step x f(x) f'(x) curv");
        assert_eq!(
            headings(&["x", "y", "z"], None).join(" "),
            "step x y z f df/dx df/dy df/dz"
        );
    }

    #[test]
    fn columns_fit_the_rows_computed_first_and_a_wider_value_later_widens_its_row_only() {
        // The posts' diverging example, every row computed: aligned like the posts.
        let wild = run(&[
            ("preset", "post-quadratic"),
            ("lr", "1.06"),
            ("steps", "60"),
        ]);
        let t = race(&wild, Format::Table);
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines.len() > 10);
        assert!(lines.iter().all(|l| l.len() == lines[0].len()), "{t}");
        // Widths chosen after ten steps; the rows after them overflow their columns.
        let (s, _) = Settings::from_pairs(
            [
                ("preset", "post-quadratic"),
                ("lr", "1.06"),
                ("steps", "60"),
            ],
            Mode::Strict,
        );
        let mut partial = s.race(s.function().unwrap(), 0.0, usize::MAX).unwrap();
        partial.advance(10);
        let mut sheet = Sheet::new(&partial, Format::Table);
        let mut out = String::new();
        sheet.lane(&mut out, Method::Gd);
        for r in partial.lanes()[0].runner.trajectory().iter() {
            sheet.row(&mut out, partial.function(), Method::Gd, r);
        }
        partial.advance(u64::MAX);
        let last = *partial.lanes()[0].runner.current();
        sheet.row(&mut out, partial.function(), Method::Gd, &last);
        let lines: Vec<&str> = out.lines().collect();
        assert!(
            lines[..12].iter().all(|l| l.len() == lines[0].len()),
            "{out}"
        );
        assert!(lines[12].len() > lines[0].len(), "{out}");
    }
}

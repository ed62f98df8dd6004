//! A map's runs as rows, one per cell: what was varied, where the run ended, f there, its steps
//! and its stop. `descent basins | sweep | phase` writes them, and the page's map saves them as
//! CSV with the same columns and digits.

use crate::fmt::write_float;
use crate::maps::{Axes, Cell, Map};
use crate::objective::Objective;
use crate::run::Stop;

/// A run's end as a word: converged, budget, escaped or not-finite.
pub fn stop_key(stop: Stop) -> &'static str {
    match stop {
        Stop::Converged { .. } => "converged",
        Stop::Budget => "budget",
        Stop::Escaped { .. } => "escaped",
        Stop::NotFinite { .. } => "not-finite",
    }
}

/// The column names: what was varied (x0 and y0, lr, or lr and momentum), then where the run
/// ended (not for a phase map), f, its steps and its stop.
pub fn columns(map: &Map) -> Vec<String> {
    let mut c: Vec<String> = match map.axes {
        Axes::Grid { .. } => vec!["x0".into(), "y0".into()],
        Axes::Starts { .. } => vec!["x0".into()],
        Axes::Rates { .. } => vec!["lr".into()],
        Axes::Phase { .. } => vec!["lr".into(), "momentum".into()],
    };
    if !matches!(map.axes, Axes::Phase { .. }) {
        c.extend(map.function().names().iter().map(|n| n.to_string()));
    }
    c.extend(["f", "steps", "stop"].map(String::from));
    c
}

/// A cell's numbers, in the columns' order (up to the steps and the stop).
pub fn values(map: &Map, c: &Cell) -> Vec<f64> {
    let varied = match map.axes {
        Axes::Grid { .. } | Axes::Phase { .. } => 2,
        _ => 1,
    };
    let mut v = c.at[..varied].to_vec();
    if !matches!(map.axes, Axes::Phase { .. }) {
        v.extend_from_slice(&c.end[..map.dim()]);
    }
    v.push(c.f);
    v
}

/// One CSV row: the numbers `nums` (see [`values`]), then the cell's steps and stop.
pub fn csv_row(out: &mut String, nums: &[f64], c: &Cell) {
    for v in nums {
        write_float(out, *v);
        out.push(',');
    }
    crate::fmt::push_int(out, c.steps as i64);
    out.push(',');
    out.push_str(stop_key(c.stop));
    out.push('\n');
}

/// The finished cells of a map, in the cells' order, as CSV with a header.
pub fn csv<'a>(map: &Map, cells: impl Iterator<Item = &'a Cell>) -> String {
    let mut out = crate::fmt::join(&columns(map), ",");
    out.push('\n');
    for c in cells {
        csv_row(&mut out, &values(map, c), c);
    }
    out
}

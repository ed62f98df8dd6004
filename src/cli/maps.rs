//! `descent basins | sweep | phase`: the page's maps as rows, one per run, written as each run
//! ends. The flags are `trace`'s, with the varied one given as a range (`--x0 -3..3`,
//! `--lr 0.001..1`) and `--n` values along it.

use super::rows::{line, Rows};
use super::trace::settings;
use crate::demo::TOLERANCE;
use crate::fmt::readable;
use crate::maps::{Axes, Cell, Map};
use crate::objective::Objective;
use crate::words::map::{columns, csv_row, stop_key, values};
use crate::words::trace::json_number;
use crate::words::Format;
use std::io::Write;

/// Which map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Basins,
    Sweep,
    Phase,
}

/// The most values along an axis (a grid has this many squared).
const MOST: usize = 10_000;

/// `A..B` as two numbers, A below B.
fn range(flag: &str, text: &str) -> Result<[f64; 2], String> {
    let bad = || format!("--{flag} takes a range such as -3..3 (got '{text}')");
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let a = crate::fmt::number(a.trim())
        .filter(|v| v.is_finite())
        .ok_or_else(bad)?;
    let b = crate::fmt::number(b.trim())
        .filter(|v| v.is_finite())
        .ok_or_else(bad)?;
    if a >= b {
        return Err(format!(
            "--{flag} {text}: the range must go up, as in -3..3"
        ));
    }
    Ok([a, b])
}

/// Takes `key`'s value out of `pairs`.
fn take(pairs: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let i = pairs.iter().position(|(k, _)| k == key)?;
    Some(pairs.remove(i).1)
}

/// The map `kind` the flags describe, and the format to write it in.
fn map(kind: Kind, mut pairs: Vec<(String, String)>) -> Result<(Map, Format), String> {
    let n = take(&mut pairs, "n").ok_or("--n is required: how many values along each axis")?;
    let n = n
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=MOST).contains(n))
        .ok_or_else(|| format!("--n must be a whole number from 1 to {MOST} (got '{n}')"))?;
    let mut ranged = |key: &str, required: bool| -> Result<Option<[f64; 2]>, String> {
        match take(&mut pairs, key) {
            Some(text) => {
                let r = range(key, &text)?;
                // Both ends within the setting's own range (the low end is checked again, with
                // the setting's own words, when the settings are built).
                if let Some(crate::settings::Param {
                    kind: crate::settings::Kind::Number { min, max, .. },
                    ..
                }) = crate::settings::param(key)
                {
                    if r[1] > *max || r[0] < *min {
                        return Err(format!(
                            "--{key} {text}: both ends must be from {} to {}",
                            crate::fmt::float(*min),
                            crate::fmt::float(*max)
                        ));
                    }
                }
                // The range's low end stands in for the value while the settings are built.
                pairs.push((key.into(), crate::fmt::float(r[0])));
                Ok(Some(r))
            }
            None if required => Err(format!("--{key} A..B is required")),
            None => Ok(None),
        }
    };
    let axes = match kind {
        Kind::Basins => {
            let x = ranged("x0", true)?.unwrap_or_default();
            match ranged("y0", false)? {
                Some(y) => Axes::Grid { x, y, n },
                None => Axes::Starts { x, n },
            }
        }
        Kind::Sweep => Axes::Rates {
            lr: ranged("lr", true)?.unwrap_or_default(),
            n,
        },
        Kind::Phase => {
            let lr = ranged("lr", true)?.unwrap_or_default();
            let momentum = ranged("momentum", true)?.unwrap_or_default();
            Axes::Phase { lr, momentum, n }
        }
    };
    let (s, f, format) = settings(pairs)?;
    let dim = f.dim();
    match (kind, axes) {
        (Kind::Basins, _) if dim > 2 => {
            return Err("basins map starts of one or two variables; this function has more".into())
        }
        (Kind::Basins, Axes::Starts { .. }) if dim == 2 => {
            return Err("--y0 C..D is required with a function of x and y".into())
        }
        (Kind::Basins, Axes::Grid { .. }) if dim == 1 => {
            return Err("--y0 is for a function of x and y; this one is a function of x".into())
        }
        (Kind::Phase, _) if !s.methods().iter().all(|m| m.uses_momentum()) => {
            return Err("phase varies the momentum: use --method momentum or nesterov".into())
        }
        _ => {}
    }
    let map = Map::new(&s, f, axes, TOLERANCE).map_err(|e| e.message)?;
    Ok((map, format))
}

/// Writes one row.
fn row(out: &mut String, format: Format, heads: &[String], nums: &[f64], c: &Cell, first: bool) {
    match format {
        Format::Csv => csv_row(out, nums, c),
        Format::Json => {
            out.push_str(if first { "\n  {" } else { ",\n  {" });
            for (k, (h, v)) in heads.iter().zip(nums).enumerate() {
                if k > 0 {
                    out.push_str(", ");
                }
                out.push('"');
                out.push_str(h);
                out.push_str("\": ");
                json_number(out, *v);
            }
            out.push_str(", \"steps\": ");
            crate::fmt::push_int(out, c.steps as i64);
            out.push_str(", \"stop\": \"");
            out.push_str(stop_key(c.stop));
            out.push_str("\"}");
        }
        Format::Table => {
            let mut cells: Vec<String> = nums.iter().map(|v| readable(*v)).collect();
            cells.push(c.steps.to_string());
            cells.push(stop_key(c.stop).into());
            line(out, &cells, true);
        }
    }
}

/// `descent basins | sweep | phase`: one row per run, written as each run ends.
pub fn maps(kind: Kind, pairs: Vec<(String, String)>, out: &mut dyn Write) -> Result<(), String> {
    let (map, format) = map(kind, pairs)?;
    let heads = columns(&map);
    let mut rows = Rows::open(format, &heads, true, out);
    for i in 0..map.axes.len() {
        let c = map.cell(i);
        row(&mut rows.buf, format, &heads, &values(&map, &c), &c, i == 0);
        if !rows.written() {
            return Ok(());
        }
    }
    rows.close();
    Ok(())
}

//! `descent fit`: fits a line (MSE, MAE or Huber) or logistic regression (cross-entropy) to
//! the points of a CSV file by gradient descent, full-batch or with seeded mini-batches, and
//! writes a row per step: `step,w,b,loss`, then `batch_loss` when a batch is smaller than the
//! data, then `lr`.

use super::rows::{line, Rows};
use super::trace::settings;
use crate::fit::{parse, Fit, Loss, Model, MOST_POINTS};
use crate::fmt::{push_int, readable, write_float};
use crate::words::trace::json_number;
use crate::words::Format;
use std::io::Write;

/// The flags of `trace` a fit takes (the function and the start are the fit's own).
const TRACE_FLAGS: [&str; 9] = [
    "lr",
    "steps",
    "method",
    "schedule",
    "decay",
    "warmup",
    "step-size",
    "momentum",
    "format",
];

/// Takes `key`'s value out of `pairs`.
fn take(pairs: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let i = pairs.iter().position(|(k, _)| k == key)?;
    Some(pairs.remove(i).1)
}

/// A whole number of at least `least` for `--flag`.
fn whole(flag: &str, text: &str, least: u64) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .ok()
        .filter(|v| *v >= least)
        .ok_or_else(|| format!("--{flag} must be a whole number from {least} (got '{text}')"))
}

/// The fit the flags describe, with its optimizer's settings, steps and format.
fn fit_of(
    mut pairs: Vec<(String, String)>,
) -> Result<(Fit, crate::settings::Settings, Format), String> {
    let path = take(&mut pairs, "data")
        .ok_or("--data FILE.csv is required: a header x,y, then one point per line")?;
    let model = match take(&mut pairs, "model") {
        None => Model::Line,
        Some(k) => {
            Model::named(&k).ok_or_else(|| format!("unknown model '{k}': use line or logistic"))?
        }
    };
    let loss = match take(&mut pairs, "loss") {
        None => model.default_loss(),
        Some(k) => Loss::named(&k)
            .ok_or_else(|| format!("unknown loss '{k}': use mse, mae, huber or cross-entropy"))?,
    };
    let batch = take(&mut pairs, "batch")
        .map(|b| whole("batch", &b, 1))
        .transpose()?;
    let seed = take(&mut pairs, "seed")
        .map(|s| whole("seed", &s, 0))
        .transpose()?
        .unwrap_or(0);
    if let Some((k, _)) = pairs
        .iter()
        .find(|(k, _)| !TRACE_FLAGS.contains(&k.as_str()))
    {
        return Err(match k.as_str() {
            "race" => "fit runs one method at a time: use --method".into(),
            _ => format!("--{k} is not a flag of fit (descent help lists them)"),
        });
    }
    // The fit's own defaults: a rate of 0.1 and 100 steps (the function is the data's loss).
    for (key, default) in [("lr", "0.1"), ("steps", "100")] {
        if !pairs.iter().any(|(k, _)| k == key) {
            pairs.push((key.into(), default.into()));
        }
    }
    pairs.push(("preset".into(), "quadratic".into()));
    let (s, _, format) = settings(pairs)?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let data =
        parse(&text, MOST_POINTS, model == Model::Logistic).map_err(|e| format!("{path}: {e}"))?;
    let fit = Fit {
        model,
        loss,
        batch: batch.map_or(data.len(), |b| b as usize),
        seed,
        data,
    };
    fit.check()?;
    Ok((fit, s, format))
}

/// `descent fit`: one row per step, written as it is computed.
pub fn fit(pairs: Vec<(String, String)>, out: &mut dyn Write) -> Result<(), String> {
    let (fit, s, format) = fit_of(pairs)?;
    let optimizer = s.hyper().build().map_err(|e| e.message)?;
    let mut heads = vec!["step", "w", "b", "loss"];
    if !fit.full_batch() {
        heads.push("batch_loss");
    }
    heads.push("lr");
    let heads: Vec<String> = heads.iter().map(|h| h.to_string()).collect();
    let mut rows = Rows::open(format, &heads, false, out);
    fit.run(optimizer, s.steps, [0.0, 0.0], |r| {
        let mut nums = vec![r.w, r.b, r.loss];
        if !fit.full_batch() {
            nums.push(r.batch_loss);
        }
        nums.push(r.lr);
        let buf = &mut rows.buf;
        match format {
            Format::Csv => {
                push_int(buf, r.step as i64);
                for v in &nums {
                    buf.push(',');
                    write_float(buf, *v);
                }
                buf.push('\n');
            }
            Format::Json => {
                buf.push_str(if r.step == 0 {
                    "\n  {\"step\": "
                } else {
                    ",\n  {\"step\": "
                });
                push_int(buf, r.step as i64);
                for (h, v) in heads[1..].iter().zip(&nums) {
                    buf.push_str(", \"");
                    buf.push_str(h);
                    buf.push_str("\": ");
                    json_number(buf, *v);
                }
                buf.push('}');
            }
            Format::Table => {
                let mut cells = vec![r.step.to_string()];
                cells.extend(nums.iter().map(|v| readable(*v)));
                line(buf, &cells, false);
            }
        }
        rows.written()
    });
    rows.close();
    Ok(())
}

//! `descent fit`: fits a line (MSE, MAE or Huber) or logistic regression (cross-entropy) to
//! the points of a CSV file by gradient descent, full-batch or with seeded mini-batches. It is
//! `descent trace` on the fit's preset (`line-fit` or `logistic`) with the file's points as
//! its data, so it writes the page's rows: `step,w,b,loss`, then `batch_loss` when a batch is
//! smaller than the data, then `lr`.

use super::trace::{run, settings};
use crate::fit::{parse, Loss, Model, MOST_POINTS};
use crate::settings::Data;
use std::io::Write;
use std::sync::Arc;

/// Takes `key`'s value out of `pairs`.
fn take(pairs: &mut Vec<(String, String)>, key: &str) -> Option<String> {
    let i = pairs.iter().position(|(k, _)| k == key)?;
    Some(pairs.remove(i).1)
}

/// `descent fit`: one row per step, written as it is computed.
pub fn fit(
    mut pairs: Vec<(String, String)>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    let path = take(&mut pairs, "data")
        .ok_or("--data FILE.csv is required: a header x,y, then one point per line")?;
    let model = match take(&mut pairs, "model") {
        None => Model::Line,
        Some(k) => {
            Model::named(&k).ok_or_else(|| format!("unknown model '{k}': use line or logistic"))?
        }
    };
    if let Some(k) = pairs
        .iter()
        .map(|(k, _)| k.as_str())
        .find(|k| ["preset", "f", "xmin", "xmax", "ymin", "ymax", "start", "z0"].contains(k))
    {
        return Err(format!(
            "--{k} is not a flag of fit: the function is the data's loss (descent help)"
        ));
    }
    if let Some(key) = pairs
        .iter()
        .find(|(k, _)| k == "loss")
        .map(|(_, v)| v.clone())
    {
        let loss = Loss::named(&key)
            .ok_or_else(|| format!("unknown loss '{key}': use mse, mae, huber or cross-entropy"))?;
        if !model.takes(loss) {
            return Err(match model {
                Model::Line => {
                    "cross-entropy is for the logistic model; a line takes mse, mae or huber".into()
                }
                Model::Logistic => {
                    format!("the logistic model takes cross-entropy, not {key}")
                }
            });
        }
    }
    let preset = match model {
        Model::Line => "line-fit",
        Model::Logistic => "logistic",
    };
    pairs.push(("preset".into(), preset.into()));
    let (mut s, _, format) = settings(pairs)?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let data =
        parse(&text, MOST_POINTS, model == Model::Logistic).map_err(|e| format!("{path}: {e}"))?;
    s.data = Data::Points(Arc::new(data));
    let f = s.function().map_err(|e| e.to_string())?;
    run(&s, f, format, out, err)
}

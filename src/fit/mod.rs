//! Fitting data with gradient descent: a model (a line, or logistic regression) and a loss
//! over points ([`loss`]), minimised over its parameters (w, b) by any of the methods, as the
//! loss surface `objective::Fitted`; full-batch or with seeded mini-batches ([`Batches`]).
//! Here too: the data a fit starts from ([`made`]), and the data as a link carries it
//! ([`encode`], [`decode`]).

pub mod batch;
pub mod data;
pub mod loss;

pub use batch::Batches;
pub use data::{parse, DataError};
pub use loss::{Loss, Model};

use crate::random::SplitMix64;

/// The most points the command line fits.
pub const MOST_POINTS: usize = 100_000;
/// The most points the page fits (and a link carries).
pub const PAGE_POINTS: usize = 500;
/// The largest coordinate of a point on the page.
pub const FAR: f64 = 1e6;
/// The points a data set made from a seed has.
pub const MADE_POINTS: usize = 40;

/// The data set made from `seed` for `model`, with coordinates in hundredths:
/// - a line: x uniform on [−3, 3], y = 1.5x + 2 plus noise, the sum of three uniform draws on
///   [−0.8, 0.8] (a bell-shaped spread of ±2.4 at most);
/// - logistic: x uniform on [−4, 4], labelled 1 with probability σ(1.5x − 0.5).
///
/// Draws come from SplitMix64 seeded with `seed`, in the order x, then the noise or the label.
pub fn made(model: Model, seed: u64) -> Vec<[f64; 2]> {
    let mut rng = SplitMix64(seed);
    let hundredths = |v: f64| (v * 100.0).round() / 100.0;
    (0..MADE_POINTS)
        .map(|_| match model {
            Model::Line => {
                let x = hundredths(-3.0 + 6.0 * rng.unit());
                let noise: f64 = (0..3).map(|_| 1.6 * rng.unit() - 0.8).sum();
                [x, hundredths(1.5 * x + 2.0 + noise)]
            }
            Model::Logistic => {
                let x = hundredths(-4.0 + 8.0 * rng.unit());
                let p = loss::sigmoid(1.5 * x - 0.5);
                [x, f64::from(u8::from(rng.unit() < p))]
            }
        })
        .collect()
}

/// Points as a link's `data` value: `x,y` pairs joined by `~`, each number in its shortest
/// form that reads back exactly (`0.5,2~-1.25,0`).
pub fn encode(points: &[[f64; 2]]) -> String {
    let mut out = String::with_capacity(points.len() * 12);
    for (i, [x, y]) in points.iter().enumerate() {
        if i > 0 {
            out.push('~');
        }
        crate::fmt::write_float(&mut out, *x);
        out.push(',');
        crate::fmt::write_float(&mut out, *y);
    }
    out
}

/// The points of a link's `data` value ([`encode`]), checked as the page takes them: at most
/// [`PAGE_POINTS`], finite, within ±[`FAR`], labels 0 or 1 with `labels`. A mistake names the
/// point.
pub fn decode(text: &str, labels: bool) -> Result<Vec<[f64; 2]>, String> {
    let points = data::split(text, '~', PAGE_POINTS, labels).map_err(|e| match e.line {
        Some(n) => format!("point {n} of the data: {}", e.message),
        None => format!("the data: {}", e.message),
    })?;
    near(&points)?;
    Ok(points)
}

/// The longest `data` value a link may carry: [`PAGE_POINTS`] points of two numbers with up
/// to 16 characters each, and their separators.
pub const LINK_CHARS: usize = PAGE_POINTS * 35;

/// Whether the page can keep `points` and a link can carry them: at most [`PAGE_POINTS`],
/// within ±[`FAR`], and at most [`LINK_CHARS`] characters once encoded.
pub fn linkable(points: &[[f64; 2]]) -> Result<(), String> {
    near(points)?;
    if points.len() > PAGE_POINTS {
        return Err(format!(
            "more than {PAGE_POINTS} points: the most a fit takes"
        ));
    }
    if encode(points).len() > LINK_CHARS {
        return Err(format!(
            "its numbers are too long for a link (over {LINK_CHARS} characters): round them"
        ));
    }
    Ok(())
}

/// Refuses points beyond ±[`FAR`], naming the first (counted from 1).
pub fn near(points: &[[f64; 2]]) -> Result<(), String> {
    match points.iter().position(|p| p.iter().any(|v| v.abs() > FAR)) {
        Some(i) => Err(format!(
            "point {} of the data is too far out: keep x and y within ±1000000",
            i + 1
        )),
        None => Ok(()),
    }
}

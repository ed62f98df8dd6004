//! Fitting data with gradient descent: a model (a line, or logistic regression) and a loss
//! over points ([`loss`]), minimised over its parameters (w, b) by any of the methods, as the
//! loss surface `objective::Fitted`; full-batch or with seeded mini-batches ([`Batches`]).
//! Here too: the data a fit starts from ([`made`]), and the data as a link carries it
//! ([`encode`], [`decode`]).

pub mod batch;
pub mod data;
pub mod loss;

pub use batch::{epoch, samples, Batches};
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
    write(points, '~')
}

/// Points as CSV: the header `x,y`, then a point per line, as [`parse`] reads them back.
pub fn csv(points: &[[f64; 2]]) -> String {
    let mut out = String::from("x,y\n");
    out.push_str(&write(points, '\n'));
    out.push('\n');
    out
}

/// `x,y` pairs separated by `sep`, each number in its shortest round-trip form.
fn write(points: &[[f64; 2]], sep: char) -> String {
    let mut out = String::with_capacity(points.len() * 12);
    for (i, [x, y]) in points.iter().enumerate() {
        if i > 0 {
            out.push(sep);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_read_back_exactly_from_a_link_and_from_csv() {
        let points = [[0.5, 2.0], [-1.25, 0.0], [0.1, 1e-7]];
        assert_eq!(encode(&points), "0.5,2~-1.25,0~0.1,1e-7");
        assert_eq!(csv(&points), "x,y\n0.5,2\n-1.25,0\n0.1,1e-7\n");
        assert_eq!(decode(&encode(&points), false).unwrap(), points);
        assert_eq!(parse(&csv(&points), 10, false).unwrap(), points);
    }

    /// SplitMix64(1)'s first four draws are 0.56656…, 0.74578…, 0.97100… and 0.44436….
    /// - A line: x = −3 + 6·0.56656 = 0.399… → 0.4; the noise 1.6u − 0.8 of the next three
    ///   is 0.39325 + 0.75360 − 0.08903 = 1.05783, so y = 1.5·0.4 + 2 + 1.05783 → 3.66.
    /// - Logistic: x = −4 + 8·0.56656 = 0.532… → 0.53, labelled 0 as 0.74578 is not below
    ///   σ(1.5·0.53 − 0.5) = σ(0.295) = 0.5732; then x = −4 + 8·0.97100 → 3.77, labelled 1 as
    ///   0.44436 < σ(5.155) = 0.9943.
    ///
    /// (The later points, worked out the same way by a script.)
    #[test]
    fn a_seed_makes_the_same_points_on_every_machine() {
        let line = made(Model::Line, 1);
        assert_eq!(
            line[..4],
            [[0.4, 3.66], [-0.33, 2.57], [-1.29, 0.55], [-0.27, 1.01]]
        );
        let logistic = made(Model::Logistic, 1);
        assert_eq!(
            logistic[..6],
            [
                [0.53, 0.0],
                [3.77, 1.0],
                [-0.45, 0.0],
                [3.02, 1.0],
                [-1.72, 0.0],
                [-0.77, 0.0]
            ]
        );
        assert_eq!(logistic.iter().filter(|p| p[1] == 1.0).count(), 19);
    }

    /// ±1000000 is within the page's reach, the next number out is not.
    #[test]
    fn points_out_to_far_and_no_further_are_near() {
        assert_eq!(near(&[[FAR, -FAR], [-FAR, FAR]]), Ok(()));
        assert_eq!(
            near(&[[0.0, 0.0], [0.0, 1_000_000.5]]),
            Err("point 2 of the data is too far out: keep x and y within ±1000000".into())
        );
    }

    /// Whatever the seed: x in its range, in hundredths; a line's y within the noise's ±2.4
    /// (and a rounding) of 1.5x + 2; labels 0 or 1.
    #[test]
    fn made_points_keep_to_their_ranges_in_hundredths() {
        let hundredths = |v: f64| ((v * 100.0).round() / 100.0 - v).abs() < 1e-12;
        for seed in [0, 1, 7, u64::MAX] {
            let line = made(Model::Line, seed);
            assert_eq!(line.len(), MADE_POINTS);
            for &[x, y] in &line {
                assert!((-3.0..=3.0).contains(&x) && hundredths(x) && hundredths(y));
                assert!((y - (1.5 * x + 2.0)).abs() <= 2.4 + 0.01, "{x}, {y}");
            }
            for &[x, y] in &made(Model::Logistic, seed) {
                assert!((-4.0..=4.0).contains(&x) && hundredths(x) && (y == 0.0 || y == 1.0));
            }
        }
    }
}

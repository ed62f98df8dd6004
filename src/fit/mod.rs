//! Fitting data with gradient descent: a model (a line, or logistic regression) and a loss
//! over points, minimised over its parameters (w, b) by any of the methods, full-batch or with
//! seeded mini-batches ([`Batches`]). Each step's gradient is the mean over its batch
//! ([`loss::mean`]); the rows report the full loss, the batch's, and the rate.

pub mod batch;
pub mod data;
pub mod loss;

pub use batch::Batches;
pub use data::{parse, DataError};
pub use loss::{Loss, Model};

use crate::objective::point;
use crate::optim::Optimizer;

/// The most points the command line fits (the page takes fewer).
pub const MOST_POINTS: usize = 100_000;

/// A fit: what to fit to which points, and how the batches are drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub model: Model,
    pub loss: Loss,
    pub data: Vec<[f64; 2]>,
    /// Points per step (the data's size or more: full batch).
    pub batch: usize,
    pub seed: u64,
}

/// The state after a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub step: u64,
    pub w: f64,
    pub b: f64,
    /// The loss over all the points.
    pub loss: f64,
    /// The loss over the batch the next step uses (the loss itself with a full batch).
    pub batch_loss: f64,
    /// The rate of the next step.
    pub lr: f64,
    /// Epochs begun.
    pub epochs: u64,
}

impl Fit {
    /// Whether the fit makes sense: the loss is the model's, and a batch holds a point.
    pub fn check(&self) -> Result<(), String> {
        if !self.model.takes(self.loss) {
            return Err(match self.model {
                Model::Line => {
                    "cross-entropy is for the logistic model; a line takes mse, mae or huber".into()
                }
                Model::Logistic => format!(
                    "the logistic model takes cross-entropy, not {}",
                    self.loss.key()
                ),
            });
        }
        if self.batch == 0 {
            return Err("a batch needs at least 1 point".into());
        }
        Ok(())
    }

    /// Whether every step uses all the points.
    pub fn full_batch(&self) -> bool {
        self.batch >= self.data.len()
    }

    /// Runs `optimizer` for `steps` updates from (w, b) = `start`, handing each row to `row`
    /// (row 0 is the start) until it returns false, the budget is spent, or the parameters or
    /// the loss stop being finite.
    pub fn run(
        &self,
        optimizer: Optimizer,
        steps: u64,
        start: [f64; 2],
        mut row: impl FnMut(&Row) -> bool,
    ) {
        let all: Vec<usize> = (0..self.data.len()).collect();
        let mut batches = Batches::new(self.data.len(), self.batch, self.seed);
        let mut state = optimizer.init();
        let mut wb = start;
        for step in 0..=steps {
            let (full, _) = loss::mean(self.loss, &self.data, &all, wb);
            let (batch_loss, g) = loss::mean(self.loss, &self.data, batches.next_batch(), wb);
            let r = Row {
                step,
                w: wb[0],
                b: wb[1],
                loss: full,
                batch_loss,
                lr: optimizer.lr_at(step),
                epochs: batches.epochs(),
            };
            let finite = wb.iter().chain([&full]).all(|v| v.is_finite());
            if !row(&r) || !finite || step == steps {
                return;
            }
            let delta = optimizer.update(&mut state, point(&g), 2);
            wb = [wb[0] + delta[0], wb[1] + delta[1]];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::{Hyper, Method};

    fn optimizer(method: Method, lr: f64) -> Optimizer {
        Hyper {
            method,
            lr,
            ..Hyper::default()
        }
        .build()
        .unwrap()
    }

    fn rows(fit: &Fit, opt: Optimizer, steps: u64) -> Vec<Row> {
        let mut out = Vec::new();
        fit.run(opt, steps, [0.0, 0.0], |r| {
            out.push(*r);
            true
        });
        out
    }

    /// Points near y = 3x + 0.5, with a spread from a fixed generator.
    fn noisy_line(n: usize) -> Vec<[f64; 2]> {
        let mut rng = crate::run::SplitMix64(42);
        (0..n)
            .map(|i| {
                let x = -1.0 + 2.0 * i as f64 / (n - 1) as f64;
                [x, 3.0 * x + 0.5 + (rng.unit() - 0.5)]
            })
            .collect()
    }

    #[test]
    fn full_batch_descent_on_mse_reaches_the_least_squares_line() {
        let data = noisy_line(40);
        let n = data.len() as f64;
        let (mx, my) = (
            data.iter().map(|p| p[0]).sum::<f64>() / n,
            data.iter().map(|p| p[1]).sum::<f64>() / n,
        );
        let sxy: f64 = data.iter().map(|p| (p[0] - mx) * (p[1] - my)).sum();
        let sxx: f64 = data.iter().map(|p| (p[0] - mx) * (p[0] - mx)).sum();
        let (w, b) = (sxy / sxx, my - sxy / sxx * mx);
        let fit = Fit {
            model: Model::Line,
            loss: Loss::Mse,
            batch: 40,
            seed: 0,
            data,
        };
        let last = *rows(&fit, optimizer(Method::Gd, 0.4), 2000).last().unwrap();
        assert!(
            (last.w - w).abs() < 1e-9 && (last.b - b).abs() < 1e-9,
            "{last:?} vs {w}, {b}"
        );
        assert_eq!(
            last.batch_loss, last.loss,
            "a full batch's loss is the loss"
        );
    }

    #[test]
    fn seeds_decide_the_batches_and_a_batch_of_all_is_full_batch_exactly() {
        let fit = |batch, seed| Fit {
            model: Model::Line,
            loss: Loss::Mse,
            data: noisy_line(30),
            batch,
            seed,
        };
        let run = |f: &Fit| rows(f, optimizer(Method::Adam, 0.05), 200);
        assert_eq!(run(&fit(5, 3)), run(&fit(5, 3)));
        assert_ne!(run(&fit(5, 3)), run(&fit(5, 4)));
        let full = run(&fit(30, 0));
        assert_eq!(
            run(&fit(30, 9)),
            full,
            "the seed does not matter to a full batch"
        );
        assert_eq!(run(&fit(1000, 1)), full);
        let sgd = run(&fit(1, 3));
        assert_eq!(
            sgd.last().unwrap().epochs,
            7,
            "201 single points: 7 passes over 30"
        );
        assert!(sgd.iter().any(|r| r.batch_loss != r.loss));
        // Stochastic steps still find the line, roughly.
        let last = sgd.last().unwrap();
        assert!(
            (last.w - 3.0).abs() < 0.5 && (last.b - 0.5).abs() < 0.5,
            "{last:?}"
        );
    }

    #[test]
    fn logistic_regression_lowers_cross_entropy_and_never_makes_nan() {
        let separable: Vec<[f64; 2]> = (0..20)
            .map(|i| {
                let x = i as f64 - 9.5;
                [x, f64::from(x > 0.0)]
            })
            .collect();
        let overlapping: Vec<[f64; 2]> = (0..20)
            .map(|i| {
                let x = (i % 10) as f64 - 4.5;
                [x, f64::from(i % 3 == 0 || x > 2.0)]
            })
            .collect();
        let far = vec![[-1e6, 0.0], [1e6, 1.0], [-1e6, 1.0], [1e6, 0.0], [0.0, 1.0]];
        // How far the loss must fall from ln 2: separable data far, overlapping some.
        for (data, below) in [(separable, 0.1), (overlapping, 0.6), (far, f64::INFINITY)] {
            let fit = Fit {
                model: Model::Logistic,
                loss: Loss::CrossEntropy,
                batch: data.len(),
                seed: 0,
                data,
            };
            let rows = rows(&fit, optimizer(Method::Gd, 0.1), 300);
            assert_eq!(rows.len(), 301, "no NaN stopped it");
            assert!(rows
                .iter()
                .all(|r| r.loss.is_finite() && r.w.is_finite() && r.b.is_finite()));
            let (first, last) = (rows[0].loss, rows[300].loss);
            // (Points at ±1e6 make every step huge: finite is all that is asked there.)
            assert!(last < below, "{first} → {last}");
        }
    }

    #[test]
    fn a_diverging_fit_stops_at_the_first_row_whose_loss_overflows() {
        // Points (1, 1) and (−1, −1): the mean squared error is (w − 1)² + b², and plain
        // descent at rate 10 multiplies w − 1 by 1 − 2·10 = −19 per step (b stays 0). The
        // loss after k steps is 19^(2k): finite up to k = 120 (about 10^306.9), infinite at
        // k = 121 (10^309.5 > f64::MAX). That row is the last: 122 rows, not 1001.
        let fit = Fit {
            model: Model::Line,
            loss: Loss::Mse,
            data: vec![[1.0, 1.0], [-1.0, -1.0]],
            batch: 2,
            seed: 0,
        };
        let rows = rows(&fit, optimizer(Method::Gd, 10.0), 1000);
        assert_eq!(rows.len(), 122);
        let (last, before) = rows.split_last().unwrap();
        assert_eq!(last.loss, f64::INFINITY, "{last:?}");
        assert!(before.iter().all(|r| r.loss.is_finite()));
        assert!(rows.iter().all(|r| r.w.is_finite() && r.b == 0.0));
    }

    #[test]
    fn the_run_stops_when_the_row_handler_says_so() {
        // What a closed pipe does on the command line: the handler's false ends the run.
        let fit = Fit {
            model: Model::Line,
            loss: Loss::Mse,
            data: noisy_line(10),
            batch: 10,
            seed: 0,
        };
        let mut seen = Vec::new();
        fit.run(optimizer(Method::Gd, 0.1), 100, [0.0, 0.0], |r| {
            seen.push(r.step);
            r.step < 4
        });
        assert_eq!(seen, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn a_loss_must_be_its_model_s() {
        let fit = Fit {
            model: Model::Line,
            loss: Loss::CrossEntropy,
            data: vec![[0.0, 1.0]],
            batch: 1,
            seed: 0,
        };
        assert!(fit
            .check()
            .unwrap_err()
            .starts_with("cross-entropy is for the logistic"));
        let fit = Fit {
            model: Model::Logistic,
            loss: Loss::Huber,
            ..fit
        };
        assert_eq!(
            fit.check().unwrap_err(),
            "the logistic model takes cross-entropy, not huber"
        );
    }
}

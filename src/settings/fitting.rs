//! The settings of a fit: the loss, the batch, the seed of the batches, and the data (made
//! from a seed, or points a person placed). Their rows of the parameter table are here, and
//! the loss surface they describe ([`Settings::fitted`]).

use super::param::{num, text, whole, Control, Group, Kind, Param, Scale, Value};
use super::Settings;
use crate::fit::{decode, encode, made, Loss};
use crate::objective::{Fitted, Preset};
use std::sync::Arc;

/// The points a fit's preset fits.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// The data set made from this seed ([`crate::fit::made`]); in links, the seed alone.
    Made(u64),
    /// Points placed, dragged, typed or pasted; in links, encoded ([`crate::fit::encode`]).
    Points(Arc<Vec<[f64; 2]>>),
}

impl Default for Data {
    fn default() -> Self {
        Data::Made(1)
    }
}

impl Data {
    /// As a link carries it: the seed, or the points.
    pub fn text(&self) -> String {
        match self {
            Data::Made(seed) => seed.to_string(),
            Data::Points(p) => encode(p),
        }
    }

    /// From a link's value: a seed (a whole number), or points, checked as the page takes
    /// them (labels 0 or 1 with `labels`).
    pub fn read(text: &str, labels: bool) -> Result<Data, String> {
        match text.trim().parse::<u64>() {
            Ok(seed) => Ok(Data::Made(seed)),
            Err(_) => decode(text, labels).map(|p| Data::Points(Arc::new(p))),
        }
    }
}

/// The longest `data` value a link may carry ([`crate::fit::LINK_CHARS`]).
pub const DATA_LEN: usize = crate::fit::LINK_CHARS;

pub(super) const LOSS: Param = Param {
    key: "loss",
    label: "Loss",
    help: "what a line fit minimises: mse, the mean squared error; mae, the mean absolute error; huber, squared within 1 and absolute beyond (logistic regression always takes cross-entropy)",
    kind: Kind::Choice(loss_choices),
    control: Control::Select,
    group: Group::Main,
    flag: Some("loss"),
    get: |s| Value::Text(s.loss.key().into()),
    set: |s, v| s.loss = Loss::named(&text(v)).unwrap_or(s.loss),
};

pub(super) const BATCH: Param = Param {
    key: "batch",
    label: "Batch",
    help: "the points each step of a fit samples: 1 is stochastic gradient descent, 0 (or the data's size) all of them",
    kind: whole(0.0, crate::fit::MOST_POINTS as f64, Scale::Linear),
    control: Control::Number,
    group: Group::Main,
    flag: Some("batch"),
    get: |s| Value::Num(s.batch as f64),
    set: |s, v| s.batch = num(&v) as u64,
};

pub(super) const SEED: Param = Param {
    key: "seed",
    label: "Seed",
    help: "the seed the mini-batches are shuffled with (SplitMix64): the same seed, the same steps",
    kind: whole(0.0, 4_294_967_295.0, Scale::Linear),
    control: Control::Number,
    group: Group::Main,
    flag: Some("seed"),
    get: |s| Value::Num(s.seed as f64),
    set: |s, v| s.seed = num(&v) as u64,
};

pub(super) const DATA: Param = Param {
    key: "data",
    label: "Data",
    help: "a fit's points: a seed to make them from, or x,y pairs joined by ~",
    kind: Kind::Points,
    control: Control::Hidden,
    group: Group::Main,
    flag: None,
    get: |s| Value::Text(s.data.text()),
    set: |s, v| {
        if let Ok(d) = Data::read(&text(v), s.preset == Preset::Logistic) {
            s.data = d;
        }
    },
};

fn loss_choices() -> Vec<(&'static str, &'static str)> {
    Loss::ALL.iter().map(|l| (l.key(), l.label())).collect()
}

impl Settings {
    /// What is wrong with the loss `key` for the preset's model, if anything: a line takes
    /// mse, mae or huber, logistic regression cross-entropy (other presets take any, unused).
    pub(super) fn loss_problem(&self, key: &str) -> Option<String> {
        let (model, loss) = (self.preset.model()?, Loss::named(key)?);
        (!model.takes(loss)).then(|| match model {
            crate::fit::Model::Line => {
                "cross-entropy is for logistic regression: a line takes mse, mae or huber".into()
            }
            crate::fit::Model::Logistic => {
                format!("logistic regression takes cross-entropy, not {key}")
            }
        })
    }

    /// The loss surface of a fit's preset over its data; none for other functions.
    pub fn fitted(&self) -> Option<Fitted> {
        let model = self.preset.model()?;
        let points = match &self.data {
            Data::Made(seed) => made(model, *seed),
            Data::Points(p) => p.to_vec(),
        };
        Some(Fitted::new(model, self.loss, points))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::optim::Method;
    use crate::run::Record;

    /// Every row of the run `s` describes (one method), through the page's builder.
    fn rows(s: &Settings) -> Vec<Record> {
        let f = s.function().unwrap();
        let mut race = s.race(f, 0.0, usize::MAX).unwrap();
        race.advance(u64::MAX);
        race.lanes()[0]
            .runner
            .trajectory()
            .iter()
            .copied()
            .collect()
    }

    /// A line fit of `data` from (0, 0).
    fn line(data: Vec<[f64; 2]>, method: Method, lr: f64, steps: u64) -> Settings {
        Settings {
            data: Data::Points(Arc::new(data)),
            method,
            lr,
            steps,
            x0: 0.0,
            y0: 0.0,
            ..Settings::for_preset(Preset::LineFit)
        }
    }

    /// Points near y = 3x + 0.5, with a spread from a fixed generator.
    fn noisy_line(n: usize) -> Vec<[f64; 2]> {
        let mut rng = crate::random::SplitMix64(42);
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
        let s = Settings {
            batch: 40,
            ..line(data, Method::Gd, 0.4, 2000)
        };
        let rows = rows(&s);
        let last = rows.last().unwrap();
        assert_eq!(last.step, 2000);
        assert!(
            (last.x[0] - w).abs() < 1e-9 && (last.x[1] - b).abs() < 1e-9,
            "{last:?} vs {w}, {b}"
        );
        assert!(
            rows.iter().all(|r| r.fb == r.f),
            "a full batch's loss is the loss"
        );
    }

    #[test]
    fn seeds_decide_the_batches_and_a_batch_of_all_is_full_batch_exactly() {
        let run = |batch, seed| {
            rows(&Settings {
                batch,
                seed,
                ..line(noisy_line(30), Method::Adam, 0.05, 200)
            })
        };
        assert_eq!(run(5, 3), run(5, 3));
        assert_ne!(run(5, 3), run(5, 4));
        let full = run(0, 0);
        for (batch, seed) in [(30, 9), (1000, 1), (0, 7)] {
            assert_eq!(run(batch, seed), full, "batch {batch}, seed {seed}");
        }
        let s = Settings {
            batch: 1,
            seed: 3,
            ..line(noisy_line(30), Method::Adam, 0.05, 200)
        };
        let f = s.function().unwrap();
        let mut race = s.race(f, 0.0, usize::MAX).unwrap();
        race.advance(u64::MAX);
        let runner = &race.lanes()[0].runner;
        assert_eq!(runner.epochs(), 7, "201 single points: 7 passes over 30");
        let sgd: Vec<Record> = runner.trajectory().iter().copied().collect();
        assert!(sgd.iter().any(|r| r.fb != r.f));
        // Stochastic steps still find the line, roughly.
        let last = sgd.last().unwrap();
        assert!(
            (last.x[0] - 3.0).abs() < 0.5 && (last.x[1] - 0.5).abs() < 0.5,
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
        for (data, below, lr) in [
            (separable, 0.1, 0.1),
            (overlapping, 0.6, 0.1),
            (far, f64::INFINITY, 0.1),
        ] {
            let s = Settings {
                data: Data::Points(Arc::new(data)),
                lr,
                steps: 300,
                x0: 0.0,
                y0: 0.0,
                ..Settings::for_preset(Preset::Logistic)
            };
            let rows = rows(&s);
            // Points at ±1e6 make every step huge: the ball leaves the view, and that ends
            // the run, not a NaN.
            assert!(rows.len() == 301 || below.is_infinite(), "{}", rows.len());
            assert!(rows
                .iter()
                .all(|r| r.f.is_finite() && r.x[..2].iter().all(|v| v.is_finite())));
            let (first, last) = (rows[0].f, rows.last().unwrap().f);
            assert!(
                first == std::f64::consts::LN_2 && last < below,
                "{first} → {last}"
            );
        }
    }

    #[test]
    fn a_fit_runs_wherever_its_minimum_lies_and_stops_only_when_its_loss_overflows() {
        // Points near b = 100, far outside the view (b from −3 to 6): the run goes there.
        let s = line(
            vec![[0.0, 100.0], [1.0, 101.0], [2.0, 102.0]],
            Method::Gd,
            0.2,
            400,
        );
        let last = *rows(&s).last().unwrap();
        assert!(
            (last.x[0] - 1.0).abs() < 1e-3 && (last.x[1] - 100.0).abs() < 1e-3,
            "{last:?}"
        );
        // Points (1, 1) and (−1, −1): the mean squared error is (w − 1)² + b², and plain
        // descent at rate 10 multiplies w − 1 by 1 − 2·10 = −19 per step (b stays 0). The
        // loss after k steps is 19^(2k): finite up to k = 120 (about 10^306.9), infinite at
        // k = 121 (10^309.5 > f64::MAX). That row is the last: 122 rows, not 1001.
        let s = line(vec![[1.0, 1.0], [-1.0, -1.0]], Method::Gd, 10.0, 1000);
        let rows = rows(&s);
        assert_eq!(rows.len(), 122);
        let (last, before) = rows.split_last().unwrap();
        assert_eq!(last.f, f64::INFINITY, "{last:?}");
        assert!(before.iter().all(|r| r.f.is_finite() && r.x[1] == 0.0));
    }

    #[test]
    fn a_stochastic_run_takes_its_whole_budget_even_where_a_batch_is_flat() {
        // From (0, 0) each of the three points at y = 0 has no slope at all: a run that took
        // a vanishing batch gradient for convergence would stop there.
        let data = vec![[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 5.0]];
        for seed in 0..8 {
            let s = Settings {
                batch: 1,
                seed,
                ..line(data.clone(), Method::Gd, 0.05, 50)
            };
            let f = s.function().unwrap();
            let mut race = s.race(f, 1e-4, usize::MAX).unwrap();
            race.advance(u64::MAX);
            let run = &race.lanes()[0].runner;
            assert_eq!(run.current().step, 50, "seed {seed}");
        }
    }

    #[test]
    fn the_data_travels_as_a_seed_or_as_points_and_hostile_data_is_refused() {
        let s = Settings::for_preset(Preset::LineFit);
        assert_eq!(s.data.text(), "1");
        let made = s.fitted().unwrap();
        assert_eq!(
            made.data(),
            &crate::fit::made(crate::fit::Model::Line, 1)[..]
        );
        let mut s2 = s.clone();
        s2.apply(
            "data",
            "0.5,2~-1.25,0~3,1e-7",
            crate::settings::Mode::Lenient,
        )
        .unwrap();
        let points = [[0.5, 2.0], [-1.25, 0.0], [3.0, 1e-7]];
        assert_eq!(s2.fitted().unwrap().data(), &points[..]);
        assert_eq!(s2.data.text(), "0.5,2~-1.25,0~3,1e-7");
        let refuse = |v: &str, preset: Preset| {
            let mut s = Settings::for_preset(preset);
            let before = s.clone();
            let e = s
                .apply("data", v, crate::settings::Mode::Lenient)
                .unwrap_err();
            assert_eq!(s, before, "the last good data stays");
            e.message
        };
        assert_eq!(
            refuse("1,2~3,x", Preset::LineFit),
            "point 2 of the data: 'x' is not a number"
        );
        assert_eq!(
            refuse("1,2~NaN,1", Preset::LineFit),
            "point 2 of the data: 'NaN' is not a finite number"
        );
        assert_eq!(
            refuse("1,2~1e300,1", Preset::LineFit),
            "point 2 of the data is too far out: keep x and y within ±1000000"
        );
        assert_eq!(
            refuse("1,2~3", Preset::LineFit),
            "point 2 of the data: expected 2 columns, x and y, found 1"
        );
        assert_eq!(
            refuse("1,0.5", Preset::Logistic),
            "point 1 of the data: a label must be 0 or 1 for logistic regression (got 0.5)"
        );
        let many = vec!["1,1"; 501].join("~");
        assert_eq!(
            refuse(&many, Preset::LineFit),
            "the data: more than 500 points: the most a fit takes"
        );
        let long = "1".repeat(DATA_LEN + 1);
        assert!(refuse(&long, Preset::LineFit).starts_with("the data is too long"));
        // 500 points a person placed fit in a link of about 8 KB.
        let mut rng = crate::random::SplitMix64(5);
        let placed: Vec<[f64; 2]> = (0..500)
            .map(|_| {
                [
                    0.001 * (rng.unit() * 8000.0 - 4000.0).round(),
                    0.001 * (rng.unit() * 8000.0).round(),
                ]
            })
            .collect();
        let link = crate::link::hash(&Settings {
            data: Data::Points(Arc::new(placed)),
            ..s
        });
        assert!(link.len() < 8192, "{} bytes", link.len());
    }
}

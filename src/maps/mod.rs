//! Maps of many runs: where every start ends (basins, over a line of starts or a grid of them),
//! the final f against the learning rate (sweep), and against the rate and the momentum
//! (phase). Every cell is one run built as the page builds its runs
//! ([`Settings::lanes`], [`Settings::run_config`]) with one thing varied, bounded by the step
//! budget; the page and `descent basins | sweep | phase` print the same numbers.

mod basins;
mod job;

pub use basins::{classify, edge, rounded, swatch, tolerance, Basin, Minima, Swatch, MOST};
pub use job::Job;

use crate::objective::{Function, Objective, Point};
use crate::optim::{Hyper, HyperError};
use crate::run::{RunConfig, Runner, Stop};
use crate::settings::Settings;

/// What a map varies, over which ranges, with how many values along each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Axes {
    /// Starts x0 from `x[0]` to `x[1]`, evenly, ends included.
    Starts { x: [f64; 2], n: usize },
    /// Starts on an `n`×`n` grid: y0 outer (from `y[0]`), x0 inner.
    Grid { x: [f64; 2], y: [f64; 2], n: usize },
    /// Learning rates from `lr[0]` to `lr[1]`, evenly on a log axis, ends included.
    Rates { lr: [f64; 2], n: usize },
    /// Rates (log axis, inner) against momenta (evenly, outer), `n`×`n`.
    Phase {
        lr: [f64; 2],
        momentum: [f64; 2],
        n: usize,
    },
}

/// `n` values from `a` to `b`, evenly, both ends exact (one value: `a`).
pub fn even(a: f64, b: f64, n: usize, i: usize) -> f64 {
    match (n, i) {
        (0 | 1, _) | (_, 0) => a,
        _ if i + 1 == n => b,
        _ => a + (b - a) * i as f64 / (n - 1) as f64,
    }
}

/// `n` values from `a` to `b` evenly on a log axis, both ends exact: a·(b/a)^(i/(n − 1)).
/// (With this module's own [`ln`] and [`exp`]: the system's differ in the last bit between
/// the browser and the command line, whose numbers must be the same.)
pub fn log_even(a: f64, b: f64, n: usize, i: usize) -> f64 {
    match (n, i) {
        (0 | 1, _) | (_, 0) => a,
        _ if i + 1 == n => b,
        _ => exp(ln(a) + (ln(b) - ln(a)) * i as f64 / (n - 1) as f64),
    }
}

/// ln 2 in two parts, the first with its low bits zero, so that k·LN2_HI is exact.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);

/// The natural logarithm of a positive normal `x`, from + − × ÷ alone (the same bits on every
/// platform): x = m·2^e with m in [√½, √2), and ln m = 2·atanh(s), s = (m − 1)/(m + 1), by its
/// series.
pub fn ln(x: f64) -> f64 {
    if !(x > 0.0 && x.is_finite()) || x < f64::MIN_POSITIVE {
        return f64::NAN;
    }
    let bits = x.to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mut m = f64::from_bits((bits & ((1 << 52) - 1)) | (1023 << 52));
    if m > std::f64::consts::SQRT_2 {
        m /= 2.0;
        e += 1;
    }
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    // Σ s^(2k+1)/(2k+1), to k = 12: |s| < 0.172, so the next term is below 1e-20.
    let mut sum = 0.0;
    for k in (0..13).rev() {
        sum = sum * s2 + 1.0 / f64::from(2 * k + 1);
    }
    let e = e as f64;
    e * LN2_HI + (e * LN2_LO + 2.0 * s * sum)
}

/// e^y for y from −700 to 700, from + − × ÷ alone (the same bits on every platform):
/// y = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its series, times 2^k.
pub fn exp(y: f64) -> f64 {
    if y.is_nan() || y.abs() > 700.0 {
        return f64::NAN;
    }
    let k = (y / std::f64::consts::LN_2).round();
    let r = (y - k * LN2_HI) - k * LN2_LO;
    // Σ r^j/j!, to j = 17: |r| < 0.35, so the next term is below 1e-23.
    let mut sum = 1.0;
    for j in (1..18).rev() {
        sum = 1.0 + sum * r / f64::from(j);
    }
    sum * f64::from_bits(((k as i64 + 1023) as u64) << 52)
}

impl Axes {
    /// How many cells.
    pub fn len(&self) -> usize {
        match *self {
            Axes::Starts { n, .. } | Axes::Rates { n, .. } => n,
            Axes::Grid { n, .. } | Axes::Phase { n, .. } => n * n,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// What cell `i` varies: (x0, 0), (x0, y0), (η, 0) or (η, β).
    pub fn at(&self, i: usize) -> [f64; 2] {
        match *self {
            Axes::Starts { x, n } => [even(x[0], x[1], n, i), 0.0],
            Axes::Grid { x, y, n } => [even(x[0], x[1], n, i % n), even(y[0], y[1], n, i / n)],
            Axes::Rates { lr, n } => [log_even(lr[0], lr[1], n, i), 0.0],
            Axes::Phase { lr, momentum, n } => [
                log_even(lr[0], lr[1], n, i % n),
                even(momentum[0], momentum[1], n, i / n),
            ],
        }
    }
}

/// How one run of a map ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// What the run varied (see [`Axes::at`]).
    pub at: [f64; 2],
    /// Where it ended.
    pub end: Point,
    /// f there.
    pub f: f64,
    /// Updates made.
    pub steps: u64,
    pub stop: Stop,
}

/// A map of `settings` on `function`: the runs to make, one per cell.
#[derive(Debug, Clone)]
pub struct Map {
    function: Function,
    hyper: Hyper,
    config: RunConfig,
    pub axes: Axes,
}

impl Map {
    /// The map of `axes` for the first method of `settings` (the one method, or the race's
    /// first), stopping each run where |∇f| < `tolerance`.
    pub fn new(
        settings: &Settings,
        function: Function,
        axes: Axes,
        tolerance: f64,
    ) -> Result<Map, HyperError> {
        let hyper = settings
            .lanes()
            .first()
            .copied()
            .unwrap_or(settings.hyper());
        hyper.build()?;
        Ok(Map {
            function,
            hyper,
            config: settings.run_config(tolerance, 2),
            axes,
        })
    }

    pub fn function(&self) -> &Function {
        &self.function
    }

    /// Whether `other` makes the same runs: the same function, method, settings and axes,
    /// whatever the value each cell varies is set to (a basins map does not depend on the
    /// start, nor a sweep on the rate).
    pub fn same(&self, other: &Map) -> bool {
        let varied = |m: &Map| {
            let (mut h, mut c) = (m.hyper, m.config);
            match m.axes {
                Axes::Starts { .. } => c.start[0] = 0.0,
                Axes::Grid { .. } => (c.start[0], c.start[1]) = (0.0, 0.0),
                Axes::Rates { .. } => h.lr = 0.0,
                Axes::Phase { .. } => (h.lr, h.momentum) = (0.0, 0.0),
            }
            (h, c, m.axes)
        };
        let function = match (&self.function, &other.function) {
            (Function::Preset(a), Function::Preset(b)) => a == b,
            (Function::Typed(a), Function::Typed(b)) => std::sync::Arc::ptr_eq(a, b),
            (Function::Fit(a), Function::Fit(b)) => std::sync::Arc::ptr_eq(a, b),
            _ => false,
        };
        function && varied(self) == varied(other)
    }

    /// The number of variables of the function.
    pub fn dim(&self) -> usize {
        self.function.dim()
    }

    /// The run of cell `i`, before its first update; a rate or a momentum the method cannot
    /// use gives the cell at once, ended where it starts, as not finite.
    pub fn start(&self, i: usize) -> Result<Runner, Cell> {
        let at = self.axes.at(i);
        let mut hyper = self.hyper;
        let mut config = self.config;
        match self.axes {
            Axes::Starts { .. } => config.start[0] = at[0],
            Axes::Grid { .. } => (config.start[0], config.start[1]) = (at[0], at[1]),
            Axes::Rates { .. } => hyper.lr = at[0],
            Axes::Phase { .. } => (hyper.lr, hyper.momentum) = (at[0], at[1]),
        }
        match hyper.build() {
            Ok(optimizer) => Ok(Runner::new(&self.function, optimizer, config)),
            Err(_) => Err(Cell {
                at,
                end: config.start,
                f: f64::NAN,
                steps: 0,
                stop: Stop::NotFinite {
                    step: 0,
                    what: crate::run::NonFinite::Value,
                },
            }),
        }
    }

    /// Cell `i` as its run (from [`Map::start`]) stands.
    pub fn ended(&self, i: usize, runner: &Runner) -> Cell {
        let last = runner.current();
        Cell {
            at: self.axes.at(i),
            end: last.x,
            f: last.f,
            steps: last.step,
            stop: runner.stop().unwrap_or(Stop::Budget),
        }
    }

    /// Runs cell `i` to its end.
    pub fn cell(&self, i: usize) -> Cell {
        match self.start(i) {
            Ok(mut runner) => {
                runner.advance(&self.function, u64::MAX);
                self.ended(i, &runner)
            }
            Err(cell) => cell,
        }
    }

    /// Every cell, in order.
    pub fn cells(&self) -> Vec<Cell> {
        (0..self.axes.len()).map(|i| self.cell(i)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Mode;

    fn map(pairs: &[(&str, &str)], axes: Axes) -> Map {
        let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Strict);
        assert!(notes.is_empty(), "{notes:?}");
        Map::new(&s, s.function().unwrap(), axes, 1e-4).unwrap()
    }

    /// Within two units in the last place of the system's, over the rates a map spans.
    #[test]
    fn the_own_logarithm_and_exponential_are_accurate() {
        let ulps = |a: f64, b: f64| (a.to_bits() as i64 - b.to_bits() as i64).abs();
        let mut x = 1e-12;
        while x < 1e12 {
            assert!(
                ulps(ln(x), x.ln()) <= 2 || (ln(x) - x.ln()).abs() < 1e-16,
                "ln {x}"
            );
            x *= 1.0173;
        }
        let mut y = -40.0;
        while y < 40.0 {
            assert!(
                ulps(exp(y), y.exp()) <= 2,
                "exp {y}: {} {}",
                exp(y),
                y.exp()
            );
            y += 0.01371;
        }
        assert_eq!((ln(1.0), exp(0.0)), (0.0, 1.0));
        assert_eq!(LN2_HI + LN2_LO, std::f64::consts::LN_2);
        assert!(ln(0.0).is_nan() && ln(-1.0).is_nan() && exp(1e4).is_nan());
    }

    /// `ln` takes positive normal numbers, the smallest included (ln 2^−1022 = −1022·ln 2);
    /// anything else, subnormals, ∞ and NaN among them, is NaN rather than a number read off
    /// bits that are not a normal number's. `exp` takes −700 to 700, both ends included.
    #[test]
    fn the_own_logarithm_and_exponential_keep_to_their_ranges() {
        let min = f64::MIN_POSITIVE;
        assert_eq!(ln(min), -1022.0 * std::f64::consts::LN_2);
        assert_eq!(ln(min), min.ln());
        for x in [min / 2.0, 1e-310, 5e-324, f64::INFINITY, f64::NAN, -0.0] {
            assert!(ln(x).is_nan(), "ln {x:e}: {}", ln(x));
        }
        // e^±700, the ends of the range (to within two units in the last place of the
        // system's: 1.0142320547350045e304 and 9.85967654375977e-305).
        for y in [700.0f64, -700.0] {
            let (own, sys) = (exp(y), y.exp());
            assert!(
                (own.to_bits() as i64 - sys.to_bits() as i64).abs() <= 2,
                "exp {y}: {own:e} {sys:e}"
            );
        }
        assert!(exp(700.0 + 1e-9).is_nan() && exp(f64::NAN).is_nan());
    }

    #[test]
    fn values_are_even_on_their_axis_with_both_ends_exact() {
        assert_eq!(
            (0..5).map(|i| even(-2.0, 2.0, 5, i)).collect::<Vec<_>>(),
            [-2.0, -1.0, 0.0, 1.0, 2.0]
        );
        let rates: Vec<f64> = (0..4).map(|i| log_even(0.001, 1.0, 4, i)).collect();
        assert_eq!((rates[0], rates[3]), (0.001, 1.0));
        assert!((rates[1] - 0.01).abs() < 1e-15 && (rates[2] - 0.1).abs() < 1e-15);
        assert_eq!(even(3.0, 9.0, 1, 0), 3.0, "one value: the first end");
        // The last value is the end itself, not a + (b − a), which for 0.3..0.9 is
        // 0.9000000000000001 (`--x0 0.3..0.9` must print 0.9 in its last row).
        assert_ne!(0.3 + (0.9 - 0.3), 0.9);
        assert_eq!(even(0.3, 0.9, 3, 2), 0.9);
        let grid = Axes::Grid {
            x: [0.0, 1.0],
            y: [10.0, 20.0],
            n: 3,
        };
        assert_eq!(grid.len(), 9);
        assert!(!grid.is_empty());
        assert!(
            Axes::Rates {
                lr: [0.1, 1.0],
                n: 0
            }
            .is_empty(),
            "no values: no cells"
        );
        assert!(!Axes::Starts {
            x: [0.0, 1.0],
            n: 1
        }
        .is_empty());
        assert_eq!(grid.at(1), [0.5, 10.0], "x0 inner");
        assert_eq!(grid.at(3), [0.0, 15.0], "y0 outer");
        let phase = Axes::Phase {
            lr: [0.01, 1.0],
            momentum: [0.0, 0.9],
            n: 3,
        };
        assert_eq!(phase.at(5), [1.0, 0.45]);
    }

    /// Each cell is the run the page would make from that start or with that rate: the same
    /// end, bit for bit.
    #[test]
    fn a_cell_is_the_page_s_own_run() {
        let m = map(
            &[("preset", "local"), ("steps", "200")],
            Axes::Starts {
                x: [-2.0, 2.0],
                n: 5,
            },
        );
        for i in 0..5 {
            let c = m.cell(i);
            let x0 = -2.0 + i as f64;
            let (_, race) = crate::settings::finished(
                &[
                    ("preset", "local"),
                    ("steps", "200"),
                    ("x0", &x0.to_string()),
                ],
                1e-4,
            );
            let last = race.lanes()[0].runner.current();
            assert_eq!(
                (c.at[0], c.end, c.f, c.steps),
                (x0, last.x, last.f, last.step)
            );
        }
        let sweep = map(
            &[("preset", "post-quadratic")],
            Axes::Rates {
                lr: [0.01, 1.5],
                n: 3,
            },
        );
        let cells = sweep.cells();
        assert_eq!(cells[0].stop, Stop::Budget, "η = 0.01 crawls");
        assert!(cells[2].stop.diverged(), "η = 1.5 > 2/f″ = 1 diverges");
    }

    #[test]
    fn a_map_is_the_same_whatever_its_varied_value_is_set_to() {
        let starts = Axes::Starts {
            x: [-2.0, 2.0],
            n: 5,
        };
        let a = map(&[("preset", "local"), ("x0", "1")], starts);
        assert!(a.same(&map(&[("preset", "local"), ("x0", "-1")], starts)));
        assert!(!a.same(&map(&[("preset", "local"), ("lr", "0.02")], starts)));
        assert!(!a.same(&map(&[("preset", "wells")], starts)));
        let rates = Axes::Rates {
            lr: [0.01, 1.0],
            n: 5,
        };
        let b = map(&[("lr", "0.1")], rates);
        assert!(b.same(&map(&[("lr", "0.3")], rates)));
        assert!(!b.same(&map(&[("lr", "0.1"), ("x0", "3")], rates)));
        assert!(!b.same(&map(
            &[("lr", "0.1")],
            Axes::Rates {
                lr: [0.01, 1.0],
                n: 6
            }
        )));
        let phase = Axes::Phase {
            lr: [0.01, 1.0],
            momentum: [0.0, 0.9],
            n: 3,
        };
        let c = map(&[("method", "momentum"), ("momentum", "0.5")], phase);
        assert!(c.same(&map(
            &[("method", "momentum"), ("momentum", "0.2"), ("lr", "2")],
            phase
        )));
        assert!(!c.same(&map(&[("method", "nesterov")], phase)));
        let (s, _) = Settings::from_pairs([("f", "x^4")], Mode::Strict);
        let typed = Map::new(&s, s.function().unwrap(), rates, 1e-4).unwrap();
        assert!(typed.same(&typed.clone()), "the same typed function");
        let again = Map::new(&s, s.function().unwrap(), rates, 1e-4).unwrap();
        assert!(!typed.same(&again), "typed again: a new function");
    }

    #[test]
    fn a_rate_or_momentum_a_method_cannot_use_ends_its_cell_at_once() {
        let m = map(
            &[("method", "momentum")],
            Axes::Phase {
                lr: [0.1, 0.1],
                momentum: [0.5, 1.0],
                n: 2,
            },
        );
        let c = m.cell(3);
        assert_eq!(c.at, [0.1, 1.0]);
        assert!(c.stop.diverged() && c.steps == 0 && c.f.is_nan());
        assert!(!m.cell(0).stop.diverged());
    }
}

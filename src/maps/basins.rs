//! Where runs end: end points merged into minima (one colour each on the basins map, named in
//! its legend), and the edge of stability the learning-rate map marks.

use super::Cell;
use crate::objective::preset::Domain;
use crate::objective::{Objective, Point};
use crate::run::Stop;

/// One place runs end: the first end point found there, f at it, and how many runs end there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Basin {
    pub end: Point,
    pub f: f64,
    pub runs: usize,
}

/// How close two end points must be to count as the same minimum: a thousandth of the view's
/// larger side.
pub fn tolerance(domain: Domain) -> f64 {
    let w = (domain.x[1] - domain.x[0]).abs();
    let h = (domain.y[1] - domain.y[0]).abs();
    1e-3 * w.max(h)
}

/// The most minima told apart: past them, runs that converge elsewhere (a flat function's
/// every start) are counted, not named, so that a map costs at most this much per cell.
pub const MOST: usize = 512;

/// The minima runs end at, found as their cells come in (so that a map computed a little at a
/// time classifies each cell once). A minimum is where a run converged; end points within `tol`
/// of it (in every one of the `dim` coordinates) are that minimum, also those of runs that ran
/// out of budget there, whenever that minimum is found. A run that diverged, or that stopped
/// elsewhere before converging, has none.
#[derive(Debug, Clone, PartialEq)]
pub struct Minima {
    dim: usize,
    tol: f64,
    /// In the order they were found.
    basins: Vec<Basin>,
    /// For each cell seen, its minimum (an index into `basins`).
    which: Vec<Option<usize>>,
    /// Cells out of budget near no minimum yet.
    pending: Vec<usize>,
    /// Runs that converged past the first [`MOST`] minima.
    elsewhere: usize,
}

impl Minima {
    pub fn new(dim: usize, tol: f64) -> Minima {
        Minima {
            dim,
            tol,
            basins: Vec::new(),
            which: Vec::new(),
            pending: Vec::new(),
            elsewhere: 0,
        }
    }

    /// Takes in the cells of `cells` not seen yet (`cells` grows; its start never changes).
    pub fn add(&mut self, cells: &[Cell]) {
        let (dim, tol) = (self.dim, self.tol);
        let near = |b: &Basin, c: &Cell| (0..dim).all(|i| (b.end[i] - c.end[i]).abs() <= tol);
        let found = self.basins.len();
        for (i, c) in cells.iter().enumerate().skip(self.which.len()) {
            self.which.push(None);
            if c.stop.diverged() || !c.f.is_finite() {
                continue;
            }
            let converged = matches!(c.stop, Stop::Converged { .. });
            let k = match self.basins.iter().position(|b| near(b, c)) {
                Some(k) => k,
                None if converged && self.basins.len() < MOST => {
                    self.basins.push(Basin {
                        end: c.end,
                        f: c.f,
                        runs: 0,
                    });
                    self.basins.len() - 1
                }
                None if converged => {
                    self.elsewhere += 1;
                    continue;
                }
                None => {
                    self.pending.push(i);
                    continue;
                }
            };
            self.basins[k].runs += 1;
            self.which[i] = Some(k);
        }
        // The runs out of budget near a minimum found just now.
        if self.basins.len() > found {
            let (basins, which) = (&mut self.basins, &mut self.which);
            self.pending.retain(|&i| {
                match basins[found..].iter().position(|b| near(b, &cells[i])) {
                    Some(k) => {
                        basins[found + k].runs += 1;
                        which[i] = Some(found + k);
                        false
                    }
                    None => true,
                }
            });
        }
    }

    /// How many runs converged at places past the first [`MOST`] minima.
    pub fn elsewhere(&self) -> usize {
        self.elsewhere
    }

    /// The minima, lowest f first, and for each cell seen the rank of its minimum.
    pub fn ranked(&self) -> (Vec<Basin>, Vec<Option<usize>>) {
        let basins = &self.basins;
        // (An insertion sort: the standard sort would add kilobytes to the web module.)
        let mut order: Vec<usize> = Vec::with_capacity(basins.len());
        for k in 0..basins.len() {
            let at = order
                .iter()
                .position(|&o| basins[k].f.total_cmp(&basins[o].f).is_lt())
                .unwrap_or(order.len());
            order.insert(at, k);
        }
        let mut rank = vec![0; basins.len()];
        for (r, &k) in order.iter().enumerate() {
            rank[k] = r;
        }
        let sorted = order.iter().map(|&k| basins[k]).collect();
        let which = self.which.iter().map(|w| w.map(|k| rank[k])).collect();
        (sorted, which)
    }
}

/// The minima the runs of `cells` end at, lowest f first (the global minimum's colour is the
/// first colour), and for each cell the index of its minimum: see [`Minima`].
pub fn classify(cells: &[Cell], dim: usize, tol: f64) -> (Vec<Basin>, Vec<Option<usize>>) {
    let mut m = Minima::new(dim, tol);
    m.add(cells);
    m.ranked()
}

/// `v` rounded to the power of ten at or below `tol`, the tolerance that merges end points: a
/// minimum named as precisely as the map tells minima apart (−8·10⁻⁵ within 0.016 is 0).
pub fn rounded(v: f64, tol: f64) -> f64 {
    if !(tol > 0.0 && tol.is_finite() && v.is_finite()) {
        return v;
    }
    let step = 10f64.powi(tol.log10().floor() as i32);
    (v / step).round() * step + 0.0
}

/// The largest learning rate that keeps gradient descent stable at `at`: 2/f″ (2/λmax of the
/// Hessian in two variables); none where f does not curve upward (or past two variables).
pub fn edge(f: &dyn Objective, at: &[f64]) -> Option<f64> {
    let c = f.curvature(&at[..f.dim().min(at.len())]);
    (c > 0.0 && c.is_finite()).then(|| 2.0 / c)
}

/// How a cell of a map is drawn, and what an entry of its key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// The minimum of this rank (0: the lowest).
    Basin(usize),
    /// Stopped before converging, away from every minimum.
    Unsettled,
    /// Converged at one of more places than [`MOST`].
    Elsewhere,
    /// Diverged: escaped, or f became undefined on the way.
    Diverged,
    /// f is undefined where the run starts.
    Hole,
}

/// How cell `c` of a map is drawn, given its minimum.
pub fn swatch(c: &Cell, which: Option<usize>) -> Swatch {
    match (which, c.stop) {
        (Some(k), _) => Swatch::Basin(k),
        (None, Stop::Converged { .. }) => Swatch::Elsewhere,
        (None, Stop::NotFinite { step: 0, .. }) => Swatch::Hole,
        (None, s) if s.diverged() => Swatch::Diverged,
        (None, _) => Swatch::Unsettled,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Axes, Map};
    use super::*;
    use crate::run::Stop;
    use crate::settings::{Mode, Settings};

    fn cell(x: f64, f: f64, stop: Stop) -> Cell {
        Cell {
            at: [0.0, 0.0],
            end: crate::objective::point(&[x, 0.0]),
            f,
            steps: 10,
            stop,
        }
    }

    #[test]
    fn end_points_within_the_tolerance_are_one_minimum_lowest_first() {
        let cells = [
            cell(1.13, -1.07, Stop::Budget),
            cell(-1.30, -3.51, Stop::Converged { step: 40 }),
            cell(1.1305, -1.0701, Stop::Converged { step: 50 }),
            cell(9e9, 1e30, Stop::Escaped { step: 3 }),
            cell(-1.3001, -3.51, Stop::Budget),
        ];
        let (basins, which) = classify(&cells, 1, 0.01);
        assert_eq!(basins.len(), 2);
        assert_eq!(
            (basins[0].end[0], basins[0].runs),
            (-1.30, 2),
            "the global one first"
        );
        assert_eq!((basins[1].end[0], basins[1].runs), (1.1305, 2));
        assert_eq!(which, [Some(1), Some(0), Some(1), None, Some(0)]);
        // A tighter tolerance tells 1.13 and 1.1305 apart: the run out of budget at 1.13
        // has not found a minimum.
        let (tight, which) = classify(&cells, 1, 1e-4);
        assert_eq!(tight.len(), 2);
        assert_eq!(which, [None, Some(0), Some(1), None, Some(0)]);
        let wandering = [cell(0.5, 2.0, Stop::Budget)];
        assert_eq!(classify(&wandering, 1, 0.1), (vec![], vec![None]));
        let nan = [cell(0.0, f64::NAN, Stop::Budget)];
        assert_eq!(classify(&nan, 1, 0.1).1, [None], "f undefined: a hole");
        // A run that diverged has no minimum, even one that ends beside a minimum with f
        // defined there (its gradient became undefined on the last step); and neither has a
        // run out of budget with f undefined where it ends, however close to a minimum.
        let beside = [
            cell(-1.30, -3.51, Stop::Converged { step: 40 }),
            cell(
                -1.3001,
                -3.51,
                Stop::NotFinite {
                    step: 7,
                    what: crate::run::NonFinite::Gradient,
                },
            ),
            cell(-1.3001, f64::NAN, Stop::Budget),
        ];
        let (basins, which) = classify(&beside, 1, 0.01);
        assert_eq!((basins.len(), basins[0].runs), (1, 1));
        assert_eq!(which, [Some(0), None, None]);
        assert_eq!(swatch(&beside[1], which[1]), Swatch::Diverged);
    }

    /// A thousandth of the view's larger side, whichever it is and wherever the view lies.
    #[test]
    fn the_tolerance_is_a_thousandth_of_the_view_s_larger_side() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-15;
        // `local`'s view, −2.2 to 2.2: 4.4 wide.
        assert!(close(
            tolerance(Domain::new([-2.2, 2.2], [-2.2, 2.2])),
            0.0044
        ));
        // 10 wide (1 to 11) and 1 high.
        assert!(close(tolerance(Domain::new([1.0, 11.0], [0.0, 1.0])), 0.01));
        // 1 wide and 10 high (2 to 12).
        assert!(close(tolerance(Domain::new([0.0, 1.0], [2.0, 12.0])), 0.01));
    }

    /// The post's quartic `local`: starts left of the hump at x ≈ 0.17 end in the global
    /// minimum near −1.30, starts right of it in the local one near 1.13.
    #[test]
    fn the_basins_of_local_split_at_its_hump() {
        let (s, _) = Settings::from_pairs([("preset", "local"), ("steps", "500")], Mode::Strict);
        let m = Map::new(
            &s,
            s.function().unwrap(),
            Axes::Starts {
                x: [-2.0, 2.0],
                n: 41,
            },
            1e-4,
        )
        .unwrap();
        let cells = m.cells();
        let (basins, which) = classify(&cells, 1, tolerance(s.domain()));
        assert_eq!(basins.len(), 2, "{basins:?}");
        assert!(
            (basins[0].end[0] + 1.3008).abs() < 1e-3 && (basins[1].end[0] - 1.1309).abs() < 1e-3
        );
        let split = which.iter().position(|w| *w == Some(1)).unwrap();
        assert!(which[..split].iter().all(|w| *w == Some(0)));
        assert!(which[split..].iter().all(|w| *w == Some(1)));
        assert!(
            (cells[split].at[0] - 0.2).abs() < 1e-9,
            "first start in the local basin"
        );
    }

    #[test]
    fn minima_are_named_as_precisely_as_the_map_tells_them_apart() {
        assert_eq!(rounded(-8.015e-5, 0.016), 0.0);
        assert!(rounded(-8.015e-5, 0.016).is_sign_positive(), "no −0");
        assert_eq!(crate::fmt::brief(rounded(-1.30084, 0.0044)), "−1.301");
        assert_eq!(rounded(123.456, 20.0), 120.0);
        assert_eq!(rounded(2.5, 0.0), 2.5, "no tolerance: as it is");
    }

    #[test]
    fn the_edge_is_two_over_the_curvature() {
        let (s, _) = Settings::from_pairs([("preset", "post-quadratic")], Mode::Strict);
        let f = s.function().unwrap();
        assert_eq!(
            edge(&f, &[4.0]),
            Some(1.0),
            "η = 1 = 2/f″ on the post's parabola"
        );
        let bowl = Settings::from_pairs([("preset", "bowl")], Mode::Strict).0;
        assert_eq!(edge(&bowl.function().unwrap(), &[0.0, 0.0]), Some(1.0));
        let line = crate::objective::expr::Expr::parse("3*x").unwrap();
        assert_eq!(edge(&line, &[1.0]), None, "a straight line has no edge");
    }
}

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

/// The minima the runs of `cells` end at, lowest f first, and for each cell the index of its
/// minimum. A minimum is where a run converged; end points within `tol` of it (in every one
/// of the `dim` coordinates) are that minimum, also those of runs that ran out of budget
/// there. A run that diverged, or that stopped elsewhere before converging, has none.
pub fn classify(cells: &[Cell], dim: usize, tol: f64) -> (Vec<Basin>, Vec<Option<usize>>) {
    let mut basins: Vec<Basin> = Vec::new();
    let near = |b: &Basin, c: &Cell| (0..dim).all(|i| (b.end[i] - c.end[i]).abs() <= tol);
    for c in cells {
        let converged = matches!(c.stop, crate::run::Stop::Converged { .. });
        if converged && c.f.is_finite() && !basins.iter().any(|b| near(b, c)) {
            basins.push(Basin {
                end: c.end,
                f: c.f,
                runs: 0,
            });
        }
    }
    let mut which = Vec::with_capacity(cells.len());
    for c in cells {
        let k = (!c.stop.diverged() && c.f.is_finite())
            .then(|| basins.iter().position(|b| near(b, c)))
            .flatten();
        if let Some(k) = k {
            basins[k].runs += 1;
        }
        which.push(k);
    }
    // Lowest f first: the global minimum's colour is the first colour.
    // (An insertion sort: a map has a handful of minima, and the standard sort would add
    // kilobytes to the web module.)
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
    let which = which.into_iter().map(|w| w.map(|k| rank[k])).collect();
    (sorted, which)
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
    /// Diverged: escaped, or f became undefined on the way.
    Diverged,
    /// f is undefined where the run starts.
    Hole,
}

/// How cell `c` of a map is drawn, given its minimum.
pub fn swatch(c: &Cell, which: Option<usize>) -> Swatch {
    match (which, c.stop) {
        (Some(k), _) => Swatch::Basin(k),
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

//! The static layer: axes, grid and the curve f(x), drawn once per change of function, view,
//! size or theme.

use super::axes::{draw_axes, Axes, Margins};
use super::{coord, tick, Frame, Theme};
use crate::objective::Objective;
use plotters::coord::Shift;
use plotters::prelude::*;

/// f sampled across the view, with the vertical range that shows it well.
#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    /// (x, f(x)); f is NaN where it is not defined.
    pub points: Vec<(f64, f64)>,
    /// The vertical range to show.
    pub y: [f64; 2],
}

impl Curve {
    /// How many samples a curve drawn `width` device pixels wide takes: one per two pixels,
    /// from 200 to 1200.
    pub fn samples(width: u32) -> usize {
        (width as usize / 2).clamp(200, 1200)
    }

    /// Samples f at `n` evenly spaced x across `x`. The vertical range covers every finite
    /// value, unless a few values (near a pole) would squash the rest: then it covers the
    /// middle 90% of them.
    pub fn sample(f: &dyn Objective, x: [f64; 2], n: usize) -> Curve {
        let n = n.max(2);
        let xs: Vec<f64> = (0..n)
            .map(|i| x[0] + (x[1] - x[0]) * i as f64 / (n - 1) as f64)
            .collect();
        let mut values = Vec::with_capacity(n);
        f.values(&xs, 0.0, &mut values);
        let points: Vec<(f64, f64)> = xs.into_iter().zip(values).collect();
        let y = value_range(points.iter().map(|p| p.1).collect());
        Curve { points, y }
    }

    /// Runs of consecutive defined points, to draw as separate lines.
    pub fn pieces(&self) -> impl Iterator<Item = &[(f64, f64)]> {
        self.points
            .split(|p| p.1.is_nan())
            .filter(|run| run.len() > 1)
    }
}

/// A padded range covering `values` (robust to a few extreme ones); [-1, 1] if none is finite.
/// (It takes a vector, not any iterator, so that the web module has one copy of it.)
pub fn value_range(all: Vec<f64>) -> [f64; 2] {
    let mut v = Vec::with_capacity(all.len());
    for x in all {
        if x.is_finite() {
            v.push(x);
        }
    }
    if v.is_empty() {
        return [-1.0, 1.0];
    }
    sort_floats(&mut v);
    let q = |p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    let (lo, hi) = (v[0], v[v.len() - 1]);
    let (qlo, qhi) = (q(0.05), q(0.95));
    let (lo, hi) = if (qhi - qlo) * 8.0 < hi - lo {
        (qlo, qhi)
    } else {
        (lo, hi)
    };
    let span = hi - lo;
    let pad = if span > 0.0 {
        span * 0.08
    } else {
        lo.abs().max(1.0) * 0.5
    };
    [lo - pad, hi + pad]
}

/// Sorts `v` in the total order of floats (a heap sort: the standard sort would add
/// kilobytes to the web module, and these are a few thousand values at most).
pub fn sort_floats(v: &mut [f64]) {
    let sift = |v: &mut [f64], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child].total_cmp(&v[child + 1]).is_lt() {
            child += 1;
        }
        if v[root].total_cmp(&v[child]).is_ge() {
            return;
        }
        v.swap(root, child);
        root = child;
    };
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift(v, 0, end);
    }
}

/// Draws the background, the axes with their grid and labels, and the curve. Returns where
/// the data sits, for the moving layer and for pointer events.
pub fn draw_curve<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    curve: &Curve,
    x: [f64; 2],
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let axes = Axes {
        x,
        y: curve.y,
        counts: (7, 5),
        margins: Margins {
            left: 52.0,
            top: 10.0,
            right: 14.0,
            bottom: 26.0,
        },
        label: &|v| tick(&v),
        log_x: false,
        font: 12.0,
    };
    let frame = draw_axes(area, &axes, theme)?;
    // The line f = 0, when it is in view, a little stronger than the grid.
    if curve.y[0] < 0.0 && curve.y[1] > 0.0 {
        let y0 = frame.to_px([x[0], 0.0]).1;
        let (l, r) = (frame.rect[0], frame.rect[2]);
        area.draw(&PathElement::new(
            vec![coord((l, y0)), coord((r, y0))],
            theme.muted.mix(0.5).stroke_width(theme.line(1.0)),
        ))?;
    }
    let style = theme.curve.stroke_width(theme.line(2.5));
    for piece in curve.pieces() {
        for run in clipped_runs(&frame, piece) {
            area.draw(&PathElement::new(run, style))?;
        }
    }
    Ok(frame)
}

/// The polyline through `points` (data), cut to the plot rectangle, as pixel runs.
fn clipped_runs(frame: &Frame, points: &[(f64, f64)]) -> Vec<Vec<(i32, i32)>> {
    let mut runs: Vec<Vec<(i32, i32)>> = Vec::new();
    let mut open = false;
    for w in points.windows(2) {
        let (a, b) = (frame.to_px([w[0].0, w[0].1]), frame.to_px([w[1].0, w[1].1]));
        match frame.clip(a, b) {
            Some((ca, cb)) => {
                if !open || ca != a {
                    runs.push(vec![coord(ca)]);
                }
                if let Some(run) = runs.last_mut() {
                    run.push(coord(cb));
                }
                open = cb == b;
            }
            None => open = false,
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_sort_in_their_total_order() {
        let mut seed = 12345u64;
        for n in [0, 1, 2, 3, 10, 257, 2048] {
            let mut v: Vec<f64> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 1e3
                })
                .collect();
            if n > 3 {
                v[1] = -0.0;
                v[2] = 0.0;
                v[3] = v[0];
            }
            let mut want = v.clone();
            want.sort_by(f64::total_cmp);
            sort_floats(&mut v);
            assert_eq!(v, want, "{n} values");
        }
    }
    use crate::objective::{Expr, Preset};
    use crate::render::recorder::{Op, Recorder};

    #[test]
    fn samples_cover_the_view_and_skip_undefined_values() {
        let f = Expr::parse("ln(x)").unwrap();
        let c = Curve::sample(&f, [-1.0, 1.0], 201);
        assert_eq!(c.points.len(), 201);
        assert_eq!(c.points[0].0, -1.0);
        assert_eq!(c.points[200].0, 1.0);
        assert!(c.points[..100].iter().all(|p| p.1.is_nan()));
        assert_eq!(c.pieces().count(), 1);
    }

    #[test]
    fn a_pole_does_not_flatten_the_rest() {
        let f = Expr::parse("1/x").unwrap();
        let c = Curve::sample(&f, [-1.0, 1.0], 200);
        assert!(c.y[1] < 20.0, "{:?}", c.y);
        let q = Curve::sample(&Preset::Quadratic, [-10.0, 10.0], 101);
        assert!(q.y[0] < 0.0 && q.y[1] > 100.0);
    }

    #[test]
    fn draws_axes_labels_and_a_curve_inside_the_plot() {
        let mut rec = Recorder::new(800, 450);
        let curve = Curve::sample(&Preset::Quadratic, [-10.0, 10.0], 400);
        let frame = draw_curve(&rec.area(), &curve, [-10.0, 10.0], &Theme::light()).unwrap();
        let ops = rec.take();
        assert!(frame.rect[0] > 30.0 && frame.rect[2] < 800.0);
        let texts: Vec<&str> = ops.iter().filter_map(Op::text).collect();
        assert!(texts.contains(&"−10") && texts.contains(&"10"), "{texts:?}");
        // The curve: a path in the curve colour whose points stay in the plot rectangle.
        let curve_points: Vec<(i32, i32)> = ops
            .iter()
            .filter_map(|op| op.path_in(Theme::light().curve))
            .flatten()
            .collect();
        assert!(curve_points.len() > 100);
        for &(px, py) in &curve_points {
            assert!(
                frame.contains((f64::from(px), f64::from(py))),
                "({px}, {py})"
            );
        }
        // Its lowest pixels sit around the minimum at x = 0.
        let bottom = curve_points.iter().map(|p| p.1).max().unwrap();
        let lowest: Vec<f64> = curve_points
            .iter()
            .filter(|p| p.1 == bottom)
            .map(|p| frame.to_data((f64::from(p.0), f64::from(p.1)))[0])
            .collect();
        let mid = lowest.iter().sum::<f64>() / lowest.len() as f64;
        assert!(mid.abs() < 0.1, "{lowest:?}");
    }
}

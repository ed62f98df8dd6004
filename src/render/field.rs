//! f(x, y) over the plane: sampled once on a grid, coloured by a colour-blind-safe map
//! (viridis), and cut into contour lines at levels that split the view into bands of equal
//! area, so that Rosenbrock's flat valley shows as clearly as a round bowl.

use super::axes::{draw_axes, Axes, Margins};
use super::curve::value_range;
use super::{coord, tick, Frame, Theme};
use crate::objective::Objective;
use plotters::coord::Shift;
use plotters::prelude::*;

/// How many contour levels are drawn.
pub const LEVELS: usize = 12;

/// f sampled on an `nx` × `ny` grid over `x` × `y` (row 0 at the bottom, y = y[0]).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub nx: usize,
    pub ny: usize,
    pub x: [f64; 2],
    pub y: [f64; 2],
    /// Row by row; NaN where f is not defined.
    pub values: Vec<f64>,
    /// The contour levels, increasing.
    pub levels: Vec<f64>,
    /// The finite values, sorted (for colouring by rank).
    sorted: Vec<f64>,
}

/// Viridis at nine evenly spaced points: dark blue to yellow, readable with every common form
/// of colour blindness and in grey.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

/// The colour of `t` in [0, 1] on the viridis scale.
pub fn viridis(t: f64) -> (u8, u8, u8) {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) } * (VIRIDIS.len() - 1) as f64;
    let k = (t.floor() as usize).min(VIRIDIS.len() - 2);
    let f = t - k as f64;
    let (a, b) = (VIRIDIS[k], VIRIDIS[k + 1]);
    let mix = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl Field {
    /// Samples f at the centres of an `nx` × `ny` grid of cells over `x` × `y`.
    pub fn sample(f: &dyn Objective, x: [f64; 2], y: [f64; 2], nx: usize, ny: usize) -> Field {
        let (nx, ny) = (nx.max(2), ny.max(2));
        let at =
            |r: [f64; 2], i: usize, n: usize| r[0] + (r[1] - r[0]) * (i as f64 + 0.5) / n as f64;
        let mut values = Vec::with_capacity(nx * ny);
        for j in 0..ny {
            let yj = at(y, j, ny);
            for i in 0..nx {
                let v = f.value([at(x, i, nx), yj]);
                values.push(if v.is_finite() { v } else { f64::NAN });
            }
        }
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_unstable_by(f64::total_cmp);
        let levels = if sorted.is_empty() {
            Vec::new()
        } else {
            let mut levels: Vec<f64> = (1..=LEVELS)
                .map(|k| sorted[(sorted.len() - 1) * k / (LEVELS + 1)])
                .collect();
            levels.dedup();
            levels
        };
        Field {
            nx,
            ny,
            x,
            y,
            values,
            levels,
            sorted,
        }
    }

    fn value(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.nx + i]
    }

    /// Where `v` ranks among the sampled values, from 0 (lowest) to 1 (highest).
    pub fn rank(&self, v: f64) -> f64 {
        if self.sorted.len() < 2 || v.is_nan() {
            return 0.0;
        }
        let below = self.sorted.partition_point(|s| *s < v);
        below as f64 / (self.sorted.len() - 1) as f64
    }

    /// The image of the field: RGBA, top row first (as a canvas wants it), coloured by rank
    /// on viridis; undefined points are transparent.
    pub fn rgba(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.nx * self.ny * 4);
        for j in (0..self.ny).rev() {
            for i in 0..self.nx {
                let v = self.value(i, j);
                let (r, g, b) = viridis(self.rank(v));
                out.extend([r, g, b, if v.is_nan() { 0 } else { 255 }]);
            }
        }
        out
    }

    /// The contour lines at every level, as polylines in data coordinates (marching squares,
    /// the segments of each level joined end to end).
    pub fn contours(&self) -> Vec<Vec<[f64; 2]>> {
        let mut lines = Vec::new();
        for &level in &self.levels {
            lines.extend(self.contour(level));
        }
        lines
    }

    fn contour(&self, level: f64) -> Vec<Vec<[f64; 2]>> {
        let (nx, ny) = (self.nx, self.ny);
        let cell_x = |i: f64| self.x[0] + (self.x[1] - self.x[0]) * (i + 0.5) / nx as f64;
        let cell_y = |j: f64| self.y[0] + (self.y[1] - self.y[0]) * (j + 0.5) / ny as f64;
        // Where the level crosses the edge from node (i, j) to its right or upper neighbour.
        let crossing = |i: usize, j: usize, horizontal: bool| -> Option<[f64; 2]> {
            let (a, b) = if horizontal {
                (self.value(i, j), self.value(i + 1, j))
            } else {
                (self.value(i, j), self.value(i, j + 1))
            };
            if !(a.is_finite() && b.is_finite()) || (a < level) == (b < level) {
                return None;
            }
            let t = (level - a) / (b - a);
            Some(if horizontal {
                [cell_x(i as f64 + t), cell_y(j as f64)]
            } else {
                [cell_x(i as f64), cell_y(j as f64 + t)]
            })
        };
        let edge =
            |i: usize, j: usize, horizontal: bool| (j * nx + i) * 2 + usize::from(horizontal);
        // Segments between edges, and for each edge the (at most two) segments that end on it.
        let mut segments: Vec<[usize; 2]> = Vec::new();
        let mut point: Vec<[f64; 2]> = vec![[f64::NAN; 2]; nx * ny * 2];
        let mut at: Vec<[u32; 2]> = vec![[u32::MAX; 2]; nx * ny * 2];
        for j in 0..ny - 1 {
            for i in 0..nx - 1 {
                let sides = [
                    (i, j, true),
                    (i + 1, j, false),
                    (i, j + 1, true),
                    (i, j, false),
                ];
                let mut cut = [0usize; 4];
                let mut n = 0;
                for (a, b, h) in sides {
                    if let Some(p) = crossing(a, b, h) {
                        cut[n] = edge(a, b, h);
                        point[cut[n]] = p;
                        n += 1;
                    }
                }
                // Two crossings make a segment; four (a saddle) make two, paired in order
                // around the cell.
                for pair in cut[..n].chunks_exact(2) {
                    let k = segments.len() as u32;
                    segments.push([pair[0], pair[1]]);
                    for &e in pair {
                        let slot = &mut at[e];
                        if slot[0] == u32::MAX {
                            slot[0] = k;
                        } else {
                            slot[1] = k;
                        }
                    }
                }
            }
        }
        // Join them end to end.
        let mut used = vec![false; segments.len()];
        let mut lines = Vec::new();
        for start in 0..segments.len() {
            if used[start] {
                continue;
            }
            used[start] = true;
            let mut chain = std::collections::VecDeque::from(segments[start]);
            for forward in [true, false] {
                loop {
                    let tip = if forward {
                        chain[chain.len() - 1]
                    } else {
                        chain[0]
                    };
                    let next = at[tip]
                        .into_iter()
                        .find(|&k| k != u32::MAX && !used[k as usize]);
                    let Some(k) = next else { break };
                    used[k as usize] = true;
                    let [p, q] = segments[k as usize];
                    let other = if p == tip { q } else { p };
                    if forward {
                        chain.push_back(other);
                    } else {
                        chain.push_front(other);
                    }
                }
            }
            lines.push(chain.iter().map(|&e| point[e]).collect());
        }
        lines
    }
}

/// The margins around a plot of the plane (the same as the curve's).
const MARGINS: Margins = Margins {
    left: 52.0,
    top: 10.0,
    right: 14.0,
    bottom: 26.0,
};

/// Draws the axes of the plane for the view `x` × `y`, widened so both axes have the same
/// scale (circles stay round). Returns where the data sits; the field goes in its rectangle.
pub fn draw_plane_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x: [f64; 2],
    y: [f64; 2],
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let width = f64::from(w) - theme.px(MARGINS.left + MARGINS.right);
    let height = f64::from(h) - theme.px(MARGINS.top + MARGINS.bottom);
    let (x, y) = equal_scales(x, y, width, height);
    let axes = Axes {
        x,
        y,
        counts: (7, 5),
        margins: MARGINS,
        label: &|v| tick(&v),
        font: 12.0,
    };
    draw_axes(area, &axes, theme)
}

impl Field {
    /// A vertical range for f that covers most of the field (robust to a few huge values).
    pub fn range(&self) -> [f64; 2] {
        value_range(self.sorted.iter().copied())
    }
}

/// Draws the contour lines over the plot, in a colour that reads on every shade of viridis.
pub fn draw_contours<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    field: &Field,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = WHITE
        .mix(0.55)
        .stroke_width(theme.px(1.0).round().max(1.0) as u32);
    for line in field.contours() {
        let px: Vec<(i32, i32)> = line
            .iter()
            .map(|p| coord(frame.clamp(frame.to_px(*p))))
            .collect();
        if px.len() > 1 {
            area.draw(&PathElement::new(px, style))?;
        }
    }
    Ok(())
}

/// Ranges that show `x` × `y` with equal scales on both axes in a plot of `width` × `height`
/// pixels: the range that would be squashed is widened about its centre.
pub fn equal_scales(x: [f64; 2], y: [f64; 2], width: f64, height: f64) -> ([f64; 2], [f64; 2]) {
    let (sx, sy) = ((x[1] - x[0]) / width, (y[1] - y[0]) / height);
    let s = sx.max(sy);
    let widen = |r: [f64; 2], px: f64| {
        let (c, half) = (0.5 * (r[0] + r[1]), 0.5 * s * px);
        [c - half, c + half]
    };
    if !(s.is_finite() && s > 0.0 && width > 0.0 && height > 0.0) {
        return (x, y);
    }
    (widen(x, width), widen(y, height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::Preset;

    #[test]
    fn a_round_bowl_has_round_contours_at_equal_area_levels() {
        let f = Field::sample(&Preset::Bowl, [-3.0, 3.0], [-3.0, 3.0], 61, 61);
        assert_eq!(f.levels.len(), LEVELS);
        assert!(f.levels.windows(2).all(|w| w[0] < w[1]));
        for &level in &f.levels {
            let lines = f.contour(level);
            for p in lines.iter().flatten() {
                let r2 = p[0] * p[0] + p[1] * p[1];
                assert!(
                    (r2 - level).abs() < 0.1 * level.max(1.0),
                    "{p:?} on level {level}"
                );
            }
            if level < 8.0 {
                // A circle inside the view: one ring that closes on itself.
                assert_eq!(lines.len(), 1, "level {level}");
                let (a, b) = (lines[0][0], lines[0][lines[0].len() - 1]);
                assert!((a[0] - b[0]).hypot(a[1] - b[1]) < 0.2, "the ring closes");
            } else {
                // A circle the square cuts: one arc per corner.
                assert_eq!(lines.len(), 4, "level {level}");
            }
        }
    }

    #[test]
    fn colours_rank_the_values_and_holes_are_transparent() {
        let f = Field::sample(
            &crate::objective::Expr::parse("ln(x) + y").unwrap(),
            [-1.0, 1.0],
            [0.0, 1.0],
            20,
            10,
        );
        let img = f.rgba();
        assert_eq!(img.len(), 20 * 10 * 4);
        // Left half (x < 0) is undefined: transparent.
        assert_eq!(img[3], 0);
        assert_eq!(img[4 * 19 + 3], 255);
        assert_eq!(viridis(0.0), VIRIDIS[0]);
        assert_eq!(viridis(1.0), VIRIDIS[8]);
        assert_eq!(f.rank(f64::NEG_INFINITY), 0.0);
    }

    #[test]
    fn equal_scales_widen_the_short_side() {
        let (x, y) = equal_scales([-3.0, 3.0], [-3.0, 3.0], 800.0, 400.0);
        assert_eq!(y, [-3.0, 3.0]);
        assert_eq!(x, [-6.0, 6.0]);
    }
}

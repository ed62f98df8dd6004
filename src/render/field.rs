//! f(x, y) over the plane: sampled once on a grid, coloured by a colour-blind-safe map
//! (viridis), and cut into contour lines at levels that split the view into bands of equal
//! area, so that Rosenbrock's flat valley shows as clearly as a round bowl.

use super::axes::{draw_axes, Axes, Margins};
use super::{coord, tick, Frame, Theme};
use crate::objective::Objective;
use plotters::coord::Shift;
use plotters::prelude::*;

/// How many contour levels are drawn.
pub const LEVELS: usize = 12;

/// f sampled on an `nx` × `ny` grid over `x` × `y` (row 0 at the bottom, y = `y[0]`), with
/// everything drawn from it computed once: the image and the contour lines.
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
    /// The finite values at ranks 0, 1/256, …, 1 (for colouring by rank).
    quantiles: Vec<f64>,
    /// The image: RGBA, top row first (as a canvas wants it).
    pub image: Vec<u8>,
    /// The contour lines at every level, as polylines in data coordinates.
    pub lines: Vec<Vec<[f64; 2]>>,
}

/// Ranks and levels are read from at most this many of the values, evenly spread over the
/// grid: sorting all 90 000 of a 300 × 300 grid would cost more than everything else.
const RANKED: usize = 2048;

/// How many bands of rank the colour map is cut into (more than the eye tells apart).
const BANDS: usize = 256;

/// The count of levels below a point where f is undefined.
const HOLE: u8 = u8::MAX;

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
    let t = if t.is_nan() {
        0.0
    } else {
        crate::within(t, 0.0, 1.0)
    } * (VIRIDIS.len() - 1) as f64;
    let k = (t.floor() as usize).min(VIRIDIS.len() - 2);
    let f = t - k as f64;
    let (a, b) = (VIRIDIS[k], VIRIDIS[k + 1]);
    let mix = |p: u8, q: u8| (f64::from(p) + (f64::from(q) - f64::from(p)) * f).round() as u8;
    (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

impl Field {
    /// The grid a field drawn over `rect` (device pixels, at `dpr` per CSS pixel) is sampled
    /// on: a cell per CSS pixel across, from 60 (or `most`, if fewer) to `most`, and square
    /// cells.
    pub fn grid(rect: [f64; 4], dpr: f64, most: usize) -> (usize, usize) {
        let [l, t, r, b] = rect;
        let nx = (((r - l) / dpr).round() as usize).clamp(60.min(most), most);
        let ny = ((nx as f64 * (b - t) / (r - l)).round() as usize).max(2);
        (nx, ny)
    }

    /// Samples f at the centres of an `nx` × `ny` grid of cells over `x` × `y`, then colours
    /// and contours it.
    pub fn sample(f: &dyn Objective, x: [f64; 2], y: [f64; 2], nx: usize, ny: usize) -> Field {
        let (nx, ny) = (nx.max(2), ny.max(2));
        let at =
            |r: [f64; 2], i: usize, n: usize| r[0] + (r[1] - r[0]) * (i as f64 + 0.5) / n as f64;
        let xs: Vec<f64> = (0..nx).map(|i| at(x, i, nx)).collect();
        let mut values = Vec::with_capacity(nx * ny);
        for j in 0..ny {
            f.values(&xs, at(y, j, ny), &mut values);
        }
        // The k-th of `m` samples is the (k·count/m)-th finite value, picked in one walk.
        let count = values.iter().filter(|v| v.is_finite()).count();
        let m = count.min(RANKED);
        let mut sorted = Vec::with_capacity(m);
        for (i, &v) in values.iter().filter(|v| v.is_finite()).enumerate() {
            if sorted.len() < m && i == sorted.len() * count / m {
                sorted.push(v);
            }
        }
        super::curve::sort_floats(&mut sorted);
        let quantiles: Vec<f64> = match sorted.len() {
            0 => Vec::new(),
            n => (0..=BANDS).map(|p| sorted[(n - 1) * p / BANDS]).collect(),
        };
        // The contour levels sit on boundaries of bands, LEVELS + 1 equal areas apart: a
        // point is at or above level k exactly when its band is at least `bounds[k]`.
        let mut bounds: Vec<usize> = match quantiles.len() {
            0 => Vec::new(),
            _ => (1..=LEVELS).map(|k| BANDS * k / (LEVELS + 1)).collect(),
        };
        bounds.dedup_by_key(|b| quantiles[*b]);
        let mut field = Field {
            nx,
            ny,
            x,
            y,
            values,
            levels: bounds.iter().map(|&b| quantiles[b]).collect(),
            quantiles,
            image: Vec::new(),
            lines: Vec::new(),
        };
        let (image, under) = field.shade(&bounds);
        field.image = image;
        field.lines = field.contours(&under);
        field
    }

    #[inline(always)]
    fn value(&self, i: usize, j: usize) -> f64 {
        self.values[j * self.nx + i]
    }

    /// Which of the colour map's bands of rank `v` falls in: 0 (lowest) to `BANDS - 1`, the
    /// count of inner quantiles at or below `v`.
    #[inline(always)]
    fn band(&self, v: f64) -> usize {
        let Some(inner) = self.quantiles.get(1..BANDS) else {
            return 0;
        };
        // A binary search in fixed steps (128, 64, …, 1), without branches to mispredict:
        // `inner[..k]` are all at or below v.
        let mut k = 0;
        let mut step = BANDS / 2;
        while step > 0 {
            if inner[k + step - 1] <= v {
                k += step;
            }
            step /= 2;
        }
        k
    }

    /// One pass over the grid: the image, coloured by rank on viridis with undefined points
    /// transparent; and for each point how many contour levels lie at or below it (`HOLE` where f
    /// is undefined).
    fn shade(&self, bounds: &[usize]) -> (Vec<u8>, Vec<u8>) {
        let (nx, ny) = (self.nx, self.ny);
        let palette: Vec<[u8; 4]> = (0..BANDS)
            .map(|b| {
                let (r, g, b) = viridis(b as f64 / (BANDS - 1) as f64);
                [r, g, b, 255]
            })
            .collect();
        let below: Vec<u8> = (0..BANDS)
            .map(|b| bounds.iter().filter(|&&k| k <= b).count() as u8)
            .collect();
        let inner = self.quantiles.get(1..BANDS).unwrap_or_default();
        let mut image = vec![0; nx * ny * 4];
        let mut under = vec![HOLE; nx * ny];
        // The band of the previous point: neighbours mostly share one, which two comparisons
        // confirm without a search.
        let mut b: usize = 0;
        let last = inner.len();
        for (j, row) in self.values.chunks_exact(nx).enumerate() {
            // The image's top row is the grid's last.
            let top = (ny - 1 - j) * nx * 4;
            for (i, &v) in row.iter().enumerate() {
                if v.is_nan() {
                    continue;
                }
                if !((b == 0 || inner[b - 1] <= v) && (b == last || v < inner[b])) {
                    b = self.band(v);
                }
                under[j * nx + i] = below[b];
                let o = top + i * 4;
                let [r, g, bl, a] = palette[b];
                image[o] = r;
                image[o + 1] = g;
                image[o + 2] = bl;
                image[o + 3] = a;
            }
        }
        (image, under)
    }

    /// Marching squares: one pass over the cells cuts each at the levels between its lowest
    /// and highest corner (`under` counts the levels below each point); then the pieces of
    /// each level are joined end to end.
    fn contours(&self, under: &[u8]) -> Vec<Vec<[f64; 2]>> {
        let (nx, ny) = (self.nx, self.ny);
        let mut pieces: Vec<Vec<Piece>> = self.levels.iter().map(|_| Vec::new()).collect();
        for j in 0..ny - 1 {
            for i in 0..nx - 1 {
                let n = j * nx + i;
                let corners = [under[n], under[n + 1], under[n + nx], under[n + nx + 1]];
                if corners[1..].iter().all(|&c| c == corners[0]) {
                    continue;
                }
                let (mut lo, mut hi) = (HOLE, 0);
                for c in corners {
                    if c != HOLE {
                        lo = lo.min(c);
                        hi = hi.max(c);
                    }
                }
                let crossed = usize::from(lo)..usize::from(hi);
                for (level, pieces) in self.levels[crossed.clone()]
                    .iter()
                    .zip(&mut pieces[crossed])
                {
                    self.cut(i, j, *level, pieces);
                }
            }
        }
        let mut at = vec![[u32::MAX; 2]; nx * ny * 2];
        let mut lines = Vec::new();
        for level in &pieces {
            join(level, &mut at, &mut lines);
        }
        lines
    }

    /// The pieces of the contour at `level` across the cell whose lower left corner is the
    /// grid point (i, j).
    fn cut(&self, i: usize, j: usize, level: f64, pieces: &mut Vec<Piece>) {
        let (nx, ny) = (self.nx, self.ny);
        let cell_x = |i: f64| self.x[0] + (self.x[1] - self.x[0]) * (i + 0.5) / nx as f64;
        let cell_y = |j: f64| self.y[0] + (self.y[1] - self.y[0]) * (j + 0.5) / ny as f64;
        // Where the level crosses the edge from point (i, j) to its right or upper neighbour;
        // the edge's number.
        let crossing = |i: usize, j: usize, horizontal: bool| -> Option<(usize, [f64; 2])> {
            let (a, b) = if horizontal {
                (self.value(i, j), self.value(i + 1, j))
            } else {
                (self.value(i, j), self.value(i, j + 1))
            };
            if !(a.is_finite() && b.is_finite()) || (a < level) == (b < level) {
                return None;
            }
            let t = (level - a) / (b - a);
            let edge = (j * nx + i) * 2 + usize::from(horizontal);
            Some(if horizontal {
                (edge, [cell_x(i as f64 + t), cell_y(j as f64)])
            } else {
                (edge, [cell_x(i as f64), cell_y(j as f64 + t)])
            })
        };
        let sides = [
            (i, j, true),
            (i + 1, j, false),
            (i, j + 1, true),
            (i, j, false),
        ];
        let mut cuts = [(0, [0.0; 2]); 4];
        let mut n = 0;
        for (a, b, h) in sides {
            if let Some(cut) = crossing(a, b, h) {
                cuts[n] = cut;
                n += 1;
            }
        }
        // Two crossings make a piece; four (a saddle) make two, paired in order around the
        // cell.
        for pair in cuts[..n].chunks_exact(2) {
            pieces.push(Piece {
                edges: [pair[0].0, pair[1].0],
                points: [pair[0].1, pair[1].1],
            });
        }
    }
}

/// A piece of a contour line across one cell: the two edges it joins and where it crosses
/// them.
struct Piece {
    edges: [usize; 2],
    points: [[f64; 2]; 2],
}

/// Joins the pieces of one level into polylines: from each unused piece, walks forward from
/// its second end, then backward from its first. `at` (one entry per edge of the grid, all
/// empty) notes the pieces that end on each edge; it is left empty again. The lines go to
/// `lines`.
fn join(pieces: &[Piece], at: &mut [[u32; 2]], lines: &mut Vec<Vec<[f64; 2]>>) {
    for (k, piece) in pieces.iter().enumerate() {
        for &e in &piece.edges {
            let slot = &mut at[e];
            slot[usize::from(slot[0] != u32::MAX)] = k as u32;
        }
    }
    let mut used = vec![false; pieces.len()];
    for start in 0..pieces.len() {
        if used[start] {
            continue;
        }
        used[start] = true;
        let mut ends = [Vec::new(), Vec::new()];
        for (side, walk) in ends.iter_mut().enumerate() {
            let mut tip = pieces[start].edges[1 - side];
            walk.push(pieces[start].points[1 - side]);
            while let Some(k) = at[tip]
                .into_iter()
                .find(|&k| k != u32::MAX && !used[k as usize])
            {
                used[k as usize] = true;
                let piece = &pieces[k as usize];
                let far = usize::from(piece.edges[0] == tip);
                tip = piece.edges[far];
                walk.push(piece.points[far]);
            }
        }
        let [forward, mut line] = ends;
        line.reverse();
        line.extend(forward);
        lines.push(line);
    }
    for piece in pieces {
        for &e in &piece.edges {
            at[e] = [u32::MAX; 2];
        }
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
        log_x: false,
        font: 12.0,
    };
    draw_axes(area, &axes, theme)
}

/// Draws the contour lines over the plot, in a colour that reads on every shade of viridis.
pub fn draw_contours<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    field: &Field,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = WHITE.mix(0.55).stroke_width(theme.line(1.0));
    for line in &field.lines {
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
        let mut at = vec![[u32::MAX; 2]; f.nx * f.ny * 2];
        let mut every = Vec::new();
        for &level in &f.levels {
            let mut pieces = Vec::new();
            for j in 0..f.ny - 1 {
                for i in 0..f.nx - 1 {
                    f.cut(i, j, level, &mut pieces);
                }
            }
            let mut lines = Vec::new();
            join(&pieces, &mut at, &mut lines);
            every.extend(lines.clone());
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
        // Cutting every cell at every level finds the same lines as the single pass.
        assert_eq!(every, f.lines);
    }

    #[test]
    fn levels_read_from_a_sample_still_split_a_large_grid_into_equal_areas() {
        let f = Field::sample(&Preset::Rosenbrock, [-2.0, 2.0], [-1.0, 3.0], 300, 300);
        assert_eq!(f.levels.len(), LEVELS);
        let n = f.values.len() as f64;
        for (k, level) in f.levels.iter().enumerate() {
            let below = f.values.iter().filter(|v| *v < level).count() as f64 / n;
            let want = (k + 1) as f64 / (LEVELS + 1) as f64;
            assert!(
                (below - want).abs() < 0.01,
                "level {k}: {below} of the area, not {want}"
            );
        }
        // And the colours: each band of rank holds about 1/256 of the points.
        let mut counts = vec![0usize; BANDS];
        for &v in &f.values {
            counts[f.band(v)] += 1;
        }
        let most = *counts.iter().max().unwrap() as f64 / n;
        assert!(
            most < 3.0 / BANDS as f64,
            "the fullest band holds {most} of the points"
        );
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
        let img = &f.image;
        assert_eq!(img.len(), 20 * 10 * 4);
        // Left half (x < 0) is undefined: transparent.
        assert_eq!(img[3], 0);
        assert_eq!(img[4 * 19 + 3], 255);
        assert_eq!(viridis(0.0), VIRIDIS[0]);
        assert_eq!(viridis(1.0), VIRIDIS[8]);
        assert_eq!(f.band(f64::NEG_INFINITY), 0);
        assert_eq!(f.band(f64::INFINITY), BANDS - 1);
    }

    #[test]
    fn flat_undefined_and_overflowing_surfaces_still_make_a_picture() {
        let field = |src: &str| {
            let f = crate::objective::Expr::parse(src).unwrap();
            Field::sample(&f, [-2.0, 2.0], [-1.0, 3.0], 40, 30)
        };
        // Flat: one colour, no contour lines.
        let flat = field("0*x + 0*y + 3");
        assert!(flat.lines.is_empty());
        assert!(flat
            .image
            .chunks(4)
            .all(|px| px == &flat.image[..4] && px[3] == 255));
        // Defined nowhere: transparent, no levels, no lines.
        let nowhere = field("sqrt(-1 - x^2 - y^2)");
        assert!(nowhere.levels.is_empty() && nowhere.lines.is_empty());
        assert!(nowhere.image.chunks(4).all(|px| px[3] == 0));
        // Overflowing over part of the view: that part is a hole, the rest is coloured.
        let steep = field("exp(400*x) + y");
        assert!(steep.values.iter().any(|v| v.is_nan()));
        assert!(steep.image.chunks(4).any(|px| px[3] == 255));
        assert!(steep.levels.iter().all(|l| l.is_finite()));
    }

    #[test]
    fn equal_scales_widen_the_short_side() {
        let (x, y) = equal_scales([-3.0, 3.0], [-3.0, 3.0], 800.0, 400.0);
        assert_eq!(y, [-3.0, 3.0]);
        assert_eq!(x, [-6.0, 6.0]);
    }
}

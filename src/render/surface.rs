//! f(x, y) as a surface in the 3-D view: sampled once on a mesh, coloured by rank on the same
//! colour map as the 2-D map and shaded by a light from above the eye, then drawn into an
//! image by our own rasteriser: triangles filled with a depth test, light grid lines on top
//! with the same test. Canvas polygons would cost one call per cell (about 10 ms for 48 × 48
//! in Chromium, before any plotters overhead); an image is one.

use super::camera::{Unit, View3d, ZAxis};
use super::field::viridis;
use crate::objective::Objective;

/// Cells along each side of the mesh.
pub const MESH: usize = 48;

/// A grid line every this many cells.
const GRID_EVERY: usize = 6;

/// How much lighter the grid lines are than the surface under them.
const GRID_LIGHT: f64 = 0.4;

/// f sampled at the vertices of an `n` × `n` mesh of cells over `x` × `y`, with its height
/// axis and each vertex's colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Surface {
    pub n: usize,
    pub x: [f64; 2],
    pub y: [f64; 2],
    /// (n + 1)² values, row by row from y = `y[0]`; NaN where f is undefined.
    pub values: Vec<f64>,
    pub z: ZAxis,
    /// Each vertex's colour on viridis, by the rank of its value.
    colours: Vec<[u8; 3]>,
}

/// The surface drawn: RGBA pixels (transparent off the surface), `size` pixels placed with
/// their top left corner at `at` on the canvas, and each pixel's nearness to the eye (−∞ off
/// the surface), so that what lies behind it can be told.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub rgba: Vec<u8>,
    pub size: (usize, usize),
    pub at: (usize, usize),
    near: Vec<f32>,
}

/// How much nearer (in units of the box) the surface must be than a point on it to hide it:
/// the mesh's flat triangles stray a little from f between their corners.
const HIDING: f64 = 0.05;

impl Image {
    /// Whether the surface hides a point drawn at pixel `px` with nearness `near`: it does
    /// where it is nearer by [`HIDING`] at that pixel and at each of its eight neighbours.
    pub fn hides(&self, px: (f64, f64), near: f64) -> bool {
        let (x, y) = (
            px.0.floor() - self.at.0 as f64,
            px.1.floor() - self.at.1 as f64,
        );
        let (w, h) = (self.size.0 as f64, self.size.1 as f64);
        let mut hidden = true;
        for dy in [-1.0, 0.0, 1.0] {
            for dx in [-1.0, 0.0, 1.0] {
                let (i, j) = (x + dx, y + dy);
                let cover = if i >= 0.0 && j >= 0.0 && i < w && j < h {
                    f64::from(self.near[j as usize * self.size.0 + i as usize])
                } else {
                    f64::NEG_INFINITY
                };
                hidden &= cover > near + HIDING;
            }
        }
        hidden
    }
}

/// A vertex on the canvas: x and y in pixels, nearness to the eye, and its colour, shaded.
#[derive(Debug, Clone, Copy)]
struct Vertex {
    px: f64,
    py: f64,
    near: f64,
    rgb: [f64; 3],
}

impl Surface {
    /// f at the (n + 1)² vertices of the mesh over `x` × `y`, corners included.
    pub fn sample(f: &dyn Objective, x: [f64; 2], y: [f64; 2], n: usize) -> Surface {
        let n = n.max(1);
        let at = |r: [f64; 2], i: usize| r[0] + (r[1] - r[0]) * i as f64 / n as f64;
        let xs: Vec<f64> = (0..=n).map(|i| at(x, i)).collect();
        let mut values = Vec::with_capacity((n + 1) * (n + 1));
        for j in 0..=n {
            f.values(&xs, at(y, j), &mut values);
        }
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        super::curve::sort_floats(&mut sorted);
        let top = sorted.len().saturating_sub(1).max(1) as f64;
        let colours = values
            .iter()
            .map(|&v| {
                let rank = sorted.partition_point(|&s| s <= v).saturating_sub(1) as f64;
                let (r, g, b) = viridis(rank / top);
                [r, g, b]
            })
            .collect();
        Surface {
            n,
            x,
            y,
            z: ZAxis::fit(&values),
            values,
            colours,
        }
    }

    /// The view of this surface from `camera` (yaw, pitch in degrees) in `rect`.
    pub fn view(&self, camera: (f64, f64), rect: [f64; 4]) -> View3d {
        View3d::new(self.x, self.y, self.z, camera, rect)
    }

    /// Vertex (i, j) in the box.
    fn unit(&self, view: &View3d, i: usize, j: usize) -> Unit {
        let n = self.n as f64;
        let x = self.x[0] + (self.x[1] - self.x[0]) * i as f64 / n;
        let y = self.y[0] + (self.y[1] - self.y[0]) * j as f64 / n;
        view.unit([x, y, self.values[j * (self.n + 1) + i]])
    }

    /// Every vertex on the canvas, lit: brightest where the surface faces a light above and
    /// behind the eye, darker on steep flanks, darker still seen from beneath.
    fn vertices(&self, view: &View3d) -> Vec<Vertex> {
        let m = self.n + 1;
        let units: Vec<Unit> = (0..m * m).map(|k| self.unit(view, k % m, k / m)).collect();
        let eye = view.eye();
        let light = normalize([eye[0], eye[1], eye[2] + 1.5]);
        let h = 2.0 / self.n as f64;
        (0..m * m)
            .map(|k| {
                let (i, j) = (k % m, k / m);
                let z = |i: usize, j: usize| units[j * m + i][2];
                // The slope from the neighbours on each side (one side at an edge or a hole).
                let slope = |a: f64, b: f64, span: f64| {
                    let s = (b - a) / span;
                    if s.is_finite() {
                        s
                    } else {
                        0.0
                    }
                };
                let (i0, i1) = (i.saturating_sub(1), (i + 1).min(m - 1));
                let (j0, j1) = (j.saturating_sub(1), (j + 1).min(m - 1));
                let dx = slope(z(i0, j), z(i1, j), (i1 - i0) as f64 * h);
                let dy = slope(z(i, j0), z(i, j1), (j1 - j0) as f64 * h);
                let normal = normalize([-dx, -dy, 1.0]);
                let facing = dot(normal, eye);
                let lit = dot(normal, light).max(0.0);
                let shade = if facing < 0.0 {
                    0.45
                } else {
                    0.55 + 0.45 * lit
                };
                let (px, py, near) = view.project(units[k]);
                let [r, g, b] = self.colours[k];
                let rgb = [
                    f64::from(r) * shade,
                    f64::from(g) * shade,
                    f64::from(b) * shade,
                ];
                Vertex { px, py, near, rgb }
            })
            .collect()
    }

    /// The two triangles of each cell whose corners are all defined, as vertex numbers.
    fn triangles(&self) -> impl Iterator<Item = [usize; 3]> + '_ {
        let m = self.n + 1;
        (0..self.n * self.n).flat_map(move |c| {
            let (i, j) = (c % self.n, c / self.n);
            let k = j * m + i;
            let defined = |t: &[usize; 3]| t.iter().all(|&v| self.values[v].is_finite());
            [[k, k + 1, k + m + 1], [k, k + m + 1, k + m]]
                .into_iter()
                .filter(defined)
        })
    }

    /// Draws the surface seen in `view` for a canvas of `size` pixels: each triangle filled
    /// with its corners' colours blended, the nearest surface winning each pixel; then a
    /// light grid line every few cells where it is not hidden. `line`: the lines' width in
    /// pixels.
    pub fn raster(&self, view: &View3d, size: (usize, usize), line: usize) -> Image {
        let vs = self.vertices(view);
        // Only the part of the canvas the surface covers is drawn.
        let (mut lo, mut hi) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
        for t in self.triangles() {
            for v in corners(&vs, t) {
                lo = (lo.0.min(v.px), lo.1.min(v.py));
                hi = (hi.0.max(v.px), hi.1.max(v.py));
            }
        }
        let clamp = |v: f64, most: usize| crate::within(v, 0.0, most as f64) as usize;
        let at = (clamp(lo.0.floor(), size.0), clamp(lo.1.floor(), size.1));
        let end = (
            clamp(hi.0.ceil() + 1.0, size.0),
            clamp(hi.1.ceil() + 1.0, size.1),
        );
        let (w, h) = (end.0.saturating_sub(at.0), end.1.saturating_sub(at.1));
        let mut canvas = Pixels {
            rgba: vec![0; w * h * 4],
            near: vec![f32::NEG_INFINITY; w * h],
            w,
            h,
            at: (at.0 as f64, at.1 as f64),
        };
        for t in self.triangles() {
            canvas.fill(corners(&vs, t));
        }
        let m = self.n + 1;
        let every = GRID_EVERY.min(self.n);
        for a in (0..m).filter(|a| a % every == 0 || *a == self.n) {
            for b in 0..self.n {
                // Along x at row a, and along y at column a.
                for (p, q) in [(a * m + b, a * m + b + 1), (b * m + a, (b + 1) * m + a)] {
                    if self.values[p].is_finite() && self.values[q].is_finite() {
                        canvas.line(vs[p], vs[q], line.max(1));
                    }
                }
            }
        }
        Image {
            rgba: canvas.rgba,
            size: (w, h),
            at,
            near: canvas.near,
        }
    }

    /// The point of the data under a pixel: where the nearest triangle there is hit, or else
    /// the floor's point under it.
    pub fn hit(&self, view: &View3d, px: (f64, f64)) -> Option<[f64; 2]> {
        let m = self.n + 1;
        let vs = self.vertices(view);
        let mut best: Option<(f64, [f64; 2])> = None;
        for t in self.triangles() {
            let p = corners(&vs, t);
            let Some(w) = barycentric(
                [(p[0].px, p[0].py), (p[1].px, p[1].py), (p[2].px, p[2].py)],
                px,
            ) else {
                continue;
            };
            let near = w[0] * p[0].near + w[1] * p[1].near + w[2] * p[2].near;
            if best.is_none_or(|(b, _)| near > b) {
                let grid = t.map(|k| [(k % m) as f64, (k / m) as f64]);
                let along = |c: usize, r: [f64; 2]| {
                    let g = w[0] * grid[0][c] + w[1] * grid[1][c] + w[2] * grid[2][c];
                    r[0] + (r[1] - r[0]) * g / self.n as f64
                };
                best = Some((near, [along(0, self.x), along(1, self.y)]));
            }
        }
        best.map(|b| b.1).or_else(|| view.floor_at(px))
    }
}

/// The vertices of a triangle.
fn corners(vs: &[Vertex], t: [usize; 3]) -> [Vertex; 3] {
    [vs[t[0]], vs[t[1]], vs[t[2]]]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn normalize(a: [f64; 3]) -> [f64; 3] {
    let n = dot(a, a).sqrt();
    [a[0] / n, a[1] / n, a[2] / n]
}

/// The weights of a point in a triangle on the screen (each between 0 and 1, summing to 1),
/// or none outside it (or for a triangle seen edge on).
fn barycentric(t: [(f64, f64); 3], p: (f64, f64)) -> Option<[f64; 3]> {
    let [a, b, c] = t;
    let area = (b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1);
    if area.abs() < 1e-12 {
        return None;
    }
    let w1 = ((p.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (p.1 - a.1)) / area;
    let w2 = ((b.0 - a.0) * (p.1 - a.1) - (p.0 - a.0) * (b.1 - a.1)) / area;
    let w0 = 1.0 - w1 - w2;
    let inside = [w0, w1, w2]
        .iter()
        .all(|w| (-1e-9..=1.0 + 1e-9).contains(w));
    inside.then_some([w0, w1, w2])
}

/// The image being drawn, with each pixel's nearness to the eye for the depth test.
struct Pixels {
    rgba: Vec<u8>,
    near: Vec<f32>,
    w: usize,
    h: usize,
    /// The image's top left corner on the canvas.
    at: (f64, f64),
}

impl Pixels {
    /// Fills a triangle in its colour, at the pixel centres inside it where it is nearer than
    /// what is there. Each row is walked only across the span inside all three edges, the
    /// depth changing by a fixed amount per pixel.
    fn fill(&mut self, v: [Vertex; 3]) {
        let shift = |v: &Vertex| (v.px - self.at.0, v.py - self.at.1);
        let (a, b, c) = (shift(&v[0]), shift(&v[1]), shift(&v[2]));
        let area = (b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1);
        if area.is_nan() || area.abs() < 1e-9 {
            return;
        }
        // The weights of corners 1 and 2 at (x, y): w = w_a + w_x·x + w_y·y.
        let w1 = (
            (-a.0 * (c.1 - a.1) + (c.0 - a.0) * a.1) / area,
            (c.1 - a.1) / area,
            -(c.0 - a.0) / area,
        );
        let w2 = (
            (-(b.0 - a.0) * a.1 + a.0 * (b.1 - a.1)) / area,
            -(b.1 - a.1) / area,
            (b.0 - a.0) / area,
        );
        // The depth, as its value at corner 0 plus its steps per weight: per pixel across,
        // at (0, 0), per row down.
        let base = v[0].near;
        let (d1, d2) = (v[1].near - base, v[2].near - base);
        let depth = (
            d1 * w1.1 + d2 * w2.1,
            base + d1 * w1.0 + d2 * w2.0,
            d1 * w1.2 + d2 * w2.2,
        );
        // One colour per triangle (its corners' mean), as matplotlib shades a surface's faces.
        let mean = |ch: usize| ((v[0].rgb[ch] + v[1].rgb[ch] + v[2].rgb[ch]) / 3.0 + 0.5) as u8;
        let colour = [mean(0), mean(1), mean(2)];
        let mut top = a.1.min(b.1).min(c.1).floor().max(0.0);
        let mut bottom = a.1.max(b.1).max(c.1).ceil().max(0.0).min(self.h as f64);
        // Each edge bounds the rows on one side, at x = c + d·y where its weight is 0; an edge
        // along the rows bounds the rows themselves.
        let slack = 1e-9;
        let mut lower = [(f64::NEG_INFINITY, 0.0); 3];
        let mut upper = [(f64::INFINITY, 0.0); 3];
        let edges = [w1, w2, (1.0 - w1.0 - w2.0, -(w1.1 + w2.1), -(w1.2 + w2.2))];
        for (k, (w0, per_x, per_y)) in edges.into_iter().enumerate() {
            if per_x.abs() < 1e-12 {
                // w0 + per_y·(y + 0.5) ≥ −slack.
                let y = (-slack - w0) / per_y - 0.5;
                if per_y > 0.0 {
                    top = top.max(y.ceil());
                } else if per_y < 0.0 {
                    bottom = bottom.min(y.floor() + 1.0);
                } else if w0 < -slack {
                    return;
                }
            } else if per_x > 0.0 {
                lower[k] = ((-slack - w0) / per_x, -per_y / per_x);
            } else {
                upper[k] = ((-slack - w0) / per_x, -per_y / per_x);
            }
        }
        let [l0, l1, l2] = lower;
        let [u0, u1, u2] = upper;
        let width = self.w as f64;
        let mut y = top;
        while y < bottom {
            let yc = y + 0.5;
            let lo = (l0.0 + l0.1 * yc)
                .max(l1.0 + l1.1 * yc)
                .max(l2.0 + l2.1 * yc)
                .max(0.0);
            let hi = (u0.0 + u0.1 * yc)
                .min(u1.0 + u1.1 * yc)
                .min(u2.0 + u2.1 * yc)
                .min(width);
            // Pixel centres x + 0.5 within [lo, hi].
            let first = (lo - 0.5).ceil();
            let last = (hi - 0.5).floor();
            let row = y as usize * self.w;
            y += 1.0;
            if first > last {
                continue;
            }
            let (x0, x1) = (first as usize, last as usize + 1);
            let xc = first + 0.5;
            let mut near = (depth.1 + depth.2 * yc + depth.0 * xc) as f32;
            let dn = depth.0 as f32;
            // (Plain indices: the web build optimises for size, and leaves iterator
            // adaptors here uninlined, several times slower.)
            let (depths, rgba) = (&mut self.near, &mut self.rgba);
            let mut k = row + x0;
            let end = row + x1;
            while k < end {
                if near > depths[k] {
                    depths[k] = near;
                    let o = 4 * k;
                    rgba[o] = colour[0];
                    rgba[o + 1] = colour[1];
                    rgba[o + 2] = colour[2];
                    rgba[o + 3] = 255;
                }
                near += dn;
                k += 1;
            }
        }
    }

    /// A light line `width` pixels wide from `a` to `b`, over the surface where nothing
    /// nearer hides it.
    fn line(&mut self, a: Vertex, b: Vertex, width: usize) {
        let (ax, ay) = (a.px - self.at.0, a.py - self.at.1);
        let (dx, dy) = (b.px - a.px, b.py - a.py);
        let steps = dx.abs().max(dy.abs()).ceil().max(1.0) as usize;
        // Thickened across its run: sideways for a steep line, up and down for a flat one.
        let steep = dy.abs() > dx.abs();
        let half = (width as f64 - 1.0) / 2.0;
        // Depths differ a little between a line and the triangles it lies on.
        let slack = 0.02;
        for s in 0..=steps {
            let t = s as f64 / steps as f64;
            let near = (a.near + (b.near - a.near) * t) as f32;
            for o in 0..width {
                let off = o as f64 - half;
                let (x, y) = if steep {
                    (ax + dx * t + off, ay + dy * t)
                } else {
                    (ax + dx * t, ay + dy * t + off)
                };
                if x < 0.0 || y < 0.0 || x >= self.w as f64 || y >= self.h as f64 {
                    continue;
                }
                let k = y as usize * self.w + x as usize;
                // (An alpha of 254 marks a pixel already lightened.)
                if self.rgba[k * 4 + 3] != 255 || near + slack < self.near[k] {
                    continue;
                }
                for c in &mut self.rgba[k * 4..k * 4 + 3] {
                    *c = (f64::from(*c) + (255.0 - f64::from(*c)) * GRID_LIGHT).round() as u8;
                }
                // Drawn once per pixel, however many steps land there.
                self.rgba[k * 4 + 3] = 254;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{Function, Preset};

    fn bowl() -> Surface {
        let f = Function::Preset(Preset::Bowl);
        Surface::sample(&f, [-2.0, 2.0], [-2.0, 2.0], 8)
    }

    fn pixel(img: &Image, x: usize, y: usize) -> [u8; 4] {
        let k = ((y - img.at.1) * img.size.0 + (x - img.at.0)) * 4;
        [
            img.rgba[k],
            img.rgba[k + 1],
            img.rgba[k + 2],
            img.rgba[k + 3],
        ]
    }

    #[test]
    fn samples_the_corners_and_colours_by_rank() {
        let s = bowl();
        assert_eq!(s.values.len(), 81);
        assert_eq!(s.values[0], 8.0);
        assert_eq!(s.values[40], 0.0, "the centre");
        assert_eq!(
            s.colours[40],
            [68, 1, 84],
            "the lowest is viridis's dark end"
        );
        assert_eq!(s.colours[0], [253, 231, 37], "the highest its yellow");
    }

    #[test]
    fn the_bowl_from_above_is_dark_in_the_middle_and_bright_at_the_rim() {
        let s = bowl();
        let view = s.view((-90.0, 90.0), [0.0, 0.0, 200.0, 200.0]);
        let img = s.raster(&view, (200, 200), 1);
        let centre = pixel(&img, 100, 100);
        let rim = pixel(&img, 100, 100 - 60);
        assert_eq!(centre[3], 255);
        assert!(
            u32::from(centre[1]) + 60 < u32::from(rim[1]),
            "{centre:?} {rim:?}"
        );
        // Outside the floor's square nothing is drawn.
        assert_eq!(img.at.0, 29, "{:?}", img.at);
        assert!(img.size.0 <= 143 && img.size.1 <= 143);
        // Another yaw turns the picture: the same pixel changes.
        let turned = s.raster(
            &s.view((-45.0, 60.0), [0.0, 0.0, 200.0, 200.0]),
            (200, 200),
            1,
        );
        assert_ne!(img, turned);
    }

    #[test]
    fn holes_stay_holes_and_grid_lines_are_lighter() {
        let f = Function::Typed(std::sync::Arc::new(
            crate::objective::Expr::parse("ln(x)+y^2").unwrap(),
        ));
        let s = Surface::sample(&f, [-1.0, 1.0], [-1.0, 1.0], 8);
        let view = s.view((-90.0, 90.0), [0.0, 0.0, 200.0, 200.0]);
        let img = s.raster(&view, (200, 200), 1);
        // x ≤ 0 is undefined: nothing is drawn in the left half, the right is drawn.
        assert!(img.at.0 >= 100, "{:?}", img.at);
        let right = pixel(&img, 150, 100 + 5);
        assert_eq!(right[3], 255);
        // The grid line along x = 1 (the right edge, a mesh line) is lighter than beside it.
        let on = pixel(&img, 170, 105);
        let beside = pixel(&img, 165, 105);
        let sum = |p: [u8; 4]| u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]);
        assert!(sum(on) > sum(beside), "{on:?} {beside:?}");
    }

    #[test]
    fn the_image_tells_what_the_surface_hides() {
        let s = bowl();
        let view = s.view((-60.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        let img = s.raster(&view, (400, 300), 1);
        let at = |p: [f64; 3]| {
            let (x, y, near) = view.project(view.unit(p));
            ((x, y), near)
        };
        // Seen low, the bowl's near rim hides its bottom; the far rim is in plain sight, and
        // so is a point on the near slope.
        let (px, near) = at([0.0, 0.0, 0.0]);
        assert!(img.hides(px, near));
        let (px, near) = at([-2.0, 1.5, 6.25]);
        assert!(!img.hides(px, near));
        let (px, near) = at([1.5, -1.5, 4.5]);
        assert!(!img.hides(px, near));
        // Off the surface's image nothing is hidden.
        assert!(!img.hides((-50.0, -50.0), -10.0));
        // From above nothing of the bowl hides its bottom.
        let top = s.view((-60.0, 80.0), [0.0, 0.0, 400.0, 300.0]);
        let (x, y, near) = top.project(top.unit([0.0, 0.0, 0.0]));
        assert!(!s.raster(&top, (400, 300), 1).hides((x, y), near));
    }

    #[test]
    fn a_click_finds_the_surface_or_else_the_floor() {
        let s = bowl();
        let view = s.view((-60.0, 60.0), [0.0, 0.0, 400.0, 300.0]);
        // The surface's point drawn at a pixel is found back from it.
        for p in [[0.0, 0.0], [1.0, -1.5], [-1.2, 0.4]] {
            let f = p[0] * p[0] + p[1] * p[1];
            let px = view.to_px([p[0], p[1], f]);
            let back = s.hit(&view, px).unwrap();
            assert!(
                (back[0] - p[0]).abs() < 0.2 && (back[1] - p[1]).abs() < 0.2,
                "{p:?} came back as {back:?}"
            );
        }
        // Low down, the near rim hides the bottom: the rim is found.
        let low = s.view((-60.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        let rim = s.hit(&low, low.to_px([0.0, 0.0, 0.0])).unwrap();
        assert!(rim[0] > 0.5 && rim[1] < -1.0, "{rim:?}");
        // Below the surface's drawing: the floor's point under it.
        let px = view.to_px([1.9, -1.9, -10.0]);
        let floor = s.hit(&view, (px.0, px.1 + 40.0)).unwrap();
        assert_eq!(floor, view.floor_at((px.0, px.1 + 40.0)).unwrap());
    }
}

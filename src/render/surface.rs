//! f(x, y) as a surface in the 3-D view: sampled once on a mesh, coloured by rank on the same
//! colour map as the 2-D map and shaded by a light from above the eye, then drawn into an
//! image by our own rasteriser: triangles filled with a depth test, light grid lines on top
//! with the same test. Canvas polygons would cost one call per cell (about 10 ms for 48 × 48
//! in Chromium, before any plotters overhead); an image is one.

use super::camera::{Unit, View3d, ZAxis};
use super::field::viridis;
pub use super::raster::Image;
use super::raster::{Pixels, Vertex};
use crate::objective::Objective;

/// Cells along each side of the mesh.
pub const MESH: usize = 48;

/// A grid line every this many cells.
const GRID_EVERY: usize = 6;

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
    ranked: Vec<[u8; 3]>,
    /// Each vertex's colour as drawn: its rank's, or a map's over it.
    colours: Vec<[u8; 3]>,
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
        let ranked: Vec<[u8; 3]> = values
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
            colours: ranked.clone(),
            ranked,
        }
    }

    /// Paints a map of starts over the surface (`image`: RGBA, one pixel per start, its top
    /// row the largest y, the starts evenly spread over the view, ends included), as the 2-D
    /// view lays a basins map over its colours: each vertex takes the colour of the start
    /// nearest it, `alpha` over its own; where no run has ended yet, its own stays. With no
    /// image, the rank's colours come back.
    pub fn paint(&mut self, map: Option<(&[u8], (usize, usize))>, alpha: f64) {
        self.colours.clone_from(&self.ranked);
        let Some((image, (nx, ny))) = map.filter(|(_, (nx, ny))| *nx > 0 && *ny > 0) else {
            return;
        };
        let m = self.n + 1;
        let cell = |k: usize, count: usize| {
            (k as f64 / self.n as f64 * (count.max(1) - 1) as f64).round() as usize
        };
        for (k, colour) in self.colours.iter_mut().enumerate() {
            let (i, j) = (cell(k % m, nx), cell(k / m, ny));
            let o = ((ny - 1 - j.min(ny - 1)) * nx + i.min(nx - 1)) * 4;
            let (r, g, b) = match image.get(o..o + 4) {
                Some(p) if p[3] > 0 => (p[0], p[1], p[2]),
                _ => continue,
            };
            let mix = |own: u8, map: u8| {
                (f64::from(own) + (f64::from(map) - f64::from(own)) * alpha).round() as u8
            };
            *colour = [mix(colour[0], r), mix(colour[1], g), mix(colour[2], b)];
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
        let mut canvas = Pixels::new(w, h, at);
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
        canvas.finish()
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
    fn a_basins_map_paints_the_surface_where_it_is_done() {
        let mut s = bowl();
        // Two by two starts: the left column done (red, blue), the right not yet.
        let image = [
            255, 0, 0, 255, 0, 0, 0, 0, // top row (largest y)
            0, 0, 255, 255, 0, 0, 0, 0, // bottom row
        ];
        s.paint(Some((&image, (2, 2))), 1.0);
        assert_eq!(s.colours[0], [0, 0, 255], "(−2, −2): the bottom left start");
        assert_eq!(s.colours[72], [255, 0, 0], "(−2, 2): the top left");
        assert_eq!(
            s.colours[8], s.ranked[8],
            "(2, −2): not done, its own colour"
        );
        assert_eq!(
            s.colours[40], s.ranked[40],
            "the centre is nearer the right column"
        );
        s.paint(Some((&image, (2, 2))), 0.5);
        let own = s.ranked[0];
        assert_eq!(
            s.colours[0][2],
            ((f64::from(own[2]) + 255.0) / 2.0).round() as u8
        );
        s.paint(None, 1.0);
        assert_eq!(s.colours, s.ranked);
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

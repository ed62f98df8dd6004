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

    /// The surface of `expr` over [−1, 1]², on `n` × `n` cells.
    fn typed(expr: &str, n: usize) -> Surface {
        let e = crate::objective::Expr::parse(expr).unwrap();
        let f = Function::Typed(std::sync::Arc::new(e));
        Surface::sample(&f, [-1.0, 1.0], [-1.0, 1.0], n)
    }

    /// How brightly each vertex is lit: its shaded green over its colour's (which viridis never
    /// makes 0).
    fn shades(s: &Surface, view: &View3d) -> Vec<f64> {
        s.vertices(view)
            .iter()
            .zip(&s.colours)
            .map(|(v, c)| v.rgb[1] / f64::from(c[1]))
            .collect()
    }

    #[test]
    fn a_plane_is_lit_evenly_by_how_squarely_it_faces_the_light() {
        // Seen from yaw 0 and pitch 30, the light above and behind the eye. A level plane
        // faces it at 0.918…: 0.55 + 0.45 · 0.918… = 0.963….
        let level = typed("1+0*x*y", 4);
        let view = level.view((0.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        for shade in shades(&level, &view) {
            assert!((shade - 0.962_948_320_967_011_2).abs() < 1e-9, "{shade}");
        }
        // f = x + 2y rises toward the eye (+x) and twice as fast toward +y, so it faces the
        // light less squarely: every vertex, edges and corners included, has the same normal,
        // (−0.7/3, −1.4/3, 1) normalised, and so the same shade.
        let plane = typed("x+2*y", 4);
        let view = plane.view((0.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        for shade in shades(&plane, &view) {
            assert!((shade - 0.879_121_590_231_860_5).abs() < 1e-9, "{shade}");
        }
        // Tilted past the line of sight, a plane shows its underside: a flat 0.45.
        let steep = typed("3*x", 4);
        let view = steep.view((0.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        assert!(shades(&steep, &view)
            .iter()
            .all(|&s| (s - 0.45).abs() < 1e-12));
    }

    #[test]
    fn each_vertex_of_a_bowl_is_lit_by_its_own_slope() {
        // From yaw 0 and pitch 30 (the eye and the light over +x), on 8 × 8 cells.
        let s = typed("x^2+y^2", 8);
        let view = s.view((0.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        let shade = shades(&s, &view);
        let at = |i: usize, j: usize| shade[j * 9 + i];
        // The bottom is level: lit as a level plane is.
        assert!(
            (at(4, 4) - 0.962_948_320_967_011_2).abs() < 1e-9,
            "{}",
            at(4, 4)
        );
        // Across y = 0, the flank facing the eye and the light (x < 0, falling toward them) is
        // brighter than the one facing away.
        assert!(at(1, 4) > at(7, 4) + 0.1, "{} {}", at(1, 4), at(7, 4));
        // Along x = 0 the flanks tip sideways, alike on either side, away from the light.
        assert!((at(4, 1) - at(4, 7)).abs() < 1e-12);
        assert!(at(4, 1) < at(4, 4) - 0.05, "{} {}", at(4, 1), at(4, 4));
    }

    #[test]
    fn a_click_on_a_plane_finds_the_very_point_drawn_there() {
        // A plane is its own mesh: the point drawn at a pixel comes back exactly, from above
        // and from the side.
        let s = typed("x+2*y", 4);
        for camera in [(-90.0, 90.0), (-60.0, 40.0), (150.0, 20.0)] {
            let view = s.view(camera, [0.0, 0.0, 400.0, 300.0]);
            for [x, y] in [[0.1, 0.2], [-0.83, 0.61], [0.97, -0.9], [-0.3, -0.45]] {
                let back = s.hit(&view, view.to_px([x, y, x + 2.0 * y])).unwrap();
                assert!(
                    (back[0] - x).abs() < 1e-9 && (back[1] - y).abs() < 1e-9,
                    "{camera:?}: ({x}, {y}) came back as {back:?}"
                );
            }
        }
    }

    #[test]
    fn a_click_finds_the_near_slope_of_a_ridge_not_the_far_one_behind_it() {
        // A ridge along x, seen from +y and 30° up: the far slope (y < 0) falls away too steeply
        // to be seen, but the line of sight through a point of the near slope comes out
        // through it, under the crest. The near point is the one found.
        let s = typed("-2*abs(y)", 4);
        let view = s.view((90.0, 30.0), [0.0, 0.0, 400.0, 300.0]);
        for [x, y] in [
            [0.3, 0.1],
            [-0.4, 0.2],
            [0.55, 0.05],
            [-0.8, 0.3],
            [0.05, 0.15],
        ] {
            let back = s.hit(&view, view.to_px([x, y, -2.0 * y])).unwrap();
            assert!(
                (back[0] - x).abs() < 1e-9 && (back[1] - y).abs() < 1e-9,
                "({x}, {y}) came back as {back:?}"
            );
        }
    }

    #[test]
    fn grid_lines_run_along_every_sixth_mesh_line_and_the_edges() {
        // A level sheet of 12 × 12 cells from straight above: x across, y up the screen, all
        // one colour (viridis's top, fully lit), lines at x and y = −1, 0 and 1 only.
        let s = typed("1+0*x*y", 12);
        let view = s.view((-90.0, 90.0), [0.0, 0.0, 240.0, 240.0]);
        let img = s.raster(&view, (240, 240), 1);
        let sheet = [253, 231, 37, 255];
        // Each channel 40 % of the way to white (and an alpha of 254: lightened once).
        let line = [254, 241, 124, 254];
        let across: Vec<usize> = [-1.0, 0.0, 1.0]
            .map(|x| view.to_px([x, 0.5, 1.0]).0 as usize)
            .to_vec();
        let up: Vec<usize> = [1.0, 0.0, -1.0]
            .map(|y| view.to_px([0.5, y, 1.0]).1 as usize)
            .to_vec();
        assert_eq!(
            (across.clone(), up.clone()),
            (vec![35, 120, 204], vec![35, 120, 204])
        );
        // Along a row between the lines, and down a column.
        let row = 100;
        let lit = |x: usize, y: usize| pixel(&img, x, y) == line;
        let cols: Vec<usize> = (35..=204).filter(|&x| lit(x, row)).collect();
        assert_eq!(cols, across);
        let rows: Vec<usize> = (35..=204).filter(|&y| lit(row, y)).collect();
        assert_eq!(rows, up);
        assert_eq!(pixel(&img, 110, row), sheet);
        // The sheet's last column and row are drawn, grid line and all.
        assert_eq!((img.at, img.size), ((35, 35), (171, 171)));
        assert_eq!(pixel(&img, 204, row), line);
        assert_eq!(pixel(&img, row, 204), line);
    }

    /// A vertex at (`x`, `y`) on the canvas, `near` the eye, coloured `rgb`.
    fn vertex(x: f64, y: f64, near: f64, rgb: [f64; 3]) -> Vertex {
        Vertex {
            px: x,
            py: y,
            near,
            rgb,
        }
    }

    /// An image of `w` × `h` pixels whose top left corner is at (100, 50) on the canvas.
    fn blank(w: usize, h: usize) -> Pixels {
        Pixels {
            rgba: vec![0; w * h * 4],
            near: vec![f32::NEG_INFINITY; w * h],
            w,
            h,
            at: (100.0, 50.0),
        }
    }

    /// Triangles filled the slow way: every pixel centre of `img` tested against each
    /// triangle, the nearest there winning (the first of equals): its colour and depth.
    /// A close call is left out (None): a centre within a hair of an edge, or two triangles
    /// at nearly the same depth there.
    fn slow_fill(img: &Pixels, tris: &[[Vertex; 3]]) -> Vec<Option<([u8; 4], f64)>> {
        (0..img.w * img.h)
            .map(|k| {
                let p = (
                    (k % img.w) as f64 + 0.5 + img.at.0,
                    (k / img.w) as f64 + 0.5 + img.at.1,
                );
                let mut best: Option<([u8; 4], f64)> = None;
                let mut close = false;
                for t in tris {
                    let [a, b, c] = t.map(|v| (v.px, v.py));
                    let area = (b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1);
                    if area.is_nan() || area.abs() < 1e-6 {
                        continue;
                    }
                    let w1 = ((p.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (p.1 - a.1)) / area;
                    let w2 = ((b.0 - a.0) * (p.1 - a.1) - (p.0 - a.0) * (b.1 - a.1)) / area;
                    let w = [1.0 - w1 - w2, w1, w2];
                    close |= w.iter().any(|w| w.abs() < 1e-6);
                    if w.iter().any(|&w| w < 0.0) {
                        continue;
                    }
                    let near = w[0] * t[0].near + w[1] * t[1].near + w[2] * t[2].near;
                    let rgb = t[0].rgb.map(|c| c as u8);
                    match best {
                        Some((_, b)) if (near - b).abs() < 1e-4 => close = true,
                        Some((_, b)) if near < b => {}
                        _ => best = Some(([rgb[0], rgb[1], rgb[2], 255], near)),
                    }
                }
                (!close).then_some(best.unwrap_or(([0; 4], f64::NEG_INFINITY)))
            })
            .collect()
    }

    #[test]
    fn the_scanline_fill_paints_the_pixel_centres_inside_each_triangle_nearest_first() {
        let (red, blue, green) = (
            [200.0, 30.0, 30.0],
            [30.0, 30.0, 200.0],
            [30.0, 200.0, 30.0],
        );
        let (yellow, purple, grey) = ([200.0, 200.0, 30.0], [150.0, 50.0, 150.0], [90.0; 3]);
        // Corners on the image (its own pixels), moved to the canvas.
        let tri = |c: [(f64, f64, f64); 3], rgb: [f64; 3]| {
            c.map(|(x, y, near)| vertex(x + 100.0, y + 50.0, near, rgb))
        };
        let tris = [
            // Level, over the image's top left corner.
            tri([(-5.3, -4.1, 0.0), (31.7, 6.2, 0.0), (8.9, 22.6, 0.0)], red),
            // Clockwise, and tilted: behind the red one at one end, in front at the other.
            tri(
                [(36.3, 2.4, -1.0), (3.1, 14.7, 1.0), (27.9, 27.4, 0.6)],
                blue,
            ),
            // In front of everything, its top edge along a row.
            tri(
                [(12.37, 17.63, 2.0), (24.81, 17.63, 2.0), (18.2, 26.9, 2.0)],
                green,
            ),
            // Behind everything, its bottom edge along a row.
            tri(
                [(1.3, 20.4, -2.0), (-3.7, 27.45, -2.0), (9.6, 27.45, -2.0)],
                yellow,
            ),
            // Over the right and bottom edges.
            tri(
                [(33.3, 18.7, 0.5), (47.2, 25.1, 0.5), (35.6, 36.4, 0.5)],
                purple,
            ),
            // A sliver, one pixel or none wide, in front.
            tri(
                [(20.2, 0.2, 3.0), (20.3, 12.8, 3.0), (20.9, 6.1, 3.0)],
                grey,
            ),
            // Nothing to fill: three corners in a line, and a corner at no place.
            tri([(1.1, 1.3, 5.0), (5.7, 5.9, 5.0), (9.3, 9.5, 5.0)], grey),
            tri(
                [(10.0, f64::NAN, 5.0), (20.0, 5.0, 5.0), (15.0, 15.0, 5.0)],
                grey,
            ),
        ];
        let mut img = blank(40, 30);
        let want = slow_fill(&img, &tris);
        for t in tris {
            img.fill(t);
        }
        let mut checked = 0;
        let mut colours = std::collections::BTreeSet::new();
        for (k, want) in want.iter().enumerate() {
            let Some((rgba, near)) = want else {
                continue;
            };
            let (x, y) = (k % 40, k / 40);
            assert_eq!(img.rgba[4 * k..4 * k + 4], rgba[..], "pixel ({x}, {y})");
            if rgba[3] == 255 {
                let got = f64::from(img.near[k]);
                assert!(
                    (got - near).abs() < 1e-4,
                    "depth at ({x}, {y}): {got}, not {near}"
                );
            }
            checked += 1;
            colours.insert(*rgba);
        }
        // Nearly every pixel is a clear call; all six colours and the background show.
        assert!(checked > 1150, "{checked}");
        assert_eq!(colours.len(), 7, "{colours:?}");
    }

    #[test]
    fn a_triangle_takes_its_corners_mean_colour_rounded() {
        let mut img = blank(10, 10);
        img.fill([
            vertex(100.0, 50.0, 0.0, [10.0, 10.0, 200.0]),
            vertex(110.0, 50.0, 0.0, [20.0, 11.0, 100.0]),
            vertex(100.0, 60.0, 0.0, [31.0, 11.0, 0.0]),
        ]);
        // 61/3 = 20.3, 32/3 = 10.7, 300/3 = 100.
        assert_eq!(img.rgba[..4], [20, 11, 100, 255]);
    }

    /// The image's pixels that a line lightened: each of `img`'s pixels was `base`.
    fn lit(img: &Pixels, base: [u8; 4]) -> Vec<(usize, usize)> {
        (0..img.w * img.h)
            .filter(|&k| img.rgba[4 * k..4 * k + 4] != base)
            .map(|k| (k % img.w, k / img.w))
            .collect()
    }

    /// An image of `w` × `h` pixels, all grey at depth 0.
    fn grey(w: usize, h: usize) -> Pixels {
        let mut img = blank(w, h);
        img.rgba = [100, 100, 100, 255].repeat(w * h);
        img.near = vec![0.0; w * h];
        img
    }

    #[test]
    fn a_grid_line_lightens_the_pixels_it_crosses_once_and_as_wide_as_asked() {
        let at = |x: f64, y: f64, near: f64| vertex(x + 100.0, y + 50.0, near, [0.0; 3]);
        let base = [100, 100, 100, 255];
        // Along a row: 40 % of the way to white, once however many steps land on a pixel,
        // however often it is drawn.
        let mut img = grey(20, 12);
        img.line(at(2.5, 3.5, 0.0), at(15.5, 3.5, 0.0), 1);
        img.line(at(2.5, 3.5, 0.0), at(15.5, 3.5, 0.0), 1);
        let row: Vec<_> = (2..=15).map(|x| (x, 3)).collect();
        assert_eq!(lit(&img, base), row);
        assert_eq!(img.rgba[4 * (3 * 20 + 7)..][..4], [162, 162, 162, 254]);
        // Three wide: up and down from a flat line, sideways from a steep one.
        let mut img = grey(20, 12);
        img.line(at(2.5, 3.5, 0.0), at(15.5, 3.5, 0.0), 3);
        let rows: Vec<_> = (2..=4)
            .flat_map(|y| (2..=15).map(move |x| (x, y)))
            .collect();
        assert_eq!(lit(&img, base), rows);
        let mut img = grey(20, 12);
        img.line(at(5.5, 1.5, 0.0), at(6.2, 10.5, 0.0), 3);
        let got = lit(&img, base);
        for y in 1..=10 {
            let xs: Vec<usize> = got.iter().filter(|p| p.1 == y).map(|p| p.0).collect();
            assert_eq!(xs.len(), 3, "row {y}: {xs:?}");
            assert!(
                xs[0] + 2 == xs[2] && (4..=6).contains(&xs[1]),
                "row {y}: {xs:?}"
            );
        }
        assert_eq!(got.len(), 30);
        // A slanting line, clipped where it leaves the image: one pixel a column, on the line.
        let mut img = grey(20, 12);
        img.line(at(-4.0, 1.2, 0.0), at(26.0, 13.8, 0.0), 1);
        let got = lit(&img, base);
        assert_eq!(got.len(), 20, "{got:?}");
        for (x, y) in got {
            let on = 1.2 + (x as f64 + 0.5 + 4.0) * 12.6 / 30.0;
            assert!((y as f64 + 0.5 - on).abs() <= 1.0, "({x}, {y})");
        }
        // From the image's very corner (0, 0).
        let mut img = grey(20, 12);
        img.line(at(0.0, 0.0, 0.0), at(0.0, 5.0, 0.0), 1);
        assert_eq!(lit(&img, base), (0..=5).map(|y| (0, y)).collect::<Vec<_>>());
    }

    #[test]
    fn a_grid_line_is_hidden_by_what_is_nearer_and_never_drawn_off_the_surface() {
        let at = |x: f64, y: f64, near: f64| vertex(x + 100.0, y + 50.0, near, [0.0; 3]);
        let base = [100, 100, 100, 255];
        // The surface at depth 0.5; the line rising from 0 to 1 across it shows only where it
        // is at most a hair (0.02) behind: from a quarter past its middle, on.
        let mut img = grey(40, 5);
        img.near = vec![0.5; 40 * 5];
        img.line(at(0.5, 2.5, 0.0), at(39.5, 2.5, 1.0), 1);
        let cols: Vec<usize> = lit(&img, base).iter().map(|p| p.0).collect();
        // Column x is at x / 39 of the way: 0.48 and more from x = 18.72.
        assert_eq!(cols, (19..40).collect::<Vec<_>>());
        // Not where the image is empty (the right half of the row).
        let mut img = grey(40, 5);
        let clear = [100, 100, 100, 0];
        for k in 2 * 40 + 20..3 * 40 {
            img.rgba[4 * k..4 * k + 4].copy_from_slice(&clear);
        }
        img.line(at(0.5, 2.5, 0.0), at(39.5, 2.5, 0.0), 1);
        let row: Vec<&[u8]> = img.rgba[4 * 2 * 40..4 * 3 * 40].chunks(4).collect();
        assert!(
            row[..20].iter().all(|p| *p == [162, 162, 162, 254]),
            "{row:?}"
        );
        assert!(row[20..].iter().all(|p| *p == clear), "{row:?}");
    }
}

//! Our own rasteriser for the 3-D view: triangles filled into an RGBA image with a depth
//! test, light lines drawn over them with the same test, and the depths kept so that the
//! moving layer can tell what the surface hides.

/// How much lighter the grid lines are than the surface under them.
const GRID_LIGHT: f64 = 0.4;

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
    /// Where it sits on the canvas: [left, top, right, bottom], in pixels.
    pub fn place(&self) -> [f64; 4] {
        let (l, t) = (self.at.0 as f64, self.at.1 as f64);
        [l, t, l + self.size.0 as f64, t + self.size.1 as f64]
    }

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
pub(super) struct Vertex {
    pub px: f64,
    pub py: f64,
    pub near: f64,
    pub rgb: [f64; 3],
}

/// The image being drawn, with each pixel's nearness to the eye for the depth test.
pub(super) struct Pixels {
    pub(super) rgba: Vec<u8>,
    pub(super) near: Vec<f32>,
    pub(super) w: usize,
    pub(super) h: usize,
    /// The image's top left corner on the canvas.
    pub(super) at: (f64, f64),
}

impl Pixels {
    /// An empty image of `w` × `h` pixels whose top left corner sits at `at` on the canvas.
    pub fn new(w: usize, h: usize, at: (usize, usize)) -> Pixels {
        Pixels {
            rgba: vec![0; w * h * 4],
            near: vec![f32::NEG_INFINITY; w * h],
            w,
            h,
            at: (at.0 as f64, at.1 as f64),
        }
    }

    /// The image drawn.
    pub fn finish(self) -> Image {
        Image {
            size: (self.w, self.h),
            at: (self.at.0 as usize, self.at.1 as usize),
            rgba: self.rgba,
            near: self.near,
        }
    }

    /// Fills a triangle in its colour, at the pixel centres inside it where it is nearer than
    /// what is there. Each row is walked only across the span inside all three edges, the
    /// depth changing by a fixed amount per pixel.
    pub fn fill(&mut self, v: [Vertex; 3]) {
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
    pub fn line(&mut self, a: Vertex, b: Vertex, width: usize) {
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

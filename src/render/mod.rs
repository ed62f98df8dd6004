//! Drawing, on any plotters backend: the curve and its axes (drawn once per change), the ball
//! and its path (drawn every frame), and the loss chart. Nothing here knows about browsers, so
//! it is tested natively on a recording backend.
//!
//! Sizes are given in CSS pixels and multiplied by [`Theme::px`], which folds in the device
//! pixel ratio and the presenter zoom, so lines stay sharp and readable on every screen.

mod arrows;
mod axes;
mod camera;
mod coords;
mod curve;
mod data;
mod field;
mod loss;
mod map;
mod marks;
mod png;
mod race;
mod raster;
#[cfg(test)]
pub(crate) mod recorder;
mod scene;
mod surface;
pub mod svg;

pub use arrows::{draw_arrows, draw_arrows_3d, Arrows};
pub use camera::{View3d, ZAxis};
pub use coords::{draw_coord_axes, draw_coords};
pub use curve::value_range;
pub use curve::{draw_curve, Curve};
pub use data::{data_view, draw_data, draw_model};
pub use field::{draw_contours, draw_plane_axes, equal_scales, viridis, Field};
pub use loss::{draw_loss_axes, draw_progress, draw_rate_axes};
pub use map::{
    draw_band, draw_map_mark, draw_map_progress, draw_rate_map_axes, draw_sweep, map_image,
    SweepMarks,
};
pub use marks::{draw_casing, draw_marks, Marks};
pub use png::data_url;
pub use race::{draw_loss_marker, draw_race, draw_race_loss, draw_race_rate};
pub use scene::{draw_floor, draw_race_3d, draw_scene_labels, draw_scene_names, scene_rect};
pub use surface::{Image, Surface, MESH};
pub use svg::Svg;

use plotters::style::RGBColor;

/// Colours and sizes. The defaults are the Okabe–Ito palette, which colour-blind readers
/// can tell apart; the page overrides them from its CSS custom properties.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub curve: RGBColor,
    pub path: RGBColor,
    pub ball: RGBColor,
    pub tangent: RGBColor,
    pub step: RGBColor,
    /// One colour per method (in `Method::ALL` order) for races, from Okabe–Ito.
    pub methods: [RGBColor; 6],
    /// Device pixels per CSS pixel (the device pixel ratio).
    pub dpr: f64,
    /// 1 normally, larger in presenter mode: thicker lines, larger type.
    pub zoom: f64,
}

impl Theme {
    pub fn light() -> Self {
        Theme {
            background: RGBColor(255, 255, 255),
            text: RGBColor(31, 35, 40),
            muted: RGBColor(87, 96, 106),
            grid: RGBColor(216, 222, 228),
            curve: RGBColor(0, 114, 178),
            path: RGBColor(213, 94, 0),
            ball: RGBColor(213, 94, 0),
            tangent: RGBColor(0, 158, 115),
            // Darker than Okabe–Ito's where that falls under 3:1 on white (the step's pink,
            // momentum's orange, RMSProp's sky blue), as graphics need.
            step: RGBColor(194, 84, 154),
            methods: [
                RGBColor(213, 94, 0),
                RGBColor(176, 120, 0),
                RGBColor(0, 158, 115),
                RGBColor(204, 121, 167),
                RGBColor(43, 131, 196),
                RGBColor(0, 0, 0),
            ],
            dpr: 1.0,
            zoom: 1.0,
        }
    }

    pub fn dark() -> Self {
        Theme {
            background: RGBColor(22, 27, 34),
            text: RGBColor(230, 237, 243),
            muted: RGBColor(139, 148, 158),
            grid: RGBColor(48, 54, 61),
            curve: RGBColor(86, 180, 233),
            path: RGBColor(230, 159, 0),
            ball: RGBColor(230, 159, 0),
            tangent: RGBColor(0, 158, 115),
            step: RGBColor(204, 121, 167),
            methods: [
                RGBColor(230, 97, 0),
                RGBColor(230, 159, 0),
                RGBColor(0, 158, 115),
                RGBColor(204, 121, 167),
                RGBColor(86, 180, 233),
                RGBColor(240, 228, 66),
            ],
            dpr: 1.0,
            zoom: 1.0,
        }
    }

    /// Overrides colours from `--descent-<name>` values such as `#0072b2`, looked up by `get`
    /// (`--descent-adam` and so on for the methods).
    pub fn with_colors(mut self, get: impl Fn(&str) -> Option<String>) -> Self {
        let slots: [(&str, &mut RGBColor); 9] = [
            ("background", &mut self.background),
            ("text", &mut self.text),
            ("muted", &mut self.muted),
            ("grid", &mut self.grid),
            ("curve", &mut self.curve),
            ("path", &mut self.path),
            ("ball", &mut self.ball),
            ("tangent", &mut self.tangent),
            ("step", &mut self.step),
        ];
        for (name, slot) in slots {
            if let Some(c) = get(name).as_deref().and_then(parse_hex) {
                *slot = c;
            }
        }
        for (m, slot) in crate::optim::Method::ALL.iter().zip(&mut self.methods) {
            if let Some(c) = get(m.key()).as_deref().and_then(parse_hex) {
                *slot = c;
            }
        }
        self
    }

    /// The same theme drawing a path and ball in `c` (one lane of a race).
    pub fn lane(&self, c: RGBColor) -> Theme {
        Theme {
            path: c,
            ball: c,
            curve: c,
            ..*self
        }
    }

    /// A length of `css` CSS pixels, in device pixels.
    pub fn px(&self, css: f64) -> f64 {
        css * self.dpr * self.zoom
    }

    /// A line `css` pixels wide, in whole device pixels (at least 1).
    pub fn line(&self, css: f64) -> u32 {
        self.px(css).round().max(1.0) as u32
    }

    /// A font size in device pixels (at least 1).
    pub fn font(&self, css: f64) -> f64 {
        self.px(css).max(1.0)
    }
}

/// `#rrggbb` (or `#rgb`) as a colour.
pub fn parse_hex(s: &str) -> Option<RGBColor> {
    let h = s.trim().strip_prefix('#')?;
    let channel = |i: usize, n: usize| u8::from_str_radix(h.get(i..i + n)?, 16).ok();
    match h.len() {
        6 => Some(RGBColor(channel(0, 2)?, channel(2, 2)?, channel(4, 2)?)),
        3 => {
            let d = |i| channel(i, 1).map(|v| v * 17);
            Some(RGBColor(d(0)?, d(1)?, d(2)?))
        }
        _ => None,
    }
}

/// Where the data sits on the canvas: the data ranges and the plot rectangle in device pixels.
/// The moving layer and pointer events use it to map between the two.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// The data range shown horizontally.
    pub x: [f64; 2],
    /// The data range shown vertically (f(x) in one dimension).
    pub y: [f64; 2],
    /// The plot rectangle: left, top, right, bottom, in device pixels.
    pub rect: [f64; 4],
}

impl Frame {
    /// Data to pixels. Non-finite data land far outside the rectangle, never as NaN.
    pub fn to_px(&self, p: [f64; 2]) -> (f64, f64) {
        let [l, t, r, b] = self.rect;
        let fx = (p[0] - self.x[0]) / (self.x[1] - self.x[0]);
        let fy = (p[1] - self.y[0]) / (self.y[1] - self.y[0]);
        let tame = |v: f64| {
            if v.is_nan() {
                0.0
            } else {
                crate::within(v, -1e6, 1e6)
            }
        };
        (l + tame(fx) * (r - l), b - tame(fy) * (b - t))
    }

    /// Pixels to data.
    pub fn to_data(&self, px: (f64, f64)) -> [f64; 2] {
        let [l, t, r, b] = self.rect;
        [
            self.x[0] + (px.0 - l) / (r - l) * (self.x[1] - self.x[0]),
            self.y[0] + (b - px.1) / (b - t) * (self.y[1] - self.y[0]),
        ]
    }

    /// Whether a pixel position lies in the plot rectangle.
    pub fn contains(&self, px: (f64, f64)) -> bool {
        let [l, t, r, b] = self.rect;
        px.0 >= l && px.0 <= r && px.1 >= t && px.1 <= b
    }

    /// The nearest point of the plot rectangle (its left or top edge if a plot too small for
    /// its margins turned it inside out).
    pub fn clamp(&self, px: (f64, f64)) -> (f64, f64) {
        let [l, t, r, b] = self.rect;
        (crate::within(px.0, l, r), crate::within(px.1, t, b))
    }

    /// The part of the segment a–b inside the plot rectangle (Liang–Barsky), if any.
    pub fn clip(&self, a: (f64, f64), b: (f64, f64)) -> Option<((f64, f64), (f64, f64))> {
        let [l, t, r, bo] = self.rect;
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.0 - l),
            (dx, r - a.0),
            (-dy, a.1 - t),
            (dy, bo - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let u = q / p;
                if p < 0.0 {
                    t0 = t0.max(u);
                } else {
                    t1 = t1.min(u);
                }
            }
        }
        (t0 <= t1).then_some((
            (a.0 + t0 * dx, a.1 + t0 * dy),
            (a.0 + t1 * dx, a.1 + t1 * dy),
        ))
    }
}

/// A pixel position as plotters' integer backend coordinate (finite by construction).
pub(crate) fn coord(p: (f64, f64)) -> (i32, i32) {
    let c = |v: f64| crate::within(v.round(), -1e7, 1e7) as i32;
    (c(p.0), c(p.1))
}

/// Tick labels: a typographic minus and no needless digits.
pub(crate) fn tick(v: &f64) -> String {
    crate::fmt::brief(*v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::within;

    fn frame() -> Frame {
        Frame {
            x: [-10.0, 10.0],
            y: [0.0, 100.0],
            rect: [50.0, 10.0, 450.0, 210.0],
        }
    }

    #[test]
    fn maps_data_to_pixels_and_back() {
        let f = frame();
        assert_eq!(f.to_px([0.0, 50.0]), (250.0, 110.0));
        assert_eq!(f.to_data((250.0, 110.0)), [0.0, 50.0]);
        let far = f.to_px([f64::NAN, f64::INFINITY]);
        assert!(far.0.is_finite() && far.1.is_finite());
    }

    #[test]
    fn clips_segments_to_the_plot() {
        let f = frame();
        let (a, b) = f.clip((0.0, 110.0), (500.0, 110.0)).unwrap();
        assert_eq!((a, b), ((50.0, 110.0), (450.0, 110.0)));
        assert!(f.clip((0.0, 0.0), (10.0, 5.0)).is_none());
    }

    #[test]
    fn clamping_never_panics_on_an_inside_out_plot() {
        assert_eq!(within(5.0, 0.0, 10.0), 5.0);
        assert_eq!(within(-5.0, 0.0, 10.0), 0.0);
        assert_eq!(within(5.0, 10.0, 0.0), 10.0);
        let f = Frame {
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
            rect: [60.0, 20.0, 40.0, 10.0],
        };
        assert_eq!(f.clamp((0.0, 0.0)), (60.0, 20.0));
    }

    #[test]
    fn reads_css_colours() {
        assert_eq!(parse_hex("#0072b2"), Some(RGBColor(0, 114, 178)));
        assert_eq!(parse_hex(" #fff "), Some(RGBColor(255, 255, 255)));
        assert_eq!(parse_hex("red"), None);
        let t = Theme::light().with_colors(|n| (n == "curve").then(|| "#010203".into()));
        assert_eq!(t.curve, RGBColor(1, 2, 3));
        assert_eq!(t.ball, Theme::light().ball);
    }
}

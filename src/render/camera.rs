//! The 3-D view's geometry: the box the surface sits in, seen from a yaw and a pitch, and
//! the height axis, which squeezes surfaces of huge range (a log scale) or cuts off spikes (a
//! clipped one). Points go to pixels and, for a click, pixels back to the floor.
//!
//! The box: x and y span the view's ranges over X, Y ∈ [−1, 1], and f spans its axis over
//! Z ∈ [−[`HEIGHT`], [`HEIGHT`]]. Seen with an orthographic camera at azimuth a (the yaw,
//! counter-clockwise from the x axis) and elevation e (the pitch):
//!
//! - across the screen, u = −X·sin a + Y·cos a;
//! - up the screen, v = Z·cos e − (X·cos a + Y·sin a)·sin e;
//! - toward the eye, d = (X·cos a + Y·sin a)·cos e + Z·sin e.

use super::axes::ticks;

/// The box's half-height, as a share of its half-width.
pub const HEIGHT: f64 = 0.7;

/// How f maps onto the box's height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Evenly.
    Linear,
    /// t = ln(1 + (f − lo)/c) / ln(1 + (hi − lo)/c): the low values spread out, the high
    /// ones squeezed, for a surface whose values mostly sit far below its top (Rosenbrock).
    Log { c: f64 },
    /// Evenly between `lo` and `hi`, the values beyond held at the box's floor or lid: for
    /// spikes that would flatten the rest.
    Clipped,
}

/// The height axis: the values at the box's floor and lid, and the scale between.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ZAxis {
    pub lo: f64,
    pub hi: f64,
    pub scale: Scale,
}

/// The `p`-th quantile of sorted `v` (not empty).
fn quantile(v: &[f64], p: f64) -> f64 {
    v[((v.len() - 1) as f64 * p).round() as usize]
}

impl ZAxis {
    /// The axis for a surface of these values (the undefined ones ignored):
    /// - clipped to its 2nd and 98th percentiles (widened by their spread) when values beyond
    ///   them span more than 20 times the spread;
    /// - else a log scale when half the values lie in the bottom 8 % of the range;
    /// - else linear from the lowest value to the highest.
    pub fn fit(values: &[f64]) -> ZAxis {
        let mut v: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        super::curve::sort_floats(&mut v);
        let linear = |lo: f64, hi: f64| ZAxis {
            lo,
            hi,
            scale: Scale::Linear,
        };
        let (Some(&lo), Some(&hi)) = (v.first(), v.last()) else {
            return linear(0.0, 1.0);
        };
        if hi - lo <= lo.abs().max(hi.abs()) * 1e-12 {
            // Flat: a level sheet in the middle of the box.
            let pad = lo.abs().max(1.0);
            return linear(lo - pad, lo + pad);
        }
        let (low, high) = (quantile(&v, 0.02), quantile(&v, 0.98));
        let spread = high - low;
        let range = hi - lo;
        if !range.is_finite() || range > 20.0 * spread {
            let (lo2, hi2) = (lo.max(low - spread), hi.min(high + spread));
            if hi2 > lo2 {
                return ZAxis {
                    lo: lo2,
                    hi: hi2,
                    scale: Scale::Clipped,
                };
            }
        }
        let c = (quantile(&v, 0.5) - lo) / 4.0;
        if c > 0.0 && 4.0 * c < 0.08 * range {
            return ZAxis {
                lo,
                hi,
                scale: Scale::Log { c },
            };
        }
        linear(lo, hi)
    }

    /// Where `f` sits between floor (0) and lid (1); NaN where f is undefined. Values beyond
    /// the axis are held at its ends.
    pub fn unit(&self, f: f64) -> f64 {
        if f.is_nan() {
            return f64::NAN;
        }
        let t = match self.scale {
            Scale::Log { c } => (1.0 + (f - self.lo).max(0.0) / c).ln() / self.log_top(c),
            _ => (f - self.lo) / (self.hi - self.lo),
        };
        crate::within(t, 0.0, 1.0)
    }

    /// ln(1 + (hi − lo)/c): the log scale's top.
    fn log_top(&self, c: f64) -> f64 {
        (1.0 + (self.hi - self.lo) / c).ln()
    }

    /// The value at `t` of the way from floor to lid (the inverse of [`ZAxis::unit`]).
    pub fn value(&self, t: f64) -> f64 {
        match self.scale {
            Scale::Log { c } => self.lo + c * ((t * self.log_top(c)).exp() - 1.0),
            _ => self.lo + t * (self.hi - self.lo),
        }
    }

    /// Round values to label the axis with, at least an eighth of its height apart.
    pub fn ticks(&self) -> Vec<f64> {
        let mut candidates = match self.scale {
            // Round values at every scale the axis spans, 1, 2 and 5 times powers of ten.
            Scale::Log { .. } => (0..=8)
                .flat_map(|k| ticks([self.lo, self.value(f64::from(k) / 8.0)], 2))
                .collect(),
            _ => ticks([self.lo, self.hi], 6),
        };
        super::curve::sort_floats(&mut candidates);
        let mut kept: Vec<f64> = Vec::new();
        for v in candidates {
            let t = self.unit(v);
            if (v >= self.lo && v <= self.hi)
                && kept.last().is_none_or(|&k| t - self.unit(k) >= 0.125)
            {
                kept.push(v);
            }
        }
        kept
    }

    /// What the axis says about its scale, after f's name: "", ", log scale" or ", clipped".
    pub fn note(&self) -> &'static str {
        match self.scale {
            Scale::Linear => "",
            Scale::Log { .. } => ", log scale",
            Scale::Clipped => ", clipped",
        }
    }
}

/// The box seen from the camera, drawn in a rectangle of pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View3d {
    pub x: [f64; 2],
    pub y: [f64; 2],
    pub z: ZAxis,
    /// sin and cos of the yaw and of the pitch.
    yaw: (f64, f64),
    pitch: (f64, f64),
    /// The box's centre on the canvas, and pixels per unit of X.
    centre: (f64, f64),
    scale: f64,
}

/// A point of the box: X, Y and Z.
pub type Unit = [f64; 3];

impl View3d {
    /// The box over `x` × `y` with height axis `z`, seen from `yaw` and `pitch` (degrees) and
    /// drawn as large as fits `rect` (left, top, right, bottom) at every yaw, so that turning
    /// never changes its size.
    pub fn new(
        x: [f64; 2],
        y: [f64; 2],
        z: ZAxis,
        (yaw, pitch): (f64, f64),
        rect: [f64; 4],
    ) -> View3d {
        let (a, e) = (yaw.to_radians(), pitch.to_radians());
        let [l, t, r, b] = rect;
        let (se, ce) = e.sin_cos();
        // The floor's corners reach √2 from the centre at some yaw.
        let half_w = std::f64::consts::SQRT_2;
        let half_h = HEIGHT * ce + std::f64::consts::SQRT_2 * se;
        let scale = ((r - l) / (2.0 * half_w))
            .min((b - t) / (2.0 * half_h))
            .max(1e-9);
        View3d {
            x,
            y,
            z,
            yaw: a.sin_cos(),
            pitch: (se, ce),
            centre: ((l + r) / 2.0, (t + b) / 2.0),
            scale,
        }
    }

    /// A point of the data (x, y, f) in the box; f at the axis's ends when beyond them.
    pub fn unit(&self, p: [f64; 3]) -> Unit {
        let s = |v: f64, r: [f64; 2]| 2.0 * (v - r[0]) / (r[1] - r[0]) - 1.0;
        [
            s(p[0], self.x),
            s(p[1], self.y),
            HEIGHT * (2.0 * self.z.unit(p[2]) - 1.0),
        ]
    }

    /// A point of the box on the canvas, and its nearness to the eye (larger is nearer).
    pub fn project(&self, u: Unit) -> (f64, f64, f64) {
        let ((sa, ca), (se, ce)) = (self.yaw, self.pitch);
        let across = -u[0] * sa + u[1] * ca;
        let toward = u[0] * ca + u[1] * sa;
        let up = u[2] * ce - toward * se;
        let near = toward * ce + u[2] * se;
        (
            self.centre.0 + self.scale * across,
            self.centre.1 - self.scale * up,
            near,
        )
    }

    /// A point of the data on the canvas.
    pub fn to_px(&self, p: [f64; 3]) -> (f64, f64) {
        let (px, py, _) = self.project(self.unit(p));
        (px, py)
    }

    /// The point of the floor (of the plane it lies in) under a pixel, as data (x, y); none
    /// when the view looks along the floor.
    pub fn floor_at(&self, px: (f64, f64)) -> Option<[f64; 2]> {
        let ((sa, ca), (se, ce)) = (self.yaw, self.pitch);
        let across = (px.0 - self.centre.0) / self.scale;
        let up = (self.centre.1 - px.1) / self.scale;
        // On the floor Z = −HEIGHT: up = −HEIGHT·cos e − toward·sin e.
        if se.abs() < 1e-6 {
            return None;
        }
        let toward = (-HEIGHT * ce - up) / se;
        let (ux, uy) = (toward * ca - across * sa, toward * sa + across * ca);
        let back = |u: f64, r: [f64; 2]| r[0] + (u + 1.0) / 2.0 * (r[1] - r[0]);
        Some([back(ux, self.x), back(uy, self.y)])
    }

    /// Pixels per unit of the box.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// The direction the eye looks from, in the box (a unit vector).
    pub fn eye(&self) -> Unit {
        let ((sa, ca), (se, ce)) = (self.yaw, self.pitch);
        [ca * ce, sa * ce, se]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(yaw: f64, pitch: f64) -> View3d {
        let z = ZAxis::fit(&[0.0, 2.0]);
        View3d::new(
            [-1.0, 1.0],
            [-1.0, 1.0],
            z,
            (yaw, pitch),
            [0.0, 0.0, 400.0, 300.0],
        )
    }

    #[test]
    fn from_straight_above_x_runs_across_and_y_up_the_screen_at_yaw_minus_90() {
        let v = view(-90.0, 90.0);
        let (cx, cy) = v.to_px([0.0, 0.0, 1.0]);
        assert!((cx - 200.0).abs() < 1e-9 && (cy - 150.0).abs() < 1e-9);
        let (rx, ry) = v.to_px([1.0, 0.0, 1.0]);
        assert!(rx > cx + 50.0 && (ry - cy).abs() < 1e-9, "x to the right");
        let (ux, uy) = v.to_px([0.0, 1.0, 1.0]);
        assert!((ux - cx).abs() < 1e-9 && uy < cy - 50.0, "y up the screen");
        // Height does not show from straight above.
        assert!((v.to_px([0.0, 0.0, 0.0]).1 - cy).abs() < 1e-9);
    }

    #[test]
    fn level_the_height_goes_up_the_screen_and_the_near_side_is_nearer() {
        let v = view(0.0, 0.0);
        let low = v.to_px([0.0, 0.0, 0.0]);
        let high = v.to_px([0.0, 0.0, 2.0]);
        assert!(high.1 < low.1 - 100.0);
        // At yaw 0 the eye looks from +x.
        let near = v.project(v.unit([1.0, 0.0, 1.0])).2;
        let far = v.project(v.unit([-1.0, 0.0, 1.0])).2;
        assert!(near > far);
        assert_eq!(v.eye(), [1.0, 0.0, 0.0]);
    }

    #[test]
    fn nearness_grows_toward_the_eye_and_the_eye_looks_from_yaw_and_pitch() {
        // At yaw 0 and pitch 30 the eye looks from +x, 30° up: a point's nearness is
        // X·cos 30° + Z·sin 30°.
        let v = view(0.0, 30.0);
        let near = v.project([1.0, 0.0, 0.7]).2;
        assert!((near - 1.216_025_403_784_438_6).abs() < 1e-12, "{near}");
        // Seen from above, the lid is nearer than the floor.
        let (lid, floor) = (
            v.project([0.0, 0.0, HEIGHT]).2,
            v.project([0.0, 0.0, -HEIGHT]).2,
        );
        assert!(lid > floor + 0.6, "{lid} {floor}");
        // From yaw −60 and pitch 30: (cos −60° · cos 30°, sin −60° · cos 30°, sin 30°).
        let eye = view(-60.0, 30.0).eye();
        let want = [0.433_012_701_892_219_3, -0.75, 0.5];
        assert!(
            eye.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-12),
            "{eye:?}"
        );
    }

    #[test]
    fn the_box_is_as_large_as_fits_at_every_yaw() {
        // 400 × 300 pixels from straight above: at yaw −45 the floor's diagonal (2√2 units)
        // runs up the screen, from its near corner at the bottom to the far one at the top,
        // and spans the 300 pixels of height.
        let v = view(-45.0, 90.0);
        assert!((v.scale() - 300.0 / (2.0 * std::f64::consts::SQRT_2)).abs() < 1e-9);
        let top = v.to_px([-1.0, 1.0, 0.0]);
        let bottom = v.to_px([1.0, -1.0, 0.0]);
        assert!(
            (top.1 - 0.0).abs() < 1e-9 && (bottom.1 - 300.0).abs() < 1e-9,
            "{top:?} {bottom:?}"
        );
    }

    #[test]
    fn the_box_fits_its_rectangle_at_every_angle() {
        for yaw in (-180..=180).step_by(15) {
            for pitch in (0..=90).step_by(15) {
                let v = view(f64::from(yaw), f64::from(pitch));
                for corner in 0..8 {
                    let p = [
                        if corner & 1 == 0 { -1.0 } else { 1.0 },
                        if corner & 2 == 0 { -1.0 } else { 1.0 },
                        if corner & 4 == 0 { 0.0 } else { 2.0 },
                    ];
                    let (x, y) = v.to_px(p);
                    assert!(
                        (-1e-9..=400.0 + 1e-9).contains(&x) && (-1e-9..=300.0 + 1e-9).contains(&y),
                        "corner {p:?} at yaw {yaw}, pitch {pitch}: ({x}, {y})"
                    );
                }
            }
        }
    }

    #[test]
    fn a_pixel_goes_back_to_the_floor_point_under_it() {
        let v = View3d::new(
            [-3.0, 5.0],
            [10.0, 20.0],
            ZAxis::fit(&[-4.0, 9.0]),
            (-60.0, 30.0),
            [10.0, 20.0, 610.0, 420.0],
        );
        for p in [[0.0, 12.0], [-3.0, 20.0], [4.5, 15.5]] {
            let px = v.to_px([p[0], p[1], -4.0]);
            let back = v.floor_at(px).unwrap();
            assert!((back[0] - p[0]).abs() < 1e-9 && (back[1] - p[1]).abs() < 1e-9);
        }
        let level = View3d::new([0.0, 1.0], [0.0, 1.0], v.z, (0.0, 0.0), [0.0; 4]);
        assert_eq!(level.floor_at((1.0, 1.0)), None);
    }

    #[test]
    fn a_bowl_is_linear_a_valley_of_huge_walls_is_log_and_a_spike_is_clipped() {
        let bowl: Vec<f64> = (0..400)
            .map(|k| {
                let (x, y) = (f64::from(k % 20) - 9.5, f64::from(k / 20) - 9.5);
                x * x + y * y
            })
            .collect();
        let z = ZAxis::fit(&bowl);
        assert_eq!(z.scale, Scale::Linear);
        assert_eq!((z.lo, z.hi), (0.5, 180.5));
        assert_eq!(z.note(), "");
        let rosenbrock: Vec<f64> = (0..1600)
            .map(|k| {
                let x = -2.0 + 4.0 * f64::from(k % 40) / 39.0;
                let y = -1.0 + 4.0 * f64::from(k / 40) / 39.0;
                (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
            })
            .collect();
        let z = ZAxis::fit(&rosenbrock);
        assert!(matches!(z.scale, Scale::Log { .. }), "{z:?}");
        assert_eq!(z.note(), ", log scale");
        // The valley's floor gets a fair share of the height: the median sits well up.
        let mut sorted = rosenbrock.clone();
        super::super::curve::sort_floats(&mut sorted);
        let median = z.unit(sorted[800]);
        assert!(median > 0.3 && median < 0.6, "{median}");
        for t in [0.0, 0.3, 0.7, 1.0] {
            assert!((z.unit(z.value(t)) - t).abs() < 1e-9);
        }
        let mut spike = bowl.clone();
        spike[17] = 1e12;
        spike.push(f64::NAN);
        let z = ZAxis::fit(&spike);
        assert_eq!(z.scale, Scale::Clipped);
        assert!(z.hi < 400.0 && z.lo == 0.5, "{z:?}");
        assert_eq!(z.unit(1e12), 1.0);
        assert!(z.unit(f64::NAN).is_nan());
        assert_eq!(z.note(), ", clipped");
        let flat = ZAxis::fit(&[3.0, 3.0, f64::INFINITY]);
        assert_eq!(flat.unit(3.0), 0.5);
        assert_eq!(ZAxis::fit(&[]).scale, Scale::Linear);
    }

    #[test]
    fn ticks_are_round_inside_and_apart() {
        let z = ZAxis::fit(&[0.0, 180.0]);
        assert_eq!(z.ticks(), vec![0.0, 50.0, 100.0, 150.0]);
        let log = ZAxis {
            lo: 0.0,
            hi: 2500.0,
            scale: Scale::Log { c: 36.0 },
        };
        let t = log.ticks();
        assert!(t.len() >= 4 && t[0] == 0.0, "{t:?}");
        for w in t.windows(2) {
            assert!(log.unit(w[1]) - log.unit(w[0]) >= 0.125);
        }
        assert!(t.iter().all(|v| crate::fmt::brief(*v).len() <= 5), "{t:?}");
        // Low values get labels of their own, which evenly spaced ticks would not give.
        assert_eq!(t, vec![0.0, 50.0, 200.0, 500.0, 1000.0, 2000.0]);
    }

    /// `n` + 1 values rising evenly from `a` to `b`.
    fn even(a: f64, b: f64, n: u32) -> Vec<f64> {
        (0..=n)
            .map(|k| a + (b - a) * f64::from(k) / f64::from(n))
            .collect()
    }

    #[test]
    fn a_linear_axis_not_from_zero_maps_values_to_heights_and_back() {
        let z = ZAxis::fit(&[-4.0, 9.0]);
        assert_eq!(
            z,
            ZAxis {
                lo: -4.0,
                hi: 9.0,
                scale: Scale::Linear
            }
        );
        assert_eq!(z.unit(0.0), 4.0 / 13.0);
        assert_eq!(z.unit(-4.0), 0.0);
        assert_eq!(z.unit(9.0), 1.0);
        assert_eq!(z.value(0.25), -0.75);
        assert_eq!(z.value(0.0), -4.0);
        assert_eq!(z.value(1.0), 9.0);
    }

    #[test]
    fn spikes_either_way_clip_the_axis_to_the_middle_values_widened_by_their_spread() {
        // 0 to 99, and one value a million below and one above: the 2nd percentile is 1, the
        // 98th is 98, their spread 97.
        let mut values: Vec<f64> = (0..100).map(f64::from).collect();
        values.extend([-1e6, 1e6]);
        let z = ZAxis::fit(&values);
        assert_eq!(
            z,
            ZAxis {
                lo: 1.0 - 97.0,
                hi: 98.0 + 97.0,
                scale: Scale::Clipped
            }
        );
    }

    #[test]
    fn a_sheet_with_far_outliers_is_a_log_scale_from_its_lowest_value() {
        // 99 values at 105, one at 100 and one at 1100: the percentiles coincide, so there is
        // nothing to clip to; the median sits 5 above the lowest value, c = 5 / 4.
        let mut values = vec![105.0; 99];
        values.extend([100.0, 1100.0]);
        let z = ZAxis::fit(&values);
        assert_eq!(
            z,
            ZAxis {
                lo: 100.0,
                hi: 1100.0,
                scale: Scale::Log { c: 1.25 }
            }
        );
        // ln(1 + 5/1.25) / ln(1 + 1000/1.25) = ln 5 / ln 801.
        assert!((z.unit(105.0) - 0.240_722_612_267_282_1).abs() < 1e-12);
        assert_eq!(
            (z.unit(100.0), z.unit(50.0), z.unit(1100.0)),
            (0.0, 0.0, 1.0)
        );
        // 100 + 1.25·(√801 − 1).
        assert!((z.value(0.5) - 134.127_429_245_212_26).abs() < 1e-9);
    }

    #[test]
    fn the_axis_thresholds_are_strict() {
        // The outer values span exactly 20 times the middle ones' spread (20 against 9 to 10):
        // not clipped.
        let mut values = even(9.0, 10.0, 96);
        values.extend([0.0, 0.0, 20.0, 20.0]);
        let z = ZAxis::fit(&values);
        assert_eq!((z.lo, z.hi, z.scale), (0.0, 20.0, Scale::Linear));
        // Over half the values at the lowest: no log scale with c = 0.
        let mut values = vec![0.0; 61];
        values.extend((1..=40).map(f64::from));
        let z = ZAxis::fit(&values);
        assert_eq!((z.lo, z.hi, z.scale), (0.0, 40.0, Scale::Linear));
        // The median at exactly 8 % of the range (2 of 25): linear.
        let mut values = even(0.0, 2.0, 50);
        values.extend([25.0; 50]);
        let z = ZAxis::fit(&values);
        assert_eq!((z.lo, z.hi, z.scale), (0.0, 25.0, Scale::Linear));
        // At 2 % (1 of 50): a log scale, c = 1/4.
        let mut values = even(0.0, 1.0, 50);
        values.extend([50.0; 50]);
        let z = ZAxis::fit(&values);
        assert_eq!((z.lo, z.hi, z.scale), (0.0, 50.0, Scale::Log { c: 0.25 }));
    }
}

//! Axes, grid and tick labels: a light replacement for plotters' chart mesh, drawn with
//! plotters elements. It does what the charts need (nice round ticks, a grid, two axis lines,
//! labels) at a fraction of the code, which keeps the web module small.

use super::{coord, Frame, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Space around the plot rectangle, in CSS pixels: left (for y labels), top, right, bottom
/// (for x labels).
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

/// About `n` round values spanning `range`: multiples of 1, 2 or 5 times a power of ten.
pub fn ticks(range: [f64; 2], n: usize) -> Vec<f64> {
    let (lo, hi) = (range[0].min(range[1]), range[0].max(range[1]));
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) || n == 0 {
        return Vec::new();
    }
    let raw = span / n as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    // A hair of slack, so an end that is itself round (0.1 / 0.05) counts as inside.
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    (first..=last)
        .map(|k| {
            let v = k as f64 * step;
            // Round away binary noise (0.30000000000000004) so labels read well.
            let digits = (-step.log10().floor()).max(0.0) as i32;
            let scale = 10f64.powi(digits);
            let v = (v * scale).round() / scale;
            if v == 0.0 {
                0.0
            } else {
                v
            }
        })
        .collect()
}

/// The label of 10^k on a log axis: short either way, 0.01 to 1000 in digits, others as 10⁻⁵.
pub fn decade(k: i32) -> String {
    if (-2..=3).contains(&k) {
        return crate::fmt::brief(10f64.powi(k));
    }
    let mut out = String::from("10");
    let mut digits = String::new();
    crate::fmt::push_int(&mut digits, i64::from(k));
    out.extend(digits.chars().map(crate::fmt::superscript));
    out
}

/// A chart's axes.
pub struct Axes<'a> {
    /// The data ranges shown.
    pub x: [f64; 2],
    pub y: [f64; 2],
    /// About how many labelled values along x and along y.
    pub counts: (usize, usize),
    pub margins: Margins,
    /// Writes a label.
    pub label: &'a dyn Fn(f64) -> String,
    /// Whether x is log₁₀ of the value shown: ticks at whole powers of ten, labelled with
    /// the value.
    pub log_x: bool,
    /// Label size, in CSS pixels.
    pub font: f64,
}

/// Draws the background, a grid at round values of x and y, the two axis lines, tick marks
/// and labels. Returns where the data sits.
pub fn draw_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    axes: &Axes,
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let Axes {
        x,
        y,
        counts,
        margins,
        label,
        log_x,
        font,
    } = *axes;
    area.fill(&theme.background)?;
    let (w, h) = area.dim_in_pixel();
    let rect = [
        theme.px(margins.left).round(),
        theme.px(margins.top).round(),
        (f64::from(w) - theme.px(margins.right)).round(),
        (f64::from(h) - theme.px(margins.bottom)).round(),
    ];
    let frame = Frame { x, y, rect };
    let [l, t, r, b] = rect;
    let thin = theme.line(1.0);
    let grid = theme.grid.stroke_width(thin);
    let axis = theme.muted.stroke_width(thin);
    let tick = theme.px(4.0);
    let style = (FontFamily::SansSerif, theme.font(font))
        .into_font()
        .color(&theme.muted);
    let xs = if log_x {
        let (a, b) = (x[0].min(x[1]).ceil() as i32, x[0].max(x[1]).floor() as i32);
        (a..=b).map(f64::from).collect()
    } else {
        ticks(x, counts.0)
    };
    for v in xs {
        let px = frame.to_px([v, y[0]]).0;
        area.draw(&PathElement::new(
            vec![coord((px, t)), coord((px, b))],
            grid,
        ))?;
        area.draw(&PathElement::new(
            vec![coord((px, b)), coord((px, b + tick))],
            axis,
        ))?;
        let at = style.pos(Pos::new(HPos::Center, VPos::Top));
        let text = if log_x { decade(v as i32) } else { label(v) };
        area.draw(&Text::new(text, coord((px, b + tick * 1.5)), at))?;
    }
    for v in ticks(y, counts.1) {
        let py = frame.to_px([x[0], v]).1;
        area.draw(&PathElement::new(
            vec![coord((l, py)), coord((r, py))],
            grid,
        ))?;
        area.draw(&PathElement::new(
            vec![coord((l - tick, py)), coord((l, py))],
            axis,
        ))?;
        let at = style.pos(Pos::new(HPos::Right, VPos::Center));
        area.draw(&Text::new(label(v), coord((l - tick * 1.5, py)), at))?;
    }
    area.draw(&PathElement::new(
        vec![coord((l, t)), coord((l, b)), coord((r, b))],
        axis,
    ))?;
    Ok(frame)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decades_are_labelled_briefly() {
        let labels: Vec<String> = (-5..=4).map(decade).collect();
        assert_eq!(
            labels,
            ["10⁻⁵", "10⁻⁴", "10⁻³", "0.01", "0.1", "1", "10", "100", "1000", "10⁴"]
        );
    }

    #[test]
    fn ticks_are_round_and_inside() {
        assert_eq!(ticks([-10.0, 10.0], 7), vec![-10.0, -5.0, 0.0, 5.0, 10.0]);
        assert_eq!(ticks([0.0, 1.0], 5), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(ticks([-2.2, 2.2], 7), vec![-2.0, -1.0, 0.0, 1.0, 2.0]);
        let t = ticks([0.1, 0.35], 5);
        assert_eq!(t, vec![0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
        assert!(ticks([1.0, 1.0], 5).is_empty());
        assert!(ticks([f64::NAN, 1.0], 5).is_empty());
    }
}

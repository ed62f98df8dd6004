//! The maps of many runs, on any plotters backend: each cell coloured by the minimum its run
//! reaches (paler the more steps it took), hatched grey where it diverged, left out where f is
//! undefined; under the curve in 1-D, as an image over the plane or the (η, β) plane, and the
//! sweep's chart of the final f against η on a log axis.

use super::axes::{draw_axes, Axes, Margins};
use super::{coord, tick, Curve, Frame, Theme};
use crate::maps::{swatch, Job, Swatch};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One colour per minimum, lowest first (then again): Tableau's ten, which read apart from
/// each other and from the grey of runs that did not settle.
const BASINS: [RGBColor; 8] = [
    RGBColor(78, 121, 167),
    RGBColor(242, 142, 43),
    RGBColor(89, 161, 79),
    RGBColor(225, 87, 89),
    RGBColor(176, 122, 161),
    RGBColor(118, 183, 178),
    RGBColor(237, 201, 72),
    RGBColor(156, 117, 95),
];

/// The chart's margins (CSS pixels), as the other charts'.
const MARGINS: Margins = Margins {
    left: 52.0,
    top: 10.0,
    right: 14.0,
    bottom: 26.0,
};

impl Theme {
    /// The colour of the `k`-th lowest minimum.
    pub fn basin(&self, k: usize) -> RGBColor {
        BASINS[k % BASINS.len()]
    }

    /// The colour of a swatch of a map's key (a hole: the background).
    pub fn swatch(&self, s: Swatch) -> RGBColor {
        match s {
            Swatch::Basin(k) => self.basin(k),
            Swatch::Unsettled => mix(self.muted, self.background, 0.6),
            Swatch::Elsewhere => mix(self.muted, self.background, 0.35),
            Swatch::Diverged => self.muted,
            Swatch::Hole => self.background,
        }
    }
}

/// `a` moved a fraction `t` of the way to `b`.
fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// The RGBA of a cell of swatch `s` whose run took `steps` of `budget`, at grid position
/// `(r, c)` (for the hatching): paler the longer it took; diverged cells in grey stripes;
/// holes transparent.
pub fn cell_rgba(
    s: Swatch,
    steps: u64,
    budget: u64,
    (r, c): (usize, usize),
    theme: &Theme,
) -> [u8; 4] {
    let color = match s {
        Swatch::Hole => return [0; 4],
        Swatch::Basin(_) => {
            let slow = (steps as f64).ln_1p() / (budget.max(1) as f64).ln_1p();
            mix(
                theme.swatch(s),
                theme.background,
                0.6 * crate::within(slow, 0.0, 1.0),
            )
        }
        Swatch::Diverged if (r + c) % 4 < 2 => mix(theme.muted, theme.background, 0.75),
        _ => theme.swatch(s),
    };
    [color.0, color.1, color.2, 255]
}

/// The map as an RGBA image, one pixel per cell, its top row the last row of cells (the
/// largest y or β), as a canvas wants it. `which`: each finished cell's minimum.
pub fn map_image(job: &Job, which: &[Option<usize>], budget: u64, theme: &Theme) -> Vec<u8> {
    let (side, rows) = job.size();
    let mut out = Vec::with_capacity(side * rows * 4);
    for r in (0..rows).rev() {
        for c in 0..side {
            let rgba = match job.shown(r * side + c) {
                Some(k) => {
                    let cell = &job.cells()[k];
                    let s = swatch(cell, which.get(k).copied().flatten());
                    cell_rgba(s, cell.steps, budget, (r, c), theme)
                }
                None => [0; 4],
            };
            out.extend_from_slice(&rgba);
        }
    }
    out
}

/// Fills the area under the curve with each start's colour (`image`: a map of starts along
/// the curve's x, one RGBA pixel each): the band of basins.
pub fn draw_band<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    curve: &Curve,
    image: &[u8],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let n = image.len() / 4;
    let [x0, x1] = frame.x;
    let points = &curve.points;
    let color = |k: usize| {
        let (x, y) = *points.get(k)?;
        let i = ((x - x0) / (x1 - x0) * (n as f64 - 1.0)).round();
        let i = crate::within(i, 0.0, n.saturating_sub(1) as f64) as usize;
        let p = image.get(i * 4..i * 4 + 4)?;
        (p[3] > 0 && y.is_finite()).then(|| RGBColor(p[0], p[1], p[2]))
    };
    let px = |k: usize| coord(frame.clamp(frame.to_px([points[k].0, points[k].1])));
    let bottom = frame.rect[3] as i32;
    let mut start = 0;
    for k in 1..=points.len() {
        if k < points.len() && color(k) == color(start) {
            continue;
        }
        if let Some(c) = color(start) {
            // On to the next sample where it is defined, so that neighbouring runs meet.
            let end = if color(k).is_some() { k } else { k - 1 };
            let mut shape: Vec<(i32, i32)> = (start..=end).map(px).collect();
            shape.push((px(end).0, bottom));
            shape.push((px(start).0, bottom));
            area.draw(&Polygon::new(shape, c.mix(0.55).filled()))?;
        }
        start = k;
    }
    Ok(())
}

/// The axes of a map of rates: η across `lr` on a log axis, `y` up the side (f for a sweep, β
/// for the momentum map). Returns where the data sits (x in log₁₀ η).
pub fn draw_rate_map_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lr: [f64; 2],
    y: [f64; 2],
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let axes = Axes {
        x: [lr[0].log10(), lr[1].log10()],
        y,
        counts: (7, 5),
        margins: MARGINS,
        label: &|v| tick(&v),
        log_x: true,
        font: 12.0,
    };
    draw_axes(area, &axes, theme)
}

/// What a sweep's chart shows besides its runs.
#[derive(Debug, Clone, Copy)]
pub struct SweepMarks {
    /// The current η.
    pub lr: f64,
    /// 2/f″ at the minimum the run reaches, if it curves up there.
    pub edge: Option<f64>,
    /// f at the start (the top of the chart, unless runs end higher).
    pub f0: f64,
}

/// The sweep's chart: the final f against η (log axis), each run a dot in its minimum's
/// colour joined by a thin line; runs that diverged as crosses along the top, runs that ended
/// above the chart as open dots on its top edge; a line at the current η and a dashed one at
/// the edge of stability. Returns where the data sits (x in log₁₀ η).
pub fn draw_sweep<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    job: &Job,
    which: &[Option<usize>],
    marks: SweepMarks,
    lr: [f64; 2],
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let (n, _) = job.size();
    let own: Vec<(f64, f64, Swatch)> = (0..n)
        .filter_map(|i| {
            let k = job.shown(i)?;
            let c = job.own(i)?;
            Some((
                c.at[0].log10(),
                c.f,
                swatch(c, which.get(k).copied().flatten()),
            ))
        })
        .collect();
    let mut values: Vec<f64> = own
        .iter()
        .filter(|c| c.2 != Swatch::Diverged)
        .map(|c| c.1)
        .collect();
    values.push(marks.f0);
    let y = super::value_range(values);
    let frame = draw_rate_map_axes(area, lr, y, theme)?;
    let top = frame.rect[1];
    let r = theme.px(2.5);
    let line = theme.muted.mix(0.6).stroke_width(theme.line(1.0));
    let mut piece: Vec<(i32, i32)> = Vec::new();
    for &(x, f, s) in &own {
        let at = frame.to_px([x, f]);
        let on = s != Swatch::Diverged && s != Swatch::Hole && f.is_finite() && at.1 >= top;
        if on {
            piece.push(coord(at));
        } else if piece.len() > 1 {
            area.draw(&PathElement::new(std::mem::take(&mut piece), line))?;
        } else {
            piece.clear();
        }
    }
    if piece.len() > 1 {
        area.draw(&PathElement::new(piece, line))?;
    }
    for &(x, f, s) in &own {
        let (px, py) = frame.to_px([x, f]);
        let c = theme.swatch(s);
        match s {
            Swatch::Hole => {}
            Swatch::Diverged => {
                let (a, y) = (theme.px(3.0), top + theme.px(4.0));
                let style = theme.text.stroke_width(theme.line(1.2));
                area.draw(&PathElement::new(
                    vec![coord((px - a, y - a)), coord((px + a, y + a))],
                    style,
                ))?;
                area.draw(&PathElement::new(
                    vec![coord((px - a, y + a)), coord((px + a, y - a))],
                    style,
                ))?;
            }
            _ if py < top || !f.is_finite() => {
                let style = c.stroke_width(theme.line(1.2));
                area.draw(&Circle::new(coord((px, top + r)), r as i32, style))?;
            }
            _ => area.draw(&Circle::new(coord((px, py)), r as i32, c.filled()))?,
        }
    }
    let vline = |x: f64| {
        let px = frame.clamp(frame.to_px([x.log10(), y[0]])).0;
        (coord((px, frame.rect[1])), coord((px, frame.rect[3])))
    };
    if let Some(e) = marks.edge.filter(|e| *e >= lr[0] && *e <= lr[1]) {
        let (a, b) = vline(e);
        let dash = theme.px(5.0) as i32;
        let style = theme.step.stroke_width(theme.line(1.5));
        let mut y0 = a.1;
        while y0 < b.1 {
            let y1 = (y0 + dash).min(b.1);
            area.draw(&PathElement::new(vec![(a.0, y0), (a.0, y1)], style))?;
            y0 += 2 * dash;
        }
    }
    let (a, b) = vline(marks.lr);
    area.draw(&PathElement::new(
        vec![a, b],
        theme.path.stroke_width(theme.line(2.0)),
    ))?;
    Ok(frame)
}

/// Marks the current setting on a map: a ring at `at` (data), dark inside a light halo.
pub fn draw_map_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    at: [f64; 2],
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let p = coord(frame.clamp(frame.to_px(at)));
    let r = theme.px(6.0) as i32;
    area.draw(&Circle::new(
        p,
        r,
        theme.background.stroke_width(theme.line(4.0)),
    ))?;
    area.draw(&Circle::new(p, r, theme.text.stroke_width(theme.line(2.0))))
}

/// A thin line along the top of the plot, as long as the share of `progress` (done, of all)
/// computed; none once it is all done.
pub fn draw_map_progress<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    progress: (usize, usize),
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (done, all) = progress;
    if done >= all {
        return Ok(());
    }
    let [l, t, r, _] = frame.rect;
    let x = l + (r - l) * done as f64 / all as f64;
    let y = t + theme.px(1.5);
    area.draw(&PathElement::new(
        vec![coord((l, y)), coord((x, y))],
        theme.path.stroke_width(theme.line(3.0)),
    ))
}

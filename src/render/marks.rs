//! The moving layer, drawn every frame on a transparent surface above the curve: the path so
//! far (markers joined by segments, older ones fading), the tangent at the ball, the next
//! update as an arrow, and the ball. A ball outside the view is drawn at the edge with a
//! marker pointing where it went.

use super::{coord, Frame, Theme};
use crate::fmt::{brief, coords, place};
use crate::run::Record;
use crate::within;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// How many of the latest steps are drawn in full, with markers; older ones, already faded to
/// the faintest, become one faint line.
const DETAILED: usize = 30;
/// The most points of the faint line of older steps.
const FAINT_POINTS: usize = 600;
/// The faintest a past step gets on a curve.
const FAINTEST: f64 = 0.3;
/// The faintest on a coloured map of the plane, where a paler path would lose its colour
/// (which, in a race, says whose path it is).
const FAINTEST_ON_MAP: f64 = 0.65;
/// How wide a path is drawn, in CSS pixels.
const PATH_WIDTH: f64 = 1.5;
/// How opaque the light casing under a path on the plane is.
const CASING: f64 = 0.75;

/// How opaque a step `age` steps old is drawn: 1 for the newest, fading to `faintest`, in
/// steps of 0.05 so that neighbouring segments of equal opacity are drawn as one line.
fn fade(age: usize, faintest: f64) -> f64 {
    let a = faintest + (1.0 - faintest) * (-(age as f64) / 10.0).exp();
    (a * 20.0).round() / 20.0
}

/// What the moving layer shows.
#[derive(Debug, Clone, Copy)]
pub struct Marks<'a> {
    /// The rows from the start up to the current one; the ball rests on the last.
    pub rows: &'a [Record],
    /// The row after the current one, if the run goes on.
    pub next: Option<&'a Record>,
    /// How far the ball has moved toward `next`: 0 at rest, up to 1.
    pub phase: f64,
    /// 1: the path is drawn on the curve (x, f(x)); 2: on the plane (x, y).
    pub dim: usize,
    /// Draw the tangent and the next step's arrow (one ball alone; a race would be cluttered).
    pub guides: bool,
}

impl Marks<'_> {
    /// The point a row is drawn at.
    fn point(&self, r: &Record) -> [f64; 2] {
        if self.dim == 1 {
            [r.x[0], r.f]
        } else {
            [r.x[0], r.x[1]]
        }
    }
}

/// Smooth start and stop: 3t² − 2t³.
pub(super) fn ease(t: f64) -> f64 {
    let t = crate::within(t, 0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Where the ball is drawn, in pixels: on its row, or on the way to the next one along a
/// low hop, so that a step reads as a jump rather than a roll along the curve.
pub fn ball_px(frame: &Frame, marks: &Marks) -> Option<(f64, f64)> {
    let cur = frame.to_px(marks.point(marks.rows.last()?));
    let Some(next) = marks.next.filter(|_| marks.phase > 0.0) else {
        return Some(cur);
    };
    let to = frame.to_px(marks.point(next));
    let e = ease(marks.phase);
    let dist = (to.0 - cur.0).hypot(to.1 - cur.1);
    let hop = (0.25 * dist).min(frame.rect[3] - frame.rect[1]) * 4.0 * e * (1.0 - e);
    Some((cur.0 + (to.0 - cur.0) * e, cur.1 + (to.1 - cur.1) * e - hop))
}

/// Points in pixels.
type Polyline = Vec<(f64, f64)>;

/// The path in pixels: the older steps thinned to a bounded number of points (however long
/// the run, a frame maps only these) and ending where the recent ones begin, or nothing when
/// all are recent; and the recent steps, the last [`DETAILED`].
fn path_px(frame: &Frame, marks: &Marks) -> (Polyline, Polyline) {
    let split = marks.rows.len().saturating_sub(DETAILED);
    let to_px = |r: &Record| frame.to_px(marks.point(r));
    let mut faint = Vec::new();
    if split > 0 {
        let every = split.div_ceil(FAINT_POINTS).max(1);
        faint.extend(marks.rows[..split].iter().step_by(every).map(to_px));
        faint.push(to_px(&marks.rows[split]));
    }
    let recent = marks.rows[split..].iter().map(to_px).collect();
    (faint, recent)
}

/// A light casing along the whole path, to go under it on a coloured map of the plane so
/// that even its faded parts read on the darkest colours. In a race every casing goes down
/// before any path, so that none hides another's colour.
pub fn draw_casing<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    marks: &Marks,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (faint, recent) = path_px(frame, marks);
    // The faint line ends where the recent steps begin: that point once.
    let skip = usize::from(!faint.is_empty());
    let whole: Vec<(f64, f64)> = faint
        .iter()
        .chain(recent.get(skip..).unwrap_or_default())
        .copied()
        .collect();
    let width = theme.line(PATH_WIDTH) + 2 * theme.line(1.0);
    segments(area, frame, &whole, WHITE.mix(CASING).stroke_width(width))
}

/// Draws the path, tangent, update arrow and ball.
pub fn draw_marks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    marks: &Marks,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some(current) = marks.rows.last() else {
        return Ok(());
    };
    let n = marks.rows.len();
    let split = n.saturating_sub(DETAILED);
    let stroke = theme.line(PATH_WIDTH);
    let faintest = if marks.dim == 2 {
        FAINTEST_ON_MAP
    } else {
        FAINTEST
    };
    let (faint, recent) = path_px(frame, marks);
    if faint.len() > 1 {
        let style = theme.path.mix(faintest).stroke_width(stroke);
        segments(area, frame, &faint, style)?;
    }
    let px = |k: usize| recent[k - split];
    // Recent steps: segments fading with age, each run of equal opacity drawn as one line.
    // Segment k joins step k − 1 to step k and is as old as step k.
    let mut start = split;
    for k in split + 1..n {
        let alpha = fade(n - 1 - k, faintest);
        let run_ends = k + 1 >= n || fade(n - 2 - k, faintest) != alpha;
        if run_ends {
            let style = theme.path.mix(alpha).stroke_width(stroke);
            segments(area, frame, &recent[start - split..=k - split], style)?;
            start = k;
        }
    }
    // Their markers.
    let marker = theme.px(4.0).round() as u32;
    for k in split..n - 1 {
        let p = px(k);
        if frame.contains(p) {
            let style = theme.path.mix(fade(n - 1 - k, faintest)).filled();
            area.draw(&Circle::new(coord(p), marker, style))?;
        }
    }

    let at_rest = marks.phase <= 0.0;
    let here = px(n - 1);
    if at_rest && marks.guides && frame.contains(here) {
        if marks.dim == 1 {
            tangent(area, frame, current, theme)?;
        }
        if let Some(next) = marks.next {
            arrow(area, frame, marks, current, next, theme)?;
        }
    }
    let Some(ball) = ball_px(frame, marks) else {
        return Ok(());
    };
    if frame.contains(ball) {
        let r = theme.px(7.0);
        area.draw(&Circle::new(
            coord(ball),
            (r + theme.px(2.0)).round() as u32,
            theme.background.filled(),
        ))?;
        area.draw(&Circle::new(
            coord(ball),
            r.round() as u32,
            theme.ball.filled(),
        ))?;
    } else {
        off_view(area, frame, ball, current, marks.dim, theme)?;
    }
    Ok(())
}

/// A polyline in pixels, cut to the plot rectangle.
fn segments<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    pts: &[(f64, f64)],
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let mut run: Vec<(i32, i32)> = Vec::new();
    for w in pts.windows(2) {
        match frame.clip(w[0], w[1]) {
            Some((a, b)) => {
                if run.is_empty() || a != w[0] {
                    if run.len() > 1 {
                        area.draw(&PathElement::new(std::mem::take(&mut run), style))?;
                    }
                    run.clear();
                    run.push(coord(a));
                }
                run.push(coord(b));
                if b != w[1] {
                    area.draw(&PathElement::new(std::mem::take(&mut run), style))?;
                }
            }
            None => {
                if run.len() > 1 {
                    area.draw(&PathElement::new(std::mem::take(&mut run), style))?;
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        area.draw(&PathElement::new(run, style))?;
    }
    Ok(())
}

/// The tangent line at the ball, slope f′(x), 70 CSS pixels to each side.
fn tangent<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    r: &Record,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if !r.g[0].is_finite() {
        return Ok(());
    }
    let at = frame.to_px([r.x[0], r.f]);
    let sx = (frame.rect[2] - frame.rect[0]) / (frame.x[1] - frame.x[0]);
    let sy = (frame.rect[3] - frame.rect[1]) / (frame.y[1] - frame.y[0]);
    let (dx, dy) = (sx, -r.g[0] * sy);
    let len = dx.hypot(dy);
    if !(len.is_finite() && len > 0.0) {
        return Ok(());
    }
    let half = theme.px(70.0);
    let (ux, uy) = (dx / len * half, dy / len * half);
    segments(
        area,
        frame,
        &[(at.0 - ux, at.1 - uy), (at.0 + ux, at.1 + uy)],
        theme.tangent.stroke_width(theme.line(2.0)),
    )
}

/// The next update as an arrow: from the ball along x to where it will land (at the ball's
/// height in one dimension), so its length is the step −η·f′(x).
fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    marks: &Marks,
    cur: &Record,
    next: &Record,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let from = frame.to_px(marks.point(cur));
    let to = if marks.dim == 1 {
        frame.to_px([next.x[0], cur.f])
    } else {
        frame.to_px([next.x[0], next.x[1]])
    };
    super::arrows::arrow(area, frame, (from, to), theme.step, 2.0, theme)
}

fn off_view<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    ball: (f64, f64),
    r: &Record,
    dim: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let edge = frame.clamp(ball);
    let (dx, dy) = (ball.0 - edge.0, ball.1 - edge.1);
    let len = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let s = theme.px(10.0);
    let tip = edge;
    let base = (tip.0 - ux * s, tip.1 - uy * s);
    area.draw(&Polygon::new(
        vec![
            coord(tip),
            coord((base.0 - uy * s * 0.6, base.1 + ux * s * 0.6)),
            coord((base.0 + uy * s * 0.6, base.1 - ux * s * 0.6)),
        ],
        theme.ball.filled(),
    ))?;
    let [l, t, rt, b] = frame.rect;
    let (out_x, out_y) = (ball.0 < l || ball.0 > rt, ball.1 < t || ball.1 > b);
    let label = match (dim, out_x, out_y) {
        (2, ..) => coords(&r.x[..2]),
        (_, true, true) => format!("{}, f(x) = {}", place(&r.x, &["x"]), brief(r.f)),
        (_, true, false) => place(&r.x, &["x"]),
        _ => format!("f(x) = {}", brief(r.f)),
    };
    // Beside the marker, on its inner side (to its left when the ball went off to the right,
    // centred under or over it when it went up or down), and always whole inside the plot,
    // however long the numbers. The width is reckoned from the characters (digits and signs
    // take about 0.55 em in a sans-serif font; 0.6 errs wide), which costs the module less
    // than measuring the text.
    let size = theme.font(12.0);
    let w = label.chars().count() as f64 * size * 0.6;
    let (h, before) = if ux > 0.5 {
        (HPos::Right, w)
    } else if ux < -0.5 {
        (HPos::Left, 0.0)
    } else {
        (HPos::Center, w / 2.0)
    };
    let (lo, hi) = (l + s + before, rt - s - (w - before));
    let pos = (
        within(tip.0 - ux * s * 1.8, lo, hi.max(lo)),
        within(
            tip.1 - uy * s * 1.8,
            t + s + size / 2.0,
            (b - s - size / 2.0).max(t + s + size / 2.0),
        ),
    );
    let style = (FontFamily::SansSerif, size)
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(h, VPos::Center));
    area.draw(&Text::new(label, coord(pos), style))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{point, MAX_DIM};
    use crate::render::recorder::{Op, Recorder};

    fn row(step: u64, x: f64) -> Record {
        Record {
            step,
            x: point(&[x, 0.0]),
            f: x * x,
            fb: x * x,
            g: point(&[2.0 * x, 0.0]),
            lr: 0.1,
        }
    }

    fn frame() -> Frame {
        Frame {
            x: [-10.0, 10.0],
            y: [-5.0, 105.0],
            rect: [50.0, 10.0, 790.0, 420.0],
        }
    }

    /// What the moving layer draws for `rows` on a curve, the ball at rest on the last.
    fn at_rest(rows: &[Record], theme: &Theme) -> Vec<Op> {
        let marks = Marks {
            rows,
            next: None,
            phase: 0.0,
            dim: 1,
            guides: true,
        };
        let mut rec = Recorder::new(800, 430);
        draw_marks(&rec.area(), &frame(), &marks, theme).unwrap();
        rec.take()
    }

    fn circles(ops: &[Op], color: RGBColor) -> Vec<((i32, i32), f64)> {
        ops.iter().filter_map(|op| op.circle_in(color)).collect()
    }

    #[test]
    fn the_ball_sits_on_the_last_row_and_older_markers_fade() {
        let rows: Vec<Record> = (0..6)
            .map(|k| row(k, 8.0 * 0.8f64.powi(k as i32)))
            .collect();
        let theme = Theme::light();
        let ops = at_rest(&rows, &theme);
        let balls = circles(&ops, theme.ball);
        let last = coord(frame().to_px([rows[5].x[0], rows[5].f]));
        assert!(
            balls.iter().any(|(c, a)| *c == last && *a == 1.0),
            "{balls:?}"
        );
        let alphas: Vec<f64> = balls
            .iter()
            .filter(|(c, _)| *c != last)
            .map(|b| b.1)
            .collect();
        assert_eq!(alphas.len(), 5);
        assert!(
            alphas.windows(2).all(|w| w[0] < w[1]),
            "older markers are fainter: {alphas:?}"
        );
        // The tangent is drawn at rest.
        assert!(ops.iter().any(|op| op.path_in(theme.tangent).is_some()));
    }

    #[test]
    fn on_a_map_the_whole_path_has_a_light_casing_and_fades_less() {
        let theme = Theme::light();
        let at = |k: u64| Record {
            step: k,
            x: point(&[-9.0 + 0.3 * k as f64, 100.0 - 1.5 * k as f64]),
            f: 0.0,
            fb: 0.0,
            g: [0.0; MAX_DIM],
            lr: 0.1,
        };
        for n in [2, 5, DETAILED + 20] {
            let rows: Vec<Record> = (0..n as u64).map(at).collect();
            let marks = Marks {
                rows: &rows,
                next: None,
                phase: 0.0,
                dim: 2,
                guides: false,
            };
            let mut rec = Recorder::new(800, 430);
            draw_casing(&rec.area(), &frame(), &marks, &theme).unwrap();
            let casing: Vec<Vec<(i32, i32)>> = rec
                .take()
                .iter()
                .filter_map(|op| op.path_in(WHITE))
                .collect();
            // One line through every step, from the start to the ball, no point twice.
            let every: Vec<(i32, i32)> = rows
                .iter()
                .map(|r| coord(frame().to_px([r.x[0], r.x[1]])))
                .collect();
            assert_eq!(casing, vec![every], "{n} rows");

            let mut rec = Recorder::new(800, 430);
            draw_marks(&rec.area(), &frame(), &marks, &theme).unwrap();
            let faintest = circles(&rec.take(), theme.path)
                .iter()
                .map(|c| c.1)
                .fold(1.0, f64::min);
            assert!(faintest >= FAINTEST_ON_MAP, "{n} rows: {faintest}");
        }
    }

    #[test]
    fn a_ball_outside_the_view_is_marked_at_the_edge_and_nothing_leaves_the_canvas() {
        let rows = [row(0, 8.0), row(1, -40.0), row(2, 1e300), row(3, f64::NAN)];
        let theme = Theme::light();
        for last in 2..=4 {
            let marks = Marks {
                rows: &rows[..last],
                next: None,
                phase: 0.0,
                dim: 1,
                guides: true,
            };
            let mut rec = Recorder::new(800, 430);
            draw_marks(&rec.area(), &frame(), &marks, &theme).unwrap();
            let ops = rec.take();
            for op in &ops {
                for (x, y) in op.points() {
                    assert!((0..=800).contains(&x) && (0..=430).contains(&y), "{op:?}");
                }
            }
            if last == 2 {
                let label = ops.iter().find_map(Op::text).unwrap();
                assert_eq!(label, "x = −40, f(x) = 1600");
            }
        }
    }

    /// A typed x⁴ − 3x² + x diverging from the default start: the ball flies off far up and
    /// to the right, and its label (two long numbers) stays whole inside the plot, whichever
    /// way it went.
    #[test]
    fn the_label_of_a_ball_out_of_view_stays_inside_the_plot() {
        let theme = Theme::light();
        let frame = frame();
        let [l, t, r, b] = frame.rect;
        let quartic = |x: f64| x.powi(4) - 3.0 * x * x + x;
        for x in [2.835e6, -2.835e6, 14.0, -14.0, 9.0] {
            let mut far = row(1, x);
            far.f = quartic(x);
            let ops = at_rest(&[row(0, 2.0), far], &theme);
            let (text, (px, py), anchor) = ops.iter().find_map(Op::text_at).unwrap();
            assert!(
                text.starts_with("x = ") || text.starts_with("f(x) = "),
                "{text}"
            );
            // A sans-serif font's width: about 0.55 of its size per character.
            let w = text.chars().count() as f64 * 12.0 * 0.55;
            let (px, py) = (f64::from(px), f64::from(py));
            let from = match anchor[0] {
                "right" => px - w,
                "center" => px - w / 2.0,
                _ => px,
            };
            assert!(
                from >= l && from + w <= r,
                "{text}: from {from} to {} in {l}..{r}",
                from + w
            );
            assert!(
                py - 6.0 >= t && py + 6.0 <= b,
                "{text}: at {py} in {t}..{b}"
            );
        }
    }

    #[test]
    fn a_long_path_costs_a_bounded_number_of_drawing_calls() {
        let rows: Vec<Record> = (0..5000)
            .map(|k| row(k, 8.0 * (0.999f64).powi(k as i32)))
            .collect();
        let marks = Marks {
            rows: &rows,
            next: None,
            phase: 0.0,
            dim: 1,
            guides: true,
        };
        let mut rec = Recorder::new(800, 430);
        draw_marks(&rec.area(), &frame(), &marks, &Theme::light()).unwrap();
        let ops = rec.take();
        assert!(ops.len() < 60, "{} calls", ops.len());
        // The whole path is there: its segments reach from the start to the ball.
        let reach: Vec<(i32, i32)> = ops
            .iter()
            .filter_map(|op| op.path_in(Theme::light().path))
            .flatten()
            .collect();
        let start = coord(frame().to_px([8.0, 64.0]));
        assert!(reach.contains(&start));
    }

    #[test]
    fn between_steps_the_ball_hops_toward_the_next_row() {
        let rows = [row(0, 8.0)];
        let next = row(1, 4.0);
        let f = frame();
        let at = |phase| {
            ball_px(
                &f,
                &Marks {
                    rows: &rows,
                    next: Some(&next),
                    phase,
                    dim: 1,
                    guides: true,
                },
            )
            .unwrap()
        };
        let (start, mid, end) = (at(0.0), at(0.5), at(1.0));
        assert_eq!(start, f.to_px([8.0, 64.0]));
        assert!((end.0 - f.to_px([4.0, 16.0]).0).abs() < 1e-9);
        assert!(mid.1 < (start.1 + end.1) / 2.0, "the ball rises mid-hop");
    }
}

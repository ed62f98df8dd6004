//! The small charts under the plot: f(x_t) against the step t, so a student sees at a glance
//! whether the loss falls, stalls or explodes, and beside it the learning rate η_t of each
//! step, so a schedule shows its shape. Like the plot they have two layers. The axes span the
//! step budget (and the curve's own range of f, or 0 to η₀), so they stay put while a slider
//! moves and are drawn once per function, view or budget; the run (faint) and the steps taken
//! so far (strong) are drawn on top as they change.

use super::axes::{draw_axes, Axes, Margins};
use super::{coord, tick, Frame, Theme};
use crate::run::Record;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws the axes: steps from 0 to `steps`, f over `y` (the plot's range). Returns where the
/// data sits, for [`draw_loss_progress`].
pub fn draw_loss_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: u64,
    y: [f64; 2],
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let axes = Axes {
        x: [0.0, steps.max(1) as f64],
        y,
        counts: (5, 2),
        margins: Margins {
            left: 52.0,
            top: 8.0,
            right: 14.0,
            bottom: 22.0,
        },
        label: &|v| crate::fmt::float(v.round() + 0.0),
        log_x: false,
        font: 11.0,
    };
    let frame = draw_axes(area, &axes, theme)?;
    Ok(frame)
}

/// Draws the learning-rate chart's axes: steps from 0 to `steps`, η from 0 to a little above
/// `top` (the largest rate of the run). Returns where the data sits.
pub fn draw_rate_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: u64,
    top: f64,
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let top = if top > 0.0 && top.is_finite() {
        top
    } else {
        1.0
    };
    let axes = Axes {
        x: [0.0, steps.max(1) as f64],
        y: [0.0, top * 1.1],
        counts: (3, 2),
        margins: Margins {
            left: 52.0,
            top: 8.0,
            right: 14.0,
            bottom: 22.0,
        },
        label: &|v| tick(&v),
        log_x: false,
        font: 11.0,
    };
    draw_axes(area, &axes, theme)
}

/// Draws the whole run faintly, `value` (f, η, or a coordinate) for the steps up to row `upto`
/// strongly, and a dot on the current one, whose place it returns.
pub fn draw_progress<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    rows: &[Record],
    upto: usize,
    theme: &Theme,
    value: &dyn Fn(&Record) -> f64,
) -> Result<Option<(i32, i32)>, DrawingAreaErrorKind<DB::ErrorType>> {
    let all = line(frame, rows, value);
    let pts = line(frame, &rows[..(upto + 1).min(rows.len())], value);
    let faint = theme.line(1.5);
    area.draw(&PathElement::new(
        all,
        theme.curve.mix(0.25).stroke_width(faint),
    ))?;
    let stroke = theme.line(2.0);
    let end = pts.last().copied();
    if let Some(end) = end {
        area.draw(&PathElement::new(pts, theme.curve.stroke_width(stroke)))?;
        area.draw(&Circle::new(
            end,
            theme.px(4.0).round() as u32,
            theme.ball.filled(),
        ))?;
    }
    Ok(end)
}

/// A stochastic fit's mini-batch loss for the steps up to row `upto`: thin and faint, under
/// the loss itself (nothing when every row's batch was all the points).
pub fn draw_batch_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    rows: &[Record],
    upto: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if rows.iter().all(|r| r.fb.to_bits() == r.f.to_bits()) {
        return Ok(());
    }
    let pts = line(frame, &rows[..(upto + 1).min(rows.len())], &|r| r.fb);
    let style = theme.curve.mix(0.4).stroke_width(theme.line(1.0));
    area.draw(&PathElement::new(pts, style))
}

/// The most points a line of the chart gets (more than its width in pixels would show).
const MOST_POINTS: usize = 2000;

/// `value` against the step, in pixels, kept inside the chart; a long run evenly thinned, its
/// last row always kept.
fn line(frame: &Frame, rows: &[Record], value: &dyn Fn(&Record) -> f64) -> Vec<(i32, i32)> {
    let every = rows.len().div_ceil(MOST_POINTS).max(1);
    let last = rows.len().saturating_sub(1);
    rows.iter()
        .enumerate()
        .filter(|(k, _)| k % every == 0 || *k == last)
        .map(|(_, r)| r)
        .map(|r| (r.step as f64, value(r)))
        .filter(|(_, v)| v.is_finite())
        .map(|(t, v)| coord(frame.clamp(frame.to_px([t, v]))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::MAX_DIM;
    use crate::render::recorder::Recorder;

    #[test]
    fn plots_only_the_steps_taken_on_axes_for_the_whole_run() {
        let rows: Vec<Record> = (0..=30)
            .map(|k| Record {
                step: k,
                x: [0.0; MAX_DIM],
                f: 100.0 * 0.8f64.powi(k as i32),
                fb: 100.0 * 0.8f64.powi(k as i32),
                g: [0.0; MAX_DIM],
                lr: 0.1,
            })
            .collect();
        let theme = Theme::light();
        let mut rec = Recorder::new(600, 120);
        let frame = draw_loss_axes(&rec.area(), 30, [-5.0, 105.0], &theme).unwrap();
        let axes = rec.take();
        assert!(
            axes.iter().any(|op| op.text() == Some("30")),
            "the axis spans the whole run"
        );
        draw_progress(&rec.area(), &frame, &rows, 10, &theme, &|r| r.f).unwrap();
        let ops = rec.take();
        let line: Vec<(i32, i32)> = ops
            .iter()
            .filter_map(|op| op.path_in(theme.curve))
            .flatten()
            .collect();
        assert_eq!(
            line.len(),
            31 + 11,
            "the faint whole run, then the steps taken"
        );
        let taken = &line[31..];
        assert!(taken
            .windows(2)
            .all(|w| w[1].0 > w[0].0 && w[1].1 >= w[0].1));
        assert_eq!(ops.len(), 3, "the moving part is two lines and one dot");
        // The rate chart's axes: steps across, η from 0 up past η₀, with decimals.
        draw_rate_axes(&rec.area(), 30, 0.1, &theme).unwrap();
        let texts: Vec<String> = rec
            .take()
            .iter()
            .filter_map(|op| op.text().map(String::from))
            .collect();
        for label in ["0", "0.1", "30"] {
            assert!(texts.iter().any(|t| t == label), "{label} in {texts:?}");
        }
    }

    #[test]
    fn a_stochastic_fit_draws_its_batch_loss_up_to_the_step_only() {
        let row = |k: u64, fb: f64| Record {
            step: k,
            x: [0.0; MAX_DIM],
            f: 10.0 - k as f64,
            fb,
            g: [0.0; MAX_DIM],
            lr: 0.1,
        };
        let full: Vec<Record> = (0..=9).map(|k| row(k, 10.0 - k as f64)).collect();
        let sampled: Vec<Record> = (0..=9).map(|k| row(k, 12.0 - 1.5 * k as f64)).collect();
        let theme = Theme::light();
        let mut rec = Recorder::new(600, 120);
        let frame = draw_loss_axes(&rec.area(), 9, [0.0, 12.0], &theme).unwrap();
        rec.take();
        draw_batch_loss(&rec.area(), &frame, &full, 4, &theme).unwrap();
        assert!(rec.take().is_empty(), "a full batch's loss is the loss");
        draw_batch_loss(&rec.area(), &frame, &sampled, 4, &theme).unwrap();
        let ops = rec.take();
        let pts = ops[0].points();
        assert_eq!(pts.len(), 5, "steps 0 to 4");
        assert_eq!(pts[4], coord(frame.to_px([4.0, 6.0])));
    }
}

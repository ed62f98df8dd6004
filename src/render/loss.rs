//! The small chart under the curve: f(x_t) against the step t, so a student sees at a glance
//! whether the loss falls, stalls or explodes.

use super::curve::value_range;
use super::{coord, tick, Frame, Theme};
use crate::run::Record;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Draws f against the step for `rows`, up to and including row `upto`, on axes that fit the
/// whole run (so they do not jump while the ball moves).
pub fn draw_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    rows: &[Record],
    upto: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let last_step = rows.last().map_or(1, |r| r.step.max(1)) as f64;
    let y = value_range(rows.iter().map(|r| r.f));
    let label = ("sans-serif", theme.font(11.0))
        .into_font()
        .color(&theme.muted);
    let mut chart = ChartBuilder::on(area)
        .margin_top(theme.px(8.0) as u32)
        .margin_right(theme.px(14.0) as u32)
        .x_label_area_size(theme.px(22.0) as u32)
        .y_label_area_size(theme.px(52.0) as u32)
        .build_cartesian_2d(0.0..last_step, y[0]..y[1])?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(3)
        .max_light_lines(0)
        .bold_line_style(theme.grid.stroke_width(theme.px(1.0) as u32))
        .axis_style(theme.muted.stroke_width(theme.px(1.0) as u32))
        .set_all_tick_mark_size(theme.px(3.0) as u32)
        .label_style(label)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&tick)
        .draw()?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let frame = Frame {
        x: [0.0, last_step],
        y,
        rect: [
            f64::from(px.start),
            f64::from(py.start),
            f64::from(px.end - 1),
            f64::from(py.end - 1),
        ],
    };
    let shown = &rows[..(upto + 1).min(rows.len())];
    let pts: Vec<(i32, i32)> = shown
        .iter()
        .filter(|r| r.f.is_finite())
        .map(|r| coord(frame.clamp(frame.to_px([r.step as f64, r.f]))))
        .collect();
    let stroke = theme.px(2.0).round().max(1.0) as u32;
    area.draw(&PathElement::new(
        pts.clone(),
        theme.curve.stroke_width(stroke),
    ))?;
    if let Some(&end) = pts.last() {
        area.draw(&Circle::new(
            end,
            theme.px(4.0).round() as u32,
            theme.ball.filled(),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::recorder::Recorder;

    #[test]
    fn plots_only_the_steps_taken_on_axes_for_the_whole_run() {
        let rows: Vec<Record> = (0..=30)
            .map(|k| Record {
                step: k,
                x: [0.0; 2],
                f: 100.0 * 0.8f64.powi(k as i32),
                g: [0.0; 2],
                lr: 0.1,
            })
            .collect();
        let theme = Theme::light();
        let mut rec = Recorder::new(600, 120);
        draw_loss(&rec.area(), &rows, 10, &theme).unwrap();
        let ops = rec.take();
        let line: Vec<(i32, i32)> = ops
            .iter()
            .filter_map(|op| op.path_in(theme.curve))
            .flatten()
            .collect();
        assert_eq!(line.len(), 11);
        assert!(line.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 >= w[0].1));
        assert!(
            ops.iter().any(|op| op.text() == Some("30")),
            "the axis spans the whole run"
        );
    }
}

//! A fit's data view, beside the loss surface: the points (labels 1 filled and 0 hollow for
//! logistic regression) on the static layer, and on the moving one the model at the ball's
//! (w, b): the line ŷ = w·x + b with a thin residual from each point to it, or the sigmoid
//! p = σ(w·x + b). As the ball rolls over the surface, the line swings into place.

use super::axes::{draw_axes, Axes, Margins};
use super::{coord, tick, Frame, Theme};
use crate::fit::Model;
use crate::objective::Fitted;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Samples of the sigmoid across the view.
const SIGMOID_SAMPLES: usize = 96;

/// The view of `points`: their x and y ranges with a tenth of room on each side (at least
/// ±1), or y from −0.15 to 1.15 for labels. As `[xmin, xmax, ymin, ymax]`.
pub fn data_view(points: &[[f64; 2]], model: Model) -> [f64; 4] {
    let range = |i: usize| {
        let (lo, hi) = points
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
                (lo.min(p[i]), hi.max(p[i]))
            });
        if lo > hi {
            return [-1.0, 1.0];
        }
        let pad = (0.1 * (hi - lo)).max(1.0);
        [lo - pad, hi + pad]
    };
    let [x0, x1] = range(0);
    let [y0, y1] = match model {
        Model::Line => range(1),
        Model::Logistic => [-0.15, 1.15],
    };
    [x0, x1, y0, y1]
}

/// Draws the axes of `view` and the points of `fit`, the one at `held` (being dragged)
/// ringed. Returns where the data sits.
pub fn draw_data<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    fit: &Fitted,
    view: [f64; 4],
    held: Option<usize>,
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let axes = Axes {
        x: [view[0], view[1]],
        y: [view[2], view[3]],
        counts: (5, 4),
        margins: Margins {
            left: 44.0,
            top: 8.0,
            right: 12.0,
            bottom: 24.0,
        },
        label: &|v| tick(&v),
        log_x: false,
        font: 12.0,
    };
    let frame = draw_axes(area, &axes, theme)?;
    let r = theme.px(4.0).round() as i32;
    let labels = fit.model() == Model::Logistic;
    for (i, &p) in fit.data().iter().enumerate() {
        let at = frame.to_px(p);
        if !frame.contains(at) {
            continue;
        }
        let at = coord(at);
        let style = if labels && p[1] < 0.5 {
            theme.text.stroke_width(theme.line(1.5))
        } else {
            theme.text.filled()
        };
        area.draw(&Circle::new(at, r, style))?;
        if held == Some(i) {
            let ring = theme.ball.stroke_width(theme.line(2.0));
            area.draw(&Circle::new(at, r + theme.px(3.0) as i32, ring))?;
        }
    }
    Ok(frame)
}

/// Draws the model at `wb` over the points of `fit` on `frame`: the line and, for the line's
/// losses, each point's residual; or the sigmoid.
pub fn draw_model<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    fit: &Fitted,
    wb: [f64; 2],
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let [x0, x1] = frame.x;
    let model = theme.ball.stroke_width(theme.line(2.5));
    match fit.model() {
        Model::Line => {
            let residual = theme.muted.mix(0.8).stroke_width(theme.line(1.0));
            for &[x, y] in fit.data() {
                let a = frame.to_px([x, y]);
                let b = frame.to_px([x, fit.predict(wb, x)]);
                if let Some((a, b)) = frame.clip(a, b) {
                    area.draw(&PathElement::new([coord(a), coord(b)], residual))?;
                }
            }
            let a = frame.to_px([x0, fit.predict(wb, x0)]);
            let b = frame.to_px([x1, fit.predict(wb, x1)]);
            if let Some((a, b)) = frame.clip(a, b) {
                area.draw(&PathElement::new([coord(a), coord(b)], model))?;
            }
        }
        Model::Logistic => {
            let n = SIGMOID_SAMPLES;
            let pts: Vec<(i32, i32)> = (0..=n)
                .map(|k| x0 + (x1 - x0) * k as f64 / n as f64)
                .map(|x| coord(frame.clamp(frame.to_px([x, fit.predict(wb, x)]))))
                .collect();
            area.draw(&PathElement::new(pts, model))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fit::Loss;
    use crate::render::recorder::Recorder;

    #[test]
    fn the_view_holds_every_point_with_room_and_labels_span_zero_to_one() {
        let pts = [[-2.0, 5.0], [8.0, -5.0]];
        assert_eq!(data_view(&pts, Model::Line), [-3.0, 9.0, -6.0, 6.0]);
        assert_eq!(data_view(&[[0.5, 1.0]], Model::Line), [-0.5, 1.5, 0.0, 2.0]);
        assert_eq!(data_view(&pts, Model::Logistic), [-3.0, 9.0, -0.15, 1.15]);
        assert_eq!(data_view(&[], Model::Line), [-1.0, 1.0, -1.0, 1.0]);
        // Wider than 10, the room is a tenth of the range: 5 for x in [10, 60], 10 for y.
        let wide = [[10.0, 0.0], [60.0, 100.0]];
        assert_eq!(data_view(&wide, Model::Line), [5.0, 65.0, -10.0, 110.0]);
    }

    /// The discs of `fit`'s points drawn in a light theme (4 px, the held one ringed 3 px
    /// further out): (centre, radius, filled).
    fn discs(fit: &Fitted, held: Option<usize>) -> Vec<((i32, i32), u32, bool)> {
        let theme = Theme::light();
        let mut rec = Recorder::new(400, 300);
        let view = data_view(fit.data(), fit.model());
        draw_data(&rec.area(), fit, view, held, &theme).unwrap();
        let ops = rec.take();
        let text = ops.iter().filter_map(|o| o.disc_in(theme.text));
        let ball = ops.iter().filter_map(|o| o.disc_in(theme.ball));
        text.chain(ball).collect()
    }

    #[test]
    fn labels_0_are_hollow_and_1_filled_and_a_line_s_points_are_all_filled() {
        let two = vec![[0.0, 1.0], [1.0, 0.0]];
        let logistic = Fitted::new(Model::Logistic, Loss::CrossEntropy, two.clone());
        let fills: Vec<bool> = discs(&logistic, None).iter().map(|d| d.2).collect();
        assert_eq!(fills, [true, false]);
        let line = Fitted::new(Model::Line, Loss::Mse, two);
        let fills: Vec<bool> = discs(&line, None).iter().map(|d| d.2).collect();
        assert_eq!(fills, [true, true], "y = 0 is a value, not a label");
        // The held point's ring: 4 + 3 = 7 px around the second point's 4 px disc.
        let d = discs(&line, Some(1));
        assert_eq!((d[1].1, d[2].1), (4, 7));
        assert_eq!(d[2].0, d[1].0, "around that point");
    }

    /// The sigmoid at (w, b) = (2, 0) over the view x ∈ [−1, 2] of points at x = 0 and 1:
    /// 96 equal steps of 3/96, so sample 48 is at x = 0.5, where p = σ(1).
    #[test]
    fn the_sigmoid_is_sampled_evenly_from_the_left_of_the_view_to_its_right() {
        let fit = Fitted::new(
            Model::Logistic,
            Loss::CrossEntropy,
            vec![[0.0, 1.0], [1.0, 0.0]],
        );
        let theme = Theme::light();
        let mut rec = Recorder::new(400, 300);
        let area = rec.area();
        let view = data_view(fit.data(), Model::Logistic);
        assert_eq!(view[..2], [-1.0, 2.0]);
        let frame = draw_data(&area, &fit, view, None, &theme).unwrap();
        rec.take();
        draw_model(&area, &frame, &fit, [2.0, 0.0], &theme).unwrap();
        let path = rec.take()[0].points();
        let at = |x: f64| coord(frame.to_px([x, crate::fit::loss::sigmoid(2.0 * x)]));
        assert_eq!((path[0], path[48], path[96]), (at(-1.0), at(0.5), at(2.0)));
    }

    #[test]
    fn the_line_moves_with_w_and_b_and_each_point_has_its_residual() {
        let fit = Fitted::new(
            Model::Line,
            Loss::Mse,
            vec![[0.0, 1.0], [1.0, 3.0], [2.0, 2.0]],
        );
        let theme = Theme::light();
        let draw = |wb: [f64; 2]| {
            let mut rec = Recorder::new(400, 300);
            let area = rec.area();
            let view = data_view(fit.data(), Model::Line);
            let frame = draw_data(&area, &fit, view, Some(1), &theme).unwrap();
            let points = rec.take();
            draw_model(&area, &frame, &fit, wb, &theme).unwrap();
            (frame, points, rec.take())
        };
        let (frame, points, model) = draw([1.0, 1.0]);
        let dots: Vec<_> = points
            .iter()
            .filter_map(|o| o.circle_in(theme.text))
            .collect();
        assert_eq!(dots.len(), 3, "every point");
        assert_eq!(
            points
                .iter()
                .filter_map(|o| o.circle_in(theme.ball))
                .count(),
            1,
            "held"
        );
        let paths: Vec<Vec<_>> = model.iter().map(|o| o.points()).collect();
        assert_eq!(paths.len(), 4, "three residuals and the line: {paths:?}");
        // The residual of (1, 3) runs from the point down to the line's 2.
        let want = vec![
            coord(frame.to_px([1.0, 3.0])),
            coord(frame.to_px([1.0, 2.0])),
        ];
        assert!(paths.contains(&want), "{paths:?}");
        let (_, _, other) = draw([0.5, 1.0]);
        assert_ne!(model.last(), other.last(), "another w, another line");
        // Logistic regression: one sigmoid, no residuals.
        let fit = Fitted::new(
            Model::Logistic,
            Loss::CrossEntropy,
            vec![[0.0, 1.0], [1.0, 0.0]],
        );
        let mut rec = Recorder::new(400, 300);
        let area = rec.area();
        let frame = draw_data(
            &area,
            &fit,
            data_view(fit.data(), Model::Logistic),
            None,
            &theme,
        )
        .unwrap();
        let ops = rec.take();
        assert_eq!(
            ops.iter().filter_map(|o| o.circle_in(theme.text)).count(),
            2
        );
        draw_model(&area, &frame, &fit, [2.0, 0.0], &theme).unwrap();
        let model = rec.take();
        assert_eq!(model.len(), 1);
        assert_eq!(model[0].points().len(), SIGMOID_SAMPLES + 1);
    }
}

//! Explain mode's arrows on the plot: the update from the ball split into the plain gradient
//! step −η·∇f and what momentum carries, drawn tip to tail so that together they make the
//! step taken. On a curve the moves are along x, drawn on rows under the ball.

use super::{coord, Frame, Theme, View3d};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The arrows of one update, as moves from where it starts, in the plot's data coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrows {
    /// Where the update starts: (x, f(x)) on a curve, (x, y) on a surface.
    pub from: [f64; 2],
    /// The plain gradient step −η·∇f (along x only, on a curve).
    pub gradient: [f64; 2],
    /// What momentum adds to it: the step taken minus the gradient step (momentum and
    /// Nesterov only).
    pub carried: Option<[f64; 2]>,
    /// For a step on a mini-batch, the step the full batch would take, −η·∇L (a surface).
    pub full: Option<[f64; 2]>,
    /// The step taken, Δ.
    pub step: [f64; 2],
    /// 1 on a curve, 2 on a surface.
    pub dim: usize,
}

/// An arrow from `from` to `to` (device pixels) in `color`, `width` CSS pixels wide, with its
/// head; clipped to the plot, and not drawn when no longer than its head.
pub(super) fn arrow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    (from, to): ((f64, f64), (f64, f64)),
    color: RGBColor,
    width: f64,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let len = dx.hypot(dy);
    let head = theme.px(9.0);
    if !(len.is_finite() && len > head) {
        return Ok(());
    }
    let Some((a, b)) = frame.clip(from, to) else {
        return Ok(());
    };
    let style = color.stroke_width(theme.line(width));
    area.draw(&PathElement::new(vec![coord(a), coord(b)], style))?;
    if b == to {
        let (ux, uy) = (dx / len, dy / len);
        let base = (to.0 - ux * head, to.1 - uy * head);
        let w = head * 0.5;
        area.draw(&Polygon::new(
            vec![
                coord(to),
                coord((base.0 - uy * w, base.1 + ux * w)),
                coord((base.0 + uy * w, base.1 - ux * w)),
            ],
            color.filled(),
        ))?;
    }
    Ok(())
}

/// Draws the gradient step (in the tangent's colour), what momentum carries on from its tip
/// (in momentum's colour) and the step taken (in the step's colour). On a surface the step
/// taken is drawn over the other two, drawn wide, so that each shows where they agree.
pub fn draw_arrows<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    a: &Arrows,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_arrows_by(area, frame, &|p| frame.to_px(p), a, theme)
}

/// The same arrows in the 3-D view: the moves in (x, y), drawn level from the ball at its
/// height `f`, cut to the canvas.
pub fn draw_arrows_3d<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View3d,
    f: f64,
    a: &Arrows,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (w, h) = area.dim_in_pixel();
    let canvas = Frame {
        x: view.x,
        y: view.y,
        rect: [0.0, 0.0, f64::from(w), f64::from(h)],
    };
    draw_arrows_by(area, &canvas, &|p| view.to_px([p[0], p[1], f]), a, theme)
}

/// The arrows, each point of the data placed by `to_px`, cut to `frame`'s rectangle.
fn draw_arrows_by<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    to_px: &dyn Fn([f64; 2]) -> (f64, f64),
    a: &Arrows,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let at = |p: [f64; 2], d: [f64; 2], row: f64| {
        let (x, y) = to_px([p[0] + d[0], p[1] + d[1]]);
        (x, y + row * theme.px(14.0))
    };
    let zero = [0.0, 0.0];
    let tip = [a.gradient[0], a.gradient[1]];
    // On a curve the moves lie along x: the gradient's and the carried one go on rows below.
    // On a surface they lie along the step: drawn wide, under it, so that each shows where
    // it agrees with the step.
    let (grad_row, carried_row, under) = if a.dim == 1 {
        (1.0, 2.0, 2.0)
    } else {
        (0.0, 0.0, 5.0)
    };
    let momentum = theme.methods[1];
    if let Some(full) = a.full {
        let ends = (at(a.from, zero, grad_row), at(a.from, full, grad_row));
        arrow(area, frame, ends, theme.muted, 2.0, theme)?;
    }
    arrow(
        area,
        frame,
        (at(a.from, zero, grad_row), at(a.from, tip, grad_row)),
        theme.tangent,
        under,
        theme,
    )?;
    if let Some(c) = a.carried {
        let end = [tip[0] + c[0], tip[1] + c[1]];
        arrow(
            area,
            frame,
            (at(a.from, tip, carried_row), at(a.from, end, carried_row)),
            momentum,
            under,
            theme,
        )?;
    }
    arrow(
        area,
        frame,
        (at(a.from, zero, 0.0), at(a.from, a.step, 0.0)),
        theme.step,
        2.0,
        theme,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::recorder::{Op, Recorder};

    fn frame() -> Frame {
        Frame {
            x: [-10.0, 10.0],
            y: [0.0, 100.0],
            rect: [0.0, 0.0, 200.0, 100.0],
        }
    }

    /// The arrows' colours in drawing order, with their shafts' ends.
    /// A shaft's colour and its ends.
    type Shaft = ((u8, u8, u8), Vec<(i32, i32)>);

    fn shafts(a: &Arrows) -> Vec<Shaft> {
        let mut rec = Recorder::new(200, 100);
        draw_arrows(&rec.area(), &frame(), a, &Theme::light()).unwrap();
        rec.take()
            .into_iter()
            .filter_map(|op| match op {
                Op::Path(points, color, _) => Some((color.rgb, points)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn in_3d_the_step_is_drawn_level_from_the_ball_to_where_it_lands() {
        let z = crate::render::ZAxis::fit(&[0.0, 10.0]);
        let view = View3d::new(
            [-5.0, 5.0],
            [-5.0, 5.0],
            z,
            (-60.0, 30.0),
            [0.0, 0.0, 400.0, 300.0],
        );
        let a = Arrows {
            from: [1.0, 2.0],
            gradient: [-2.0, -1.0],
            carried: None,
            full: None,
            step: [-2.0, -1.0],
            dim: 2,
        };
        let theme = Theme::light();
        let mut rec = Recorder::new(400, 300);
        draw_arrows_3d(&rec.area(), &view, 5.0, &a, &theme).unwrap();
        let step = rec
            .take()
            .into_iter()
            .find_map(|op| match op {
                Op::Path(p, c, _) if c.rgb == (theme.step.0, theme.step.1, theme.step.2) => Some(p),
                _ => None,
            })
            .unwrap();
        let px = |p: [f64; 3]| coord(view.to_px(p));
        assert_eq!(step, vec![px([1.0, 2.0, 5.0]), px([-1.0, 1.0, 5.0])]);
    }

    #[test]
    fn momentum_s_arrows_add_up_tip_to_tail_to_the_step_taken() {
        let t = Theme::light();
        // From x = 0: the gradient step −2, then 3 more carried, 5 in all.
        let a = Arrows {
            from: [0.0, 50.0],
            gradient: [-2.0, 0.0],
            carried: Some([-3.0, 0.0]),
            full: None,
            step: [-5.0, 0.0],
            dim: 1,
        };
        let s = shafts(&a);
        assert_eq!(s.len(), 3, "{s:?}");
        let rgb = |c: RGBColor| (c.0, c.1, c.2);
        assert_eq!(s[0].0, rgb(t.tangent));
        assert_eq!(s[1].0, rgb(t.methods[1]));
        assert_eq!(s[2].0, rgb(t.step));
        // 10 px per unit; the gradient row 14 px below the ball, the carried one 28.
        assert_eq!(s[0].1, [(100, 64), (80, 64)], "−2 at 10 px a unit");
        assert_eq!(
            s[1].1,
            [(80, 78), (50, 78)],
            "the carried arrow starts at the gradient's tip and ends at the step's"
        );
        assert_eq!(s[2].1[0], (100, 50));
        let gd = Arrows {
            carried: None,
            step: [-2.0, 0.0],
            ..a
        };
        assert_eq!(shafts(&gd).len(), 2, "no carried arrow without momentum");
        let tiny = Arrows {
            gradient: [0.0, 0.0],
            carried: None,
            step: [0.0, 0.0],
            ..a
        };
        assert!(shafts(&tiny).is_empty(), "too short for a head: nothing");
    }

    /// What one call of `arrow` draws, from `from` to `to` in device pixels.
    fn drawn(from: (f64, f64), to: (f64, f64)) -> Vec<Op> {
        let mut rec = Recorder::new(200, 100);
        let t = Theme::light();
        arrow(&rec.area(), &frame(), (from, to), t.step, 2.0, &t).unwrap();
        rec.take()
    }

    /// The head is a triangle 9 px long and 9 px wide at its base, pointing along the arrow;
    /// a tip outside the plot is clipped off with its head.
    #[test]
    fn an_arrow_s_head_points_along_it() {
        // 30 right and 40 down (length 50): the unit vector is (0.6, 0.8), the base of the head
        // 9 px back from the tip at (124.6, 53.0), its corners 4.5 px to either side, along
        // (−0.8, 0.6): (121.0, 55.7) and (128.2, 50.3).
        let ops = drawn((100.0, 20.2), (130.0, 60.2));
        assert_eq!(ops.len(), 2, "{ops:?}");
        assert_eq!(ops[0].points(), [(100, 20), (130, 60)], "the shaft");
        assert!(matches!(ops[1], Op::Polygon(..)), "{ops:?}");
        assert_eq!(
            ops[1].points(),
            [(130, 60), (121, 56), (128, 50)],
            "the head"
        );
        // Leftwards: the base at x = 79, its corners 4.5 px above (the first) and below.
        let left = drawn((100.0, 50.2), (70.0, 50.2));
        assert_eq!(left[1].points(), [(70, 50), (79, 46), (79, 55)]);
        // The tip 50 px beyond the right edge: a shaft to the edge and no head.
        let clipped = drawn((150.0, 50.0), (250.0, 50.0));
        assert_eq!(clipped.len(), 1, "{clipped:?}");
        assert_eq!(clipped[0].points(), [(150, 50), (200, 50)]);
        // No longer than its head: nothing at all.
        assert!(drawn((100.0, 50.0), (91.0, 50.0)).is_empty());
    }

    /// On a surface all three arrows start on the ball's row and move in x and y: the
    /// carried arrow from the gradient step's tip to the step's.
    #[test]
    fn on_a_surface_the_arrows_move_in_both_directions() {
        // From (0, 50): the gradient step (−2, 10), then (−3, 20) carried, (−5, 30) in all;
        // 10 px per unit across, 1 px per unit up.
        let a = Arrows {
            from: [0.0, 50.0],
            gradient: [-2.0, 10.0],
            carried: Some([-3.0, 20.0]),
            full: None,
            step: [-5.0, 30.0],
            dim: 2,
        };
        let s = shafts(&a);
        assert_eq!(s.len(), 3, "{s:?}");
        assert_eq!(s[0].1, [(100, 50), (80, 40)]);
        // A mini-batch's step: the full batch's arrow, muted, drawn first from the same point.
        let t = Theme::light();
        let sampled = shafts(&Arrows {
            full: Some([-4.0, -10.0]),
            carried: None,
            ..a
        });
        assert_eq!(sampled.len(), 3, "{sampled:?}");
        assert_eq!(sampled[0].0, (t.muted.0, t.muted.1, t.muted.2));
        assert_eq!(sampled[0].1, [(100, 50), (60, 60)]);
        assert_eq!(s[1].1, [(80, 40), (50, 20)]);
        assert_eq!(s[2].1, [(100, 50), (50, 20)]);
    }
}

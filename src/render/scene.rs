//! The 3-D view around and on the surface: the floor with its grid, the height axis and the
//! labels (the static layer, the surface's image between them), and every run's path and ball
//! with its dot on the floor (the moving layer).

use super::axes::ticks;
use super::camera::{View3d, HEIGHT};
use super::{coord, tick, Theme};
use crate::run::Race;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Space around the box for its labels, in CSS pixels.
pub const MARGIN: f64 = 34.0;

/// The rectangle the box is drawn in on an area of `size` pixels.
pub fn scene_rect(size: (u32, u32), theme: &Theme) -> [f64; 4] {
    let m = theme.px(MARGIN).round();
    let (w, h) = (f64::from(size.0), f64::from(size.1));
    [
        m,
        theme.px(12.0).round(),
        (w - m).max(m + 1.0),
        (h - m).max(13.0),
    ]
}

/// A corner of the floor: X and Y, each −1 or 1.
type Corner = (f64, f64);

/// The floor's corners, from the lowest x and y round.
const CORNERS: [Corner; 4] = [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)];

/// A point of the box's floor (or above it at `z`, from −HEIGHT to HEIGHT) on the canvas.
fn at(view: &View3d, x: f64, y: f64, z: f64) -> (f64, f64) {
    let (px, py, _) = view.project([x, y, z]);
    (px, py)
}

/// How near the eye a point of the floor is.
fn nearness(view: &View3d, c: Corner) -> f64 {
    view.project([c.0, c.1, -HEIGHT]).2
}

/// Draws the background, the floor (its outline and a light grid at round values of x and y),
/// and the height axis up the back corner seen furthest left. The surface goes over this.
pub fn draw_floor<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View3d,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&theme.background)?;
    let thin = theme.line(1.0);
    let grid = theme.grid.stroke_width(thin);
    let unit = |v: f64, r: [f64; 2]| 2.0 * (v - r[0]) / (r[1] - r[0]) - 1.0;
    let floor = -HEIGHT;
    for v in ticks(view.x, 6) {
        let x = unit(v, view.x);
        line(area, view, &[[x, -1.0, floor], [x, 1.0, floor]], grid)?;
    }
    for v in ticks(view.y, 6) {
        let y = unit(v, view.y);
        line(area, view, &[[-1.0, y, floor], [1.0, y, floor]], grid)?;
    }
    let axis = theme.muted.stroke_width(thin);
    let mut outline: Vec<[f64; 3]> = CORNERS.iter().map(|c| [c.0, c.1, floor]).collect();
    outline.push(outline[0]);
    line(area, view, &outline, axis)?;
    // The height axis, with its ticks across the back walls.
    let c = axis_corner(view);
    for v in view.z.ticks() {
        let z = HEIGHT * (2.0 * view.z.unit(v) - 1.0);
        line(
            area,
            view,
            &[[-c.0, c.1, z], [c.0, c.1, z], [c.0, -c.1, z]],
            grid,
        )?;
    }
    line(area, view, &[[c.0, c.1, floor], [c.0, c.1, HEIGHT]], axis)
}

/// A line through points of the box.
fn line<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View3d,
    points: &[[f64; 3]],
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px: Vec<(i32, i32)> = points
        .iter()
        .map(|u| coord(at(view, u[0], u[1], u[2])))
        .collect();
    area.draw(&PathElement::new(px, style))
}

/// The back corner the height axis stands on: of the two corners beside the nearest one's
/// opposite, the one seen furthest left.
fn axis_corner(view: &View3d) -> Corner {
    let far = *CORNERS
        .iter()
        .min_by(|a, b| nearness(view, **a).total_cmp(&nearness(view, **b)))
        .unwrap_or(&CORNERS[0]);
    let sides = [(far.0, -far.1), (-far.0, far.1)];
    let left = |c: Corner| at(view, c.0, c.1, -HEIGHT).0;
    if left(sides[0]) <= left(sides[1]) {
        sides[0]
    } else {
        sides[1]
    }
}

/// [`draw_scene_labels`] for a function of the variables `names`: x, y, and f(x, y) up the
/// height axis.
pub fn draw_scene_names<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View3d,
    names: &[&str],
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let f = crate::fmt::lhs(names);
    let axis = |k: usize| names.get(k).copied().unwrap_or("");
    draw_scene_labels(area, view, [axis(0), axis(1), &f], theme)
}

/// Writes the labels: round values of x along the floor's near edge of constant y, of y along
/// its near edge of constant x, of f up the height axis, and each axis's name (`names`: x, y
/// and f's, such as "f(x, y)"), with the height axis's scale when not linear.
pub fn draw_scene_labels<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View3d,
    names: [&str; 3],
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = (FontFamily::SansSerif, theme.font(12.0))
        .into_font()
        .color(&theme.muted);
    let centre = at(view, 0.0, 0.0, -HEIGHT);
    let gap = theme.px(14.0);
    // Labels sit out from the floor's centre, past the edge.
    let out = |p: (f64, f64), by: f64| {
        let (dx, dy) = (p.0 - centre.0, p.1 - centre.1);
        let d = dx.hypot(dy).max(1e-9);
        (p.0 + dx / d * by, p.1 + dy / d * by)
    };
    let anchor = |p: (f64, f64)| {
        let h = if p.0 < centre.0 - 1.0 {
            HPos::Right
        } else if p.0 > centre.0 + 1.0 {
            HPos::Left
        } else {
            HPos::Center
        };
        let v = if p.1 > centre.1 {
            VPos::Top
        } else {
            VPos::Bottom
        };
        Pos::new(h, v)
    };
    let unit = |v: f64, r: [f64; 2]| 2.0 * (v - r[0]) / (r[1] - r[0]) - 1.0;
    // The near edge along x: y = ±1, whichever is nearer the eye; likewise along y.
    let ey = if nearness(view, (0.0, 1.0)) > nearness(view, (0.0, -1.0)) {
        1.0
    } else {
        -1.0
    };
    let ex = if nearness(view, (1.0, 0.0)) > nearness(view, (-1.0, 0.0)) {
        1.0
    } else {
        -1.0
    };
    let write =
        |text: String, p: (f64, f64)| area.draw(&Text::new(text, coord(p), style.pos(anchor(p))));
    for v in ticks(view.x, 5) {
        let p = out(at(view, unit(v, view.x), ey, -HEIGHT), theme.px(4.0));
        write(tick(&v), p)?;
    }
    // (Not at the corner the x labels reach: they would overlap.)
    for v in ticks(view.y, 5)
        .into_iter()
        .filter(|&v| (unit(v, view.y) - ey).abs() > 0.15)
    {
        let p = out(at(view, ex, unit(v, view.y), -HEIGHT), theme.px(4.0));
        write(tick(&v), p)?;
    }
    write(
        names[0].into(),
        out(at(view, 0.0, ey, -HEIGHT), gap + theme.px(8.0)),
    )?;
    write(
        names[1].into(),
        out(at(view, ex, 0.0, -HEIGHT), gap + theme.px(8.0)),
    )?;
    let c = axis_corner(view);
    let (side, shift) = if at(view, c.0, c.1, 0.0).0 <= centre.0 {
        (HPos::Right, -theme.px(5.0))
    } else {
        (HPos::Left, theme.px(5.0))
    };
    for v in view.z.ticks() {
        let p = at(view, c.0, c.1, HEIGHT * (2.0 * view.z.unit(v) - 1.0));
        let pos = Pos::new(side, VPos::Center);
        area.draw(&Text::new(
            tick(&v),
            coord((p.0 + shift, p.1)),
            style.pos(pos),
        ))?;
    }
    let top = at(view, c.0, c.1, HEIGHT);
    let title = format!("{}{}", names[2], view.z.note());
    let pos = Pos::new(HPos::Center, VPos::Bottom);
    area.draw(&Text::new(
        title,
        coord((top.0, top.1 - theme.px(12.0))),
        style.pos(pos),
    ))
}

/// How many points of a long path are drawn.
const PATH_POINTS: usize = 600;

/// How many of the latest steps carry a marker.
const MARKED: usize = 30;

/// Draws every run's path through its points on the surface, its latest steps marked, and
/// its ball at step `t` (`phase` of the way to the next step, along the straight jump), over
/// a dot on the floor beneath it. A ball beyond the view is held at its wall, hollow. What
/// `hidden` says the surface hides (given a pixel and a nearness to the eye) is drawn faintly.
pub fn draw_race_3d<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    view: &View3d,
    race: &Race,
    t: usize,
    phase: f64,
    theme: &Theme,
    hidden: &dyn Fn((f64, f64), f64) -> bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let racing = race.racing();
    let inside = |v: f64, r: [f64; 2]| v >= r[0].min(r[1]) && v <= r[0].max(r[1]);
    let held = |p: [f64; 3]| {
        let clamp = |v: f64, r: [f64; 2]| crate::within(v, r[0].min(r[1]), r[0].max(r[1]));
        [clamp(p[0], view.x), clamp(p[1], view.y), p[2]]
    };
    let px = |p: [f64; 3]| view.to_px(held(p));
    let thin = theme.line(1.0);
    for lane in race.lanes() {
        let theme = theme.for_lane(lane.method(), racing);
        let m = super::race::marks(lane, t, phase, 2, false);
        let Some(current) = m.rows.last() else {
            continue;
        };
        // Where f is not defined (or overflows), the point sits on the floor (or under the lid).
        let point = |r: &crate::run::Record| {
            let f = match r.f {
                f if f.is_finite() => f,
                f if f > 0.0 => view.z.value(1.0),
                _ => view.z.value(0.0),
            };
            [r.x[0], r.x[1], f]
        };
        let every = m.rows.len().div_ceil(PATH_POINTS).max(1);
        let mut rows: Vec<&crate::run::Record> = m.rows.iter().step_by(every).collect();
        rows.push(current);
        // Each point on the canvas, and whether the surface hides it.
        let seen: Vec<((i32, i32), bool)> = rows
            .iter()
            .map(|r| {
                let (x, y, near) = view.project(view.unit(held(point(r))));
                (coord((x, y)), !hidden((x, y), near))
            })
            .collect();
        let width = theme.line(1.5);
        let casing = WHITE.mix(0.75).stroke_width(width + 2 * thin);
        let faint = theme.path.mix(0.35).stroke_width(width);
        // Runs of segments seen in full, over a light casing; the rest faint, behind.
        let mut k = 0;
        while k + 1 < seen.len() {
            let open = seen[k].1 && seen[k + 1].1;
            let mut end = k + 1;
            while end + 1 < seen.len() && (seen[end].1 && seen[end + 1].1) == open {
                end += 1;
            }
            let run: Vec<(i32, i32)> = seen[k..=end].iter().map(|p| p.0).collect();
            if open {
                area.draw(&PathElement::new(run.clone(), casing))?;
                area.draw(&PathElement::new(run, theme.path.stroke_width(width)))?;
            } else {
                area.draw(&PathElement::new(run, faint))?;
            }
            k = end;
        }
        let marker = theme.px(3.0).round() as u32;
        for p in &seen[seen.len().saturating_sub(MARKED.min(m.rows.len()))..] {
            let colour = theme.path.mix(if p.1 { 1.0 } else { 0.35 });
            area.draw(&Circle::new(p.0, marker, colour.filled()))?;
        }
        // The ball: on its row, or part way along the jump to the next.
        let here = point(current);
        let ball = match m.next.filter(|_| m.phase > 0.0) {
            Some(next) => {
                let e = super::marks::ease(m.phase);
                let to = point(next);
                [0, 1, 2].map(|k| here[k] + (to[k] - here[k]) * e)
            }
            None => here,
        };
        let floor = view.z.value(0.0);
        let shadow = px([ball[0], ball[1], floor]);
        let (bx, by) = px(ball);
        area.draw(&PathElement::new(
            vec![coord(shadow), coord((bx, by))],
            theme.muted.mix(0.6).stroke_width(thin),
        ))?;
        area.draw(&Circle::new(
            coord(shadow),
            theme.px(3.0).round() as u32,
            theme.text.mix(0.45).filled(),
        ))?;
        let r = theme.px(7.0);
        let on = inside(ball[0], view.x) && inside(ball[1], view.y) && current.f.is_finite();
        let behind = {
            let (x, y, near) = view.project(view.unit(held(ball)));
            hidden((x, y), near)
        };
        area.draw(&Circle::new(
            coord((bx, by)),
            (r + theme.px(2.0)).round() as u32,
            theme.background.filled(),
        ))?;
        // Off the view or off the surface: a ring; behind a hill: seen through it, faintly.
        let style = match (on, behind) {
            (false, _) => theme.ball.stroke_width(theme.line(2.0)),
            (true, true) => theme.ball.mix(0.4).filled(),
            (true, false) => theme.ball.filled(),
        };
        area.draw(&Circle::new(coord((bx, by)), r.round() as u32, style))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{Function, Preset};
    use crate::render::camera::{Scale, ZAxis};
    use crate::render::recorder::{Anchor, Op, Recorder};
    use crate::render::Surface;

    fn bowl_view(yaw: f64, pitch: f64) -> View3d {
        let s = Surface::sample(
            &Function::Preset(Preset::Bowl),
            [-3.0, 3.0],
            [-3.0, 3.0],
            12,
        );
        s.view((yaw, pitch), scene_rect((700, 500), &Theme::light()))
    }

    fn texts(ops: &[Op]) -> Vec<String> {
        ops.iter()
            .filter_map(|o| o.text())
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_floor_and_labels_name_every_axis_and_turn_with_the_view() {
        let theme = Theme::light();
        let mut rec = Recorder::new(700, 500);
        let view = bowl_view(-60.0, 30.0);
        draw_floor(&rec.area(), &view, &theme).unwrap();
        let floor = rec.take();
        // The outline, closed, inside the canvas.
        let outline = floor
            .iter()
            .filter_map(|o| o.path_in(theme.muted))
            .find(|p| p.len() == 5)
            .unwrap();
        assert_eq!(outline[0], outline[4]);
        assert!(outline
            .iter()
            .all(|p| (0..700).contains(&p.0) && (0..500).contains(&p.1)));
        draw_scene_labels(&rec.area(), &view, ["x", "y", "f(x, y)"], &theme).unwrap();
        let labels = texts(&rec.take());
        for name in ["x", "y", "f(x, y)", "−2", "0", "2", "10", "15"] {
            assert!(labels.iter().any(|l| l == name), "{name} in {labels:?}");
        }
        // Turned, the same floor is drawn elsewhere.
        draw_floor(&rec.area(), &bowl_view(30.0, 60.0), &theme).unwrap();
        assert_ne!(rec.take(), floor);
    }

    #[test]
    fn a_ball_where_f_is_undefined_rests_hollow_on_the_floor() {
        let race = crate::settings::finished(
            &[
                ("f", "ln(x)*y^2"),
                ("x0", "1"),
                ("y0", "1"),
                ("steps", "30"),
            ],
            1e-4,
        )
        .1;
        let lane = &race.lanes()[0];
        let last = lane.rows().last().unwrap();
        assert!(last.f.is_nan(), "the run leaves ln's domain");
        let f = Function::Typed(std::sync::Arc::new(
            crate::objective::Expr::parse("ln(x)*y^2").unwrap(),
        ));
        let s = Surface::sample(&f, [-10.0, 10.0], [-10.0, 10.0], 24);
        let theme = Theme::light();
        let view = s.view((-60.0, 30.0), scene_rect((700, 500), &theme));
        let mut rec = Recorder::new(700, 500);
        draw_race_3d(&rec.area(), &view, &race, 30, 0.0, &theme, &|_, _| false).unwrap();
        let ops = rec.take();
        let want = crate::render::coord(view.to_px([last.x[0], last.x[1], view.z.value(0.0)]));
        let ball = ops
            .iter()
            .filter_map(|o| o.disc_in(theme.ball))
            .next_back()
            .unwrap();
        assert_eq!((ball.0, ball.2), (want, false), "on the floor, hollow");
    }

    #[test]
    fn what_the_surface_hides_is_drawn_faintly() {
        let race = crate::settings::finished(&[("preset", "bowl"), ("steps", "20")], 1e-4).1;
        let theme = Theme::light();
        let view = bowl_view(-60.0, 30.0);
        let mut rec = Recorder::new(700, 500);
        // Everything right of x = 450 on the canvas is behind a hill: the path's first steps.
        let behind = |p: (f64, f64), _| p.0 > 450.0;
        draw_race_3d(&rec.area(), &view, &race, 8, 0.0, &theme, &behind).unwrap();
        let ops = rec.take();
        let paths = |faint: bool| -> Vec<Vec<(i32, i32)>> {
            ops.iter()
                .filter_map(|o| match o {
                    Op::Path(p, c, _)
                        if c.rgb == (theme.path.0, theme.path.1, theme.path.2)
                            && (c.alpha < 0.5) == faint =>
                    {
                        Some(p.clone())
                    }
                    _ => None,
                })
                .collect()
        };
        let (solid, faint) = (paths(false), paths(true));
        assert_eq!(faint.len(), 1, "{faint:?}");
        assert_eq!(solid.len(), 1, "{solid:?}");
        // They meet at the first point seen; the faint run starts at the start, far right.
        assert!(faint[0][0].0 > 450 && faint[0].last() == solid[0].first());
        assert!(solid[0].iter().skip(1).all(|p| p.0 <= 450));
        // The ball is in plain sight: drawn in full. Behind the hill, faintly.
        let ball = |ops: &[Op]| {
            ops.iter()
                .filter_map(|o| match o {
                    Op::Circle(_, _, col, true)
                        if col.rgb == (theme.ball.0, theme.ball.1, theme.ball.2) =>
                    {
                        Some(col.alpha)
                    }
                    _ => None,
                })
                .next_back()
                .unwrap()
        };
        assert_eq!(ball(&ops), 1.0);
        draw_race_3d(&rec.area(), &view, &race, 8, 0.0, &theme, &|_, _| true).unwrap();
        assert!(ball(&rec.take()) < 0.5);
    }

    #[test]
    fn a_log_axis_says_so() {
        let f = Function::Preset(Preset::Rosenbrock);
        let s = Surface::sample(&f, [-2.0, 2.0], [-1.0, 3.0], 48);
        let view = s.view((-60.0, 30.0), scene_rect((700, 500), &Theme::light()));
        let mut rec = Recorder::new(700, 500);
        draw_scene_labels(&rec.area(), &view, ["x", "y", "f(x, y)"], &Theme::light()).unwrap();
        let labels = texts(&rec.take());
        assert!(
            labels.iter().any(|l| l == "f(x, y), log scale"),
            "{labels:?}"
        );
    }

    #[test]
    fn every_run_of_a_race_has_its_path_ball_and_shadow_on_the_surface() {
        let race = crate::settings::finished(
            &[("preset", "bowl"), ("race", "gd,adam"), ("steps", "20")],
            1e-4,
        )
        .1;
        let theme = Theme::light();
        let view = bowl_view(-60.0, 30.0);
        let mut rec = Recorder::new(700, 500);
        draw_race_3d(&rec.area(), &view, &race, 5, 0.0, &theme, &|_, _| false).unwrap();
        let ops = rec.take();
        for lane in race.lanes() {
            let t = theme.for_lane(lane.method(), true);
            let r = lane.at(5);
            let want = crate::render::coord(view.to_px([r.x[0], r.x[1], r.f]));
            let balls: Vec<_> = ops.iter().filter_map(|o| o.disc_in(t.ball)).collect();
            assert!(
                balls.iter().any(|b| b.0 == want),
                "{:?}: {balls:?} {want:?}",
                lane.method()
            );
            let path = ops
                .iter()
                .filter_map(|o| o.path_in(t.path))
                .max_by_key(|p| p.len())
                .unwrap();
            assert_eq!(path.len(), 7, "the start, five steps, the ball's row again");
            assert_eq!(*path.last().unwrap(), want);
        }
        // Between steps the ball is on its way: not on either row.
        draw_race_3d(&rec.area(), &view, &race, 5, 0.5, &theme, &|_, _| false).unwrap();
        let gd = theme.for_lane(crate::optim::Method::Gd, true).ball;
        let lane = &race.lanes()[0];
        let (a, b) = (lane.at(5), lane.at(6));
        let halfway = crate::render::coord(view.to_px([
            (a.x[0] + b.x[0]) / 2.0,
            (a.x[1] + b.x[1]) / 2.0,
            (a.f + b.f) / 2.0,
        ]));
        let ball = rec
            .take()
            .iter()
            .filter_map(|o| o.disc_in(gd))
            .map(|b| b.0)
            .next_back()
            .unwrap();
        assert!(
            (ball.0 - halfway.0).abs() <= 1 && (ball.1 - halfway.1).abs() <= 1,
            "{ball:?} {halfway:?}"
        );
    }

    /// The box over x from −1 to 3 and y from 0 to 5, f from 0 to 20, seen from `yaw` and 30°
    /// up.
    fn box_view(yaw: f64) -> View3d {
        let z = ZAxis {
            lo: 0.0,
            hi: 20.0,
            scale: Scale::Linear,
        };
        let rect = scene_rect((700, 500), &Theme::light());
        View3d::new([-1.0, 3.0], [0.0, 5.0], z, (yaw, 30.0), rect)
    }

    #[test]
    fn the_rectangle_leaves_room_for_the_labels_and_never_turns_inside_out() {
        let theme = Theme::light();
        assert_eq!(scene_rect((700, 500), &theme), [34.0, 12.0, 666.0, 466.0]);
        // Too small for its margins: still at least a pixel wide and tall.
        assert_eq!(scene_rect((50, 20), &theme), [34.0, 12.0, 35.0, 13.0]);
    }

    #[test]
    fn the_floor_its_grid_and_the_height_axis_stand_where_the_data_put_them() {
        let theme = Theme::light();
        // The height axis stands on the back corner seen on the left: x and y at their lowest
        // from yaw −60°, at their highest from the opposite side; from yaw 30° (the eye over
        // the corner of highest x and y), x at its highest and y at its lowest.
        for (yaw, (cx, cy)) in [
            (-60.0, (-1.0, 0.0)),
            (120.0, (3.0, 5.0)),
            (30.0, (3.0, 0.0)),
        ] {
            let view = box_view(yaw);
            let at = |x: f64, y: f64, f: f64| coord(view.to_px([x, y, f]));
            let mut rec = Recorder::new(700, 500);
            draw_floor(&rec.area(), &view, &theme).unwrap();
            let ops = rec.take();
            let muted: Vec<_> = ops.iter().filter_map(|o| o.path_in(theme.muted)).collect();
            let grid: Vec<_> = ops.iter().filter_map(|o| o.path_in(theme.grid)).collect();
            // The outline at f's lowest value, from the lowest x and y round.
            let floor = [
                (-1.0, 0.0),
                (3.0, 0.0),
                (3.0, 5.0),
                (-1.0, 5.0),
                (-1.0, 0.0),
            ];
            assert_eq!(
                muted[0],
                floor.map(|(x, y)| at(x, y, 0.0)).to_vec(),
                "{yaw}"
            );
            // A line across the floor at each whole x, then at each whole y.
            let mut lines: Vec<_> = [-1.0, 0.0, 1.0, 2.0, 3.0]
                .map(|x| vec![at(x, 0.0, 0.0), at(x, 5.0, 0.0)])
                .to_vec();
            lines.extend(
                (0..=5).map(|y| vec![at(-1.0, f64::from(y), 0.0), at(3.0, f64::from(y), 0.0)]),
            );
            assert_eq!(grid[..11], lines[..], "{yaw}");
            // Along both back walls at each height tick, through the axis's corner; the axis
            // itself from the floor to the lid.
            let (ox, oy) = (2.0 - cx, 5.0 - cy);
            let walls: Vec<_> = [0.0, 5.0, 10.0, 15.0, 20.0]
                .map(|f| vec![at(ox, cy, f), at(cx, cy, f), at(cx, oy, f)])
                .to_vec();
            assert_eq!(grid[11..], walls[..], "{yaw}");
            assert_eq!(muted[1], vec![at(cx, cy, 0.0), at(cx, cy, 20.0)], "{yaw}");
            assert_eq!(muted.len(), 2);
        }
    }

    #[test]
    fn the_labels_sit_just_past_the_near_edges_and_beside_the_height_axis() {
        let theme = Theme::light();
        // (yaw, the y of the near edge the x labels run along, the x of the y labels' edge,
        // the corner the height axis stands on, the y labels: all but the one where the x
        // labels meet them)
        let sides = [
            (-60.0, 0.0, 3.0, (-1.0, 0.0), ["1", "2", "3", "4", "5"]),
            (120.0, 5.0, -1.0, (3.0, 5.0), ["0", "1", "2", "3", "4"]),
        ];
        for (yaw, ey, ex, (cx, cy), y_labels) in sides {
            let view = box_view(yaw);
            let px = |x: f64, y: f64, f: f64| view.to_px([x, y, f]);
            let mut rec = Recorder::new(700, 500);
            draw_scene_labels(&rec.area(), &view, ["x", "y", "f(x, y)"], &theme).unwrap();
            let ops = rec.take();
            let labels: Vec<(&str, (i32, i32), Anchor)> =
                ops.iter().filter_map(Op::text_at).collect();
            assert_eq!(labels.len(), 18, "{labels:?}");
            let centre = px(1.0, 2.5, 0.0);
            let apart = |a: (f64, f64), b: (f64, f64)| (a.0 - b.0).hypot(a.1 - b.1);
            // A label `by` pixels from `p` on the floor's edge, straight out from its centre
            // (to the pixel the label is rounded to).
            let out = |label: (i32, i32), p: (f64, f64), by: f64| {
                let l = (f64::from(label.0), f64::from(label.1));
                (apart(l, p) - by).abs() <= 1.0
                    && (apart(l, centre) - apart(p, centre) - by).abs() <= 1.0
            };
            for (k, x) in [-1.0, 0.0, 1.0, 2.0, 3.0].into_iter().enumerate() {
                let (text, at, _) = labels[k];
                assert_eq!(text, tick(&x));
                assert!(out(at, px(x, ey, 0.0), 4.0), "{yaw}: {:?}", labels[k]);
            }
            for (k, text) in y_labels.into_iter().enumerate() {
                let (got, at, _) = labels[5 + k];
                assert_eq!(got, text, "{yaw}");
                let y: f64 = text.parse().unwrap();
                assert!(out(at, px(ex, y, 0.0), 4.0), "{yaw}: {:?}", labels[5 + k]);
            }
            // The names, further out from the middles of the same edges.
            assert_eq!(labels[10].0, "x");
            assert!(
                out(labels[10].1, px(1.0, ey, 0.0), 22.0),
                "{:?}",
                labels[10]
            );
            assert_eq!(labels[11].0, "y");
            assert!(
                out(labels[11].1, px(ex, 2.5, 0.0), 22.0),
                "{:?}",
                labels[11]
            );
            // f's ticks 5 pixels left of the axis, at their heights; f's name above its top.
            for (k, f) in [0.0, 5.0, 10.0, 15.0, 20.0].into_iter().enumerate() {
                let p = px(cx, cy, f);
                let want = (tick(&f), coord((p.0 - 5.0, p.1)), ["right", "center"]);
                let (text, at, anchor) = labels[12 + k];
                assert_eq!((text.to_string(), at, anchor), want, "{yaw}");
            }
            let top = px(cx, cy, 20.0);
            let title = (
                "f(x, y)",
                coord((top.0, top.1 - 12.0)),
                ["center", "bottom"],
            );
            assert_eq!(labels[17], title, "{yaw}");
        }
        // Each label reads away from the floor: to the left of its point on the left, to the
        // right on the right, hanging below it at the front.
        let view = box_view(-60.0);
        let mut rec = Recorder::new(700, 500);
        draw_scene_labels(&rec.area(), &view, ["x", "y", "f(x, y)"], &theme).unwrap();
        let anchors: Vec<Anchor> = rec.take()[..12]
            .iter()
            .filter_map(|o| o.text_at().map(|t| t.2))
            .collect();
        let (rt, lt, lb) = (["right", "top"], ["left", "top"], ["left", "bottom"]);
        assert_eq!(
            anchors,
            [rt, rt, rt, rt, lt, lt, lt, lt, lb, lb, rt, lt],
            "x's ticks, y's, then the names"
        );
    }

    #[test]
    fn a_ball_beyond_the_view_is_held_at_its_wall_hollow_over_its_shadow_on_the_floor() {
        let race = crate::settings::finished(&[("preset", "bowl"), ("steps", "20")], 1e-4).1;
        let theme = Theme::light();
        let r = race.lanes()[0].at(5);
        let (bx, by, f) = (r.x[0], r.x[1], r.f);
        let z = ZAxis {
            lo: -1.0,
            hi: f + 1.0,
            scale: Scale::Linear,
        };
        let rect = scene_rect((700, 500), &theme);
        // x's range wholly to the ball's right (the ball held at its low wall), or around it.
        for (x, wall, filled) in [
            ([bx + 1.0, bx + 2.0], bx + 1.0, false),
            ([bx - 1.0, bx + 1.0], bx, true),
        ] {
            let view = View3d::new(x, [by - 1.0, by + 1.0], z, (-60.0, 30.0), rect);
            let mut rec = Recorder::new(700, 500);
            draw_race_3d(&rec.area(), &view, &race, 5, 0.0, &theme, &|_, _| false).unwrap();
            let ops = rec.take();
            let at = |p: [f64; 3]| crate::render::coord(view.to_px(p));
            let ball = ops
                .iter()
                .filter_map(|o| o.disc_in(theme.ball))
                .find(|d| d.1 == 7)
                .unwrap();
            assert_eq!(ball, (at([wall, by, f]), 7, filled));
            // On a disc of the background a little larger, and over a dot on the floor (f's
            // lowest value) joined to it.
            let under = ops
                .iter()
                .find_map(|o| o.disc_in(theme.background))
                .unwrap();
            assert_eq!(under, (at([wall, by, f]), 9, true));
            let shadow = ops.iter().find_map(|o| o.disc_in(theme.text)).unwrap();
            assert_eq!(shadow, (at([wall, by, -1.0]), 3, true));
            let drop = ops.iter().find_map(|o| o.path_in(theme.muted)).unwrap();
            assert_eq!(drop, vec![shadow.0, ball.0]);
        }
    }

    #[test]
    fn a_path_is_cased_in_white_a_line_wider_on_either_side() {
        let race = crate::settings::finished(&[("preset", "bowl"), ("steps", "20")], 1e-4).1;
        // Presenter mode at three times the size: lines 3 pixels, the path 5 (1.5 × 3, rounded).
        let theme = Theme {
            zoom: 3.0,
            ..Theme::light()
        };
        let mut rec = Recorder::new(700, 500);
        draw_race_3d(
            &rec.area(),
            &bowl_view(-60.0, 30.0),
            &race,
            5,
            0.0,
            &theme,
            &|_, _| false,
        )
        .unwrap();
        let ops = rec.take();
        let (path, width) = ops.iter().find_map(|o| o.stroke_in(theme.path)).unwrap();
        let casing = ops.iter().find_map(|o| o.stroke_in(WHITE)).unwrap();
        assert_eq!(width, 5);
        assert_eq!(casing, (path, 5 + 2 * 3));
    }

    #[test]
    fn a_label_within_a_pixel_of_the_middle_is_centred_under_its_point() {
        let theme = Theme::light();
        // From straight above, x across: the tick at x = 1 lies 0.4 pixels left of the floor's
        // middle on [−1, 3.01], 0.4 right of it on [−1.01, 3]. Either way it is centred,
        // as a label more than a pixel off is not.
        let z = ZAxis {
            lo: 0.0,
            hi: 1.0,
            scale: Scale::Linear,
        };
        for x in [[-1.0, 3.01], [-1.01, 3.0]] {
            let view = View3d::new(x, [0.0, 5.0], z, (-90.0, 90.0), [0.0, 0.0, 400.0, 400.0]);
            let middle = view.to_px([(x[0] + x[1]) / 2.0, 0.0, 0.0]).0;
            let off = view.to_px([1.0, 0.0, 0.0]).0 - middle;
            assert!((off.abs() - 0.4).abs() < 0.05, "{off}");
            let mut rec = Recorder::new(400, 400);
            draw_scene_labels(&rec.area(), &view, ["x", "y", "f"], &theme).unwrap();
            let ops = rec.take();
            let labels: Vec<_> = ops.iter().filter_map(Op::text_at).collect();
            let one = labels.iter().find(|l| l.0 == "1").unwrap();
            assert_eq!(one.2, ["center", "top"], "{x:?}: {labels:?}");
            let zero = labels.iter().find(|l| l.0 == "0").unwrap();
            assert_eq!(zero.2, ["right", "top"], "{x:?}: {labels:?}");
        }
    }

    #[test]
    fn the_ball_stays_on_its_row_until_a_step_into_the_undefined_begins() {
        // √x is undefined for x < 0: the first step jumps there and the run stops.
        let race = crate::settings::finished(
            &[
                ("f", "sqrt(x)+y^2"),
                ("x0", "0.01"),
                ("y0", "0.5"),
                ("lr", "0.1"),
            ],
            1e-4,
        )
        .1;
        let rows = race.lanes()[0].rows();
        assert_eq!(rows.len(), 2);
        assert!(rows[1].f.is_nan(), "{:?}", rows[1]);
        let theme = Theme::light();
        let view = bowl_view(-60.0, 30.0);
        let mut rec = Recorder::new(700, 500);
        draw_race_3d(&rec.area(), &view, &race, 0, 0.0, &theme, &|_, _| false).unwrap();
        let ball = rec
            .take()
            .iter()
            .filter_map(|o| o.disc_in(theme.ball))
            .find(|d| d.1 == 7)
            .unwrap();
        let start = &rows[0];
        let want = crate::render::coord(view.to_px([start.x[0], start.x[1], start.f]));
        assert_eq!(ball.0, want);
    }
}

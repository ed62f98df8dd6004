//! The plot of a function of three or more variables, which no curve or map can show: each
//! coordinate against the step, one line per variable, labelled with its name at the ball's
//! current value. One run draws each variable in its own colour of the colour-blind-safe
//! palette; a race draws each run in its method's colour, every line still labelled.

use super::axes::{draw_axes, Axes, Margins};
use super::{draw_progress, tick, Frame, Theme};
use crate::run::Race;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

impl Theme {
    /// The colour of variable `i` when one run is drawn: six of Okabe–Ito's colours, then
    /// the text's colour, the muted grey and Okabe–Ito's yellow: nine, all different.
    pub fn variable(&self, i: usize) -> RGBColor {
        const OKABE_ITO: [RGBColor; 6] = [
            RGBColor(86, 180, 233),
            RGBColor(213, 94, 0),
            RGBColor(0, 158, 115),
            RGBColor(204, 121, 167),
            RGBColor(0, 114, 178),
            RGBColor(230, 159, 0),
        ];
        match i {
            0..=5 => OKABE_ITO[i],
            6 => self.text,
            7 => self.muted,
            _ => RGBColor(240, 228, 66),
        }
    }
}

/// Draws the axes: steps from 0 to `steps` across, the coordinates' range `y` up the side.
/// Returns where the data sits.
pub fn draw_coord_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    steps: u64,
    y: [f64; 2],
    theme: &Theme,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let axes = Axes {
        x: [0.0, steps.max(1) as f64],
        y,
        counts: (6, 6),
        margins: Margins {
            left: 60.0,
            top: 14.0,
            right: 44.0,
            bottom: 30.0,
        },
        label: &|v| tick(&v),
        log_x: false,
        font: 12.0,
    };
    draw_axes(area, &axes, theme)
}

/// Draws every run's coordinates at step `t`: each whole line faintly, the steps taken so far
/// strongly, and a dot with the variable's name at the current value (see [`labels`] for names
/// that would overlap).
pub fn draw_coords<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    race: &Race,
    t: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let names = race.names();
    let racing = race.racing();
    let mut balls: Vec<((i32, i32), usize)> = Vec::new();
    for lane in race.lanes() {
        let (rows, upto) = (lane.rows(), lane.row(t));
        for i in 0..names.len() {
            let color = if racing {
                theme.for_lane(lane.method(), true).path
            } else {
                theme.variable(i)
            };
            let drawn = draw_progress(area, frame, rows, upto, &theme.lane(color), &|r| r.x[i])?;
            if let Some(end) = drawn {
                balls.push((end, i));
            }
        }
    }
    let style = (FontFamily::SansSerif, theme.font(12.0))
        .into_font()
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let (gap, height) = (theme.px(7.0) as i32, theme.font(12.0).ceil() as i32);
    let bottom = frame.rect[3] as i32;
    for ((x, y), name) in &labels(balls, names, height, bottom) {
        area.draw(&Text::new(name.as_str(), (x + gap, *y), style.clone()))?;
    }
    Ok(())
}

/// The names to write beside the balls at `(x, y)` of variables `i` (of `names`), in order
/// from top to bottom: balls less than half a line apart share one label ("x1, x2", or
/// "x1 … x9" for more than three), and labels are then moved apart so that none is within
/// `height` pixels of the one above, nor below `bottom`.
fn labels(
    mut balls: Vec<((i32, i32), usize)>,
    names: &[&str],
    height: i32,
    bottom: i32,
) -> Vec<((i32, i32), String)> {
    order(&mut balls, |a, b| (a.0 .1, a.0 .0) < (b.0 .1, b.0 .0));
    let mut groups: Vec<((i32, i32), Vec<usize>)> = Vec::new();
    for (at, i) in balls {
        match groups.last_mut() {
            Some((first, group)) if first.0 == at.0 && at.1 - first.1 < height / 2 => group.push(i),
            _ => groups.push((at, vec![i])),
        }
    }
    let mut out: Vec<((i32, i32), String)> = Vec::new();
    for (at, group) in &mut groups {
        order(group, |a, b| a < b);
        let mut text = String::new();
        for (k, &i) in group.iter().enumerate() {
            match (k, group.len() > 3) {
                (0, _) => {}
                (_, false) => text.push_str(", "),
                (_, true) if k + 1 == group.len() => text.push_str(" … "),
                _ => continue,
            }
            text.push_str(names[i]);
        }
        out.push((*at, text));
    }
    let mut last = i32::MIN / 2;
    for ((_, y), _) in &mut out {
        *y = (*y).max(last + height);
        last = *y;
    }
    let mut limit = bottom;
    for ((_, y), _) in out.iter_mut().rev() {
        *y = (*y).min(limit);
        limit = *y - height;
    }
    out
}

/// Sorts a few items (a label per variable and run) in place by `before`, without the weight
/// of the standard library's sorts in the web module.
fn order<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::recorder::Recorder;

    fn race(pairs: &[(&str, &str)]) -> Race {
        crate::settings::finished(pairs, 0.0).1
    }

    #[test]
    fn one_labelled_line_per_variable_in_its_own_colour() {
        let theme = Theme::light();
        let r = race(&[
            ("f", "x^2 - 2*x + y^2 + z^2 + z*y"),
            ("start", "2,-5,7"),
            ("lr", "0.05"),
            ("steps", "40"),
        ]);
        let mut rec = Recorder::new(600, 400);
        let frame = draw_coord_axes(&rec.area(), 40, [-6.0, 8.0], &theme).unwrap();
        rec.take();
        draw_coords(&rec.area(), &frame, &r, 10, &theme).unwrap();
        let ops = rec.take();
        let mut texts: Vec<&str> = ops.iter().filter_map(|op| op.text()).collect();
        texts.sort_unstable();
        assert_eq!(texts, ["x", "y", "z"]);
        for i in 0..3 {
            let lines: Vec<Vec<(i32, i32)>> = ops
                .iter()
                .filter_map(|op| op.path_in(theme.variable(i)))
                .collect();
            assert_eq!(
                lines.len(),
                2,
                "variable {i}: the whole run, then the steps taken"
            );
            assert_eq!(lines[0].len(), 41, "steps 0 to 40");
            assert_eq!(lines[1].len(), 11, "steps 0 to 10");
        }
        // The ball moves: at step 20 the lines are longer and the labels elsewhere.
        draw_coords(&rec.area(), &frame, &r, 20, &theme).unwrap();
        let later = rec.take();
        assert_ne!(later, ops);
        for theme in [Theme::light(), Theme::dark()] {
            let colours: Vec<RGBColor> = (0..9).map(|i| theme.variable(i)).collect();
            for (i, c) in colours.iter().enumerate() {
                assert!(!colours[..i].contains(c), "colour {i} repeats");
            }
        }
    }

    #[test]
    fn names_that_would_overlap_move_apart_or_share_a_label() {
        let text = |v: Vec<((i32, i32), String)>| {
            v.into_iter().map(|(at, t)| (at.1, t)).collect::<Vec<_>>()
        };
        let xyz = ["x", "y", "z"];
        // Close, but not on top of each other: moved apart, in order.
        let moved = labels(
            vec![((5, 100), 2), ((5, 90), 0), ((5, 300), 1)],
            &xyz,
            14,
            400,
        );
        assert_eq!(
            text(moved),
            [(90, "x".into()), (104, "z".into()), (300, "y".into())]
        );
        // On top of each other: one label; nine of them name the first and the last.
        let two = labels(vec![((5, 100), 1), ((5, 103), 0)], &xyz, 14, 400);
        assert_eq!(text(two), [(100, "x, y".into())]);
        let numbered = crate::objective::expr::names(9, true);
        let nine: Vec<((i32, i32), usize)> = [2, 0, 8, 1, 4, 3, 5, 7, 6]
            .iter()
            .map(|&i| ((5, 200), i))
            .collect();
        assert_eq!(
            text(labels(nine, numbered, 14, 400)),
            [(200, "x1 … x9".into())]
        );
        let three: Vec<((i32, i32), usize)> = [7, 2, 4].iter().map(|&i| ((5, 200), i)).collect();
        assert_eq!(
            text(labels(three, numbered, 14, 400)),
            [(200, "x3, x5, x8".into())]
        );
        // Never below the plot: pushed up from the bottom instead.
        let low = labels(
            vec![((5, 395), 0), ((5, 398), 1), ((6, 399), 2)],
            &xyz,
            14,
            400,
        );
        assert_eq!(text(low), [(386, "x, y".into()), (400, "z".into())]);
    }

    #[test]
    fn a_race_draws_every_run_in_its_method_s_colour() {
        let theme = Theme::light();
        let r = race(&[
            ("f", "x1^2 + x2^2 + x3^2 + x4^2"),
            ("start", "1,2,3,4"),
            ("race", "gd,adam"),
            ("lr", "0.1"),
            ("steps", "10"),
        ]);
        let mut rec = Recorder::new(600, 400);
        let frame = draw_coord_axes(&rec.area(), 10, [-1.0, 5.0], &theme).unwrap();
        rec.take();
        draw_coords(&rec.area(), &frame, &r, 5, &theme).unwrap();
        let ops = rec.take();
        let mut texts: Vec<&str> = ops.iter().filter_map(|op| op.text()).collect();
        texts.sort_unstable();
        assert_eq!(texts, ["x1", "x1", "x2", "x2", "x3", "x3", "x4", "x4"]);
        let adam = theme.for_lane(crate::optim::Method::Adam, true).path;
        assert_eq!(ops.iter().filter_map(|op| op.path_in(adam)).count(), 8);
    }
}

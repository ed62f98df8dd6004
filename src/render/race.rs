//! A race on the two moving layers: every run's path and ball on the plot, and every run's
//! loss so far on the loss chart, each in its method's colour (one run alone in the theme's own
//! colours, with the tangent and the next step's arrow).

use super::{coord, draw_casing, draw_marks, draw_progress, Frame, Marks, Theme};
use crate::optim::Method;
use crate::run::{Lane, Race};
use plotters::coord::Shift;
use plotters::prelude::*;

impl Theme {
    /// The theme a run of `method` is drawn in: its method's colour in a race.
    pub fn for_lane(&self, method: Method, racing: bool) -> Theme {
        if !racing {
            return *self;
        }
        let k = Method::ALL.iter().position(|m| *m == method).unwrap_or(0);
        self.lane(self.methods[k])
    }
}

/// What the plot shows of one run at step `t`, `phase` of the way to the next step.
pub(super) fn marks(lane: &Lane, t: usize, phase: f64, dim: usize, guides: bool) -> Marks<'_> {
    let rows = lane.rows();
    let k = lane.row(t);
    let next = rows.get(k + 1);
    // How far along the way to the next stored row (which may be several steps on).
    let along = next.map_or(0.0, |n| {
        let span = (n.step - rows[k].step).max(1) as f64;
        ((t as f64 - rows[k].step as f64).max(0.0) + phase) / span
    });
    Marks {
        rows: &rows[..(k + 1).min(rows.len())],
        next,
        phase: crate::within(along, 0.0, 1.0),
        dim,
        guides,
    }
}

/// Draws every run's path and ball at step `t`. On a map of the plane every path's light
/// casing goes down first, so that none covers another's colour.
pub fn draw_race<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    race: &Race,
    t: usize,
    phase: f64,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let dim = race.dim();
    let racing = race.racing();
    let each: Vec<(Marks, Theme)> = race
        .lanes()
        .iter()
        .map(|l| {
            let m = marks(l, t, phase, dim, !racing);
            (m, theme.for_lane(l.method(), racing))
        })
        .collect();
    if dim == 2 {
        for (m, theme) in &each {
            draw_casing(area, frame, m, theme)?;
        }
    }
    for (m, theme) in &each {
        draw_marks(area, frame, m, theme)?;
    }
    Ok(())
}

/// Draws every run's loss on the loss chart: the whole run faintly, the steps up to `t`
/// strongly.
pub fn draw_race_loss<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    race: &Race,
    t: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for l in race.lanes() {
        let theme = theme.for_lane(l.method(), race.racing());
        super::loss::draw_batch_loss(area, frame, l.rows(), l.row(t), &theme)?;
        draw_progress(area, frame, l.rows(), l.row(t), &theme, &|r| r.f)?;
    }
    Ok(())
}

/// The step under the pointer on the loss chart: a thin line across the chart and a ring on
/// each run's f there.
pub fn draw_loss_marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    race: &Race,
    k: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let [_, top, _, bottom] = frame.rect;
    let (x, _) = frame.to_px([k as f64, frame.y[0]]);
    area.draw(&PathElement::new(
        vec![coord((x, top)), coord((x, bottom))],
        theme.muted.stroke_width(theme.line(1.0)),
    ))?;
    for l in race.lanes() {
        let r = l.at(k);
        if r.f.is_finite() {
            let ring = theme.for_lane(l.method(), race.racing()).ball;
            area.draw(&Circle::new(
                coord(frame.clamp(frame.to_px([r.step as f64, r.f]))),
                theme.px(6.0).round() as u32,
                ring.stroke_width(theme.line(2.0)),
            ))?;
        }
    }
    Ok(())
}

/// Draws the learning rate of each step on its chart: the same for every run of a race (they
/// share the schedule), so the first run's, in the theme's colour for steps.
pub fn draw_race_rate<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    frame: &Frame,
    race: &Race,
    t: usize,
    theme: &Theme,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let Some(l) = race.lanes().first() else {
        return Ok(());
    };
    let theme = Theme {
        curve: theme.step,
        ball: theme.step,
        ..*theme
    };
    draw_progress(area, frame, l.rows(), l.row(t), &theme, &|r| r.lr).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::recorder::Recorder;

    fn race(pairs: &[(&str, &str)]) -> Race {
        crate::settings::finished(pairs, 1e-4).1
    }

    fn frame() -> Frame {
        Frame {
            x: [-8.0, 8.0],
            y: [-8.0, 8.0],
            rect: [50.0, 10.0, 650.0, 610.0],
        }
    }

    #[test]
    fn each_method_of_a_race_is_drawn_in_its_own_colour() {
        let r = race(&[("preset", "wells"), ("race", "gd,momentum,adam")]);
        let theme = Theme::light();
        let mut rec = Recorder::new(700, 620);
        draw_race(&rec.area(), &frame(), &r, 10, 0.0, &theme).unwrap();
        let ops = rec.take();
        for m in [Method::Gd, Method::Momentum, Method::Adam] {
            let c = theme.for_lane(m, true).ball;
            assert!(
                ops.iter().any(|op| op.circle_in(c).is_some()),
                "{m:?}'s ball"
            );
        }
        let nesterov = theme.for_lane(Method::Nesterov, true).ball;
        assert!(ops.iter().all(|op| op.circle_in(nesterov).is_none()));
        // Casings first: no path of a method comes before the last casing.
        let casing = ops
            .iter()
            .rposition(|op| op.path_in(WHITE).is_some())
            .unwrap();
        let first_path = ops
            .iter()
            .position(|op| op.path_in(theme.for_lane(Method::Gd, true).path).is_some())
            .unwrap();
        assert!(casing < first_path, "{casing} {first_path}");
    }

    #[test]
    fn a_single_run_keeps_the_theme_and_draws_its_guides() {
        let r = race(&[("at", "3")]);
        let theme = Theme::light();
        assert_eq!(theme.for_lane(Method::Adam, false), theme);
        let mut rec = Recorder::new(700, 620);
        let f = Frame {
            x: [-10.0, 10.0],
            y: [-5.0, 105.0],
            rect: [50.0, 10.0, 650.0, 610.0],
        };
        draw_race(&rec.area(), &f, &r, 3, 0.0, &theme).unwrap();
        let ops = rec.take();
        assert!(ops.iter().any(|op| op.path_in(theme.tangent).is_some()));
        let mut rec = Recorder::new(700, 120);
        draw_race_loss(&rec.area(), &f, &r, 3, &theme).unwrap();
        assert_eq!(
            rec.take().len(),
            3,
            "the faint run, the steps so far, the dot"
        );
    }
}

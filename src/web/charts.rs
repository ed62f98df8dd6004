//! The loss chart and, beside it, the learning rate's: their axes (drawn again only when what
//! they show changes: a slider that moves the runs leaves them be) and every run's progress on
//! them.

use super::backend::Canvas2d;
use super::canvas::Text;
use super::dom::Res;
use super::layout::Page;
use super::paint::{clear, drawing, Painter};
use crate::demo::{Demo, Dirty};
use crate::render::{
    draw_loss_axes, draw_loss_marker, draw_race_loss, draw_race_rate, draw_rate_axes, Theme,
};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::rc::Rc;

/// What the charts' axes show: the step budget, the range of f, the rate at the top, the
/// charts' CSS sizes and the theme. The same again needs no drawing.
#[derive(Clone, PartialEq)]
pub struct Drawn {
    steps: u64,
    y: [f64; 2],
    lr: f64,
    css: [(f64, f64); 2],
    theme: Theme,
}

impl Painter {
    /// The charts: their axes when `dirty.loss` says they may have changed (and they did),
    /// the runs on them when `dirty.progress` says so. `css`: the loss chart's and the rate
    /// chart's sizes.
    pub(super) fn paint_charts(
        &mut self,
        page: &Page,
        demo: &Demo,
        dirty: &mut Dirty,
        css: [(f64, f64); 2],
    ) -> Res {
        if dirty.loss {
            // f up the side: the curve's own range, so that heights read the same on both
            // charts; a map of the plane has none, so the runs'.
            let y = match &self.curve {
                Some(c) if demo.dim() == 1 => c.y,
                _ => crate::render::value_range(demo.race().values(|r, out| out.push(r.f))),
            };
            let s = demo.settings();
            let drawn = Drawn {
                steps: s.steps,
                y,
                lr: s.lr,
                css,
                theme: self.theme,
            };
            if self.charts_drawn.as_ref() != Some(&drawn) || self.loss_frame.is_none() {
                self.paint_chart_axes(page, &drawn)?;
                self.charts_drawn = Some(drawn);
            }
            dirty.loss = false;
            dirty.progress = true;
        }
        let (true, Some(frame)) = (dirty.progress, self.loss_frame) else {
            return Ok(());
        };
        let t = demo.playback().t();
        let canvas = &page.loss.overlay;
        clear(canvas)?;
        let area = Canvas2d::new(canvas, Text::Draw)?.into_drawing_area();
        draw_race_loss(&area, &frame, demo.race(), t, &self.theme).map_err(drawing)?;
        if let Some(k) = self.marked {
            draw_loss_marker(&area, &frame, demo.race(), k, &self.theme).map_err(drawing)?;
        }
        if let Some(frame) = self.rate_frame {
            let canvas = &page.rate.overlay;
            clear(canvas)?;
            let area = Canvas2d::new(canvas, Text::Draw)?.into_drawing_area();
            draw_race_rate(&area, &frame, demo.race(), t, &self.theme).map_err(drawing)?;
        }
        dirty.progress = false;
        Ok(())
    }

    /// The loss chart's axes (the step budget across, f up the side) and the rate chart's
    /// (from 0 to η₀, the largest rate every schedule and warmup reach).
    fn paint_chart_axes(&mut self, page: &Page, d: &Drawn) -> Res {
        let labels = Rc::new(RefCell::new(Vec::new()));
        let area =
            Canvas2d::new(&page.loss.base, Text::Collect(labels.clone()))?.into_drawing_area();
        self.loss_frame = Some(draw_loss_axes(&area, d.steps, d.y, &self.theme).map_err(drawing)?);
        let rate_labels = Rc::new(RefCell::new(Vec::new()));
        let rate =
            Canvas2d::new(&page.rate.base, Text::Collect(rate_labels.clone()))?.into_drawing_area();
        self.rate_frame = Some(draw_rate_axes(&rate, d.steps, d.lr, &self.theme).map_err(drawing)?);
        let dpr = self.theme.dpr;
        self.rate_labels.show(&rate_labels.borrow(), dpr)?;
        let shown = self.loss_labels.show(&labels.borrow(), dpr);
        shown
    }
}

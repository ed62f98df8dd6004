//! A fit's data box beside the loss surface: the points and the model at the ball's (w, b)
//! on a chart of their own, a line on what the pointer does there, and the points as text to
//! edit (the keyboard's way). The demo core changes the data; this shows it.

use super::backend::Canvas2d;
use super::canvas::Text;
use super::dom::{find, set_class, show, Res};
use super::layout::{Chart, Page};
use super::paint::{drawing, fit, Painter};
use crate::demo::Demo;
use crate::render::{draw_data, draw_model};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

/// How near a press must be to a point to grip it, in CSS pixels.
const GRIP_PX: f64 = 12.0;

/// The data's box.
pub struct DataBox {
    pub boxed: HtmlElement,
    pub chart: Chart,
    /// The points as `x,y` lines.
    pub text: HtmlTextAreaElement,
    /// The text last written there: rewritten only when the data changes, so an edit not yet
    /// applied survives every other change.
    written: RefCell<String>,
}

impl DataBox {
    /// The data's box in the page's template under `root`.
    pub fn find(root: &Element) -> DataBox {
        let boxed: HtmlElement = find(root, ".descent-data");
        let chart = Chart::find(
            &boxed,
            ".descent-data-chart",
            ".descent-data-base",
            ".descent-data-overlay",
        );
        let text = find(&boxed, "textarea");
        DataBox {
            boxed,
            chart,
            text,
            written: RefCell::new(String::new()),
        }
    }

    /// Shows the box for a fit (hidden otherwise), and its points as text when they changed.
    pub fn sync(&self, root: &HtmlElement, demo: &Demo) -> Res {
        let fit = demo.fit();
        show(&self.boxed, fit.is_some());
        set_class(root, "descent-fitting", fit.is_some());
        let Some(fit) = fit else { return Ok(()) };
        let text = crate::fit::csv(fit.data());
        if *self.written.borrow() != text {
            self.text.set_value(&text);
            *self.written.borrow_mut() = text;
        }
        super::dom::attr(
            &self.chart.holder,
            "aria-label",
            &format!("The {} points of the data and the model", fit.data().len()),
        );
        Ok(())
    }
}

impl Painter {
    /// The data chart's static layer: its axes and the points (the gripped one ringed).
    pub(super) fn paint_data(&mut self, page: &Page, demo: &Demo, css: (f64, f64)) -> Res {
        let Some(f) = demo.fit().filter(|_| css.0 >= 2.0 && css.1 >= 2.0) else {
            self.data_frame = None;
            return Ok(());
        };
        let chart = &page.data.chart;
        fit(&chart.base, css, self.theme.dpr);
        fit(&chart.overlay, css, self.theme.dpr);
        let labels = Rc::new(RefCell::new(Vec::new()));
        let area = Canvas2d::new(&chart.base, Text::Collect(labels.clone()))?.into_drawing_area();
        let view = demo.data_view();
        let frame = draw_data(&area, f, view, demo.held(), &self.theme).map_err(drawing)?;
        self.data_labels.show(&labels.borrow(), self.theme.dpr)?;
        self.data_frame = Some(frame);
        Ok(())
    }

    /// The data chart's moving layer: the model at the first ball's (w, b).
    pub(super) fn paint_model(&self, page: &Page, demo: &Demo) -> Res {
        let (Some(f), Some(frame)) = (demo.fit(), self.data_frame) else {
            return Ok(());
        };
        let canvas = &page.data.chart.overlay;
        super::paint::clear(canvas)?;
        let Some(lane) = demo.race().lanes().first() else {
            return Ok(());
        };
        let r = lane.at(demo.playback().t());
        let area = Canvas2d::new(canvas, Text::Draw)?.into_drawing_area();
        draw_model(&area, &frame, f, [r.x[0], r.x[1]], &self.theme).map_err(drawing)
    }

    /// The point of the data under a pointer at `offset` (CSS pixels) on the data chart (the
    /// nearest inside it), and how near a point must be to be under it, in data units.
    pub fn data_at(&self, offset: (f64, f64)) -> Option<([f64; 2], [f64; 2])> {
        let frame = self.data_frame?;
        let dpr = self.theme.dpr;
        let px = (offset.0 * dpr, offset.1 * dpr);
        let [l, t, r, b] = frame.rect;
        let near = [
            GRIP_PX * dpr / (r - l) * (frame.x[1] - frame.x[0]),
            GRIP_PX * dpr / (b - t) * (frame.y[1] - frame.y[0]),
        ];
        Some((frame.to_data(frame.clamp(px)), near))
    }
}

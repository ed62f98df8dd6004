//! Redraw flags into painting: the canvases of the plot and the loss chart, drawn by
//! [`crate::render`] on the canvas backend, with the samples of the curve or the field cached
//! between changes, and the words put in place. Nothing here decides what changed: the demo's
//! [`Dirty`] flags say.

use super::backend::Canvas2d;
use super::canvas::Text;
use super::dom::{context, media, window, Res, WebError};
use super::labels::Labels;
use super::layout::Page;
use crate::demo::{Demo, Dirty};
use crate::render::{
    draw_arrows, draw_contours, draw_coord_axes, draw_coords, draw_curve, draw_plane_axes,
    draw_race, value_range, Curve, Field, Frame, Theme,
};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{HtmlCanvasElement, HtmlElement};

/// The most grid cells across a field of f(x, y).
const FIELD_CELLS: usize = 300;
/// The least time between two drawings of a map still being computed, in milliseconds.
const MAP_REDRAW_MS: f64 = 100.0;
/// Presenter mode enlarges lines and type by this factor.
const PRESENTER_ZOOM: f64 = 1.6;

/// What the canvases show, and the caches that make redrawing them cheap.
pub struct Painter {
    pub theme: Theme,
    /// CSS sizes of the plot, the loss chart, the rate chart, the map's chart and the data's,
    /// measured once per resize (measuring forces a layout, too slow for every frame).
    sizes: Option<[(f64, f64); 5]>,
    plot_labels: Labels,
    pub(super) loss_labels: Labels,
    pub(super) rate_labels: Labels,
    /// f sampled across the view, for a curve.
    pub(super) curve: Option<Curve>,
    /// f sampled on a grid, for a function of two variables.
    pub(super) field: Option<Field>,
    /// Where the data sits on the plot and on the loss chart.
    frame: Option<Frame>,
    pub(super) loss_frame: Option<Frame>,
    pub(super) rate_frame: Option<Frame>,
    /// What the loss and rate charts' axes were last drawn for (see `paint_charts`).
    pub(super) charts_drawn: Option<super::charts::Drawn>,
    /// The step the pointer is over on the loss chart, marked there.
    pub marked: Option<usize>,
    /// The map's chart: its labels, and where its data sits.
    pub(super) map_labels: Labels,
    pub(super) map_frame: Option<Frame>,
    /// When a map was last drawn (milliseconds since navigation), and which.
    map_painted: (f64, Option<u64>),
    /// The data's chart: its labels, and where its data sits.
    pub(super) data_labels: Labels,
    pub(super) data_frame: Option<Frame>,
    /// The 3-D view's caches.
    pub(super) solid: super::paint3d::Solid,
}

/// The most grid cells across a field: [`FIELD_CELLS`], or for a fit's loss that visits every
/// point (all but MSE, which has a closed form) about 4 million point visits for the whole
/// field (100,000 while a point is dragged, so a drag redraws within a frame).
fn field_cells(demo: &Demo) -> usize {
    let cost = demo
        .fit()
        .filter(|f| f.loss() != crate::fit::Loss::Mse)
        .map_or(0, |f| f.data().len());
    if cost == 0 {
        return FIELD_CELLS;
    }
    let visits = if demo.held().is_some() { 1e5 } else { 4e6 };
    ((2.0 * visits / cost as f64).sqrt() as usize).clamp(16, FIELD_CELLS)
}

/// A drawing error, in words.
pub(super) fn drawing<E: std::fmt::Display>(e: E) -> WebError {
    WebError::drawing(e)
}

/// Makes a (transparent) layer empty again.
pub(super) fn clear(canvas: &HtmlCanvasElement) -> Res {
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    context(canvas)?.clear_rect(0.0, 0.0, w, h);
    Ok(())
}

/// Sizes a canvas's backing store to its CSS size times the device pixel ratio; says whether it
/// changed.
pub(super) fn fit(canvas: &HtmlCanvasElement, css: (f64, f64), dpr: f64) -> bool {
    let w = (css.0 * dpr).round().max(1.0) as u32;
    let h = (css.1 * dpr).round().max(1.0) as u32;
    let changed = canvas.width() != w || canvas.height() != h;
    if changed {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    changed
}

impl Painter {
    pub fn new(page: &Page) -> Painter {
        Painter {
            theme: Theme::light(),
            sizes: None,
            plot_labels: Labels::new(&page.plot.holder),
            loss_labels: Labels::new(&page.loss.holder),
            rate_labels: Labels::new(&page.rate.holder),
            curve: None,
            field: None,
            frame: None,
            loss_frame: None,
            rate_frame: None,
            charts_drawn: None,
            marked: None,
            map_labels: Labels::new(&page.map.chart.holder),
            map_frame: None,
            map_painted: (f64::NEG_INFINITY, None),
            data_labels: Labels::new(&page.data.chart.holder),
            data_frame: None,
            solid: Default::default(),
        }
    }

    /// Reads the colours from the page's CSS (`--descent-<name>`), light or dark as the system
    /// asks, and the device pixel ratio.
    pub fn read_theme(&mut self, root: &HtmlElement) {
        let base = if media("(prefers-color-scheme: dark)") {
            Theme::dark()
        } else {
            Theme::light()
        };
        let style = window()
            .ok()
            .and_then(|w| w.get_computed_style(root).ok().flatten());
        self.theme = Theme {
            dpr: window().map_or(1.0, |w| w.device_pixel_ratio()).max(0.5),
            zoom: self.theme.zoom,
            ..base.with_colors(|name| {
                let v = style
                    .as_ref()?
                    .get_property_value(&format!("--descent-{name}"))
                    .ok()?;
                (!v.trim().is_empty()).then_some(v)
            })
        };
    }

    /// Presenter mode: large type and thick lines. Says whether the drawing must be redone.
    pub fn set_presenter(&mut self, on: bool) -> bool {
        let zoom = if on { PRESENTER_ZOOM } else { 1.0 };
        let changed = self.theme.zoom != zoom;
        self.theme.zoom = zoom;
        changed
    }

    /// The plot changed size: measured again at the next paint.
    pub fn resized(&mut self) {
        self.sizes = None;
    }

    /// The point of the data under a pointer at `offset` (CSS pixels from the plot's corner),
    /// if it is inside the plot.
    pub fn point_at(&self, offset: (f64, f64)) -> Option<[f64; 2]> {
        if self.in_3d() {
            return self.surface_at(offset);
        }
        let frame = self.frame?;
        let px = (offset.0 * self.theme.dpr, offset.1 * self.theme.dpr);
        frame.contains(px).then(|| frame.to_data(px))
    }

    /// The step under a pointer at `offset` (CSS pixels from the loss chart's corner), if it
    /// is inside the chart.
    pub fn step_at(&self, offset: (f64, f64)) -> Option<usize> {
        let frame = self.loss_frame?;
        let px = (offset.0 * self.theme.dpr, offset.1 * self.theme.dpr);
        let step = frame.to_data(px)[0].round();
        (frame.contains(px) && step >= 0.0).then_some(step as usize)
    }

    /// Draws what `dirty` says is out of date, and clears those flags.
    pub fn paint(&mut self, page: &Page, demo: &Demo, dirty: &mut Dirty) -> Res {
        // Browser zoom and moving to another screen change the pixel ratio.
        let dpr = window()?.device_pixel_ratio().max(0.5);
        if dpr != self.theme.dpr {
            self.theme.dpr = dpr;
            *dirty |= Dirty::redraw();
        }
        if dirty.samples {
            self.curve = None;
            self.field = None;
            self.solid.forget();
            dirty.samples = false;
            dirty.plot = true;
        }
        let [plot_css, loss_css, rate_css, map_css, data_css] = match self.sizes {
            Some(sizes) => sizes,
            None => {
                let css = |el: &HtmlElement| {
                    let r = el.get_bounding_client_rect();
                    (r.width(), r.height())
                };
                let sizes = [
                    css(&page.plot.holder),
                    css(&page.loss.holder),
                    css(&page.rate.holder),
                    css(&page.map.chart.holder),
                    css(&page.data.chart.holder),
                ];
                self.sizes = Some(sizes);
                sizes
            }
        };
        if plot_css.0 < 2.0 || plot_css.1 < 2.0 {
            return Ok(());
        }
        if fit(&page.plot.base, plot_css, dpr) | fit(&page.plot.overlay, plot_css, dpr) {
            dirty.plot = true;
            dirty.marks = true;
        }
        let loss_fits =
            fit(&page.loss.base, loss_css, dpr) | fit(&page.loss.overlay, loss_css, dpr);
        if loss_fits | fit(&page.rate.base, rate_css, dpr) | fit(&page.rate.overlay, rate_css, dpr)
        {
            dirty.loss = true;
        }
        // While a map computes, its progress is drawn at most every MAP_REDRAW_MS (a frame
        // that draws it has less time for a slider's change); a new map, and a finished one,
        // at once.
        let now = if dirty.map { super::bench::now() } else { 0.0 };
        let map = demo.map().map(|m| (m.id, m.job.done()));
        let (then, shown) = self.map_painted;
        let progressing =
            map.is_some_and(|(id, done)| !done && Some(id) == shown) && now - then < MAP_REDRAW_MS;
        if dirty.map && !progressing {
            // A basins map is drawn on the plot.
            dirty.plot |= demo.settings().map == "basins";
            self.paint_map(page, demo, map_css)?;
            self.map_painted = (now, map.map(|m| m.0));
            dirty.map = false;
        }
        if dirty.plot {
            let labels = Rc::new(RefCell::new(Vec::new()));
            let theme = self.theme;
            let canvas = &page.plot.base;
            self.frame =
                Some(self.paint_static(demo, canvas, Text::Collect(labels.clone()), &theme)?);
            self.plot_labels.show(&labels.borrow(), dpr)?;
            self.paint_data(page, demo, data_css)?;
            page.show_headings(&demo.headings())?;
            dirty.plot = false;
            dirty.marks = true;
            // The loss chart shares the plot's range of f.
            dirty.loss = true;
        }
        if dirty.marks {
            if let Some(frame) = self.frame {
                clear(&page.plot.overlay)?;
                self.paint_marks(demo, &page.plot.overlay, &frame, &self.theme, true)?;
            }
            self.paint_model(page, demo)?;
            dirty.marks = false;
        }
        self.paint_charts(page, demo, dirty, [loss_css, rate_css])?;
        if dirty.words {
            page.show_words(&demo.words())?;
            dirty.words = false;
        }
        // The table is written only while it is open: a closed one waits (its rows cost far
        // more than a frame's drawing).
        if dirty.table && page.table_open() {
            page.show_table(&demo.table())?;
            dirty.table = false;
        }
        Ok(())
    }

    /// Draws the static layer on `canvas`: axes and the curve, or axes, the field's colours and
    /// its contour lines. Returns where the data sits.
    pub(super) fn paint_static(
        &mut self,
        demo: &Demo,
        canvas: &HtmlCanvasElement,
        text: Text,
        theme: &Theme,
    ) -> Res<Frame> {
        let s = demo.settings();
        let (x, y) = ([s.xmin, s.xmax], [s.ymin, s.ymax]);
        if demo.three_d() {
            return self.paint_surface(demo, canvas, text, theme);
        }
        self.solid.shown = None;
        let f = demo.race().function();
        let area = Canvas2d::new(canvas, text)?.into_drawing_area();
        if demo.dim() > 2 {
            // Each coordinate against the step: the axes span the budget and the run's values.
            (self.curve, self.field) = (None, None);
            let dim = demo.dim();
            let values = demo
                .race()
                .values(|r, out| out.extend_from_slice(&r.x[..dim]));
            return draw_coord_axes(&area, s.steps, value_range(values), theme).map_err(drawing);
        }
        if demo.dim() == 1 {
            self.field = None;
            let samples = Curve::samples(canvas.width());
            let curve = match self.curve.take() {
                Some(c) if c.points.len() == samples => c,
                _ => Curve::sample(f, x, samples),
            };
            let frame = draw_curve(&area, &curve, x, theme).map_err(drawing)?;
            Painter::paint_basins(demo, canvas, &frame, Some(&curve), theme)?;
            self.curve = Some(curve);
            return Ok(frame);
        }
        let frame = draw_plane_axes(&area, x, y, theme).map_err(drawing)?;
        // A fit's loss other than MSE visits every point per cell: a coarser grid, more so
        // while a point is dragged (see `field_cells`).
        let (nx, ny) = Field::grid(frame.rect, theme.dpr, field_cells(demo));
        let field = match self.field.take() {
            Some(fd) if (fd.nx, fd.ny, fd.x, fd.y) == (nx, ny, frame.x, frame.y) => fd,
            _ => Field::sample(f, frame.x, frame.y, nx, ny),
        };
        // The colours: one pixel per grid cell, stretched smoothly over the plot; toned down
        // under a basins map.
        let basins = demo.settings().map == "basins" && demo.map().is_some();
        let alpha = if basins { 0.35 } else { 1.0 };
        super::map::draw_image(canvas, &field.image, (nx, ny), frame.rect, alpha, true)?;
        Painter::paint_basins(demo, canvas, &frame, None, theme)?;
        draw_contours(&area, &frame, &field, theme).map_err(drawing)?;
        self.field = Some(field);
        Ok(frame)
    }

    /// Draws every run's path and ball on `canvas`; `moving`: between steps as the clock says
    /// (else at rest on the step).
    pub(super) fn paint_marks(
        &self,
        demo: &Demo,
        canvas: &HtmlCanvasElement,
        frame: &Frame,
        theme: &Theme,
        moving: bool,
    ) -> Res {
        let p = demo.playback();
        let phase = if moving { p.phase() } else { 0.0 };
        if demo.three_d() {
            return self.paint_marks_3d(demo, canvas, theme, phase);
        }
        let area = Canvas2d::new(canvas, Text::Draw)?.into_drawing_area();
        if demo.dim() > 2 {
            return draw_coords(&area, frame, demo.race(), p.t(), theme).map_err(drawing);
        }
        draw_race(&area, frame, demo.race(), p.t(), phase, theme).map_err(drawing)?;
        match demo.arrows() {
            Some(a) => draw_arrows(&area, frame, &a, theme).map_err(drawing),
            None => Ok(()),
        }
    }
}

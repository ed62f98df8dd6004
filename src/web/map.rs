//! The map's box beside the plot: its title, its chart (a sweep's, or the momentum map; a
//! basins map is drawn on the plot itself), its key and a note; and painting them. The demo
//! computes the map; this only shows it.

use super::backend::Canvas2d;
use super::canvas::Text;
use super::dom::{context, find, make, set_attr, set_class, set_text, show, show_text, Res};
use super::layout::{Chart, Page};
use super::paint::{drawing, Painter};
use crate::demo::{Demo, MapWords};
use crate::maps::Swatch;
use crate::render::{
    draw_band, draw_map_mark, draw_map_progress, draw_rate_map_axes, draw_sweep, map_image, Curve,
    Frame, SweepMarks, Theme,
};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

/// The map's box.
pub struct MapBox {
    pub boxed: HtmlElement,
    title: HtmlElement,
    pub chart: Chart,
    key: HtmlElement,
    note: HtmlElement,
}

impl MapBox {
    /// The map's box in the page's template under `root`.
    pub fn find(root: &Element) -> MapBox {
        let boxed: HtmlElement = find(root, ".descent-map");
        let title = find(&boxed, "h3");
        let chart = Chart::find(
            &boxed,
            ".descent-map-chart",
            ".descent-map-base",
            ".descent-map-overlay",
        );
        let key = find(&boxed, "ul");
        let note = find(&boxed, ".descent-map-note");
        MapBox {
            boxed,
            title,
            chart,
            key,
            note,
        }
    }

    /// Shows the map's words (hidden without a map): the title, the key's swatches and lines,
    /// the note, and whether it is still being computed.
    pub fn show(
        &self,
        root: &HtmlElement,
        words: Option<&MapWords>,
        charted: bool,
        theme: &Theme,
    ) -> Res {
        let Some(w) = words else {
            show(&self.boxed, false);
            set_class(root, "descent-mapped", false);
            return Ok(());
        };
        show(&self.boxed, true);
        let charted = charted && w.progress.1 > 0;
        set_class(root, "descent-mapped", charted);
        show(&self.chart.holder, charted);
        set_text(&self.title, w.title);
        let busy = w.progress.0 < w.progress.1;
        set_attr(
            &self.boxed,
            "aria-busy",
            if busy { "true" } else { "false" },
        );
        super::dom::attr(&self.chart.holder, "aria-label", w.title);
        show_text(&self.note, w.note.as_deref());
        let key = &self.key;
        while key.child_element_count() as usize > w.key.len() {
            if let Some(last) = key.last_element_child() {
                last.remove();
            }
        }
        let mut next = key.first_element_child();
        for (swatch, text) in &w.key {
            let item: Element = match next {
                Some(item) => item,
                None => {
                    let item: Element = make("li", "");
                    let mark: HtmlElement = make("span", "descent-map-swatch");
                    super::dom::append(&item, &[&mark]);
                    let words: Element = make("span", "");
                    super::dom::append(&item, &[&words]);
                    super::dom::append(key, &[&item]);
                    item
                }
            };
            next = item.next_element_sibling();
            let (Some(mark), Some(words)) = (item.first_element_child(), item.last_element_child())
            else {
                continue;
            };
            let kind = match swatch {
                Some(Swatch::Basin(_)) => "basin",
                Some(Swatch::Unsettled) => "unsettled",
                Some(Swatch::Elsewhere) => "elsewhere",
                Some(Swatch::Diverged) => "diverged",
                Some(Swatch::Hole) => "hole",
                None => "none",
            };
            super::dom::attr(&mark, "data-kind", kind);
            if let (Some(m), Some(s)) = (mark.dyn_ref::<HtmlElement>(), swatch) {
                let c = theme.swatch(*s);
                let css = super::canvas::color(plotters_backend::BackendColor {
                    alpha: 1.0,
                    rgb: (c.0, c.1, c.2),
                });
                m.style().set_property("background-color", &css)?;
            }
            set_text(&words, text);
        }
        Ok(())
    }
}

/// Draws an RGBA `image` of `w` × `h` cells over `rect` (device pixels) of `canvas` at
/// `alpha`: stretched smoothly, or with `smooth` off each cell a crisp block.
pub fn draw_image(
    canvas: &HtmlCanvasElement,
    image: &[u8],
    (w, h): (usize, usize),
    rect: [f64; 4],
    alpha: f64,
    smooth: bool,
) -> Res {
    let data = web_sys::ImageData::new_with_u8_clamped_array_and_sh(
        wasm_bindgen::Clamped(image),
        w as u32,
        h as u32,
    )?;
    let cells: HtmlCanvasElement = make("canvas", "");
    cells.set_width(w as u32);
    cells.set_height(h as u32);
    context(&cells)?.put_image_data(&data, 0.0, 0.0)?;
    let ctx = context(canvas)?;
    ctx.set_global_alpha(alpha);
    ctx.set_image_smoothing_enabled(smooth);
    let [l, t, r, b] = rect;
    ctx.draw_image_with_html_canvas_element_and_dw_and_dh(&cells, l, t, r - l, b - t)?;
    ctx.set_global_alpha(1.0);
    ctx.set_image_smoothing_enabled(true);
    Ok(())
}

/// Where the image of a grid of `size` cells whose centres run evenly from `x[0]` to `x[1]`
/// and `y[0]` to `y[1]` (ends included) sits on `frame`, in device pixels: half a cell past
/// the end centres on every side.
fn cells_rect(frame: &Frame, x: [f64; 2], y: [f64; 2], (nx, ny): (usize, usize)) -> [f64; 4] {
    let half = |r: [f64; 2], n: usize| (r[1] - r[0]) / (2.0 * (n.max(2) - 1) as f64);
    let (hx, hy) = (half(x, nx), if ny > 1 { half(y, ny) } else { 0.0 });
    let (l, t) = frame.to_px([x[0] - hx, y[1] + hy]);
    let (r, b) = frame.to_px([x[1] + hx, y[0] - hy]);
    [l, t, r, b]
}

impl Painter {
    /// A basins map drawn on the plot: under the curve in 1-D, over the plane in 2-D (the
    /// field beneath toned down), and its progress line.
    pub(super) fn paint_basins(
        demo: &Demo,
        canvas: &HtmlCanvasElement,
        frame: &Frame,
        curve: Option<&Curve>,
        theme: &Theme,
    ) -> Res {
        let Some(m) = demo.map().filter(|_| demo.settings().map == "basins") else {
            return Ok(());
        };
        let image = map_image(&m.job, &m.which, demo.settings().steps, theme);
        let area = Canvas2d::new(canvas, Text::Draw)?.into_drawing_area();
        match curve {
            Some(curve) => draw_band(&area, frame, curve, &image).map_err(drawing)?,
            None => {
                let s = demo.settings();
                let rect = cells_rect(frame, [s.xmin, s.xmax], [s.ymin, s.ymax], m.job.size());
                draw_image(canvas, &image, m.job.size(), rect, 0.8, false)?;
            }
        }
        draw_map_progress(&area, frame, m.job.progress(), theme).map_err(drawing)
    }

    /// The map's own chart (a sweep, or the momentum map) and its key; a basins map's key.
    /// `css`: the chart's size, as last measured (nothing while its box was hidden: showing it
    /// resizes it, and the resize draws it).
    pub(super) fn paint_map(&mut self, page: &Page, demo: &Demo, css: (f64, f64)) -> Res {
        let s = demo.settings();
        let charted = matches!(s.map, "sweep" | "phase");
        let words = demo.map_words();
        page.map
            .show(&page.root, words.as_ref(), charted, &self.theme)?;
        let Some(m) = demo.map() else {
            return Ok(());
        };
        let canvas = &page.map.chart.base;
        if !charted || css.0 < 2.0 || css.1 < 2.0 {
            return Ok(());
        }
        super::paint::fit(canvas, css, self.theme.dpr);
        super::paint::fit(&page.map.chart.overlay, css, self.theme.dpr);
        let labels = Rc::new(RefCell::new(Vec::new()));
        let area = Canvas2d::new(canvas, Text::Collect(labels.clone()))?.into_drawing_area();
        let theme = &self.theme;
        let lr = crate::settings::param("lr").map_or([1e-5, 10.0], |p| p.slider_range(s));
        let frame = if s.map == "sweep" {
            let first = demo.race().lanes().first().and_then(|l| l.rows().first());
            let marks = SweepMarks {
                lr: s.lr,
                edge: demo.map_edge().map(|e| e.0),
                f0: first.map_or(f64::NAN, |r| r.f),
            };
            draw_sweep(&area, &m.job, &m.which, marks, lr, theme).map_err(drawing)?
        } else {
            let beta = crate::settings::param("momentum").map_or([0.0, 1.0], |p| p.slider_range(s));
            let frame = draw_rate_map_axes(&area, lr, beta, theme).map_err(drawing)?;
            let image = map_image(&m.job, &m.which, s.steps, theme);
            let rect = cells_rect(&frame, [lr[0].log10(), lr[1].log10()], beta, m.job.size());
            draw_image(canvas, &image, m.job.size(), rect, 1.0, true)?;
            draw_map_mark(&area, &frame, [s.lr.log10(), s.momentum], theme).map_err(drawing)?;
            frame
        };
        draw_map_progress(&area, &frame, m.job.progress(), theme).map_err(drawing)?;
        self.map_labels.show(&labels.borrow(), theme.dpr)?;
        self.map_frame = Some(frame);
        Ok(())
    }

    /// The rate (and momentum) under a pointer at `offset` (CSS pixels) on the map's chart.
    pub fn map_at(&self, offset: (f64, f64)) -> Option<[f64; 2]> {
        let frame = self.map_frame?;
        let px = (offset.0 * self.theme.dpr, offset.1 * self.theme.dpr);
        let [u, v] = frame.to_data(frame.clamp(px));
        frame.contains(px).then(|| [10f64.powf(u), v])
    }
}

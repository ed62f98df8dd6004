//! The elements of one demo: the stage (formula, caption, messages, the plot, the playback
//! buttons, the status and the loss chart) beside the control panel. Built once, when the demo
//! mounts; [`super::text`] writes the words into them and [`super::paint`] draws on the
//! canvases.

use super::controls::Controls;
use super::dom::{append, make, style, text_el, Res};
use super::explain::Explain;
use super::share::Share;
use crate::settings::{Control, Settings};
use wasm_bindgen::JsValue;
use web_sys::{HtmlCanvasElement, HtmlElement};

/// A chart: its box and its two layers, the static one below (redrawn when the function, the
/// size or the theme change) and the moving one above (redrawn as the balls move).
pub struct Chart {
    pub holder: HtmlElement,
    pub base: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
}

impl Chart {
    /// A chart in a box of class `holder`, its layers of classes `base` and `overlay`.
    pub(super) fn build(holder: &str, base: &str, overlay: &str) -> Chart {
        let holder: HtmlElement = make("div", holder);
        let base: HtmlCanvasElement = make("canvas", base);
        let overlay: HtmlCanvasElement = make("canvas", overlay);
        // The static layer is opaque: cheaper to draw over and to composite.
        for (c, opaque) in [(&base, true), (&overlay, false)] {
            let options = js_sys::Object::new();
            // (Asked once, with its options: painting reports a canvas without a context.)
            let _ = js_sys::Reflect::set(&options, &"alpha".into(), &JsValue::from_bool(!opaque));
            let _ = c.get_context_with_context_options("2d", &options);
        }
        // The layers stack over the box and never size it, even without the stylesheet
        // (otherwise a canvas sized to its box would grow the box, frame after frame).
        style(&holder, "position", "relative");
        for c in [&base, &overlay] {
            for (name, value) in [
                ("position", "absolute"),
                ("inset", "0"),
                ("width", "100%"),
                ("height", "100%"),
            ] {
                style(c, name, value);
            }
            super::dom::append(&holder, &[c]);
        }
        Chart {
            holder,
            base,
            overlay,
        }
    }
}

/// Every element of a demo that changes after it mounts.
pub struct Page {
    pub root: HtmlElement,
    /// "f(x) = x²".
    pub formula: HtmlElement,
    /// The lesson's caption.
    pub caption: HtmlElement,
    /// The settings a link or the attributes asked for that could not be used.
    pub notice: HtmlElement,
    /// What went wrong with the last change (`role="alert"`).
    pub error: HtmlElement,
    pub plot: Chart,
    /// The map of many runs, beside the plot.
    pub map: super::map::MapBox,
    /// A fit's data, beside the plot.
    pub data: super::data::DataBox,
    /// A race's legend.
    pub legend: HtmlElement,
    pub status: HtmlElement,
    /// Why the runs stopped, or the keys.
    pub reason: HtmlElement,
    /// The loss chart's title, which names f(x) or f(x, y).
    pub loss_title: HtmlElement,
    pub loss: Chart,
    /// The chart of the learning rate at each step, beside the loss chart.
    pub rate: Chart,
    pub controls: Controls,
    /// Explain mode's panel, the goal, the Step scrubber and the read-out.
    pub explain: Explain,
    /// Sharing and export, for the full demo only.
    pub share: Option<Share>,
}

impl Page {
    /// Builds the demo's elements inside `root`, replacing what it held.
    pub fn build(root: &HtmlElement, settings: &Settings) -> Res<Page> {
        super::dom::set_class(root, "descent", true);
        super::dom::attr(root, "data-descent-mounted", "");
        // Each demo is a region named for its function (or its title), so that several on
        // one page are told apart.
        super::dom::attr(root, "role", "region");
        root.set_text_content(None);

        let stage: HtmlElement = make("div", "descent-stage");
        let formula: HtmlElement = make("p", "descent-formula");
        let caption: HtmlElement = make("p", "descent-caption");
        super::dom::attr(&caption, "aria-live", "polite");
        caption.set_hidden(true);
        let notice: HtmlElement = make("p", "descent-notice");
        super::dom::attr(&notice, "role", "status");
        notice.set_hidden(true);
        let error: HtmlElement = make("p", "descent-error");
        super::dom::attr(&error, "role", "alert");
        error.set_hidden(true);
        let plot = Chart::build("descent-plot", "descent-base", "descent-overlay");
        super::dom::attr(&plot.base, "aria-hidden", "true");
        super::dom::attr(&plot.overlay, "role", "img");
        // Focusable, for the keys (Shift and the arrows turn the 3-D view).
        super::dom::attr(&plot.overlay, "tabindex", "0");
        let loss_title: HtmlElement = text_el("p", "descent-loss-title", "f(x) at each step");
        super::dom::attr(&loss_title, "aria-hidden", "true");
        let loss = Chart::build("descent-loss", "descent-loss-base", "descent-loss-overlay");
        super::dom::attr(&loss.holder, "role", "img");
        super::dom::attr(&loss.holder, "aria-label", "Chart of f(x) at each step");
        let rate_title: HtmlElement = text_el("p", "descent-loss-title", "η at each step");
        super::dom::attr(&rate_title, "aria-hidden", "true");
        let rate = Chart::build("descent-rate", "descent-rate-base", "descent-rate-overlay");
        super::dom::attr(&rate.holder, "role", "img");
        super::dom::attr(
            &rate.holder,
            "aria-label",
            "Chart of the learning rate η at each step",
        );
        // The two small charts side by side, each under its title.
        let loss_box: HtmlElement = make("div", "descent-chart");
        append(&loss_box, &[&loss_title, &loss.holder]);
        let rate_box: HtmlElement = make("div", "descent-chart descent-chart-rate");
        append(&rate_box, &[&rate_title, &rate.holder]);
        let charts: HtmlElement = make("div", "descent-charts");
        append(&charts, &[&loss_box, &rate_box]);
        let status: HtmlElement = make("p", "descent-status");
        super::dom::attr(&status, "role", "status");
        super::dom::attr(&status, "aria-live", "polite");
        let reason: HtmlElement = make("p", "descent-reason");
        let explain = Explain::build();
        let map = super::map::MapBox::build();
        let data = super::data::DataBox::build();
        // The plot and, beside it (below it on a phone), a fit's data and the map's box.
        let views: HtmlElement = make("div", "descent-views");
        append(&views, &[&plot.holder, &data.boxed, &map.boxed]);
        let legend: HtmlElement = make("ul", "descent-legend");
        super::dom::attr(&legend, "aria-label", "Race");
        legend.set_hidden(true);
        let controls = Controls::build(settings, |p| {
            p.control != Control::Hidden && settings.shows(p.key)
        })?;
        append(
            &stage,
            &[
                &notice,
                &formula,
                &caption,
                &error,
                &explain.goal,
                &views,
                &controls.toolbar,
                &legend,
                &status,
                &reason,
                &explain.panel,
                &charts,
                &explain.readout,
                explain.said(),
            ],
        );
        let turn = super::controls::button(
            "view-reset",
            "Reset view",
            "Turn the 3-D view back to its first angle",
        );
        super::dom::append(&controls.toolbar, &[&turn, &explain.scrub]);
        let layout: HtmlElement = make("div", "descent-layout");
        append(&layout, &[&stage, &controls.panel]);
        super::dom::append(root, &[&layout]);
        // The full demo shares and exports; a demo restricted to a few controls does not.
        let share = if settings.controls.trim().is_empty() {
            let share = Share::build();
            super::dom::append(&controls.panel, &[&share.row]);
            Some(share)
        } else {
            None
        };
        Ok(Page {
            root: root.clone(),
            formula,
            caption,
            notice,
            error,
            plot,
            map,
            data,
            legend,
            status,
            reason,
            loss_title,
            loss,
            rate,
            controls,
            explain,
            share,
        })
    }
}

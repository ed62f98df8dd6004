//! The elements of one demo: the stage (formula, caption, messages, the plot, the playback
//! buttons, the status and the loss chart) beside the control panel. Built once, when the demo
//! mounts, from the page's template ([`super::skeleton`]) and the parameter table; [`super::text`] writes the words into them and [`super::paint`] draws on the
//! canvases.

use super::controls::Controls;
use super::dom::{find, style, Res};
use super::explain::Explain;
use super::share::Share;
use crate::settings::{Control, Settings};
use wasm_bindgen::JsValue;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

/// A chart: its box and its two layers, the static one below (redrawn when the function, the
/// size or the theme change) and the moving one above (redrawn as the balls move).
pub struct Chart {
    pub holder: HtmlElement,
    pub base: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
}

impl Chart {
    /// The chart under `root` in the box `holder`, its layers `base` and `overlay` (selectors
    /// of the page's template).
    pub(super) fn find(root: &Element, holder: &str, base: &str, overlay: &str) -> Chart {
        let holder: HtmlElement = find(root, holder);
        let base: HtmlCanvasElement = find(&holder, base);
        let overlay: HtmlCanvasElement = find(&holder, overlay);
        // The static layer is opaque: cheaper to draw over and to composite.
        for (c, opaque) in [(&base, true), (&overlay, false)] {
            let options = js_sys::Object::new();
            // (Asked once, with its options: painting reports a canvas without a context.)
            let _ = js_sys::Reflect::set(&options, &"alpha".into(), &JsValue::from_bool(!opaque));
            let _ = c.get_context_with_context_options("2d", &options);
        }
        // The layers stack over the box and never size it, even without the stylesheet
        // (otherwise a canvas sized to its box would grow the box, frame after frame). Set
        // through the CSSOM: the strict Content-Security-Policy forbids style attributes.
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
    /// Builds the demo's elements inside `root`, replacing what it held: the fixed ones from
    /// the template ([`super::skeleton`]), then the controls.
    pub fn build(root: &HtmlElement, settings: &Settings) -> Res<Page> {
        super::dom::set_class(root, "descent", true);
        super::dom::attr(root, "data-descent-mounted", "");
        // Each demo is a region named for its function (or its title), so that several on
        // one page are told apart.
        super::dom::attr(root, "role", "region");
        root.set_inner_html(super::skeleton::SKELETON);
        let plot = Chart::find(root, ".descent-plot", ".descent-base", ".descent-overlay");
        let loss = Chart::find(
            root,
            ".descent-loss",
            ".descent-loss-base",
            ".descent-loss-overlay",
        );
        let rate = Chart::find(
            root,
            ".descent-rate",
            ".descent-rate-base",
            ".descent-rate-overlay",
        );
        let explain = Explain::find(root);
        let map = super::map::MapBox::find(root);
        let data = super::data::DataBox::find(root);
        let controls = Controls::build(root, settings, |p| {
            p.control != Control::Hidden && settings.shows(p.key)
        })?;
        // The full demo shares and exports; a demo restricted to a few controls does not.
        let share = if settings.controls.trim().is_empty() {
            Some(Share::find(root))
        } else {
            find::<Element>(root, ".descent-share").remove();
            None
        };
        let formula = find(root, ".descent-formula");
        let caption = find(root, ".descent-caption");
        let notice = find(root, ".descent-notice");
        let error = find(root, ".descent-error");
        let legend = find(root, ".descent-legend");
        let status = find(root, ".descent-status");
        let reason = find(root, ".descent-reason");
        let loss_title = find(root, ".descent-loss-title");
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

//! The elements of Explain mode and challenges: the goal above the plot, the This step panel
//! (the update written out, the arrows' key, the stability gauge), the Step scrubber and the
//! read-out under the pointer. Found once in the page's template; [`Explain::show`] writes the demo's
//! words into them.

use super::dom::{find, set_attr, set_class, set_text, show, show_text, Res};
use crate::demo::Words;
use crate::fmt::float;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub struct Explain {
    /// "Reach f ≤ V within N steps", above the plot.
    pub goal: HtmlElement,
    pub panel: HtmlElement,
    title: HtmlElement,
    lines: HtmlElement,
    /// The key's entries: the carried velocity's (momentum methods only) and the full batch's
    /// (a fit's mini-batch steps only) come and go.
    keys: Vec<HtmlElement>,
    meter: HtmlElement,
    gauge: HtmlElement,
    /// The Step scrubber.
    slider: HtmlInputElement,
    /// What lies under the pointer, shown as it moves.
    pub readout: HtmlElement,
    /// The same, said politely to a screen reader, at most every [`SAY_EVERY_MS`].
    said: HtmlElement,
    /// When `said` last changed (ms).
    said_at: std::cell::Cell<f64>,
}

/// A screen reader hears the read-out at most this often while the pointer moves (each pixel
/// would queue another sentence).
const SAY_EVERY_MS: f64 = 700.0;

impl Explain {
    /// Its elements in the page's template under `root`.
    pub fn find(root: &Element) -> Explain {
        let goal = find(root, ".descent-goal");
        let panel: HtmlElement = find(root, ".descent-explain");
        let title: HtmlElement = find(&panel, "h2");
        title.set_id(&super::dom::unique_id("step"));
        super::dom::attr(&panel, "aria-labelledby", &title.id());
        let lines = find(&panel, ".descent-explain-lines");
        let keys = match panel.query_selector_all("li") {
            Ok(items) => (0..items.length())
                .filter_map(|k| items.item(k))
                .map(|item| item.unchecked_into())
                .collect(),
            Err(_) => Vec::new(),
        };
        let meter = find(&panel, "meter");
        let gauge = find(&panel, ".descent-gauge-words");
        let slider = find(root, ".descent-scrub input");
        let readout = find(root, ".descent-readout");
        let said = find(root, ".descent-said");
        Explain {
            goal,
            panel,
            title,
            lines,
            keys,
            meter,
            gauge,
            slider,
            readout,
            said,
            said_at: std::cell::Cell::new(f64::NEG_INFINITY),
        }
    }

    /// The goal, the panel and the scrubber's position.
    pub fn show(&self, w: &Words) -> Res {
        show_text(&self.goal, w.goal.as_deref());
        match &w.explained {
            Some(e) => {
                set_text(&self.title, &e.title);
                set_text(&self.lines, &crate::fmt::join(&e.lines, "\n"));
                for (k, on) in [(1, e.carried), (3, e.sampled)] {
                    if let Some(item) = self.keys.get(k) {
                        show(item, on);
                    }
                }
                let limit = e
                    .gauge
                    .as_ref()
                    .and_then(|g| g.limit.filter(|_| g.value.is_finite()));
                match &e.gauge {
                    Some(g) => {
                        set_text(&self.gauge, &g.words);
                        set_class(
                            &self.gauge,
                            "descent-warn",
                            limit.is_some_and(|l| g.value > l),
                        );
                    }
                    None => set_text(&self.gauge, ""),
                }
                // The meter runs from 0 to twice the method's limit, turning at the limit.
                if let (Some(l), Some(g)) = (limit, &e.gauge) {
                    set_attr(&self.meter, "max", &float(2.0 * l));
                    set_attr(&self.meter, "low", &float(l * 0.9999));
                    set_attr(&self.meter, "high", &float(l));
                    set_attr(
                        &self.meter,
                        "value",
                        &float(crate::within(g.value, 0.0, 2.0 * l)),
                    );
                    set_attr(
                        &self.meter,
                        "aria-label",
                        &format!("η·f″ against the limit {}", crate::fmt::brief(l)),
                    );
                }
                show(&self.meter, limit.is_some());
                show(&self.panel, true);
            }
            None => show(&self.panel, false),
        }
        let (t, steps) = w.at;
        set_attr(&self.slider, "max", &steps.to_string());
        let at = t.to_string();
        if self.slider.value() != at {
            self.slider.set_value(&at);
        }
        set_attr(
            &self.slider,
            "aria-valuetext",
            &format!("step {t} of {steps}"),
        );
        Ok(())
    }

    /// Shows what lies under the pointer (`None`: nothing, the pointer left), and says it to a
    /// screen reader when it last spoke long enough ago, at `now` ms.
    pub fn read_out(&self, text: Option<&str>, now: f64) {
        let text = text.unwrap_or("");
        set_text(&self.readout, text);
        if text.is_empty() || now - self.said_at.get() >= SAY_EVERY_MS {
            set_text(&self.said, text);
            self.said_at.set(now);
        }
    }
}

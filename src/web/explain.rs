//! The elements of Explain mode and challenges: the goal above the plot, the This step panel
//! (the update written out, the arrows' key, the stability gauge), the Step scrubber and the
//! read-out under the pointer. Built once; [`Explain::show`] writes the demo's words into them.

use super::dom::{append, make, set_attr, set_class, set_text, show, show_text, text_el, Res};
use crate::demo::Words;
use crate::fmt::float;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// The arrows' colours (CSS classes) and names, as the key lists them.
const ARROWS: [(&str, &str); 4] = [
    ("grad", "gradient step −η·∇f"),
    ("carried", "carried velocity"),
    ("step", "step taken"),
    ("full", "the step all the points would take"),
];

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
    /// The Step scrubber and its box.
    pub scrub: HtmlElement,
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
    pub fn build() -> Explain {
        let goal: HtmlElement = make("p", "descent-goal");
        goal.set_hidden(true);
        let panel: HtmlElement = make("section", "descent-explain");
        let title: HtmlElement = text_el("h2", "descent-explain-title", "This step");
        title.set_id(&super::dom::unique_id("step"));
        super::dom::attr(&panel, "aria-labelledby", &title.id());
        let lines: HtmlElement = make("p", "descent-explain-lines");
        let key: Element = make("ul", "descent-arrow-key");
        super::dom::attr(&key, "aria-label", "Arrows on the plot");
        let mut keys = Vec::new();
        for (class, name) in ARROWS {
            let item: HtmlElement = text_el("li", &format!("descent-arrow-{class}"), name);
            super::dom::append(&key, &[&item]);
            keys.push(item);
        }
        let meter: HtmlElement = make("meter", "descent-gauge");
        for (k, v) in [
            ("min", "0"),
            ("max", "4"),
            ("low", "1.999"),
            ("high", "2"),
            ("optimum", "0"),
        ] {
            super::dom::attr(&meter, k, v);
        }
        super::dom::attr(&meter, "aria-label", "η·f″ against the limit 2");
        let gauge: HtmlElement = make("p", "descent-gauge-words");
        append(&panel, &[&title, &lines, &key, &meter, &gauge]);
        panel.set_hidden(true);

        let scrub: HtmlElement = make("label", "descent-scrub");
        let slider: HtmlInputElement = make("input", "descent-slider");
        slider.set_type("range");
        super::dom::attr(&slider, "data-key", "seek");
        slider.set_min("0");
        let name: Element = text_el("span", "", "Step");
        append(&scrub, &[&name, &slider]);

        let readout: HtmlElement = make("p", "descent-readout");
        super::dom::attr(&readout, "aria-hidden", "true");
        let said: HtmlElement = make("p", "descent-said");
        super::dom::attr(&said, "aria-live", "polite");
        Explain {
            goal,
            panel,
            title,
            lines,
            keys,
            meter,
            gauge,
            scrub,
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

    /// The read-out's spoken twin, placed after it.
    pub fn said(&self) -> &HtmlElement {
        &self.said
    }
}

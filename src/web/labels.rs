//! A chart's axis labels, shown as HTML text over its canvas: crisp, selectable, and free when
//! they did not change (text drawn on a canvas is the slowest thing a redraw does).

use super::canvas::Label;
use super::dom::{make, set_text, show, Res};
use crate::fmt::float;
use web_sys::HtmlElement;

/// The labels over one chart.
pub struct Labels {
    holder: HtmlElement,
    spans: Vec<(HtmlElement, Option<Label>)>,
}

impl Labels {
    pub fn new(parent: &HtmlElement) -> Labels {
        let holder: HtmlElement = make("div", "descent-ticks");
        super::dom::attr(&holder, "aria-hidden", "true");
        super::dom::append(parent, &[&holder]);
        Labels {
            holder,
            spans: Vec::new(),
        }
    }

    /// Shows `labels` (positions in device pixels), touching only what changed.
    pub fn show(&mut self, labels: &[Label], dpr: f64) -> Res {
        while self.spans.len() < labels.len() {
            let span: HtmlElement = make("span", "descent-tick");
            super::dom::append(&self.holder, &[&span]);
            self.spans.push((span, None));
        }
        for (k, (span, shown)) in self.spans.iter_mut().enumerate() {
            let Some(label) = labels.get(k) else {
                show(span, false);
                *shown = None;
                continue;
            };
            if shown.as_ref() == Some(label) {
                continue;
            }
            show(span, true);
            set_text(span, &label.text);
            let style = span.style();
            let px = |v: f64| format!("{}px", float((v / dpr * 10.0).round() / 10.0));
            for (name, v) in [
                ("left", label.x),
                ("top", label.y),
                ("font-size", label.size),
            ] {
                let _ = style.set_property(name, &px(v));
            }
            let (h, v) = label.shift;
            let _ = style.set_property("transform", &format!("translate({h}%, {v}%)"));
            *shown = Some(label.clone());
        }
        Ok(())
    }
}

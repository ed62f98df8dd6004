//! Puts the demo's words in place: the headings, the status and the line under it, the legend,
//! the caption and the messages, and the trace table. Every sentence comes from the demo core;
//! this file only writes text (never HTML) into the page's elements.

use super::dom::{append, make, set_attr, set_class, set_text, show, show_text, text_el, Res};
use super::layout::Page;
use crate::demo::{Headings, Words};
use crate::words::page::TraceTable;
use web_sys::{Element, HtmlElement};

impl Page {
    /// The titles that follow the function, and the controls of y for a plane.
    pub fn show_headings(&self, h: &Headings) -> Res {
        set_class(&self.root, "descent-2d", h.plane)?;
        set_text(&self.formula, &h.formula);
        set_text(&self.loss_title, &h.loss);
        set_attr(
            &self.loss.holder,
            "aria-label",
            &format!("Chart of {}", h.loss),
        )?;
        if let Some(f) = self.controls.field("f") {
            set_text(&f.label, &h.input);
        }
        Ok(())
    }

    /// The words that follow the balls.
    pub fn show_words(&self, w: &Words) -> Res {
        set_text(&self.status, &w.status);
        // While playing, the live region stays quiet; it speaks when the balls rest.
        set_attr(
            &self.status,
            "aria-live",
            if w.live { "polite" } else { "off" },
        )?;
        set_text(&self.reason, &w.reason);
        set_class(&self.reason, "descent-done", w.done)?;
        set_attr(&self.plot.overlay, "aria-label", &w.plot)?;
        let play = &self.controls.play;
        set_text(play, if w.playing { "Pause" } else { "Play" });
        set_attr(
            play,
            "aria-pressed",
            if w.playing { "true" } else { "false" },
        )?;
        show_text(&self.caption, w.caption.as_deref());
        show_text(&self.notice, w.notice.as_deref());
        show_text(&self.error, w.error.as_deref());
        show_text(&self.controls.alert, w.alert.as_deref());
        if let Some(input) = self.controls.field("f").and_then(|f| f.input.as_ref()) {
            match w.alert {
                Some(_) => set_attr(input, "aria-invalid", "true")?,
                None if input.has_attribute("aria-invalid") => {
                    input.remove_attribute("aria-invalid")?
                }
                None => {}
            }
        }
        match &w.legend {
            Some(items) => self.show_legend(items)?,
            None => show(&self.legend, false),
        }
        Ok(())
    }

    /// The race's legend: a swatch (from the stylesheet, by method) and a line per method.
    fn show_legend(&self, items: &[(&'static str, String)]) -> Res {
        let legend = &self.legend;
        while legend.child_element_count() as usize > items.len() {
            if let Some(last) = legend.last_element_child() {
                last.remove();
            }
        }
        // The items there are reused in order; missing ones are added at the end.
        let mut next = legend.first_element_child();
        for (key, text) in items {
            let item = match next.take() {
                Some(item) => {
                    next = item.next_element_sibling();
                    item
                }
                None => {
                    let item: Element = make("li", "descent-legend-item")?;
                    legend.append_child(&item)?;
                    item
                }
            };
            set_attr(&item, "data-method", key)?;
            set_text(&item, text);
        }
        show(legend, true);
        Ok(())
    }

    /// Whether the trace table is open (a closed one is filled when it opens).
    pub fn table_open(&self) -> bool {
        self.controls.trace.open()
    }

    /// The trace table.
    pub fn show_table(&self, t: &TraceTable) -> Res {
        let table: &HtmlElement = &self.controls.table;
        table.set_text_content(None);
        if let Some(caption) = &t.caption {
            let note: Element = text_el("caption", "", caption)?;
            table.append_child(&note)?;
        }
        let head: Element = make("thead", "")?;
        let tr: Element = make("tr", "")?;
        for h in &t.heads {
            let th: Element = text_el("th", "", h)?;
            th.set_attribute("scope", "col")?;
            tr.append_child(&th)?;
        }
        head.append_child(&tr)?;
        let body: Element = make("tbody", "")?;
        for row in &t.rows {
            let tr: Element = make("tr", "")?;
            for c in row {
                let td: Element = text_el("td", "", c)?;
                tr.append_child(&td)?;
            }
            body.append_child(&tr)?;
        }
        append(table, &[&head, &body])
    }
}

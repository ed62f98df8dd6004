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
        set_class(&self.root, "descent-2d", h.plane);
        set_class(&self.root, "descent-3d", h.solid);
        let name = match self.root.get_attribute("data-title") {
            Some(title) if !title.trim().is_empty() => title,
            _ => format!("Gradient descent on {}", h.formula),
        };
        set_attr(&self.root, "aria-label", &name);
        set_text(&self.formula, &h.formula);
        set_text(&self.loss_title, &h.loss);
        set_attr(
            &self.loss.holder,
            "aria-label",
            &format!("Chart of {}", h.loss),
        );
        for (key, label) in [("f", &h.input), ("x0", &h.starts[0]), ("y0", &h.starts[1])] {
            if let Some(f) = self.controls.field(key) {
                set_text(&f.label, label);
            }
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
        );
        // Why the runs stopped is the lesson: said politely when they do (the keys, shown
        // while the balls can move, are not).
        set_attr(
            &self.reason,
            "aria-live",
            if w.done { "polite" } else { "off" },
        );
        set_text(&self.reason, &w.reason);
        set_class(&self.reason, "descent-done", w.done);
        self.explain.show(w)?;
        set_attr(&self.plot.overlay, "aria-label", &w.plot);
        // The label says what a press does; no aria-pressed besides ("Pause, pressed").
        set_text(
            &self.controls.play,
            if w.playing { "Pause" } else { "Play" },
        );
        show_text(&self.caption, w.caption.as_deref());
        show_text(&self.notice, w.notice.as_deref());
        show_text(&self.error, w.error.as_deref());
        show_text(&self.controls.alert, w.alert.as_deref());
        if let Some(input) = self.controls.field("f").and_then(|f| f.input.as_ref()) {
            match w.alert {
                Some(_) => set_attr(input, "aria-invalid", "true"),
                None if input.has_attribute("aria-invalid") => {
                    input.remove_attribute("aria-invalid")?
                }
                None => {}
            }
        }
        match &w.legend {
            Some(items) => self.show_legend(items, w.explained.as_ref().map(|_| w.picked))?,
            None => show(&self.legend, false),
        }
        Ok(())
    }

    /// The race's legend: a swatch (from the stylesheet, by method) and a line per method. With
    /// Explain on, each line is a button that picks the method explained (`picked`).
    fn show_legend(&self, items: &[(&'static str, String)], picked: Option<usize>) -> Res {
        let legend = &self.legend;
        while legend.child_element_count() as usize > items.len() {
            if let Some(last) = legend.last_element_child() {
                last.remove();
            }
        }
        // The items there are reused in order; missing ones are added at the end.
        let mut next = legend.first_element_child();
        for (i, (key, text)) in items.iter().enumerate() {
            let item = match next.take() {
                Some(item) => {
                    next = item.next_element_sibling();
                    item
                }
                None => {
                    let item: Element = make("li", "descent-legend-item");
                    super::dom::append(legend, &[&item]);
                    item
                }
            };
            set_attr(&item, "data-method", key);
            match picked {
                Some(p) => {
                    let pick = match item.first_element_child() {
                        Some(b) => b,
                        None => {
                            item.set_text_content(None);
                            let b: Element = make("button", "descent-pick");
                            super::dom::attr(&b, "type", "button");
                            super::dom::attr(&b, "data-action", "pick");
                            super::dom::append(&item, &[&b]);
                            b
                        }
                    };
                    set_attr(&pick, "data-lane", &i.to_string());
                    set_attr(&pick, "aria-pressed", if i == p { "true" } else { "false" });
                    set_text(&pick, text);
                }
                None => set_text(&item, text),
            }
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
            let note: Element = text_el("caption", "", caption);
            super::dom::append(table, &[&note]);
        }
        let head: Element = make("thead", "");
        let tr: Element = make("tr", "");
        for h in &t.heads {
            let th: Element = text_el("th", "", h);
            super::dom::attr(&th, "scope", "col");
            super::dom::append(&tr, &[&th]);
        }
        super::dom::append(&head, &[&tr]);
        let body: Element = make("tbody", "");
        for row in &t.rows {
            let tr: Element = make("tr", "");
            for c in row {
                let td: Element = text_el("td", "", c);
                super::dom::append(&tr, &[&td]);
            }
            super::dom::append(&body, &[&tr]);
        }
        append(table, &[&head, &body]);
        Ok(())
    }
}

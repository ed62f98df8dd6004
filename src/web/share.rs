//! The share and export row of the full demo: Copy link, Embed (which shows the two snippets
//! that embed the current state), PNG, SVG and CSV.

use super::controls::button;
use super::dom::{append, make, set_attr, show, text_el, unique_id, Res};
use crate::link::{div_snippet, iframe_snippet};
use crate::settings::Settings;
use web_sys::{HtmlButtonElement, HtmlElement};

/// Sharing and export: a link, embed snippets, a PNG, the CSV.
pub struct Share {
    pub row: HtmlElement,
    pub embed: HtmlButtonElement,
    /// Says what just happened ("Link copied").
    pub note: HtmlElement,
    /// The embed snippets, shown by the Embed button.
    pub snippets: HtmlElement,
    pub iframe: web_sys::HtmlTextAreaElement,
    pub div: web_sys::HtmlTextAreaElement,
}

impl Share {
    pub fn build() -> Share {
        let row: HtmlElement = make("div", "descent-share");
        super::dom::attr(&row, "role", "group");
        super::dom::attr(&row, "aria-label", "Share and export");
        let link = button("link", "Copy link", "Copy a link that reopens this state");
        let embed = button("embed", "Embed", "Show the code to embed this state");
        super::dom::attr(&embed, "aria-expanded", "false");
        let png = button(
            "png",
            "PNG",
            "Save the plot as a PNG image, at twice the size",
        );
        let svg = button(
            "svg",
            "SVG",
            "Save the plot and the loss chart as an SVG figure, as descent plot draws it",
        );
        let csv = button("csv", "CSV", "Save the trace as a CSV file");
        let buttons: HtmlElement = make("div", "descent-share-buttons");
        append(&buttons, &[&link, &embed, &png, &svg, &csv]);
        let note: HtmlElement = make("p", "descent-share-note");
        super::dom::attr(&note, "role", "status");
        let snippets: HtmlElement = make("div", "descent-snippets");
        snippets.set_hidden(true);
        let snippet = |title: &str| -> (HtmlElement, web_sys::HtmlTextAreaElement) {
            let id = unique_id("snippet");
            let label: HtmlElement = text_el("label", "descent-label", title);
            super::dom::attr(&label, "for", &id);
            let area: web_sys::HtmlTextAreaElement = make("textarea", "descent-snippet");
            super::dom::attr(&area, "id", &id);
            super::dom::attr(&area, "readonly", "");
            super::dom::attr(&area, "rows", "4");
            super::dom::attr(&area, "spellcheck", "false");
            let wrap: HtmlElement = make("div", "descent-field descent-field-snippet");
            append(&wrap, &[&label, &area]);
            (wrap, area)
        };
        let (a, iframe) = snippet("As an iframe");
        let (b, div) = snippet("As a script and a div");
        append(&snippets, &[&a, &b]);
        append(&row, &[&buttons, &note, &snippets]);
        Share {
            row,
            embed,
            note,
            snippets,
            iframe,
            div,
        }
    }

    /// Shows or hides the embed snippets, filled for `settings`.
    pub fn toggle_snippets(&self, www: &str, settings: &Settings) -> Res {
        let open = self.snippets.hidden();
        show(&self.snippets, open);
        set_attr(
            &self.embed,
            "aria-expanded",
            if open { "true" } else { "false" },
        );
        self.fill_snippets(www, settings);
        Ok(())
    }

    /// The snippets for `settings`, when they are shown (`www`: the folder of descent.js).
    pub fn fill_snippets(&self, www: &str, settings: &Settings) {
        if self.snippets.hidden() {
            return;
        }
        self.iframe.set_value(&iframe_snippet(www, settings));
        self.div.set_value(&div_snippet(www, settings));
    }
}

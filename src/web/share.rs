//! The share and export row of the full demo: Copy link, Embed (which shows the two snippets
//! that embed the current state), PNG, SVG and CSV.

use super::dom::{attr, find, set_attr, show, unique_id, Res};
use crate::link::{div_snippet, iframe_snippet};
use crate::settings::Settings;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

/// Sharing and export: a link, embed snippets, a PNG, the CSV.
pub struct Share {
    pub embed: HtmlButtonElement,
    /// Says what just happened ("Link copied").
    pub note: HtmlElement,
    /// The embed snippets, shown by the Embed button.
    pub snippets: HtmlElement,
    pub iframe: web_sys::HtmlTextAreaElement,
    pub div: web_sys::HtmlTextAreaElement,
}

impl Share {
    /// The share row in the page's template under `root`, its snippets' labels tied to their
    /// boxes.
    pub fn find(root: &Element) -> Share {
        let row: HtmlElement = find(root, ".descent-share");
        let embed = find(&row, ".descent-embed");
        let note = find(&row, ".descent-share-note");
        let snippets: HtmlElement = find(&row, ".descent-snippets");
        let snippet = |which: &str| -> web_sys::HtmlTextAreaElement {
            let wrap: Element = find(&snippets, which);
            let id = unique_id("snippet");
            attr(&find::<Element>(&wrap, "label"), "for", &id);
            let area: web_sys::HtmlTextAreaElement = find(&wrap, "textarea");
            attr(&area, "id", &id);
            area
        };
        let iframe = snippet(":scope>:first-child");
        let div = snippet(":scope>:last-child");
        Share {
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

//! Sharing a state: the link that reopens it, and the two snippets that embed it in another
//! page (an `<iframe>`, or a `<div data-descent>` with the script). All are built from
//! [`Settings::changed_pairs`], so links, attributes and controls can never disagree.

use crate::params::{encode_pairs, Settings};

/// The state as a link hash (without the `#`): only what differs from the defaults.
pub fn hash(s: &Settings) -> String {
    let pairs = s.changed_pairs();
    encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

/// The link to the full demo at `page` (its URL without a hash) that reopens `s`.
pub fn link(page: &str, s: &Settings) -> String {
    let page = page.split('#').next().unwrap_or(page);
    format!("{page}#{}", hash(s))
}

/// Text made safe inside a double-quoted HTML attribute.
pub fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The settings an embed should carry: everything but the step the ball is shown at.
fn embedded(s: &Settings) -> Settings {
    Settings { at: 0, ..s.clone() }
}

/// An `<iframe>` showing `s`, served from `www` (the folder holding descent.js, with a
/// trailing `/`). The host page sizes it with embed-host.js, which listens for the height
/// the frame reports.
pub fn iframe_snippet(www: &str, s: &Settings) -> String {
    let src = format!("{www}embed.html#{}", hash(&embedded(s)));
    format!(
        "<iframe src=\"{}\" title=\"Gradient descent demo\" width=\"100%\" height=\"560\" \
         loading=\"lazy\" style=\"border:0\"></iframe>\n\
         <script type=\"module\" src=\"{}embed-host.js\"></script>",
        attribute(&src),
        attribute(www)
    )
}

/// A `<div data-descent>` showing `s`, with the script that mounts it (include the script once
/// per page).
pub fn div_snippet(www: &str, s: &Settings) -> String {
    let attrs: String = embedded(s)
        .changed_pairs()
        .iter()
        .map(|(k, v)| format!(" data-{k}=\"{}\"", attribute(v)))
        .collect();
    format!(
        "<script type=\"module\" src=\"{}descent.js\"></script>\n<div data-descent{attrs}></div>",
        attribute(www)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{decode_pairs, Mode};

    fn notch() -> Settings {
        let (s, _) = Settings::from_pairs(
            [
                ("preset", "notch"),
                ("lr", "0.05"),
                ("controls", "lr,decay"),
                ("at", "7"),
            ],
            Mode::Strict,
        );
        s
    }

    #[test]
    fn a_link_reopens_the_same_state() {
        let s = notch();
        let url = link("https://example.org/descent/index.html#old", &s);
        assert!(url.starts_with("https://example.org/descent/index.html#preset=notch&lr=0.05"));
        let (back, notes) = Settings::from_pairs(
            decode_pairs(url.split_once('#').unwrap().1)
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
            Mode::Lenient,
        );
        assert!(notes.is_empty());
        assert_eq!(back, s);
    }

    #[test]
    fn snippets_carry_the_state_as_attributes() {
        let mut s = notch();
        let www = "https://example.org/descent/www/";
        assert_eq!(
            div_snippet(www, &s),
            "<script type=\"module\" src=\"https://example.org/descent/www/descent.js\"></script>\n\
             <div data-descent data-preset=\"notch\" data-lr=\"0.05\" data-controls=\"lr,decay\"></div>"
        );
        let frame = iframe_snippet(www, &s);
        assert!(frame.contains("src=\"https://example.org/descent/www/embed.html#preset=notch&amp;lr=0.05&amp;controls=lr,decay\""), "{frame}");
        s.apply("f", "x\"><script>alert(1)</script>", Mode::Strict)
            .unwrap();
        let div = div_snippet(www, &s);
        assert!(!div.contains("<script>alert"), "{div}");
        assert!(div.contains("data-f=\"x&quot;&gt;&lt;script&gt;"), "{div}");
    }
}

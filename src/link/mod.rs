//! Settings as a link and as embed snippets: the link's hash that reopens a state, the two
//! snippets that embed it in another page (an `<iframe>`, or a `<div data-descent>` with the
//! script), and the encoding of `key=value` pairs both use. All are built from
//! [`Settings::changed_pairs`], so links, attributes and controls can never disagree.

use crate::settings::Settings;

/// Pairs as a link's hash or query: `preset=notch&lr=0.05`, every byte outside
/// `A–Z a–z 0–9 - . _ ~ , ^ *` percent-encoded.
pub fn encode_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let enc = |s: &str| {
        let mut out = String::with_capacity(s.len());
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~,^*".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    };
    let pairs: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect();
    crate::fmt::join(&pairs, "&")
}

/// `key=value` pairs from a link's hash or query (a leading `#` or `?` is skipped). `%XX` is
/// decoded, `+` is a space; a key without `=` has an empty value. Never fails: what cannot be
/// decoded is kept as it is.
pub fn decode_pairs(text: &str) -> Vec<(String, String)> {
    let dec = |s: &str| {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let hex = |c: u8| char::from(c).to_digit(16);
            match b[i] {
                b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                },
                b'+' => out.push(b' '),
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    text.trim_start_matches(['#', '?'])
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (dec(k), dec(v)),
            None => (dec(p), String::new()),
        })
        .collect()
}

/// The state as a link hash (without the `#`): only what differs from the defaults.
pub fn hash(s: &Settings) -> String {
    let pairs = s.changed_pairs();
    encode_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())))
}

/// The full demo's address, from `www` (the folder holding descent.js, with a trailing `/`):
/// the folder above it.
pub fn full_page(www: &str) -> &str {
    www.strip_suffix("www/").unwrap_or(www)
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
        "<iframe src=\"{}\" title=\"Gradient descent demo\" width=\"100%\" height=\"{}\" \
         loading=\"lazy\" style=\"border:0\"></iframe>\n\
         <script src=\"{}embed-host.js\" defer></script>",
        attribute(&src),
        frame_height(s),
        attribute(www)
    )
}

/// The height (CSS px) the demo of `s` takes in a blog's column, about 700 px wide, where the
/// controls go under the plot: the frame's height until the demo reports its own, so that the
/// text under the frame does not jump (www/descent.css keeps the same room for a `<div>`).
fn frame_height(s: &Settings) -> u32 {
    let mut height = if s.controls.trim().is_empty() {
        1950
    } else if s.controls.contains(',') {
        1110
    } else {
        1060
    };
    for (on, more) in [
        (s.explain, 200),
        (!s.race.trim().is_empty(), 120),
        (!s.lesson.trim().is_empty(), 150),
    ] {
        if on {
            height += more;
        }
    }
    height
}

/// A `<div data-descent>` showing `s`, with the stylesheet (which keeps the demo's room before
/// the script runs) and the script that mounts it (include both once per page). Inside the div,
/// as its fallback content, a link to the full demo in the same state: it shows until the demo
/// mounts, and stays if it never does.
pub fn div_snippet(www: &str, s: &Settings) -> String {
    let s = embedded(s);
    let attrs: String = s
        .changed_pairs()
        .iter()
        .map(|(k, v)| format!(" data-{k}=\"{}\"", attribute(v)))
        .collect();
    format!(
        "<link rel=\"stylesheet\" href=\"{www}descent.css\">\n\
         <script src=\"{www}descent.js\" defer></script>\n<div data-descent{attrs}>\n  \
         <a href=\"{full}\">Open the gradient-descent demo</a>\n</div>",
        www = attribute(www),
        full = attribute(&link(full_page(www), &s))
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::Preset;
    use crate::settings::Mode;

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
            "<link rel=\"stylesheet\" href=\"https://example.org/descent/www/descent.css\">\n\
             <script src=\"https://example.org/descent/www/descent.js\" defer></script>\n\
             <div data-descent data-preset=\"notch\" data-lr=\"0.05\" data-controls=\"lr,decay\">\n  \
             <a href=\"https://example.org/descent/#preset=notch&amp;lr=0.05&amp;controls=lr,decay\">\
             Open the gradient-descent demo</a>\n</div>"
        );
        let frame = iframe_snippet(www, &s);
        assert!(frame.contains("src=\"https://example.org/descent/www/embed.html#preset=notch&amp;lr=0.05&amp;controls=lr,decay\""), "{frame}");
        // Two controls under the plot: about 1100 px tall, the frame's first height.
        assert!(frame.contains(" height=\"1110\" "), "{frame}");
        s.apply("f", "x\"><script>alert(1)</script>", Mode::Strict)
            .unwrap();
        let div = div_snippet(www, &s);
        assert!(!div.contains("<script>alert"), "{div}");
        assert!(div.contains("data-f=\"x&quot;&gt;&lt;script&gt;"), "{div}");
    }

    /// A function of three variables: its start is one `start` attribute or key, in order, and
    /// the snippet or link reopens it.
    #[test]
    fn three_variables_travel_as_one_start() {
        let (s, notes) = Settings::from_pairs(
            [("f", "x^2 - 2*x + y^2 + z^2 + z*y"), ("start", "2, -5, 7")],
            Mode::Strict,
        );
        assert!(notes.is_empty(), "{notes:?}");
        let div = div_snippet("https://example.org/www/", &s);
        assert!(div.contains(" data-start=\"2,-5,7\""), "{div}");
        assert!(
            !div.contains("data-x0") && !div.contains("data-y0"),
            "{div}"
        );
        let h = hash(&s);
        assert!(h.ends_with("&start=2,-5,7"), "{h}");
        let back = decode_pairs(&h);
        let (again, _) = Settings::from_pairs(
            back.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            Mode::Lenient,
        );
        assert_eq!(again.start(), s.start());
    }

    #[test]
    fn links_round_trip_every_setting() {
        let mut s = Settings::for_preset(Preset::Local);
        s.apply("f", "x^4 - 3*x^2 + x/2 + sin(x) % 2", Mode::Strict)
            .unwrap();
        s.apply("lr", "0.0123", Mode::Strict).unwrap();
        s.apply("hide", "decay,momentum", Mode::Strict).unwrap();
        s.apply("presenter", "on", Mode::Strict).unwrap();
        let hash = encode_pairs(s.changed_pairs().iter().map(|(k, v)| (*k, v.as_str())));
        assert!(!hash.contains(' ') && !hash.contains('#'), "{hash}");
        let pairs = decode_pairs(&format!("#{hash}"));
        let (back, notes) = Settings::from_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            Mode::Lenient,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    #[test]
    fn hostile_links_are_clamped_or_refused_with_notices() {
        let long = "x".repeat(10_000);
        let hash = format!(
            "#lr=1e400&x0=NaN&momentum=-Infinity&bogus=1&f=%3Cscript%3Ealert(1)%3C%2Fscript%3E&steps=%ZZ&h={long}"
        );
        let pairs = decode_pairs(&hash);
        let (s, notes) = Settings::from_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            Mode::Lenient,
        );
        assert_eq!(s.lr, 10.0);
        assert_eq!(s.momentum, 0.0);
        assert_eq!(s.x0, Settings::default().x0);
        assert_eq!(s.steps, 30);
        assert_eq!(
            s.expr, "<script>alert(1)</script>",
            "kept as text; the parser refuses it"
        );
        assert!(s.function().is_err());
        let messages: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
        assert_eq!(messages.len(), 6, "{messages:?}");
        assert!(messages
            .iter()
            .any(|m| m.contains("unknown setting 'bogus'")));
        assert!(messages
            .iter()
            .any(|m| m.contains("Learning rate 1e400 is out of range")));
        assert!(
            messages.iter().all(|m| m.chars().count() < 120),
            "{messages:?}"
        );
    }
}

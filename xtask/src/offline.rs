//! Offline use of dist/: the service worker that keeps the app shell, versioned by its
//! content, and the marker by which descent's own pages (and no other) register it.

use crate::steps::say;
use crate::wasm::files_under;
use std::path::Path;

/// Where the worker goes: the root of dist/, so that its scope holds index.html and www/.
pub const WORKER: &str = "sw.js";

/// descent's own pages, and the worker's address from each. `www/descent.js` registers the
/// worker named by the page's `<meta name="descent-worker">`; a page that only embeds a demo
/// has none, so no worker is ever registered on another site.
const PAGES: &[(&str, &str)] = &[("index.html", "sw.js"), ("www/embed.html", "../sw.js")];

/// Marks descent's own pages and writes dist/sw.js: the worker, with the shell's files and
/// their hashes, and the version they make up.
pub fn write_worker(dist: &Path) -> Result<(), String> {
    say("writing the service worker (sw.js) for offline use");
    for (page, worker) in PAGES {
        mark(&dist.join(page), worker)?;
    }
    let mut files = Vec::new();
    for path in shell(dist)? {
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
        let rel = path
            .strip_prefix(dist)
            .map_err(|e| e.to_string())?
            .to_string_lossy()
            .replace('\\', "/");
        files.push((rel, sha1_smol::Sha1::from(&bytes).digest().to_string()));
    }
    let worker = worker(&files);
    std::fs::write(dist.join(WORKER), worker).map_err(|e| format!("cannot write sw.js: {e}"))
}

/// The app shell: the full page, and every file under www/ (the iframe page, the styles, the
/// scripts, the wasm module and its glue, the favicon, the manifest); not the examples, not
/// the gzipped copies.
fn shell(dist: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let mut files = vec![dist.join("index.html")];
    files.extend(
        files_under(&dist.join("www"))?
            .into_iter()
            .filter(|f| f.extension().is_none_or(|e| e != "gz")),
    );
    Ok(files)
}

/// The worker's text for `files` (path, SHA-1): the shell in front of the worker's code. The
/// version is the hash of the list, so any change to any file makes a new one.
fn worker(files: &[(String, String)]) -> String {
    let list: String = files.iter().map(|(p, h)| format!("{p} {h}\n")).collect();
    let version = &sha1_smol::Sha1::from(&list).digest().to_string()[..16];
    let entries: Vec<String> = files
        .iter()
        .map(|(p, h)| format!("    {}: \"{h}\"", json_string(p)))
        .collect();
    format!(
        "const SHELL = {{\n  version: \"{version}\",\n  files: {{\n{}\n  }},\n}};\n{}",
        entries.join(",\n"),
        include_str!("sw.js")
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Puts `<meta name="descent-worker" content="worker">` into the page's head.
fn mark(page: &Path, worker: &str) -> Result<(), String> {
    let html = std::fs::read_to_string(page).map_err(|e| format!("cannot read {page:?}: {e}"))?;
    let marked = with_marker(&html, worker)
        .ok_or_else(|| format!("{page:?} has no </head> to put the worker's marker in"))?;
    std::fs::write(page, marked).map_err(|e| format!("cannot write {page:?}: {e}"))
}

fn with_marker(html: &str, worker: &str) -> Option<String> {
    let at = html.find("</head>")?;
    Some(format!(
        "{}  <meta name=\"descent-worker\" content=\"{worker}\">\n{}",
        &html[..at],
        &html[at..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(wasm: &str) -> Vec<(String, String)> {
        vec![
            ("index.html".into(), "aa".into()),
            ("www/pkg/descent_bg.wasm".into(), wasm.into()),
        ]
    }

    #[test]
    fn a_changed_file_makes_a_new_version() {
        let version = |w: &str| {
            let text = worker(&files(w));
            let at = text.find("version: \"").unwrap() + 10;
            text[at..at + 16].to_string()
        };
        assert_eq!(version("bb"), version("bb"));
        assert_ne!(version("bb"), version("bc"));
    }

    #[test]
    fn the_worker_lists_every_file_with_its_hash() {
        let text = worker(&files("bb"));
        assert!(text.starts_with("const SHELL = {"), "{text}");
        assert!(text.contains("\"index.html\": \"aa\""), "{text}");
        assert!(
            text.contains("\"www/pkg/descent_bg.wasm\": \"bb\""),
            "{text}"
        );
        assert!(text.contains("addEventListener('fetch'"), "{text}");
    }

    #[test]
    fn the_marker_goes_into_the_head() {
        let page = "<html><head><title>t</title></head><body></body></html>";
        let marked = with_marker(page, "../sw.js").unwrap();
        assert!(
            marked.contains("<meta name=\"descent-worker\" content=\"../sw.js\">\n</head>"),
            "{marked}"
        );
        assert!(with_marker("<p>no head</p>", "sw.js").is_none());
    }
}

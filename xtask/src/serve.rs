//! A small static file server for the demo: index.html at `/`, www/ and examples/ at their paths
//! (or a built dist/ folder), the right MIME types, optionally a strict Content-Security-Policy
//! and `Access-Control-Allow-Origin: *` (which a dist/ folder gets by default, as GitHub Pages
//! and the npm CDNs send it: a `<div data-descent>` on another site needs it).

use crate::steps::say;
use crate::{root, tools, wasm};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The policy the dist/ site must work under.
pub const STRICT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data: blob:";

/// What the server serves.
#[derive(Clone)]
pub enum Site {
    /// The repository itself: index.html at `/`, www/ and examples/ below it.
    Repository,
    /// A built static folder (dist/), served as a static host would.
    Folder(PathBuf),
}

/// The headers a server adds to every answer.
#[derive(Clone, Copy)]
pub struct Headers {
    /// A Content-Security-Policy.
    pub csp: Option<&'static str>,
    /// `Access-Control-Allow-Origin: *`, so that pages on other sites may load the files.
    pub cors: bool,
}

pub struct Server {
    port: u16,
}

impl Server {
    /// Starts serving on 127.0.0.1:`port` (0 picks a free port) in background threads, with
    /// no policy, and with CORS for a dist/ folder (as a static host sends it).
    pub fn start(port: u16, site: Site) -> Result<Server, String> {
        let cors = matches!(site, Site::Folder(_));
        Self::start_with(port, site, Headers { csp: None, cors })
    }

    pub fn start_with(port: u16, site: Site, headers: Headers) -> Result<Server, String> {
        let listener = TcpListener::bind(("127.0.0.1", port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let site = site.clone();
                std::thread::spawn(move || {
                    let _ = handle(stream, &site, headers);
                });
            }
        });
        Ok(Server { port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }
}

fn handle(mut stream: TcpStream, site: &Site, headers: Headers) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.by_ref().take(8192).read_line(&mut request_line)?;
    // Read the headers (requests carry no body we care about), noting whether gzip is welcome.
    let mut gzip = false;
    loop {
        let mut line = String::new();
        if reader.by_ref().take(8192).read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        let line = line.to_ascii_lowercase();
        if let Some(value) = line.strip_prefix("accept-encoding:") {
            gzip |= value.split(',').any(|e| e.trim().starts_with("gzip"));
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain",
            b"method not allowed",
            method,
            headers,
            false,
        );
    }
    let not_found = |stream: &mut TcpStream| {
        respond(
            stream,
            404,
            "text/plain",
            b"not found",
            method,
            headers,
            false,
        )
    };
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let Some(file) = resolve(site, &percent_decode(path)) else {
        return not_found(&mut stream);
    };
    // A file shipped precompressed (dist/ has `name.gz` beside `name`) goes out as it is, the
    // way a static host with precompressed files enabled serves it.
    let packed = gzip
        .then(|| std::fs::read(precompressed(&file)).ok())
        .flatten();
    match (packed, std::fs::read(&file)) {
        (Some(body), _) => respond(&mut stream, 200, mime(&file), &body, method, headers, true),
        (None, Ok(body)) => respond(&mut stream, 200, mime(&file), &body, method, headers, false),
        (None, Err(_)) => not_found(&mut stream),
    }
}

/// Where the gzipped copy of `file` is, if it was shipped with one.
pub fn precompressed(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".gz");
    PathBuf::from(name)
}

/// Maps a URL path to a file, refusing anything that climbs out of the site.
fn resolve(site: &Site, path: &str) -> Option<PathBuf> {
    let rel = Path::new(path.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let (base, allowed) = match site {
        Site::Repository => (root(), &["www", "examples"][..]),
        Site::Folder(dir) => (dir.clone(), &[][..]),
    };
    let file = if rel.as_os_str().is_empty() {
        base.join("index.html")
    } else {
        let first = rel.components().next()?.as_os_str().to_str()?;
        if !allowed.is_empty() && !allowed.contains(&first) && rel != Path::new("index.html") {
            return None;
        }
        base.join(rel)
    };
    let file = if file.is_dir() {
        file.join("index.html")
    } else {
        file
    };
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "md" | "txt" => "text/plain; charset=utf-8",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    method: &str,
    headers: Headers,
    gzipped: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(policy) = headers.csp {
        head.push_str(&format!("Content-Security-Policy: {policy}\r\n"));
    }
    if headers.cors {
        head.push_str("Access-Control-Allow-Origin: *\r\n");
    }
    if gzipped {
        head.push_str("Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n");
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// `cargo xtask serve [--port N] [--dist] [--csp] [--no-cors]`.
pub fn command(args: &[String]) -> Result<(), String> {
    let mut port = 8000u16;
    let (mut dist, mut csp, mut cors) = (false, false, true);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => {
                let value = it.next().ok_or("--port needs a number, e.g. --port 8000")?;
                port = value
                    .parse()
                    .map_err(|_| format!("--port needs a number from 0 to 65535, got `{value}`"))?;
            }
            "--dist" => dist = true,
            "--csp" => csp = true,
            "--no-cors" => cors = false,
            other => {
                return Err(format!(
                    "unknown option `{other}` (try --port N, --dist, --csp, --no-cors)"
                ))
            }
        }
    }
    let site = if dist {
        Site::Folder(wasm::dist()?)
    } else {
        wasm::build()?;
        Site::Repository
    };
    let headers = Headers {
        csp: csp.then_some(STRICT_CSP),
        // Only dist/ is served as a host would: the repository is for working on descent.
        cors: cors && dist,
    };
    let server = Server::start_with(port, site, headers)?;
    say(&format!(
        "serving descent at http://127.0.0.1:{}/ (Ctrl-C stops)",
        server.port()
    ));
    if dist {
        loop {
            std::thread::park();
        }
    }
    watch_and_rebuild()
}

/// Rebuilds the wasm module when a source file changes.
fn watch_and_rebuild() -> Result<(), String> {
    let mut last = newest_source();
    loop {
        std::thread::sleep(Duration::from_millis(700));
        let now = newest_source();
        if now > last {
            last = now;
            say("source changed: rebuilding");
            if let Err(e) = wasm::build() {
                eprintln!("xtask: rebuild failed: {e} (still serving the last good build)");
            } else {
                say("rebuilt: reload the page");
            }
        }
    }
}

fn newest_source() -> Option<SystemTime> {
    let root = root();
    let mut files = wasm::files_under(&root.join("src")).unwrap_or_default();
    files.push(root.join("Cargo.toml"));
    files.iter().filter_map(|f| tools::modified(f)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_site() {
        let site = Site::Repository;
        assert!(resolve(&site, "/../Cargo.toml").is_none());
        assert!(resolve(&site, "/Cargo.toml").is_none());
        assert!(resolve(&site, "/src/lib.rs").is_none());
        assert_eq!(resolve(&site, "/"), Some(root().join("index.html")));
    }

    #[test]
    fn wasm_has_its_mime_type() {
        assert_eq!(
            mime(Path::new("www/pkg/descent_bg.wasm")),
            "application/wasm"
        );
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("/a%20b"), "/a b");
        assert_eq!(percent_decode("/a%2"), "/a%2");
    }
}

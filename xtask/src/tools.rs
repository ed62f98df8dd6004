//! Installing what the build and the tests need, from the package registries only: the wasm32
//! target, wasm-bindgen-cli at the exact pinned version, Debian's Chromium and ChromeDriver,
//! and the npm packages (playwright-core, terser, binaryen, zopfli) from their committed lock file.

use crate::root;
use crate::steps::{capture, run, say};
use std::path::{Path, PathBuf};
use std::process::Command;

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// `rustup target add wasm32-unknown-unknown` unless it is installed already.
pub fn wasm_target() -> Result<(), String> {
    let installed = capture(Command::new("rustup").args(["target", "list", "--installed"]))
        .map_err(|e| format!("{e}: install rustup from https://rustup.rs"))?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    say("installing the wasm32-unknown-unknown target");
    run(
        "rustup target add wasm32-unknown-unknown",
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

/// The version of the wasm-bindgen crate, pinned with `=` in Cargo.toml.
pub fn pinned_wasm_bindgen() -> Result<String, String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    manifest
        .lines()
        .find_map(|line| {
            let rest = line.trim().strip_prefix("wasm-bindgen")?.trim_start();
            let rest = rest.strip_prefix('=')?.trim().strip_prefix("\"=")?;
            Some(rest.split('"').next()?.to_string())
        })
        .ok_or_else(|| "Cargo.toml must pin wasm-bindgen as `wasm-bindgen = \"=X.Y.Z\"`".into())
}

/// `cargo install wasm-bindgen-cli --version X` unless `wasm-bindgen --version` already says X.
pub fn wasm_bindgen() -> Result<(), String> {
    let want = pinned_wasm_bindgen()?;
    let have = capture(Command::new("wasm-bindgen").arg("--version")).unwrap_or_default();
    let runner =
        capture(Command::new("wasm-bindgen-test-runner").arg("--version")).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str())
        && runner.split_whitespace().nth(1) == Some(want.as_str())
    {
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {want} (found: {}); this takes a few minutes",
        if have.trim().is_empty() {
            "none"
        } else {
            have.trim()
        }
    ));
    run(
        &format!("cargo install wasm-bindgen-cli --version {want}"),
        Command::new("cargo").args(["install", "wasm-bindgen-cli", "--force", "--version", &want]),
    )
}

/// `cargo install CRATE --version VERSION` unless `cargo SUBCOMMAND --version` already says it.
pub fn cargo_tool(krate: &str, subcommand: &str, version: &str) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let have = capture(Command::new(&cargo).args([subcommand, "--version"])).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    say(&format!(
        "installing {krate} {version} (cargo install); this takes a few minutes"
    ));
    run(
        &format!("cargo install {krate} --version {version}"),
        Command::new(cargo).args(["install", krate, "--version", version]),
    )
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn is_root() -> bool {
    capture(Command::new("id").arg("-u"))
        .map(|s| s.trim() == "0")
        .unwrap_or(false)
}

/// Debian packages, installed with apt-get when running as root; otherwise the command to run.
fn debian(packages: &[(&str, &str)]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, probe)| !(Path::new(probe).is_file() || on_path(probe)))
        .map(|(pkg, _)| *pkg)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() {
        return Err(format!(
            "missing {list}: run `sudo apt-get update && sudo apt-get install -y {list}`"
        ));
    }
    say(&format!("installing {list} with apt-get"));
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-q"]),
    )?;
    run(
        &format!("apt-get install -y {list}"),
        Command::new("apt-get")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// Headless Chromium and ChromeDriver for the browser tests.
pub fn browser() -> Result<(), String> {
    debian(&[("chromium", CHROMIUM), ("chromium-driver", CHROMEDRIVER)])
}

/// The npm packages of the tests and the build, from tests/e2e/package-lock.json (`npm ci`).
pub fn npm_packages() -> Result<(), String> {
    let dir = root().join("tests/e2e");
    let lock = dir.join("package-lock.json");
    let marker = dir.join("node_modules/.package-lock.json");
    let fresh = match (modified(&lock), modified(&marker)) {
        (Some(lock), Some(marker)) => marker >= lock,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if !on_path("npm") || !on_path("node") {
        return Err(
            "node and npm are missing: install Node.js 18 or newer (apt-get install -y nodejs npm)"
                .into(),
        );
    }
    say("installing the npm packages: playwright-core, terser, binaryen, zopfli (npm ci)");
    run(
        "npm ci",
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )
}

/// Where cargo puts what it builds, as `cargo metadata` says: `target/` in the repository, or
/// wherever `CARGO_TARGET_DIR` (or a cargo config) points.
pub fn target_dir() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let json =
        capture(Command::new(cargo).args(["metadata", "--format-version", "1", "--no-deps"]))?;
    target_directory(&json).ok_or_else(|| "cargo metadata names no target directory".into())
}

/// The `target_directory` of `cargo metadata`'s JSON.
fn target_directory(json: &str) -> Option<PathBuf> {
    let key = "\"target_directory\":\"";
    let rest = &json[json.find(key)? + key.len()..];
    let mut path = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(PathBuf::from(path)),
            '\\' => path.push(chars.next()?),
            c => path.push(c),
        }
    }
    None
}

/// The `descent` command-line binary that `cargo test` builds (the end-to-end tests compare the
/// page's numbers with its output).
pub fn cli_binary() -> Result<PathBuf, String> {
    Ok(target_dir()?.join("debug").join("descent"))
}

pub fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::target_directory;
    use std::path::PathBuf;

    #[test]
    fn reads_the_target_directory_from_cargo_metadata() {
        let json = r#"{"packages":[],"target_directory":"/tmp/my \"cache\"\\t","version":1}"#;
        assert_eq!(
            target_directory(json),
            Some(PathBuf::from("/tmp/my \"cache\"\\t"))
        );
        assert_eq!(target_directory("{}"), None);
    }
}

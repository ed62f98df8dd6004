//! `cargo xtask test`, and the small helpers every command uses to run a step: one line saying
//! what it does, and on failure one line saying what failed.

use crate::{root, serve, tools, wasm};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One line saying what happens next.
pub fn say(what: &str) {
    println!("==> {what}");
}

/// Runs a command from the repository root with inherited output; fails with its name.
pub fn run(what: &str, cmd: &mut Command) -> Result<(), String> {
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    let status = cmd
        .status()
        .map_err(|e| format!("{what}: cannot start {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} ({status})"))
    }
}

/// Runs a command quietly and returns its standard output.
pub fn capture(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .current_dir(root())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!("{:?} failed ({})", cmd.get_program(), out.status))
    }
}

fn cargo(args: &[&str]) -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.args(args);
    cmd
}

/// Every check, in order, stopping at the first failure.
pub fn test(args: &[String]) -> Result<(), String> {
    if let Some(extra) = args.first() {
        return Err(format!(
            "`cargo xtask test` takes no arguments (got `{extra}`)"
        ));
    }
    let started = Instant::now();
    say("checking tools: wasm32 target, wasm-bindgen-cli, Chromium, ChromeDriver, npm packages");
    tools::wasm_target()?;
    tools::wasm_bindgen()?;
    tools::browser()?;
    tools::npm_packages()?;

    say("rustfmt check");
    run(
        "cargo fmt --check",
        &mut cargo(&["fmt", "--all", "--check"]),
    )?;
    say("clippy (native)");
    run(
        "clippy (native)",
        &mut cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    say("clippy (wasm32)");
    run(
        "clippy (wasm32)",
        &mut cargo(&[
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--lib",
            "--bins",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    say("native unit and integration tests");
    run("native tests", &mut cargo(&["test", "--workspace"]))?;

    say("in-browser tests (wasm-bindgen-test in headless Chromium)");
    run(
        "in-browser tests",
        cargo(&[
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "--test",
            "web",
        ])
        .env("CHROMEDRIVER", tools::CHROMEDRIVER)
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            root().join("tests/webdriver.json"),
        )
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180"),
    )?;

    end_to_end()?;
    println!(
        "==> all checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The end-to-end tests, driven by playwright-core in headless Chromium: against the page as
/// `cargo xtask serve` serves it, and against the built dist/ site served with the strict
/// Content-Security-Policy it must work under, as a host sends it (with CORS) and once more
/// as a host without CORS would (for the embeds from another site).
fn end_to_end() -> Result<(), String> {
    let server = serve::Server::start(0, serve::Site::Repository)?;
    let dist = wasm::dist()?;
    let headers = |cors| serve::Headers {
        csp: Some(serve::STRICT_CSP),
        cors,
    };
    let strict = serve::Server::start_with(0, serve::Site::Folder(dist.clone()), headers(true))?;
    let no_cors = serve::Server::start_with(0, serve::Site::Folder(dist), headers(false))?;
    let base = format!("http://127.0.0.1:{}", server.port());
    let dist_url = format!("http://127.0.0.1:{}", strict.port());
    let dir = root().join("tests/e2e");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list tests/e2e: {e}"))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    say(&format!(
        "end-to-end tests ({} files) against {base} and, with a strict CSP, dist/ at {dist_url}",
        files.len()
    ));
    run(
        "end-to-end tests",
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .args(&files)
            .env("BASE_URL", &base)
            .env("DIST_URL", &dist_url)
            .env(
                "DIST_NO_CORS_URL",
                format!("http://127.0.0.1:{}", no_cors.port()),
            )
            .env("DESCENT_CLI", tools::cli_binary()?)
            .env("CHROMIUM", tools::CHROMIUM),
    )
}

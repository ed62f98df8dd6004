//! `cargo xtask serve | test | dist | bench | mutants`: every way of building, serving, testing and
//! measuring descent, starting from a machine that has only the Rust toolchain.

mod bench;
mod imports;
mod mutants;
mod offline;
mod serve;
mod steps;
mod stream;
mod tools;
mod wasm;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N] [--dist] [--csp] [--no-cors]
                                      build and serve the demo at http://127.0.0.1:N/ (default 8000);
                                      --dist serves dist/ with Access-Control-Allow-Origin: * unless --no-cors
  test                                every check: fmt, clippy, native, browser and end-to-end tests
  dist                                build the static site into dist/ and print file sizes
  bench [--engine|--cli|--browser]    engine benchmarks, the command line's million-step race, the browser benchmark
  mutants [cargo-mutants flags]       cargo-mutants on the numeric core (slow; not part of test)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::command(&args[1..]),
        Some("test") => steps::test(&args[1..]),
        Some("dist") => wasm::dist().map(|_| ()),
        Some("bench") => bench::command(&args[1..]),
        Some("mutants") => mutants::command(&args[1..]),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: FAILED: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root (the folder holding the workspace Cargo.toml).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}

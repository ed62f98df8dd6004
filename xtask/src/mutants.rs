//! `cargo xtask mutants`: cargo-mutants on the numeric core, as `.cargo/mutants.toml` says
//! (which files, and which mutants cannot change what the code does, each with the reason).
//! Every other mutant must make a test fail. It takes tens of minutes, so it is not part of
//! `cargo xtask test`; it installs cargo-mutants itself.

use crate::steps::{run, say};
use crate::tools;
use std::process::Command;

/// The cargo-mutants release this is tested with.
const VERSION: &str = "27.1.0";

pub fn command(args: &[String]) -> Result<(), String> {
    tools::cargo_tool("cargo-mutants", "mutants", VERSION)?;
    say("cargo mutants on the numeric core (.cargo/mutants.toml); this takes a while");
    run(
        "cargo mutants (a missed mutant is a test to write, or an equivalent to name)",
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["mutants", "--package", "descent", "--jobs", "2"])
            .args(args),
    )
}

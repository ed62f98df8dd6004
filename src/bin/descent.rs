//! `descent`: the command-line twin of the engine. It prints the same trace the page shows.
//!
//! ```text
//! descent trace (--f EXPR | --preset NAME) [flags]
//! descent presets
//! descent help
//! ```
//! Everything it does is in [`descent::cli`]; the flags come from the parameter table, like
//! the page's controls and link keys.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let code = descent::cli::run(
        &args,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}

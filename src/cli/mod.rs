//! The command line, `descent trace | plot | basins | sweep | phase | fit | presets | help`: the engine's twin of the page. It builds
//! its runs with the page's own builder and writes the page's own words and numbers. Bad input
//! is one line on stderr and exit code 2; a run that diverges still prints its rows.

mod args;
mod fit;
mod help;
mod maps;
mod plot;
mod rows;
mod trace;

use std::ffi::OsString;
use std::io::Write;

/// Runs the command line `args` (without the program's name), writing to `out` and `err`.
/// Returns the exit code: 0, or 2 for bad input.
pub fn run(args: &[OsString], out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let done = args::command(args).and_then(|command| match command {
        args::Command::Trace(pairs) => trace::trace(pairs, out, err),
        args::Command::Map(kind, pairs) => maps::maps(kind, pairs, out),
        args::Command::Fit(pairs) => fit::fit(pairs, out, err),
        args::Command::Plot(pairs) => plot::plot(pairs, out),
        args::Command::Presets => help::presets(out),
        args::Command::Help => help::usage(out),
    });
    match done {
        Ok(()) => 0,
        Err(message) => {
            // Nothing more can be said if stderr itself is closed.
            let _ = writeln!(err, "descent: {message}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exit code, stdout and stderr of a command line.
    pub(super) fn run_text(args: &[&str]) -> (u8, String, String) {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run(&args, &mut out, &mut err);
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (code, text(out), text(err))
    }

    #[test]
    fn help_goes_to_stdout_with_exit_code_0() {
        for args in [
            &["help"][..],
            &["--help"],
            &["-h"],
            &["trace", "--help"],
            &["trace", "--lr", "1", "-h"],
        ] {
            let (code, out, err) = run_text(args);
            assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
            assert!(
                out.starts_with("usage:\n  descent trace"),
                "{args:?}: {out}"
            );
        }
    }
}

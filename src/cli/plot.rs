//! `descent plot`: the page's figure as an SVG file, drawn natively. It takes every flag of
//! `trace` (they become the same settings, through the same checks), the figure's own
//! settings from the parameter table (`--view`, `--yaw`, `--pitch`, `--at`, `--explain`), and
//! the file's size and place (`--width`, `--height`, `--out`).

use crate::demo::Demo;
use crate::figure::{SIDES, SIZE};
use crate::settings::{param, Mode};
use std::io::Write;

/// Settings of the parameter table the figure takes as flags of the same name: what the
/// page's state adds to a trace.
pub const FIGURE_KEYS: [&str; 5] = ["view", "yaw", "pitch", "at", "explain"];

/// A width or a height in CSS pixels, from the flag `name`'s text.
fn side(name: &str, text: &str) -> Result<u32, String> {
    let [lo, hi] = SIDES;
    match text.trim().parse::<u32>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!(
            "--{name} takes a whole number of pixels from {lo} to {hi}, not '{text}'"
        )),
    }
}

/// `descent plot`: writes the figure to `--out` (or to `out` without it).
pub fn plot(mut pairs: Vec<(String, String)>, out: &mut dyn Write) -> Result<(), String> {
    let mut take = |key: &str| {
        let i = pairs.iter().position(|(k, _)| k == key)?;
        Some(pairs.remove(i).1)
    };
    let width = take("width").map(|v| side("width", &v)).transpose()?;
    let height = take("height").map(|v| side("height", &v)).transpose()?;
    let file = take("out");
    let own: Vec<(&str, String)> = FIGURE_KEYS
        .iter()
        .filter_map(|&k| take(k).map(|v| (k, v)))
        .collect();
    let (mut s, _, _) = super::trace::settings(pairs)?;
    // Without --at, the balls rest where the runs end.
    s.at = s.steps;
    for (key, value) in &own {
        s.apply(key, value, Mode::Strict)
            .map_err(|e| format!("--{key}: {}", e.message))?;
    }
    if s.at > s.steps {
        return Err(format!(
            "--at {} is past the last step: the runs take {} steps",
            s.at, s.steps
        ));
    }
    let demo = Demo::new(s, &[], true);
    if let Some(error) = demo.words().error {
        return Err(error);
    }
    let size = (width.unwrap_or(SIZE.0), height.unwrap_or(SIZE.1));
    let svg = crate::figure::svg(&demo, size, |b| b)?;
    match file.as_deref() {
        None | Some("-") => {
            // A closed pipe (descent plot | head) is not an error worth reporting.
            let _ = out.write_all(svg.as_bytes());
            Ok(())
        }
        Some(path) => std::fs::write(path, svg).map_err(|e| format!("cannot write {path}: {e}")),
    }
}

/// The help of the figure's own flags, for `descent help`.
pub fn usage() -> String {
    let mut u = format!(
        "\nflags of `plot` (besides every flag of `trace`; the figure is written to stdout \
         without --out):\n  --{:<10} the file to write the SVG to\n  --{:<10} the figure's width in \
         pixels ({} by default; {} to {})\n  --{:<10} its height ({} by default)\n",
        "out", "width", SIZE.0, SIDES[0], SIDES[1], "height", SIZE.1
    );
    for key in FIGURE_KEYS {
        if let Some(p) = param(key) {
            u.push_str(&format!("  --{key:<10} {} ({})\n", p.help, p.range()));
        }
    }
    u
}

#[cfg(test)]
mod tests {
    use super::super::tests::run_text;

    #[test]
    fn bad_sizes_and_steps_are_named() {
        for (args, says) in [
            (
                &["plot", "--preset", "bowl", "--width", "50"][..],
                "--width takes a whole number of pixels from 200 to 4000, not '50'",
            ),
            (
                &["plot", "--preset", "bowl", "--height", "tall"],
                "--height takes a whole number of pixels from 200 to 4000, not 'tall'",
            ),
            (
                &["plot", "--preset", "bowl", "--steps", "10", "--at", "11"],
                "--at 11 is past the last step: the runs take 10 steps",
            ),
            (
                &["plot", "--preset", "bowl", "--view", "sideways"],
                "--view: unknown view 'sideways': choose one of 2d, 3d",
            ),
            (
                &["plot", "--lr", "0.1"],
                "say what to minimise: --f EXPR or --preset NAME",
            ),
            (
                &["plot", "--preset", "bowl", "--out", "/no/such/dir/f.svg"],
                "cannot write /no/such/dir/f.svg",
            ),
        ] {
            let (code, out, err) = run_text(args);
            assert_eq!((code, out.as_str()), (2, ""), "{args:?}");
            assert!(
                err.starts_with(&format!("descent: {says}")),
                "{args:?}: {err}"
            );
        }
    }
}

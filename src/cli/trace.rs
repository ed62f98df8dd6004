//! `descent trace`: the flags become settings (through the parameter table, strictly: a value
//! out of range or not quite right is refused, never rounded), the settings become a race
//! (through the page's own builder), and the race's rows are written as they are computed, so
//! a million steps need no more memory than ten. Each mistake a person can make with the flags
//! gets one line that names the flag.

use crate::objective::{Function, Objective};
use crate::optim::Method;
use crate::run::{Race, Stop};
use crate::settings::{Mode, Settings, PARAMS};
use crate::words::{explain, Format, Sheet};
use std::io::Write;

/// The rows a run keeps in memory while the command line streams it: enough for a divergence
/// within the first thousands of steps to be explained from every row, a few hundred kilobytes
/// per run whatever the budget.
const KEEP: usize = 4096;

/// Steps of every run computed before the first row is written: a table's column widths are
/// chosen from them.
const PRESCAN: u64 = 1000;

/// Text written at a time (the rows are formatted into a buffer this large, then written).
const FLUSH: usize = 1 << 16;

/// The settings, the function they minimise and the format `pairs` ask for, or what is wrong
/// with them.
pub(super) fn settings(
    mut pairs: Vec<(String, String)>,
) -> Result<(Settings, Function, Format), String> {
    let mut format = Format::Table;
    if let Some(i) = pairs.iter().position(|(k, _)| k == "format") {
        let key = pairs.remove(i).1;
        format = Format::named(&key)
            .ok_or_else(|| format!("unknown format '{key}': use table, csv or json"))?;
    }
    // Flags as the parameter table names them (`--step-size`), as its keys from here on.
    for (key, _) in pairs.iter_mut() {
        match PARAMS.iter().find(|p| p.flag == Some(key.as_str())) {
            Some(p) => *key = p.key.to_string(),
            None => return Err(format!("unknown flag --{key} (descent help lists them)")),
        }
    }
    let value = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim())
    };
    let has = |k: &str| value(k).is_some();
    match (value("f"), has("preset")) {
        (None, false) => return Err("say what to minimise: --f EXPR or --preset NAME".into()),
        (Some(_), true) => return Err("give --f or --preset, not both".into()),
        (Some(""), _) => return Err("--f needs a function of x, such as x^2 - 4*x".into()),
        (Some(_), false) => {
            if !has("lr") {
                return Err("--lr is required with --f".into());
            }
            if !has("x0") && !has("start") {
                return Err("--start (or --x0) is required with --f".into());
            }
        }
        (None, true) => {}
    }
    if has("start") && ["x0", "y0", "z0"].iter().any(|k| has(k)) {
        return Err("give --start or --x0/--y0/--z0, not both".into());
    }
    if has("race") && has("method") {
        return Err("--race runs several methods and --method one: give one of them".into());
    }
    if value("race") == Some("") {
        return Err("--race needs the methods to race, such as gd,momentum,adam".into());
    }
    let momentum_alone = has("momentum") && !has("method") && !has("race");
    let given = [has("y0"), has("z0"), has("start")];
    // `--momentum` alone means the momentum method.
    if momentum_alone {
        pairs.push(("method".into(), "momentum".into()));
    }
    // The function first: it sets the defaults of the rest.
    pairs.sort_by_key(|(k, _)| PARAMS.iter().position(|p| p.key == k));
    let mut s = Settings::default();
    for (key, value) in &pairs {
        s.apply(key, value, Mode::Strict).map_err(|e| e.message)?;
        // A function that does not parse is the mistake to report, not what follows from it.
        if key == "f" {
            s.function().map_err(|e| e.to_string())?;
        }
    }
    if s.xmin >= s.xmax || s.ymin >= s.ymax {
        return Err(
            "the view is empty: --xmin must be below --xmax (and --ymin below --ymax)".into(),
        );
    }
    let f = s.function().map_err(|e| e.to_string())?;
    let names = Objective::names(&f);
    // x1, x2, … start from --start: --x0, --y0 and --z0 name x, y and z.
    let numbered = names.len() > 1 && names[0] == "x1";
    if !s.expr.is_empty() && !given[2] {
        match names.len() {
            _ if numbered => {
                return Err(format!(
                    "--start is required with a function of {}: one number for each",
                    names.join(", ")
                ))
            }
            2 if !given[0] => return Err("--y0 is required with a function of x and y".into()),
            3 if !(given[0] && given[1]) => {
                return Err(
                    "--y0 and --z0 (or --start) are required with a function of x, y and z".into(),
                )
            }
            _ => {}
        }
    }
    if given[1] && names.len() < 3 {
        return Err(format!(
            "--z0 is for a function of x, y and z; this one is a function of {}",
            names.join(", ")
        ));
    }
    // PyTorch refuses Nesterov without momentum: it would be plain descent under another name.
    if s.methods() == [Method::Nesterov] && s.momentum == 0.0 {
        return Err("Nesterov needs momentum: add --momentum, such as --momentum 0.9".into());
    }
    Ok((s, f, format))
}

/// Runs `race` lane by lane, in order, writing each row in `format` as soon as it is computed.
/// The first [`PRESCAN`] steps of every run are computed before anything is written, so that
/// a table's columns fit their values (rows kept in memory: fewer than [`KEEP`]).
fn stream(race: &mut Race, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    race.advance(PRESCAN);
    let mut sheet = Sheet::new(race, format);
    let mut buf = String::with_capacity(FLUSH + 1024);
    sheet.head(&mut buf);
    for i in 0..race.lanes().len() {
        let lane = &race.lanes()[i];
        let method = lane.method();
        sheet.lane(&mut buf, method);
        for r in lane.runner.trajectory().iter() {
            sheet.row(&mut buf, race.function(), method, r);
        }
        while race.advance_lane(i, 1) == 1 {
            sheet.row(
                &mut buf,
                race.function(),
                method,
                race.lanes()[i].runner.current(),
            );
            if buf.len() >= FLUSH {
                out.write_all(buf.as_bytes())?;
                buf.clear();
            }
        }
    }
    sheet.end(&mut buf);
    out.write_all(buf.as_bytes())?;
    out.flush()
}

/// A start where f or its gradient is not a number: nothing can run from it.
fn check_start(race: &Race, s: &Settings) -> Result<(), String> {
    for lane in race.lanes() {
        if let Some(stop @ Stop::NotFinite { step: 0, .. }) = lane.runner.stop() {
            let run = &lane.runner;
            let hyper = run.optimizer().hyper();
            return Err(explain(
                stop,
                run.trajectory(),
                race.function(),
                hyper,
                s.domain(),
            ));
        }
    }
    Ok(())
}

/// `descent trace`: every run of the race the flags describe, each to its own end, written in
/// the format asked for; why a run diverged goes to `err`.
pub fn trace(
    pairs: Vec<(String, String)>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    let (s, f, format) = settings(pairs)?;
    run(&s, f, format, out, err)
}

/// The race `s` describes on `f`, streamed in `format`; why a run diverged goes to `err`.
pub(super) fn run(
    s: &Settings,
    f: Function,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    // The one builder of runs the page uses too; the command line runs the whole budget.
    let mut race = s.race(f, 0.0, KEEP).map_err(|e| e.message)?;
    check_start(&race, s)?;
    // A closed pipe (descent … | head) is not an error worth reporting: it ends the output.
    let _ = stream(&mut race, format, out);
    for lane in race.lanes() {
        let stop = lane.runner.stop().unwrap_or(Stop::Budget);
        if stop.diverged() {
            let run = &lane.runner;
            let hyper = run.optimizer().hyper();
            let why = explain(stop, run.trajectory(), race.function(), hyper, s.domain());
            let _ = match race.lanes().len() {
                1 => writeln!(err, "descent: {why}"),
                _ => writeln!(err, "descent: {}: {why}", lane.method().key()),
            };
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::run_text;

    #[test]
    fn what_is_right_still_runs() {
        // Nesterov with momentum, a race with Nesterov (β = 0.9 by default), a surface with its
        // start, a preset of two variables with its own.
        for args in [
            &[
                "trace",
                "--preset",
                "local",
                "--method",
                "nesterov",
                "--momentum",
                "0.5",
            ][..],
            &["trace", "--preset", "local", "--race", "gd,nesterov"],
            &[
                "trace",
                "--f",
                "x^2 + y^2",
                "--x0",
                "1",
                "--y0",
                "2",
                "--lr",
                "0.1",
            ],
            &["trace", "--preset", "bowl", "--steps", "3"],
        ] {
            let (code, out, err) = run_text(args);
            assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
            assert!(
                out.starts_with("step") || out.starts_with("Gradient descent"),
                "{out}"
            );
        }
        // Divergence later in a run: the rows so far, the reason on stderr, exit 0.
        let (code, out, err) = run_text(&[
            "trace",
            "--preset",
            "post-quadratic",
            "--lr",
            "1.06",
            "--steps",
            "100",
        ]);
        assert_eq!(code, 0);
        assert!(out.lines().count() > 5);
        assert!(err.starts_with("descent: diverged at step"), "{err}");
    }
}

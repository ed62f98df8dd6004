//! `descent`: the command-line twin of the engine. It prints the same trace the page shows.
//!
//! ```text
//! descent trace (--f EXPR | --preset NAME) --x0 X [--y0 Y] --lr LR [--steps N]
//!               [--method gd|momentum|nesterov|adagrad|rmsprop|adam] [--momentum B]
//!               [--decay G] [--race gd,momentum,…] [--grad exact|central] [--h H]
//!               [--format table|csv|json]
//! descent presets
//! ```
//! The flags come from the parameter table, like the page's controls and link keys.

use descent::fmt::{float, lhs, pretty};
use descent::objective::expr::BUILTINS;
use descent::objective::Preset;
use descent::run::Stop;
use descent::settings::{param, Mode, Settings, PARAMS};
use descent::words::{explain, trace, Format};
use std::io::Write;
use std::process::ExitCode;

fn usage() -> String {
    let mut u = String::from(
        "usage:\n  descent trace (--f EXPR | --preset NAME) --x0 X --lr LR [flags]\n  \
         descent presets\n\nflags of `trace`:\n",
    );
    for p in PARAMS.iter().filter(|p| p.cli) {
        u.push_str(&format!("  --{:<10} {}\n", p.key, p.help));
    }
    u.push_str("  --format     table (default), csv or json\n\nfunctions a typed --f may call:\n");
    for b in BUILTINS {
        u.push_str(&format!("  {:<10} {}\n", b.name, b.help));
    }
    u
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("trace") => trace(&args[1..]),
        Some("presets") => presets(),
        Some("help" | "--help" | "-h") => {
            print!("{}", usage());
            Ok(())
        }
        Some(other) => Err(format!("unknown command '{other}': use trace or presets")),
        None => Err("missing command: use trace or presets (descent help)".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("descent: {message}");
            ExitCode::from(2)
        }
    }
}

/// `--key value` or `--key=value` pairs.
fn flags(args: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            return Err(format!("unexpected '{arg}': flags look like --lr 0.1"));
        };
        let (key, value) = match flag.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => {
                let v = it.next().ok_or_else(|| format!("--{flag} needs a value"))?;
                (flag.to_string(), v.clone())
            }
        };
        if out.iter().any(|(k, _)| *k == key) {
            return Err(format!("--{key} is given twice"));
        }
        out.push((key, value));
    }
    Ok(out)
}

fn trace(args: &[String]) -> Result<(), String> {
    let mut pairs = flags(args)?;
    let mut format = Format::Table;
    if let Some(i) = pairs.iter().position(|(k, _)| k == "format") {
        let key = pairs.remove(i).1;
        format = Format::named(&key)
            .ok_or_else(|| format!("unknown format '{key}': use table, csv or json"))?;
    }
    for (key, _) in &pairs {
        if !param(key).is_some_and(|p| p.cli) {
            return Err(format!("unknown flag --{key} (descent help lists them)"));
        }
    }
    let has = |k: &str| pairs.iter().any(|(key, _)| key == k);
    if !has("f") && !has("preset") {
        return Err("say what to minimise: --f EXPR or --preset NAME".into());
    }
    if has("f") {
        for required in ["x0", "lr"] {
            if !has(required) {
                return Err(format!("--{required} is required with --f"));
            }
        }
    }
    if has("race") && has("method") {
        return Err("--race runs several methods and --method one: give one of them".into());
    }
    // `--momentum` alone means the momentum method.
    if has("momentum") && !has("method") {
        pairs.push(("method".into(), "momentum".into()));
    }
    // The function first: it sets the defaults of the rest.
    pairs.sort_by_key(|(k, _)| PARAMS.iter().position(|p| p.key == k));
    let mut settings = Settings::default();
    for (key, value) in &pairs {
        settings
            .apply(key, value, Mode::Strict)
            .map_err(|e| e.message)?;
    }
    if settings.xmin >= settings.xmax || settings.ymin >= settings.ymax {
        return Err(
            "the view is empty: --xmin must be below --xmax (and --ymin below --ymax)".into(),
        );
    }
    let f = settings.function().map_err(|e| e.to_string())?;
    // The one builder of runs the page uses too; the command line runs the whole budget.
    let mut race = settings.race(f, 0.0, usize::MAX).map_err(|e| e.message)?;
    race.advance(u64::MAX);
    let text = trace::race(&race, format);
    let mut out = std::io::stdout().lock();
    // A closed pipe (descent … | head) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes());
    for lane in race.lanes() {
        let stop = lane.runner.stop().unwrap_or(Stop::Budget);
        if stop.diverged() {
            let run = &lane.runner;
            let hyper = run.optimizer().hyper();
            let why = explain(
                stop,
                run.trajectory(),
                race.function(),
                hyper,
                settings.domain(),
            );
            match race.lanes().len() {
                1 => eprintln!("descent: {why}"),
                _ => eprintln!("descent: {}: {why}", lane.method().key()),
            }
        }
    }
    Ok(())
}

fn presets() -> Result<(), String> {
    let mut out = String::new();
    for p in Preset::ALL {
        let i = p.info();
        let view = if i.dim == 1 {
            format!("x in [{}, {}]", i.domain.x[0], i.domain.x[1])
        } else {
            format!(
                "x in [{}, {}], y in [{}, {}]",
                i.domain.x[0], i.domain.x[1], i.domain.y[0], i.domain.y[1]
            )
        };
        let start = if i.dim == 1 {
            format!("x0 = {}", float(i.start[0]))
        } else {
            format!("(x0, y0) = ({}, {})", i.start[0], i.start[1])
        };
        out.push_str(&format!(
            "{:<15} {} =  {}\n{:<15} {}; start {}; lr {}; {} steps\n{:<15} {}\n\n",
            i.name,
            lhs(i.dim),
            pretty(i.formula),
            "",
            view,
            start,
            i.lr,
            i.steps,
            "",
            i.about
        ));
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(())
}

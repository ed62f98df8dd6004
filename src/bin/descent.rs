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

use descent::objective::{pretty, Preset};
use descent::optim::Method;
use descent::params::{param, Mode, Settings, PARAMS};
use descent::run::{explain, Runner, Trajectory};
use descent::table;
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
    u.push_str("  --format     table (default), csv or json\n");
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

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Csv,
    Json,
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
        format = match pairs.remove(i).1.as_str() {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "json" => Format::Json,
            other => return Err(format!("unknown format '{other}': use table, csv or json")),
        };
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
    let dim = descent::objective::Objective::dim(&f);
    // One run, or one per method of a race, each to its own stop.
    let mut runs = Vec::new();
    for hyper in settings.lanes() {
        let optimizer = hyper.build().map_err(|e| e.message)?;
        let mut runner = Runner::new(&f, optimizer, settings.run_config(0.0));
        runner.advance(&f, u64::MAX);
        runs.push((hyper.method, optimizer, runner));
    }
    let text = match &runs[..] {
        [(_, _, runner)] => {
            let rows = runner.trajectory().iter();
            match format {
                Format::Table => table::aligned(rows, dim),
                Format::Csv => table::csv(rows, dim),
                Format::Json => table::json(rows, dim),
            }
        }
        race => {
            let name = |m: Method| {
                if format == Format::Table {
                    m.label()
                } else {
                    m.key()
                }
            };
            let lanes: Vec<(&str, &Trajectory)> = race
                .iter()
                .map(|(m, _, runner)| (name(*m), runner.trajectory()))
                .collect();
            match format {
                Format::Table => table::race_aligned(&lanes, dim),
                Format::Csv => table::race_csv(&lanes, dim),
                Format::Json => table::race_json(&lanes, dim),
            }
        }
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (descent … | head) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes());
    for (method, optimizer, runner) in &runs {
        let stop = runner.stop().unwrap_or(descent::run::Stop::Budget);
        if stop.diverged() {
            let why = explain(stop, runner.trajectory(), &f, optimizer, settings.domain());
            match runs.len() {
                1 => eprintln!("descent: {why}"),
                _ => eprintln!("descent: {}: {why}", method.key()),
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
            format!("x0 = {}", table::float(i.start[0]))
        } else {
            format!("(x0, y0) = ({}, {})", i.start[0], i.start[1])
        };
        out.push_str(&format!(
            "{:<15} {}  {}\n{:<15} {}; start {}; lr {}; {} steps\n{:<15} {}\n\n",
            i.name,
            if i.dim == 1 { "f(x) =" } else { "f(x, y) =" },
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

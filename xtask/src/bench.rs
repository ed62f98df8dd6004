//! `cargo xtask bench`: the criterion engine benchmarks, printed as the ratios the goals are
//! stated in; the command line's streaming (time and peak memory of a million-step race); the
//! browser benchmark.

use crate::steps::{run, say};
use crate::{root, serve, tools, wasm};
use std::path::Path;
use std::process::Command;

pub fn command(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        None => {
            engine()?;
            crate::stream::command()?;
            browser()
        }
        Some("--engine") => engine(),
        Some("--cli") => crate::stream::command(),
        Some("--browser") => browser(),
        Some(extra) => Err(format!(
            "unknown option `{extra}` (try --engine, --cli or --browser, or nothing for all)"
        )),
    }
}

/// The browser benchmark: www/bench.html driven in headless Chromium, on a copy of dist/ whose
/// module has the benchmark's hooks; the sizes are the fresh dist/'s own.
fn browser() -> Result<(), String> {
    tools::browser()?;
    tools::npm_packages()?;
    wasm::dist()?;
    let site = wasm::bench_site()?;
    let server = serve::Server::start(0, serve::Site::Folder(site))?;
    say("browser benchmark (www/bench.html in headless Chromium)");
    run(
        "browser benchmark",
        Command::new("node")
            .arg(root().join("tests/e2e/bench.mjs"))
            .env("BASE_URL", format!("http://127.0.0.1:{}", server.port()))
            .env("CHROMIUM", tools::CHROMIUM),
    )
}

/// Mean time per element (ns) of a criterion benchmark, from its saved estimates.
fn per_element(id: &str) -> Result<f64, String> {
    let dir = tools::target_dir()?.join("criterion").join(id).join("new");
    let estimates = read(&dir.join("estimates.json"))?;
    let mean = number_after(&estimates, "\"mean\"", "\"point_estimate\":")
        .ok_or_else(|| format!("no mean in {id}'s estimates"))?;
    let bench = read(&dir.join("benchmark.json"))?;
    let elements = number_after(&bench, "\"throughput\"", "\"Elements\":").unwrap_or(1.0);
    Ok(mean / elements)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// The number following `key` after the first `section` in a JSON text.
fn number_after(json: &str, section: &str, key: &str) -> Option<f64> {
    let rest = &json[json.find(section)?..];
    let rest = rest[rest.find(key)? + key.len()..].trim_start();
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')))
        .unwrap_or(rest.len());
    rest[..end].parse().ok()
}

fn engine() -> Result<(), String> {
    say("engine benchmarks (criterion): cargo bench --bench engine");
    run(
        "cargo bench",
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["bench", "--bench", "engine"]),
    )?;
    let meval = per_element("eval/meval")?;
    let tape = per_element("eval/tape")?;
    let grad = per_element("eval/tape_value_grad")?;
    let steps = per_element("run/gd_1m_steps")? / 1e6;
    let verdict = |ok: bool| {
        if ok {
            "meets the goal"
        } else {
            "MISSES the goal"
        }
    };
    println!("\nengine, mean of criterion's samples:");
    println!(
        "  tape vs meval's closure on g(x):  {tape:6.1} ns vs {meval:6.1} ns per evaluation: \
         {:.1}x faster (goal: at least 8x) {}",
        meval / tape,
        verdict(meval / tape >= 8.0)
    );
    println!(
        "  value + derivative vs value:      {grad:6.1} ns vs {tape:6.1} ns: {:.2}x \
         (goal: at most 2x) {}",
        grad / tape,
        verdict(grad / tape <= 2.0)
    );
    println!(
        "  1 million GD steps on g(x):       {steps:6.1} ms (goal: under 50 ms) {}",
        verdict(steps < 50.0)
    );
    for n in ["n3", "n9"] {
        let value = per_element(&format!("vars/value_{n}"))?;
        let grad = per_element(&format!("vars/value_grad_{n}"))?;
        println!(
            "  {} variables, value + gradient:  {grad:6.1} ns vs {value:6.1} ns: {:.1}x",
            &n[1..],
            grad / value
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::number_after;

    #[test]
    fn reads_criterion_estimates() {
        let json = r#"{"mean":{"confidence_interval":{"lower_bound":1.0},"point_estimate":685.6,"standard_error":2.1},"median":{"point_estimate":9.0}}"#;
        assert_eq!(
            number_after(json, "\"mean\"", "\"point_estimate\":"),
            Some(685.6)
        );
        assert_eq!(
            number_after(json, "\"median\"", "\"point_estimate\":"),
            Some(9.0)
        );
        assert_eq!(
            number_after(
                r#"{"throughput":{"Elements":64}}"#,
                "\"throughput\"",
                "\"Elements\":"
            ),
            Some(64.0)
        );
    }
}

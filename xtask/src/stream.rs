//! `cargo xtask bench --cli`: the command line streams. A six-method race of a million steps on
//! `wells`, in every format, written to /dev/null by the release binary: its time and its peak
//! memory (the most resident memory the kernel saw it use, read from /proc while it runs), and
//! the budget of 64 MB.

use crate::steps::{run, say};
use crate::tools;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Peak memory allowed for the race, in every format.
const BUDGET_MB: f64 = 64.0;

/// The race.
const ARGS: [&str; 8] = [
    "trace",
    "--preset",
    "wells",
    "--race",
    "gd,momentum,nesterov,adagrad,rmsprop,adam",
    "--steps",
    "1000000",
    "--format",
];

pub fn command() -> Result<(), String> {
    say("the command line's million-step race (cargo build --release --bin descent)");
    run(
        "cargo build --release",
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())).args([
            "build",
            "--release",
            "--bin",
            "descent",
        ]),
    )?;
    let bin = tools::target_dir()?.join("release").join("descent");
    println!("\nsix methods × 1,000,000 steps on wells, to /dev/null:");
    let mut worst: f64 = 0.0;
    for format in ["csv", "json", "table"] {
        let start = Instant::now();
        let mut child = Command::new(&bin)
            .args(ARGS)
            .arg(format)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
        let status_file = format!("/proc/{}/status", child.id());
        let mut peak_kb = 0.0f64;
        let status = loop {
            if let Some(kb) = std::fs::read_to_string(&status_file)
                .ok()
                .as_deref()
                .and_then(high_water_kb)
            {
                peak_kb = peak_kb.max(kb);
            }
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => return Err(format!("waiting for descent: {e}")),
            }
        };
        let secs = start.elapsed().as_secs_f64();
        if !status.success() {
            return Err(format!("descent trace --format {format} failed: {status}"));
        }
        let mb = peak_kb / 1024.0;
        worst = worst.max(mb);
        println!("  {format:<6} {secs:6.2} s, peak {mb:6.1} MB");
    }
    let ok = worst <= BUDGET_MB;
    println!(
        "  peak memory at most {BUDGET_MB} MB in every format: {}",
        if ok {
            "meets the goal"
        } else {
            "MISSES the goal"
        }
    );
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the million-step race peaked at {worst:.1} MB, over {BUDGET_MB} MB"
        ))
    }
}

/// The peak resident memory (`VmHWM`, in kB) in a /proc status text.
fn high_water_kb(status: &str) -> Option<f64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::high_water_kb;

    #[test]
    fn reads_the_peak_from_proc_status() {
        let status =
            "Name:\tdescent\nVmPeak:\t   20000 kB\nVmHWM:\t    6840 kB\nVmRSS:\t 6000 kB\n";
        assert_eq!(high_water_kb(status), Some(6840.0));
        assert_eq!(high_water_kb("Name:\tx\n"), None);
    }
}

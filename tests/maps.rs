//! `descent basins | sweep | phase`, run as a user would: each row is the run `descent trace`
//! makes with that start or that rate (the page's builder), stopped where |∇f| < 1e-4 as the
//! page stops it; and every mistake is one line that names the flag.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{descent, stderr, stdout};

/// The cells of a CSV row.
fn cells(line: &str) -> Vec<&str> {
    line.split(',').collect()
}

/// The last row `descent trace` prints for `args`, stopped where the page stops (|∇f| below
/// 1e-4), as CSV cells: step, x…, f, … (the trace itself runs its whole budget, so the row of
/// the first step with |∇f| < 1e-4 is looked for).
fn page_end(args: &[&str], dim: usize) -> Vec<String> {
    let o = descent(&[&["trace", "--format", "csv"][..], args].concat());
    let text = stdout(&o);
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let grad = |r: &Vec<String>| {
        (0..dim)
            .map(|i| r[2 + dim + i].parse::<f64>().unwrap().powi(2))
            .sum::<f64>()
    };
    rows.iter()
        .find(|r| grad(r) < 1e-8)
        .unwrap_or_else(|| rows.last().unwrap())
        .clone()
}

#[test]
fn basins_rows_are_the_runs_from_each_start() {
    let o = descent(&[
        "basins", "--preset", "local", "--x0", "-2..2", "--n", "5", "--steps", "500", "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "x0,x,f,steps,stop");
    assert_eq!(lines.len(), 6);
    for (k, line) in lines[1..].iter().enumerate() {
        let x0 = (-2 + k as i32).to_string();
        let c = cells(line);
        assert_eq!(c[0], x0);
        let end = page_end(&["--preset", "local", "--steps", "500", "--x0", &x0], 1);
        assert_eq!(
            (c[1], c[2], c[3]),
            (end[1].as_str(), end[2].as_str(), end[0].as_str()),
            "from {x0}"
        );
        assert_eq!(c[4], "converged");
    }
    // Left of the hump the global minimum, right of it the local one.
    assert!(
        lines[1].contains(",-1.30") && lines[5].contains(",1.13"),
        "{text}"
    );
}

#[test]
fn a_grid_of_starts_is_n_by_n_with_y0_outer() {
    let o = descent(&[
        "basins",
        "--preset",
        "himmelblau",
        "--x0",
        "-5..5",
        "--y0",
        "-5..5",
        "--n",
        "3",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "x0,y0,x,y,f,steps,stop");
    assert_eq!(lines.len(), 10);
    let starts: Vec<(&str, &str)> = lines[1..]
        .iter()
        .map(|l| (cells(l)[0], cells(l)[1]))
        .collect();
    assert_eq!(
        &starts[..4],
        &[("-5", "-5"), ("0", "-5"), ("5", "-5"), ("-5", "0")]
    );
    let end = page_end(&["--preset", "himmelblau", "--x0", "0", "--y0", "-5"], 2);
    let c = cells(lines[2]);
    assert_eq!(
        (c[2], c[3], c[4]),
        (end[1].as_str(), end[2].as_str(), end[3].as_str())
    );
}

#[test]
fn a_sweep_steps_evenly_on_a_log_axis_and_says_which_runs_diverge() {
    let o = descent(&[
        "sweep",
        "--preset",
        "post-quadratic",
        "--lr",
        "0.001..1",
        "--n",
        "4",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "lr,x,f,steps,stop");
    let rates: Vec<f64> = lines[1..]
        .iter()
        .map(|l| cells(l)[0].parse().unwrap())
        .collect();
    assert_eq!((rates[0], rates[3]), (0.001, 1.0), "both ends exact");
    assert!((rates[1] - 0.01).abs() < 1e-15 && (rates[2] - 0.1).abs() < 1e-15);
    // η = 1 = 2/f″ sits on the edge: the ball bounces between 44.87 and −36.87 for ever.
    assert_eq!(cells(lines[4])[4], "budget");
    let past = descent(&[
        "sweep",
        "--preset",
        "post-quadratic",
        "--lr",
        "1.2..2",
        "--n",
        "2",
        "--format",
        "csv",
    ]);
    assert!(
        stdout(&past)
            .lines()
            .skip(1)
            .all(|l| l.ends_with(",escaped")),
        "{}",
        stdout(&past)
    );
    let end = page_end(&["--preset", "post-quadratic", "--lr", "0.1"], 1);
    let c = cells(lines[3]);
    assert_eq!(
        (c[1], c[2], c[3]),
        (end[1].as_str(), end[2].as_str(), end[0].as_str())
    );
}

#[test]
fn a_phase_map_crosses_rates_and_momenta_in_every_format() {
    let base = [
        "phase",
        "--preset",
        "local",
        "--lr",
        "0.001..0.03",
        "--momentum",
        "0..0.9",
        "--n",
        "2",
    ];
    let csv = stdout(&descent(&[&base[..], &["--format", "csv"]].concat()));
    assert_eq!(csv.lines().next(), Some("lr,momentum,f,steps,stop"));
    assert_eq!(csv.lines().nth(3).map(|l| &l[..10]), Some("0.001,0.9,"));
    let json = stdout(&descent(&[&base[..], &["--format", "json"]].concat()));
    assert!(
        json.starts_with("[\n  {\"lr\": 0.001, \"momentum\": 0, \"f\": "),
        "{json}"
    );
    assert!(json.ends_with("\"stop\": \"budget\"}\n]\n"), "{json}");
    let table = stdout(&descent(&base));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[0].trim_start(),
        "lr        momentum               f           steps  stop"
    );
}

#[test]
fn each_mistake_names_its_flag() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["basins", "--preset", "local", "--x0", "-2..2"],
            "--n is required",
        ),
        (
            &["basins", "--preset", "local", "--n", "5"],
            "--x0 A..B is required",
        ),
        (
            &["basins", "--preset", "local", "--x0", "2..-2", "--n", "5"],
            "the range must go up",
        ),
        (
            &["basins", "--preset", "local", "--x0", "a..b", "--n", "5"],
            "--x0 takes a range such as -3..3",
        ),
        (
            &["basins", "--preset", "local", "--x0", "-2..2", "--n", "0"],
            "--n must be a whole number from 1 to 10000",
        ),
        (
            &["basins", "--preset", "bowl", "--x0", "-2..2", "--n", "3"],
            "--y0 C..D is required",
        ),
        (
            &[
                "basins", "--preset", "local", "--x0", "-2..2", "--y0", "0..1", "--n", "3",
            ],
            "--y0 is for a function of x and y",
        ),
        (
            &["sweep", "--preset", "local", "--lr", "0..1", "--n", "3"],
            "--lr 0..1: both ends must be from 0.00001 to 10",
        ),
        (
            &[
                "phase",
                "--preset",
                "local",
                "--lr",
                "0.01..0.1",
                "--momentum",
                "0..0.5",
                "--method",
                "adam",
                "--n",
                "2",
            ],
            "phase varies the momentum",
        ),
        (
            &["sweep", "--preset", "local", "--n", "3", "--lr", "0.1..20"],
            "--lr 0.1..20: both ends must be from 0.00001 to 10",
        ),
        (
            &[
                "sweep", "--preset", "local", "--n", "3", "--lr", "0.1..1", "--bogus", "1",
            ],
            "unknown flag --bogus",
        ),
    ];
    for (args, want) in cases {
        let o = descent(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let e = stderr(&o);
        assert!(
            e.starts_with("descent: ") && e.contains(want),
            "{args:?}: {e}"
        );
        assert_eq!(e.lines().count(), 1, "{e}");
    }
}

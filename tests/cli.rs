//! `descent trace` and `descent presets`, run as a user would.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::{descent, stderr, stdout};

#[test]
fn csv_reproduces_the_posts_table() {
    let o = descent(&[
        "trace",
        "--f",
        "x^2 - 8*x + 4",
        "--x0",
        "44.86666666666667",
        "--lr",
        "0.2",
        "--steps",
        "31",
        "--format",
        "csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("step,x,f,df,lr,curv"));
    // curv = η·f″ = 0.2 × 2: under 2, so the steps do not overshoot.
    assert_eq!(
        lines.next(),
        Some("0,44.86666666666667,1658.0844444444444,81.73333333333333,0.2,0.4")
    );
    let fixture = include_str!("fixtures/quadratic_lr0.2.csv");
    for (ours, theirs) in lines.zip(fixture.lines().skip(1)) {
        let a: Vec<f64> = ours.split(',').map(|c| c.parse().unwrap()).collect();
        let b: Vec<f64> = theirs.split(',').map(|c| c.parse().unwrap()).collect();
        assert_eq!(a[0], b[0]);
        for c in 1..4 {
            assert!((a[c] - b[c]).abs() <= 1e-6, "{ours} vs {theirs}");
        }
    }
    assert_eq!(out.lines().count(), 33);
}

#[test]
fn default_budget_is_30_updates_and_floats_round_trip() {
    let o = descent(&[
        "trace",
        "--f",
        "x^2 - 4*x + 4",
        "--x0",
        "10",
        "--lr",
        "0.01",
        "--steps",
        "400",
        "--format",
        "csv",
    ]);
    let out = stdout(&o);
    assert_eq!(
        out.lines().last().unwrap().split(',').nth(1),
        Some("2.0024746869264467")
    );
    let o = descent(&["trace", "--preset", "quadratic", "--format", "csv"]);
    assert_eq!(
        stdout(&o).lines().count(),
        32,
        "a header, the start and 30 updates"
    );
}

#[test]
fn two_variables_have_their_columns_and_json_rows() {
    let o = descent(&[
        "trace", "--preset", "bowl", "--steps", "2", "--format", "csv",
    ]);
    assert_eq!(
        stdout(&o).lines().next(),
        Some("step,x,y,f,dfdx,dfdy,lr,curv")
    );
    assert_eq!(
        stdout(&o).lines().nth(2),
        Some("1,2,1.6,6.5600000000000005,4,3.2,0.1,0.2")
    );
    let o = descent(&[
        "trace",
        "--f",
        "x^2 + y^2",
        "--x0",
        "1",
        "--y0",
        "-1",
        "--lr",
        "0.25",
        "--steps",
        "1",
        "--format",
        "json",
    ]);
    let j = stdout(&o);
    assert!(j.trim_start().starts_with('['), "{j}");
    assert!(
        j.contains("{\"step\": 1, \"x\": 0.5, \"y\": -0.5, \"f\": 0.5, \"dfdx\": 1, \"dfdy\": -1, \"lr\": 0.25, \"curv\": 0.5}"),
        "{j}"
    );
}

#[test]
fn the_table_is_aligned_like_the_posts() {
    let o = descent(&["trace", "--preset", "post-quadratic", "--steps", "2"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "step           x         f(x)      f'(x)      curv"
    );
    assert_eq!(
        lines[2],
        "   1   28.520000   589.230400  49.040000  0.400000"
    );
    assert!(lines.iter().all(|l| l.len() == lines[0].len()));
}

#[test]
fn divergence_stops_says_why_and_keeps_the_rows() {
    let o = descent(&[
        "trace",
        "--preset",
        "post-quadratic",
        "--lr",
        "1.06",
        "--steps",
        "100",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    let rows = stdout(&o).lines().count() - 1;
    assert!(rows > 5 && rows < 101, "{rows} rows");
    let err = stderr(&o);
    assert!(
        err.contains(&format!("diverged at step {}", rows - 1)),
        "{err}"
    );
    assert!(err.contains("η·f″ = 2.12 > 2"), "{err}");
}

#[test]
fn momentum_zero_equals_plain_descent_and_momentum_alone_implies_the_method() {
    let base = [
        "trace", "--preset", "sine", "--steps", "40", "--format", "csv",
    ];
    let plain = stdout(&descent(&base));
    let zero = stdout(&descent(
        &[&base[..], &["--method", "momentum", "--momentum", "0"]].concat(),
    ));
    assert_eq!(plain, zero);
    let implied = stdout(&descent(&[&base[..], &["--momentum", "0.9"]].concat()));
    let explicit = stdout(&descent(
        &[&base[..], &["--momentum", "0.9", "--method", "momentum"]].concat(),
    ));
    assert_eq!(implied, explicit);
    assert_ne!(implied, plain);
}

#[test]
fn a_race_prints_each_method_as_if_it_ran_alone() {
    let base = [
        "trace", "--preset", "wells", "--steps", "12", "--format", "csv",
    ];
    let race = stdout(&descent(
        &[&base[..], &["--race", "gd,momentum,adam"]].concat(),
    ));
    let mut expected = String::from("method,step,x,y,f,dfdx,dfdy,lr,curv\n");
    for (key, extra) in [
        ("gd", &["--method", "gd"][..]),
        // In a race momentum rolls with β = 0.9 when none is set.
        ("momentum", &["--method", "momentum", "--momentum", "0.9"]),
        ("adam", &["--method", "adam"]),
    ] {
        let alone = stdout(&descent(&[&base[..], extra].concat()));
        for line in alone.lines().skip(1) {
            expected.push_str(&format!("{key},{line}\n"));
        }
    }
    assert_eq!(race, expected);
    let table = stdout(&descent(&[
        "trace", "--preset", "wells", "--steps", "2", "--race", "gd,adam",
    ]));
    assert!(table.starts_with("Gradient descent\nstep"), "{table}");
    assert!(table.contains("\n\nAdam\nstep"), "{table}");
    let bad = descent(&[&base[..], &["--race", "gd,sgd"]].concat());
    assert_eq!(bad.status.code(), Some(2));
    let both = descent(&[&base[..], &["--race", "gd,adam", "--method", "gd"]].concat());
    assert_eq!(both.status.code(), Some(2));
    assert!(stderr(&both).contains("--race"), "{}", stderr(&both));
}

#[test]
fn central_differences_differ_from_exact_in_the_last_digits() {
    let exact = stdout(&descent(&["trace", "--preset", "sine", "--format", "csv"]));
    let central = stdout(&descent(&[
        "trace", "--preset", "sine", "--grad", "central", "--h", "0.001", "--format", "csv",
    ]));
    assert_ne!(exact, central);
    let last = |s: &str| {
        s.lines()
            .last()
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .parse::<f64>()
            .unwrap()
    };
    assert!((last(&exact) - last(&central)).abs() < 1e-3);
}

#[test]
fn bad_input_is_one_clear_line_and_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["trace", "--f", "", "--x0", "1", "--lr", "0.1"],
            "--f needs a function",
        ),
        (
            &["trace", "--f", "   ", "--x0", "1", "--lr", "0.1"],
            "--f needs a function",
        ),
        (
            &["trace", "--preset", "local", "--steps", "1.5"],
            "Steps must be a whole number, not 1.5",
        ),
        (
            &["trace", "--preset", "local", "--race", "gd,gd"],
            "Race: 'gd' is listed twice",
        ),
        (
            &["trace", "--preset", "local", "--race", ""],
            "--race needs the methods to race",
        ),
        (
            &[
                "trace", "--f", "x^2", "--preset", "local", "--x0", "1", "--lr", "0.1",
            ],
            "give --f or --preset, not both",
        ),
        (
            &["trace", "--f", "x^2 + y^2", "--x0", "1", "--lr", "0.1"],
            "--y0 is required with a function of x and y",
        ),
        (
            &["trace", "--f", "1/x", "--x0", "0", "--lr", "0.1"],
            "f is not a finite number at the start",
        ),
        (
            &["trace", "--preset", "local", "--method", "nesterov"],
            "Nesterov needs momentum: add --momentum",
        ),
        (
            &[
                "trace",
                "--preset",
                "local",
                "--method",
                "nesterov",
                "--momentum",
                "0",
            ],
            "Nesterov needs momentum",
        ),
        (
            &["trace", "--preset", "local", "--decay", "0.5"],
            "Decay must be from 0.9 to 1 (got 0.5)",
        ),
        (
            &["trace", "--preset", "local", "--momentum", "0.995"],
            "Momentum must be from 0 to 0.99 (got 0.995)",
        ),
        (
            &["trace", "--f", "x^2 + w", "--x0", "1", "--lr", "0.1"],
            "unknown variable w at position 7",
        ),
        (
            &["trace", "--f", "x^2 + x10", "--x0", "1", "--lr", "0.1"],
            "unknown variable x10 at position 7: variables go from x1 to x9",
        ),
        (
            &["trace", "--f", "x^2 + x2", "--x0", "1", "--lr", "0.1"],
            "x and x2 mix two ways of naming variables",
        ),
        (
            &[
                "trace",
                "--f",
                "x^2 + y^2 + z^2",
                "--start",
                "1,2",
                "--lr",
                "0.1",
            ],
            "Start needs 3 numbers, one per variable (x, y, z); got 2",
        ),
        (
            &["trace", "--preset", "bowl", "--start", "1,2,3"],
            "Start needs 2 numbers, one per variable (x, y); got 3",
        ),
        (
            &[
                "trace",
                "--f",
                "x^2 + z^2",
                "--start",
                "1,a,3",
                "--lr",
                "0.1",
            ],
            "Start: 'a' must be a number within ±1e9",
        ),
        (
            &[
                "trace",
                "--f",
                "x^2 + z^2",
                "--x0",
                "1",
                "--y0",
                "2",
                "--lr",
                "0.1",
            ],
            "--y0 and --z0 (or --start) are required with a function of x, y and z",
        ),
        (
            &["trace", "--f", "x1 + x4", "--x0", "1", "--lr", "0.1"],
            "--start is required with a function of x1, x2, x3, x4: one number for each",
        ),
        (
            &[
                "trace",
                "--f",
                "x1^2 + x2^2 + x3^2",
                "--x0",
                "1",
                "--y0",
                "2",
                "--z0",
                "3",
                "--lr",
                "0.1",
            ],
            "--start is required with a function of x1, x2, x3: one number for each",
        ),
        (
            &[
                "trace",
                "--f",
                "x^2 + y^2",
                "--x0",
                "1",
                "--y0",
                "2",
                "--z0",
                "3",
                "--lr",
                "0.1",
            ],
            "--z0 is for a function of x, y and z; this one is a function of x, y",
        ),
        (
            &[
                "trace",
                "--f",
                "x^2 + y^2 + z^",
                "--start",
                "1,2,3",
                "--lr",
                "0.1",
            ],
            "the expression ends too early at position 15",
        ),
        (
            &[
                "trace",
                "--f",
                "x^2 + z^2",
                "--start",
                "1,2,3",
                "--z0",
                "1",
                "--lr",
                "0.1",
            ],
            "give --start or --x0/--y0/--z0, not both",
        ),
        (
            &["trace", "--f", "(x", "--x0", "1", "--lr", "0.1"],
            "missing ')'",
        ),
        (
            &["trace", "--preset", "nope"],
            "unknown function 'nope': choose one of quadratic",
        ),
        (
            &["trace", "--preset", "quadratic", "--lr", "-1"],
            "Learning rate must be from",
        ),
        (
            &["trace", "--preset", "quadratic", "--lr", "abc"],
            "Learning rate must be a number",
        ),
        (
            &["trace", "--preset", "quadratic", "--method", "sgd"],
            "unknown method 'sgd'",
        ),
        (
            &["trace", "--preset", "quadratic", "--bogus", "1"],
            "unknown flag --bogus",
        ),
        (
            &["trace", "--preset", "quadratic", "--format", "xml"],
            "unknown format 'xml'",
        ),
        (
            &["trace", "--f", "x^2", "--lr", "0.1"],
            "--start (or --x0) is required with --f",
        ),
        (&["trace", "--x0", "1"], "--f EXPR or --preset NAME"),
        (&["trace", "--preset"], "--preset needs a value"),
        (&["fly"], "unknown command 'fly'"),
    ];
    for (args, message) in cases {
        let o = descent(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("descent: ") && err.contains(message),
            "{args:?}: {err}"
        );
        assert!(o.stdout.is_empty());
    }
}

#[test]
fn presets_lists_every_function_with_its_formula() {
    let out = stdout(&descent(&["presets"]));
    for name in [
        "quadratic",
        "sine",
        "local",
        "notch",
        "post-quadratic",
        "post-quartic",
        "bowl",
        "rosenbrock",
        "himmelblau",
        "saddle",
        "beale",
        "wells",
    ] {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name} missing");
    }
    assert!(out.contains("x² − 8x + 4"));
    assert!(out.contains("(x² + y²)/20 − cos(x)·cos(y)"));
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_text_is_refused_without_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(["trace", "--f"])
        .arg(std::ffi::OsStr::from_bytes(b"x\xff"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "descent: argument 3 is not valid text (UTF-8): 'x\u{fffd}'\n"
    );
    let help = descent(&["trace", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).starts_with("usage:"));
}

/// The `lr` column, row by row: η_t for each schedule, as PyTorch's schedulers compute it.
#[test]
fn schedules_set_each_row_s_learning_rate() {
    let lrs = |extra: &[&str]| -> Vec<f64> {
        let base = [
            "trace",
            "--preset",
            "quadratic",
            "--lr",
            "0.8",
            "--steps",
            "6",
            "--format",
            "csv",
        ];
        let o = descent(&[&base[..], extra].concat());
        assert!(o.status.success(), "{}", stderr(&o));
        stdout(&o)
            .lines()
            .skip(1)
            .map(|l| l.rsplit(',').nth(1).unwrap().parse().unwrap())
            .collect()
    };
    assert_eq!(lrs(&[]), [0.8; 7]);
    let close = |got: Vec<f64>, want: &dyn Fn(i32) -> f64| {
        for (t, g) in got.iter().enumerate() {
            let w = want(t as i32);
            assert!((g - w).abs() < 1e-15, "row {t}: {g} vs {w}");
        }
    };
    // Exponential: γ every step. Step: γ every 2 steps, from step 2.
    close(lrs(&["--decay", "0.9"]), &|t| 0.8 * 0.9f64.powi(t));
    close(
        lrs(&["--schedule", "step", "--step-size", "2", "--decay", "0.9"]),
        &|t| 0.8 * 0.9f64.powi(t / 2),
    );
    let step = lrs(&["--schedule", "step", "--step-size", "2", "--decay", "0.9"]);
    assert!(step[0] == step[1] && step[1] > step[2] && step[2] == step[3]);
    let cosine = lrs(&["--schedule", "cosine"]);
    for (t, got) in cosine.iter().enumerate() {
        let want = 0.8 * (1.0 + (std::f64::consts::PI * t as f64 / 6.0).cos()) / 2.0;
        assert!((got - want).abs() < 1e-15, "row {t}: {got} vs {want}");
    }
    assert_eq!(cosine[0], 0.8);
    assert!(
        cosine[6].abs() < 1e-16,
        "zero at the end of the budget: {}",
        cosine[6]
    );
    assert_eq!(
        lrs(&["--warmup", "4"]),
        [0.2, 0.4, 0.6000000000000001, 0.8, 0.8, 0.8, 0.8]
    );
    // Cosine ignores the decay; a bad step size or schedule is refused by name.
    assert_eq!(lrs(&["--schedule", "cosine", "--decay", "0.9"]), cosine);
    let bad = descent(&["trace", "--preset", "quadratic", "--schedule", "linear"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown schedule 'linear': choose one of exp, step, cosine"));
    let bad = descent(&["trace", "--preset", "quadratic", "--step-size", "0"]);
    assert!(stderr(&bad).contains("Step size must be from 1 to 1000000 (got 0)"));
}

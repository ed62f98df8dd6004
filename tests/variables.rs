//! Functions of up to nine variables: the Python walk-through's third program number for
//! number, every method and schedule in n dimensions, and the command line's `--start`.

use descent::objective::{Expr, Function, Objective};
use descent::run::Race;
use descent::settings::{Mode, Settings};
use std::sync::Arc;

/// The race `pairs` describe, run to its end.
fn run(pairs: &[(&str, &str)]) -> Race {
    let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Strict);
    assert!(notes.is_empty(), "{notes:?}");
    let mut race = s.race(s.function().unwrap(), 0.0, usize::MAX).unwrap();
    race.advance(u64::MAX);
    race
}

/// The walk-through's third program: f(x, y, z) = x² − 2x + y² + z² + zy from (2, −5, 7),
/// η = 0.05, central differences with h = 1e-5, 400 steps.
fn third_program(f: &str) -> Race {
    run(&[
        ("f", f),
        ("start", "2, -5, 7"),
        ("lr", "0.05"),
        ("grad", "central"),
        ("h", "1e-5"),
        ("steps", "400"),
    ])
}

/// `v` as the walk-through prints it: 9 significant digits (numpy's default print).
fn printed(v: f64) -> String {
    let s = format!("{v:.8e}");
    let (mantissa, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if (-4..16).contains(&exp) {
        let digits = (8 - exp).max(0) as usize;
        let t = format!("{v:.digits$}");
        let t = t.trim_end_matches('0');
        t.strip_suffix('.')
            .map_or(t.to_string(), |t| format!("{t}.0"))
    } else {
        format!(
            "{}e{}{:02}",
            mantissa.trim_end_matches('0'),
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        )
    }
}

#[test]
fn the_walk_through_s_third_program_comes_out_as_it_printed() {
    let race = third_program("x^2 - 2*x + y^2 + z^2 + z*y");
    let rows = race.lanes()[0].rows();
    let at = |k: usize| {
        let r = &rows[k];
        assert_eq!(r.step, k as u64);
        r.x[..3].iter().map(|&v| printed(v)).collect::<Vec<_>>()
    };
    assert_eq!(at(100), ["1.00002656", "-0.0355230878", "0.0355232628"]);
    // The printout's 8 decimals of the same numbers.
    let r = &rows[100];
    assert_eq!(
        [r.x[0], r.x[1], r.x[2]].map(|v| format!("{v:.8}")),
        ["1.00002656", "-0.03552309", "0.03552326"]
    );
    assert_eq!(format!("{:.8e}", rows[300].x[1]), "-1.24518145e-6");
    let end = &rows[400];
    assert_eq!(rows.len(), 401);
    assert_eq!(format!("{:.1}", end.x[0]), "1.0");
    assert_eq!(format!("{:.8e}", end.x[1]), "-7.37243155e-9");
    assert_eq!(format!("{:.8e}", end.x[2]), "7.37237427e-9");
    assert_eq!(end.f, -1.0);
}

/// The digits depend on the order the function's terms are added in: the same function
/// written in another order ends elsewhere in the last digits, so the test above checks the
/// order too.
#[test]
fn another_rounding_order_gives_other_digits() {
    let race = third_program("z*y + z^2 + y^2 - 2*x + x^2");
    let end = race.lanes()[0].rows()[400];
    assert!((end.x[1] + 7.37243155e-9).abs() < 1e-12, "the same minimum");
    assert_ne!(
        (format!("{:.8e}", end.x[1]), format!("{:.8e}", end.x[2])),
        ("-7.37243155e-9".to_string(), "7.37237427e-9".to_string())
    );
}

/// Every method updates each coordinate on its own, so on a sum of one-variable terms each
/// coordinate of an n-variable run follows the one-variable run of its own term, bit for bit,
/// with every method and every schedule.
#[test]
fn each_coordinate_runs_as_its_own_curve_with_every_method_and_schedule() {
    let terms = [
        "(x1 - 1)^2",
        "x2^4/4",
        "(x3 + 2)^2",
        "sin(x4)",
        "x5^2",
        "x6^2/9",
        "x7^2",
        "(x8 - 3)^2",
        "x9^2/2",
    ];
    let starts = ["2", "1.5", "-4", "0.5", "3", "-6", "1", "5", "-2"];
    let sum = terms.join(" + ");
    let schedules: &[&[(&str, &str)]] = &[
        &[("decay", "0.97")],
        &[("schedule", "step"), ("stepsize", "7"), ("decay", "0.9")],
        &[("schedule", "cosine"), ("warmup", "5")],
    ];
    for method in ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"] {
        for schedule in schedules {
            let mut pairs = vec![
                ("f", sum.as_str()),
                ("method", method),
                ("momentum", "0.8"),
                ("lr", "0.05"),
                ("steps", "40"),
            ];
            pairs.extend_from_slice(schedule);
            let start = starts.join(",");
            pairs.push(("start", start.as_str()));
            let all = run(&pairs);
            assert_eq!(all.dim(), 9);
            for (i, term) in terms.iter().enumerate() {
                let one = term.replace(&format!("x{}", i + 1), "x");
                let mut single = pairs.clone();
                single.retain(|(k, _)| *k != "f" && *k != "start");
                single.insert(0, ("f", one.as_str()));
                single.push(("x0", starts[i]));
                let alone = run(&single);
                let (a, b) = (all.lanes()[0].rows(), alone.lanes()[0].rows());
                assert_eq!(a.len(), b.len(), "{method} {schedule:?} x{}", i + 1);
                for (ra, rb) in a.iter().zip(b) {
                    assert_eq!(
                        ra.x[i],
                        rb.x[0],
                        "{method} {schedule:?} x{} at {}",
                        i + 1,
                        ra.step
                    );
                    assert_eq!(ra.g[i], rb.g[0]);
                    assert_eq!(ra.lr, rb.lr);
                }
            }
        }
    }
}

#[test]
fn a_start_is_one_number_per_variable() {
    let f = |src: &str| Function::Typed(Arc::new(Expr::parse(src).unwrap()));
    assert_eq!(Objective::names(&f("x3 + x1")), ["x1", "x2", "x3"]);
    let mut s = Settings::default();
    s.apply("f", "x^2 + y^2 + z^2", Mode::Strict).unwrap();
    s.apply("start", "2, -5,7 ", Mode::Strict).unwrap();
    assert_eq!(&s.start()[..4], [2.0, -5.0, 7.0, 0.0]);
    assert_eq!((s.x0, s.y0, s.rest[0]), (2.0, -5.0, 7.0));
    let e = s.apply("start", "1, 2", Mode::Lenient).unwrap_err();
    assert_eq!(
        e.message,
        "Start needs 3 numbers, one per variable (x, y, z); got 2"
    );
    let e = s.apply("start", "1, NaN, 2", Mode::Lenient).unwrap_err();
    assert!(
        e.message
            .starts_with("Start: 'NaN' must be a number within ±1e9"),
        "{}",
        e.message
    );
    assert!(s.apply("start", "1, 2, 1e10", Mode::Lenient).is_err());
    assert_eq!(
        &s.start()[..3],
        [2.0, -5.0, 7.0],
        "the last good start stays"
    );
    // Sliders for a curve or a surface; a Start box from three variables on.
    let matters = |key| s.matters(key, s.dim());
    assert!(matters("start") && !matters("x0") && !matters("y0") && !matters("z0"));
    // A link carries start=, not x0 and y0.
    let pairs = s.changed_pairs();
    let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
    assert!(keys.contains(&"start") && !keys.contains(&"x0"), "{keys:?}");
    assert!(pairs.contains(&("start", "2,-5,7".to_string())));
    let (back, notes) =
        Settings::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())), Mode::Strict);
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(back.start(), s.start());
    // z0 works as the command line's flag and in old links.
    let (z, _) = Settings::from_pairs(
        [("f", "x+y+z"), ("x0", "1"), ("y0", "2"), ("z0", "3")],
        Mode::Strict,
    );
    assert_eq!(&z.start()[..3], [1.0, 2.0, 3.0]);
    // A typed function that does not parse: the start is counted for the preset shown.
    let (b, notes) = Settings::from_pairs(
        [("preset", "bowl"), ("f", "x^2 + y^2 +"), ("start", "1, 2")],
        Mode::Lenient,
    );
    assert!(notes.is_empty(), "{notes:?}");
    assert_eq!(&b.start()[..2], [1.0, 2.0]);
    // On a curve the start box does not matter, and x0 does.
    let c = Settings::default();
    assert!(!c.matters("start", c.dim()) && c.matters("x0", c.dim()));
}

//! Explain mode and challenges, driven as the page drives them: the This step panel's numbers
//! are the trace table's, the scrubber moves the balls, the legend picks the method explained,
//! and a challenge says whether the run met its goal.
#![cfg(not(target_arch = "wasm32"))]

use descent::demo::{Action, Demo};
use descent::settings::{Mode, Settings};

fn demo(pairs: &[(&str, &str)]) -> Demo {
    let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Lenient);
    assert!(notes.is_empty(), "{notes:?}");
    let mut d = Demo::new(s, &notes, false);
    d.apply(Action::Visible(true));
    d
}

/// The last number of a line ("… = 5.906680" → "5.906680").
fn result(line: &str) -> &str {
    line.rsplit("= ").next().unwrap()
}

#[test]
fn the_panel_s_numbers_are_the_trace_table_s() {
    for method in ["gd", "momentum", "adam"] {
        let mut d = demo(&[
            ("explain", "1"),
            ("method", method),
            ("momentum", "0.5"),
            ("preset", "post-quadratic"),
        ]);
        let table = d.table();
        for k in [0usize, 4, 9] {
            d.apply(Action::Seek(k));
            let w = d.words();
            let e = w.explained.expect("Explain is on");
            assert_eq!(e.title, "This step");
            let last = e.lines.last().unwrap();
            // The step from the ball: from the table's x at step k to its x at k + 1.
            assert_eq!(
                result(last),
                table.rows[k + 1][1],
                "{method} step {k}: {last}"
            );
            assert!(
                last.contains(&format!("= {} − ", table.rows[k][1])),
                "{method} step {k}: {last}"
            );
            // The rate and the slope are the table's η and f′ at k.
            assert!(last.contains(&table.rows[k][4]), "{last}");
            if method == "gd" {
                assert!(last.contains(&table.rows[k][3]), "{last}");
            }
            let (c, sentence) = e.gauge.unwrap();
            assert_eq!(
                descent::fmt::readable(c),
                table.rows[k][5],
                "curv at the ball"
            );
            assert!(sentence.contains("η·f″"), "{sentence}");
        }
    }
    assert!(demo(&[]).words().explained.is_none(), "off by default");
}

#[test]
fn the_gauge_says_2_12_at_the_post_s_rate_of_1_06() {
    let d = demo(&[
        ("explain", "1"),
        ("preset", "post-quadratic"),
        ("lr", "1.06"),
    ]);
    let (c, sentence) = d.words().explained.unwrap().gauge.unwrap();
    assert_eq!(c, 2.12);
    assert_eq!(sentence, "Steps overshoot where η·f″ > 2; here it is 2.12.");
}

#[test]
fn arrows_split_the_step_into_the_gradient_s_and_what_momentum_carries() {
    let mut d = demo(&[
        ("explain", "1"),
        ("method", "momentum"),
        ("momentum", "0.5"),
    ]);
    d.apply(Action::Seek(1));
    let a = d.arrows().unwrap();
    // f = x² from 8, η = 0.1: x₁ = 6.4, v₁ = 16; g₁ = 12.8, v₂ = 20.8, Δ = −2.08.
    assert_eq!(a.from, [6.4, 6.4f64 * 6.4], "from (x₁, f(x₁))");
    assert!((a.gradient[0] + 1.28).abs() < 1e-12);
    assert!((a.step[0] + 2.08).abs() < 1e-12);
    assert!((a.carried.unwrap()[0] + 0.8).abs() < 1e-12, "β·v₁·η = 0.8");
    let gd = demo(&[("explain", "1"), ("preset", "bowl"), ("method", "adam")]);
    let a = gd.arrows().unwrap();
    assert_eq!(a.carried, None, "Adam carries no velocity arrow");
    assert_ne!(a.step, a.gradient, "its scaling changes the step");
    assert!(demo(&[]).arrows().is_none(), "no arrows without Explain");
}

#[test]
fn the_scrubber_moves_the_balls_and_the_status() {
    let mut d = demo(&[]);
    let dirty = d.apply(Action::Seek(17));
    assert!(dirty.marks && dirty.words && dirty.link);
    assert_eq!(d.playback().t(), 17);
    assert!(!d.playback().playing());
    assert!(
        d.words().status.starts_with("step 17 of 30 "),
        "{}",
        d.words().status
    );
    assert_eq!(d.words().at, (17, 30));
    d.apply(Action::Seek(1_000_000));
    assert_eq!(d.playback().t(), 30, "clamped to the budget");
}

#[test]
fn in_a_race_the_panel_follows_the_method_picked_in_the_legend() {
    let mut d = demo(&[("explain", "1"), ("race", "gd,adam")]);
    d.apply(Action::Seek(2));
    assert_eq!(
        d.words().explained.unwrap().title,
        "This step · Gradient descent"
    );
    let dirty = d.apply(Action::Pick(1));
    assert!(dirty.words && dirty.marks);
    let w = d.words();
    assert_eq!(w.picked, 1);
    let e = w.explained.unwrap();
    assert_eq!(e.title, "This step · Adam");
    assert!(e.lines[0].starts_with("m₃ = β₁·m₂"), "{:?}", e.lines);
    d.apply(Action::Pick(9));
    assert_eq!(
        d.words().picked,
        1,
        "a lane that does not exist picks the last"
    );
}

#[test]
fn a_challenge_reports_success_after_the_right_change_and_failure_before_it() {
    // f = x² − 8x + 4, lowest −12 at x = 4: η = 0.01 crawls, η = 0.5 = 1/f″ lands at once.
    let mut d = demo(&[
        ("preset", "post-quadratic"),
        ("lr", "0.01"),
        ("goal", "-11.99"),
        ("within", "10"),
    ]);
    assert_eq!(
        d.words().goal.as_deref(),
        Some("Reach f ≤ −11.99 within 10 steps")
    );
    d.apply(Action::Seek(9));
    assert!(d.words().status.starts_with("step 9 of "), "not known yet");
    d.apply(Action::Seek(10));
    let missed = d.words().status;
    assert!(
        missed.starts_with("Goal missed: the lowest f within 10 steps was "),
        "{missed}"
    );
    d.apply(Action::Set {
        key: "lr".into(),
        value: "0.5".into(),
    });
    d.apply(Action::Seek(10));
    let made = d.words().status;
    assert!(made.starts_with("Goal reached at step 1 · "), "{made}");
}

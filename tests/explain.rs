//! Explain mode and challenges, driven as the page drives them: the This step panel's numbers
//! are the trace table's, the scrubber moves the balls, the legend picks the method explained,
//! and a challenge says whether the run met its goal.
#![cfg(not(target_arch = "wasm32"))]

use descent::demo::{read_out, Action};

mod support;
use support::demo;

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
            let g = e.gauge.unwrap();
            assert_eq!(
                descent::fmt::readable(g.value),
                table.rows[k][5],
                "curv at the ball"
            );
            assert!(g.words.contains("η·f″"), "{}", g.words);
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
    let g = d.words().explained.unwrap().gauge.unwrap();
    assert_eq!((g.value, g.limit), (2.12, Some(2.0)));
    assert_eq!(g.words, "Steps overshoot where η·f″ > 2; here it is 2.12.");
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

/// On a surface the arrows have both coordinates: the gradient step, what momentum carries
/// and the step taken, from the ball's (x, y).
#[test]
fn on_a_surface_the_arrows_split_the_step_in_x_and_y() {
    let mut d = demo(&[
        ("explain", "1"),
        ("preset", "bowl"),
        ("method", "momentum"),
        ("momentum", "0.5"),
    ]);
    d.apply(Action::Seek(1));
    let a = d.arrows().unwrap();
    // x² + y² from (2.5, 2), η = 0.1: x₁ = (2, 1.6), v₁ = (5, 4); g₁ = (4, 3.2),
    // v₂ = 0.5·v₁ + g₁ = (6.5, 5.2), Δ = −0.1·v₂ = (−0.65, −0.52), of which −0.1·g₁ =
    // (−0.4, −0.32) is the gradient's and (−0.25, −0.2) carried.
    let near =
        |p: [f64; 2], q: [f64; 2]| (p[0] - q[0]).abs() < 1e-12 && (p[1] - q[1]).abs() < 1e-12;
    assert!(near(a.from, [2.0, 1.6]), "{a:?}");
    assert!(near(a.gradient, [-0.4, -0.32]), "{a:?}");
    assert!(near(a.step, [-0.65, -0.52]), "{a:?}");
    assert!(near(a.carried.unwrap(), [-0.25, -0.2]), "{a:?}");
    assert_eq!(a.dim, 2);
}

/// The read-out over the loss chart: f at the step under the pointer (the last step past
/// the end), each method's in a race.
#[test]
fn the_loss_read_out_gives_f_at_the_step_under_the_pointer() {
    // f = x² from 8, η = 0.1: f = 64·0.64^k; 6.8719 at step 5, 9.808·10⁻⁵ at 30, the last.
    let d = demo(&[]);
    assert_eq!(d.loss_read_out(5), "step 5 · f = 6.8719");
    assert_eq!(d.loss_read_out(1000), "step 30 · f = 9.808×10⁻⁵");
    // x₂ = 8·0.8² = 5.12 for gradient descent, 4.32 for momentum 0.5 (6.4 − 0.1 × 20.8).
    let race = demo(&[("race", "gd,momentum"), ("momentum", "0.5")]);
    assert_eq!(
        race.loss_read_out(2),
        "step 2 · Gradient descent: f = 26.2144 · Momentum: f = 18.6624"
    );
}

/// The read-out under the pointer: where it is, f there and the slope (the gradient on a
/// surface).
#[test]
fn the_read_out_gives_f_and_its_slope_under_the_pointer() {
    let d = demo(&[]);
    assert_eq!(
        read_out(d.race().function(), [-1.5, 0.0]),
        "x = −1.5 · f(x) = 2.25 · f′(x) = −3"
    );
    let bowl = demo(&[("preset", "bowl")]);
    assert_eq!(
        read_out(bowl.race().function(), [1.0, -2.0]),
        "(x, y) = (1, −2) · f = 5 · ∇f = (2, −4)"
    );
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
    assert!(
        !d.words().live,
        "the scrubber's own value speaks; the status keeps quiet"
    );
    d.apply(Action::Step);
    assert!(d.words().live, "a step is said");
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

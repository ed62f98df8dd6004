//! The numeric core against the posts' tables, hand-worked steps and the lessons it must teach.
#![cfg(not(target_arch = "wasm32"))]

use descent::objective::preset::Domain;
use descent::objective::{central_gradient, Expr, Objective, Preset};
use descent::optim::{Hyper, Method};
use descent::run::{multi_start, trace, RunConfig, Starts, Stop, Trace};
use descent::words::explain;

fn run(f: &dyn Objective, h: Hyper, x0: f64, steps: u64, domain: Domain) -> Trace {
    trace(
        f,
        h.build().unwrap(),
        RunConfig::new(&[x0, 0.0], steps, domain),
    )
}

fn gd(lr: f64) -> Hyper {
    Hyper {
        lr,
        ..Hyper::default()
    }
}

/// Source: the post "What is Gradient Descent?", via shared/fixtures (see tests/fixtures).
#[test]
fn reproduces_the_posts_table_for_learning_rate_0_2() {
    let table = include_str!("fixtures/quadratic_lr0.2.csv");
    let f = Expr::parse("x^2 - 8*x + 4").unwrap();
    let t = run(
        &f,
        gd(0.2),
        134.6 / 3.0,
        31,
        Preset::PostQuadratic.info().domain,
    );
    assert_eq!(t.stop, Stop::Budget);
    let rows = t.trajectory.rows();
    let mut checked = 0;
    for line in table.lines().skip(1) {
        let v: Vec<f64> = line.split(',').map(|c| c.parse().unwrap()).collect();
        let r = &rows[v[0] as usize];
        assert_eq!(r.step, v[0] as u64);
        for (got, want) in [(r.x[0], v[1]), (r.f, v[2]), (r.g[0], v[3])] {
            assert!(
                (got - want).abs() <= 1e-6,
                "step {}: got {got}, the post prints {want}",
                r.step
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 31);
}

#[test]
fn python_walk_through_ends_at_its_printed_value() {
    let f = Expr::parse("x^2 - 4*x + 4").unwrap();
    let t = run(
        &f,
        gd(0.01),
        10.0,
        400,
        Domain::new([-10.0, 20.0], [0.0, 1.0]),
    );
    assert_eq!(t.last().step, 400);
    assert_eq!(t.last().x[0], 2.0024746869264467);
}

/// f(x) = x², x0 = 1, so g = 2x; the expected values were worked by hand from each rule.
#[test]
fn each_optimizer_takes_its_first_three_steps_as_worked_by_hand() {
    let cases = [
        (Method::Gd, 0.1, [0.8, 0.64, 0.512]),
        // v = 2, 0.9·2 + 1.6 = 3.4, 0.9·3.4 + 0.92 = 3.98
        (Method::Momentum, 0.1, [0.8, 0.46, 0.062]),
        // x1 = 1 − 0.1·(2 + 0.9·2); x2 = 0.62 − 0.1·(1.24 + 0.9·3.04); …
        (Method::Nesterov, 0.1, [0.62, 0.2224, -0.108352]),
        // s = 4, 7.24, 10.0162…; x − η·g/√s
        (
            Method::AdaGrad,
            0.1,
            [0.900000000005, 0.833103526845, 0.780456181357],
        ),
        // s = 0.04, 0.072, …; x − η·g/(√s + 1e-8)
        (
            Method::RmsProp,
            0.01,
            [0.900000005, 0.832917967970, 0.779982273244],
        ),
        // m̂ = 2, ŝ = 4 on the first step: x1 = 1 − 0.1·2/(2 + 1e-8)
        (
            Method::Adam,
            0.1,
            [0.9000000005, 0.800412228692, 0.701586272946],
        ),
    ];
    let f = Preset::Quadratic;
    for (method, lr, want) in cases {
        let h = Hyper {
            method,
            lr,
            momentum: 0.9,
            decay: 1.0,
            ..Hyper::default()
        };
        let t = run(&f, h, 1.0, 3, Preset::Quadratic.info().domain);
        for (k, w) in want.iter().enumerate() {
            let got = t.trajectory.rows()[k + 1].x[0];
            assert!(
                (got - w).abs() < 1e-11,
                "{method:?} step {}: {got} vs {w}",
                k + 1
            );
        }
    }
}

#[test]
fn momentum_zero_is_plain_descent_and_decay_shrinks_the_rate() {
    let f = Preset::Sine;
    let d = Preset::Sine.info().domain;
    let plain = run(&f, gd(0.05), 3.5, 50, d);
    let heavy = run(
        &f,
        Hyper {
            method: Method::Momentum,
            momentum: 0.0,
            ..gd(0.05)
        },
        3.5,
        50,
        d,
    );
    assert_eq!(plain.trajectory.rows(), heavy.trajectory.rows());
    let decayed = run(
        &f,
        Hyper {
            decay: 0.5,
            ..gd(0.05)
        },
        3.5,
        3,
        d,
    );
    let lrs: Vec<f64> = decayed.trajectory.rows().iter().map(|r| r.lr).collect();
    assert_eq!(lrs, [0.05, 0.025, 0.0125, 0.00625]);
}

#[test]
fn divergence_is_detected_and_explained_for_learning_rate_1_06() {
    let f = Preset::PostQuadratic;
    let d = Preset::PostQuadratic.info().domain;
    let opt = gd(1.06).build().unwrap();
    let t = trace(&f, opt, RunConfig::new(&[134.6 / 3.0, 0.0], 200, d));
    let Stop::Escaped { step } = t.stop else {
        panic!("expected divergence, got {:?}", t.stop)
    };
    assert!(step < 40, "noticed only at step {step}");
    // |x − 4| grows by |1 − 2·1.06| = 1.12 each step.
    let rows = t.trajectory.rows();
    for w in rows.windows(2) {
        let ratio = (w[1].x[0] - 4.0).abs() / (w[0].x[0] - 4.0).abs();
        assert!((ratio - 1.12).abs() < 1e-9);
    }
    let why = explain(t.stop, &t.trajectory, &f, opt.hyper(), d);
    assert!(
        why.starts_with(&format!("diverged at step {step}")),
        "{why}"
    );
    assert!(why.contains("η·f″ = 2.12 > 2"), "{why}");
}

#[test]
fn a_function_without_minimum_runs_off_and_a_bad_domain_is_not_finite() {
    let line = Expr::parse("-x").unwrap();
    let d = Domain::new([-10.0, 10.0], [-10.0, 10.0]);
    let opt = gd(1.0).build().unwrap();
    let t = trace(&line, opt, RunConfig::new(&[0.0, 0.0], 1000, d));
    assert!(matches!(t.stop, Stop::Escaped { .. }));
    assert!(explain(t.stop, &t.trajectory, &line, opt.hyper(), d).contains("no minimum"));

    let log = Expr::parse("ln(x)").unwrap();
    let t = trace(&log, opt, RunConfig::new(&[0.5, 0.0], 10, d));
    assert!(
        matches!(t.stop, Stop::NotFinite { step: 1, .. }),
        "{:?}",
        t.stop
    );
    let why = explain(t.stop, &t.trajectory, &log, opt.hyper(), d);
    assert_eq!(
        why,
        "diverged at step 1: f is not a finite number at x = −1.5: f is not defined there"
    );

    let steep = Expr::parse("exp(400*x) + y").unwrap();
    let t = trace(&steep, opt, RunConfig::new(&[2.5, 1.0], 10, d));
    let why = explain(t.stop, &t.trajectory, &steep, opt.hyper(), d);
    assert_eq!(
        why,
        "f is not a finite number at the start (x, y) = (2.5, 1): f is too large there to be a number"
    );
    let pit = Expr::parse("-1/x^2").unwrap();
    let t = trace(&pit, opt, RunConfig::new(&[0.0, 0.0], 10, d));
    let why = explain(t.stop, &t.trajectory, &pit, opt.hyper(), d);
    assert!(why.ends_with("f falls without bound there"), "{why}");
}

#[test]
fn converges_when_the_gradient_vanishes() {
    let f = Preset::Quadratic;
    let opt = gd(0.1).build().unwrap();
    let config = RunConfig {
        tolerance: 1e-6,
        ..RunConfig::new(&[8.0, 0.0], 1000, Preset::Quadratic.info().domain)
    };
    let t = trace(&f, opt, config);
    // |g_k| = 16·0.8^k < 1e-6 first at k = 75.
    assert_eq!(t.stop, Stop::Converged { step: 75 });
    assert_eq!(t.stop.to_string(), "converged at step 75");
}

#[test]
fn exact_derivative_agrees_with_central_difference_on_every_preset() {
    for p in Preset::ALL.into_iter().filter(|p| p.model().is_none()) {
        let i = p.info();
        for k in 0..25 {
            let t = (k as f64 + 0.5) / 25.0;
            let q = [
                i.domain.x[0] + t * (i.domain.x[1] - i.domain.x[0]),
                if i.dim == 2 {
                    i.domain.y[1] - t * (i.domain.y[1] - i.domain.y[0])
                } else {
                    0.0
                },
            ];
            let exact = p.value_grad(&q).1;
            let num = central_gradient(&p, &q, 1e-6);
            for c in 0..i.dim {
                assert!(
                    (exact[c] - num[c]).abs() <= 1e-4 * (1.0 + exact[c].abs()),
                    "{} at {q:?}: {exact:?} vs {num:?}",
                    i.name
                );
            }
        }
    }
}

/// The lessons of Pierzchlewicz's demo, checked on our presets.
mod lessons {
    use super::*;

    fn ends(p: Preset, h: Hyper, steps: u64) -> f64 {
        let i = p.info();
        run(&p, h, i.start[0], steps, i.domain).last().x[0]
    }

    #[test]
    fn decay_or_a_small_rate_squeezes_into_the_notch_plain_descent_jumps_it() {
        let in_notch = |x: f64| (x - 3.0).abs() < 0.4;
        let lr = Preset::Notch.info().lr;
        assert!(!in_notch(ends(Preset::Notch, gd(lr), 200)));
        assert!(in_notch(ends(
            Preset::Notch,
            Hyper {
                decay: 0.95,
                ..gd(lr)
            },
            200
        )));
        assert!(in_notch(ends(Preset::Notch, gd(0.05), 400)));
    }

    #[test]
    fn momentum_rolls_through_the_shallow_local_minimum() {
        let lr = Preset::Local.info().lr;
        let stuck = ends(Preset::Local, gd(lr), 300);
        assert!((stuck - 1.131).abs() < 0.01, "{stuck}");
        let rolled = ends(
            Preset::Local,
            Hyper {
                method: Method::Momentum,
                momentum: 0.9,
                ..gd(lr)
            },
            300,
        );
        assert!((rolled + 1.301).abs() < 0.01, "{rolled}");
    }

    /// Rosenbrock, "easy to find, slow to follow to (1, 1)": from its start across the bend,
    /// (−1.5, 2) where f = 2.5² + 100·0.25² = 12.5, at its own rate and budget, the ball halves
    /// f within 10 steps, then creeps: after all 1000 it has not rounded the bend (x < 0). The
    /// numbers, from an independent simulation of x ← x − 0.001·∇f: f ≈ 5.912 at step 10, and
    /// (−0.6603, 0.4440) with f ≈ 2.763 at step 1000.
    #[test]
    fn rosenbrocks_valley_is_found_at_once_and_followed_slowly() {
        let p = Preset::Rosenbrock;
        let i = p.info();
        let opt = gd(i.lr).build().unwrap();
        let t = trace(&p, opt, RunConfig::new(&i.start, i.steps, i.domain));
        let rows = t.trajectory.rows();
        assert_eq!(rows[0].f, 12.5);
        assert!((rows[10].f - 5.912).abs() < 1e-3, "{:?}", rows[10]);
        let end = t.last();
        assert_eq!((t.stop, end.step), (Stop::Budget, 1000));
        assert!(
            (end.x[0] + 0.6603).abs() < 1e-4 && (end.x[1] - 0.4440).abs() < 1e-4,
            "{end:?}"
        );
        assert!((end.f - 2.763).abs() < 1e-3, "{end:?}");
    }

    #[test]
    fn restarts_find_the_global_minimum_of_the_posts_quartic() {
        let p = Preset::PostQuartic;
        let i = p.info();
        let opt = gd(i.lr).build().unwrap();
        let from_zero = run(&p, gd(i.lr), 0.0, 300, i.domain).last().x[0];
        assert!((from_zero + 2.4).abs() < 0.1, "{from_zero}");
        let starts = Starts::Spread(5).points(i.domain, 1);
        let m = multi_start(&p, opt, RunConfig::new(&[0.0; 2], 300, i.domain), &starts);
        let best = m.traces[m.best.unwrap()].last().x[0];
        assert!((best - 19.2).abs() < 0.1, "{best}");
        let random = Starts::Random { n: 8, seed: 1 }.points(i.domain, 1);
        let m = multi_start(&p, opt, RunConfig::new(&[0.0; 2], 300, i.domain), &random);
        assert!((m.traces[m.best.unwrap()].last().x[0] - 19.2).abs() < 0.1);
    }

    #[test]
    fn plain_descent_on_the_bowl_shrinks_by_exactly_0_8() {
        // The preset h(x, y) = x² + y² and the same function typed.
        let typed = Expr::parse("x^2 + y^2").unwrap();
        let domain = Preset::Bowl.info().domain;
        for f in [&Preset::Bowl as &dyn Objective, &typed] {
            let opt = gd(0.1).build().unwrap();
            let t = trace(f, opt, RunConfig::new(&[2.5, 2.0], 30, domain));
            assert_eq!(t.trajectory.rows().len(), 31);
            // x − 0.1·2x = 0.8x: equal up to the rounding of the last bit (x − η·g rounds
            // twice, 0.8·x once), so no more than 2 ulp apart.
            for w in t.trajectory.rows().windows(2) {
                for c in 0..2 {
                    let (got, want) = (w[1].x[c], 0.8 * w[0].x[c]);
                    assert!(
                        (got - want).abs() <= 2.0 * f64::EPSILON * want.abs(),
                        "{got} vs {want}"
                    );
                }
            }
            let end = t.trajectory.rows()[30].x;
            assert!((end[0] / 2.5 - 0.8f64.powi(30)).abs() < 1e-15);
            assert!((end[1] / 2.0 - 0.8f64.powi(30)).abs() < 1e-15);
        }
    }
}

//! The run's rules, each pinned where it would change what a person sees: the exact step at
//! which a ball escapes or converges, the learning rate at which momentum and Nesterov stop
//! being stable, how many updates `advance` makes, where restarts begin, and the seeded
//! generator's sequence.
#![cfg(not(target_arch = "wasm32"))]

use descent::objective::preset::Domain;
use descent::objective::{point, Expr, Preset};
use descent::optim::{Hyper, Method};
use descent::run::{trace, RunConfig, Runner, SplitMix64, Starts, Stop};

fn gd(lr: f64) -> Hyper {
    Hyper {
        lr,
        ..Hyper::default()
    }
}

/// A ball rolling down f(x) = −x one unit a step, in a view from −1 to 1: the escape line is
/// 10 view widths (20) from the centre.
#[test]
fn a_ball_escapes_on_the_step_it_crosses_the_line_not_before() {
    let f = Expr::parse("-x").unwrap();
    let view = Domain::new([-1.0, 1.0], [-1.0, 1.0]);
    let t = trace(
        &f,
        gd(1.0).build().unwrap(),
        RunConfig::new(&[0.0, 0.0], 100, view),
    );
    // At step 20 the ball is on the line (x = 20), at step 21 past it.
    assert_eq!(t.stop, Stop::Escaped { step: 21 });
    assert_eq!(t.last().x[0], 21.0);
    // The same 10 widths in y, for a surface.
    let g = Expr::parse("-y + 0*x").unwrap();
    let t = trace(
        &g,
        gd(1.0).build().unwrap(),
        RunConfig::new(&[0.0, 0.0], 100, Domain::new([-1.0, 1.0], [4.0, 6.0])),
    );
    // y starts 5 below the centre 5 (view height 2): it passes 5 + 20 at step 26.
    assert_eq!(t.stop, Stop::Escaped { step: 26 });
    // A curve never escapes in y, which it does not have.
    let h = Expr::parse("x^2").unwrap();
    let far_y = RunConfig::new(&[0.5, 1e6], 5, view);
    assert_eq!(
        trace(&h, gd(0.1).build().unwrap(), far_y).stop,
        Stop::Budget
    );
}

/// f(x) = x² from 1 with η = 1/4: |∇f| = 2·(1/2)^k, exactly.
#[test]
fn a_run_converges_on_the_first_step_below_the_tolerance_not_at_it() {
    let f = Preset::Quadratic;
    let run = |tolerance: f64| {
        let config = RunConfig {
            tolerance,
            ..RunConfig::new(&[1.0, 0.0], 100, f.info().domain)
        };
        trace(&f, gd(0.25).build().unwrap(), config).stop
    };
    // 2^-13 > 1e-4 > 2^-14: converged at step 15, where |∇f| = 2^-14.
    assert_eq!(run(1e-4), Stop::Converged { step: 15 });
    // A tolerance equal to |∇f| at step 15 is not yet below it: one step more.
    assert_eq!(run(2f64.powi(-14)), Stop::Converged { step: 16 });
    // No tolerance: the whole budget.
    assert_eq!(run(0.0), Stop::Budget);
}

/// On f(x) = x²/2 (curvature 1), the largest stable learning rate: 2(1 + β) for heavy-ball
/// momentum, 2(1 + β)/(1 + 2β) for Nesterov. Just under it the ball stays near the minimum;
/// just over it the ball runs away.
#[test]
fn momentum_and_nesterov_are_stable_just_up_to_their_limits() {
    let f = Expr::parse("x^2/2").unwrap();
    let view = Domain::new([-1.0, 1.0], [-1.0, 1.0]);
    for (method, beta) in [
        (Method::Gd, 0.0),
        (Method::Momentum, 0.5),
        (Method::Nesterov, 0.5),
        (Method::Momentum, 0.9),
        (Method::Nesterov, 0.9),
    ] {
        let h = |lr: f64| Hyper {
            method,
            lr,
            momentum: beta,
            ..Hyper::default()
        };
        let limit = h(1.0).stability_limit().unwrap();
        let stays = trace(
            &f,
            h(limit * 0.98).build().unwrap(),
            RunConfig::new(&[0.5, 0.0], 3000, view),
        );
        assert_eq!(
            stays.stop,
            Stop::Budget,
            "{method:?} β = {beta} at 0.98·{limit}"
        );
        assert!(
            stays.last().x[0].abs() < 0.5,
            "{method:?}: {:?}",
            stays.last()
        );
        let flies = trace(
            &f,
            h(limit * 1.02).build().unwrap(),
            RunConfig::new(&[0.5, 0.0], 3000, view),
        );
        assert!(
            matches!(flies.stop, Stop::Escaped { .. }),
            "{method:?} β = {beta} at 1.02·{limit}: {:?}",
            flies.stop
        );
    }
    let limit = |method, momentum| {
        Hyper {
            method,
            momentum,
            ..Hyper::default()
        }
        .stability_limit()
    };
    assert_eq!(limit(Method::Momentum, 0.5), Some(3.0));
    assert_eq!(limit(Method::Nesterov, 0.5), Some(1.5));
    assert_eq!(limit(Method::Adam, 0.5), None);
}

#[test]
fn advance_makes_exactly_the_updates_asked_for_and_none_past_the_stop() {
    let f = Preset::Quadratic;
    let mut r = Runner::new(
        &f,
        gd(0.1).build().unwrap(),
        RunConfig::new(&[8.0, 0.0], 10, f.info().domain),
    );
    assert_eq!(r.advance(&f, 7), 7);
    assert_eq!(r.current().step, 7);
    assert_eq!(r.stop(), None);
    assert_eq!(r.advance(&f, 0), 0);
    assert_eq!(r.advance(&f, 7), 3, "only the 3 left in the budget");
    assert_eq!(r.current().step, 10);
    assert_eq!(r.stop(), Some(Stop::Budget));
    assert_eq!(r.advance(&f, 7), 0);
    assert_eq!(r.trajectory().rows().len(), 11);
}

#[test]
fn restarts_begin_on_an_even_grid_or_where_the_seed_says() {
    let d = Domain::new([0.0, 4.0], [-2.0, 2.0]);
    // Four starts on a plane: a 2 × 2 grid at the cells' centres.
    assert_eq!(
        Starts::Spread(4).points(d, 2),
        [[1.0, -1.0], [3.0, -1.0], [1.0, 1.0], [3.0, 1.0]].map(|p| point(&p))
    );
    // Five: a 3 × 3 grid, filled row by row.
    let five = Starts::Spread(5).points(d, 2);
    assert_eq!(five.len(), 5);
    assert_eq!(five[3], point(&[2.0 / 3.0, 0.0]));
    // Seeded: the generator's first numbers, spread over the view.
    let mut g = SplitMix64(7);
    let (a, b) = (g.unit(), g.unit());
    let p = Starts::Random { n: 1, seed: 7 }.points(d, 2)[0];
    assert_eq!(p, point(&[4.0 * a, -2.0 + 4.0 * b]));
    let q = Starts::Random { n: 1, seed: 7 }.points(d, 1)[0];
    assert_eq!(q, point(&[4.0 * a]));
}

/// The reference implementation's sequence (Vigna's splitmix64.c) from seed 1234567.
#[test]
fn the_seeded_generator_follows_the_reference_splitmix64() {
    let mut g = SplitMix64(1234567);
    let first: Vec<u64> = (0..5).map(|_| g.next_u64()).collect();
    assert_eq!(
        first,
        [
            6457827717110365317,
            3203168211198807973,
            9817491932198370423,
            4593380528125082431,
            16408922859458223821
        ]
    );
    assert_eq!(SplitMix64(0).next_u64(), 0xE220_A839_7B1D_CDAF);
    // unit(): the top 53 bits, as a fraction of 2^53.
    let u = SplitMix64(1234567).unit();
    assert_eq!(u, (6457827717110365317u64 >> 11) as f64 / 2f64.powi(53));
    assert!((0.0..1.0).contains(&u));
}

#[test]
fn a_start_that_is_not_a_number_stops_at_once() {
    let f = Expr::parse("ln(x)").unwrap();
    let r = Runner::new(
        &f,
        gd(0.1).build().unwrap(),
        RunConfig::new(&[-1.0, 0.0], 10, f_domain()),
    );
    assert!(matches!(r.stop(), Some(Stop::NotFinite { step: 0, .. })));
    assert_eq!(f.dim(), 1);
}

fn f_domain() -> Domain {
    Domain::new([-2.0, 2.0], [-2.0, 2.0])
}

//! Engine benchmarks (`cargo xtask bench` prints them as ratios):
//! - `eval/meval` against `eval/tape`: meval's bound closure and our compiled tape on the
//!   post's g(x) (goal: the tape at least 8× faster);
//! - `eval/tape_value_grad` against `eval/tape`: value plus exact derivative against value
//!   alone (goal: at most 2×);
//! - `run/gd_1m_steps`: one million gradient-descent steps on a typed expression (goal: under
//!   50 ms).
//! - `field/*`: a typed f(x, y) (Rosenbrock) on a 300×300 grid: sampling, colouring and
//!   contouring, all the work redone when the function or the view changes.
//! - `vars/value_n3`, `vars/value_grad_n3` and the same at n = 9: a typed function of three and
//!   of nine variables, the value alone against the value with its exact gradient (one
//!   forward pass per variable), per point.
//! - `maps/*`: the workloads of the page's maps, natively (issue 15's budgets are for the
//!   browser): basins of 400 starts on `local`, a sweep of 200 rates on the post's parabola,
//!   basins of 150×150 starts × 300 steps on Himmelblau, and a 100×100 phase map on `local`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use descent::objective::{Expr, Objective};
use descent::optim::Hyper;
use descent::run::{RunConfig, Runner};
use std::hint::black_box;
use std::str::FromStr;

const G: &str = "0.001*x^4 - 0.03*x^3 + 0.1*x^2 + x + 2";

fn eval(c: &mut Criterion) {
    let bound = meval::Expr::from_str(G).unwrap().bind("x").unwrap();
    let tape = Expr::parse(G).unwrap();
    let mut group = c.benchmark_group("eval");
    let xs: Vec<f64> = (0..64).map(|i| -10.0 + i as f64 * 0.5).collect();
    // Each iteration evaluates every point: `cargo xtask bench` divides by this count.
    group.throughput(Throughput::Elements(xs.len() as u64));
    group.bench_function("meval", |b| {
        b.iter(|| xs.iter().map(|&x| bound(black_box(x))).sum::<f64>())
    });
    group.bench_function("tape", |b| {
        b.iter(|| {
            xs.iter()
                .map(|&x| tape.eval(black_box(x), 0.0))
                .sum::<f64>()
        })
    });
    group.bench_function("tape_value_grad", |b| {
        b.iter(|| {
            xs.iter()
                .map(|&x| {
                    let (v, g) = tape.value_grad(black_box(&[x]));
                    v + g[0]
                })
                .sum::<f64>()
        })
    });
    group.finish();
}

fn run(c: &mut Criterion) {
    let f = Expr::parse(G).unwrap();
    let optimizer = Hyper {
        lr: 0.01,
        ..Hyper::default()
    }
    .build()
    .unwrap();
    let domain = descent::objective::Preset::PostQuartic.info().domain;
    let mut group = c.benchmark_group("run");
    group.sample_size(10);
    group.bench_function("gd_1m_steps", |b| {
        b.iter(|| {
            let config = RunConfig {
                keep: 1024,
                ..RunConfig::new(&[10.0, 0.0], 1_000_000, domain)
            };
            let mut runner = Runner::new(&f, optimizer, config);
            runner.advance(&f, u64::MAX);
            black_box(runner.current().x)
        })
    });
    group.finish();
}

fn field(c: &mut Criterion) {
    use descent::render::Field;
    let f = Expr::parse("(1 - x)^2 + 100*(y - x^2)^2").unwrap();
    let mut group = c.benchmark_group("field");
    group.sample_size(20);
    group.bench_function("sample_300", |b| {
        b.iter(|| black_box(Field::sample(&f, [-2.0, 2.0], [-1.0, 3.0], 300, 300)))
    });
    group.finish();
}

fn vars(c: &mut Criterion) {
    let mut group = c.benchmark_group("vars");
    let functions = [
        ("n3", "x^2 - 2*x + y^2 + z^2 + z*y".to_string()),
        (
            "n9",
            (1..=9)
                .map(|i| format!("(x{i} - {i})^2 + sin(x{i})"))
                .collect::<Vec<_>>()
                .join(" + "),
        ),
    ];
    let points: Vec<[f64; 9]> = (0..64)
        .map(|k| std::array::from_fn(|i| -3.0 + 0.1 * k as f64 + 0.37 * i as f64))
        .collect();
    group.throughput(Throughput::Elements(points.len() as u64));
    for (name, src) in &functions {
        let f = Expr::parse(src).unwrap();
        group.bench_function(format!("value_{name}"), |b| {
            b.iter(|| points.iter().map(|p| f.value(black_box(p))).sum::<f64>())
        });
        group.bench_function(format!("value_grad_{name}"), |b| {
            b.iter(|| {
                points
                    .iter()
                    .map(|p| {
                        let (v, g) = f.value_grad(black_box(p));
                        v + g[0]
                    })
                    .sum::<f64>()
            })
        });
    }
    group.finish();
}

fn maps(c: &mut Criterion) {
    use descent::maps::{Axes, Map};
    use descent::settings::{Mode, Settings};
    let map = |pairs: &[(&str, &str)], axes: Axes| {
        let (s, _) = Settings::from_pairs(pairs.iter().copied(), Mode::Strict);
        Map::new(&s, s.function().unwrap(), axes, 1e-4).unwrap()
    };
    let cases = [
        (
            "basins_1d_400",
            map(
                &[("preset", "local")],
                Axes::Starts {
                    x: [-2.0, 2.0],
                    n: 400,
                },
            ),
        ),
        (
            "sweep_200",
            map(
                &[("preset", "post-quadratic")],
                Axes::Rates {
                    lr: [1e-5, 10.0],
                    n: 200,
                },
            ),
        ),
        (
            "basins_2d_150x150x300",
            map(
                &[("preset", "himmelblau"), ("steps", "300")],
                Axes::Grid {
                    x: [-5.0, 5.0],
                    y: [-5.0, 5.0],
                    n: 150,
                },
            ),
        ),
        (
            "phase_100x100",
            map(
                &[("preset", "local"), ("method", "momentum")],
                Axes::Phase {
                    lr: [1e-3, 0.1],
                    momentum: [0.0, 0.99],
                    n: 100,
                },
            ),
        ),
    ];
    let mut group = c.benchmark_group("maps");
    group.sample_size(10);
    for (name, m) in &cases {
        group.bench_function(*name, |b| b.iter(|| black_box(m.cells().len())));
    }
    group.finish();
}

criterion_group!(benches, eval, run, field, vars, maps);
criterion_main!(benches);

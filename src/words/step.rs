//! "This step": the update that took the ball to step k, written out with the numbers the run
//! used (the trace table's, in the same format), as a student would check it by hand; and the
//! stability gauge's sentence. Plain text with Unicode sub- and superscripts, so a screen
//! reader reads it and a person can copy it.

use crate::fmt::{brief, float, readable};
use crate::objective::{norm, Objective, Point};
use crate::optim::{Method, State, ADAGRAD_EPS, ADAM_BETAS, EPS, RMSPROP_ALPHA};
use crate::run::{Race, Record, Replay};

/// A step number as a subscript: 12 → ₁₂.
pub fn sub(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '₀' as u32).unwrap_or(c))
        .collect()
}

/// How one update is written: the values as the table writes them, one number in one
/// dimension, a vector in two.
struct Writer {
    dim: usize,
}

impl Writer {
    /// A number exactly as the trace table writes it (a plain minus, so it pastes into a
    /// calculator).
    fn num(v: f64) -> String {
        readable(v)
    }

    /// The first `dim` values: `7.177800`, or `(2.500000, −1.000000)`.
    fn val(&self, p: &[f64]) -> String {
        if self.dim == 1 {
            Self::num(p[0])
        } else {
            let parts: Vec<String> = p[..self.dim].iter().map(|&v| Self::num(v)).collect();
            format!("({})", crate::fmt::join(&parts, ", "))
        }
    }

    /// A value after an operator: a negative number goes in brackets.
    fn term(&self, p: &[f64]) -> String {
        if self.dim == 1 && p[0] < 0.0 {
            format!("({})", Self::num(p[0]))
        } else {
            self.val(p)
        }
    }
}

/// One update of a run: the optimizer's state before and after it, the row it starts from,
/// and the step Δ it takes (x_k = x_{k−1} + Δ).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Update {
    pub before: State,
    pub row: Record,
    pub after: State,
    pub delta: Point,
    /// The step it arrives at, k.
    pub k: usize,
}

/// The update from step k − 1 to step k of lane `lane` (k ≥ 1; at step 0, the first one, still
/// to come; past the end, the last one). None when the run made no update. `cache` keeps the
/// replayed run between calls (see [`Replay`]).
pub fn update(race: &Race, lane: usize, k: usize, cache: &mut Option<Replay>) -> Option<Update> {
    let l = race.lanes().get(lane)?;
    let last = l.runner.current().step as usize;
    if last == 0 {
        return None;
    }
    let k = k.clamp(1, last);
    let opt = *l.runner.optimizer();
    let (before, row) = Replay::at(cache, race, lane, k - 1)?;
    let (before, row): (State, Record) = (*before, *row);
    let mut after = before;
    let delta = opt.update(&mut after, row.g, race.dim());
    Some(Update {
        before,
        row,
        after,
        delta,
        k,
    })
}

/// The update that took lane `lane` to step k (see [`update`]) as lines of text: each buffer
/// the method keeps, then the new point.
pub fn this_step(race: &Race, lane: usize, k: usize, cache: &mut Option<Replay>) -> Vec<String> {
    let Some(l) = race.lanes().get(lane) else {
        return Vec::new();
    };
    let dim = race.dim();
    let Some(Update {
        before,
        row,
        after,
        delta,
        k,
    }) = update(race, lane, k, cache)
    else {
        return vec![format!(
            "x₀ = {} is where the run starts; it stopped there: {}.",
            Writer { dim: dim.min(2) }.val(&l.at(0).x),
            l.runner.stop().map_or(String::new(), |s| s.to_string())
        )];
    };
    let opt = *l.runner.optimizer();
    let mut x = row.x;
    for i in 0..dim {
        x[i] += delta[i];
    }
    if dim > 2 {
        return many(race, &row, &delta, k, opt.method());
    }
    let w = Writer { dim };
    let (j, k) = (sub(k - 1), sub(k));
    let g = if dim == 1 {
        format!("f′(x{j})")
    } else {
        format!("∇f(x{j})")
    };
    let (xj, gj, eta) = (w.val(&row.x), w.term(&row.g), Writer::num(row.lr));
    let new_x = w.val(&x);
    let root = |p: &[f64]| -> Vec<f64> { p.iter().map(|v| v.sqrt()).collect() };
    let h = opt.hyper();
    let mut lines = Vec::new();
    match opt.method() {
        Method::Gd => lines.push(format!(
            "x{k} = x{j} − η{j}·{g} = {xj} − {eta} × {gj} = {new_x}"
        )),
        Method::Momentum | Method::Nesterov => {
            let b = float(h.momentum);
            lines.push(format!(
                "v{k} = β·v{j} + {g} = {b} × {} + {gj} = {}",
                w.term(&before.v),
                w.val(&after.v)
            ));
            lines.push(if opt.method() == Method::Momentum {
                format!(
                    "x{k} = x{j} − η{j}·v{k} = {xj} − {eta} × {} = {new_x}",
                    w.term(&after.v)
                )
            } else {
                format!(
                    "x{k} = x{j} − η{j}·({g} + β·v{k}) = {xj} − {eta} × ({gj} + {b} × {}) = {new_x}",
                    w.term(&after.v)
                )
            });
        }
        Method::AdaGrad | Method::RmsProp => {
            let (eps, decay) = if opt.method() == Method::AdaGrad {
                (ADAGRAD_EPS, None)
            } else {
                (EPS, Some(RMSPROP_ALPHA))
            };
            lines.push(match decay {
                None => format!(
                    "s{k} = s{j} + {g}² = {} + {}² = {}",
                    w.val(&before.s),
                    gj,
                    w.val(&after.s)
                ),
                Some(a) => format!(
                    "s{k} = α·s{j} + (1 − α)·{g}² = {} × {} + {} × {}² = {}",
                    float(a),
                    w.val(&before.s),
                    float(1.0 - a),
                    gj,
                    w.val(&after.s)
                ),
            });
            lines.push(format!(
                "√s{k} + ε = {} + {}",
                w.val(&root(&after.s[..dim])),
                float(eps)
            ));
            lines.push(format!(
                "x{k} = x{j} − η{j}·{g}/(√s{k} + ε) = {xj} − {eta} × {gj} / {} = {new_x}",
                w.term(
                    &after.s[..dim]
                        .iter()
                        .map(|s| s.sqrt() + eps)
                        .collect::<Vec<_>>()
                )
            ));
        }
        Method::Adam => {
            let (b1, b2) = ADAM_BETAS;
            let t = after.t as i32;
            let (c1, c2) = (1.0 - b1.powi(t), 1.0 - b2.powi(t));
            let m_hat: Vec<f64> = after.v[..dim].iter().map(|m| m / c1).collect();
            let s_hat: Vec<f64> = after.s[..dim].iter().map(|s| s / c2).collect();
            let tt: String = after
                .t
                .to_string()
                .chars()
                .map(crate::fmt::superscript)
                .collect();
            lines.push(format!(
                "m{k} = β₁·m{j} + (1 − β₁)·{g} = {} × {} + {} × {gj} = {}",
                float(b1),
                w.term(&before.v),
                float(1.0 - b1),
                w.val(&after.v)
            ));
            lines.push(format!(
                "s{k} = β₂·s{j} + (1 − β₂)·{g}² = {} × {} + {} × {gj}² = {}",
                float(b2),
                w.val(&before.s),
                float(1.0 - b2),
                w.val(&after.s)
            ));
            lines.push(format!(
                "m̂{k} = m{k}/(1 − β₁{tt}) = {} / {} = {}",
                w.term(&after.v),
                Writer::num(c1),
                w.val(&m_hat)
            ));
            lines.push(format!(
                "ŝ{k} = s{k}/(1 − β₂{tt}) = {} / {} = {}",
                w.val(&after.s),
                Writer::num(c2),
                w.val(&s_hat)
            ));
            lines.push(format!(
                "x{k} = x{j} − η{j}·m̂{k}/(√ŝ{k} + ε) = {xj} − {eta} × {} / ({} + {}) = {new_x}",
                w.term(&m_hat),
                w.val(&root(&s_hat)),
                float(EPS)
            ));
        }
    }
    if dim == 2 && !matches!(opt.method(), Method::Gd) {
        lines.push("Products, squares, roots and divisions act on each coordinate.".into());
    }
    lines
}

/// With three variables or more: the rule in symbols, the gradient's length and the largest
/// moves.
fn many(race: &Race, row: &Record, delta: &[f64], k: usize, method: Method) -> Vec<String> {
    let (j, k) = (sub(k - 1), sub(k));
    let rule = match method {
        Method::Gd => format!("x{k} = x{j} − η{j}·∇f(x{j})"),
        Method::Momentum => format!("v{k} = β·v{j} + ∇f(x{j}); x{k} = x{j} − η{j}·v{k}"),
        Method::Nesterov => {
            format!("v{k} = β·v{j} + ∇f(x{j}); x{k} = x{j} − η{j}·(∇f(x{j}) + β·v{k})")
        }
        Method::AdaGrad => {
            format!("s{k} = s{j} + ∇f(x{j})²; x{k} = x{j} − η{j}·∇f(x{j})/(√s{k} + ε)")
        }
        Method::RmsProp => {
            format!("s{k} = α·s{j} + (1 − α)·∇f(x{j})²; x{k} = x{j} − η{j}·∇f(x{j})/(√s{k} + ε)")
        }
        Method::Adam => {
            format!("x{k} = x{j} − η{j}·m̂{k}/(√ŝ{k} + ε), with m and s averaging ∇f and ∇f²")
        }
    };
    let dim = race.dim();
    let mut order: Vec<usize> = (0..dim).collect();
    order.sort_by(|&a, &b| delta[b].abs().total_cmp(&delta[a].abs()));
    let names = race.names();
    let moves: Vec<String> = order
        .iter()
        .take(3)
        .map(|&i| format!("{} {}", names[i], Writer::num(delta[i])))
        .collect();
    vec![
        rule,
        format!(
            "|∇f(x{j})| = {} · η{j} = {} · largest moves: {}",
            Writer::num(norm(&row.g[..dim])),
            Writer::num(row.lr),
            crate::fmt::join(&moves, ", ")
        ),
    ]
}

/// η·f″ at a row (η·λ_max of the Hessian in two variables): above 2, plain gradient steps
/// overshoot. NaN with three variables or more.
pub fn curv(f: &dyn Objective, r: &Record) -> f64 {
    r.lr * f.curvature(&r.x[..f.dim()])
}

/// The stability gauge's sentence for η·f″ = `c` (or η·λmax in two variables).
pub fn gauge(c: f64, dim: usize) -> String {
    let name = if dim == 1 { "η·f″" } else { "η·λmax" };
    if c > 2.0 {
        format!("Steps overshoot where {name} > 2; here it is {}.", brief(c))
    } else if c < 0.0 {
        format!(
            "{name} = {} here: the function bends down, so steps grow.",
            brief(c)
        )
    } else {
        format!(
            "{name} = {} here, under 2: steps do not overshoot.",
            brief(c)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn race(pairs: &[(&str, &str)]) -> Race {
        crate::settings::finished(pairs, 0.0).1
    }

    fn step(pairs: &[(&str, &str)], k: usize) -> Vec<String> {
        this_step(&race(pairs), 0, k, &mut None)
    }

    #[test]
    fn gradient_descent_written_out_with_the_table_s_numbers() {
        // f = x², from 8 with η = 0.1: x₁ = 8 − 0.1 × 16 = 6.4.
        assert_eq!(
            step(&[], 1),
            ["x₁ = x₀ − η₀·f′(x₀) = 8.000000 − 0.100000 × 16.000000 = 6.400000"]
        );
        assert_eq!(step(&[], 0), step(&[], 1), "step 0 shows the first update");
        let two = step(&[("preset", "bowl")], 1);
        assert_eq!(
            two,
            ["x₁ = x₀ − η₀·∇f(x₀) = (2.500000, 2.000000) − 0.100000 × (5.000000, 4.000000) = (2.000000, 1.600000)"]
        );
        assert_eq!(sub(120), "₁₂₀");
    }

    #[test]
    fn momentum_shows_the_velocity_it_carries() {
        let s = step(&[("method", "momentum"), ("momentum", "0.5")], 2);
        // v₁ = 16, x₁ = 6.4, g₁ = 12.8: v₂ = 0.5 × 16 + 12.8 = 20.8; x₂ = 6.4 − 0.1 × 20.8.
        assert_eq!(
            s[0],
            "v₂ = β·v₁ + f′(x₁) = 0.5 × 16.000000 + 12.800000 = 20.800000"
        );
        assert_eq!(
            s[1],
            "x₂ = x₁ − η₁·v₂ = 6.400000 − 0.100000 × 20.800000 = 4.320000"
        );
        let n = step(&[("method", "nesterov"), ("momentum", "0.5")], 1);
        assert!(
            n[1].contains("× (16.000000 + 0.5 × 16.000000) = 5.600000"),
            "{n:?}"
        );
    }

    #[test]
    fn adaptive_methods_show_their_averages_and_corrections() {
        let a = step(&[("method", "adam")], 1);
        assert_eq!(a.len(), 5, "{a:?}");
        assert!(
            a[2].starts_with("m̂₁ = m₁/(1 − β₁¹) = 1.600000 / 0.100000 = 16.000000"),
            "{a:?}"
        );
        // Adam's first step moves by η: 8 − 0.1 × 16 / (16 + 1e-8).
        assert!(a[4].ends_with("= 7.900000"), "{a:?}");
        let g = step(&[("method", "adagrad")], 1);
        assert_eq!(
            g[0],
            "s₁ = s₀ + f′(x₀)² = 0.000000 + 16.000000² = 256.000000"
        );
        assert_eq!(g[1], "√s₁ + ε = 16.000000 + 1e-10");
        let r = step(&[("method", "rmsprop")], 1);
        assert!(
            r[0].starts_with("s₁ = α·s₀ + (1 − α)·f′(x₀)² = 0.99 × 0.000000 + 0.01"),
            "{r:?}"
        );
        let two = step(&[("preset", "bowl"), ("method", "rmsprop")], 3);
        assert!(two.last().unwrap().contains("each coordinate"), "{two:?}");
    }

    #[test]
    fn many_variables_give_the_gradient_s_length_and_the_largest_moves() {
        let s = step(&[("f", "x^2 + 10*y^2 + z^2"), ("start", "1,1,1")], 1);
        assert_eq!(s[0], "x₁ = x₀ − η₀·∇f(x₀)");
        assert!(
            s[1].contains("largest moves: y -2.000000, x -0.200000, z -0.200000"),
            "{s:?}"
        );
    }

    #[test]
    fn the_gauge_says_when_steps_overshoot() {
        let r = race(&[("preset", "post-quadratic"), ("lr", "1.06"), ("steps", "3")]);
        let c = curv(r.function(), r.lanes()[0].at(0));
        assert_eq!(
            gauge(c, 1),
            "Steps overshoot where η·f″ > 2; here it is 2.12."
        );
        assert_eq!(
            gauge(0.4, 1),
            "η·f″ = 0.4 here, under 2: steps do not overshoot."
        );
        assert!(gauge(-1.0, 2).starts_with("η·λmax = −1 here"));
    }
}

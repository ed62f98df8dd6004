//! "This step": the update that took the ball to step k, written out with the numbers the run
//! used (the trace table's, in the same format), as a student would check it by hand; and the
//! stability gauge's sentence. Plain text with Unicode sub- and superscripts, so a screen
//! reader reads it and a person can copy it.

use crate::fmt::{brief, float, readable};
use crate::objective::{norm, Objective, Point};
use crate::optim::{Hyper, Method, State, ADAGRAD_EPS, ADAM_BETAS, EPS, RMSPROP_ALPHA};
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

/// Each method's lines, with `{slot}`s for the numbers (see [`this_step`] for the slots).
fn templates(method: Method) -> &'static [&'static str] {
    const X_ADAPTIVE: &str =
        "x{k} = x{j} − η{j}·{g}/(√s{k} + ε) = {x} − {eta} × {gj} / {den} = {new}";
    const ROOT: &str = "√s{k} + ε = {root} + {eps}";
    const V: &str = "v{k} = β·v{j} + {g} = {b} × {v0} + {gj} = {v1}";
    match method {
        Method::Gd => &["x{k} = x{j} − η{j}·{g} = {x} − {eta} × {gj} = {new}"],
        Method::Momentum => &[V, "x{k} = x{j} − η{j}·v{k} = {x} − {eta} × {v1t} = {new}"],
        Method::Nesterov => &[
            V,
            "x{k} = x{j} − η{j}·({g} + β·v{k}) = {x} − {eta} × ({gj} + {b} × {v1t}) = {new}",
        ],
        Method::AdaGrad => &["s{k} = s{j} + {g}² = {s0} + {gj}² = {s1}", ROOT, X_ADAPTIVE],
        Method::RmsProp => &[
            "s{k} = α·s{j} + (1 − α)·{g}² = {a} × {s0} + {a1} × {gj}² = {s1}",
            ROOT,
            X_ADAPTIVE,
        ],
        Method::Adam => &[
            "m{k} = β₁·m{j} + (1 − β₁)·{g} = {b1} × {v0} + {b1c} × {gj} = {v1}",
            "s{k} = β₂·s{j} + (1 − β₂)·{g}² = {b2} × {s0} + {b2c} × {gj}² = {s1}",
            "m̂{k} = m{k}/(1 − β₁{tt}) = {v1t} / {c1} = {mh}",
            "ŝ{k} = s{k}/(1 − β₂{tt}) = {s1} / {c2} = {sh}",
            "x{k} = x{j} − η{j}·m̂{k}/(√ŝ{k} + ε) = {x} − {eta} × {mht} / ({rsh} + {eps}) = {new}",
        ],
    }
}

/// The rule in symbols, for three variables or more.
fn rule(method: Method) -> &'static str {
    match method {
        Method::Gd => "x{k} = x{j} − η{j}·∇f(x{j})",
        Method::Momentum => "v{k} = β·v{j} + ∇f(x{j}); x{k} = x{j} − η{j}·v{k}",
        Method::Nesterov => "v{k} = β·v{j} + ∇f(x{j}); x{k} = x{j} − η{j}·(∇f(x{j}) + β·v{k})",
        Method::AdaGrad => "s{k} = s{j} + ∇f(x{j})²; x{k} = x{j} − η{j}·∇f(x{j})/(√s{k} + ε)",
        Method::RmsProp => {
            "s{k} = α·s{j} + (1 − α)·∇f(x{j})²; x{k} = x{j} − η{j}·∇f(x{j})/(√s{k} + ε)"
        }
        Method::Adam => "x{k} = x{j} − η{j}·m̂{k}/(√ŝ{k} + ε), with m and s averaging ∇f and ∇f²",
    }
}

/// `template` with each `{name}` replaced by its value in `slots` (unknown names are kept).
fn fill(template: &str, slots: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    // (split_once, not indexing: slicing a str by index brings the panic machinery for a cut
    // inside a character into the web module.)
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}') {
            Some((name, tail)) => {
                match slots.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The update that took lane `lane` to step k (see [`update`]) as lines of text: each buffer
/// the method keeps, then the new point. The numbers fill the slots of the method's
/// [`templates`]: `k` and `j` (k − 1) as subscripts, `g` the gradient's name, `x`, `eta`, `gj`
/// (the gradient) and `new` (the new point), `v0`/`v1` and `s0`/`s1` the buffers before and
/// after (`v1t` as a term), `root` and `den` for √s and √s + ε, and each method's constants.
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
    let method = opt.method();
    let mut slots: Vec<(&str, String)> = vec![("k", sub(k)), ("j", sub(k - 1))];
    if dim > 2 {
        // The largest three moves, largest first.
        let mut order: Vec<usize> = (0..dim).collect();
        for i in 0..3.min(dim) {
            let top = (i..dim)
                // The first of equal moves stays first.
                .min_by(|&a, &b| delta[order[b]].abs().total_cmp(&delta[order[a]].abs()))
                .unwrap_or(i);
            order.swap(i, top);
        }
        let moves: Vec<String> = order[..3.min(dim)]
            .iter()
            .map(|&i| format!("{} {}", race.names()[i], Writer::num(delta[i])))
            .collect();
        slots.push(("norm", Writer::num(norm(&row.g[..dim]))));
        slots.push(("eta", Writer::num(row.lr)));
        slots.push(("moves", crate::fmt::join(&moves, ", ")));
        return vec![
            fill(rule(method), &slots),
            fill(
                "|∇f(x{j})| = {norm} · η{j} = {eta} · largest moves: {moves}",
                &slots,
            ),
        ];
    }
    let w = Writer { dim };
    let mut x = row.x;
    for i in 0..dim {
        x[i] += delta[i];
    }
    let h = opt.hyper();
    let eps = if method == Method::AdaGrad {
        ADAGRAD_EPS
    } else {
        EPS
    };
    let (b1, b2) = ADAM_BETAS;
    let t = after.t as i32;
    let (c1, c2) = (1.0 - b1.powi(t), 1.0 - b2.powi(t));
    let each = |p: &[f64], f: &dyn Fn(f64) -> f64| -> Vec<f64> {
        p[..dim].iter().map(|&v| f(v)).collect()
    };
    let m_hat = each(&after.v, &|m| m / c1);
    let s_hat = each(&after.s, &|s| s / c2);
    let name = if dim == 1 { "f′" } else { "∇f" };
    slots.extend([
        ("g", format!("{name}(x{})", sub(k - 1))),
        ("x", w.val(&row.x)),
        ("eta", Writer::num(row.lr)),
        ("gj", w.term(&row.g)),
        ("new", w.val(&x)),
        ("v0", w.term(&before.v)),
        ("v1", w.val(&after.v)),
        ("v1t", w.term(&after.v)),
        ("s0", w.val(&before.s)),
        ("s1", w.val(&after.s)),
        ("root", w.val(&each(&after.s, &f64::sqrt))),
        ("den", w.term(&each(&after.s, &|s| s.sqrt() + eps))),
        ("eps", float(eps)),
        ("b", float(h.momentum)),
        ("a", float(RMSPROP_ALPHA)),
        ("a1", brief(1.0 - RMSPROP_ALPHA)),
        ("b1", float(b1)),
        ("b1c", brief(1.0 - b1)),
        ("b2", float(b2)),
        ("b2c", brief(1.0 - b2)),
        (
            "tt",
            after
                .t
                .to_string()
                .chars()
                .map(crate::fmt::superscript)
                .collect(),
        ),
        ("c1", Writer::num(c1)),
        ("c2", Writer::num(c2)),
        ("mh", w.val(&m_hat)),
        ("mht", w.term(&m_hat)),
        ("sh", w.val(&s_hat)),
        ("rsh", w.val(&each(&s_hat, &f64::sqrt))),
    ]);
    let mut lines: Vec<String> = templates(method).iter().map(|t| fill(t, &slots)).collect();
    if dim == 2 && method != Method::Gd {
        lines.push("Products, squares, roots and divisions act on each coordinate.".into());
    }
    lines
}

/// η·f″ at a row (η·λ_max of the Hessian in two variables): above 2, plain gradient steps
/// overshoot. None with three variables or more, where it is not computed (the `curv` column
/// and the gauge are left out there).
pub fn curv(f: &dyn Objective, r: &Record) -> Option<f64> {
    (f.dim() <= 2).then(|| r.lr * f.curvature(&r.x[..f.dim()]))
}

/// The stability gauge at η·f″ = `c` (η·λmax in two variables) for the method of `hyper`: its
/// limit, where it has one (2 for gradient descent; 2(1 + β) for momentum and 2(1 + β)/(1 + 2β)
/// for Nesterov, see [`Hyper::stability_limit`]; none for the adaptive methods, which scale
/// each step by the gradients they have seen), and the sentence that says what `c` means.
pub fn gauge(c: f64, dim: usize, hyper: Hyper) -> (Option<f64>, String) {
    let name = if dim == 1 { "η·f″" } else { "η·λmax" };
    let method = hyper.method.label();
    let c_text = brief(c);
    let limit = hyper.stability_limit();
    let words = match limit {
        _ if c.is_nan() => format!("{name} is not a number here: f has no second derivative."),
        _ if c < 0.0 => format!("{name} = {c_text} here: the function bends down, so steps grow."),
        None => format!(
            "{name} = {c_text} here; {method} divides each step by its own average of the \
             gradients, so no fixed limit applies."
        ),
        Some(l) if hyper.method != Method::Gd => {
            let l_text = brief(l);
            let b = brief(hyper.momentum);
            if c > l {
                format!("Steps overshoot where {name} > {l_text} ({method} with β = {b}); here it is {c_text}.")
            } else {
                format!("{name} = {c_text} here, under {l_text}, the limit of {method} with β = {b}: its steps do not grow.")
            }
        }
        Some(_) if c > 2.0 => format!("Steps overshoot where {name} > 2; here it is {c_text}."),
        Some(_) if c == 2.0 => format!("{name} = 2 here: each step lands as far past the bottom as it started, so the ball bounces for ever."),
        Some(_) if c > 1.0 => format!("{name} = {c_text} here, between 1 and 2: steps cross the bottom, but each bounce is smaller."),
        Some(_) => format!("{name} = {c_text} here, at most 1: steps stop short of the bottom and never cross it."),
    };
    (limit, words)
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

    /// The number a line multiplies the gradient by: "… + 0.1 × 16.000000 = …" → 0.1.
    fn coefficient(line: &str) -> f64 {
        let after = line.rsplit(" + ").next().unwrap();
        after.split(" × ").next().unwrap().parse().unwrap()
    }

    #[test]
    fn adaptive_methods_show_their_averages_and_corrections() {
        let a = step(&[("method", "adam")], 1);
        assert_eq!(a.len(), 5, "{a:?}");
        // f = x² from 8, g₀ = 16: m₁ = 0.1 × 16 = 1.6, s₁ = 0.001 × 256 = 0.256; corrected by
        // 1 − 0.9 and 1 − 0.999 they are 16 and 256.
        assert!(
            a[0].starts_with("m₁ = β₁·m₀ + (1 − β₁)·f′(x₀) = 0.9 × 0.000000 + "),
            "{a:?}"
        );
        assert!(a[0].ends_with(" × 16.000000 = 1.600000"), "{a:?}");
        assert!((coefficient(&a[0]) - 0.1).abs() < 1e-15, "1 − β₁: {a:?}");
        assert!(
            a[1].starts_with("s₁ = β₂·s₀ + (1 − β₂)·f′(x₀)² = 0.999 × 0.000000 + "),
            "{a:?}"
        );
        assert!(a[1].ends_with(" × 16.000000² = 0.256000"), "{a:?}");
        assert!((coefficient(&a[1]) - 0.001).abs() < 1e-15, "1 − β₂: {a:?}");
        assert_eq!(a[2], "m̂₁ = m₁/(1 − β₁¹) = 1.600000 / 0.100000 = 16.000000");
        assert_eq!(a[3], "ŝ₁ = s₁/(1 − β₂¹) = 0.256000 / 0.001000 = 256.000000");
        // Adam's first step moves by η: 8 − 0.1 × 16 / (16 + 1e-8).
        assert_eq!(
            a[4],
            "x₁ = x₀ − η₀·m̂₁/(√ŝ₁ + ε) = 8.000000 − 0.100000 × 16.000000 / (16.000000 + 1e-8) = 7.900000"
        );
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

    /// ε is added to √s, not taken away or multiplied, where it is big enough to see.
    #[test]
    fn on_a_gentle_slope_epsilon_shows_in_the_denominator() {
        // f′ = 10⁻⁵ everywhere: AdaGrad's √s₁ = 10⁻⁵, and ε = 10⁻¹⁰ adds a millionth of it;
        // x₁ = 1 − 0.1 × 10⁻⁵ / 1.00001·10⁻⁵ = 0.900001.
        let g = step(
            &[("f", "x/100000"), ("start", "1"), ("method", "adagrad")],
            1,
        );
        assert_eq!(
            g,
            [
                "s₁ = s₀ + f′(x₀)² = 0.000000 + 1.000000e-5² = 1.000000e-10",
                "√s₁ + ε = 1.000000e-5 + 1e-10",
                "x₁ = x₀ − η₀·f′(x₀)/(√s₁ + ε) = 1.000000 − 0.100000 × 1.000000e-5 / 1.000010e-5 = 0.900001",
            ]
        );
        // RMSProp keeps 1% of g²: √s₁ = 10⁻⁶, plus ε = 10⁻⁸.
        let r = step(
            &[("f", "x/100000"), ("start", "1"), ("method", "rmsprop")],
            1,
        );
        assert_eq!(
            r[2],
            "x₁ = x₀ − η₀·f′(x₀)/(√s₁ + ε) = 1.000000 − 0.100000 × 1.000000e-5 / 1.010000e-6 = 0.009901"
        );
    }

    /// `× (-16.000000)`: a negative number after an operator is bracketed; zero is not.
    #[test]
    fn a_negative_number_after_an_operator_is_bracketed_and_zero_is_not() {
        // From −8: x₁ = −8 − 0.1 × (−16) = −6.4.
        assert_eq!(
            step(&[("start", "-8")], 1),
            ["x₁ = x₀ − η₀·f′(x₀) = -8.000000 − 0.100000 × (-16.000000) = -6.400000"]
        );
        // Momentum's first step starts from v₀ = 0.
        assert_eq!(
            step(&[("method", "momentum"), ("momentum", "0.5")], 1)[0],
            "v₁ = β·v₀ + f′(x₀) = 0.5 × 0.000000 + 16.000000 = 16.000000"
        );
    }

    /// `fill` keeps a `{name}` it has no value for, and a brace that is never closed.
    #[test]
    fn a_slot_with_no_value_is_kept_as_written() {
        // A template's typo shows on the page instead of vanishing; a lone brace stays too.
        let slots = [("k", sub(1))];
        assert_eq!(
            fill("x{k} then {q} and {who}, {", &slots),
            "x₁ then {q} and {who}, {"
        );
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
        let c = curv(r.function(), r.lanes()[0].at(0)).unwrap();
        assert_eq!(
            gauge(c, 1, Hyper::default()).1,
            "Steps overshoot where η·f″ > 2; here it is 2.12."
        );
        assert_eq!(
            gauge(0.4, 1, Hyper::default()).1,
            "η·f″ = 0.4 here, at most 1: steps stop short of the bottom and never cross it."
        );
        assert_eq!(
            gauge(1.5, 2, Hyper::default()).1,
            "η·λmax = 1.5 here, between 1 and 2: steps cross the bottom, but each bounce is smaller."
        );
        assert!(gauge(1.0, 1, Hyper::default()).1.contains("at most 1"));
        assert_eq!(
            gauge(-1.0, 2, Hyper::default()).1,
            "η·λmax = −1 here: the function bends down, so steps grow."
        );
        // A straight line does not bend down: no growth at η·f″ = 0.
        assert_eq!(
            gauge(0.0, 1, Hyper::default()).1,
            "η·f″ = 0 here, at most 1: steps stop short of the bottom and never cross it."
        );
        // At exactly 2 the steps bounce between x and −x without growing.
        assert_eq!(
            gauge(2.0, 1, Hyper::default()).1,
            "η·f″ = 2 here: each step lands as far past the bottom as it started, so the ball bounces for ever."
        );
        // Momentum's limit is 2(1 + β): at β = 0.9, η·f″ = 3 is stable and 4 is not.
        let heavy = Hyper {
            method: Method::Momentum,
            momentum: 0.9,
            ..Hyper::default()
        };
        assert_eq!(
            gauge(3.0, 1, heavy),
            (
                Some(3.8),
                "η·f″ = 3 here, under 3.8, the limit of Momentum with β = 0.9: its steps do not grow."
                    .to_string()
            )
        );
        assert!(gauge(4.0, 1, heavy)
            .1
            .starts_with("Steps overshoot where η·f″ > 3.8 (Momentum with β = 0.9)"));
        // Nesterov's is lower: 2(1 + β)/(1 + 2β) = 1.3571 at β = 0.9, so 1.5 overshoots.
        let nesterov = Hyper {
            method: Method::Nesterov,
            ..heavy
        };
        assert!(gauge(1.5, 1, nesterov)
            .1
            .starts_with("Steps overshoot where η·f″ > 1.3571"));
        let adam = Hyper {
            method: Method::Adam,
            ..Hyper::default()
        };
        let (limit, words) = gauge(3.0, 1, adam);
        assert_eq!(limit, None);
        assert!(words.contains("Adam divides each step"), "{words}");
        assert_eq!(
            gauge(f64::NAN, 1, Hyper::default()).1,
            "η·f″ is not a number here: f has no second derivative."
        );
    }
}

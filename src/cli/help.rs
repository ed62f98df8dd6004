//! What the command line says of itself: `descent help` (every flag with the values it takes,
//! and the functions a typed `--f` may call) and `descent presets`.

use crate::fmt::{float, lhs, pretty};
use crate::objective::expr::{BUILTINS, BUILTIN_HELP};
use crate::objective::Preset;
use crate::settings::PARAMS;
use std::io::Write;

/// `descent help`: the usage, every flag of `trace` with what it does and the values it
/// takes, and the functions a typed `--f` may call.
pub fn usage(out: &mut dyn Write) -> Result<(), String> {
    let mut u = String::from(
        "usage:\n  descent trace (--f EXPR | --preset NAME) [flags]\n  \
         descent plot (--f EXPR | --preset NAME) [--out FILE.svg] [--width W] [--height H] [flags]\n  \
         descent basins (--f EXPR | --preset NAME) --x0 A..B [--y0 C..D] --n N [flags]\n  \
         descent sweep (--f EXPR | --preset NAME) --lr A..B --n N [flags]\n  \
         descent phase (--f EXPR | --preset NAME) --lr A..B --momentum C..D --n N [flags]\n  \
         descent fit --data FILE.csv [--model line|logistic] [--loss mse|mae|huber|cross-entropy] \
         [--batch B] [--seed S] [flags]\n  \
         descent presets\n  descent help\n\n\
         basins: one row per start (x0[,y0],x[,y],f,steps,stop; a grid is N×N, y0 outer); \
         sweep: one row per rate, evenly on a log axis (lr,x…,f,steps,stop); phase: N×N rates \
         and momenta (lr,momentum,f,steps,stop). Each run stops where |∇f| < 1e-4, as on the \
         page.\n\nfit: fits (w, b) of the line w·x + b (mse by default, mae, or huber with δ = 1) or \
         of logistic regression σ(w·x + b) (cross-entropy; labels 0 or 1) to a CSV file with the \
         header x,y, from (0, 0), with --lr (0.1 by default), --steps (100), --method, \
         --schedule, --decay, --warmup, --step-size and --momentum; one row per step \
         (step,w,b,loss[,batch_loss],lr). --batch B takes B points per step (all of them by \
         default), drawn without replacement and reshuffled every epoch from SplitMix64 seeded \
         with --seed S (0 by default).\n\nflags of `trace` (--f also needs --lr and a start: --start with one \
         value per variable, or --x0, with --y0 and --z0 for functions of x, y and z; \
         a function may use x, y, z or x1 … x9):\n",
    );
    for p in PARAMS {
        if let Some(flag) = p.flag {
            u.push_str(&format!("  --{flag:<10} {} ({})\n", p.help, p.range()));
        }
    }
    u.push_str("  --format     how rows are written (one of table, csv, json; table by default)\n");
    u.push_str(&super::plot::usage());
    u.push_str("\nfunctions a typed --f may call:\n");
    for (b, help) in BUILTINS.iter().zip(BUILTIN_HELP) {
        u.push_str(&format!("  {:<10} {help}\n", b.name));
    }
    // A closed pipe (descent help | head) is not an error worth reporting.
    let _ = out.write_all(u.as_bytes());
    Ok(())
}

/// `descent presets`: every preset function, its view, start, rate and budget, and what it
/// teaches.
pub fn presets(out: &mut dyn Write) -> Result<(), String> {
    let mut text = String::new();
    for p in Preset::ALL {
        let i = p.info();
        // A fit's variables are its parameters, w and b.
        let names = match p.model() {
            Some(_) => &["w", "b"][..],
            None => crate::objective::expr::names(i.dim, false),
        };
        let (x, y) = (names[0], names.get(1).copied().unwrap_or("y"));
        let view = if i.dim == 1 {
            format!("{x} in [{}, {}]", i.domain.x[0], i.domain.x[1])
        } else {
            format!(
                "{x} in [{}, {}], {y} in [{}, {}]",
                i.domain.x[0], i.domain.x[1], i.domain.y[0], i.domain.y[1]
            )
        };
        let start = if i.dim == 1 {
            format!("{x}0 = {}", float(i.start[0]))
        } else {
            format!("({x}0, {y}0) = ({}, {})", i.start[0], i.start[1])
        };
        text.push_str(&format!(
            "{:<15} {} =  {}\n{:<15} {}; start {}; lr {}; {} steps\n{:<15} {}\n\n",
            i.name,
            lhs(names),
            pretty(i.formula),
            "",
            view,
            start,
            i.lr,
            i.steps,
            "",
            p.about()
        ));
    }
    // A closed pipe (descent presets | head) is not an error worth reporting.
    let _ = out.write_all(text.as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::run_text;

    #[test]
    fn help_lists_every_flag_with_its_range() {
        let (_, out, _) = run_text(&["help"]);
        assert!(out.contains("  --decay      γ, the learning rate's factor per step (η_t = η₀·γ^t; 1 means none) (from 0.9 to 1)\n"), "{out}");
        assert!(out.contains("  --momentum   "), "{out}");
        assert!(out.contains("(from 0 to 0.99)"), "{out}");
        assert!(out.contains("  --steps      the step budget: the most updates a run makes (a whole number from 1 to 1000000)"), "{out}");
        assert!(
            out.contains("  atan2      atan2(y, x): the angle of the point (x, y)\n"),
            "{out}"
        );
    }

    #[test]
    fn presets_lists_each_one_with_its_formula() {
        let (code, out, _) = run_text(&["presets"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("quadratic       f(x) =  x²\n"), "{out}");
        assert!(
            out.contains("wells           f(x, y) =  (x² + y²)/20 − cos(x)·cos(y)"),
            "{out}"
        );
        // A fit's variables are its parameters; its sentence comes from its own list.
        assert!(out.contains("line-fit        f(w, b) =  mean((w·x + b − y)²)\n                w in [-2, 5], b in [-3, 6]; start (w0, b0) = (0, 0); lr 0.1; 100 steps\n                Fitting a line"), "{out}");
        assert!(
            out.contains(
                "bowl            f(x, y) =  x² + y²\n                x in [-3, 3], y in [-3, 3]"
            ),
            "{out}"
        );
    }
}

//! The documentation stays true to the code: every setting of the parameter table is described
//! for embedders, and every lesson and preset the page offers is named.
#![cfg(not(target_arch = "wasm32"))]

use descent::objective::expr::BUILTINS;
use descent::objective::Preset;
use descent::settings::{PARAMS, SCENARIOS};

#[test]
fn embedding_docs_describe_every_setting_lesson_and_preset() {
    let docs = include_str!("../docs/embedding.md");
    for p in PARAMS {
        assert!(
            docs.contains(&format!("`data-{}`", p.key)),
            "data-{} is not documented",
            p.key
        );
    }
    for l in SCENARIOS {
        assert!(
            docs.contains(&format!("`{}`", l.key)),
            "lesson {} is not documented",
            l.key
        );
    }
    for p in Preset::ALL {
        assert!(
            docs.contains(&format!("`{}`", p.name())),
            "preset {} is not documented",
            p.name()
        );
    }
}

#[test]
fn the_readme_names_every_function_a_typed_expression_may_call() {
    let readme = include_str!("../README.md");
    for b in BUILTINS {
        assert!(
            readme.contains(b.name),
            "README lacks the function {}",
            b.name
        );
    }
}

#[test]
fn the_readme_lists_every_flag_with_the_values_it_takes() {
    let readme = include_str!("../README.md");
    for p in PARAMS.iter().filter(|p| p.flag.is_some()) {
        let flag = p.flag.unwrap_or_default();
        let row = readme
            .lines()
            .find(|l| {
                let first = l.split('|').nth(1).unwrap_or_default();
                l.starts_with("| `--") && first.contains(&format!("`--{flag}`"))
            })
            .unwrap_or_else(|| panic!("no row for --{flag}"));
        assert!(
            row.ends_with(&format!("| {} |", p.range())),
            "--{flag}: {row}"
        );
    }
}

#[test]
fn the_readme_shows_the_two_commands_and_links_the_docs() {
    let readme = include_str!("../README.md");
    for needle in [
        "cargo xtask serve",
        "cargo xtask test",
        "docs/embedding.md",
        "docs/screenshot.png",
    ] {
        assert!(readme.contains(needle), "README lacks {needle}");
    }
}

/// The README and the Momentum help say the post's momentum formula, taken literally, flies
/// off on `local` from x0 = 2: the numbers they give are the formula's own.
#[test]
fn the_posts_momentum_formula_flies_off_as_the_docs_say() {
    use descent::objective::Objective;
    let f = Preset::Local;
    let g = |x: f64| f.value_grad(&[x]).1[0];
    // x_{t+1} = x_t + β∇f(x_{t−1}) − η∇f(x_t), with no slope before the start.
    let (beta, eta) = (0.9, 0.01);
    let (mut x, mut before) = (2.0f64, 0.0);
    let mut xs = vec![x];
    for _ in 0..4 {
        let now = g(x);
        x += beta * before - eta * now;
        before = now;
        xs.push(x);
    }
    // 2, 1.79, 20.6, −314, 1.3·10⁶ to the digits the docs give.
    let given = [2.0, 1.79, 20.6, -314.0, 1.3e6];
    for (x, want) in xs.iter().zip(given) {
        assert!((x - want).abs() <= 0.05 * want.abs(), "{xs:?}");
    }
    let readme = include_str!("../README.md");
    assert!(readme.contains("2, 1.79, 20.6, −314, 1.3·10⁶"), "README");
    let help = descent::settings::param("momentum").unwrap().help;
    assert!(help.contains("2, 1.79, 20.6, −314, 1.3·10⁶"), "{help}");
    assert!(readme.contains("heavy ball") && help.contains("heavy ball"));
}

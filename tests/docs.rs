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

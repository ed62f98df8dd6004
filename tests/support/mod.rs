//! What the tests share: the `descent` binary, run as a user would, and its output as text;
//! a demo opened from link pairs, as the page opens one. (Each test file uses some of these.)
#![allow(dead_code)]

use std::process::{Command, Output};

pub fn descent(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_descent"))
        .args(args)
        .output()
        .expect("the descent binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What `descent args` prints, once it has succeeded (else its stderr says why).
pub fn succeeds(args: &[&str]) -> String {
    let o = descent(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// A demo of the settings `pairs` describe (every pair usable), on screen, as the page mounts
/// one.
pub fn demo(pairs: &[(&str, &str)]) -> descent::demo::Demo {
    use descent::settings::{Mode, Settings};
    let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Lenient);
    assert!(notes.is_empty(), "{notes:?}");
    let mut d = descent::demo::Demo::new(s, &notes, false);
    d.apply(descent::demo::Action::Visible(true));
    d
}

//! What the command-line tests share: the `descent` binary, run as a user would, and its
//! output as text. (Each test file uses some of these.)
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

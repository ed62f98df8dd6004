//! The command line's words: a command, and its flags as `key=value` pairs. Every argument
//! must be text (one that is not valid UTF-8 is refused, naming it), and a flag given twice is
//! a mistake.

use std::ffi::OsString;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
pub enum Command {
    /// `descent trace` with its flags, as `(key, value)` pairs in the order given.
    Trace(Vec<(String, String)>),
    /// `descent basins | sweep | phase` with their flags.
    Map(super::maps::Kind, Vec<(String, String)>),
    /// `descent fit` with its flags.
    Fit(Vec<(String, String)>),
    /// `descent plot` with its flags.
    Plot(Vec<(String, String)>),
    /// `descent presets`.
    Presets,
    /// `descent help`, or `--help` anywhere.
    Help,
}

/// The command `args` ask for.
pub fn command(args: &[OsString]) -> Result<Command, String> {
    let mut text = Vec::with_capacity(args.len());
    for (k, a) in args.iter().enumerate() {
        match a.to_str() {
            Some(t) => text.push(t.to_string()),
            None => {
                return Err(format!(
                    "argument {} is not valid text (UTF-8): '{}'",
                    k + 1,
                    a.to_string_lossy()
                ))
            }
        }
    }
    let asks_help = |rest: &[String]| rest.iter().any(|a| a == "--help" || a == "-h");
    let map = |name: &str| match name {
        "basins" => Some(super::maps::Kind::Basins),
        "sweep" => Some(super::maps::Kind::Sweep),
        "phase" => Some(super::maps::Kind::Phase),
        _ => None,
    };
    match text.first().map(String::as_str) {
        Some("trace" | "plot" | "basins" | "sweep" | "phase" | "fit") if asks_help(&text[1..]) => {
            Ok(Command::Help)
        }
        Some("trace") => flags(&text[1..]).map(Command::Trace),
        Some("fit") => flags(&text[1..]).map(Command::Fit),
        Some("plot") => flags(&text[1..]).map(Command::Plot),
        Some(name) if map(name).is_some() => {
            let kind = map(name).ok_or("unknown map")?;
            flags(&text[1..]).map(|f| Command::Map(kind, f))
        }
        Some("presets") => Ok(Command::Presets),
        Some("help" | "--help" | "-h") => Ok(Command::Help),
        Some(other) => Err(format!(
            "unknown command '{other}': use trace, plot, basins, sweep, phase, fit or presets"
        )),
        None => Err(
            "missing command: use trace, plot, basins, sweep, phase, fit or presets (descent help)"
                .into(),
        ),
    }
}

/// `--key value` or `--key=value` pairs.
fn flags(args: &[String]) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let Some(flag) = arg.strip_prefix("--") else {
            return Err(format!("unexpected '{arg}': flags look like --lr 0.1"));
        };
        let (key, value) = match flag.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => {
                let v = it.next().ok_or_else(|| format!("--{flag} needs a value"))?;
                (flag.to_string(), v.clone())
            }
        };
        if out.iter().any(|(k, _)| *k == key) {
            return Err(format!("--{key} is given twice"));
        }
        out.push((key, value));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn flags_come_as_pairs_with_or_without_an_equals_sign() {
        assert_eq!(
            command(&os(&["trace", "--lr", "0.1", "--steps=5"])),
            Ok(Command::Trace(vec![
                ("lr".into(), "0.1".into()),
                ("steps".into(), "5".into())
            ]))
        );
        assert_eq!(command(&os(&["presets"])), Ok(Command::Presets));
        assert_eq!(
            command(&os(&["trace", "--lr"])),
            Err("--lr needs a value".into())
        );
        assert_eq!(
            command(&os(&["trace", "--lr", "1", "--lr", "2"])),
            Err("--lr is given twice".into())
        );
        assert_eq!(
            command(&os(&["trace", "lr"])),
            Err("unexpected 'lr': flags look like --lr 0.1".into())
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_argument_that_is_not_text_is_named() {
        use std::os::unix::ffi::OsStringExt;
        let args = vec![
            OsString::from("trace"),
            OsString::from("--f"),
            OsString::from_vec(b"x\xff".to_vec()),
        ];
        assert_eq!(
            command(&args),
            Err("argument 3 is not valid text (UTF-8): 'x\u{fffd}'".into())
        );
    }
}

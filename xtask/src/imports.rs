//! Short import names for the shipped wasm module.
//!
//! wasm-bindgen names every function the module imports after the JavaScript it calls plus a
//! 16-digit hash (`__wbg_setAttribute_4fa6b4f1…`), and writes each name twice: in the wasm
//! module's import section and as a key of the imports object in the JavaScript glue. The
//! hashes do not compress: descent's 167 imports cost 4.6 KB of the gzipped download (2.6 KB
//! in the module, 2.0 KB in the glue).
//! [`shorten`] renames them `a`, `b`, …, `ba`, … in both files.

/// Renames every import of `wasm` (a module whose imports are all functions) to a short name,
/// and the same key in `glue`, where each old name must appear exactly once as a whole word.
/// Returns the new module and glue.
pub fn shorten(wasm: &[u8], glue: &str) -> Result<(Vec<u8>, String), String> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a wasm module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut glue = glue.to_string();
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (len, start) = leb(wasm, at + 1)?;
        let end = start
            .checked_add(len)
            .filter(|&e| e <= wasm.len())
            .ok_or("a section runs past the end of the module")?;
        if id == 2 {
            let section = rename(&wasm[start..end], &mut glue)?;
            out.push(2);
            put_leb(&mut out, section.len());
            out.extend(section);
        } else {
            out.extend_from_slice(&wasm[at..end]);
        }
        at = end;
    }
    Ok((out, glue))
}

/// The import section with every name shortened (and the glue's keys with it).
fn rename(section: &[u8], glue: &mut String) -> Result<Vec<u8>, String> {
    let (count, mut at) = leb(section, 0)?;
    let mut out = Vec::new();
    put_leb(&mut out, count);
    for k in 0..count {
        let (module, next) = name(section, at)?;
        let (old, next) = name(section, next)?;
        // Only function imports (kind 0, a type index) are expected from wasm-bindgen.
        if section.get(next) != Some(&0) {
            return Err(format!("import {old} is not a function"));
        }
        let (_, end) = leb(section, next + 1)?;
        let new = short(k);
        replace_key(glue, old, &new)?;
        put_leb(&mut out, module.len());
        out.extend_from_slice(module.as_bytes());
        put_leb(&mut out, new.len());
        out.extend_from_slice(new.as_bytes());
        out.extend_from_slice(&section[next..end]);
        at = end;
    }
    Ok(out)
}

/// The `k`-th short name: a … z, A … Z, then ba, bb, … (never a leading `a`, so no two names
/// are alike).
fn short(k: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let n = LETTERS.len();
    let mut digits = vec![LETTERS[k % n]];
    let mut rest = k / n;
    while rest > 0 {
        digits.push(LETTERS[rest % n]);
        rest /= n;
    }
    digits.reverse();
    String::from_utf8_lossy(&digits).into_owned()
}

/// Replaces the one whole-word occurrence of `old` in `glue` with `new`.
fn replace_key(glue: &mut String, old: &str, new: &str) -> Result<(), String> {
    let word =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let found: Vec<usize> = glue
        .match_indices(old)
        .map(|(i, _)| i)
        .filter(|&i| {
            !word(glue[..i].chars().next_back()) && !word(glue[i + old.len()..].chars().next())
        })
        .collect();
    match found[..] {
        [i] => {
            glue.replace_range(i..i + old.len(), new);
            Ok(())
        }
        _ => Err(format!(
            "the JavaScript glue names the import {old} {} times, not once",
            found.len()
        )),
    }
}

/// A name (length, then UTF-8 bytes) at `at`; returns it and where it ends.
fn name(bytes: &[u8], at: usize) -> Result<(&str, usize), String> {
    let (len, start) = leb(bytes, at)?;
    let raw = bytes
        .get(start..start + len)
        .ok_or("a name runs past the end of the import section")?;
    let text = std::str::from_utf8(raw).map_err(|_| "an import name is not UTF-8")?;
    Ok((text, start + len))
}

/// An unsigned LEB128 number at `at`; returns it and where it ends.
fn leb(bytes: &[u8], at: usize) -> Result<(usize, usize), String> {
    let mut value = 0usize;
    for (k, &b) in bytes
        .get(at..)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .take(5)
    {
        value |= usize::from(b & 0x7f) << (7 * k);
        if b < 0x80 {
            return Ok((value, at + k + 1));
        }
    }
    Err("a malformed number in the wasm module".into())
}

fn put_leb(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module importing functions named `names` from "./m.js", then a small custom section.
    fn module(names: &[&str]) -> Vec<u8> {
        let mut section = Vec::new();
        put_leb(&mut section, names.len());
        for n in names {
            put_leb(&mut section, 6);
            section.extend_from_slice(b"./m.js");
            put_leb(&mut section, n.len());
            section.extend_from_slice(n.as_bytes());
            section.extend_from_slice(&[0, 0]);
        }
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        m.push(2);
        put_leb(&mut m, section.len());
        m.extend(section);
        m.extend_from_slice(&[0, 3, 1, b'x', 7]);
        m
    }

    #[test]
    fn imports_get_short_names_in_the_module_and_the_glue() {
        let long = [
            "__wbg_alert_0123456789abcdef",
            "__wbg_alert_0123456789abcdef_x",
        ];
        let glue = "const i={__wbg_alert_0123456789abcdef:f,__wbg_alert_0123456789abcdef_x:g};";
        let (wasm, glue) = shorten(&module(&long), glue).unwrap();
        assert_eq!(wasm, module(&["a", "b"]));
        assert_eq!(glue, "const i={a:f,b:g};");
    }

    #[test]
    fn a_name_the_glue_does_not_hold_once_is_an_error() {
        let err = shorten(&module(&["__wbg_x"]), "({__wbg_x:1,__wbg_x:2})").unwrap_err();
        assert!(err.contains("2 times"), "{err}");
        assert!(shorten(&module(&["__wbg_x"]), "").is_err());
    }

    #[test]
    fn short_names_are_distinct() {
        let names: Vec<String> = (0..3000).map(short).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
        assert_eq!(
            (short(0).as_str(), short(51).as_str(), short(52).as_str()),
            ("a", "Z", "ba")
        );
    }

    #[test]
    fn numbers_round_trip_through_leb128() {
        for v in [0, 1, 127, 128, 300, 16_384, 1 << 28] {
            let mut out = Vec::new();
            put_leb(&mut out, v);
            assert_eq!(leb(&out, 0), Ok((v, out.len())));
        }
    }
}

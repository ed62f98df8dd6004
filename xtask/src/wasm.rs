//! Building the wasm module and the static site.

use crate::steps::{run, say};
use crate::{root, tools};
use flate2::{write::GzEncoder, Compression};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the wasm module (profile `web`: optimised for size, LTO) and runs wasm-bindgen (`--target web`) into www/pkg.
pub fn build() -> Result<(), String> {
    build_into(&[], &root().join("www/pkg"))
}

/// Builds the wasm module with the crate's `features` and runs wasm-bindgen into `pkg`.
fn build_into(features: &[&str], pkg: &Path) -> Result<(), String> {
    tools::wasm_target()?;
    tools::wasm_bindgen()?;
    say("building the wasm module (cargo build --profile web --target wasm32-unknown-unknown)");
    let mut cargo = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo.args([
        "build",
        "--profile",
        "web",
        "--target",
        "wasm32-unknown-unknown",
        "--lib",
    ]);
    if !features.is_empty() {
        cargo.args(["--features", &features.join(",")]);
    }
    run("cargo build (wasm32, profile web)", &mut cargo)?;
    say(&format!(
        "running wasm-bindgen --target web into {}",
        pkg.display()
    ));
    let wasm = tools::target_dir()?.join("wasm32-unknown-unknown/web/descent.wasm");
    run(
        "wasm-bindgen",
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(pkg)
            .arg(&wasm),
    )
}

/// Builds dist/: a self-contained static site (index.html, www/, examples/), with the wasm
/// optimised by `wasm-opt -Oz` and its imports given short names, the JavaScript minified and
/// a gzipped copy beside each file (when Node.js and the npm packages are there). Prints every
/// file's size, raw and gzipped, and returns the dist folder.
pub fn dist() -> Result<PathBuf, String> {
    build()?;
    let dist = root().join("dist");
    assemble(&dist, None)?;
    print_sizes(&dist)?;
    Ok(dist)
}

/// dist/'s twin for the browser benchmark, in target/bench/site: the same site, its module
/// built with the `bench` feature (the benchmark's hooks, which the shipped module goes
/// without). Returns its folder.
pub fn bench_site() -> Result<PathBuf, String> {
    let bench = tools::target_dir()?.join("bench");
    let pkg = bench.join("pkg");
    build_into(&["bench"], &pkg)?;
    let site = bench.join("site");
    assemble(&site, Some(&pkg))?;
    Ok(site)
}

/// Lays out the static site in `dist` (index.html, www/, examples/, with the module of `pkg`
/// in place of www/pkg when given) and optimises, minifies and compresses it.
fn assemble(dist: &Path, pkg: Option<&Path>) -> Result<(), String> {
    let root = root();
    say(&format!("assembling {}", dist.display()));
    if dist.exists() {
        std::fs::remove_dir_all(dist).map_err(|e| format!("cannot clear {dist:?}: {e}"))?;
    }
    copy_file(&root.join("index.html"), &dist.join("index.html"))?;
    copy_tree(&root.join("www"), &dist.join("www"))?;
    if let Some(pkg) = pkg {
        copy_tree(pkg, &dist.join("www/pkg"))?;
    }
    if root.join("examples").is_dir() {
        copy_tree(&root.join("examples"), &dist.join("examples"))?;
    }
    let node = tools::npm_packages().is_ok();
    if node {
        optimise(&dist.join("www/pkg/descent_bg.wasm"))?;
        shorten_imports(&dist.join("www/pkg"))?;
        minify(dist)?;
    }
    // The worker lists every file of the app shell as shipped, so it comes after the last
    // change to them.
    crate::offline::write_worker(dist)?;
    if node {
        precompress(dist)?;
    } else {
        say("Node.js not found: the wasm and JavaScript are shipped unoptimised and uncompressed");
    }
    Ok(())
}

/// `wasm-opt -Oz` with binaryen 132 from the npm packages' lock file. (Debian's binaryen 108
/// breaks this module: its output fails at load with "WebAssembly.Table.set(): Argument 1 is
/// invalid for table".)
fn optimise(wasm: &Path) -> Result<(), String> {
    say("optimising the wasm module (wasm-opt -Oz, binaryen from npm)");
    run(
        "wasm-opt -Oz",
        Command::new("node")
            .arg(root().join("tests/e2e/node_modules/binaryen/bin/wasm-opt"))
            // Flattened and re-looped first, then shrunk twice: 0.8 KB less gzipped than -Oz
            // alone.
            .args(["--flatten", "--rereloop", "-Oz", "-Oz", "--converge"])
            // Functions in the order of their names, so each module's sit together: gzip
            // finds more of what it has just seen (1.5 KB less gzipped than the compiler's
            // order). The names go afterwards.
            .arg("--reorder-functions-by-name")
            .args(["--strip-debug", "--strip-producers"])
            // Rust puts its 1 MiB stack first in memory: the lowest KiB holds nothing (bar a
            // stack overflow, which would corrupt memory anyway), so loads and stores may fold
            // their offsets into constant addresses.
            .arg("--low-memory-unused")
            .args(WASM_FEATURES)
            .arg(wasm)
            .arg("-o")
            .arg(wasm),
    )
}

/// Gives the wasm module's imports short names, in the module and in its JavaScript glue
/// (see [`crate::imports`]).
fn shorten_imports(pkg: &Path) -> Result<(), String> {
    say("shortening the wasm module's import names");
    let (wasm, js) = (pkg.join("descent_bg.wasm"), pkg.join("descent.js"));
    let read_err = |p: &Path, e: std::io::Error| format!("cannot read {}: {e}", p.display());
    let module = std::fs::read(&wasm).map_err(|e| read_err(&wasm, e))?;
    let glue = std::fs::read_to_string(&js).map_err(|e| read_err(&js, e))?;
    let (module, glue) = crate::imports::shorten(&module, &glue)
        .map_err(|e| format!("shortening the import names: {e}"))?;
    let write_err = |p: &Path, e: std::io::Error| format!("cannot write {}: {e}", p.display());
    std::fs::write(&wasm, module).map_err(|e| write_err(&wasm, e))?;
    std::fs::write(&js, glue).map_err(|e| write_err(&js, e))
}

/// Minifies the JavaScript dist/ ships with terser (from the npm packages' lock file). Only
/// wasm-bindgen's glue (www/pkg/) is minified as a module: the loaders also run as classic
/// scripts on other sites' pages, where a module's top-level names would become globals.
fn minify(dist: &Path) -> Result<(), String> {
    say("minifying the JavaScript (terser)");
    let terser = root().join("tests/e2e/node_modules/terser/bin/terser");
    let pkg = dist.join("www/pkg");
    for file in files_under(dist)? {
        if file.extension().and_then(|e| e.to_str()) == Some("js") {
            let module: &[&str] = if file.starts_with(&pkg) {
                &["--module"]
            } else {
                &[]
            };
            run(
                "terser",
                Command::new("node")
                    .arg(&terser)
                    .arg(&file)
                    .args(module)
                    .args(["--compress", "--mangle", "--output"])
                    .arg(&file),
            )?;
        }
    }
    Ok(())
}

/// Writes a gzipped copy (`name.gz`, by zopfli) beside every text and wasm file of dist/, for
/// hosts that serve precompressed files.
fn precompress(dist: &Path) -> Result<(), String> {
    say("writing the gzipped copies (zopfli)");
    let files: Vec<PathBuf> = files_under(dist)?
        .into_iter()
        .filter(|f| {
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
            ["wasm", "js", "css", "html", "svg"].contains(&ext)
        })
        .collect();
    run(
        "zopfli",
        Command::new("node")
            .arg(root().join("tests/e2e/precompress.mjs"))
            .args(&files),
    )
}

/// The WebAssembly features rustc enables by default for wasm32-unknown-unknown.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
];

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {parent:?}: {e}"))?;
    }
    std::fs::copy(from, to).map_err(|e| format!("cannot copy {from:?}: {e}"))?;
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for path in files_under(from)? {
        let rel = path.strip_prefix(from).map_err(|e| e.to_string())?;
        copy_file(&path, &to.join(rel))?;
    }
    Ok(())
}

/// Every file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("cannot list {d:?}: {e}"))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The size of `bytes` after gzip at the default level, as a static host would send them.
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// Prints every file's size: raw, gzipped on the fly at the default level, and as shipped
/// precompressed (where dist/ has a `.gz` copy; otherwise the on-the-fly size again).
fn print_sizes(dist: &Path) -> Result<(), String> {
    let (mut raw_total, mut gz_total, mut shipped_total) = (0, 0, 0);
    println!(
        "{:<36} {:>10} {:>10} {:>10}",
        "file", "bytes", "gzip -6", "shipped"
    );
    for path in files_under(dist)? {
        if path.extension().is_some_and(|e| e == "gz") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {path:?}: {e}"))?;
        let gz = gzip_len(&bytes);
        let shipped =
            std::fs::metadata(crate::serve::precompressed(&path)).map_or(gz, |m| m.len() as usize);
        raw_total += bytes.len();
        gz_total += gz;
        shipped_total += shipped;
        let rel = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .display()
            .to_string();
        println!("{rel:<36} {:>10} {gz:>10} {shipped:>10}", bytes.len());
    }
    println!(
        "{:<36} {raw_total:>10} {gz_total:>10} {shipped_total:>10}",
        "total"
    );
    Ok(())
}

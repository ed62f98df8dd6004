//! descent: an interactive gradient-descent demo.
//!
//! Dependencies point one way: `web → render → run → optim, objective`.
//! - [`objective`]: what is minimised (presets, typed expressions, exact derivatives);
//! - [`optim`]: the update rules, their hyper-parameters and learning-rate schedule;
//! - [`run`]: a run, its trajectory and why it stopped;
//! - [`table`]: the trace as CSV, JSON or an aligned table (the CLI and the page share it);
//! - [`render`]: drawing on any plotters backend;
//! - `web` (wasm32 only): mounting instances in a page, controls, animation.

pub mod lessons;
pub mod objective;
pub mod optim;
pub mod params;
pub mod render;
pub mod run;
pub mod share;
pub mod table;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// `v` clamped to [lo, hi], or `lo` when hi < lo: `f64::clamp` panics on a reversed range,
/// which a plot squeezed smaller than its margins, or a view typed back to front, can make.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

/// The parts with `sep` between them: `[a, b, c]` as "a, b, c". The standard `join`
/// compiles into the web module once per kind of part, at 1 KB each; this is one small loop.
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
    out
}

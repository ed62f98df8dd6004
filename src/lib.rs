//! descent: an interactive gradient-descent demo.
//!
//! One room per concern, and dependencies that point one way:
//! `web, bin → cli, demo, render → words, lessons, link → maps → settings → run → optim →
//! objective → fit → fmt` (`random`, the seeded generator, a leaf beside `fmt`).
//! - [`fmt`]: numbers, points and formulas as text (a leaf);
//! - [`objective`]: what is minimised (presets, typed expressions, exact derivatives);
//! - [`optim`]: the update rules, their hyper-parameters and learning-rate schedule;
//! - [`run`]: a run, its trajectory and why it stopped; races; multi-start;
//! - [`maps`]: many runs at once: basins, learning-rate sweeps, (η, β) planes;
//! - [`fit`]: fitting data: the models and losses, points from text and links, seeded
//!   mini-batches (the loss surface itself is `objective::Fitted`);
//! - [`random`]: SplitMix64, the one seeded generator;
//! - [`settings`]: the parameter table, one `Settings` value, and the one builder of runs;
//! - [`link`]: settings as a link's hash and as embed snippets;
//! - [`lessons`]: captions written from a lesson's live run;
//! - [`words`]: what the page and the CLI say (status, stop reasons, the trace as text);
//! - [`cli`]: the command line, `descent trace | basins | sweep | phase | presets | help`;
//! - [`demo`]: one demo's state and playback, actions in and redraw flags out;
//! - [`render`]: drawing on any plotters backend;
//! - [`figure`]: the page's figure as one SVG document, for the page and the command line;
//! - `web` (wasm32 only): the thin shell that turns DOM events into actions and flags into
//!   painting;
//! - `native_math` (native only): the C math functions from the same `libm` as the web
//!   module's, so both compute the same bits.

pub mod cli;
pub mod demo;
pub mod figure;
pub mod fit;
pub mod fmt;
pub mod lessons;
pub mod link;
pub mod maps;
#[cfg(not(target_arch = "wasm32"))]
mod native_math;
pub mod objective;
pub mod optim;
pub mod random;
pub mod render;
pub mod run;
pub mod settings;
#[cfg(target_arch = "wasm32")]
pub mod web;
pub mod words;

/// `v` clamped to [lo, hi]; `lo` when hi < lo, and `hi` for NaN. (`f64::clamp` panics on a
/// reversed range, which a plot squeezed smaller than its margins or a view typed back to front
/// can make, and its panic message alone brings float formatting into the web module.)
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.min(hi).max(lo)
}

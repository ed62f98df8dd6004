//! Timings for the browser benchmark (www/bench.html, driven by `cargo xtask bench`): how long
//! each animation frame's work takes, when the first frame was drawn, and a way to run the
//! work a slider triggers synchronously so it can be timed. These hooks are built only with
//! the `bench` feature (`cargo xtask bench` builds a copy of the site with it): the shipped
//! module goes without. The reliability tests' panic is always there.

use super::dom::window;
#[cfg(feature = "bench")]
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

#[cfg(feature = "bench")]
/// The most frame timings kept (the oldest are dropped).
const KEEP: usize = 4096;

#[cfg(feature = "bench")]
#[derive(Default)]
struct Stats {
    /// Milliseconds since navigation when the first frame was drawn.
    first_frame: Option<f64>,
    /// Work per animation frame, in milliseconds, for frames that did not redraw the curve.
    moving_frames: Vec<f64>,
}

#[cfg(feature = "bench")]
thread_local! {
    static STATS: RefCell<Stats> = RefCell::new(Stats::default());
}

/// Milliseconds since navigation.
pub fn now() -> f64 {
    window()
        .ok()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records one animation frame: when it started, and whether it redrew the static layer.
#[cfg(feature = "bench")]
pub fn frame_done(started: f64, redrew_curve: bool) {
    let end = now();
    STATS.with(|s| {
        let mut s = s.borrow_mut();
        if s.first_frame.is_none() {
            s.first_frame = Some(end);
        }
        if !redrew_curve {
            if s.moving_frames.len() >= KEEP {
                s.moving_frames.remove(0);
            }
            s.moving_frames.push(end - started);
        }
    });
}

/// Without the benchmark's hooks, nothing is recorded.
#[cfg(not(feature = "bench"))]
pub fn frame_done(_started: f64, _redrew_curve: bool) {}

/// `{ firstFrameMs, movingFrameMs: [...] }`, and forgets the frame timings.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchStats)]
pub fn bench_stats() -> JsValue {
    STATS.with(|s| {
        let mut s = s.borrow_mut();
        let out = js_sys::Object::new();
        let first = s.first_frame.map_or(JsValue::NULL, JsValue::from);
        let frames = js_sys::Float64Array::from(&s.moving_frames[..]);
        s.moving_frames.clear();
        let _ = js_sys::Reflect::set(&out, &"firstFrameMs".into(), &first);
        let _ = js_sys::Reflect::set(&out, &"movingFrameMs".into(), &frames);
        out.into()
    })
}

/// Milliseconds to compute the field of the typed function `src` on an `n` × `n` grid over
/// [-2, 2] × [-1, 3] (what the plot of f(x, y) recomputes when the function changes), or
/// NaN if `src` does not parse.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = benchField)]
pub fn bench_field(src: &str, n: usize) -> f64 {
    use crate::objective::{Expr, Function};
    // As the page holds a typed function (an `Expr` itself would compile a second copy of
    // the sampling code into the module).
    let Ok(f) = Expr::parse(src).map(|e| Function::Typed(std::sync::Arc::new(e))) else {
        return f64::NAN;
    };
    let start = now();
    let field = crate::render::Field::sample(&f, [-2.0, 2.0], [-1.0, 3.0], n, n);
    let took = now() - start;
    // Keep the work from being optimised away.
    if field.values.is_empty() {
        return f64::NAN;
    }
    took
}

/// Draws every instance now, without waiting for the next animation frame; with `full`, all of
/// it: curve, axes, path, ball and words. The benchmark times a slider's input event plus this.
#[cfg(feature = "bench")]
#[wasm_bindgen(js_name = renderNow)]
pub fn render_now(full: bool) {
    super::each_instance(|i| i.render_now(full));
}

thread_local! {
    static PANIC_NEXT_FRAME: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// For the reliability tests: the next animation frame panics, as a bug would, so the tests
/// can check that the page shows it and recovers.
#[wasm_bindgen(js_name = panicNextFrame)]
pub fn panic_next_frame() {
    PANIC_NEXT_FRAME.with(|p| p.set(true));
}

/// Panics if [`panic_next_frame`] asked for it.
pub fn maybe_panic() {
    if PANIC_NEXT_FRAME.with(|p| p.replace(false)) {
        panic!("a panic asked for by the reliability tests");
    }
}

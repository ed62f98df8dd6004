//! The web module in headless Chromium (wasm-bindgen-test): mounting from `data-*`
//! attributes, drawing, and the wiring of controls to the picture and the words.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{
    CanvasRenderingContext2d, Document, Event, HtmlCanvasElement, HtmlElement, HtmlInputElement,
    HtmlSelectElement, KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The widget's stylesheet, as a page that embeds descent has it.
fn style_page(doc: &Document) {
    if doc.get_element_by_id("descent-test-css").is_none() {
        let style = doc.create_element("style").unwrap();
        style.set_id("descent-test-css");
        style.set_text_content(Some(include_str!("../www/descent.css")));
        doc.body().unwrap().append_child(&style).unwrap();
    }
}

/// A fresh `<div data-descent …>` with the attributes given, mounted.
fn mount(attrs: &[(&str, &str)]) -> HtmlElement {
    let doc = document();
    style_page(&doc);
    let el: HtmlElement = doc.create_element("div").unwrap().dyn_into().unwrap();
    el.set_attribute("data-descent", "").unwrap();
    for (k, v) in attrs {
        el.set_attribute(&format!("data-{k}"), v).unwrap();
    }
    el.style().set_property("width", "960px").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    descent::web::mount_all(None).unwrap();
    el
}

fn find<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

async fn next_frames(n: usize) {
    for _ in 0..n {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
        });
        JsFuture::from(promise).await.unwrap();
    }
}

/// A fingerprint of the canvas pixels and how many are not transparent.
fn pixels(canvas: &HtmlCanvasElement) -> (u64, usize) {
    let ctx: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let data = ctx
        .get_image_data(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        )
        .unwrap()
        .data();
    let mut hash = 0u64;
    let mut ink = 0;
    for px in data.chunks(4) {
        hash = hash.wrapping_mul(31).wrapping_add(
            u64::from(px[0]) * 3 + u64::from(px[1]) * 5 + u64::from(px[2]) * 7 + u64::from(px[3]),
        );
        ink += usize::from(px[3] > 0);
    }
    (hash, ink)
}

/// An event as the browser fires it for a person's input: bubbling up to the instance.
fn fire(target: &web_sys::EventTarget, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(name, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn mounts_from_data_attributes_and_draws() {
    let root = mount(&[("preset", "notch"), ("lr", "0.05"), ("steps", "40")]);
    assert!(root.has_attribute("data-descent-mounted"));
    let select: HtmlSelectElement = find(&root, ".descent-field-preset select");
    assert_eq!(select.value(), "notch");
    let lr: HtmlInputElement = find(&root, ".descent-field-lr .descent-number");
    assert_eq!(lr.value(), "0.05");
    next_frames(3).await;
    let base: HtmlCanvasElement = find(&root, ".descent-base");
    assert!(base.width() > 300, "the canvas follows its container");
    assert!(pixels(&base).1 > 0, "the curve and axes are drawn");
    let formula: HtmlElement = find(&root, ".descent-formula");
    assert!(formula.text_content().unwrap().starts_with("f(x) = x²/20"));
    let status: HtmlElement = find(&root, ".descent-status");
    assert!(status.text_content().unwrap().contains("of 40"));
    root.remove();
}

#[wasm_bindgen_test]
async fn the_learning_rate_slider_redraws_the_path_and_the_words() {
    let root = mount(&[("preset", "quadratic"), ("speed", "240")]);
    let reset: HtmlElement = find(&root, ".descent-reset");
    next_frames(2).await;
    // Show the whole run, then change the learning rate.
    let play: HtmlElement = find(&root, ".descent-play");
    reset.click();
    play.click();
    next_frames(30).await;
    let overlay: HtmlCanvasElement = find(&root, ".descent-overlay");
    let before = pixels(&overlay);
    let status: HtmlElement = find(&root, ".descent-status");
    let words_before = status.text_content().unwrap();
    let slider: HtmlInputElement = find(&root, ".descent-field-lr .descent-slider");
    slider.set_value("400");
    fire(&slider, "input");
    next_frames(2).await;
    let number: HtmlInputElement = find(&root, ".descent-field-lr .descent-number");
    assert_ne!(number.value(), "0.1", "the number box follows the slider");
    assert_ne!(pixels(&overlay).0, before.0, "the path is redrawn");
    assert_ne!(status.text_content().unwrap(), words_before);
    root.remove();
}

#[wasm_bindgen_test]
async fn a_bad_function_shows_an_alert_and_keeps_the_last_good_one() {
    let root = mount(&[]);
    next_frames(2).await;
    let input: HtmlInputElement = find(&root, ".descent-field-f input");
    let alert: HtmlElement = find(&root, ".descent-alert");
    let formula: HtmlElement = find(&root, ".descent-formula");
    assert!(alert.hidden());
    let enter = || {
        let init = KeyboardEventInit::new();
        init.set_key("Enter");
        init.set_bubbles(true);
        let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        input.dispatch_event(&e).unwrap();
    };
    input.set_value("x^2 + w");
    enter();
    next_frames(2).await;
    assert!(!alert.hidden());
    assert_eq!(
        alert.text_content().unwrap(),
        "unknown variable w at position 7: use x, y and z, or x1, x2, … x9"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(formula.text_content().unwrap(), "f(x) = x²");
    input.set_value("x^4 - 3*x^2");
    enter();
    next_frames(2).await;
    assert!(alert.hidden());
    assert_eq!(formula.text_content().unwrap(), "f(x) = x⁴ − 3x²");
    root.remove();
}

#[wasm_bindgen_test]
async fn hostile_attributes_are_clamped_or_ignored() {
    let root = mount(&[
        ("lr", "1e400"),
        ("steps", "NaN"),
        ("method", "<b>x</b>"),
        ("f", "<img src=x onerror=alert(1)>"),
    ]);
    next_frames(2).await;
    let lr: HtmlInputElement = find(&root, ".descent-field-lr .descent-number");
    assert_eq!(lr.value(), "10");
    assert!(
        root.query_selector("img").unwrap().is_none(),
        "nothing is inserted as HTML"
    );
    let alert: HtmlElement = find(&root, ".descent-alert");
    assert!(!alert.hidden());
    root.remove();
}

/// In the browser, numbers are written from JavaScript's shortest digits
/// (`toExponential()`), natively from Rust's: the text must be the same, or the page's CSV
/// would differ from the command line's. Checked here, in the browser, against Rust's own
/// formatting over awkward values and 20,000 pseudo-random bit patterns.
#[wasm_bindgen_test]
fn numbers_are_written_as_rust_writes_them() {
    let rust = |v: f64| {
        let a = v.abs();
        if v == 0.0 || !v.is_finite() || (1e-5..1e16).contains(&a) {
            format!("{v}")
        } else {
            format!("{v:e}")
        }
    };
    let mut values = vec![
        0.0,
        -0.0,
        1.0,
        -1.5,
        0.1 + 0.2,
        1e-5,
        9.999999999999999e-6,
        1e16,
        9999999999999998.0,
        5e-324,
        f64::MAX,
        f64::MIN_POSITIVE,
        123456.789e10,
        2.5e-7,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    // Exactly halfway between two shortest candidates: JavaScript and Rust choose differently.
    for i in 0..500u32 {
        let base = 1394865425023536.0 + f64::from(i) * 4.0;
        values.extend([base + 0.25, base + 0.75, -(base + 0.25)]);
        values.push(2f64.powi(49) + f64::from(i) + 0.125);
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while values.len() < 20_000 {
        // xorshift64*: spread over every exponent and mantissa.
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        values.push(f64::from_bits(x.wrapping_mul(0x2545_F491_4F6C_DD1D)));
    }
    for v in values {
        assert_eq!(descent::fmt::float(v), rust(v), "{:e}", v);
        assert_eq!(descent::fmt::exponential(v), format!("{v:e}"), "{:e}", v);
        // And read back as Rust reads them (JavaScript's parseFloat in the browser).
        for text in [rust(v), format!("{v:.20e}"), format!("{v:.3}")] {
            let ours = descent::fmt::number(&text).map(f64::to_bits);
            let theirs = text.parse::<f64>().ok().map(f64::to_bits);
            assert!(ours == theirs || v.is_nan(), "{text}");
        }
    }
    for text in [
        "0.1000000000000000055511151231257827",
        "2.2250738585072011e-308",
        "+.5",
        "5.",
        "1e400",
        "-inf",
        "1e",
        "",
        " 1",
        "0x1",
    ] {
        let ours = descent::fmt::number(text).map(f64::to_bits);
        assert_eq!(ours, text.parse::<f64>().ok().map(f64::to_bits), "{text}");
    }
}

/// A demo of `pairs` on its own (no page), on screen, as the browser's wasm computes it.
fn visible_demo(pairs: &[(&str, &str)]) -> descent::demo::Demo {
    use descent::demo::{Action, Demo};
    use descent::settings::{Mode, Settings};
    let (s, _) = Settings::from_pairs(pairs.iter().copied(), Mode::Strict);
    let mut d = Demo::new(s, &[], true);
    d.apply(Action::Visible(true));
    d
}

/// The page's maps computed in the browser, where the floating-point functions are not the
/// system's: to the bit what `descent basins | sweep | phase` prints natively (the fixtures and
/// the fingerprint tests/map_page.rs checks against the command line).
#[wasm_bindgen_test]
fn the_browser_s_maps_are_the_command_line_s_to_the_bit() {
    let map = |pairs: &[(&str, &str)]| {
        let mut d = visible_demo(pairs);
        while d.wants_frames() {
            d.compute_map(&mut || true);
        }
        d.map_csv().unwrap()
    };
    let local = [("preset", "local"), ("steps", "500")];
    let basins = map(&[local[0], local[1], ("map", "basins")]);
    assert_eq!(basins, include_str!("fixtures/basins_local_steps500.csv"));
    let sweep = map(&[local[0], local[1], ("map", "sweep")]);
    assert_eq!(sweep, include_str!("fixtures/sweep_local_steps500.csv"));
    let phase = map(&[
        ("preset", "local"),
        ("method", "momentum"),
        ("steps", "300"),
        ("map", "phase"),
    ]);
    let fnv = phase.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    assert_eq!(
        fnv, 17_896_552_495_948_365_168,
        "the momentum map's fingerprint"
    );
}

/// The page's Copy CSV computed in the browser, on functions and schedules that call the math
/// library (`sin`, `cos`, `exp`, `pow`): to the bit the command line's (the fixtures
/// tests/map_page.rs checks). Natively the C math functions are the same Rust port of musl's
/// libm the web module uses (src/native_math.rs); with the system's, these differed in the
/// last bits.
#[wasm_bindgen_test]
fn the_browser_s_traces_are_the_command_line_s_to_the_bit() {
    let csv = |pairs: &[(&str, &str)]| visible_demo(pairs).csv();
    // The page stops a run where |∇f| < 1e-4; the command line's trace runs its whole budget.
    let same = |page: String, cli: &str| {
        assert!(page.lines().count() > 5, "{page}");
        let at = page.lines().zip(cli.lines()).position(|(a, b)| a != b);
        assert_eq!(at, None, "first row that differs");
    };
    let steps = ("steps", "200");
    same(
        csv(&[("preset", "sine"), steps]),
        include_str!("fixtures/trace_sine_steps200.csv"),
    );
    same(
        csv(&[("preset", "wells"), steps]),
        include_str!("fixtures/trace_wells_steps200.csv"),
    );
    let adam = [
        ("preset", "quadratic"),
        ("method", "adam"),
        ("schedule", "cosine"),
        steps,
    ];
    same(
        csv(&adam),
        include_str!("fixtures/trace_adam_cosine_steps200.csv"),
    );
}

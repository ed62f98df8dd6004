//! `descent plot`: the page's figure as SVG, run as a user would. The SVG must parse as XML,
//! and its marks must sit where the trace's numbers fall on the chart's own axes (read back
//! from its tick labels, so nothing here repeats the drawing code's arithmetic).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use roxmltree::{Document, Node};
use support::{descent, stderr, succeeds};

/// The plot's colour for a single run's path and ball.
const PATH: &str = "#d55e00";

fn attr(n: &Node, name: &str) -> f64 {
    n.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f64::NAN)
}

/// A number as the chart labels it ("−2", "0.5", "1000").
fn number(text: &str) -> Option<f64> {
    text.replace('−', "-").replace(',', "").parse().ok()
}

/// The linear map from values to pixels that the tick labels anchored `anchor` (above
/// `below` pixels) describe, as (offset, scale); every tick must agree with it.
fn axis(doc: &Document, anchor: &str, coord: &str, below: f64) -> (f64, f64) {
    let ticks: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some(anchor))
        .filter(|n| n.attribute("font-weight").is_none() && attr(n, "y") < below)
        .filter_map(|n| Some((number(n.text()?)?, attr(&n, coord))))
        .collect();
    assert!(ticks.len() >= 3, "ticks anchored {anchor}: {ticks:?}");
    let (a, b) = (ticks[0], ticks[ticks.len() - 1]);
    let scale = (b.1 - a.1) / (b.0 - a.0);
    let offset = a.1 - scale * a.0;
    for (v, px) in &ticks {
        assert!((offset + scale * v - px).abs() <= 1.0, "{ticks:?}");
    }
    (offset, scale)
}

/// The centres of the circles filled with `colour`.
fn dots(doc: &Document, colour: &str) -> Vec<(f64, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("circle") && n.attribute("fill") == Some(colour))
        .map(|n| (attr(&n, "cx"), attr(&n, "cy")))
        .collect()
}

/// The trace's rows for `flags`, as numbers by column name.
fn rows(flags: &[&str]) -> Vec<std::collections::HashMap<String, f64>> {
    let mut args = vec!["trace"];
    args.extend_from_slice(flags);
    args.extend_from_slice(&["--format", "csv"]);
    let out = succeeds(&args);
    let mut lines = out.lines();
    let head: Vec<String> = lines.next().unwrap().split(',').map(String::from).collect();
    lines
        .map(|l| {
            head.iter()
                .cloned()
                .zip(l.split(',').map(|v| v.parse().unwrap_or(f64::NAN)))
                .collect()
        })
        .collect()
}

/// The figure for `flags` (parsed: it must be XML), and its text.
fn plot(flags: &[&str]) -> String {
    let mut args = vec!["plot"];
    args.extend_from_slice(flags);
    let svg = succeeds(&args);
    let doc = Document::parse(&svg).unwrap_or_else(|e| panic!("{flags:?}: not XML: {e}"));
    let root = doc.root_element();
    assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
    assert!(root.children().any(|n| n.has_tag_name("title")));
    svg
}

/// Where the plot ends: the top of the loss chart's heading.
fn plot_bottom(doc: &Document) -> f64 {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
        .map(|n| attr(&n, "y"))
        .fold(f64::NAN, f64::max)
}

#[test]
fn the_path_on_the_map_sits_at_the_traces_points_up_to_the_step_shown() {
    let flags = ["--preset", "bowl", "--steps", "12"];
    let svg = plot(
        &[
            &flags[..],
            &["--at", "6", "--width", "700", "--height", "640"],
        ]
        .concat(),
    );
    let doc = Document::parse(&svg).unwrap();
    let root = doc.root_element();
    assert_eq!(
        (root.attribute("width"), root.attribute("height")),
        (Some("700"), Some("640"))
    );
    let bottom = plot_bottom(&doc);
    let x = axis(&doc, "middle", "x", bottom);
    let y = axis(&doc, "end", "y", bottom);
    let dots = dots(&doc, PATH);
    let rows = rows(&flags);
    let near = |r: &std::collections::HashMap<String, f64>| {
        let (px, py) = (x.0 + x.1 * r["x"], y.0 + y.1 * r["y"]);
        dots.iter()
            .any(|d| (d.0 - px).abs() <= 1.5 && (d.1 - py).abs() <= 1.5)
    };
    for r in &rows[..=6] {
        assert!(
            near(r),
            "step {} at ({}, {}) is not drawn: {dots:?}",
            r["step"],
            r["x"],
            r["y"]
        );
    }
    for r in &rows[7..] {
        assert!(
            !near(r),
            "step {} is past the step shown, yet drawn",
            r["step"]
        );
    }
    // The map's colours are a PNG image inside the file.
    assert!(svg.contains("xlink:href=\"data:image/png;base64,iVBORw0KGgo"));
}

#[test]
fn the_curve_and_its_ball_sit_at_the_traces_values() {
    let flags = [
        "--f",
        "x^2 - 8*x + 4",
        "--x0",
        "-2",
        "--lr",
        "0.2",
        "--steps",
        "8",
    ];
    let svg = plot(&flags);
    let doc = Document::parse(&svg).unwrap();
    let bottom = plot_bottom(&doc);
    let x = axis(&doc, "middle", "x", bottom);
    let f = axis(&doc, "end", "y", bottom);
    let dots = dots(&doc, PATH);
    for r in rows(&flags) {
        let (px, py) = (x.0 + x.1 * r["x"], f.0 + f.1 * r["f"]);
        assert!(
            dots.iter()
                .any(|d| (d.0 - px).abs() <= 1.5 && (d.1 - py).abs() <= 1.5),
            "step {}: ({px}, {py}) not in {dots:?}",
            r["step"]
        );
    }
    // The heading names the function, as the page's does.
    assert!(svg.contains(">f(x) = x² − 8x + 4</text>"), "{svg}");
}

#[test]
fn a_race_names_each_method_in_its_colour_and_the_3d_view_is_an_image() {
    let svg = plot(&[
        "--preset",
        "himmelblau",
        "--race",
        "gd,adam",
        "--view",
        "3d",
    ]);
    for label in ["Gradient descent", "Adam"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    let doc = Document::parse(&svg).unwrap();
    // The balls: one per method, each in its own colour (gradient descent's is the path's).
    assert!(!dots(&doc, PATH).is_empty());
    assert!(svg.contains("data:image/png;base64,iVBORw0KGgo"));
    assert!(svg.contains(">f(x, y)</text>"), "the height axis is named");
}

#[test]
fn the_same_flags_give_the_same_bytes_and_the_file_holds_them() {
    let dir = std::env::temp_dir().join(format!("descent-figure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("fig.svg");
    let flags = [
        "--preset",
        "wells",
        "--race",
        "gd,momentum",
        "--explain",
        "1",
    ];
    let out = descent(&[&["plot"][..], &flags, &["--out", file.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, plot(&flags));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn help_lists_the_figures_flags() {
    let help = succeeds(&["help"]);
    for flag in [
        "--out",
        "--width",
        "--height",
        "--view",
        "--yaw",
        "--pitch",
        "--at",
        "--explain",
    ] {
        assert!(help.contains(&format!("  {flag} ")), "{flag}");
    }
}

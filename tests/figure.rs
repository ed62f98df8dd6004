//! `descent plot`: the page's figure as SVG, run as a user would. The SVG must parse as XML,
//! and its marks must sit where the trace's numbers fall on the chart's own axes (read back
//! from its tick labels, so nothing here repeats the drawing code's arithmetic).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use roxmltree::{Document, Node};
use support::{descent, stderr, succeeds};

/// A run down a parabola, as `descent plot`'s flags.
const PARABOLA: [&str; 6] = ["--f", "x^2 - 8*x + 4", "--x0", "-2", "--lr", "0.2"];

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
    axis_in(doc, anchor, coord, 0.0..below, 3)
}

/// As [`axis`], for the tick labels whose y is in `ys`, of which there must be `least`.
fn axis_in(
    doc: &Document,
    anchor: &str,
    coord: &str,
    ys: std::ops::Range<f64>,
    least: usize,
) -> (f64, f64) {
    let ticks: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("text-anchor") == Some(anchor))
        .filter(|n| n.attribute("font-weight").is_none() && ys.contains(&attr(n, "y")))
        .filter_map(|n| Some((number(n.text()?)?, attr(&n, coord))))
        .collect();
    assert!(ticks.len() >= least, "ticks anchored {anchor}: {ticks:?}");
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
    let flags = [&PARABOLA[..], &["--steps", "8"]].concat();
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

/// Drawing pixels per CSS pixel: the viewBox's width over the width.
fn scale(doc: &Document) -> f64 {
    let root = doc.root_element();
    let view: Vec<f64> = root
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let scale = view[2] / attr(&root, "width");
    assert_eq!(view[3] / attr(&root, "height"), scale, "{view:?}");
    scale
}

/// The bold headings' (y, font size), top first.
fn headings(doc: &Document) -> Vec<(f64, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
        .map(|n| (attr(&n, "y"), attr(&n, "font-size")))
        .collect()
}

/// The width and height a PNG `data:` URL holds, from its header.
fn png_size(url: &str) -> (f64, f64) {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let coded = url.strip_prefix("data:image/png;base64,").unwrap();
    let mut bytes = Vec::new();
    let (mut acc, mut n) = (0u32, 0);
    for c in coded.bytes().take(40) {
        acc = acc << 6 | ABC.iter().position(|&a| a == c).unwrap() as u32;
        n += 6;
        if n >= 8 {
            n -= 8;
            bytes.push((acc >> n) as u8);
        }
    }
    assert_eq!(&bytes[12..16], b"IHDR");
    let word = |k: usize| f64::from(u32::from_be_bytes(bytes[k..k + 4].try_into().unwrap()));
    (word(16), word(20))
}

/// The images: (x, y, width, height) and the PNG's own size.
fn images(doc: &Document) -> Vec<([f64; 4], (f64, f64))> {
    doc.descendants()
        .filter(|n| n.has_tag_name("image"))
        .map(|n| {
            let url = n
                .attribute(("http://www.w3.org/1999/xlink", "href"))
                .unwrap();
            (
                [
                    attr(&n, "x"),
                    attr(&n, "y"),
                    attr(&n, "width"),
                    attr(&n, "height"),
                ],
                png_size(url),
            )
        })
        .collect()
}

/// The charts' axes, each the line down its left side and along its bottom, as [left, top,
/// right, bottom], top first.
fn frames(doc: &Document) -> Vec<[f64; 4]> {
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .filter_map(|n| {
            let p: Vec<f64> = n
                .attribute("points")?
                .split([' ', ','])
                .map(|v| v.parse().unwrap())
                .collect();
            (p.len() == 6 && p[0] == p[2] && p[3] == p[5]).then(|| [p[0], p[1], p[4], p[3]])
        })
        .collect()
}

#[test]
fn the_headings_plot_and_loss_chart_share_the_height_as_the_page_does() {
    for (w, h) in [(300, 400), (900, 500)] {
        let svg = plot(&[
            "--preset",
            "bowl",
            "--width",
            &w.to_string(),
            "--height",
            &h.to_string(),
        ]);
        let doc = Document::parse(&svg).unwrap();
        // Drawn at twice the size, so that the map stays sharp when enlarged.
        let k = scale(&doc);
        assert_eq!(k, 2.0);
        // Two bands of 26 CSS pixels, headings in 15-pixel type at their middle; the plot
        // takes 70% of the rest.
        let heads = headings(&doc);
        assert_eq!(heads.len(), 2, "{heads:?}");
        let plot_height = (f64::from(h) - 2.0 * 26.0) * 0.7;
        for ((y, size), middle) in heads.iter().zip([13.0, 26.0 + plot_height + 13.0]) {
            assert_eq!(*size, 15.0 * k);
            assert!((y / k - middle).abs() <= 1.0, "{y} for {middle}: {heads:?}");
        }
    }
}

#[test]
fn the_map_image_fills_the_axes_one_cell_per_css_pixel() {
    let svg = plot(&["--preset", "bowl", "--width", "300", "--height", "400"]);
    let doc = Document::parse(&svg).unwrap();
    let k = scale(&doc);
    let frame = frames(&doc)[0];
    let found = images(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    let ([x, y, width, height], (cells_x, cells_y)) = found[0];
    assert_eq!(
        [x, y, x + width, y + height],
        frame,
        "the map covers the axes"
    );
    assert_eq!(cells_x, (width / k).round().min(300.0));
    assert!(
        (cells_y - cells_x * height / width).abs() <= 1.0,
        "square cells: {cells_x}×{cells_y} over {width}×{height}"
    );
}

#[test]
fn the_3d_surface_is_one_image_pixel_per_drawing_pixel() {
    let svg = plot(&["--preset", "himmelblau", "--view", "3d"]);
    let doc = Document::parse(&svg).unwrap();
    let found = images(&doc);
    assert_eq!(found.len(), 1, "{found:?}");
    let ([x, y, width, height], size) = found[0];
    assert_eq!((width, height), size);
    // It lies inside the plot, below the first heading.
    let bottom = plot_bottom(&doc);
    assert!(
        x >= 0.0 && y > headings(&doc)[0].0 && y + height < bottom,
        "{found:?}"
    );
}

#[test]
fn the_loss_chart_of_a_map_plots_the_traces_values_up_to_the_step_shown() {
    let flags = ["--preset", "bowl", "--steps", "12"];
    let svg = plot(&[&flags[..], &["--at", "6"]].concat());
    let doc = Document::parse(&svg).unwrap();
    let bottom = plot_bottom(&doc);
    let step = axis_in(&doc, "middle", "x", bottom..f64::INFINITY, 3);
    let f = axis_in(&doc, "end", "y", bottom..f64::INFINITY, 2);
    let rows = rows(&flags);
    // The solid line of the runs' losses (the faint one shows the whole run).
    let line: Vec<(f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-opacity").is_none())
        .filter(|n| attr(n, "stroke-width") > 3.0 && n.attribute("stroke") != Some(PATH))
        .flat_map(|n| {
            n.attribute("points")
                .unwrap()
                .split(' ')
                .map(|p| {
                    let (x, y) = p.split_once(',').unwrap();
                    (x.parse::<f64>().unwrap(), y.parse::<f64>().unwrap())
                })
                .collect::<Vec<_>>()
        })
        .filter(|p| p.1 > bottom)
        .collect();
    assert_eq!(line.len(), 7, "steps 0 to 6: {line:?}");
    // The chart's range holds the runs' values: the line stays inside its axes.
    let [left, top, right, foot] = *frames(&doc).last().unwrap();
    assert!(top > bottom, "the loss chart's axes");
    for p in &line {
        assert!(
            (left..=right).contains(&p.0) && (top..=foot).contains(&p.1),
            "{p:?} outside {left}..{right} × {top}..{foot}"
        );
    }
    for (r, p) in rows.iter().zip(&line) {
        let want = (step.0 + step.1 * r["step"], f.0 + f.1 * r["f"]);
        assert!(
            (p.0 - want.0).abs() <= 1.5 && (p.1 - want.1).abs() <= 1.5,
            "step {}: {p:?} for {want:?}",
            r["step"]
        );
    }
}

#[test]
fn the_curve_has_a_point_for_each_css_pixel_across() {
    for width in [300, 1000] {
        let svg = plot(&[&PARABOLA[..], &["--width", &width.to_string()]].concat());
        let doc = Document::parse(&svg).unwrap();
        let most = doc
            .descendants()
            .filter(|n| n.has_tag_name("polyline"))
            .map(|n| n.attribute("points").unwrap().split(' ').count())
            .max();
        assert_eq!(most, Some(width), "a figure {width} pixels wide");
    }
}

#[test]
fn a_function_of_three_variables_plots_its_coordinates_against_the_step() {
    let svg = plot(&[
        "--f",
        "x^2 + y^2 + z^2",
        "--start",
        "1,2,3",
        "--lr",
        "0.1",
        "--steps",
        "5",
    ]);
    // No map: a line for each coordinate, named at its end.
    assert!(!svg.contains("<image"), "{svg}");
    for name in ["x", "y", "z"] {
        assert!(svg.contains(&format!(">{name}</text>")), "{name}");
    }
}

#[test]
fn the_races_legend_sits_at_the_right_of_the_loss_heading() {
    let svg = plot(&["--preset", "himmelblau", "--race", "gd,adam,momentum"]);
    let doc = Document::parse(&svg).unwrap();
    let k = scale(&doc);
    let width = attr(&doc.root_element(), "width") * k;
    let loss_heading = headings(&doc)[1].0;
    let dots: Vec<(f64, f64, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle") && attr(n, "cy") == loss_heading)
        .map(|n| (attr(&n, "cx"), attr(&n, "cy"), attr(&n, "r")))
        .collect();
    let labels: Vec<(f64, f64, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight").is_none())
        .filter(|n| attr(n, "y") == loss_heading)
        .map(|n| {
            (
                attr(&n, "x"),
                attr(&n, "font-size"),
                n.text().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(dots.len(), 3, "{dots:?}");
    let mut names: Vec<&str> = labels.iter().map(|l| l.2.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Adam", "Gradient descent", "Momentum"]);
    let mut end = f64::NAN;
    for (k_entry, ((cx, _, r), (x, size, label))) in dots.iter().zip(&labels).enumerate() {
        // A dot 4 CSS pixels across, 5 pixels before its name.
        assert_eq!(*r, 4.0 * k);
        assert!((x - (cx + r) - 5.0 * k).abs() <= 1.0, "{label}: {cx} {x}");
        if k_entry > 0 {
            // 16 pixels between an entry's name and the next dot.
            assert!(
                (cx - r - end - 16.0 * k).abs() <= 2.0,
                "{label}: {cx} after {end}"
            );
        }
        end = x + descent::render::svg::text_width(label, *size);
    }
    // The last name ends 14 pixels before the right edge.
    assert!((width - 14.0 * k - end).abs() <= 2.0, "{end} of {width}");
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

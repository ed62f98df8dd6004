//! The page's maps, driven natively as the page drives them: asked for with `map=`, computed a
//! little at a time, their key and edge in words, clicks on their charts, and their runs equal
//! to `descent basins | sweep | phase` with the page's `--n`.
#![cfg(not(target_arch = "wasm32"))]

use descent::demo::{Action, Demo, BASINS_1D, BASINS_2D, PHASE, SWEEP};
use descent::maps::{classify, Minima, Swatch, MOST};
use descent::run::Stop;
use descent::settings::{Mode, Settings};
mod support;

use support::succeeds as cli;

fn demo(pairs: &[(&str, &str)]) -> Demo {
    let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Lenient);
    assert!(notes.is_empty(), "{notes:?}");
    let mut d = Demo::new(s, &notes, true);
    d.apply(Action::Visible(true));
    d
}

/// Computes the map to its end, a few cells per "frame"; returns how many frames it took.
fn finish(d: &mut Demo) -> usize {
    let mut frames = 0;
    while d.wants_frames() && frames < 100_000 {
        let mut cells = 0;
        d.compute_map(&mut || {
            cells += 1;
            cells < 50
        });
        frames += 1;
    }
    assert!(d.map().unwrap().job.done());
    frames
}

/// `descent basins` with the page's starts on `local` with a budget of 500 steps.
const BASINS_LOCAL: [&str; 11] = [
    "basins",
    "--preset",
    "local",
    "--steps",
    "500",
    "--x0",
    "-2.2..2.2",
    "--n",
    "400",
    "--format",
    "csv",
];

fn set(d: &mut Demo, key: &str, value: &str) {
    d.apply(Action::Set {
        key: key.into(),
        value: value.into(),
    });
}

#[test]
fn basins_of_local_name_both_minima_and_stay_as_the_start_moves() {
    let mut d = demo(&[("preset", "local"), ("steps", "500"), ("map", "basins")]);
    assert!(d.wants_frames(), "a map to compute wants frames");
    assert!(d.compute_map(&mut || false).map, "a finished cell is drawn");
    let frames = finish(&mut d);
    assert!(
        !d.compute_map(&mut || true).map,
        "a finished map: nothing new to draw"
    );
    assert!(frames >= BASINS_1D / 50, "{frames} frames: cut into pieces");
    let w = d.map_words().unwrap();
    assert_eq!(w.title, "Basins: where each start ends");
    assert_eq!(w.progress, (BASINS_1D, BASINS_1D));
    let names: Vec<&str> = w.key.iter().map(|k| k.1.as_str()).collect();
    assert_eq!(
        names,
        ["x* = −1.301, f = −3.5139", "x* = 1.131, f = −1.0702"]
    );
    assert_eq!(w.key[0].0, Some(Swatch::Basin(0)));
    assert_eq!(
        w.note.as_deref(),
        Some("Paler: more steps to settle. Click to start anywhere.")
    );
    // Moving the start keeps the map (it does not depend on the start) ...
    let dirty = d.apply(Action::Slide {
        key: "x0".into(),
        pos: 300.0,
    });
    assert!(!dirty.map, "the same map");
    assert!(d.map().unwrap().job.done());
    // ... and any other setting makes it again, a new one.
    let id = d.map().unwrap().id;
    set(&mut d, "lr", "0.02");
    assert_eq!(d.map().unwrap().job.progress().0, 0);
    assert!(d.map().unwrap().id > id);
    set(&mut d, "map", "none");
    set(&mut d, "map", "basins");
    assert!(
        d.map().unwrap().id > id + 1,
        "never the number of an earlier map"
    );
    assert!(d.wants_frames());
}

#[test]
fn the_page_s_maps_are_the_command_line_s_rows() {
    let mut d = demo(&[("preset", "local"), ("steps", "500"), ("map", "basins")]);
    finish(&mut d);
    let page = d.map_csv().unwrap();
    assert_eq!(BASINS_1D, 400);
    assert_eq!(page, cli(&BASINS_LOCAL));
    assert!(
        page.starts_with("x0,x,f,steps,stop\n-2.2,"),
        "{}",
        &page[..40]
    );

    let mut d = demo(&[("preset", "post-quadratic"), ("map", "sweep")]);
    finish(&mut d);
    let page = d.map_csv().unwrap();
    assert_eq!(SWEEP, 200);
    let rows = cli(&[
        "sweep",
        "--preset",
        "post-quadratic",
        "--lr",
        "1e-5..10",
        "--n",
        "200",
        "--format",
        "csv",
    ]);
    assert_eq!(page, rows);
    assert_eq!(page.lines().count(), 201);

    let pairs = [
        ("preset", "himmelblau"),
        ("steps", "300"),
        ("map", "basins"),
        ("lr", "0.01"),
    ];
    let mut d = demo(&pairs);
    finish(&mut d);
    let page = d.map_csv().unwrap();
    let rows = cli(&[
        "basins",
        "--preset",
        "himmelblau",
        "--steps",
        "300",
        "--lr",
        "0.01",
        "--x0",
        "-5..5",
        "--y0",
        "-5..5",
        "--n",
        "150",
        "--format",
        "csv",
    ]);
    assert_eq!(BASINS_2D, 150);
    assert_eq!(page.lines().count(), 150 * 150 + 1);
    assert_eq!(page, rows);
}

#[test]
fn a_sweep_marks_the_edge_at_two_over_the_curvature_and_a_click_sets_the_rate() {
    let mut d = demo(&[
        ("preset", "post-quadratic"),
        ("map", "sweep"),
        ("lr", "0.2"),
    ]);
    finish(&mut d);
    let (edge, at) = d.map_edge().unwrap();
    assert_eq!(edge, 1.0, "η = 1 = 2/f″ on the post's parabola");
    assert!((at[0] - 4.0).abs() < 1e-4);
    let note = d.map_words().unwrap().note.unwrap();
    assert!(
        note.starts_with("Edge of stability: 2/f″ = 1 at the minimum x* = 4")
            && note.ends_with("η = 0.2 is below it."),
        "{note}"
    );
    // A run that diverges reaches no minimum: the edge is read at the lowest the sweep found.
    set(&mut d, "lr", "1.5");
    assert!(d.map().unwrap().job.done(), "a sweep does not depend on η");
    assert_eq!(d.map_edge().map(|e| e.0), Some(1.0));
    assert!(d
        .map_words()
        .unwrap()
        .note
        .unwrap()
        .ends_with("η = 1.5 is past it."));
    // Momentum's edge is 2(1 + β)/f″; the adaptive methods have none.
    set(&mut d, "momentum", "0.5");
    assert_eq!(d.settings().method.key(), "momentum");
    finish(&mut d);
    assert_eq!(d.map_edge().map(|e| e.0), Some(1.5));
    let note = d.map_words().unwrap().note.unwrap();
    assert!(
        note.starts_with("Edge of stability: 2(1 + β)/f″ = 1.5 at"),
        "{note}"
    );
    set(&mut d, "method", "adam");
    finish(&mut d);
    assert_eq!(d.map_edge(), None);
    let note = d.map_words().unwrap().note.unwrap_or_default();
    assert!(!note.contains("Edge"), "{note}");
    set(&mut d, "method", "gd");
    let dirty = d.apply(Action::MapPress([0.5, 0.7]));
    assert!(dirty.map && dirty.link);
    let lr = d.settings().lr;
    assert!((lr - 0.5).abs() < 0.005, "{lr}: at the slider's resolution");
    assert_eq!(d.settings().momentum, 0.5, "a sweep sets η only");
}

/// The edge is read where the run itself settles: on `local` from x0 = 2 that is the shallow
/// minimum x* ≈ 1.1309, where f″ = 12x² − 6 ≈ 9.347 and 2/f″ ≈ 0.2140, not the sweep's lowest
/// minimum (x* ≈ −1.3008, 2/f″ ≈ 0.1398).
#[test]
fn a_sweep_reads_the_edge_at_the_minimum_the_run_reaches() {
    let mut d = demo(&[("preset", "local"), ("steps", "500"), ("map", "sweep")]);
    finish(&mut d);
    let (edge, at) = d.map_edge().unwrap();
    // The run stops where |f′| < 1e-4: within 1e-4/f″ ≈ 1.1e-5 of x*.
    assert!((at[0] - 1.130_901).abs() < 2e-5, "{at:?}");
    assert!((edge - 0.213_967).abs() < 2e-5, "{edge}");
    let note = d.map_words().unwrap().note.unwrap();
    assert_eq!(
        note,
        "Edge of stability: 2/f″ = 0.214 at the minimum x* = 1.131; η = 0.01 is below it."
    );
}

/// sin 3x + x²/10 has a minimum near every 2π/3: from starts across −5..5 the runs end at six
/// (x* ≈ −0.5122, 1.5366, −2.5608, 3.5848, −4.6083 and 5.6313, past the right edge), which
/// the key names, lowest f first, with nothing more to count.
#[test]
fn a_key_of_six_minima_names_them_all() {
    let mut d = demo(&[("preset", "sine"), ("map", "basins")]);
    finish(&mut d);
    let w = d.map_words().unwrap();
    let names: Vec<&str> = w.key.iter().map(|k| k.1.as_str()).collect();
    assert_eq!(
        names,
        [
            "x* = −0.51, f = −0.9732",
            "x* = 1.54, f = −0.7586",
            "x* = −2.56, f = −0.3295",
            "x* = 3.58, f = 0.314",
            "x* = −4.61, f = 1.172",
            "x* = 5.63, f = 2.2443",
        ]
    );
}

#[test]
fn the_momentum_map_needs_momentum_and_a_click_sets_both() {
    let mut d = demo(&[("preset", "local"), ("steps", "300")]);
    set(&mut d, "map", "phase");
    assert_eq!(
        d.settings().method.key(),
        "momentum",
        "asking for it picks momentum"
    );
    let mut d2 = demo(&[("preset", "local"), ("map", "phase")]);
    let w = d2.map_words().unwrap();
    assert!(d2.map().is_none());
    assert_eq!(
        w.note.as_deref(),
        Some("The momentum map varies β: choose Momentum or Nesterov as the method.")
    );
    assert!(!d2.wants_frames() || d2.playback().moving());
    set(&mut d2, "method", "nesterov");
    assert!(d2.map().is_some());
    finish(&mut d);
    assert_eq!(d.map().unwrap().job.size(), (PHASE, PHASE));
    let keys: Vec<Option<Swatch>> = d.map_words().unwrap().key.iter().map(|k| k.0).collect();
    assert_eq!(
        keys,
        [
            Some(Swatch::Basin(0)),
            Some(Swatch::Basin(1)),
            Some(Swatch::Unsettled),
            Some(Swatch::Diverged)
        ],
        "momentum finds the global minimum from x0 = 2 for some (η, β)"
    );
    assert_eq!(
        d.map_words().unwrap().note.as_deref(),
        Some("Paler: more steps to settle. Click to set η and β.")
    );
    d.apply(Action::MapPress([0.03, 0.8]));
    let (lr, beta) = (d.settings().lr, d.settings().momentum);
    assert!(
        (lr - 0.03).abs() < 3e-4 && (beta - 0.8).abs() < 1e-3,
        "{lr}, {beta}"
    );
}

#[test]
fn maps_of_awkward_functions_draw_and_say_what_happened() {
    // Undefined left of 0: those starts are holes.
    let mut d = demo(&[
        ("f", "sqrt(x) + (x - 2)^2"),
        ("map", "basins"),
        ("steps", "300"),
    ]);
    finish(&mut d);
    let kinds: Vec<Option<Swatch>> = d.map_words().unwrap().key.iter().map(|k| k.0).collect();
    assert!(kinds.contains(&Some(Swatch::Hole)), "{kinds:?}");
    assert!(kinds.contains(&Some(Swatch::Basin(0))), "{kinds:?}");
    // Downhill for ever: every run escapes.
    let mut d = demo(&[("f", "-x^2"), ("map", "basins")]);
    finish(&mut d);
    let w = d.map_words().unwrap();
    let kinds: Vec<Option<Swatch>> = w.key.iter().map(|k| k.0).collect();
    assert!(d.map().unwrap().basins.is_empty());
    assert_eq!(kinds.last(), Some(&Some(Swatch::Diverged)), "{kinds:?}");
    // Flat: every start is its own end; the key names a few and counts the rest.
    let mut d = demo(&[("f", "0*x + 1"), ("map", "basins")]);
    finish(&mut d);
    let w = d.map_words().unwrap();
    assert_eq!(w.key.len(), 7, "{:?}", w.key);
    assert_eq!(
        w.key[6],
        (None, "and 394 more places where runs end".into())
    );
    // Nothing settles within the budget: the note says what to do.
    let mut d = demo(&[("preset", "local"), ("map", "basins"), ("steps", "5")]);
    finish(&mut d);
    let w = d.map_words().unwrap();
    assert_eq!(
        w.note.as_deref(),
        Some("No run settled within 5 steps: raise Steps to see where they end.")
    );
    // A typed function of two variables gets a grid of starts.
    let mut d = demo(&[
        ("f", "(x^2 - 1)^2 + y^2"),
        ("map", "basins"),
        ("steps", "200"),
    ]);
    finish(&mut d);
    assert_eq!(d.map().unwrap().job.size(), (BASINS_2D, BASINS_2D));
    assert_eq!(d.map().unwrap().basins.len(), 2, "x = −1 and x = 1");
    // Three variables: no basins, and why.
    let d = demo(&[("f", "x^2 + y^2 + z^2"), ("map", "basins")]);
    assert_eq!(
        d.map_words().unwrap().note.as_deref(),
        Some("Basins are mapped for functions of one or two variables.")
    );
}

/// Minima found a few cells at a time are those found all at once, runs out of budget near
/// a minimum found later included; past MOST places, converged runs are counted, not named.
#[test]
fn minima_found_piece_by_piece_are_those_found_at_once() {
    let mut d = demo(&[("preset", "himmelblau"), ("steps", "60"), ("map", "basins")]);
    finish(&mut d);
    let m = d.map().unwrap();
    let cells = m.job.cells();
    let tol = descent::maps::tolerance(d.settings().domain());
    assert_eq!(
        (m.basins.clone(), m.which.clone()),
        classify(cells, 2, tol),
        "50 cells a frame, as all at once"
    );
    assert!(
        m.which
            .iter()
            .zip(cells)
            .any(|(w, c)| w.is_some() && c.stop == Stop::Budget),
        "some runs out of budget count for a minimum"
    );
    let mut one = Minima::new(2, tol);
    for k in 1..=cells.len() {
        one.add(&cells[..k]);
    }
    assert_eq!(one.ranked(), classify(cells, 2, tol), "one cell at a time");

    // A flat plane: every start is its own place; past MOST they are counted.
    let mut d = demo(&[("f", "0*x + 0*y + 1"), ("map", "basins")]);
    finish(&mut d);
    let m = d.map().unwrap();
    assert_eq!(m.basins.len(), MOST);
    let w = d.map_words().unwrap();
    assert!(w.key.contains(&(
        None,
        format!("and more than {} more places where runs end", MOST - 6)
    )));
    assert!(w.key.contains(&(
        Some(Swatch::Elsewhere),
        "settled at one of too many places to colour".into()
    )));
}

/// FNV-1a, 64 bits: a fingerprint of a map's CSV too large to keep as a file.
pub fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The fixtures tests/web.rs holds the browser's maps to are what the command line prints.
#[test]
fn the_fixtures_of_the_browser_s_maps_are_the_command_line_s() {
    let basins = cli(&BASINS_LOCAL);
    assert_eq!(basins, include_str!("fixtures/basins_local_steps500.csv"));
    let sweep = cli(&[
        "sweep", "--preset", "local", "--steps", "500", "--lr", "1e-5..10", "--n", "200",
        "--format", "csv",
    ]);
    assert_eq!(sweep, include_str!("fixtures/sweep_local_steps500.csv"));
    let phase = cli(&[
        "phase",
        "--preset",
        "local",
        "--method",
        "momentum",
        "--steps",
        "300",
        "--lr",
        "1e-5..10",
        "--momentum",
        "0..0.99",
        "--n",
        "100",
        "--format",
        "csv",
    ]);
    assert_eq!(phase.lines().count(), 100 * 100 + 1);
    let mut d = demo(&[
        ("preset", "local"),
        ("method", "momentum"),
        ("steps", "300"),
        ("map", "phase"),
    ]);
    finish(&mut d);
    assert_eq!(d.map_csv().unwrap(), phase, "the page's momentum map");
    assert_eq!(
        fnv(&phase),
        PHASE_LOCAL_FNV,
        "the fingerprint tests/web.rs checks"
    );
}

/// [`fnv`] of `descent phase --preset local --method momentum --steps 300 --lr 1e-5..10
/// --momentum 0..0.99 --n 100 --format csv` (checked above; tests/web.rs holds the browser's
/// momentum map to it).
const PHASE_LOCAL_FNV: u64 = 17_896_552_495_948_365_168;

/// The traces tests/web.rs holds the browser's Copy CSV to, on functions and schedules that
/// call the math library (sine, the wells' cosines, Adam with a cosine schedule), are what
/// the command line prints.
#[test]
fn the_fixtures_of_the_browser_s_traces_are_the_command_line_s() {
    for (args, fixture) in [
        (
            &["--preset", "sine"][..],
            include_str!("fixtures/trace_sine_steps200.csv"),
        ),
        (
            &["--preset", "wells"],
            include_str!("fixtures/trace_wells_steps200.csv"),
        ),
        (
            &[
                "--preset",
                "quadratic",
                "--method",
                "adam",
                "--schedule",
                "cosine",
            ],
            include_str!("fixtures/trace_adam_cosine_steps200.csv"),
        ),
    ] {
        let mut all = vec!["trace", "--steps", "200", "--format", "csv"];
        all.extend_from_slice(args);
        assert_eq!(cli(&all), fixture, "{args:?}");
    }
}

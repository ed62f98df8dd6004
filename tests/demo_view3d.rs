//! The 3-D view, driven natively as the page drives it: a drag turns it (the link gains yaw
//! and pitch once it ends, the runs never change), a press that does not move sets the start
//! where it landed, Shift and the arrows turn it in steps, Reset view goes back, and the view
//! is kept across presets and in links.
#![cfg(not(target_arch = "wasm32"))]

use descent::demo::{Action, Demo, Orbit, CLICK_PX, DEGREES_PER_PX, KEY_PITCH, KEY_YAW};
use descent::link::{decode_pairs, hash};
use descent::settings::{Mode, Settings, PITCH, YAW};

mod support;
use support::demo;

fn orbit(d: &mut Demo, o: Orbit) -> descent::demo::Dirty {
    d.apply(Action::Orbit(o))
}

fn angles(d: &Demo) -> (f64, f64) {
    (d.settings().yaw, d.settings().pitch)
}

#[test]
fn a_drag_turns_the_view_and_the_link_follows_when_it_ends() {
    let mut d = demo(&[("preset", "bowl"), ("view", "3d")]);
    assert!(d.three_d());
    assert_eq!(angles(&d), (YAW, PITCH));
    let start = d.race().lanes()[0].at(0).x;
    let rows = d.race().lanes()[0].rows().to_vec();
    let dirty = orbit(
        &mut d,
        Orbit::Grab {
            px: [100.0, 100.0],
            at: Some([1.0, 1.0]),
        },
    );
    assert!(!dirty.any(), "a press alone draws nothing");
    // Less than a click's slack: not yet a turn.
    let dirty = orbit(&mut d, Orbit::Move([102.0, 101.0]));
    assert!(!dirty.any() && !d.turning());
    // 40 px right and 20 down: the near side swings right, the top tips toward the eye.
    let dirty = orbit(&mut d, Orbit::Move([140.0, 120.0]));
    assert!(d.turning());
    assert!(dirty.plot && dirty.marks && dirty.words && !dirty.link && !dirty.samples);
    assert_eq!(
        angles(&d),
        (YAW - 40.0 * DEGREES_PER_PX, PITCH + 20.0 * DEGREES_PER_PX)
    );
    // Each move counts from the press, so going back undoes it.
    orbit(&mut d, Orbit::Move([120.0, 100.0]));
    assert_eq!(angles(&d), (YAW - 10.0, PITCH));
    let dirty = d.apply(Action::Release);
    assert!(dirty.link && !d.turning());
    assert_eq!(
        d.race().lanes()[0].at(0).x,
        start,
        "a turn never moves the start"
    );
    assert_eq!(d.race().lanes()[0].rows(), &rows[..], "nor reruns anything");
    let link = hash(d.settings());
    assert!(
        link.contains("view=3d") && link.contains("yaw=-70"),
        "{link}"
    );
    assert!(
        !link.contains("pitch"),
        "the pitch is still the default: {link}"
    );
    // The link reopens the same view.
    let pairs = decode_pairs(&link);
    let (s, notes) = Settings::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Mode::Lenient,
    );
    assert!(notes.is_empty());
    assert_eq!((s.yaw, s.pitch, s.three_d), (YAW - 10.0, PITCH, true));
}

#[test]
fn a_click_sets_the_start_where_it_landed() {
    let mut d = demo(&[("preset", "bowl"), ("view", "3d")]);
    orbit(
        &mut d,
        Orbit::Grab {
            px: [50.0, 50.0],
            at: Some([1.234, -0.5]),
        },
    );
    orbit(&mut d, Orbit::Move([50.0 + CLICK_PX - 1.0, 50.0]));
    let dirty = d.apply(Action::Release);
    assert!(dirty.link && dirty.marks);
    let start = d.race().lanes()[0].at(0).x;
    // Rounded to the sliders' resolution, as a press on the 2-D map is.
    assert!(
        (start[0] - 1.234).abs() < 0.01 && (start[1] + 0.5).abs() < 0.01,
        "{start:?}"
    );
    assert_eq!(angles(&d), (YAW, PITCH), "a click does not turn");
    // A press off the surface and the floor sets nothing.
    orbit(
        &mut d,
        Orbit::Grab {
            px: [5.0, 5.0],
            at: None,
        },
    );
    assert!(!d.apply(Action::Release).link);
}

#[test]
fn keys_turn_in_steps_within_their_limits_and_reset_view_goes_back() {
    let mut d = demo(&[("preset", "himmelblau"), ("view", "3d"), ("pitch", "88")]);
    let dirty = orbit(
        &mut d,
        Orbit::Turn {
            yaw: KEY_YAW,
            pitch: KEY_PITCH,
        },
    );
    assert!(dirty.plot && dirty.link);
    assert_eq!(angles(&d), (YAW + KEY_YAW, 90.0), "straight down at most");
    for _ in 0..30 {
        orbit(
            &mut d,
            Orbit::Turn {
                yaw: KEY_YAW,
                pitch: -KEY_PITCH,
            },
        );
    }
    // −50 + 300 = 250, which is −110; the pitch stops level.
    assert_eq!(angles(&d), (-110.0, 0.0));
    let dirty = orbit(&mut d, Orbit::Reset);
    assert!(dirty.plot && dirty.link);
    assert_eq!(angles(&d), (YAW, PITCH));
    assert!(
        !orbit(&mut d, Orbit::Reset).any(),
        "already there: nothing to draw"
    );
    assert!(d.words().plot.starts_with("3-D surface of f(x, y) = "));
    assert!(d.words().plot.contains("seen from yaw −60° and pitch 30°"));
}

#[test]
fn the_view_is_kept_across_presets_and_ignored_where_there_is_no_surface() {
    let mut d = demo(&[("preset", "bowl"), ("view", "3d"), ("yaw", "15")]);
    d.apply(Action::Set {
        key: "preset".into(),
        value: "quadratic".into(),
    });
    // One variable: a curve, whatever the view says; the keys and drags do nothing.
    assert!(!d.three_d() && d.settings().three_d);
    assert!(!d.headings().solid);
    assert!(d.words().plot.starts_with("Plot of f(x)"));
    assert!(!orbit(&mut d, Orbit::Reset).any());
    d.apply(Action::Set {
        key: "preset".into(),
        value: "rosenbrock".into(),
    });
    assert!(d.three_d() && d.headings().solid);
    assert_eq!(d.settings().yaw, 15.0);
    // The switch back to the map: the drawing changes, the runs do not.
    let rows = d.race().lanes()[0].rows().to_vec();
    let dirty = d.apply(Action::Set {
        key: "view".into(),
        value: "2d".into(),
    });
    assert!(dirty.plot && dirty.link && !dirty.samples);
    assert!(!d.three_d());
    assert_eq!(d.race().lanes()[0].rows(), &rows[..]);
    // In 2-D a press still sets the start at once and drags it.
    d.apply(Action::Press(Some([0.5, 0.5])));
    assert_eq!(d.race().lanes()[0].at(0).x[..2], [0.5, 0.5]);
}

#[test]
fn bad_angles_in_a_link_are_clamped_or_refused_with_a_reason() {
    let (s, notes) = Settings::from_pairs(
        [("view", "3d"), ("yaw", "500"), ("pitch", "-5")],
        Mode::Lenient,
    );
    assert_eq!((s.yaw, s.pitch), (180.0, 0.0));
    assert_eq!(notes.len(), 2, "{notes:?}");
    let (s, notes) = Settings::from_pairs([("view", "sideways"), ("yaw", "NaN")], Mode::Lenient);
    assert!(!s.three_d && s.yaw == YAW);
    assert!(
        notes
            .iter()
            .any(|n| n.message == "unknown view 'sideways': choose one of 2d, 3d"),
        "{notes:?}"
    );
    assert!(notes.iter().any(|n| n.message.contains("Yaw")), "{notes:?}");
}

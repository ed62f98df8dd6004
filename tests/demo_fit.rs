//! A fit's data on the page, driven natively as the page drives it: a press that adds a point,
//! a drag that moves it (the surface and the runs follow, the link waits for the release), a
//! double click and a long press that remove one, typed data with a mistake that names its
//! line and keeps the last good data, and a link that reopens the same points.
#![cfg(not(target_arch = "wasm32"))]

use descent::demo::{Action, DataAction, Demo, Dirty};
use descent::link::hash;
use descent::objective::Objective;
use descent::settings::{Data, Mode, Settings};

mod support;
use support::demo;

fn data(d: &mut Demo, a: DataAction) -> descent::demo::Dirty {
    d.apply(Action::Data(a))
}

fn points(d: &Demo) -> Vec<[f64; 2]> {
    d.fit().unwrap().data().to_vec()
}

const NEAR: [f64; 2] = [0.1, 0.1];

#[test]
fn a_press_adds_a_point_a_drag_moves_it_and_the_runs_follow() {
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,1~1,2~2,3")]);
    let loss_before = d.race().lanes()[0].at(0).f;
    let view = d.data_view();
    let dirty = data(
        &mut d,
        DataAction::Press {
            at: [1.0, 3.5],
            near: NEAR,
            now: 0.0,
        },
    );
    assert_eq!(points(&d).len(), 4, "added where pressed");
    assert_eq!(points(&d)[3], [1.0, 3.5]);
    assert!(dirty.samples && dirty.marks && !dirty.link, "{dirty:?}");
    assert_eq!(d.held(), Some(3));
    // Dragged: it moves, rounded to the view's thousandths, in a view that stays put.
    let dirty = data(&mut d, DataAction::Drag([1.23456, 0.5]));
    assert_eq!(points(&d)[3], [1.235, 0.5]);
    assert_eq!(
        d.data_view(),
        view,
        "the view holds still while a point is held"
    );
    assert!(dirty.samples && !dirty.link);
    // The loss at the start, (w, b) = (0, 0), is the mean of the y², the new point's too.
    let start = d.race().lanes()[0].at(0).f;
    assert_eq!(start, (1.0 + 4.0 + 9.0 + 0.25) / 4.0);
    // Dragged outside the view, it stays on its edge.
    data(&mut d, DataAction::Drag([1.0, 50.0]));
    assert_eq!(points(&d)[3], [1.0, 4.0]);
    assert_ne!(start, loss_before);
    let dirty = data(&mut d, DataAction::Release(100.0));
    assert!(dirty.link && dirty.controls, "the link follows the release");
    assert_eq!(d.held(), None);
    assert_eq!(
        points(&d).len(),
        4,
        "a moved point stays, however long it was held"
    );
    // The link reopens the same data, bit for bit.
    let pairs = descent::link::decode_pairs(&hash(d.settings()));
    let (again, notes) = Settings::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        Mode::Lenient,
    );
    assert!(notes.is_empty());
    assert_eq!(again.fitted().unwrap().data(), &points(&d)[..]);
}

#[test]
fn a_press_on_a_point_grips_it_and_a_double_click_or_a_long_press_removes_it() {
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,1~1,2~2,3")]);
    let press = |d: &mut Demo, at: [f64; 2], now: f64| {
        data(
            d,
            DataAction::Press {
                at,
                near: NEAR,
                now,
            },
        )
    };
    press(&mut d, [1.05, 1.95], 0.0);
    assert_eq!(d.held(), Some(1), "gripped, not added");
    assert_eq!(points(&d).len(), 3);
    // Held still for less than the long press: nothing happens.
    data(&mut d, DataAction::Release(300.0));
    assert_eq!(points(&d).len(), 3);
    // Held still long enough: removed.
    press(&mut d, [1.0, 2.0], 1000.0);
    data(&mut d, DataAction::Release(1000.0 + descent::demo::HOLD_MS));
    assert_eq!(points(&d), [[0.0, 1.0], [2.0, 3.0]]);
    // A double click on a point removes it; on empty space it does nothing.
    data(
        &mut d,
        DataAction::Remove {
            at: [5.0, 5.0],
            near: NEAR,
        },
    );
    assert_eq!(points(&d).len(), 2);
    data(
        &mut d,
        DataAction::Remove {
            at: [2.0, 3.0],
            near: NEAR,
        },
    );
    assert_eq!(points(&d), [[0.0, 1.0]]);
    // The last point stays, with a reason.
    data(
        &mut d,
        DataAction::Remove {
            at: [0.0, 1.0],
            near: NEAR,
        },
    );
    assert_eq!(points(&d), [[0.0, 1.0]]);
    assert_eq!(
        d.words().error.as_deref(),
        Some("A fit needs at least one point.")
    );
}

#[test]
fn typed_data_with_a_mistake_names_its_line_and_keeps_the_last_good_data() {
    let mut d = demo(&[("preset", "line-fit")]);
    let before = points(&d);
    assert_eq!(before.len(), 40, "the data made from the default seed");
    data(&mut d, DataAction::Type("x,y\n1,2\n3,oops\n".into()));
    assert_eq!(points(&d), before);
    assert_eq!(
        d.words().error.as_deref(),
        Some("The data was not changed: line 3: 'oops' is not a number.")
    );
    data(&mut d, DataAction::Type("1, 2\n3, 4\n\n5,6".into()));
    assert_eq!(points(&d), [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
    assert_eq!(d.words().error, None);
    assert!(matches!(d.settings().data, Data::Points(_)));
    data(&mut d, DataAction::Type("1,2\n1e7,1".into()));
    assert_eq!(
        d.words().error.as_deref(),
        Some("The data was not changed: point 2 of the data is too far out: keep x and y within ±1000000.")
    );
    // Logistic regression takes labels 0 and 1 only; a press places a label, not a value.
    let mut d = demo(&[("preset", "logistic"), ("data", "0,0~1,1")]);
    data(&mut d, DataAction::Type("x,y\n0,0\n1,0.5".into()));
    assert!(d
        .words()
        .error
        .unwrap()
        .contains("line 3: a label must be 0 or 1"));
    data(
        &mut d,
        DataAction::Press {
            at: [2.0, 0.8],
            near: NEAR,
            now: 0.0,
        },
    );
    assert_eq!(points(&d)[2], [2.0, 1.0]);
}

#[test]
fn the_batch_and_the_seed_change_the_runs_and_the_status_counts_epochs() {
    let mut d = demo(&[
        ("preset", "line-fit"),
        ("batch", "4"),
        ("seed", "7"),
        ("at", "25"),
    ]);
    let status = d.words().status;
    assert!(status.ends_with("· epoch 3"), "{status}");
    let path = |d: &Demo| d.race().lanes()[0].at(20).x;
    let before = path(&d);
    d.apply(Action::Set {
        key: "seed".into(),
        value: "8".into(),
    });
    assert_ne!(path(&d), before, "another seed, other batches");
    d.apply(Action::Set {
        key: "batch".into(),
        value: "0".into(),
    });
    assert!(!d.words().status.contains("epoch"));
    assert_eq!(d.race().function().points(), 40);
    // A batch of all 40 points is full batch too: every step is a pass, no epochs to count.
    d.apply(Action::Set {
        key: "batch".into(),
        value: "40".into(),
    });
    assert!(!d.words().status.contains("epoch"), "{}", d.words().status);
}

#[test]
fn explain_compares_a_mini_batch_s_step_with_the_full_batch_s() {
    let d = demo(&[
        ("preset", "line-fit"),
        ("batch", "4"),
        ("seed", "2"),
        ("explain", "1"),
        ("at", "10"),
    ]);
    let a = d.arrows().unwrap();
    let r = d.race().lanes()[0].at(10);
    let g = d.race().function().value_grad(&r.x).1;
    assert_eq!(
        a.full,
        Some([-0.1 * g[0], -0.1 * g[1]]),
        "−η·∇L over every point"
    );
    assert_eq!(
        a.gradient,
        [-0.1 * r.g[0], -0.1 * r.g[1]],
        "−η·∇ over the batch"
    );
    assert_ne!(a.full, Some(a.gradient));
    assert!(d.words().explained.unwrap().sampled);
    let full = demo(&[("preset", "line-fit"), ("explain", "1"), ("at", "10")]);
    assert_eq!(full.arrows().unwrap().full, None);
    assert!(!full.words().explained.unwrap().sampled);
}

#[test]
fn what_a_link_could_not_carry_is_refused_and_a_grip_ends_with_its_function() {
    // 500 points with 17 digits each: within range, but too long for a link.
    let long: Vec<String> = (0..500)
        .map(|k| {
            format!(
                "{},{}",
                0.1 + f64::from(k) * 1e-3 + 1e-16,
                0.30000000000000004
            )
        })
        .collect();
    let mut d = demo(&[("preset", "line-fit")]);
    let before = points(&d);
    data(&mut d, DataAction::Type(long.join("\n")));
    assert_eq!(points(&d), before);
    assert!(
        d.words().error.unwrap().contains("too long for a link"),
        "{:?}",
        d.words().error
    );
    // A press beyond ±1,000,000 places the point at the edge.
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,0~1,1000000")]);
    data(
        &mut d,
        DataAction::Press {
            at: [0.5, 1.09e6],
            near: NEAR,
            now: 0.0,
        },
    );
    assert_eq!(points(&d)[2], [0.5, 1e6]);
    // A point held while the function changes is let go: no ring, no frozen view, and a
    // move does not drag it.
    d.apply(Action::Set {
        key: "preset".into(),
        value: "bowl".into(),
    });
    assert_eq!(d.held(), None);
    d.apply(Action::Set {
        key: "preset".into(),
        value: "line-fit".into(),
    });
    let made = points(&d);
    data(&mut d, DataAction::Drag([1.0, 1.0]));
    assert_eq!(points(&d), made);
}

#[test]
fn a_loss_must_be_the_model_s_own() {
    let (_, notes) = Settings::from_pairs(
        [("preset", "line-fit"), ("loss", "cross-entropy")],
        Mode::Lenient,
    );
    assert_eq!(
        notes[0].message,
        "cross-entropy is for logistic regression: a line takes mse, mae or huber"
    );
    let (s, notes) = Settings::from_pairs([("preset", "logistic"), ("loss", "mae")], Mode::Lenient);
    assert_eq!(
        notes[0].message,
        "logistic regression takes cross-entropy, not mae"
    );
    assert_eq!(s.fitted().unwrap().loss(), descent::fit::Loss::CrossEntropy);
    let (s, notes) = Settings::from_pairs(
        [("preset", "logistic"), ("loss", "cross-entropy")],
        Mode::Lenient,
    );
    assert!(notes.is_empty());
    assert!(
        !hash(&s).contains("loss"),
        "the model's own loss is not written"
    );
}

/// What a release that removes nothing redraws: the held point's ring, the link and the Data
/// box, which waited for it.
const LET_GO: Dirty = Dirty {
    plot: true,
    link: true,
    controls: true,
    samples: false,
    marks: false,
    loss: false,
    progress: false,
    words: false,
    table: false,
    map: false,
    presenter: false,
};

/// Only the words change: the message that says why nothing else did.
fn words_only() -> Dirty {
    Dirty {
        words: true,
        ..Dirty::default()
    }
}

/// New data redraws all of it, and (no point held) the link and the Data box follow.
fn redrawn(dirty: Dirty) -> bool {
    dirty.samples && dirty.plot && dirty.words && dirty.link && dirty.controls
}

#[test]
fn a_press_just_beyond_a_point_adds_one_and_a_full_fit_adds_none() {
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,1~1,2~2,3")]);
    // 0.25 above or right of (1, 2) is 2.5 times `near` away: not that point, a new one.
    for at in [[1.0, 2.25], [1.25, 2.0]] {
        data(
            &mut d,
            DataAction::Press {
                at,
                near: NEAR,
                now: 0.0,
            },
        );
        assert_eq!(d.held(), Some(points(&d).len() - 1), "the new point");
        data(&mut d, DataAction::Release(0.0));
    }
    assert_eq!(
        points(&d),
        [[0.0, 1.0], [1.0, 2.0], [2.0, 3.0], [1.0, 2.25], [1.25, 2.0]]
    );
    // 500 points, the most a page fits: a press on empty space adds nothing and says why.
    let full: Vec<String> = (0..500).map(|i| format!("{i},0")).collect();
    let mut d = demo(&[("preset", "line-fit"), ("data", &full.join("~"))]);
    let dirty = data(
        &mut d,
        DataAction::Press {
            at: [0.5, 3.0],
            near: NEAR,
            now: 0.0,
        },
    );
    assert_eq!(dirty, words_only());
    assert_eq!(points(&d).len(), 500);
    assert_eq!(d.held(), None);
    assert_eq!(
        d.words().error.as_deref(),
        Some("A fit takes at most 500 points: remove one first.")
    );
}

#[test]
fn a_click_keeps_a_point_and_a_long_press_removes_it_even_through_a_jitter() {
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,1~1,2~2,3")]);
    let press = |d: &mut Demo, now: f64| {
        data(
            d,
            DataAction::Press {
                at: [1.0, 2.0],
                near: NEAR,
                now,
            },
        )
    };
    // A click 100 ms long, late in the page's life: the time held counts, not the clock.
    press(&mut d, 1000.0);
    assert_eq!(data(&mut d, DataAction::Release(1100.0)), LET_GO);
    assert_eq!(points(&d).len(), 3);
    // A pointer held still jitters by less than the view's thousandths: no move, nothing to
    // redraw, and the long press still removes the point.
    press(&mut d, 2000.0);
    let dirty = data(&mut d, DataAction::Drag([1.0002, 1.9998]));
    assert_eq!(dirty, Dirty::default());
    let dirty = data(&mut d, DataAction::Release(2000.0 + descent::demo::HOLD_MS));
    assert_eq!(points(&d), [[0.0, 1.0], [2.0, 3.0]]);
    assert!(redrawn(dirty), "{dirty:?}");
    // The only point stays through a long press, and a double click on it says why.
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,1")]);
    data(
        &mut d,
        DataAction::Press {
            at: [0.0, 1.0],
            near: NEAR,
            now: 0.0,
        },
    );
    let dirty = data(&mut d, DataAction::Release(descent::demo::HOLD_MS));
    assert_eq!((points(&d), dirty), (vec![[0.0, 1.0]], LET_GO));
    let dirty = data(
        &mut d,
        DataAction::Remove {
            at: [0.0, 1.0],
            near: NEAR,
        },
    );
    assert_eq!(dirty, words_only());
}

#[test]
fn data_typed_while_a_point_is_held_leaves_that_point_nothing_to_move_or_remove() {
    let mut d = demo(&[("preset", "line-fit"), ("data", "0,1~1,2~2,3")]);
    data(
        &mut d,
        DataAction::Press {
            at: [2.0, 3.0],
            near: NEAR,
            now: 0.0,
        },
    );
    assert_eq!(d.held(), Some(2));
    let dirty = data(&mut d, DataAction::Type("0,1\n1,2".into()));
    assert!(
        dirty.samples && !dirty.link && !dirty.controls,
        "still held"
    );
    // The third point is gone: dragging or long-pressing it changes nothing.
    assert_eq!(data(&mut d, DataAction::Drag([1.5, 1.5])), Dirty::default());
    let dirty = data(&mut d, DataAction::Release(descent::demo::HOLD_MS));
    assert_eq!(dirty, LET_GO);
    assert_eq!(points(&d), [[0.0, 1.0], [1.0, 2.0]]);
}

#[test]
fn typing_the_same_points_keeps_the_seed_and_each_typed_change_says_what_to_redraw() {
    let mut d = demo(&[("preset", "line-fit")]);
    let same: Vec<String> = points(&d).iter().map(|[x, y]| format!("{x},{y}")).collect();
    let dirty = data(&mut d, DataAction::Type(same.join("\n")));
    assert_eq!(dirty, Dirty::default());
    assert_eq!(
        d.settings().data,
        Data::Made(1),
        "the link still carries the seed"
    );
    let dirty = data(&mut d, DataAction::Type("x,y\n1,oops".into()));
    assert_eq!(dirty, words_only());
    let dirty = data(&mut d, DataAction::Type("1,2\n3,4".into()));
    assert!(redrawn(dirty), "{dirty:?}");
    assert_eq!(points(&d), [[1.0, 2.0], [3.0, 4.0]]);
}

/// Points at x = 100 and 101 make a view from 99 to 102: 3 wide, so a placed point is
/// rounded to its thousandths (0.003 rounds down to the power of ten 0.001), however far the
/// view is from 0.
#[test]
fn a_placed_point_is_rounded_to_a_thousandth_of_the_view_s_width_not_its_place() {
    let mut d = demo(&[("preset", "line-fit"), ("data", "100,1~101,2")]);
    assert_eq!(d.data_view(), [99.0, 102.0, 0.0, 3.0]);
    data(
        &mut d,
        DataAction::Press {
            at: [100.4567, 1.2344],
            near: NEAR,
            now: 0.0,
        },
    );
    assert_eq!(points(&d)[2], [100.457, 1.234]);
}

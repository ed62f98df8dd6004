//! The demo core driven as the page drives it, natively: actions in, state, redraw flags and
//! words out.
#![cfg(not(target_arch = "wasm32"))]

use descent::demo::{Action, Demo, Dirty, EAGER_STEPS};
use descent::optim::Method;
use descent::settings::{param, Mode, Settings, SLIDER_STEPS};

fn demo(pairs: &[(&str, &str)]) -> Demo {
    let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Lenient);
    let mut d = Demo::new(s, &notes, false);
    d.apply(Action::Visible(true));
    d
}

/// Frames every 1/60 s until the balls stop (or a minute passes).
fn play_out(d: &mut Demo) {
    let mut now = 0.0;
    d.apply(Action::Frame(now));
    while d.playback().moving() && now < 60_000.0 {
        now += 1000.0 / 60.0;
        d.apply(Action::Frame(now));
    }
}

fn set(d: &mut Demo, key: &str, value: &str) -> Dirty {
    d.apply(Action::Set {
        key: key.into(),
        value: value.into(),
    })
}

fn slide_to(d: &mut Demo, key: &str, value: f64) -> Dirty {
    let p = param(key).unwrap();
    let pos = p.to_slider(value, p.slider_range(d.settings()));
    d.apply(Action::Slide {
        key: key.into(),
        pos,
    })
}

#[test]
fn playback_after_the_learning_rate_goes_up_and_back_shows_the_whole_run_again() {
    let mut d = demo(&[("speed", "100")]);
    play_out(&mut d);
    assert!(d.words().status.starts_with("step 30 of 30 "));
    let dirty = d.apply(Action::Slide {
        key: "lr".into(),
        pos: SLIDER_STEPS,
    });
    assert!(dirty.marks && dirty.words && dirty.controls && dirty.link && !dirty.samples);
    assert_eq!(d.settings().lr, 10.0);
    assert_eq!(d.playback().t(), 2, "the diverging run shows its own end");
    assert!(d.words().reason.starts_with("diverged at step 2"));
    slide_to(&mut d, "lr", 0.01);
    assert_eq!(d.settings().lr, 0.01);
    let w = d.words();
    assert!(w.status.starts_with("step 30 of 30 "), "{}", w.status);
    assert!(!w.playing && w.done);
}

#[test]
fn playback_waits_off_screen_and_plays_once_seen() {
    let (s, _) = Settings::from_pairs([], Mode::Lenient);
    let mut d = Demo::new(s, &[], false);
    assert!(d.playback().playing() && !d.wants_frames());
    d.apply(Action::Frame(0.0));
    d.apply(Action::Frame(5000.0));
    assert_eq!(d.playback().t(), 0, "no step before anyone can see it");
    d.apply(Action::Visible(true));
    assert!(d.wants_frames());
    d.apply(Action::Frame(6000.0));
    let dirty = d.apply(Action::Frame(6300.0));
    assert_eq!(d.playback().t(), 1);
    assert!(dirty.marks && dirty.words && dirty.progress);
}

#[test]
fn playback_buttons_move_the_balls_and_the_link_follows() {
    let mut d = demo(&[]);
    let dirty = d.apply(Action::Reset);
    assert!(dirty.link && dirty.marks);
    assert!(d.words().status.starts_with("step 0 of 30 · x = 8 ·"));
    d.apply(Action::Step);
    play_out(&mut d);
    assert_eq!(d.playback().t(), 1);
    assert_eq!(d.shared_settings().at, 1, "a paused link carries the step");
    d.apply(Action::Back);
    d.apply(Action::Back);
    assert_eq!(d.playback().t(), 0);
    d.apply(Action::Play);
    assert!(d.words().playing);
    assert_eq!(
        d.shared_settings().at,
        0,
        "a playing link starts from the start"
    );
}

#[test]
fn a_link_to_a_step_opens_there_paused() {
    let d = demo(&[("preset", "notch"), ("at", "7")]);
    assert_eq!((d.playback().t(), d.playback().playing()), (7, false));
    assert!(d.words().status.starts_with("step 7 of 30"));
    let far = demo(&[("steps", "20000"), ("lr", "0.00001"), ("at", "12000")]);
    assert_eq!(
        far.playback().t(),
        12000,
        "computed as far as the link points"
    );
}

#[test]
fn reduced_motion_shows_the_whole_run_at_once() {
    let (s, _) = Settings::from_pairs([], Mode::Lenient);
    let d = Demo::new(s, &[], true);
    assert_eq!(d.playback().t(), 30);
    assert!(d.words().done);
    assert!(d.words().reason.starts_with("step budget spent"));
}

#[test]
fn a_new_preset_plays_from_its_start() {
    let mut d = demo(&[("speed", "100")]);
    play_out(&mut d);
    let dirty = set(&mut d, "preset", "bowl");
    assert!(dirty.samples && !dirty.plot && dirty.loss);
    assert_eq!((d.playback().t(), d.playback().playing()), (0, true));
    assert_eq!(d.dim(), 2);
    assert_eq!(d.headings().formula, "f(x, y) = x² + y²");
    assert_eq!(d.headings().input, "f(x, y) =");
    assert!(d.headings().plane);
}

#[test]
fn a_bad_typed_function_keeps_the_last_good_one_with_an_alert() {
    let mut d = demo(&[]);
    d.apply(Action::Type("x^2 + (3*x".into()));
    assert_eq!(
        d.words().alert.as_deref(),
        Some("missing ')' at position 7: every '(' needs a matching ')'")
    );
    assert_eq!(d.headings().formula, "f(x) = x²");
    let dirty = d.apply(Action::Type("sin(2*x) + 0.1*x^2".into()));
    assert!(dirty.samples && dirty.controls && dirty.link);
    assert_eq!(d.words().alert, None);
    assert_eq!(d.headings().formula, "f(x) = sin(2x) + 0.1x²");
    assert_eq!(d.settings().expr, "sin(2*x) + 0.1*x^2");
    // The preset's own formula typed back is the preset again.
    d.apply(Action::Type("x^2".into()));
    assert_eq!(d.settings().expr, "");
}

#[test]
fn a_typed_function_ends_the_lesson() {
    let mut d = demo(&[("lesson", "diverge")]);
    assert!(d
        .caption()
        .is_some_and(|c| c.contains("η·f″ = 1.06 · 2 = 2.12")));
    d.apply(Action::Type("x^4".into()));
    assert_eq!(d.settings().lesson, "");
    assert_eq!(d.caption(), None);
}

#[test]
fn a_caption_follows_the_live_run() {
    let mut d = demo(&[("lesson", "diverge")]);
    set(&mut d, "lr", "0.4");
    let c = d.caption().unwrap_or_default().to_string();
    assert!(
        c.contains("η·f″ = 0.4 · 2 = 0.8") && c.contains("settles"),
        "{c}"
    );
    set(&mut d, "preset", "sine");
    assert_eq!(d.caption(), None);
    assert_eq!(d.settings().lesson, "");
}

#[test]
fn a_typed_surface_over_a_curve_starts_off_the_axis() {
    let mut d = demo(&[]);
    d.apply(Action::Type("x^2 + y^2".into()));
    assert_eq!(d.settings().y0, 5.0);
    assert_eq!(d.shared_settings().y0, 5.0);
}

#[test]
fn out_of_range_values_are_clamped_and_said_and_inside_out_views_refused() {
    let mut d = demo(&[]);
    set(&mut d, "lr", "1e308");
    assert_eq!(d.settings().lr, 10.0);
    assert_eq!(
        d.words().error.as_deref(),
        Some("Learning rate 1e308 is out of range: using 10")
    );
    set(&mut d, "lr", "0.2");
    assert_eq!(d.words().error, None);
    let dirty = set(&mut d, "xmin", "50");
    assert!(dirty.controls && !dirty.samples && !dirty.link);
    assert_eq!(d.settings().xmin, -10.0, "the view did not change");
    assert!(d
        .words()
        .error
        .unwrap()
        .starts_with("The view's left edge (x = 50)"));
    let dirty = set(&mut d, "method", "<b>adam</b>");
    assert!(!dirty.link && d.words().error.unwrap().starts_with("unknown method"));
}

#[test]
fn momentum_above_zero_picks_a_method_that_uses_it() {
    let mut d = demo(&[]);
    set(&mut d, "momentum", "0.5");
    assert_eq!(d.settings().method, Method::Momentum);
    set(&mut d, "method", "nesterov");
    set(&mut d, "momentum", "0.7");
    assert_eq!(d.settings().method, Method::Nesterov);
}

#[test]
fn pressing_and_dragging_on_the_plot_moves_the_start() {
    let mut d = demo(&[("preset", "bowl")]);
    d.apply(Action::Drag(Some([1.0, 1.0])));
    assert_eq!(d.settings().x0, 2.5, "a move without a press does nothing");
    // Rounded to the sliders' resolution: the view is 6 wide, a slider has 1000 positions.
    d.apply(Action::Press(Some([-1.2013, 0.6004])));
    assert!(d.dragging());
    assert_eq!((d.settings().x0, d.settings().y0), (-1.2, 0.6));
    d.apply(Action::Drag(Some([1.5, -1.5])));
    assert_eq!((d.settings().x0, d.settings().y0), (1.5, -1.5));
    d.apply(Action::Release);
    d.apply(Action::Drag(Some([0.0, 0.0])));
    assert_eq!(d.settings().x0, 1.5);
    d.apply(Action::Press(None));
    assert!(!d.dragging(), "a press outside the plot starts no drag");
}

#[test]
fn a_race_names_its_leader_and_copies_every_method() {
    let d = demo(&[
        ("preset", "wells"),
        ("race", "gd,momentum,adam"),
        ("at", "10"),
    ]);
    let w = d.words();
    assert!(
        w.status.starts_with("step 10 of 30 · leader: "),
        "{}",
        w.status
    );
    let legend = w.legend.unwrap();
    let keys: Vec<&str> = legend.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, ["gd", "momentum", "adam"]);
    let csv = d.csv();
    assert!(csv.starts_with("method,step,x,y,f,dfdx,dfdy,lr,curv\ngd,0,5,4,"));
    assert!(csv.contains("\nadam,30,"));
    assert!(d
        .table()
        .caption
        .unwrap()
        .starts_with("Gradient descent's run"));
}

#[test]
fn bad_settings_from_a_link_are_noted_once() {
    let d = demo(&[("lr", "1e400"), ("bogus", "1"), ("f", "x^2 + (")]);
    let w = d.words();
    let notice = w.notice.unwrap();
    assert!(
        notice.starts_with("Some settings could not be used: "),
        "{notice}"
    );
    assert!(notice.contains("unknown setting 'bogus'"));
    assert!(w
        .alert
        .unwrap()
        .starts_with("the expression ends too early"));
    assert_eq!(d.headings().formula, "f(x) = x²");
}

#[test]
fn a_long_run_held_at_its_end_is_computed_to_the_end_over_frames() {
    let (s, _) = Settings::from_pairs([("steps", "200000"), ("lr", "0.00001")], Mode::Lenient);
    let mut d = Demo::new(s, &[], true);
    d.apply(Action::Visible(true));
    assert_eq!(d.playback().t() as u64, EAGER_STEPS);
    assert!(d.wants_frames());
    let mut frames = 0;
    while d.wants_frames() && frames < 100 {
        let dirty = d.apply(Action::Frame(frames as f64 * 16.0));
        assert!(
            dirty.table && dirty.marks && dirty.words,
            "each frame shows the rows it added"
        );
        frames += 1;
    }
    assert_eq!(d.playback().t(), 200_000);
    assert!(
        (2..=5).contains(&frames),
        "spread over a few frames, never all in one: {frames}"
    );
    assert!(d.words().status.starts_with("step 200000 of 200000"));
}

#[test]
fn the_link_is_written_when_the_balls_come_to_rest_not_while_they_move() {
    let mut d = demo(&[("preset", "himmelblau"), ("steps", "40"), ("at", "3")]);
    assert!(!d.playback().moving());
    let play = d.apply(Action::Play);
    assert!(
        d.playback().moving() && !play.link,
        "setting off writes nothing"
    );
    // A change of the settings is written at once, moving or not.
    let slide = d.apply(Action::Set {
        key: "lr".into(),
        value: "0.02".into(),
    });
    assert!(d.playback().moving() && slide.link);
    let mut writes = Vec::new();
    for k in 0..10_000 {
        if d.apply(Action::Frame(k as f64 * 16.0)).link {
            writes.push(d.playback().t());
        }
        if !d.playback().moving() {
            break;
        }
    }
    let end = d.race().end();
    assert!(end > 3 && !d.playback().moving());
    assert_eq!(
        writes,
        [end],
        "the frames write once, at rest where the runs end"
    );
    assert_eq!(d.shared_settings().lr, 0.02);
    // A step while paused moves the ball by one and rests there: written at once.
    assert!(d.apply(Action::Back).link);
}

#[test]
fn each_action_says_what_to_draw_again() {
    let mut d = demo(&[]);
    let play = d.apply(Action::Play);
    assert!(play.link && play.words && !play.marks);
    let back = d.apply(Action::Back);
    assert!(back.link && back.marks && back.words && back.progress);
    let step = d.apply(Action::Step);
    assert!(step.marks && !step.table, "the run was computed already");
    // The step is animated: the link follows when the ball rests.
    assert_eq!(step.link, !d.playback().moving());
    let reset = d.apply(Action::Reset);
    assert!(reset.marks);
    assert_eq!(reset.link, !d.playback().moving());
    assert_eq!(
        d.apply(Action::Resized),
        Dirty {
            plot: true,
            map: true,
            ..Dirty::default()
        }
    );
    assert_eq!(
        d.apply(Action::TableToggled),
        Dirty {
            table: true,
            ..Dirty::default()
        }
    );
    assert_eq!(
        d.apply(Action::EditDone),
        Dirty {
            controls: true,
            ..Dirty::default()
        }
    );
    assert_eq!(d.apply(Action::Restyle), Dirty::redraw());
    let lr = set(&mut d, "lr", "0.2");
    assert!(lr.table && lr.loss && lr.marks && lr.words && lr.controls && lr.link);
    assert!(set_samples(&mut d, "xmax", "12"));
    let presenter = set(&mut d, "presenter", "1");
    assert!(presenter.presenter && !presenter.samples);
    let bad = set(&mut d, "lr", "fast");
    assert_eq!(
        bad,
        Dirty {
            words: true,
            ..Dirty::default()
        }
    );
    let failed = d.fail("the clipboard is not available");
    assert!(failed.words);
    assert_eq!(
        d.words().error.as_deref(),
        Some("the clipboard is not available")
    );
}

fn set_samples(d: &mut Demo, key: &str, value: &str) -> bool {
    set(d, key, value).samples
}

#[test]
fn a_step_past_the_rows_computed_computes_more() {
    let mut d = demo(&[("steps", "20000"), ("lr", "0.00001"), ("at", "5000")]);
    assert_eq!(d.race().end() as u64, EAGER_STEPS);
    let dirty = d.apply(Action::Step);
    assert!(dirty.table, "the table has rows to add");
    assert!(d.race().end() as u64 > EAGER_STEPS + 1);
}

#[test]
fn playing_into_rows_not_computed_yet_computes_them_and_rests_says_where() {
    let mut d = demo(&[
        ("steps", "20000"),
        ("lr", "0.00001"),
        ("at", "4990"),
        ("speed", "2000"),
    ]);
    d.apply(Action::Play);
    d.apply(Action::Frame(0.0));
    let mut grew = false;
    let mut now = 0.0;
    while d.race().end() as u64 <= EAGER_STEPS && now < 1000.0 {
        now += 1000.0 / 60.0;
        let dirty = d.apply(Action::Frame(now));
        grew |= dirty.table && dirty.progress;
        assert!(!dirty.link, "no link while the ball moves");
    }
    assert!(grew, "the frame that computed more rows says so");
    d.apply(Action::Play);
    let rest = d.apply(Action::Frame(now + 16.0));
    assert!(
        !rest.link,
        "paused by the button: the button's own action wrote the link"
    );
    // Come to rest at the end by itself: the link and the words follow.
    let mut e = demo(&[("speed", "100")]);
    e.apply(Action::Frame(0.0));
    let mut now = 0.0;
    let mut last = Dirty::default();
    while e.playback().moving() {
        now += 1000.0 / 60.0;
        last = e.apply(Action::Frame(now));
    }
    assert!(last.link && last.words);
}

#[test]
fn the_status_is_read_out_only_while_the_balls_rest() {
    let mut d = demo(&[]);
    assert!(!d.words().live, "playing: quiet");
    d.apply(Action::Play);
    assert!(d.words().live);
}

#[test]
fn settings_that_cannot_run_are_said_and_the_last_race_stays() {
    let (mut s, _) = Settings::from_pairs([], Mode::Lenient);
    s.lr = 0.0;
    let d = Demo::new(s, &[], false);
    assert_eq!(
        d.words().error.as_deref(),
        Some("the learning rate must be a positive number, such as 0.1 (got 0)")
    );
    assert!(d.race().lanes().is_empty());
}

#[test]
fn momentum_zero_keeps_the_method() {
    let mut d = demo(&[]);
    set(&mut d, "momentum", "0");
    assert_eq!(d.settings().method, Method::Gd);
}

#[test]
fn the_start_moves_off_the_axis_only_for_a_surface_typed_over_a_curve_starting_on_it() {
    // A curve typed over a curve: y0 stays.
    let mut d = demo(&[]);
    d.apply(Action::Type("x^4".into()));
    assert_eq!(d.settings().y0, 0.0);
    // A surface typed over a surface: y0 stays.
    let mut d = demo(&[("preset", "bowl")]);
    d.apply(Action::Type("x^2 + 3*y^2".into()));
    assert_eq!(d.settings().y0, 2.0);
    // A surface over a curve whose y0 was set: it stays.
    let mut d = demo(&[("y0", "1.5")]);
    d.apply(Action::Type("x^2 + y^2".into()));
    assert_eq!(d.settings().y0, 1.5);
    // A bad one says so, with the words to draw again.
    let dirty = d.apply(Action::Type("x^".into()));
    assert_eq!(
        dirty,
        Dirty {
            words: true,
            ..Dirty::default()
        }
    );
}

#[test]
fn playback_keeps_a_step_past_the_rows_computed_at_first_through_a_change() {
    // Paused at step 8000 of a long run: the first 5000 rows are computed at once, the rest
    // as far as the ball was, so a change of the learning rate leaves it at step 8000.
    let mut d = demo(&[("steps", "100000"), ("lr", "0.00001"), ("at", "8000")]);
    assert_eq!(d.playback().t(), 8000);
    slide_to(&mut d, "lr", 0.00002);
    assert_eq!(d.playback().t(), 8000);
    assert!(d.words().status.starts_with("step 8000 of 100000"));
    // Further on, the rest follows over the next frames, and the link says where once there.
    let mut far = demo(&[("steps", "100000"), ("lr", "0.00001"), ("at", "70000")]);
    slide_to(&mut far, "lr", 0.00002);
    assert!(far.playback().t() < 70000, "not all in one go");
    let mut frames = 0;
    let mut link = false;
    while far.wants_frames() && frames < 100 {
        let dirty = far.apply(Action::Frame(frames as f64 * 16.0));
        link = dirty.link;
        frames += 1;
    }
    assert_eq!(far.playback().t(), 70000);
    assert!(link, "the last frame of the catching up writes the link");
}

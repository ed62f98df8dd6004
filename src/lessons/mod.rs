//! The lessons' captions: for each of the posts' scenarios ([`SCENARIOS`]), two sentences
//! written from the live run, so the words always match what the ball just did (change the
//! learning rate in the middle of a lesson and the caption changes with it).

mod fitting;

use crate::fmt::{brief, join};
use crate::objective::Objective;
use crate::run::{Stop, Trajectory};
use crate::settings::Settings;
#[cfg(doc)]
use crate::settings::SCENARIOS;

/// Two sentences on what the run of `s` did, its rows so far and why it stopped, for the lesson
/// `s` follows (`s.lesson`, a key of [`SCENARIOS`]); `None` when it follows none.
pub fn caption(s: &Settings, f: &dyn Objective, t: &Trajectory, stop: Stop) -> Option<String> {
    let write = match s.lesson.as_str() {
        "crawl" => crawl,
        "diverge" => diverge,
        "restarts" => restarts,
        "notch" => notch,
        "momentum" => momentum,
        "cosine" => cosine,
        "which-valley" | "which-valley-wells" => valleys,
        "noisy-steps" => fitting::noisy,
        "batch-size" => fitting::batch,
        "one-outlier" => fitting::outlier,
        _ => return None,
    };
    Some(write(s, f, t, stop))
}

fn steps_word(n: u64) -> String {
    if n == 1 {
        "1 step".into()
    } else {
        format!("{n} steps")
    }
}

fn crawl(s: &Settings, _: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let (first, last) = (&t.rows()[0], t.last());
    let done = last.x[0] - first.x[0];
    let left = 4.0 - last.x[0];
    let share = if (4.0 - first.x[0]).abs() > 0.0 {
        100.0 * done / (4.0 - first.x[0])
    } else {
        100.0
    };
    let second = if share < 90.0 {
        format!(
            "It is still {} from the minimum at x = 4: with such small steps, raise the learning rate to get there sooner.",
            brief(left.abs())
        )
    } else {
        "That is most of the way to the minimum at x = 4: this learning rate is large enough."
            .into()
    };
    format!(
        "With η = {} each step moves x by only {} times the slope, so after {} the ball has covered {}% of the way from x0 = {} (now x = {}). {second}",
        brief(s.lr),
        brief(s.lr),
        steps_word(last.step),
        brief(share.round()),
        brief(first.x[0]),
        brief(last.x[0]),
    )
}

fn diverge(s: &Settings, f: &dyn Objective, t: &Trajectory, stop: Stop) -> String {
    let first = &t.rows()[0];
    let k = s.lr * f.curvature(&first.x);
    let factor = (1.0f64 - k).abs();
    let first_sentence = format!(
        "Here f″ = {} everywhere, so η·f″ = {} · {} = {}: each step lands {} times as far from the minimum at x = 4 as it started{}.",
        brief(f.curvature(&first.x)),
        brief(s.lr),
        brief(f.curvature(&first.x)),
        brief(k),
        brief(factor),
        if k > 1.0 { ", on the other side" } else { "" },
    );
    let second = match stop {
        Stop::Escaped { step } | Stop::NotFinite { step, .. } => format!(
            "Above 2 that factor exceeds 1, so the ball bounces ever higher and leaves the view at step {step}: the learning rate is too large for this curvature."
        ),
        _ if factor < 1.0 => "Below 2 the factor is under 1, so the bounces shrink and the ball settles: keep η·f″ under 2.".into(),
        _ => "At exactly 2 the ball bounces between two points forever.".into(),
    };
    format!("{first_sentence} {second}")
}

fn restarts(s: &Settings, _: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    use crate::maps::{Axes, Map};
    let last = t.last();
    // Five starts at the middles of five equal parts of the view, each run its whole budget.
    let w = s.xmax - s.xmin;
    let axes = Axes::Starts {
        x: [s.xmin + w / 10.0, s.xmax - w / 10.0],
        n: 5,
    };
    let f = s.preset_function();
    let Ok(map) = Map::new(s, f, axes, 0.0) else {
        return String::new();
    };
    let cells = map.cells();
    let ends: Vec<String> = cells.iter().map(|c| brief(c.end[0])).collect();
    let best = cells.iter().filter(|c| !c.stop.diverged()).fold(
        None,
        |b: Option<&crate::maps::Cell>, c| match b {
            Some(b) if b.f <= c.f => Some(b),
            _ => Some(c),
        },
    );
    let first = format!(
        "From x0 = {} the ball settles at x = {} with f = {}: a minimum, but only the nearest one.",
        brief(t.rows()[0].x[0]),
        brief(last.x[0]),
        brief(last.f)
    );
    let second = match best {
        Some(b) if b.f < last.f - 1e-6 => format!(
            "Restarting from 5 points across the view ends at x = {}; the best, x = {} with f = {}, is the deeper global minimum.",
            join(&ends, ", "),
            brief(b.end[0]),
            brief(b.f)
        ),
        Some(_) => format!(
            "Restarting from 5 points across the view ends at x = {}: none is lower, so this start already found the global minimum.",
            join(&ends, ", ")
        ),
        None => "Every restart diverged: lower the learning rate.".into(),
    };
    format!("{first} {second}")
}

/// Whether x lies in the notch preset's narrow notch.
fn in_notch(x: f64) -> bool {
    (x - 3.0).abs() < 0.4
}

fn notch(s: &Settings, _: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let last = t.last();
    let first = if s.decay < 1.0 {
        format!(
            "With decay γ = {} the learning rate shrinks from {} to {} over {}, so the steps get shorter as the ball goes.",
            brief(s.decay),
            brief(s.lr),
            brief(last.lr),
            steps_word(last.step)
        )
    } else {
        format!(
            "Without decay every step uses η = {}, as large at the end as at the start.",
            brief(s.lr)
        )
    };
    let second = if in_notch(last.x[0]) {
        format!(
            "Short steps cannot jump the narrow notch, and the ball ends inside it at x = {} (f = {}), the lowest point.",
            brief(last.x[0]),
            brief(last.f)
        )
    } else {
        format!(
            "The steps jump over the narrow notch at x ≈ 3 and the ball ends at x = {} (f = {}), in the broad bowl: try decay 0.95.",
            brief(last.x[0]),
            brief(last.f)
        )
    };
    format!("{first} {second}")
}

fn momentum(s: &Settings, _: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let last = t.last();
    let uses = s.method.uses_momentum() && s.momentum > 0.0;
    let first = if uses {
        format!(
            "With momentum β = {} each step adds the new slope to {}% of the last step (PyTorch's heavy ball; the post's formula, taken literally, would fly off), so the ball builds up speed downhill.",
            brief(s.momentum),
            brief((100.0f64 * s.momentum).round())
        )
    } else {
        "Without momentum each step follows only the slope where the ball is.".to_string()
    };
    let second = if last.x[0] < 0.0 {
        format!(
            "It rolls through the shallow valley at x ≈ 1.13 and settles in the deeper one at x = {} (f = {}).",
            brief(last.x[0]),
            brief(last.f)
        )
    } else {
        format!(
            "It stops in the shallow valley at x = {} (f = {}), short of the deeper one at x ≈ −1.30: try momentum 0.9.",
            brief(last.x[0]),
            brief(last.f)
        )
    };
    format!("{first} {second}")
}

fn cosine(s: &Settings, _: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let last = t.last();
    let first = if s.schedule == "cosine" {
        format!(
            "Cosine annealing lowers η from {} to 0 over the {}: slowly at first, fastest halfway, slowly again at the end.",
            brief(s.lr),
            steps_word(s.steps)
        )
    } else {
        format!(
            "With this schedule η goes from {} to {} over {}, never down to 0.",
            brief(s.lr),
            brief(last.lr),
            steps_word(last.step)
        )
    };
    let second = if in_notch(last.x[0]) {
        format!(
            "The last, small steps settle the ball in the narrow notch at x = {} (f = {}), which a constant rate keeps jumping over.",
            brief(last.x[0]),
            brief(last.f)
        )
    } else {
        format!(
            "The ball ends at x = {} (f = {}), outside the narrow notch at x ≈ 3: the steps were still too long when it passed.",
            brief(last.x[0]),
            brief(last.f)
        )
    };
    format!("{first} {second}")
}

/// Which valley the run ended in, among those a coarse basins map of the view finds (41
/// starts along x, or 21 × 21 over the plane), and how many of the starts end in each.
fn valleys(s: &Settings, f: &dyn Objective, t: &Trajectory, stop: Stop) -> String {
    use crate::maps::{classify, tolerance, Axes, Map};
    let last = t.last();
    let dim = f.dim().min(2);
    let at = |x: &[f64]| match dim {
        1 => format!("x = {}", brief(x[0])),
        _ => format!("(x, y) = {}", crate::fmt::coords(&x[..2])),
    };
    let (x, y) = ([s.xmin, s.xmax], [s.ymin, s.ymax]);
    let axes = match dim {
        1 => Axes::Starts { x, n: 41 },
        _ => Axes::Grid { x, y, n: 21 },
    };
    let Ok(map) = Map::new(s, s.preset_function(), axes, 1e-4) else {
        return String::new();
    };
    let cells = map.cells();
    let tol = tolerance(s.domain());
    let (basins, which) = classify(&cells, dim, tol);
    let named = |p: &[f64]| -> Vec<f64> {
        p[..dim]
            .iter()
            .map(|&v| crate::maps::rounded(v, tol))
            .collect()
    };
    let share = |k: usize| 100 * which.iter().filter(|w| **w == Some(k)).count() / cells.len();
    let near = |b: &crate::maps::Basin| (0..dim).all(|i| (b.end[i] - last.x[i]).abs() < 1e-2);
    let first = match (stop, basins.iter().position(near)) {
        (Stop::Converged { .. }, Some(k)) => format!(
            "From {} the ball settles at {} (f = {}), the valley that {}% of the starts across the view end in.",
            at(&t.rows()[0].x),
            at(&last.x),
            brief(last.f),
            share(k)
        ),
        _ => format!(
            "From {} the ball has not settled in a valley yet: raise Steps to see where it ends.",
            at(&t.rows()[0].x)
        ),
    };
    let second = match basins.first() {
        Some(b) if !near(b) => format!(
            "The deepest of the {} valleys the map colours is at {} (f = {}): start inside its colour to get there.",
            basins.len(),
            at(&named(&b.end)),
            brief(b.f)
        ),
        Some(_) => format!(
            "It is the deepest of the {} valleys the map colours: a start in any other colour stops higher.",
            basins.len()
        ),
        None => "No start settles within the budget: raise Steps.".into(),
    };
    format!("{first} {second}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Mode, SCENARIOS};

    /// The caption of lesson `key` after the changes, from a run as the page makes it.
    fn caption(key: &str, change: &[(&str, &str)]) -> String {
        let (mut s, notes) = Settings::from_pairs([("lesson", key)], Mode::Strict);
        assert!(notes.is_empty() && s.lesson == key, "{notes:?}");
        for (k, v) in change {
            s.apply(k, v, Mode::Strict).unwrap();
        }
        let mut race = s.race(s.function().unwrap(), 1e-4, usize::MAX).unwrap();
        race.advance(u64::MAX);
        let run = &race.lanes()[0].runner;
        super::caption(&s, race.function(), run.trajectory(), run.stop().unwrap()).unwrap()
    }

    fn sentences(text: &str) -> usize {
        text.matches(". ").count() + usize::from(text.ends_with('.'))
    }

    #[test]
    fn every_lesson_starts_from_valid_settings_and_says_two_sentences() {
        // (A challenge's goal, above the plot, is its caption.)
        for l in SCENARIOS.iter().filter(|l| !l.is_challenge()) {
            let c = caption(l.key, &[]);
            assert_eq!(sentences(&c), 2, "{}: {c}", l.key);
        }
    }

    #[test]
    fn captions_follow_the_live_state() {
        let c = caption("crawl", &[]);
        assert!(c.starts_with("With η = 0.01 "), "{c}");
        assert!(c.contains("raise the learning rate"), "{c}");
        let c = caption("crawl", &[("lr", "0.3")]);
        assert!(
            c.starts_with("With η = 0.3 ") && c.contains("large enough"),
            "{c}"
        );

        let c = caption("diverge", &[]);
        assert!(
            c.contains("η·f″ = 1.06 · 2 = 2.12") && c.contains("leaves the view at step"),
            "{c}"
        );
        let c = caption("diverge", &[("lr", "0.8")]);
        assert!(c.contains("settles"), "{c}");

        let c = caption("restarts", &[]);
        assert!(
            c.contains("deeper global minimum") && c.contains("x = 19.2"),
            "{c}"
        );

        let c = caption("which-valley", &[]);
        assert!(
            c.starts_with(
                "From x = 2 the ball settles at x = 1.1309 (f = −1.0702), the valley that 46% of"
            ) && c.contains("deepest of the 2 valleys the map colours is at x = −1.301"),
            "{c}"
        );
        let c = caption("which-valley", &[("x0", "-1")]);
        assert!(c.contains("It is the deepest of the 2 valleys"), "{c}");
        let c = caption("which-valley-wells", &[]);
        assert!(
            c.contains("at (x, y) = (2.8397, 2.8397) (f = −0.1052)")
                && c.contains(
                    "deepest of the 9 valleys the map colours is at (x, y) = (0, 0) (f = −1)"
                ),
            "{c}"
        );

        let c = caption("notch", &[]);
        assert!(c.contains("ends inside it"), "{c}");
        let c = caption("notch", &[("decay", "1")]);
        assert!(c.contains("jump over the narrow notch"), "{c}");

        let c = caption("momentum", &[]);
        assert!(c.contains("rolls through"), "{c}");
        let c = caption("cosine", &[]);
        assert!(
            c.starts_with("Cosine annealing lowers η from 0.5 to 0 over the 60 steps")
                && c.contains("settle the ball in the narrow notch at x = 2.98"),
            "{c}"
        );
        let c = caption("cosine", &[("schedule", "exp")]);
        assert!(
            c.starts_with("With this schedule η goes from 0.5 to 0.5 over 60 steps")
                && c.contains("outside the narrow notch"),
            "{c}"
        );

        let c = caption("momentum", &[("momentum", "0")]);
        assert!(c.contains("stops in the shallow valley"), "{c}");
    }

    #[test]
    fn captions_say_the_run_s_own_numbers() {
        assert_eq!(
            caption("crawl", &[]),
            "With η = 0.01 each step moves x by only 0.01 times the slope, so after 60 steps the ball has covered 70% of the way from x0 = 44.8667 (now x = 16.16). It is still 12.16 from the minimum at x = 4: with such small steps, raise the learning rate to get there sooner."
        );
        assert!(caption("crawl", &[("steps", "1")])
            .contains("after 1 step the ball has covered 2% of the way from x0 = 44.8667 (now x = 44.0493). It is still 40.0493 from"));
        assert!(caption("diverge", &[("lr", "1")]).ends_with(
            "η·f″ = 1 · 2 = 2: each step lands 1 times as far from the minimum at x = 4 as it started, on the other side. At exactly 2 the ball bounces between two points forever."
        ));
        assert!(caption("restarts", &[("x0", "19")]).ends_with(
            "ends at x = −2.3224, −2.3224, 19.2222, 19.2222, 19.2222: none is lower, so this start already found the global minimum."
        ));
        assert!(caption("crawl", &[("x0", "4")]).contains(
            "has covered 100% of the way from x0 = 4 (now x = 4). That is most of the way"
        ));
        assert!(caption("notch", &[])
            .starts_with("With decay γ = 0.95 the learning rate shrinks from 0.5 to "));
        assert!(caption("momentum", &[]).starts_with(
            "With momentum β = 0.9 each step adds the new slope to 90% of the last step (PyTorch's heavy ball; the post's formula, taken literally, would fly off)"
        ));
        assert!(caption("notch", &[("decay", "1")]).starts_with(
            "Without decay every step uses η = 0.5, as large at the end as at the start."
        ));
        assert!(caption("momentum", &[("momentum", "0")])
            .starts_with("Without momentum each step follows only the slope where the ball is. It stops in the shallow valley at x = 1.1309"));
    }

    /// On the parabola (x − 4)² − 12, η = 0.45 takes x − 4 to (1 − 2η)(x − 4) = 0.1·(x − 4):
    /// one step from 14 lands on 5, exactly 90% of the way, which is most of it (such a rate
    /// is not "small steps" to raise).
    #[test]
    fn ninety_percent_of_the_way_is_most_of_it() {
        let c = caption("crawl", &[("x0", "14"), ("lr", "0.45"), ("steps", "1")]);
        assert!(
            c.contains("covered 90% of the way from x0 = 14 (now x = 5). That is most of the way"),
            "{c}"
        );
        assert!(!c.contains("raise the learning rate"), "{c}");
    }

    /// The quartic's deep valley (x ≈ 19.222, f ≈ −18.377) has f″ ≈ 1.174, so η = 2.8 is past
    /// its edge 2/f″ ≈ 1.70, while the shallow one (x ≈ −2.322, f ≈ 0.622, f″ ≈ 0.683, edge
    /// ≈ 2.93) still holds the ball: every restart ends in the shallow valley too, none lower
    /// than the ball's, and the caption must not call the ball's own valley a deeper one.
    #[test]
    fn restarts_that_find_nothing_lower_say_so() {
        let c = caption("restarts", &[("lr", "2.8")]);
        // x* = −2.32240, f(x*) = 0.621823; the run stops within 1e-4/f″ ≈ 1.5e-4 of x*.
        assert!(
            c.starts_with("From x0 = 0 the ball settles at x = −2.322")
                && c.contains(" with f = 0.6218: a minimum"),
            "{c}"
        );
        assert!(c.contains(": none is lower"), "{c}");
        assert!(!c.contains("deeper"), "{c}");
    }
}

//! The fitting lessons' captions: noisy steps (one point per step against all of them), the
//! batch size, and one outlier against the three losses of a line. Each compares the live run
//! with the runs the other choice would make, computed here from the same settings.

use super::steps_word;
use crate::fit::Loss;
use crate::fmt::brief;
use crate::objective::Objective;
use crate::run::{Stop, Trajectory};
use crate::settings::Settings;

/// Where the run of `s` ends: its loss and (w, b); NaN when it cannot run.
fn end(s: &Settings) -> (f64, [f64; 2]) {
    let run = s.race(s.preset_function(), 0.0, 2).map(|mut race| {
        race.advance(u64::MAX);
        race.lanes().first().map(|l| *l.runner.current())
    });
    match run {
        Ok(Some(r)) => (r.f, [r.x[0], r.x[1]]),
        _ => (f64::NAN, [f64::NAN; 2]),
    }
}

/// `s` with a batch of `batch` points.
fn batched(s: &Settings, batch: u64) -> Settings {
    Settings { batch, ..s.clone() }
}

/// A loss's short name: MSE, MAE or Huber.
fn short(loss: Loss) -> &'static str {
    match loss {
        Loss::Mse => "MSE",
        Loss::Mae => "MAE",
        _ => "Huber",
    }
}

/// The line ŷ = w·x + b, in words.
fn line(wb: [f64; 2]) -> String {
    let sign = if wb[1] < 0.0 { "−" } else { "+" };
    format!("ŷ = {}x {sign} {}", brief(wb[0]), brief(wb[1].abs()))
}

/// Stochastic steps against full-batch ones.
pub(super) fn noisy(s: &Settings, f: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let n = f.points() as u64;
    let last = t.last();
    if !crate::fit::samples(s.batch as usize, n as usize) {
        let (one, _) = end(&batched(s, 1));
        return format!(
            "With all {n} points in every step (full batch), the path walks straight down the loss surface: after {} the loss is {}. One point per step at the same η ends at {}: set Batch to 1 to watch it zigzag.",
            steps_word(last.step),
            brief(last.f),
            brief(one),
        );
    }
    let (full, _) = end(&batched(s, 0));
    format!(
        "With a batch of {} of the {n} points, each step follows the slope of {} drawn at random, so the path zigzags: after {} ({} passes over the data) the loss is {}. Full-batch descent at the same η, every point in every step, ends at {}: set Batch to 0 to watch it walk straight.",
        s.batch,
        if s.batch == 1 { "one point" } else { "those points" },
        steps_word(last.step),
        last.step * s.batch / n,
        brief(last.f),
        brief(full),
    )
}

/// One batch size against the smallest and the largest.
pub(super) fn batch(s: &Settings, f: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let n = f.points();
    let last = t.last();
    let (one, _) = end(&batched(s, 1));
    let (all, _) = end(&batched(s, 0));
    format!(
        "Each step averages the slopes of {} of the {n} points: the larger the batch, the less each step wobbles, and the more it costs. After {} the loss is {} with this batch, against {} with one point per step and {} with all {n}.",
        if s.batch == 0 { n as u64 } else { s.batch },
        steps_word(last.step),
        brief(last.f),
        brief(one),
        brief(all),
    )
}

/// One far point against MSE, MAE and Huber.
pub(super) fn outlier(s: &Settings, _: &dyn Objective, t: &Trajectory, _: Stop) -> String {
    let last = t.last();
    let here = line([last.x[0], last.x[1]]);
    let other = |loss: Loss| {
        let (_, wb) = end(&Settings { loss, ..s.clone() });
        format!("{} {}", short(loss), line(wb))
    };
    let others: Vec<String> = [Loss::Mse, Loss::Mae, Loss::Huber]
        .into_iter()
        .filter(|&l| l != s.loss)
        .map(other)
        .collect();
    let first = match s.loss {
        Loss::Mse => format!(
            "The one point far below the rest pulls the MSE line down to it, to {here}: squaring its large error makes it count more than all the others together."
        ),
        _ => format!(
            "With {} the far point pulls the line only as hard as any other point, so it ends at {here}, close to the rest.",
            short(s.loss)
        ),
    };
    format!(
        "{first} From the same start the other losses end at {} and {} (Loss menu).",
        others[0], others[1]
    )
}

#[cfg(test)]
mod tests {
    use crate::settings::{Mode, Settings};

    /// The caption of lesson `key` with `change`, from a run to its end.
    fn caption(key: &str, change: &[(&str, &str)]) -> String {
        let (mut s, notes) = Settings::from_pairs([("lesson", key)], Mode::Strict);
        assert!(notes.is_empty(), "{notes:?}");
        for (k, v) in change {
            s.apply(k, v, Mode::Strict).unwrap();
        }
        let f = s.function().unwrap();
        let mut race = s.race(f.clone(), 0.0, usize::MAX).unwrap();
        race.advance(u64::MAX);
        let run = &race.lanes()[0].runner;
        super::super::caption(&s, &f, run.trajectory(), run.stop().unwrap()).unwrap()
    }

    #[test]
    fn fitting_lessons_compare_the_live_run_with_the_other_choices() {
        let noisy = caption("noisy-steps", &[]);
        assert!(
            noisy.starts_with("With a batch of 1 of the 40 points")
                && noisy.contains("after 120 steps (3 passes over the data)"),
            "{noisy}"
        );
        let full = caption("noisy-steps", &[("batch", "0")]);
        assert!(
            full.starts_with("With all 40 points in every step (full batch)"),
            "{full}"
        );
        let four = caption("noisy-steps", &[("batch", "4")]);
        assert!(
            four.contains("after 120 steps (12 passes over the data)"),
            "{four}"
        );
        let loss = |text: &str, after: &str| {
            let i = text.find(after).unwrap() + after.len();
            let word = text[i..].split(' ').next().unwrap();
            word.trim_end_matches(['.', ':', ',']).to_string()
        };
        // Each compares with the other kind of run: batch 1's full-batch loss is the
        // full-batch caption's own, and the other way round.
        assert_eq!(
            loss(&noisy, "ends at "),
            loss(&full, "the loss is "),
            "{noisy}\n{full}"
        );
        assert_eq!(
            loss(&full, "ends at "),
            loss(&noisy, "the loss is "),
            "{noisy}\n{full}"
        );
        assert_ne!(loss(&noisy, "the loss is "), loss(&noisy, "ends at "));
        let batch = caption("batch-size", &[]);
        assert!(batch.starts_with("Each step averages the slopes of 8 of the 40 points"));
        let mse = caption("one-outlier", &[]);
        assert!(
            mse.starts_with("The one point far below the rest pulls the MSE line down to it")
                && mse.contains("MAE ŷ = ")
                && mse.contains("Huber ŷ = "),
            "{mse}"
        );
        let mae = caption("one-outlier", &[("loss", "mae")]);
        assert!(mae.starts_with("With MAE the far point"), "{mae}");
        assert!(mae.contains("MSE ŷ = "), "{mae}");
    }

    #[test]
    fn a_line_in_words_takes_the_sign_of_b() {
        assert_eq!(super::line([1.5, -2.0]), "ŷ = 1.5x − 2");
        assert_eq!(super::line([1.5, 2.0]), "ŷ = 1.5x + 2");
        assert_eq!(super::line([-1.5, 0.0]), "ŷ = −1.5x + 0");
    }

    /// A batch of all the points is full batch, said as such; one fewer samples, and 120
    /// steps of 39 of 40 points make 117 completed passes.
    #[test]
    fn a_batch_of_all_the_points_is_full_batch_and_passes_are_completed_ones() {
        let all = caption("noisy-steps", &[("batch", "40")]);
        assert!(
            all.starts_with("With all 40 points in every step (full batch)"),
            "{all}"
        );
        let most = caption("noisy-steps", &[("batch", "39")]);
        assert!(
            most.contains("after 120 steps (117 passes over the data)"),
            "{most}"
        );
    }

    /// The lines the caption gives for the other losses are where those losses' own runs
    /// end: MSE's caption names the MAE line that MAE's caption shows as its own.
    #[test]
    fn the_outlier_lesson_s_other_lines_are_the_other_losses_own_runs() {
        let between = |text: &str, from: &str, to: &str| {
            let i = text.find(from).unwrap() + from.len();
            text[i..][..text[i..].find(to).unwrap()].to_string()
        };
        let mse = caption("one-outlier", &[]);
        let mae = caption("one-outlier", &[("loss", "mae")]);
        let huber = caption("one-outlier", &[("loss", "huber")]);
        let mse_line = between(&mse, "down to it, to ", ": squaring");
        let mae_line = between(&mae, "so it ends at ", ", close");
        let huber_line = between(&huber, "so it ends at ", ", close");
        assert_eq!(between(&mse, "end at MAE ", " and Huber"), mae_line);
        assert_eq!(between(&mse, "and Huber ", " (Loss menu)"), huber_line);
        assert_eq!(between(&mae, "end at MSE ", " and Huber"), mse_line);
        assert_ne!(mae_line, mse_line, "{mse}");
    }
}

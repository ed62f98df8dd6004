//! A teacher's challenge, `goal=V&within=N`: the goal said above the plot, and how the run
//! did, said in the status once it is known.

use crate::fmt::brief;
use crate::run::Race;

/// The goal as the page states it: "Reach f ≤ 0.001 within 20 steps".
pub fn goal_line(goal: f64, within: u64) -> String {
    format!("Reach f ≤ {} within {within} steps", brief(goal))
}

/// How the runs did at step `t` against reaching f ≤ `goal` within `within` steps: reached
/// (at the first step where f ≤ goal), missed (once the ball has passed `within` or every run
/// has stopped short of the goal), or not yet known (None). In a race, the first method to
/// reach it is named.
pub fn verdict(race: &Race, goal: f64, within: u64, t: usize) -> Option<String> {
    let racing = race.racing();
    let mut first: Option<(u64, &str)> = None;
    let mut best: Option<(f64, u64)> = None;
    for lane in race.lanes() {
        for r in lane.rows().iter().take_while(|r| r.step <= within) {
            if r.f <= goal {
                if first.is_none_or(|(k, _)| r.step < k) {
                    first = Some((r.step, lane.method().label()));
                }
                break;
            }
            if best.is_none_or(|(f, _)| r.f < f) {
                best = Some((r.f, r.step));
            }
        }
    }
    match first {
        Some((k, method)) if t as u64 >= k => Some(if racing {
            format!("Goal reached at step {k} by {method}")
        } else {
            format!("Goal reached at step {k}")
        }),
        Some(_) => None,
        None => {
            let stopped = race.finished() && t >= race.end();
            if (t as u64) < within && !stopped {
                return None;
            }
            let (f, k) = best?;
            Some(format!(
                "Goal missed: the lowest f within {within} steps was {} (step {k}), above {}",
                brief(f),
                brief(goal)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn race(pairs: &[(&str, &str)]) -> Race {
        crate::settings::finished(pairs, 0.0).1
    }

    #[test]
    fn a_goal_is_reached_at_its_first_step_or_missed_with_the_closest_value() {
        // f = x² from 8 with η = 0.1: f = 64·0.64^k, below 1 from step 10 (0.737).
        let r = race(&[("steps", "30")]);
        assert_eq!(goal_line(1.0, 12), "Reach f ≤ 1 within 12 steps");
        assert_eq!(verdict(&r, 1.0, 12, 5), None, "not there yet");
        assert_eq!(
            verdict(&r, 1.0, 12, 10).as_deref(),
            Some("Goal reached at step 10")
        );
        assert_eq!(
            verdict(&r, 1.0, 12, 30).as_deref(),
            Some("Goal reached at step 10")
        );
        // Within 5 steps the lowest is 64·0.64⁵ = 6.87…: missed once the ball passes step 5.
        assert_eq!(verdict(&r, 1.0, 5, 4), None);
        assert_eq!(
            verdict(&r, 1.0, 5, 5).as_deref(),
            Some("Goal missed: the lowest f within 5 steps was 6.8719 (step 5), above 1")
        );
        let two = race(&[("race", "gd,adam"), ("steps", "30")]);
        assert_eq!(
            verdict(&two, 1.0, 30, 30).as_deref(),
            Some("Goal reached at step 10 by Gradient descent")
        );
    }

    #[test]
    fn a_run_that_stops_short_misses_before_the_deadline() {
        // η = 1.1 diverges: the run stops long before 1000 steps.
        let r = race(&[("lr", "1.1"), ("steps", "1000")]);
        let end = r.end();
        assert!(end < 1000);
        let said = verdict(&r, 0.5, 1000, end).unwrap();
        assert!(
            said.starts_with("Goal missed: the lowest f within 1000 steps was 64 (step 0)"),
            "{said}"
        );
    }

    /// In a race the method named is the one that got there first, wherever its lane is;
    /// of several that get there together, the first in the legend.
    #[test]
    fn the_first_method_to_reach_the_goal_is_named() {
        // Momentum 0.9 on x² from 8 (η = 0.1): x = 6.4, 3.68, 0.496, so f ≤ 1 at step 3,
        // where gradient descent needs 10.
        let r = race(&[
            ("race", "gd,momentum"),
            ("momentum", "0.9"),
            ("steps", "30"),
        ]);
        assert_eq!(
            verdict(&r, 1.0, 30, 30).as_deref(),
            Some("Goal reached at step 3 by Momentum")
        );
        // Every run starts at f = 64: a goal of 64 is met by all of them at step 0.
        let r = race(&[("race", "gd,momentum,adam"), ("steps", "30")]);
        assert_eq!(
            verdict(&r, 64.0, 30, 0).as_deref(),
            Some("Goal reached at step 0 by Gradient descent")
        );
    }

    /// A run that stays at its lowest f names the first step it was there.
    #[test]
    fn a_miss_names_the_first_step_at_the_lowest_value() {
        // η = 1 on x² bounces between 8 and −8: f = 64 at every step.
        let r = race(&[("lr", "1"), ("steps", "5")]);
        assert_eq!(
            verdict(&r, 1.0, 5, 5).as_deref(),
            Some("Goal missed: the lowest f within 5 steps was 64 (step 0), above 1")
        );
    }
}

//! A run played again up to any step, for what its trajectory does not keep: the optimizer's
//! memory there (momentum's velocity, the averages of AdaGrad, RMSProp and Adam). Every update
//! is the run's own, so the state is the one the run had, bit for bit.

use super::{Race, Record, RunConfig, Runner};
use crate::optim::State;

/// Steps between the replay's checkpoints.
const EVERY: u64 = 1024;

/// One lane of a race, replayed. It steps forward from where it stands; an earlier step goes
/// back to the last checkpoint before it (one every [`EVERY`] steps, kept as the replay passes
/// them), so a step back on a long run costs at most [`EVERY`] updates.
#[derive(Debug, Clone)]
pub struct Replay {
    lane: usize,
    runner: Runner,
    /// The replay as it stood at steps 0, EVERY, 2·EVERY, …
    marks: Vec<Runner>,
}

/// A run's setup as its replay has it: the same, keeping two rows.
fn replayed(config: &RunConfig) -> RunConfig {
    RunConfig { keep: 2, ..*config }
}

impl Replay {
    /// The state after `k` updates of lane `lane` of `race` and the row there (or at the run's
    /// end, if it stopped sooner), reusing `cache` when it can.
    pub fn at<'a>(
        cache: &'a mut Option<Replay>,
        race: &Race,
        lane: usize,
        k: usize,
    ) -> Option<(&'a State, &'a Record)> {
        let source = &race.lanes().get(lane)?.runner;
        // Another lane, or another run (the settings or the function changed since): start
        // over.
        let stale = match cache {
            Some(r) => {
                r.lane != lane
                    || r.runner.optimizer() != source.optimizer()
                    || *r.runner.config() != replayed(source.config())
                    || r.runner.trajectory().rows()[0] != source.trajectory().rows()[0]
            }
            None => true,
        };
        if stale {
            let config = replayed(source.config());
            let runner = Runner::new(race.function(), *source.optimizer(), config);
            *cache = Some(Replay {
                lane,
                marks: vec![runner.clone()],
                runner,
            });
        }
        let replay = cache.as_mut()?;
        let f = race.function();
        let k = k as u64;
        if replay.runner.current().step > k {
            let mark = ((k / EVERY) as usize).min(replay.marks.len() - 1);
            replay.runner = replay.marks[mark].clone();
        }
        while replay.runner.current().step < k && replay.runner.stop().is_none() {
            let at = replay.runner.current().step;
            let next = (at / EVERY + 1) * EVERY;
            replay.runner.advance(f, next.min(k) - at);
            let now = replay.runner.current().step;
            if now % EVERY == 0 && now / EVERY == replay.marks.len() as u64 {
                replay.marks.push(replay.runner.clone());
            }
        }
        Some((replay.runner.state(), replay.runner.current()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_replayed_state_is_the_runs_own_forward_and_back() {
        let (_, race) = crate::settings::finished(&[("method", "adam"), ("steps", "40")], 0.0);
        let mut cache = None;
        for k in [5, 17, 3, 40, 40, 0] {
            let mut runner = Runner::new(
                race.function(),
                *race.lanes()[0].runner.optimizer(),
                *race.lanes()[0].runner.config(),
            );
            runner.advance(race.function(), k as u64);
            let (state, row) = Replay::at(&mut cache, &race, 0, k).unwrap();
            assert_eq!(state, runner.state(), "after {k} updates");
            assert_eq!(row, runner.current());
            assert_eq!(row, race.lanes()[0].at(k));
        }
        assert!(
            Replay::at(&mut cache, &race, 3, 1).is_none(),
            "no fourth lane"
        );
    }

    /// Back and forth over checkpoints on a long run: every state is the run's own.
    #[test]
    fn steps_back_resume_from_the_last_checkpoint() {
        let (_, race) = crate::settings::finished(
            &[("method", "adam"), ("steps", "5000"), ("preset", "bowl")],
            0.0,
        );
        let mut cache = None;
        for k in [4000, 3999, 1025, 1024, 1023, 4500, 2048, 0, 5000] {
            let mut runner = Runner::new(
                race.function(),
                *race.lanes()[0].runner.optimizer(),
                *race.lanes()[0].runner.config(),
            );
            runner.advance(race.function(), k as u64);
            let (state, row) = Replay::at(&mut cache, &race, 0, k).unwrap();
            assert_eq!((state, row), (runner.state(), runner.current()), "at {k}");
        }
        let marks = cache.unwrap().marks;
        assert_eq!(marks.len(), 5, "steps 0, 1024, 2048, 3072 and 4096");
        assert_eq!(marks[3].current().step, 3072);
    }

    /// A cache kept across a change of the settings or of the function is not reused.
    #[test]
    fn another_run_starts_the_replay_over() {
        let mut cache = None;
        let run = |pairs: &[(&str, &str)]| crate::settings::finished(pairs, 0.0).1;
        for pairs in [
            &[("method", "momentum"), ("momentum", "0.3")][..],
            // Only β changes: the first row is the same, the optimizer is not.
            &[("method", "momentum"), ("momentum", "0.6")],
            &[("lr", "0.1")],
            &[("lr", "0.2")],
            &[("lr", "0.2"), ("x0", "3")],
            &[("lr", "0.2"), ("x0", "3"), ("f", "x^2 + x")],
            &[
                ("lr", "0.2"),
                ("x0", "3"),
                ("f", "x^2 + x"),
                ("grad", "central"),
            ],
            // A longer budget: the replay that stopped at the old one goes on.
            &[
                ("lr", "0.2"),
                ("x0", "3"),
                ("f", "x^2 + x"),
                ("grad", "central"),
                ("steps", "50"),
            ],
        ] {
            let race = run(pairs);
            let k = race.end().min(40);
            let (_, row) = Replay::at(&mut cache, &race, 0, k).unwrap();
            assert_eq!(row, race.lanes()[0].at(k), "{pairs:?}");
        }
    }

    /// Switching lanes starts the replay over with the other lane's optimizer.
    #[test]
    fn another_lane_is_replayed_from_its_own_start() {
        let (_, race) = crate::settings::finished(&[("race", "gd,adam"), ("steps", "20")], 0.0);
        let mut cache = None;
        Replay::at(&mut cache, &race, 0, 5).unwrap();
        let (_, row) = Replay::at(&mut cache, &race, 1, 7).unwrap();
        assert_eq!(
            row,
            race.lanes()[1].at(7),
            "Adam's row, not gradient descent's"
        );
        let (_, row) = Replay::at(&mut cache, &race, 0, 9).unwrap();
        assert_eq!(row, race.lanes()[0].at(9));
    }

    /// The replay keeps only the rows it stands on, not a second copy of the trajectory.
    #[test]
    fn the_replay_keeps_two_rows() {
        let (_, race) = crate::settings::finished(&[("steps", "40")], 0.0);
        let mut cache = None;
        Replay::at(&mut cache, &race, 0, 40).unwrap();
        let rows = cache.unwrap().runner.trajectory().rows().len();
        assert!(rows <= 2, "{rows} rows");
    }
}

//! A race: one function, one start, one run per method, each stepping on its own until it stops.
//! A single run is a race of one, so the page and the command line handle both the same way.

use super::{Record, RunConfig, Runner};
use crate::objective::{Function, Objective};
use crate::optim::{Method, Optimizer};

/// Steps computed at a time when a race must reach further (fewer would cost a call per frame
/// on a long run; more would stall a frame).
const CHUNK: u64 = 1000;

/// One method's run.
#[derive(Debug, Clone)]
pub struct Lane {
    pub runner: Runner,
}

impl Lane {
    pub fn method(&self) -> Method {
        self.runner.optimizer().method()
    }

    /// The rows stored so far.
    pub fn rows(&self) -> &[Record] {
        self.runner.trajectory().rows()
    }

    /// The index of the stored row for step `t`: the row itself, or in a thinned run the last
    /// stored before it; the last row for a step past the end.
    pub fn row(&self, t: usize) -> usize {
        let stride = self.runner.trajectory().stride() as usize;
        (t / stride).min(self.rows().len().saturating_sub(1))
    }

    /// The stored row for step `t` (see [`Lane::row`]).
    pub fn at(&self, t: usize) -> &Record {
        &self.rows()[self.row(t)]
    }

    /// Whether the row for step `t` is the run's last: the ball has stopped there.
    pub fn ended_at(&self, t: usize) -> bool {
        self.runner.stop().is_some() && self.row(t) + 1 >= self.rows().len()
    }
}

/// Runs of one function from one start, one per method, in the order given.
#[derive(Debug, Clone)]
pub struct Race {
    function: Function,
    lanes: Vec<Lane>,
}

impl Race {
    /// A race of `optimizers` on `function` from `config.start`; each run has evaluated its
    /// start and made no update yet.
    pub fn new(function: Function, optimizers: &[Optimizer], config: RunConfig) -> Race {
        let lanes = optimizers
            .iter()
            .map(|&o| Lane {
                runner: Runner::new(&function, o, config),
            })
            .collect();
        Race { function, lanes }
    }

    pub fn function(&self) -> &Function {
        &self.function
    }

    /// 1 for f(x), 2 for f(x, y), up to nine.
    pub fn dim(&self) -> usize {
        Objective::dim(&self.function)
    }

    /// The variables' names: x, y, z or x1, x2, ….
    pub fn names(&self) -> &'static [&'static str] {
        Objective::names(&self.function)
    }

    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// What `take` picks from every stored row of every run.
    pub fn values(&self, take: impl Fn(&Record, &mut Vec<f64>)) -> Vec<f64> {
        let mut out = Vec::new();
        for lane in &self.lanes {
            for r in lane.rows() {
                take(r, &mut out);
            }
        }
        out
    }

    /// Whether several methods run (a race proper, drawn in their colours).
    pub fn racing(&self) -> bool {
        self.lanes.len() > 1
    }

    /// The last step computed so far, over every run.
    pub fn end(&self) -> usize {
        self.lanes
            .iter()
            .map(|l| l.runner.current().step as usize)
            .max()
            .unwrap_or(0)
    }

    /// Whether every run has stopped.
    pub fn finished(&self) -> bool {
        self.lanes.iter().all(|l| l.runner.stop().is_some())
    }

    /// Makes up to `n` more updates in run `lane` (if it goes on); returns how many were made.
    pub fn advance_lane(&mut self, lane: usize, n: u64) -> u64 {
        match self.lanes.get_mut(lane) {
            Some(l) => l.runner.advance(&self.function, n),
            None => 0,
        }
    }

    /// Makes up to `n` more updates in every run that goes on.
    pub fn advance(&mut self, n: u64) {
        for lane in &mut self.lanes {
            lane.runner.advance(&self.function, n);
        }
    }

    /// Makes sure every run that goes on has reached step `step`, computing at least a chunk
    /// at a time. Returns whether any run grew.
    pub fn reach(&mut self, step: usize) -> bool {
        let want = step as u64;
        let mut grew = false;
        for lane in &mut self.lanes {
            let at = lane.runner.current().step;
            if lane.runner.stop().is_none() && at < want {
                lane.runner.advance(&self.function, (want - at).max(CHUNK));
                grew = true;
            }
        }
        grew
    }

    /// The run whose ball is lowest at step `t`, among those where f is still a number.
    pub fn leader(&self, t: usize) -> Option<&Lane> {
        self.lanes
            .iter()
            .filter(|l| l.at(t).f.is_finite())
            .min_by(|a, b| a.at(t).f.total_cmp(&b.at(t).f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::preset::Domain;
    use crate::objective::Preset;
    use crate::optim::Hyper;

    fn race(methods: &[Method], keep: usize) -> Race {
        let optimizers: Vec<Optimizer> = methods
            .iter()
            .map(|&method| {
                Hyper {
                    method,
                    lr: 0.1,
                    momentum: 0.9,
                    ..Hyper::default()
                }
                .build()
                .unwrap()
            })
            .collect();
        let config = RunConfig {
            tolerance: 1e-4,
            keep,
            ..RunConfig::new(&[8.0, 0.0], 200, Domain::new([-10.0, 10.0], [-10.0, 10.0]))
        };
        Race::new(Function::Preset(Preset::Quadratic), &optimizers, config)
    }

    #[test]
    fn each_lane_runs_to_its_own_stop_and_the_race_ends_with_the_last() {
        let mut r = race(&[Method::Gd, Method::Momentum], usize::MAX);
        assert!(r.racing());
        assert_eq!((r.end(), r.finished()), (0, false));
        r.advance(u64::MAX);
        assert!(r.finished());
        let ends: Vec<u64> = r.lanes().iter().map(|l| l.runner.current().step).collect();
        assert_ne!(
            ends[0], ends[1],
            "the two converge at different steps: {ends:?}"
        );
        assert_eq!(r.end() as u64, ends[0].max(ends[1]));
        // Past its own end, a lane shows its last row, and says it has stopped there.
        let early = &r.lanes()[usize::from(ends[1] < ends[0])];
        let last = early.runner.current().step as usize;
        assert_eq!(early.at(r.end()).step as usize, last);
        assert!(early.ended_at(last) && !early.ended_at(last - 1));
        assert_eq!(r.lanes()[0].method(), Method::Gd);
    }

    #[test]
    fn reaching_computes_ahead_in_chunks_and_the_leader_is_lowest() {
        let mut r = race(&[Method::Gd, Method::Adam], usize::MAX);
        assert!(r.reach(3));
        assert!(r.end() >= 3);
        assert!(!r.reach(2), "already there");
        let leader = r.leader(3).unwrap();
        let lowest = r
            .lanes()
            .iter()
            .map(|l| l.at(3).f)
            .fold(f64::INFINITY, f64::min);
        assert_eq!(leader.at(3).f, lowest);
    }

    #[test]
    fn reaching_computes_what_is_missing_and_nothing_for_a_stopped_run() {
        let mut r = race(&[Method::Gd], usize::MAX);
        // A long run: reaching step 3000 from 1000 computes the 2000 missing steps, no more.
        let config = RunConfig::new(
            &[8.0, 0.0],
            100_000,
            Domain::new([-10.0, 10.0], [-10.0, 10.0]),
        );
        let slow = Hyper {
            lr: 1e-5,
            ..Hyper::default()
        };
        let mut long = Race::new(r.function().clone(), &[slow.build().unwrap()], config);
        long.reach(1000);
        assert_eq!(long.end(), 1000);
        assert!(long.reach(3000));
        assert_eq!(long.end(), 3000);
        assert!(!long.reach(3000), "step 3000 is there already");
        // A run that stopped is not stepped again.
        r.advance(u64::MAX);
        let end = r.end();
        assert!(r.finished() && !r.reach(end + 10));
        assert_eq!(r.end(), end);
    }

    #[test]
    fn a_thinned_lane_finds_the_stored_row_before_a_step() {
        let mut r = race(&[Method::Gd], 8);
        r.advance(100);
        let lane = &r.lanes()[0];
        let stride = lane.runner.trajectory().stride() as usize;
        assert!(stride > 1);
        assert_eq!(lane.at(stride * 2 + 1).step as usize, stride * 2);
    }
}

//! The rows of a run: row k is the state after k updates, with f and the gradient evaluated
//! there; row 0 is the start. A long run keeps memory bounded by thinning its stored rows.

use crate::objective::Point;

/// One row of a trajectory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record {
    /// Updates done to reach this state.
    pub step: u64,
    /// The point (y is 0 in one dimension).
    pub x: Point,
    /// f at the point.
    pub f: f64,
    /// For a stochastic fit, the loss over the mini-batch the next update follows; f
    /// otherwise.
    pub fb: f64,
    /// The gradient at the point.
    pub g: Point,
    /// η_step: the learning rate of the update that leaves this state.
    pub lr: f64,
}

/// The rows of a run. Keeps at most `keep` rows (at least 2): beyond that, every other stored
/// row is dropped and only every `stride`-th step is stored from then on. The first and the
/// latest rows are always available.
#[derive(Debug, Clone, PartialEq)]
pub struct Trajectory {
    rows: Vec<Record>,
    last: Record,
    stride: u64,
    keep: usize,
}

impl Trajectory {
    /// A trajectory holding its first row.
    pub fn new(first: Record, keep: usize) -> Self {
        Trajectory {
            rows: vec![first],
            last: first,
            stride: 1,
            keep: keep.max(2),
        }
    }

    /// Appends the next row: it becomes [`Trajectory::last`], and is stored when it falls on
    /// the stride.
    #[inline]
    pub(super) fn push(&mut self, r: Record) {
        self.last = r;
        if !r.step.is_multiple_of(self.stride) {
            return;
        }
        if self.rows.len() >= self.keep {
            let mut i = 0;
            self.rows.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.stride *= 2;
            if !r.step.is_multiple_of(self.stride) {
                return;
            }
        }
        self.rows.push(r);
    }

    /// The stored rows, oldest first. With thinning, the latest row may be missing: see
    /// [`Trajectory::last`].
    pub fn rows(&self) -> &[Record] {
        &self.rows
    }

    /// The latest state.
    pub fn last(&self) -> &Record {
        &self.last
    }

    /// Stored rows plus the latest one when it was thinned out.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Record> {
        let stored = self.rows.last().map(|r| r.step) == Some(self.last.step);
        self.rows.iter().chain((!stored).then_some(&self.last))
    }

    /// Steps between stored rows (1 until the run outgrows `keep`).
    pub fn stride(&self) -> u64 {
        self.stride
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::{point, MAX_DIM};

    #[test]
    fn thinning_keeps_memory_bounded_and_the_ends() {
        let row = |step: u64| Record {
            step,
            x: point(&[step as f64, 0.0]),
            f: 0.0,
            fb: 0.0,
            g: [0.0; MAX_DIM],
            lr: 0.1,
        };
        let mut t = Trajectory::new(row(0), 8);
        for step in 1..=1000 {
            t.push(row(step));
        }
        assert!(t.rows().len() <= 8);
        assert_eq!(t.rows()[0].step, 0);
        assert_eq!(t.last().step, 1000);
        assert_eq!(t.iter().last().unwrap().step, 1000);
        let steps: Vec<u64> = t.rows().iter().map(|r| r.step).collect();
        assert!(
            steps.windows(2).all(|w| w[1] - w[0] == t.stride()),
            "{steps:?}"
        );
    }
}

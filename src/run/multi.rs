//! Many runs of one optimizer from different starts, spread evenly or drawn by a seeded
//! generator, and which of them ended lowest: the lesson of random restarts.

use super::{trace, RunConfig, Trace};
use crate::objective::preset::Domain;
use crate::objective::{point, Objective, Point};
use crate::optim::Optimizer;
use crate::random::SplitMix64;

/// Where multi-start runs begin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Starts {
    /// `n` starts evenly spread over the view (a line in 1-D, a grid in 2-D).
    Spread(usize),
    /// `n` starts drawn uniformly over the view by a generator seeded with `seed`.
    Random { n: usize, seed: u64 },
}

impl Starts {
    /// The start points over `domain` in `dim` dimensions.
    pub fn points(self, domain: Domain, dim: usize) -> Vec<Point> {
        let lerp = |r: [f64; 2], t: f64| r[0] + (r[1] - r[0]) * t;
        match self {
            Starts::Spread(n) if dim == 1 => (0..n)
                .map(|i| point(&[lerp(domain.x, (i as f64 + 0.5) / n as f64)]))
                .collect(),
            Starts::Spread(n) => {
                let side = (n as f64).sqrt().ceil().max(1.0) as usize;
                (0..n)
                    .map(|k| {
                        let (i, j) = (k % side, k / side);
                        point(&[
                            lerp(domain.x, (i as f64 + 0.5) / side as f64),
                            lerp(domain.y, (j as f64 + 0.5) / side as f64),
                        ])
                    })
                    .collect()
            }
            Starts::Random { n, seed } => {
                let mut rng = SplitMix64(seed);
                (0..n)
                    .map(|_| {
                        let x = lerp(domain.x, rng.unit());
                        let y = if dim == 2 {
                            lerp(domain.y, rng.unit())
                        } else {
                            0.0
                        };
                        point(&[x, y])
                    })
                    .collect()
            }
        }
    }
}

/// Several runs of the same optimizer from different starts.
#[derive(Debug, Clone)]
pub struct MultiStart {
    pub traces: Vec<Trace>,
    /// The run that ended lowest without diverging.
    pub best: Option<usize>,
}

/// Runs from every start and reports the best.
pub fn multi_start(
    f: &dyn Objective,
    optimizer: Optimizer,
    config: RunConfig,
    starts: &[Point],
) -> MultiStart {
    let traces: Vec<Trace> = starts
        .iter()
        .map(|&start| trace(f, optimizer, RunConfig { start, ..config }))
        .collect();
    let best = traces
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.stop.diverged())
        .min_by(|(_, a), (_, b)| a.last().f.total_cmp(&b.last().f))
        .map(|(i, _)| i);
    MultiStart { traces, best }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_starts_repeat_and_stay_in_view() {
        let d = Domain::new([-2.0, 3.0], [0.0, 1.0]);
        let a = Starts::Random { n: 50, seed: 7 }.points(d, 2);
        assert_eq!(a, Starts::Random { n: 50, seed: 7 }.points(d, 2));
        assert_ne!(a, Starts::Random { n: 50, seed: 8 }.points(d, 2));
        assert!(a.iter().all(|p| d.contains(p, 2)));
        let s = Starts::Spread(4).points(d, 1);
        assert_eq!(s, [-1.375, -0.125, 1.125, 2.375].map(|x| point(&[x])));
    }
}

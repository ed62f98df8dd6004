//! Mini-batches, drawn the same way on the page and on the command line. With a batch B
//! smaller than the n points, each step takes the next B indices of a permutation of
//! 0, 1, …, n − 1 (the last batch of an epoch takes what is left), and the permutation is
//! shuffled in place at the start of every epoch, including the first.
//!
//! The shuffle is Fisher–Yates from the last index down: for i = n − 1, …, 1, swap i with
//! j = ⌊u·(i + 1)/2⁶⁴⌋, where u is the next output of SplitMix64 seeded with the seed S
//! (Steele, Lea and Flood's generator; `random::SplitMix64`). Integer arithmetic only, so the
//! same seed gives the same batches everywhere. A batch of n or more is the full batch, in
//! the data's order, with no shuffle: the same sums as full-batch descent, bit for bit.

use crate::random::SplitMix64;

/// Whether batches of `size` from `n` points sample them: a size of 0 (all of them) or of `n`
/// or more is full-batch descent.
pub fn samples(size: usize, n: usize) -> bool {
    size > 0 && size < n
}

/// The epoch, counted from 1, in which row `step` of a run sampling batches of `size` from
/// `n` points takes its next batch (what [`Batches::epochs`] says after that row): each epoch
/// takes ⌈n/size⌉ batches.
pub fn epoch(step: u64, size: usize, n: usize) -> u64 {
    step / n.div_ceil(size.max(1)).max(1) as u64 + 1
}

/// The batches of one run.
#[derive(Debug, Clone)]
pub struct Batches {
    size: usize,
    order: Vec<usize>,
    /// Where the next batch starts in `order`.
    at: usize,
    /// Epochs begun.
    epochs: u64,
    rng: SplitMix64,
}

impl Batches {
    /// Batches of `size` (at least 1) from `n` points, shuffled with `seed`.
    pub fn new(n: usize, size: usize, seed: u64) -> Batches {
        Batches {
            size: size.max(1),
            order: (0..n).collect(),
            at: 0,
            epochs: 0,
            rng: SplitMix64(seed),
        }
    }

    /// Whether every batch is all the points.
    pub fn full(&self) -> bool {
        self.size >= self.order.len()
    }

    /// The indices of the next batch.
    pub fn next_batch(&mut self) -> &[usize] {
        let n = self.order.len();
        if self.full() {
            self.epochs += 1;
            return &self.order;
        }
        if self.at == 0 {
            for i in (1..n).rev() {
                let u = u128::from(self.rng.next_u64());
                let j = ((u * (i as u128 + 1)) >> 64) as usize;
                self.order.swap(i, j);
            }
            self.epochs += 1;
        }
        let start = self.at;
        let end = (start + self.size).min(n);
        self.at = if end == n { 0 } else { end };
        &self.order[start..end]
    }

    /// Epochs begun so far (a pass over the data each).
    pub fn epochs(&self) -> u64 {
        self.epochs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_of_a_row_is_what_the_batches_count_after_it() {
        for (n, size) in [(10, 4), (10, 1), (9, 3), (7, 6)] {
            let mut b = Batches::new(n, size, 1);
            for step in 0..40 {
                b.next_batch();
                assert_eq!(
                    epoch(step, size, n),
                    b.epochs(),
                    "n {n}, size {size}, row {step}"
                );
            }
        }
        assert!(samples(1, 2) && !samples(0, 2) && !samples(2, 2) && !samples(3, 2));
    }

    #[test]
    fn each_epoch_takes_every_point_once_in_a_new_order() {
        let mut b = Batches::new(10, 4, 7);
        let mut epoch: Vec<usize> = Vec::new();
        let mut sizes = Vec::new();
        for _ in 0..3 {
            let batch = b.next_batch().to_vec();
            sizes.push(batch.len());
            epoch.extend(batch);
        }
        assert_eq!(sizes, [4, 4, 2], "the last batch takes what is left");
        assert_eq!(b.epochs(), 1);
        let mut sorted = epoch.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(epoch, (0..10).collect::<Vec<_>>(), "shuffled");
        let next: Vec<usize> = (0..3).flat_map(|_| b.next_batch().to_vec()).collect();
        assert_eq!(b.epochs(), 2);
        assert_ne!(next, epoch, "reshuffled every epoch");
    }

    #[test]
    fn the_same_seed_gives_the_same_batches_and_another_seed_others() {
        let draw = |seed| {
            let mut b = Batches::new(50, 8, seed);
            (0..20)
                .flat_map(|_| b.next_batch().to_vec())
                .collect::<Vec<_>>()
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
        // The first shuffle of 0..5 with seed 0, by hand from SplitMix64's first outputs.
        let mut rng = SplitMix64(0);
        let mut want: Vec<usize> = (0..5).collect();
        for i in (1..5).rev() {
            let j = ((u128::from(rng.next_u64()) * (i as u128 + 1)) >> 64) as usize;
            want.swap(i, j);
        }
        assert_eq!(Batches::new(5, 2, 0).next_batch(), &want[..2]);
    }

    #[test]
    fn a_batch_of_all_the_points_is_the_data_in_order() {
        let mut b = Batches::new(6, 6, 99);
        assert!(b.full());
        assert_eq!(b.next_batch(), &[0, 1, 2, 3, 4, 5]);
        assert_eq!(Batches::new(6, 100, 1).next_batch(), &[0, 1, 2, 3, 4, 5]);
        assert_eq!(b.epochs(), 1);
    }
}

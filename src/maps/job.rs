//! A map computed a little at a time, coarse to fine: first every s-th cell of a coarse grid,
//! each colouring the s × s block it heads, then the grids in between, halving s down to one
//! cell. Whenever it stops, every cell shows the nearest finished cell above and to its left,
//! so the whole map is there at once, sharpening as the work goes on. The caller says when to
//! stop (a page between two frames), so that nothing here knows about clocks.

use super::{Axes, Cell, Map};
use crate::run::Runner;

/// Updates made on one cell's run before asking whether to go on.
const CHUNK: u64 = 2_000;
/// No cell yet.
const NONE: u32 = u32::MAX;

/// A map being computed.
#[derive(Debug, Clone)]
pub struct Job {
    map: Map,
    /// Cells (index, side of the block it colours) in the order they are computed.
    order: Vec<(u32, u32)>,
    /// How many of `order` are done.
    next: usize,
    /// The run of `order[next]`, when it was cut short.
    running: Option<Runner>,
    /// The finished cells, in the order they were finished.
    cells: Vec<Cell>,
    /// For each cell, the finished cell that colours it for now (an index into `cells`).
    shown: Vec<u32>,
    /// Cells along x (the varied value), and rows (1 for a line of cells).
    side: usize,
    rows: usize,
}

/// The coarse-to-fine order of a `side` × `rows` grid (`rows` is 1 or `side`): blocks of side
/// s (a power of two, about a quarter of the side), then s/2, …, 1; each cell once.
pub fn order(side: usize, rows: usize) -> Vec<(u32, u32)> {
    let mut s = 1;
    while s * 8 <= side {
        s *= 2;
    }
    let mut out = Vec::with_capacity(side * rows);
    let top = s;
    loop {
        let step_r = if rows == 1 { 1 } else { s };
        for r in (0..rows).step_by(step_r) {
            for c in (0..side).step_by(s) {
                // On the coarser grid already.
                let coarser = s < top && c % (2 * s) == 0 && (rows == 1 || r % (2 * s) == 0);
                if !coarser {
                    out.push(((r * side + c) as u32, s as u32));
                }
            }
        }
        if s == 1 {
            return out;
        }
        s /= 2;
    }
}

impl Job {
    pub fn new(map: Map) -> Job {
        let (side, rows) = match map.axes {
            Axes::Starts { n, .. } | Axes::Rates { n, .. } => (n, 1),
            Axes::Grid { n, .. } | Axes::Phase { n, .. } => (n, n),
        };
        Job {
            order: order(side, rows),
            next: 0,
            running: None,
            cells: Vec::new(),
            shown: vec![NONE; side * rows],
            side,
            rows,
            map,
        }
    }

    pub fn map(&self) -> &Map {
        &self.map
    }

    /// Computes cells until `more` says to stop (it is asked after every cell, and every
    /// [`CHUNK`] updates of a long run) or the map is done. Returns whether a cell was finished.
    pub fn work(&mut self, more: &mut dyn FnMut() -> bool) -> bool {
        let mut any = false;
        while let Some(&(i, side)) = self.order.get(self.next) {
            let i = i as usize;
            let runner = match self.running.take() {
                Some(r) => Ok(r),
                None => self.map.start(i),
            };
            let cell = match runner {
                Ok(mut r) => {
                    r.advance(self.map.function(), CHUNK);
                    if r.stop().is_none() {
                        self.running = Some(r);
                        None
                    } else {
                        Some(self.map.ended(i, &r))
                    }
                }
                Err(cell) => Some(cell),
            };
            if let Some(cell) = cell {
                self.finish(i, side as usize, cell);
                any = true;
            }
            if !more() {
                break;
            }
        }
        any
    }

    /// Keeps `cell` (cell `i`), and shows it over its block.
    fn finish(&mut self, i: usize, side: usize, cell: Cell) {
        let k = self.cells.len() as u32;
        self.cells.push(cell);
        self.next += 1;
        let (r0, c0) = (i / self.side, i % self.side);
        let rows = if self.rows == 1 { 1 } else { side };
        for r in r0..(r0 + rows).min(self.rows) {
            for c in c0..(c0 + side).min(self.side) {
                self.shown[r * self.side + c] = k;
            }
        }
    }

    /// The finished cells, in the order they were finished.
    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    /// Which finished cell colours cell `i` for now (an index into [`Job::cells`]).
    pub fn shown(&self, i: usize) -> Option<usize> {
        self.shown
            .get(i)
            .filter(|&&k| k != NONE)
            .map(|&k| k as usize)
    }

    /// Cell `i` itself, once it is finished.
    pub fn own(&self, i: usize) -> Option<&Cell> {
        let k = self.shown(i)?;
        let c = &self.cells[k];
        (c.at == self.map.axes.at(i)).then_some(c)
    }

    /// Cells along the varied value, and rows of them (1 for a line).
    pub fn size(&self) -> (usize, usize) {
        (self.side, self.rows)
    }

    /// Cells finished, of all.
    pub fn progress(&self) -> (usize, usize) {
        (self.next, self.order.len())
    }

    pub fn done(&self) -> bool {
        self.next >= self.order.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Mode, Settings};

    #[test]
    fn the_order_is_coarse_to_fine_and_takes_every_cell_once() {
        for (side, rows) in [(1, 1), (7, 1), (400, 1), (9, 9), (150, 150), (100, 100)] {
            let o = order(side, rows);
            let mut seen = vec![0; side * rows];
            for &(i, _) in &o {
                seen[i as usize] += 1;
            }
            assert!(seen.iter().all(|&n| n == 1), "{side}×{rows}");
            assert!(o.windows(2).all(|w| w[0].1 >= w[1].1), "blocks never grow");
            assert_eq!(o.last().map(|c| c.1), Some(1));
        }
        let o = order(16, 1);
        assert_eq!(
            o.iter().map(|c| c.0).collect::<Vec<_>>()[..6],
            [0, 4, 8, 12, 2, 6],
            "every fourth cell first, then those between"
        );
        assert_eq!((o[0].1, o[4].1), (4, 2));
        let g = order(16, 16);
        assert_eq!(&g[..3], &[(0, 4), (4, 4), (8, 4)]);
        // The second level: the cells between, not those already done.
        let first_fine = g.iter().position(|c| c.1 == 1).unwrap();
        assert_eq!(first_fine, 64);
        assert_eq!(g[first_fine].0, 1);
    }

    fn job(pairs: &[(&str, &str)], axes: Axes) -> Job {
        let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Strict);
        assert!(notes.is_empty(), "{notes:?}");
        Job::new(Map::new(&s, s.function().unwrap(), axes, 1e-4).unwrap())
    }

    /// However the work is cut up, the cells are the map's own, and until they are all done
    /// every cell shows the finished cell heading its block.
    #[test]
    fn a_job_cut_into_pieces_ends_with_every_cell_of_the_map() {
        let axes = Axes::Grid {
            x: [-5.0, 5.0],
            y: [-5.0, 5.0],
            n: 12,
        };
        let mut j = job(&[("preset", "himmelblau"), ("steps", "300")], axes);
        assert_eq!((j.progress(), j.size()), ((0, 144), (12, 12)));
        assert_eq!(j.shown(0), None);
        let mut asked = 0;
        assert!(j.work(&mut || {
            asked += 1;
            asked < 4
        }));
        assert_eq!(j.progress().0, 4, "stops when told");
        assert!(!j.done());
        // Cell (1, 1) shows the cell heading its block, at (0, 0).
        let head = j.shown(13).unwrap();
        assert_eq!(j.cells()[head].at, axes.at(0));
        assert!(j.own(0).is_some() && j.own(13).is_none());
        while !j.done() {
            j.work(&mut || false);
        }
        let map = j.map().clone();
        for i in 0..144 {
            assert_eq!(j.own(i), Some(&map.cell(i)), "cell {i}");
        }
        assert!(!j.work(&mut || true), "nothing left");
    }

    /// A run longer than a chunk is taken up again where it stopped.
    #[test]
    fn a_long_run_is_taken_up_where_it_was_cut() {
        let axes = Axes::Rates {
            lr: [1e-5, 1e-4],
            n: 2,
        };
        let mut j = job(&[("preset", "post-quadratic"), ("steps", "5000")], axes);
        j.work(&mut || false);
        assert_eq!(j.progress().0, 0, "one chunk is not the whole run");
        j.work(&mut || false);
        j.work(&mut || false);
        assert_eq!(j.progress().0, 1);
        let c = j.cells()[0];
        assert_eq!(c, j.map().cell(0));
        assert_eq!(c.steps, 5000);
    }
}

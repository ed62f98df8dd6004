//! The map of many runs a demo shows (`map=`): the runs its settings ask for, computed a little
//! at a time between frames ([`Job`]), the minima its finished cells reach so far, the edge of
//! stability a sweep marks, and the words of its key.

use super::{Demo, Dirty, TOLERANCE};
use crate::fmt::{brief, coords};
use crate::maps::{edge, rounded, swatch, tolerance, Axes, Basin, Job, Map, Minima, Swatch};
use crate::run::Stop;
use crate::settings::{param, Settings};

/// Cells of each map on the page: starts on a line, starts on a grid (per side), rates, and
/// rates and momenta (per side). `descent basins | sweep | phase` with `--n` set to these
/// prints the page's numbers.
pub const BASINS_1D: usize = 400;
pub const BASINS_2D: usize = 150;
pub const SWEEP: usize = 200;
pub const PHASE: usize = 100;

/// The most minima the key names (the lowest).
const KEYED: usize = 6;

/// A map on the page: its job, and the minima its finished cells reach.
#[derive(Debug, Clone)]
pub struct Shown {
    /// Which map this is: each one made gets the next number.
    pub id: u64,
    pub job: Job,
    /// The minima found so far, lowest f first.
    pub basins: Vec<Basin>,
    /// For each finished cell (in [`Job::cells`] order), its minimum.
    pub which: Vec<Option<usize>>,
    /// The minima as the cells come in.
    minima: Minima,
}

/// What the map's box says.
#[derive(Debug, Clone, PartialEq)]
pub struct MapWords {
    pub title: &'static str,
    /// One entry per minimum found (the lowest few, then how many more), then the runs that
    /// did not settle, diverged, or started where f is undefined.
    pub key: Vec<(Option<Swatch>, String)>,
    /// The edge of stability a sweep marks, in words; or why the map cannot be drawn.
    pub note: Option<String>,
    /// Cells finished, of all.
    pub progress: (usize, usize),
}

/// The axes of the map `s` asks for, on a function of `dim` variables: none without a map;
/// why not when it cannot be drawn.
pub fn axes(s: &Settings, dim: usize) -> Result<Option<Axes>, String> {
    let range = |key| param(key).map_or([0.0, 1.0], |p| p.slider_range(s));
    let momentum = s.lanes().first().is_some_and(|h| h.method.uses_momentum());
    Ok(Some(match s.map {
        "basins" if dim == 1 => Axes::Starts {
            x: [s.xmin, s.xmax],
            n: BASINS_1D,
        },
        "basins" if dim == 2 => Axes::Grid {
            x: [s.xmin, s.xmax],
            y: [s.ymin, s.ymax],
            n: BASINS_2D,
        },
        "basins" => return Err("Basins are mapped for functions of one or two variables.".into()),
        "sweep" => Axes::Rates {
            lr: range("lr"),
            n: SWEEP,
        },
        "phase" if momentum => Axes::Phase {
            lr: range("lr"),
            momentum: range("momentum"),
            n: PHASE,
        },
        "phase" => {
            return Err(
                "The momentum map varies β: choose Momentum or Nesterov as the method.".into(),
            )
        }
        _ => return Ok(None),
    }))
}

impl Demo {
    /// Makes the map the settings ask for again, unless it would make the same runs (a
    /// basins map stays as the start moves, a sweep as the rate does). Says whether it changed.
    pub(super) fn refresh_map(&mut self) -> bool {
        let next = match axes(&self.settings, self.dim()) {
            Ok(None) => Ok(None),
            Ok(Some(axes)) => Map::new(&self.settings, self.function.clone(), axes, TOLERANCE)
                .map(Some)
                .map_err(|e| e.message),
            Err(note) => Err(note),
        };
        let (map, note) = match next {
            Ok(Some(m)) if self.map.as_ref().is_some_and(|s| s.job.map().same(&m)) => return false,
            Ok(m) => (m, None),
            Err(note) => (None, Some(note)),
        };
        let tol = tolerance(self.settings.domain());
        self.maps_made += 1;
        self.map = map.map(|m| Shown {
            id: self.maps_made,
            minima: Minima::new(m.dim(), tol),
            job: Job::new(m),
            basins: Vec::new(),
            which: Vec::new(),
        });
        self.map_note = note;
        true
    }

    /// The map's runs finished so far, in the cells' order, as CSV (`descent basins | sweep |
    /// phase --format csv` prints the same).
    pub fn map_csv(&self) -> Option<String> {
        let job = &self.map.as_ref()?.job;
        let all = job.map().axes.len();
        Some(crate::words::map::csv(
            job.map(),
            (0..all).filter_map(|i| job.own(i)),
        ))
    }

    /// The map shown, if any.
    pub fn map(&self) -> Option<&Shown> {
        self.map.as_ref()
    }

    /// Whether a map is still being computed (on screen only).
    pub(super) fn mapping(&self) -> bool {
        self.on_screen && self.map.as_ref().is_some_and(|m| !m.job.done())
    }

    /// Computes the map on for as long as `more` says (it is asked after each cell); returns
    /// what must be drawn again.
    pub fn compute_map(&mut self, more: &mut dyn FnMut() -> bool) -> Dirty {
        if !self.mapping() {
            return Dirty::default();
        }
        let Some(m) = self.map.as_mut() else {
            return Dirty::default();
        };
        if !m.job.work(more) {
            return Dirty::default();
        }
        m.minima.add(m.job.cells());
        (m.basins, m.which) = m.minima.ranked();
        Dirty {
            map: true,
            ..Dirty::default()
        }
    }

    /// The largest stable rate a sweep marks: the method's limit over the curvature at the
    /// minimum the run reaches (2/f″ for gradient descent, 2(1 + β)/f″ for momentum; λmax in
    /// two variables), or, when it diverges, at the lowest minimum the sweep found; and that
    /// minimum. None for the adaptive methods, whose steps have no such edge.
    pub fn map_edge(&self) -> Option<(f64, [f64; 2])> {
        let limit = self.settings.lanes().first()?.stability_limit()?;
        let f = self.race.function();
        let run = self.race.lanes().first().map(|l| &l.runner);
        let at = match run.and_then(|r| r.stop().map(|s| (s, r.current().x))) {
            Some((Stop::Converged { .. }, x)) => x,
            _ => self.map.as_ref()?.basins.first()?.end,
        };
        edge(f, &at).map(|e| (e * limit / 2.0, [at[0], at[1]]))
    }

    /// What the map's box says, when a map is asked for.
    pub fn map_words(&self) -> Option<MapWords> {
        let title = match self.settings.map {
            "basins" => "Basins: where each start ends",
            "sweep" => "Learning rate: the final f for each η (log axis)",
            "phase" => "Momentum: where each η (log axis) and β ends",
            _ => return None,
        };
        let Some(m) = &self.map else {
            return Some(MapWords {
                title,
                key: Vec::new(),
                note: self.map_note.clone(),
                progress: (0, 0),
            });
        };
        let (dim, cells) = (m.job.map().dim(), m.job.cells());
        let tol = tolerance(self.settings.domain());
        let named = |p: &[f64]| -> Vec<f64> { p.iter().map(|&v| rounded(v, tol)).collect() };
        let mut key: Vec<(Option<Swatch>, String)> = m
            .basins
            .iter()
            .take(KEYED)
            .enumerate()
            .map(|(k, b)| {
                let at = match dim {
                    1 => format!("x* = {}", brief(rounded(b.end[0], tol))),
                    _ => format!("(x*, y*) = {}", coords(&named(&b.end[..2]))),
                };
                (Some(Swatch::Basin(k)), format!("{at}, f = {}", brief(b.f)))
            })
            .collect();
        let elsewhere = m.minima.elsewhere() > 0;
        if m.basins.len() > KEYED {
            let more = m.basins.len() - KEYED;
            let words = if elsewhere { "and more than" } else { "and" };
            key.push((None, format!("{words} {more} more places where runs end")));
        }
        for (s, words) in [
            (Swatch::Unsettled, "did not settle within the step budget"),
            (
                Swatch::Elsewhere,
                "settled at one of too many places to colour",
            ),
            (Swatch::Diverged, "diverged"),
            (Swatch::Hole, "f undefined at the start"),
        ] {
            let n = cells
                .iter()
                .zip(&m.which)
                .filter(|(c, w)| swatch(c, **w) == s)
                .count();
            if n > 0 {
                key.push((Some(s), words.into()));
            }
        }
        let unsettled = key.iter().any(|k| k.0 == Some(Swatch::Unsettled));
        let note = match (self.settings.map, self.map_edge()) {
            ("sweep", Some((e, at))) => {
                let at = match dim {
                    1 => brief(rounded(at[0], tol)),
                    _ => coords(&named(&at)),
                };
                let curv = if dim == 1 { "f″" } else { "λmax" };
                let curv = match self.settings.lanes().first().map(|h| h.method) {
                    Some(crate::optim::Method::Momentum) => format!("2(1 + β)/{curv}"),
                    Some(crate::optim::Method::Nesterov) => format!("2(1 + β)/((1 + 2β)·{curv})"),
                    _ => format!("2/{curv}"),
                };
                Some(format!(
                    "Edge of stability: {curv} = {} at the minimum x* = {at}; η = {} is {} it.",
                    brief(e),
                    brief(self.settings.lr),
                    if self.settings.lr < e {
                        "below"
                    } else {
                        "past"
                    }
                ))
            }
            _ if m.basins.is_empty() && unsettled && m.job.done() => Some(format!(
                "No run settled within {} steps: raise Steps to see where they end.",
                self.settings.steps
            )),
            ("sweep", None) => None,
            ("phase", _) if !m.basins.is_empty() => {
                Some("Paler: more steps to settle. Click to set η and β.".into())
            }
            _ if !m.basins.is_empty() => {
                Some("Paler: more steps to settle. Click to start anywhere.".into())
            }
            _ => None,
        };
        Some(MapWords {
            title,
            key,
            note,
            progress: m.job.progress(),
        })
    }
}

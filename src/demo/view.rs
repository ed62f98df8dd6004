//! What the page shows of a demo in words, gathered in two values the web layer puts in place:
//! the [`Headings`] (which change with the function) and the [`Words`] (which change as the
//! balls move).

use super::{Demo, Explained, TABLE_ROWS};
use crate::fmt::lhs;
use crate::words::page::{self, TraceTable};

/// The titles that follow the function.
#[derive(Debug, Clone, PartialEq)]
pub struct Headings {
    /// "f(x) = x² − 8x + 4".
    pub formula: String,
    /// The typed function's label: "f(x) =" or "f(x, y) =".
    pub input: String,
    /// "f(x) at each step".
    pub loss: String,
    /// Whether the plot is of the plane: the page then shows the controls of y.
    pub plane: bool,
    /// Whether the plot shows the 3-D view: the page then shows Reset view and turns on a drag.
    pub solid: bool,
    /// The start's sliders' labels: "Start x0" and "Start y0", or "Start w0" and "Start b0"
    /// for a fit.
    pub starts: [String; 2],
}

/// The words that follow the balls.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    /// The status line.
    pub status: String,
    /// Whether a screen reader should read the status as it changes (not while playing).
    pub live: bool,
    /// The line under the status: why the runs stopped, or the keys.
    pub reason: String,
    /// Whether the balls rest at the end (the reason is then set apart).
    pub done: bool,
    /// In a race, each method's key and line; `None` for a single run.
    pub legend: Option<Vec<(&'static str, String)>>,
    /// What the plot shows, for a screen reader.
    pub plot: String,
    /// Whether the Play button says Pause.
    pub playing: bool,
    pub caption: Option<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
    pub alert: Option<String>,
    /// The This step panel, with Explain on.
    pub explained: Option<Explained>,
    /// A challenge's goal, above the plot.
    pub goal: Option<String>,
    /// The step the balls are at, for the Step scrubber, and the budget it spans.
    pub at: (usize, u64),
    /// The lane Explain follows, in a race.
    pub picked: usize,
}

impl Demo {
    pub fn headings(&self) -> Headings {
        let (dim, names) = (self.dim(), self.race.names());
        Headings {
            formula: page::heading(names, self.function.source()),
            input: format!("{} =", lhs(names)),
            loss: page::loss_title(names),
            plane: dim == 2,
            solid: self.three_d(),
            starts: [0, 1].map(|i| format!("Start {}0", names.get(i).unwrap_or(&"y"))),
        }
    }

    pub fn words(&self) -> Words {
        let t = self.playback.t();
        let race = &self.race;
        let done = t >= race.end();
        Words {
            status: match self.verdict() {
                Some(v) => format!("{v} · {}", page::status(race, t, self.settings.steps)),
                None => page::status(race, t, self.settings.steps),
            },
            live: !self.playback.playing() && !self.seeking,
            reason: page::reason(race, done, self.settings.domain()),
            done,
            legend: race.racing().then(|| page::legend(race, t)),
            plot: page::plot_label(
                race,
                t,
                self.function.source(),
                self.three_d()
                    .then_some((self.settings.yaw, self.settings.pitch)),
            ),
            playing: self.playback.playing(),
            caption: self.caption.clone(),
            notice: self.notice.clone(),
            error: self.error.clone(),
            alert: self.alert.clone(),
            explained: self.explained(),
            goal: self.goal(),
            at: (t, self.settings.steps),
            picked: self.picked(),
        }
    }

    /// The trace table: the first run's first [`TABLE_ROWS`] rows.
    pub fn table(&self) -> TraceTable {
        page::table(&self.race, TABLE_ROWS)
    }
}

//! One demo's state, without a browser: its settings, the function on screen, the race and the
//! playback clock. Every DOM event becomes an [`Action`]; [`Demo::apply`] changes the state and
//! returns what must be drawn again ([`Dirty`]). What the page shows in words is read from
//! [`Demo::words`] and [`Demo::headings`]. All of it is tested natively (tests/demo.rs drives
//! it as the page does).

mod action;
mod change;
mod data;
mod explain;
mod map;
mod orbit;
mod playback;
mod view;

pub use action::{Action, Dirty};
pub use data::{DataAction, HOLD_MS};
pub use explain::{read_out, Explained, Gauge};
pub use map::{MapWords, Shown, BASINS_1D, BASINS_2D, PHASE, SWEEP};
pub use orbit::{Orbit, CLICK_PX, DEGREES_PER_PX, KEY_PITCH, KEY_YAW};
pub use playback::{Hold, Playback, Span, STEP_SECONDS};
pub use view::{Headings, Words};

use crate::fmt::float;
use crate::lessons;
use crate::objective::{Function, Objective};
use crate::run::Race;
use crate::settings::{param, ParamError, Settings};
use crate::words::{trace, Format};

/// Steps computed as soon as the settings change; longer budgets are computed while playing.
pub const EAGER_STEPS: u64 = 5_000;
/// Rows kept in memory per run; a longer run is thinned evenly.
pub const KEEP_ROWS: usize = 100_000;
/// The page stops a run as converged when |∇f| falls below this.
pub const TOLERANCE: f64 = 1e-4;
/// Rows shown in the trace table.
pub const TABLE_ROWS: usize = 1_000;
/// Steps computed per frame while the balls wait at the end of a run still being computed.
const FOLLOW_STEPS: usize = 50_000;

/// One demo.
#[derive(Debug, Clone)]
pub struct Demo {
    settings: Settings,
    /// The last function that parsed: a bad typed one never replaces it.
    function: Function,
    /// One run per method: one alone, or several in a race.
    race: Race,
    playback: Playback,
    /// The lesson's caption, written from the run.
    caption: Option<String>,
    /// The settings that could not be used when the demo started.
    notice: Option<String>,
    /// What went wrong with the last change (shown in the error line).
    error: Option<String>,
    /// What is wrong with the typed function (shown under its box).
    alert: Option<String>,
    /// Whether a press on the plot is being dragged.
    dragging: bool,
    /// A fit's point being dragged.
    grip: data::Grip,
    /// A press on the 3-D view: a drag turns it, a click sets the start.
    orbit: Option<orbit::Grip>,
    /// The run replayed for Explain (the optimizer's memory at the ball's step).
    replay: std::cell::RefCell<Option<crate::run::Replay>>,
    /// The race's lane Explain follows (picked in the legend).
    picked: usize,
    /// The Step scrubber moved last: its own value text speaks, the status keeps quiet.
    seeking: bool,
    /// The map of many runs, when one is asked for and can be drawn; else why not.
    map: Option<Shown>,
    map_note: Option<String>,
    /// Maps made so far (each one's [`Shown::id`]).
    maps_made: u64,
    /// On screen: off-screen demos do not animate. False until the page says otherwise, so that
    /// a demo below the fold takes no step before anyone can see it.
    on_screen: bool,
}

impl Demo {
    /// A demo of `settings`; `notes` says what could not be used in them. It opens at the
    /// step the settings point at (paused), or plays from the start.
    pub fn new(settings: Settings, notes: &[ParamError], reduced_motion: bool) -> Demo {
        let (function, alert) = match settings.function() {
            Ok(f) => (f, None),
            Err(e) => (settings.preset_function(), Some(e.to_string())),
        };
        let notice = (!notes.is_empty()).then(|| {
            let list: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
            format!(
                "Some settings could not be used: {}.",
                crate::fmt::join(&list, "; ")
            )
        });
        let race = Race::new(
            function.clone(),
            &[],
            settings.run_config(TOLERANCE, KEEP_ROWS),
        );
        let mut demo = Demo {
            settings,
            function,
            race,
            playback: Playback::new(reduced_motion),
            caption: None,
            notice,
            error: None,
            alert,
            dragging: false,
            grip: Default::default(),
            orbit: None,
            replay: Default::default(),
            picked: 0,
            seeking: false,
            map: None,
            map_note: None,
            maps_made: 0,
            on_screen: false,
        };
        demo.recompute();
        let at = demo.settings.at as usize;
        if at > 0 {
            demo.race.reach(at);
            demo.playback.open_at(at, demo.span());
        } else {
            demo.playback.restart(demo.span());
        }
        demo
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn race(&self) -> &Race {
        &self.race
    }

    pub fn playback(&self) -> &Playback {
        &self.playback
    }

    /// The number of variables: 1 for f(x), 2 for f(x, y), up to 9.
    pub fn dim(&self) -> usize {
        Objective::dim(&self.function)
    }

    /// How far the runs are computed.
    pub fn span(&self) -> Span {
        Span {
            end: self.race.end(),
            finished: self.race.finished(),
        }
    }

    /// Whether the demo needs more animation frames: while the balls move, while they wait
    /// at the end of a run that is still being computed, and while a map is computed.
    pub fn wants_frames(&self) -> bool {
        self.on_screen && (self.playback.moving() || self.following()) || self.mapping()
    }

    /// Whether the balls wait, at rest, for a step the runs have not reached yet: their end,
    /// or a step held from before a change.
    fn following(&self) -> bool {
        let waiting = match self.playback.hold() {
            Hold::End => true,
            Hold::Step(k) => k > self.race.end(),
        };
        waiting && !self.playback.moving() && !self.race.finished()
    }

    /// The state as a link carries it: paused, with the step the balls rest on.
    pub fn shared_settings(&self) -> Settings {
        let at = if self.playback.moving() {
            0
        } else {
            self.playback.t() as u64
        };
        Settings {
            at,
            ..self.settings.clone()
        }
    }

    /// Every run's trace as CSV, as `descent trace --format csv` prints it (with `--race` for a
    /// race).
    pub fn csv(&self) -> String {
        trace::race(&self.race, Format::Csv)
    }

    /// Something failed outside the demo (drawing, the clipboard): say so in the error line.
    pub fn fail(&mut self, message: &str) -> Dirty {
        self.error = Some(message.to_string());
        Dirty {
            words: true,
            ..Dirty::default()
        }
    }

    /// Changes the demo; returns what must be drawn again.
    pub fn apply(&mut self, action: Action) -> Dirty {
        let span = self.span();
        let playback = action.moves_only();
        if !matches!(action, Action::Frame(_) | Action::Visible(_)) {
            self.seeking = matches!(action, Action::Seek(_));
        }
        let dirty = match action {
            Action::Set { key, value } => self.set(&key, &value),
            Action::Slide { key, pos } => match param(&key) {
                Some(p) => {
                    let v = p.from_slider(pos, p.slider_range(&self.settings));
                    self.set(&key, &float(v))
                }
                None => Dirty::default(),
            },
            Action::Type(text) => self.type_function(&text),
            Action::Play => {
                self.playback.toggle(span);
                Dirty {
                    link: true,
                    words: true,
                    ..Dirty::default()
                }
            }
            Action::Step => {
                let grew = self.race.reach(self.playback.t() + 2);
                self.playback.step(self.span());
                Dirty {
                    link: true,
                    table: grew,
                    ..Dirty::moved()
                }
            }
            Action::Back => {
                self.playback.back(span);
                Dirty {
                    link: true,
                    ..Dirty::moved()
                }
            }
            Action::Reset => {
                self.playback.reset(span);
                Dirty {
                    link: true,
                    ..Dirty::moved()
                }
            }
            Action::Press(at) => {
                self.dragging = at.is_some();
                at.map_or_else(Dirty::default, |at| self.set_start(at))
            }
            Action::Drag(Some(at)) if self.dragging => self.set_start(at),
            Action::MapPress(at) => self.set_on_map(at),
            Action::Data(d) => self.on_data(d),
            Action::Drag(_) => Dirty::default(),
            Action::Orbit(o) => self.on_orbit(o),
            Action::Release => {
                self.dragging = false;
                self.release_orbit() | self.on_data(DataAction::Release(f64::NEG_INFINITY))
            }
            Action::Frame(now) => self.frame(now),
            Action::Visible(on) => {
                self.on_screen = on;
                Dirty::default()
            }
            Action::ReducedMotion(reduced) => {
                self.playback.set_reduced_motion(reduced);
                Dirty::redraw()
            }
            Action::Restyle => Dirty::redraw(),
            Action::Resized => Dirty {
                plot: true,
                map: true,
                ..Dirty::default()
            },
            Action::TableToggled => Dirty {
                table: true,
                ..Dirty::default()
            },
            Action::EditDone => Dirty {
                controls: true,
                ..Dirty::default()
            },
            Action::Seek(k) => {
                // Far ahead of what is computed, the balls follow over the next frames (a
                // frame's worth at a time) rather than stall this one.
                let k = k.min(self.settings.steps as usize);
                self.race.reach(k.min(self.race.end() + FOLLOW_STEPS));
                self.playback.open_at(k, self.span());
                Dirty {
                    link: true,
                    ..Dirty::moved()
                }
            }
            Action::Pick(lane) => {
                self.picked = lane;
                Dirty {
                    marks: true,
                    words: true,
                    ..Dirty::default()
                }
            }
        };
        // What only moves the balls is written into the link when they rest, not while they
        // move (it says the step they rest on, and each rewrite costs the browser); a change of
        // the settings is written as it happens.
        Dirty {
            link: dirty.link && (!playback || !self.playback.moving()),
            ..dirty
        }
    }

    /// Runs the settings again from the start; the balls keep the step they were on (see
    /// [`Playback::runs_changed`]).
    pub(super) fn recompute(&mut self) -> Dirty {
        match self
            .settings
            .race(self.function.clone(), TOLERANCE, KEEP_ROWS)
        {
            Ok(mut race) => {
                race.advance(EAGER_STEPS);
                // A step held past the eager rows (the ball had played on there) is computed
                // now, up to a frame's worth more; anything further follows over the frames.
                if let Hold::Step(k) = self.playback.hold() {
                    race.reach(k.min(EAGER_STEPS as usize + FOLLOW_STEPS));
                }
                self.race = race;
                // Explain's replay was of the old runs.
                *self.replay.borrow_mut() = None;
            }
            Err(e) => {
                self.error = Some(e.message);
                return Dirty {
                    words: true,
                    ..Dirty::default()
                };
            }
        }
        self.playback.runs_changed(self.span());
        self.update_caption();
        Dirty {
            loss: true,
            table: true,
            // A map made again is drawn again; a chart's marks follow the rate too.
            map: self.refresh_map() | matches!(self.settings.map, "sweep" | "phase"),
            // Three variables or more: the plot's axes span the run's coordinates.
            plot: self.dim() > 2,
            ..Dirty::moved()
        }
    }

    /// The lesson's caption, from the first run once it has stopped.
    pub(super) fn update_caption(&mut self) {
        if crate::settings::scenario(&self.settings.lesson).is_none() {
            self.caption = None;
            return;
        }
        let Some(lane) = self.race.lanes().first() else {
            return;
        };
        if let Some(stop) = lane.runner.stop() {
            let t = lane.runner.trajectory();
            self.caption = lessons::caption(&self.settings, &self.function, t, stop);
        }
    }

    /// An animation frame: the clock moves the balls on, and a run whose end the balls wait
    /// for is computed further.
    fn frame(&mut self, now: f64) -> Dirty {
        if !self.on_screen {
            return Dirty::default();
        }
        let was_moving = self.playback.moving();
        let mut grew = false;
        let (race, speed) = (&mut self.race, self.settings.speed);
        let moved = self.playback.tick(now, speed, |k| {
            grew |= race.reach(k);
            Span {
                end: race.end(),
                finished: race.finished(),
            }
        });
        let mut dirty = Dirty {
            marks: was_moving,
            progress: moved || grew,
            words: moved,
            table: grew,
            ..Dirty::default()
        };
        if was_moving && !self.playback.moving() {
            // The balls came to rest: the link now says where, and the words say why.
            dirty.link = true;
            dirty.words = true;
        }
        if self.following() {
            self.race.reach(self.race.end() + FOLLOW_STEPS);
            self.playback.runs_changed(self.span());
            self.update_caption();
            dirty |= Dirty {
                table: true,
                // Once there, the link says where.
                link: !self.following(),
                ..Dirty::moved()
            };
        }
        dirty
    }

    /// The lesson's caption, if a lesson is followed.
    pub fn caption(&self) -> Option<&str> {
        self.caption.as_deref()
    }

    /// Whether a press on the plot is being dragged.
    pub fn dragging(&self) -> bool {
        self.dragging
    }
}

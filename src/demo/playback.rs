//! Playback: which step the balls show, how they move from one step to the next, and where they
//! stand when the runs change under them. It knows of the runs only how far they are computed
//! and whether they all stopped (a [`Span`]), so every rule here is tested natively.
//!
//! The rule for a change of settings: the balls keep the step the person was looking at, the
//! end if they were at the end. A shorter run shows its own end only while it is shorter: the
//! step chosen is held ([`Hold`]) until the person moves the balls themselves.

/// How long a single step takes to animate, in seconds.
pub const STEP_SECONDS: f64 = 0.35;

/// The longest time one frame may advance the clock, in seconds: after a pause (a hidden tab, a
/// busy machine) the balls go on from where they were instead of jumping ahead.
const MAX_FRAME_SECONDS: f64 = 0.25;

/// How far the runs are computed, and whether every one of them has stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The last step computed, over every run.
    pub end: usize,
    /// Whether every run has stopped (so `end` is where the last ball stops).
    pub finished: bool,
}

/// The step the person chose to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hold {
    /// The end of the runs, wherever that is.
    End,
    /// This step, or the end of a run too short to reach it.
    Step(usize),
}

/// The playback clock of one demo.
#[derive(Debug, Clone, PartialEq)]
pub struct Playback {
    /// The step the balls are on.
    t: usize,
    /// How far they have moved toward the next step, from 0 to 1.
    phase: f64,
    playing: bool,
    /// Stop playing on reaching this step (a single step).
    target: Option<usize>,
    /// When the last frame moved the clock, in milliseconds.
    last_time: Option<f64>,
    hold: Hold,
    /// Whether the person asks for reduced motion: no animation between steps, and a run is
    /// shown whole instead of played.
    reduced_motion: bool,
}

impl Playback {
    /// A clock at step 0, paused.
    pub fn new(reduced_motion: bool) -> Playback {
        Playback {
            t: 0,
            phase: 0.0,
            playing: false,
            target: None,
            last_time: None,
            hold: Hold::Step(0),
            reduced_motion,
        }
    }

    /// The step the balls are on.
    pub fn t(&self) -> usize {
        self.t
    }

    /// How far the balls have moved toward the next step (0 at rest; always 0 with reduced
    /// motion, where they jump from step to step).
    pub fn phase(&self) -> f64 {
        if self.reduced_motion {
            0.0
        } else {
            self.phase
        }
    }

    /// Playing on (not just taking a single step).
    pub fn playing(&self) -> bool {
        self.playing && self.target.is_none()
    }

    /// Moving at all: playing, or taking a single step.
    pub fn moving(&self) -> bool {
        self.playing
    }

    pub fn hold(&self) -> Hold {
        self.hold
    }

    /// Whether the balls rest at the end of runs that have all stopped.
    pub fn at_end(&self, span: Span) -> bool {
        span.finished && self.t >= span.end && self.phase == 0.0
    }

    /// The person asks for reduced motion, or no longer does.
    pub fn set_reduced_motion(&mut self, reduced: bool) {
        self.reduced_motion = reduced;
    }

    /// Remembers where the person (or the clock) put the balls.
    fn moved(&mut self, span: Span) {
        self.hold = if self.at_end(span) {
            Hold::End
        } else {
            Hold::Step(self.t)
        };
    }

    /// Plays the runs from their start; with reduced motion, shows them whole at once.
    pub fn restart(&mut self, span: Span) {
        self.phase = 0.0;
        self.target = None;
        self.last_time = None;
        if self.reduced_motion {
            self.playing = false;
            self.hold = Hold::End;
            self.t = span.end;
        } else {
            self.t = 0;
            self.playing = true;
            self.hold = Hold::Step(0);
        }
    }

    /// Shows step `at`, paused (a link that points at a step).
    pub fn open_at(&mut self, at: usize, span: Span) {
        *self = Playback {
            hold: Hold::Step(at),
            ..Playback::new(self.reduced_motion)
        };
        self.runs_changed(span);
        self.moved(span);
    }

    /// Play, or pause while playing. At the end of finished runs, plays them again from the
    /// start.
    pub fn toggle(&mut self, span: Span) {
        if self.playing() {
            self.playing = false;
        } else {
            if self.t >= span.end && span.finished {
                self.t = 0;
                self.phase = 0.0;
            }
            self.playing = true;
            self.target = None;
            self.last_time = None;
        }
        self.moved(span);
    }

    /// One step on, animated (or at once with reduced motion). `span` must reach past the
    /// current step for there to be one.
    pub fn step(&mut self, span: Span) {
        if self.t >= span.end {
            return;
        }
        if self.reduced_motion {
            self.t += 1;
            self.phase = 0.0;
            self.playing = false;
        } else {
            self.playing = true;
            self.target = Some(self.t + 1);
            self.last_time = None;
        }
        self.moved(span);
    }

    /// One step back, paused; from between two steps, back to the earlier one. Never before 0.
    pub fn back(&mut self, span: Span) {
        self.playing = false;
        self.target = None;
        if self.phase == 0.0 {
            self.t = self.t.saturating_sub(1);
        }
        self.phase = 0.0;
        self.moved(span);
    }

    /// Back to the start, paused.
    pub fn reset(&mut self, span: Span) {
        self.playing = false;
        self.target = None;
        self.t = 0;
        self.phase = 0.0;
        self.moved(span);
    }

    /// The runs were computed again (a setting changed): the balls go to the step held, or to
    /// the end of runs too short to reach it.
    pub fn runs_changed(&mut self, span: Span) {
        let want = match self.hold {
            Hold::End => span.end,
            Hold::Step(k) => k.min(span.end),
        };
        if want != self.t || want == span.end {
            self.phase = 0.0;
        }
        self.t = want;
    }

    /// Moves the balls on by the time since the last frame, at `speed` steps per second (a
    /// single step at least as fast as [`STEP_SECONDS`]). `reach(k)` computes the runs up to
    /// step k if they go on, and says how far they are. Returns whether the step changed.
    pub fn tick(&mut self, now: f64, speed: f64, mut reach: impl FnMut(usize) -> Span) -> bool {
        if !self.playing {
            self.last_time = None;
            return false;
        }
        let dt = self.last_time.map_or(0.0, |last| {
            crate::within((now - last) / 1000.0, 0.0, MAX_FRAME_SECONDS)
        });
        self.last_time = Some(now);
        let rate = if self.target.is_some() {
            (1.0 / STEP_SECONDS).max(speed)
        } else {
            speed
        };
        self.phase += dt * rate;
        let span = reach(self.t + self.phase.ceil() as usize + 2);
        let before = self.t;
        while self.phase >= 1.0 && self.t < span.end {
            self.phase -= 1.0;
            self.t += 1;
        }
        let stop_at = self.target.unwrap_or(usize::MAX).min(span.end);
        if self.t >= stop_at && (span.finished || self.target.is_some()) {
            self.t = stop_at;
            self.phase = 0.0;
            self.playing = false;
            self.target = None;
        }
        self.moved(span);
        self.t != before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DONE_30: Span = Span {
        end: 30,
        finished: true,
    };

    /// Frames every 1/60 s from `start` ms until the clock stops or `limit` frames pass.
    fn play_out(p: &mut Playback, speed: f64, span: Span, start: f64, limit: usize) -> usize {
        let mut frames = 0;
        while p.moving() && frames < limit {
            p.tick(start + frames as f64 * 1000.0 / 60.0, speed, |_| span);
            frames += 1;
        }
        frames
    }

    #[test]
    fn playing_runs_to_the_end_and_stops_there() {
        let mut p = Playback::new(false);
        p.restart(DONE_30);
        assert!(p.playing() && p.t() == 0);
        // 4 steps a second: 30 steps take 7.5 s, 450 frames.
        let frames = play_out(&mut p, 4.0, DONE_30, 0.0, 10_000);
        assert!((440..=460).contains(&frames), "{frames} frames");
        assert_eq!((p.t(), p.phase(), p.playing()), (30, 0.0, false));
        assert!(p.at_end(DONE_30));
        assert_eq!(p.hold(), Hold::End);
        // Play again at the end starts over.
        p.toggle(DONE_30);
        assert!(p.playing() && p.t() == 0);
    }

    #[test]
    fn a_long_pause_between_frames_moves_the_ball_a_quarter_second_only() {
        let mut p = Playback::new(false);
        p.restart(DONE_30);
        p.tick(0.0, 4.0, |_| DONE_30);
        p.tick(60_000.0, 4.0, |_| DONE_30);
        assert_eq!(p.t(), 1, "0.25 s at 4 steps a second");
    }

    #[test]
    fn stepping_back_at_step_0_stays_at_0_and_pauses() {
        let mut p = Playback::new(false);
        p.restart(DONE_30);
        p.back(DONE_30);
        assert_eq!((p.t(), p.playing()), (0, false));
        p.back(DONE_30);
        assert_eq!(p.t(), 0);
        assert_eq!(p.hold(), Hold::Step(0));
    }

    #[test]
    fn a_step_animates_to_the_next_row_and_back_returns() {
        let mut p = Playback::new(false);
        p.reset(DONE_30);
        p.step(DONE_30);
        assert!(
            p.moving() && !p.playing(),
            "a single step is not playing on"
        );
        play_out(&mut p, 4.0, DONE_30, 0.0, 1000);
        assert_eq!((p.t(), p.phase()), (1, 0.0));
        // Halfway into the next step, back goes to the step it left.
        p.step(DONE_30);
        p.tick(0.0, 4.0, |_| DONE_30);
        p.tick(150.0, 4.0, |_| DONE_30);
        assert!(p.phase() > 0.0 && p.t() == 1);
        p.back(DONE_30);
        assert_eq!((p.t(), p.phase(), p.moving()), (1, 0.0, false));
        // No step past the end.
        let mut end = Playback::new(false);
        end.open_at(30, DONE_30);
        end.step(DONE_30);
        assert!(!end.moving());
    }

    #[test]
    fn reset_goes_back_to_the_start_paused() {
        let mut p = Playback::new(false);
        p.restart(DONE_30);
        play_out(&mut p, 4.0, DONE_30, 0.0, 100);
        assert!(p.t() > 0);
        p.reset(DONE_30);
        assert_eq!((p.t(), p.phase(), p.playing()), (0, 0.0, false));
        assert_eq!(p.hold(), Hold::Step(0));
    }

    #[test]
    fn playing_from_the_middle_goes_on_from_there_and_a_step_at_speed_1_takes_a_third_of_a_second()
    {
        let mut p = Playback::new(false);
        p.open_at(5, DONE_30);
        p.toggle(DONE_30);
        assert_eq!((p.t(), p.playing()), (5, true), "not from the start");
        p.toggle(DONE_30);
        assert!(!p.moving());
        // A single step is animated at its own pace even when playing is slower.
        p.step(DONE_30);
        let frames = play_out(&mut p, 1.0, DONE_30, 0.0, 1000);
        assert_eq!(p.t(), 6);
        assert!((20..=23).contains(&frames), "{frames} frames of 1/60 s");
    }

    #[test]
    fn the_runs_are_computed_two_steps_past_where_the_ball_is_going() {
        let mut p = Playback::new(false);
        p.open_at(5, DONE_30);
        p.toggle(DONE_30);
        let mut asked = Vec::new();
        p.tick(0.0, 2.0, |k| {
            asked.push(k);
            DONE_30
        });
        // A quarter of a second at 2 steps a second: half way to step 6.
        p.tick(250.0, 2.0, |k| {
            asked.push(k);
            DONE_30
        });
        assert_eq!((p.t(), p.phase()), (5, 0.5));
        assert_eq!(asked, [7, 8]);
    }

    #[test]
    fn the_ball_waits_at_the_last_step_computed_of_a_run_still_going() {
        let going = Span {
            end: 10,
            finished: false,
        };
        let mut p = Playback::new(false);
        p.restart(going);
        p.tick(0.0, 1000.0, |_| going);
        p.tick(250.0, 1000.0, |_| going);
        assert_eq!(p.t(), 10, "not past the rows there are");
        assert!(p.playing(), "it goes on once more is computed");
    }

    #[test]
    fn a_change_while_the_ball_hops_keeps_the_hop_unless_the_step_moves() {
        let mut p = Playback::new(false);
        p.open_at(3, DONE_30);
        p.toggle(DONE_30);
        p.tick(0.0, 2.0, |_| DONE_30);
        p.tick(250.0, 2.0, |_| DONE_30);
        assert_eq!((p.t(), p.phase()), (3, 0.5));
        p.runs_changed(DONE_30);
        assert_eq!(
            (p.t(), p.phase()),
            (3, 0.5),
            "the same step: the hop goes on"
        );
        p.runs_changed(Span {
            end: 2,
            finished: true,
        });
        assert_eq!(
            (p.t(), p.phase()),
            (2, 0.0),
            "a shorter run: at rest on its end"
        );
        // At the end of a run, the ball rests even if it was on that step already.
        let mut q = Playback::new(false);
        q.open_at(2, DONE_30);
        q.toggle(DONE_30);
        q.tick(0.0, 2.0, |_| DONE_30);
        q.tick(250.0, 2.0, |_| DONE_30);
        q.runs_changed(Span {
            end: 2,
            finished: true,
        });
        assert_eq!((q.t(), q.phase()), (2, 0.0));
    }

    #[test]
    fn reduced_motion_shows_the_whole_run_and_steps_without_animation() {
        let mut p = Playback::new(true);
        p.restart(DONE_30);
        assert_eq!((p.t(), p.playing()), (30, false));
        p.reset(DONE_30);
        p.step(DONE_30);
        assert_eq!((p.t(), p.moving()), (1, false));
        // Asked for later, or no longer asked for.
        let mut q = Playback::new(false);
        q.reset(DONE_30);
        q.set_reduced_motion(true);
        q.step(DONE_30);
        assert_eq!((q.t(), q.moving()), (1, false));
        q.set_reduced_motion(false);
        q.step(DONE_30);
        assert_eq!((q.t(), q.moving()), (1, true), "animated again");
    }

    #[test]
    fn a_race_plays_until_its_slowest_method_stops() {
        // Two methods: one stopped at step 12, the other still running, computed lazily 5 rows
        // ahead of the ball, and stopping at step 40.
        let mut computed = 0usize;
        let mut reach = |k: usize| {
            computed = computed.max(k.min(40));
            Span {
                end: computed,
                finished: computed == 40,
            }
        };
        let mut p = Playback::new(false);
        p.restart(reach(5));
        let mut now = 0.0;
        while p.moving() && now < 60_000.0 {
            p.tick(now, 10.0, &mut reach);
            now += 1000.0 / 60.0;
            if p.t() == 12 {
                assert!(p.playing(), "the race goes on past the first method's stop");
            }
        }
        assert_eq!((p.t(), p.playing()), (40, false));
        assert_eq!(p.hold(), Hold::End);
    }

    #[test]
    fn a_slider_change_keeps_the_step_the_person_was_looking_at() {
        // The default page: played to the end of 30 steps.
        let mut p = Playback::new(false);
        p.restart(DONE_30);
        play_out(&mut p, 4.0, DONE_30, 0.0, 10_000);
        assert_eq!(p.t(), 30);
        // The learning rate dragged to the top: the run diverges at step 2 and shows its end.
        let short = Span {
            end: 2,
            finished: true,
        };
        p.runs_changed(short);
        assert_eq!(p.t(), 2);
        // Dragged back: the whole run again, and the ball at its end, not stuck at step 2.
        p.runs_changed(DONE_30);
        assert_eq!((p.t(), p.playing()), (30, false));
        // Paused in the middle, the same drags come back to the middle.
        p.open_at(10, DONE_30);
        p.runs_changed(short);
        assert_eq!(p.t(), 2);
        p.runs_changed(DONE_30);
        assert_eq!(p.t(), 10);
        // Once the person moves the ball on the short run, that step is the one held.
        p.runs_changed(short);
        p.back(short);
        p.runs_changed(DONE_30);
        assert_eq!(p.t(), 1);
    }

    #[test]
    fn a_run_computed_further_is_followed_to_its_end_when_the_end_is_held() {
        let mut p = Playback::new(false);
        p.open_at(30, DONE_30);
        assert_eq!(p.hold(), Hold::End, "a link to the last step holds the end");
        let partial = Span {
            end: 5000,
            finished: false,
        };
        p.runs_changed(partial);
        assert_eq!(p.t(), 5000);
        p.runs_changed(Span {
            end: 9000,
            finished: true,
        });
        assert_eq!(p.t(), 9000);
    }
}

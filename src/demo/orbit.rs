//! Turning the 3-D view: a drag turns it (a press that does not move sets the start there
//! instead), Shift and the arrow keys turn it in steps, and Reset view goes back to the
//! default angles. The angles are settings (`yaw`, `pitch`), so links keep them; the runs
//! never change.

use super::{Demo, Dirty};
use crate::settings::{tilt, turn, PITCH, YAW};

/// Degrees the view turns per CSS pixel dragged.
pub const DEGREES_PER_PX: f64 = 0.5;

/// A press moving less than this (CSS pixels, either way) is a click, not a drag.
pub const CLICK_PX: f64 = 4.0;

/// Degrees of yaw and of pitch one press of Shift and an arrow key turns.
pub const KEY_YAW: f64 = 10.0;
pub const KEY_PITCH: f64 = 5.0;

/// Something done to the 3-D view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Orbit {
    /// The pointer went down on the view at `px` (CSS pixels), over `at`: the point of the
    /// surface (or else of the floor) there.
    Grab { px: [f64; 2], at: Option<[f64; 2]> },
    /// The pointer moved to `px` while down.
    Move([f64; 2]),
    /// A key turned the view by these degrees of yaw and of pitch.
    Turn { yaw: f64, pitch: f64 },
    /// Reset view: the default angles.
    Reset,
}

/// A press on the 3-D view being followed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Grip {
    /// Where it went down, and the angles then.
    from: [f64; 2],
    angles: (f64, f64),
    /// The point of the data under it.
    at: Option<[f64; 2]>,
    /// Whether it has moved far enough to be a drag.
    turned: bool,
}

impl Demo {
    /// Whether the plot shows the 3-D view: asked for, and f is of two variables.
    pub fn three_d(&self) -> bool {
        self.settings.three_d && self.dim() == 2
    }

    /// Whether a press on the 3-D view is being dragged into a turn.
    pub fn turning(&self) -> bool {
        self.orbit.is_some_and(|g| g.turned)
    }

    pub(super) fn on_orbit(&mut self, o: Orbit) -> Dirty {
        if !self.three_d() {
            return Dirty::default();
        }
        let (yaw, pitch) = (self.settings.yaw, self.settings.pitch);
        match o {
            Orbit::Grab { px, at } => {
                self.orbit = Some(Grip {
                    from: px,
                    angles: (yaw, pitch),
                    at,
                    turned: false,
                });
                Dirty::default()
            }
            Orbit::Move(px) => {
                let Some(mut g) = self.orbit else {
                    return Dirty::default();
                };
                let (dx, dy) = (px[0] - g.from[0], px[1] - g.from[1]);
                g.turned |= dx.abs().max(dy.abs()) >= CLICK_PX;
                self.orbit = Some(g);
                if !g.turned {
                    return Dirty::default();
                }
                // Dragging right swings the near side right; down tips the top toward the eye.
                let (yaw, pitch) = (
                    turn(g.angles.0, -dx * DEGREES_PER_PX),
                    tilt(g.angles.1, dy * DEGREES_PER_PX),
                );
                // The link follows once the drag ends.
                self.look(yaw, pitch, false)
            }
            Orbit::Turn { yaw: a, pitch: e } => self.look(turn(yaw, a), tilt(pitch, e), true),
            Orbit::Reset => self.look(YAW, PITCH, true),
        }
    }

    /// The pointer went up: a drag's angles go to the link; a click sets the start where it
    /// went down.
    pub(super) fn release_orbit(&mut self) -> Dirty {
        match self.orbit.take() {
            Some(g) if g.turned => Dirty {
                link: true,
                ..Dirty::default()
            },
            Some(Grip { at: Some(at), .. }) => self.set_start(at),
            _ => Dirty::default(),
        }
    }

    /// The view seen from `yaw` and `pitch`: the plot drawn again, and the words (which say the
    /// angles); the link too with `link`.
    fn look(&mut self, yaw: f64, pitch: f64, link: bool) -> Dirty {
        if (yaw, pitch) == (self.settings.yaw, self.settings.pitch) {
            return Dirty::default();
        }
        self.settings.yaw = yaw;
        self.settings.pitch = pitch;
        Dirty {
            plot: true,
            marks: true,
            words: true,
            link,
            ..Dirty::default()
        }
    }
}

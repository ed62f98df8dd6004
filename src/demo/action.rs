//! What can happen to a demo ([`Action`]), and what must be drawn again afterwards ([`Dirty`]).
//! The web layer turns each DOM event into an action and each dirty flag into painting.

use std::ops::{BitOr, BitOrAssign};

/// Something a person (or the clock) did to a demo.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A control's new value, as text: a menu's key, a number, "1" or "0" for a check box, the
    /// checked keys of a group ("gd,adam").
    Set { key: String, value: String },
    /// A slider moved to position `pos`, from 0 to [`crate::settings::SLIDER_STEPS`].
    Slide { key: String, pos: f64 },
    /// The typed function, once typing pauses or Enter is pressed.
    Type(String),
    /// Play, or pause while playing.
    Play,
    /// One step on.
    Step,
    /// One step back.
    Back,
    /// Back to the start.
    Reset,
    /// The pointer went down on the plot, at this point of the data (`None`: outside the plot).
    Press(Option<[f64; 2]>),
    /// The pointer moved over the plot, at this point of the data.
    Drag(Option<[f64; 2]>),
    /// A press on the map's chart, at this (η, β) (a sweep reads η only).
    MapPress([f64; 2]),
    /// The pointer went up, or was taken away.
    Release,
    /// Something done to the 3-D view.
    Orbit(super::Orbit),
    /// Something done to a fit's data.
    Data(super::DataAction),
    /// An animation frame at `now` milliseconds.
    Frame(f64),
    /// The demo came into view, or left it.
    Visible(bool),
    /// The person now asks for reduced motion, or no longer does.
    ReducedMotion(bool),
    /// Colours or the pixel ratio changed: everything is drawn again.
    Restyle,
    /// The plot or the loss chart changed size.
    Resized,
    /// The trace table was opened or closed.
    TableToggled,
    /// An edit of a box ended: the controls show the settings tidily again.
    EditDone,
    /// The Step scrubber moved: the balls rest at this step.
    Seek(usize),
    /// A method was picked in a race's legend: Explain follows it.
    Pick(usize),
}

impl Action {
    /// Whether it only moves the balls, leaving the settings a link carries as they were.
    pub fn moves_only(&self) -> bool {
        matches!(
            self,
            Action::Play
                | Action::Step
                | Action::Back
                | Action::Reset
                | Action::Seek(_)
                | Action::Frame(_)
        )
    }
}

/// What must be drawn again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dirty {
    /// The function or the view changed: the curve or the field is sampled again.
    pub samples: bool,
    /// The static layer (axes, curve or field) and the headings.
    pub plot: bool,
    /// The moving layer: paths and balls.
    pub marks: bool,
    /// The loss chart's axes.
    pub loss: bool,
    /// The loss chart's runs and the steps taken so far.
    pub progress: bool,
    /// The status line, the line under it, the legend, the caption and the messages.
    pub words: bool,
    /// The trace table.
    pub table: bool,
    /// The map: its chart, or the plot under a basins map, and its key.
    pub map: bool,
    /// The controls show the settings again (all but the one being edited).
    pub controls: bool,
    /// The link should follow the state.
    pub link: bool,
    /// Presenter mode was turned on or off.
    pub presenter: bool,
}

impl Dirty {
    /// Everything drawn again (the samples kept).
    pub fn redraw() -> Dirty {
        Dirty {
            plot: true,
            map: true,
            marks: true,
            loss: true,
            progress: true,
            words: true,
            table: true,
            ..Dirty::default()
        }
    }

    /// What moving the balls changes: the moving layer, the loss chart's progress, the words.
    pub fn moved() -> Dirty {
        Dirty {
            marks: true,
            progress: true,
            words: true,
            ..Dirty::default()
        }
    }

    /// Whether anything must be drawn.
    pub fn any(&self) -> bool {
        *self != Dirty::default()
    }
}

impl BitOr for Dirty {
    type Output = Dirty;

    fn bitor(self, o: Dirty) -> Dirty {
        Dirty {
            samples: self.samples | o.samples,
            plot: self.plot | o.plot,
            marks: self.marks | o.marks,
            loss: self.loss | o.loss,
            progress: self.progress | o.progress,
            words: self.words | o.words,
            table: self.table | o.table,
            map: self.map | o.map,
            controls: self.controls | o.controls,
            link: self.link | o.link,
            presenter: self.presenter | o.presenter,
        }
    }
}

impl BitOrAssign for Dirty {
    fn bitor_assign(&mut self, o: Dirty) {
        *self = *self | o;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_combine_without_losing_any() {
        let a = Dirty {
            samples: true,
            link: true,
            ..Dirty::default()
        };
        let b = Dirty {
            presenter: true,
            controls: true,
            ..Dirty::moved()
        };
        let c = a | b;
        assert!(
            c.samples && c.link && c.presenter && c.controls && c.marks && c.words && c.progress
        );
        assert!(!c.plot && !c.table && !c.loss && !c.map);
        let every = Dirty {
            samples: true,
            plot: true,
            marks: true,
            loss: true,
            progress: true,
            words: true,
            table: true,
            map: true,
            controls: true,
            link: true,
            presenter: true,
        };
        assert_eq!(every | Dirty::default(), every);
        assert_eq!(Dirty::default() | every, every);
        assert_eq!(every | every, every, "or, not either-or");
        let mut d = Dirty::default();
        assert!(!d.any());
        d |= Dirty::redraw();
        assert!(
            d.any() && d.plot && d.marks && d.loss && d.progress && d.words && d.table && d.map
        );
        assert!(!d.samples && !d.controls && !d.link && !d.presenter);
    }
}

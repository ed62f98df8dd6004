//! The settings of the 3-D view: the 2-D | 3-D switch and the two angles it is seen from.
//! They change what the plot shows, never the runs.

use super::param::{num, number, text, Control, Group, Kind, Param, Scale, Value};

/// The views of a function of two variables: a key for links, a name for the switch.
const VIEWS: [(&str, &str); 2] = [("2d", "2-D map"), ("3d", "3-D surface")];

fn view_choices() -> Vec<(&'static str, &'static str)> {
    VIEWS.to_vec()
}

/// The angle the 3-D view is seen from by default, in degrees: the yaw (the azimuth, from the
/// x axis counter-clockwise) and the pitch (the elevation above the floor). These are
/// matplotlib's defaults, which drew the first post's figure of h(x, y) = x² + y².
pub const YAW: f64 = -60.0;
pub const PITCH: f64 = 30.0;

/// The steepest the view may look down (straight down) and up (level with the floor).
pub const PITCH_RANGE: [f64; 2] = [0.0, 90.0];

pub(super) const VIEW: Param = Param {
    key: "view",
    label: "View",
    help: "how a function of x and y is drawn: 2d, a map seen from above; 3d, a surface to turn (drag it, or Shift and the arrow keys)",
    kind: Kind::Choice(view_choices),
    control: Control::Select,
    group: Group::Playback,
    flag: None,
    get: |s| Value::Text(if s.three_d { "3d" } else { "2d" }.into()),
    set: |s, v| s.three_d = text(v) == "3d",
};

pub(super) const YAW_PARAM: Param = Param {
    key: "yaw",
    label: "Yaw",
    help: "the 3-D view's turn about the vertical axis, in degrees (-180 to 180)",
    kind: number(-180.0, 180.0, Scale::Linear),
    control: Control::Hidden,
    group: Group::More,
    flag: None,
    get: |s| Value::Num(s.yaw),
    set: |s, v| s.yaw = num(&v),
};

pub(super) const PITCH_PARAM: Param = Param {
    key: "pitch",
    label: "Pitch",
    help:
        "how far the 3-D view looks down on the floor, in degrees (0 level, 90 from straight above)",
    kind: number(PITCH_RANGE[0], PITCH_RANGE[1], Scale::Linear),
    control: Control::Hidden,
    group: Group::More,
    flag: None,
    get: |s| Value::Num(s.pitch),
    set: |s, v| s.pitch = num(&v),
};

/// `yaw` turned by `by` degrees, kept within (−180, 180].
pub fn turn(yaw: f64, by: f64) -> f64 {
    // (f64's `rem_euclid`, on the module's own remainder: see [`crate::objective::fmod`].)
    let r = crate::objective::fmod(yaw + by, 360.0);
    let t = if r < 0.0 { r + 360.0 } else { r };
    if t > 180.0 {
        t - 360.0
    } else {
        t
    }
}

/// `pitch` tilted by `by` degrees, kept within [`PITCH_RANGE`].
pub fn tilt(pitch: f64, by: f64) -> f64 {
    crate::within(pitch + by, PITCH_RANGE[0], PITCH_RANGE[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turning_wraps_and_tilting_stops() {
        assert_eq!(turn(170.0, 20.0), -170.0);
        assert_eq!(turn(-170.0, -20.0), 170.0);
        assert_eq!(turn(-60.0, 10.0), -50.0);
        assert_eq!(turn(180.0, 0.0), 180.0);
        assert_eq!(turn(0.0, -180.0), 180.0);
        assert_eq!(tilt(85.0, 10.0), 90.0);
        assert_eq!(tilt(5.0, -10.0), 0.0);
        assert_eq!(tilt(30.0, 5.0), 35.0);
    }
}

//! The parameter table: every setting a person can change, once. The page's controls, the
//! link's hash, the `data-*` embed attributes and the CLI's flags are all derived from
//! [`PARAMS`]; nothing else lists them.

use super::choices::{
    grad_choices, lesson_choices, map_choices, method_choices, param_choices, preset_choices,
    schedule_choices,
};
use super::param::{num, number, text, whole, Control, Group, Kind, Param, Scale, Span, Value};
use crate::objective::{Gradient, Preset};
use crate::optim::{Method, Schedule};

/// The largest coordinate a start or a view may have.
const FAR: f64 = 1e9;

/// The table. Order matters: `preset` and `f` come first, because choosing a function resets
/// the values that depend on it.
pub static PARAMS: &[Param] = &[
    // A lesson sets everything else: it comes first, so a link can change its settings.
    Param {
        key: "lesson",
        label: "Lesson",
        help: "one of the posts' scenarios, with a caption on what the ball does",
        kind: Kind::Choice(lesson_choices),
        control: Control::Select,
        group: Group::Main,
        flag: None,
        get: |s| Value::Text(s.lesson.clone()),
        set: |s, v| s.follow(&text(v)),
    },
    Param {
        key: "preset",
        label: "Function",
        help: "a preset function",
        kind: Kind::Choice(preset_choices),
        control: Control::Select,
        group: Group::Main,
        flag: Some("preset"),
        get: |s| Value::Text(s.preset.name().into()),
        set: |s, v| {
            if let Some(p) = Preset::named(&text(v)) {
                s.choose_preset(p);
            }
        },
    },
    Param {
        key: "f",
        label: "f(x) =",
        help: "a typed function of x, y, z or x1 … x9, such as x^2 - 4*x",
        kind: Kind::Text {
            max_len: crate::objective::expr::MAX_LEN,
        },
        control: Control::Text,
        group: Group::Main,
        flag: Some("f"),
        get: |s| Value::Text(s.expr.clone()),
        // A typed function is not a lesson's.
        set: |s, v| {
            s.expr = text(v);
            if !s.expr.trim().is_empty() && s.expr.trim() != s.preset.formula() {
                s.lesson.clear();
            }
        },
    },
    Param {
        key: "x0",
        label: "Start x0",
        help: "where the ball starts (x)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Slider(Span::ViewX),
        group: Group::Main,
        flag: Some("x0"),
        get: |s| Value::Num(s.x0),
        set: |s, v| s.x0 = num(&v),
    },
    Param {
        key: "y0",
        label: "Start y0",
        help: "where the ball starts (y, for functions of x and y)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Slider(Span::ViewY),
        group: Group::Main,
        flag: Some("y0"),
        get: |s| Value::Num(s.y0),
        set: |s, v| s.y0 = num(&v),
    },
    Param {
        key: "z0",
        label: "Start z0",
        help: "where the ball starts (z)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Hidden,
        group: Group::Main,
        flag: Some("z0"),
        get: |s| Value::Num(s.rest[0]),
        set: |s, v| s.rest[0] = num(&v),
    },
    Param {
        key: "start",
        label: "Start",
        help: "where the ball starts: one number per variable, in order (2, -5, 7)",
        kind: Kind::Coords { far: FAR },
        control: Control::Text,
        group: Group::Main,
        flag: Some("start"),
        get: |s| Value::Text(s.start_text()),
        set: |s, v| s.set_start(&text(v).split(',').filter_map(crate::fmt::number).collect::<Vec<_>>()),
    },
    Param {
        key: "lr",
        label: "Learning rate",
        help: "η, the size of each step relative to the slope",
        kind: number(1e-5, 10.0, Scale::Log),
        control: Control::Slider(Span::Table),
        group: Group::Main,
        flag: Some("lr"),
        get: |s| Value::Num(s.lr),
        set: |s, v| s.lr = num(&v),
    },
    Param {
        key: "decay",
        label: "Decay",
        help: "γ, the learning rate's factor per step (η_t = η₀·γ^t; 1 means none)",
        kind: number(0.9, 1.0, Scale::Linear),
        control: Control::Slider(Span::Table),
        group: Group::Main,
        flag: Some("decay"),
        get: |s| Value::Num(s.decay),
        set: |s, v| s.decay = num(&v),
    },
    Param {
        key: "schedule",
        label: "Schedule",
        help: "how the learning rate changes: exp, η₀·γ^t; step, η₀·γ^⌊t/S⌋; cosine, η₀·(1 + cos(πt/T))/2 down to 0 over the budget T",
        kind: Kind::Choice(schedule_choices),
        control: Control::Select,
        group: Group::Main,
        flag: Some("schedule"),
        get: |s| Value::Text(s.schedule.into()),
        set: |s, v| {
            let key = text(v);
            if let Some((k, _)) = Schedule::KEYS.iter().find(|(k, _)| *k == key) {
                s.schedule = k;
            }
        },
    },
    Param {
        key: "stepsize",
        label: "Step size",
        help: "S, how many steps pass between two decays of a step schedule",
        kind: whole(1.0, 1e6, Scale::Log),
        control: Control::Number,
        group: Group::Main,
        flag: Some("step-size"),
        get: |s| Value::Num(s.stepsize as f64),
        set: |s, v| s.stepsize = num(&v) as u64,
    },
    Param {
        key: "warmup",
        label: "Warmup",
        help: "W: the rate is (t + 1)/W of itself while t < W (0: none)",
        kind: whole(0.0, 1e6, Scale::Linear),
        control: Control::Number,
        group: Group::Main,
        flag: Some("warmup"),
        get: |s| Value::Num(s.warmup as f64),
        set: |s, v| s.warmup = num(&v) as u64,
    },
    Param {
        key: "momentum",
        label: "Momentum",
        help: "β, how much of the last step carries over (momentum and Nesterov): descent uses PyTorch's heavy ball, v ← β·v + ∇f then x ← x − η·v. The post's x_{t+1} = x_t + β∇f(x_{t−1}) − η∇f(x_t) adds the last slope instead of subtracting it, and taken literally it flies off (on local from x0 = 2: 2, 1.79, 20.6, −314, 1.3·10⁶)",
        kind: number(0.0, 0.99, Scale::Linear),
        control: Control::Slider(Span::Table),
        group: Group::Main,
        flag: Some("momentum"),
        get: |s| Value::Num(s.momentum),
        set: |s, v| s.momentum = num(&v),
    },
    Param {
        key: "method",
        label: "Method",
        help: "the update rule",
        kind: Kind::Choice(method_choices),
        control: Control::Select,
        group: Group::Main,
        flag: Some("method"),
        get: |s| Value::Text(s.method.key().into()),
        set: |s, v| s.method = Method::named(&text(v)).unwrap_or(s.method),
    },
    Param {
        key: "race",
        label: "Race",
        help: "methods that race from one start, such as gd,momentum,adam (momentum and Nesterov with β = 0.9 unless Momentum is above 0)",
        kind: Kind::List(method_choices),
        control: Control::Checks,
        group: Group::Main,
        flag: Some("race"),
        get: |s| Value::Text(s.race.clone()),
        set: |s, v| s.race = text(v),
    },
    Param {
        key: "steps",
        label: "Steps",
        help: "the step budget: the most updates a run makes",
        kind: whole(1.0, 1e6, Scale::Log),
        control: Control::Number,
        group: Group::Main,
        flag: Some("steps"),
        get: |s| Value::Num(s.steps as f64),
        set: |s, v| s.steps = num(&v) as u64,
    },
    Param {
        key: "grad",
        label: "Gradient",
        help: "exact (dual numbers) or a central difference with step h",
        kind: Kind::Choice(grad_choices),
        control: Control::Select,
        group: Group::More,
        flag: Some("grad"),
        get: |s| Value::Text(s.grad.key().into()),
        set: |s, v| s.grad = Gradient::named(&text(v)).unwrap_or(s.grad),
    },
    Param {
        key: "h",
        label: "Difference step h",
        help: "the step of the central difference (f(x+h) − f(x−h)) / 2h",
        kind: number(1e-12, 1.0, Scale::Log),
        control: Control::Number,
        group: Group::More,
        flag: Some("h"),
        get: |s| Value::Num(s.h),
        set: |s, v| s.h = num(&v),
    },
    Param {
        key: "xmin",
        label: "View from x",
        help: "the left edge of the view",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        flag: Some("xmin"),
        get: |s| Value::Num(s.xmin),
        set: |s, v| s.xmin = num(&v),
    },
    Param {
        key: "xmax",
        label: "View to x",
        help: "the right edge of the view",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        flag: Some("xmax"),
        get: |s| Value::Num(s.xmax),
        set: |s, v| s.xmax = num(&v),
    },
    Param {
        key: "ymin",
        label: "View from y",
        help: "the bottom edge of the view (functions of x and y)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        flag: Some("ymin"),
        get: |s| Value::Num(s.ymin),
        set: |s, v| s.ymin = num(&v),
    },
    Param {
        key: "ymax",
        label: "View to y",
        help: "the top edge of the view (functions of x and y)",
        kind: number(-FAR, FAR, Scale::Linear),
        control: Control::Number,
        group: Group::More,
        flag: Some("ymax"),
        get: |s| Value::Num(s.ymax),
        set: |s, v| s.ymax = num(&v),
    },
    Param {
        key: "speed",
        label: "Speed",
        help: "steps per second while playing",
        kind: number(0.5, 100_000.0, Scale::Log),
        control: Control::Slider(Span::Table),
        group: Group::Playback,
        flag: None,
        get: |s| Value::Num(s.speed),
        set: |s, v| s.speed = num(&v),
    },
    super::fitting::LOSS,
    super::fitting::BATCH,
    super::fitting::SEED,
    super::fitting::DATA,
    super::view::VIEW,
    super::view::YAW_PARAM,
    super::view::PITCH_PARAM,
    Param {
        key: "map",
        label: "Map",
        help: "a map of many runs: basins, where every start ends; sweep, the final f against the learning rate; phase, against the rate and the momentum",
        kind: Kind::Choice(map_choices),
        control: Control::Select,
        group: Group::Main,
        flag: None,
        get: |s| Value::Text(s.map.into()),
        set: |s, v| s.map = super::choices::map_named(&text(v)).unwrap_or(s.map),
    },
    Param {
        key: "presenter",
        label: "Presenter mode",
        help: "large type and thick lines, readable from the back of a room",
        kind: Kind::Flag,
        control: Control::Toggle,
        group: Group::More,
        flag: None,
        get: |s| Value::Num(f64::from(u8::from(s.presenter))),
        set: |s, v| s.presenter = num(&v) > 0.0,
    },
    Param {
        key: "explain",
        label: "Explain",
        help: "explain each step: the update written out with its numbers, arrows for the gradient step, the carried velocity and the step taken, and a gauge of η·f″ against 2",
        kind: Kind::Flag,
        control: Control::Toggle,
        group: Group::Main,
        flag: None,
        get: |s| Value::Num(f64::from(u8::from(s.explain))),
        set: |s, v| s.explain = num(&v) > 0.0,
    },
    Param {
        key: "goal",
        label: "Goal",
        help: "a challenge: reach f ≤ this value (with within=N, in at most N steps; inf: none)",
        kind: number(-FAR, f64::INFINITY, Scale::Linear),
        control: Control::Hidden,
        group: Group::More,
        flag: None,
        get: |s| Value::Num(s.goal),
        set: |s, v| s.goal = num(&v),
    },
    Param {
        key: "within",
        label: "Within",
        help: "the steps a challenge's goal must be reached in (0: the step budget)",
        kind: whole(0.0, 1e6, Scale::Linear),
        control: Control::Hidden,
        group: Group::More,
        flag: None,
        get: |s| Value::Num(s.within as f64),
        set: |s, v| s.within = num(&v) as u64,
    },
    Param {
        key: "hide",
        label: "Hidden controls",
        help: "controls not to show, as comma-separated keys (hide=lr,decay)",
        kind: Kind::List(param_choices),
        control: Control::Hidden,
        group: Group::More,
        flag: None,
        get: |s| Value::Text(s.hide.clone()),
        set: |s, v| s.hide = text(v),
    },
    Param {
        key: "controls",
        label: "Shown controls",
        help: "the only controls to show, as comma-separated keys (controls=lr,decay)",
        kind: Kind::List(param_choices),
        control: Control::Hidden,
        group: Group::More,
        flag: None,
        get: |s| Value::Text(s.controls.clone()),
        set: |s, v| s.controls = text(v),
    },
    Param {
        key: "at",
        label: "Shown step",
        help: "the step the ball is shown at when the page opens",
        kind: whole(0.0, 1e6, Scale::Linear),
        control: Control::Hidden,
        group: Group::More,
        flag: None,
        get: |s| Value::Num(s.at as f64),
        set: |s, v| s.at = num(&v) as u64,
    },
];

/// The row of the table for `key`.
pub fn param(key: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.key == key)
}

#[cfg(test)]
mod tests {
    use super::super::{Mode, Settings};
    use super::*;

    #[test]
    fn keys_are_unique_and_choices_valid() {
        for (i, p) in PARAMS.iter().enumerate() {
            assert!(PARAMS[i + 1..].iter().all(|q| q.key != p.key), "{}", p.key);
            let s = Settings::default();
            // Every current value reads back through the table.
            let mut t = s.clone();
            t.apply(p.key, &p.text(&s), Mode::Strict)
                .unwrap_or_else(|e| panic!("{}: {e}", p.key));
            assert_eq!(p.value(&t), p.value(&s), "{}", p.key);
        }
    }

    #[test]
    fn a_preset_brings_its_budget_and_speed_unless_they_were_changed() {
        let mut s = Settings::default();
        s.apply("preset", "rosenbrock", Mode::Strict).unwrap();
        assert_eq!((s.steps, s.speed), (1000, 60.0));
        s.apply("preset", "bowl", Mode::Strict).unwrap();
        assert_eq!((s.steps, s.speed), (30, 4.0));
        s.apply("steps", "77", Mode::Strict).unwrap();
        s.apply("speed", "9", Mode::Strict).unwrap();
        s.apply("preset", "rosenbrock", Mode::Strict).unwrap();
        assert_eq!((s.steps, s.speed), (77, 9.0));
        // The same from a link, whatever the order of its keys.
        let (s, _) = Settings::from_pairs([("steps", "5"), ("preset", "beale")], Mode::Strict);
        assert_eq!((s.steps, s.speed), (5, 30.0));
    }
}

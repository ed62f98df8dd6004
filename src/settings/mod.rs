//! One demo's settings: a single [`Settings`] value, the parameter table that describes every
//! field of it ([`PARAMS`]), changing it from text and checking the result
//! ([`Settings::apply`]), the lessons' starting scenarios ([`scenario`]), and building the runs
//! it describes, the one builder the page and the command line share.

mod apply;
mod choices;
mod fitting;
mod param;
mod scenario;
mod table;
mod view;

pub use apply::{Mode, ParamError};
pub use choices::MAPS;
pub use fitting::{Data, DATA_LEN};
pub use param::{Control, Group, Kind, Param, Scale, Span, Value, SLIDER_STEPS};
pub use scenario::{scenario, Scenario, SCENARIOS};
pub use table::{param, PARAMS};
pub use view::{tilt, turn, PITCH, YAW};

use crate::objective::preset::Domain;
use crate::objective::{
    point, Expr, ExprError, Function, Gradient, Objective, Point, Preset, MAX_DIM,
};
use crate::optim::{Hyper, HyperError, Method, Schedule};
use crate::run::{Race, RunConfig};
use std::sync::Arc;

/// Every setting of one demo instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub preset: Preset,
    /// A typed function; empty means the preset's.
    pub expr: String,
    pub x0: f64,
    pub y0: f64,
    /// The start's coordinates after x and y (z, or x3 onward), for functions of three or
    /// more variables.
    pub rest: [f64; MAX_DIM - 2],
    pub lr: f64,
    pub decay: f64,
    /// The schedule's key: `exp`, `step` or `cosine`.
    pub schedule: &'static str,
    /// The steps between two decays of a step schedule.
    pub stepsize: u64,
    /// The steps of warmup (0: none).
    pub warmup: u64,
    pub momentum: f64,
    pub method: Method,
    pub steps: u64,
    pub grad: Gradient,
    pub h: f64,
    pub xmin: f64,
    pub xmax: f64,
    pub ymin: f64,
    pub ymax: f64,
    /// Updates per second while playing.
    pub speed: f64,
    /// The lesson being followed (a key of [`SCENARIOS`]), or empty.
    pub lesson: String,
    /// Controls not to show, as comma-separated keys.
    pub hide: String,
    /// The only controls to show, as comma-separated keys; empty shows them all.
    pub controls: String,
    /// Large type and thick lines, for a room.
    pub presenter: bool,
    /// The step the ball is shown at when the page opens (0: play from the start).
    pub at: u64,
    /// Methods that race from the same start, comma-separated; empty runs `method` alone.
    pub race: String,
    /// Whether the page explains each step: the update written out, the arrows, the gauge.
    pub explain: bool,
    /// A challenge's goal: reach f ≤ goal (infinite: no challenge).
    pub goal: f64,
    /// Within how many steps the goal must be reached (0: the step budget).
    pub within: u64,
    /// The map of many runs shown: `none`, `basins`, `sweep` or `phase`.
    pub map: &'static str,
    /// A line fit's loss (logistic regression takes cross-entropy whatever this says).
    pub loss: crate::fit::Loss,
    /// The points each step of a fit samples; 0 or the data's size or more: all of them.
    pub batch: u64,
    /// The seed of a fit's mini-batches.
    pub seed: u64,
    /// A fit's points.
    pub data: Data,
    /// Whether a function of two variables is drawn as a 3-D surface (`view=3d`).
    pub three_d: bool,
    /// The 3-D view's angles, in degrees: its turn about the vertical and its look down.
    pub yaw: f64,
    pub pitch: f64,
}

/// The momentum β of momentum and Nesterov in a race when the momentum is 0.
pub const RACE_MOMENTUM: f64 = 0.9;

impl Default for Settings {
    fn default() -> Self {
        Settings::for_preset(Preset::Quadratic)
    }
}

impl Settings {
    /// The defaults for a preset: its start, learning rate and view.
    pub fn for_preset(p: Preset) -> Self {
        let info = p.info();
        Settings {
            preset: p,
            expr: String::new(),
            x0: info.start[0],
            y0: info.start[1],
            rest: [0.0; MAX_DIM - 2],
            lr: info.lr,
            decay: 1.0,
            schedule: "exp",
            stepsize: 10,
            warmup: 0,
            momentum: 0.0,
            method: Method::Gd,
            steps: info.steps,
            grad: Gradient::Exact,
            h: Gradient::DEFAULT_H,
            xmin: info.domain.x[0],
            xmax: info.domain.x[1],
            ymin: info.domain.y[0],
            ymax: info.domain.y[1],
            speed: info.speed,
            lesson: String::new(),
            hide: String::new(),
            controls: String::new(),
            presenter: false,
            at: 0,
            race: String::new(),
            explain: false,
            goal: f64::INFINITY,
            within: 0,
            map: "none",
            loss: p
                .model()
                .map_or(crate::fit::Loss::Mse, |m| m.default_loss()),
            batch: 0,
            seed: 0,
            data: Data::default(),
            three_d: false,
            yaw: view::YAW,
            pitch: view::PITCH,
        }
    }

    /// Chooses preset `p`. A preset brings its own view, start and learning rate, and drops a
    /// typed function; the method and its settings (the schedule too) stay as they were. The
    /// step budget and the speed follow the preset's unless they were changed from the last
    /// one's.
    pub(super) fn choose_preset(&mut self, p: Preset) {
        let s = self;
        let lesson_goes_on = scenario(&s.lesson).is_some_and(|l| l.preset() == Some(p));
        let (was, next) = (s.preset.info(), p.info());
        let steps = if s.steps == was.steps {
            next.steps
        } else {
            s.steps
        };
        let speed = if s.speed == was.speed {
            next.speed
        } else {
            s.speed
        };
        *s = s.keep_page(Settings {
            method: s.method,
            momentum: s.momentum,
            decay: s.decay,
            schedule: s.schedule,
            stepsize: s.stepsize,
            warmup: s.warmup,
            steps,
            grad: s.grad,
            h: s.h,
            lesson: if lesson_goes_on {
                s.lesson.clone()
            } else {
                String::new()
            },
            ..Settings::for_preset(p)
        });
        s.speed = speed;
    }

    /// Where the ball starts: (x0, y0, then the rest).
    pub fn start(&self) -> Point {
        let mut p = point(&[self.x0, self.y0]);
        p[2..].copy_from_slice(&self.rest);
        p
    }

    /// The start as text: one number per variable, comma-separated.
    pub fn start_text(&self) -> String {
        let c = self.start();
        let each: Vec<String> = c[..self.dim()]
            .iter()
            .map(|&v| crate::fmt::float(v))
            .collect();
        crate::fmt::join(&each, ",")
    }

    /// Follows the lesson `key`: its settings, this page's way of showing them. Any other key
    /// leaves the lesson.
    pub(super) fn follow(&mut self, key: &str) {
        match scenario(key) {
            Some(l) => {
                *self = self.keep_page(Settings {
                    lesson: key.into(),
                    ..l.settings()
                })
            }
            None => self.lesson.clear(),
        }
    }

    /// Sets the start's coordinates from `c`, in order; those not given keep their values.
    pub fn set_start(&mut self, c: &[f64]) {
        let mut p = self.start();
        for (to, &v) in p.iter_mut().zip(c) {
            *to = v;
        }
        (self.x0, self.y0) = (p[0], p[1]);
        self.rest.copy_from_slice(&p[2..]);
    }

    /// The function shown: the typed one when it parses, else the preset (what a page opened
    /// from a link with a broken function shows).
    pub(super) fn shown(&self) -> Function {
        self.function().unwrap_or_else(|_| self.preset_function())
    }

    /// The preset's function: a fit's preset's is its loss over its data.
    pub fn preset_function(&self) -> Function {
        match self.fitted() {
            Some(f) => Function::Fit(Arc::new(f)),
            None => Function::Preset(self.preset),
        }
    }

    /// The number of variables of the function shown.
    pub fn dim(&self) -> usize {
        self.shown().dim()
    }

    /// `next`, keeping this one's way of showing things: which controls, presenter mode,
    /// speed, explanations.
    pub(super) fn keep_page(&self, next: Settings) -> Settings {
        Settings {
            hide: self.hide.clone(),
            controls: self.controls.clone(),
            presenter: self.presenter,
            speed: self.speed,
            explain: self.explain,
            three_d: self.three_d,
            yaw: self.yaw,
            pitch: self.pitch,
            ..next
        }
    }

    /// Whether the page shows the control of `key`, by `controls` and `hide`.
    pub fn shows(&self, key: &str) -> bool {
        let listed = |list: &str| list.split(',').any(|k| k.trim() == key);
        (self.controls.trim().is_empty() || listed(&self.controls)) && !listed(&self.hide)
    }

    /// The methods that run: the race's, or the one method.
    pub fn methods(&self) -> Vec<Method> {
        let race: Vec<Method> = self.race.split(',').filter_map(Method::named).collect();
        if race.is_empty() {
            vec![self.method]
        } else {
            race
        }
    }

    /// Each run's hyper-parameters: one run, or one per method in a race, where momentum and
    /// Nesterov race with β = [`RACE_MOMENTUM`] unless the momentum is above 0 (with none they
    /// would only repeat plain descent).
    pub fn lanes(&self) -> Vec<Hyper> {
        let methods = self.methods();
        let racing = methods.len() > 1;
        methods
            .into_iter()
            .map(|method| {
                let mut hyper = Hyper {
                    method,
                    ..self.hyper()
                };
                if racing && method.uses_momentum() && hyper.momentum == 0.0 {
                    hyper.momentum = RACE_MOMENTUM;
                }
                hyper
            })
            .collect()
    }

    /// The function to minimise: the typed one if any, else the preset.
    pub fn function(&self) -> Result<Function, ExprError> {
        if self.expr.trim().is_empty() {
            Ok(self.preset_function())
        } else {
            Expr::parse(&self.expr).map(|e| Function::Typed(Arc::new(e)))
        }
    }

    /// The formula currently minimised, as text.
    pub fn formula(&self) -> &str {
        if self.expr.trim().is_empty() {
            self.preset.formula()
        } else {
            &self.expr
        }
    }

    pub fn hyper(&self) -> Hyper {
        Hyper {
            method: self.method,
            lr: self.lr,
            momentum: self.momentum,
            decay: self.decay,
            schedule: self.schedule(),
            warmup: self.warmup,
        }
    }

    /// The schedule: its kind, with the step size, or the step budget as a cosine's period.
    pub fn schedule(&self) -> Schedule {
        match self.schedule {
            "step" => Schedule::Step {
                size: self.stepsize,
            },
            "cosine" => Schedule::Cosine { period: self.steps },
            _ => Schedule::Exp,
        }
    }

    /// Whether the control of `key` means anything with the other settings: the step size
    /// only with a step schedule, the decay not with a cosine one, the start's sliders or its
    /// box by the number of variables `dim` of the function shown ([`Settings::dim`]; the
    /// caller passes it, so that asking for every control parses a typed function once).
    pub fn matters(&self, key: &str, dim: usize) -> bool {
        match key {
            "stepsize" => self.schedule == "step",
            "decay" => self.schedule().uses_decay(),
            // Sliders start a curve or a surface; a Start box takes three numbers or more.
            "x0" | "y0" => dim <= 2,
            "start" => dim > 2,
            // z0 is the command line's (and old links'), written as start.
            "z0" => false,
            "within" => self.goal.is_finite(),
            // A fit's settings, with a fit's preset (the loss: a line's).
            "loss" => self.preset == Preset::LineFit && self.expr.trim().is_empty(),
            "batch" | "seed" | "data" => {
                self.preset.model().is_some() && self.expr.trim().is_empty()
            }
            _ => true,
        }
    }

    pub fn domain(&self) -> Domain {
        Domain::new([self.xmin, self.xmax], [self.ymin, self.ymax])
    }

    /// Where a surface typed over a curve should start in y: from the curve's start on the x
    /// axis the ball would roll along the axis, a path of one variable; halfway from the
    /// middle of the view to its top, both coordinates move.
    pub fn off_axis_y0(&self) -> f64 {
        0.25 * self.ymin + 0.75 * self.ymax
    }

    /// How a run of these settings is set up: the start, the budget, the view and the gradient;
    /// it stops early when |∇f| < `tolerance` and keeps at most `keep` rows.
    pub fn run_config(&self, tolerance: f64, keep: usize) -> RunConfig {
        RunConfig {
            tolerance,
            gradient: self.grad,
            h: self.h,
            keep,
            start: self.start(),
            batch: self.batch as usize,
            seed: self.seed,
            ..RunConfig::new(&[], self.steps, self.domain())
        }
    }

    /// The race these settings describe on `function`: one run, or one per method of the race
    /// (see [`Settings::lanes`]), each from the start, none stepped yet. The one builder of
    /// runs: the page and the command line both call it, so their numbers are the same.
    pub fn race(
        &self,
        function: Function,
        tolerance: f64,
        keep: usize,
    ) -> Result<Race, HyperError> {
        let optimizers = self
            .lanes()
            .into_iter()
            .map(Hyper::build)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Race::new(
            function,
            &optimizers,
            self.run_config(tolerance, keep),
        ))
    }
}

/// For tests: the settings `pairs` describe (every pair usable), and their race run to its
/// end, stopping early where |∇f| < `tolerance`.
#[cfg(test)]
pub(crate) fn finished(pairs: &[(&str, &str)], tolerance: f64) -> (Settings, Race) {
    let (s, notes) = Settings::from_pairs(pairs.iter().copied(), Mode::Strict);
    assert!(notes.is_empty(), "{notes:?}");
    let mut race = s
        .race(s.function().expect("a function"), tolerance, usize::MAX)
        .expect("a race");
    race.advance(u64::MAX);
    (s, race)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_preset_keeps_how_the_page_shows_things() {
        let (mut s, _) = Settings::from_pairs(
            [
                ("hide", "decay"),
                ("controls", "lr,decay,preset"),
                ("presenter", "1"),
                ("speed", "9"),
            ],
            Mode::Strict,
        );
        s.apply("preset", "wells", Mode::Strict).unwrap();
        assert_eq!(
            (s.hide.as_str(), s.controls.as_str()),
            ("decay", "preset,lr,decay")
        );
        assert!(s.presenter);
        assert_eq!(s.speed, 9.0);
        s.apply("lesson", "notch", Mode::Strict).unwrap();
        assert_eq!(
            (s.speed, s.hide.as_str()),
            (9.0, "decay"),
            "a lesson keeps them too"
        );
    }

    #[test]
    fn a_run_is_configured_from_the_settings() {
        let (s, _) = Settings::from_pairs(
            [
                ("preset", "bowl"),
                ("grad", "central"),
                ("h", "0.001"),
                ("steps", "7"),
            ],
            Mode::Strict,
        );
        let c = s.run_config(1e-4, 99);
        assert_eq!(
            (c.start, c.steps, c.tolerance, c.keep),
            (point(&[2.5, 2.0]), 7, 1e-4, 99)
        );
        assert_eq!((c.gradient, c.h), (Gradient::Central, 0.001));
        assert_eq!(c.domain, s.domain());
    }

    #[test]
    fn shown_controls_follow_controls_and_hide() {
        let mut s = Settings::default();
        assert!(s.shows("lr") && s.shows("decay"));
        s.controls = "lr, decay".into();
        assert!(s.shows("lr") && s.shows("decay") && !s.shows("momentum"));
        s.hide = "decay".into();
        assert!(s.shows("lr") && !s.shows("decay"));
    }

    #[test]
    fn a_race_is_a_list_of_methods_in_their_own_order() {
        let mut s = Settings::default();
        assert_eq!(s.methods(), vec![Method::Gd]);
        s.apply("race", "adam, gd,adam", Mode::Lenient).unwrap();
        assert_eq!(s.race, "gd,adam");
        assert_eq!(s.methods(), vec![Method::Gd, Method::Adam]);
        let e = s.apply("race", "gd,sgd", Mode::Lenient).unwrap_err();
        assert_eq!(
            e.message,
            "Race: unknown 'sgd': choose among gd, momentum, nesterov, adagrad, rmsprop, adam"
        );
        assert!(s.apply("hide", "lr,nope", Mode::Lenient).is_err());
        s.apply("race", "", Mode::Strict).unwrap();
        assert_eq!(s.methods(), vec![Method::Gd]);
    }

    #[test]
    fn a_race_runs_each_method_and_momentum_races_rolling() {
        let mut s = Settings::default();
        assert_eq!(s.lanes(), vec![s.hyper()], "no race: the one method");
        s.apply("race", "gd,momentum,nesterov,adam", Mode::Strict)
            .unwrap();
        let lanes = s.lanes();
        let methods: Vec<Method> = lanes.iter().map(|h| h.method).collect();
        assert_eq!(
            methods,
            [Method::Gd, Method::Momentum, Method::Nesterov, Method::Adam]
        );
        assert_eq!(
            lanes.iter().map(|h| h.momentum).collect::<Vec<_>>(),
            [0.0, RACE_MOMENTUM, RACE_MOMENTUM, 0.0]
        );
        s.apply("momentum", "0.5", Mode::Strict).unwrap();
        assert!(s.lanes().iter().all(|h| h.momentum == 0.5 && h.lr == s.lr));
    }

    #[test]
    fn a_surface_typed_over_a_curve_starts_off_the_axis() {
        let mut s = Settings::default();
        assert_eq!(s.off_axis_y0(), 5.0, "{:?}", (s.ymin, s.ymax));
        s.apply("ymin", "-1", Mode::Strict).unwrap();
        s.apply("ymax", "3", Mode::Strict).unwrap();
        assert_eq!(s.off_axis_y0(), 2.0);
    }
}

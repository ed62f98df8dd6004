//! What the page says about a race at a step: the status line, the line under it, the legend,
//! the plot's accessible description, the titles, and the trace table. All of it is plain text,
//! written here so that it is tested natively; the web layer only puts it in place.

use super::stop::explain;
use crate::fmt::{brief, lhs, place, pretty, readable};
use crate::objective::preset::Domain;
use crate::objective::{norm, Objective};
use crate::run::Race;

/// The keys, as the line under the status says them while the balls can still move.
pub const KEYS: &str = "Space plays or pauses · → steps · ← steps back · R resets";

/// The status line at step `t` of a budget of `steps`: where the ball is, f, the slope and the
/// learning rate; in a race, the leader.
pub fn status(race: &Race, t: usize, steps: u64) -> String {
    let (dim, names) = (race.dim(), race.names());
    if race.racing() {
        return match race.leader(t) {
            Some(l) => {
                let r = l.at(t);
                format!(
                    "step {t} of {steps} · leader: {} at {}, f = {}",
                    l.method().label(),
                    place(&r.x, names),
                    brief(r.f)
                )
            }
            None => format!("step {t} of {steps}"),
        };
    }
    let Some(r) = race.lanes().first().map(|l| l.at(t)) else {
        return format!("step {t} of {steps}");
    };
    let slope = if dim == 1 {
        format!("f′(x) = {}", brief(r.g[0]))
    } else {
        format!("|∇f| = {}", brief(norm(&r.g)))
    };
    let mut line = format!(
        "step {} of {steps} · {} · {} = {} · {slope} · η = {}",
        r.step,
        place(&r.x, names),
        lhs(names),
        brief(r.f),
        brief(r.lr)
    );
    // A stochastic fit's steps take one mini-batch each: say which pass over the data.
    let run = &race.lanes()[0].runner;
    if run.sampled() {
        let epoch = crate::fit::epoch(r.step, run.config().batch, race.function().points());
        line.push_str(&format!(" · epoch {epoch}"));
    }
    line
}

/// The line under the status: with the balls at rest at the end, why each run stopped (for a
/// single run, with the likely cause of a divergence); otherwise the keys.
pub fn reason(race: &Race, at_end: bool, domain: Domain) -> String {
    if !at_end {
        return KEYS.into();
    }
    if race.racing() {
        let each: Vec<String> = race
            .lanes()
            .iter()
            .map(|l| {
                let stop = l.runner.stop().map_or("running".into(), |s| s.to_string());
                format!("{}: {stop}", l.method().label())
            })
            .collect();
        return crate::fmt::join(&each, " · ");
    }
    match race.lanes().first() {
        Some(l) => match l.runner.stop() {
            Some(stop) => explain(
                stop,
                l.runner.trajectory(),
                race.function(),
                l.runner.optimizer().hyper(),
                domain,
            ),
            None => KEYS.into(),
        },
        None => KEYS.into(),
    }
}

/// A race's legend at step `t`: for each method its key and "Adam: f = 0.12", with why it
/// stopped once its ball has.
pub fn legend(race: &Race, t: usize) -> Vec<(&'static str, String)> {
    race.lanes()
        .iter()
        .map(|l| {
            let stop = match l.runner.stop() {
                Some(s) if l.ended_at(t) => format!(" · {s}"),
                _ => String::new(),
            };
            let text = format!("{}: f = {}{stop}", l.method().label(), brief(l.at(t).f));
            (l.method().key(), text)
        })
        .collect()
}

/// The function as a heading: "f(x) = x² − 8x + 4".
pub fn heading(names: &[&str], formula: &str) -> String {
    format!("{} = {}", lhs(names), pretty(formula))
}

/// The loss chart's title: "f(x) at each step".
pub fn loss_title(names: &[&str]) -> String {
    format!("{} at each step", lhs(names))
}

/// What the plot shows, for a screen reader: the function and where the ball is; for the 3-D
/// view (`seen`: its yaw and pitch in degrees), the angles too and the ball's height.
pub fn plot_label(race: &Race, t: usize, formula: &str, seen: Option<(f64, f64)>) -> String {
    let names = race.names();
    let at = race.lanes().first().map_or(String::new(), |l| {
        let r = l.at(t);
        let height = match seen {
            Some(_) => format!(", where {} = {}", lhs(names), brief(r.f)),
            None => String::new(),
        };
        format!(" with the ball at {}{height}", place(&r.x, names))
    });
    match seen {
        Some((yaw, pitch)) => format!(
            "3-D surface of {}, seen from yaw {}° and pitch {}°,{at}",
            heading(names, formula),
            brief(yaw),
            brief(pitch)
        ),
        None => format!("Plot of {}{at}", heading(names, formula)),
    }
}

/// The page's trace table: the rows `descent trace` prints, at six decimals, with η and (up to
/// two variables) `curv`, η·f″.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceTable {
    pub heads: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Says what the table leaves out, if anything.
    pub caption: Option<String>,
}

/// The first `limit` rows of the first (or only) run; a caption says when a race's other runs
/// or later rows are only in the CSV.
pub fn table(race: &Race, limit: usize) -> TraceTable {
    let names = race.names();
    let dim = names.len();
    let mut heads = vec!["step".to_string()];
    for n in names {
        heads.push(n.to_string());
    }
    match names {
        [_] => heads.extend(["f(x)".into(), "f′(x)".into()]),
        _ => {
            heads.push(lhs(names));
            for n in names {
                heads.push(format!("∂f/∂{n}"));
            }
        }
    }
    heads.push("η".into());
    if dim <= 2 {
        heads.push("curv".into());
    }
    let Some(first) = race.lanes().first() else {
        return TraceTable {
            heads,
            rows: Vec::new(),
            caption: None,
        };
    };
    let all = first.rows();
    let rows = all
        .iter()
        .take(limit)
        .map(|r| {
            let mut cells = vec![r.step.to_string()];
            for part in [&r.x[..dim], &[r.f], &r.g[..dim], &[r.lr]] {
                for &v in part {
                    cells.push(readable(v));
                }
            }
            cells.extend(super::step::curv(race.function(), r).map(readable));
            cells
        })
        .collect();
    let mut notes = Vec::new();
    if race.racing() {
        notes.push(format!(
            "{}'s run; Copy CSV copies every method's.",
            first.method().label()
        ));
    }
    if all.len() > limit {
        notes.push(format!(
            "The first {limit} of {} rows; Copy CSV copies them all.",
            all.len()
        ));
    }
    TraceTable {
        heads,
        rows,
        caption: (!notes.is_empty()).then(|| crate::fmt::join(&notes, " ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn race(pairs: &[(&str, &str)]) -> (Settings, Race) {
        crate::settings::finished(pairs, 1e-4)
    }

    #[test]
    fn a_single_run_says_where_the_ball_is_and_why_it_stopped() {
        let (s, r) = race(&[]);
        assert_eq!(
            status(&r, 1, s.steps),
            "step 1 of 30 · x = 6.4 · f(x) = 40.96 · f′(x) = 12.8 · η = 0.1"
        );
        assert_eq!(reason(&r, false, s.domain()), KEYS);
        assert_eq!(reason(&r, true, s.domain()), "step budget spent: 30 steps");
        assert_eq!(
            plot_label(&r, 0, s.formula(), None),
            "Plot of f(x) = x² with the ball at x = 8"
        );
        assert_eq!(
            plot_label(&r, 0, s.formula(), Some((-60.0, 30.5))),
            "3-D surface of f(x) = x², seen from yaw −60° and pitch 30.5°, with the ball at \
             x = 8, where f(x) = 64"
        );
        assert_eq!(loss_title(&["x", "y"]), "f(x, y) at each step");
        let (s, r) = race(&[
            ("preset", "post-quadratic"),
            ("lr", "1.06"),
            ("steps", "100"),
        ]);
        assert!(
            reason(&r, true, s.domain()).contains("η·f″ = 2.12 > 2"),
            "{}",
            reason(&r, true, s.domain())
        );
    }

    #[test]
    fn a_surface_gives_the_gradient_s_length() {
        let (s, r) = race(&[("preset", "bowl")]);
        let t = table(&r, 31);
        assert_eq!(t.heads.len(), 8);
        // The bowl x² + y² has Hessian 2·I: curv = 0.1 × 2.
        assert_eq!(
            t.rows[1],
            [
                "1", "2.000000", "1.600000", "6.560000", "4.000000", "3.200000", "0.100000",
                "0.200000"
            ]
        );
        assert_eq!(t.caption, None, "31 rows: all of them");
        let line = status(&r, 0, s.steps);
        assert!(
            line.starts_with("step 0 of 30 · (x, y) = (2.5, 2) · f(x, y) = 10.25 · |∇f| = 6.4031"),
            "{line}"
        );
    }

    #[test]
    fn a_race_names_its_leader_and_each_method_s_stop() {
        let (s, r) = race(&[("preset", "local"), ("race", "gd,adam"), ("steps", "60")]);
        assert!(status(&r, 60, s.steps).contains(" · leader: "));
        let why = reason(&r, true, s.domain());
        assert!(
            why.starts_with("Gradient descent: ") && why.contains(" · Adam: "),
            "{why}"
        );
        let items = legend(&r, 0);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], ("gd", "Gradient descent: f = 6".to_string()));
        let end = legend(&r, r.end());
        assert!(end[0].1.ends_with(" · step budget spent"), "{end:?}");
        let one = table(&race(&[]).1, 10);
        assert_eq!(one.heads, ["step", "x", "f(x)", "f′(x)", "η", "curv"]);
        assert_eq!(
            one.rows[1],
            [
                "1",
                "6.400000",
                "40.960000",
                "12.800000",
                "0.100000",
                "0.200000"
            ]
        );
        let t = table(&r, 10);
        assert_eq!(t.rows.len(), 10);
        assert_eq!(t.rows[0][0], "0");
        assert_eq!(
            t.caption.as_deref(),
            Some("Gradient descent's run; Copy CSV copies every method's. The first 10 of 61 rows; Copy CSV copies them all.")
        );
    }
}

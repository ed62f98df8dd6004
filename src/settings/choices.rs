//! The lists a menu or a set of check boxes chooses from, each read from where its items are
//! defined (the presets, the methods, the schedules, the lessons, the parameters themselves).

use super::scenario::SCENARIOS;
use super::table::PARAMS;
use crate::objective::{Gradient, Preset};
use crate::optim::{Method, Schedule};

pub(super) fn preset_choices() -> Vec<(&'static str, &'static str)> {
    Preset::ALL
        .iter()
        .map(|p| (p.name(), p.info().label))
        .collect()
}

pub(super) fn param_choices() -> Vec<(&'static str, &'static str)> {
    PARAMS.iter().map(|p| (p.key, p.label)).collect()
}

pub(super) fn lesson_choices() -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", "Choose a lesson…"))
        .chain(SCENARIOS.iter().map(|l| (l.key, l.title)))
        .collect()
}

pub(super) fn method_choices() -> Vec<(&'static str, &'static str)> {
    Method::ALL.iter().map(|m| (m.key(), m.label())).collect()
}

pub(super) fn schedule_choices() -> Vec<(&'static str, &'static str)> {
    Schedule::KEYS.to_vec()
}

pub(super) fn grad_choices() -> Vec<(&'static str, &'static str)> {
    Gradient::ALL.iter().map(|g| (g.key(), g.label())).collect()
}

/// The maps: a key for links, a name for the menu.
pub const MAPS: [(&str, &str); 4] = [
    ("none", "None"),
    ("basins", "Basins"),
    ("sweep", "Learning rate"),
    ("phase", "Momentum"),
];

pub(super) fn map_choices() -> Vec<(&'static str, &'static str)> {
    MAPS.to_vec()
}

/// The map called `key`, as its key.
pub(super) fn map_named(key: &str) -> Option<&'static str> {
    MAPS.iter().find(|(k, _)| *k == key).map(|(k, _)| *k)
}

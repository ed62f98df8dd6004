//! The lessons' scenarios: each a name, a title for the menu and the settings it starts from.
//! They live with the settings because a link may name one (`lesson=notch`), which sets the
//! rest; the captions that explain a lesson's live run are written in [`crate::lessons`].

use super::{Mode, Settings};
use crate::objective::Preset;

/// A lesson's starting point.
#[derive(Debug)]
pub struct Scenario {
    /// The key used in links and embed attributes (`lesson=notch`).
    pub key: &'static str,
    /// The words in the Lessons menu.
    pub title: &'static str,
    /// The settings it sets, as link pairs (applied in table order).
    pub pairs: &'static [(&'static str, &'static str)],
}

/// Every lesson's scenario, in menu order.
pub static SCENARIOS: &[Scenario] = &[
    Scenario {
        key: "crawl",
        title: "η too small: a crawl",
        pairs: &[
            ("preset", "post-quadratic"),
            ("lr", "0.01"),
            ("steps", "60"),
        ],
    },
    Scenario {
        key: "diverge",
        title: "η too large: divergence",
        pairs: &[
            ("preset", "post-quadratic"),
            ("lr", "1.06"),
            ("steps", "60"),
        ],
    },
    Scenario {
        key: "restarts",
        title: "Local or global: restarts",
        pairs: &[
            ("preset", "post-quartic"),
            ("x0", "0"),
            ("lr", "0.3"),
            ("steps", "100"),
        ],
    },
    Scenario {
        key: "notch",
        title: "Decay finds the notch",
        pairs: &[
            ("preset", "notch"),
            ("lr", "0.5"),
            ("decay", "0.95"),
            ("steps", "120"),
        ],
    },
    Scenario {
        key: "momentum",
        title: "Momentum rolls on",
        pairs: &[
            ("preset", "local"),
            ("method", "momentum"),
            ("momentum", "0.9"),
            ("lr", "0.01"),
            ("steps", "150"),
        ],
    },
    Scenario {
        key: "cosine",
        title: "Cosine annealing settles in the notch",
        pairs: &[
            ("preset", "notch"),
            ("lr", "0.5"),
            ("schedule", "cosine"),
            ("steps", "60"),
        ],
    },
];

/// The scenario called `key`.
pub fn scenario(key: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|l| l.key == key)
}

impl Scenario {
    /// The scenario's starting settings.
    pub fn settings(&self) -> Settings {
        let (s, _) = Settings::from_pairs(self.pairs.iter().copied(), Mode::Strict);
        s
    }

    /// The preset the lesson is about: while the page shows another function, the lesson ends.
    pub fn preset(&self) -> Option<Preset> {
        self.pairs
            .iter()
            .find(|(k, _)| *k == "preset")
            .and_then(|(_, v)| Preset::named(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_starts_from_valid_settings_of_its_preset() {
        for l in SCENARIOS {
            let (s, notes) = Settings::from_pairs(l.pairs.iter().copied(), Mode::Strict);
            assert!(notes.is_empty(), "{}: {notes:?}", l.key);
            assert_eq!(Some(s.preset), l.preset(), "{}", l.key);
            assert_eq!(s.lesson, "", "the pairs themselves name no lesson");
            assert_eq!(scenario(l.key).map(|x| x.key), Some(l.key));
        }
    }

    #[test]
    fn lessons_anchor_links_and_end_with_another_function() {
        let (s, _) = Settings::from_pairs([("lesson", "notch"), ("decay", "1")], Mode::Strict);
        assert_eq!(
            (s.preset, s.decay, s.lesson.as_str()),
            (Preset::Notch, 1.0, "notch")
        );
        let pairs = s.changed_pairs();
        assert_eq!(pairs[0], ("lesson", "notch".to_string()));
        assert_eq!(pairs[1], ("decay", "1".to_string()));
        assert_eq!(pairs.len(), 2);
        let mut t = s.clone();
        t.apply("preset", "quadratic", Mode::Strict).unwrap();
        assert!(t.lesson.is_empty());
        let mut t = s.clone();
        t.apply("f", "x^2", Mode::Strict).unwrap();
        assert!(t.lesson.is_empty());
    }
}

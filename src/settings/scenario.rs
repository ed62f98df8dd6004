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
    Scenario {
        key: "which-valley",
        title: "Which valley? Basins of a curve",
        pairs: &[
            ("preset", "local"),
            ("lr", "0.05"),
            ("steps", "300"),
            ("map", "basins"),
        ],
    },
    Scenario {
        key: "which-valley-wells",
        title: "Which valley? Basins of the wells",
        pairs: &[("preset", "wells"), ("steps", "200"), ("map", "basins")],
    },
    Scenario {
        key: "noisy-steps",
        title: "Noisy steps: one point at a time",
        pairs: &[
            ("preset", "line-fit"),
            ("batch", "1"),
            ("seed", "1"),
            ("lr", "0.05"),
            ("steps", "120"),
        ],
    },
    Scenario {
        key: "batch-size",
        title: "Batch size: how many points a step takes",
        pairs: &[
            ("preset", "line-fit"),
            ("batch", "8"),
            ("seed", "1"),
            ("lr", "0.1"),
            ("steps", "60"),
        ],
    },
    Scenario {
        key: "one-outlier",
        title: "One outlier: MSE, MAE or Huber",
        pairs: &[
            ("preset", "line-fit"),
            ("data", "-3,-0.3~-2.5,-0.4~-2,0.2~-1.5,0.1~-1,0.7~-0.5,0.6~0,1.2~0.5,1.1~1,1.7~1.5,1.6~2,2.2~2.5,2.1~3,2.7~2.5,-5"),
            ("lr", "0.1"),
            ("steps", "150"),
        ],
    },
    // Challenges: a goal to reach by changing the settings (the Lesson menu groups them).
    Scenario {
        key: "goldilocks",
        title: "The Goldilocks learning rate",
        pairs: &[
            ("preset", "post-quadratic"),
            ("lr", "0.01"),
            ("steps", "30"),
            ("goal", "-11.99"),
            ("within", "10"),
            ("map", "sweep"),
        ],
    },
    Scenario {
        key: "over-the-hill",
        title: "Over the hill with momentum",
        pairs: &[
            ("preset", "post-quartic"),
            ("x0", "-5"),
            ("method", "momentum"),
            ("momentum", "0.5"),
            ("lr", "0.3"),
            ("steps", "100"),
            ("goal", "-18"),
        ],
    },
    Scenario {
        key: "into-the-notch",
        title: "Into the notch with decay",
        pairs: &[
            ("preset", "notch"),
            ("lr", "0.5"),
            ("steps", "120"),
            ("goal", "-1.05"),
        ],
    },
];

/// The scenario called `key`.
pub fn scenario(key: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|l| l.key == key)
}

impl Scenario {
    /// Whether it is a challenge: it sets a goal.
    pub fn is_challenge(&self) -> bool {
        self.pairs.iter().any(|(k, _)| *k == "goal")
    }

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

    /// Each challenge fails from where it starts and is met by the change it asks for.
    #[test]
    fn every_challenge_is_missed_as_set_and_met_after_the_right_change() {
        use crate::words::challenge::verdict;
        let solved: [(&str, &[(&str, &str)]); 3] = [
            ("goldilocks", &[("lr", "0.5")]),
            ("over-the-hill", &[("momentum", "0.9"), ("lr", "2.2")]),
            ("into-the-notch", &[("decay", "0.95")]),
        ];
        for (key, change) in solved {
            let run = |extra: &[(&str, &str)]| {
                let pairs: Vec<(&str, &str)> = [("lesson", key)]
                    .into_iter()
                    .chain(extra.iter().copied())
                    .collect();
                let (s, race) = crate::settings::finished(&pairs, 1e-4);
                let within = if s.within == 0 { s.steps } else { s.within };
                verdict(&race, s.goal, within, race.end().max(within as usize))
            };
            assert!(run(&[]).unwrap().starts_with("Goal missed"), "{key} as set");
            assert!(
                run(change).unwrap().starts_with("Goal reached"),
                "{key} solved: {:?}",
                run(change)
            );
            assert!(scenario(key).unwrap().is_challenge());
        }
        assert!(!scenario("crawl").unwrap().is_challenge());
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

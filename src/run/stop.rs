//! Why a run stopped: the step budget, a vanishing gradient, or a divergence. The words for each
//! reason are written in [`crate::words`].

/// Which quantity stopped being a finite number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonFinite {
    Point,
    Value,
    Gradient,
}

/// Why a run stopped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stop {
    /// Every update of the budget was made.
    Budget,
    /// The gradient's length fell below the tolerance at this step.
    Converged { step: u64 },
    /// A value stopped being a finite number at this step.
    NotFinite { step: u64, what: NonFinite },
    /// The point went far outside the view at this step.
    Escaped { step: u64 },
}

impl Stop {
    pub fn diverged(&self) -> bool {
        matches!(self, Stop::NotFinite { .. } | Stop::Escaped { .. })
    }
}

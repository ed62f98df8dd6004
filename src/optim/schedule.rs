//! Learning-rate schedules: the rate of each update as a function of the step, as in optax,
//! with PyTorch's conventions so a student can check them against `torch.optim.lr_scheduler`.
//! t counts updates from 0; η_t is the rate of the update from row t to row t + 1.

/// How the learning rate changes from step to step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// η_t = η₀·γ^t (ExponentialLR): the default; γ = 1 keeps η₀.
    Exp,
    /// η_t = η₀·γ^⌊t/S⌋ (StepLR): γ once every `size` steps.
    Step { size: u64 },
    /// η_t = η₀·(1 + cos(π·t/T))/2 over a `period` of T steps (CosineAnnealingLR with η_min = 0,
    /// T the step budget): from η₀ down to 0 at the end.
    Cosine { period: u64 },
}

impl Schedule {
    /// The keys used in links, embed attributes and `--schedule`.
    pub const KEYS: [(&'static str, &'static str); 3] = [
        ("exp", "Exponential decay"),
        ("step", "Step decay"),
        ("cosine", "Cosine annealing"),
    ];

    /// The key of this kind of schedule.
    pub fn key(self) -> &'static str {
        match self {
            Schedule::Exp => "exp",
            Schedule::Step { .. } => "step",
            Schedule::Cosine { .. } => "cosine",
        }
    }

    /// Whether the decay γ takes part.
    pub fn uses_decay(self) -> bool {
        !matches!(self, Schedule::Cosine { .. })
    }
}

/// γ^n, exactly as `powi` computes it where n fits (and `powf` beyond).
fn power(gamma: f64, n: u64) -> f64 {
    match i32::try_from(n) {
        Ok(n) => gamma.powi(n),
        Err(_) => gamma.powf(n as f64),
    }
}

/// η_t: the learning rate of update `t` for a base rate `lr0`, decay `gamma`, `schedule` and
/// linear warmup over the first `warmup` updates (the rate times (t + 1)/W while t < W; 0
/// means none).
pub fn rate(lr0: f64, gamma: f64, schedule: Schedule, warmup: u64, t: u64) -> f64 {
    let base = match schedule {
        Schedule::Exp if gamma == 1.0 => lr0,
        Schedule::Exp => lr0 * power(gamma, t),
        Schedule::Step { size } => lr0 * power(gamma, t / size.max(1)),
        Schedule::Cosine { period } => {
            let progress = t.min(period) as f64 / period.max(1) as f64;
            lr0 * (1.0 + (std::f64::consts::PI * progress).cos()) / 2.0
        }
    };
    if t < warmup {
        base * (t + 1) as f64 / warmup as f64
    } else {
        base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_decay_multiplies_by_gamma_each_step() {
        assert_eq!(rate(0.5, 1.0, Schedule::Exp, 0, 1_000_000), 0.5);
        assert_eq!(rate(0.5, 0.5, Schedule::Exp, 0, 0), 0.5);
        assert_eq!(rate(0.5, 0.5, Schedule::Exp, 0, 3), 0.0625);
        assert_eq!(rate(1.0, 0.9, Schedule::Exp, 0, 10_000_000_000), 0.0);
    }

    #[test]
    fn step_decay_multiplies_by_gamma_once_every_size_steps() {
        let s = Schedule::Step { size: 3 };
        let rows: Vec<f64> = (0..7).map(|t| rate(0.8, 0.5, s, 0, t)).collect();
        assert_eq!(rows, [0.8, 0.8, 0.8, 0.4, 0.4, 0.4, 0.2]);
        // A size of 1 is exponential decay.
        for t in 0..20 {
            assert_eq!(
                rate(0.8, 0.9, Schedule::Step { size: 1 }, 0, t),
                rate(0.8, 0.9, Schedule::Exp, 0, t)
            );
        }
    }

    #[test]
    fn cosine_annealing_goes_from_the_base_rate_to_zero_over_the_budget() {
        let s = Schedule::Cosine { period: 4 };
        let rows: Vec<f64> = (0..=5).map(|t| rate(1.0, 0.5, s, 0, t)).collect();
        let half = 0.5 + 0.5 * std::f64::consts::FRAC_1_SQRT_2;
        assert_eq!(rows[0], 1.0);
        assert!((rows[1] - half).abs() < 1e-15, "{rows:?}");
        assert!((rows[2] - 0.5).abs() < 1e-15, "{rows:?}");
        assert!((rows[3] - (1.0 - half)).abs() < 1e-15, "{rows:?}");
        assert_eq!(rows[4], 0.0);
        assert_eq!(rows[5], 0.0, "past the budget it stays at 0");
        assert!(!s.uses_decay() && Schedule::Exp.uses_decay());
    }

    #[test]
    fn warmup_ramps_the_rate_up_over_its_first_steps() {
        let rows: Vec<f64> = (0..6)
            .map(|t| rate(0.8, 1.0, Schedule::Exp, 4, t))
            .collect();
        assert_eq!(rows, [0.2, 0.4, 0.6000000000000001, 0.8, 0.8, 0.8]);
        // With a schedule: the two multiply.
        assert_eq!(rate(0.8, 0.5, Schedule::Step { size: 1 }, 2, 1), 0.4 * 1.0);
        assert_eq!(rate(0.8, 0.5, Schedule::Step { size: 1 }, 4, 1), 0.4 * 0.5);
    }

    #[test]
    fn keys_name_each_kind() {
        assert_eq!(Schedule::Step { size: 9 }.key(), "step");
        assert_eq!(Schedule::Cosine { period: 9 }.key(), "cosine");
        assert_eq!(Schedule::Exp.key(), "exp");
        let keys: Vec<&str> = Schedule::KEYS.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["exp", "step", "cosine"]);
    }
}

//! Learning-rate schedules: functions of the step, as in optax.

/// Exponential decay, η_t = η₀·γ^t: the learning rate of update number `t` (from 0).
/// γ = 1 means no decay.
pub fn decayed(lr0: f64, gamma: f64, t: u64) -> f64 {
    if gamma == 1.0 {
        return lr0;
    }
    match i32::try_from(t) {
        Ok(t) => lr0 * gamma.powi(t),
        Err(_) => lr0 * gamma.powf(t as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decays_geometrically() {
        assert_eq!(decayed(0.5, 1.0, 1_000_000), 0.5);
        assert_eq!(decayed(0.5, 0.5, 0), 0.5);
        assert_eq!(decayed(0.5, 0.5, 3), 0.0625);
        assert_eq!(decayed(1.0, 0.9, 10_000_000_000), 0.0);
    }
}

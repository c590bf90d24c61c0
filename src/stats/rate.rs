//! Percentages of the report and of the Decision 766 indicators, computed one way.

/// `num / den × 100` rounded half-up to 2 decimals; `None` when `den` is 0.
///
/// Computed in integers, so that a rate is the same in every build and never shows a binary
/// fraction (`99.19`, not `99.18999…`).
pub(crate) fn rate(num: u64, den: u64) -> Option<f64> {
    if den == 0 {
        return None;
    }
    let (n, d) = (u128::from(num), u128::from(den));
    let hundredths = (n * 20_000 + d) / (2 * d);
    Some(hundredths as f64 / 100.0)
}

/// `x` rounded to 2 decimals (averages).
pub(crate) fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_round_half_up_and_zero_denominators_are_none() {
        assert_eq!(rate(1, 3), Some(33.33));
        assert_eq!(rate(2, 3), Some(66.67));
        assert_eq!(rate(1, 8), Some(12.5));
        assert_eq!(rate(1, 80_000), Some(0.0));
        assert_eq!(rate(1, 40_000), Some(0.0));
        assert_eq!(rate(1, 20_000), Some(0.01));
        assert_eq!(rate(0, 0), None);
    }
}

//! How sure a measured share is (`docs/calibrate.md`, "How sure"): the
//! 90% Wilson score interval of `k` successes in `n` trials. Wilson, not
//! the normal approximation, because agent shares sit near 0 or 1 where
//! the normal interval leaves `[0, 1]` and collapses to a point at `k = n`.

/// The two-sided 90% normal quantile the spec fixes (not 1.645: the
/// figures must match what the spec's readers compute).
pub const Z_90: f64 = 1.6449;

/// The default of `--min-sample`: a figure resting on fewer attempts
/// (sessions, changes or pull requests) is reported, not written. The
/// spec's ten; even there a share's 90% interval is 0.21 to 0.46 wide.
pub const MIN_SAMPLE: u64 = 10;

/// The 90% Wilson interval `(low, high)` of `k` of `n`, inside `[0, 1]`;
/// `None` when `n` is 0 (no trials, no share). `k` above `n` is a caller's
/// bug; it is taken as `n` rather than giving bounds outside `[0, 1]`.
pub fn wilson_90(k: u64, n: u64) -> Option<(f64, f64)> {
    wilson(k, n, Z_90)
}

fn wilson(k: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let k = k.min(n);
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denominator;
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denominator;
    // At k = 0 and k = n the bound is exactly 0 or 1; rounding would
    // otherwise leave 1e-17 or 0.9999999999999999 there.
    let low = if k == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if k == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Some((low, high))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected bounds computed independently, in Python, from the roots
    /// of `(1 + z²/n)·q² − (2·p + z²/n)·q + p² = 0` (the Wilson bounds are
    /// where `|p − q| = z·√(q(1−q)/n)`), z = 1.6449:
    ///
    /// ```text
    /// from math import sqrt
    /// z = 1.6449
    /// def roots(k, n):
    ///     p = k / n; a = 1 + z*z/n; b = -(2*p + z*z/n); c = p*p
    ///     d = sqrt(b*b - 4*a*c)
    ///     return (-b - d) / (2*a), (-b + d) / (2*a)
    /// ```
    const CASES: &[(u64, u64, f64, f64)] = &[
        (0, 10, 0.0, 0.212_951_420_2),
        (10, 10, 0.787_048_579_8, 1.0),
        (58, 60, 0.904_153_177_1, 0.988_907_638_2),
        (2, 120, 0.005_530_614_2, 0.049_117_998_1),
        (1, 1, 0.269_854_839_0, 1.0),
        (0, 1, 0.0, 0.730_145_161_0),
        (5, 10, 0.269_266_701_5, 0.730_733_298_5),
        (118, 120, 0.950_882_001_9, 0.994_469_385_8),
        (60, 80, 0.663_075_480_2, 0.820_567_145_8),
        (9, 12, 0.512_655_195_5, 0.895_349_974_4),
        (3, 4, 0.356_159_104_9, 0.942_094_797_0),
    ];

    #[test]
    fn matches_independently_computed_bounds() {
        for &(k, n, low, high) in CASES {
            let (got_low, got_high) = wilson_90(k, n).unwrap();
            assert!(
                (got_low - low).abs() < 1e-9 && (got_high - high).abs() < 1e-9,
                "k={k} n={n}: got ({got_low}, {got_high}), want ({low}, {high})"
            );
        }
    }

    #[test]
    fn min_sample_is_the_specs_ten_where_intervals_are_still_wide() {
        assert_eq!(MIN_SAMPLE, 10);
        let widths: Vec<f64> = (0..=MIN_SAMPLE)
            .map(|k| wilson_90(k, MIN_SAMPLE).map_or(1.0, |(low, high)| high - low))
            .collect();
        let narrowest = widths.iter().copied().fold(f64::INFINITY, f64::min);
        let widest = widths.iter().copied().fold(0.0, f64::max);
        assert_eq!(
            (format!("{narrowest:.2}"), format!("{widest:.2}")),
            ("0.21".into(), "0.46".into())
        );
    }

    #[test]
    fn no_trials_no_interval() {
        assert_eq!(wilson_90(0, 0), None);
    }

    #[test]
    fn ends_are_exact_and_bounds_hold_the_share() {
        assert_eq!(wilson_90(0, 7).unwrap().0, 0.0);
        assert_eq!(wilson_90(7, 7).unwrap().1, 1.0);
        for n in 1..=60 {
            for k in 0..=n {
                let (low, high) = wilson_90(k, n).unwrap();
                let share = k as f64 / n as f64;
                assert!(0.0 <= low && low <= share && share <= high && high <= 1.0);
            }
        }
    }

    #[test]
    fn symmetric_in_successes_and_failures() {
        for (k, n) in [(3, 17), (0, 5), (40, 41)] {
            let (low, high) = wilson_90(k, n).unwrap();
            let (low_c, high_c) = wilson_90(n - k, n).unwrap();
            assert!((low - (1.0 - high_c)).abs() < 1e-12);
            assert!((high - (1.0 - low_c)).abs() < 1e-12);
        }
    }

    #[test]
    fn the_spec_example_rounds_to_its_figures() {
        // `pull_requests` in the spec: 60 of 80 -> [0.66, 0.82].
        let (low, high) = wilson_90(60, 80).unwrap();
        assert_eq!(
            (format!("{low:.2}"), format!("{high:.2}")),
            ("0.66".into(), "0.82".into())
        );
    }
}

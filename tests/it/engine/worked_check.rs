//! The worked check of `cost-model.md`: strong at 30.50 and cheap at
//! 78.45, and every other figure of both rows from the formulas by hand
//! (no baseline and no volume, so those figures have no value).

use crate::support::close;
use crate::support::worked::{cheap, strong};
use costlens::model::{Figures, Scenario};

/// name, figures, [C_tok, A, n, R, L], review per merge, tokens per merge, P90 attempts.
type ExpectedRow<'a> = (&'a str, &'a Figures, [f64; 5], f64, f64, u64);

#[test]
fn worked_check_reports_30_50_and_78_45() {
    let scenario = Scenario::default();
    let strong_figures = strong().figures(&scenario);
    let cheap_figures = cheap().figures(&scenario);
    assert_eq!(
        format!("{:.2}", strong_figures.core.cost_per_merge),
        "30.50"
    );
    assert_eq!(format!("{:.2}", cheap_figures.core.cost_per_merge), "78.45");

    // Every other figure of both rows, from the formulas by hand.
    let rows: [ExpectedRow; 2] = [
        (
            "strong",
            &strong_figures,
            [0.24, 12.24, 1.0 / 0.72, 13.5, 30.5],
            16.666666666666668,
            48_000.0 / 0.72,
            2,
        ),
        (
            "cheap",
            &cheap_figures,
            [0.072, 22.072, 1.0 / 0.52, 36.0, 78.44615384615384],
            42.30769230769231,
            48_000.0 / 0.52,
            4,
        ),
    ];
    for (name, f, [c_tok, a, n, r, l], review, tokens, p90) in rows {
        let core = &f.core;
        close(core.cost_per_attempt, a, name);
        close(core.expected_attempts, n, name);
        close(core.regression_cost, r, name);
        close(core.cost_per_merge, l, name);
        close(core.token_cost_per_merge, n * c_tok, name);
        close(core.review_cost_per_merge, review, name);
        close(core.tokens_per_merge, tokens, name);
        close(f.token_share.unwrap(), n * c_tok / l, name);
        let risk = f.risk.as_ref().unwrap();
        assert_eq!(risk.p90_attempts, p90, "{name}");
        close(risk.p90_cost, p90 as f64 * a + r, name);
        // No baseline, no volume: those figures have no value.
        assert_eq!(risk.break_even_first_pass_rate, None);
        for absent in [
            f.baseline_cost,
            f.savings_per_merge,
            f.roi,
            f.review_to_generation,
            f.weekly_spend,
            f.weekly_net_saving,
            f.payback_weeks,
        ] {
            assert_eq!(absent, None, "{name}");
        }
        assert_eq!(core.spend_by_attempt.len(), 10);
        close(core.spend_by_attempt[0], a, name);
    }
}

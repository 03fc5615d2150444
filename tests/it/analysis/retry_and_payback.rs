//! Retrying (policy, all three cases) and payback.

use costlens::model::analysis::{
    Options, RetryPolicy, payback_of, retry_in_words, retry_of, retry_policy,
};
use costlens::model::{PriceBand, Scenario};

use crate::support::close;
use crate::support::worked::with_baseline;

use super::{L_CHEAP, run, strong_with, try_run, worked};

#[test]
fn retry_policy_by_the_sign_of_a_plus_pr_minus_pl0() {
    assert_eq!(retry_policy(10.0, 0.5, 0.0, 30.0), RetryPolicy::NoCap); // 10 - 15 < 0
    assert_eq!(retry_policy(20.0, 0.5, 0.0, 30.0), RetryPolicy::HumanOnly); // 20 - 15 > 0
    assert_eq!(retry_policy(15.0, 0.5, 0.0, 30.0), RetryPolicy::Indifferent); // 15 - 15 = 0
    assert_eq!(retry_policy(5.0, 0.5, 10.0, 20.0), RetryPolicy::Indifferent); // 5 + 5 - 10
}

#[test]
fn retrying_in_all_three_cases() {
    // No cap: strong at B = 3.5 (L_0 = 420): 12.24 + 0.72 * 13.5 - 0.72 * 420 < 0.
    let catalog = worked();
    let analysis = run(&catalog, &with_baseline(3.5), "strong", None);
    let retry = analysis.retry.as_ref().unwrap();
    assert_eq!(retry.policy, RetryPolicy::NoCap);
    assert_eq!(retry.cost_by_cap.len(), 10);
    // K = 1: A + p R + (1 - p) L_0; K = 2: A * 0.9216 / 0.72 + 0.9216 R + 0.0784 L_0.
    close(
        retry.cost_by_cap[0],
        12.24 + 0.72 * 13.5 + 0.28 * 420.0,
        "K = 1",
    );
    close(
        retry.cost_by_cap[1],
        12.24 * 0.9216 / 0.72 + 0.9216 * 13.5 + 0.0784 * 420.0,
        "K = 2",
    );
    let pays_above = 12.24 / (420.0 - 13.5);
    close(
        retry.pays_above_first_pass_rate.unwrap(),
        pays_above,
        "break-even",
    );
    assert_eq!(
        retry_in_words(retry),
        "retrying pays while first pass > 3.0%: no cap needed"
    );
    assert!(
        retry.cost_by_cap.windows(2).all(|w| w[1] < w[0]),
        "falls to L"
    );

    // Human only: B = 0.1 (L_0 = 12): 12.24 + 9.72 - 8.64 > 0; L_0 < R, so
    // there is no break-even rate either.
    let analysis = run(&catalog, &with_baseline(0.1), "strong", None);
    let retry = analysis.retry.as_ref().unwrap();
    assert_eq!(retry.policy, RetryPolicy::HumanOnly);
    assert_eq!(retry.pays_above_first_pass_rate, None);
    assert_eq!(
        retry_in_words(retry),
        "even one attempt costs more than a human: hand it over"
    );
    assert!(
        retry.cost_by_cap.windows(2).all(|w| w[1] > w[0]),
        "rises to L"
    );

    // Indifferent, exactly: no tokens, p = 0.5, m = 7.5 so A = 7.5 * 120 / 60
    // = 15, s = 1 so R = 0, B = 0.25 so L_0 = 30: 15 + 0 - 0.5 * 30 = 0, and
    // every cap costs L_0 = L = 30.
    let even = strong_with(|m| {
        m.prices = PriceBand::new(0.0, 0.0);
        m.quality.first_pass_rate = 0.5;
        m.quality.review_minutes = 7.5;
        m.quality.survive_rate = 1.0;
    });
    let retry = retry_of(&even, &with_baseline(0.25)).unwrap();
    assert_eq!(retry.policy, RetryPolicy::Indifferent);
    assert!(retry.cost_by_cap.iter().all(|&cost| cost == 30.0));
    assert!(retry_in_words(&retry).contains("costs what it saves"));

    // No baseline: no retry.
    let analysis = run(&catalog, &Scenario::default(), "strong", None);
    assert_eq!(analysis.retry, None);
}

// ---- payback ------------------------------------------------------------------

#[test]
fn payback_with_and_without_a_saving() {
    // strong: 40 * (420 - 30.5) - 2000 * 12 / 52 per week, 15000 to start.
    let scenario = Scenario {
        baseline_hours: Some(3.5),
        changes_per_week: Some(40.0),
        platform_cost_per_month: 2000.0,
        setup_cost: 15_000.0,
        ..Scenario::default()
    };
    let catalog = worked();
    let analysis = run(&catalog, &scenario, "strong", None);
    let payback = analysis.payback.as_ref().unwrap();
    let weekly = 40.0 * (420.0 - 30.5) - 2000.0 * 12.0 / 52.0;
    close(payback.weekly_net_saving, weekly, "weekly");
    close(payback.payback_weeks.unwrap(), 15_000.0 / weekly, "weeks");
    assert_eq!(payback.cumulative_net_saving.len(), 27);
    assert_eq!(payback.cumulative_net_saving[0], -15_000.0);
    close(
        payback.cumulative_net_saving[26],
        26.0 * weekly - 15_000.0,
        "week 26",
    );

    // cheap at B = 0.7 (L_0 = 84): 40 * (84 - 78.446) - 461.54 < 0.
    let short = Scenario {
        baseline_hours: Some(0.7),
        ..scenario.clone()
    };
    let analysis = try_run(
        &catalog,
        &short,
        "cheap",
        None,
        Options {
            step: 0.2,
            weeks: 4,
        },
    )
    .unwrap();
    let payback = analysis.payback.as_ref().unwrap();
    let weekly = 40.0 * (0.7 * 120.0 - L_CHEAP) - 2000.0 * 12.0 / 52.0;
    assert!(weekly < 0.0);
    close(payback.weekly_net_saving, weekly, "weekly, a loss");
    assert_eq!(payback.payback_weeks, None);
    assert_eq!(payback.cumulative_net_saving.len(), 5);
    close(
        payback.cumulative_net_saving[4],
        4.0 * weekly - 15_000.0,
        "week 4",
    );

    // No volume, or no baseline: no payback.
    for missing in [
        Scenario {
            changes_per_week: None,
            ..scenario.clone()
        },
        Scenario {
            baseline_hours: None,
            ..scenario.clone()
        },
    ] {
        assert_eq!(payback_of(30.5, &missing, 26), None);
        assert_eq!(run(&catalog, &missing, "strong", None).payback, None);
    }
}

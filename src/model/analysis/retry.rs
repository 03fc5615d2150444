//! Retrying (`docs/analysis.md`, "Retrying"): with p constant, the cost
//! of a cap K changes to K + 1 by `(1 - p)^K (A + p R - p L_0)`, whose
//! sign does not depend on K, so the policy is all or nothing.

use super::super::{ModelProfile, Scenario};
use super::{Retry, RetryPolicy};

/// The policy by the sign of `A + p R - p L_0`, computed in that order:
/// below 0 every retry pays, above 0 even one attempt costs more than a
/// human, exactly 0 indifferent.
pub fn retry_policy(
    cost_per_attempt: f64,
    first_pass_rate: f64,
    regression_cost: f64,
    baseline_cost: f64,
) -> RetryPolicy {
    let change =
        cost_per_attempt + first_pass_rate * regression_cost - first_pass_rate * baseline_cost;
    if change < 0.0 {
        RetryPolicy::NoCap
    } else if change > 0.0 {
        RetryPolicy::HumanOnly
    } else {
        RetryPolicy::Indifferent
    }
}

/// The retry policy of one model; `None` without a baseline.
pub fn retry_of(model: &ModelProfile, scenario: &Scenario) -> Option<Retry> {
    let baseline = scenario.baseline_cost()?;
    let policy = retry_policy(
        model.cost_per_attempt(scenario),
        model.quality.first_pass_rate,
        model.regression_cost(),
        baseline,
    );
    let cost_by_cap = (1..=scenario.attempts_shown)
        .map(|cap| model.cost_with_retry_cap(scenario, cap))
        .collect::<Option<Vec<f64>>>()?;
    Some(Retry {
        policy,
        cost_by_cap,
        pays_above_first_pass_rate: model.break_even_first_pass_rate(scenario),
    })
}

/// The policy in words, for people: `retrying pays while first pass >
/// 2.6%: no cap needed`.
pub fn retry_in_words(retry: &Retry) -> String {
    let rate = retry.pays_above_first_pass_rate.map(|rate| {
        let percent = rate * 100.0;
        format!("{percent:.1}%")
    });
    match (retry.policy, rate) {
        (RetryPolicy::NoCap, Some(rate)) => {
            format!("retrying pays while first pass > {rate}: no cap needed")
        }
        (RetryPolicy::NoCap, None) => "every retry pays: no cap needed".to_string(),
        (RetryPolicy::HumanOnly, Some(rate)) => format!(
            "even one attempt costs more than a human (retrying pays only above first pass \
             {rate}): hand it over"
        ),
        (RetryPolicy::HumanOnly, None) => {
            "even one attempt costs more than a human: hand it over".to_string()
        }
        (RetryPolicy::Indifferent, _) => {
            "each retry costs what it saves: any cap, or none, costs what a human does".to_string()
        }
    }
}

//! `analyze --format json`: the document of `docs/analysis.md`, keys in
//! its order, figures unrounded, `null` for a figure without a value and
//! never a non-finite number.

use serde::Serialize;

use crate::model::analysis::{Analysis, Crossover, Lever, Payback, Retry};

#[derive(Debug, Serialize)]
pub(crate) struct JsonAnalysis {
    profile: String,
    against: Option<String>,
    step: Option<f64>,
    cost_per_merge: Option<f64>,
    against_cost_per_merge: Option<f64>,
    levers: Vec<JsonLever>,
    cost_by_first_pass_rate: Option<Vec<[Option<f64>; 2]>>,
    crossover: Vec<JsonCrossover>,
    retry: Option<JsonRetry>,
    payback: Option<JsonPayback>,
}

#[derive(Debug, Serialize)]
struct JsonLever {
    lever: &'static str,
    base: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    cost_at_low: Option<f64>,
    cost_at_high: Option<f64>,
    swing: Option<f64>,
    flip: Option<f64>,
}

#[derive(Debug, Serialize)]
struct JsonCrossover {
    profile: String,
    first_pass_rate: Option<f64>,
}

#[derive(Debug, Serialize)]
struct JsonRetry {
    policy: &'static str,
    cost_by_cap: Vec<Option<f64>>,
}

#[derive(Debug, Serialize)]
struct JsonPayback {
    weekly_net_saving: Option<f64>,
    payback_weeks: Option<f64>,
    cumulative_net_saving: Vec<Option<f64>>,
}

/// `Some` only for a finite number: JSON has no NaN or infinity.
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

fn finite_opt(value: Option<f64>) -> Option<f64> {
    value.and_then(finite)
}

fn all_finite(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().copied().map(finite).collect()
}

impl From<&Lever> for JsonLever {
    fn from(lever: &Lever) -> Self {
        JsonLever {
            lever: lever.lever.key(),
            base: finite_opt(lever.base),
            low: finite_opt(lever.low),
            high: finite_opt(lever.high),
            cost_at_low: finite(lever.cost_at_low),
            cost_at_high: finite(lever.cost_at_high),
            swing: finite(lever.swing),
            flip: finite_opt(lever.flip),
        }
    }
}

impl From<&Crossover> for JsonCrossover {
    fn from(crossover: &Crossover) -> Self {
        JsonCrossover {
            profile: crossover.profile.clone(),
            first_pass_rate: finite_opt(crossover.first_pass_rate),
        }
    }
}

impl From<&Retry> for JsonRetry {
    fn from(retry: &Retry) -> Self {
        JsonRetry {
            policy: retry.policy.key(),
            cost_by_cap: all_finite(&retry.cost_by_cap),
        }
    }
}

impl From<&Payback> for JsonPayback {
    fn from(payback: &Payback) -> Self {
        JsonPayback {
            weekly_net_saving: finite(payback.weekly_net_saving),
            payback_weeks: finite_opt(payback.payback_weeks),
            cumulative_net_saving: all_finite(&payback.cumulative_net_saving),
        }
    }
}

/// The whole document for one analysis.
pub(crate) fn json_analysis(analysis: &Analysis) -> JsonAnalysis {
    JsonAnalysis {
        profile: analysis.profile.clone(),
        against: analysis.against.clone(),
        step: finite(analysis.step),
        cost_per_merge: finite(analysis.cost_per_merge),
        against_cost_per_merge: finite_opt(analysis.against_cost_per_merge),
        levers: analysis.levers.iter().map(JsonLever::from).collect(),
        cost_by_first_pass_rate: analysis.cost_by_first_pass_rate.as_ref().map(|curve| {
            curve
                .iter()
                .map(|&(p, cost)| [finite(p), finite(cost)])
                .collect()
        }),
        crossover: analysis.crossover.iter().map(JsonCrossover::from).collect(),
        retry: analysis.retry.as_ref().map(JsonRetry::from),
        payback: analysis.payback.as_ref().map(JsonPayback::from),
    }
}

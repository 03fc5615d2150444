//! The JSON document of `docs/cli.md`: field names and order as
//! documented, `null` for a figure without a value, never a non-finite
//! number.

use serde::Serialize;

use super::{Comparison, Row};
use crate::profile::{Diagnostic, ProfileKind};

#[derive(Debug, Serialize)]
pub(crate) struct JsonReport {
    scenario: JsonScenario,
    profiles: Vec<JsonProfile>,
    errors: Vec<JsonError>,
    what_ifs: Vec<JsonWhatIf>,
}

#[derive(Debug, Serialize)]
struct JsonWhatIf {
    key: String,
    value: f64,
}

impl JsonReport {
    /// One line, as `watch --json` prints it.
    pub(crate) fn to_line(&self) -> String {
        // Serialising plain structs of numbers and strings cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[derive(Debug, Serialize)]
struct JsonScenario {
    engineer_rate: Option<f64>,
    baseline_hours: Option<f64>,
    changes_per_week: Option<f64>,
    platform_cost_per_month: Option<f64>,
    setup_cost: Option<f64>,
    attempts_shown: usize,
}

#[derive(Debug, Default, Serialize)]
pub(super) struct JsonProfile {
    id: String,
    name: String,
    kind: &'static str,
    cost_per_merge: Option<f64>,
    token_cost_per_merge: Option<f64>,
    review_cost_per_merge: Option<f64>,
    regression_cost: Option<f64>,
    cost_per_attempt: Option<f64>,
    expected_attempts: Option<f64>,
    tokens_per_merge: Option<f64>,
    token_share: Option<f64>,
    baseline_cost: Option<f64>,
    savings_per_merge: Option<f64>,
    roi: Option<f64>,
    break_even_first_pass_rate: Option<f64>,
    review_to_generation: Option<f64>,
    weekly_spend: Option<f64>,
    weekly_net_saving: Option<f64>,
    payback_weeks: Option<f64>,
    p90_attempts: Option<u64>,
    p90_cost: Option<f64>,
    spend_by_attempt: Vec<Option<f64>>,
}

#[derive(Debug, Serialize)]
struct JsonError {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    message: String,
}

/// `Some` only for a finite number: JSON has no NaN or infinity.
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

fn finite_opt(value: Option<f64>) -> Option<f64> {
    value.and_then(finite)
}

impl From<&Row> for JsonProfile {
    fn from(row: &Row) -> Self {
        let f = &row.figures;
        let core = &f.core;
        JsonProfile {
            id: row.id.clone(),
            name: row.name.clone(),
            kind: match row.kind {
                ProfileKind::Model => "model",
                ProfileKind::Mix => "mix",
            },
            cost_per_merge: finite(core.cost_per_merge),
            token_cost_per_merge: finite(core.token_cost_per_merge),
            review_cost_per_merge: finite(core.review_cost_per_merge),
            regression_cost: finite(core.regression_cost),
            cost_per_attempt: finite(core.cost_per_attempt),
            expected_attempts: finite(core.expected_attempts),
            tokens_per_merge: finite(core.tokens_per_merge),
            token_share: finite_opt(f.token_share),
            baseline_cost: finite_opt(f.baseline_cost),
            savings_per_merge: finite_opt(f.savings_per_merge),
            roi: finite_opt(f.roi),
            break_even_first_pass_rate: finite_opt(
                f.risk.as_ref().and_then(|r| r.break_even_first_pass_rate),
            ),
            review_to_generation: finite_opt(f.review_to_generation),
            weekly_spend: finite_opt(f.weekly_spend),
            weekly_net_saving: finite_opt(f.weekly_net_saving),
            payback_weeks: finite_opt(f.payback_weeks),
            p90_attempts: f.risk.as_ref().map(|r| r.p90_attempts),
            p90_cost: finite_opt(f.risk.as_ref().map(|r| r.p90_cost)),
            spend_by_attempt: core.spend_by_attempt.iter().copied().map(finite).collect(),
        }
    }
}

impl From<&Diagnostic> for JsonError {
    fn from(diagnostic: &Diagnostic) -> Self {
        JsonError {
            path: diagnostic.path.clone(),
            line: diagnostic.location.map(|(line, _)| line),
            column: diagnostic.location.map(|(_, column)| column),
            message: diagnostic.message.clone(),
        }
    }
}

/// The whole document for one comparison.
pub(crate) fn json_document(comparison: &Comparison) -> JsonReport {
    let s = &comparison.scenario;
    JsonReport {
        scenario: JsonScenario {
            engineer_rate: finite(s.engineer_rate_per_hour),
            baseline_hours: finite_opt(s.baseline_hours),
            changes_per_week: finite_opt(s.changes_per_week),
            platform_cost_per_month: finite(s.platform_cost_per_month),
            setup_cost: finite(s.setup_cost),
            attempts_shown: s.attempts_shown,
        },
        profiles: comparison.rows.iter().map(JsonProfile::from).collect(),
        errors: comparison.errors.iter().map(JsonError::from).collect(),
        what_ifs: comparison
            .what_ifs
            .iter()
            .map(|(key, value)| JsonWhatIf {
                key: key.clone(),
                value: *value,
            })
            .collect(),
    }
}

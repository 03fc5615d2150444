//! `scenario.toml`: the team's figures, each range-checked on its own.

use super::check::Checker;
use crate::model::{Scenario, ScenarioField};
use crate::profile::Problem;
use crate::profile::raw::RawScenario;

/// `scenario.toml`: every field optional, defaults as `docs/cost-model.md` gives them.
pub(crate) fn validate_scenario(raw: RawScenario) -> (Option<Scenario>, Vec<Problem>) {
    let mut check = Checker::default();
    let mut scenario = Scenario::default();
    let fields = [
        (ScenarioField::EngineerRate, &raw.engineer_rate),
        (ScenarioField::BaselineHours, &raw.baseline_hours),
        (ScenarioField::ChangesPerWeek, &raw.changes_per_week),
        (
            ScenarioField::PlatformCostPerMonth,
            &raw.platform_cost_per_month,
        ),
        (ScenarioField::SetupCost, &raw.setup_cost),
        (ScenarioField::AttemptsShown, &raw.attempts_shown),
    ];
    for (field, value) in fields {
        if let Some(Some(value)) = check.optional(field.key(), field.bound(), value) {
            field.set(&mut scenario, value);
        }
    }
    let scenario = check.problems.is_empty().then_some(scenario);
    (scenario, check.problems)
}

//! `[[mix]]` parts and `scenario.toml`.

use toml::Spanned;

use super::{Checker, Located, SHARE_TOLERANCE, show_number};
use crate::model::{Bound, Scenario, ScenarioField};
use crate::profile::raw::{RawMixPart, RawScenario};
use crate::profile::{LocatedPart, Problem, line_column};

pub(super) fn validate_mix(
    check: &mut Checker,
    mix: Spanned<Vec<Spanned<RawMixPart>>>,
    text: &str,
) -> Option<Vec<LocatedPart>> {
    let span = mix.span();
    let parts = mix.into_inner();
    if parts.is_empty() {
        check.problem(span, "a mix needs at least one [[mix]] part".to_string());
        return None;
    }
    let located: Vec<Option<LocatedPart>> = parts
        .into_iter()
        .map(|part| validate_mix_part(check, part, text))
        .collect();
    let located: Vec<LocatedPart> = located.into_iter().collect::<Option<_>>()?;
    let total: f64 = located.iter().map(|part| part.part.share).sum();
    if (total - 1.0).abs() > SHARE_TOLERANCE {
        check.problem(
            span,
            format!("mix shares must add up to 1 (found {})", show_number(total)),
        );
        return None;
    }
    Some(located)
}

fn validate_mix_part(
    check: &mut Checker,
    part: Spanned<RawMixPart>,
    text: &str,
) -> Option<LocatedPart> {
    let at = Located {
        name: "[mix]",
        span: part.span(),
    };
    let part = part.into_inner();
    let share = check.required("share", Bound::Ratio, &part.share, &at);
    let Some(profile) = part.profile else {
        if !check.was_removed(Some(&at.span), "profile") {
            check.problem(at.span, "missing field `profile` in [[mix]]".to_string());
        }
        return None;
    };
    Some(LocatedPart {
        part: crate::model::MixPart {
            profile_id: profile.get_ref().clone(),
            share: share?,
        },
        profile_location: line_column(text, profile.span().start),
    })
}

/// `scenario.toml`: every field optional, defaults from the spec.
pub fn validate_scenario(raw: RawScenario) -> (Option<Scenario>, Vec<Problem>) {
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

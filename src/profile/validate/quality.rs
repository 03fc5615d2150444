//! `[quality]`: how often a change passes, survives and costs review time.

use toml::Spanned;

use super::check::{Checker, Located};
use crate::model::{ProfileField, Quality};
use crate::profile::raw::RawQuality;

pub(super) fn validate_quality(
    check: &mut Checker,
    quality: Spanned<RawQuality>,
) -> Option<Quality> {
    let at = Located {
        name: "quality",
        span: quality.span(),
    };
    let quality = quality.into_inner();
    let first_pass = check.field(ProfileField::FirstPassRate, &quality.first_pass_rate, &at);
    let review = check.field(ProfileField::ReviewMinutes, &quality.review_minutes, &at);
    let survive = check.field_or(ProfileField::SurviveRate, &quality.survive_rate, 1.0);
    let incident = check.field_or(ProfileField::IncidentCost, &quality.incident_cost, 0.0);
    Some(Quality {
        first_pass_rate: first_pass?,
        review_minutes: review?,
        survive_rate: survive?,
        incident_cost_usd: incident?,
    })
}

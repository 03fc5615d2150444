//! `[[mix]]` parts: each names a profile and its share, and the shares
//! add up to 1.

use toml::Spanned;

use super::check::{Checker, Located, show_number};
use crate::model::Bound;
use crate::profile::raw::RawMixPart;
use crate::profile::{LocatedPart, line_column};

/// Mix shares must add up to 1 within this.
const SHARE_TOLERANCE: f64 = 1e-9;

/// A sum of shares as people wrote them: 0.6 + 0.3 is `0.9`, not the
/// `0.8999999999999999` the float sum holds. Twelve decimals keep any
/// difference the tolerance can see.
fn show_sum(total: f64) -> String {
    if !total.is_finite() {
        return show_number(total);
    }
    let text = format!("{total:.12}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

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
            format!("mix shares must add up to 1 (found {})", show_sum(total)),
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

//! `[usage]`: token counts and cache ratios, with the rules that tie them
//! together.

use toml::Spanned;

use super::check::{Checker, Located};
use crate::model::{ProfileField, Usage};
use crate::profile::raw::RawUsage;

/// `[usage]`, with the rules that tie its fields together, each located at
/// the value that breaks it.
pub(super) fn validate_usage(
    check: &mut Checker,
    usage: Spanned<RawUsage>,
    has_long_band: Option<bool>,
) -> Option<Usage> {
    let at = Located {
        name: "usage",
        span: usage.span(),
    };
    let usage = usage.into_inner();
    let input_tokens = check.field(ProfileField::InputTokens, &usage.input_tokens, &at);
    let output_tokens = check.field(ProfileField::OutputTokens, &usage.output_tokens, &at);
    let fanout = check.field_or(ProfileField::Fanout, &usage.fanout, 1.0);
    let hit = check.field_or(ProfileField::CacheHitRatio, &usage.cache_hit_ratio, 0.0);
    let write = check.field_or(ProfileField::CacheWriteRatio, &usage.cache_write_ratio, 0.0);
    let long = check.field_or(ProfileField::LongPromptShare, &usage.long_prompt_share, 0.0);
    let valid = Usage {
        input_tokens: input_tokens?,
        output_tokens: output_tokens?,
        fanout: fanout?,
        cache_hit_ratio: hit?,
        cache_write_ratio: write?,
        long_prompt_share: long?,
    };
    let value_span = |value: &Option<Spanned<f64>>| value.as_ref().map(Spanned::span);
    if let Some(problem) = valid.cache_ratio_problem() {
        let span = value_span(&usage.cache_write_ratio).or(value_span(&usage.cache_hit_ratio));
        check.problem(span.unwrap_or(at.span), problem);
        return None;
    }
    if let Some(problem) = has_long_band.and_then(|band| valid.long_prompt_problem(band)) {
        let span = value_span(&usage.long_prompt_share);
        check.problem(span.unwrap_or(at.span), problem);
        return None;
    }
    Some(valid)
}

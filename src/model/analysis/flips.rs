//! Where the decision flips: the value of one input at which the model
//! costs exactly what the rival costs, all else at base.
//!
//! L is affine in every input but p, so each of those flips is the root
//! of a straight line, `x0 + (L_Y - L_X) / slope`, with the slope in
//! closed form below; the engineer rate moves the rival too, so its slope
//! is the difference of the two. The first-pass rate has its own formula,
//! `A_X / (L_Y - R_X)`.

use super::super::{ModelProfile, PriceBand, Scenario};
use super::LeverKind;

/// The rival as the flips see it: its cost per merge, and for the
/// engineer rate how that cost moves with E (`dL_Y/dE`, share-weighted
/// for a mix).
#[derive(Debug, Clone, Copy)]
pub(super) struct RivalLine {
    pub(super) cost: f64,
    pub(super) per_engineer_rate: f64,
}

/// `dL/dE` of one model: n * m / 60.
pub(super) fn per_engineer_rate(model: &ModelProfile) -> f64 {
    model.expected_attempts() * model.quality.review_minutes / 60.0
}

/// The flip of `kind` for the model `x` against `rival`; `None` outside
/// the input's valid range, when the line is flat, or not finite.
pub(super) fn flip(
    kind: LeverKind,
    x: &ModelProfile,
    scenario: &Scenario,
    rival: RivalLine,
) -> Option<f64> {
    let gap = rival.cost - x.cost_per_merge(scenario);
    let value = match kind {
        LeverKind::FirstPassRate => first_pass_flip(x, scenario, rival.cost)?,
        LeverKind::EngineerRate => {
            let slope = per_engineer_rate(x) - rival.per_engineer_rate;
            root(scenario.engineer_rate_per_hour, gap, slope)?
        }
        _ => root(kind.base(x, scenario), gap, slope(kind, x, scenario))?,
    };
    in_range(kind, x, value).then_some(value)
}

/// p at which `x` costs `rival_cost`: A_X / (L_Y - R_X) when L_Y > R_X.
pub(super) fn first_pass_flip(
    x: &ModelProfile,
    scenario: &Scenario,
    rival_cost: f64,
) -> Option<f64> {
    let regression = x.regression_cost();
    (rival_cost > regression).then(|| x.cost_per_attempt(scenario) / (rival_cost - regression))
}

/// Where the line through (x0, L_X) with `slope` reaches L_X + `gap`.
fn root(x0: f64, gap: f64, slope: f64) -> Option<f64> {
    if slope == 0.0 {
        return None;
    }
    let value = x0 + gap / slope;
    value.is_finite().then_some(value)
}

/// `dL/dx` of `x` for a lever other than p and E (both have their own).
fn slope(kind: LeverKind, x: &ModelProfile, scenario: &Scenario) -> f64 {
    let n = x.expected_attempts();
    let (usage, quality) = (&x.usage, &x.quality);
    match kind {
        // C_rev = m * E / 60.
        LeverKind::ReviewMinutes => n * scenario.engineer_rate_per_hour / 60.0,
        // R = v * I.
        LeverKind::RevertRate => quality.incident_cost_usd,
        LeverKind::IncidentCost => 1.0 - quality.survive_rate,
        // C_tok is proportional to F and to the price factor.
        LeverKind::Fanout => n * x.token_cost_per_attempt() / usage.fanout,
        LeverKind::TokenPrices => n * x.token_cost_per_attempt(),
        // Pin_eff moves by Pr - Pin per unit of h.
        LeverKind::CacheHitRatio => {
            n * usage.fanout * usage.input_tokens / 1e6
                * banded(x, |band| band.cache_read() - band.input_per_mtok)
        }
        LeverKind::InputTokens => {
            let (h, w) = (usage.cache_hit_ratio, usage.cache_write_ratio);
            n * usage.fanout / 1e6 * banded(x, |band| band.effective_input(h, w))
        }
        LeverKind::OutputTokens => n * usage.fanout / 1e6 * banded(x, |band| band.output_per_mtok),
        LeverKind::FirstPassRate | LeverKind::EngineerRate => f64::NAN,
    }
}

/// A per-band price blended as C_tok blends the bands: the long-prompt
/// band takes share q when the profile has one and q > 0.
fn banded(x: &ModelProfile, price: impl Fn(&PriceBand) -> f64) -> f64 {
    let base = price(&x.prices);
    match &x.long_prompt {
        Some(band) if x.usage.long_prompt_share > 0.0 => {
            let q = x.usage.long_prompt_share;
            (1.0 - q) * base + q * price(band)
        }
        _ => base,
    }
}

/// The valid range of a flip (`docs/analysis.md`).
fn in_range(kind: LeverKind, x: &ModelProfile, value: f64) -> bool {
    match kind {
        LeverKind::FirstPassRate => value > 0.0 && value <= 1.0,
        LeverKind::CacheHitRatio => value >= 0.0 && value <= 1.0 - x.usage.cache_write_ratio,
        LeverKind::RevertRate => (0.0..=1.0).contains(&value),
        LeverKind::Fanout => value >= 1.0,
        LeverKind::ReviewMinutes
        | LeverKind::EngineerRate
        | LeverKind::IncidentCost
        | LeverKind::InputTokens
        | LeverKind::OutputTokens
        | LeverKind::TokenPrices => value >= 0.0,
    }
}

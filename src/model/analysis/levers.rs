//! The ten levers of `docs/analysis.md`: each input's base value on one
//! model, its two ends at a relative step (clamped to the input's range),
//! the model with the input set, and the order by swing.

use super::super::{ModelProfile, PriceBand, Scenario};
use super::{Lever, LeverKind};

impl LeverKind {
    /// The input's value on `model` under `scenario`: E from the
    /// scenario, the revert rate as `1 - s`, and 1 for the price factor.
    pub fn base(self, model: &ModelProfile, scenario: &Scenario) -> f64 {
        let (usage, quality) = (&model.usage, &model.quality);
        match self {
            LeverKind::FirstPassRate => quality.first_pass_rate,
            LeverKind::ReviewMinutes => quality.review_minutes,
            LeverKind::EngineerRate => scenario.engineer_rate_per_hour,
            LeverKind::CacheHitRatio => usage.cache_hit_ratio,
            LeverKind::RevertRate => 1.0 - quality.survive_rate,
            LeverKind::IncidentCost => quality.incident_cost_usd,
            LeverKind::Fanout => usage.fanout,
            LeverKind::InputTokens => usage.input_tokens,
            LeverKind::OutputTokens => usage.output_tokens,
            LeverKind::TokenPrices => 1.0,
        }
    }

    /// `(low, high)`: the base moved down and up by `step` (relative),
    /// clamped as the lever table says: p and the revert rate at most 1,
    /// the cache hit ratio at most `1 - w`, the fan-out at least 1.
    pub fn ends(self, model: &ModelProfile, scenario: &Scenario, step: f64) -> (f64, f64) {
        let base = self.base(model, scenario);
        let (low, high) = (base * (1.0 - step), base * (1.0 + step));
        match self {
            LeverKind::FirstPassRate | LeverKind::RevertRate => (low, high.min(1.0)),
            LeverKind::CacheHitRatio => (low, high.min(1.0 - model.usage.cache_write_ratio)),
            LeverKind::Fanout => (low.max(1.0), high),
            LeverKind::TokenPrices => (1.0 - step, 1.0 + step),
            LeverKind::ReviewMinutes
            | LeverKind::EngineerRate
            | LeverKind::IncidentCost
            | LeverKind::InputTokens
            | LeverKind::OutputTokens => (low, high),
        }
    }

    /// `model` and `scenario` with this lever's input at `value`, all else
    /// as it was: the engineer rate moves the scenario, the revert rate
    /// sets `s = 1 - value`, and the price factor multiplies every price of
    /// both bands, cache prices included whether set or defaulted.
    pub fn apply(
        self,
        model: &ModelProfile,
        scenario: &Scenario,
        value: f64,
    ) -> (ModelProfile, Scenario) {
        let mut model = model.clone();
        let mut scenario = scenario.clone();
        let (usage, quality) = (&mut model.usage, &mut model.quality);
        match self {
            LeverKind::FirstPassRate => quality.first_pass_rate = value,
            LeverKind::ReviewMinutes => quality.review_minutes = value,
            LeverKind::EngineerRate => scenario.engineer_rate_per_hour = value,
            LeverKind::CacheHitRatio => usage.cache_hit_ratio = value,
            LeverKind::RevertRate => quality.survive_rate = 1.0 - value,
            LeverKind::IncidentCost => quality.incident_cost_usd = value,
            LeverKind::Fanout => usage.fanout = value,
            LeverKind::InputTokens => usage.input_tokens = value,
            LeverKind::OutputTokens => usage.output_tokens = value,
            LeverKind::TokenPrices => {
                model.prices = scaled(&model.prices, value);
                model.long_prompt = model.long_prompt.as_ref().map(|band| scaled(band, value));
            }
        }
        (model, scenario)
    }

    /// L of `model` with this lever's input at `value`.
    pub(super) fn cost_at(self, model: &ModelProfile, scenario: &Scenario, value: f64) -> f64 {
        let (model, scenario) = self.apply(model, scenario, value);
        model.cost_per_merge(&scenario)
    }
}

/// Every price of `band` times `factor`, the cache prices made explicit.
fn scaled(band: &PriceBand, factor: f64) -> PriceBand {
    PriceBand {
        input_per_mtok: band.input_per_mtok * factor,
        output_per_mtok: band.output_per_mtok * factor,
        cache_write_per_mtok: Some(band.cache_write() * factor),
        cache_read_per_mtok: Some(band.cache_read() * factor),
    }
}

/// Two swings that agree to within 1e-9 of the larger count as equal:
/// floating-point noise must not reorder levers that always swing alike.
pub(super) fn same_swing(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// `levers` (in table order) by swing, widest first; equal swings keep
/// the table's order. An insertion sort: "equal within 1e-9" is not a
/// total order, which the standard sorts may refuse (panic) to sort by.
pub(super) fn by_swing(levers: Vec<Lever>) -> Vec<Lever> {
    let mut sorted: Vec<Lever> = Vec::with_capacity(levers.len());
    for lever in levers {
        let mut at = sorted.len();
        while at > 0
            && lever.swing > sorted[at - 1].swing
            && !same_swing(lever.swing, sorted[at - 1].swing)
        {
            at -= 1;
        }
        sorted.insert(at, lever);
    }
    sorted
}

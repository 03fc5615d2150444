//! The pure cost engine of `docs/cost-model.md`.
//!
//! Profiles and a scenario go in, figures come out. Nothing here knows about
//! files, serde, terminals or watchers, so every formula can be tested (and
//! benchmarked) on plain structs.

pub mod analysis;
mod catalog;
mod fields;
mod mix;

pub use catalog::{Catalog, ProfileDef};
pub use fields::{Bound, ProfileField, ScenarioField};
pub(crate) use mix::MAX_MIX_DEPTH;
pub use mix::{MixError, MixPart, with_share};

/// One price band, USD per million tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceBand {
    pub input_per_mtok: f64,
    pub output_per_mtok: f64,
    /// `None` means the vendor default of 1.25 x input (a 5-minute cache write).
    pub cache_write_per_mtok: Option<f64>,
    /// `None` means the vendor default of 0.1 x input.
    pub cache_read_per_mtok: Option<f64>,
}

impl PriceBand {
    pub fn new(input_per_mtok: f64, output_per_mtok: f64) -> Self {
        Self {
            input_per_mtok,
            output_per_mtok,
            cache_write_per_mtok: None,
            cache_read_per_mtok: None,
        }
    }

    pub fn cache_write(&self) -> f64 {
        self.cache_write_per_mtok
            .unwrap_or(1.25 * self.input_per_mtok)
    }

    pub fn cache_read(&self) -> f64 {
        self.cache_read_per_mtok
            .unwrap_or(0.1 * self.input_per_mtok)
    }

    /// Pin_eff: the blended price of one input token given the cache mix.
    pub fn effective_input(&self, hit_ratio: f64, write_ratio: f64) -> f64 {
        (1.0 - hit_ratio - write_ratio) * self.input_per_mtok
            + write_ratio * self.cache_write()
            + hit_ratio * self.cache_read()
    }
}

/// Token volumes of one attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub input_tokens: f64,
    pub output_tokens: f64,
    pub fanout: f64,
    pub cache_hit_ratio: f64,
    pub cache_write_ratio: f64,
    pub long_prompt_share: f64,
}

/// What the humans around the agent see and pay.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    pub first_pass_rate: f64,
    pub review_minutes: f64,
    pub survive_rate: f64,
    pub incident_cost_usd: f64,
}

/// A single model: prices, usage per attempt and quality.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelProfile {
    pub prices: PriceBand,
    pub long_prompt: Option<PriceBand>,
    pub usage: Usage,
    pub quality: Quality,
}

/// Scenario-wide settings; defaults as `docs/cost-model.md` gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub engineer_rate_per_hour: f64,
    pub baseline_hours: Option<f64>,
    pub changes_per_week: Option<f64>,
    pub platform_cost_per_month: f64,
    pub setup_cost: f64,
    pub attempts_shown: usize,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            engineer_rate_per_hour: 120.0,
            baseline_hours: None,
            changes_per_week: None,
            platform_cost_per_month: 0.0,
            setup_cost: 0.0,
            attempts_shown: 10,
        }
    }
}

impl Scenario {
    /// L_0 = B * E, when a baseline is set.
    pub fn baseline_cost(&self) -> Option<f64> {
        self.baseline_hours
            .map(|hours| hours * self.engineer_rate_per_hour)
    }
}

/// The additive figures: for a mix, each is the share-weighted sum of its
/// parts' figures, so they live in one struct that knows how to blend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CoreFigures {
    pub cost_per_merge: f64,
    pub token_cost_per_merge: f64,
    pub review_cost_per_merge: f64,
    pub regression_cost: f64,
    pub cost_per_attempt: f64,
    pub expected_attempts: f64,
    pub tokens_per_merge: f64,
    /// n * m: kept so review-to-generation works for mixes and when E = 0.
    pub review_minutes_per_merge: f64,
    pub spend_by_attempt: Vec<f64>,
}

impl CoreFigures {
    /// Adds `share` x `part` into `self` (used to build a mix).
    fn add_weighted(&mut self, part: &CoreFigures, share: f64) {
        self.cost_per_merge += share * part.cost_per_merge;
        self.token_cost_per_merge += share * part.token_cost_per_merge;
        self.review_cost_per_merge += share * part.review_cost_per_merge;
        self.regression_cost += share * part.regression_cost;
        self.cost_per_attempt += share * part.cost_per_attempt;
        self.expected_attempts += share * part.expected_attempts;
        self.tokens_per_merge += share * part.tokens_per_merge;
        self.review_minutes_per_merge += share * part.review_minutes_per_merge;
        if self.spend_by_attempt.len() < part.spend_by_attempt.len() {
            self.spend_by_attempt
                .resize(part.spend_by_attempt.len(), 0.0);
        }
        for (sum, value) in self.spend_by_attempt.iter_mut().zip(&part.spend_by_attempt) {
            *sum += share * value;
        }
    }
}

/// Figures that only a single model has (a mix has no geometric tail).
#[derive(Debug, Clone, PartialEq)]
pub struct RiskFigures {
    pub p90_attempts: u64,
    pub p90_cost: f64,
    /// `None` is "never".
    pub break_even_first_pass_rate: Option<f64>,
}

/// Everything the report shows for one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub core: CoreFigures,
    /// `None` for a mix.
    pub risk: Option<RiskFigures>,
    pub token_share: Option<f64>,
    pub baseline_cost: Option<f64>,
    pub savings_per_merge: Option<f64>,
    pub roi: Option<f64>,
    pub review_to_generation: Option<f64>,
    pub weekly_spend: Option<f64>,
    pub weekly_net_saving: Option<f64>,
    pub payback_weeks: Option<f64>,
}

impl ModelProfile {
    /// C(P) for one band: F * (Tin * Pin_eff + Tout * Pout) / 1e6.
    fn token_cost_at(&self, band: &PriceBand) -> f64 {
        let u = &self.usage;
        let input_price = band.effective_input(u.cache_hit_ratio, u.cache_write_ratio);
        u.fanout * (u.input_tokens * input_price + u.output_tokens * band.output_per_mtok) / 1e6
    }

    /// C_tok: a long-prompt share bills the whole request at the higher band.
    pub fn token_cost_per_attempt(&self) -> f64 {
        let base = self.token_cost_at(&self.prices);
        match &self.long_prompt {
            Some(band) if self.usage.long_prompt_share > 0.0 => {
                let q = self.usage.long_prompt_share;
                (1.0 - q) * base + q * self.token_cost_at(band)
            }
            _ => base,
        }
    }

    /// C_rev = m * E / 60.
    pub fn review_cost_per_attempt(&self, scenario: &Scenario) -> f64 {
        self.quality.review_minutes * scenario.engineer_rate_per_hour / 60.0
    }

    /// A = C_tok + C_rev.
    pub fn cost_per_attempt(&self, scenario: &Scenario) -> f64 {
        self.token_cost_per_attempt() + self.review_cost_per_attempt(scenario)
    }

    /// R = (1 - s) * I.
    pub fn regression_cost(&self) -> f64 {
        (1.0 - self.quality.survive_rate) * self.quality.incident_cost_usd
    }

    /// n = 1 / p.
    pub fn expected_attempts(&self) -> f64 {
        1.0 / self.quality.first_pass_rate
    }

    /// L = n * A + R.
    pub fn cost_per_merge(&self, scenario: &Scenario) -> f64 {
        self.expected_attempts() * self.cost_per_attempt(scenario) + self.regression_cost()
    }

    /// S_k for k = 1..N.
    pub fn spend_by_attempt(&self, scenario: &Scenario) -> Vec<f64> {
        let a = self.cost_per_attempt(scenario);
        let p = self.quality.first_pass_rate;
        (1..=scenario.attempts_shown)
            .map(|k| a * (1.0 - (1.0 - p).powi(saturating_i32(k))) / p)
            .collect()
    }

    pub(crate) fn core_figures(&self, scenario: &Scenario) -> CoreFigures {
        let n = self.expected_attempts();
        let c_tok = self.token_cost_per_attempt();
        let c_rev = self.review_cost_per_attempt(scenario);
        let u = &self.usage;
        CoreFigures {
            cost_per_merge: self.cost_per_merge(scenario),
            token_cost_per_merge: n * c_tok,
            review_cost_per_merge: n * c_rev,
            regression_cost: self.regression_cost(),
            cost_per_attempt: c_tok + c_rev,
            expected_attempts: n,
            tokens_per_merge: n * u.fanout * (u.input_tokens + u.output_tokens),
            review_minutes_per_merge: n * self.quality.review_minutes,
            spend_by_attempt: self.spend_by_attempt(scenario),
        }
    }

    pub(crate) fn risk_figures(&self, scenario: &Scenario) -> RiskFigures {
        let attempts = p90_attempts(self.quality.first_pass_rate);
        RiskFigures {
            p90_attempts: attempts,
            p90_cost: attempts as f64 * self.cost_per_attempt(scenario) + self.regression_cost(),
            break_even_first_pass_rate: self.break_even_first_pass_rate(scenario),
        }
    }

    /// p* = A / (L_0 - R) when L_0 > R and p* <= 1, else never (`None`).
    pub fn break_even_first_pass_rate(&self, scenario: &Scenario) -> Option<f64> {
        let baseline = scenario.baseline_cost()?;
        let regression = self.regression_cost();
        if baseline <= regression {
            return None;
        }
        let rate = self.cost_per_attempt(scenario) / (baseline - regression);
        (rate <= 1.0).then_some(rate)
    }

    /// Expected cost when a human takes over after `cap` failed attempts.
    /// `None` without a baseline.
    pub fn cost_with_retry_cap(&self, scenario: &Scenario, cap: usize) -> Option<f64> {
        let baseline = scenario.baseline_cost()?;
        let p = self.quality.first_pass_rate;
        let fail_all = (1.0 - p).powi(saturating_i32(cap));
        Some(
            self.cost_per_attempt(scenario) * (1.0 - fail_all) / p
                + (1.0 - fail_all) * self.regression_cost()
                + fail_all * baseline,
        )
    }

    /// The cap in 1..=N with the lowest expected cost (the smallest on ties).
    pub fn best_retry_cap(&self, scenario: &Scenario) -> Option<(usize, f64)> {
        let mut best: Option<(usize, f64)> = None;
        for cap in 1..=scenario.attempts_shown {
            let cost = self.cost_with_retry_cap(scenario, cap)?;
            if best.is_none_or(|(_, lowest)| cost < lowest) {
                best = Some((cap, cost));
            }
        }
        best
    }

    /// The first-pass rate this profile needs to cost the same as `other`:
    /// p_x* = A_x / (L_y - R_x) when L_y > R_x, else never (`None`).
    pub fn crossover_first_pass_rate(
        &self,
        other: &ModelProfile,
        scenario: &Scenario,
    ) -> Option<f64> {
        let other_cost = other.cost_per_merge(scenario);
        let regression = self.regression_cost();
        (other_cost > regression)
            .then(|| self.cost_per_attempt(scenario) / (other_cost - regression))
    }
}

/// n90 = 1 if p = 1, else ceil(ln 0.1 / ln(1 - p)).
pub fn p90_attempts(first_pass_rate: f64) -> u64 {
    if first_pass_rate >= 1.0 {
        return 1;
    }
    let attempts = (0.1f64.ln() / (1.0 - first_pass_rate).ln()).ceil();
    // `as` saturates, so a vanishing p gives u64::MAX rather than wrapping.
    attempts.max(1.0) as u64
}

fn saturating_i32(k: usize) -> i32 {
    i32::try_from(k).unwrap_or(i32::MAX)
}

/// Token share, savings, ROI, review-to-generation and the weekly figures:
/// they follow from the core figures alike for a model and for a mix.
pub(crate) fn derive_figures(
    core: CoreFigures,
    risk: Option<RiskFigures>,
    scenario: &Scenario,
) -> Figures {
    let cost = core.cost_per_merge;
    let finite = |x: f64| x.is_finite().then_some(x);
    let baseline_cost = scenario.baseline_cost();
    let savings = baseline_cost.map(|baseline| baseline - cost);
    let review_to_generation = scenario
        .baseline_hours
        .and_then(|hours| finite(core.review_minutes_per_merge / (hours * 60.0)));
    let weekly_spend = scenario.changes_per_week.map(|volume| volume * cost);
    let weekly_net_saving = match (scenario.changes_per_week, savings) {
        (Some(volume), Some(saving)) => {
            Some(volume * saving - scenario.platform_cost_per_month * 12.0 / 52.0)
        }
        _ => None,
    };
    let payback_weeks = weekly_net_saving
        .filter(|saving| *saving > 0.0)
        .map(|saving| scenario.setup_cost / saving);
    Figures {
        token_share: finite(core.token_cost_per_merge / cost),
        roi: savings.and_then(|saving| finite(saving / cost)),
        baseline_cost,
        savings_per_merge: savings,
        review_to_generation,
        weekly_spend,
        weekly_net_saving,
        payback_weeks,
        risk,
        core,
    }
}

impl ModelProfile {
    /// Every figure of a single model.
    pub fn figures(&self, scenario: &Scenario) -> Figures {
        derive_figures(
            self.core_figures(scenario),
            Some(self.risk_figures(scenario)),
            scenario,
        )
    }
}

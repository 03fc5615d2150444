//! The fields a what-if can move, with their names and valid ranges. The
//! profile loader, `--set` and the sliders all check values here, so a
//! range rule is written once.

use super::{ModelProfile, Scenario, Usage};

/// A valid range. Every bound also requires a finite number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// `>= min`
    AtLeast(f64),
    /// `0 <= x <= 1`
    Ratio,
    /// `0 < x <= 1`
    PositiveRatio,
    /// A whole number in `min..=max`.
    WholeBetween(u64, u64),
}

impl Bound {
    pub fn contains(self, value: f64) -> bool {
        value.is_finite()
            && match self {
                Bound::AtLeast(min) => value >= min,
                Bound::Ratio => (0.0..=1.0).contains(&value),
                Bound::PositiveRatio => value > 0.0 && value <= 1.0,
                Bound::WholeBetween(min, max) => {
                    value.fract() == 0.0 && value >= min as f64 && value <= max as f64
                }
            }
    }

    /// "must be ..." text for a message.
    pub(crate) fn describe(self) -> String {
        match self {
            Bound::AtLeast(min) => format!("must be a finite number >= {min}"),
            Bound::Ratio => "must be a finite number from 0 to 1".to_string(),
            Bound::PositiveRatio => "must be a finite number > 0 and <= 1".to_string(),
            Bound::WholeBetween(min, max) => format!("must be a whole number from {min} to {max}"),
        }
    }

    /// The ends of the range: infinite above when there is no top, and
    /// the excluded 0 of a positive ratio (see `contains`). The sliders'
    /// tracks are built from these.
    pub(crate) fn limits(self) -> (f64, f64) {
        match self {
            Bound::AtLeast(min) => (min, f64::INFINITY),
            Bound::Ratio => (0.0, 1.0),
            Bound::PositiveRatio => (0.0, 1.0),
            Bound::WholeBetween(min, max) => (min as f64, max as f64),
        }
    }
}

/// A numeric field of a model profile, named by its leaf key in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProfileField {
    InputPrice,
    OutputPrice,
    CacheWritePrice,
    CacheReadPrice,
    InputTokens,
    OutputTokens,
    Fanout,
    CacheHitRatio,
    CacheWriteRatio,
    LongPromptShare,
    FirstPassRate,
    ReviewMinutes,
    SurviveRate,
    IncidentCost,
}

impl ProfileField {
    pub const ALL: [ProfileField; 14] = [
        Self::InputPrice,
        Self::OutputPrice,
        Self::CacheWritePrice,
        Self::CacheReadPrice,
        Self::InputTokens,
        Self::OutputTokens,
        Self::Fanout,
        Self::CacheHitRatio,
        Self::CacheWriteRatio,
        Self::LongPromptShare,
        Self::FirstPassRate,
        Self::ReviewMinutes,
        Self::SurviveRate,
        Self::IncidentCost,
    ];

    /// The leaf key in a profile file.
    pub fn key(self) -> &'static str {
        match self {
            Self::InputPrice => "input",
            Self::OutputPrice => "output",
            Self::CacheWritePrice => "cache_write",
            Self::CacheReadPrice => "cache_read",
            Self::InputTokens => "input_tokens",
            Self::OutputTokens => "output_tokens",
            Self::Fanout => "fanout",
            Self::CacheHitRatio => "cache_hit_ratio",
            Self::CacheWriteRatio => "cache_write_ratio",
            Self::LongPromptShare => "long_prompt_share",
            Self::FirstPassRate => "first_pass_rate",
            Self::ReviewMinutes => "review_minutes",
            Self::SurviveRate => "survive_rate",
            Self::IncidentCost => "incident_cost",
        }
    }

    /// The table the key lives in (`prices`, `usage` or `quality`).
    pub fn table(self) -> &'static str {
        match self {
            Self::InputPrice | Self::OutputPrice | Self::CacheWritePrice | Self::CacheReadPrice => {
                "prices"
            }
            Self::InputTokens
            | Self::OutputTokens
            | Self::Fanout
            | Self::CacheHitRatio
            | Self::CacheWriteRatio
            | Self::LongPromptShare => "usage",
            Self::FirstPassRate | Self::ReviewMinutes | Self::SurviveRate | Self::IncidentCost => {
                "quality"
            }
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.key() == key)
    }

    pub fn bound(self) -> Bound {
        match self {
            Self::Fanout => Bound::AtLeast(1.0),
            Self::CacheHitRatio | Self::CacheWriteRatio | Self::LongPromptShare => Bound::Ratio,
            Self::SurviveRate => Bound::Ratio,
            Self::FirstPassRate => Bound::PositiveRatio,
            _ => Bound::AtLeast(0.0),
        }
    }

    /// The value the engine uses (defaults resolved).
    pub fn get(self, profile: &ModelProfile) -> f64 {
        let (prices, usage, quality) = (&profile.prices, &profile.usage, &profile.quality);
        match self {
            Self::InputPrice => prices.input_per_mtok,
            Self::OutputPrice => prices.output_per_mtok,
            Self::CacheWritePrice => prices.cache_write(),
            Self::CacheReadPrice => prices.cache_read(),
            Self::InputTokens => usage.input_tokens,
            Self::OutputTokens => usage.output_tokens,
            Self::Fanout => usage.fanout,
            Self::CacheHitRatio => usage.cache_hit_ratio,
            Self::CacheWriteRatio => usage.cache_write_ratio,
            Self::LongPromptShare => usage.long_prompt_share,
            Self::FirstPassRate => quality.first_pass_rate,
            Self::ReviewMinutes => quality.review_minutes,
            Self::SurviveRate => quality.survive_rate,
            Self::IncidentCost => quality.incident_cost_usd,
        }
    }

    /// Sets the field; the caller checks `bound()` and `cross_field_problem`.
    pub fn set(self, profile: &mut ModelProfile, value: f64) {
        let (prices, usage, quality) = (
            &mut profile.prices,
            &mut profile.usage,
            &mut profile.quality,
        );
        match self {
            Self::InputPrice => prices.input_per_mtok = value,
            Self::OutputPrice => prices.output_per_mtok = value,
            Self::CacheWritePrice => prices.cache_write_per_mtok = Some(value),
            Self::CacheReadPrice => prices.cache_read_per_mtok = Some(value),
            Self::InputTokens => usage.input_tokens = value,
            Self::OutputTokens => usage.output_tokens = value,
            Self::Fanout => usage.fanout = value,
            Self::CacheHitRatio => usage.cache_hit_ratio = value,
            Self::CacheWriteRatio => usage.cache_write_ratio = value,
            Self::LongPromptShare => usage.long_prompt_share = value,
            Self::FirstPassRate => quality.first_pass_rate = value,
            Self::ReviewMinutes => quality.review_minutes = value,
            Self::SurviveRate => quality.survive_rate = value,
            Self::IncidentCost => quality.incident_cost_usd = value,
        }
    }
}

impl Usage {
    /// Cache hits and writes are shares of the same input tokens.
    pub(crate) fn cache_ratio_problem(&self) -> Option<String> {
        let cached = self.cache_hit_ratio + self.cache_write_ratio;
        (cached > 1.0 + 1e-12).then(|| {
            format!("cache_hit_ratio + cache_write_ratio must be at most 1 (found {cached})")
        })
    }

    /// A long-prompt share is billed at a band that must exist.
    pub(crate) fn long_prompt_problem(&self, has_long_prompt_band: bool) -> Option<String> {
        (self.long_prompt_share > 0.0 && !has_long_prompt_band).then(|| {
            format!(
                "long_prompt_share needs a [prices.long_prompt] table (found {})",
                self.long_prompt_share
            )
        })
    }
}

impl ModelProfile {
    /// Rules that tie two fields together; `None` when the profile is sound.
    pub fn cross_field_problem(&self) -> Option<String> {
        self.usage
            .cache_ratio_problem()
            .or_else(|| self.usage.long_prompt_problem(self.long_prompt.is_some()))
    }
}

/// A scenario-wide field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScenarioField {
    EngineerRate,
    BaselineHours,
    ChangesPerWeek,
    PlatformCostPerMonth,
    SetupCost,
    AttemptsShown,
}

/// The longest sparkline series a scenario may ask for; far past any
/// useful retry count, and it keeps a typo from allocating gigabytes.
pub(crate) const MAX_ATTEMPTS_SHOWN: u64 = 1000;

impl ScenarioField {
    pub const ALL: [ScenarioField; 6] = [
        Self::EngineerRate,
        Self::BaselineHours,
        Self::ChangesPerWeek,
        Self::PlatformCostPerMonth,
        Self::SetupCost,
        Self::AttemptsShown,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::EngineerRate => "engineer_rate",
            Self::BaselineHours => "baseline_hours",
            Self::ChangesPerWeek => "changes_per_week",
            Self::PlatformCostPerMonth => "platform_cost_per_month",
            Self::SetupCost => "setup_cost",
            Self::AttemptsShown => "attempts_shown",
        }
    }

    pub(crate) fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|field| field.key() == key)
    }

    pub fn bound(self) -> Bound {
        match self {
            Self::AttemptsShown => Bound::WholeBetween(1, MAX_ATTEMPTS_SHOWN),
            _ => Bound::AtLeast(0.0),
        }
    }

    /// The value, `None` where an optional field is unset.
    pub fn get(self, scenario: &Scenario) -> Option<f64> {
        match self {
            Self::EngineerRate => Some(scenario.engineer_rate_per_hour),
            Self::BaselineHours => scenario.baseline_hours,
            Self::ChangesPerWeek => scenario.changes_per_week,
            Self::PlatformCostPerMonth => Some(scenario.platform_cost_per_month),
            Self::SetupCost => Some(scenario.setup_cost),
            Self::AttemptsShown => Some(scenario.attempts_shown as f64),
        }
    }

    /// Sets the field; the caller checks `bound()` first.
    pub fn set(self, scenario: &mut Scenario, value: f64) {
        match self {
            Self::EngineerRate => scenario.engineer_rate_per_hour = value,
            Self::BaselineHours => scenario.baseline_hours = Some(value),
            Self::ChangesPerWeek => scenario.changes_per_week = Some(value),
            Self::PlatformCostPerMonth => scenario.platform_cost_per_month = value,
            Self::SetupCost => scenario.setup_cost = value,
            // The bound keeps this a small whole number; `as` saturates anyway.
            Self::AttemptsShown => scenario.attempts_shown = value as usize,
        }
    }
}

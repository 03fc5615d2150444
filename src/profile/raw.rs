//! The files as written: every field optional and spanned, unknown keys
//! refused. Required fields and ranges are checked in `validate`, so a
//! missing field gets a message that names the table it belongs in.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

type Field<T> = Option<Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProfile {
    pub name: Field<String>,
    pub notes: Field<String>,
    pub prices: Field<RawPrices>,
    pub usage: Field<RawUsage>,
    pub quality: Field<RawQuality>,
    pub mix: Field<Vec<Spanned<RawMixPart>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrices {
    pub input: Field<f64>,
    pub output: Field<f64>,
    pub cache_write: Field<f64>,
    pub cache_read: Field<f64>,
    pub as_of: Field<Datetime>,
    pub source: Field<String>,
    pub long_prompt: Field<RawBand>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub threshold_tokens: Field<f64>,
    pub input: Field<f64>,
    pub output: Field<f64>,
    pub cache_write: Field<f64>,
    pub cache_read: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawUsage {
    pub input_tokens: Field<f64>,
    pub output_tokens: Field<f64>,
    pub fanout: Field<f64>,
    pub cache_hit_ratio: Field<f64>,
    pub cache_write_ratio: Field<f64>,
    pub long_prompt_share: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuality {
    pub first_pass_rate: Field<f64>,
    pub review_minutes: Field<f64>,
    pub survive_rate: Field<f64>,
    pub incident_cost: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMixPart {
    pub profile: Field<String>,
    pub share: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub engineer_rate: Field<f64>,
    pub baseline_hours: Field<f64>,
    pub changes_per_week: Field<f64>,
    pub platform_cost_per_month: Field<f64>,
    pub setup_cost: Field<f64>,
    /// A float so that `2.5` gets a range message, not a type error.
    pub attempts_shown: Field<f64>,
}

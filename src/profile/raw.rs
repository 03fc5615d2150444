//! The files as written: every field optional and spanned, unknown keys
//! refused. Required fields and ranges are checked in `validate`, so a
//! missing field gets a message that names the table it belongs in.

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

type Field<T> = Option<Spanned<T>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawProfile {
    pub(super) name: Field<String>,
    pub(super) notes: Field<String>,
    pub(super) model_ids: Field<Vec<Spanned<String>>>,
    pub(super) prices: Field<RawPrices>,
    pub(super) usage: Field<RawUsage>,
    pub(super) quality: Field<RawQuality>,
    pub(super) calibration: Field<RawCalibration>,
    pub(super) mix: Field<Vec<Spanned<RawMixPart>>>,
}

/// `[calibration]`: where a profile's measured figures came from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCalibration {
    pub(super) at: Field<Datetime>,
    pub(super) from: Field<String>,
    pub(super) measured: Field<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrices {
    pub(super) input: Field<f64>,
    pub(super) output: Field<f64>,
    pub(super) cache_write: Field<f64>,
    pub(super) cache_read: Field<f64>,
    pub(super) as_of: Field<Datetime>,
    pub(super) source: Field<String>,
    pub(super) long_prompt: Field<RawBand>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBand {
    pub(super) threshold_tokens: Field<f64>,
    pub(super) input: Field<f64>,
    pub(super) output: Field<f64>,
    pub(super) cache_write: Field<f64>,
    pub(super) cache_read: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawUsage {
    pub(super) input_tokens: Field<f64>,
    pub(super) output_tokens: Field<f64>,
    pub(super) fanout: Field<f64>,
    pub(super) cache_hit_ratio: Field<f64>,
    pub(super) cache_write_ratio: Field<f64>,
    pub(super) long_prompt_share: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuality {
    pub(super) first_pass_rate: Field<f64>,
    pub(super) review_minutes: Field<f64>,
    pub(super) survive_rate: Field<f64>,
    pub(super) incident_cost: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMixPart {
    pub(super) profile: Field<String>,
    pub(super) share: Field<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) engineer_rate: Field<f64>,
    pub(super) baseline_hours: Field<f64>,
    pub(super) changes_per_week: Field<f64>,
    pub(super) platform_cost_per_month: Field<f64>,
    pub(super) setup_cost: Field<f64>,
    /// A float so that `2.5` gets a range message, not a type error.
    pub(super) attempts_shown: Field<f64>,
}

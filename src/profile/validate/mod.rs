//! Raw structs to validated engine types, one small function per table.
//! Every problem is collected; a profile comes out only when there are none.

mod mix;

use mix::validate_mix;
pub use mix::validate_scenario;

use std::ops::Range;

use toml::Spanned;

use super::decode::Removed;
use super::raw::{RawBand, RawPrices, RawProfile, RawQuality, RawUsage};
use super::read::is_hidden_control;
use super::{Definition, Problem, ProfileText};
use crate::model::{Bound, ModelProfile, PriceBand, ProfileField, Quality, Usage};

/// Mix shares must add up to 1 within this.
pub const SHARE_TOLERANCE: f64 = 1e-9;

/// Collects problems while tables are checked.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Entries decoding already reported and cut out: not "missing" again.
    removed: Vec<Removed>,
}

/// The start of the file: where a problem with no better place points.
const FILE_START: Range<usize> = 0..0;

impl Checker {
    fn problem(&mut self, span: Range<usize>, message: String) {
        self.problems.push(Problem::new(Some(span), message));
    }

    /// Whether `key` of the table at `table` (`None`: the top level) was
    /// cut out by decoding, which already said what was wrong with it.
    fn was_removed(&self, table: Option<&Range<usize>>, key: &str) -> bool {
        self.removed
            .iter()
            .any(|(at, removed)| at.as_ref() == table && removed == key)
    }

    fn number(&mut self, key: &str, bound: Bound, value: &Spanned<f64>) -> Option<f64> {
        let found = *value.get_ref();
        if bound.contains(found) {
            // -0 is 0: adding +0 clears the sign, so `input = -0.0` never
            // shows as "-0.00" or reads back different after a write-back.
            return Some(found + 0.0);
        }
        self.problem(
            value.span(),
            format!(
                "`{key}` {} (found {})",
                bound.describe(),
                show_number(found)
            ),
        );
        None
    }

    fn optional(
        &mut self,
        key: &str,
        bound: Bound,
        value: &Option<Spanned<f64>>,
    ) -> Option<Option<f64>> {
        match value {
            Some(value) => self.number(key, bound, value).map(Some),
            None => Some(None),
        }
    }

    fn required(
        &mut self,
        key: &str,
        bound: Bound,
        value: &Option<Spanned<f64>>,
        table: &Located,
    ) -> Option<f64> {
        match value {
            Some(value) => self.number(key, bound, value),
            None => {
                if !self.was_removed(Some(&table.span), key) {
                    self.problem(
                        table.span.clone(),
                        format!("missing field `{key}` in [{}]", table.name),
                    );
                }
                None
            }
        }
    }

    fn field(
        &mut self,
        field: ProfileField,
        value: &Option<Spanned<f64>>,
        table: &Located,
    ) -> Option<f64> {
        self.required(field.key(), field.bound(), value, table)
    }

    fn field_or(
        &mut self,
        field: ProfileField,
        value: &Option<Spanned<f64>>,
        default: f64,
    ) -> Option<f64> {
        self.optional(field.key(), field.bound(), value)
            .map(|v| v.unwrap_or(default))
    }

    /// A one-line text field (`name`, `notes`): shown in the table and
    /// printed by `report`, so no line breaks and nothing that acts on the
    /// terminal.
    fn text(&mut self, key: &str, value: Option<Spanned<String>>) -> Option<String> {
        let value = value?;
        let text = value.get_ref();
        if text.contains(['\n', '\r']) {
            self.problem(
                value.span(),
                format!("`{key}` must be one line (found a line break)"),
            );
        } else if let Some(c) = text.chars().find(|&c| is_hidden_control(c)) {
            self.problem(
                value.span(),
                format!(
                    "`{key}` must be plain text (found control character U+{:04X})",
                    u32::from(c)
                ),
            );
        }
        Some(value.into_inner())
    }
}

/// A table's name and where its header is, for "missing field" messages.
struct Located {
    name: &'static str,
    span: Range<usize>,
}

/// TOML spells the non-finite floats `nan` and `inf`.
pub fn show_number(value: f64) -> String {
    match value {
        v if v.is_nan() => "nan".to_string(),
        v if v.is_infinite() => if v > 0.0 { "inf" } else { "-inf" }.to_string(),
        v => v.to_string(),
    }
}

/// A whole profile file: a model or a mix, never both.
pub fn validate_profile(
    raw: RawProfile,
    text: &str,
    removed: Vec<Removed>,
) -> (Option<ProfileText>, Vec<Problem>) {
    let mut check = Checker {
        problems: Vec::new(),
        removed,
    };
    let name = check.text("name", raw.name);
    let notes = check.text("notes", raw.notes);
    let model_tables = [
        raw.prices.is_some(),
        raw.usage.is_some(),
        raw.quality.is_some(),
    ];
    let (as_of, source, definition) = match raw.mix {
        Some(mix) if model_tables.contains(&true) => {
            check.problem(
                mix.span(),
                "a profile has either [[mix]] or [prices], [usage] and [quality], not both"
                    .to_string(),
            );
            (None, None, None)
        }
        Some(mix) => (
            None,
            None,
            validate_mix(&mut check, mix, text).map(Definition::Mix),
        ),
        None => {
            let (as_of, source) = match &raw.prices {
                Some(prices) => (
                    prices
                        .get_ref()
                        .as_of
                        .as_ref()
                        .map(|date| date.get_ref().to_string()),
                    prices
                        .get_ref()
                        .source
                        .as_ref()
                        .map(|text| text.get_ref().clone()),
                ),
                None => (None, None),
            };
            let model = validate_model(&mut check, raw.prices, raw.usage, raw.quality);
            (as_of, source, model.map(Definition::Model))
        }
    };
    let text = definition
        .filter(|_| check.problems.is_empty())
        .map(|definition| ProfileText {
            name,
            notes,
            as_of,
            source,
            definition,
        });
    (text, check.problems)
}

fn missing_table(check: &mut Checker, name: &str) {
    if check.was_removed(None, name) {
        return;
    }
    check.problem(FILE_START, format!("missing table [{name}] (a model profile needs [prices], [usage] and [quality]; a mix needs [[mix]])"));
}

fn validate_model(
    check: &mut Checker,
    prices: Option<Spanned<RawPrices>>,
    usage: Option<Spanned<RawUsage>>,
    quality: Option<Spanned<RawQuality>>,
) -> Option<ModelProfile> {
    if prices.is_none() && usage.is_none() && quality.is_none() {
        // A bad or misspelt table was already reported: not "empty" too.
        // A bad `mix` was meant as a mix, so no model table is missing.
        if check.was_removed(None, "mix") {
            return None;
        }
        let removed = ["prices", "usage", "quality"]
            .iter()
            .any(|table| check.was_removed(None, table));
        if !removed {
            check.problem(
                FILE_START,
                "empty profile: a model needs [prices], [usage] and [quality]; a mix needs [[mix]]"
                    .to_string(),
            );
            return None;
        }
    }
    let prices = prices.or_else(|| {
        missing_table(check, "prices");
        None
    });
    let usage = usage.or_else(|| {
        missing_table(check, "usage");
        None
    });
    let quality = quality.or_else(|| {
        missing_table(check, "quality");
        None
    });
    // Whether a long-prompt band is written (a broken one still is);
    // unknown when [prices] itself is missing.
    let has_long_band = prices.as_ref().map(|p| p.get_ref().long_prompt.is_some());
    let (band, long_prompt) = prices
        .map(|p| validate_prices(check, p))
        .unwrap_or((None, Some(None)));
    let usage = usage.and_then(|u| validate_usage(check, u, has_long_band));
    let quality = quality.and_then(|q| validate_quality(check, q));
    Some(ModelProfile {
        prices: band?,
        long_prompt: long_prompt?,
        usage: usage?,
        quality: quality?,
    })
}

/// `[prices]` and its optional `[prices.long_prompt]`; the outer `Option`
/// of the band is `None` when the band is present but broken.
fn validate_prices(
    check: &mut Checker,
    prices: Spanned<RawPrices>,
) -> (Option<PriceBand>, Option<Option<PriceBand>>) {
    let at = Located {
        name: "prices",
        span: prices.span(),
    };
    let prices = prices.into_inner();
    let base = validate_band(
        check,
        &at,
        &prices.input,
        &prices.output,
        &prices.cache_write,
        &prices.cache_read,
    );
    let long_prompt = match prices.long_prompt {
        None => Some(None),
        Some(band) => {
            let band_at = Located {
                name: "prices.long_prompt",
                span: band.span(),
            };
            let band: RawBand = band.into_inner();
            let threshold = check.optional(
                "threshold_tokens",
                Bound::AtLeast(0.0),
                &band.threshold_tokens,
            );
            let prices = validate_band(
                check,
                &band_at,
                &band.input,
                &band.output,
                &band.cache_write,
                &band.cache_read,
            );
            threshold.and(prices).map(Some)
        }
    };
    (base, long_prompt)
}

fn validate_band(
    check: &mut Checker,
    at: &Located,
    input: &Option<Spanned<f64>>,
    output: &Option<Spanned<f64>>,
    cache_write: &Option<Spanned<f64>>,
    cache_read: &Option<Spanned<f64>>,
) -> Option<PriceBand> {
    let input = check.field(ProfileField::InputPrice, input, at);
    let output = check.field(ProfileField::OutputPrice, output, at);
    let write = check.optional(
        "cache_write",
        ProfileField::CacheWritePrice.bound(),
        cache_write,
    );
    let read = check.optional(
        "cache_read",
        ProfileField::CacheReadPrice.bound(),
        cache_read,
    );
    Some(PriceBand {
        input_per_mtok: input?,
        output_per_mtok: output?,
        cache_write_per_mtok: write?,
        cache_read_per_mtok: read?,
    })
}

/// `[usage]`, with the rules that tie its fields together, each located at
/// the value that breaks it.
fn validate_usage(
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

fn validate_quality(check: &mut Checker, quality: Spanned<RawQuality>) -> Option<Quality> {
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

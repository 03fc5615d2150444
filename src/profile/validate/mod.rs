//! Raw structs to validated engine types, one small function per table.
//! Every problem is collected; a profile comes out only when there are none.
//!
//! `check` holds the shared located range checks; `prices`, `usage` and
//! `quality` the tables of a model profile, `calibration` its `model_ids`
//! and `[calibration]`, `mix` those of a mix, and `scenario` the
//! `scenario.toml` file.

mod calibration;
mod check;
mod mix;
mod prices;
mod quality;
mod scenario;
mod usage;

pub(crate) use check::show_number;
pub(super) use scenario::validate_scenario;

use std::ops::Range;

use toml::Spanned;

use super::decode::Removed;
use super::raw::{RawPrices, RawProfile, RawQuality, RawUsage};
use super::{Calibration, Definition, Problem, ProfileText};
use crate::model::ModelProfile;
use calibration::{validate_calibration, validate_model_ids};
use check::Checker;
use mix::validate_mix;
use prices::validate_prices;
use quality::validate_quality;
use usage::validate_usage;

/// The start of the file: where a problem with no better place points.
const FILE_START: Range<usize> = 0..0;

/// A whole profile file: its one-line texts and what it defines.
pub(super) fn validate_profile(
    mut raw: RawProfile,
    text: &str,
    removed: Vec<Removed>,
) -> (Option<ProfileText>, Vec<Problem>) {
    let mut check = Checker {
        problems: Vec::new(),
        removed,
    };
    let name = check.text("name", raw.name.take());
    let notes = check.text("notes", raw.notes.take());
    let (model_ids, calibration) = validate_measurement_ties(&mut check, &mut raw);
    let threshold = long_prompt_threshold(raw.prices.as_ref());
    let (as_of, source, definition) = validate_definition(&mut check, raw, text);
    let text = definition
        .filter(|_| check.problems.is_empty())
        .map(|definition| ProfileText {
            name,
            notes,
            as_of,
            source,
            long_prompt_threshold_tokens: threshold,
            model_ids,
            calibration,
            definition,
        });
    (text, check.problems)
}

/// `model_ids` and `[calibration]`, taken out of `raw`. Both belong to a
/// model: a mix stands for no one model in the logs, and its figures are
/// its parts'.
fn validate_measurement_ties(
    check: &mut Checker,
    raw: &mut RawProfile,
) -> (Vec<String>, Option<Calibration>) {
    let (ids, calibration) = (raw.model_ids.take(), raw.calibration.take());
    if raw.mix.is_some() {
        if let Some(ids) = ids {
            check.problem(
                ids.span(),
                "a mix has no `model_ids`: the profiles it names stand for the models \
                 (found `model_ids` in a [[mix]] file)"
                    .to_string(),
            );
        }
        if let Some(calibration) = calibration {
            check.problem(
                calibration.span(),
                "a mix has no [calibration]: its figures are its parts' \
                 (found [calibration] in a [[mix]] file)"
                    .to_string(),
            );
        }
        return (Vec::new(), None);
    }
    let model_ids = validate_model_ids(check, ids);
    let calibration = calibration.and_then(|c| validate_calibration(check, c));
    (model_ids, calibration)
}

/// A model or a mix, never both; for a model, also `[prices]`'s `as_of`
/// and `source`.
fn validate_definition(
    check: &mut Checker,
    raw: RawProfile,
    text: &str,
) -> (Option<String>, Option<String>, Option<Definition>) {
    let model_tables = [
        raw.prices.is_some(),
        raw.usage.is_some(),
        raw.quality.is_some(),
    ];
    match raw.mix {
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
            validate_mix(check, mix, text).map(Definition::Mix),
        ),
        None => {
            let (as_of, source) = price_provenance(raw.prices.as_ref());
            let model = validate_model(check, raw.prices, raw.usage, raw.quality);
            (as_of, source, model.map(Definition::Model))
        }
    }
}

/// `[prices]`'s `as_of` date and `source`, as written.
fn price_provenance(prices: Option<&Spanned<RawPrices>>) -> (Option<String>, Option<String>) {
    let Some(prices) = prices else {
        return (None, None);
    };
    let prices = prices.get_ref();
    (
        prices.as_of.as_ref().map(|date| date.get_ref().to_string()),
        prices.source.as_ref().map(|text| text.get_ref().clone()),
    )
}

/// `[prices.long_prompt]`'s `threshold_tokens` as written; the engine
/// needs only the band's share, the log reader where the band starts.
/// Range-checked with the band (a profile comes out only when it passed).
fn long_prompt_threshold(prices: Option<&Spanned<RawPrices>>) -> Option<f64> {
    let band = prices?.get_ref().long_prompt.as_ref()?;
    band.get_ref()
        .threshold_tokens
        .as_ref()
        .map(|tokens| *tokens.get_ref() + 0.0)
}

/// A model profile: `[prices]`, `[usage]` and `[quality]`, each required.
fn validate_model(
    check: &mut Checker,
    prices: Option<Spanned<RawPrices>>,
    usage: Option<Spanned<RawUsage>>,
    quality: Option<Spanned<RawQuality>>,
) -> Option<ModelProfile> {
    if prices.is_none() && usage.is_none() && quality.is_none() && nothing_to_validate(check) {
        return None;
    }
    let prices = required_table(check, prices, "prices");
    let usage = required_table(check, usage, "usage");
    let quality = required_table(check, quality, "quality");
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

/// For a file with none of the model tables: whether to stop here,
/// because it is empty (said here) or was meant as a mix whose `mix` was
/// cut out and already reported.
fn nothing_to_validate(check: &mut Checker) -> bool {
    // A bad or misspelt table was already reported: not "empty" too.
    // A bad `mix` was meant as a mix, so no model table is missing.
    if check.was_removed(None, "mix") {
        return true;
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
    }
    !removed
}

/// `table` as given, saying so when it is missing (unless decoding cut it
/// out and already said what was wrong with it).
fn required_table<T>(check: &mut Checker, table: Option<T>, name: &str) -> Option<T> {
    if table.is_none() && !check.was_removed(None, name) {
        check.problem(FILE_START, format!("missing table [{name}] (a model profile needs [prices], [usage] and [quality]; a mix needs [[mix]])"));
    }
    table
}

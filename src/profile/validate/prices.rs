//! `[prices]` and its optional `[prices.long_prompt]` band.

use toml::Spanned;

use super::check::{Checker, Located};
use crate::model::{Bound, PriceBand, ProfileField};
use crate::profile::raw::{RawBand, RawPrices};

/// `[prices]` and its optional `[prices.long_prompt]`; the outer `Option`
/// of the band is `None` when the band is present but broken.
pub(super) fn validate_prices(
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
        Some(band) => validate_long_prompt(check, band).map(Some),
    };
    (base, long_prompt)
}

/// `[prices.long_prompt]`: a threshold and a second band.
fn validate_long_prompt(check: &mut Checker, band: Spanned<RawBand>) -> Option<PriceBand> {
    let band_at = Located {
        name: "prices.long_prompt",
        span: band.span(),
    };
    let band = band.into_inner();
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
    threshold.and(prices)
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

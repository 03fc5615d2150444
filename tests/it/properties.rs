//! Property tests: every figure finite over valid inputs, cost per merge
//! moves the right way with each input, and validation rejects any
//! out-of-range f64 (NaN, ±inf, negatives, huge) cleanly.

use costlens::model::{
    ModelProfile, PriceBand, ProfileField, Quality, Scenario, ScenarioField, Usage,
};
use costlens::overrides::WhatIf;
use costlens::profile::parse_profile;
use proptest::prelude::*;

fn band() -> impl Strategy<Value = PriceBand> {
    (
        0.0..200.0f64,
        0.0..1000.0f64,
        prop::option::of(0.0..400.0f64),
        prop::option::of(0.0..50.0f64),
    )
        .prop_map(|(input, output, write, read)| PriceBand {
            input_per_mtok: input,
            output_per_mtok: output,
            cache_write_per_mtok: write,
            cache_read_per_mtok: read,
        })
}

/// Valid profiles, generous but within what a real team could enter.
fn model() -> impl Strategy<Value = ModelProfile> {
    let usage = (
        0.0..5e6f64,
        0.0..1e6f64,
        1.0..50.0f64,
        0.0..=1.0f64,
        0.0..=1.0f64,
        0.0..=1.0f64,
    );
    let quality = (0.001..=1.0f64, 0.0..600.0f64, 0.0..=1.0f64, 0.0..1e6f64);
    (band(), prop::option::of(band()), usage, quality).prop_map(
        |(prices, long_prompt, usage, quality)| {
            let (input_tokens, output_tokens, fanout, hit, write_share, long_share) = usage;
            let (first_pass_rate, review_minutes, survive_rate, incident_cost_usd) = quality;
            ModelProfile {
                usage: Usage {
                    input_tokens,
                    output_tokens,
                    fanout,
                    cache_hit_ratio: hit,
                    // Keeps hit + write <= 1.
                    cache_write_ratio: (1.0 - hit) * write_share,
                    long_prompt_share: if long_prompt.is_some() {
                        long_share
                    } else {
                        0.0
                    },
                },
                prices,
                long_prompt,
                quality: Quality {
                    first_pass_rate,
                    review_minutes,
                    survive_rate,
                    incident_cost_usd,
                },
            }
        },
    )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        0.0..1000.0f64,
        prop::option::of(0.0..200.0f64),
        prop::option::of(0.0..1e4f64),
        0.0..1e5f64,
        0.0..1e7f64,
        1usize..60,
    )
        .prop_map(
            |(rate, baseline, volume, platform, setup, attempts)| Scenario {
                engineer_rate_per_hour: rate,
                baseline_hours: baseline,
                changes_per_week: volume,
                platform_cost_per_month: platform,
                setup_cost: setup,
                attempts_shown: attempts,
            },
        )
}

fn cost(model: &ModelProfile, scenario: &Scenario) -> f64 {
    model.cost_per_merge(scenario)
}

/// `model` with `field` set to the lower and the higher of two values.
fn pair(model: &ModelProfile, field: ProfileField, a: f64, b: f64) -> (ModelProfile, ModelProfile) {
    let (mut low, mut high) = (model.clone(), model.clone());
    field.set(&mut low, a.min(b));
    field.set(&mut high, a.max(b));
    (low, high)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_figure_is_finite(model in model(), scenario in scenario()) {
        prop_assert!(model.cross_field_problem().is_none());
        let f = model.figures(&scenario);
        let core = &f.core;
        for value in [core.cost_per_merge, core.token_cost_per_merge, core.review_cost_per_merge, core.regression_cost,
                      core.cost_per_attempt, core.expected_attempts, core.tokens_per_merge] {
            prop_assert!(value.is_finite(), "{value}");
        }
        prop_assert!(core.spend_by_attempt.iter().all(|v| v.is_finite()));
        prop_assert_eq!(core.spend_by_attempt.len(), scenario.attempts_shown);
        let optional = [f.token_share, f.baseline_cost, f.savings_per_merge, f.roi, f.review_to_generation,
                        f.weekly_spend, f.weekly_net_saving, f.payback_weeks];
        for value in optional.into_iter().flatten() {
            prop_assert!(value.is_finite(), "{value}");
        }
        let risk = f.risk.unwrap();
        prop_assert!(risk.p90_cost.is_finite());
        if let Some(p) = risk.break_even_first_pass_rate {
            prop_assert!(p.is_finite() && p <= 1.0);
        }
    }

    #[test]
    fn cost_never_rises_when_quality_rises(model in model(), scenario in scenario(),
                                           a in 0.001..=1.0f64, b in 0.001..=1.0f64) {
        for field in [ProfileField::FirstPassRate, ProfileField::SurviveRate] {
            let (low, high) = pair(&model, field, a, b);
            prop_assert!(cost(&high, &scenario) <= cost(&low, &scenario), "{field:?}");
        }
    }

    #[test]
    fn cost_never_falls_when_effort_or_price_rises(model in model(), scenario in scenario(),
                                                  a in 1.0..1e5f64, b in 1.0..1e5f64) {
        let fields = [ProfileField::ReviewMinutes, ProfileField::InputPrice, ProfileField::OutputPrice,
                      ProfileField::CacheWritePrice, ProfileField::CacheReadPrice, ProfileField::InputTokens,
                      ProfileField::OutputTokens, ProfileField::Fanout];
        for field in fields {
            let (low, high) = pair(&model, field, a, b);
            prop_assert!(cost(&high, &scenario) >= cost(&low, &scenario), "{field:?}");
        }
        let mut richer = scenario.clone();
        ScenarioField::EngineerRate.set(&mut richer, scenario.engineer_rate_per_hour + a);
        prop_assert!(cost(&model, &richer) >= cost(&model, &scenario));
    }

    #[test]
    fn validation_accepts_exactly_the_valid_range(field in prop::sample::select(ProfileField::ALL.to_vec()),
                                                  value in any::<f64>()) {
        let text = profile_with(field, value);
        let parsed = parse_profile("p.toml", &text);
        // The fixed profile has no cache ratios and a long-prompt band, so
        // the cross-field rules never fire here.
        prop_assert_eq!(parsed.is_ok(), field.bound().contains(value), "{}", text);
        if let Err(diagnostics) = parsed {
            prop_assert!(diagnostics.iter().all(|d| d.location.is_some() && !d.message.is_empty()));
        }
    }

    #[test]
    fn set_accepts_exactly_the_valid_range(field in prop::sample::select(ProfileField::ALL.to_vec()),
                                           value in any::<f64>()) {
        let parsed: Result<WhatIf, String> = format!("{}={}", field.key(), toml_float(value)).parse();
        prop_assert_eq!(parsed.is_ok(), field.bound().contains(value));
    }
}

/// A float as TOML spells it (`nan`, `inf`, `1e300`).
fn toml_float(value: f64) -> String {
    match value {
        v if v.is_nan() => "nan".into(),
        v if v.is_infinite() => {
            if v > 0.0 {
                "inf".into()
            } else {
                "-inf".into()
            }
        }
        v => format!("{v:?}"),
    }
}

fn profile_with(field: ProfileField, value: f64) -> String {
    let mut values: Vec<(ProfileField, String)> = vec![
        (ProfileField::InputPrice, "3.0".into()),
        (ProfileField::OutputPrice, "15.0".into()),
        (ProfileField::InputTokens, "40000".into()),
        (ProfileField::OutputTokens, "8000".into()),
        (ProfileField::FirstPassRate, "0.7".into()),
        (ProfileField::ReviewMinutes, "6".into()),
    ];
    values.retain(|(each, _)| *each != field);
    values.push((field, toml_float(value)));
    let mut text = String::new();
    for table in ["prices", "usage", "quality"] {
        text.push_str(&format!("[{table}]\n"));
        for (each, value) in values.iter().filter(|(each, _)| each.table() == table) {
            text.push_str(&format!("{} = {value}\n", each.key()));
        }
        if table == "prices" {
            text.push_str("[prices.long_prompt]\ninput = 6.0\noutput = 22.5\n");
        }
    }
    text
}

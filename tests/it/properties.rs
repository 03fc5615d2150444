//! Property tests: every figure finite over valid inputs, cost per merge
//! moves the right way with each input, and the files and `--set` accept
//! exactly the documented range of every field, rejecting any other f64
//! (NaN, ±inf, negatives, huge) cleanly.

use costlens::model::{
    ModelProfile, PriceBand, ProfileField, Quality, Scenario, ScenarioField, Usage,
};
use costlens::overrides::WhatIf;
use costlens::profile::{parse_profile, parse_scenario};
use proptest::prelude::*;

use Documented::{AboveZeroToOne, AtLeast, WholeFromTo, ZeroToOne};

/// A field's valid range as the documentation gives it, written out here
/// rather than taken from the code's `bound()`: loosen a bound in the code
/// (say `fanout >= 0.5`) and the range tests below fail. Every range also
/// needs a finite number: "`nan` and `inf` are out of range everywhere".
#[derive(Debug, Clone, Copy)]
enum Documented {
    /// `>= min`
    AtLeast(f64),
    /// `0..1`, both ends included
    ZeroToOne,
    /// `0 < p <= 1`
    AboveZeroToOne,
    /// A whole number from `min` to `max`.
    WholeFromTo(f64, f64),
}

impl Documented {
    fn admits(self, value: f64) -> bool {
        value.is_finite()
            && match self {
                AtLeast(min) => value >= min,
                ZeroToOne => (0.0..=1.0).contains(&value),
                AboveZeroToOne => value > 0.0 && value <= 1.0,
                WholeFromTo(min, max) => value.fract() == 0.0 && (min..=max).contains(&value),
            }
    }
}

/// `docs/profile-format.md`, "Field by field" (and `docs/cost-model.md`,
/// "valid range"): (table, key, range).
const PROFILE_RANGES: [(&str, &str, Documented); 14] = [
    ("prices", "input", AtLeast(0.0)),
    ("prices", "output", AtLeast(0.0)),
    ("prices", "cache_write", AtLeast(0.0)),
    ("prices", "cache_read", AtLeast(0.0)),
    ("usage", "input_tokens", AtLeast(0.0)),
    ("usage", "output_tokens", AtLeast(0.0)),
    ("usage", "fanout", AtLeast(1.0)),
    ("usage", "cache_hit_ratio", ZeroToOne),
    ("usage", "cache_write_ratio", ZeroToOne),
    ("usage", "long_prompt_share", ZeroToOne),
    ("quality", "first_pass_rate", AboveZeroToOne),
    ("quality", "review_minutes", AtLeast(0.0)),
    ("quality", "survive_rate", ZeroToOne),
    ("quality", "incident_cost", AtLeast(0.0)),
];

/// `docs/profile-format.md`, "scenario.toml": "Money and hours are finite
/// numbers >= 0", and `attempts_shown` "a whole number from 1 to 1000".
/// `changes_per_week`, a count of changes, is >= 0 like them.
const SCENARIO_RANGES: [(&str, Documented); 6] = [
    ("engineer_rate", AtLeast(0.0)),
    ("baseline_hours", AtLeast(0.0)),
    ("changes_per_week", AtLeast(0.0)),
    ("platform_cost_per_month", AtLeast(0.0)),
    ("setup_cost", AtLeast(0.0)),
    ("attempts_shown", WholeFromTo(1.0, 1000.0)),
];

/// Each documented end (0, 1, 1000), one step either side of it, and the
/// values no range may take.
fn edges() -> Vec<f64> {
    let mut values = vec![
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
    ];
    for end in [0.0, 1.0, 1000.0] {
        values.extend([
            end,
            f64::next_down(end),
            f64::next_up(end),
            end - 0.5,
            end + 0.5,
        ]);
    }
    values.extend([-0.0, -1.0, 2.0, 999.0, 1001.0, 1e300, -1e300]);
    values
}

/// Any f64, with the interesting ones often.
fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => any::<f64>(),
        1 => prop::sample::select(edges()),
        1 => -2.0..1002.0f64,
    ]
}

fn profile_accepts(table: &str, key: &str, value: f64) -> bool {
    let text = profile_with(table, key, value);
    match parse_profile("p.toml", &text) {
        Ok(_) => true,
        Err(diagnostics) => {
            let located = diagnostics
                .iter()
                .all(|d| d.location.is_some() && !d.message.is_empty());
            assert!(located, "{text}\n{diagnostics:?}");
            false
        }
    }
}

fn scenario_accepts(key: &str, value: f64) -> bool {
    let text = format!("{key} = {}\n", toml_float(value));
    parse_scenario("scenario.toml", &text).is_ok()
}

fn set_accepts(key: &str, value: f64) -> bool {
    let parsed: Result<WhatIf, String> = format!("{key}={}", toml_float(value)).parse();
    parsed.is_ok()
}

#[test]
fn every_field_has_its_documented_range_here() {
    let mut documented: Vec<(&str, &str)> =
        PROFILE_RANGES.iter().map(|(t, k, _)| (*t, *k)).collect();
    let mut fields: Vec<(&str, &str)> = ProfileField::ALL
        .iter()
        .map(|f| (f.table(), f.key()))
        .collect();
    documented.sort();
    fields.sort();
    assert_eq!(
        documented, fields,
        "a profile field without its documented range, or the other way"
    );
    let mut documented: Vec<&str> = SCENARIO_RANGES.iter().map(|(k, _)| *k).collect();
    let mut fields: Vec<&str> = ScenarioField::ALL.iter().map(|f| f.key()).collect();
    documented.sort();
    fields.sort();
    assert_eq!(
        documented, fields,
        "a scenario field without its documented range, or the other way"
    );
}

/// Every field, in a file and in `--set`, at each end of its range and one
/// step past it.
#[test]
fn every_field_at_the_edges_of_its_documented_range() {
    for value in edges() {
        for (table, key, range) in PROFILE_RANGES {
            let want = range.admits(value);
            assert_eq!(
                profile_accepts(table, key, value),
                want,
                "{table}.{key} = {value:?} in a file"
            );
            assert_eq!(set_accepts(key, value), want, "--set {key}={value:?}");
        }
        for (key, range) in SCENARIO_RANGES {
            let want = range.admits(value);
            assert_eq!(
                scenario_accepts(key, value),
                want,
                "{key} = {value:?} in scenario.toml"
            );
            assert_eq!(set_accepts(key, value), want, "--set {key}={value:?}");
        }
    }
}

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
    fn validation_accepts_exactly_the_valid_range(field in prop::sample::select(PROFILE_RANGES.to_vec()),
                                                  value in any_value()) {
        let (table, key, range) = field;
        // The fixed profile has no cache ratios and a long-prompt band, so
        // the cross-field rules never fire here.
        prop_assert_eq!(profile_accepts(table, key, value), range.admits(value), "{}.{} = {:?}", table, key, value);
    }

    #[test]
    fn scenario_validation_accepts_exactly_the_valid_range(field in prop::sample::select(SCENARIO_RANGES.to_vec()),
                                                           value in any_value()) {
        let (key, range) = field;
        prop_assert_eq!(scenario_accepts(key, value), range.admits(value), "{} = {:?}", key, value);
    }

    #[test]
    fn set_accepts_exactly_the_valid_range(field in prop::sample::select(PROFILE_RANGES.to_vec()),
                                           scenario_field in prop::sample::select(SCENARIO_RANGES.to_vec()),
                                           value in any_value()) {
        let (_, key, range) = field;
        prop_assert_eq!(set_accepts(key, value), range.admits(value), "--set {}={:?}", key, value);
        let (key, range) = scenario_field;
        prop_assert_eq!(set_accepts(key, value), range.admits(value), "--set {}={:?}", key, value);
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

/// A valid model profile but for `table.key`, which is `value`.
fn profile_with(table: &str, key: &str, value: f64) -> String {
    let mut values: Vec<(&str, &str, String)> = vec![
        ("prices", "input", "3.0".into()),
        ("prices", "output", "15.0".into()),
        ("usage", "input_tokens", "40000".into()),
        ("usage", "output_tokens", "8000".into()),
        ("quality", "first_pass_rate", "0.7".into()),
        ("quality", "review_minutes", "6".into()),
    ];
    values.retain(|(each_table, each_key, _)| (*each_table, *each_key) != (table, key));
    values.push((table, key, toml_float(value)));
    let mut text = String::new();
    for table in ["prices", "usage", "quality"] {
        text.push_str(&format!("[{table}]\n"));
        for (_, key, value) in values.iter().filter(|(each, _, _)| *each == table) {
            text.push_str(&format!("{key} = {value}\n"));
        }
        if table == "prices" {
            text.push_str("[prices.long_prompt]\ninput = 6.0\noutput = 22.5\n");
        }
    }
    text
}

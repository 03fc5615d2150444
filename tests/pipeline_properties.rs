//! Property tests over the whole pipeline the fuzzer drives (see
//! `fuzz/pipeline.rs`): folders of TOML-shaped text built from the
//! format's own keys, tables and hostile values — bytes → parse →
//! validate → compute → report → render, then a half-written reload and
//! a run of key actions. No input may panic, every located problem must
//! point inside its file, and loading must be deterministic.
//!
//! Bounded for CI: 256 folders per run; `PROPTEST_CASES=100000` runs more.

#[path = "../fuzz/pipeline.rs"]
mod pipeline;

use proptest::prelude::*;

const TABLES: &[&str] = &[
    "[prices]",
    "[prices.long_prompt]",
    "[usage]",
    "[quality]",
    "[[mix]]",
    "[mix]",
    "[prices.long_prompt.extra]",
    "[qualty]",
    "[[quality]]",
];

const KEYS: &[&str] = &[
    "name",
    "notes",
    "input",
    "output",
    "cache_read",
    "cache_write",
    "as_of",
    "source",
    "threshold_tokens",
    "input_tokens",
    "output_tokens",
    "fanout",
    "cache_hit_ratio",
    "cache_write_ratio",
    "long_prompt_share",
    "first_pass_rate",
    "review_minutes",
    "survive_rate",
    "incident_cost",
    "profile",
    "share",
    "engineer_rate",
    "baseline_hours",
    "changes_per_week",
    "platform_cost_per_month",
    "setup_cost",
    "attempts_shown",
    "first_pass",
    "prices.input",
    "\"quoted key\"",
];

const VALUES: &[&str] = &[
    "0",
    "1",
    "-1",
    "0.5",
    "0.0",
    "-0.0",
    "1e308",
    "1e-308",
    "nan",
    "+inf",
    "-inf",
    "1_000_000",
    "0x10",
    "99999999999999999999",
    "\"a\"",
    "\"b\"",
    "\"c\"",
    "\"scenario\"",
    "\"missing\"",
    "\"\"",
    "2026-11-01",
    "true",
    "[1, 2]",
    "{ input = 1 }",
    "'single'",
    "\"\"\"multi\nline\"\"\"",
    "\"unterminated",
    "=",
    "",
];

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(VALUES).prop_map(str::to_string),
        2 => any::<f64>().prop_map(|v| format!("{v:?}")),
        1 => (0.0..=1.0f64).prop_map(|v| format!("{v}")),
        1 => any::<i64>().prop_map(|v| v.to_string()),
    ]
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => prop::sample::select(TABLES).prop_map(str::to_string),
        8 => (prop::sample::select(KEYS), value()).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => Just("# a comment".to_string()),
        1 => "[^\u{0}]{0,12}",
    ]
}

fn file() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..25).prop_map(|lines| lines.join("\n"))
}

/// A scenario, up to five profile files and the key bytes, in the
/// fuzzer's input format.
fn folder() -> impl Strategy<Value = Vec<u8>> {
    (
        file(),
        prop::collection::vec(file(), 1..=5),
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(|(scenario, profiles, keys)| {
            let mut parts: Vec<Vec<u8>> = vec![scenario.into_bytes()];
            parts.extend(profiles.into_iter().map(String::into_bytes));
            // The key chunk is the last one; padding keeps it from being
            // read as a profile when there are fewer than five.
            while parts.len() < 6 {
                parts.push(Vec::new());
            }
            parts.push(keys.into_iter().filter(|&b| b != 0).collect());
            parts.join(&0u8)
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn any_folder_goes_through_the_whole_pipeline(data in folder()) {
        pipeline::run(&data);
    }

    #[test]
    fn any_bytes_go_through_the_whole_pipeline(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        pipeline::run(&data);
    }
}

//! Property tests over the whole pipeline the fuzzer drives (see
//! `fuzz/pipeline.rs`): folders of TOML-shaped text built from the
//! format's own keys, tables and hostile values — bytes → parse →
//! validate → compute → report → render, then a half-written reload and
//! a run of key actions. No input may panic, every located problem must
//! point inside its file, loading must be deterministic, and writing a
//! valid model's values back (as `s` does) must read back the same.
//!
//! Bounded for CI: 256 folders per run; `PROPTEST_CASES=100000` runs more.

use costlens::model::ProfileField;
use costlens::writeback::{Edit, apply_edits};
use proptest::prelude::*;

use crate::support::pipeline;

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

/// A valid model, as `[table]` sections, dotted keys, inline tables or a
/// mix of them, with comments, underscores and integers where they fit:
/// the shapes a hand-written file takes, for write-back to cope with.
fn model_text() -> impl Strategy<Value = String> {
    let numbers = (
        (0.0..100.0f64, 0.0..500.0f64, prop::option::of(0.0..50.0f64)),
        (
            0u32..2_000_000,
            0u32..200_000,
            prop::option::of(1.0..8.0f64),
        ),
        (0.001..=1.0f64, 0u32..600, prop::option::of(0.0..=1.0f64)),
    );
    let layouts = prop::collection::vec(0u8..3, 3);
    (numbers, layouts, any::<bool>()).prop_map(|(numbers, layouts, comments)| {
        let ((input, output, cache_read), (tokens_in, tokens_out, fanout), quality) = numbers;
        let (first_pass, review, survive) = quality;
        let mut prices = vec![format!("input = {input}"), format!("output = {output}")];
        prices.extend(cache_read.map(|v| format!("cache_read = {v}")));
        let mut usage = vec![
            format!("input_tokens = {}", grouped(tokens_in)),
            format!("output_tokens = {tokens_out}"),
        ];
        usage.extend(fanout.map(|v| format!("fanout = {v}")));
        let mut quality = vec![
            format!("first_pass_rate = {first_pass}"),
            format!("review_minutes = {review}"),
        ];
        quality.extend(survive.map(|v| format!("survive_rate = {v}")));
        let mut text = String::from("name = \"Layout\"\n");
        let mut sections = String::new();
        for ((table, pairs), layout) in [("prices", prices), ("usage", usage), ("quality", quality)]
            .into_iter()
            .zip(layouts)
        {
            let comment = if comments { "  # ASSUMPTION" } else { "" };
            match layout {
                // Dotted keys and inline tables must come before any [table].
                0 => {
                    for pair in pairs {
                        text.push_str(&format!("{table}.{pair}{comment}\n"));
                    }
                }
                1 => text.push_str(&format!("{table} = {{ {} }}\n", pairs.join(", "))),
                _ => {
                    sections.push_str(&format!("\n[{table}]{comment}\n"));
                    for pair in pairs {
                        sections.push_str(&format!("{pair}{comment}\n"));
                    }
                }
            }
        }
        text + &sections
    })
}

/// 1234567 as `1_234_567`, as people write token counts.
fn grouped(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    out
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
    fn write_back_copes_with_every_layout(text in model_text()) {
        // The layouts are all valid: the pipeline's write-back check runs
        // on each (every field written back, first-pass rate changed).
        let errors = costlens::profile::parse_profile("layout.toml", &text).err();
        prop_assert!(errors.is_none(), "{text}\n{errors:?}");
        // The pipeline skips a write-back that refuses; here none may.
        for field in ProfileField::ALL {
            let edit = Edit {
                table: field.table().to_string(),
                key: field.key().to_string(),
                value: 0.5,
            };
            let written = apply_edits(&text, &[edit]);
            prop_assert!(written.is_ok(), "{field:?} refused on\n{text}\n{written:?}");
        }
        let mut data = b"\0".to_vec();
        data.extend_from_slice(text.as_bytes());
        pipeline::run(&data);
    }

    #[test]
    fn any_file_goes_through_the_one_file_checks(text in file()) {
        pipeline::run_one(text.as_bytes());
    }

    #[test]
    fn any_bytes_go_through_the_whole_pipeline(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        pipeline::run(&data);
    }
}

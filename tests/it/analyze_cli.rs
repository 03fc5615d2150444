//! `costlens analyze` end to end on the built binary: every format on the
//! shipped profiles and the worked folder, the JSON document's keys in
//! the order of `docs/analysis.md` and its `null`s, `--set`, `--step` and
//! `--weeks`, unknown ids with a suggestion, and a bad file beside good
//! ones.

use std::fs;
use std::path::Path;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::close;
use crate::support::worked::{STRONG, worked_folder};

/// The repository root, where the shipped `profiles/` are.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn lever<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["levers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|lever| lever["lever"] == name)
        .unwrap_or_else(|| panic!("no lever {name}"))
}

fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

/// Every line at most 80 display cells.
fn fits_80(text: &str) {
    for line in text.lines() {
        assert!(
            UnicodeWidthStr::width(line) <= 80,
            "{} cells: {line}",
            UnicodeWidthStr::width(line)
        );
    }
}

const TOP_KEYS: [&str; 10] = [
    "profile",
    "against",
    "step",
    "cost_per_merge",
    "against_cost_per_merge",
    "levers",
    "cost_by_first_pass_rate",
    "crossover",
    "retry",
    "payback",
];
const LEVER_KEYS: [&str; 8] = [
    "lever",
    "base",
    "low",
    "high",
    "cost_at_low",
    "cost_at_high",
    "swing",
    "flip",
];

#[test]
fn json_on_the_shipped_profiles_has_the_documented_shape() {
    let out = costlens(&["analyze", "profiles", "--format", "json"], root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(keys(&doc), TOP_KEYS);
    // The cheapest by default, against the next cheapest.
    assert_eq!(doc["profile"], "fable-5.1");
    assert_eq!(doc["against"], "opus-5.5");
    assert_eq!(doc["step"], 0.2);
    let levers = doc["levers"].as_array().unwrap();
    assert_eq!(levers.len(), 10);
    for lever in levers {
        assert_eq!(keys(lever), LEVER_KEYS);
    }
    let swings: Vec<f64> = levers.iter().map(|l| number(&l["swing"])).collect();
    assert!(swings.windows(2).all(|w| w[1] <= w[0] * (1.0 + 1e-9)));
    let curve = doc["cost_by_first_pass_rate"].as_array().unwrap();
    assert_eq!(curve.len(), 20);
    assert_eq!(curve[0], serde_json::json!([0.05, number(&curve[0][1])]));
    let crossover = doc["crossover"].as_array().unwrap();
    assert_eq!(crossover.len(), 7, "every other profile");
    assert_eq!(keys(&crossover[0]), ["profile", "first_pass_rate"]);
    assert_eq!(crossover[0]["profile"], "opus-5.5");
    assert_eq!(keys(&doc["retry"]), ["policy", "cost_by_cap"]);
    assert_eq!(doc["retry"]["policy"], "no_cap");
    assert_eq!(doc["retry"]["cost_by_cap"].as_array().unwrap().len(), 10);
    assert_eq!(
        keys(&doc["payback"]),
        [
            "weekly_net_saving",
            "payback_weeks",
            "cumulative_net_saving"
        ]
    );
    let cumulative = doc["payback"]["cumulative_net_saving"].as_array().unwrap();
    assert_eq!(cumulative.len(), 27);
    assert_eq!(number(&cumulative[0]), -15_000.0);
    // The figures match `report`'s for the same profiles.
    let report = json(&costlens(
        &["report", "profiles", "--format", "json"],
        root(),
    ));
    let fable = &report["profiles"][0];
    assert_eq!(doc["cost_per_merge"], fable["cost_per_merge"]);
    assert_eq!(
        doc["against_cost_per_merge"],
        report["profiles"][1]["cost_per_merge"]
    );
    assert_eq!(
        doc["payback"]["weekly_net_saving"],
        fable["weekly_net_saving"]
    );
    assert_eq!(doc["payback"]["payback_weeks"], fable["payback_weeks"]);
}

#[test]
fn the_worked_folder_by_hand() {
    let dir = worked_folder();
    let out = costlens(&["analyze", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["profile"], "strong");
    assert_eq!(doc["against"], "cheap");
    let l_cheap = 22.072 / 0.52 + 36.0;
    close(number(&doc["cost_per_merge"]), 30.5, "L strong");
    close(number(&doc["against_cost_per_merge"]), l_cheap, "L cheap");
    // p: A / p + R at 0.576 and 0.864; the flip A / (L_Y - R).
    let p = lever(&doc, "first_pass_rate");
    close(number(&p["cost_at_low"]), 12.24 / 0.576 + 13.5, "p low");
    close(number(&p["cost_at_high"]), 12.24 / 0.864 + 13.5, "p high");
    close(number(&p["flip"]), 12.24 / (l_cheap - 13.5), "p flip");
    assert_eq!(doc["levers"][0]["lever"], "first_pass_rate");
    // No caching: cache_hit_ratio swings 0, still listed, last.
    assert_eq!(doc["levers"][9]["lever"], "cache_hit_ratio");
    assert_eq!(doc["levers"][9]["swing"], 0.0);
    // No baseline, no volume: no retry, no payback.
    assert_eq!(doc["retry"], Value::Null);
    assert_eq!(doc["payback"], Value::Null);
    // Against cheap the other way: every flip null (out of range).
    let out = costlens(
        &["analyze", ".", "--profile", "cheap", "--format", "json"],
        dir.path(),
    );
    let doc = json(&out);
    assert_eq!(doc["against"], "strong");
    for lever in doc["levers"].as_array().unwrap() {
        assert_eq!(lever["flip"], Value::Null, "{}", lever["lever"]);
    }
    assert_eq!(doc["crossover"][0]["first_pass_rate"], Value::Null);
}

#[test]
fn a_mix_has_nulls_where_the_reference_says() {
    let out = costlens(
        &[
            "analyze",
            "profiles",
            "--profile",
            "tiered",
            "--format",
            "json",
        ],
        root(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(keys(&doc), TOP_KEYS);
    assert_eq!(doc["against"], "fable-5.1");
    for lever in doc["levers"].as_array().unwrap() {
        assert_eq!(keys(lever), LEVER_KEYS);
        assert_eq!(lever["flip"], Value::Null);
        let shared = lever["lever"] == "engineer_rate" || lever["lever"] == "token_prices";
        for key in ["base", "low", "high"] {
            assert_eq!(lever[key].is_null(), !shared, "{} {key}", lever["lever"]);
        }
        assert!(lever["cost_at_low"].is_number() && lever["swing"].is_number());
    }
    assert_eq!(lever(&doc, "token_prices")["low"], 0.8);
    assert_eq!(lever(&doc, "engineer_rate")["base"], 120.0);
    assert_eq!(doc["cost_by_first_pass_rate"], Value::Null);
    assert!(
        doc["crossover"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["first_pass_rate"].is_null())
    );
    assert_eq!(doc["retry"], Value::Null);
    assert!(doc["payback"].is_object(), "a mix still pays back");
}

#[test]
fn a_folder_with_one_profile_has_no_rival() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("strong.toml"), STRONG).unwrap();
    let out = costlens(&["analyze", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(keys(&doc), TOP_KEYS);
    assert_eq!(doc["against"], Value::Null);
    assert_eq!(doc["against_cost_per_merge"], Value::Null);
    assert_eq!(doc["crossover"], serde_json::json!([]));
    for lever in doc["levers"].as_array().unwrap() {
        assert_eq!(lever["flip"], Value::Null);
    }
    for format in ["table", "markdown"] {
        let out = costlens(&["analyze", ".", "--format", format], dir.path());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(
            stdout(&out).contains("no other profile"),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn the_table_fits_80_columns_and_says_it_in_words() {
    let out = costlens(&["analyze", "profiles"], root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    fits_80(&text);
    for expected in [
        "Fable 5.1: 22.61 · against Opus 5.5: 28.45",
        "Which lever matters most",
        "first-pass rate",
        "│",
        "Fable 5.1 loses its lead to Opus 5.5 if its first-pass rate falls below 56.0%,",
        "review takes over 7.3 min",
        "token prices rise 6.3×",
        "Retry policy: retrying pays while first pass > 2.6%: no cap needed.",
        "Payback: net saving 15,434.23/week · pays back in 1.0 weeks",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Each lever's line ends in the dearer cost.
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with("first-pass rate"))
        .unwrap();
    assert!(line.ends_with(" 26.01"), "{line}");
    assert!(line.contains(" 20.34 "), "{line}");
    // The dearer side says it would win, and the others fit too.
    for profile in ["haiku-5.5", "tiered", "opus-5.5", "sonnet-4.6"] {
        let out = costlens(&["analyze", "profiles", "--profile", profile], root());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        fits_80(&stdout(&out));
    }
    let out = costlens(&["analyze", "profiles", "--profile", "opus-5.5"], root());
    assert!(
        stdout(&out).contains("Opus 5.5 would beat Fable 5.1 if"),
        "{}",
        stdout(&out)
    );
    let dir = worked_folder();
    let out = costlens(&["analyze", "."], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    fits_80(&stdout(&out));
    assert!(stdout(&out).contains("Payback: set baseline_hours and changes_per_week"));
}

#[test]
fn markdown_has_the_same_content_as_tables_and_lists() {
    let out = costlens(&["analyze", "profiles", "--format", "markdown"], root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "### Fable 5.1: what moves its cost (USD per merged change)",
        "- against Opus 5.5: 28.45",
        "| Lever | Base | Low | High | Cost at low | Cost at high | Swing | Flip |",
        "| first-pass rate | 80.0% | 64.0% | 96.0% | 26.01 | 20.34 | 5.67 | 56.0% |",
        "Fable 5.1 loses its lead to Opus 5.5 if:",
        "- its first-pass rate falls below 56.0%",
        "| Opus 5.5 | 56.0% |",
        "Retrying pays while first pass > 2.6%: no cap needed.",
        "- pays back in 1.0 weeks",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

#[test]
fn set_step_and_weeks_apply() {
    let args = [
        "analyze",
        "profiles",
        "--format",
        "json",
        "--set",
        "engineer_rate=150",
        "--set",
        "fable-5.1.first_pass_rate=0.6",
        "--step",
        "0.5",
        "--weeks",
        "4",
    ];
    let out = costlens(&args, root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["step"], 0.5);
    let report = json(&costlens(
        &[
            "report",
            "profiles",
            "--format",
            "json",
            "--set",
            "engineer_rate=150",
            "--set",
            "fable-5.1.first_pass_rate=0.6",
        ],
        root(),
    ));
    let cheapest = &report["profiles"][0];
    assert_eq!(doc["profile"], cheapest["id"]);
    assert_eq!(doc["cost_per_merge"], cheapest["cost_per_merge"]);
    assert_eq!(doc["against"], report["profiles"][1]["id"]);
    let e = lever(&doc, "engineer_rate");
    assert_eq!(
        (number(&e["base"]), number(&e["low"]), number(&e["high"])),
        (150.0, 75.0, 225.0)
    );
    // Fable 5.1 stays the cheapest at p = 0.6 (31.31 against 32.06).
    assert_eq!(doc["profile"], "fable-5.1");
    let p = lever(&doc, "first_pass_rate");
    assert_eq!(p["base"], 0.6);
    close(number(&p["low"]), 0.3, "p low at step 0.5");
    close(number(&p["high"]), 0.9, "p high at step 0.5");
    let cumulative = doc["payback"]["cumulative_net_saving"].as_array().unwrap();
    assert_eq!(cumulative.len(), 5);
    // A bad --set is a usage error, as for report.
    let out = costlens(
        &["analyze", "profiles", "--set", "cache_hit_ratio=0.9"],
        root(),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--set"), "{}", stderr(&out));
}

#[test]
fn the_step_must_be_between_0_and_1() {
    for step in ["0", "1", "-0.2", "1.5", "nan", "abc"] {
        let out = costlens(&["analyze", "profiles", "--step", step], root());
        assert_eq!(code(&out), 2, "--step {step}: {}", stdout(&out));
        assert!(stderr(&out).contains("step"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    for step in ["0.01", "0.99"] {
        let out = costlens(
            &["analyze", "profiles", "--step", step, "--format", "json"],
            root(),
        );
        assert_eq!(code(&out), 0, "--step {step}: {}", stderr(&out));
    }
}

#[test]
fn an_unknown_id_is_a_usage_error_naming_the_nearest() {
    let out = costlens(&["analyze", "profiles", "--profile", "fable-51"], root());
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "costlens: no profile `fable-51`; did you mean `fable-5.1`?\n"
    );
    assert!(stdout(&out).is_empty());
    let out = costlens(&["analyze", "profiles", "--against", "opus55"], root());
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "costlens: no profile `opus55`; did you mean `opus-5.5`?\n"
    );
    let out = costlens(&["analyze", "profiles", "--profile", "zzzzzzzzzz"], root());
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "costlens: no profile `zzzzzzzzzz`\n");
    // Against itself: there is nothing to compare.
    let out = costlens(
        &[
            "analyze",
            "profiles",
            "--profile",
            "opus-5.5",
            "--against",
            "opus-5.5",
        ],
        root(),
    );
    assert_eq!(code(&out), 2);
    // --against picks the rival.
    let out = costlens(
        &[
            "analyze",
            "profiles",
            "--against",
            "haiku-4.5",
            "--format",
            "json",
        ],
        root(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["against"], "haiku-4.5");
}

#[test]
fn a_bad_file_is_reported_and_the_rest_analysed() {
    let dir = worked_folder();
    fs::write(dir.path().join("broken.toml"), "[prices]\ninput = -1\n").unwrap();
    let out = costlens(&["analyze", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.toml"), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["profile"], "strong");
    assert_eq!(doc["crossover"].as_array().unwrap().len(), 1);
    // A missing folder is an I/O error.
    let out = costlens(&["analyze", "no-such-folder"], dir.path());
    assert_eq!(code(&out), 2);
    // Nothing but bad files: nothing to analyse, exit 1 as for bad files;
    // an empty folder: a usage error.
    let only_bad = tempfile::tempdir().unwrap();
    fs::write(
        only_bad.path().join("broken.toml"),
        "[prices]\ninput = -1\n",
    )
    .unwrap();
    let out = costlens(&["analyze", "."], only_bad.path());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).ends_with("costlens: no profile to analyse\n"));
    let empty = tempfile::tempdir().unwrap();
    let out = costlens(&["analyze", "."], empty.path());
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "costlens: no profile to analyse\n");
}

#[test]
fn json_never_holds_a_non_finite_number_or_a_string_figure() {
    for profile in ["fable-5.1", "tiered", "haiku-4.5"] {
        let out = costlens(
            &[
                "analyze",
                "profiles",
                "--profile",
                profile,
                "--format",
                "json",
            ],
            root(),
        );
        let text = stdout(&out);
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        let doc = json(&out);
        for lever in doc["levers"].as_array().unwrap() {
            for key in &LEVER_KEYS[1..] {
                assert!(lever[*key].is_number() || lever[*key].is_null(), "{key}");
            }
        }
    }
}

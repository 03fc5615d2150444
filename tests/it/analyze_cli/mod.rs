//! `costlens analyze` end to end on the built binary: every format on the
//! shipped profiles and the worked folder, the JSON document's keys in
//! the order of `docs/analysis.md` and its `null`s, `--set`, `--step` and
//! `--weeks`, unknown ids with a suggestion, and a bad file beside good
//! ones. Here: the documented keys and the helpers that read the JSON; the
//! tests are in:
//! - `json`: the document's shape on the shipped profiles, the worked
//!   folder by hand, a mix's `null`s, no non-finite or string figure;
//! - `table_and_markdown`: the table within 80 columns and in words, the
//!   markdown's tables and lists;
//! - `flags`: `--set`, `--step` and `--weeks`, the step's bounds,
//!   `--profile` and `--against` with unknown ids;
//! - `folders`: a folder with one profile (no rival), a bad file beside
//!   good ones, a missing, a wholly broken and an empty folder.

use std::path::Path;

use serde_json::Value;

mod flags;
mod folders;
mod json;
mod table_and_markdown;

/// The repository root, where the shipped `profiles/` are.
pub(super) fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub(super) fn keys(value: &Value) -> Vec<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

pub(super) fn lever<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["levers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|lever| lever["lever"] == name)
        .unwrap_or_else(|| panic!("no lever {name}"))
}

pub(super) fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {value}"))
}

pub(super) const TOP_KEYS: [&str; 10] = [
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
pub(super) const LEVER_KEYS: [&str; 8] = [
    "lever",
    "base",
    "low",
    "high",
    "cost_at_low",
    "cost_at_high",
    "swing",
    "flip",
];

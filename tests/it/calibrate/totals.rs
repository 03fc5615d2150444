//! What each model's totals hold: cache writes from `cache_creation` or
//! the flat field, fast requests, and the JSON field names of section 5.

use serde_json::json;

use super::{Line, Tree, lines};

#[test]
fn cache_writes_are_the_ephemeral_sum_when_present() {
    let tree = Tree::new();
    let split = json!({"ephemeral_5m_input_tokens": 30, "ephemeral_1h_input_tokens": 70});
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            // 30 + 70 = 100 wins over the flat 999.
            Line::new("a", 1, 1)
                .cache(999, 5)
                .usage("cache_creation", split),
            // Without the object, the flat field: 40, none of it 1-hour.
            Line::new("b", 1, 1).cache(40, 0),
            // Half an object: the missing part is 0.
            Line::new("c", 1, 1)
                .cache(7, 0)
                .usage("cache_creation", json!({"ephemeral_1h_input_tokens": 2})),
        ]),
    );
    let report = tree.read();
    let model = &report.models[0];
    assert_eq!(model.cache_write_tokens, 100 + 40 + 2);
    assert_eq!(model.cache_write_1h_tokens, 70 + 2);
    assert_eq!(model.cache_read_tokens, 5);
}

#[test]
fn fast_requests_count_under_their_model() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            Line::new("a", 1, 1).usage("speed", json!("fast")),
            Line::new("b", 2, 2).usage("speed", json!("standard")),
            Line::new("c", 3, 3),
        ]),
    );
    let report = tree.read();
    assert_eq!(report.models.len(), 1);
    assert_eq!(report.models[0].model, "claude-sonnet-4-5-20250929");
    assert_eq!(
        (report.models[0].requests, report.models[0].fast_requests),
        (3, 1)
    );
}

#[test]
fn the_json_field_names_of_section_5() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([Line::new("a", 1, 2).at("2026-10-01T08:12:03.250Z")]),
    );
    let report = tree.read();
    let logs = serde_json::to_value(&report.logs).unwrap();
    let keys = keys_of(&logs);
    assert_eq!(
        keys,
        [
            "files",
            "bytes",
            "usage_lines",
            "skipped_lines",
            "duplicate_lines",
            "requests",
            "sessions",
            "from",
            "to"
        ]
    );
    assert_eq!(logs["from"], json!("2026-10-01T08:12:03Z"));
    let model = serde_json::to_value(&report.models[0]).unwrap();
    let keys = keys_of(&model);
    assert_eq!(
        keys,
        [
            "model",
            "requests",
            "fast_requests",
            "input_tokens",
            "output_tokens",
            "cache_write_tokens",
            "cache_write_1h_tokens",
            "cache_read_tokens"
        ]
    );
    let attempt = serde_json::to_value(&report.attempts[0]).unwrap();
    let keys = keys_of(&attempt);
    assert_eq!(
        keys,
        [
            "model",
            "profile",
            "sessions",
            "requests",
            "usage",
            "cache_write_1h_share",
            "tokens_per_session_median",
            "tokens_per_session_p90"
        ]
    );
    let usage = keys_of(&attempt["usage"]);
    assert_eq!(
        usage,
        [
            "input_tokens",
            "output_tokens",
            "fanout",
            "cache_hit_ratio",
            "cache_write_ratio",
            "long_prompt_share"
        ]
    );
    assert_eq!(attempt["usage"]["long_prompt_share"], json!(null));
}

/// A JSON object's keys, in the order it writes them.
fn keys_of(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_object()
        .map(|object| object.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

//! The line rules one by one: each file holds one good line (10 input,
//! 5 output tokens) and the line under test.

use serde_json::json;

use super::{Line, Tree, lines, totals};

fn good() -> Line {
    Line::new("good", 10, 5)
}

/// A candidate line, 1000 input and 500 output tokens if it were counted.
fn candidate() -> Line {
    Line::new("candidate", 1000, 500)
}

/// Reads `good()` beside `line`: (skipped lines, token totals).
fn beside(line: &str) -> (u64, [u64; 4]) {
    let tree = Tree::new();
    tree.file("projects/p/s1.jsonl", &[good().text(), line.to_string()]);
    let report = tree.read();
    (report.logs.skipped_lines, totals(&report))
}

const GOOD_ONLY: [u64; 4] = [10, 5, 0, 0];
const BOTH: [u64; 4] = [1010, 505, 0, 0];

#[test]
fn each_unusable_line_is_skipped_and_counted() {
    let cut = candidate().text();
    let cases: Vec<(&str, String)> = vec![
        ("not JSON", cut.replace("\"usage\":{", "\"usage\":{,")),
        ("cut off by a crash", cut[..cut.len() - 40].to_string()),
        ("two objects on one line", format!("{{\"x\":1}}{cut}")),
        ("a JSON array", format!("[{cut}]")),
        (
            "input missing",
            candidate().remove("/message/usage/input_tokens").text(),
        ),
        (
            "output missing",
            candidate().remove("/message/usage/output_tokens").text(),
        ),
        (
            "a count null",
            candidate().usage("output_tokens", json!(null)).text(),
        ),
        (
            "a count a string",
            candidate().usage("output_tokens", json!("500")).text(),
        ),
        (
            "a count a float",
            candidate().usage("output_tokens", json!(152.0)).text(),
        ),
        (
            "a count negative",
            candidate().usage("input_tokens", json!(-1)).text(),
        ),
        (
            "a count beyond 64 bits",
            candidate().text().replace(
                "\"input_tokens\":1000",
                "\"input_tokens\":18446744073709551616",
            ),
        ),
        (
            "cache reads null",
            candidate()
                .usage("cache_read_input_tokens", json!(null))
                .text(),
        ),
        (
            "cache writes a float",
            candidate()
                .usage("cache_creation_input_tokens", json!(1.5))
                .text(),
        ),
        (
            "an ephemeral count null",
            candidate()
                .usage("cache_creation", json!({"ephemeral_5m_input_tokens": null}))
                .text(),
        ),
        (
            "the ephemeral counts overflow together",
            candidate()
                .usage(
                    "cache_creation",
                    json!({"ephemeral_5m_input_tokens": u64::MAX, "ephemeral_1h_input_tokens": 1}),
                )
                .text(),
        ),
        (
            "usage null",
            candidate().set("/message/usage", json!(null)).text(),
        ),
        (
            "usage a number",
            candidate().set("/message/usage", json!(7)).text(),
        ),
        (
            "isSidechain a string",
            candidate().set("/isSidechain", json!("true")).text(),
        ),
        (
            "isSidechain null",
            candidate().set("/isSidechain", json!(null)).text(),
        ),
        (
            "costUSD a string",
            candidate().set("/costUSD", json!("0.25")).text(),
        ),
        (
            "costUSD null",
            candidate().set("/costUSD", json!(null)).text(),
        ),
        (
            "sessionId null",
            candidate().set("/sessionId", json!(null)).text(),
        ),
        (
            "sessionId a number",
            candidate().set("/sessionId", json!(5)).text(),
        ),
        (
            "requestId null",
            candidate().set("/requestId", json!(null)).text(),
        ),
        (
            "message.id null",
            candidate().set("/message/id", json!(null)).text(),
        ),
        (
            "message.model null",
            candidate().set("/message/model", json!(null)).text(),
        ),
        (
            "version null",
            candidate().set("/version", json!(null)).text(),
        ),
        ("speed null", candidate().usage("speed", json!(null)).text()),
        (
            "speed other",
            candidate().usage("speed", json!("turbo")).text(),
        ),
        (
            "speed in capitals",
            candidate().usage("speed", json!("Fast")).text(),
        ),
        ("timestamp missing", candidate().remove("/timestamp").text()),
        (
            "timestamp null",
            candidate().set("/timestamp", json!(null)).text(),
        ),
        (
            "timestamp a number",
            candidate().set("/timestamp", json!(1_767_225_600)).text(),
        ),
        (
            "timestamp without zone",
            candidate().at("2026-01-01T00:00:00.000").text(),
        ),
        (
            "timestamp with a space",
            candidate().at("2026-01-01 00:00:00.000Z").text(),
        ),
        (
            "timestamp lowercase z",
            candidate().at("2026-01-01T00:00:00.000z").text(),
        ),
        (
            "timestamp offset without colon",
            candidate().at("2026-01-01T00:00:00+0100").text(),
        ),
        ("timestamp date only", candidate().at("2026-01-01").text()),
        (
            "not a real date",
            candidate().at("2026-02-29T00:00:00.000Z").text(),
        ),
        (
            "not a real time",
            candidate().at("2026-01-01T24:00:00.000Z").text(),
        ),
        (
            "a leap second",
            candidate().at("2026-12-31T23:59:60Z").text(),
        ),
        (
            "version not N.N.N",
            candidate().set("/version", json!("2.0")).text(),
        ),
        (
            "version a word",
            candidate().set("/version", json!("dev")).text(),
        ),
        (
            "empty message.id",
            candidate().set("/message/id", json!("")).text(),
        ),
        (
            "empty requestId",
            candidate().set("/requestId", json!("")).text(),
        ),
        (
            "empty sessionId",
            candidate().set("/sessionId", json!("")).text(),
        ),
        ("empty model", candidate().model("").text()),
        (
            "a field twice",
            candidate().text().replace(
                "\"input_tokens\":1000",
                "\"input_tokens\":1000,\"input_tokens\":1",
            ),
        ),
        (
            "cut off by a crash before its usage",
            cut[..cut.find("\"usage\"").unwrap()].to_string(),
        ),
        (
            "a user line cut off by a crash",
            "{\"type\":\"user\",\"message\":{\"con".to_string(),
        ),
        ("text, not an object", "usage: 1000 tokens".to_string()),
        ("bytes, not text", "\u{0}\u{1}\u{7f}".to_string()),
    ];
    for (name, line) in cases {
        assert_eq!(beside(&line), (1, GOOD_ONLY), "{name}: {line}");
    }
}

#[test]
fn other_kinds_of_line_pass_silently() {
    let cases: Vec<(&str, String)> = vec![
        (
            "a user line",
            json!({"type": "user", "message": {"role": "user", "content": "hi"}}).to_string(),
        ),
        (
            "a summary",
            json!({"type": "summary", "summary": "usage report", "leafUuid": "x"}).to_string(),
        ),
        (
            "a Task result's usage outside message",
            json!({"type": "user", "message": {"role": "user", "content": []},
                   "toolUseResult": {"usage": {"input_tokens": 1000, "output_tokens": 500}}})
            .to_string(),
        ),
        (
            "usage at the top level",
            json!({"type": "x", "usage": {"input_tokens": 1000, "output_tokens": 500}}).to_string(),
        ),
        (
            "a user line mentioning usage, a field of the wrong type",
            json!({"type": "user", "isSidechain": "no", "toolUseResult": {"usage": {}}})
                .to_string(),
        ),
        (
            "message null",
            json!({"type": "assistant", "message": null, "usage": 1}).to_string(),
        ),
        (
            "a user line with blanks after it",
            format!(
                "{} \t\r",
                json!({"type": "user", "message": {"content": "x"}})
            ),
        ),
        (
            "a line holding no usage is not parsed: not JSON, passed by",
            "{\"type\":\"user\",,\"message\":{}}".to_string(),
        ),
        ("a blank line", "   \t".to_string()),
        ("an empty line", String::new()),
    ];
    for (name, line) in cases {
        assert_eq!(beside(&line), (0, GOOD_ONLY), "{name}: {line}");
    }
}

#[test]
fn synthetic_and_model_less_lines_are_not_counted() {
    for line in [
        candidate().model("<synthetic>"),
        candidate().remove("/message/model"),
    ] {
        let tree = Tree::new();
        tree.file("projects/p/s1.jsonl", &lines([good(), line]));
        let report = tree.read();
        assert_eq!(totals(&report), GOOD_ONLY);
        assert_eq!(report.logs.skipped_lines, 0, "valid, not unusable");
        assert_eq!((report.logs.usage_lines, report.logs.requests), (1, 1));
        assert_eq!(report.models.len(), 1);
    }
}

#[test]
fn the_forms_the_rules_accept_are_counted() {
    let cases: Vec<(&str, String)> = vec![
        ("no fraction", candidate().at("2026-01-01T00:00:00Z").text()),
        (
            "an offset",
            candidate().at("2026-01-01T09:30:00.000+09:30").text(),
        ),
        (
            "a negative offset",
            candidate().at("2025-12-31T20:00:00-04:00").text(),
        ),
        (
            "a one-digit fraction",
            candidate().at("2026-01-01T00:00:00.5Z").text(),
        ),
        (
            "a nine-digit fraction",
            candidate().at("2026-01-01T00:00:00.123456789Z").text(),
        ),
        ("a leap day", candidate().at("2024-02-29T12:00:00Z").text()),
        (
            "costUSD a number",
            candidate().set("/costUSD", json!(0.25)).text(),
        ),
        (
            "costUSD an integer",
            candidate().set("/costUSD", json!(1)).text(),
        ),
        (
            "a version with a suffix",
            candidate().set("/version", json!("2.0.14-beta.1")).text(),
        ),
        ("no version", candidate().remove("/version").text()),
        ("no sessionId", candidate().remove("/sessionId").text()),
        ("no requestId", candidate().no_request().text()),
        ("no message.id", candidate().remove("/message/id").text()),
        ("no isSidechain", candidate().remove("/isSidechain").text()),
        (
            "speed standard",
            candidate().usage("speed", json!("standard")).text(),
        ),
        (
            "speed fast",
            candidate().usage("speed", json!("fast")).text(),
        ),
        (
            "cache_creation null",
            candidate().usage("cache_creation", json!(null)).text(),
        ),
        (
            "no cache fields",
            candidate()
                .remove("/message/usage/cache_read_input_tokens")
                .text(),
        ),
        (
            "isApiErrorMessage",
            candidate().set("/isApiErrorMessage", json!(true)).text(),
        ),
        ("cwd null", candidate().set("/cwd", json!(null)).text()),
        (
            "escapes in the ids",
            candidate().request("req-\\u00e9\\\"x").text(),
        ),
        (
            "spaces around usage",
            candidate().text().replace("\"usage\":{", "\"usage\" : { "),
        ),
        ("a carriage return", format!("{}\r", candidate().text())),
        ("leading spaces", format!("  {}", candidate().text())),
        (
            "unicode in the model id",
            candidate().model("claude-\u{1b}[2J\u{202e}x").text(),
        ),
    ];
    for (name, line) in cases {
        assert_eq!(beside(&line), (0, BOTH), "{name}: {line}");
    }
}

#[test]
fn a_crash_cut_last_line_without_newline_is_counted_once() {
    let tree = Tree::new();
    let cut = candidate().text();
    let text = format!("{}\n{}", good().text(), &cut[..cut.len() - 30]);
    tree.raw("projects/p/s1.jsonl", text.as_bytes());
    let report = tree.read();
    assert_eq!((report.logs.skipped_lines, totals(&report)), (1, GOOD_ONLY));
    // A whole last line without its newline is a line like any other.
    let whole = format!("{}\n{}", good().text(), candidate().text());
    tree.raw("projects/p/s1.jsonl", whole.as_bytes());
    assert_eq!(totals(&tree.read()), BOTH);
}

//! The pull-request reader on exports in `gh pr list --json` shape
//! (`tests/fixtures/calibrate/prs/`): figures worked out by hand, the
//! agent rules one by one, and located errors.

use std::path::{Path, PathBuf};

use costlens::calibrate::prs::{PrFigures, PrsError, parse_prs, read_prs};
use serde_json::json;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/calibrate/prs")
        .join(name)
}

fn close(got: Option<(f64, f64)>, want: (f64, f64)) -> bool {
    got.is_some_and(|(low, high)| (low - want.0).abs() < 1e-9 && (high - want.1).abs() < 1e-9)
}

/// `merged.json`, eight merged pull requests, newest first:
///
/// | # | agent by | CHANGES_REQUESTED | attempts |
/// |---|---|---|---|
/// | 108 | none ("Written with Claude Code" is not the line) | 1 | - |
/// | 107 | none (a human co-author, "Generated with Copilot") | 2 | - |
/// | 106 | lower-case `co-authored-by: claude opus` in a commit | 0 | 1 |
/// | 105 | body line (its DISMISSED and COMMENTED reviews do not count) | 0 | 1 |
/// | 104 | label `AI-Agent` only, so only with `--agent-label` | 1 | 2 |
/// | 103 | none | 1 | - |
/// | 102 | trailer in its second commit; reviews by two people | 2 | 3 |
/// | 101 | body line | 0 | 1 |
///
/// So 4 agent pull requests in 6 attempts, or 5 in 8 with the label.
/// Wilson 90% (z = 1.6449), by Python: 4/6 -> (0.347007354836, 0.882727292193),
/// 5/8 -> (0.347984851280, 0.838831587197).
#[test]
fn the_fixture_gives_its_hand_counted_figures() {
    let f = read_prs(&fixture("merged.json"), None).unwrap();
    assert_eq!((f.count, f.agent_count, f.agent_attempts), (8, 4, 6));
    assert_eq!(f.first_pass_rate, Some(4.0 / 6.0));
    assert!(close(
        f.first_pass_rate_90,
        (0.347_007_354_836, 0.882_727_292_193)
    ));
}

#[test]
fn the_agent_label_adds_its_pull_requests_in_any_case() {
    for label in ["AI-Agent", "ai-agent", "AI-AGENT"] {
        let f = read_prs(&fixture("merged.json"), Some(label)).unwrap();
        assert_eq!(
            (f.count, f.agent_count, f.agent_attempts),
            (8, 5, 8),
            "{label}"
        );
        assert_eq!(f.first_pass_rate, Some(0.625));
        assert!(close(
            f.first_pass_rate_90,
            (0.347_984_851_280, 0.838_831_587_197)
        ));
    }
    let f = read_prs(&fixture("merged.json"), Some("ai")).unwrap();
    assert_eq!(f.agent_count, 4, "a label is matched whole");
}

#[test]
fn no_agent_pull_requests_no_rate() {
    let f = read_prs(&fixture("no-agent.json"), None).unwrap();
    let want = PrFigures {
        count: 2,
        ..PrFigures::default()
    };
    assert_eq!(f, want);
    assert_eq!(
        serde_json::to_value(&f).unwrap(),
        json!({ "count": 2, "agent_count": 0, "agent_attempts": 0,
                "first_pass_rate": null, "first_pass_rate_90": null })
    );
    assert_eq!(parse_prs(b"[]", None).unwrap(), PrFigures::default());
}

#[test]
fn the_json_has_the_spec_names_and_an_interval_pair() {
    let f = read_prs(&fixture("merged.json"), None).unwrap();
    let value = serde_json::to_value(&f).unwrap();
    let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
    let spec = [
        "count",
        "agent_count",
        "agent_attempts",
        "first_pass_rate",
        "first_pass_rate_90",
    ];
    assert_eq!(keys, spec);
    assert_eq!(value["first_pass_rate_90"].as_array().unwrap().len(), 2);
}

/// One pull request with `body`, a commit with `message`, and `states`.
fn one(body: &str, message: &str, states: &[&str]) -> Vec<u8> {
    let reviews: Vec<_> = states.iter().map(|s| json!({ "state": s })).collect();
    let pr = json!([{
        "body": body, "labels": [],
        "commits": [{ "messageHeadline": "x", "messageBody": message }],
        "reviews": reviews,
    }]);
    serde_json::to_vec(&pr).unwrap()
}

#[test]
fn each_agent_rule_alone() {
    let figures = |bytes: Vec<u8>| {
        let f = parse_prs(&bytes, None).unwrap();
        (f.agent_count, f.agent_attempts)
    };
    let line = "🤖 Generated with [Claude Code](https://claude.com/claude-code)";
    assert_eq!(figures(one(line, "", &["CHANGES_REQUESTED"])), (1, 2));
    assert_eq!(
        figures(one("", "Co-Authored-By: Claude <c@x>", &[])),
        (1, 1)
    );
    assert_eq!(figures(one("", "CO-AUTHORED-BY: CLAUDE", &[])), (1, 1));
    // The line in a commit message is not one of the pull request rules.
    assert_eq!(figures(one("", line, &[])), (0, 0));
    assert_eq!(
        figures(one("Co-Authored-By: Claude <c@x>", "", &[])),
        (0, 0)
    );
    assert_eq!(figures(one("", "Co-Authored-By: Dana <d@x>", &[])), (0, 0));
    // States are matched exactly as GitHub writes them.
    let states = [
        "CHANGES_REQUESTED",
        "changes_requested",
        "APPROVED",
        "CHANGES_REQUESTED",
    ];
    assert_eq!(figures(one(line, "", &states)), (1, 3));
}

#[test]
fn a_null_body_and_unknown_fields_are_fine() {
    let text = r#"[{"number": 1, "body": null, "labels": [{"name": "x", "new": 1}],
        "commits": [], "reviews": [{"state": "APPROVED", "extra": {"a": [1]}}], "future": true}]"#;
    let f = parse_prs(text.as_bytes(), Some("x")).unwrap();
    assert_eq!((f.count, f.agent_count, f.agent_attempts), (1, 1, 1));
}

fn error(text: &str) -> (String, PrsError) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prs.json");
    std::fs::write(&path, text).unwrap();
    let err = read_prs(&path, None).unwrap_err();
    let shown = err.to_string();
    let prefix = format!("{}:", path.display());
    (shown.strip_prefix(&prefix).unwrap().to_owned(), err)
}

#[test]
fn a_cut_off_file_is_located() {
    let path = fixture("truncated.json");
    let err = read_prs(&path, None).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}:88:4: EOF while parsing a value", path.display())
    );
    match err {
        PrsError::Json { line, column, .. } => assert_eq!((line, column), (88, 4)),
        PrsError::Read { .. } => panic!("not a read error"),
    }
}

#[test]
fn bad_shapes_are_located() {
    let (message, _) = error("{\"number\": 1}");
    assert_eq!(message, "1:0: invalid type: map, expected a sequence");
    let (message, _) = error("[\n  {\"body\": \"\", \"labels\": [], \"commits\": []}\n]");
    assert_eq!(message, "2:43: missing field `reviews`");
    let (message, _) = error("[{\"body\": \"\", \"labels\": [], \"commits\": [], \"reviews\": 3}]");
    assert_eq!(
        message,
        "1:55: invalid type: integer `3`, expected a sequence"
    );
    let (message, _) = error("[{\"labels\": [], \"commits\": [], \"reviews\": []}]");
    assert_eq!(message, "1:45: missing field `body`");
    let (message, _) = error("");
    assert_eq!(message, "1:0: EOF while parsing a value");
}

#[test]
fn outside_text_in_an_error_is_escaped() {
    let (message, _) =
        error("[{\"body\": \"\", \"labels\": [], \"commits\": [], \"reviews\": \"\\u001b[2J\"}]");
    assert!(!message.contains('\u{1b}'), "{message:?}");
    assert!(message.contains("\\u{1b}[2J"), "{message:?}");
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.json");
    let err = read_prs(&path, None).unwrap_err();
    let text = err.to_string();
    assert!(
        text.starts_with(&format!("{}: cannot read: ", path.display())),
        "{text}"
    );
    assert!(matches!(err, PrsError::Read { .. }));
}

//! `costlens calibrate` as a user runs it: the binary on the hand-checked
//! log tree, a profiles folder in a temp folder, a real git repository and
//! a pull-request export; JSON and the 80-column table; `--write` into
//! the profiles (comments kept, `[calibration]` added, still valid); the
//! min-sample rule; usage errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::support::bin::{code, costlens, json, stderr, stdout};

fn hand() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calibrate/hand")
}

const SONNET: &str = "\
name = \"Sonnet 4.5\"   # the team's default
model_ids = [\"claude-sonnet-4-5\"]

[prices]
input = 3.00
output = 15.00

[usage]
input_tokens = 40_000   # ASSUMPTION: a mid-size diff
output_tokens = 8_000
cache_hit_ratio = 0.5

[quality]
first_pass_rate = 0.72  # ASSUMPTION
review_minutes = 6
survive_rate = 0.985
";

const OPUS: &str = "\
name = \"Opus 4.5\"
model_ids = [\"claude-opus-4-5\"]

[prices]
input = 5.00
output = 25.00

[usage]
input_tokens = 40_000
output_tokens = 8_000

[quality]
first_pass_rate = 0.8
review_minutes = 5
";

/// A profiles folder with Sonnet 4.5 and Opus 4.5 (no profile for the
/// fixture's Sonnet 4).
fn profiles(root: &Path) -> PathBuf {
    let dir = root.join("profiles");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("sonnet.toml"), SONNET).unwrap();
    fs::write(dir.join("opus.toml"), OPUS).unwrap();
    dir
}

fn run(args: &[&str], cwd: &Path) -> std::process::Output {
    costlens(&[&["calibrate"], args].concat(), cwd)
}

fn attempt<'a>(document: &'a Value, model: &str) -> &'a Value {
    document["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["model"] == model)
        .unwrap_or_else(|| panic!("no attempts for {model}: {document}"))
}

#[test]
fn json_has_the_documented_parts_and_the_matched_profiles() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let logs = hand();
    let output = run(
        &[
            logs.to_str().unwrap(),
            "--profiles",
            dir.to_str().unwrap(),
            "--format",
            "json",
        ],
        root.path(),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let document = json(&output);
    let keys: Vec<&str> = document
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["logs", "models", "attempts", "git", "pull_requests"]);
    assert_eq!(document["logs"]["requests"], 8);
    assert_eq!(document["logs"]["sessions"], 3);
    assert!(document["git"].is_null() && document["pull_requests"].is_null());
    assert_eq!(
        attempt(&document, "claude-sonnet-4-5-20250929")["profile"],
        "sonnet"
    );
    assert_eq!(
        attempt(&document, "claude-opus-4-5-20251101")["profile"],
        "opus"
    );
    assert!(attempt(&document, "claude-sonnet-4-20250514")["profile"].is_null());
    // Not a terminal: no progress bar on stderr.
    assert!(
        !stderr(&output).contains("reading logs"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_table_reads_at_80_columns_and_hints_at_model_ids() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let logs = hand();
    let output = run(
        &[logs.to_str().unwrap(), "--profiles", dir.to_str().unwrap()],
        root.path(),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let table = stdout(&output);
    for line in table.lines() {
        assert!(line.width() <= 80, "wider than 80: {line:?}");
    }
    assert!(table.contains("claude-sonnet-4-5-20250929"), "{table}");
    assert!(table.contains("→ sonnet (Sonnet 4.5)"), "{table}");
    assert!(
        table.contains(
            "no profile matches claude-sonnet-4-20250514;\n        list it in a profile's model_ids"
        ),
        "{table}"
    );
    // One session each: below the default --min-sample of 10.
    assert!(table.contains("Not written (too few attempts)"), "{table}");
    assert!(
        table.contains("1 sessions, fewer than --min-sample 10"),
        "{table}"
    );
}

#[test]
fn write_below_the_min_sample_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let logs = hand();
    let output = run(
        &[
            logs.to_str().unwrap(),
            "--profiles",
            dir.to_str().unwrap(),
            "--write",
        ],
        root.path(),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(fs::read_to_string(dir.join("sonnet.toml")).unwrap(), SONNET);
    assert_eq!(fs::read_to_string(dir.join("opus.toml")).unwrap(), OPUS);
    assert!(
        stderr(&output).contains("nothing to write"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn write_puts_the_measured_figures_and_their_source_in_the_profile() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let logs = hand();
    let dir_arg = dir.to_str().unwrap();
    let json_out = run(
        &[
            logs.to_str().unwrap(),
            "--profiles",
            dir_arg,
            "--format",
            "json",
        ],
        root.path(),
    );
    let measured = attempt(&json(&json_out), "claude-sonnet-4-5-20250929")["usage"].clone();
    let output = run(
        &[
            logs.to_str().unwrap(),
            "--profiles",
            dir_arg,
            "--write",
            "--min-sample",
            "1",
        ],
        root.path(),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = fs::read_to_string(dir.join("sonnet.toml")).unwrap();
    // Comments and layout kept; the figures are the JSON's.
    assert!(
        text.contains("# the team's default") && text.contains("# ASSUMPTION: a mid-size diff"),
        "{text}"
    );
    let written: toml::Table = text.parse().unwrap();
    let usage = written["usage"].as_table().unwrap();
    let number = |value: &toml::Value| value.as_float().or(value.as_integer().map(|i| i as f64));
    for key in [
        "input_tokens",
        "output_tokens",
        "cache_hit_ratio",
        "cache_write_ratio",
        "fanout",
    ] {
        // serde_json (without its float_roundtrip feature) may read the
        // last digit one ulp off; the file holds the exact figure.
        let (file, json) = (
            number(&usage[key]).unwrap(),
            measured[key].as_f64().unwrap(),
        );
        let close = (file - json).abs() <= 1e-15 * json.abs().max(1.0);
        assert!(close, "{key}: {file} vs {json}\n{text}");
    }
    let calibration = written["calibration"].as_table().unwrap();
    assert!(calibration["at"].as_datetime().is_some(), "{text}");
    assert_eq!(
        calibration["from"].as_str().unwrap(),
        format!("1 Claude Code sessions {}", span(&json(&json_out)))
    );
    let names: Vec<&str> = calibration["measured"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        names.contains(&"usage.input_tokens") && !names.contains(&"quality.survive_rate"),
        "{names:?}"
    );
    // The loader takes what was written, and the report marks it measured.
    let check = costlens(&["check", dir_arg], root.path());
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    let report = costlens(&["report", dir_arg, "--format", "markdown"], root.path());
    assert!(stdout(&report).contains("measured"), "{}", stdout(&report));
}

/// `2025-10-02..2025-10-03`: the logs' first and last day.
fn span(document: &Value) -> String {
    let day = |key: &str| document["logs"][key].as_str().unwrap()[..10].to_string();
    format!("{}..{}", day("from"), day("to"))
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Dev")
        .env("GIT_AUTHOR_EMAIL", "dev@example.com")
        .env("GIT_COMMITTER_NAME", "Dev")
        .env("GIT_COMMITTER_EMAIL", "dev@example.com")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn git_and_pull_request_figures_go_into_the_named_profile() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let repo = root.path().join("repo");
    fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q", "-b", "main"], "2026-11-02T10:00:00Z");
    // Twelve agent changes; the third is reverted.
    for n in 0..12 {
        let message = format!("change {n}\n\nCo-Authored-By: Claude <noreply@anthropic.com>");
        let date = format!("2026-11-{:02}T10:00:00Z", 2 + n);
        git(
            &repo,
            &["commit", "-q", "--allow-empty", "-m", &message],
            &date,
        );
    }
    let third = Command::new("git")
        .args(["rev-list", "--reverse", "HEAD"])
        .current_dir(&repo)
        .output()
        .unwrap();
    let third = String::from_utf8(third.stdout)
        .unwrap()
        .lines()
        .nth(2)
        .unwrap()
        .to_string();
    let revert = format!("Revert \"change 2\"\n\nThis reverts commit {third}.");
    git(
        &repo,
        &["commit", "-q", "--allow-empty", "-m", &revert],
        "2026-11-20T10:00:00Z",
    );
    let prs =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calibrate/prs/merged.json");
    let empty_logs = root.path().join("no-logs");
    fs::create_dir(&empty_logs).unwrap();
    let args = [
        empty_logs.to_str().unwrap(),
        "--profiles",
        dir.to_str().unwrap(),
        "--git",
        repo.to_str().unwrap(),
        "--prs",
        prs.to_str().unwrap(),
        "--profile",
        "sonnet",
        "--min-sample",
        "4",
        "--format",
        "json",
    ];
    let output = run(&args, root.path());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let document = json(&output);
    // 13 changes: 12 agent ones, 1 reverted; the revert is another change.
    assert_eq!(document["git"]["agent_changes"], 12);
    assert_eq!(document["git"]["agent_reverted"], 1);
    let survive = document["git"]["survive_rate"].as_f64().unwrap();
    assert!((survive - 11.0 / 12.0).abs() < 1e-12, "{survive}");
    let first_pass = document["pull_requests"]["first_pass_rate"]
        .as_f64()
        .unwrap();
    let output = run(
        &[&args[..args.len() - 2], &["--write"]].concat(),
        root.path(),
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let written: toml::Table = fs::read_to_string(dir.join("sonnet.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(written["quality"]["survive_rate"].as_float(), Some(survive));
    assert_eq!(
        written["quality"]["first_pass_rate"].as_float(),
        Some(first_pass)
    );
    let from = written["calibration"]["from"].as_str().unwrap();
    assert!(
        from.contains("13 changes") && from.contains("pull requests"),
        "{from}"
    );
    // Opus was not named: untouched.
    assert_eq!(fs::read_to_string(dir.join("opus.toml")).unwrap(), OPUS);
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let dir_arg = dir.to_str().unwrap();
    let missing = root.path().join("nowhere");
    let output = run(
        &[missing.to_str().unwrap(), "--profiles", dir_arg],
        root.path(),
    );
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("nowhere"), "{}", stderr(&output));

    let logs = hand();
    let output = run(
        &[
            logs.to_str().unwrap(),
            "--profiles",
            dir_arg,
            "--profile",
            "sonet",
        ],
        root.path(),
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("did you mean `sonnet`"),
        "{}",
        stderr(&output)
    );

    // No profiles folder: built-in profiles, nothing to write into.
    let bare = tempfile::tempdir().unwrap();
    let output = run(&[logs.to_str().unwrap(), "--write"], bare.path());
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("--write needs a profiles folder"),
        "{}",
        stderr(&output)
    );

    let output = run(
        &[logs.to_str().unwrap(), "--since", "2026-13-01"],
        root.path(),
    );
    assert_eq!(code(&output), 2);
    let output = run(
        &[
            logs.to_str().unwrap(),
            "--git",
            dir_arg,
            "--profiles",
            dir_arg,
        ],
        root.path(),
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("not a git repository"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn model_ids_from_the_logs_never_reach_the_terminal_raw() {
    let root = tempfile::tempdir().unwrap();
    let logs = root.path().join("logs/projects/p");
    fs::create_dir_all(&logs).unwrap();
    let line = r#"{"type":"assistant","timestamp":"2026-11-02T10:00:00Z","sessionId":"s1","requestId":"r1","message":{"id":"m1","model":"claude-\u001b[31mred","usage":{"input_tokens":10,"output_tokens":5}}}"#;
    fs::write(logs.join("s1.jsonl"), format!("{line}\n")).unwrap();
    let output = run(&[root.path().join("logs").to_str().unwrap()], root.path());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let table = stdout(&output);
    assert!(!table.contains('\u{1b}'), "{table:?}");
    assert!(table.contains("claude-"), "{table}");
}

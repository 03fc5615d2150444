//! `costlens calibrate --write`: nothing below the minimum sample; the
//! measured figures and their source written into the profile with its
//! comments kept, read back by the loader; git and pull-request figures
//! into the profile `--profile` names.

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::{OPUS, SONNET, attempt, hand, profiles, run, run_hand};
use crate::support::bin::{code, costlens, json, stderr, stdout};

#[test]
fn write_below_the_min_sample_changes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let output = run_hand(root.path(), &dir, &["--write"]);
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
    // Comments and layout kept; a written figure's `# ASSUMPTION` now
    // says it was measured, an unwritten one's stays.
    assert!(
        text.contains("# the team's default") && text.contains("# measured (see [calibration])"),
        "{text}"
    );
    assert!(
        text.contains("first_pass_rate = 0.72  # ASSUMPTION"),
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
        // The file holds the figure as a person writes it: whole tokens,
        // shares to four decimals.
        let (file, json) = (
            number(&usage[key]).unwrap(),
            measured[key].as_f64().unwrap(),
        );
        let want = if key.ends_with("_tokens") {
            json.round()
        } else {
            (json * 1e4).round() / 1e4
        };
        assert!(
            (file - want).abs() < 1e-12,
            "{key}: {file} vs {json}\n{text}"
        );
    }
    let calibration = written["calibration"].as_table().unwrap();
    assert!(calibration["at"].as_datetime().is_some(), "{text}");
    assert_eq!(
        calibration["from"].as_str().unwrap(),
        format!("1 Claude Code session {}", span(&json(&json_out)))
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
    let four = |value: f64| (value * 1e4).round() / 1e4;
    assert_eq!(
        written["quality"]["survive_rate"].as_float(),
        Some(four(survive))
    );
    assert_eq!(
        written["quality"]["first_pass_rate"].as_float(),
        Some(four(first_pass))
    );
    let from = written["calibration"]["from"].as_str().unwrap();
    assert!(
        from.contains("13 changes") && from.contains("pull requests"),
        "{from}"
    );
    // Opus was not named: untouched.
    assert_eq!(fs::read_to_string(dir.join("opus.toml")).unwrap(), OPUS);
}

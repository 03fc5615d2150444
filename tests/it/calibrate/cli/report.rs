//! What `costlens calibrate` says: the JSON's parts and the matched
//! profiles, the 80-column table, usage errors, and model ids from the
//! logs escaped before they reach the terminal.

use std::fs;

use unicode_width::UnicodeWidthStr;

use super::{attempt, hand, profiles, run, run_hand};
use crate::support::bin::{code, json, stderr, stdout};

#[test]
fn json_has_the_documented_parts_and_the_matched_profiles() {
    let root = tempfile::tempdir().unwrap();
    let dir = profiles(root.path());
    let output = run_hand(root.path(), &dir, &["--format", "json"]);
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
    assert!(table.contains("Not written:"), "{table}");
    assert!(
        table.contains("1 session, fewer than --min-sample 10"),
        "{table}"
    );
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

/// On a terminal (util-linux `script` gives the command one), stderr
/// carries a progress bar while the logs are read, and stdout's table is
/// untouched by it; piped, there is none (checked in the JSON test).
#[test]
fn a_progress_bar_shows_on_a_terminal() {
    let root = tempfile::tempdir().unwrap();
    let tree = root.path().join("tree");
    let manifest = env!("CARGO_MANIFEST_DIR");
    let generated = std::process::Command::new("python3")
        .arg(format!("{manifest}/bench/loggen.py"))
        .arg(&tree)
        .args(["--mb", "6", "--seed", "5"])
        .output()
        .expect("python3 runs the generator");
    assert!(generated.status.success(), "{}", stderr(&generated));
    let table = root.path().join("table.txt");
    let typescript = root.path().join("typescript.txt");
    let command = format!(
        "'{}' calibrate '{}' > '{}'",
        env!("CARGO_BIN_EXE_costlens"),
        tree.display(),
        table.display()
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command])
        .arg(&typescript)
        .current_dir(root.path())
        .output()
        .expect("script (util-linux) runs");
    assert!(output.status.success(), "{}", stderr(&output));
    let terminal = fs::read_to_string(&typescript).unwrap();
    assert!(terminal.contains("reading logs"), "{terminal}");
    assert!(terminal.contains("MiB/"), "{terminal}");
    let table = fs::read_to_string(&table).unwrap();
    assert!(table.starts_with("Logs: "), "{table}");
    assert!(!table.contains("reading logs"), "{table}");
}

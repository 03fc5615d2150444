//! `calibrate --write` when things go wrong or are odd: a profile that
//! cannot be written does not stop the others, a broken profile is named
//! and never written, sessions without main-thread requests write no
//! tokens per attempt, and what is written reads as a person would write
//! it (whole tokens, four decimals, no stale `# ASSUMPTION`).

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::support::bin::{code, stderr, stdout};

/// One assistant line: `session`, request `n`, `model`, main thread or
/// not, its input, cache-read and output tokens.
fn line(session: &str, n: u32, model: &str, sidechain: bool, tokens: [u64; 3]) -> String {
    let [input, read, output] = tokens;
    format!(
        r#"{{"type":"assistant","timestamp":"2026-11-0{d}T10:00:00Z","sessionId":"{session}","requestId":"r{n}","isSidechain":{sidechain},"message":{{"id":"m{n}","model":"{model}","usage":{{"input_tokens":{input},"cache_read_input_tokens":{read},"output_tokens":{output}}}}}}}"#,
        d = 1 + n % 9
    )
}

/// A log tree: one file per session, each a list of lines.
fn logs(root: &Path, sessions: &[(&str, Vec<String>)]) -> PathBuf {
    let dir = root.join("logs/projects/p");
    fs::create_dir_all(&dir).unwrap();
    for (session, lines) in sessions {
        fs::write(
            dir.join(format!("{session}.jsonl")),
            lines.join("\n") + "\n",
        )
        .unwrap();
    }
    root.join("logs")
}

fn profile(name: &str, id: &str) -> String {
    format!(
        "name = \"{name}\"\nmodel_ids = [\"{id}\"]\n\n[prices]\ninput = 3.0\noutput = 15.0\n\n\
         [usage]\ninput_tokens = 40_000   # ASSUMPTION: a mid-size diff\noutput_tokens = 8_000\n\
         cache_hit_ratio = 0.5\n\n[quality]\nfirst_pass_rate = 0.7\nreview_minutes = 6\n"
    )
}

/// Runs the binary; as root, without the power to write what the mode
/// forbids (CI runs as root), so a read-only folder is read-only.
fn calibrate(args: &[&str], cwd: &Path) -> Output {
    let bin = env!("CARGO_BIN_EXE_costlens");
    let as_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let mut command = if as_root {
        let mut setpriv = Command::new("setpriv");
        setpriv.args([
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search",
            bin,
        ]);
        setpriv
    } else {
        Command::new(bin)
    };
    command
        .arg("calibrate")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("costlens runs")
}

/// A profiles folder holding `files` (name, text).
fn profiles_with(root: &Path, files: &[(&str, &str)]) -> PathBuf {
    let dir = root.join("profiles");
    fs::create_dir(&dir).unwrap();
    for (name, text) in files {
        fs::write(dir.join(name), text).unwrap();
    }
    dir
}

/// `calibrate LOGS --profiles DIR --write --min-sample N`.
fn write_into(root: &Path, logs: &Path, dir: &Path, min_sample: &str) -> Output {
    let args = [
        logs.to_str().unwrap(),
        "--profiles",
        dir.to_str().unwrap(),
        "--write",
        "--min-sample",
        min_sample,
    ];
    calibrate(&args, root)
}

#[test]
fn a_profile_that_cannot_be_written_does_not_stop_the_others() {
    let root = tempfile::tempdir().unwrap();
    let sessions = [
        (
            "s1",
            vec![line("s1", 1, "claude-a-20251001", false, [100, 900, 50])],
        ),
        (
            "s2",
            vec![line("s2", 2, "claude-b-20251001", false, [200, 800, 60])],
        ),
    ];
    let logs = logs(root.path(), &sessions);
    let dir = root.path().join("profiles");
    fs::create_dir(&dir).unwrap();
    // `a.toml` lives in a folder nobody may write: its atomic replace fails.
    let locked = root.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("a.toml"), profile("A", "claude-a")).unwrap();
    std::os::unix::fs::symlink(locked.join("a.toml"), dir.join("a.toml")).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
    fs::write(dir.join("b.toml"), profile("B", "claude-b")).unwrap();
    let args = [
        logs.to_str().unwrap(),
        "--profiles",
        dir.to_str().unwrap(),
        "--write",
        "--min-sample",
        "1",
    ];
    let output = calibrate(&args, root.path());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code(&output), 2, "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains("not written:") && errors.contains("a.toml"),
        "{errors}"
    );
    assert!(
        errors.contains("wrote") && errors.contains("b.toml"),
        "{errors}"
    );
    assert!(
        fs::read_to_string(dir.join("b.toml"))
            .unwrap()
            .contains("[calibration]")
    );
    assert_eq!(
        fs::read_to_string(locked.join("a.toml")).unwrap(),
        profile("A", "claude-a")
    );
    assert!(
        stdout(&output).contains("Planned (see the errors below"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_broken_profile_is_named_and_never_written() {
    let root = tempfile::tempdir().unwrap();
    let logs = logs(
        root.path(),
        &[(
            "s1",
            vec![line("s1", 1, "claude-a-20251001", false, [100, 900, 50])],
        )],
    );
    let dir = root.path().join("profiles");
    fs::create_dir(&dir).unwrap();
    let broken = profile("A", "claude-a").replace("first_pass_rate = 0.7", "first_pass_rate = 7");
    fs::write(dir.join("a.toml"), &broken).unwrap();
    let args = [
        logs.to_str().unwrap(),
        "--profiles",
        dir.to_str().unwrap(),
        "--write",
        "--min-sample",
        "1",
    ];
    let output = calibrate(&args, root.path());
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains("a.toml:") && errors.contains("first_pass_rate"),
        "{errors}"
    );
    assert!(
        errors.contains("a broken profile matches no model and is not written"),
        "{errors}"
    );
    assert_eq!(fs::read_to_string(dir.join("a.toml")).unwrap(), broken);
}

#[test]
fn sessions_without_main_thread_requests_write_no_tokens_per_attempt() {
    let root = tempfile::tempdir().unwrap();
    let logs = logs(
        root.path(),
        &[(
            "s1",
            vec![line("s1", 1, "claude-a-20251001", true, [100, 900, 50])],
        )],
    );
    let dir = profiles_with(root.path(), &[("a.toml", &profile("A", "claude-a"))]);
    let output = write_into(root.path(), &logs, &dir, "1");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stdout(&output).contains("no main-thread requests"),
        "{}",
        stdout(&output)
    );
    let written: toml::Table = fs::read_to_string(dir.join("a.toml"))
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(written["usage"]["input_tokens"].as_integer(), Some(40_000));
    assert_eq!(written["usage"]["output_tokens"].as_integer(), Some(8_000));
    // The cache shares are measured all the same: 900 of 1,000 read.
    assert_eq!(written["usage"]["cache_hit_ratio"].as_float(), Some(0.9));
}

#[test]
fn written_figures_read_as_a_person_would_write_them() {
    let root = tempfile::tempdir().unwrap();
    // Three sessions: 1/3 of prompt tokens read from cache in each.
    let sessions: Vec<(&str, Vec<String>)> = ["s1", "s2", "s3"]
        .iter()
        .enumerate()
        .map(|(n, s)| {
            (
                *s,
                vec![line(
                    s,
                    n as u32 + 1,
                    "claude-a-20251001",
                    false,
                    [200, 100, 7],
                )],
            )
        })
        .collect();
    let logs = logs(root.path(), &sessions);
    let dir = profiles_with(root.path(), &[("a.toml", &profile("A", "claude-a"))]);
    let output = write_into(root.path(), &logs, &dir, "3");
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = fs::read_to_string(dir.join("a.toml")).unwrap();
    let input = text
        .lines()
        .find(|l| l.starts_with("input_tokens"))
        .unwrap();
    assert!(
        input.starts_with("input_tokens = 300 ")
            && input.ends_with("# measured (see [calibration])"),
        "{text}"
    );
    assert!(text.contains("cache_hit_ratio = 0.3333\n"), "{text}");
    assert!(text.contains("output_tokens = 7\n"), "{text}");
    let check = crate::support::bin::costlens(&["check", dir.to_str().unwrap()], root.path());
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    // The table showed what the file now holds.
    assert!(
        stdout(&output).contains("0.5 → 0.3333"),
        "{}",
        stdout(&output)
    );
}

//! Every output pasted in README.md and docs/*.md is what the binary
//! prints now: `scripts/readme-outputs --check` reruns each marked block's
//! recipe with the binary this test run built (so no release build is
//! needed) and fails on any difference. Run `scripts/readme-outputs` to
//! refresh the blocks after a change to what costlens prints.
//!
//! The script drives the explorer in tmux for its screen and `watch --json`
//! against real file changes, so the test takes its turn among the
//! end-to-end modules (`support::serial`).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::serial;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn pasted_outputs_are_what_the_binary_prints() {
    let _turn = serial::turn(file!());
    let out = Command::new("python3")
        .arg(repo().join("scripts/readme-outputs"))
        .args(["--check", "--bin", env!("CARGO_BIN_EXE_costlens")])
        .current_dir(repo())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The rows of the first `| keys | what they do |` table in `path`.
fn key_table(path: &str) -> Vec<String> {
    let text = fs::read_to_string(repo().join(path)).unwrap();
    let rows: Vec<String> = text
        .lines()
        .skip_while(|line| *line != "| keys | what they do |")
        .take_while(|line| line.starts_with('|'))
        .map(str::to_string)
        .collect();
    assert!(rows.len() > 2, "{path} has a key table");
    rows
}

/// README's key table is the explorer's, row for row.
#[test]
fn readme_keys_are_the_explorer_docs_keys() {
    assert_eq!(key_table("README.md"), key_table("docs/explorer.md"));
}

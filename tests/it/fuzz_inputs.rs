//! The fuzzers' interesting inputs, kept: every file in
//! `tests/fixtures/fuzz/folder/` goes through the same pipeline as the
//! `folder` fuzz target, and every file in `tests/fixtures/fuzz/profile/`
//! through the `profile` target's (`fuzz/pipeline.rs`), so what the
//! fuzzers once reached stays covered.

use std::fs;
use std::path::PathBuf;

use crate::support::pipeline;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = format!("tests/fixtures/fuzz/{target}");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|err| panic!("{dir}: {err}"))
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 10,
        "only {} inputs kept in {dir}",
        inputs.len()
    );
    inputs
}

fn replay(target: &str, run: fn(&[u8])) {
    for path in inputs(target) {
        let data = fs::read(&path).expect("a readable input");
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

#[test]
fn every_kept_folder_input_runs_clean() {
    replay("folder", pipeline::run);
}

#[test]
fn every_kept_profile_input_runs_clean() {
    replay("profile", pipeline::run_one);
}

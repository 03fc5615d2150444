//! The fuzzer's interesting inputs, kept: every file in
//! `tests/fixtures/fuzz/` goes through the same pipeline as the fuzz target
//! (`fuzz/pipeline.rs`), so what the fuzzer once found stays found.

use std::fs;

#[path = "../fuzz/pipeline.rs"]
mod pipeline;

#[test]
fn every_kept_fuzz_input_runs_clean() {
    let mut inputs: Vec<_> = fs::read_dir("tests/fixtures/fuzz")
        .expect("the fixtures folder")
        .map(|entry| entry.expect("a readable entry").path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "only {} inputs kept", inputs.len());
    for path in inputs {
        let data = fs::read(&path).expect("a readable input");
        let outcome = std::panic::catch_unwind(|| pipeline::run(&data));
        assert!(outcome.is_ok(), "{} panicked", path.display());
    }
}

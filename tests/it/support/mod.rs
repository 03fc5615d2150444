//! What the test modules share, each written once:
//! - `bin`: the built binary run as a user runs it, and its output;
//! - `worked`: the worked check's two profiles, as file text and as the
//!   engine's structs, and `close` for comparing figures;
//! - `tmux` (Unix only): a real terminal for the end-to-end modules;
//! - `serial`: keeps the end-to-end modules from running beside each other;
//! - `pipeline`: the fuzzers' whole pipeline, the very file the fuzz crate
//!   builds (`fuzz/pipeline.rs`), so replayed inputs run the same code.

pub mod bin;
pub mod serial;
#[cfg(unix)]
pub mod tmux;
pub mod worked;

#[path = "../../../fuzz/pipeline.rs"]
pub mod pipeline;

/// Asserts `got` equals `want` to 1e-9 relative (absolute below 1).
pub fn close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want}"
    );
}

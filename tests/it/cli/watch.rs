//! `watch` on the command line.

use crate::support::bin::{costlens, stderr, stdout};

/// `watch`'s DIR is optional, and its usage says so.
#[test]
fn watch_usage_shows_dir_as_optional() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&costlens(&["watch", "--help"], dir.path()));
    let usage = help
        .lines()
        .find(|line| line.starts_with("Usage:"))
        .unwrap_or_else(|| panic!("{help}"));
    assert_eq!(usage, "Usage: costlens watch [OPTIONS] --json [DIR]");
    // The usage a mistake prints too.
    let wrong = stderr(&costlens(&["watch", "--jsn"], dir.path()));
    assert!(
        wrong.contains("Usage: costlens watch --json [DIR]"),
        "{wrong}"
    );
    let man = stdout(&costlens(&["man"], dir.path()));
    let synopsis = man
        .lines()
        .find(|line| line.starts_with("\\fBcostlens watch\\fR"))
        .unwrap_or_else(|| panic!("{man}"));
    assert!(
        synopsis.contains("[\\fIDIR\\fR]") && !synopsis.contains("<\\fIDIR"),
        "{synopsis}"
    );
}

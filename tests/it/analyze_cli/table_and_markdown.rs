//! The text formats: the table within 80 display cells for every profile
//! and saying its findings in words (flips, retrying, payback), and the
//! markdown holding the same content as tables and lists.

use unicode_width::UnicodeWidthStr;

use crate::support::bin::{code, costlens, stderr, stdout};
use crate::support::worked::worked_folder;

use super::root;

/// Every line at most 80 display cells.
fn fits_80(text: &str) {
    for line in text.lines() {
        assert!(
            UnicodeWidthStr::width(line) <= 80,
            "{} cells: {line}",
            UnicodeWidthStr::width(line)
        );
    }
}

#[test]
fn the_table_fits_80_columns_and_says_it_in_words() {
    let out = costlens(&["analyze", "profiles"], root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    fits_80(&text);
    for expected in [
        "Fable 5.1: 22.61 · against Opus 5.5: 28.45",
        "Which lever matters most",
        "first-pass rate",
        "│",
        "Fable 5.1 loses its lead to Opus 5.5 if its first-pass rate falls below 56.0%,",
        "review takes over 7.3 min",
        "token prices rise 6.3×",
        "Retry policy: retrying pays while first pass > 2.6%: no cap needed.",
        "Payback: net saving 15,434.23/week · pays back in 1.0 weeks",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // Each lever's line ends in the dearer cost.
    let line = text
        .lines()
        .find(|line| line.trim_start().starts_with("first-pass rate"))
        .unwrap();
    assert!(line.ends_with(" 26.01"), "{line}");
    assert!(line.contains(" 20.34 "), "{line}");
    // The dearer side says it would win, and the others fit too.
    for profile in ["haiku-5.5", "tiered", "opus-5.5", "sonnet-4.6"] {
        let out = costlens(&["analyze", "profiles", "--profile", profile], root());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        fits_80(&stdout(&out));
    }
    let out = costlens(&["analyze", "profiles", "--profile", "opus-5.5"], root());
    assert!(
        stdout(&out).contains("Opus 5.5 would beat Fable 5.1 if"),
        "{}",
        stdout(&out)
    );
    let dir = worked_folder();
    let out = costlens(&["analyze", "."], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    fits_80(&stdout(&out));
    assert!(stdout(&out).contains("Payback: set baseline_hours and changes_per_week"));
}

#[test]
fn markdown_has_the_same_content_as_tables_and_lists() {
    let out = costlens(&["analyze", "profiles", "--format", "markdown"], root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "### Fable 5.1: what moves its cost (USD per merged change)",
        "- against Opus 5.5: 28.45",
        "| Lever | Base | Low | High | Cost at low | Cost at high | Swing | Flip |",
        "| first-pass rate | 80.0% | 64.0% | 96.0% | 26.01 | 20.34 | 5.67 | 56.0% |",
        "Fable 5.1 loses its lead to Opus 5.5 if:",
        "- its first-pass rate falls below 56.0%",
        "| Opus 5.5 | 56.0% |",
        "Retrying pays while first pass > 2.6%: no cap needed.",
        "- pays back in 1.0 weeks",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}

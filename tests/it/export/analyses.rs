//! The export's second half: the selected profile's levers, flips and
//! payback, word for word what `costlens analyze --format markdown` prints
//! for the same folder, profile, rival and what-ifs.

use std::fs;
use std::path::Path;

use costlens::app::{Action, App};

use super::app;
use crate::support::bin::{costlens, stdout};
use crate::support::worked::worked_folder;

/// A baseline and a volume, so payback has figures.
const SCENARIO: &str = "baseline_hours = 3.5\nchanges_per_week = 40\n\
                        platform_cost_per_month = 2000\nsetup_cost = 15000\n";

/// A mix between the two worked profiles: a third profile, so the default
/// rival (the cheapest other) and a pinned one can differ.
const TIERED: &str = "name = \"Tiered\"\n[[mix]]\nprofile = \"strong\"\nshare = 0.5\n\
                      [[mix]]\nprofile = \"cheap\"\nshare = 0.5\n";

/// `costlens analyze DIR ARGS --format markdown`.
fn analyze_markdown(dir: &Path, args: &[&str]) -> String {
    let dir = dir.to_str().expect("a UTF-8 temp path");
    let mut all = vec!["analyze", dir, "--format", "markdown"];
    all.extend_from_slice(args);
    let out = costlens(&all, Path::new("."));
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
}

/// The `#### HEADING` section of `markdown`, up to the next `####` or the
/// end; panics when it is missing.
fn section<'a>(markdown: &'a str, heading: &str) -> &'a str {
    let start = markdown
        .find(&format!("#### {heading}\n"))
        .unwrap_or_else(|| panic!("no `#### {heading}` in:\n{markdown}"));
    let rest = &markdown[start..];
    let end = rest[1..].find("\n#### ").map_or(rest.len(), |at| at + 2);
    &rest[..end]
}

/// The three sections the export shares with `analyze`.
const SHARED: [&str; 3] = [
    "Which lever matters most",
    "Where the decision flips",
    "Payback",
];

/// Asserts that each shared section of `analyze`'s output is in `export`
/// verbatim.
fn assert_same_sections(export: &str, analyze: &str) {
    for heading in SHARED {
        let expected = section(analyze, heading);
        assert!(
            export.contains(expected),
            "`{heading}` differs.\nexport:\n{export}\n---\nanalyze:\n{expected}"
        );
    }
}

fn export(app: &mut App, path: &Path) -> String {
    app.update(Action::Export);
    let status = app.status().expect("a status line");
    assert!(!status.is_error, "{}", status.text);
    fs::read_to_string(path).unwrap()
}

#[test]
fn the_export_has_the_selected_profiles_analyses_as_analyze_prints_them_with_the_what_ifs() {
    let dir = worked_folder();
    fs::write(dir.path().join("scenario.toml"), SCENARIO).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    let mut app = app(dir.path(), &path);
    // cheap, its first-pass rate a coarse step up (a profile's what-if),
    // and the engineer rate a coarse step up (the scenario's).
    app.update(Action::SelectNext);
    assert_eq!(app.selected_id().as_deref(), Some("cheap"));
    app.update(Action::Nudge {
        steps: 1,
        coarse: true,
    });
    while app.sliders()[app.focused_slider()].label != "Engineer rate" {
        app.update(Action::FocusNextSlider);
    }
    app.update(Action::Nudge {
        steps: 1,
        coarse: true,
    });
    assert_eq!(app.overrides().len(), 2);
    let first_pass = app.model("cheap").unwrap().quality.first_pass_rate;
    let keys = [
        format!("engineer_rate={}", app.scenario().engineer_rate_per_hour),
        format!("cheap.first_pass_rate={first_pass}"),
    ];
    let written = export(&mut app, &path);
    let mut args = vec!["--profile", "cheap"];
    for key in &keys {
        args.extend(["--set", key.as_str()]);
    }
    let analyze = analyze_markdown(dir.path(), &args);
    assert_same_sections(&written, &analyze);
    assert!(
        written.contains(
            "\n### cheap: levers, flips and payback (against strong)\n\n\
             - cost per merged change "
        ),
        "{written}"
    );
    assert!(
        written
            .contains("- what-ifs in force (values above): engineer_rate, cheap.first_pass_rate\n"),
        "{written}"
    );
    // The weeks: setup cost at week 0, then 26 weeks of net saving.
    assert!(
        written.contains("\n| Week | Cumulative net saving |\n|---:|---:|\n| 0 | -15,000.00 |\n"),
        "{written}"
    );
    assert!(written.contains("\n| 26 | "), "{written}");
    assert!(!written.contains("\n| 27 | "), "{written}");
}

#[test]
fn the_exported_analyses_follow_the_selection_and_the_pinned_rival() {
    let dir = worked_folder();
    fs::write(dir.path().join("scenario.toml"), SCENARIO).unwrap();
    fs::write(dir.path().join("tiered.toml"), TIERED).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    let mut app = app(dir.path(), &path);
    // Cheapest first: strong, Tiered, cheap.
    let strong = export(&mut app, &path);
    assert_same_sections(
        &strong,
        &analyze_markdown(dir.path(), &["--profile", "strong"]),
    );
    assert!(
        strong.contains("### strong: levers, flips and payback (against Tiered)\n"),
        "{strong}"
    );
    app.update(Action::SelectNext);
    app.update(Action::SelectNext);
    assert_eq!(app.selected_id().as_deref(), Some("cheap"));
    let cheap = export(&mut app, &path);
    assert_same_sections(
        &cheap,
        &analyze_markdown(dir.path(), &["--profile", "cheap"]),
    );
    assert!(
        cheap.contains("### cheap: levers, flips and payback (against strong)\n")
            && cheap.contains("(the cheapest other profile)\n"),
        "{cheap}"
    );
    assert_ne!(
        section(&strong, SHARED[0]),
        section(&cheap, SHARED[0]),
        "the levers changed with the selection"
    );
    // Pin Tiered, then back to cheap: the analysis is against Tiered now,
    // as `analyze --against tiered` makes it.
    app.update(Action::SelectPrevious);
    app.update(Action::PinReference);
    app.update(Action::SelectNext);
    let pinned = export(&mut app, &path);
    let analyze = analyze_markdown(dir.path(), &["--profile", "cheap", "--against", "tiered"]);
    assert_same_sections(&pinned, &analyze);
    assert!(
        pinned.contains("### cheap: levers, flips and payback (against Tiered)\n")
            && pinned.contains("(the pinned reference)\n"),
        "{pinned}"
    );
    assert_ne!(section(&pinned, SHARED[1]), section(&cheap, SHARED[1]));
}

#[test]
fn without_a_baseline_the_export_says_why_there_is_no_payback() {
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    let mut app = app(dir.path(), &path);
    let written = export(&mut app, &path);
    assert_same_sections(
        &written,
        &analyze_markdown(dir.path(), &["--profile", "strong"]),
    );
    assert!(
        written.ends_with(
            "\n#### Payback\n\n- set baseline_hours and changes_per_week \
             (in scenario.toml or with --set) to see it\n"
        ),
        "{written}"
    );
    assert!(!written.contains("| Week |"), "{written}");
}

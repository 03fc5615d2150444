//! `e`: the comparison as it stands, what-ifs included, and the selected
//! profile's levers, flips and payback, written atomically to a markdown
//! file. Real files in a temp folder; the report and the analyses it must
//! match come from the real binary.

use std::fs;
use std::path::Path;
use std::process::Command;

use costlens::app::{Action, App, Source};
use costlens::profile::Folder;

use crate::support::worked::worked_folder;

mod analyses;

fn app(dir: &Path, export: &Path) -> App {
    let folder = Folder::load_dir(dir).unwrap();
    App::new(Source::Folder(dir.to_path_buf()), folder, false)
        .with_export_path(export.to_path_buf())
}

/// `costlens report --format markdown` on `dir`, with `--set`s.
fn report_markdown(dir: &Path, sets: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_costlens"));
    command.args(["report", "--format", "markdown"]).arg(dir);
    for set in sets {
        command.args(["--set", set]);
    }
    let out = command.output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn status(app: &App) -> (String, bool) {
    let status = app.status().expect("a status line");
    (status.text.clone(), status.is_error)
}

#[test]
fn export_without_what_ifs_is_the_markdown_report() {
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    let mut app = app(dir.path(), &path);
    app.update(Action::Export);
    let (text, is_error) = status(&app);
    assert!(!is_error && text.contains("notes.md"), "{text}");
    let written = fs::read_to_string(&path).unwrap();
    let report = report_markdown(dir.path(), &[]);
    assert!(written.starts_with(&report), "{written}\n---\n{report}");
    // The comparison's notes end, then the selected profile's analyses.
    assert!(
        written.contains(
            "\nNo what-ifs: every figure is as the files have it.\n\n\
             ### strong: levers, flips and payback (against cheap)\n"
        ),
        "{written}"
    );
}

#[test]
fn export_carries_the_what_ifs_and_their_figures() {
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    let mut app = app(dir.path(), &path);
    // Engineer rate is a scenario slider: the same for every profile, so
    // the report with `--set engineer_rate=…` must give the same table.
    app.update(Action::FocusNextSlider);
    app.update(Action::FocusNextSlider);
    app.update(Action::FocusNextSlider);
    app.update(Action::Nudge {
        steps: 1,
        coarse: true,
    });
    let rate = app.scenario().engineer_rate_per_hour;
    assert_ne!(rate, 120.0, "the slider moved the engineer rate");
    app.update(Action::Export);
    let written = fs::read_to_string(&path).unwrap();
    let report = report_markdown(dir.path(), &[&format!("engineer_rate={rate}")]);
    assert!(written.starts_with(&report), "{written}\n---\n{report}");
    assert!(
        written.contains(&format!("- scenario: engineer_rate = {rate} (file: 120)")),
        "{written}"
    );
}

#[cfg(unix)] // file modes
#[test]
fn export_replaces_the_previous_file_whole_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    fs::write(&path, "x".repeat(100_000)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    let mut app = app(dir.path(), &path);
    app.update(Action::Export);
    // Exactly the export: no tail of the longer old file survives.
    assert_eq!(fs::read_to_string(&path).unwrap(), app.export_text());
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    // Nothing else left in the folder: no temp file.
    let names: Vec<_> = fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[cfg(unix)] // file modes
#[test]
fn a_new_export_file_is_readable_by_others_like_any_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("notes.md");
    let mut app = app(dir.path(), &path);
    app.update(Action::Export);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn a_failed_export_says_why_and_leaves_nothing() {
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("no-such-folder").join("notes.md");
    let mut app = app(dir.path(), &path);
    app.update(Action::Export);
    let (text, is_error) = status(&app);
    assert!(is_error, "{text}");
    assert!(
        text.starts_with("not exported: cannot create a temporary file next to")
            && text.contains("no-such-folder/notes.md"),
        "{text}"
    );
    assert!(!path.exists());
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
}

/// `costlens-export-YYYY-MM-DD-HHMM.md`, with `-N` before `.md` for a
/// second export within the minute.
fn is_timed_export_name(name: &str) -> bool {
    let Some(rest) = name
        .strip_prefix("costlens-export-")
        .and_then(|rest| rest.strip_suffix(".md"))
    else {
        return false;
    };
    let (stamp, suffix) = rest.split_at(rest.len().min(15));
    let shape_ok = stamp.len() == 15
        && stamp.char_indices().all(|(at, c)| match at {
            4 | 7 | 10 => c == '-',
            _ => c.is_ascii_digit(),
        });
    shape_ok && (suffix.is_empty() || suffix[1..].parse::<u32>().is_ok())
}

#[test]
fn each_export_gets_its_own_file_named_by_the_time_and_the_footer_gives_its_full_path() {
    let dir = worked_folder();
    let out = tempfile::tempdir().unwrap();
    let folder = Folder::load_dir(dir.path()).unwrap();
    let mut app = App::new(Source::Folder(dir.path().to_path_buf()), folder, false)
        .with_export_dir(out.path().to_path_buf());
    app.update(Action::Export);
    let (first, _) = status(&app);
    app.update(Action::Export);
    let (second, is_error) = status(&app);
    assert!(!is_error, "{second}");
    let mut names: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Two files: the second export did not overwrite the first.
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.iter().all(|name| is_timed_export_name(name)),
        "{names:?}"
    );
    // Each message names the file it wrote, by its full path.
    let full = out.path().canonicalize().unwrap();
    for message in [&first, &second] {
        let path = message
            .strip_prefix("exported the comparison to ")
            .unwrap_or_else(|| panic!("{message}"));
        assert!(Path::new(path).is_absolute(), "{message}");
        assert!(
            Path::new(path).canonicalize().unwrap().starts_with(&full),
            "{message}"
        );
    }
    assert_ne!(first, second);
}

#[test]
fn the_export_lists_the_fixed_costs_payback_depends_on() {
    let dir = worked_folder();
    fs::write(
        dir.path().join("scenario.toml"),
        "baseline_hours = 3.5\nchanges_per_week = 40\nplatform_cost_per_month = 2000\nsetup_cost = 15000\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), &out.path().join("notes.md"));
    app.update(Action::Export);
    let written = fs::read_to_string(out.path().join("notes.md")).unwrap();
    assert!(
        written.contains("- platform: 2,000.00 per month\n- setup: 15,000.00 once\n"),
        "{written}"
    );
}

#[test]
fn the_export_lists_mix_share_what_ifs_beside_the_files_shares() {
    let dir = worked_folder();
    fs::write(
        dir.path().join("tiered.toml"),
        "[[mix]]\nprofile = \"strong\"\nshare = 0.5\n[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut app = app(dir.path(), &out.path().join("notes.md"));
    // strong 30.50, the mix 54.48, cheap 78.45: the mix is the second row,
    // and its first slider is strong's share.
    app.update(Action::SelectNext);
    assert_eq!(app.selected_id().as_deref(), Some("tiered"));
    app.update(Action::Nudge {
        steps: 1,
        coarse: true,
    });
    app.update(Action::Export);
    let written = fs::read_to_string(out.path().join("notes.md")).unwrap();
    assert!(
        written.contains("- tiered: shares strong 0.6, cheap 0.4 (file: strong 0.5, cheap 0.5)"),
        "{written}"
    );
    assert!(
        written.contains("what-ifs: tiered.strong.share = 0.6, tiered.cheap.share = 0.4"),
        "{written}"
    );
}

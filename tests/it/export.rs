//! `e`: the comparison as it stands, what-ifs included, written atomically
//! to a markdown file. Real files in a temp folder; the report it must
//! match comes from the real binary.

use std::fs;
use std::path::Path;
use std::process::Command;

use costlens::app::{Action, App, Source};
use costlens::profile::Folder;

use crate::support::worked::worked_folder;

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
    assert!(written.ends_with("\nNo what-ifs: every figure is as the files have it.\n"));
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

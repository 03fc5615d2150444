//! The watcher's loads against the explorer's own rereads (a save's, F5):
//! a load that began before the last reread is dropped, as it may be a
//! save caught between two of its writes; one that began after applies,
//! so an edit made right after a save is never lost. `App::update` on
//! real files, no terminal; `save_e2e` has the same race in tmux.

use std::fs;
use std::path::Path;
use std::time::Instant;

use costlens::app::{Action, App, Source};
use costlens::profile::Folder;

use crate::support::worked::{CHEAP, STRONG};

const SAVED: &str = "saved 2 what-ifs to strong.toml, scenario.toml";

fn app_on(dir: &Path) -> App {
    fs::write(dir.join("strong.toml"), STRONG).unwrap();
    fs::write(dir.join("cheap.toml"), CHEAP).unwrap();
    let folder = Folder::load_dir(dir).unwrap();
    App::new(Source::Folder(dir.to_path_buf()), folder, false)
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

fn cost(app: &App, id: &str) -> f64 {
    let row = app.comparison().rows.iter().find(|row| row.id == id);
    row.unwrap().figures.core.cost_per_merge
}

/// strong's first-pass rate (the focused slider) and the engineer rate
/// (three sliders on) moved, then `S`: two files written, then reread.
fn save_two_files(app: &mut App) {
    let up = Action::Nudge {
        steps: 1,
        coarse: true,
    };
    app.update(up.clone());
    for _ in 0..3 {
        app.update(Action::FocusNextSlider);
    }
    app.update(up);
    app.update(Action::SaveAll);
    assert_eq!(status(app), SAVED);
}

#[test]
fn a_load_that_began_before_a_save_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path());
    // The watcher starts reading before the save's writes land.
    let started = Instant::now();
    let before = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    save_two_files(&mut app);
    let saved = app.folder().clone();
    let saved_cost = cost(&app, "strong");
    app.update(Action::FolderLoaded {
        folder: Box::new(before),
        started,
    });
    assert_eq!(status(&app), SAVED, "the save's word stays");
    assert_eq!(app.folder(), &saved, "not the older folder");
    assert_eq!(cost(&app, "strong"), saved_cost);
}

#[test]
fn a_load_that_began_before_f5_is_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path());
    let started = Instant::now();
    let before = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    let edited = CHEAP.replace("first_pass_rate = 0.52", "first_pass_rate = 0.6");
    assert_ne!(edited, CHEAP);
    fs::write(dir.path().join("cheap.toml"), edited).unwrap();
    app.update(Action::Reload);
    assert_eq!(status(&app), "reloaded cheap.toml");
    let edited_cost = cost(&app, "cheap");
    app.update(Action::FolderLoaded {
        folder: Box::new(before),
        started,
    });
    assert_eq!(status(&app), "reloaded cheap.toml");
    assert_eq!(cost(&app, "cheap"), edited_cost, "the edit stays on screen");
}

#[test]
fn a_load_of_the_saves_own_writes_keeps_the_saved_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path());
    save_two_files(&mut app);
    let own = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(own));
    assert_eq!(status(&app), SAVED);
}

#[test]
fn an_edit_right_after_a_save_still_shows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path());
    save_two_files(&mut app);
    let before = cost(&app, "cheap");
    let edited = CHEAP.replace("first_pass_rate = 0.52", "first_pass_rate = 0.6");
    fs::write(dir.path().join("cheap.toml"), edited).unwrap();
    // Stamped now: the watcher began reading after the save's reread.
    let load = Action::folder_loaded(Folder::reload_dir(dir.path(), None).unwrap());
    app.update(load);
    assert_eq!(status(&app), "reloaded cheap.toml");
    assert!(cost(&app, "cheap") < before, "the edit applies");
}

#[test]
fn f5_with_nothing_new_names_the_folder_as_the_header_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(dir.path());
    app.update(Action::Reload);
    let shown = format!("{}/", dir.path().display());
    assert_eq!(status(&app), format!("reloaded {shown}: no file changed"));
}

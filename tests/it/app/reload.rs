use super::*;

fn reread(dir: &std::path::Path, app: &App) -> Folder {
    Folder::reload_dir(dir, Some(app.folder())).unwrap()
}

/// Saves `cheap.toml` half-written (a value missing at 3:10) and hands the
/// reload to the app, as the watcher would.
fn break_cheap(dir: &std::path::Path, app: &mut App) {
    fs::write(dir.join("cheap.toml"), "[prices]\ninput = 1\noutput = \n").unwrap();
    let folder = reread(dir, app);
    app.update(Action::folder_loaded(folder));
}

#[test]
fn a_moved_slider_keeps_its_value_and_untouched_fields_follow_the_file() {
    let Fixture { dir, mut app } = fixture();
    app.update(FINE_UP); // strong's first-pass rate: a what-if at 0.73
    let edited = strong_with_comments_and_cache_writes()
        .replace("first_pass_rate = 0.72", "first_pass_rate = 0.5")
        .replace("review_minutes = 6", "review_minutes = 9");
    fs::write(dir.path().join("strong.toml"), edited).unwrap();
    let folder = reread(dir.path(), &app);
    app.update(Action::folder_loaded(folder));
    let first_pass = app.slider_view(&SLIDERS[FIRST_PASS], "strong").unwrap();
    assert_eq!(
        (first_pass.value, first_pass.file_value, first_pass.moved),
        (0.73, 0.5, true)
    );
    let review = app.slider_view(&SLIDERS[REVIEW], "strong").unwrap();
    assert_eq!(
        (review.value, review.moved),
        (9.0, false),
        "the file's new value"
    );
    assert_eq!(app.selected_id().as_deref(), Some("strong"));
}

#[test]
fn a_broken_save_keeps_the_last_good_values_marked_stale_until_fixed() {
    let Fixture { dir, mut app } = fixture();
    let before = cost(&app, "cheap");
    break_cheap(dir.path(), &mut app);
    let row = app
        .comparison()
        .rows
        .iter()
        .find(|row| row.id == "cheap")
        .unwrap();
    assert!(row.stale);
    assert_eq!(cost(&app, "cheap"), before);
    let error = &app.folder().errors()[0];
    assert!(
        error.path.ends_with("cheap.toml") && error.location == Some((3, 10)),
        "{error}"
    );
    fs::write(dir.path().join("cheap.toml"), CHEAP.replace("0.52", "0.6")).unwrap();
    let folder = reread(dir.path(), &app);
    app.update(Action::folder_loaded(folder));
    assert!(app.comparison().rows.iter().all(|row| !row.stale));
    assert!(app.folder().errors().is_empty());
    assert!(cost(&app, "cheap") < before);
}

#[test]
fn a_save_keeps_another_files_last_good_values() {
    let Fixture { dir, mut app } = fixture();
    let before = cost(&app, "cheap");
    break_cheap(dir.path(), &mut app);
    // `s` on strong rereads the folder: cheap must stay, stale, at its
    // last good cost, not drop out until the watcher brings it back.
    app.update(Action::Nudge {
        steps: 1,
        coarse: true,
    });
    app.update(Action::Save);
    assert!(!app.status().unwrap().is_error, "{:?}", app.status());
    let row = app.comparison().rows.iter().find(|row| row.id == "cheap");
    assert!(row.is_some_and(|row| row.stale), "{:?}", ids(&app));
    assert_eq!(cost(&app, "cheap"), before);
}

#[test]
fn our_own_save_read_back_changes_nothing_and_keeps_other_what_ifs() {
    let Fixture { dir, mut app } = fixture();
    app.update(FINE_UP);
    select(&mut app, "cheap");
    app.update(FINE_UP); // another profile's what-if, which `s` does not write
    select(&mut app, "strong");
    app.update(Action::Save);
    let (overrides, comparison) = (app.overrides().clone(), app.comparison().clone());
    // The watcher then delivers the folder it read after our write.
    let folder = reread(dir.path(), &app);
    app.update(Action::folder_loaded(folder));
    assert_eq!(app.overrides(), &overrides);
    assert_eq!(
        app.overrides()
            .profile("cheap", ProfileField::FirstPassRate),
        Some(0.53)
    );
    assert_eq!(app.comparison(), &comparison, "nothing on screen moves");
}

#[test]
fn a_new_file_appears_a_removed_one_goes_and_the_reload_key_reads_now() {
    let Fixture { dir, mut app } = fixture();
    fs::write(dir.path().join("extra.toml"), CHEAP.replace("0.52", "0.9")).unwrap();
    fs::remove_file(dir.path().join("cheap.toml")).unwrap();
    app.update(Action::Reload);
    let mut ids = ids(&app);
    ids.sort();
    // The mix names `cheap`, which is gone: it drops out with an error.
    assert_eq!(ids, ["extra", "strong"]);
    assert!(
        app.folder()
            .errors()
            .iter()
            .any(|e| e.path.ends_with("tiered.toml"))
    );
    app.update(Action::FolderFailed("cannot read `x`".to_string()));
    assert!(app.status().unwrap().is_error);
    assert_eq!(
        ids.len(),
        app.comparison().rows.len(),
        "the last good state stays"
    );
    // The folder back: the error gives way to saying so.
    let folder = Folder::load_dir(dir.path()).unwrap();
    app.update(Action::folder_loaded(folder));
    let status = app.status().unwrap();
    assert!(!status.is_error, "{status:?}");
    assert!(status.text.ends_with("can be read again"), "{status:?}");
    // Only once: a later reload says nothing of it.
    app.update(Action::Notice("other".to_string()));
    let folder = Folder::load_dir(dir.path()).unwrap();
    app.update(Action::folder_loaded(folder));
    assert_eq!(app.status().unwrap().text, "other");
}

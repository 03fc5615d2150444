//! Point 2 of the issue: `s` on a file that is broken now.

use super::*;

/// `strong` with a first-pass rate the loader refuses, on line 10.
fn broken_strong() -> String {
    strong_with_comments_and_cache_writes()
        .replace("first_pass_rate = 0.72", "first_pass_rate = 1.5")
}

fn reload(dir: &std::path::Path, app: &mut App) {
    let folder = Folder::reload_dir(dir, Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(folder));
}

#[test]
fn s_on_a_broken_file_writes_nothing_and_keeps_the_what_if_until_it_is_fixed() {
    let Fixture { dir, mut app } = fixture();
    let path = dir.path().join("strong.toml");
    fs::write(&path, broken_strong()).unwrap();
    reload(dir.path(), &mut app);
    focus(&mut app, REVIEW);
    app.update(FINE_UP);
    app.update(Action::Save);
    let status = app.status().unwrap().clone();
    assert!(status.is_error, "{status:?}");
    assert_eq!(
        status.text,
        "not saved: strong.toml has errors; first: strong.toml:10:19: \
         `first_pass_rate` must be a finite number > 0 and <= 1 (found 1.5)"
    );
    assert!(!status.text.contains("saved 1"), "{status:?}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken_strong(),
        "untouched"
    );
    // The what-if stays on screen, marked, over the last good value.
    let view = app.slider_view(&SLIDERS[REVIEW], "strong").unwrap();
    assert_eq!((view.value, view.file_value, view.moved), (6.5, 6.0, true));
    // Fixed in the editor: the same `s` now writes it.
    fs::write(&path, strong_with_comments_and_cache_writes()).unwrap();
    reload(dir.path(), &mut app);
    assert!(app.slider_view(&SLIDERS[REVIEW], "strong").unwrap().moved);
    app.update(Action::Save);
    assert_eq!(app.status().unwrap().text, "saved 1 what-if to strong.toml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("review_minutes = 6.5"), "{text}");
    assert!(text.contains("# assumption"), "{text}");
    let view = app.slider_view(&SLIDERS[REVIEW], "strong").unwrap();
    assert_eq!((view.value, view.file_value, view.moved), (6.5, 6.5, false));
}

/// Broken on disk before the watcher has said so: the file's text is
/// checked when it is written, not only the folder's last word.
#[test]
fn a_file_broken_since_the_last_load_is_not_written_either() {
    let Fixture { dir, mut app } = fixture();
    let path = dir.path().join("strong.toml");
    app.update(FINE_UP);
    fs::write(&path, broken_strong()).unwrap();
    app.update(Action::Save);
    let status = app.status().unwrap();
    assert!(
        status.is_error
            && status
                .text
                .contains("strong.toml has errors; first: strong.toml:10:19"),
        "{status:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken_strong());
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::FirstPassRate),
        Some(0.73)
    );
}

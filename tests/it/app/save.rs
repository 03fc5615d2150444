//! `s`: the selected profile's what-ifs written into its file.

use super::*;

#[test]
fn save_writes_the_what_ifs_keeps_comments_and_rereads() {
    let Fixture { dir, mut app } = fixture();
    app.update(COARSE_UP);
    focus(&mut app, REVIEW);
    app.update(FINE_UP);
    app.update(Action::Save);
    let status = app.status().unwrap();
    assert!(
        !status.is_error && status.text.contains("saved 2"),
        "{status:?}"
    );
    let text = fs::read_to_string(dir.path().join("strong.toml")).unwrap();
    assert!(text.starts_with("# strong: the worked check\n"));
    assert!(
        text.contains("first_pass_rate = 0.82  # assumption"),
        "{text}"
    );
    assert!(text.contains("review_minutes = 6.5"), "{text}");
    // The file now says what the sliders said: no what-ifs remain, and the
    // figures did not move.
    assert!(app.overrides().is_empty());
    assert_eq!(
        app.slider_view(&SLIDERS[FIRST_PASS], "strong")
            .unwrap()
            .file_value,
        0.82
    );
    assert_eq!(app.selected_id().as_deref(), Some("strong"));
}

#[test]
fn a_failed_save_keeps_the_file_and_the_what_ifs() {
    let Fixture { dir, mut app } = fixture();
    app.update(FINE_UP);
    let path = dir.path().join("strong.toml");
    // The file turns into something toml_edit refuses: the write must not happen.
    fs::write(&path, "[quality\nbroken").unwrap();
    app.update(Action::Save);
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.starts_with("not saved"),
        "{status:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "[quality\nbroken");
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::FirstPassRate),
        Some(0.73)
    );
}

#[test]
fn saving_built_in_profiles_says_how_to_get_files() {
    let mut app = App::new(Source::BuiltIn, Folder::load_builtin(), false);
    app.update(FINE_UP);
    app.update(Action::Save);
    let status = app.status().unwrap();
    assert!(
        status.is_error && status.text.contains("costlens init"),
        "{status:?}"
    );
}

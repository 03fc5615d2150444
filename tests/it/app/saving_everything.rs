//! Point 3: the scenario's what-ifs are saved too, and `S` saves all.

use super::*;
use costlens::app::action_for;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn s_writes_the_profile_and_the_scenario_creating_scenario_toml() {
    let Fixture { dir, mut app } = fixture();
    let scenario = dir.path().join("scenario.toml");
    assert!(!scenario.exists());
    app.update(FINE_UP);
    focus(&mut app, ENGINEER);
    app.update(FINE_UP);
    app.update(Action::Save);
    assert_eq!(
        app.status().unwrap().text,
        "saved 2 what-ifs to strong.toml, scenario.toml"
    );
    assert_eq!(
        fs::read_to_string(&scenario).unwrap(),
        "engineer_rate = 125\n"
    );
    assert!(app.overrides().is_empty());
    assert_eq!(app.folder().scenario().engineer_rate_per_hour, 125.0);
    let view = app.slider_view(&SLIDERS[ENGINEER], "strong").unwrap();
    assert_eq!(
        (view.value, view.file_value, view.moved),
        (125.0, 125.0, false)
    );
}

#[test]
fn s_keeps_the_scenarios_comments_and_writes_only_what_moved() {
    let Fixture { dir, mut app } = fixture();
    let path = dir.path().join("scenario.toml");
    let text = "# our team\nengineer_rate = 120   # loaded\nbaseline_hours = 3.5\n";
    fs::write(&path, text).unwrap();
    app.update(Action::Reload);
    focus(&mut app, BASELINE);
    app.update(COARSE_UP);
    app.update(Action::Save);
    assert_eq!(
        app.status().unwrap().text,
        "saved 1 what-if to scenario.toml"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "# our team\nengineer_rate = 120   # loaded\nbaseline_hours = 5.5\n"
    );
}

#[test]
fn a_broken_scenario_is_not_written_but_the_profile_is() {
    let Fixture { dir, mut app } = fixture();
    let path = dir.path().join("scenario.toml");
    let broken = "engineer_rate = -5\n";
    fs::write(&path, broken).unwrap();
    app.update(Action::Reload);
    app.update(FINE_UP);
    focus(&mut app, ENGINEER);
    app.update(FINE_UP);
    app.update(Action::Save);
    let status = app.status().unwrap().clone();
    assert!(status.is_error, "{status:?}");
    assert!(
        status.text.starts_with(
            "saved 1 what-if to strong.toml; not saved: scenario.toml has errors; first: scenario.toml:1:17: "
        ),
        "{status:?}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    assert_eq!(
        app.overrides().scenario(ScenarioField::EngineerRate),
        Some(125.0),
        "the scenario's what-if stays"
    );
    assert_eq!(app.overrides().len(), 1, "strong's was written");
}

#[test]
fn nothing_to_save_says_so() {
    let Fixture { mut app, .. } = fixture();
    app.update(Action::Save);
    assert_eq!(
        app.status().unwrap().text,
        "nothing to save: no what-ifs on strong or the scenario"
    );
    app.update(Action::SaveAll);
    assert_eq!(app.status().unwrap().text, "nothing to save: no what-ifs");
}

/// What-ifs on a profile whose file was removed: `S` says why it writes
/// nothing, and the what-if stays (the header still counts it).
#[test]
fn shift_s_names_a_removed_file_whose_what_ifs_it_keeps() {
    let Fixture { dir, mut app } = fixture();
    let gone = dir.path().join("gone.toml");
    fs::write(&gone, CHEAP.replace("0.52", "0.9")).unwrap();
    app.update(Action::Reload);
    select(&mut app, "gone");
    app.update(FINE_UP);
    fs::remove_file(&gone).unwrap();
    app.update(Action::Reload);
    assert_eq!(app.overrides().len(), 1);
    app.update(Action::SaveAll);
    assert_eq!(
        app.status().unwrap().text,
        "not saved: gone.toml is no longer in the folder (1 what-if kept)"
    );
    assert_eq!(app.overrides().len(), 1, "kept");
    // Beside a save of another file, the removed one is still named.
    select(&mut app, "strong");
    app.update(FINE_UP);
    app.update(Action::SaveAll);
    assert_eq!(
        app.status().unwrap().text,
        "saved 1 what-if to strong.toml; not saved: gone.toml is no longer in the folder (1 what-if kept)"
    );
    assert_eq!(app.overrides().len(), 1, "the removed file's what-if kept");
}

#[test]
fn shift_s_saves_every_what_if_and_names_the_files() {
    let Fixture { dir, mut app } = fixture();
    let event = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
    assert_eq!(action_for(&event, Mode::Explore), Some(Action::SaveAll));
    app.update(FINE_UP); // strong
    select(&mut app, "cheap");
    focus(&mut app, REVIEW);
    app.update(FINE_UP);
    select(&mut app, "tiered"); // the shares: focus falls to the first
    app.update(COARSE_UP);
    focus(&mut app, 2); // the engineer rate, after the two shares
    app.update(FINE_UP);
    assert_eq!(app.overrides().len(), 4);
    app.update(Action::SaveAll);
    assert_eq!(
        app.status().unwrap().text,
        "saved 4 what-ifs to 4 files: cheap.toml, strong.toml, … and 2 more"
    );
    assert!(app.overrides().is_empty());
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    assert!(read("strong.toml").contains("first_pass_rate = 0.73  # assumption"));
    assert!(read("cheap.toml").contains("review_minutes = 11.5"));
    assert_eq!(
        read("tiered.toml"),
        MIX.replacen("share = 0.5", "share = 0.6", 1)
            .replacen("share = 0.5", "share = 0.4", 1)
    );
    assert_eq!(read("scenario.toml"), "engineer_rate = 125\n");
    assert!(
        app.folder().errors().is_empty(),
        "{:?}",
        app.folder().errors()
    );
}

#[test]
fn shift_s_writes_the_good_files_and_names_the_broken_one() {
    let Fixture { dir, mut app } = fixture();
    app.update(FINE_UP); // strong
    select(&mut app, "cheap");
    app.update(FINE_UP);
    let broken = CHEAP.replace("review_minutes = 11", "review_minutes = -1");
    fs::write(dir.path().join("cheap.toml"), &broken).unwrap();
    app.update(Action::SaveAll);
    let status = app.status().unwrap();
    assert!(status.is_error, "{status:?}");
    assert!(
        status.text.starts_with(
            "saved 1 what-if to strong.toml; not saved: cheap.toml has errors; first: cheap.toml:9:18: "
        ),
        "{status:?}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("cheap.toml")).unwrap(),
        broken
    );
    assert_eq!(
        app.overrides()
            .profile("cheap", ProfileField::FirstPassRate),
        Some(0.53)
    );
}

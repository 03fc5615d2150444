//! `App::update`: each action on a known state gives the expected state.
//! Real profile files in a temp folder; no terminal involved.

use std::fs;

use costlens::app::{Action, App, Mode, SLIDERS, Source};
use costlens::model::{ProfileField, ScenarioField};
use costlens::profile::Folder;

use crate::support::worked::{CHEAP, STRONG};

/// The worked check's `strong` plus what these tests need of it: comments,
/// for a save to keep, and a quarter of the input written to the cache,
/// which caps the cache-hit slider at 75%.
fn strong_with_comments_and_cache_writes() -> String {
    let text = format!("# strong: the worked check\n{STRONG}")
        .replacen(
            "output_tokens = 8_000\n",
            "output_tokens = 8_000\ncache_write_ratio = 0.25\n",
            1,
        )
        .replacen(
            "first_pass_rate = 0.72\n",
            "first_pass_rate = 0.72  # assumption\n",
            1,
        );
    assert!(text.contains("cache_write_ratio") && text.contains("# assumption"));
    text
}

const MIX: &str =
    "[[mix]]\nprofile = \"strong\"\nshare = 0.5\n[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n";

/// Slider positions in `SLIDERS`.
const FIRST_PASS: usize = 0;
const REVIEW: usize = 1;
const CACHE_HITS: usize = 2;
const ENGINEER: usize = 3;

struct Fixture {
    dir: tempfile::TempDir,
    app: App,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let strong = strong_with_comments_and_cache_writes();
    fs::write(dir.path().join("strong.toml"), strong).unwrap();
    fs::write(dir.path().join("cheap.toml"), CHEAP).unwrap();
    fs::write(dir.path().join("tiered.toml"), MIX).unwrap();
    let folder = Folder::load_dir(dir.path()).unwrap();
    let app = App::new(Source::Folder(dir.path().to_path_buf()), folder, false);
    Fixture { dir, app }
}

fn ids(app: &App) -> Vec<String> {
    app.comparison()
        .rows
        .iter()
        .map(|row| row.id.clone())
        .collect()
}

fn cost(app: &App, id: &str) -> f64 {
    let row = app
        .comparison()
        .rows
        .iter()
        .find(|row| row.id == id)
        .unwrap();
    row.figures.core.cost_per_merge
}

fn focus(app: &mut App, slider: usize) {
    while app.focused_slider() != slider {
        app.update(Action::FocusNextSlider);
    }
}

fn run(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

const FINE_UP: Action = Action::Nudge {
    steps: 1,
    coarse: false,
};
const FINE_DOWN: Action = Action::Nudge {
    steps: -1,
    coarse: false,
};
const COARSE_UP: Action = Action::Nudge {
    steps: 1,
    coarse: true,
};
const COARSE_DOWN: Action = Action::Nudge {
    steps: -1,
    coarse: true,
};

#[test]
fn starts_on_the_cheapest_row_with_the_first_slider_focused() {
    let Fixture { app, .. } = fixture();
    assert_eq!(ids(&app), ["strong", "tiered", "cheap"]);
    assert_eq!(
        (app.selected(), app.focused_slider(), app.mode()),
        (0, 0, Mode::Explore)
    );
    assert_eq!(app.reference_row().unwrap().id, "strong");
    assert!(app.is_running() && app.overrides().is_empty());
}

#[test]
fn selection_moves_and_stops_at_both_ends() {
    let Fixture { mut app, .. } = fixture();
    let cases: [(&[Action], usize); 5] = [
        (&[Action::SelectPrevious], 0),
        (&[Action::SelectNext], 1),
        (
            &[Action::SelectNext, Action::SelectNext, Action::SelectNext],
            2,
        ),
        (&[Action::SelectRow(1)], 1),
        (&[Action::SelectRow(99)], 1),
    ];
    for (actions, want) in cases {
        run(&mut app, actions);
        assert_eq!(app.selected(), want, "{actions:?}");
    }
}

#[test]
fn slider_focus_wraps_both_ways() {
    let Fixture { mut app, .. } = fixture();
    app.update(Action::FocusPreviousSlider);
    assert_eq!(app.focused_slider(), SLIDERS.len() - 1);
    app.update(Action::FocusNextSlider);
    assert_eq!(app.focused_slider(), 0);
}

#[test]
fn a_fine_step_recomputes_and_marks_the_slider_moved() {
    let Fixture { mut app, .. } = fixture();
    let before = cost(&app, "strong");
    app.update(FINE_UP);
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::FirstPassRate),
        Some(0.73)
    );
    assert!(cost(&app, "strong") < before);
    let view = app.slider_view(&SLIDERS[FIRST_PASS], "strong").unwrap();
    assert!(view.moved && view.value == 0.73 && view.file_value == 0.72);
    // Back at the file's value there is no what-if left.
    app.update(FINE_DOWN);
    assert!(app.overrides().is_empty());
    assert_eq!(cost(&app, "strong"), before);
}

#[test]
fn sliders_stay_in_range() {
    let Fixture { mut app, .. } = fixture();
    run(&mut app, &[COARSE_UP; 5]);
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::FirstPassRate),
        Some(1.0)
    );
    run(&mut app, &[COARSE_DOWN; 20]);
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::FirstPassRate),
        Some(0.01),
        "floors at 1%"
    );
    focus(&mut app, CACHE_HITS);
    run(&mut app, &[COARSE_UP; 20]);
    // strong writes 25% of its input to the cache: hits can reach 75%.
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::CacheHitRatio),
        Some(0.75)
    );
    assert!(
        app.comparison()
            .rows
            .iter()
            .all(|row| row.figures.core.cost_per_merge.is_finite())
    );
}

#[test]
fn a_profile_slider_on_a_mix_explains_instead_of_moving() {
    let Fixture { mut app, .. } = fixture();
    let mix_row = ids(&app).iter().position(|id| id == "tiered").unwrap();
    app.update(Action::SelectRow(mix_row));
    app.update(FINE_UP);
    assert!(app.overrides().is_empty());
    assert!(app.status().unwrap().text.contains("is a mix"));
    // The scenario's engineer rate still moves from a mix row.
    focus(&mut app, ENGINEER);
    app.update(FINE_UP);
    assert_eq!(
        app.overrides().scenario(ScenarioField::EngineerRate),
        Some(125.0)
    );
    assert_eq!(app.scenario().engineer_rate_per_hour, 125.0);
}

#[test]
fn the_selection_follows_its_profile_when_the_order_changes() {
    let Fixture { mut app, .. } = fixture();
    focus(&mut app, REVIEW);
    run(&mut app, &[COARSE_UP; 10]);
    assert_eq!(app.selected_id().as_deref(), Some("strong"));
    assert_eq!(
        ids(&app).last().map(String::as_str),
        Some("strong"),
        "now the dearest"
    );
    assert_eq!(app.selected(), 2);
}

#[test]
fn apply_to_all_gives_every_model_the_value() {
    let Fixture { mut app, .. } = fixture();
    run(&mut app, &[COARSE_UP, COARSE_UP]);
    app.update(Action::ApplyToAll);
    for id in ["strong", "cheap"] {
        assert_eq!(
            app.overrides().profile(id, ProfileField::FirstPassRate),
            Some(0.92),
            "{id}"
        );
    }
    assert_eq!(
        app.overrides()
            .profile("tiered", ProfileField::FirstPassRate),
        None,
        "a mix has no field"
    );
}

#[test]
fn reset_reset_all_and_undo() {
    let Fixture { mut app, .. } = fixture();
    app.update(FINE_UP);
    focus(&mut app, REVIEW);
    app.update(FINE_UP);
    assert_eq!(app.overrides().len(), 2);
    app.update(Action::ResetSlider);
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::ReviewMinutes),
        None
    );
    assert_eq!(app.overrides().len(), 1);
    app.update(Action::Undo);
    assert_eq!(
        app.overrides()
            .profile("strong", ProfileField::ReviewMinutes),
        Some(6.5)
    );
    app.update(Action::ResetAll);
    assert!(app.overrides().is_empty());
    // Undo walks back: reset all, then the second nudge, then the first.
    run(&mut app, &[Action::Undo, Action::Undo]);
    assert_eq!(app.overrides().len(), 1, "back to the first nudge");
    run(&mut app, &[Action::Undo, Action::Undo]);
    assert!(app.overrides().is_empty());
    assert_eq!(app.status().unwrap().text, "nothing to undo");
}

#[test]
fn pin_reference_toggles_between_the_selected_row_and_the_cheapest() {
    let Fixture { mut app, .. } = fixture();
    run(
        &mut app,
        &[Action::SelectNext, Action::SelectNext, Action::PinReference],
    );
    assert_eq!(app.reference_row().unwrap().id, "cheap");
    app.update(Action::PinReference);
    assert_eq!(app.reference_row().unwrap().id, "strong");
}

#[test]
fn help_mouse_and_quit() {
    let Fixture { mut app, .. } = fixture();
    let cases: [(Action, Mode, bool, bool); 5] = [
        (Action::ToggleHelp, Mode::Help, false, true),
        (Action::ToggleHelp, Mode::Explore, false, true),
        (Action::ToggleHelp, Mode::Help, false, true),
        (Action::CloseOverlay, Mode::Explore, false, true),
        (Action::ToggleMouse, Mode::Explore, true, true),
    ];
    for (action, mode, mouse, running) in cases {
        app.update(action.clone());
        assert_eq!(
            (app.mode(), app.mouse_enabled(), app.is_running()),
            (mode, mouse, running),
            "{action:?}"
        );
    }
    app.update(Action::Quit);
    assert!(!app.is_running());
}

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

mod mouse {
    use super::*;
    use costlens::app::Action;
    use costlens::ui::{Areas, mouse_action};
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;

    const SCREEN: Rect = Rect {
        x: 0,
        y: 0,
        width: 100,
        height: 30,
    };

    fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
        MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }
    }

    /// At 80×24 each slider is one row; taller panes use two.
    const COMPACT: Rect = Rect {
        x: 0,
        y: 0,
        width: 80,
        height: 24,
    };

    fn areas(app: &App, screen: Rect) -> Areas {
        Areas::new(
            screen,
            app.comparison().rows.len(),
            app.folder().errors().len(),
        )
    }

    #[test]
    fn a_click_on_a_row_selects_it_and_the_wheel_scrolls() {
        let Fixture { mut app, .. } = fixture();
        let table = areas(&app, SCREEN).table;
        // Border and headings first: the third profile is on the fifth line.
        let click = at(
            MouseEventKind::Down(MouseButton::Left),
            table.x + 5,
            table.y + 4,
        );
        assert_eq!(
            mouse_action(&app, click, SCREEN),
            Some(Action::SelectRow(2))
        );
        app.update(mouse_action(&app, click, SCREEN).unwrap());
        assert_eq!(app.selected_id().as_deref(), Some("cheap"));
        let wheel = at(MouseEventKind::ScrollUp, 0, 0);
        assert_eq!(
            mouse_action(&app, wheel, SCREEN),
            Some(Action::SelectPrevious)
        );
        let heading = at(
            MouseEventKind::Down(MouseButton::Left),
            table.x + 5,
            table.y + 1,
        );
        assert_eq!(
            mouse_action(&app, heading, SCREEN),
            None,
            "the headings are not a row"
        );
    }

    #[test]
    fn a_click_or_drag_on_a_track_sets_that_slider() {
        let Fixture { mut app, .. } = fixture();
        let pane = areas(&app, COMPACT).sliders;
        // Review is the second slider; its track ends at the pane's right edge.
        let right_end = pane.x + pane.width - 4;
        let drag = at(
            MouseEventKind::Drag(MouseButton::Left),
            right_end,
            pane.y + 2,
        );
        let Some(
            action @ Action::SetSliderPosition {
                slider: 1,
                position,
            },
        ) = mouse_action(&app, drag, COMPACT)
        else {
            panic!(
                "not the review slider: {:?}",
                mouse_action(&app, drag, COMPACT)
            );
        };
        assert!(position > 0.95, "{position}");
        app.update(action);
        assert_eq!(app.focused_slider(), 1);
        let review = app
            .overrides()
            .profile("strong", ProfileField::ReviewMinutes)
            .unwrap();
        assert!(
            review > 100.0,
            "dragged to the end of a 0–120 min track: {review}"
        );
    }

    #[test]
    fn mouse_events_do_nothing_over_the_help() {
        let Fixture { mut app, .. } = fixture();
        app.update(Action::ToggleHelp);
        let wheel = at(MouseEventKind::ScrollDown, 0, 0);
        assert_eq!(mouse_action(&app, wheel, SCREEN), None);
    }
}

mod reload {
    use super::*;

    fn reread(dir: &std::path::Path, app: &App) -> Folder {
        Folder::reload_dir(dir, Some(app.folder())).unwrap()
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
        app.update(Action::FolderLoaded(Box::new(folder)));
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
        fs::write(
            dir.path().join("cheap.toml"),
            "[prices]\ninput = 1\noutput = \n",
        )
        .unwrap();
        let folder = reread(dir.path(), &app);
        app.update(Action::FolderLoaded(Box::new(folder)));
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
        app.update(Action::FolderLoaded(Box::new(folder)));
        assert!(app.comparison().rows.iter().all(|row| !row.stale));
        assert!(app.folder().errors().is_empty());
        assert!(cost(&app, "cheap") < before);
    }

    #[test]
    fn a_save_keeps_another_files_last_good_values() {
        let Fixture { dir, mut app } = fixture();
        let before = cost(&app, "cheap");
        fs::write(
            dir.path().join("cheap.toml"),
            "[prices]\ninput = 1\noutput = \n",
        )
        .unwrap();
        let folder = reread(dir.path(), &app);
        app.update(Action::FolderLoaded(Box::new(folder)));
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
        focus(&mut app, ENGINEER);
        app.update(FINE_UP); // a scenario what-if that `s` does not write
        app.update(Action::SelectRow(0));
        focus(&mut app, FIRST_PASS);
        app.update(Action::Save);
        let (overrides, comparison) = (app.overrides().clone(), app.comparison().clone());
        // The watcher then delivers the folder it read after our write.
        let folder = reread(dir.path(), &app);
        app.update(Action::FolderLoaded(Box::new(folder)));
        assert_eq!(app.overrides(), &overrides);
        assert_eq!(
            app.overrides().scenario(ScenarioField::EngineerRate),
            Some(125.0)
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
        app.update(Action::FolderLoaded(Box::new(folder)));
        let status = app.status().unwrap();
        assert!(!status.is_error, "{status:?}");
        assert!(status.text.ends_with("can be read again"), "{status:?}");
        // Only once: a later reload says nothing of it.
        app.update(Action::Notice("other".to_string()));
        let folder = Folder::load_dir(dir.path()).unwrap();
        app.update(Action::FolderLoaded(Box::new(folder)));
        assert_eq!(app.status().unwrap().text, "other");
    }
}

/// After any sequence of moves, the figures updated in place equal a full
/// recompute from the files plus the what-ifs.
#[test]
fn incremental_updates_equal_a_full_recompute() {
    use costlens::report::Comparison;
    let Fixture { mut app, .. } = fixture();
    let sequence = [
        COARSE_UP,
        Action::SelectNext,
        Action::SelectNext,
        COARSE_DOWN,
        Action::FocusNextSlider,
        FINE_UP,
        Action::ApplyToAll,
        Action::SelectRow(0),
        COARSE_DOWN,
        Action::Undo,
        Action::ResetSlider,
        Action::FocusNextSlider,
        Action::FocusNextSlider,
        FINE_UP,
        Action::Undo,
        Action::Undo,
    ];
    for action in sequence {
        app.update(action.clone());
        let mut scenario = app.folder().scenario().clone();
        let mut catalog = app.folder().catalog();
        app.overrides().apply(&mut scenario, &mut catalog);
        let full = Comparison::new(app.folder(), &catalog, &scenario);
        assert_eq!(app.comparison(), &full, "after {action:?}");
    }
}

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

/// Slider positions in `SLIDERS`, a model's sliders.
const FIRST_PASS: usize = 0;
const REVIEW: usize = 1;
const CACHE_HITS: usize = 2;
const ENGINEER: usize = 3;
const BASELINE: usize = 9;
const WEEKLY: usize = 10;

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

/// Selects profile `id`'s row, wherever the sort put it.
fn select(app: &mut App, id: &str) {
    let row = ids(app).iter().position(|row| row == id).unwrap();
    app.update(Action::SelectRow(row));
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
fn a_mix_shows_its_shares_and_the_scenarios_sliders() {
    let Fixture { mut app, .. } = fixture();
    let labels = |app: &App| -> Vec<String> {
        app.sliders()
            .iter()
            .map(|slider| slider.label.to_string())
            .collect()
    };
    assert_eq!(app.sliders(), SLIDERS.to_vec(), "a model: its fields");
    focus(&mut app, ENGINEER);
    select(&mut app, "tiered");
    assert_eq!(
        labels(&app),
        [
            "strong",
            "cheap",
            "Engineer rate",
            "Baseline hours",
            "Weekly changes"
        ]
    );
    // The focus stays on the engineer rate from a model to a mix...
    assert_eq!(app.focused_slider(), 2);
    app.update(FINE_UP);
    assert_eq!(
        app.overrides().scenario(ScenarioField::EngineerRate),
        Some(125.0)
    );
    assert_eq!(app.scenario().engineer_rate_per_hour, 125.0);
    // ...and back; a slider a mix lacks gives way to its first.
    select(&mut app, "strong");
    assert_eq!(app.focused_slider(), ENGINEER);
    focus(&mut app, FIRST_PASS);
    select(&mut app, "tiered");
    assert_eq!(app.focused_slider(), 0);
    select(&mut app, "strong");
    assert_eq!(app.focused_slider(), FIRST_PASS);
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
        select(&mut app, "cheap");
        app.update(FINE_UP); // another profile's what-if, which `s` does not write
        select(&mut app, "strong");
        app.update(Action::Save);
        let (overrides, comparison) = (app.overrides().clone(), app.comparison().clone());
        // The watcher then delivers the folder it read after our write.
        let folder = reread(dir.path(), &app);
        app.update(Action::FolderLoaded(Box::new(folder)));
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

/// Point 2 of the issue: `s` on a file that is broken now.
mod broken_files {
    use super::*;

    /// `strong` with a first-pass rate the loader refuses, on line 10.
    fn broken_strong() -> String {
        strong_with_comments_and_cache_writes()
            .replace("first_pass_rate = 0.72", "first_pass_rate = 1.5")
    }

    fn reload(dir: &std::path::Path, app: &mut App) {
        let folder = Folder::reload_dir(dir, Some(app.folder())).unwrap();
        app.update(Action::FolderLoaded(Box::new(folder)));
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
}

/// Point 3: the scenario's what-ifs are saved too, and `S` saves all.
mod saving_everything {
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
}

/// Point 6: every action that changes the screen says so in the footer.
#[test]
fn every_slider_action_says_what_it_did() {
    let Fixture { mut app, .. } = fixture();
    let said = |app: &App| {
        app.status()
            .map(|status| status.text.clone())
            .unwrap_or_default()
    };
    app.update(FINE_UP);
    assert_eq!(said(&app), "first-pass rate 73.0% for strong (file 72.0%)");
    app.update(Action::Undo);
    assert_eq!(said(&app), "undone: no what-ifs left");
    // A move after an undo replaces its message: nothing old lingers.
    focus(&mut app, REVIEW);
    app.update(Action::Nudge {
        steps: -1,
        coarse: false,
    });
    assert_eq!(said(&app), "review time 5.5 min for strong (file 6.0 min)");
    app.update(Action::ResetSlider);
    assert_eq!(said(&app), "reset review time for strong");
    focus(&mut app, ENGINEER);
    app.update(COARSE_UP);
    assert_eq!(said(&app), "engineer rate $145.00/h (file $120.00/h)");
    app.update(Action::ResetSlider);
    assert_eq!(said(&app), "reset engineer rate");
    focus(&mut app, BASELINE);
    app.update(FINE_DOWN);
    assert_eq!(said(&app), "baseline hours 3.5 h (file unset)");
    app.update(Action::ApplyToAll);
    assert_eq!(
        said(&app),
        "Baseline hours is already the same for every profile"
    );
    focus(&mut app, FIRST_PASS);
    app.update(COARSE_UP);
    app.update(Action::ApplyToAll);
    assert_eq!(said(&app), "First-pass rate = 82.0% for all 2 models");
    // The mouse moves say the same.
    app.update(Action::SetSliderPosition {
        slider: WEEKLY,
        position: 0.0,
    });
    assert_eq!(said(&app), "weekly changes 0/wk (file unset)");
    app.update(Action::ResetAll);
    assert_eq!(said(&app), "every what-if reset to the files' values");
    app.update(Action::ResetAll);
    assert_eq!(said(&app), "nothing to reset: no what-ifs");
    app.update(Action::Undo);
    assert_eq!(said(&app), "undone: 4 what-ifs left");
    // A mix's shares.
    select(&mut app, "tiered");
    focus(&mut app, 0);
    app.update(FINE_DOWN);
    assert_eq!(said(&app), "share of strong 49.0% for tiered (file 50.0%)");
    app.update(Action::ApplyToAll);
    assert_eq!(
        said(&app),
        "the share of strong is tiered's own: nothing to apply to every profile"
    );
    app.update(Action::ResetSlider);
    assert_eq!(said(&app), "reset the shares for tiered");
}

/// Point 7: the scenario's baseline and volume, and a mix's shares.
mod new_sliders {
    use super::*;
    use costlens::app::SliderTarget;

    fn shares(app: &App, id: &str) -> Vec<f64> {
        app.sliders()
            .iter()
            .filter(|slider| matches!(slider.target, SliderTarget::MixShare(_)))
            .map(|slider| app.slider_view(slider, id).unwrap().value)
            .collect()
    }

    fn assert_add_up_to_one(shares: &[f64]) {
        let total: f64 = shares.iter().sum();
        assert!((total - 1.0).abs() <= 1e-9, "{shares:?} add up to {total}");
        assert!(
            shares.iter().all(|share| (0.0..=1.0).contains(share)),
            "{shares:?}"
        );
    }

    #[test]
    fn baseline_and_volume_start_unset_and_the_first_move_sets_a_default() {
        let Fixture { mut app, .. } = fixture();
        for (slider, start) in [(BASELINE, 3.5), (WEEKLY, 40.0)] {
            let view = app.slider_view(&SLIDERS[slider], "strong").unwrap();
            assert!(view.value.is_nan() && view.file_value.is_nan() && !view.moved);
            focus(&mut app, slider);
            app.update(FINE_UP);
            let view = app.slider_view(&SLIDERS[slider], "strong").unwrap();
            assert_eq!((view.value, view.moved), (start, true));
            assert!(view.file_value.is_nan());
        }
        assert_eq!(app.scenario().baseline_hours, Some(3.5));
        assert_eq!(app.scenario().changes_per_week, Some(40.0));
        // A baseline turns on the savings: every row has an ROI now.
        let row = &app.comparison().rows[0];
        assert!(row.figures.roi.is_some(), "{:?}", row.figures.roi);
        app.update(FINE_UP);
        assert_eq!(app.scenario().changes_per_week, Some(41.0));
        focus(&mut app, BASELINE);
        app.update(Action::ResetSlider);
        assert_eq!(app.scenario().baseline_hours, None);
        assert!(app.comparison().rows[0].figures.roi.is_none());
    }

    #[test]
    fn moving_one_share_rescales_the_others_to_add_up_to_one() {
        let Fixture { dir, mut app } = fixture();
        let three = "[[mix]]\nprofile = \"strong\"\nshare = 0.5\n[[mix]]\nprofile = \"cheap\"\nshare = 0.3\n[[mix]]\nprofile = \"tiered\"\nshare = 0.2\n";
        fs::write(dir.path().join("three.toml"), three).unwrap();
        app.update(Action::Reload);
        select(&mut app, "three");
        assert_eq!(shares(&app, "three"), [0.5, 0.3, 0.2]);
        app.update(COARSE_UP); // strong 0.5 -> 0.6; cheap and tiered keep 3:2
        let got = shares(&app, "three");
        assert_add_up_to_one(&got);
        assert_eq!(got[0], 0.6);
        assert!(
            (got[1] - 0.24).abs() < 1e-12 && (got[2] - 0.16).abs() < 1e-12,
            "{got:?}"
        );
        // The figures follow: a mix is the share-weighted sum of its parts.
        let want: f64 = ["strong", "cheap", "tiered"]
            .iter()
            .zip(&got)
            .map(|(id, share)| share * cost(&app, id))
            .sum();
        assert!((cost(&app, "three") - want).abs() < 1e-9);
        // To 1: the others go to 0; down again: they split what is left.
        run(&mut app, &[COARSE_UP; 10]);
        assert_eq!(shares(&app, "three"), [1.0, 0.0, 0.0]);
        app.update(COARSE_DOWN);
        let got = shares(&app, "three");
        assert_add_up_to_one(&got);
        assert!(
            (got[1] - 0.05).abs() < 1e-12 && (got[2] - 0.05).abs() < 1e-12,
            "{got:?}"
        );
        // Clamped at 0; many moves later still adding up to one.
        app.update(Action::FocusNextSlider);
        run(&mut app, &[COARSE_DOWN; 12]);
        run(&mut app, &[FINE_UP; 7]);
        app.update(Action::FocusNextSlider);
        run(&mut app, &[FINE_UP; 13]);
        let got = shares(&app, "three");
        assert_add_up_to_one(&got);
        // Back to the file's split: no what-if left.
        app.update(Action::ResetSlider);
        assert!(app.overrides().is_empty());
        assert_eq!(shares(&app, "three"), [0.5, 0.3, 0.2]);
    }

    #[test]
    fn share_what_ifs_survive_reloads_until_the_parts_change() {
        let Fixture { dir, mut app } = fixture();
        select(&mut app, "tiered");
        app.update(COARSE_UP);
        assert_eq!(shares(&app, "tiered"), [0.6, 0.4]);
        // The file's shares change: the what-if stays, like any other.
        let edited =
            MIX.replacen("share = 0.5", "share = 0.7", 1)
                .replacen("share = 0.5", "share = 0.3", 1);
        fs::write(dir.path().join("tiered.toml"), &edited).unwrap();
        app.update(Action::Reload);
        assert_eq!(shares(&app, "tiered"), [0.6, 0.4]);
        let view = app.slider_view(&app.sliders()[0], "tiered").unwrap();
        assert_eq!((view.file_value, view.moved), (0.7, true));
        // The parts change (swapped): the split no longer fits and goes.
        let swapped = "[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n[[mix]]\nprofile = \"strong\"\nshare = 0.5\n";
        fs::write(dir.path().join("tiered.toml"), swapped).unwrap();
        app.update(Action::Reload);
        assert!(app.overrides().is_empty(), "{:?}", app.overrides());
        assert_eq!(shares(&app, "tiered"), [0.5, 0.5]);
    }

    #[test]
    fn s_writes_the_shares_into_the_mix_file_comments_kept() {
        let Fixture { dir, mut app } = fixture();
        let path = dir.path().join("tiered.toml");
        let commented = format!(
            "# half and half\n{}",
            MIX.replacen("share = 0.5", "share = 0.5   # guess", 1)
        );
        fs::write(&path, &commented).unwrap();
        app.update(Action::Reload);
        select(&mut app, "tiered");
        run(&mut app, &[FINE_DOWN, FINE_DOWN]);
        app.update(Action::Save);
        assert_eq!(app.status().unwrap().text, "saved 1 what-if to tiered.toml");
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            commented
                .replacen("share = 0.5   # guess", "share = 0.48  # guess", 1)
                .replacen("share = 0.5\n", "share = 0.52\n", 1)
        );
        assert!(app.overrides().is_empty());
        assert_eq!(shares(&app, "tiered"), [0.48, 0.52]);
    }

    /// 8 profiles at 80×24: 11 sliders in 9 lines, the pane scrolling with
    /// the focus; a click lands on the slider drawn there, never on the
    /// `… more` line.
    #[test]
    fn a_scrolled_pane_takes_clicks_where_it_draws() {
        use costlens::ui::{Areas, mouse_action};
        use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
        use ratatui::layout::Rect;
        let mut app = App::new(Source::BuiltIn, Folder::load_builtin(), true);
        let screen = Rect::new(0, 0, 80, 24);
        let pane = Areas::new(screen, app.comparison().rows.len(), 0).sliders;
        assert_eq!(pane.height, 11, "nine lines inside the border");
        let click = |app: &App, line: u16| {
            let event = MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: pane.x + 30,
                row: pane.y + 1 + line,
                modifiers: KeyModifiers::NONE,
            };
            mouse_action(app, event, screen)
        };
        let slider_of = |action: Option<Action>| match action {
            Some(Action::SetSliderPosition { slider, .. }) => Some(slider),
            _ => None,
        };
        // Top: sliders 0..8 then `↓ 3 more` on the last line.
        assert_eq!(slider_of(click(&app, 0)), Some(0));
        assert_eq!(slider_of(click(&app, 7)), Some(7));
        assert_eq!(click(&app, 8), None);
        // Focus on the last: `↑ 3 more` first, then sliders 3..11.
        focus(&mut app, WEEKLY);
        assert_eq!(click(&app, 0), None);
        assert_eq!(slider_of(click(&app, 1)), Some(3));
        assert_eq!(slider_of(click(&app, 8)), Some(WEEKLY));
        app.update(click(&app, 1).unwrap());
        assert_eq!(app.focused_slider(), ENGINEER);
    }
}

/// The views and the analysis they draw: `1`–`4` switch, and the
/// analysis follows the selection, the pin and every what-if at once.
mod views {
    use super::*;
    use costlens::app::{View, action_for};
    use costlens::model::analysis::{Analysis, Lever, LeverKind};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn analysis(app: &App) -> &Analysis {
        app.analysis().expect("an analysis of the selected profile")
    }

    fn lever(app: &App, kind: LeverKind) -> Lever {
        let levers = &analysis(app).levers;
        levers
            .iter()
            .find(|lever| lever.lever == kind)
            .unwrap()
            .clone()
    }

    #[test]
    fn keys_1_to_4_switch_views_and_say_which() {
        let Fixture { mut app, .. } = fixture();
        assert_eq!(app.view(), View::Compare);
        for (key, view) in [
            ('2', View::Levers),
            ('3', View::FirstPass),
            ('4', View::Payback),
        ] {
            let event = KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE);
            let action = action_for(&event, app.mode()).unwrap();
            assert_eq!(action, Action::ShowView(view));
            app.update(action);
            assert_eq!(app.view(), view);
        }
        assert_eq!(
            app.status().unwrap().text,
            "payback: strong's saving week by week"
        );
        // A view is kept across selection, what-ifs and reloads.
        run(&mut app, &[Action::SelectNext, FINE_UP, Action::Reload]);
        assert_eq!(app.view(), View::Payback);
        app.update(Action::ShowView(View::Compare));
        assert_eq!(app.view(), View::Compare);
    }

    #[test]
    fn the_analysis_follows_the_selection() {
        let Fixture { mut app, .. } = fixture();
        assert_eq!(analysis(&app).profile, "strong");
        assert_eq!(analysis(&app).against.as_deref(), Some("tiered"));
        select(&mut app, "cheap");
        assert_eq!(analysis(&app).profile, "cheap");
        assert_eq!(analysis(&app).against.as_deref(), Some("strong"));
        assert_eq!(analysis(&app).cost_per_merge, cost(&app, "cheap"));
        // A mix has no first-pass curve.
        select(&mut app, "tiered");
        assert!(analysis(&app).cost_by_first_pass_rate.is_none());
    }

    /// The pinned reference is the rival, unless it is the selected row;
    /// unpinned, the cheapest other.
    #[test]
    fn the_rival_is_the_pinned_row_unless_it_is_the_selected_one() {
        let Fixture { mut app, .. } = fixture();
        select(&mut app, "cheap");
        app.update(Action::PinReference);
        assert_eq!(analysis(&app).against.as_deref(), Some("strong"));
        select(&mut app, "strong");
        assert_eq!(analysis(&app).against.as_deref(), Some("cheap"));
        assert_eq!(
            analysis(&app).against_cost_per_merge,
            Some(cost(&app, "cheap"))
        );
        select(&mut app, "cheap");
        app.update(Action::PinReference); // back to the cheapest
        select(&mut app, "strong");
        assert_eq!(analysis(&app).against.as_deref(), Some("tiered"));
    }

    /// A review-time nudge moves the review lever's ends at once; undo
    /// puts them back; the engineer rate (a scenario slider) too.
    #[test]
    fn the_analysis_follows_every_slider() {
        let Fixture { mut app, .. } = fixture();
        app.update(Action::ShowView(View::Levers));
        let before = lever(&app, LeverKind::ReviewMinutes);
        assert_eq!(before.low, Some(6.0 * 0.8));
        focus(&mut app, REVIEW);
        app.update(FINE_UP);
        let after = lever(&app, LeverKind::ReviewMinutes);
        assert_eq!(after.low, Some(6.5 * 0.8));
        assert!(after.cost_at_low > before.cost_at_low, "{after:?}");
        assert_eq!(analysis(&app).cost_per_merge, cost(&app, "strong"));
        app.update(Action::Undo);
        assert_eq!(lever(&app, LeverKind::ReviewMinutes), before);
        focus(&mut app, ENGINEER);
        app.update(COARSE_UP);
        let engineer = lever(&app, LeverKind::EngineerRate);
        assert_eq!(engineer.base, Some(145.0));
        // Without a baseline, no retry policy and no payback; with one, both.
        assert!(analysis(&app).retry.is_none() && analysis(&app).payback.is_none());
        focus(&mut app, BASELINE);
        app.update(FINE_UP);
        assert!(analysis(&app).retry.is_some());
        focus(&mut app, WEEKLY);
        app.update(FINE_UP);
        let payback = analysis(&app).payback.clone().unwrap();
        assert_eq!(payback.cumulative_net_saving.len(), 27);
    }

    /// Focus, help, the mouse and the view leave the analysis as it is
    /// (the same value, not recomputed to something else).
    #[test]
    fn screen_only_actions_leave_the_analysis_alone() {
        let Fixture { mut app, .. } = fixture();
        let before = analysis(&app).clone();
        run(
            &mut app,
            &[
                Action::FocusNextSlider,
                Action::ToggleHelp,
                Action::CloseOverlay,
                Action::ToggleMouse,
                Action::ShowView(View::FirstPass),
            ],
        );
        assert_eq!(analysis(&app), &before);
    }
}

//! Selection, slider focus and moves, the pin, help, mouse and quit.

use super::*;

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

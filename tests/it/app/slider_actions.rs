//! Slider actions as a whole: figures updated in place equal a full
//! recompute, and every action says what it did.

use super::*;

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

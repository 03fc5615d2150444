//! The views and the analysis they draw: `1`–`4` switch, and the
//! analysis follows the selection, the pin and every what-if at once.

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

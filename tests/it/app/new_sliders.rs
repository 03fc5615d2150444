//! Point 7: the scenario's baseline and volume, and a mix's shares.

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
    let swapped =
        "[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n[[mix]]\nprofile = \"strong\"\nshare = 0.5\n";
    fs::write(dir.path().join("tiered.toml"), swapped).unwrap();
    app.update(Action::Reload);
    assert!(app.overrides().is_empty(), "{:?}", app.overrides());
    assert_eq!(shares(&app, "tiered"), [0.5, 0.5]);
}

/// A dropped split is never silent: the footer names the mix and why,
/// after the reload's own word, from F5 and from the watcher alike.
#[test]
fn a_dropped_split_says_which_and_why() {
    let Fixture { dir, mut app } = fixture();
    let swapped =
        "[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n[[mix]]\nprofile = \"strong\"\nshare = 0.5\n";
    for watcher in [false, true] {
        fs::write(dir.path().join("tiered.toml"), MIX).unwrap();
        app.update(Action::Reload);
        select(&mut app, "tiered");
        app.update(COARSE_UP);
        assert!(app.overrides().mix("tiered").is_some());
        fs::write(dir.path().join("tiered.toml"), swapped).unwrap();
        if watcher {
            let folder = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
            app.update(Action::folder_loaded(folder));
        } else {
            app.update(Action::Reload);
        }
        assert!(app.overrides().mix("tiered").is_none());
        let status = app.status().unwrap();
        assert!(!status.is_error, "{status:?}");
        assert_eq!(
            status.text,
            "reloaded tiered.toml; dropped the share what-ifs of tiered: \
             its parts changed in tiered.toml",
            "watcher: {watcher}"
        );
        // Said once: the next action has its own word alone.
        app.update(Action::Notice("other".to_string()));
        assert_eq!(app.status().unwrap().text, "other");
    }
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

//! Whole-screen snapshots on ratatui's TestBackend after key sequences, at
//! 80×24 and 160×48, plus one snapshot that records styles so a lost
//! highlight is caught. Keys go through the real key table.

use std::path::PathBuf;

use costlens::app::{App, Source, action_for};
use costlens::profile::Folder;
use costlens::ui::{DrawContext, Theme};
use insta::{assert_debug_snapshot, assert_snapshot};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A committed folder, so the header's path and every figure are fixed.
const FIXTURE: &str = "tests/fixtures/explorer";

fn app() -> App {
    let dir = PathBuf::from(FIXTURE);
    let folder = Folder::load_dir(&dir).expect("fixture folder");
    assert!(folder.errors().is_empty(), "{:?}", folder.errors());
    App::new(Source::Folder(dir), folder, false)
}

fn key(code: KeyCode) -> KeyEvent {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, modifiers)
}

/// Presses `keys` in order, as the terminal would deliver them.
fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        if let Some(action) = action_for(&key(*code), app.mode()) {
            app.update(action);
        }
    }
}

fn screen(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    screen_in(&Theme::color(), app, width, height)
}

fn screen_in(theme: &Theme, app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, theme), frame.area()))
        .unwrap();
    terminal
}

use KeyCode::{Char, Down, Left, Right, Tab};

/// name, keys, sizes.
const SEQUENCES: &[(&str, &[KeyCode])] = &[
    ("start", &[]),
    ("select_next", &[Down]),
    ("select_last", &[Down, Char('j')]),
    ("first_pass_up", &[Right, Right]),
    ("apply_to_all", &[Char('L'), Char('a')]),
    ("undo_apply", &[Char('L'), Char('a'), Char('u')]),
    ("pin_reference", &[Down, Down, Char('p')]),
    ("help", &[Char('?')]),
    ("mix_share_moved", &[Down, Right]),
];

/// Each sequence pressed on a fresh explorer, its screen snapshotted at
/// 80×24 and 160×48 as `NAME_WxH`.
fn snapshot_sequences(sequences: &[(&str, &[KeyCode])]) {
    for (name, keys) in sequences {
        for (width, height) in [(80, 24), (160, 48)] {
            let mut app = app();
            press(&mut app, keys);
            assert_snapshot!(
                format!("{name}_{width}x{height}"),
                screen(&app, width, height).backend()
            );
        }
    }
}

#[test]
fn screens_after_key_sequences() {
    snapshot_sequences(SEQUENCES);
}

#[test]
fn each_slider_moved() {
    let mut app = app();
    for slider in costlens::app::SLIDERS {
        // Two fine steps up, so each shows its moved mark and new value.
        press(&mut app, &[Right, Char('l')]);
        let name = slider.label.to_lowercase().replace([' ', '-'], "_");
        assert_snapshot!(
            format!("slider_{name}_80x24"),
            screen(&app, 80, 24).backend()
        );
        press(&mut app, &[Tab]);
    }
    assert_snapshot!("all_sliders_moved_160x48", screen(&app, 160, 48).backend());
    // Every what-if taken back, one by one.
    press(&mut app, &vec![Char('u'); 2 * costlens::app::SLIDERS.len()]);
    assert!(app.overrides().is_empty());
    press(&mut app, &[Left]);
    assert_eq!(app.overrides().len(), 1);
}

#[test]
fn too_small_says_which_size_it_needs() {
    let app = app();
    assert_snapshot!("too_small_60x20", screen(&app, 60, 20).backend());
}

#[test]
fn monochrome_is_usable_without_colour() {
    let mut app = app();
    press(&mut app, &[Down, Right]);
    let terminal = screen_in(&Theme::monochrome(), &app, 80, 24);
    let buffer = terminal.backend().buffer();
    let no_colour = buffer.content().iter().all(|cell| {
        cell.fg == ratatui::style::Color::Reset && cell.bg == ratatui::style::Color::Reset
    });
    assert!(no_colour, "monochrome theme used a colour");
    assert_snapshot!("monochrome_80x24", terminal.backend());
}

/// Records every cell's style: the selected row's bold and the moved
/// slider's mark must not silently disappear.
#[test]
fn styles_of_the_selected_row_and_a_moved_slider() {
    let mut app = app();
    press(&mut app, &[Down, Right]);
    let terminal = screen(&app, 80, 24);
    assert_debug_snapshot!("styles_80x24", terminal.backend().buffer());
}

/// The shipped profiles (built in, so the header is fixed): eight rows
/// leave the sliders pane nine lines at 80×24, fewer than a model's eleven
/// sliders. It scrolls with the focus and says how many are hidden.
#[test]
fn the_sliders_pane_scrolls_with_the_focus() {
    let mut app = App::new(Source::BuiltIn, Folder::load_builtin(), false);
    assert_snapshot!("sliders_scroll_top_80x24", screen(&app, 80, 24).backend());
    // Tab to the last slider (weekly changes), and move it.
    press(&mut app, &[Tab; 10]);
    press(&mut app, &[Right]);
    assert_snapshot!(
        "sliders_scroll_bottom_80x24",
        screen(&app, 80, 24).backend()
    );
}

/// A mix's sliders on a tall screen: a share per part, then the scenario's.
#[test]
fn a_mix_shows_its_share_sliders() {
    let mut app = app();
    press(&mut app, &[Down, Char('L')]);
    assert_snapshot!("mix_shares_160x48", screen(&app, 160, 48).backend());
}

/// Views 2–4 (`2`, `3`, `4`) at 80×24 and 160×48, on the selected model
/// and on a mix, and the levers after a review-time nudge.
const VIEW_SEQUENCES: &[(&str, &[KeyCode])] = &[
    ("view_levers", &[Char('2')]),
    ("view_levers_review_nudged", &[Char('2'), Tab, Right]),
    ("view_levers_mix", &[Char('2'), Down]),
    ("view_first_pass", &[Char('3')]),
    ("view_first_pass_mix", &[Char('3'), Down]),
    ("view_payback", &[Char('4')]),
];

#[test]
fn views_after_key_sequences() {
    snapshot_sequences(VIEW_SEQUENCES);
}

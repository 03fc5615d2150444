//! The key table, table-driven: what each key press does in each mode,
//! including the presses that must do nothing.

use costlens::app::{Action, Mode, action_for};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

const NONE: KeyModifiers = KeyModifiers::NONE;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

fn fine(steps: i32) -> Option<Action> {
    Some(Action::Nudge {
        steps,
        coarse: false,
    })
}

fn coarse(steps: i32) -> Option<Action> {
    Some(Action::Nudge {
        steps,
        coarse: true,
    })
}

/// (key, modifiers, the action it must give in `mode`).
type Case = (KeyCode, KeyModifiers, Option<Action>);

fn check(mode: Mode, cases: &[Case]) {
    for (code, modifiers, want) in cases {
        let event = KeyEvent::new(*code, *modifiers);
        assert_eq!(
            &action_for(&event, mode),
            want,
            "{code:?} with {modifiers:?} in {mode:?}"
        );
    }
}

#[test]
fn each_key_in_explore_mode() {
    use KeyCode::{BackTab, Char, Down, Esc, F, Left, Right, Tab, Up};
    let cases: &[Case] = &[
        (Down, NONE, Some(Action::SelectNext)),
        (Char('j'), NONE, Some(Action::SelectNext)),
        (Up, NONE, Some(Action::SelectPrevious)),
        (Char('k'), NONE, Some(Action::SelectPrevious)),
        (Tab, NONE, Some(Action::FocusNextSlider)),
        (BackTab, SHIFT, Some(Action::FocusPreviousSlider)),
        (Right, NONE, fine(1)),
        (Char('l'), NONE, fine(1)),
        (Left, NONE, fine(-1)),
        (Right, SHIFT, coarse(1)),
        (Char('L'), SHIFT, coarse(1)),
        (Char('H'), SHIFT, coarse(-1)),
        (Char('a'), NONE, Some(Action::ApplyToAll)),
        (Char('r'), NONE, Some(Action::ResetSlider)),
        (Char('R'), SHIFT, Some(Action::ResetAll)),
        (Char('u'), NONE, Some(Action::Undo)),
        (Char('s'), NONE, Some(Action::Save)),
        (Char('e'), NONE, Some(Action::Export)),
        (Char('p'), NONE, Some(Action::PinReference)),
        (Char('m'), NONE, Some(Action::ToggleMouse)),
        (Char('P'), SHIFT, Some(Action::TogglePresentation)),
        (Char('t'), NONE, Some(Action::CycleTheme)),
        (Char('x'), NONE, Some(Action::TakePictures)),
        (F(5), NONE, Some(Action::Reload)),
        (Char('r'), CTRL, Some(Action::Reload)),
        (Char('?'), NONE, Some(Action::ToggleHelp)),
        (F(1), NONE, Some(Action::ShowHelp)),
        (Esc, NONE, Some(Action::CloseOverlay)),
        (Char('q'), NONE, Some(Action::Quit)),
        (Char('c'), CTRL, Some(Action::Quit)),
        // Alt belongs to the window manager and tmux: nothing, not `q`.
        (Char('q'), ALT, None),
        (Char('s'), ALT, None),
        (Char('?'), ALT, None),
        (Right, ALT, None),
        // Ctrl does not turn a plain key into its bound twin.
        (Char('s'), CTRL, None),
        (Char('q'), CTRL, None),
        (Right, CTRL, None),
        (Char('z'), NONE, None),
        (Char('x'), CTRL, None),
        (F(12), NONE, None),
    ];
    check(Mode::Explore, cases);
}

#[test]
fn over_the_help_only_closing_and_quitting_act() {
    use KeyCode::{Char, Down, Esc, F};
    let cases: &[Case] = &[
        (Esc, NONE, Some(Action::CloseOverlay)),
        (Char('?'), NONE, Some(Action::ToggleHelp)),
        (F(1), NONE, Some(Action::ShowHelp)),
        (Char('q'), NONE, Some(Action::Quit)),
        (Char('c'), CTRL, Some(Action::Quit)),
        (Down, NONE, None),
        (Char('s'), NONE, None),
        (Char('e'), NONE, None),
        (Char('L'), SHIFT, None),
    ];
    check(Mode::Help, cases);
}

#[test]
fn a_key_release_does_nothing() {
    let mut event = KeyEvent::new(KeyCode::Char('q'), NONE);
    event.kind = KeyEventKind::Release;
    assert_eq!(action_for(&event, Mode::Explore), None);
}

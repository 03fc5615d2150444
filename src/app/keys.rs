//! The key table: one list drives dispatch, the footer hints and the help
//! overlay, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{Action, Mode, View};

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character, whatever Shift did to produce it.
    Char(char),
    /// A character with Ctrl held.
    Ctrl(char),
    /// A non-character key without modifiers.
    Plain(KeyCode),
    /// A non-character key with Shift held.
    Shift(KeyCode),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let shift = event.modifiers.contains(KeyModifiers::SHIFT);
        // Alt (Meta) combinations belong to the window manager or tmux;
        // none is bound, so Alt-q does not quit and Alt-s does not save.
        if event.modifiers.contains(KeyModifiers::ALT) {
            return false;
        }
        match (self, event.code) {
            (Key::Char(want), KeyCode::Char(got)) => want == got && !ctrl,
            (Key::Ctrl(want), KeyCode::Char(got)) => want == got.to_ascii_lowercase() && ctrl,
            (Key::Plain(want), got) => want == got && !shift && !ctrl,
            (Key::Shift(want), got) => want == got && shift,
            _ => false,
        }
    }
}

/// One row of the key table.
#[derive(Debug, Clone)]
pub(crate) struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in the footer and the help.
    pub label: &'static str,
    /// A word or two for the footer.
    pub hint: &'static str,
    /// A sentence for the help overlay; empty for the second half of a pair
    /// (← after →), whose keys are listed with the first.
    pub help: &'static str,
    /// Footer order of dropping: hints with a higher number go first.
    pub drop_order: u8,
    pub action: Action,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    hint: &'static str,
    help: &'static str,
    drop_order: u8,
    action: Action,
) -> Binding {
    Binding {
        keys,
        label,
        hint,
        help,
        drop_order,
        action,
    }
}

use KeyCode::{BackTab, Down, Esc, F, Left, Right, Tab, Up};

pub(crate) const BINDINGS: &[Binding] = &[
    bind(
        &[Key::Char('1')],
        "1-4",
        "view",
        "Views: 1 Compare, 2 Levers, 3 First-pass, 4 Payback",
        1,
        Action::ShowView(View::Compare),
    ),
    bind(
        &[Key::Char('2')],
        "",
        "",
        "",
        1,
        Action::ShowView(View::Levers),
    ),
    bind(
        &[Key::Char('3')],
        "",
        "",
        "",
        1,
        Action::ShowView(View::FirstPass),
    ),
    bind(
        &[Key::Char('4')],
        "",
        "",
        "",
        1,
        Action::ShowView(View::Payback),
    ),
    bind(
        &[Key::Plain(Down), Key::Char('j')],
        "↑↓",
        "select",
        "Select the next profile",
        0,
        Action::SelectNext,
    ),
    bind(
        &[Key::Plain(Up), Key::Char('k')],
        "",
        "",
        "Select the previous profile",
        0,
        Action::SelectPrevious,
    ),
    bind(
        &[Key::Plain(Tab)],
        "Tab",
        "slider",
        "Focus the next slider",
        1,
        Action::FocusNextSlider,
    ),
    bind(
        &[Key::Plain(BackTab), Key::Shift(BackTab)],
        "",
        "",
        "Focus the previous slider",
        1,
        Action::FocusPreviousSlider,
    ),
    bind(
        &[Key::Plain(Right), Key::Char('l')],
        "←→",
        "move",
        "Move the focused slider a fine step",
        0,
        Action::Nudge {
            steps: 1,
            coarse: false,
        },
    ),
    bind(
        &[Key::Plain(Left), Key::Char('h')],
        "",
        "",
        "",
        0,
        Action::Nudge {
            steps: -1,
            coarse: false,
        },
    ),
    bind(
        &[Key::Shift(Right), Key::Char('L')],
        "",
        "",
        "Move the focused slider a coarse step",
        0,
        Action::Nudge {
            steps: 1,
            coarse: true,
        },
    ),
    bind(
        &[Key::Shift(Left), Key::Char('H')],
        "",
        "",
        "",
        0,
        Action::Nudge {
            steps: -1,
            coarse: true,
        },
    ),
    bind(
        &[Key::Char('a')],
        "a",
        "all",
        "Apply the focused slider's value to every profile",
        3,
        Action::ApplyToAll,
    ),
    bind(
        &[Key::Char('r')],
        "r",
        "reset",
        "Reset the focused slider to the file's value",
        2,
        Action::ResetSlider,
    ),
    bind(
        &[Key::Char('R')],
        "R",
        "reset all",
        "Reset every what-if",
        5,
        Action::ResetAll,
    ),
    bind(
        &[Key::Char('u')],
        "u",
        "undo",
        "Undo the last what-if change",
        2,
        Action::Undo,
    ),
    bind(
        &[Key::Char('s')],
        "s",
        "save",
        "Write the selected profile's and the scenario's what-ifs",
        3,
        Action::Save,
    ),
    bind(
        &[Key::Char('S')],
        "S",
        "save all",
        "Write every what-if on screen into its file",
        5,
        Action::SaveAll,
    ),
    bind(
        &[Key::Char('e')],
        "e",
        "export",
        "Export the comparison and the selected profile's analyses to a new costlens-export-<time>.md",
        5,
        Action::Export,
    ),
    bind(
        &[Key::Char('p')],
        "p",
        "pin ref",
        "Pin the selected row as reference; again for the cheapest",
        4,
        Action::PinReference,
    ),
    bind(
        &[Key::Char('P')],
        "P",
        "present",
        "Presentation mode: big figures for a meeting (P or Esc leaves)",
        4,
        Action::TogglePresentation,
    ),
    bind(
        &[Key::Char('t')],
        "t",
        "theme",
        "Next colour theme: dark, light, high contrast",
        6,
        Action::CycleTheme,
    ),
    bind(
        &[Key::Char('x')],
        "x",
        "picture",
        "Write the screen as SVG and PNG into the folder costlens started in",
        6,
        Action::TakePictures,
    ),
    bind(
        &[Key::Char('m')],
        "m",
        "mouse",
        "Turn mouse support on or off",
        6,
        Action::ToggleMouse,
    ),
    bind(
        &[Key::Plain(F(5)), Key::Ctrl('r')],
        "F5",
        "reload",
        "Read the profiles folder again now",
        5,
        Action::Reload,
    ),
    bind(
        &[Key::Char('?')],
        "?",
        "help",
        "Open or close this help (F1 opens it)",
        0,
        Action::ToggleHelp,
    ),
    bind(
        // Listed with `?` in the help.
        &[Key::Plain(F(1))],
        "",
        "",
        "",
        0,
        Action::ShowHelp,
    ),
    bind(
        // Listed with `?` in the help: "Open or close this help".
        &[Key::Plain(Esc)],
        "",
        "",
        "",
        0,
        Action::CloseOverlay,
    ),
    bind(
        &[Key::Char('q'), Key::Ctrl('c')],
        "q",
        "quit",
        "Quit (Ctrl-C always quits)",
        0,
        Action::Quit,
    ),
];

/// The action for a key press in `mode`, if any.
pub fn action_for(event: &KeyEvent, mode: Mode) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let action = BINDINGS
        .iter()
        .find(|binding| binding.keys.iter().any(|key| key.matches(event)))
        .map(|binding| binding.action.clone())?;
    match mode {
        Mode::Explore => Some(action),
        // Over the help, only closing and quitting mean anything.
        Mode::Help => matches!(
            action,
            Action::Quit | Action::ToggleHelp | Action::ShowHelp | Action::CloseOverlay
        )
        .then_some(action),
    }
}

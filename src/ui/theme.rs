//! Colours and emphasis, passed to every render helper. The monochrome
//! theme carries the same meaning through bold, reverse and glyphs alone.

use ratatui::style::{Color, Modifier, Style};

use crate::app::ThemeName;

/// How many colours the terminal can show (STUB: filled in by the themes work).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
    /// The 256-colour palette.
    Ansi256,
    /// The 16 named colours.
    Ansi16,
}

impl ColorDepth {
    /// From the environment: `COLORTERM`, then `TERM`.
    pub fn from_env() -> ColorDepth {
        ColorDepth::TrueColor
    }
}


/// Every style the screen uses, by meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub title: Style,
    pub border: Style,
    pub focus_border: Style,
    pub header_row: Style,
    pub selected: Style,
    pub cheaper: Style,
    pub dearer: Style,
    pub moved: Style,
    pub track: Style,
    pub knob: Style,
    pub spark: Style,
    pub tokens: Style,
    pub review: Style,
    pub regression: Style,
    /// The tornado's bar ends: the input's low end (`▓`) and high (`░`).
    pub low_end: Style,
    pub high_end: Style,
    /// Charts: the rival's line and the human baseline's.
    pub rival: Style,
    pub baseline: Style,
    pub key: Style,
    pub error: Style,
    pub info: Style,
}

impl Theme {
    /// The theme `name` in colours the terminal can show (STUB).
    pub fn new(name: ThemeName, depth: ColorDepth) -> Theme {
        let _ = (name, depth);
        Theme::color()
    }

    pub fn color() -> Theme {
        let base = Style::new();
        Theme {
            text: base,
            dim: base.fg(Color::DarkGray),
            title: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: base.fg(Color::DarkGray),
            focus_border: base.fg(Color::Cyan),
            header_row: base.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: base.add_modifier(Modifier::BOLD).bg(Color::Rgb(40, 44, 52)),
            cheaper: base.fg(Color::Green),
            dearer: base.fg(Color::Red),
            moved: base.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            track: base.fg(Color::Cyan),
            knob: base.fg(Color::White).add_modifier(Modifier::BOLD),
            spark: base.fg(Color::Cyan),
            tokens: base.fg(Color::Blue),
            review: base.fg(Color::Yellow),
            regression: base.fg(Color::Red),
            low_end: base.fg(Color::Yellow),
            high_end: base.fg(Color::Cyan),
            rival: base.fg(Color::Magenta),
            baseline: base.fg(Color::Green),
            key: base.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: base.fg(Color::Red).add_modifier(Modifier::BOLD),
            info: base.fg(Color::Green),
        }
    }

    /// For `NO_COLOR` and `--color never`: no colour anywhere.
    pub fn monochrome() -> Theme {
        let base = Style::new();
        let bold = base.add_modifier(Modifier::BOLD);
        Theme {
            text: base,
            dim: base,
            title: bold,
            border: base,
            focus_border: bold,
            header_row: bold.add_modifier(Modifier::UNDERLINED),
            selected: bold,
            cheaper: base,
            dearer: base,
            moved: bold,
            track: base,
            knob: bold,
            spark: base,
            tokens: base,
            review: base,
            regression: base,
            low_end: base,
            high_end: base,
            rival: base,
            baseline: base,
            key: bold,
            error: bold.add_modifier(Modifier::REVERSED),
            info: base,
        }
    }
}

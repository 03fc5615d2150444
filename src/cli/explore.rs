//! The interactive explorer's start: colour or not, the theme (asking the
//! terminal for its background before the explorer takes it over),
//! presentation mode, then the terminal layer's loop.

use std::process::ExitCode;

use super::{Cli, open_source, watch_mode};
use crate::app::{App, Screen, ThemeName};
use crate::tui;
use crate::ui::ColorDepth;

/// When the explorer uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum ColorChoice {
    /// Colour unless `NO_COLOR` is set.
    Auto,
    Always,
    Never,
}

/// `--theme`: a theme by name, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum ThemeChoice {
    Dark,
    Light,
    HighContrast,
    /// The explorer asks the terminal for its background (light or dark); `snapshot` has no terminal and draws dark.
    Auto,
}

impl ThemeChoice {
    /// The theme named; `None` for `auto`.
    pub(super) fn name(self) -> Option<ThemeName> {
        match self {
            ThemeChoice::Dark => Some(ThemeName::Dark),
            ThemeChoice::Light => Some(ThemeName::Light),
            ThemeChoice::HighContrast => Some(ThemeName::HighContrast),
            ThemeChoice::Auto => None,
        }
    }
}

/// The interactive explorer.
pub(super) fn explore(cli: &Cli) -> anyhow::Result<ExitCode> {
    let (folder, source) = open_source(cli.dir.as_deref())?;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let in_colour = match cli.color {
        ColorChoice::Never => false,
        ColorChoice::Auto => !no_color,
        ColorChoice::Always => true,
    };
    // Asked before the explorer takes the terminal (raw mode, alternate
    // screen), and only when the answer matters.
    let theme = match cli.theme.name() {
        Some(name) => name,
        None if in_colour => crate::background::detect_theme().unwrap_or(ThemeName::Dark),
        None => ThemeName::Dark,
    };
    let screen = if cli.present {
        Screen::Presentation
    } else {
        Screen::Explorer
    };
    let app = App::new(source, folder, cli.mouse).with_meeting(screen, theme, in_colour);
    match tui::run(app, ColorDepth::from_env(), watch_mode(cli.poll))? {
        tui::Ending::Quit => Ok(ExitCode::SUCCESS),
        // The terminal is already restored; exit as the signal asked.
        tui::Ending::Signal(signal) => Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))),
    }
}

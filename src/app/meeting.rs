//! The meeting's controls: presentation mode (`P`), the theme (`t`) and
//! pictures of the screen (`x`). The app keeps only the choices; the ui
//! turns a [`ThemeName`] into colours and the terminal layer writes the
//! pictures, so this state knows nothing of how either is done.

use std::path::PathBuf;

use super::{App, Mode, SliderTarget};
use crate::model::{ProfileField, ScenarioField};

/// Which of the two screens is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// The analyst's screen: table, panes, every slider, hints.
    #[default]
    Explorer,
    /// The meeting's screen: a big headline, the view enlarged, the four
    /// main levers as large sliders, chrome hidden.
    Presentation,
}

/// The colour themes `t` cycles through (`--theme auto` picks one of the
/// first two from the terminal's background at start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

impl ThemeName {
    /// In `t` order.
    pub const ALL: [ThemeName; 3] = [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast];

    /// As `--theme` spells it.
    pub fn label(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
        }
    }

    /// The theme after this one.
    pub fn next(self) -> ThemeName {
        let at = ThemeName::ALL.iter().position(|name| *name == self);
        ThemeName::ALL[at.map_or(0, |at| (at + 1) % ThemeName::ALL.len())]
    }
}

/// The four levers presentation mode keeps on screen, in focus order:
/// the inputs a meeting argues about.
pub const PRESENTED_LEVERS: [SliderTarget; 4] = [
    SliderTarget::Profile(ProfileField::FirstPassRate),
    SliderTarget::Profile(ProfileField::ReviewMinutes),
    SliderTarget::Profile(ProfileField::CacheHitRatio),
    SliderTarget::Scenario(ScenarioField::EngineerRate),
];

impl App {
    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn theme_name(&self) -> ThemeName {
        self.theme_name
    }

    /// Whether colour is on: with `NO_COLOR` there are no themes to cycle.
    pub fn in_colour(&self) -> bool {
        self.in_colour
    }

    /// Start in presentation mode (`--present`), with `theme` (`--theme`,
    /// resolved), in colour or not.
    pub fn with_meeting(mut self, screen: Screen, theme: ThemeName, in_colour: bool) -> App {
        self.theme_name = theme;
        self.in_colour = in_colour;
        if screen == Screen::Presentation {
            self.enter_presentation();
            self.status = None;
        }
        self
    }

    pub(super) fn toggle_presentation(&mut self) {
        match self.screen {
            Screen::Explorer => {
                self.enter_presentation();
                self.say("presenting: P or Esc returns to the explorer".to_string());
            }
            Screen::Presentation => self.leave_presentation(),
        }
    }

    fn enter_presentation(&mut self) {
        self.screen = Screen::Presentation;
        self.mode = Mode::Explore;
        if !PRESENTED_LEVERS.contains(&self.focus) {
            self.focus = PRESENTED_LEVERS[0];
        }
    }

    pub(super) fn leave_presentation(&mut self) {
        self.screen = Screen::Explorer;
        self.say("back to the explorer".to_string());
    }

    pub(super) fn cycle_theme(&mut self) {
        if !self.in_colour {
            self.say("no colour (NO_COLOR or --color never): themes are off".to_string());
            return;
        }
        self.theme_name = self.theme_name.next();
        self.say(format!("theme: {}", self.theme_name.label()));
    }

    /// `x`: the terminal layer writes the next frame as pictures, then
    /// tells `update` where with [`super::Action::PicturesWritten`].
    pub(super) fn ask_for_pictures(&mut self) {
        self.picture_requested = true;
    }

    /// Whether `x` asked for a picture of the screen; asking clears it.
    pub fn take_picture_request(&mut self) -> bool {
        std::mem::take(&mut self.picture_requested)
    }

    pub(super) fn pictures_written(&mut self, written: Result<Vec<PathBuf>, String>) {
        match written {
            Ok(paths) => self.say(format!("wrote {}", pictures_named(&paths))),
            Err(message) => self.fail(format!("no picture written: {message}")),
        }
    }
}

/// The pictures' full paths; a pair with one stem (`….svg`, `….png`) as
/// `/dir/name.svg and .png`, so both fit a footer whole.
fn pictures_named(paths: &[PathBuf]) -> String {
    if let [first, second] = paths
        && first.with_extension("") == second.with_extension("")
        && let Some(extension) = second.extension()
    {
        return format!("{} and .{}", first.display(), extension.to_string_lossy());
    }
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    paths.join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_of_pictures_is_named_once() {
        let svg = PathBuf::from("/work/costlens-compare-2026-11-29-190124.svg");
        let png = PathBuf::from("/work/costlens-compare-2026-11-29-190124.png");
        assert_eq!(
            pictures_named(&[svg.clone(), png]),
            "/work/costlens-compare-2026-11-29-190124.svg and .png"
        );
        let other = PathBuf::from("/work/other.png");
        assert_eq!(
            pictures_named(&[svg, other]),
            "/work/costlens-compare-2026-11-29-190124.svg and /work/other.png"
        );
    }
}

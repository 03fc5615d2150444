//! Each colour theme's colours, by role: 24-bit RGB once per theme (the
//! 256-colour fallback is converted from these), and a hand-picked set of
//! the 16 named colours per theme, because the nearest of 16 is noise on
//! palettes nobody can know.
//!
//! Every foreground role is chosen to reach a WCAG contrast of 4.5:1
//! against its theme's canvas in 24-bit and in 256 colours (and in the 16
//! named colours with xterm's default values), `line` too: borders are
//! marks, but a pane's other titles take the border's colour.
//! `tests/it/themes/` measures it on every screen. The selected row is reverse video, so every pair that
//! reads on the canvas reads on the selection too.

use ratatui::style::Color;

use crate::app::ThemeName;

/// A theme's colours by role; the roles become styles in `Theme::from_palette`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Palette {
    /// The whole screen's text and background.
    pub(super) fg: Color,
    pub(super) bg: Color,
    /// Secondary text: hints, axes, the unset end of a slider's track.
    pub(super) muted: Color,
    /// Borders, and the titles on them other than a pane's own.
    pub(super) line: Color,
    /// Titles, keys, the slider track, the profile's own line.
    pub(super) accent: Color,
    /// The table's heading row.
    pub(super) heading: Color,
    /// Cheaper, good news, the human baseline.
    pub(super) good: Color,
    /// Dearer, errors, the revert cost.
    pub(super) bad: Color,
    /// A what-if that moved a value; the rival's line.
    pub(super) moved: Color,
    /// The slider's knob: the one thing the room follows.
    pub(super) knob: Color,
    /// The cost's parts: tokens, and review (also a tornado bar's low end).
    pub(super) tokens: Color,
    pub(super) review: Color,
}

impl Palette {
    /// `f` applied to every colour.
    pub(super) fn map(self, f: impl Fn(Color) -> Color) -> Palette {
        Palette {
            fg: f(self.fg),
            bg: f(self.bg),
            muted: f(self.muted),
            line: f(self.line),
            accent: f(self.accent),
            heading: f(self.heading),
            good: f(self.good),
            bad: f(self.bad),
            moved: f(self.moved),
            knob: f(self.knob),
            tokens: f(self.tokens),
            review: f(self.review),
        }
    }
}

/// The theme's colours in 24 bits.
pub(super) fn rgb(name: ThemeName) -> Palette {
    use Color::Rgb;
    match name {
        // Near-black canvas, light text; no dark grey text anywhere.
        ThemeName::Dark => Palette {
            fg: Rgb(224, 227, 232),
            bg: Rgb(22, 24, 29),
            muted: Rgb(170, 177, 188),
            line: Rgb(128, 136, 150),
            accent: Rgb(102, 200, 245),
            heading: Rgb(242, 200, 105),
            good: Rgb(120, 220, 145),
            bad: Rgb(255, 135, 128),
            moved: Rgb(225, 145, 255),
            knob: Rgb(255, 255, 255),
            tokens: Rgb(110, 165, 255),
            review: Rgb(242, 200, 105),
        },
        // Off-white canvas, near-black text, deep colours; a black knob.
        ThemeName::Light => Palette {
            fg: Rgb(28, 30, 36),
            bg: Rgb(250, 250, 247),
            muted: Rgb(84, 90, 102),
            line: Rgb(104, 110, 122),
            accent: Rgb(0, 92, 170),
            heading: Rgb(130, 72, 0),
            good: Rgb(0, 110, 45),
            bad: Rgb(180, 28, 28),
            moved: Rgb(135, 38, 165),
            knob: Rgb(28, 30, 36),
            tokens: Rgb(30, 90, 200),
            review: Rgb(150, 95, 0),
        },
        // Black and white, and a few saturated colours.
        ThemeName::HighContrast => Palette {
            fg: Rgb(255, 255, 255),
            bg: Rgb(0, 0, 0),
            muted: Rgb(220, 220, 220),
            line: Rgb(200, 200, 200),
            accent: Rgb(0, 255, 255),
            heading: Rgb(255, 255, 0),
            good: Rgb(0, 255, 0),
            bad: Rgb(255, 85, 85),
            moved: Rgb(255, 0, 255),
            knob: Rgb(255, 255, 0),
            tokens: Rgb(80, 160, 255),
            review: Rgb(255, 255, 0),
        },
    }
}

/// The theme in the 16 named colours. On a dark canvas only the bright
/// variants are light enough for text (xterm's `Red`, 205,0,0, reaches
/// 3.6:1 on black); secondary text is `Gray`, never `DarkGray`, which is
/// the background itself in some palettes (Solarized). On a white canvas
/// no green, yellow or cyan of the 16 reads as text, so cheaper is blue
/// (`▼` says it as well), and secondary text and borders are black like
/// the rest (`DarkGray` reaches 4.0:1).
pub(super) fn named(name: ThemeName) -> Palette {
    use Color::*;
    let dark = Palette {
        fg: White,
        bg: Black,
        muted: Gray,
        line: Gray,
        accent: LightCyan,
        heading: LightYellow,
        good: LightGreen,
        bad: LightRed,
        moved: LightMagenta,
        knob: White,
        tokens: LightBlue,
        review: LightYellow,
    };
    match name {
        ThemeName::Dark => dark,
        ThemeName::Light => Palette {
            fg: Black,
            bg: White,
            muted: Black,
            line: Black,
            accent: Blue,
            heading: Magenta,
            good: Blue,
            bad: Red,
            moved: Magenta,
            knob: Black,
            tokens: Blue,
            review: Magenta,
        },
        // The 16 have nothing brighter than the dark theme's colours: high
        // contrast differs only where dark keeps a step down, secondary
        // text, and in a knob that stands out from the white text.
        ThemeName::HighContrast => Palette {
            muted: White,
            knob: LightYellow,
            ..dark
        },
    }
}

//! The terminal's background colour, asked with OSC 11, for `--theme
//! auto`. Ask before raw mode and the alternate screen: the query puts
//! the terminal in raw mode itself and reads the answer from it.

use std::time::Duration;

use terminal_colorsaurus::{QueryOptions, background_color};

use crate::app::ThemeName;

/// How long to wait for the terminal's answer before assuming dark. A
/// terminal on the same machine answers within a few milliseconds, and
/// one that does not know OSC 11 answers the query sent after it (DA1)
/// at once, so this is only paid by a terminal that answers nothing:
/// start-up (about 16 ms) plus this stays under its 50 ms target.
pub(crate) const ANSWER_TIMEOUT: Duration = Duration::from_millis(25);

/// Light or dark, from the terminal's background; `None` when it does not
/// answer within [`ANSWER_TIMEOUT`] (or is no terminal).
pub(crate) fn detect_theme() -> Option<ThemeName> {
    let options = {
        let mut options = QueryOptions::default();
        options.timeout = ANSWER_TIMEOUT;
        options
    };
    let color = background_color(options).ok()?;
    Some(theme_for_lightness(color.perceived_lightness()))
}

/// The theme for a background of perceived lightness `lightness` (CIE L*
/// from 0, black, to 1, white; 0.5 is the perceptual middle grey).
fn theme_for_lightness(lightness: f32) -> ThemeName {
    if lightness > 0.5 {
        ThemeName::Light
    } else {
        ThemeName::Dark
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use terminal_colorsaurus::Color;

    fn theme_for(r: u8, g: u8, b: u8) -> ThemeName {
        // The terminal answers in 16 bits a channel.
        let wide = |channel: u8| u16::from(channel) * 257;
        theme_for_lightness(Color::rgb(wide(r), wide(g), wide(b)).perceived_lightness())
    }

    #[test]
    fn backgrounds_people_use_pick_the_right_theme() {
        // Solarized light, GNOME's white, macOS Terminal's "Basic".
        assert_eq!(theme_for(253, 246, 227), ThemeName::Light);
        assert_eq!(theme_for(255, 255, 255), ThemeName::Light);
        assert_eq!(theme_for(236, 236, 236), ThemeName::Light);
        // Solarized dark, xterm's black, VS Code's dark, a mid-dark grey.
        assert_eq!(theme_for(0, 43, 54), ThemeName::Dark);
        assert_eq!(theme_for(0, 0, 0), ThemeName::Dark);
        assert_eq!(theme_for(30, 30, 30), ThemeName::Dark);
        assert_eq!(theme_for(100, 100, 100), ThemeName::Dark);
    }

    #[test]
    fn the_middle_grey_is_the_line() {
        assert_eq!(theme_for_lightness(0.5), ThemeName::Dark);
        assert_eq!(theme_for_lightness(0.51), ThemeName::Light);
        assert_eq!(theme_for_lightness(0.0), ThemeName::Dark);
        assert_eq!(theme_for_lightness(1.0), ThemeName::Light);
    }

    #[test]
    fn the_wait_is_short() {
        assert!(ANSWER_TIMEOUT <= Duration::from_millis(50));
    }
}

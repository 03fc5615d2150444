//! The terminal's background colour, asked with OSC 11, for `--theme
//! auto` (STUB: filled in by the themes work).

use std::time::Duration;

use crate::app::ThemeName;

/// How long to wait for the terminal's answer before assuming dark.
pub(crate) const ANSWER_TIMEOUT: Duration = Duration::from_millis(30);

/// Light or dark, from the terminal's background; `None` when it does not
/// answer within [`ANSWER_TIMEOUT`] (or is no terminal).
pub(crate) fn detect_theme() -> Option<ThemeName> {
    None
}

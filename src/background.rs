//! The terminal's background colour, asked with OSC 11, for `--theme
//! auto`. Ask before raw mode and the alternate screen: the query puts
//! the terminal in raw mode itself and reads the answer from it.

use std::time::Duration;

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
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

/// The longest answer worth swallowing: `ESC ] 11 ; rgb:RRRR/GGGG/BBBB`
/// and its terminator are under 30 characters.
const MAX_ANSWER_CHARS: usize = 64;

/// Drops an answer to the background query that arrives after
/// [`ANSWER_TIMEOUT`], when the explorer already reads keys. crossterm
/// reads `ESC ] 11;rgb:eeee/eeee/eeee ESC \` as Alt-] then plain letters,
/// and without this a slow terminal's late answer would press `1`, `r`,
/// `a` and `e` (ten exports) on the user's behalf. Alt keys are never
/// bound, so an Alt-] always starts an answer; the answer ends at its
/// terminator (ESC \ or BEL), at a key no answer holds, or at
/// [`MAX_ANSWER_CHARS`].
#[derive(Debug, Default)]
pub(crate) struct LateAnswers {
    /// Characters swallowed of the answer being read; `None` outside one.
    swallowed: Option<usize>,
    /// The last key was a plain Esc: an answer whose bytes arrived one by
    /// one reads as Esc then `]` (and its terminator as Esc then `\`).
    after_escape: bool,
}

impl LateAnswers {
    /// Whether `event` is part of a terminal's answer (and so no key).
    pub(crate) fn swallows(&mut self, event: &Event) -> bool {
        let Event::Key(key) = event else {
            self.swallowed = None;
            self.after_escape = false;
            return false;
        };
        if key.kind == KeyEventKind::Release {
            return self.swallowed.is_some();
        }
        let after_escape = std::mem::take(&mut self.after_escape);
        let plain_escape = key.code == KeyCode::Esc && key.modifiers.is_empty();
        if starts_answer(key) || (after_escape && key.code == KeyCode::Char(']')) {
            self.swallowed = Some(0);
            return true;
        }
        let Some(count) = self.swallowed else {
            // A lone Esc is a key (it closes the help); it is only marked,
            // in case a split answer's `]` follows.
            self.after_escape = plain_escape;
            return false;
        };
        if ends_answer(key) || (after_escape && key.code == KeyCode::Char('\\')) {
            self.swallowed = None;
            return true;
        }
        match key.code {
            // A split terminator's Esc: swallowed, the `\\` is next.
            KeyCode::Esc if plain_escape => {
                self.after_escape = true;
                true
            }
            KeyCode::Char(c) if in_answer(c) && count < MAX_ANSWER_CHARS => {
                self.swallowed = Some(count + 1);
                true
            }
            _ => {
                self.swallowed = None;
                false
            }
        }
    }
}

fn starts_answer(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char(']') && key.modifiers.contains(KeyModifiers::ALT)
}

/// ESC \ (string terminator) reads as Alt-\; BEL as Ctrl-G.
fn ends_answer(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char('\\') => key.modifiers.contains(KeyModifiers::ALT),
        KeyCode::Char('g' | 'G') => key.modifiers.contains(KeyModifiers::CONTROL),
        _ => false,
    }
}

/// What an OSC colour answer is made of: `11;rgb:1e1e/1e1e/1e1e`,
/// `11;rgba:…`, `11;#1e1e1e`.
fn in_answer(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, ';' | ':' | '/' | '#' | '.')
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

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    /// The events crossterm makes of `text` typed as plain keys.
    fn typed(text: &str) -> Vec<Event> {
        text.chars()
            .map(|c| key(KeyCode::Char(c), KeyModifiers::NONE))
            .collect()
    }

    fn kept(filter: &mut LateAnswers, events: &[Event]) -> Vec<Event> {
        events
            .iter()
            .filter(|event| !filter.swallows(event))
            .cloned()
            .collect()
    }

    #[test]
    fn a_late_answer_is_no_keys_and_keys_after_it_are() {
        let alt = KeyModifiers::ALT;
        for terminator in [
            key(KeyCode::Char('\\'), alt),
            key(KeyCode::Char('g'), KeyModifiers::CONTROL),
        ] {
            let mut events = vec![key(KeyCode::Char(']'), alt)];
            events.extend(typed("11;rgb:eeee/aeae/1e1e"));
            events.push(terminator);
            events.extend(typed("e"));
            let mut filter = LateAnswers::default();
            assert_eq!(kept(&mut filter, &events), typed("e"));
        }
    }

    #[test]
    fn an_answer_cut_short_gives_the_keys_back() {
        let mut filter = LateAnswers::default();
        let mut events = vec![key(KeyCode::Char(']'), KeyModifiers::ALT)];
        events.extend(typed("11;rgb"));
        // An arrow is no part of an answer: the answer is over.
        events.push(key(KeyCode::Down, KeyModifiers::NONE));
        events.extend(typed("q"));
        let given_back = kept(&mut filter, &events);
        assert_eq!(given_back.len(), 2, "{given_back:?}");
        // And an endless run of letters stops being swallowed.
        let mut filter = LateAnswers::default();
        let mut events = vec![key(KeyCode::Char(']'), KeyModifiers::ALT)];
        events.extend(typed(&"a".repeat(MAX_ANSWER_CHARS + 3)));
        assert_eq!(kept(&mut filter, &events).len(), 3);
    }

    #[test]
    fn an_answer_that_arrives_byte_by_byte_is_no_keys_either() {
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        let mut events = vec![esc.clone()];
        events.extend(typed("]11;rgb:eeee/aeae/1e1e"));
        events.push(esc.clone());
        events.extend(typed("\\e"));
        let mut filter = LateAnswers::default();
        // The first Esc is a key like any (it cannot be told apart yet).
        let mut want = vec![esc];
        want.extend(typed("e"));
        assert_eq!(kept(&mut filter, &events), want);
    }

    #[test]
    fn keys_without_an_answer_pass() {
        let mut filter = LateAnswers::default();
        let events = typed("11;rgb:eeee");
        assert_eq!(kept(&mut filter, &events), events);
    }

    #[test]
    fn the_wait_is_short() {
        assert!(ANSWER_TIMEOUT <= Duration::from_millis(50));
    }
}

//! How many colours the terminal can show, and the 256-colour palette a
//! 24-bit colour falls back to where it cannot show them all: xterm's
//! values, which pictures of the screen use as well.

use ratatui::style::Color;

/// How many colours the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorDepth {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    TrueColor,
    /// The 256-colour palette (`TERM=…256color`).
    Ansi256,
    /// The 16 named colours (anything else, the Linux console among them).
    Ansi16,
}

impl ColorDepth {
    /// From the environment: `COLORTERM`, then `TERM`.
    pub fn from_env() -> ColorDepth {
        let colorterm = std::env::var("COLORTERM").ok();
        let term = std::env::var("TERM").ok();
        ColorDepth::from_vars(colorterm.as_deref(), term.as_deref())
    }

    /// From the values of `COLORTERM` and `TERM`. Only `COLORTERM` (or a
    /// `TERM` ending in `-direct`) promises 24-bit colour: a terminal
    /// that cannot show it (macOS Terminal before 26, tmux without `Tc`)
    /// turns an RGB colour into noise, so the default is the palette.
    pub fn from_vars(colorterm: Option<&str>, term: Option<&str>) -> ColorDepth {
        let colorterm = colorterm.unwrap_or("").trim().to_ascii_lowercase();
        let term = term.unwrap_or("").trim().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" || term.ends_with("-direct") {
            ColorDepth::TrueColor
        } else if term.contains("256color") {
            ColorDepth::Ansi256
        } else {
            ColorDepth::Ansi16
        }
    }
}

/// xterm's default values for the 16 named colours, in ANSI order.
const XTERM_16: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The xterm levels of the 6×6×6 colour cube (indexes 16–231).
const CUBE_LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The RGB an xterm-256 index stands for: the 16 named colours at
/// xterm's default values, the cube, then 24 greys from 8 to 238.
/// Pictures use all of it; the fallback (`nearest_index`) picks only from
/// 16–255, because each terminal's named colours differ.
pub(crate) fn xterm_rgb(index: u8) -> (u8, u8, u8) {
    match index {
        0..=15 => XTERM_16[usize::from(index)],
        16..=231 => {
            let at = index - 16;
            let level = |n: u8| CUBE_LEVELS[usize::from(n)];
            (level(at / 36), level((at / 6) % 6), level(at % 6))
        }
        232..=255 => {
            let grey = 8 + 10 * (index - 232);
            (grey, grey, grey)
        }
    }
}

/// "Redmean": squared RGB distance weighted by how the eye weighs red,
/// green and blue at that redness. Close enough to a perceptual distance
/// for picking among 240 fixed colours, and cheap.
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> i64 {
    let (ar, ag, ab) = (i64::from(a.0), i64::from(a.1), i64::from(a.2));
    let (br, bg, bb) = (i64::from(b.0), i64::from(b.1), i64::from(b.2));
    let red_mean = (ar + br) / 2;
    let (dr, dg, db) = (ar - br, ag - bg, ab - bb);
    (512 + red_mean) * dr * dr / 256 + 4 * dg * dg + (767 - red_mean) * db * db / 256
}

/// The xterm-256 index (16–255) nearest to `rgb`.
pub(super) fn nearest_index(rgb: (u8, u8, u8)) -> u8 {
    (16..=255)
        .min_by_key(|&index| distance(rgb, xterm_rgb(index)))
        .unwrap_or(16)
}

/// `color` as the terminal at `depth` is given it: RGB turned into the
/// nearest palette index for `Ansi256`. Named colours pass unchanged (the
/// 16-colour palettes are picked by hand, not converted).
pub(super) fn at_depth(color: Color, depth: ColorDepth) -> Color {
    match (color, depth) {
        (Color::Rgb(r, g, b), ColorDepth::Ansi256) => Color::Indexed(nearest_index((r, g, b))),
        _ => color,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_from_the_environment() {
        use ColorDepth::*;
        let cases = [
            (Some("truecolor"), Some("xterm-256color"), TrueColor),
            (Some("24bit"), Some("xterm"), TrueColor),
            (Some("TrueColor"), None, TrueColor),
            (None, Some("xterm-direct"), TrueColor),
            (None, Some("xterm-256color"), Ansi256),
            (None, Some("screen-256color"), Ansi256),
            (Some("yes"), Some("tmux-256color"), Ansi256),
            (None, Some("linux"), Ansi16),
            (None, Some("xterm"), Ansi16),
            (Some(""), Some("vt100"), Ansi16),
            (None, None, Ansi16),
        ];
        for (colorterm, term, want) in cases {
            assert_eq!(
                ColorDepth::from_vars(colorterm, term),
                want,
                "{colorterm:?} {term:?}"
            );
        }
    }

    #[test]
    fn the_palette_is_xterms() {
        assert_eq!(xterm_rgb(8), (127, 127, 127));
        assert_eq!(xterm_rgb(12), (92, 92, 255));
        assert_eq!(xterm_rgb(16), (0, 0, 0));
        assert_eq!(xterm_rgb(21), (0, 0, 255));
        assert_eq!(xterm_rgb(67), (95, 135, 175));
        assert_eq!(xterm_rgb(231), (255, 255, 255));
        assert_eq!(xterm_rgb(232), (8, 8, 8));
        assert_eq!(xterm_rgb(255), (238, 238, 238));
    }

    #[test]
    fn each_palette_colour_is_its_own_nearest() {
        for index in 16..=255u8 {
            let rgb = xterm_rgb(index);
            // Black and white are in the cube only; the greys are distinct.
            assert_eq!(xterm_rgb(nearest_index(rgb)), rgb, "index {index}");
        }
    }

    #[test]
    fn near_colours_go_to_the_expected_index() {
        assert_eq!(nearest_index((250, 250, 247)), 231);
        assert_eq!(nearest_index((22, 24, 29)), 234);
        assert_eq!(nearest_index((255, 135, 128)), 210);
        assert_eq!(nearest_index((0, 92, 170)), 25);
        // A grey goes to the grey ramp, not to a tinted cube colour.
        assert_eq!(nearest_index((120, 120, 120)), 243);
    }

    #[test]
    fn only_rgb_is_converted_and_only_for_256() {
        let rgb = Color::Rgb(255, 0, 0);
        assert_eq!(at_depth(rgb, ColorDepth::TrueColor), rgb);
        assert_eq!(at_depth(rgb, ColorDepth::Ansi256), Color::Indexed(196));
        assert_eq!(
            at_depth(Color::LightRed, ColorDepth::Ansi256),
            Color::LightRed
        );
    }
}

//! Measuring a drawn screen: every cell's colours as RGB (palette colours
//! by xterm's default values), the WCAG contrast ratio of its foreground
//! against its background, and which symbols are marks rather than text.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// WCAG 2 thresholds: body text, and "graphical objects" (marks).
pub const TEXT_RATIO: f64 = 4.5;
pub const MARK_RATIO: f64 = 3.0;

pub type Rgb = (u8, u8, u8);

/// xterm's default values for the 16 named colours, in index order.
const XTERM_16: [Rgb; 16] = [
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

/// The RGB a terminal with xterm's default palette shows for `color`;
/// `None` for `Reset` (the terminal's own default, unknown here).
pub fn rgb(color: Color) -> Option<Rgb> {
    let named = |index: usize| Some(XTERM_16[index]);
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(index @ 0..=15) => named(usize::from(index)),
        Color::Indexed(index @ 16..=231) => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let at = index - 16;
            Some((level(at / 36), level(at / 6 % 6), level(at % 6)))
        }
        Color::Indexed(index) => {
            let grey = 8 + 10 * (index - 232);
            Some((grey, grey, grey))
        }
    }
}

/// WCAG relative luminance.
fn luminance((r, g, b): Rgb) -> f64 {
    let linear = |channel: u8| {
        let c = f64::from(channel) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG contrast ratio, 1 (none) to 21 (black on white).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Marks, held to 3:1: box drawing (U+2500–257F), block elements
/// (U+2580–259F), geometric shapes (U+25A0–25FF: ● ◆ ▶ ▲ ▼), braille
/// (U+2800–28FF), symbols for legacy computing (U+1FB00–1FBFF, big
/// text's sextants) and the bullet `•` (charts' dots). Everything else,
/// arrows, `…` and `⚠` included, is text, held to 4.5:1.
pub fn is_mark(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    matches!(c, '\u{2500}'..='\u{25FF}' | '\u{2800}'..='\u{28FF}' | '\u{1FB00}'..='\u{1FBFF}' | '•')
}

/// Smallest ratios seen, for text and for marks.
#[derive(Debug, Clone, Copy)]
pub struct Lowest {
    pub text: f64,
    pub mark: f64,
}

impl Default for Lowest {
    fn default() -> Self {
        Lowest {
            text: f64::INFINITY,
            mark: f64::INFINITY,
        }
    }
}

/// Every non-blank cell of `buffer` whose contrast is below its
/// threshold, as a line for people; `Reset` colours resolve to
/// `default` (the canvas's fg and bg, or a terminal's defaults); a full
/// block `█` is measured against `default`'s background. Reverse
/// video swaps the two, which leaves the ratio as it is. `lowest` is
/// lowered to the smallest ratios measured.
pub fn low_contrast(buffer: &Buffer, default: (Rgb, Rgb), lowest: &mut Lowest) -> Vec<String> {
    let mut failures = Vec::new();
    let area = buffer.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            if symbol.trim().is_empty() {
                continue;
            }
            let fg = rgb(cell.fg).unwrap_or(default.0);
            // A full block shows no background of its own (a chart's
            // half-block grid gives it both halves' colour): it stands
            // against the canvas around it.
            let bg = match symbol {
                "█" => default.1,
                _ => rgb(cell.bg).unwrap_or(default.1),
            };
            let contrast = ratio(fg, bg);
            let mark = is_mark(symbol);
            let (need, low) = if mark {
                (MARK_RATIO, &mut lowest.mark)
            } else {
                (TEXT_RATIO, &mut lowest.text)
            };
            *low = low.min(contrast);
            if contrast < need {
                let reversed = if cell.modifier.contains(Modifier::REVERSED) {
                    " (reversed)"
                } else {
                    ""
                };
                failures.push(format!(
                    "({x},{y}) {symbol:?} {:?}={fg:?} on {:?}={bg:?}{reversed}: {contrast:.2} < {need} ({})",
                    cell.fg,
                    cell.bg,
                    if mark { "mark" } else { "text" },
                ));
            }
        }
    }
    failures
}

#[test]
fn the_measure_agrees_with_known_values() {
    let close = |got: f64, want: f64| assert!((got - want).abs() < 0.01, "{got} vs {want}");
    close(ratio((0, 0, 0), (255, 255, 255)), 21.0);
    close(ratio((255, 255, 255), (255, 255, 255)), 1.0);
    // WebAIM's checker: #767676 on white is 4.54.
    close(ratio((0x76, 0x76, 0x76), (255, 255, 255)), 4.54);
    assert_eq!(rgb(Color::Indexed(196)), Some((255, 0, 0)));
    assert_eq!(rgb(Color::Indexed(67)), Some((95, 135, 175)));
    assert_eq!(rgb(Color::Indexed(244)), Some((128, 128, 128)));
    assert_eq!(rgb(Color::DarkGray), Some((127, 127, 127)));
    assert!(is_mark("█") && is_mark("⣀") && is_mark("●") && is_mark("│") && is_mark("•"));
    assert!(!is_mark("a") && !is_mark("…") && !is_mark("→") && !is_mark("⚠") && !is_mark("ab"));
}

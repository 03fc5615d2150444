//! Pictures of the screen for slides, tickets and the README: a drawn
//! ratatui [`Buffer`](ratatui::buffer::Buffer) as SVG text ([`svg`]), and
//! as PNG rendered from that SVG with the committed fonts ([`png`]). Both
//! are pure functions of the buffer, so one screen always gives the same
//! bytes; `x` in the explorer and `costlens snapshot` write them.

mod files;
mod png;
mod svg;

pub(crate) use files::replace;
pub(crate) use files::write_new_pictures;
pub use png::{font_database, png};
pub use svg::svg;

use ratatui::style::Color;

use crate::ui::{Theme, xterm_rgb};

/// One cell's width in pixels: DejaVu Sans Mono's advance (1233/2048 em)
/// at [`FONT_SIZE_PX`], so the committed font fills the grid exactly.
pub const CELL_WIDTH_PX: u32 = 10;
/// One cell's height in pixels: the font's line (1.164 em) plus a little
/// air, as terminals lay it out.
pub const CELL_HEIGHT_PX: u32 = 20;
/// 10 px / 0.60205 em: the size at which one advance is one cell.
pub(crate) const FONT_SIZE_PX: f64 = 16.61;
/// From a cell's top to the text's baseline, in tenths of a pixel
/// (15.7 px): the font's box-drawing glyphs (−0.25 em to 0.94 em)
/// centred in the cell, so borders meet.
pub(crate) const BASELINE_TENTHS_PX: u64 = 157;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`, as SVG writes it.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Part way from `self` to `other` (`share` 0: self, 1: other).
    pub(crate) fn towards(self, other: Rgb, share: f64) -> Rgb {
        let mix = |a: u8, b: u8| {
            let value = f64::from(a) + (f64::from(b) - f64::from(a)) * share;
            // Between two u8 values, so it fits.
            value.round().clamp(0.0, 255.0) as u8
        };
        Rgb(
            mix(self.0, other.0),
            mix(self.1, other.1),
            mix(self.2, other.2),
        )
    }
}

/// The colours of a cell whose style says `Color::Reset`: the theme's
/// canvas, which each colour theme paints; where a theme paints none
/// (monochrome), a dark terminal's own colours, since a picture has no
/// terminal behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Canvas {
    pub foreground: Rgb,
    pub background: Rgb,
}

impl Canvas {
    /// A dark terminal's default text and background.
    pub const TERMINAL: Canvas = Canvas {
        foreground: Rgb(0xe5, 0xe5, 0xe5),
        background: Rgb(0x1e, 0x1e, 0x1e),
    };

    /// The canvas `theme` paints.
    pub fn of(theme: &Theme) -> Canvas {
        let terminal = Canvas::TERMINAL;
        let painted =
            |color: Option<Color>, default: Rgb| color.map_or(default, |c| rgb(c, default));
        Canvas {
            foreground: painted(theme.canvas.fg, terminal.foreground),
            background: painted(theme.canvas.bg, terminal.background),
        }
    }
}

/// A cell colour as sRGB: `Reset` is the canvas's `default`, named and
/// indexed colours are xterm's.
pub(crate) fn rgb(color: Color, default: Rgb) -> Rgb {
    match color {
        Color::Reset => default,
        Color::Rgb(r, g, b) => Rgb(r, g, b),
        Color::Indexed(index) => indexed(index),
        Color::Black => indexed(0),
        Color::Red => indexed(1),
        Color::Green => indexed(2),
        Color::Yellow => indexed(3),
        Color::Blue => indexed(4),
        Color::Magenta => indexed(5),
        Color::Cyan => indexed(6),
        Color::Gray => indexed(7),
        Color::DarkGray => indexed(8),
        Color::LightRed => indexed(9),
        Color::LightGreen => indexed(10),
        Color::LightYellow => indexed(11),
        Color::LightBlue => indexed(12),
        Color::LightMagenta => indexed(13),
        Color::LightCyan => indexed(14),
        Color::White => indexed(15),
    }
}

/// xterm's 256-colour palette, as the theme's fallback knows it.
fn indexed(index: u8) -> Rgb {
    let (r, g, b) = xterm_rgb(index);
    Rgb(r, g, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_palette_is_xterms() {
        let canvas = Rgb(1, 2, 3);
        assert_eq!(rgb(Color::Reset, canvas), canvas);
        assert_eq!(rgb(Color::DarkGray, canvas), Rgb(127, 127, 127));
        assert_eq!(rgb(Color::Indexed(16), canvas), Rgb(0, 0, 0));
        assert_eq!(rgb(Color::Indexed(196), canvas), Rgb(255, 0, 0));
        assert_eq!(rgb(Color::Indexed(110), canvas), Rgb(135, 175, 215));
        assert_eq!(rgb(Color::Indexed(231), canvas), Rgb(255, 255, 255));
        assert_eq!(rgb(Color::Indexed(232), canvas), Rgb(8, 8, 8));
        assert_eq!(rgb(Color::Indexed(255), canvas), Rgb(238, 238, 238));
        assert_eq!(Rgb(0, 128, 255).hex(), "#0080ff");
        assert_eq!(
            Rgb(0, 0, 0).towards(Rgb(200, 100, 50), 0.5),
            Rgb(100, 50, 25)
        );
    }

    #[test]
    fn the_cell_is_one_advance_of_the_font_wide() {
        let advance_em = 1233.0 / 2048.0;
        let drift_px = (FONT_SIZE_PX * advance_em - f64::from(CELL_WIDTH_PX)) * 300.0;
        assert!(drift_px.abs() < 0.05, "300 columns drift {drift_px} px");
    }
}

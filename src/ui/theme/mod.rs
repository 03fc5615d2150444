//! Colours and emphasis, passed to every render helper. Each colour theme
//! paints its own canvas (a light theme on a dark terminal still reads),
//! in as many colours as the terminal can show. The monochrome theme
//! carries the same meaning through bold, reverse and glyphs alone.

mod depth;
mod palettes;

pub use depth::ColorDepth;
pub(crate) use depth::xterm_rgb;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use crate::app::ThemeName;
use palettes::Palette;

/// Every style the screen uses, by meaning.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// The whole screen's foreground and background, painted first.
    pub canvas: Style,
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
    /// The theme `name` in colours the terminal can show: its 24-bit
    /// colours, their nearest in the 256-colour palette, or its own pick
    /// of the 16 named colours.
    pub fn new(name: ThemeName, depth: ColorDepth) -> Theme {
        let palette = match depth {
            ColorDepth::TrueColor => palettes::rgb(name),
            ColorDepth::Ansi256 => palettes::rgb(name).map(|color| depth::at_depth(color, depth)),
            ColorDepth::Ansi16 => palettes::named(name),
        };
        Theme::from_palette(&palette, name == ThemeName::HighContrast)
    }

    /// The dark theme in 24-bit colour.
    pub fn color() -> Theme {
        Theme::new(ThemeName::Dark, ColorDepth::TrueColor)
    }

    /// Roles to styles, the same for every colour theme. `emphatic` (high
    /// contrast) adds bold to what a room must read at a glance.
    fn from_palette(palette: &Palette, emphatic: bool) -> Theme {
        let base = Style::new();
        let fg = |color| base.fg(color);
        let bold = Modifier::BOLD;
        let strong = |color| {
            let style = fg(color);
            if emphatic {
                style.add_modifier(bold)
            } else {
                style
            }
        };
        Theme {
            canvas: base.fg(palette.fg).bg(palette.bg),
            text: fg(palette.fg),
            dim: fg(palette.muted),
            title: fg(palette.accent).add_modifier(bold),
            border: fg(palette.line),
            focus_border: strong(palette.accent),
            header_row: fg(palette.heading).add_modifier(bold),
            // Reverse video: a bar as strong as the text on every canvas,
            // and every colour inside the row keeps its contrast.
            selected: base.add_modifier(Modifier::REVERSED | bold),
            cheaper: strong(palette.good),
            dearer: strong(palette.bad),
            moved: fg(palette.moved).add_modifier(bold),
            track: fg(palette.accent),
            knob: fg(palette.knob).add_modifier(bold),
            spark: fg(palette.accent),
            tokens: fg(palette.tokens),
            review: fg(palette.review),
            regression: fg(palette.bad),
            low_end: fg(palette.review),
            high_end: fg(palette.accent),
            rival: fg(palette.moved),
            baseline: fg(palette.good),
            key: fg(palette.accent).add_modifier(bold),
            error: fg(palette.bad).add_modifier(bold),
            info: strong(palette.good),
        }
    }

    /// For `NO_COLOR` and `--color never`: no colour anywhere.
    pub fn monochrome() -> Theme {
        let base = Style::new();
        let bold = base.add_modifier(Modifier::BOLD);
        Theme {
            canvas: base,
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

/// Every cell of `area` whose colour is `Reset` given `canvas`'s instead.
/// `Clear` and a chart's canvas reset the cells they cover, which would
/// show the terminal's own background through a theme's. (Monochrome's
/// canvas has no colours, so its cells stay `Reset`.)
pub(super) fn fill_reset(canvas: Style, area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    let (fg, bg) = (
        canvas.fg.unwrap_or(Color::Reset),
        canvas.bg.unwrap_or(Color::Reset),
    );
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            if cell.fg == Color::Reset {
                cell.fg = fg;
            }
            if cell.bg == Color::Reset {
                cell.bg = bg;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(theme: &Theme) -> Vec<Color> {
        let styles = [
            theme.canvas,
            theme.text,
            theme.dim,
            theme.title,
            theme.border,
            theme.focus_border,
            theme.header_row,
            theme.selected,
            theme.cheaper,
            theme.dearer,
            theme.moved,
            theme.track,
            theme.knob,
            theme.spark,
            theme.tokens,
            theme.review,
            theme.regression,
            theme.low_end,
            theme.high_end,
            theme.rival,
            theme.baseline,
            theme.key,
            theme.error,
            theme.info,
        ];
        styles
            .iter()
            .flat_map(|style| style.fg.into_iter().chain(style.bg))
            .collect()
    }

    #[test]
    fn each_depth_uses_only_its_kind_of_colour() {
        for name in ThemeName::ALL {
            for depth in [
                ColorDepth::TrueColor,
                ColorDepth::Ansi256,
                ColorDepth::Ansi16,
            ] {
                let allowed = |color: Color| match depth {
                    ColorDepth::TrueColor => matches!(color, Color::Rgb(..)),
                    ColorDepth::Ansi256 => matches!(color, Color::Indexed(16..=255)),
                    ColorDepth::Ansi16 => {
                        !matches!(color, Color::Rgb(..) | Color::Indexed(_) | Color::Reset)
                    }
                };
                let theme = Theme::new(name, depth);
                let used = colours(&theme);
                assert!(!used.is_empty());
                let stray: Vec<_> = used.into_iter().filter(|c| !allowed(*c)).collect();
                assert!(stray.is_empty(), "{name:?} at {depth:?} uses {stray:?}");
            }
        }
    }

    #[test]
    fn every_colour_theme_paints_its_canvas_and_monochrome_none() {
        for name in ThemeName::ALL {
            let canvas = Theme::new(name, ColorDepth::Ansi16).canvas;
            assert!(canvas.fg.is_some() && canvas.bg.is_some(), "{name:?}");
        }
        assert_eq!(Theme::monochrome().canvas, Style::new());
        assert!(colours(&Theme::monochrome()).is_empty());
    }

    #[test]
    fn reset_cells_take_the_canvas() {
        let canvas = Style::new().fg(Color::Black).bg(Color::White);
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf[(1, 0)].set_fg(Color::Red);
        fill_reset(canvas, Rect::new(0, 0, 2, 1), &mut buf);
        assert_eq!(
            (buf[(0, 0)].fg, buf[(0, 0)].bg),
            (Color::Black, Color::White)
        );
        assert_eq!((buf[(1, 0)].fg, buf[(1, 0)].bg), (Color::Red, Color::White));
        // Outside the area nothing changes.
        assert_eq!(
            (buf[(2, 0)].fg, buf[(2, 0)].bg),
            (Color::Reset, Color::Reset)
        );
    }

    #[test]
    fn the_light_and_dark_canvases_differ() {
        let dark = Theme::new(ThemeName::Dark, ColorDepth::TrueColor);
        let light = Theme::new(ThemeName::Light, ColorDepth::TrueColor);
        assert_ne!(dark.canvas, light.canvas);
        assert_eq!(Theme::color(), dark);
    }
}

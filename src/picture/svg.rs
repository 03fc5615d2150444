//! A drawn screen as SVG: the canvas as one rectangle, every other
//! background as runs of one colour (merged down the rows when they line
//! up), and the text as runs of one style per row, each placed by its
//! cell, so the file stays small and the grid holds in any monospace font.

use std::fmt::Write as _;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

use super::{BASELINE_TENTHS_PX, CELL_HEIGHT_PX, CELL_WIDTH_PX, Canvas, FONT_SIZE_PX, Rgb, rgb};

/// The font stack: the committed font first (the PNG has only it), then
/// what a Mac, Windows or any browser has.
const FONT_FAMILY: &str = "'DejaVu Sans Mono', Menlo, Consolas, monospace";

/// A run of text goes on across at most this many blank cells; a longer
/// gap starts a new run (cheaper than writing the spaces).
const MAX_GAP_CELLS: u16 = 6;

/// `buffer` as an SVG document, `Color::Reset` painted in `canvas`'s
/// colours. The same buffer always gives the same text.
pub fn svg(buffer: &Buffer, canvas: Canvas) -> String {
    let area = buffer.area;
    let (width_px, height_px) = (
        u32::from(area.width) * CELL_WIDTH_PX,
        u32::from(area.height) * CELL_HEIGHT_PX,
    );
    let mut out = String::with_capacity(usize::from(area.width) * usize::from(area.height) * 4);
    // Writing into a String cannot fail.
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width_px}\" height=\"{height_px}\" \
         viewBox=\"0 0 {width_px} {height_px}\" font-family=\"{FONT_FAMILY}\" \
         font-size=\"{FONT_SIZE_PX}\" xml:space=\"preserve\">\n\
         <rect width=\"{width_px}\" height=\"{height_px}\" fill=\"{}\"/>\n",
        canvas.background.hex()
    );
    let rows: Vec<Vec<Look>> = (0..area.height)
        .map(|y| row_looks(buffer, area.y + y, canvas))
        .collect();
    write_backgrounds(&mut out, &rows, canvas.background);
    let _ = writeln!(out, "<g fill=\"{}\">", canvas.foreground.hex());
    for (y, looks) in rows.iter().enumerate() {
        write_text_row(&mut out, looks, y, canvas.foreground);
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// One cell as it is seen: colours resolved, emphasis, its text.
#[derive(Debug, Clone, PartialEq)]
struct Look {
    text: String,
    /// Display cells the text covers (2 for a wide character); 0 for the
    /// cell a wide character before it covers.
    width: u16,
    background: Rgb,
    /// The cell's top and bottom halves' colours: the background, or the
    /// ink where a block element (`█`, `▀`, `▄`) fills them. Drawn as
    /// rectangles, not glyphs: a font's block never quite fills a cell, and
    /// a bar of several rows would show a seam at every row.
    halves: [Rgb; 2],
    ink: Ink,
}

/// What a run of text shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ink {
    color: Rgb,
    bold: bool,
    italic: bool,
    underline: bool,
    strike: bool,
}

impl Look {
    /// Nothing to draw but its background: a space with no line under or
    /// through it.
    fn is_blank(&self) -> bool {
        self.width == 0 || (self.text.trim().is_empty() && !self.ink.underline && !self.ink.strike)
    }
}

fn row_looks(buffer: &Buffer, y: u16, canvas: Canvas) -> Vec<Look> {
    let area = buffer.area;
    let mut looks: Vec<Look> = Vec::with_capacity(usize::from(area.width));
    let mut covered = 0u16;
    for x in area.x..area.right() {
        let mut look = look(&buffer[(x, y)], canvas);
        if covered > 0 {
            // Under a wide character: the terminal paints its background.
            covered -= 1;
            let background = looks.last().map_or(look.background, |left| left.background);
            look = Look {
                text: String::new(),
                width: 0,
                background,
                halves: [background; 2],
                ink: look.ink,
            };
        } else {
            covered = look.width.saturating_sub(1);
        }
        looks.push(look);
    }
    looks
}

fn look(cell: &Cell, canvas: Canvas) -> Look {
    let modifier = cell.modifier;
    let mut fg = rgb(cell.fg, canvas.foreground);
    let mut bg = rgb(cell.bg, canvas.background);
    if modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    if modifier.contains(Modifier::DIM) {
        // Half way to the background, as most terminals dim.
        fg = fg.towards(bg, 0.5);
    }
    let hidden = modifier.contains(Modifier::HIDDEN);
    let text = if hidden {
        " ".to_string()
    } else {
        printable(cell.symbol())
    };
    let width = u16::try_from(text.width()).unwrap_or(1).clamp(1, 2);
    let (text, halves) = match text.as_str() {
        "█" => (" ".to_string(), [fg, fg]),
        "▀" => (" ".to_string(), [fg, bg]),
        "▄" => (" ".to_string(), [bg, fg]),
        _ => (text, [bg, bg]),
    };
    Look {
        text,
        width,
        background: bg,
        halves,
        ink: Ink {
            color: fg,
            bold: modifier.contains(Modifier::BOLD),
            italic: modifier.contains(Modifier::ITALIC),
            underline: modifier.contains(Modifier::UNDERLINED),
            strike: modifier.contains(Modifier::CROSSED_OUT),
        },
    }
}

/// A cell's symbol with nothing XML cannot hold: control characters
/// (ratatui filters them, a widget writing cells directly might not) and
/// the two non-characters become spaces.
fn printable(symbol: &str) -> String {
    let text: String = symbol
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    if text.is_empty() {
        " ".to_string()
    } else {
        text
    }
}

/// A background rectangle in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Patch {
    x: u16,
    y: u16,
    width: u16,
    height: u16,
    color: Rgb,
}

/// Every background but the canvas's, block elements included, as runs
/// of one colour per half row; a run the half row below repeats exactly
/// (a selected row's band, a panel, a bar) grows down instead of starting
/// again.
fn write_backgrounds(out: &mut String, rows: &[Vec<Look>], canvas: Rgb) {
    let half_height_px = CELL_HEIGHT_PX / 2;
    let mut open: Vec<Patch> = Vec::new();
    let mut done: Vec<Patch> = Vec::new();
    let half_rows = rows
        .iter()
        .flat_map(|looks| (0..2).map(move |half| (looks, half)));
    for (y, (looks, half)) in half_rows.enumerate() {
        let y = u16::try_from(y).unwrap_or(u16::MAX);
        let mut row: Vec<Patch> = Vec::new();
        for (x, look) in looks.iter().enumerate() {
            let x = u16::try_from(x).unwrap_or(u16::MAX);
            let color = look.halves[half];
            if color == canvas {
                continue;
            }
            match row.last_mut() {
                Some(last) if last.color == color && last.x + last.width == x => {
                    last.width += 1;
                }
                _ => row.push(Patch {
                    x,
                    y,
                    width: 1,
                    height: 1,
                    color,
                }),
            }
        }
        let mut still_open = Vec::new();
        for mut patch in row {
            let above = open.iter().position(|up| {
                (up.x, up.width, up.color) == (patch.x, patch.width, patch.color)
                    && up.y + up.height == y
            });
            if let Some(at) = above {
                patch = open.remove(at);
                patch.height += 1;
            }
            still_open.push(patch);
        }
        done.append(&mut open);
        open = still_open;
    }
    done.append(&mut open);
    done.sort_by_key(|patch| (patch.y, patch.x));
    for patch in done {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            u32::from(patch.x) * CELL_WIDTH_PX,
            u32::from(patch.y) * half_height_px,
            u32::from(patch.width) * CELL_WIDTH_PX,
            u32::from(patch.height) * half_height_px,
            patch.color.hex()
        );
    }
}

/// Text of one style, starting at a cell.
#[derive(Debug)]
struct Run {
    x: u16,
    cells: u16,
    text: String,
    ink: Ink,
    /// Holds a wide character: it stands alone, placed by its cell, since
    /// no font agrees on how wide it is.
    wide: bool,
}

fn write_text_row(out: &mut String, looks: &[Look], y: usize, foreground: Rgb) {
    let mut run: Option<Run> = None;
    // Blank cells since the run's last character.
    let mut gap = 0u16;
    for (x, look) in looks.iter().enumerate() {
        let x = u16::try_from(x).unwrap_or(u16::MAX);
        if look.is_blank() {
            gap += 1;
            continue;
        }
        let wide = look.width > 1;
        match run.as_mut() {
            Some(open) if open.ink == look.ink && !open.wide && !wide && gap <= MAX_GAP_CELLS => {
                open.text.extend(std::iter::repeat_n(' ', usize::from(gap)));
                open.text.push_str(&look.text);
                open.cells += gap + 1;
            }
            _ => {
                if let Some(done) = run.take() {
                    write_run(out, &done, y, foreground);
                }
                run = Some(Run {
                    x,
                    cells: look.width,
                    text: look.text.clone(),
                    ink: look.ink,
                    wide,
                });
            }
        }
        gap = 0;
    }
    if let Some(done) = run {
        write_run(out, &done, y, foreground);
    }
}

fn write_run(out: &mut String, run: &Run, y: usize, foreground: Rgb) {
    let x_px = u32::from(run.x) * CELL_WIDTH_PX;
    // In tenths of a pixel, so every row's figure is written exactly.
    let y_tenths = y as u64 * u64::from(CELL_HEIGHT_PX) * 10 + BASELINE_TENTHS_PX;
    let _ = write!(
        out,
        "<text x=\"{x_px}\" y=\"{}.{}\"",
        y_tenths / 10,
        y_tenths % 10
    );
    if run.ink.color != foreground {
        let _ = write!(out, " fill=\"{}\"", run.ink.color.hex());
    }
    if run.ink.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if run.ink.italic {
        out.push_str(" font-style=\"italic\"");
    }
    match (run.ink.underline, run.ink.strike) {
        (true, true) => out.push_str(" text-decoration=\"underline line-through\""),
        (true, false) => out.push_str(" text-decoration=\"underline\""),
        (false, true) => out.push_str(" text-decoration=\"line-through\""),
        (false, false) => {}
    }
    if run.text.starts_with(' ') || run.text.ends_with(' ') || run.text.contains("  ") {
        // Browsers collapse spaces unless the text element itself says
        // not to (the root's attribute is not enough for Chrome).
        out.push_str(" xml:space=\"preserve\"");
    }
    if !run.wide && run.cells > 1 {
        // Holds the grid in a browser whose font is not quite 0.6 em wide.
        let _ = write!(
            out,
            " textLength=\"{}\"",
            u32::from(run.cells) * CELL_WIDTH_PX
        );
    }
    out.push('>');
    escape_into(out, &run.text);
    out.push_str("</text>\n");
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
}

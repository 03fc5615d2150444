//! The Compare view on the meeting's screen: one horizontal bar per
//! profile, cheapest first, of its cost per merged change, split into
//! tokens `█`, review `▓` and reverts `░` (glyph as well as colour, as in
//! the detail pane), all on one scale (the dearest fills the width), each
//! labelled with its total at its end; the selected one marked `▶`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::{DrawContext, dollars, pane};
use crate::report::{Row, display_width, pad_right, truncate};
use crate::ui::{Theme, table_offset};

/// The glyphs of the three parts, as the detail pane's stacked bar has them.
const TOKENS: char = '█';
const REVIEW: char = '▓';
const REVERTS: char = '░';
/// Rows one bar is drawn on, at most.
const MOST_THICKNESS: u16 = 4;
/// The names' column takes at most this share of the width (1/n).
const NAME_SHARE: u16 = 3;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let rows = &app.comparison().rows;
    let inner = Block::bordered().inner(area);
    if rows.is_empty() || inner.height == 0 {
        pane(theme, area, " Cost per merged change ", Line::default()).render(area, buf);
        Line::styled(" No valid profiles in this folder.", theme.text).render(inner, buf);
        return;
    }
    let slots = Slots::new(rows.len(), inner.height);
    let visible = usize::from((inner.height / slots.height).max(1));
    let offset = table_offset(app.selected(), visible);
    let shown = &rows[offset..rows.len().min(offset + visible)];
    let title = if shown.len() < rows.len() {
        format!(
            " Cost per merged change, USD · {} of {} profiles ",
            shown.len(),
            rows.len()
        )
    } else {
        " Cost per merged change, USD · cheapest first ".to_string()
    };
    pane(theme, area, &title, legend(theme)).render(area, buf);
    let layout = Columns::new(rows, inner);
    // One scale: the dearest profile's bar fills the bars' width.
    let most = rows
        .iter()
        .map(|row| row.figures.core.cost_per_merge)
        .filter(|cost| cost.is_finite())
        .fold(0.0_f64, f64::max);
    // The bars in the middle of the pane when they leave room over.
    let top = inner.y
        + inner
            .height
            .saturating_sub(shown.len() as u16 * slots.height)
            / 2;
    for (at, row) in shown.iter().enumerate() {
        let y = top + at as u16 * slots.height;
        let selected = offset + at == app.selected();
        layout.name(theme, row, selected, y, buf);
        let parts = parts(theme, row);
        let cells = bar_cells(&parts, row.figures.core.cost_per_merge, most, layout.bars);
        let mut x = layout.bars_x;
        for ((glyph, _, _, style), n) in parts.iter().zip(&cells) {
            let text = glyph.to_string().repeat(usize::from(*n));
            for line in 0..slots.thickness.min(inner.bottom().saturating_sub(y)) {
                buf.set_string(x, y + line, &text, *style);
            }
            x += n;
        }
        let total_style = if selected {
            theme.key
        } else {
            theme.text.add_modifier(Modifier::BOLD)
        };
        buf.set_string(x + 1, y, total_text(row), total_style);
        let amounts_y = y + slots.thickness;
        if slots.amounts && amounts_y < inner.bottom() {
            let room = inner.right().saturating_sub(layout.bars_x);
            buf.set_line(
                layout.bars_x,
                amounts_y,
                &amounts(theme, &parts, room),
                room,
            );
        }
    }
}

/// Rows of one profile: its bar's, a line of the parts' amounts when
/// there is room, and a blank before the next.
struct Slots {
    thickness: u16,
    amounts: bool,
    height: u16,
}

impl Slots {
    fn new(count: usize, height: u16) -> Slots {
        let each = height / (count.max(1) as u16).max(1);
        let (thickness, amounts) = match each {
            0..=2 => (1, false),
            3 => (2, false),
            more => ((more - 2).min(MOST_THICKNESS), true),
        };
        let gap = u16::from(each >= 2);
        Slots {
            thickness,
            amounts,
            height: thickness + u16::from(amounts) + gap,
        }
    }
}

/// `█ tokens $0.26   ▓ review $16.67   ░ reverts $13.50`, or without the
/// parts' names when `room` is short.
fn amounts(theme: &Theme, parts: &[Part; 3], room: u16) -> Line<'static> {
    let line = |named: bool| -> Line<'static> {
        let mut spans = Vec::new();
        for (glyph, name, value, style) in parts {
            spans.push(Span::styled(format!("{glyph} "), *style));
            let text = if named {
                format!("{name} {}   ", dollars(*value))
            } else {
                format!("{}  ", dollars(*value))
            };
            spans.push(Span::styled(text, theme.text));
        }
        Line::from(spans)
    };
    let named = line(true);
    if named.width() <= usize::from(room) {
        named
    } else {
        line(false)
    }
}

/// ` █ tokens  ▓ review  ░ reverts `, on the bottom border.
fn legend(theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (glyph, name, _, style) in parts_of(theme, 0.0, 0.0, 0.0) {
        spans.push(Span::styled(format!("{glyph}{glyph}"), style));
        spans.push(Span::styled(format!(" {name}  "), theme.text));
    }
    Line::from(spans)
}

type Part = (char, &'static str, f64, Style);

fn parts(theme: &Theme, row: &Row) -> [Part; 3] {
    let core = &row.figures.core;
    parts_of(
        theme,
        core.token_cost_per_merge,
        core.review_cost_per_merge,
        core.regression_cost,
    )
}

fn parts_of(theme: &Theme, tokens: f64, review: f64, reverts: f64) -> [Part; 3] {
    [
        (TOKENS, "tokens", tokens, theme.tokens),
        (REVIEW, "review", review, theme.review),
        (REVERTS, "reverts", reverts, theme.regression),
    ]
}

fn total_text(row: &Row) -> String {
    let cost = row.figures.core.cost_per_merge;
    if cost.is_finite() {
        dollars(cost)
    } else {
        "—".to_string()
    }
}

/// Cells of each part of a bar for `total` on a scale where `most` fills
/// `width`. The bar's length is the total's, rounded, so lengths compare
/// as the costs do. A part too small for a cell of its own (tokens are
/// often 1% of the cost) still takes one, from the largest part: the room
/// sees every part there is, and the total label carries the exact sum.
fn bar_cells(parts: &[Part; 3], total: f64, most: f64, width: u16) -> [u16; 3] {
    if !(total.is_finite() && most.is_finite()) || total <= 0.0 || most <= 0.0 {
        return [0; 3];
    }
    let length = ((total / most * f64::from(width)).round() as u16).clamp(1, width.max(1));
    let mut cells = [0_u16; 3];
    let mut running = 0.0;
    let mut drawn = 0_u16;
    for (at, (_, _, value, _)) in parts.iter().enumerate() {
        running += value.max(0.0);
        let end = ((running / total * f64::from(length)).round() as u16).min(length);
        cells[at] = end.saturating_sub(drawn);
        drawn = drawn.max(end);
    }
    // Rounding may leave the last cell unclaimed: the last part with a
    // value takes it.
    if let Some(last) = (0..3).rev().find(|&at| parts[at].2 > 0.0) {
        cells[last] += length.saturating_sub(drawn);
    }
    for at in 0..3 {
        if parts[at].2 > 0.0 && cells[at] == 0 {
            let largest = (0..3).max_by_key(|&other| cells[other]).unwrap_or(at);
            if cells[largest] > 1 {
                cells[largest] -= 1;
                cells[at] = 1;
            }
        }
    }
    cells
}

/// Where the names, bars and totals go.
struct Columns {
    name: u16,
    bars_x: u16,
    bars: u16,
    x: u16,
}

impl Columns {
    fn new(rows: &[Row], inner: Rect) -> Columns {
        // The marker and a space, the name, a space.
        let widest = rows
            .iter()
            .map(|row| display_width(&row.name))
            .max()
            .unwrap_or(0) as u16;
        let name = (widest + 3).min(inner.width / NAME_SHARE);
        let total = rows
            .iter()
            .map(|row| display_width(&total_text(row)))
            .max()
            .unwrap_or(0) as u16;
        let bars = inner.width.saturating_sub(name + total + 2);
        Columns {
            name,
            bars_x: inner.x + name,
            bars,
            x: inner.x,
        }
    }

    /// `▶ Strong`, the name cut with `…` to its column.
    fn name(&self, theme: &Theme, row: &Row, selected: bool, y: u16, buf: &mut Buffer) {
        let room = usize::from(self.name.saturating_sub(3));
        let name = pad_right(&truncate(&row.name, room), room);
        let (marker, style) = if selected {
            ("▶ ", theme.key)
        } else {
            ("  ", theme.text.add_modifier(Modifier::BOLD))
        };
        let line = Line::from(vec![
            Span::styled(marker, theme.key),
            Span::styled(name, style),
        ]);
        buf.set_line(self.x, y, &line, self.name);
    }
}

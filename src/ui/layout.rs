//! Where each region of the screen goes. Rendering and mouse handling both
//! ask here, so a click always lands on what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest screen the explorer draws on.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows the lower panes need: nine sliders and a border.
const LOWER_MIN_HEIGHT: u16 = 11;
/// At most this many lines of file problems above the lower panes.
const MAX_ERROR_LINES: u16 = 3;

/// The regions of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub table: Rect,
    pub errors: Rect,
    pub sliders: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

impl Areas {
    /// Splits `area` for `rows` profiles and `error_count` file problems.
    pub fn new(area: Rect, rows: usize, error_count: usize) -> Areas {
        let [header, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let error_lines = (error_count as u16).min(MAX_ERROR_LINES);
        // The table takes what it needs (rows + header + border) up to the
        // space the lower panes leave; on tall screens the rest goes below.
        let wanted = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(3);
        let room = body
            .height
            .saturating_sub(LOWER_MIN_HEIGHT + error_lines)
            .max(4);
        // At most two fifths: the sliders and chart need room too, and
        // every table row is redrawn on every key press (the rest scrolls).
        let table_height = wanted
            .min(room)
            .min((body.height * 2 / 5).max(LOWER_MIN_HEIGHT));
        let [table, errors, lower] = body.layout(&Layout::vertical([
            Constraint::Length(table_height),
            Constraint::Length(error_lines),
            Constraint::Fill(1),
        ]));
        let [sliders, detail] = lower.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        Areas {
            header,
            table,
            errors,
            sliders,
            detail,
            footer,
        }
    }

    /// Table rows that fit inside the border, below the column headings.
    pub fn visible_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3))
    }
}

/// The first row shown: scrolls only as far as keeps `selected` in view,
/// and is derived, not stored, so drawing and clicking agree.
pub fn table_offset(selected: usize, visible: usize) -> usize {
    if visible == 0 || selected < visible {
        0
    } else {
        selected + 1 - visible
    }
}

//! Where each region of the screen goes. Rendering and mouse handling both
//! ask here, so a click always lands on what was drawn.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

use crate::app::SLIDERS;

/// The smallest screen the explorer draws on.
pub(crate) const MIN_WIDTH: u16 = 80;
pub(crate) const MIN_HEIGHT: u16 = 24;

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
    pub(crate) fn visible_rows(&self) -> usize {
        usize::from(table_body(self.table).height)
    }
}

/// Where the table's rows go in its `area`: inside the border, below the
/// line of column headings. Drawing and clicking both ask here.
pub(crate) fn table_body(area: Rect) -> Rect {
    let inner = Block::bordered().inner(area);
    Rect {
        y: inner.y.saturating_add(1),
        height: inner.height.saturating_sub(1),
        ..inner
    }
}

/// The first row shown: scrolls only as far as keeps `selected` in view,
/// and is derived, not stored, so drawing and clicking agree.
pub(crate) fn table_offset(selected: usize, visible: usize) -> usize {
    if visible == 0 || selected < visible {
        0
    } else {
        selected + 1 - visible
    }
}

/// The longest slider track on wide screens: a longer one is no finer to
/// read, and is redrawn on every move.
const MAX_TRACK_WIDTH: u16 = 60;
/// Characters on a one-line slider that are not the track: marker, label,
/// value, mark.
const ONE_LINE_FIXED: u16 = 2 + 10 + 1 + 11 + 1 + 2;

/// Where each slider goes in the sliders pane: one line each, or two
/// (label above track) when the pane is tall enough. Drawing and clicking
/// both ask here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SliderRows {
    /// Inside the pane's border.
    pub inner: Rect,
    pub two_lines: bool,
}

impl SliderRows {
    pub(crate) fn new(pane: Rect) -> SliderRows {
        let inner = Block::bordered().inner(pane);
        let two_lines = usize::from(inner.height) >= SLIDERS.len() * 2;
        SliderRows { inner, two_lines }
    }

    fn lines_per_slider(&self) -> u16 {
        if self.two_lines { 2 } else { 1 }
    }

    /// The first line of slider `at`; `None` when it falls below the pane.
    pub(crate) fn line(&self, at: usize) -> Option<Rect> {
        let offset = u16::try_from(at)
            .ok()?
            .checked_mul(self.lines_per_slider())?;
        let y = self.inner.y.checked_add(offset)?;
        (y < self.inner.bottom()).then_some(Rect {
            y,
            height: 1,
            ..self.inner
        })
    }

    /// The track of slider `at`: on its second line when there are two,
    /// after the label and value when there is one.
    pub(crate) fn track(&self, at: usize) -> Option<Rect> {
        let line = self.line(at)?;
        let y = if self.two_lines { line.y + 1 } else { line.y };
        let (x, width) = self.track_span();
        (y < self.inner.bottom()).then_some(Rect {
            x,
            y,
            width,
            height: 1,
        })
    }

    /// The track's first column and width.
    fn track_span(&self) -> (u16, u16) {
        let inner = self.inner;
        if self.two_lines {
            (
                inner.x + 2,
                inner.width.saturating_sub(3).min(MAX_TRACK_WIDTH),
            )
        } else {
            (
                inner.x + ONE_LINE_FIXED - 2,
                inner.width.saturating_sub(ONE_LINE_FIXED),
            )
        }
    }

    /// The slider under a click at (`column`, `row`), and the position
    /// (0..1) along its track.
    pub(crate) fn slider_at(&self, column: u16, row: u16) -> Option<(usize, f64)> {
        let slider = usize::from(row.checked_sub(self.inner.y)? / self.lines_per_slider());
        if slider >= SLIDERS.len() {
            return None;
        }
        let (start, width) = self.track_span();
        let position = if width > 1 {
            f64::from(column.saturating_sub(start)) / f64::from(width - 1)
        } else {
            0.0
        };
        Some((slider, position.clamp(0.0, 1.0)))
    }
}

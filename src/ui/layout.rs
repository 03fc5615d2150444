//! Where each region of the screen goes, in every view. Rendering and
//! mouse handling both ask here, so a click always lands on what was
//! drawn: the regions, the tabs, the table's rows and (in
//! `slider_rows.rs`) each slider's track.

mod slider_rows;

pub(crate) use slider_rows::{
    LABEL_CELLS, MARKER_CELLS, SHORT_LABEL_CELLS, SliderRows, VALUE_CELLS,
};

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Block;

use crate::app::View;

/// The smallest screen the explorer draws on.
pub(crate) const MIN_WIDTH: u16 = 80;
pub(crate) const MIN_HEIGHT: u16 = 24;

/// Rows the lower panes need: nine sliders and a border.
const LOWER_MIN_HEIGHT: u16 = 11;
/// At most this many lines of file problems above the lower panes.
const MAX_ERROR_LINES: u16 = 3;

/// Views 2–4: rows the chart pane keeps at least (ten levers and a
/// border), and rows the sliders pane below it takes at least.
const CHART_MIN_HEIGHT: u16 = 12;
const VIEW_SLIDERS_MIN_HEIGHT: u16 = 10;
/// Views 2–4: from this width the table stands beside the sliders, each
/// as wide as on an 80-column screen (narrower, the names would go).
const TABLE_BESIDE_WIDTH: u16 = 2 * MIN_WIDTH;

/// The regions of one frame. A region the view does not show is empty
/// (zero height).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The tabs' line: the first pane's top border, inside its corners.
    pub tabs: Rect,
    pub table: Rect,
    pub errors: Rect,
    pub sliders: Rect,
    /// The Compare view's detail pane.
    pub detail: Rect,
    /// The chart pane of views 2–4.
    pub chart: Rect,
    pub footer: Rect,
}

impl Areas {
    /// The Compare view's regions in `area`, for `rows` profiles and
    /// `error_count` file problems.
    pub fn new(area: Rect, rows: usize, error_count: usize) -> Areas {
        Areas::for_view(area, View::Compare, rows, error_count)
    }

    /// The regions of `view`.
    pub fn for_view(area: Rect, view: View, rows: usize, error_count: usize) -> Areas {
        let [header, body, footer] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let error_lines = (error_count as u16).min(MAX_ERROR_LINES);
        let tabs = Rect {
            x: body.x.saturating_add(1),
            width: body.width.saturating_sub(2),
            height: body.height.min(1),
            ..body
        };
        let empty = Rect {
            height: 0,
            ..Rect::default()
        };
        let mut areas = Areas {
            header,
            tabs,
            table: empty,
            errors: empty,
            sliders: empty,
            detail: empty,
            chart: empty,
            footer,
        };
        match view {
            View::Compare => areas.compare(body, rows, error_lines),
            View::Levers | View::FirstPass | View::Payback => areas.chart_view(body, error_lines),
        }
        areas
    }

    /// The table on top, sliders and detail side by side below.
    fn compare(&mut self, body: Rect, rows: usize, error_lines: u16) {
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
        (self.table, self.errors, self.sliders, self.detail) = (table, errors, sliders, detail);
    }

    /// The chart on top, across the screen; the sliders below, with the
    /// table beside them on wide screens.
    fn chart_view(&mut self, body: Rect, error_lines: u16) {
        let most = body
            .height
            .saturating_sub(CHART_MIN_HEIGHT + error_lines)
            .max(3);
        let lower_height = (body.height * 2 / 5).max(VIEW_SLIDERS_MIN_HEIGHT).min(most);
        let [chart, errors, lower] = body.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(error_lines),
            Constraint::Length(lower_height),
        ]));
        (self.chart, self.errors, self.sliders) = (chart, errors, lower);
        if lower.width >= TABLE_BESIDE_WIDTH {
            let [sliders, table] = lower.layout(&Layout::horizontal([
                Constraint::Percentage(50),
                Constraint::Percentage(50),
            ]));
            (self.sliders, self.table) = (sliders, table);
        }
    }

    /// Table rows that fit inside the border, below the column headings.
    pub(crate) fn visible_rows(&self) -> usize {
        usize::from(table_body(self.table).height)
    }
}

/// Where each view's tab is on the tabs' line: ` 1 Compare ` and so on,
/// one border cell apart. The selected one is drawn `[1 Compare]`, the
/// same width, so the tabs never move.
pub(crate) fn tab_rects(tabs: Rect) -> [(View, Rect); 4] {
    let mut x = tabs.x;
    View::ALL.map(|view| {
        let width = tab_label(view, false).chars().count() as u16;
        let rect = Rect {
            x,
            width: width.min(tabs.right().saturating_sub(x)),
            ..tabs
        };
        x = x.saturating_add(width + 1).min(tabs.right());
        (view, rect)
    })
}

/// A tab's text: ` 2 Levers `, or `[2 Levers]` when it is the one shown.
pub(crate) fn tab_label(view: View, shown: bool) -> String {
    let (open, close) = if shown { ('[', ']') } else { (' ', ' ') };
    format!("{open}{} {}{close}", view.key(), view.title())
}

/// Cells the tabs take on their line, gaps included.
pub(crate) fn tabs_width(tabs: Rect) -> u16 {
    let [.., (_, last)] = tab_rects(tabs);
    last.right().saturating_sub(tabs.x)
}

/// The view whose tab is under (`column`, `row`).
pub(crate) fn tab_at(tabs: Rect, column: u16, row: u16) -> Option<View> {
    let point = ratatui::layout::Position { x: column, y: row };
    tab_rects(tabs)
        .into_iter()
        .find(|(_, rect)| rect.contains(point))
        .map(|(view, _)| view)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_keep_the_chart_and_sliders_at_80x24_and_grow_on_large_screens() {
        let small = Areas::for_view(Rect::new(0, 0, 80, 24), View::Levers, 8, 0);
        let wide = Areas::for_view(Rect::new(0, 0, 159, 40), View::Levers, 8, 0);
        assert_eq!(
            wide.table.height, 0,
            "a table under 80 columns loses its names"
        );
        assert_eq!((small.chart.y, small.chart.height), (1, 12));
        assert_eq!((small.sliders.y, small.sliders.height), (13, 10));
        assert_eq!(small.table.height, 0, "no room for the table");
        let large = Areas::for_view(Rect::new(0, 0, 160, 48), View::Payback, 8, 0);
        assert_eq!(large.chart.height, 28);
        assert_eq!((large.sliders.width, large.table.width), (80, 80));
        assert_eq!(large.sliders.y, large.table.y);
    }

    #[test]
    fn tabs_sit_on_the_first_border_and_clicks_find_them() {
        let areas = Areas::new(Rect::new(0, 0, 80, 24), 3, 0);
        assert_eq!(areas.tabs, Rect::new(1, 1, 78, 1));
        assert_eq!(areas.table.y, areas.tabs.y);
        let rects = tab_rects(areas.tabs);
        assert_eq!(rects[0].1, Rect::new(1, 1, 11, 1));
        assert_eq!(tabs_width(areas.tabs), 49);
        for (view, rect) in rects {
            assert_eq!(tab_at(areas.tabs, rect.x, 1), Some(view));
            assert_eq!(tab_at(areas.tabs, rect.right() - 1, 1), Some(view));
            assert_eq!(tab_at(areas.tabs, rect.x, 2), None);
        }
        assert_eq!(tab_at(areas.tabs, 70, 1), None);
    }
}

//! The views' tabs, drawn on the first pane's top border (where
//! `layout::tab_rects` puts them), and the pane each chart view draws in:
//! the tabs on its top border's left, its title on the right, its legend
//! on the bottom border.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use super::layout::{tab_label, tab_rects, tabs_width};
use super::{DrawContext, Theme};
use crate::report::{display_width, truncate};

/// `[1 Compare]  2 Levers   3 First-pass   4 Payback `: the view shown in
/// brackets and bold, so it reads without colour.
pub(super) fn render(ctx: &DrawContext, tabs: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    for (view, rect) in tab_rects(tabs) {
        let shown = view == app.view();
        let style = if shown { theme.key } else { theme.text };
        buf.set_stringn(
            rect.x,
            rect.y,
            tab_label(view, shown),
            usize::from(rect.width),
            style,
        );
    }
}

/// Room for a title on the top border of a pane under the tabs, right of
/// them.
pub(super) fn title_room(area: Rect) -> usize {
    let tabs = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    usize::from(area.width.saturating_sub(tabs_width(tabs) + 4))
}

/// A chart view's pane: the first of `titles` that fits right of the
/// tabs (the last cut with `…` when none does), `legend` on the bottom
/// border.
pub(super) fn view_pane<'a>(
    theme: &Theme,
    area: Rect,
    titles: &[String],
    legend: Line<'a>,
) -> Block<'a> {
    let room = title_room(area);
    let fitting = titles.iter().find(|title| display_width(title) <= room);
    let title = fitting.map_or_else(
        || truncate(titles.last().map_or("", String::as_str), room),
        String::clone,
    );
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Line::styled(title, theme.title).right_aligned())
        .title_bottom(legend)
}

/// Inside a chart view's pane: the chart, a column of air, and the text
/// beside it, `side_width` wide or a quarter of the pane when that is more.
pub(super) fn chart_beside_text(inner: Rect, side_width: u16) -> [Rect; 2] {
    let side_width = side_width.max(inner.width / 4);
    let [chart, _, side] = inner.layout(&Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(side_width),
    ]));
    [chart, side]
}

/// The pane of a view with nothing to draw: no profile, or no figures.
pub(super) fn no_analysis(ctx: &DrawContext, area: Rect, buf: &mut Buffer, title: &str) {
    let outer = view_pane(ctx.theme, area, &[title.to_string()], Line::default());
    let inner = outer.inner(area);
    outer.render(area, buf);
    let text = match ctx.app.selected_row() {
        None => "No valid profiles in this folder.",
        Some(_) => "No analysis for this profile.",
    };
    Paragraph::new(text)
        .style(ctx.theme.dim)
        .wrap(Wrap { trim: true })
        .render(inner, buf);
}

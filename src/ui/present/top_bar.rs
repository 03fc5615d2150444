//! The meeting screen's two lines of chrome: on top, that presentation
//! mode is on, the view, the profile, what-ifs, the files' problems in
//! one line; at the bottom, the last message and the keys in one short
//! line.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;
use crate::report::{display_width, plural, truncate};

/// The indicator that presentation mode is on.
const INDICATOR: &str = " PRESENTING ";

/// The bottom line's keys and what they do, dropped from the end when
/// the line is narrow.
const KEYS: [(&str, &str); 7] = [
    ("P/Esc", "leave"),
    ("1–4", "views"),
    ("↑↓", "profile"),
    ("Tab ←→", "levers"),
    ("t", "theme"),
    ("x", "picture"),
    ("?", "help"),
];

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let width = usize::from(area.width);
    let bold = theme.text.add_modifier(Modifier::BOLD);
    // Reversed title colours: a solid block that reads on every theme and
    // without colour.
    let mut spans = vec![
        Span::styled(INDICATOR, theme.title.add_modifier(Modifier::REVERSED)),
        Span::styled(format!(" {} ", app.view().title()), bold),
    ];
    let mut name_at = None;
    if let Some(row) = app.selected_row() {
        spans.push(Span::styled("· ", bold));
        name_at = Some(spans.len());
        spans.push(Span::styled(format!("{} ", row.name), bold));
    }
    let what_ifs = app.overrides().len();
    if what_ifs > 0 {
        spans.push(Span::styled(
            format!(" ✱ {} ", plural(what_ifs as u64, "what-if")),
            theme.moved,
        ));
    }
    let files = broken_files(ctx);
    if files > 0 {
        let text = if files == 1 {
            " ⚠ 1 file has problems: costlens check ".to_string()
        } else {
            format!(" ⚠ {files} files have problems: costlens check ")
        };
        spans.push(Span::styled(text, theme.error));
    }
    let used: usize = spans.iter().map(|span| display_width(&span.content)).sum();
    if let (true, Some(at)) = (used > width, name_at) {
        // The profile's name gives way first: the indicator and the
        // warnings matter more on a narrow screen.
        fit_name(&mut spans[at], used - width);
    }
    Line::from(spans).render(area, buf);
}

/// Cuts the profile's name by `excess` cells, ending in `…`.
fn fit_name(name: &mut Span<'static>, excess: usize) {
    let keep = display_width(&name.content)
        .saturating_sub(excess + 1)
        .max(2);
    name.content = format!("{} ", truncate(name.content.trim_end(), keep)).into();
}

/// Files with at least one problem (a file can have several).
fn broken_files(ctx: &DrawContext) -> usize {
    let errors = ctx.app.folder().errors();
    errors
        .iter()
        .map(|diagnostic| diagnostic.path.as_str())
        .collect::<HashSet<_>>()
        .len()
}

/// The last message, then `P/Esc leave · 1–4 views · …`: as many keys as
/// fit, in order. The message comes first and has the whole line, as in
/// the explorer's footer, so a picture's full paths can be read.
pub(super) fn render_keys(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let width = usize::from(area.width);
    let mut spans = Vec::new();
    let mut used = 0;
    if let Some(status) = ctx.app.status() {
        let style = if status.is_error {
            theme.error
        } else {
            theme.info.add_modifier(Modifier::BOLD)
        };
        let text = format!(" {}", truncate(&status.text, width.saturating_sub(2)));
        used += display_width(&text) + 1;
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    for (at, (keys, what)) in KEYS.iter().enumerate() {
        let separator = if at == 0 { " " } else { " · " };
        let wide = display_width(separator) + display_width(keys) + 1 + display_width(what);
        if used + wide > width {
            break;
        }
        used += wide;
        spans.push(Span::styled(separator, theme.text));
        spans.push(Span::styled(*keys, theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.text));
    }
    Line::from(spans).render(area, buf);
}

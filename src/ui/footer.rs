//! The bottom line: the last status message, then key hints taken from the
//! same key table as the help, dropping the least needed first when narrow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;
use crate::app::{BINDINGS, Binding};
use crate::report::{display_width, truncate};

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let mut spans = Vec::new();
    let mut used = 0usize;
    if let Some(status) = app.status() {
        let style = if status.is_error {
            theme.error
        } else {
            theme.info
        };
        // A message longer than the line ends in "…" rather than vanish
        // mid-word at the edge.
        let room = usize::from(area.width).saturating_sub(2);
        let text = format!(" {} ", truncate(&status.text, room));
        used += display_width(&text);
        spans.push(Span::styled(text, style));
    }
    let room = usize::from(area.width).saturating_sub(used);
    for binding in hints(room) {
        spans.push(Span::styled(format!(" {}", binding.label), theme.key));
        spans.push(Span::styled(format!(" {}", binding.hint), theme.dim));
    }
    Line::from(spans).render(area, buf);
}

fn width(binding: &Binding) -> usize {
    display_width(binding.label) + display_width(binding.hint) + 2
}

/// The hints that fit in `room` columns, in table order; those with the
/// highest `drop_order` give way first.
fn hints(room: usize) -> Vec<&'static Binding> {
    let mut shown: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|binding| !binding.hint.is_empty())
        .collect();
    while shown.iter().map(|binding| width(binding)).sum::<usize>() > room {
        let Some(drop_at) = shown
            .iter()
            .enumerate()
            .max_by_key(|(at, binding)| (binding.drop_order, *at))
            .map(|(at, _)| at)
        else {
            break;
        };
        shown.remove(drop_at);
    }
    shown
}

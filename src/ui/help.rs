//! The help overlay: every key, straight from the key table, one line
//! each (a pair's second half joins the first's line), so it fits 80×24.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::DrawContext;
use super::block;
use crate::app::{BINDINGS, Key};
use crate::report::pad_left;
use ratatui::crossterm::event::KeyCode;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    // A binding without help text is the second half of the one before
    // (← after →): its keys join that line.
    let mut entries: Vec<(Vec<String>, &str)> = Vec::new();
    for binding in BINDINGS {
        let mut keys: Vec<String> = binding.keys.iter().map(|key| key_name(*key)).collect();
        match entries.last_mut() {
            Some((previous, _)) if binding.help.is_empty() => previous.append(&mut keys),
            _ => entries.push((keys, binding.help)),
        }
    }
    let lines: Vec<Line> = entries
        .into_iter()
        .map(|(mut keys, help)| {
            keys.dedup();
            Line::from(vec![
                Span::styled(format!("{}  ", pad_left(&keys.join(" "), 19)), theme.key),
                Span::raw(help),
            ])
        })
        .chain([
            Line::default(),
            Line::styled(
                "Mouse (m, --mouse): click a tab, row or slider; drag a slider; wheel scrolls.",
                theme.dim,
            ),
        ])
        .collect();
    let height = (lines.len() as u16 + 2).min(area.height);
    let [popup] = area.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    let [popup] = popup.layout(&Layout::horizontal([Constraint::Max(92)]).flex(Flex::Center));
    Clear.render(popup, buf);
    let outer = block(theme, " Keys ", true);
    let inner = outer.inner(popup);
    outer.render(popup, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
}

/// How a key is written for people.
fn key_name(key: Key) -> String {
    let code = |code: KeyCode| match code {
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        other => other.to_string(),
    };
    match key {
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        Key::Plain(KeyCode::BackTab) | Key::Shift(KeyCode::BackTab) => "Shift-Tab".to_string(),
        Key::Plain(other) => code(other),
        Key::Shift(other) => format!("Shift+{}", code(other)),
    }
}

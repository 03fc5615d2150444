//! The help overlay: every key, straight from the key table, a pair's
//! second half on the first's line. It fits any window: one column, or two
//! side by side when one is too tall and the window is wide enough; when
//! the sentences cannot show whole they are cut with `…` to one line a
//! key; and when even that does not fit, it shows what does and a last
//! line says how many more a larger window would show. Nothing is ever
//! clipped silently.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::block;
use super::{DrawContext, Theme};
use crate::app::{BINDINGS, Key};
use crate::report::{display_width, pad_left, truncate, wrap};

/// Cells between a line's keys and its sentence.
const KEY_GAP: usize = 2;
/// Cells between two columns.
const COLUMN_GAP: usize = 3;
/// Two columns at most: a third would cut every sentence to a stub.
const MAX_COLUMNS: usize = 2;
/// A second column whose sentences would be narrower than this is not
/// worth having: they would be mostly `…`.
const MIN_SENTENCE_WIDTH: usize = 24;
/// In the bottom border, so it never takes a key's line.
const MOUSE_NOTE: &str =
    "Mouse (m, --mouse): click a tab, row or slider; drag a slider; wheel scrolls";

/// One line of the help: the keys as people write them, and what they do.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    keys: String,
    help: &'static str,
}

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    draw(&entries(), ctx.theme, area, buf);
}

/// The key table as help lines: a binding without help text is the
/// second half of the one before (← after →), and its keys join that line.
fn entries() -> Vec<Entry> {
    let mut grouped: Vec<(Vec<String>, &'static str)> = Vec::new();
    for binding in BINDINGS {
        let mut keys: Vec<String> = binding.keys.iter().map(|key| key_name(*key)).collect();
        match grouped.last_mut() {
            Some((previous, _)) if binding.help.is_empty() => previous.append(&mut keys),
            _ => grouped.push((keys, binding.help)),
        }
    }
    grouped
        .into_iter()
        .map(|(mut keys, help)| {
            keys.dedup();
            Entry {
                keys: keys.join(" "),
                help,
            }
        })
        .collect()
}

/// How the entries are laid out in the space there is.
#[derive(Debug, Clone, PartialEq)]
struct Plan {
    /// The entries each column shows, in order, top to bottom.
    columns: Vec<Range<usize>>,
    /// Cells for a sentence.
    sentence_width: usize,
    /// Sentences wrapped whole (`true`) or cut to one line with `…`.
    whole: bool,
    /// Lines the tallest column takes.
    height: usize,
    /// Entries left out, which the last line counts; 0 when all show.
    more: usize,
    /// Whether a wider window would give another column (else only a
    /// taller one shows more).
    wider_helps: bool,
}

impl Plan {
    fn columns_width(&self, key_width: usize) -> usize {
        let n = self.columns.len().max(1);
        n * (key_width + KEY_GAP + self.sentence_width) + (n - 1) * COLUMN_GAP
    }
}

/// Cells a sentence gets with `n` columns in `inner_width`, no more than
/// the widest sentence needs.
fn sentence_width(n: usize, key_width: usize, widest: usize, inner_width: usize) -> usize {
    let column = inner_width.saturating_sub((n - 1) * COLUMN_GAP) / n;
    column.saturating_sub(key_width + KEY_GAP).min(widest)
}

/// The layout that shows the most in `inner_width` × `inner_height`: all
/// of it whole, in one column or two; else one line a key, sentences cut;
/// else as many keys as fit, and how many more.
fn plan(entries: &[Entry], key_width: usize, inner_width: usize, inner_height: usize) -> Plan {
    let widest = entries
        .iter()
        .map(|e| display_width(e.help))
        .max()
        .unwrap_or(0);
    let usable = |n: usize| {
        n == 1
            || sentence_width(n, key_width, widest, inner_width) >= MIN_SENTENCE_WIDTH.min(widest)
    };
    let most_columns = (1..=MAX_COLUMNS).rev().find(|&n| usable(n)).unwrap_or(1);
    for whole in [true, false] {
        for n in 1..=most_columns {
            let width = sentence_width(n, key_width, widest, inner_width);
            let heights: Vec<usize> = entries
                .iter()
                .map(|e| if whole { wrap(e.help, width).len() } else { 1 })
                .collect();
            if let Some((columns, height)) = pack(&heights, n, inner_height) {
                return Plan {
                    columns,
                    sentence_width: width,
                    whole,
                    height,
                    more: 0,
                    wider_helps: most_columns < MAX_COLUMNS,
                };
            }
        }
    }
    // Not even one line a key fits: the last line says how many are left.
    let per_column = inner_height.saturating_sub(1);
    let shown = entries.len().min(per_column * most_columns);
    let columns = (0..most_columns)
        .map(|at| (at * per_column).min(shown)..((at + 1) * per_column).min(shown))
        .filter(|range| !range.is_empty())
        .collect();
    Plan {
        columns,
        sentence_width: sentence_width(most_columns, key_width, widest, inner_width),
        whole: false,
        height: per_column.min(shown),
        more: entries.len() - shown,
        wider_helps: most_columns < MAX_COLUMNS,
    }
}

/// The entries of `heights` lines each, in order, in `n` columns no taller
/// than `max_height`, as even as it goes: each column's entries and the
/// tallest column's height; `None` when they do not fit.
fn pack(heights: &[usize], n: usize, max_height: usize) -> Option<(Vec<Range<usize>>, usize)> {
    let tallest = heights.iter().copied().max().unwrap_or(0);
    let total: usize = heights.iter().sum();
    // The shortest height at which the entries fit: the columns come out
    // as even as contiguous runs allow.
    (tallest.max(total.div_ceil(n))..=max_height.min(total))
        .find_map(|height| fill(heights, n, height).map(|columns| (columns, height)))
}

/// Fills columns of `height` lines in order; `None` past `n` columns.
fn fill(heights: &[usize], n: usize, height: usize) -> Option<Vec<Range<usize>>> {
    let mut columns = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, &lines) in heights.iter().enumerate() {
        if used + lines > height {
            columns.push(start..at);
            (start, used) = (at, 0);
        }
        used += lines;
    }
    columns.push(start..heights.len());
    (columns.len() <= n).then_some(columns)
}

/// Draws `entries` as the help, centred in `area`.
fn draw(entries: &[Entry], theme: &Theme, area: Rect, buf: &mut Buffer) {
    let key_width = entries
        .iter()
        .map(|e| display_width(&e.keys))
        .max()
        .unwrap_or(0);
    let inner_width = usize::from(area.width.saturating_sub(2));
    let inner_height = usize::from(area.height.saturating_sub(2));
    let plan = plan(entries, key_width, inner_width, inner_height);
    let width = (plan.columns_width(key_width) + 2).min(usize::from(area.width));
    let height = plan.height + usize::from(plan.more > 0) + 2;
    let [popup] =
        area.layout(&Layout::vertical([Constraint::Length(cells(height))]).flex(Flex::Center));
    let [popup] =
        popup.layout(&Layout::horizontal([Constraint::Length(cells(width))]).flex(Flex::Center));
    Clear.render(popup, buf);
    buf.set_style(popup, theme.text);
    let note = truncate(MOUSE_NOTE, usize::from(popup.width.saturating_sub(4)));
    let outer =
        block(theme, " Keys ", true).title_bottom(Line::styled(format!(" {note} "), theme.dim));
    let inner = outer.inner(popup);
    outer.render(popup, buf);
    let column_width = (key_width + KEY_GAP + plan.sentence_width).min(usize::from(inner.width));
    for (at, range) in plan.columns.iter().enumerate() {
        let x = usize::from(inner.x) + at * (column_width + COLUMN_GAP);
        let column = Rect {
            x: cells(x),
            width: cells(column_width),
            ..inner
        }
        .intersection(inner);
        let lines: Vec<Line> = entries[range.clone()]
            .iter()
            .flat_map(|entry| entry_lines(entry, &plan, key_width, column_width, theme))
            .collect();
        Paragraph::new(lines).render(column, buf);
    }
    if plan.more > 0 {
        let hint = if plan.wider_helps {
            "widen the window"
        } else {
            "make the window taller"
        };
        let text = truncate(
            &format!("… {} more: {hint}", plan.more),
            usize::from(inner.width),
        );
        let last = Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1.min(inner.height),
            ..inner
        };
        Line::styled(text, theme.key).render(last, buf);
    }
}

/// An entry's lines: its keys right-aligned, then its sentence, whole
/// (wrapped under itself) or cut to one line; nothing past `column_width`.
fn entry_lines<'a>(
    entry: &Entry,
    plan: &Plan,
    key_width: usize,
    column_width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let room = column_width.saturating_sub(key_width + KEY_GAP);
    let sentence: Vec<String> = if plan.whole {
        wrap(entry.help, room)
    } else {
        vec![truncate(entry.help, room)]
    };
    let keys = truncate(&pad_left(&entry.keys, key_width), column_width);
    let indent = " ".repeat(key_width + KEY_GAP);
    sentence
        .into_iter()
        .enumerate()
        .map(|(at, text)| {
            let lead = if at == 0 {
                Span::styled(format!("{keys}{}", " ".repeat(KEY_GAP)), theme.key)
            } else {
                Span::raw(indent.clone())
            };
            Line::from(vec![lead, Span::styled(text, theme.text)])
        })
        .collect()
}

/// A cell count as a terminal coordinate (help sizes are far below the
/// limit; a larger one is held at it).
fn cells(count: usize) -> u16 {
    u16::try_from(count).unwrap_or(u16::MAX)
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

#[cfg(test)]
mod tests;

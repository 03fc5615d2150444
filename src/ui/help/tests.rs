//! The help at the sizes people use: every key shows (or the last line
//! counts those that do not), and a sentence is whole or ends in `…`.
//! Here rather than in `tests/it` because the key table is crate-private:
//! a key added to it is checked without touching these tests.

use std::path::PathBuf;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::*;
use crate::app::{Action, App, Screen, Source, ThemeName};
use crate::profile::Folder;

fn app() -> App {
    let dir = PathBuf::from("tests/fixtures/explorer");
    let folder = Folder::load_dir(&dir).expect("fixture folder");
    App::new(Source::Folder(dir), folder, false)
}

/// The whole screen with the help open, row by row.
fn screen(app: &App, width: u16, height: u16) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    let theme = Theme::color();
    (&DrawContext::new(app, &theme)).render(area, &mut buf);
    rows(&buf)
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// Where `entry` shows: its keys, then its sentence whole (on one line
/// or wrapped under itself) or cut with `…`. `Some(true)` whole,
/// `Some(false)` cut, `None` missing.
fn shown(rows: &[String], entry: &Entry, key_width: usize) -> Option<bool> {
    let lead: Vec<char> = format!("{}  ", pad_left(&entry.keys, key_width))
        .chars()
        .collect();
    let grid: Vec<Vec<char>> = rows.iter().map(|row| row.chars().collect()).collect();
    let (y, x) = grid.iter().enumerate().find_map(|(y, row)| {
        let x = row
            .windows(lead.len())
            .position(|cells| cells == lead.as_slice())?;
        Some((y, x))
    })?;
    let start = x + lead.len();
    // A column's text ends at the border or at the gap before the next.
    let text_at = |y: usize| {
        let text: String = grid[y][start..].iter().collect();
        let end = text.find(['│', '╯']).unwrap_or(text.len());
        let text = &text[..end];
        text.split("   ")
            .next()
            .unwrap_or("")
            .trim_end()
            .to_string()
    };
    let mut text = text_at(y);
    // Wrapped: the lines below, blank under the keys, carry on.
    let mut below = y + 1;
    while text != entry.help
        && entry.help.starts_with(&text)
        && below < grid.len()
        && grid[below][x..start].iter().all(|c| *c == ' ')
        && !text_at(below).is_empty()
    {
        text = format!("{text} {}", text_at(below));
        below += 1;
    }
    if text == entry.help {
        return Some(true);
    }
    let cut = text_at(y);
    let cut = cut.strip_suffix('…')?;
    (!cut.is_empty() && entry.help.starts_with(cut)).then_some(false)
}

#[test]
fn every_key_shows_at_80x24_120x36_and_200x60() {
    let entries = entries();
    let key_width = entries
        .iter()
        .map(|e| display_width(&e.keys))
        .max()
        .unwrap();
    for (width, height) in [(80, 24), (120, 36), (200, 60)] {
        let mut app = app();
        app.update(Action::ShowHelp);
        let rows = screen(&app, width, height);
        let all = rows.join("\n");
        let found: Vec<Option<bool>> = entries
            .iter()
            .map(|entry| shown(&rows, entry, key_width))
            .collect();
        let missing = found.iter().filter(|f| f.is_none()).count();
        let cut = found.iter().filter(|f| **f == Some(false)).count();
        // Whatever does not show is counted on the last line.
        if missing == 0 {
            assert!(!all.contains(" more: "), "{width}×{height}:\n{all}");
        } else {
            assert!(
                all.contains(&format!("… {missing} more: ")),
                "{width}×{height}:\n{all}"
            );
        }
        assert!(all.contains("╭ Keys "), "{all}");
        assert!(all.contains(" Mouse (m, --mouse): click a tab"), "{all}");
        // From 120×36 every sentence shows whole.
        if width >= 120 {
            assert_eq!((missing, cut), (0, 0), "{width}×{height}:\n{all}");
        }
    }
}

#[test]
fn the_help_draws_over_presentation_mode() {
    let mut app = app().with_meeting(Screen::Presentation, ThemeName::Light, true);
    app.update(Action::ShowHelp);
    let all = screen(&app, 120, 36).join("\n");
    assert!(all.contains("╭ Keys "), "{all}");
    assert!(
        all.contains("Presentation mode: big figures for a meeting"),
        "{all}"
    );
}

/// `count` made-up keys, each with a sentence of its own.
fn many(count: usize) -> Vec<Entry> {
    (0..count)
        .map(|at| Entry {
            keys: format!("k{at}"),
            help: "Does one thing, and says so in a sentence",
        })
        .collect()
}

fn drawn(entries: &[Entry], width: u16, height: u16) -> Vec<String> {
    let area = Rect::new(0, 0, width, height);
    let mut buf = Buffer::empty(area);
    draw(entries, &Theme::color(), area, &mut buf);
    rows(&buf)
}

#[test]
fn a_help_too_tall_for_one_column_takes_two_when_the_window_is_wide() {
    let entries = many(30);
    let key_width = 3;
    let plan = plan(&entries, key_width, 158, 22);
    assert_eq!(plan.columns, vec![0..15, 15..30]);
    assert!(plan.whole && plan.more == 0, "{plan:?}");
    let rows = drawn(&entries, 160, 24);
    for entry in &entries {
        assert_eq!(shown(&rows, entry, key_width), Some(true), "{}", entry.keys);
    }
    // Too narrow for two: one line a key would not fit either, so the
    // last line counts the rest and asks for a wider window.
    let rows = drawn(&entries, 50, 24);
    let all = rows.join("\n");
    assert!(all.contains("│… 9 more: widen the window"), "{all}");
    let missing = entries
        .iter()
        .filter(|e| shown(&rows, e, key_width).is_none());
    assert_eq!(missing.count(), 9, "{all}");
}

#[test]
fn two_full_columns_count_the_rest_and_ask_for_a_taller_window() {
    let entries = many(60);
    let rows = drawn(&entries, 200, 24);
    let all = rows.join("\n");
    // 22 lines inside the border: 21 a column, and the count.
    assert!(all.contains("… 18 more: make the window taller"), "{all}");
    let shown_count = entries
        .iter()
        .filter(|e| shown(&rows, e, 3).is_some())
        .count();
    assert_eq!(shown_count, 42, "{all}");
}

#[test]
fn sentences_wrap_whole_before_they_are_cut() {
    let long = Entry {
        keys: "k".to_string(),
        help: "A sentence long enough that it needs two lines in a narrow column",
    };
    let entries = vec![long.clone(); 4];
    // 4 entries × 2 lines fit 10 lines: whole, wrapped.
    let plan_whole = plan(&entries, 1, 40, 10);
    assert!(plan_whole.whole && plan_whole.height == 8, "{plan_whole:?}");
    let rows = drawn(&entries, 42, 12);
    let first = "│k  A sentence long enough that it needs │";
    let second = "│   two lines in a narrow column         │";
    assert_eq!(
        rows.iter().filter(|row| row.contains(first)).count(),
        4,
        "{rows:#?}"
    );
    assert_eq!(
        rows.iter().filter(|row| row.contains(second)).count(),
        4,
        "{rows:#?}"
    );
    // In 5 lines only one line a key fits: cut, with `…`.
    let plan_cut = plan(&entries, 1, 40, 5);
    assert!(!plan_cut.whole && plan_cut.more == 0, "{plan_cut:?}");
    let rows = drawn(&entries, 42, 7);
    assert_eq!(
        rows.iter()
            .filter(|row| row.contains("│k  A sentence long enough that it needs…│"))
            .count(),
        4,
        "{rows:#?}"
    );
}

#[test]
fn a_tiny_area_draws_without_panicking() {
    for (width, height) in [(0, 0), (1, 1), (5, 3), (30, 4)] {
        drawn(&entries(), width, height);
    }
}

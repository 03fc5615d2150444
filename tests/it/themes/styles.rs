//! Presentation mode in each theme, each view, at 120×36 and 200×60, as
//! style maps: every cell's colours
//! and emphasis as one letter, with a legend of what each letter is. A
//! text snapshot cannot show that a bar lost its colour or the selected
//! row its marker; these do, and a palette change shows up as a diff a
//! reviewer can read.

use std::collections::BTreeMap;

use costlens::app::{Action, App, ThemeName, View};
use costlens::ui::{ColorDepth, DrawContext, Theme};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Style;

use super::{FIXTURE, app_on};

/// Letters for styles, in order of first appearance (row by row).
const LETTERS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// The screen as letters, one per cell, then the legend.
fn style_map(app: &App, theme: &Theme, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, theme), frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let mut letters: BTreeMap<String, char> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut map = String::new();
    for y in 0..height {
        for x in 0..width {
            let cell = &buffer[(x, y)];
            let key = describe(cell.style());
            let letter = *letters.entry(key.clone()).or_insert_with(|| {
                order.push(key.clone());
                LETTERS.chars().nth(order.len() - 1).unwrap_or('?')
            });
            map.push(letter);
        }
        map.push('\n');
    }
    map.push('\n');
    for key in &order {
        map.push_str(&format!("{} = {key}\n", letters[key]));
    }
    map
}

fn describe(style: Style) -> String {
    format!(
        "fg {:?} bg {:?} {:?}",
        style.fg.unwrap_or_default(),
        style.bg.unwrap_or_default(),
        style.add_modifier
    )
}

fn presenting(view: View) -> App {
    let mut app = app_on(std::path::Path::new(FIXTURE));
    app.update(Action::TogglePresentation);
    app.update(Action::ShowView(view));
    app.update(Action::SelectNext);
    app.without_status()
}

#[test]
fn presentation_in_each_theme() {
    let themes = ThemeName::ALL
        .iter()
        .map(|name| (name.label(), Theme::new(*name, ColorDepth::TrueColor)))
        .chain([("monochrome", Theme::monochrome())]);
    for (label, theme) in themes {
        for view in View::ALL {
            let app = presenting(view);
            for (width, height) in [(120, 36), (200, 60)] {
                let name = format!(
                    "present_styles_{label}_{}_{width}x{height}",
                    view.title().to_lowercase()
                );
                assert_snapshot!(name, style_map(&app, &theme, width, height));
            }
        }
    }
}

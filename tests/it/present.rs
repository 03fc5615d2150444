//! Presentation mode (`P`) on ratatui's TestBackend: each view at 120×36
//! (a terminal shared at 1080p) and 200×60, one at 80×24, a mix, a slider
//! nudged live, a broken file; the headline really big, a bar per profile
//! ordered by cost with its total, and nothing drawn dim.

use std::fs;
use std::path::{Path, PathBuf};

use costlens::app::{Action, App, Screen, Source, ThemeName, View, action_for};
use costlens::profile::Folder;
use costlens::report::money;
use costlens::ui::{DrawContext, Theme};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

const FIXTURE: &str = "tests/fixtures/explorer";

/// The cells a big-text pixel is drawn with (full, half and quadrant sizes).
const BIG_GLYPHS: &str = "█▀▄▌▐▖▗▘▝▚▞▙▛▜▟";

fn presenting(dir: &Path) -> App {
    let folder = Folder::load_dir(dir).expect("fixture folder");
    App::new(Source::Folder(dir.to_path_buf()), folder, false).with_meeting(
        Screen::Presentation,
        ThemeName::Dark,
        true,
    )
}

fn app() -> App {
    presenting(&PathBuf::from(FIXTURE))
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for code in keys {
        let modifiers = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
            _ => KeyModifiers::NONE,
        };
        if let Some(action) = action_for(&KeyEvent::new(*code, modifiers), app.mode()) {
            app.update(action);
        }
    }
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, &theme), frame.area()))
        .unwrap();
    terminal
}

/// The screen as lines of text, a wide character's second cell skipped.
fn lines(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < area.width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += (symbol.width() as u16).max(1);
            }
            line
        })
        .collect()
}

fn view_key(view: View) -> KeyCode {
    KeyCode::Char(view.key())
}

fn view_name(view: View) -> &'static str {
    match view {
        View::Compare => "compare",
        View::Levers => "levers",
        View::FirstPass => "first_pass",
        View::Payback => "payback",
    }
}

#[test]
fn each_view_at_120x36_and_200x60() {
    for view in View::ALL {
        for (width, height) in [(120, 36), (200, 60)] {
            let mut app = app();
            press(&mut app, &[view_key(view)]);
            assert_snapshot!(
                format!("present_{}_{width}x{height}", view_name(view)),
                draw(&app, width, height).backend()
            );
        }
    }
}

#[test]
fn the_smallest_screen_still_shows_every_region() {
    let app = app();
    let terminal = draw(&app, 80, 24);
    let text = lines(terminal.backend().buffer());
    assert!(text[0].contains("PRESENTING"), "{}", text[0]);
    let screen = text.join("\n");
    for want in ["$30.43", "Strong", "$78.45", "First pass", "P/Esc leave"] {
        assert!(screen.contains(want), "{want} missing:\n{screen}");
    }
    assert_snapshot!("present_compare_80x24", terminal.backend());
}

#[test]
fn a_mix_shows_its_shares_and_the_engineer_rate() {
    let mut app = app();
    press(&mut app, &[KeyCode::Down]);
    let name = app.comparison().rows[app.selected()].name.clone();
    assert!(name.starts_with("Tiered"), "{name}");
    let terminal = draw(&app, 120, 36);
    let screen = lines(terminal.backend().buffer()).join("\n");
    assert!(screen.contains("$59.24 per merged change"), "{screen}");
    assert!(
        screen.contains("Engineer rate") && screen.contains("Cheap"),
        "{screen}"
    );
    assert_snapshot!("present_mix_120x36", terminal.backend());
}

/// The row of the headline's sentence, and the figure in it.
fn headline_figure(screen: &[String]) -> String {
    let line = screen
        .iter()
        .take(10)
        .find(|line| line.contains(" per merged change"))
        .expect("a headline sentence");
    let before = &line[..line.find(" per merged change").unwrap()];
    before.rsplit(' ').next().unwrap().to_string()
}

/// Rows near the top drawn with big-text pixels, left of the sentence.
fn big_rows(buffer: &Buffer) -> Vec<u16> {
    (1..12)
        .filter(|&y| (0..40).any(|x| BIG_GLYPHS.contains(buffer[(x, y)].symbol())))
        .collect()
}

#[test]
fn a_nudged_lever_moves_the_headline_live() {
    let mut app = app();
    let before = draw(&app, 120, 36);
    let before_lines = lines(before.backend().buffer());
    assert_eq!(headline_figure(&before_lines), "$30.43");
    // → on the focused lever: the first-pass rate, 72% to 73%.
    press(&mut app, &[KeyCode::Right]);
    let cost = app.comparison().rows[app.selected()]
        .figures
        .core
        .cost_per_merge;
    let after = draw(&app, 120, 36);
    let after_lines = lines(after.backend().buffer());
    let figure = headline_figure(&after_lines);
    assert_ne!(figure, "$30.43", "the headline did not move");
    assert_eq!(figure, format!("${}", money(cost)));
    // The big figure itself was redrawn, not only the sentence.
    let big = |screen: &[String]| -> Vec<String> {
        screen[1..5]
            .iter()
            .map(|l| l.chars().take(45).collect())
            .collect()
    };
    assert_ne!(big(&before_lines), big(&after_lines));
    let screen = after_lines.join("\n");
    assert!(screen.contains("73.0%  was 72.0%"), "{screen}");
    assert!(screen.contains("✱ 1 what-if"), "{}", after_lines[0]);
    assert_snapshot!("present_lever_nudged_120x36", after.backend());
}

#[test]
fn the_headline_is_big() {
    let app = app();
    for (width, height, at_least) in [(120, 36, 4), (200, 60, 7), (80, 24, 4)] {
        let terminal = draw(&app, width, height);
        let buffer = terminal.backend().buffer();
        let rows = big_rows(buffer);
        assert!(
            rows.len() >= at_least,
            "{width}×{height}: big text on rows {rows:?}\n{}",
            lines(buffer).join("\n")
        );
        // In the title's style, the boldest the theme has.
        let title = Theme::color().title;
        let cell = (0..40)
            .flat_map(|x| rows.iter().map(move |&y| (x, y)))
            .map(|at| &buffer[at])
            .find(|cell| BIG_GLYPHS.contains(cell.symbol()))
            .unwrap();
        assert_eq!(Some(cell.fg), title.fg);
    }
}

#[test]
fn every_profile_has_a_bar_with_its_total_and_longer_costs_longer_bars() {
    let app = app();
    for (width, height) in [(120, 36), (200, 60), (80, 24)] {
        let screen = lines(draw(&app, width, height).backend().buffer());
        let mut lengths = Vec::new();
        for row in &app.comparison().rows {
            let total = format!("${}", money(row.figures.core.cost_per_merge));
            let short: String = row.name.chars().take(12).collect();
            let line = screen
                .iter()
                // In the chart's pane, not the headline.
                .find(|line| {
                    line.starts_with('│') && line.contains(&short) && line.contains(&total)
                })
                .unwrap_or_else(|| {
                    panic!("no bar for {} {total}:\n{}", row.name, screen.join("\n"))
                });
            let cells = line.chars().filter(|c| "█▓░".contains(*c)).count();
            assert!(cells > 0, "{}: an empty bar", row.name);
            lengths.push((row.figures.core.cost_per_merge, cells));
        }
        // Rows come cheapest first: each bar at least as long as the one above.
        for pair in lengths.windows(2) {
            assert!(pair[0].0 <= pair[1].0, "{lengths:?}");
            assert!(pair[0].1 < pair[1].1, "{width}×{height}: {lengths:?}");
        }
        // One scale: the dearest fills its bar's room, the rest in proportion.
        let (most, longest) = *lengths.last().unwrap();
        for (cost, cells) in &lengths {
            let want = cost / most * longest as f64;
            assert!((*cells as f64 - want).abs() <= 1.0, "{lengths:?}");
        }
    }
}

#[test]
fn nothing_is_drawn_dim_in_any_view() {
    let dim = Theme::color().dim;
    for view in View::ALL {
        for (width, height) in [(120, 36), (80, 24)] {
            for keys in [
                vec![view_key(view)],
                vec![view_key(view), KeyCode::Char('?')],
            ] {
                let mut app = app();
                press(&mut app, &keys);
                let terminal = draw(&app, width, height);
                let buffer = terminal.backend().buffer();
                for y in 0..height {
                    for x in 0..width {
                        let cell = &buffer[(x, y)];
                        let is_dim = Some(cell.fg) == dim.fg
                            && dim.bg.is_none_or(|bg| cell.bg == bg)
                            && cell.modifier.contains(dim.add_modifier);
                        assert!(
                            !is_dim,
                            "{view:?} {keys:?} {width}×{height}: dim cell {:?} at ({x}, {y})",
                            cell.symbol()
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_help_draws_over_the_meeting_screen() {
    let mut app = app();
    press(&mut app, &[KeyCode::Char('?')]);
    let screen = lines(draw(&app, 120, 36).backend().buffer()).join("\n");
    assert!(screen.contains("Presentation mode"), "{screen}");
    // Esc closes the help, and presentation mode stays on.
    press(&mut app, &[KeyCode::Esc]);
    assert_eq!(app.screen(), Screen::Presentation);
}

#[test]
fn a_broken_file_is_one_line_and_its_last_good_figures_stay() {
    let root = tempfile::tempdir().unwrap();
    for name in ["cheap.toml", "strong.toml", "tiered.toml", "scenario.toml"] {
        fs::copy(Path::new(FIXTURE).join(name), root.path().join(name)).unwrap();
    }
    let mut app = presenting(root.path());
    fs::write(
        root.path().join("cheap.toml"),
        "name = \"Cheap\"\n[prices\n",
    )
    .unwrap();
    let reloaded = Folder::reload_dir(root.path(), Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(reloaded));
    assert!(!app.folder().errors().is_empty());
    let terminal = draw(&app, 120, 36);
    let screen = lines(terminal.backend().buffer());
    assert!(
        screen[0].contains("⚠ 1 file has problems: costlens check"),
        "{}",
        screen[0]
    );
    let text = screen.join("\n");
    // One line: the problem itself and no path appear anywhere else.
    let root_path = root.path().display().to_string();
    assert!(!text.contains(&root_path), "{text}");
    assert_eq!(text.matches('⚠').count(), 1, "{text}");
    // Cheap keeps its last good cost.
    assert!(text.contains("Cheap") && text.contains("$78.45"), "{text}");
    assert_snapshot!("present_broken_file_120x36", terminal.backend());
}

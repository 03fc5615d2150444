//! What the explorer's screen says, drawn on ratatui's TestBackend from
//! real files: a header that never overlaps itself, rows out of view
//! counted, names cut with `…`, columns aligned by display cells, and a
//! footer word for every change.

use std::fs;
use std::path::Path;

use costlens::app::{Action, App, Source};
use costlens::profile::{Folder, LoadedProfile};
use costlens::ui::{DrawContext, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use unicode_width::UnicodeWidthStr;

use crate::support::worked::{CHEAP, STRONG, write_worked};

fn app_on(dir: &Path, mouse: bool) -> App {
    let folder = Folder::load_dir(dir).unwrap();
    App::new(Source::Folder(dir.to_path_buf()), folder, mouse)
}

/// The screen as lines of text. A wide character's second cell is
/// skipped, so each line reads as a terminal shows it.
fn lines(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::color();
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, &theme), frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < width {
                let symbol = buffer[(x, y)].symbol();
                line.push_str(symbol);
                x += (symbol.width() as u16).max(1);
            }
            line
        })
        .collect()
}

fn status(app: &App) -> String {
    app.status().map(|s| s.text.clone()).unwrap_or_default()
}

/// A profile file like `strong` with another name and first-pass rate.
fn named(name: &str, first_pass: f64) -> String {
    format!("name = \"{name}\"\n{STRONG}").replace(
        "first_pass_rate = 0.72",
        &format!("first_pass_rate = {first_pass}"),
    )
}

#[test]
fn the_header_never_overlaps_and_keeps_the_last_good_facts() {
    let root = tempfile::tempdir().unwrap();
    let dir = root
        .path()
        .join("a-rather-long-folder-name/planning/team-profiles");
    fs::create_dir_all(&dir).unwrap();
    write_worked(&dir);
    fs::write(
        dir.join("scenario.toml"),
        "baseline_hours = 3.5\nchanges_per_week = 40\n",
    )
    .unwrap();
    let mut app = app_on(&dir, true);
    // A what-if, then the scenario file breaks: its last good values stay.
    app.update(Action::Nudge {
        steps: 1,
        coarse: false,
    });
    fs::write(dir.join("scenario.toml"), "baseline_hours = \"lots\"\n").unwrap();
    let reloaded = Folder::reload_dir(&dir, Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(reloaded));
    let header = &lines(&app, 80, 24)[0];
    assert_eq!(
        header.trim_end(),
        " costlens …/team-profiles/ · engineer $120/h · baseline 3.5 h     1* ! scenario",
        "{header}"
    );
    // Wide enough, everything shows in full.
    let header = &lines(&app, 200, 50)[0];
    assert!(
        header.contains(&format!(
            "{}/ · engineer $120/h · baseline 3.5 h · 40/wk",
            dir.display()
        )) && header.contains("1 what-if(s) ! scenario.toml broken: last good kept mouse"),
        "{header}"
    );
}

#[test]
fn rows_out_of_view_are_counted_and_the_table_scrolls_to_the_selection() {
    let dir = tempfile::tempdir().unwrap();
    // Nine profiles, cheapest first as p falls: p9 is the most expensive.
    for n in 1..=9 {
        let text = named(&format!("p{n}"), 0.95 - 0.05 * f64::from(n));
        fs::write(dir.path().join(format!("p{n}.toml")), text).unwrap();
    }
    let mut app = app_on(dir.path(), false);
    // The table is lines 1 to 11 at 80×24 (the sliders pane below counts
    // its own rows the same way).
    let table = lines(&app, 80, 24)[..12].join("\n");
    assert!(table.contains("↓ 1 more"), "{table}");
    assert!(!table.contains("p9 "), "{table}");
    for _ in 0..8 {
        app.update(Action::SelectNext);
    }
    let table = lines(&app, 80, 24)[..12].join("\n");
    assert!(table.contains("▶  p9"), "{table}");
    assert!(
        table.contains("↑ 1 more") && !table.contains("↓"),
        "{table}"
    );
    // A broken file's error line takes a row: it is counted, not lost.
    let broken = named("zz", 0.5).replace("first_pass_rate = 0.5", "first_pass_rate = 1.5");
    fs::write(dir.path().join("zz.toml"), broken).unwrap();
    let reloaded = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(reloaded));
    app.update(Action::SelectRow(0));
    let screen = lines(&app, 80, 24);
    assert!(screen[11].contains("zz.toml:9:19"), "{}", screen.join("\n"));
    assert!(screen[10].contains("↓ 2 more"), "{}", screen.join("\n"));
}

#[test]
fn cut_names_end_in_an_ellipsis() {
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    let long = "A profile whose name is far too long for any column";
    fs::write(dir.path().join("long.toml"), named(long, 0.9)).unwrap();
    let app = app_on(dir.path(), false);
    for (width, height) in [(80, 24), (120, 40)] {
        let screen = lines(&app, width, height);
        let row = screen
            .iter()
            .find(|line| line.contains("A profile whose"))
            .unwrap_or_else(|| panic!("no row at {width}x{height}:\n{}", screen.join("\n")));
        assert!(row.contains("…"), "{row}");
        assert!(!row.contains(long), "{row}");
    }
}

#[test]
fn wide_characters_keep_the_columns_aligned() {
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    fs::write(dir.path().join("wide.toml"), named("通义千问 Max 🚀", 0.6)).unwrap();
    // Twenty emoji with a variation selector: a cut between a heart and
    // its selector, or a count by characters, moves the row.
    let hearts = "❤️".repeat(20);
    fs::write(dir.path().join("hearts.toml"), named(&hearts, 0.65)).unwrap();
    let app = app_on(dir.path(), false);
    for (width, height) in [(80, 24), (120, 40), (200, 60)] {
        let screen = lines(&app, width, height);
        // The cell where each row's cost ends: the same on every row.
        let ends: Vec<usize> = ["strong", "cheap", "通义千问", "❤️❤️❤️"]
            .iter()
            .map(|name| {
                let row = screen
                    .iter()
                    .find(|line| line.starts_with('│') && line.contains(&format!(" {name}")))
                    .unwrap_or_else(|| panic!("no {name} row:\n{}", screen.join("\n")));
                let cost_at = row
                    .find('.')
                    .unwrap_or_else(|| panic!("no cost in {row}:\n{}", screen.join("\n")))
                    + 3;
                row[..cost_at].width()
            })
            .collect();
        assert!(
            ends.windows(2).all(|pair| pair[0] == pair[1]),
            "{ends:?} at {width}x{height}:\n{}",
            screen.join("\n")
        );
        // Every table line is exactly as wide as the screen.
        for line in &screen[1..8] {
            assert_eq!(line.width(), usize::from(width), "{line}");
        }
    }
}

#[test]
fn pinning_and_reloads_say_so_in_the_footer() {
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    let mut app = app_on(dir.path(), false);
    app.update(Action::SelectNext);
    app.update(Action::PinReference);
    assert_eq!(status(&app), "pinned cheap as reference");
    app.update(Action::PinReference);
    assert_eq!(status(&app), "reference back to the cheapest, strong");
    // A live edit that re-sorts the rows names the file.
    fs::write(
        dir.path().join("cheap.toml"),
        CHEAP
            .replace("first_pass_rate = 0.52", "first_pass_rate = 0.99")
            .replace("survive_rate = 0.96", "survive_rate = 1"),
    )
    .unwrap();
    let reloaded = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(reloaded));
    assert_eq!(status(&app), "reloaded cheap.toml");
    let first: Vec<&str> = app
        .comparison()
        .rows
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(first, ["cheap", "strong"]);
    // A file broken by the edit says so; its last good values stay.
    fs::write(dir.path().join("strong.toml"), "[prices]\ninput = -1\n").unwrap();
    let reloaded = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    app.update(Action::folder_loaded(reloaded));
    assert_eq!(
        status(&app),
        "reloaded strong.toml (broken: last good values kept)"
    );
    // Nothing changed: no new word, the last one stays.
    let same = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    app.update(Action::Notice("quiet".to_string()));
    app.update(Action::folder_loaded(same));
    assert_eq!(status(&app), "quiet");
    // F5 says what it found.
    app.update(Action::Reload);
    assert!(
        status(&app).ends_with(": no file changed"),
        "{}",
        status(&app)
    );
}

#[test]
fn a_loaded_profile_file_is_named_in_reloads_by_its_file_name() {
    // The footer names files as the folder has them, not ids or paths.
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    let mut app = app_on(dir.path(), false);
    fs::write(dir.path().join("new-model.toml"), named("New", 0.8)).unwrap();
    let reloaded = Folder::reload_dir(dir.path(), Some(app.folder())).unwrap();
    let paths: Vec<&LoadedProfile> = reloaded.profiles().iter().collect();
    assert_eq!(paths.len(), 3);
    app.update(Action::folder_loaded(reloaded));
    assert_eq!(status(&app), "reloaded new-model.toml");
}

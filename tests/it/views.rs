//! The views `1`–`4` on screen (ratatui's TestBackend, the committed
//! fixture `tests/fixtures/explorer`): the tabs, the tornado (widest on
//! top, one scale, glyphs for each end, labelled ends and flips), the
//! first-pass and payback figures, what a view says when the scenario
//! lacks what it needs, and the Compare view marking the revert cost.

use std::path::{Path, PathBuf};

use costlens::app::{Action, App, Mode, Source, View, action_for};
use costlens::model::analysis::LeverKind;
use costlens::profile::Folder;
use costlens::ui::{Areas, DrawContext, Theme, mouse_action};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use crate::support::worked::write_worked;

const FIXTURE: &str = "tests/fixtures/explorer";

fn app_on(dir: &Path) -> App {
    let folder = Folder::load_dir(dir).expect("a profiles folder");
    App::new(Source::Folder(dir.to_path_buf()), folder, false)
}

fn app() -> App {
    app_on(&PathBuf::from(FIXTURE))
}

/// Presses `keys` through the key table, as the terminal would.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        if let Some(action) = action_for(&event, app.mode()) {
            app.update(action);
        }
    }
}

/// The screen as lines, a cell's symbol each.
fn lines(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::color();
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, &theme), frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

fn screen(app: &App, width: u16, height: u16) -> String {
    lines(app, width, height).join("\n")
}

/// The tornado's name for each lever, as the chart writes it.
fn lever_name(kind: LeverKind) -> &'static str {
    match kind {
        LeverKind::FirstPassRate => "first pass",
        LeverKind::ReviewMinutes => "review",
        LeverKind::EngineerRate => "engineer",
        LeverKind::CacheHitRatio => "cache hits",
        LeverKind::RevertRate => "reverts",
        LeverKind::IncidentCost => "incident",
        LeverKind::Fanout => "fan-out",
        LeverKind::InputTokens => "input tok",
        LeverKind::OutputTokens => "output tok",
        LeverKind::TokenPrices => "prices",
    }
}

#[test]
fn keys_1_to_4_switch_the_view_and_the_tabs_say_which() {
    let mut app = app();
    for (key, view, tab) in [
        ('2', View::Levers, "[2 Levers]"),
        ('3', View::FirstPass, "[3 First-pass]"),
        ('4', View::Payback, "[4 Payback]"),
        ('1', View::Compare, "[1 Compare]"),
    ] {
        press(&mut app, &key.to_string());
        assert_eq!(app.view(), view);
        let tabs = &lines(&app, 80, 24)[1];
        assert!(tabs.contains(tab), "{tabs}");
        // Only the view shown is in brackets.
        assert_eq!(tabs.matches('[').count(), 1, "{tabs}");
    }
    // Over the help they do nothing; the help lists them.
    press(&mut app, "?2");
    assert_eq!((app.mode(), app.view()), (Mode::Help, View::Compare));
    let help = screen(&app, 80, 24);
    assert!(
        help.contains("1 2 3 4  Views: 1 Compare, 2 Levers"),
        "{help}"
    );
    assert!(help.contains("? F1 Esc  Open or close this help"), "{help}");
}

#[test]
fn a_click_on_a_tab_shows_its_view() {
    let mut app = app();
    let size = Rect::new(0, 0, 80, 24);
    let tabs = Areas::new(size, 3, 0).tabs;
    let click = |column| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row: tabs.y,
        modifiers: KeyModifiers::NONE,
    };
    // ` 1 Compare ─ 2 Levers ─ 3 First-pass ─ 4 Payback `: 4 Payback's
    // middle, then 2 Levers'.
    let action = mouse_action(&app, click(tabs.x + 44), size);
    assert_eq!(action, Some(Action::ShowView(View::Payback)));
    app.update(action.unwrap());
    let action = mouse_action(&app, click(tabs.x + 15), size);
    assert_eq!(action, Some(Action::ShowView(View::Levers)));
    // Past the tabs, on the border: nothing.
    assert_eq!(mouse_action(&app, click(tabs.x + 60), size), None);
}

/// Widest swing on top, one scale, the base line in one column, each
/// end's glyph on the side its cost falls, and labels with value and cost.
#[test]
fn the_tornado_is_widest_first_on_one_scale_with_labelled_ends() {
    let mut app = app();
    press(&mut app, "2");
    let analysis = app.analysis().unwrap().clone();
    let shown = lines(&app, 80, 24);
    let rows = &shown[2..12];
    let mut base_column = None;
    let mut bar_cells = Vec::new();
    for (lever, row) in analysis.levers.iter().zip(rows) {
        let name = lever_name(lever.lever);
        let text: String = row.chars().skip(3).collect();
        assert!(text.trim_start().starts_with(name), "{name}: {row}");
        let cells: Vec<char> = row.chars().collect();
        let base = cells.iter().rposition(|c| *c == '│').unwrap();
        let base = cells[..base].iter().rposition(|c| *c == '│').unwrap();
        assert_eq!(*base_column.get_or_insert(base), base, "{row}");
        let low_left = cells[..base].contains(&'▓');
        let low_right = cells[base..].contains(&'▓');
        let cheaper_low = lever.cost_at_low < analysis.cost_per_merge;
        let dearer_low = lever.cost_at_low > analysis.cost_per_merge;
        assert_eq!((low_left, low_right), (cheaper_low, dearer_low), "{row}");
        bar_cells.push(cells.iter().filter(|c| matches!(c, '▓' | '░')).count());
    }
    // Rounded per side, so within a cell of widest first.
    for pair in bar_cells.windows(2) {
        assert!(pair[0] + 1 >= pair[1], "{bar_cells:?}");
    }
    let review = rows.iter().find(|row| row.contains("review")).unwrap();
    assert!(review.contains("4.8 min → 27.10"), "{review}");
    assert!(review.contains("33.76 ← 7.2 min"), "{review}");
    assert!(review.contains("⇄ 16.4 min"), "{review}");
    // The engineer rate moves the rival too: no flip here.
    let engineer = rows.iter().find(|row| row.contains("engineer")).unwrap();
    assert!(!engineer.contains('⇄'), "{engineer}");
    let legend = &shown[12];
    for part in [
        "▓ input −20%",
        "░ input +20%",
        "│ base 30.43",
        "⇄ = Tiered",
        "59.24",
    ] {
        assert!(legend.contains(part), "{part}: {legend}");
    }
    // On a large screen the flips name the rival.
    let large = screen(&app, 160, 48);
    assert!(
        large.contains("= Tiered: cheap triage, s… at 16.4 min"),
        "{large}"
    );
}

#[test]
fn the_first_pass_view_writes_out_break_even_and_crossover() {
    let mut app = app();
    press(&mut app, "3");
    let shown = screen(&app, 80, 24);
    for part in [
        "Strong 30.43/merge",
        "now at first pass 72.0%",
        "break-even vs human: 3.0%",
        "at 26.6%",
        "⣀⠤⠒ Strong",
        "▄▄▄ human",
        "█ now",
    ] {
        assert!(shown.contains(part), "{part}:\n{shown}");
    }
    // A mix: the curve is for models only, the rest is shown.
    app.update(Action::SelectRow(1));
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("A mix: the curve is for"), "{shown}");
    assert!(shown.contains("vs Strong 30.43"), "{shown}");
    assert!(shown.contains("never matches Strong"), "{shown}");
}

#[test]
fn the_payback_view_gives_weekly_figures_and_payback_weeks() {
    let mut app = app();
    press(&mut app, "4");
    let shown = screen(&app, 80, 24);
    for part in [
        "⣀⠤⠒ Strong",
        "spend 1,217/wk",
        "net 15,121/wk · pays in 1.0 wk",
        "Tiered: cheap triage, stron…",
        "█ pays back",
    ] {
        assert!(shown.contains(part), "{part}:\n{shown}");
    }
}

/// Without a baseline or a volume the analyses say what they need.
#[test]
fn without_a_baseline_or_volume_the_views_say_what_to_set() {
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    let mut app = app_on(dir.path());
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Retrying: set baseline_hours to weigh"),
        "{shown}"
    );
    press(&mut app, "4");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Set `baseline_hours` and `changes_per_week` in scenario.toml"),
        "{shown}"
    );
    assert!(
        shown.contains("Baseline and Weekly changes sliders"),
        "{shown}"
    );
    // The baseline slider set: only the volume is missing.
    while app.sliders()[app.focused_slider()].label != "Baseline hours" {
        app.update(Action::FocusNextSlider);
    }
    app.update(Action::Nudge {
        steps: 1,
        coarse: false,
    });
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("Set `changes_per_week`"), "{shown}");
    assert!(shown.contains("Weekly changes slider"), "{shown}");
    press(&mut app, "3");
    assert!(screen(&app, 80, 24).contains("break-even vs human: 3.0%"));
}

/// The spend chart and sparkline leave out reverts: the Compare view
/// says so, and the chart marks the full cost per merge too.
#[test]
fn the_compare_view_marks_the_revert_cost() {
    let app = app();
    let small = lines(&app, 80, 24);
    assert!(
        small[2].trim_end_matches('│').ends_with("Spend¹"),
        "{}",
        small[2]
    );
    assert!(small[6].contains("¹ spend ex. reverts"), "{}", small[6]);
    let large = lines(&app, 160, 48);
    assert!(large[2].contains("Spend, ex. reverts"), "{}", large[2]);
    let legend = large
        .iter()
        .find(|l| l.contains("spend through attempt k"))
        .unwrap();
    assert!(legend.contains("••• attempts 16.93"), "{legend}");
    assert!(legend.contains("▄▄ with reverts 30.43"), "{legend}");
    // The line at the full cost is drawn, above the attempts' plateau.
    let full_line = large.iter().position(|l| l.contains("▄▄▄▄▄▄▄▄▄▄")).unwrap();
    let plateau = large.iter().position(|l| l.contains("•••••••")).unwrap();
    assert!(full_line < plateau, "{}", large.join("\n"));
    // The retry cap line is gone; the policy in words instead.
    let shown = large.join("\n");
    assert!(!shown.contains("Best retry cap"), "{shown}");
    assert!(
        shown.contains("Retrying pays while first pass > 3.0%: no cap needed"),
        "{shown}"
    );
}

/// At 80×24, every view shows its chart, the sliders and the footer.
#[test]
fn every_view_is_legible_at_80x24() {
    let mut app = App::new(Source::BuiltIn, Folder::load_builtin(), false);
    for (key, wanted) in [
        ('2', "review       4.0 min → 20.11"),
        ('3', "matches Opus 5.5 at 56.0%"),
        ('4', "pays in 1.0 wk"),
    ] {
        press(&mut app, &key.to_string());
        let shown = lines(&app, 80, 24);
        let text = shown.join("\n");
        assert!(text.contains(wanted), "{wanted}:\n{text}");
        assert!(shown[13].starts_with("╭ What-ifs · Fable 5.1"), "{text}");
        assert!(
            shown[23].starts_with(" first pass:") || key != '3',
            "{text}"
        );
    }
}

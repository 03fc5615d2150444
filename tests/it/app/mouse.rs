use super::*;
use costlens::app::Action;
use costlens::ui::{Areas, mouse_action};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

const SCREEN: Rect = Rect {
    x: 0,
    y: 0,
    width: 100,
    height: 30,
};

fn at(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }
}

/// At 80×24 each slider is one row; taller panes use two.
const COMPACT: Rect = Rect {
    x: 0,
    y: 0,
    width: 80,
    height: 24,
};

fn areas(app: &App, screen: Rect) -> Areas {
    Areas::new(
        screen,
        app.comparison().rows.len(),
        app.folder().errors().len(),
    )
}

#[test]
fn a_click_on_a_row_selects_it_and_the_wheel_scrolls() {
    let Fixture { mut app, .. } = fixture();
    let table = areas(&app, SCREEN).table;
    // Border and headings first: the third profile is on the fifth line.
    let click = at(
        MouseEventKind::Down(MouseButton::Left),
        table.x + 5,
        table.y + 4,
    );
    assert_eq!(
        mouse_action(&app, click, SCREEN),
        Some(Action::SelectRow(2))
    );
    app.update(mouse_action(&app, click, SCREEN).unwrap());
    assert_eq!(app.selected_id().as_deref(), Some("cheap"));
    let wheel = at(MouseEventKind::ScrollUp, 0, 0);
    assert_eq!(
        mouse_action(&app, wheel, SCREEN),
        Some(Action::SelectPrevious)
    );
    let heading = at(
        MouseEventKind::Down(MouseButton::Left),
        table.x + 5,
        table.y + 1,
    );
    assert_eq!(
        mouse_action(&app, heading, SCREEN),
        None,
        "the headings are not a row"
    );
}

#[test]
fn a_click_or_drag_on_a_track_sets_that_slider() {
    let Fixture { mut app, .. } = fixture();
    let pane = areas(&app, COMPACT).sliders;
    // Review is the second slider; its track ends at the pane's right edge.
    let right_end = pane.x + pane.width - 4;
    let drag = at(
        MouseEventKind::Drag(MouseButton::Left),
        right_end,
        pane.y + 2,
    );
    let Some(
        action @ Action::SetSliderPosition {
            slider: 1,
            position,
        },
    ) = mouse_action(&app, drag, COMPACT)
    else {
        panic!(
            "not the review slider: {:?}",
            mouse_action(&app, drag, COMPACT)
        );
    };
    assert!(position > 0.95, "{position}");
    app.update(action);
    assert_eq!(app.focused_slider(), 1);
    let review = app
        .overrides()
        .profile("strong", ProfileField::ReviewMinutes)
        .unwrap();
    assert!(
        review > 100.0,
        "dragged to the end of a 0–120 min track: {review}"
    );
}

#[test]
fn mouse_events_do_nothing_over_the_help() {
    let Fixture { mut app, .. } = fixture();
    app.update(Action::ToggleHelp);
    let wheel = at(MouseEventKind::ScrollDown, 0, 0);
    assert_eq!(mouse_action(&app, wheel, SCREEN), None);
}

/// The table's bottom border, where `↓ N more` sits, is no row: a click
/// there selects nothing, least of all a row out of view.
#[test]
fn a_click_on_the_tables_bottom_border_selects_nothing() {
    let Fixture { dir, .. } = fixture();
    for at in 0..12 {
        let text = CHEAP.replace("0.52", &format!("0.{}", 60 + at));
        fs::write(dir.path().join(format!("more{at:02}.toml")), text).unwrap();
    }
    let folder = Folder::load_dir(dir.path()).unwrap();
    let app = App::new(Source::Folder(dir.path().to_path_buf()), folder, true);
    let areas = areas(&app, COMPACT);
    let table = areas.table;
    // Border, headings and border: fewer lines than the 15 rows.
    assert!(
        app.comparison().rows.len() > usize::from(table.height - 3),
        "rows out of view below"
    );
    let border = at(
        MouseEventKind::Down(MouseButton::Left),
        table.x + 5,
        table.bottom() - 1,
    );
    assert_eq!(mouse_action(&app, border, COMPACT), None);
    // The last row shown, just above, is still a row.
    let last = at(
        MouseEventKind::Down(MouseButton::Left),
        table.x + 5,
        table.bottom() - 2,
    );
    assert!(matches!(
        mouse_action(&app, last, COMPACT),
        Some(Action::SelectRow(_))
    ));
}

fn draw(app: &App, screen: Rect) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(screen.width, screen.height)).unwrap();
    let theme = costlens::ui::Theme::color();
    terminal
        .draw(|frame| {
            frame.render_widget(&costlens::ui::DrawContext::new(app, &theme), frame.area())
        })
        .unwrap();
    terminal.backend().buffer().clone()
}

/// A mix part named in wide characters (20 cells in 10 characters) keeps
/// its track where the layout says: drawn there, and clicked there.
#[test]
fn a_wide_part_name_keeps_its_track_where_clicks_land() {
    const WIDE_NAME: &str = "通义千问通义千问通义";
    let Fixture { dir, .. } = fixture();
    fs::write(
        dir.path().join("cheap.toml"),
        format!("name = \"{WIDE_NAME}\"\n{CHEAP}"),
    )
    .unwrap();
    let folder = Folder::load_dir(dir.path()).unwrap();
    let mut app = App::new(Source::Folder(dir.path().to_path_buf()), folder, true);
    select(&mut app, "tiered");
    let slider = app
        .sliders()
        .iter()
        .position(|slider| slider.label == WIDE_NAME)
        .expect("a share slider for the wide part");
    let pane = areas(&app, COMPACT).sliders;
    let click = |column: u16, row: u16| at(MouseEventKind::Down(MouseButton::Left), column, row);
    // Where the layout puts the track: the row its clicks land on, and the
    // last column before the position leaves 0.
    let (row, start) = (pane.y..pane.bottom())
        .find_map(|row| {
            let columns = pane.x..pane.right();
            let moved = columns.clone().find(|&column| {
                matches!(
                    mouse_action(&app, click(column, row), COMPACT),
                    Some(Action::SetSliderPosition { slider: s, position }) if s == slider && position > 0.0
                )
            })?;
            Some((row, moved - 1))
        })
        .expect("the wide part's slider is on screen");
    let buffer = draw(&app, COMPACT);
    let first = buffer[(start, row)].symbol();
    assert!(
        ["━", "●", "─"].contains(&first),
        "the track starts at column {start}, found {first:?} in {:?}",
        (0..COMPACT.width)
            .map(|x| buffer[(x, row)].symbol())
            .collect::<String>()
    );
    assert_eq!(
        buffer[(start - 1, row)].symbol(),
        " ",
        "nothing of the track before"
    );
    // The label was cut to its cells, with `…`.
    let line: String = (pane.x..start).map(|x| buffer[(x, row)].symbol()).collect();
    assert!(line.contains('…'), "{line:?}");
    // A click at the track's far end moves that slider there.
    let before = app.overrides().mix("tiered").is_some();
    assert!(!before);
    let end = pane.right() - 3;
    let action = mouse_action(&app, click(end, row), COMPACT).unwrap();
    app.update(action);
    assert_eq!(app.focused_slider(), slider);
    assert!(app.overrides().mix("tiered").is_some(), "the split moved");
}

//! Every theme keeps every meaning readable: each view, on the explorer
//! and the presentation screen, with and without the help, at 120×36 and
//! 80×24, in each theme at each colour depth, drawn from the committed
//! fixture (a what-if moved, the reference pinned mid-table) and from a
//! folder with a broken file. Every non-blank cell's colours must reach
//! the WCAG ratio (4.5:1 text, 3:1 marks, see `contrast`), every cell
//! must carry the theme's own colours of the depth's kind, and nothing is
//! dim. Monochrome has no colour at all and still marks the selection.

mod contrast;
mod styles;

use std::fs;
use std::path::{Path, PathBuf};

use costlens::app::{Action, App, Source, ThemeName, View};
use costlens::profile::Folder;
use costlens::ui::{ColorDepth, DrawContext, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use contrast::{Lowest, Rgb, low_contrast, rgb};

const FIXTURE: &str = "tests/fixtures/explorer";
const SIZES: [(u16, u16); 2] = [(120, 36), (80, 24)];
const DEPTHS: [ColorDepth; 3] = [
    ColorDepth::TrueColor,
    ColorDepth::Ansi256,
    ColorDepth::Ansi16,
];

fn app_on(dir: &Path) -> App {
    let folder = Folder::load_dir(dir).expect("fixture folder");
    App::new(Source::Folder(dir.to_path_buf()), folder, false)
}

/// The fixture with the reference pinned on the second row, the third
/// row selected (so its difference is coloured) and its first slider
/// moved (the `moved` style).
fn moved() -> App {
    let mut app = app_on(&PathBuf::from(FIXTURE));
    for action in [
        Action::SelectNext,
        Action::PinReference,
        Action::SelectNext,
        Action::Nudge {
            steps: 2,
            coarse: false,
        },
    ] {
        app.update(action);
    }
    assert!(!app.overrides().is_empty(), "the nudge moved nothing");
    app
}

/// The fixture copied into `dir`, read, then `strong.toml` broken and
/// read again: a stale row and a located error.
fn broken(dir: &Path) -> App {
    for entry in fs::read_dir(FIXTURE).expect("fixture folder") {
        let path = entry.expect("fixture entry").path();
        fs::copy(&path, dir.join(path.file_name().expect("file name"))).expect("copy");
    }
    let mut app = app_on(dir);
    fs::write(dir.join("strong.toml"), "name = \"Strong\"\n[prices\n").expect("break");
    app.update(Action::Reload);
    assert!(
        !app.folder().errors().is_empty(),
        "the broken file was not noticed"
    );
    app
}

/// Every state drawn: each base app on both screens, each view, with
/// and without the help, named for the failure messages.
fn states(dir: &Path) -> Vec<(String, App)> {
    let mut out = Vec::new();
    for broken_folder in [false, true] {
        for presenting in [false, true] {
            for view in View::ALL {
                for help in [false, true] {
                    let mut app = if broken_folder { broken(dir) } else { moved() };
                    if presenting {
                        app.update(Action::TogglePresentation);
                    }
                    app.update(Action::ShowView(view));
                    if help {
                        app.update(Action::ToggleHelp);
                    }
                    let screen = if presenting {
                        "presentation"
                    } else {
                        "explorer"
                    };
                    let overlay = if help { " +help" } else { "" };
                    let base = if broken_folder { "broken" } else { "moved" };
                    out.push((format!("{base} {screen} {view:?}{overlay}"), app));
                }
            }
        }
    }
    out
}

fn draw(app: &App, theme: &Theme, (width, height): (u16, u16)) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, theme), frame.area()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

/// The canvas's colours as RGB: what `Reset` would be on this screen.
fn canvas_of(theme: &Theme) -> (Rgb, Rgb) {
    let canvas = theme.canvas;
    let fg = canvas
        .fg
        .and_then(rgb)
        .expect("a colour theme's canvas has a foreground");
    let bg = canvas
        .bg
        .and_then(rgb)
        .expect("a colour theme's canvas has a background");
    (fg, bg)
}

/// Whether `color` is of the kind a terminal at `depth` can show; never
/// `Reset`, which would show the terminal's own colours through.
fn of_depth(color: Color, depth: ColorDepth) -> bool {
    match depth {
        ColorDepth::TrueColor => matches!(color, Color::Rgb(..)),
        ColorDepth::Ansi256 => matches!(color, Color::Indexed(16..=255)),
        ColorDepth::Ansi16 => !matches!(color, Color::Rgb(..) | Color::Indexed(_) | Color::Reset),
    }
}

/// Cells whose colours a terminal at `depth` cannot show as meant, or
/// that are dim (meeting mode: nothing dim).
fn wrong_kind(buffer: &Buffer, depth: ColorDepth) -> Vec<String> {
    let area = buffer.area;
    let mut out = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &buffer[(x, y)];
            if !of_depth(cell.fg, depth) || !of_depth(cell.bg, depth) {
                out.push(format!("({x},{y}) {:?} on {:?}", cell.fg, cell.bg));
            } else if cell.modifier.contains(Modifier::DIM) {
                out.push(format!("({x},{y}) {:?} is dim", cell.symbol()));
            }
        }
    }
    out
}

/// At most a few lines of `failures`, and how many there were.
fn summary(failures: &[String]) -> String {
    let shown: Vec<&str> = failures.iter().take(6).map(String::as_str).collect();
    format!(
        "{} cells, e.g.\n    {}",
        failures.len(),
        shown.join("\n    ")
    )
}

#[test]
fn every_theme_depth_view_and_screen_reaches_the_contrast() {
    let dir = tempfile::tempdir().expect("temp dir");
    let states = states(dir.path());
    let mut problems = Vec::new();
    let mut report = Vec::new();
    for name in ThemeName::ALL {
        for depth in DEPTHS {
            let theme = Theme::new(name, depth);
            let canvas = canvas_of(&theme);
            let mut lowest = Lowest::default();
            for (state, app) in &states {
                for size in SIZES {
                    let buffer = draw(app, &theme, size);
                    let place = format!("{name:?} {depth:?} {state} {}x{}", size.0, size.1);
                    let low = low_contrast(&buffer, canvas, &mut lowest);
                    if !low.is_empty() {
                        problems.push(format!("{place}: low contrast in {}", summary(&low)));
                    }
                    let kind = wrong_kind(&buffer, depth);
                    if !kind.is_empty() {
                        problems.push(format!(
                            "{place}: colours not of the depth in {}",
                            summary(&kind)
                        ));
                    }
                }
            }
            report.push(format!(
                "{name:?} {depth:?}: lowest text {:.2}, lowest mark {:.2}",
                lowest.text, lowest.mark
            ));
        }
    }
    // `cargo test themes:: -- --nocapture` prints the margins.
    println!("{}", report.join("\n"));
    assert!(
        problems.is_empty(),
        "{} screens fall short:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The check is not toothless: the dark theme as it was before the
/// themes (terminal colours, a white knob, dark grey text, RGB 40,44,52
/// behind the selected row) fails it on a light terminal, knob included.
#[test]
fn the_old_dark_theme_fails_on_a_light_terminal() {
    let base = Style::new();
    let old = Theme {
        canvas: base,
        dim: base.fg(Color::DarkGray),
        selected: base.add_modifier(Modifier::BOLD).bg(Color::Rgb(40, 44, 52)),
        knob: base.fg(Color::White).add_modifier(Modifier::BOLD),
        track: base.fg(Color::Cyan),
        ..Theme::monochrome()
    };
    let app = moved();
    // xterm's light defaults: black text on white.
    let light_terminal = ((0, 0, 0), (255, 255, 255));
    let buffer = draw(&app, &old, (120, 36));
    let failures = low_contrast(&buffer, light_terminal, &mut Lowest::default());
    let knob = failures.iter().any(|line| line.contains("\"●\""));
    let selected = failures.iter().any(|line| line.contains("Rgb(40, 44, 52)"));
    assert!(knob && selected, "{}", summary(&failures));
}

#[test]
fn monochrome_has_no_colour_and_still_marks_the_selection() {
    let dir = tempfile::tempdir().expect("temp dir");
    let theme = Theme::monochrome();
    for (state, app) in states(dir.path()) {
        for size in SIZES {
            let buffer = draw(&app, &theme, size);
            let coloured: Vec<String> = buffer
                .content()
                .iter()
                .filter(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
                .map(|cell| format!("{:?} {:?} on {:?}", cell.symbol(), cell.fg, cell.bg))
                .collect();
            assert!(
                coloured.is_empty(),
                "{state} {size:?}: {}",
                summary(&coloured)
            );
        }
    }
    // The explorer's selected row: its marker and name in bold; the row
    // above (the pinned reference) not.
    let buffer = draw(&moved(), &theme, (120, 36));
    let area = buffer.area;
    let (x, y) = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .find(|&at| buffer[at].symbol() == "▶")
        .expect("a selected row");
    let marked = |at: (u16, u16)| {
        buffer[at]
            .modifier
            .intersects(Modifier::BOLD | Modifier::REVERSED)
    };
    // "▶", the state column, a space, then the name.
    assert!(
        marked((x, y)) && marked((x + 3, y)),
        "the selected row is not marked"
    );
    assert!(!marked((x + 3, y - 1)), "the row above is marked too");
}

#[test]
fn palette_depths_draw_only_their_kind_of_colour() {
    let app = moved();
    for name in ThemeName::ALL {
        for depth in [ColorDepth::Ansi256, ColorDepth::Ansi16] {
            let buffer = draw(&app, &Theme::new(name, depth), (80, 24));
            let wrong = wrong_kind(&buffer, depth);
            assert!(wrong.is_empty(), "{name:?} {depth:?}: {}", summary(&wrong));
        }
    }
}

//! `costlens snapshot`: the explorer's screen drawn without a terminal
//! (ratatui's TestBackend) by the same code, set up as the explorer
//! would be, and written as SVG or PNG for slides, tickets and the README.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{ThemeChoice, apply_what_ifs, open_source, parse_what_if, print_diagnostics, status};
use crate::app::{Action, App, Screen, View};
use crate::overrides::WhatIf;
use crate::picture::{self, Canvas};
use crate::suggest::nearest;
use crate::ui::{ColorDepth, DrawContext, Theme};

/// The largest picture, in cells: 4000 × 4000 pixels.
const MAX_WIDTH_CELLS: u16 = 400;
const MAX_HEIGHT_CELLS: u16 = 200;

#[derive(Debug, clap::Args)]
pub(super) struct SnapshotArgs {
    /// Profiles folder (default: ./profiles, else the built-in profiles).
    dir: Option<PathBuf>,
    /// The view on screen.
    #[arg(long, value_enum, default_value_t = ViewChoice::Compare)]
    view: ViewChoice,
    /// The selected profile, by id (default: the cheapest).
    #[arg(long, value_name = "ID")]
    profile: Option<String>,
    /// Presentation mode, as `P` shows it.
    #[arg(long)]
    present: bool,
    /// Colour theme; `auto` is dark, as there is no terminal to ask.
    #[arg(long, value_enum, default_value_t = ThemeChoice::Auto)]
    theme: ThemeChoice,
    /// The screen's size in cells.
    #[arg(long, value_name = "WxH", default_value = "120x36", value_parser = parse_size)]
    size: Size,
    /// A what-if on top of the files, as for `report --set`.
    #[arg(long = "set", value_name = "K=V", value_parser = parse_what_if)]
    set: Vec<WhatIf>,
    /// Where to write: a `.svg` or `.png` file (replaced if there).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// The views, as `--view` spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ViewChoice {
    Compare,
    Levers,
    FirstPass,
    Payback,
}

impl ViewChoice {
    fn view(self) -> View {
        match self {
            ViewChoice::Compare => View::Compare,
            ViewChoice::Levers => View::Levers,
            ViewChoice::FirstPass => View::FirstPass,
            ViewChoice::Payback => View::Payback,
        }
    }
}

/// A screen size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Size {
    width: u16,
    height: u16,
}

fn parse_size(text: &str) -> Result<Size, String> {
    let bad = || format!("`{text}` is not WIDTHxHEIGHT in cells, such as 120x36");
    let (width, height) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let width: u16 = width.trim().parse().map_err(|_| bad())?;
    let height: u16 = height.trim().parse().map_err(|_| bad())?;
    if !(1..=MAX_WIDTH_CELLS).contains(&width) || !(1..=MAX_HEIGHT_CELLS).contains(&height) {
        return Err(format!(
            "`{text}`: the size must be from 1x1 to {MAX_WIDTH_CELLS}x{MAX_HEIGHT_CELLS} cells"
        ));
    }
    Ok(Size { width, height })
}

/// The two kinds of picture, by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Svg,
    Png,
}

fn kind_of(path: &Path) -> anyhow::Result<Kind> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase);
    match extension.as_deref() {
        Some("svg") => Ok(Kind::Svg),
        Some("png") => Ok(Kind::Png),
        _ => bail!(
            "--out `{}`: the picture's name must end in .svg or .png",
            path.display()
        ),
    }
}

/// Draws the screen `args` asks for and writes it; exit 1 when a file is
/// broken (the picture shows it, as the explorer would).
pub(super) fn snapshot(args: &SnapshotArgs) -> anyhow::Result<ExitCode> {
    let kind = kind_of(&args.out)?;
    let (folder, source) = open_source(args.dir.as_deref())?;
    // The same checks and words as `report --set`.
    apply_what_ifs(&folder, &args.set)?;
    print_diagnostics(&folder);
    let exit = status(&folder);
    let theme_name = args.theme.name().unwrap_or_default();
    let screen = if args.present {
        Screen::Presentation
    } else {
        Screen::Explorer
    };
    let mut app = App::new(source, folder, false)
        .with_meeting(screen, theme_name, true)
        .with_what_ifs(&args.set)
        .map_err(|problem| anyhow::anyhow!("--set: {problem}"))?;
    if let Some(id) = &args.profile {
        app.update(Action::SelectRow(row_of(&app, id)?));
    }
    app.update(Action::ShowView(args.view.view()));
    let app = app.without_status();
    // A picture is 24-bit whatever the terminal running this can show.
    let theme = Theme::new(theme_name, ColorDepth::TrueColor);
    let svg = draw(&app, &theme, args.size)?;
    let bytes = match kind {
        Kind::Svg => svg.into_bytes(),
        Kind::Png => picture::png(&svg)?,
    };
    picture::replace(&args.out, &bytes)?;
    super::write_stdout(&format!("wrote {}\n", args.out.display()))?;
    Ok(exit)
}

/// The row of profile `id` in the comparison; an unknown id is an error
/// naming the nearest one.
fn row_of(app: &App, id: &str) -> anyhow::Result<usize> {
    let rows = &app.comparison().rows;
    if let Some(row) = rows.iter().position(|row| row.id == id) {
        return Ok(row);
    }
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    match nearest(id, &ids) {
        Some(guess) => bail!("--profile: no profile `{id}`; did you mean `{guess}`?"),
        None => bail!("--profile: no profile `{id}`; there are {}", ids.join(", ")),
    }
}

/// The screen as SVG, drawn on a test terminal of `size`.
fn draw(app: &App, theme: &Theme, size: Size) -> anyhow::Result<String> {
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height))
        .context("cannot set up the drawing")?;
    let frame = terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, theme), frame.area()))
        .context("cannot draw the screen")?;
    Ok(picture::svg(frame.buffer, Canvas::of(theme)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_width_by_height_within_bounds() {
        assert_eq!(
            parse_size("120x36"),
            Ok(Size {
                width: 120,
                height: 36
            })
        );
        assert_eq!(parse_size("80X24").map(|s| s.height), Ok(24));
        for bad in [
            "120", "x36", "120x", "0x10", "120x0", "401x10", "10x201", "-1x5", "ax b",
        ] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_kind_is_the_extension() {
        assert_eq!(kind_of(Path::new("a/b.SVG")).unwrap(), Kind::Svg);
        assert_eq!(kind_of(Path::new("b.png")).unwrap(), Kind::Png);
        let err = kind_of(Path::new("b.jpg")).unwrap_err().to_string();
        assert!(
            err.contains("b.jpg") && err.contains(".svg or .png"),
            "{err}"
        );
        assert!(kind_of(Path::new("b")).is_err());
    }
}

//! Drawing the explorer: one file per screen region, each drawing from a
//! [`DrawContext`] that holds the app state and the theme side by side, so
//! the state knows nothing of how it is drawn.

mod detail;
mod first_pass;
mod footer;
mod header;
mod help;
mod layout;
mod levers;
mod payback;
mod present;
mod sliders;
mod table;
mod tabs;
mod theme;

pub use layout::Areas;
pub(crate) use layout::{MIN_HEIGHT, MIN_WIDTH, SliderRows, table_body, table_offset};
pub(crate) use theme::xterm_rgb;
pub use theme::{ColorDepth, Theme};

use std::path::Path;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use crate::app::{Action, App, Mode, Screen, Source, View};
use crate::profile::Diagnostic;
use crate::report::{display_width, truncate};

/// What every region draws from: the state to show and how to style it.
#[derive(Debug, Clone, Copy)]
pub struct DrawContext<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl<'a> DrawContext<'a> {
    pub fn new(app: &'a App, theme: &'a Theme) -> Self {
        DrawContext { app, theme }
    }
}

impl Widget for &DrawContext<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        // The theme's own background under everything: a light theme on a
        // dark terminal (or the reverse) reads all the same.
        buf.set_style(area, self.theme.canvas);
        self.screen(area, buf);
        // A widget that resets cells (Clear, a chart's canvas) would let
        // the terminal's own colours through: the canvas's instead.
        theme::fill_reset(self.theme.canvas, area, buf);
    }
}

impl DrawContext<'_> {
    /// The screen the state asks for, drawn on the canvas.
    fn screen(&self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            too_small(self.theme, area, buf);
            return;
        }
        if app.screen() == Screen::Presentation {
            // The meeting's screen, help included.
            present::render(self, area, buf);
            return;
        }
        let areas = Areas::for_view(
            area,
            app.view(),
            app.comparison().rows.len(),
            app.folder().errors().len(),
        );
        header::render(self, areas.header, buf);
        match app.view() {
            View::Compare => detail::render(self, areas.detail, buf),
            View::Levers => levers::render(self, areas.chart, buf),
            View::FirstPass => first_pass::render(self, areas.chart, buf),
            View::Payback => payback::render(self, areas.chart, buf),
        }
        if areas.table.height > 0 {
            table::render(self, areas.table, areas.table.y == areas.tabs.y, buf);
        }
        file_problems(self, areas.errors, buf);
        sliders::render(self, areas.sliders, buf);
        footer::render(self, areas.footer, buf);
        tabs::render(self, areas.tabs, buf);
        if app.mode() == Mode::Help {
            help::render(self, area, buf);
        }
    }
}

/// A bordered block with a title; `focused` panes get the focus border.
fn block<'a>(theme: &Theme, title: &str, focused: bool) -> Block<'a> {
    let border = if focused {
        theme.focus_border
    } else {
        theme.border
    };
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(border)
        .title(Line::styled(title.to_string(), theme.title))
}

/// A pane title naming a profile, ` {name}{rest} `, fitted to a pane
/// `pane_width` wide: the name gives way first, ending in `…`.
fn pane_title(name: &str, rest: &str, pane_width: u16) -> String {
    // Two corners and a space inside each.
    let room = usize::from(pane_width).saturating_sub(4);
    let name_room = room.saturating_sub(display_width(rest)).max(1);
    let title = truncate(&format!("{}{rest}", truncate(name, name_room)), room);
    format!(" {title} ")
}

/// The files' problems, located, under the table.
fn file_problems(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let errors = app.folder().errors();
    let shown = usize::from(area.height);
    let mut lines: Vec<Line> = errors
        .iter()
        .take(shown)
        .map(|diagnostic| Line::styled(format!(" ⚠ {}", in_folder(app, diagnostic)), theme.error))
        .collect();
    if errors.len() > shown
        && let Some(last) = lines.last_mut()
    {
        *last = Line::styled(
            format!(
                " ⚠ … and {} more problems: `costlens check` lists them",
                errors.len() - shown + 1
            ),
            theme.error,
        );
    }
    Paragraph::new(lines).render(area, buf);
}

/// A problem with its path relative to the folder the header names: the
/// file name and the message are what matter on a narrow screen.
fn in_folder(app: &App, diagnostic: &Diagnostic) -> Diagnostic {
    let mut shown = diagnostic.clone();
    if let Source::Folder(dir) = app.source()
        && let Ok(relative) = Path::new(&diagnostic.path).strip_prefix(dir)
    {
        shown.path = relative.display().to_string();
    }
    shown
}

fn too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "costlens needs a terminal of at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}. Enlarge the window or shrink the font.",
        area.width, area.height
    );
    let [middle] = area.layout(&Layout::vertical([Constraint::Length(3)]).flex(Flex::Center));
    Paragraph::new(text)
        .style(theme.text)
        .centered()
        .wrap(Wrap { trim: true })
        .render(middle, buf);
}

/// What a mouse event on a screen of `size` asks for.
pub fn mouse_action(app: &App, event: MouseEvent, size: Rect) -> Option<Action> {
    if app.mode() != Mode::Explore || size.width < MIN_WIDTH || size.height < MIN_HEIGHT {
        return None;
    }
    // The meeting's screen has no table, tabs or slider tracks where the
    // explorer's layout puts them: the wheel still changes the profile.
    if app.screen() == Screen::Presentation {
        return match event.kind {
            MouseEventKind::ScrollDown => Some(Action::SelectNext),
            MouseEventKind::ScrollUp => Some(Action::SelectPrevious),
            _ => None,
        };
    }
    let areas = Areas::for_view(
        size,
        app.view(),
        app.comparison().rows.len(),
        app.folder().errors().len(),
    );
    let (column, row) = (event.column, event.row);
    let inside = |rect: Rect| rect.contains(ratatui::layout::Position { x: column, y: row });
    match event.kind {
        MouseEventKind::ScrollDown => Some(Action::SelectNext),
        MouseEventKind::ScrollUp => Some(Action::SelectPrevious),
        MouseEventKind::Down(MouseButton::Left) if inside(areas.tabs) => {
            layout::tab_at(areas.tabs, column, row).map(Action::ShowView)
        }
        MouseEventKind::Down(MouseButton::Left) if inside(areas.table) => {
            let body = table_body(areas.table);
            let offset = table_offset(app.selected(), areas.visible_rows());
            // The borders (and the `↓ N more` on the bottom one) are no row.
            let on_row = body.contains(ratatui::layout::Position { x: column, y: row });
            on_row.then(|| Action::SelectRow(offset + usize::from(row - body.y)))
        }
        MouseEventKind::Down(MouseButton::Left) | MouseEventKind::Drag(MouseButton::Left)
            if inside(areas.sliders) =>
        {
            let count = app.sliders().len();
            let rows = SliderRows::new(areas.sliders, count, app.focused_slider());
            let (slider, position) = rows.slider_at(column, row)?;
            Some(Action::SetSliderPosition { slider, position })
        }
        _ => None,
    }
}

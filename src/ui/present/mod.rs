//! Presentation mode (`P`): the meeting's screen. A one-line bar saying
//! it is on, the selected profile's cost per merged change in big text,
//! the active view enlarged, the four main levers as large sliders and
//! one line of keys. No file paths, no hint footer, nothing dim: every
//! region draws from a copy of the theme whose `dim` and `border` are the
//! text's own style, so the explorer's renderers reused here (and the
//! help over them) read from the back of the room too. The figures are the explorer's, unchanged.

mod bars;
mod big_sliders;
mod headline;
mod top_bar;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType};

use super::{DrawContext, Theme, first_pass, help, levers, payback};
use crate::app::{Mode, View};
use crate::report::truncate;

/// Rows of the sliders' boxes: a border, the value, the track, a border.
const SLIDERS_HEIGHT: u16 = 4;
/// From this height a blank row parts the headline from the view.
const GAP_FROM_HEIGHT: u16 = 30;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let theme = meeting_theme(ctx.theme);
    let ctx = DrawContext::new(ctx.app, &theme);
    let headline = headline::Headline::of(&ctx, area);
    let gap = u16::from(area.height >= GAP_FROM_HEIGHT);
    let [top, big, _, view, sliders, keys] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(headline.height()),
        Constraint::Length(gap),
        Constraint::Fill(1),
        Constraint::Length(SLIDERS_HEIGHT),
        Constraint::Length(1),
    ]));
    top_bar::render(&ctx, top, buf);
    headline.render(&ctx, big, buf);
    match ctx.app.view() {
        View::Compare => bars::render(&ctx, view, buf),
        View::Levers => levers::render_large(&ctx, view, buf),
        View::FirstPass => first_pass::render_large(&ctx, view, buf),
        View::Payback => payback::render_large(&ctx, view, buf),
    }
    big_sliders::render(&ctx, sliders, buf);
    top_bar::render_keys(&ctx, keys, buf);
    if ctx.app.mode() == Mode::Help {
        help::render(&ctx, area, buf);
    }
}

/// The theme with nothing dim: secondary text, axes and borders take the
/// text's style, which every theme keeps readable on its background.
fn meeting_theme(theme: &Theme) -> Theme {
    Theme {
        dim: theme.text,
        border: theme.text,
        ..*theme
    }
}

/// A view's pane on the meeting's screen: `title` on the top border's
/// left (cut with `…` to fit), `legend` on the bottom border. No tabs:
/// the top bar names the view.
pub(super) fn pane<'a>(theme: &Theme, area: Rect, title: &str, legend: Line<'a>) -> Block<'a> {
    let room = usize::from(area.width.saturating_sub(4));
    Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Line::styled(truncate(title, room), theme.title))
        .title_bottom(legend)
}

/// `$22.61`: the app's money with its currency, as the sliders show it.
fn dollars(value: f64) -> String {
    format!("${}", crate::report::money(value))
}

/// `$15,434`: weekly sums in whole dollars, as the payback view shows them.
fn whole_dollars(value: f64) -> String {
    format!("${}", crate::report::grouped(value.abs(), 0))
}

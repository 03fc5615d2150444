//! The meeting's levers, side by side at the bottom: one box each with
//! the lever's name on its border, the value in bold (a moved what-if in
//! the `moved` style, with the file's value beside it) and a thick track
//! `██████●──────`. The focused one has a heavy border in the focus
//! colour and a `▸`. The usual keys move them (Tab, ←/→, H/L).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::DrawContext;
use crate::app::{Slider, SliderView};
use crate::report::{display_width, truncate};
use crate::ui::Theme;
use crate::ui::sliders::Origin;

/// A box narrower than this cannot show a value and a track.
const MIN_BOX_WIDTH: u16 = 16;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let sliders = app.sliders();
    if sliders.is_empty() || area.height < 3 {
        return;
    }
    let focused_at = app.focused_slider();
    let id = app.selected_id().unwrap_or_default();
    // As many boxes as fit, the focused one always among them.
    let fit = usize::from((area.width / MIN_BOX_WIDTH).max(1));
    let first = focused_at
        .saturating_sub(fit - 1)
        .min(sliders.len().saturating_sub(fit));
    let shown = &sliders[first..sliders.len().min(first + fit)];
    let boxes = area.layout_vec(&Layout::horizontal(
        shown.iter().map(|_| Constraint::Fill(1)),
    ));
    for (at, (slider, rect)) in shown.iter().zip(boxes.iter()).enumerate() {
        let focused = first + at == focused_at;
        let view = app.slider_view(slider, &id);
        let origin = Origin::of(app.selected_row(), slider);
        draw_box(theme, slider, (view, origin), focused, *rect, buf);
    }
}

fn draw_box(
    theme: &Theme,
    slider: &Slider,
    (view, origin): (Option<SliderView>, Option<Origin>),
    focused: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let room = usize::from(area.width.saturating_sub(4));
    let label = if display_width(&slider.label) + 2 <= room {
        slider.label.as_ref()
    } else {
        slider.short.as_ref()
    };
    let (border, border_style, title) = if focused {
        (
            BorderType::Thick,
            theme.focus_border,
            Line::styled(
                format!("▸ {} ", truncate(label, room.saturating_sub(3))),
                theme.key,
            ),
        )
    } else {
        (
            BorderType::Rounded,
            theme.border,
            Line::styled(
                format!(" {} ", truncate(label, room.saturating_sub(2))),
                theme.text.add_modifier(Modifier::BOLD),
            ),
        )
    };
    let outer = Block::bordered()
        .border_type(border)
        .border_style(border_style)
        .title(title);
    let inner = outer.inner(area);
    outer.render(area, buf);
    if inner.height == 0 || inner.width < 2 {
        return;
    }
    let value_line = Rect {
        x: inner.x + 1,
        width: inner.width - 1,
        height: 1,
        ..inner
    };
    let mut value = value_text(theme, slider, view, value_line.width);
    if let Some(origin) = origin {
        // Where the figure came from, the meeting's first question: the
        // word when it fits, else the glyph alone.
        let used = value.width();
        let room = usize::from(value_line.width).saturating_sub(used);
        let mark = format!("  {} {}", origin.glyph(), origin.word());
        let mark = if display_width(&mark) <= room {
            mark
        } else {
            format!(" {}", origin.glyph())
        };
        if display_width(&mark) <= room {
            value.push_span(Span::styled(mark, origin.style(theme)));
        }
    }
    value.render(value_line, buf);
    if inner.height >= 2 {
        let track_line = Rect {
            y: inner.y + 1,
            ..value_line
        };
        track(theme, view, track_line.width.saturating_sub(1)).render(track_line, buf);
    }
}

/// `80.0%  was 72.0%`: the value bold, and the file's value when a
/// what-if moved it and there is room.
fn value_text(
    theme: &Theme,
    slider: &Slider,
    view: Option<SliderView>,
    width: u16,
) -> Line<'static> {
    let Some(view) = view else {
        return Line::styled("—", theme.text.add_modifier(Modifier::BOLD));
    };
    let value = slider.unit.show(view.value);
    let style = if view.moved {
        theme.moved.add_modifier(Modifier::BOLD)
    } else {
        theme.text.add_modifier(Modifier::BOLD)
    };
    let mut spans = vec![Span::styled(value.clone(), style)];
    if view.moved {
        let was = format!("  was {}", slider.file_text(&view));
        if display_width(&value) + display_width(&was) <= usize::from(width) {
            spans.push(Span::styled(was, theme.text));
        }
    }
    Line::from(spans)
}

/// `██████●──────`: filled to the value, the knob, the rest.
fn track(theme: &Theme, view: Option<SliderView>, width: u16) -> Line<'static> {
    // No value (a field the file leaves unset): a dotted track.
    let Some(view) = view.filter(|view| view.value.is_finite()) else {
        return Line::styled("·".repeat(usize::from(width)), theme.text);
    };
    if width < 2 {
        return Line::default();
    }
    let (low, high) = view.range;
    let position = if high > low {
        ((view.value - low) / (high - low)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let knob = (position * f64::from(width - 1)).round() as usize;
    let width = usize::from(width);
    Line::from(vec![
        Span::styled("█".repeat(knob), theme.track),
        Span::styled("●", theme.knob),
        Span::styled("─".repeat(width - knob - 1), theme.text),
    ])
}

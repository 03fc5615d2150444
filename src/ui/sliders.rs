//! The sliders pane: each slider's value with its unit, where the file
//! has it, and a mark when a what-if moved it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;
use super::layout::SliderRows;
use super::{Theme, block};
use crate::app::{SLIDERS, Slider, SliderView};

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let name = app.selected_row().map_or("—", |row| row.name.as_str());
    let focused = SLIDERS[app.focused_slider()];
    let id = app.selected_id().unwrap_or_default();
    let views: Vec<Option<SliderView>> = SLIDERS
        .iter()
        .map(|slider| app.slider_view(slider, &id))
        .collect();
    let note = match views[app.focused_slider()] {
        Some(view) => format!(
            " {}: file {} ",
            focused.label,
            focused.unit.show(view.file_value)
        ),
        None => format!(" {}: not for a mix ", focused.label),
    };
    let outer = block(theme, &format!(" What-ifs · {name} "), true)
        .title_bottom(Line::from(note).right_aligned());
    outer.render(area, buf);
    let rows = SliderRows::new(area);
    for (at, (slider, view)) in SLIDERS.iter().zip(&views).enumerate() {
        let Some(line) = rows.line(at) else { break };
        let focused = at == app.focused_slider();
        if rows.two_lines {
            label_line(theme, slider, *view, focused).render(line, buf);
            if let Some(track_area) = rows.track(at) {
                track(theme, *view, track_area.width).render(track_area, buf);
            }
        } else {
            let track_width = rows.track(at).map_or(0, |track| track.width);
            compact_line(theme, slider, *view, focused, track_width).render(line, buf);
        }
    }
}

fn marker(theme: &Theme, focused: bool) -> Span<'static> {
    if focused {
        Span::styled("▸ ", theme.key)
    } else {
        Span::raw("  ")
    }
}

fn value_span(theme: &Theme, slider: &Slider, view: Option<SliderView>) -> Span<'static> {
    match view {
        Some(view) => {
            let style = if view.moved { theme.moved } else { theme.text };
            Span::styled(slider.unit.show(view.value), style)
        }
        None => Span::styled("—", theme.dim),
    }
}

fn moved_mark(theme: &Theme, view: Option<SliderView>) -> Span<'static> {
    match view {
        Some(view) if view.moved => Span::styled(" *", theme.moved),
        _ => Span::raw("  "),
    }
}

/// One row: `▸ First pass      80.0% ━━━━━●┊──── *`.
fn compact_line(
    theme: &Theme,
    slider: &Slider,
    view: Option<SliderView>,
    focused: bool,
    track_width: u16,
) -> Line<'static> {
    let label_style = if focused { theme.key } else { theme.text };
    let value = value_span(theme, slider, view);
    let padded = format!("{:>11}", value.content);
    let mut spans = vec![
        marker(theme, focused),
        Span::styled(format!("{:<10}", slider.short), label_style),
        Span::raw(" "),
        Span::styled(padded, value.style),
        Span::raw(" "),
    ];
    spans.extend(track(theme, view, track_width).spans);
    spans.push(moved_mark(theme, view));
    Line::from(spans)
}

/// The first of two rows: label, value and the file's value in words.
fn label_line(
    theme: &Theme,
    slider: &Slider,
    view: Option<SliderView>,
    focused: bool,
) -> Line<'static> {
    let label_style = if focused { theme.key } else { theme.text };
    let file = view.map_or("not for a mix".to_string(), |view| {
        format!("file {}", slider.unit.show(view.file_value))
    });
    Line::from(vec![
        marker(theme, focused),
        Span::styled(format!("{:<16}", slider.label), label_style),
        value_span(theme, slider, view),
        Span::styled(format!("  ({file})"), theme.dim),
        moved_mark(theme, view),
    ])
}

/// `━━━━●───┊───`: filled to the value, `┊` where the file has it.
fn track(theme: &Theme, view: Option<SliderView>, width: u16) -> Line<'static> {
    let Some(view) = view else {
        return Line::styled("·".repeat(usize::from(width)), theme.dim);
    };
    if width < 2 {
        return Line::default();
    }
    let last = f64::from(width - 1);
    let at = |value: f64| {
        let (low, high) = view.range;
        let position = if high > low && value.is_finite() {
            ((value - low) / (high - low)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (position * last).round() as u16
    };
    let (knob, file) = (at(view.value), at(view.file_value));
    // Runs of one glyph, not a span per cell: this is drawn on every key press.
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(5);
    let mut run = |from: u16, to: u16, glyph: &str, style| {
        if to > from {
            spans.push(Span::styled(glyph.repeat(usize::from(to - from)), style));
        }
    };
    let file_left = file < knob;
    if file_left {
        run(0, file, "━", theme.track);
        run(file, file + 1, "┊", theme.dim);
        run(file + 1, knob, "━", theme.track);
    } else {
        run(0, knob, "━", theme.track);
    }
    run(knob, knob + 1, "●", theme.knob);
    if file > knob {
        run(knob + 1, file, "─", theme.dim);
        run(file, file + 1, "┊", theme.dim);
        run(file + 1, width, "─", theme.dim);
    } else {
        run(knob + 1, width, "─", theme.dim);
    }
    Line::from(spans)
}

//! The sliders pane: each slider's value with its unit, where the file
//! has it, and a mark when a what-if moved it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;
use super::layout::{LABEL_CELLS, MARKER_CELLS, SHORT_LABEL_CELLS, SliderRows, VALUE_CELLS};
use super::{Theme, block, pane_title};
use crate::app::{Slider, SliderView};
use crate::report::{pad_left, pad_right, truncate};

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let name = app.selected_row().map_or("—", |row| row.name.as_str());
    let sliders = app.sliders();
    let focused_at = app.focused_slider();
    let id = app.selected_id().unwrap_or_default();
    let rows = SliderRows::new(area, sliders.len(), focused_at);
    // The focused slider's whole name and the file's value; on a narrow
    // pane the name gives way, ending in `…`.
    let note = match sliders.get(focused_at) {
        Some(focused) => {
            let file = match app.slider_view(focused, &id) {
                Some(view) => format!(": file {}", focused.file_text(&view)),
                None => ": —".to_string(),
            };
            pane_title(&focused.label, &file, area.width)
        }
        None => String::new(),
    };
    let title = pane_title(&format!("What-ifs · {name}"), "", area.width);
    let outer = block(theme, &title, true).title_bottom(Line::from(note).right_aligned());
    outer.render(area, buf);
    // Only the sliders shown are looked at: this is drawn on every key press.
    for at in rows.shown() {
        let (Some(slider), Some(line)) = (sliders.get(at), rows.line(at)) else {
            break;
        };
        let view = app.slider_view(slider, &id);
        let focused = at == focused_at;
        if rows.two_lines {
            label_line(theme, slider, view, focused).render(line, buf);
            if let Some(track_area) = rows.track(at) {
                track(theme, view, track_area.width).render(track_area, buf);
            }
        } else {
            let track_width = rows.track(at).map_or(0, |track| track.width);
            compact_line(theme, slider, view, focused, track_width).render(line, buf);
        }
    }
    for (more, arrow) in [(rows.more_above(), "↑"), (rows.more_below(), "↓")] {
        if let Some((line, hidden)) = more {
            Line::styled(format!("  {arrow} {hidden} more"), theme.dim).render(line, buf);
        }
    }
}

fn marker(theme: &Theme, focused: bool) -> Span<'static> {
    let cells = usize::from(MARKER_CELLS);
    if focused {
        Span::styled(pad_right("▸", cells), theme.key)
    } else {
        Span::raw(" ".repeat(cells))
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
    // Padded and cut by display cells, so the track starts where
    // `SliderRows` says, whatever the label's script.
    let cells = usize::from(VALUE_CELLS);
    let padded = pad_left(&truncate(&value.content, cells), cells);
    let mut spans = vec![
        marker(theme, focused),
        Span::styled(
            pad_right(&slider.short, usize::from(SHORT_LABEL_CELLS)),
            label_style,
        ),
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
    let file = view.map_or("—".to_string(), |view| {
        format!("file {}", slider.file_text(&view))
    });
    Line::from(vec![
        marker(theme, focused),
        Span::styled(
            pad_right(&slider.label, usize::from(LABEL_CELLS)),
            label_style,
        ),
        value_span(theme, slider, view),
        Span::styled(format!("  ({file})"), theme.dim),
        moved_mark(theme, view),
    ])
}

/// `━━━━●───┊───`: filled to the value, `┊` where the file has it.
fn track(theme: &Theme, view: Option<SliderView>, width: u16) -> Line<'static> {
    // No value (a field the file leaves unset): a dotted track.
    let Some(view) = view.filter(|view| view.value.is_finite()) else {
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
    let knob = at(view.value);
    // An unset file value has no place on the track: no `┊`.
    let file = if view.file_value.is_finite() {
        at(view.file_value)
    } else {
        knob
    };
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

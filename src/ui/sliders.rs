//! The sliders pane: each slider's value with its unit, where the file
//! has it, a mark when a what-if moved it, and for a `[usage]` or
//! `[quality]` field whether the file's figure is measured (`◆`) or
//! assumed (`◇`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;
use super::layout::{LABEL_CELLS, MARKER_CELLS, SHORT_LABEL_CELLS, SliderRows, VALUE_CELLS};
use super::{Theme, block, pane_title};
use crate::app::{Slider, SliderTarget, SliderView};
use crate::profile::{ProfileKind, measured_name};
use crate::report::{Row, display_width, pad_left, pad_right, truncate};

/// Where the file's figure behind a slider comes from: the team's records
/// (named in the profile's `[calibration]`) or an assumption.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    Measured,
    Assumed,
}

impl Origin {
    /// The origin of `slider`'s figure in `row` (the selected profile);
    /// `None` for a slider that is not a `[usage]` or `[quality]` field of
    /// a model (a price, the scenario, a mix's share).
    pub(super) fn of(row: Option<&Row>, slider: &Slider) -> Option<Origin> {
        let SliderTarget::Profile(field) = slider.target else {
            return None;
        };
        measured_name(field)?;
        let row = row.filter(|row| row.kind == ProfileKind::Model)?;
        let measured = row
            .calibration
            .as_ref()
            .is_some_and(|c| c.is_measured(field));
        Some(if measured {
            Origin::Measured
        } else {
            Origin::Assumed
        })
    }

    pub(super) fn glyph(self) -> &'static str {
        match self {
            Origin::Measured => "◆",
            Origin::Assumed => "◇",
        }
    }

    pub(super) fn word(self) -> &'static str {
        match self {
            Origin::Measured => "measured",
            Origin::Assumed => "assumed",
        }
    }

    pub(super) fn style(self, theme: &Theme) -> ratatui::style::Style {
        match self {
            Origin::Measured => theme.info,
            Origin::Assumed => theme.dim,
        }
    }
}

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let row = app.selected_row();
    let name = row.map_or("—", |row| row.name.as_str());
    let sliders = app.sliders();
    let focused_at = app.focused_slider();
    let id = app.selected_id().unwrap_or_default();
    let rows = SliderRows::new(area, sliders.len(), focused_at);
    // The focused slider's whole name, the file's value and where that
    // comes from; on a narrow pane the name gives way, ending in `…`.
    let note = match sliders.get(focused_at) {
        Some(focused) => {
            let origin = Origin::of(row, focused)
                .map_or(String::new(), |origin| format!(", {}", origin.word()));
            let file = match app.slider_view(focused, &id) {
                Some(view) => format!(": file {}{origin}", focused.file_text(&view)),
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
        let origin = Origin::of(row, slider);
        if rows.two_lines {
            label_line(theme, slider, view, (focused, origin), line.width).render(line, buf);
            if let Some(track_area) = rows.track(at) {
                track(theme, view, track_area.width).render(track_area, buf);
            }
        } else {
            let track_width = rows.track(at).map_or(0, |track| track.width);
            compact_line(theme, slider, view, (focused, origin), track_width).render(line, buf);
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

/// A one-line slider's marker: the focus `▸` in the first cell, and in
/// the second, where the label would otherwise have a blank before it,
/// `◆` for a measured figure or `◇` for an assumed one. The pane's bottom
/// line says the word for the focused slider.
fn compact_marker(theme: &Theme, focused: bool, origin: Option<Origin>) -> Vec<Span<'static>> {
    let Some(origin) = origin else {
        return vec![marker(theme, focused)];
    };
    let focus = if focused {
        Span::styled("▸", theme.key)
    } else {
        Span::raw(" ")
    };
    vec![focus, Span::styled(origin.glyph(), origin.style(theme))]
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

/// One row: `▸◇First pass      80.0% ━━━━━●┊──── *`.
fn compact_line(
    theme: &Theme,
    slider: &Slider,
    view: Option<SliderView>,
    (focused, origin): (bool, Option<Origin>),
    track_width: u16,
) -> Line<'static> {
    let label_style = if focused { theme.key } else { theme.text };
    let value = value_span(theme, slider, view);
    // Padded and cut by display cells, so the track starts where
    // `SliderRows` says, whatever the label's script.
    let cells = usize::from(VALUE_CELLS);
    let padded = pad_left(&truncate(&value.content, cells), cells);
    let mut spans = compact_marker(theme, focused, origin);
    spans.extend([
        Span::styled(
            pad_right(&slider.short, usize::from(SHORT_LABEL_CELLS)),
            label_style,
        ),
        Span::raw(" "),
        Span::styled(padded, value.style),
        Span::raw(" "),
    ]);
    spans.extend(track(theme, view, track_width).spans);
    spans.push(moved_mark(theme, view));
    Line::from(spans)
}

/// The first of two rows: label, value, the file's value in words and
/// where it comes from, `▸ First-pass rate 80.0%  (file 80.0%, ◇ assumed) *`,
/// the word left out (then the glyph) where the line is `width` cells
/// too narrow for it.
fn label_line(
    theme: &Theme,
    slider: &Slider,
    view: Option<SliderView>,
    (focused, origin): (bool, Option<Origin>),
    width: u16,
) -> Line<'static> {
    let label_style = if focused { theme.key } else { theme.text };
    let file = view.map_or("—".to_string(), |view| {
        format!("file {}", slider.file_text(&view))
    });
    let value = value_span(theme, slider, view);
    let mut spans = vec![
        marker(theme, focused),
        Span::styled(
            pad_right(&slider.label, usize::from(LABEL_CELLS)),
            label_style,
        ),
        value,
        Span::styled(format!("  ({file}"), theme.dim),
    ];
    let moved = moved_mark(theme, view);
    let used: usize = spans
        .iter()
        .map(|span| display_width(&span.content))
        .sum::<usize>()
        + display_width(")")
        + display_width(&moved.content);
    let room = usize::from(width).saturating_sub(used + display_width(", "));
    let said = origin.and_then(|origin| {
        let full = format!("{} {}", origin.glyph(), origin.word());
        let text = [full, origin.glyph().to_string()]
            .into_iter()
            .find(|text| display_width(text) <= room)?;
        Some([
            Span::styled(", ", theme.dim),
            Span::styled(text, origin.style(theme)),
        ])
    });
    spans.extend(said.into_iter().flatten());
    spans.push(Span::styled(")", theme.dim));
    spans.push(moved);
    Line::from(spans)
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

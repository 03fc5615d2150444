//! The comparison table: every profile, cheapest first, with its
//! difference to the reference row and a spend-by-attempt sparkline on a
//! scale shared by all rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::DrawContext;
use super::layout::{table_body, table_offset};
use super::tabs::title_room;
use super::{Theme, block};

use crate::profile::ProfileKind;
use crate::report::{Column, Row, display_width, money, pad_right, truncate};

/// Widths of the cost and difference columns.
const COST_WIDTH: usize = 9;
const DELTA_WIDTH: usize = 11;
/// Inner width, in cells, from which the table shows money parts, not
/// shares.
const WIDE_FROM_CELLS: u16 = 110;
/// Eight heights of a sparkline bar, lowest first.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws the table in `area`; `under_tabs` when its top border carries
/// the views' tabs (its title then goes right of them).
pub(super) fn render(ctx: &DrawContext, area: Rect, under_tabs: bool, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let comparison = app.comparison();
    let body = table_body(area);
    let offset = table_offset(app.selected(), usize::from(body.height));
    let (above, below) = out_of_view(comparison.rows.len(), offset, usize::from(body.height));
    let geometry = Geometry::new(
        area.width.saturating_sub(2),
        app.scenario().baseline_hours.is_some(),
    );
    let outer = outer_block(ctx, area, under_tabs, (above, below), &geometry);
    let inner = outer.inner(area);
    outer.render(area, buf);
    if comparison.rows.is_empty() {
        Line::styled("No valid profiles in this folder.", theme.dim).render(inner, buf);
        return;
    }
    render_header(ctx, &geometry, inner, buf);
    render_rows(ctx, &geometry, body, buf);
}

/// The border: the title (right of the tabs when under them), how many
/// rows are out of view above and below, and what the Δ column compares
/// with.
fn outer_block<'a>(
    ctx: &DrawContext,
    area: Rect,
    under_tabs: bool,
    (above, below): (usize, usize),
    geometry: &Geometry,
) -> Block<'a> {
    let theme = ctx.theme;
    let rows = ctx.app.comparison().rows.len();
    // Inside the corners, minus one space each side.
    let border_room = usize::from(area.width).saturating_sub(4);
    let up = (above > 0).then(|| format!(" ↑ {above} more "));
    let down = (below > 0).then(|| format!(" ↓ {below} more "));
    let up_width = up.as_deref().map_or(0, display_width);
    let down_width = down.as_deref().map_or(0, display_width);
    let note = truncate(
        &bottom_note(ctx, geometry.spend_footnote),
        border_room.saturating_sub(down_width + 1),
    );
    let titles = [
        format!(" Cost per merged change, USD · {rows} profiles · cheapest first "),
        format!(" USD per merge · {rows} profiles "),
        format!(" {rows} profiles "),
    ];
    let fitting = |room: usize| {
        let title = titles.iter().find(|title| display_width(title) <= room);
        title.cloned().unwrap_or_default()
    };
    let mut outer = if under_tabs {
        let title = fitting(title_room(area).saturating_sub(up_width));
        let mut spans = vec![Span::styled(title, theme.title)];
        spans.extend(up.map(|up| Span::styled(up, theme.key)));
        block(theme, "", false).title(Line::from(spans).right_aligned())
    } else {
        let title = fitting(border_room.saturating_sub(up_width));
        let outer = block(theme, &title, false);
        match up {
            Some(up) => outer.title(Line::styled(up, theme.key).right_aligned()),
            None => outer,
        }
    };
    outer = outer.title_bottom(Line::from(note).right_aligned());
    if let Some(down) = down {
        outer = outer.title_bottom(Line::styled(down, theme.key).left_aligned());
    }
    outer
}

/// How many of `rows` are above and below the `visible` shown from
/// `offset`: the table says so rather than hide rows silently.
fn out_of_view(rows: usize, offset: usize, visible: usize) -> (usize, usize) {
    let above = offset.min(rows);
    let below = rows.saturating_sub(offset + visible);
    (above, below)
}

/// Under the table: which row the Δ column compares with, and a word when
/// some rows show a broken file's last good values.
fn bottom_note(ctx: &DrawContext, spend_footnote: bool) -> String {
    let comparison = ctx.app.comparison();
    let mut note = ctx.app.reference_row().map_or(String::new(), |row| {
        format!(" Δ against {} (p pins) ", row.name)
    });
    if spend_footnote {
        note = format!(" ¹ spend ex. reverts ·{note}");
    }
    if comparison.rows.iter().any(|row| row.stale) {
        note = format!(" ! file broken: last good values ·{note}");
    }
    note
}

/// How wide each part of a table line is at this width.
struct Geometry {
    figures: Vec<FigureColumn>,
    name_width: usize,
    spark_width: u16,
    /// The sparkline's heading: it says the spend leaves out reverts, in
    /// a footnote (`Spend¹`) when the column is narrow.
    spark_header: &'static str,
    spend_footnote: bool,
}

/// The sparkline's headings, longest first: the first that fits is used.
const SPARK_HEADERS: [&str; 3] = [
    "Spend by attempt, ex. reverts",
    "Spend, ex. reverts",
    "Spend¹",
];

impl Geometry {
    fn new(inner_width: u16, with_baseline: bool) -> Geometry {
        let wide = inner_width >= WIDE_FROM_CELLS;
        // Wide screens give the sparkline room to show its shape.
        let spark_width = if wide {
            (inner_width / 6).clamp(20, 32)
        } else {
            10
        };
        let figures = figure_columns(wide, with_baseline);
        let block_width: usize = figures
            .iter()
            .map(|column| column.width + 1)
            .sum::<usize>()
            .saturating_sub(1);
        // Fixed columns and one space between each; the name takes the rest.
        let name_width = usize::from(inner_width)
            .saturating_sub(COST_WIDTH + DELTA_WIDTH + block_width + usize::from(spark_width) + 4);
        let spark_header = SPARK_HEADERS
            .into_iter()
            .find(|header| display_width(header) <= usize::from(spark_width))
            .unwrap_or(SPARK_HEADERS[2]);
        Geometry {
            figures,
            name_width,
            spark_width,
            spark_header,
            spend_footnote: spark_header == SPARK_HEADERS[2],
        }
    }
}

fn render_header(ctx: &DrawContext, geometry: &Geometry, inner: Rect, buf: &mut Buffer) {
    let Geometry {
        name_width,
        spark_header,
        ..
    } = *geometry;
    let spark = usize::from(geometry.spark_width);
    let header = format!(
        "{:<name_width$} {:>COST_WIDTH$} {:>DELTA_WIDTH$} {} {spark_header:>spark$}",
        "   Profile",
        Column::Cost.header(),
        "Δ ref",
        aligned(&geometry.figures, |column| column.header.to_string()),
    );
    let header_area = Rect { height: 1, ..inner };
    buf.set_style(header_area, ctx.theme.header_row);
    buf.set_line(inner.x, inner.y, &Line::from(header), inner.width);
}

/// The rows that fit in `body`, scrolled to keep the selection in view.
/// Each row is one line of a few spans rather than a Table of cells: the
/// rows are redrawn on every key press, and this halves their cost.
fn render_rows(ctx: &DrawContext, geometry: &Geometry, body: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let rows = &app.comparison().rows;
    let shared_max = rows
        .iter()
        .flat_map(|row| row.figures.core.spend_by_attempt.iter().copied())
        .filter(|value| value.is_finite())
        .fold(0.0, f64::max);
    let reference = app.reference_row();
    let visible = usize::from(body.height);
    let offset = table_offset(app.selected(), visible);
    let shown = rows.iter().enumerate().skip(offset).take(visible);
    for (line, (at, row)) in shown.enumerate() {
        let selected = at == app.selected();
        let style = match (selected, row.stale) {
            (true, _) => theme.selected,
            (false, true) => theme.dim,
            (false, false) => theme.text,
        };
        let spans = row_spans(theme, geometry, row, selected, shared_max, reference);
        let row_area = Rect {
            y: body.y + line as u16,
            height: 1,
            ..body
        };
        buf.set_style(row_area, style);
        buf.set_line(row_area.x, row_area.y, &Line::from(spans), row_area.width);
    }
}

/// One row: marker and name, cost, difference to the reference, the
/// figure columns and the sparkline (on the scale `shared_max`).
fn row_spans(
    theme: &Theme,
    geometry: &Geometry,
    row: &Row,
    selected: bool,
    shared_max: f64,
    reference: Option<&Row>,
) -> Vec<Span<'static>> {
    let name = pad_right(
        &format!("{}{}", marker(row, selected), row.name),
        geometry.name_width,
    );
    let spend = &row.figures.core.spend_by_attempt;
    vec![
        Span::raw(format!("{name} {:>COST_WIDTH$} ", Column::Cost.text(row))),
        delta_span(theme, row, reference),
        Span::raw(format!(
            " {} ",
            aligned(&geometry.figures, |column| column.text(row))
        )),
        Span::styled(
            sparkline(spend, shared_max, geometry.spark_width),
            theme.spark,
        ),
    ]
}

/// "▶" for the selected row, "~" for a mix: never colour alone.
/// "!" for a stale row (its file is broken; last good values shown).
fn marker(row: &Row, selected: bool) -> String {
    let select = if selected { '▶' } else { ' ' };
    let state = match (row.stale, row.kind) {
        (true, _) => '!',
        (false, ProfileKind::Mix) => '~',
        (false, ProfileKind::Model) => ' ',
    };
    format!("{select}{state} ")
}

/// The difference to the reference row, right-aligned in its column.
fn delta_span(theme: &Theme, row: &Row, reference: Option<&Row>) -> Span<'static> {
    let Some(reference) = reference else {
        return Span::raw(" ".repeat(DELTA_WIDTH));
    };
    if reference.id == row.id {
        return Span::raw(format!("{:>DELTA_WIDTH$}", "ref"));
    }
    let reference_cost = reference.figures.core.cost_per_merge;
    let delta = row.figures.core.cost_per_merge - reference_cost;
    let (text, style) = match delta {
        d if !d.is_finite() => ("—".to_string(), theme.dim),
        d if d > 0.0 => (format!("▲ +{}", money(d)), theme.dearer),
        d if d < 0.0 => (format!("▼ -{}", money(-d)), theme.cheaper),
        _ => ("= 0.00".to_string(), theme.dim),
    };
    Span::styled(format!("{text:>DELTA_WIDTH$}"), style)
}

/// One unstyled figure column inside the shared figures cell.
struct FigureColumn {
    column: Column,
    header: &'static str,
    width: usize,
    /// Parts of the cost as shares, rates in whole percent.
    compact: bool,
}

impl FigureColumn {
    fn text(&self, row: &Row) -> String {
        if self.compact {
            self.column.compact_text(row)
        } else {
            self.column.text(row)
        }
    }
}

/// Token, review and regression (money when wide, shares when narrow),
/// tries, and with a baseline the saving (wide) and ROI.
fn figure_columns(wide: bool, with_baseline: bool) -> Vec<FigureColumn> {
    let parts = [Column::Tokens, Column::Review, Column::Regress];
    let mut columns: Vec<FigureColumn> = parts
        .into_iter()
        .map(|column| match wide {
            true => FigureColumn {
                column,
                header: column.header(),
                width: 8,
                compact: false,
            },
            false => FigureColumn {
                column,
                header: column.share_header(),
                width: 4,
                compact: true,
            },
        })
        .collect();
    let plain = |column: Column, width, compact| FigureColumn {
        column,
        header: column.header(),
        width,
        compact,
    };
    columns.push(plain(Column::Tries, 5, false));
    if with_baseline {
        if wide {
            columns.push(plain(Column::Saving, 9, false));
        }
        columns.push(plain(Column::Roi, 7, true));
    }
    columns
}

/// The columns' texts, each right-aligned in its width, one space apart.
fn aligned(columns: &[FigureColumn], text: impl Fn(&FigureColumn) -> String) -> String {
    let mut out = String::new();
    for (at, column) in columns.iter().enumerate() {
        if at > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{:>width$}", text(column), width = column.width));
    }
    out
}

/// Bars for `series` on a scale whose top is `max`, squeezed or stretched
/// to `width` characters; non-finite values draw as a gap.
fn sparkline(series: &[f64], max: f64, width: u16) -> String {
    if series.is_empty() || width == 0 {
        return String::new();
    }
    (0..usize::from(width))
        .map(|column| {
            let value = series[column * series.len() / usize::from(width)];
            if !value.is_finite() || max <= 0.0 {
                return ' ';
            }
            let level = (value / max * BARS.len() as f64).ceil() as usize;
            BARS[level.clamp(1, BARS.len()) - 1]
        })
        .collect()
}

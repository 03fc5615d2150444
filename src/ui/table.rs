//! The comparison table: every profile, cheapest first, with its
//! difference to the reference row and a spend-by-attempt sparkline on a
//! scale shared by all rows.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;
use super::layout::table_offset;
use super::{Theme, block};

use crate::profile::ProfileKind;
use crate::report::{Row, grouped, money};

/// Widths of the cost and difference columns.
const COST_WIDTH: usize = 9;
const DELTA_WIDTH: usize = 11;
/// Inner widths from which the table shows money parts, not shares.
const WIDE: u16 = 110;
/// Eight heights of a sparkline bar, lowest first.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let comparison = app.comparison();
    let title = format!(
        " Cost per merged change, USD · {} profiles · cheapest first ",
        comparison.rows.len()
    );
    let reference = app.reference_row();
    let mut ref_note = reference.map_or(String::new(), |row| {
        format!(" Δ against {} (p pins) ", row.name)
    });
    if comparison.rows.iter().any(|row| row.stale) {
        ref_note = format!(" ! file broken: last good values ·{ref_note}");
    }
    let outer = block(theme, &title, false).title_bottom(Line::from(ref_note).right_aligned());
    let inner = outer.inner(area);
    outer.render(area, buf);
    if comparison.rows.is_empty() {
        Line::styled("No valid profiles in this folder.", theme.dim).render(inner, buf);
        return;
    }
    let wide = inner.width >= WIDE;
    let with_baseline = app.scenario().baseline_hours.is_some();
    // Wide screens give the sparkline room to show its shape.
    let spark_width = if wide {
        (inner.width / 6).clamp(20, 32)
    } else {
        10
    };
    let shared_max = comparison
        .rows
        .iter()
        .flat_map(|row| row.figures.core.spend_by_attempt.iter().copied())
        .filter(|value| value.is_finite())
        .fold(0.0, f64::max);
    let reference_cost = reference.map(|row| row.figures.core.cost_per_merge);
    let reference_id = reference.map(|row| row.id.as_str());

    let figures = figure_columns(wide, with_baseline);
    let block_width: usize = figures
        .iter()
        .map(|column| column.width + 1)
        .sum::<usize>()
        .saturating_sub(1);
    let spark_header = if wide { "Spend by attempt" } else { "Spend" };
    let spark = usize::from(spark_width);
    // Fixed columns and one space between each; the name takes the rest.
    let name_width =
        usize::from(inner.width).saturating_sub(COST_WIDTH + DELTA_WIDTH + block_width + spark + 4);
    let header = format!(
        "{:<name_width$} {:>COST_WIDTH$} {:>DELTA_WIDTH$} {} {spark_header:>spark$}",
        "   Profile",
        "Cost",
        "Δ ref",
        aligned(&figures, |column| column.header.to_string()),
    );
    let header_area = Rect { height: 1, ..inner };
    buf.set_style(header_area, theme.header_row);
    buf.set_line(inner.x, inner.y, &Line::from(header), inner.width);
    // Each row is one line of a few spans rather than a Table of cells:
    // the rows are redrawn on every key press, and this halves their cost.
    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = table_offset(app.selected(), visible);
    for (line, (at, row)) in comparison
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .enumerate()
    {
        let selected = at == app.selected();
        let style = match (selected, row.stale) {
            (true, _) => theme.selected,
            (false, true) => theme.dim,
            (false, false) => theme.text,
        };
        let name: String = format!("{}{}", marker(row, selected), row.name)
            .chars()
            .take(name_width)
            .collect();
        let spans = vec![
            Span::raw(format!(
                "{name:<name_width$} {:>COST_WIDTH$} ",
                money(row.figures.core.cost_per_merge)
            )),
            delta_span(theme, row, reference_cost, reference_id),
            Span::raw(format!(
                " {} ",
                aligned(&figures, |column| (column.cell)(row))
            )),
            Span::styled(
                sparkline(&row.figures.core.spend_by_attempt, shared_max, spark_width),
                theme.spark,
            ),
        ];
        let y = inner.y + 1 + line as u16;
        buf.set_style(
            Rect {
                y,
                height: 1,
                ..inner
            },
            style,
        );
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
    }
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
fn delta_span(
    theme: &Theme,
    row: &Row,
    reference_cost: Option<f64>,
    reference_id: Option<&str>,
) -> Span<'static> {
    if reference_id == Some(row.id.as_str()) {
        return Span::raw(format!("{:>DELTA_WIDTH$}", "ref"));
    }
    let Some(reference_cost) = reference_cost else {
        return Span::raw(" ".repeat(DELTA_WIDTH));
    };
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
    header: &'static str,
    width: usize,
    cell: fn(&Row) -> String,
}

/// Token, review and regression (money when wide, shares when narrow),
/// tries, and with a baseline the saving (wide) and ROI.
fn figure_columns(wide: bool, with_baseline: bool) -> Vec<FigureColumn> {
    let column = |header, width, cell| FigureColumn {
        header,
        width,
        cell,
    };
    let mut columns = if wide {
        vec![
            column("Tokens", 8, |r: &Row| {
                money(r.figures.core.token_cost_per_merge)
            }),
            column("Review", 8, |r: &Row| {
                money(r.figures.core.review_cost_per_merge)
            }),
            column("Regress", 8, |r: &Row| {
                money(r.figures.core.regression_cost)
            }),
        ]
    } else {
        vec![
            column("Tok", 4, |r: &Row| {
                share(
                    r.figures.core.token_cost_per_merge,
                    r.figures.core.cost_per_merge,
                )
            }),
            column("Rev", 4, |r: &Row| {
                share(
                    r.figures.core.review_cost_per_merge,
                    r.figures.core.cost_per_merge,
                )
            }),
            column("Reg", 4, |r: &Row| {
                share(
                    r.figures.core.regression_cost,
                    r.figures.core.cost_per_merge,
                )
            }),
        ]
    };
    columns.push(column("Tries", 5, |r: &Row| {
        grouped(r.figures.core.expected_attempts, 2)
    }));
    if with_baseline {
        if wide {
            columns.push(column("Saving", 9, |r: &Row| {
                r.figures.savings_per_merge.map_or("—".to_string(), money)
            }));
        }
        columns.push(column("ROI", 7, |r: &Row| {
            r.figures.roi.map_or("—".to_string(), |roi| {
                format!("{}%", grouped(roi * 100.0, 0))
            })
        }));
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

fn share(part: f64, total: f64) -> String {
    let value = part / total * 100.0;
    if value.is_finite() {
        format!("{value:.0}%")
    } else {
        "—".to_string()
    }
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

//! The comparison table: every profile, cheapest first, with its
//! difference to the reference row and a spend-by-attempt sparkline on a
//! scale shared by all rows.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row as TableRow, Table, Widget};

use super::layout::table_offset;
use super::{Theme, block};
use crate::app::App;
use crate::profile::ProfileKind;
use crate::report::{Row, grouped, money};

/// Inner widths from which the table shows money parts, not shares.
const WIDE: u16 = 110;
/// Eight heights of a sparkline bar, lowest first.
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let comparison = app.comparison();
    let title = format!(
        " Cost per merged change, USD · {} profiles · cheapest first ",
        comparison.rows.len()
    );
    let reference = app.reference_row();
    let ref_note = reference.map_or(String::new(), |row| {
        format!(" Δ against {} (p pins) ", row.name)
    });
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
        (inner.width / 5).clamp(20, 40)
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

    let visible = usize::from(inner.height.saturating_sub(1));
    let offset = table_offset(app.selected(), visible);
    let rows = comparison
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(visible)
        .map(|(at, row)| {
            let selected = at == app.selected();
            let mut cells = vec![
                Cell::from(marker(row, selected)),
                Cell::from(row.name.clone()),
                Cell::from(Line::from(money(row.figures.core.cost_per_merge)).right_aligned()),
                delta_cell(theme, row, reference_cost, reference_id),
            ];
            cells.extend(parts(row, wide));
            cells.push(Cell::from(
                Line::from(grouped(row.figures.core.expected_attempts, 2)).right_aligned(),
            ));
            if with_baseline {
                cells.extend(baseline_cells(row, wide));
            }
            cells.push(Cell::from(Span::styled(
                sparkline(&row.figures.core.spend_by_attempt, shared_max, spark_width),
                theme.spark,
            )));
            let style = if selected { theme.selected } else { theme.text };
            TableRow::new(cells).style(style)
        });
    let (headers, widths) = columns(wide, with_baseline, spark_width);
    // Figures are right-aligned, so are their headings; the first two are text.
    let header = TableRow::new(headers.into_iter().enumerate().map(|(at, heading)| {
        let line = Line::from(heading);
        Cell::from(if at < 2 { line } else { line.right_aligned() })
    }))
    .style(theme.header_row);
    Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .render(inner, buf);
}

/// "▶" for the selected row, "~" for a mix: never colour alone.
fn marker(row: &Row, selected: bool) -> String {
    let select = if selected { '▶' } else { ' ' };
    let kind = if row.kind == ProfileKind::Mix {
        '~'
    } else {
        ' '
    };
    format!("{select}{kind}")
}

fn delta_cell<'a>(
    theme: &Theme,
    row: &Row,
    reference_cost: Option<f64>,
    reference_id: Option<&str>,
) -> Cell<'a> {
    if reference_id == Some(row.id.as_str()) {
        return Cell::from(Line::from("ref").right_aligned());
    }
    let Some(reference_cost) = reference_cost else {
        return Cell::from("");
    };
    let delta = row.figures.core.cost_per_merge - reference_cost;
    let (text, style) = match delta {
        d if !d.is_finite() => ("—".to_string(), theme.dim),
        d if d > 0.0 => (format!("▲ +{}", money(d)), theme.dearer),
        d if d < 0.0 => (format!("▼ -{}", money(-d)), theme.cheaper),
        _ => ("= 0.00".to_string(), theme.dim),
    };
    Cell::from(Line::styled(text, style).right_aligned())
}

/// Token, review and regression: money when wide, shares when narrow.
fn parts<'a>(row: &Row, wide: bool) -> Vec<Cell<'a>> {
    let core = &row.figures.core;
    [
        core.token_cost_per_merge,
        core.review_cost_per_merge,
        core.regression_cost,
    ]
    .into_iter()
    .map(|part| {
        let text = if wide {
            money(part)
        } else {
            share(part, core.cost_per_merge)
        };
        Cell::from(Line::from(text).right_aligned())
    })
    .collect()
}

fn share(part: f64, total: f64) -> String {
    let value = part / total * 100.0;
    if value.is_finite() {
        format!("{value:.0}%")
    } else {
        "—".to_string()
    }
}

fn baseline_cells<'a>(row: &Row, wide: bool) -> Vec<Cell<'a>> {
    let roi = row.figures.roi.map_or("—".to_string(), |roi| {
        format!("{}%", grouped(roi * 100.0, 0))
    });
    let mut cells = Vec::new();
    if wide {
        let saving = row.figures.savings_per_merge.map_or("—".to_string(), money);
        cells.push(Cell::from(Line::from(saving).right_aligned()));
    }
    cells.push(Cell::from(Line::from(roi).right_aligned()));
    cells
}

fn columns(
    wide: bool,
    with_baseline: bool,
    spark_width: u16,
) -> (Vec<&'static str>, Vec<Constraint>) {
    let part = if wide { 8 } else { 4 };
    let mut headers = vec!["", "Profile", "Cost", "Δ ref"];
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(9),
        Constraint::Length(11),
    ];
    let part_headers = if wide {
        ["Tokens", "Review", "Regress"]
    } else {
        ["Tok", "Rev", "Reg"]
    };
    for header in part_headers {
        headers.push(header);
        widths.push(Constraint::Length(part));
    }
    headers.push("Tries");
    widths.push(Constraint::Length(5));
    if with_baseline {
        if wide {
            headers.push("Saving");
            widths.push(Constraint::Length(9));
        }
        headers.push("ROI");
        widths.push(Constraint::Length(7));
    }
    headers.push(if wide { "Spend by attempt" } else { "Spend" });
    widths.push(Constraint::Length(spark_width));
    (headers, widths)
}

/// Bars for `series` on a scale whose top is `max`, squeezed or stretched
/// to `width` characters; non-finite values draw as a gap.
pub fn sparkline(series: &[f64], max: f64, width: u16) -> String {
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

//! The detail pane: where the selected profile's money goes, its risk,
//! its retry policy, where its usage and quality figures come from
//! (measured or assumed), and a larger chart of spend by attempt with what
//! the attempts cost and the full cost per merge (reverts included) marked.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use super::DrawContext;
use super::sliders::Origin;
use super::{Theme, block, pane_title};

use crate::model::analysis::retry_in_words;
use crate::profile::ProfileKind;
use crate::report::{Row, count, grouped, money, percent, share_of, truncate, wrap};

/// The chart is drawn only with at least this many rows to spare.
const MIN_CHART_HEIGHT: u16 = 5;
/// Rows and columns of the plot at most: ten attempts need no more.
const MAX_CHART_HEIGHT: u16 = 16;
const MAX_CHART_WIDTH: u16 = 72;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let Some(row) = app.selected_row() else {
        block(theme, " Detail ", false).render(area, buf);
        return;
    };
    let title = pane_title(&row.name, " · where the money goes", area.width);
    let mut outer = block(theme, &title, false);
    let inner = outer.inner(area);
    let mut lines = summary(ctx, row, inner.width);
    // Where the figures come from: under the summary when that leaves the
    // chart its room (or there is no room for a chart anyway), else on the
    // pane's bottom line, cut to fit.
    if let Some((origin, text)) = provenance(row) {
        let wrapped: Vec<Line<'static>> = wrap(&text, usize::from(inner.width))
            .into_iter()
            .map(|line| Line::styled(line, origin.style(theme)))
            .collect();
        let height = usize::from(inner.height);
        let chart = usize::from(MIN_CHART_HEIGHT);
        let with_chart = lines.len() + wrapped.len() + chart <= height;
        let no_chart_anyway = lines.len() + chart > height;
        if with_chart || (no_chart_anyway && lines.len() + wrapped.len() <= height) {
            lines.extend(wrapped);
        } else {
            let note = pane_title(&text, "", area.width);
            outer = outer.title_bottom(Line::styled(note, origin.style(theme)).right_aligned());
        }
    }
    outer.render(area, buf);
    let text_height = (lines.len() as u16).min(inner.height);
    Paragraph::new(lines).render(
        Rect {
            height: text_height,
            ..inner
        },
        buf,
    );
    let chart_area = Rect {
        y: inner.y + text_height,
        height: inner.height - text_height,
        ..inner
    };
    if chart_area.height >= MIN_CHART_HEIGHT {
        render_chart(theme, row, chart_area, buf);
    }
}

/// The chart's legend, then spend by attempt with the two totals: what
/// the attempts cost (where the curve flattens) and the full cost per
/// merge with reverts, so the chart and the headline agree.
fn render_chart(theme: &Theme, row: &Row, area: Rect, buf: &mut Buffer) {
    let core = &row.figures.core;
    let attempts = money(expected_total(core));
    let full = money(core.cost_per_merge);
    let (spend, attempts, full) = if area.width >= 64 {
        (
            "spend through attempt k  ",
            format!("attempts {attempts}  "),
            format!("with reverts {full}"),
        )
    } else {
        ("spend ", format!("{attempts} "), format!("+reverts {full}"))
    };
    let legend = Line::from(vec![
        Span::styled("⣀⠤⠒ ", theme.spark),
        Span::raw(spend),
        Span::styled("••• ", theme.dim),
        Span::raw(attempts),
        Span::styled("▄▄ ", theme.regression),
        Span::raw(full),
    ]);
    legend.render(Rect { height: 1, ..area }, buf);
    // A taller plot shows nothing more and costs a redraw every key press.
    let plot = Rect {
        y: area.y + 1,
        height: (area.height - 1).min(MAX_CHART_HEIGHT),
        width: area.width.min(MAX_CHART_WIDTH),
        ..area
    };
    chart(theme, row, plot, buf);
}

/// The text above the chart: where the money goes, the risk, retrying,
/// and what it takes to match the reference.
fn summary(ctx: &DrawContext, row: &Row, width: u16) -> Vec<Line<'static>> {
    let core = &row.figures.core;
    let mut lines = cost_parts(ctx.theme, row, width);
    lines.push(Line::from(format!(
        "{}/merge · {} tries · {} tok",
        money(core.cost_per_merge),
        grouped(core.expected_attempts, 2),
        count(core.tokens_per_merge)
    )));
    lines.extend(risk_lines(ctx, row));
    lines.extend(retry_lines(ctx, row, width));
    lines.extend(match_line(ctx, row, width));
    lines
}

/// The stacked bar of tokens, review and reverts, and its key: by glyph
/// as well as colour, with amounts when there is room and shares always.
fn cost_parts(theme: &Theme, row: &Row, width: u16) -> Vec<Line<'static>> {
    let core = &row.figures.core;
    let parts = [
        ('█', "tok", core.token_cost_per_merge, theme.tokens),
        ('▓', "review", core.review_cost_per_merge, theme.review),
        ('░', "reverts", core.regression_cost, theme.regression),
    ];
    let key = parts
        .iter()
        .flat_map(|(glyph, name, value, style)| {
            let share = share_of(*value, core.cost_per_merge);
            let text = if width >= 60 {
                format!("{name} {} ({share})  ", money(*value))
            } else {
                format!("{name} {share}  ")
            };
            [Span::styled(format!("{glyph} "), *style), Span::raw(text)]
        })
        .collect::<Vec<_>>();
    vec![
        stacked_bar(&parts, core.cost_per_merge, width),
        Line::from(key),
    ]
}

/// P90 and the break-even first-pass rate; a mix has neither.
fn risk_lines(ctx: &DrawContext, row: &Row) -> Vec<Line<'static>> {
    let Some(risk) = &row.figures.risk else {
        return vec![Line::styled(
            "A mix: no P90 or break-even of its own",
            ctx.theme.dim,
        )];
    };
    let break_even = if ctx.app.scenario().baseline_hours.is_some() {
        risk.break_even_first_pass_rate
            .map_or("never".to_string(), percent)
    } else {
        "— (no baseline)".to_string()
    };
    vec![
        Line::from(format!(
            "P90: {} tries, {}",
            risk.p90_attempts,
            money(risk.p90_cost)
        )),
        Line::from(format!("Break-even first pass: {break_even}")),
    ]
}

/// The retry policy in the engine's words (`Retrying pays while first
/// pass > 2.6%: no cap needed`), wrapped to the pane; without a baseline,
/// what it needs. A mix has none.
fn retry_lines(ctx: &DrawContext, row: &Row, width: u16) -> Vec<Line<'static>> {
    let app = ctx.app;
    if app.model(&row.id).is_none() {
        return Vec::new();
    }
    let retry = app
        .analysis()
        .filter(|analysis| analysis.profile == row.id)
        .and_then(|analysis| analysis.retry.as_ref());
    let text = match retry {
        Some(retry) => capitalised(&retry_in_words(retry)),
        None => "Retrying: set baseline_hours to weigh it against a human".to_string(),
    };
    wrap(&text, usize::from(width))
        .into_iter()
        .map(Line::from)
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Where the selected model's `[usage]` and `[quality]` figures come
/// from, in a line that starts with its glyph: the `[calibration]`'s
/// source and day, or that every one is an assumption. A mix has none:
/// its figures are its parts'.
fn provenance(row: &Row) -> Option<(Origin, String)> {
    if row.kind != ProfileKind::Model {
        return None;
    }
    let calibration = row.calibration.as_ref().filter(|c| !c.measured.is_empty());
    let Some(calibration) = calibration else {
        let origin = Origin::Assumed;
        let text = "Usage and quality figures: assumed";
        return Some((origin, format!("{} {text}", origin.glyph())));
    };
    let origin = Origin::Measured;
    let others = match calibration.assumed().len() {
        0 => String::new(),
        1 => "; 1 other usage or quality figure is assumed".to_string(),
        n => format!("; {n} other usage and quality figures are assumed"),
    };
    Some((
        origin,
        format!(
            "{} Measured from {} ({}){others}",
            origin.glyph(),
            calibration.from,
            calibration.at.format("%Y-%m-%d")
        ),
    ))
}

/// The first-pass rate this model needs to cost what the reference costs.
fn match_line(ctx: &DrawContext, row: &Row, width: u16) -> Option<Line<'static>> {
    let app = ctx.app;
    let model = app.model(&row.id)?;
    let reference = app
        .reference_row()
        .filter(|reference| reference.id != row.id)?;
    let needed = app
        .model(&reference.id)
        .and_then(|other| model.crossover_first_pass_rate(other, app.scenario()))
        .filter(|p| *p <= 1.0);
    let text = needed.map_or("out of reach".to_string(), |p| {
        format!("first pass {}", percent(p))
    });
    let line = format!("To match {}: {text}", reference.name);
    Some(Line::styled(
        truncate(&line, usize::from(width)),
        ctx.theme.dim,
    ))
}

/// One line split in proportion to the parts, each with its own glyph so
/// the split reads without colour.
fn stacked_bar(
    parts: &[(char, &str, f64, ratatui::style::Style)],
    total: f64,
    width: u16,
) -> Line<'static> {
    let width = f64::from(width);
    let mut spans = Vec::new();
    let mut drawn = 0.0;
    let mut running = 0.0;
    for (glyph, _, value, style) in parts {
        running += value;
        let end = if total > 0.0 && total.is_finite() {
            (running / total * width).round()
        } else {
            0.0
        };
        let cells = (end - drawn).max(0.0) as usize;
        drawn += cells as f64;
        spans.push(Span::styled(glyph.to_string().repeat(cells), *style));
    }
    Line::from(spans)
}

fn chart(theme: &Theme, row: &Row, area: Rect, buf: &mut Buffer) {
    let core = &row.figures.core;
    let points: Vec<(f64, f64)> = core
        .spend_by_attempt
        .iter()
        .enumerate()
        .filter(|(_, value)| value.is_finite())
        .map(|(k, value)| ((k + 1) as f64, *value))
        .collect();
    let expected = expected_total(core);
    let full = core.cost_per_merge;
    if points.is_empty() || !expected.is_finite() || !full.is_finite() {
        return;
    }
    let last = points.len().max(2) as f64;
    let top = points.iter().map(|(_, y)| *y).fold(full, f64::max) * 1.1;
    let expected_line = [(1.0, expected), (last, expected)];
    let full_line = [(1.0, full), (last, full)];
    let datasets = vec![
        Dataset::default()
            .marker(Marker::Bar)
            .graph_type(GraphType::Line)
            .style(theme.regression)
            .data(&full_line),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Line)
            .style(theme.dim)
            .data(&expected_line),
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.spark)
            .data(&points),
    ];
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([1.0, last])
                .labels(["1".to_string(), format!("{} attempts", points.len())])
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels(["0".to_string(), money(top)])
                .style(theme.dim),
        )
        .render(area, buf);
}

/// Where spend by attempt flattens: n·A for a model, L − R in general
/// (for a mix, the share-weighted n·A of its parts, not n̄·Ā).
fn expected_total(core: &crate::model::CoreFigures) -> f64 {
    core.cost_per_merge - core.regression_cost
}

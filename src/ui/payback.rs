//! View 4, payback: cumulative net saving week by week (`t × weekly net
//! saving − setup`) for the selected profile, its rival and the cheapest,
//! with the zero line and each payback week marked, and the weekly spend
//! and net saving as numbers beside. Without a baseline or a volume it
//! says which scenario fields (or sliders) to set. `render_large` draws
//! the same for presentation mode.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Widget, Wrap};

use super::present;
use super::tabs::{chart_beside_text, no_analysis, view_pane};
use super::{DrawContext, Theme};
use crate::model::Scenario;
use crate::report::{Row, grouped, truncate};

/// The text beside the chart: this wide, or a quarter of the pane.
const SIDE_WIDTH: u16 = 32;

/// One profile's line on the chart.
struct Saving<'a> {
    row: &'a Row,
    /// What the legend calls it: `Strong`, `Tiered… (rival)`.
    role: &'static str,
    marker: Marker,
    glyph: &'static str,
    style: Style,
    /// `(week, cumulative net saving)` for week 0..=T.
    points: Vec<(f64, f64)>,
    /// `(payback week, 0)`, when it pays back within the chart.
    payback: Vec<(f64, f64)>,
}

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let Some(row) = app.selected_row().filter(|_| app.analysis().is_some()) else {
        no_analysis(ctx, area, buf, " Payback ");
        return;
    };
    let titles = [
        format!(" Cumulative net saving · {} ", row.name),
        format!(" Payback · {} ", row.name),
    ];
    draw(ctx, area, buf, &|legend| {
        view_pane(theme, area, &titles, legend)
    });
}

/// On the meeting's screen: the same chart and figures in a pane without
/// tabs (the top bar names the view and the profile).
pub(super) fn render_large(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let theme = ctx.theme;
    let title = " Cumulative net saving, USD, week by week ";
    if ctx.app.analysis().is_none() {
        present::pane(theme, area, title, Line::default()).render(area, buf);
        return;
    }
    draw(ctx, area, buf, &|legend| {
        present::pane(theme, area, title, legend)
    });
}

/// The chart and the figures beside it in the pane `pane` makes with a
/// legend; without a baseline or a volume, what to set.
fn draw<'a>(ctx: &DrawContext, area: Rect, buf: &mut Buffer, pane: &dyn Fn(Line<'a>) -> Block<'a>) {
    let &DrawContext { app, theme } = ctx;
    let Some(payback) = app
        .analysis()
        .and_then(|analysis| analysis.payback.as_ref())
    else {
        let outer = pane(Line::default());
        let inner = outer.inner(area);
        outer.render(area, buf);
        Paragraph::new(what_to_set(app.scenario()))
            .wrap(Wrap { trim: true })
            .render(inner, buf);
        return;
    };
    let weeks = payback.cumulative_net_saving.len().saturating_sub(1);
    let savings = savings(ctx, weeks);
    let name_width = usize::from(area.width / 8).clamp(12, 28);
    let outer = pane(legend(theme, &savings, name_width));
    let inner = outer.inner(area);
    outer.render(area, buf);
    let [plot, side] = chart_beside_text(inner, SIDE_WIDTH);
    chart(theme, &savings, weeks, plot, buf);
    Paragraph::new(side_text(theme, &savings, side.width)).render(side, buf);
}

/// Why there is no chart, and what to set: the scenario's fields or the
/// sliders.
fn what_to_set(scenario: &Scenario) -> Vec<Line<'static>> {
    let mut missing = Vec::new();
    if scenario.baseline_hours.is_none() {
        missing.push(("baseline_hours", "Baseline"));
    }
    if scenario.changes_per_week.is_none() {
        missing.push(("changes_per_week", "Weekly changes"));
    }
    let fields: Vec<String> = missing.iter().map(|(key, _)| format!("`{key}`")).collect();
    let sliders: Vec<&str> = missing.iter().map(|(_, slider)| *slider).collect();
    vec![
        Line::from("Payback needs a human baseline and a weekly volume."),
        Line::default(),
        Line::from(format!(
            "Set {} in scenario.toml, or move the {} slider{} below.",
            fields.join(" and "),
            sliders.join(" and "),
            if sliders.len() > 1 { "s" } else { "" }
        )),
    ]
}

/// The selected profile, its rival and the cheapest, each once.
fn savings<'a>(ctx: &DrawContext<'a>, weeks: usize) -> Vec<Saving<'a>> {
    let &DrawContext { app, theme } = ctx;
    let candidates = [
        (app.selected_row(), "", Marker::Braille, "⣀⠤⠒", theme.spark),
        (app.rival_row(), " (rival)", Marker::Dot, "•••", theme.rival),
        (
            app.comparison().rows.first(),
            " (cheapest)",
            Marker::Quadrant,
            "▖▝",
            theme.review,
        ),
    ];
    let mut out: Vec<Saving> = Vec::new();
    for (row, role, marker, glyph, style) in candidates {
        let Some(row) = row else { continue };
        if out.iter().any(|seen| seen.row.id == row.id) {
            continue;
        }
        let Some(weekly) = row.figures.weekly_net_saving else {
            continue;
        };
        let setup = app.scenario().setup_cost;
        let points = (0..=weeks)
            .map(|week| (week as f64, week as f64 * weekly - setup))
            .collect();
        let payback = row
            .figures
            .payback_weeks
            .filter(|week| *week <= weeks as f64)
            .map(|week| vec![(week, 0.0)])
            .unwrap_or_default();
        out.push(Saving {
            row,
            role,
            marker,
            glyph,
            style,
            points,
            payback,
        });
    }
    out
}

/// The bottom border: whose line is whose, names cut to `name_width`.
fn legend(theme: &Theme, savings: &[Saving], name_width: usize) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for saving in savings {
        spans.push(Span::styled(format!("{} ", saving.glyph), saving.style));
        spans.push(Span::raw(format!(
            "{}  ",
            truncate(&saving.row.name, name_width)
        )));
    }
    spans.push(Span::styled("▄▄ ", theme.dim));
    spans.push(Span::raw("zero  "));
    spans.push(Span::styled("█ ", theme.key));
    spans.push(Span::raw("pays back "));
    Line::from(spans)
}

fn chart(theme: &Theme, savings: &[Saving], weeks: usize, area: Rect, buf: &mut Buffer) {
    let values = savings.iter().flat_map(|saving| &saving.points);
    let (low, high) = values.fold((0.0_f64, 0.0_f64), |(low, high), (_, value)| {
        (low.min(*value), high.max(*value))
    });
    let span = (high - low).max(1.0);
    let (low, high) = (low - span * 0.05, high + span * 0.05);
    let last = weeks.max(1) as f64;
    let zero = [(0.0, 0.0), (last, 0.0)];
    let mut datasets = vec![
        Dataset::default()
            .marker(Marker::Bar)
            .graph_type(GraphType::Line)
            .style(theme.dim)
            .data(&zero),
    ];
    for saving in savings {
        datasets.push(
            Dataset::default()
                .marker(saving.marker)
                .graph_type(GraphType::Line)
                .style(saving.style)
                .data(&saving.points),
        );
    }
    for saving in savings {
        datasets.push(
            Dataset::default()
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(theme.key)
                .data(&saving.payback),
        );
    }
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, last])
                .labels([
                    "week 0".to_string(),
                    format!("{}", weeks / 2),
                    format!("{weeks}"),
                ])
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([low, high])
                .labels([low, (low + high) / 2.0, high].map(short_money))
                .style(theme.dim),
        )
        .render(area, buf);
}

/// `-15k`, `398k`, `1.2M`: axis labels stay narrow.
fn short_money(value: f64) -> String {
    match value.abs() {
        v if v >= 1e6 => format!("{}M", grouped(value / 1e6, 1)),
        v if v >= 1e4 => format!("{}k", grouped(value / 1e3, 0)),
        _ => grouped(value, 0),
    }
}

/// Per profile: its name and role, spend and net saving a week, and the
/// week it pays back.
fn side_text(theme: &Theme, savings: &[Saving], width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = Vec::new();
    for saving in savings {
        let figures = &saving.row.figures;
        let name = format!("{}{}", saving.row.name, saving.role);
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", saving.glyph), saving.style),
            Span::styled(truncate(&name, width.saturating_sub(4)), theme.text),
        ]));
        let whole = |value: Option<f64>| value.map_or("—".into(), |v| grouped(v, 0));
        let paid = match figures.payback_weeks {
            Some(week) => format!("pays in {} wk", grouped(week, 1)),
            None => "never pays".to_string(),
        };
        let spend = format!("spend {}/wk", whole(figures.weekly_spend));
        let net = format!("net {}/wk · {paid}", whole(figures.weekly_net_saving));
        for text in [spend, net] {
            lines.push(Line::styled(
                truncate(&format!("  {text}"), width),
                theme.dim,
            ));
        }
    }
    lines
}

//! View 3, the first-pass rate: the selected profile's cost per merge
//! against its first-pass rate (5% to 100%), its rival's beside it (a
//! curve for a model, a flat line for a mix), the human baseline as a
//! flat line and the current rates marked; the break-even rate against
//! the human and the rate that matches the rival written out beside it
//! (under it, across the whole width, in presentation mode).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, Paragraph, Widget};

use super::present;
use super::tabs::{chart_beside_text, no_analysis, view_pane};
use super::{DrawContext, Theme};
use crate::app::App;
use crate::model::analysis::Analysis;
use crate::report::{Row, display_width, money, percent, truncate};

/// The text beside the chart: this wide, or a quarter of the pane.
const SIDE_WIDTH: u16 = 28;

/// The points and flat lines the chart draws.
struct Curves {
    profile: Vec<(f64, f64)>,
    /// `(p, L)` now, for each profile that has a first-pass rate.
    profile_now: Vec<(f64, f64)>,
    rival: Vec<(f64, f64)>,
    rival_now: Vec<(f64, f64)>,
    baseline: Option<[(f64, f64); 2]>,
}

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let (Some(analysis), Some(row)) = (app.analysis(), app.selected_row()) else {
        no_analysis(ctx, area, buf, " First-pass rate ");
        return;
    };
    let titles = [
        format!(" Cost against first-pass rate · {} ", row.name),
        format!(" First-pass rate · {} ", row.name),
    ];
    let outer = view_pane(theme, area, &titles, legend(theme, app, row));
    let inner = outer.inner(area);
    outer.render(area, buf);
    let [plot, side] = chart_beside_text(inner, SIDE_WIDTH);
    let curves = curves(app, analysis, row);
    chart(theme, &curves, plot, buf);
    Paragraph::new(side_text(ctx, analysis, row, side)).render(side, buf);
}

/// On the meeting's screen: the chart across the whole width, and under
/// it the figures in one or two lines instead of the side column.
pub(super) fn render_large(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let (Some(analysis), Some(row)) = (app.analysis(), app.selected_row()) else {
        present::pane(theme, area, " First-pass rate ", Line::default()).render(area, buf);
        return;
    };
    let title = " Cost per merged change against first-pass rate ";
    let outer = present::pane(theme, area, title, legend(theme, app, row));
    let inner = outer.inner(area);
    outer.render(area, buf);
    let facts = facts_lines(ctx, analysis, row, inner.width);
    let [plot, _, under] = inner.layout(&Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(facts.len() as u16),
    ]));
    chart(theme, &curves(app, analysis, row), plot, buf);
    Paragraph::new(facts).render(under, buf);
}

/// `now at first pass 72.0% · break-even vs human 3.0% · matches Cheap
/// at 35.2%`, packed into lines of `width`, two at most.
fn facts_lines(
    ctx: &DrawContext,
    analysis: &Analysis,
    row: &Row,
    width: u16,
) -> Vec<Line<'static>> {
    let &DrawContext { app, theme } = ctx;
    let width = usize::from(width);
    let mut facts = Vec::new();
    if let Some(model) = app.model(&row.id) {
        facts.push(format!(
            "now at first pass {}",
            percent(model.quality.first_pass_rate)
        ));
    } else {
        facts.push("a mix: flat here (curves are for models)".to_string());
    }
    facts.push(format!("break-even vs human: {}", break_even(app, row)));
    if let Some(rival) = app.rival_row() {
        facts.push(matches_text(analysis, &rival.id, &rival.name, width));
    }
    let mut lines: Vec<String> = Vec::new();
    for fact in facts {
        match lines.last_mut() {
            Some(line) if display_width(line) + 3 + display_width(&fact) <= width => {
                line.push_str(" · ");
                line.push_str(&fact);
            }
            _ => lines.push(truncate(&fact, width)),
        }
    }
    lines.truncate(2);
    let bold = theme.text.add_modifier(Modifier::BOLD);
    lines
        .into_iter()
        .map(|line| Line::styled(line, bold))
        .collect()
}

/// The first-pass rate at which the profile costs what the human does.
fn break_even(app: &App, row: &Row) -> String {
    match (app.scenario().baseline_cost(), &row.figures.risk) {
        (None, _) => "set baseline_hours".to_string(),
        (Some(_), None) => "—".to_string(),
        (Some(_), Some(risk)) => risk
            .break_even_first_pass_rate
            .map_or("never".into(), percent),
    }
}

/// The bottom border: which line is whose.
fn legend(theme: &Theme, app: &App, row: &Row) -> Line<'static> {
    let mut spans = vec![
        Span::styled(" ⣀⠤⠒ ", theme.spark),
        Span::raw(format!("{}  ", truncate(&row.name, 16))),
    ];
    if let Some(rival) = app.rival_row() {
        spans.push(Span::styled("••• ", theme.rival));
        spans.push(Span::raw(format!("{}  ", truncate(&rival.name, 16))));
    }
    if app.scenario().baseline_cost().is_some() {
        spans.push(Span::styled("▄▄▄ ", theme.baseline));
        spans.push(Span::raw("human  "));
    }
    spans.push(Span::styled("█ ", theme.key));
    spans.push(Span::raw("now "));
    Line::from(spans)
}

fn curves(app: &App, analysis: &Analysis, row: &Row) -> Curves {
    let grid: Vec<f64> = (1..=20).map(|k| f64::from(k) / 20.0).collect();
    let flat = |cost: f64| vec![(grid[0], cost), (1.0, cost)];
    let profile = match &analysis.cost_by_first_pass_rate {
        Some(points) => points.clone(),
        None => flat(analysis.cost_per_merge),
    };
    let now = |id: &str, cost: f64| {
        app.model(id)
            .map(|model| vec![(model.quality.first_pass_rate, cost)])
            .unwrap_or_default()
    };
    let (rival, rival_now) = match app.rival_row() {
        Some(rival) => {
            let cost = rival.figures.core.cost_per_merge;
            let curve = match app.model(&rival.id) {
                Some(model) => grid
                    .iter()
                    .map(|&p| {
                        let mut at = model.clone();
                        at.quality.first_pass_rate = p;
                        (p, at.cost_per_merge(app.scenario()))
                    })
                    .collect(),
                None => flat(cost),
            };
            (curve, now(&rival.id, cost))
        }
        None => (Vec::new(), Vec::new()),
    };
    Curves {
        profile,
        profile_now: now(&row.id, analysis.cost_per_merge),
        rival,
        rival_now,
        baseline: app
            .scenario()
            .baseline_cost()
            .map(|cost| [(0.0, cost), (1.0, cost)]),
    }
}

/// The top of the cost axis: the baseline and three times the costs now
/// show; the steep end of a curve at 5% may leave the top.
fn top_of(curves: &Curves) -> f64 {
    let most = |points: &mut dyn Iterator<Item = &(f64, f64)>| {
        points
            .map(|(_, cost)| *cost)
            .filter(|cost| cost.is_finite())
            .fold(0.0, f64::max)
    };
    let highest = most(&mut curves.profile.iter().chain(&curves.rival)) * 1.05;
    let now = most(&mut curves.profile_now.iter().chain(&curves.rival_now));
    let near = if now > 0.0 {
        (now * 3.0).min(highest)
    } else {
        highest
    };
    let baseline = curves.baseline.map_or(0.0, |line| line[0].1 * 1.15);
    let top = near.max(baseline);
    if top > 0.0 && top.is_finite() {
        top
    } else {
        1.0
    }
}

fn chart(theme: &Theme, curves: &Curves, area: Rect, buf: &mut Buffer) {
    let top = top_of(curves);
    let line = |data, marker, style| {
        Dataset::default()
            .marker(marker)
            .graph_type(GraphType::Line)
            .style(style)
            .data(data)
    };
    let mut datasets = Vec::new();
    if let Some(baseline) = &curves.baseline {
        datasets.push(line(baseline, Marker::Bar, theme.baseline));
    }
    datasets.push(line(&curves.rival, Marker::Dot, theme.rival));
    datasets.push(line(&curves.profile, Marker::Braille, theme.spark));
    for now in [&curves.rival_now, &curves.profile_now] {
        datasets.push(
            Dataset::default()
                .marker(Marker::Block)
                .graph_type(GraphType::Scatter)
                .style(theme.key)
                .data(now),
        );
    }
    Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, 1.0])
                .labels(["0%", "50%", "100%"])
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, top])
                .labels(["0".to_string(), money(top / 2.0), money(top)])
                .style(theme.dim),
        )
        .render(area, buf);
}

/// Beside the chart: the costs now, the break-even rate against the
/// human, the rate that matches the rival, and (when there is room) the
/// rate needed against every other profile.
fn side_text(ctx: &DrawContext, analysis: &Analysis, row: &Row, side: Rect) -> Vec<Line<'static>> {
    let &DrawContext { app, theme } = ctx;
    let width = usize::from(side.width);
    let fit = |text: String| truncate(&text, width);
    let mut lines = vec![Line::from(fit(format!(
        "{} {}/merge",
        row.name,
        money(analysis.cost_per_merge)
    )))];
    if let Some(model) = app.model(&row.id) {
        let now = percent(model.quality.first_pass_rate);
        lines.push(Line::from(fit(format!("  now at first pass {now}"))));
    }
    if analysis.cost_by_first_pass_rate.is_none() {
        lines.push(Line::styled(
            fit("A mix: the curve is for".into()),
            theme.dim,
        ));
        lines.push(Line::styled(
            fit("models only; flat here.".into()),
            theme.dim,
        ));
    }
    if let Some(rival) = app.rival_row() {
        let cost = money(rival.figures.core.cost_per_merge);
        let name = truncate(&rival.name, width.saturating_sub(cost.len() + 4));
        lines.push(Line::from(format!("vs {name} {cost}")));
    }
    lines.push(Line::default());
    let break_even = break_even(app, row);
    lines.push(Line::from(fit(format!(
        "break-even vs human: {break_even}"
    ))));
    if let Some(rival) = app.rival_row() {
        lines.push(Line::from(matches_text(
            analysis,
            &rival.id,
            &rival.name,
            width,
        )));
    }
    let room = usize::from(side.height).saturating_sub(lines.len() + 2);
    if room >= 2 && analysis.crossover.len() > 1 {
        lines.push(Line::default());
        lines.push(Line::styled(fit("first pass to match:".into()), theme.dim));
        lines.extend(crossovers(app, analysis, room - 1, width));
    }
    lines
}

/// `matches Opus 5.5 at 56.0%`, or that it never does; the name gives
/// way to fit `width`, never the rate.
fn matches_text(analysis: &Analysis, id: &str, name: &str, width: usize) -> String {
    let rate = analysis
        .crossover
        .iter()
        .find(|crossover| crossover.profile == id)
        .and_then(|crossover| crossover.first_pass_rate);
    let (before, after) = match rate {
        Some(rate) => ("matches ", format!(" at {}", percent(rate))),
        None => ("never matches ", String::new()),
    };
    let room = width.saturating_sub(before.len() + after.len());
    format!("{before}{}{after}", truncate(name, room))
}

/// One line per other profile, as many as fit: `Cheap  35.2%`.
fn crossovers(app: &App, analysis: &Analysis, room: usize, width: usize) -> Vec<Line<'static>> {
    let shown = analysis.crossover.iter().take(room);
    shown
        .map(|crossover| {
            let name = app
                .row(&crossover.profile)
                .map_or(&crossover.profile, |row| &row.name);
            let rate = crossover.first_pass_rate.map_or("—".into(), percent);
            // Two spaces in, one before the rate, six for it.
            let name_room = width.saturating_sub(9);
            Line::from(format!(
                "  {} {rate:>6}",
                crate::report::pad_right(&truncate(name, name_room), name_room)
            ))
        })
        .collect()
}

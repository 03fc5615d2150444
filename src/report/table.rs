//! The human formats: an aligned terminal table that fits 80 columns,
//! markdown with every figure, and CSV for spreadsheets.

use super::columns::{Column, REPORT_COLUMNS};
use super::number::{NONE, count, grouped, money, percent};
use super::width::{display_width, pad_left, pad_right};
use super::{Comparison, Row};
use crate::profile::{Calibration, ProfileKind, measured_name, show_number};

/// `report`'s table fits a classic terminal.
pub(super) const TABLE_WIDTH: usize = 80;
/// The profile column never gets narrower than this.
const MIN_NAME_WIDTH: usize = 16;

/// `report`'s columns for this comparison, most important first; the
/// last ones go when the width is short.
fn columns(with_baseline: bool) -> Vec<Column> {
    REPORT_COLUMNS
        .into_iter()
        .filter(|column| with_baseline || !column.needs_baseline())
        .collect()
}

fn or_none(value: Option<f64>, show: fn(f64) -> String) -> String {
    value.map_or_else(|| NONE.to_string(), show)
}

/// Joins `pieces` with " · ", starting a new line before `width` display
/// cells are passed.
pub(super) fn wrap(pieces: &[String], width: usize) -> String {
    wrap_joined(pieces, " · ", "", width)
}

/// Joins `pieces` with `separator`, starting a new line (the one left
/// ending in `line_end`) before `width` display cells are passed. A piece
/// wider than `width` alone stays whole on its own line.
fn wrap_joined(pieces: &[String], separator: &str, line_end: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for piece in pieces {
        let needed = display_width(&line)
            + display_width(separator)
            + display_width(piece)
            + display_width(line_end);
        if !line.is_empty() && needed > width {
            out.push_str(&line);
            out.push_str(line_end);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push_str(separator);
        }
        line.push_str(piece);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

pub(super) fn scenario_pieces(comparison: &Comparison) -> Vec<String> {
    let s = &comparison.scenario;
    let mut pieces = vec![
        "USD per merged change".to_string(),
        format!("engineer {}/h", money(s.engineer_rate_per_hour)),
    ];
    if let (Some(hours), Some(cost)) = (s.baseline_hours, s.baseline_cost()) {
        pieces.push(format!(
            "human baseline {} h = {}",
            grouped(hours, 2),
            money(cost)
        ));
    }
    if let Some(volume) = s.changes_per_week {
        pieces.push(format!("{} changes/week", grouped(volume, 0)));
    }
    pieces
}

/// The `--set` what-ifs as the user wrote them, `engineer_rate = 150`;
/// none when the figures are the files' own.
pub(super) fn what_if_pieces(comparison: &Comparison) -> Vec<String> {
    comparison
        .what_ifs
        .iter()
        .map(|(key, value)| format!("{key} = {}", show_number(*value)))
        .collect()
}

/// "what-ifs: a = 1, b = 2" wrapped to `width`; empty without what-ifs.
pub(super) fn what_ifs_line(comparison: &Comparison, width: usize) -> String {
    let mut pieces = what_if_pieces(comparison);
    match pieces.first_mut() {
        Some(first) => {
            first.insert_str(0, "what-ifs: ");
            wrap_joined(&pieces, ", ", ",", width)
        }
        None => String::new(),
    }
}

/// The aligned table for a terminal `width` columns wide.
pub(super) fn human(comparison: &Comparison, width: usize) -> String {
    let mut out = wrap(&scenario_pieces(comparison), width);
    out.push_str(&what_ifs_line(comparison, width));
    out.push('\n');
    if comparison.rows.is_empty() {
        out.push_str("No profiles to compare.\n");
        return out;
    }
    let mut columns = columns(comparison.scenario.baseline_hours.is_some());
    let cells: Vec<Vec<String>> = comparison
        .rows
        .iter()
        .map(|row| columns.iter().map(|column| column.text(row)).collect())
        .collect();
    let mut widths = column_widths(&columns, &cells);
    // Marker "~ " + name, then two spaces before every figure; all in
    // display cells, so a wide name (`通义千问 🚀`) keeps its columns.
    let figures_width = |widths: &[usize]| widths.iter().map(|w| w + 2).sum::<usize>();
    while columns.len() > 1 && 2 + MIN_NAME_WIDTH + figures_width(&widths) > width {
        columns.pop();
        widths.pop();
    }
    let longest_name = comparison
        .rows
        .iter()
        .map(|row| display_width(&row.name))
        .max()
        .unwrap_or(0);
    let name_width = longest_name
        .max("Profile".len())
        .min(width.saturating_sub(2 + figures_width(&widths)))
        .max(MIN_NAME_WIDTH);
    out.push_str(&header_line(&columns, &widths, name_width));
    for (row, row_cells) in comparison.rows.iter().zip(&cells) {
        out.push_str(&row_line(row, row_cells, &widths, name_width));
    }
    out.push('\n');
    out.push_str(&legend(comparison, &columns, width));
    out
}

/// Each column as wide as its widest cell or its heading.
fn column_widths(columns: &[Column], cells: &[Vec<String>]) -> Vec<usize> {
    columns
        .iter()
        .enumerate()
        .map(|(at, column)| {
            let widest = cells
                .iter()
                .map(|row| display_width(&row[at]))
                .max()
                .unwrap_or(0);
            widest.max(display_width(column.header()))
        })
        .collect()
}

fn header_line(columns: &[Column], widths: &[usize], name_width: usize) -> String {
    let mut header = format!("  {}", pad_right("Profile", name_width));
    for (column, w) in columns.iter().zip(widths) {
        header.push_str("  ");
        header.push_str(&pad_left(column.header(), *w));
    }
    format!("{}\n", header.trim_end())
}

/// One profile: "~ " marks a routing mix; a long name is cut with "…".
fn row_line(row: &Row, cells: &[String], widths: &[usize], name_width: usize) -> String {
    let marker = if row.kind == ProfileKind::Mix {
        "~ "
    } else {
        "  "
    };
    // Cut and padded by display cells, never by characters.
    let mut line = format!("{marker}{}", pad_right(&row.name, name_width));
    // `cells` may hold more columns than fit: `widths` says how many.
    for (cell, w) in cells.iter().zip(widths) {
        line.push_str("  ");
        line.push_str(&pad_left(cell, *w));
    }
    line.push('\n');
    line
}

fn legend(comparison: &Comparison, shown: &[Column], width: usize) -> String {
    let mut pieces: Vec<String> = shown
        .iter()
        .map(|column| column.legend().to_string())
        .filter(|legend| !legend.is_empty())
        .collect();
    if comparison
        .rows
        .iter()
        .any(|row| row.kind == ProfileKind::Mix)
    {
        pieces.push("~ routing mix".to_string());
    }
    let mut out = wrap(&pieces, width);
    if let Some(best) = comparison.rows.first() {
        let f = &best.figures;
        let mut summary = vec![format!(
            "Cheapest: {} at {}",
            best.name,
            money(f.core.cost_per_merge)
        )];
        if let Some(spend) = f.weekly_spend {
            summary.push(format!("{}/week", money(spend)));
        }
        if let Some(net) = f.weekly_net_saving {
            summary.push(format!("net saving {}/week", money(net)));
        }
        if let Some(weeks) = f.payback_weeks {
            summary.push(format!("payback {} weeks", grouped(weeks, 1)));
        }
        out.push_str(&wrap(&summary, width));
    }
    if !comparison.errors.is_empty() {
        out.push_str(&format!(
            "{} problem(s) in the files: listed on stderr; `costlens check` shows them alone.\n",
            comparison.errors.len()
        ));
    }
    out
}

/// Every figure, rounded for reading, as a markdown table.
pub(super) fn markdown(comparison: &Comparison) -> String {
    let mut out = String::from("### Cost per merged change (USD)\n\n");
    for piece in scenario_pieces(comparison).iter().skip(1) {
        out.push_str(&format!("- {piece}\n"));
    }
    let what_ifs = what_if_pieces(comparison);
    if !what_ifs.is_empty() {
        out.push_str(&format!("- what-ifs: {}\n", what_ifs.join(", ")));
    }
    out.push_str("\n| Profile | Kind | Cost/merge | Tokens | Review | Regression | Attempts | Cost/attempt | Token share | Tokens/merge | P90 attempts | P90 cost | Break-even p | Saving | ROI | Review/gen. | Weekly spend | Weekly net | Payback (weeks) |\n");
    out.push_str(&format!("|---|---|{}\n", "---:|".repeat(17)));
    for row in &comparison.rows {
        let f = &row.figures;
        let core = &f.core;
        let risk = f.risk.as_ref();
        let cells = [
            row.name.replace('|', "\\|"),
            kind_name(row.kind).to_string(),
            money(core.cost_per_merge),
            money(core.token_cost_per_merge),
            money(core.review_cost_per_merge),
            money(core.regression_cost),
            grouped(core.expected_attempts, 2),
            money(core.cost_per_attempt),
            or_none(f.token_share, percent),
            count(core.tokens_per_merge),
            risk.map_or_else(|| NONE.to_string(), |r| r.p90_attempts.to_string()),
            or_none(risk.map(|r| r.p90_cost), money),
            match risk {
                Some(r) => r
                    .break_even_first_pass_rate
                    .map_or_else(|| "never".to_string(), percent),
                None => NONE.to_string(),
            },
            or_none(f.savings_per_merge, money),
            or_none(f.roi, percent),
            or_none(f.review_to_generation, |v| grouped(v, 2)),
            or_none(f.weekly_spend, money),
            or_none(f.weekly_net_saving, money),
            or_none(f.payback_weeks, |v| grouped(v, 1)),
        ];
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push_str(&provenance_markdown(comparison));
    out
}

/// Under the table: for each model, which of its files' `[usage]` and
/// `[quality]` figures are measured and where from, the rest assumed;
/// the models with nothing measured on one line. A mix has no figures of
/// its own, so it is not listed.
fn provenance_markdown(comparison: &Comparison) -> String {
    let models = comparison
        .rows
        .iter()
        .filter(|row| row.kind == ProfileKind::Model);
    let mut lines = Vec::new();
    let mut assumed = Vec::new();
    for row in models {
        match row.calibration.as_ref().filter(|c| !c.measured.is_empty()) {
            Some(calibration) => lines.push(measured_line(&row.name, calibration)),
            None => assumed.push(row.name.as_str()),
        }
    }
    if !assumed.is_empty() {
        lines.push(format!("- {}: every figure assumed", assumed.join(", ")));
    }
    if lines.is_empty() {
        return String::new();
    }
    format!(
        "\nMeasured or assumed, the files' `[usage]` and `[quality]` figures:\n\n{}\n",
        lines.join("\n")
    )
}

/// `- Opus 4.8: measured usage.input_tokens, … — from … (2026-11-29);
/// every other figure assumed`.
fn measured_line(name: &str, calibration: &Calibration) -> String {
    let names: Vec<String> = calibration
        .measured
        .iter()
        .filter_map(|&field| measured_name(field))
        .collect();
    let rest = if calibration.assumed().is_empty() {
        ""
    } else {
        "; every other figure assumed"
    };
    format!(
        "- {name}: measured {} — from {} ({}){rest}",
        names.join(", "),
        calibration.from,
        calibration.at.format("%Y-%m-%d")
    )
}

fn kind_name(kind: ProfileKind) -> &'static str {
    match kind {
        ProfileKind::Model => "model",
        ProfileKind::Mix => "mix",
    }
}

//! `analyze --format markdown`: the table's content as markdown tables
//! and lists, for notes and tickets. A figure with no value is `—`.

use super::super::Comparison;
use super::super::number::{NONE, grouped, money, percent};
use super::super::table::{scenario_pieces, what_if_pieces};
use super::words::{
    Flips, capitalised, flips, input_value, is_mix, lever_name, name_of, payback_pieces,
    retry_sentence,
};
use crate::model::analysis::Analysis;

/// Names are never cut in markdown.
const FULL: usize = usize::MAX;

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

pub(super) fn markdown(comparison: &Comparison, analysis: &Analysis) -> String {
    let name = name_of(comparison, &analysis.profile, FULL);
    let mut out = format!("### {name}: what moves its cost (USD per merged change)\n\n");
    out.push_str(&format!(
        "- cost per merged change {}\n",
        money(analysis.cost_per_merge)
    ));
    match (&analysis.against, analysis.against_cost_per_merge) {
        (Some(rival), Some(cost)) => out.push_str(&format!(
            "- against {}: {}\n",
            name_of(comparison, rival, FULL),
            money(cost)
        )),
        _ => out.push_str("- no other profile to compare with\n"),
    }
    // The first piece, the unit, is in the heading.
    for piece in scenario_pieces(comparison).iter().skip(1) {
        out.push_str(&format!("- {piece}\n"));
    }
    let what_ifs = what_if_pieces(comparison);
    if !what_ifs.is_empty() {
        out.push_str(&format!("- what-ifs: {}\n", what_ifs.join(", ")));
    }
    out.push_str(&levers(analysis));
    out.push_str(&flips_section(comparison, analysis));
    out.push_str(&crossovers(comparison, analysis));
    out.push_str(&curve(analysis));
    out.push_str(&retrying(comparison, analysis));
    out.push_str(&payback(comparison, analysis));
    out
}

/// The levers' table (shared with the explorer's export, `e`).
pub(crate) fn levers(analysis: &Analysis) -> String {
    let step = grouped(analysis.step * 100.0, 0);
    let mut out = format!(
        "\n#### Which lever matters most\n\nThe cost per merged change with each input \
         {step}% down and up, all else at base; widest swing first.\n\n"
    );
    out.push_str("| Lever | Base | Low | High | Cost at low | Cost at high | Swing | Flip |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for lever in &analysis.levers {
        let value = |value: Option<f64>| {
            value.map_or_else(|| NONE.to_string(), |v| input_value(lever.lever, v))
        };
        let cells = [
            lever_name(lever.lever).to_string(),
            value(lever.base),
            value(lever.low),
            value(lever.high),
            money(lever.cost_at_low),
            money(lever.cost_at_high),
            money(lever.swing),
            value(lever.flip),
        ];
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Where the decision flips (shared with the explorer's export, `e`).
pub(crate) fn flips_section(comparison: &Comparison, analysis: &Analysis) -> String {
    let mut out = String::from("\n#### Where the decision flips\n\n");
    match flips(comparison, analysis, FULL) {
        Flips::Sentence(sentence) => out.push_str(&format!("{sentence}\n")),
        Flips::Conditions { lead, conditions } => {
            out.push_str(&format!("{lead}:\n\n"));
            for condition in conditions {
                out.push_str(&format!("- {condition}\n"));
            }
        }
    }
    out
}

/// Payback in words (shared with the explorer's export, `e`).
pub(crate) fn payback(comparison: &Comparison, analysis: &Analysis) -> String {
    let mut out = String::from("\n#### Payback\n\n");
    for piece in payback_pieces(comparison, analysis) {
        out.push_str(&format!("- {piece}\n"));
    }
    out
}

fn crossovers(comparison: &Comparison, analysis: &Analysis) -> String {
    let name = name_of(comparison, &analysis.profile, FULL);
    let mut out = String::from("\n#### The first-pass rate to cost the same\n\n");
    if analysis.crossover.is_empty() {
        out.push_str("There is no other profile to compare with.\n");
        return out;
    }
    if is_mix(comparison, analysis) {
        out.push_str(&format!(
            "{name} is a mix, with no first-pass rate of its own; analyse its parts.\n"
        ));
        return out;
    }
    out.push_str(&format!(
        "The first-pass rate {name} needs to cost what each other profile costs.\n\n"
    ));
    out.push_str("| Profile | First-pass rate |\n|---|---:|\n");
    for crossover in &analysis.crossover {
        let rate = crossover
            .first_pass_rate
            .map_or_else(|| "never".to_string(), percent);
        let other = name_of(comparison, &crossover.profile, FULL);
        out.push_str(&format!("| {} | {rate} |\n", cell(&other)));
    }
    out
}

fn curve(analysis: &Analysis) -> String {
    let Some(points) = &analysis.cost_by_first_pass_rate else {
        return String::new();
    };
    let mut out = String::from(
        "\n#### The cost at other first-pass rates\n\nAll else at base.\n\n| First-pass rate |",
    );
    for &(p, _) in points {
        out.push_str(&format!(" {}% |", grouped(p * 100.0, 0)));
    }
    out.push_str(&format!(
        "\n|---|{}\n| Cost |",
        "---:|".repeat(points.len())
    ));
    for &(_, cost) in points {
        out.push_str(&format!(" {} |", money(cost)));
    }
    out.push('\n');
    out
}

fn retrying(comparison: &Comparison, analysis: &Analysis) -> String {
    let mut out = format!(
        "\n#### Retrying\n\n{}\n",
        capitalised(&retry_sentence(comparison, analysis))
    );
    if let Some(retry) = &analysis.retry {
        out.push_str("\n| A human after K tries |");
        for cap in 1..=retry.cost_by_cap.len() {
            out.push_str(&format!(" {cap} |"));
        }
        out.push_str(&format!(
            "\n|---|{}\n| Cost |",
            "---:|".repeat(retry.cost_by_cap.len())
        ));
        for cost in &retry.cost_by_cap {
            out.push_str(&format!(" {} |", money(*cost)));
        }
        out.push('\n');
    }
    out
}

//! The analyses in words, shared by the table and markdown: lever names,
//! input values, where the decision flips, retrying and payback.

use super::super::number::{count, grouped, money, percent};
use super::super::width::{display_width, truncate};
use super::super::{Comparison, Row};
use crate::model::analysis::{Analysis, Lever, LeverKind, retry_in_words};
use crate::profile::ProfileKind;

/// A lever's name for people.
pub(super) fn lever_name(kind: LeverKind) -> &'static str {
    match kind {
        LeverKind::FirstPassRate => "first-pass rate",
        LeverKind::ReviewMinutes => "review minutes",
        LeverKind::EngineerRate => "engineer rate",
        LeverKind::CacheHitRatio => "cache hit ratio",
        LeverKind::RevertRate => "revert rate",
        LeverKind::IncidentCost => "incident cost",
        LeverKind::Fanout => "fan-out",
        LeverKind::InputTokens => "input tokens",
        LeverKind::OutputTokens => "output tokens",
        LeverKind::TokenPrices => "token prices",
    }
}

/// One value of a lever's input, in its unit: `80.0%`, `5.0 min`,
/// `120.00/h`, `900.00`, `1.20×`, `78,000`.
pub(super) fn input_value(kind: LeverKind, value: f64) -> String {
    match kind {
        LeverKind::FirstPassRate | LeverKind::CacheHitRatio | LeverKind::RevertRate => {
            percent(value)
        }
        LeverKind::ReviewMinutes => format!("{} min", grouped(value, 1)),
        LeverKind::EngineerRate => format!("{}/h", money(value)),
        LeverKind::IncidentCost => money(value),
        LeverKind::Fanout | LeverKind::TokenPrices => format!("{}×", grouped(value, 2)),
        LeverKind::InputTokens | LeverKind::OutputTokens => count(value),
    }
}

/// A flip value: as [`input_value`], but a factor of 1 or more with one
/// decimal (`6.3×`).
fn flip_value(kind: LeverKind, value: f64) -> String {
    match kind {
        LeverKind::Fanout | LeverKind::TokenPrices if value >= 1.0 => {
            format!("{}×", grouped(value, 1))
        }
        _ => input_value(kind, value),
    }
}

/// The row of profile `id`, if the comparison has it.
pub(super) fn row_of<'a>(comparison: &'a Comparison, id: &str) -> Option<&'a Row> {
    comparison.rows.iter().find(|row| row.id == id)
}

/// The name of profile `id` cut to `width` display cells (with `…`); the
/// id itself when the comparison lacks it.
pub(super) fn name_of(comparison: &Comparison, id: &str, width: usize) -> String {
    truncate(
        row_of(comparison, id).map_or(id, |row| row.name.as_str()),
        width,
    )
}

pub(super) fn is_mix(comparison: &Comparison, analysis: &Analysis) -> bool {
    row_of(comparison, &analysis.profile)
        .map_or(analysis.cost_by_first_pass_rate.is_none(), |row| {
            row.kind == ProfileKind::Mix
        })
}

/// "its first-pass rate falls below 56.0%": the condition under which the
/// decision flips, worded by which side of the base the flip lies.
fn flip_condition(lever: &Lever) -> Option<String> {
    let (flip, base) = (lever.flip?, lever.base?);
    let above = flip > base;
    let value = flip_value(lever.lever, flip);
    let (rises, over) = if above {
        ("rises above", "over")
    } else {
        ("falls below", "under")
    };
    Some(match lever.lever {
        LeverKind::FirstPassRate => format!("its first-pass rate {rises} {value}"),
        LeverKind::ReviewMinutes => format!("review takes {over} {value}"),
        LeverKind::EngineerRate => format!("engineers cost {over} {value}"),
        LeverKind::CacheHitRatio => format!("its cache hit ratio {rises} {value}"),
        LeverKind::RevertRate => format!("its revert rate {rises} {value}"),
        LeverKind::IncidentCost => format!("an incident costs {over} {value}"),
        LeverKind::Fanout => format!("its fan-out {rises} {value}"),
        LeverKind::InputTokens => format!("an attempt reads {over} {value} input tokens"),
        LeverKind::OutputTokens => format!("an attempt writes {over} {value} output tokens"),
        LeverKind::TokenPrices if above => format!("token prices rise {value}"),
        LeverKind::TokenPrices => format!("token prices fall to {value}"),
    })
}

/// Where the decision flips, in words.
pub(super) enum Flips {
    /// One sentence: no rival, a mix, a tie, or no flip in range.
    Sentence(String),
    /// `lead` ("Fable 5.1 loses its lead to Opus 5.5 if") and the
    /// conditions, any one of which flips it.
    Conditions {
        lead: String,
        conditions: Vec<String>,
    },
}

impl Flips {
    /// The whole finding as one sentence.
    pub(super) fn sentence(&self) -> String {
        match self {
            Flips::Sentence(sentence) => sentence.clone(),
            Flips::Conditions { lead, conditions } => {
                format!("{lead} {}.", conditions.join(", or "))
            }
        }
    }
}

/// Where the decision flips for `analysis`, names cut to `name_width`.
pub(super) fn flips(comparison: &Comparison, analysis: &Analysis, name_width: usize) -> Flips {
    let name = name_of(comparison, &analysis.profile, name_width);
    let (Some(rival), Some(rival_cost)) = (&analysis.against, analysis.against_cost_per_merge)
    else {
        return Flips::Sentence("There is no other profile to compare with.".to_string());
    };
    let rival = name_of(comparison, rival, name_width);
    if is_mix(comparison, analysis) {
        return Flips::Sentence(format!(
            "{name} is a mix: it has no flips of its own; analyse its parts to see where \
             they flip against {rival}."
        ));
    }
    let cost = analysis.cost_per_merge;
    if cost == rival_cost {
        return Flips::Sentence(format!(
            "{name} and {rival} cost the same ({}): any input that moves decides it.",
            money(cost)
        ));
    }
    let conditions: Vec<String> = analysis.levers.iter().filter_map(flip_condition).collect();
    let cheaper = cost < rival_cost;
    match (cheaper, conditions.is_empty()) {
        (true, true) => Flips::Sentence(format!(
            "{name} keeps its lead over {rival} whichever single input moves, within its range."
        )),
        (false, true) => Flips::Sentence(format!(
            "No single input, within its range, makes {name} cheaper than {rival}."
        )),
        (true, false) => Flips::Conditions {
            lead: format!("{name} loses its lead to {rival} if"),
            conditions,
        },
        (false, false) => Flips::Conditions {
            lead: format!("{name} would beat {rival} if"),
            conditions,
        },
    }
}

/// The retry policy in words, or why there is none (lower case first:
/// it follows a heading).
pub(super) fn retry_sentence(comparison: &Comparison, analysis: &Analysis) -> String {
    match &analysis.retry {
        Some(retry) => {
            format!("{}.", retry_in_words(retry))
        }
        None if is_mix(comparison, analysis) => {
            "a mix has no retry policy of its own: analyse its parts.".to_string()
        }
        None => "set baseline_hours (in scenario.toml or with --set) to compare retrying with \
                 a human."
            .to_string(),
    }
}

/// Payback in words: the weekly net saving, when it pays back and where
/// the horizon ends; or which scenario fields to set.
pub(super) fn payback_pieces(comparison: &Comparison, analysis: &Analysis) -> Vec<String> {
    let Some(payback) = &analysis.payback else {
        let s = &comparison.scenario;
        let missing: Vec<&str> = [
            ("baseline_hours", s.baseline_hours.is_none()),
            ("changes_per_week", s.changes_per_week.is_none()),
        ]
        .into_iter()
        .filter(|(_, missing)| *missing)
        .map(|(field, _)| field)
        .collect();
        return vec![format!(
            "set {} (in scenario.toml or with --set) to see it",
            missing.join(" and ")
        )];
    };
    let mut pieces = vec![format!(
        "net saving {}/week",
        money(payback.weekly_net_saving)
    )];
    pieces.push(match payback.payback_weeks {
        Some(weeks) => format!("pays back in {} weeks", grouped(weeks, 1)),
        None => "never pays back".to_string(),
    });
    if let Some(last) = payback.cumulative_net_saving.last() {
        let weeks = payback.cumulative_net_saving.len() - 1;
        pieces.push(format!("cumulative after {weeks} weeks: {}", money(*last)));
    }
    pieces
}

/// `text` with its first letter in upper case.
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` filled to lines of at most `width` display cells, the first
/// starting with `first`, the others with `rest`.
pub(super) fn fill(text: &str, width: usize, first: &str, rest: &str) -> String {
    fill_words(text.split_whitespace(), width, first, rest)
}

/// `words` joined by spaces and filled as [`fill`] does: a line breaks
/// only between words, so a word may hold spaces that must not break
/// (`5: 22.73`). A word wider than a line stays whole on its own.
pub(super) fn fill_words<'a>(
    words: impl IntoIterator<Item = &'a str>,
    width: usize,
    first: &str,
    rest: &str,
) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in words {
        if !empty && display_width(&line) + 1 + display_width(word) > width {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_string();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(line.trim_end());
    out.push('\n');
    out
}

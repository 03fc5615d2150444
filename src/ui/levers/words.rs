//! The tornado's words: each lever's name and its input's value with
//! its unit, which lever a slider moves, and the legend under the chart.

use ratatui::text::{Line, Span};

use super::{BASE_GLYPH, HIGH_GLYPH, LOW_GLYPH};
use crate::app::SliderTarget;
use crate::model::analysis::{Analysis, LeverKind};
use crate::model::{ProfileField, ScenarioField};
use crate::report::{count, display_width, grouped, money, percent, truncate};
use crate::ui::Theme;

/// The lever a slider moves, if any: the tornado marks it.
pub(super) fn lever_of(target: SliderTarget) -> Option<LeverKind> {
    match target {
        SliderTarget::Profile(field) => match field {
            ProfileField::FirstPassRate => Some(LeverKind::FirstPassRate),
            ProfileField::ReviewMinutes => Some(LeverKind::ReviewMinutes),
            ProfileField::CacheHitRatio => Some(LeverKind::CacheHitRatio),
            ProfileField::SurviveRate => Some(LeverKind::RevertRate),
            ProfileField::IncidentCost => Some(LeverKind::IncidentCost),
            ProfileField::Fanout => Some(LeverKind::Fanout),
            ProfileField::InputTokens => Some(LeverKind::InputTokens),
            ProfileField::OutputTokens => Some(LeverKind::OutputTokens),
            _ => None,
        },
        SliderTarget::Scenario(ScenarioField::EngineerRate) => Some(LeverKind::EngineerRate),
        SliderTarget::Scenario(_) | SliderTarget::MixShare(_) => None,
    }
}

/// The lever's name in the chart, ten cells at most.
pub(super) fn lever_name(kind: LeverKind) -> &'static str {
    match kind {
        LeverKind::FirstPassRate => "first pass",
        LeverKind::ReviewMinutes => "review",
        LeverKind::EngineerRate => "engineer",
        LeverKind::CacheHitRatio => "cache hits",
        LeverKind::RevertRate => "reverts",
        LeverKind::IncidentCost => "incident",
        LeverKind::Fanout => "fan-out",
        LeverKind::InputTokens => "input tok",
        LeverKind::OutputTokens => "output tok",
        LeverKind::TokenPrices => "prices",
    }
}

/// The input's value with its unit: `57.6%`, `4.8 min`, `$96/h`, `$720`,
/// `1.2×`, `32k tok`, prices `0.80×`.
pub(super) fn lever_value(kind: LeverKind, value: f64) -> String {
    match kind {
        LeverKind::FirstPassRate | LeverKind::CacheHitRatio | LeverKind::RevertRate => {
            percent(value)
        }
        LeverKind::ReviewMinutes => format!("{} min", grouped(value, 1)),
        LeverKind::EngineerRate => format!("${}/h", grouped(value, 0)),
        LeverKind::IncidentCost => format!("${}", grouped(value, 0)),
        LeverKind::Fanout => format!("{}×", grouped(value, 1)),
        LeverKind::InputTokens | LeverKind::OutputTokens => format!("{} tok", tokens(value)),
        LeverKind::TokenPrices => format!("{}×", grouped(value, 2)),
    }
}

/// `62.4k` from 10,000 tokens up, `8,000` below.
fn tokens(value: f64) -> String {
    if value.abs() >= 1e6 {
        format!("{}M", trimmed(value / 1e6))
    } else if value.abs() >= 1e4 {
        format!("{}k", trimmed(value / 1e3))
    } else {
        count(value)
    }
}

/// One decimal, none when it is 0: `62.4`, `32`.
fn trimmed(value: f64) -> String {
    let text = grouped(value, 1);
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// `20%` for a step of 0.2.
pub(super) fn percent_step(step: f64) -> String {
    format!("{}%", grouped(step * 100.0, 0))
}

/// Under the chart: which glyph is which end, the base, and the rival.
pub(super) fn legend(
    theme: &Theme,
    analysis: &Analysis,
    rival: Option<(&str, f64)>,
    room: u16,
) -> Line<'static> {
    let step = percent_step(analysis.step);
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(LOW_GLYPH.to_string(), theme.low_end),
        Span::raw(format!(" input −{step}  ")),
        Span::styled(HIGH_GLYPH.to_string(), theme.high_end),
        Span::raw(format!(" input +{step}  ")),
        Span::styled(BASE_GLYPH.to_string(), theme.dim),
        Span::raw(format!(" base {} ", money(analysis.cost_per_merge))),
    ];
    if let Some((name, cost)) = rival {
        let cost = money(cost);
        let used: usize = spans.iter().map(|span| display_width(&span.content)).sum();
        let name_room = usize::from(room).saturating_sub(used + display_width(&cost) + 7);
        let name = truncate(name, name_room);
        spans.push(Span::raw(format!(" ⇄ = {name} {cost} ")));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_lever_reads_in_its_unit() {
        let cases = [
            (LeverKind::FirstPassRate, 0.576, "57.6%"),
            (LeverKind::RevertRate, 0.012, "1.2%"),
            (LeverKind::ReviewMinutes, 4.8, "4.8 min"),
            (LeverKind::EngineerRate, 96.0, "$96/h"),
            (LeverKind::IncidentCost, 1080.0, "$1,080"),
            (LeverKind::Fanout, 1.2, "1.2×"),
            (LeverKind::InputTokens, 62_400.0, "62.4k tok"),
            (LeverKind::InputTokens, 32_000.0, "32k tok"),
            (LeverKind::OutputTokens, 8_320.0, "8,320 tok"),
            (LeverKind::OutputTokens, 1_400_000.0, "1.4M tok"),
            (LeverKind::TokenPrices, 0.8, "0.80×"),
        ];
        for (kind, value, want) in cases {
            assert_eq!(lever_value(kind, value), want, "{kind:?}");
        }
    }
}

//! The sliders of the explorer: which field each moves, its steps, its
//! range and how its value reads.

mod actions;

use crate::model::{Bound, ModelProfile, ProfileField, Scenario, ScenarioField};
use crate::report::{count, grouped, money, percent};

/// What a slider moves: a field of the selected profile, or the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliderTarget {
    Profile(ProfileField),
    Scenario(ScenarioField),
}

/// How a slider's value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Minutes,
    UsdPerHour,
    Usd,
    Times,
    Tokens,
}

impl Unit {
    /// The value with its unit, "—" when not finite.
    pub fn show(self, value: f64) -> String {
        if !value.is_finite() {
            return "—".to_string();
        }
        match self {
            Unit::Percent => percent(value),
            Unit::Minutes => format!("{} min", grouped(value, 1)),
            Unit::UsdPerHour => format!("${}/h", money(value)),
            Unit::Usd => format!("${}", money(value)),
            Unit::Times => format!("{}×", grouped(value, 1)),
            Unit::Tokens => format!("{} tok", count(value)),
        }
    }
}

/// One slider.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slider {
    pub label: &'static str,
    /// At most 10 characters, for narrow panes.
    pub short: &'static str,
    pub target: SliderTarget,
    pub unit: Unit,
    /// One press of ←/→.
    pub fine_step: f64,
    /// One press of Shift+←/→ or H/L.
    pub coarse_step: f64,
    /// Where the track ends for a field the profile format leaves open
    /// above (review time, tokens …); `None` for a bounded field, whose
    /// track ends at its bound. A file value beyond it widens the track.
    pub open_track_end: Option<f64>,
}

const fn profile(
    (label, short): (&'static str, &'static str),
    field: ProfileField,
    unit: Unit,
    steps: (f64, f64),
    open_track_end: Option<f64>,
) -> Slider {
    Slider {
        label,
        short,
        target: SliderTarget::Profile(field),
        unit,
        fine_step: steps.0,
        coarse_step: steps.1,
        open_track_end,
    }
}

/// The sliders, in Tab order: the four that move the answer most first.
pub const SLIDERS: [Slider; 9] = [
    profile(
        ("First-pass rate", "First pass"),
        ProfileField::FirstPassRate,
        Unit::Percent,
        (0.01, 0.10),
        None,
    ),
    profile(
        ("Review time", "Review"),
        ProfileField::ReviewMinutes,
        Unit::Minutes,
        (0.5, 5.0),
        Some(120.0),
    ),
    profile(
        ("Cache hit ratio", "Cache hits"),
        ProfileField::CacheHitRatio,
        Unit::Percent,
        (0.01, 0.10),
        None,
    ),
    Slider {
        label: "Engineer rate",
        short: "Engineer",
        target: SliderTarget::Scenario(ScenarioField::EngineerRate),
        unit: Unit::UsdPerHour,
        fine_step: 5.0,
        coarse_step: 25.0,
        open_track_end: Some(400.0),
    },
    profile(
        ("Survive rate", "Survives"),
        ProfileField::SurviveRate,
        Unit::Percent,
        (0.005, 0.05),
        None,
    ),
    profile(
        ("Incident cost", "Incident"),
        ProfileField::IncidentCost,
        Unit::Usd,
        (50.0, 500.0),
        Some(10_000.0),
    ),
    profile(
        ("Fan-out", "Fan-out"),
        ProfileField::Fanout,
        Unit::Times,
        (0.1, 1.0),
        Some(20.0),
    ),
    profile(
        ("Input tokens", "Input tok"),
        ProfileField::InputTokens,
        Unit::Tokens,
        (1_000.0, 10_000.0),
        Some(500_000.0),
    ),
    profile(
        ("Output tokens", "Output tok"),
        ProfileField::OutputTokens,
        Unit::Tokens,
        (500.0, 5_000.0),
        Some(100_000.0),
    ),
];

impl Slider {
    /// The value the engine uses; `None` for a profile slider on a mix.
    pub fn value(&self, model: Option<&ModelProfile>, scenario: &Scenario) -> Option<f64> {
        match self.target {
            SliderTarget::Profile(field) => model.map(|model| field.get(model)),
            SliderTarget::Scenario(field) => field.get(scenario),
        }
    }

    /// The field's valid range, as the loader and `--set` check it.
    pub fn bound(&self) -> Bound {
        match self.target {
            SliderTarget::Profile(field) => field.bound(),
            SliderTarget::Scenario(field) => field.bound(),
        }
    }

    /// The track: the field's valid range (`model/fields.rs`, the one
    /// source), starting one fine step in where the bound excludes its low
    /// end (first-pass rate > 0 floors at 1%, so n = 1/p stays sane), and
    /// ending at `open_track_end` where the bound has no top.
    fn track(&self) -> (f64, f64) {
        let bound = self.bound();
        let (low, high) = bound.limits();
        let low = if bound.contains(low) {
            low
        } else {
            low + self.fine_step
        };
        let high = match self.open_track_end {
            Some(end) if high.is_infinite() => end,
            _ => high,
        };
        (low, high)
    }

    /// The range this slider may take for `model`: its track, narrowed by
    /// the rules that tie fields together, widened to hold the file value.
    pub fn range(&self, model: Option<&ModelProfile>, file_value: f64) -> (f64, f64) {
        let (min, track_max) = self.track();
        let max = match (self.target, model) {
            // Hits and writes share the same input tokens.
            (SliderTarget::Profile(ProfileField::CacheHitRatio), Some(model)) => {
                1.0 - model.usage.cache_write_ratio
            }
            _ if file_value.is_finite() => track_max.max(file_value),
            _ => track_max,
        };
        (min.min(max), max)
    }

    /// `value` moved by `steps` (fine or coarse), kept in range. Rounded
    /// so that 0.72 + 0.01 reads 0.73, not 0.7300000000000001.
    pub fn moved(&self, value: f64, steps: i32, coarse: bool, range: (f64, f64)) -> f64 {
        let step = if coarse {
            self.coarse_step
        } else {
            self.fine_step
        };
        let start = if value.is_finite() { value } else { range.0 };
        let next = start + f64::from(steps) * step;
        clamp((next * 1e9).round() / 1e9, range)
    }

    /// The value at `position` (0..1) on the track, snapped to a fine step.
    pub(crate) fn at_position(&self, position: f64, range: (f64, f64)) -> f64 {
        let (low, high) = range;
        let raw = low + position.clamp(0.0, 1.0) * (high - low);
        let snapped = (raw / self.fine_step).round() * self.fine_step;
        clamp((snapped * 1e9).round() / 1e9, range)
    }

    /// Whether the slider moves a field of the selected profile.
    pub(crate) fn is_per_profile(&self) -> bool {
        matches!(self.target, SliderTarget::Profile(_))
    }
}

fn clamp(value: f64, (low, high): (f64, f64)) -> f64 {
    value.max(low).min(high)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PriceBand, Quality, Usage};

    /// The tracks the explorer has always drawn, written out: built from
    /// the field bounds, they must not move. A bounded field ends at its
    /// bound; an open one at its track end; first-pass rate, which must be
    /// above 0, starts one fine step in.
    #[test]
    fn tracks_come_from_the_field_bounds() {
        let model = ModelProfile {
            prices: PriceBand::new(3.0, 15.0),
            long_prompt: None,
            usage: Usage {
                input_tokens: 40_000.0,
                output_tokens: 8_000.0,
                fanout: 1.0,
                cache_hit_ratio: 0.0,
                cache_write_ratio: 0.0,
                long_prompt_share: 0.0,
            },
            quality: Quality {
                first_pass_rate: 0.72,
                review_minutes: 6.0,
                survive_rate: 0.985,
                incident_cost_usd: 900.0,
            },
        };
        let expected = [
            ("First-pass rate", (0.01, 1.0)),
            ("Review time", (0.0, 120.0)),
            ("Cache hit ratio", (0.0, 1.0)),
            ("Engineer rate", (0.0, 400.0)),
            ("Survive rate", (0.0, 1.0)),
            ("Incident cost", (0.0, 10_000.0)),
            ("Fan-out", (1.0, 20.0)),
            ("Input tokens", (0.0, 500_000.0)),
            ("Output tokens", (0.0, 100_000.0)),
        ];
        let scenario = Scenario::default();
        let ranges: Vec<(&str, (f64, f64))> = SLIDERS
            .iter()
            .map(|slider| {
                let file_value = slider.value(Some(&model), &scenario).unwrap_or(0.0);
                (slider.label, slider.range(Some(&model), file_value))
            })
            .collect();
        assert_eq!(ranges, expected);
        // A file value beyond an open track widens it; a bounded one cannot
        // be beyond its bound (the loader refuses it).
        let review = &SLIDERS[1];
        assert_eq!(review.range(Some(&model), 300.0), (0.0, 300.0));
    }
}

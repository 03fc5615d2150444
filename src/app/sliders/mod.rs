//! The sliders of the explorer: which field each moves, its steps, its
//! range and how its value reads. Which sliders show depends on the
//! selected profile: a model's fields and the scenario's (`SLIDERS`), or a
//! mix's shares and the scenario's (`App::sliders`).

mod actions;

use std::borrow::Cow;

use super::SliderView;
use crate::model::{Bound, ModelProfile, ProfileField, Scenario, ScenarioField};
use crate::report::{count, grouped, money, percent};

/// What a slider moves: a field of the selected profile, the scenario, or
/// the share of one part of the selected mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SliderTarget {
    Profile(ProfileField),
    Scenario(ScenarioField),
    /// The share of the mix's part at this index (file order).
    MixShare(usize),
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
    Hours,
    PerWeek,
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
            Unit::Hours => format!("{} h", grouped(value, 1)),
            Unit::PerWeek => format!("{}/wk", count(value)),
        }
    }
}

/// One slider.
#[derive(Debug, Clone, PartialEq)]
pub struct Slider {
    /// A field's name, or a mix part's profile name.
    pub label: Cow<'static, str>,
    /// The label for narrow panes: at most 10 cells for a field; a mix
    /// part's whole name, which the sliders pane cuts to its label cells
    /// (`ui/layout/slider_rows.rs`), ending in `…`.
    pub short: Cow<'static, str>,
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
    /// Where the first move lands on a field the file leaves unset (the
    /// scenario's baseline and volume); after that it steps as usual.
    pub unset_start: Option<f64>,
}

const fn profile(
    (label, short): (&'static str, &'static str),
    field: ProfileField,
    unit: Unit,
    steps: (f64, f64),
    open_track_end: Option<f64>,
) -> Slider {
    Slider {
        label: Cow::Borrowed(label),
        short: Cow::Borrowed(short),
        target: SliderTarget::Profile(field),
        unit,
        fine_step: steps.0,
        coarse_step: steps.1,
        open_track_end,
        unset_start: None,
    }
}

const fn scenario(
    (label, short): (&'static str, &'static str),
    field: ScenarioField,
    unit: Unit,
    steps: (f64, f64),
    (open_track_end, unset_start): (f64, Option<f64>),
) -> Slider {
    Slider {
        label: Cow::Borrowed(label),
        short: Cow::Borrowed(short),
        target: SliderTarget::Scenario(field),
        unit,
        fine_step: steps.0,
        coarse_step: steps.1,
        open_track_end: Some(open_track_end),
        unset_start,
    }
}

const ENGINEER_RATE: Slider = scenario(
    ("Engineer rate", "Engineer"),
    ScenarioField::EngineerRate,
    Unit::UsdPerHour,
    (5.0, 25.0),
    (400.0, None),
);

/// Unset in the file: the first move sets the 3.5 h the docs' examples use.
const BASELINE_HOURS: Slider = scenario(
    ("Baseline hours", "Baseline"),
    ScenarioField::BaselineHours,
    Unit::Hours,
    (0.5, 2.0),
    (24.0, Some(3.5)),
);

/// Unset in the file: the first move sets 40 changes a week.
const CHANGES_PER_WEEK: Slider = scenario(
    ("Weekly changes", "Changes"),
    ScenarioField::ChangesPerWeek,
    Unit::PerWeek,
    (1.0, 10.0),
    (500.0, Some(40.0)),
);

/// The scenario's sliders after a mix's shares, in Tab order.
pub const SCENARIO_SLIDERS: [Slider; 3] = [ENGINEER_RATE, BASELINE_HOURS, CHANGES_PER_WEEK];

/// A model's sliders, in Tab order: the four that move the answer most
/// first, then the model's other fields, then the scenario's baseline and
/// volume (they move savings, ROI and the weekly figures, not the cost).
pub const SLIDERS: [Slider; 11] = [
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
    ENGINEER_RATE,
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
    BASELINE_HOURS,
    CHANGES_PER_WEEK,
];

impl Slider {
    /// The share of the mix part at `at`, labelled with the part's `name`.
    pub fn share(at: usize, name: &str) -> Slider {
        Slider {
            label: Cow::Owned(name.to_string()),
            short: Cow::Owned(name.to_string()),
            target: SliderTarget::MixShare(at),
            unit: Unit::Percent,
            fine_step: 0.01,
            coarse_step: 0.10,
            open_track_end: None,
            unset_start: None,
        }
    }

    /// The file's value in words: `5.0 min`, or `unset`.
    pub(crate) fn file_text(&self, view: &SliderView) -> String {
        if view.file_value.is_finite() {
            self.unit.show(view.file_value)
        } else {
            "unset".to_string()
        }
    }

    /// How messages name what the slider moves: `review time`, `share of
    /// Haiku 5.5`.
    pub(crate) fn what(&self) -> String {
        match self.target {
            SliderTarget::MixShare(_) => format!("share of {}", self.label),
            _ => self.label.to_lowercase(),
        }
    }
}

impl Slider {
    /// The value the engine uses; `None` for a profile slider on a mix, a
    /// scenario field the file leaves unset, and a share (the mix's parts
    /// hold those).
    pub fn value(&self, model: Option<&ModelProfile>, scenario: &Scenario) -> Option<f64> {
        match self.target {
            SliderTarget::Profile(field) => model.map(|model| field.get(model)),
            SliderTarget::Scenario(field) => field.get(scenario),
            SliderTarget::MixShare(_) => None,
        }
    }

    /// The field's valid range, as the loader and `--set` check it.
    pub fn bound(&self) -> Bound {
        match self.target {
            SliderTarget::Profile(field) => field.bound(),
            SliderTarget::Scenario(field) => field.bound(),
            SliderTarget::MixShare(_) => Bound::Ratio,
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
        if !value.is_finite() {
            // Unset: the first move, either way, lands on the start value.
            return clamp(self.unset_start.unwrap_or(range.0), range);
        }
        let next = value + f64::from(steps) * step;
        clamp((next * 1e9).round() / 1e9, range)
    }

    /// The value at `position` (0..1) on the track, snapped to a fine step.
    pub(crate) fn at_position(&self, position: f64, range: (f64, f64)) -> f64 {
        let (low, high) = range;
        let raw = low + position.clamp(0.0, 1.0) * (high - low);
        let snapped = (raw / self.fine_step).round() * self.fine_step;
        clamp((snapped * 1e9).round() / 1e9, range)
    }
}

fn clamp(value: f64, (low, high): (f64, f64)) -> f64 {
    value.max(low).min(high)
}

#[cfg(test)]
mod tests;

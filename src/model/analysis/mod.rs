//! The analyses of one profile (`docs/analysis.md`): which lever matters
//! most, where the decision flips, the first-pass curve and crossovers,
//! retrying, and payback. Pure functions on a catalog and a scenario with
//! the what-ifs already applied.
//!
//! API CONTRACT (shared by the `analyze` command and the explorer's views;
//! keep these names and fields):
//! - [`analyze`] takes the catalog, the scenario, the [`Subject`] (the
//!   profile, its rival, and every profile's cost per merge in report
//!   order) and the [`Options`] (step, weeks), and returns an [`Analysis`].

use super::{Catalog, Scenario};

/// The ten levers, in the table order of `docs/analysis.md` (ties in swing
/// keep this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeverKind {
    FirstPassRate,
    ReviewMinutes,
    EngineerRate,
    CacheHitRatio,
    RevertRate,
    IncidentCost,
    Fanout,
    InputTokens,
    OutputTokens,
    TokenPrices,
}

impl LeverKind {
    pub const ALL: [LeverKind; 10] = [
        LeverKind::FirstPassRate,
        LeverKind::ReviewMinutes,
        LeverKind::EngineerRate,
        LeverKind::CacheHitRatio,
        LeverKind::RevertRate,
        LeverKind::IncidentCost,
        LeverKind::Fanout,
        LeverKind::InputTokens,
        LeverKind::OutputTokens,
        LeverKind::TokenPrices,
    ];

    /// The JSON name: `first_pass_rate`, …, `token_prices`.
    pub fn key(self) -> &'static str {
        match self {
            LeverKind::FirstPassRate => "first_pass_rate",
            LeverKind::ReviewMinutes => "review_minutes",
            LeverKind::EngineerRate => "engineer_rate",
            LeverKind::CacheHitRatio => "cache_hit_ratio",
            LeverKind::RevertRate => "revert_rate",
            LeverKind::IncidentCost => "incident_cost",
            LeverKind::Fanout => "fanout",
            LeverKind::InputTokens => "input_tokens",
            LeverKind::OutputTokens => "output_tokens",
            LeverKind::TokenPrices => "token_prices",
        }
    }
}

/// One lever: the input moved down and up by the step.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub lever: LeverKind,
    /// The input's value at base, low and high; `None` for a mix except
    /// `engineer_rate` and `token_prices`.
    pub base: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub cost_at_low: f64,
    pub cost_at_high: f64,
    /// `|cost_at_high - cost_at_low|`.
    pub swing: f64,
    /// The input's value at which the profile costs what the rival costs;
    /// `None` out of range, for a mix, or without a rival.
    pub flip: Option<f64>,
}

/// What retrying does on expected cost (`docs/analysis.md`, "Retrying").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryPolicy {
    /// Every retry pays: keep retrying.
    NoCap,
    /// Even one attempt costs more than a human.
    HumanOnly,
    Indifferent,
}

impl RetryPolicy {
    /// The JSON name: `no_cap`, `human_only`, `indifferent`.
    pub fn key(self) -> &'static str {
        match self {
            RetryPolicy::NoCap => "no_cap",
            RetryPolicy::HumanOnly => "human_only",
            RetryPolicy::Indifferent => "indifferent",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Retry {
    pub policy: RetryPolicy,
    /// Expected cost with a cap of K = 1..N (N = attempts_shown).
    pub cost_by_cap: Vec<f64>,
    /// The first-pass rate above which retrying pays (the break-even rate
    /// A / (L_0 - R)); `None` when there is none. For the words.
    pub pays_above_first_pass_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Payback {
    pub weekly_net_saving: f64,
    pub payback_weeks: Option<f64>,
    /// t * weekly_net_saving - U for t = 0..=T.
    pub cumulative_net_saving: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Crossover {
    pub profile: String,
    pub first_pass_rate: Option<f64>,
}

/// Everything `docs/analysis.md` computes for one profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub profile: String,
    /// The rival; `None` when the folder has no other profile.
    pub against: Option<String>,
    pub step: f64,
    pub cost_per_merge: f64,
    pub against_cost_per_merge: Option<f64>,
    /// Sorted by swing, widest first (ties keep the table order).
    pub levers: Vec<Lever>,
    /// `(p, L)` at p = 0.05, 0.10, …, 1.00; `None` for a mix.
    pub cost_by_first_pass_rate: Option<Vec<(f64, f64)>>,
    /// Against every other profile, in report order.
    pub crossover: Vec<Crossover>,
    /// `None` for a mix or without a baseline.
    pub retry: Option<Retry>,
    /// `None` without a baseline or a volume.
    pub payback: Option<Payback>,
}

/// Which profile, against whom, among which.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The analysed profile's id.
    pub profile: &'a str,
    /// The rival's id; `None` picks the cheapest other (ties by id).
    pub rival: Option<&'a str>,
    /// Every profile with figures, `(id, cost per merge)`, in report order
    /// (cheapest first, ties by id), the analysed one included.
    pub ranked: &'a [(&'a str, f64)],
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// The relative step, 0 < step < 1.
    pub step: f64,
    /// The payback horizon in weeks.
    pub weeks: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            step: 0.2,
            weeks: 26,
        }
    }
}

/// Why there is no analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisError {
    /// No profile with this id (or it has no figures).
    UnknownProfile(String),
    /// No rival with this id.
    UnknownRival(String),
    /// The step is not in 0 < step < 1.
    BadStep(f64),
}

/// The analyses of `subject.profile` under `scenario`.
pub fn analyze(
    catalog: &Catalog,
    scenario: &Scenario,
    subject: Subject<'_>,
    options: Options,
) -> Result<Analysis, AnalysisError> {
    let _ = (catalog, scenario, subject, options);
    Err(AnalysisError::UnknownProfile(String::new()))
}

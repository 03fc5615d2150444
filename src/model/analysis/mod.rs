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
//!
//! Beside it, the pieces a view may want alone: [`retry_of`] and
//! [`retry_in_words`] (the retry policy of one model, in figures and in
//! words), [`retry_policy`], [`payback_of`], [`crossover_first_pass_rate`],
//! [`rival_of`], and [`LeverKind::base`], [`LeverKind::ends`] and
//! [`LeverKind::apply`] (one lever's input, its ends, the profile with it
//! set).

mod flips;
mod levers;
mod reach;
mod retry;

pub use retry::{retry_in_words, retry_of, retry_policy};

use super::{Catalog, ModelProfile, Scenario};
use flips::RivalLine;
use reach::Reach;

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
///
/// Only the profile (for a mix, the models it reaches) and the rival are
/// evaluated; every other profile's cost comes from `subject.ranked`.
pub fn analyze(
    catalog: &Catalog,
    scenario: &Scenario,
    subject: Subject<'_>,
    options: Options,
) -> Result<Analysis, AnalysisError> {
    let step = options.step;
    if !(step > 0.0 && step < 1.0) {
        return Err(AnalysisError::BadStep(step));
    }
    let profile = subject.profile;
    let unknown_profile = || AnalysisError::UnknownProfile(profile.to_string());
    if ranked_cost(subject.ranked, profile).is_none() {
        return Err(unknown_profile());
    }
    let reach = Reach::new(catalog, profile).ok_or_else(unknown_profile)?;
    let rival = match subject.rival {
        Some(id) if id != profile && ranked_cost(subject.ranked, id).is_some() => Some(id),
        Some(id) => return Err(AnalysisError::UnknownRival(id.to_string())),
        None => rival_of(profile, subject.ranked),
    };
    let rival_cost = rival.and_then(|id| ranked_cost(subject.ranked, id));
    let model = reach.model();
    // The flips need how the rival's cost moves with E: only for a model.
    let rival_line = match (model, rival, rival_cost) {
        (Some(_), Some(id), Some(cost)) => {
            let rival_reach = Reach::new(catalog, id)
                .ok_or_else(|| AnalysisError::UnknownRival(id.to_string()))?;
            Some(RivalLine {
                cost,
                per_engineer_rate: rival_reach.sum(flips::per_engineer_rate),
            })
        }
        _ => None,
    };
    let levers = LeverKind::ALL
        .into_iter()
        .map(|kind| match model {
            Some(x) => model_lever(kind, x, scenario, step, rival_line),
            None => mix_lever(kind, &reach, scenario, step),
        })
        .collect();
    let others = subject.ranked.iter().filter(|(id, _)| *id != profile);
    let cost_per_merge = reach.sum(|m| m.cost_per_merge(scenario));
    Ok(Analysis {
        profile: profile.to_string(),
        against: rival.map(str::to_string),
        step,
        cost_per_merge,
        against_cost_per_merge: rival_cost,
        levers: levers::by_swing(levers),
        cost_by_first_pass_rate: model.map(|x| cost_by_first_pass_rate(x, scenario)),
        crossover: others
            .map(|&(id, cost)| Crossover {
                profile: id.to_string(),
                first_pass_rate: model.and_then(|x| crossover_first_pass_rate(x, scenario, cost)),
            })
            .collect(),
        retry: model.and_then(|x| retry_of(x, scenario)),
        payback: payback_of(cost_per_merge, scenario, options.weeks),
    })
}

/// The default rival: the cheapest profile in `ranked` (report order)
/// other than `profile`.
pub fn rival_of<'a>(profile: &str, ranked: &[(&'a str, f64)]) -> Option<&'a str> {
    ranked.iter().map(|&(id, _)| id).find(|&id| id != profile)
}

fn ranked_cost(ranked: &[(&str, f64)], id: &str) -> Option<f64> {
    ranked
        .iter()
        .find(|(ranked_id, _)| *ranked_id == id)
        .map(|&(_, cost)| cost)
}

/// One lever of a model: its own base and ends, and the flip.
fn model_lever(
    kind: LeverKind,
    x: &ModelProfile,
    scenario: &Scenario,
    step: f64,
    rival: Option<RivalLine>,
) -> Lever {
    let (low, high) = kind.ends(x, scenario, step);
    let cost_at_low = kind.cost_at(x, scenario, low);
    let cost_at_high = kind.cost_at(x, scenario, high);
    Lever {
        lever: kind,
        base: Some(kind.base(x, scenario)),
        low: Some(low),
        high: Some(high),
        cost_at_low,
        cost_at_high,
        swing: (cost_at_high - cost_at_low).abs(),
        flip: rival.and_then(|rival| flips::flip(kind, x, scenario, rival)),
    }
}

/// One lever of a mix: every model it reaches moved from its own value
/// within its own limits, the costs blended by share. Only the engineer
/// rate and the price factor have one base for the whole mix.
fn mix_lever(kind: LeverKind, reach: &Reach<'_>, scenario: &Scenario, step: f64) -> Lever {
    let cost_at = |end: fn((f64, f64)) -> f64| {
        reach.sum(|m| kind.cost_at(m, scenario, end(kind.ends(m, scenario, step))))
    };
    let cost_at_low = cost_at(|(low, _)| low);
    let cost_at_high = cost_at(|(_, high)| high);
    let shared = match kind {
        LeverKind::EngineerRate => Some(scenario.engineer_rate_per_hour),
        LeverKind::TokenPrices => Some(1.0),
        _ => None,
    };
    Lever {
        lever: kind,
        base: shared,
        low: shared.map(|base| base * (1.0 - step)),
        high: shared.map(|base| base * (1.0 + step)),
        cost_at_low,
        cost_at_high,
        swing: (cost_at_high - cost_at_low).abs(),
        flip: None,
    }
}

/// L of `x` at p = k / 20 for k = 1..=20.
fn cost_by_first_pass_rate(x: &ModelProfile, scenario: &Scenario) -> Vec<(f64, f64)> {
    (1..=20)
        .map(|k| {
            let p = f64::from(k) / 20.0;
            (p, LeverKind::FirstPassRate.cost_at(x, scenario, p))
        })
        .collect()
}

/// The first-pass rate `x` needs to cost `other_cost`:
/// A_X / (L_Y' - R_X) when L_Y' > R_X and the rate is at most 1.
pub fn crossover_first_pass_rate(
    x: &ModelProfile,
    scenario: &Scenario,
    other_cost: f64,
) -> Option<f64> {
    flips::first_pass_flip(x, scenario, other_cost).filter(|rate| *rate <= 1.0)
}

/// Payback for a profile costing `cost_per_merge`: `None` without a
/// baseline or a volume. The weekly net saving is `V * (L_0 - L) - K * 12
/// / 52`, the payback `U / saving` when the saving is positive, and the
/// cumulative net saving `t * saving - U` for t = 0..=weeks.
pub fn payback_of(cost_per_merge: f64, scenario: &Scenario, weeks: usize) -> Option<Payback> {
    let baseline = scenario.baseline_cost()?;
    let volume = scenario.changes_per_week?;
    let weekly_net_saving =
        volume * (baseline - cost_per_merge) - scenario.platform_cost_per_month * 12.0 / 52.0;
    let setup = scenario.setup_cost;
    Some(Payback {
        weekly_net_saving,
        payback_weeks: (weekly_net_saving > 0.0).then(|| setup / weekly_net_saving),
        cumulative_net_saving: (0..=weeks)
            .map(|t| t as f64 * weekly_net_saving - setup)
            .collect(),
    })
}

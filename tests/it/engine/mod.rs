//! Table-driven tests of every formula in `cost-model.md`, on the engine's
//! plain structs (no files involved). Here: `Case` (one formula case: a
//! profile and scenario, the figure and its value), `every_formula_case`
//! running every table, and `CASES`, the tables one after another; each
//! area's table is in its own file, where a new formula gets its `Case`:
//! - `cost_per_merge`: the loaded cost per merge's pieces: prices and
//!   cache, fan-out, the long-prompt band, review, regressions;
//! - `baseline_and_weekly`: against a human baseline (savings, ROI,
//!   break-even, review-to-generation) and per week (spend, net saving,
//!   payback);
//! - `risk_retry_and_crossover`: P90, spend by attempt, retry caps and
//!   crossovers, with the P90 table and the spend's limit;
//! - `worked_check`: 30.50 and 78.45 and every other figure of both rows.

use std::array;
use std::iter::Flatten;

use crate::support::close;
use costlens::model::{Figures, ModelProfile, Scenario};

mod baseline_and_weekly;
mod cost_per_merge;
mod risk_retry_and_crossover;
mod worked_check;

/// One formula case: a profile and scenario, the figure and its value.
pub(super) struct Case {
    pub(super) name: &'static str,
    pub(super) profile: fn() -> ModelProfile,
    pub(super) scenario: fn() -> Scenario,
    pub(super) figure: fn(&ModelProfile, &Scenario) -> Option<f64>,
    pub(super) want: Option<f64>,
}

pub(super) fn token_cost(m: &ModelProfile, _: &Scenario) -> Option<f64> {
    Some(m.token_cost_per_attempt())
}

pub(super) fn figures(m: &ModelProfile, s: &Scenario) -> Figures {
    m.figures(s)
}

/// Every formula case: the areas' tables in the order of `cost-model.md`,
/// read one after another by `for case in CASES`.
const CASES: AllCases = AllCases;

/// The tables of the submodules, iterated as one.
struct AllCases;

impl IntoIterator for AllCases {
    type Item = &'static Case;
    type IntoIter = Flatten<array::IntoIter<&'static [Case], 3>>;

    fn into_iter(self) -> Self::IntoIter {
        [
            cost_per_merge::CASES,
            baseline_and_weekly::CASES,
            risk_retry_and_crossover::CASES,
        ]
        .into_iter()
        .flatten()
    }
}

#[test]
fn every_formula_case() {
    for case in CASES {
        let scenario = (case.scenario)();
        let got = (case.figure)(&(case.profile)(), &scenario);
        match (got, case.want) {
            (Some(got), Some(want)) => close(got, want, case.name),
            (got, want) => assert_eq!(got, want, "{}", case.name),
        }
    }
}

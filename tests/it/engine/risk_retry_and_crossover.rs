//! The cases of risk (P90), spend by attempt, retry caps (which need a
//! baseline) and the best cap, and crossovers between two profiles; with
//! the P90 attempts table and spend by attempt rising to its limit n * A.

use crate::support::close;
use crate::support::worked::{cheap, strong, with_baseline};
use costlens::model::{Scenario, p90_attempts};

use super::{Case, figures};

pub(super) const CASES: &[Case] = &[
    Case {
        name: "P90 at p = 1 is one attempt",
        profile: || {
            let mut m = strong();
            m.quality.first_pass_rate = 1.0;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| figures(m, s).risk.map(|r| r.p90_cost),
        want: Some(12.24 + 13.5),
    },
    Case {
        name: "spend through attempt 1 is A",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, s| m.spend_by_attempt(s).first().copied(),
        want: Some(12.24),
    },
    Case {
        name: "spend through attempt 3",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, s| m.spend_by_attempt(s).get(2).copied(),
        want: Some(12.24 * (1.0 - 0.28 * 0.28 * 0.28) / 0.72),
    },
    Case {
        name: "retry cap 1: one try, then a human",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| m.cost_with_retry_cap(s, 1),
        want: Some(12.24 + 0.72 * 13.5 + 0.28 * 420.0),
    },
    Case {
        name: "retry cap needs a baseline",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, s| m.cost_with_retry_cap(s, 3),
        want: None,
    },
    Case {
        name: "best cap runs to N when the agent is cheaper",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| m.best_retry_cap(s).map(|(cap, _)| cap as f64),
        want: Some(10.0),
    },
    Case {
        name: "best cap is 1 when a human is cheaper than retrying",
        profile: || {
            let mut m = cheap();
            m.quality.first_pass_rate = 0.05;
            m.quality.review_minutes = 60.0;
            m
        },
        scenario: || with_baseline(0.5),
        figure: |m, s| m.best_retry_cap(s).map(|(cap, _)| cap as f64),
        want: Some(1.0),
    },
    Case {
        name: "crossover: the p strong needs to match cheap",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, s| m.crossover_first_pass_rate(&cheap(), s),
        want: Some(12.24 / (78.44615384615384 - 13.5)),
    },
    Case {
        name: "crossover never when the other costs less than this one's regressions",
        profile: || {
            let mut m = strong();
            m.quality.survive_rate = 0.5;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| m.crossover_first_pass_rate(&cheap(), s),
        want: None,
    },
];

#[test]
fn p90_attempts_table() {
    for (p, want) in [
        (1.0, 1),
        (0.9, 1),
        (0.72, 2),
        (0.52, 4),
        (0.5, 4),
        (0.1, 22),
        (0.99, 1),
    ] {
        assert_eq!(p90_attempts(p), want, "p = {p}");
    }
}

#[test]
fn spend_by_attempt_rises_and_flattens_at_n_times_a() {
    let scenario = Scenario {
        attempts_shown: 200,
        ..Scenario::default()
    };
    let spend = cheap().spend_by_attempt(&scenario);
    assert!(spend.windows(2).all(|pair| pair[1] >= pair[0]));
    close(*spend.last().unwrap(), 22.072 / 0.52, "limit n * A");
}

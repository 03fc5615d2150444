//! Table-driven tests of every formula in `cost-model.md`, on the engine's
//! plain structs (no files involved).

use crate::support::close;
use crate::support::worked::{cheap, strong, with_baseline};
use costlens::model::{Figures, ModelProfile, PriceBand, Scenario, p90_attempts};

/// name, figures, [C_tok, A, n, R, L], review per merge, tokens per merge, P90 attempts.
type ExpectedRow<'a> = (&'a str, &'a Figures, [f64; 5], f64, f64, u64);

#[test]
fn worked_check_reports_30_50_and_78_45() {
    let scenario = Scenario::default();
    let strong_figures = strong().figures(&scenario);
    let cheap_figures = cheap().figures(&scenario);
    assert_eq!(
        format!("{:.2}", strong_figures.core.cost_per_merge),
        "30.50"
    );
    assert_eq!(format!("{:.2}", cheap_figures.core.cost_per_merge), "78.45");

    // Every other figure of both rows, from the formulas by hand.
    let rows: [ExpectedRow; 2] = [
        (
            "strong",
            &strong_figures,
            [0.24, 12.24, 1.0 / 0.72, 13.5, 30.5],
            16.666666666666668,
            48_000.0 / 0.72,
            2,
        ),
        (
            "cheap",
            &cheap_figures,
            [0.072, 22.072, 1.0 / 0.52, 36.0, 78.44615384615384],
            42.30769230769231,
            48_000.0 / 0.52,
            4,
        ),
    ];
    for (name, f, [c_tok, a, n, r, l], review, tokens, p90) in rows {
        let core = &f.core;
        close(core.cost_per_attempt, a, name);
        close(core.expected_attempts, n, name);
        close(core.regression_cost, r, name);
        close(core.cost_per_merge, l, name);
        close(core.token_cost_per_merge, n * c_tok, name);
        close(core.review_cost_per_merge, review, name);
        close(core.tokens_per_merge, tokens, name);
        close(f.token_share.unwrap(), n * c_tok / l, name);
        let risk = f.risk.as_ref().unwrap();
        assert_eq!(risk.p90_attempts, p90, "{name}");
        close(risk.p90_cost, p90 as f64 * a + r, name);
        // No baseline, no volume: those figures have no value.
        assert_eq!(risk.break_even_first_pass_rate, None);
        for absent in [
            f.baseline_cost,
            f.savings_per_merge,
            f.roi,
            f.review_to_generation,
            f.weekly_spend,
            f.weekly_net_saving,
            f.payback_weeks,
        ] {
            assert_eq!(absent, None, "{name}");
        }
        assert_eq!(core.spend_by_attempt.len(), 10);
        close(core.spend_by_attempt[0], a, name);
    }
}

/// One formula case: a profile and scenario, the figure and its value.
struct Case {
    name: &'static str,
    profile: fn() -> ModelProfile,
    scenario: fn() -> Scenario,
    figure: fn(&ModelProfile, &Scenario) -> Option<f64>,
    want: Option<f64>,
}

fn token_cost(m: &ModelProfile, _: &Scenario) -> Option<f64> {
    Some(m.token_cost_per_attempt())
}

fn figures(m: &ModelProfile, s: &Scenario) -> Figures {
    m.figures(s)
}

const CASES: &[Case] = &[
    Case {
        name: "effective input, no cache",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, _| Some(m.prices.effective_input(0.0, 0.0)),
        want: Some(3.0),
    },
    Case {
        name: "cache hits at the default read price (0.1 x input)",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, _| Some(m.prices.effective_input(0.5, 0.0)),
        want: Some(0.5 * 3.0 + 0.5 * 0.3),
    },
    Case {
        name: "cache writes at the default write price (1.25 x input)",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, _| Some(m.prices.effective_input(0.0, 0.2)),
        want: Some(0.8 * 3.0 + 0.2 * 3.75),
    },
    Case {
        name: "explicit cache prices, hits and writes",
        profile: || {
            let mut m = strong();
            m.prices.cache_write_per_mtok = Some(6.0);
            m.prices.cache_read_per_mtok = Some(0.3);
            m.usage.cache_hit_ratio = 0.7;
            m.usage.cache_write_ratio = 0.15;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some((40_000.0 * (0.15 * 3.0 + 0.15 * 6.0 + 0.7 * 0.3) + 8_000.0 * 15.0) / 1e6),
    },
    Case {
        name: "fan-out multiplies token cost",
        profile: || {
            let mut m = strong();
            m.usage.fanout = 3.0;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some(0.72),
    },
    Case {
        name: "fan-out multiplies tokens per merge",
        profile: || {
            let mut m = strong();
            m.usage.fanout = 2.5;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| Some(figures(m, s).core.tokens_per_merge),
        want: Some(2.5 * 48_000.0 / 0.72),
    },
    Case {
        name: "fan-out leaves review alone",
        profile: || {
            let mut m = strong();
            m.usage.fanout = 4.0;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| Some(m.review_cost_per_attempt(s)),
        want: Some(12.0),
    },
    Case {
        name: "long-prompt band bills the share at the higher rates, output included",
        profile: || {
            let mut m = strong();
            m.long_prompt = Some(PriceBand::new(6.0, 22.5));
            m.usage.long_prompt_share = 0.25;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some(0.75 * 0.24 + 0.25 * (40_000.0 * 6.0 + 8_000.0 * 22.5) / 1e6),
    },
    Case {
        name: "long-prompt band unused at share 0",
        profile: || {
            let mut m = strong();
            m.long_prompt = Some(PriceBand::new(6.0, 22.5));
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some(0.24),
    },
    Case {
        name: "long-prompt band's cache prices default from its own input",
        profile: || {
            let mut m = strong();
            m.long_prompt = Some(PriceBand::new(6.0, 22.5));
            m.usage.long_prompt_share = 1.0;
            m.usage.cache_hit_ratio = 0.5;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some((40_000.0 * (0.5 * 6.0 + 0.5 * 0.6) + 8_000.0 * 22.5) / 1e6),
    },
    Case {
        name: "review cost m * E / 60",
        profile: strong,
        scenario: || Scenario {
            engineer_rate_per_hour: 90.0,
            ..Scenario::default()
        },
        figure: |m, s| Some(m.review_cost_per_attempt(s)),
        want: Some(9.0),
    },
    Case {
        name: "regression cost (1 - s) * I",
        profile: cheap,
        scenario: Scenario::default,
        figure: |m, _| Some(m.regression_cost()),
        want: Some(36.0),
    },
    Case {
        name: "no regression when every change survives",
        profile: || {
            let mut m = strong();
            m.quality.survive_rate = 1.0;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| Some(m.cost_per_merge(s)),
        want: Some(12.24 / 0.72),
    },
    Case {
        name: "baseline cost B * E",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).baseline_cost,
        want: Some(420.0),
    },
    Case {
        name: "savings L_0 - L",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).savings_per_merge,
        want: Some(389.5),
    },
    Case {
        name: "ROI S / L",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).roi,
        want: Some(389.5 / 30.5),
    },
    Case {
        name: "break-even A / (L_0 - R)",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| m.break_even_first_pass_rate(s),
        want: Some(12.24 / 406.5),
    },
    Case {
        name: "break-even never when L_0 <= R",
        profile: strong,
        scenario: || with_baseline(0.1),
        figure: |m, s| m.break_even_first_pass_rate(s),
        want: None,
    },
    Case {
        name: "break-even never when p* > 1",
        profile: strong,
        scenario: || with_baseline(0.2),
        figure: |m, s| m.break_even_first_pass_rate(s),
        want: None,
    },
    Case {
        name: "break-even exactly 1 is kept",
        profile: || {
            let mut m = strong();
            m.quality.survive_rate = 1.0;
            m
        },
        scenario: || with_baseline(12.24 / 120.0),
        figure: |m, s| {
            m.break_even_first_pass_rate(s)
                .map(|p| (p * 1e9).round() / 1e9)
        },
        want: Some(1.0),
    },
    Case {
        name: "review-to-generation n * m / (B * 60)",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).review_to_generation,
        want: Some(6.0 / 0.72 / 210.0),
    },
    Case {
        name: "weekly spend V * L",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            ..Scenario::default()
        },
        figure: |m, s| figures(m, s).weekly_spend,
        want: Some(1220.0),
    },
    Case {
        name: "weekly net saving needs a baseline",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            ..Scenario::default()
        },
        figure: |m, s| figures(m, s).weekly_net_saving,
        want: None,
    },
    Case {
        name: "weekly net saving V * S - K * 12 / 52",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            platform_cost_per_month: 2000.0,
            ..with_baseline(3.5)
        },
        figure: |m, s| figures(m, s).weekly_net_saving,
        want: Some(40.0 * 389.5 - 2000.0 * 12.0 / 52.0),
    },
    Case {
        name: "payback U / weekly net saving",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            platform_cost_per_month: 2000.0,
            setup_cost: 15_000.0,
            ..with_baseline(3.5)
        },
        figure: |m, s| figures(m, s).payback_weeks,
        want: Some(15_000.0 / (40.0 * 389.5 - 2000.0 * 12.0 / 52.0)),
    },
    Case {
        name: "no payback when the weekly saving is not positive",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(1.0),
            platform_cost_per_month: 1e6,
            setup_cost: 15_000.0,
            ..with_baseline(3.5)
        },
        figure: |m, s| figures(m, s).payback_weeks,
        want: None,
    },
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

//! Table-driven tests of every formula in `cost-model.md`, on the engine's
//! plain structs (no files involved).

use costlens::model::{
    Catalog, Figures, MixError, MixPart, ModelProfile, PriceBand, ProfileDef, Quality, Scenario,
    Usage, p90_attempts,
};

/// The "strong" profile of the worked check.
fn strong() -> ModelProfile {
    ModelProfile {
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
    }
}

/// The "cheap" profile of the worked check.
fn cheap() -> ModelProfile {
    let mut model = strong();
    model.prices = PriceBand::new(1.0, 4.0);
    model.quality = Quality {
        first_pass_rate: 0.52,
        review_minutes: 11.0,
        survive_rate: 0.96,
        incident_cost_usd: 900.0,
    };
    model
}

fn with_baseline(hours: f64) -> Scenario {
    Scenario {
        baseline_hours: Some(hours),
        ..Scenario::default()
    }
}

fn close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want}"
    );
}

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

fn part(id: &str, share: f64) -> MixPart {
    MixPart {
        profile_id: id.to_string(),
        share,
    }
}

fn catalog_with(mixes: &[(&str, Vec<MixPart>)]) -> Catalog {
    let mut catalog = Catalog::new();
    catalog.insert("strong", ProfileDef::Model(strong()));
    catalog.insert("cheap", ProfileDef::Model(cheap()));
    for (id, parts) in mixes {
        catalog.insert(*id, ProfileDef::Mix(parts.clone()));
    }
    catalog
}

fn result_of<'a>(
    results: &'a [(&str, Result<Figures, MixError>)],
    id: &str,
) -> &'a Result<Figures, MixError> {
    &results.iter().find(|(each, _)| *each == id).unwrap().1
}

#[test]
fn a_mix_is_the_share_weighted_sum_of_its_parts() {
    let scenario = with_baseline(3.5);
    let catalog = catalog_with(&[("tiered", vec![part("cheap", 0.6), part("strong", 0.4)])]);
    let results = catalog.compute(&scenario);
    let mix = result_of(&results, "tiered").as_ref().unwrap();
    let (s, c) = (strong().figures(&scenario), cheap().figures(&scenario));
    let blend = |f: fn(&Figures) -> f64| 0.6 * f(&c) + 0.4 * f(&s);
    close(
        mix.core.cost_per_merge,
        blend(|f| f.core.cost_per_merge),
        "cost",
    );
    close(
        mix.core.token_cost_per_merge,
        blend(|f| f.core.token_cost_per_merge),
        "token",
    );
    close(
        mix.core.review_cost_per_merge,
        blend(|f| f.core.review_cost_per_merge),
        "review",
    );
    close(
        mix.core.regression_cost,
        blend(|f| f.core.regression_cost),
        "regression",
    );
    close(
        mix.core.cost_per_attempt,
        blend(|f| f.core.cost_per_attempt),
        "per attempt",
    );
    close(
        mix.core.expected_attempts,
        blend(|f| f.core.expected_attempts),
        "attempts",
    );
    close(
        mix.core.tokens_per_merge,
        blend(|f| f.core.tokens_per_merge),
        "tokens",
    );
    close(
        mix.core.spend_by_attempt[4],
        blend(|f| f.core.spend_by_attempt[4]),
        "spend k=5",
    );
    // Derived figures follow from the sums; risk figures have no meaning.
    close(
        mix.savings_per_merge.unwrap(),
        420.0 - mix.core.cost_per_merge,
        "savings",
    );
    close(
        mix.token_share.unwrap(),
        mix.core.token_cost_per_merge / mix.core.cost_per_merge,
        "share",
    );
    close(
        mix.review_to_generation.unwrap(),
        blend(|f| f.review_to_generation.unwrap()),
        "review/gen",
    );
    assert_eq!(mix.risk, None);
}

#[test]
fn a_nested_mix_blends_the_inner_mix() {
    let scenario = Scenario::default();
    let catalog = catalog_with(&[
        ("inner", vec![part("cheap", 0.5), part("strong", 0.5)]),
        ("outer", vec![part("inner", 0.5), part("strong", 0.5)]),
    ]);
    let results = catalog.compute(&scenario);
    let outer = result_of(&results, "outer").as_ref().unwrap();
    let want = 0.25 * cheap().cost_per_merge(&scenario) + 0.75 * strong().cost_per_merge(&scenario);
    close(outer.core.cost_per_merge, want, "nested");
}

#[test]
fn mixes_that_lead_back_to_themselves_are_rejected() {
    let catalog = catalog_with(&[
        ("a", vec![part("b", 1.0)]),
        ("b", vec![part("strong", 0.5), part("a", 0.5)]),
        ("self", vec![part("self", 1.0)]),
        ("uses-cycle", vec![part("a", 1.0)]),
        ("missing", vec![part("nope", 1.0)]),
    ]);
    let results = catalog.compute(&Scenario::default());
    let path = |ids: &[&str]| ids.iter().map(|id| id.to_string()).collect::<Vec<_>>();
    assert_eq!(
        result_of(&results, "a"),
        &Err(MixError::Cycle {
            path: path(&["a", "b", "a"])
        })
    );
    assert_eq!(
        result_of(&results, "b"),
        &Err(MixError::Cycle {
            path: path(&["b", "a", "b"])
        })
    );
    assert_eq!(
        result_of(&results, "self"),
        &Err(MixError::Cycle {
            path: path(&["self", "self"])
        })
    );
    assert_eq!(
        result_of(&results, "uses-cycle"),
        &Err(MixError::BrokenPart { part: "a".into() })
    );
    assert_eq!(
        result_of(&results, "missing"),
        &Err(MixError::Missing {
            part: "nope".into()
        })
    );
    assert!(result_of(&results, "strong").is_ok());
}

#[test]
fn very_deep_nesting_is_refused_not_a_stack_overflow() {
    let mut mixes = vec![("m0".to_string(), vec![part("strong", 1.0)])];
    for level in 1..2_000 {
        mixes.push((
            format!("m{level}"),
            vec![part(&format!("m{}", level - 1), 1.0)],
        ));
    }
    let mut catalog = Catalog::new();
    catalog.insert("strong", ProfileDef::Model(strong()));
    // Outermost first, so the walk starts at the deepest end.
    for (id, parts) in mixes.into_iter().rev() {
        catalog.insert(id, ProfileDef::Mix(parts));
    }
    let results = catalog.compute(&Scenario::default());
    assert!(
        results
            .iter()
            .any(|(_, result)| result == &Err(MixError::TooDeep))
    );
    assert!(result_of(&results, "m0").is_ok());
}

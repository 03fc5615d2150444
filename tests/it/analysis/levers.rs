//! Each lever's ends and clamps, their order, bad steps, unknown profiles
//! and the default rival.

use costlens::model::analysis::{AnalysisError, LeverKind, Options};
use costlens::model::{ModelProfile, PriceBand, Scenario};

use crate::support::close;
use crate::support::worked::{cheap, strong};

use super::{L_CHEAP, lever, models, run, strong_with, try_run, worked};

/// One lever on one profile at the default step (0.2) and E = 120.
struct LeverCase {
    name: &'static str,
    profile: fn() -> ModelProfile,
    lever: LeverKind,
    /// base, low, high
    values: [f64; 3],
    /// cost at low, cost at high
    costs: [f64; 2],
}

/// Two bands, explicit and defaulted cache prices, a long-prompt share:
///
///     base band: Pin_eff = 0.3 * 2 + 0.2 * 4 + 0.5 * 0.2 = 1.5,
///                C = 2 * (100000 * 1.5 + 10000 * 10) / 1e6 = 0.5
///     long band: Pin_eff = 0.3 * 4 + 0.2 * 5 + 0.5 * 0.5 = 2.45,
///                C = 2 * (245000 + 200000) / 1e6 = 0.89
///     C_tok = 0.75 * 0.5 + 0.25 * 0.89 = 0.5975; p = 0.5, C_rev = 20, R = 0
fn two_bands() -> ModelProfile {
    let mut model = strong();
    model.prices = PriceBand {
        input_per_mtok: 2.0,
        output_per_mtok: 10.0,
        cache_write_per_mtok: Some(4.0),
        cache_read_per_mtok: None,
    };
    model.long_prompt = Some(PriceBand {
        input_per_mtok: 4.0,
        output_per_mtok: 20.0,
        cache_write_per_mtok: None,
        cache_read_per_mtok: Some(0.5),
    });
    model.usage.input_tokens = 100_000.0;
    model.usage.output_tokens = 10_000.0;
    model.usage.fanout = 2.0;
    model.usage.cache_hit_ratio = 0.5;
    model.usage.cache_write_ratio = 0.2;
    model.usage.long_prompt_share = 0.25;
    model.quality.first_pass_rate = 0.5;
    model.quality.review_minutes = 10.0;
    model.quality.survive_rate = 1.0;
    model
}

const LEVER_CASES: &[LeverCase] = &[
    LeverCase {
        name: "first-pass rate: A / p + R at 0.576 and 0.864",
        profile: strong,
        lever: LeverKind::FirstPassRate,
        values: [0.72, 0.576, 0.864],
        costs: [12.24 / 0.576 + 13.5, 12.24 / 0.864 + 13.5],
    },
    LeverCase {
        name: "review minutes: C_rev = m * 2",
        profile: strong,
        lever: LeverKind::ReviewMinutes,
        values: [6.0, 4.8, 7.2],
        costs: [
            (0.24 + 4.8 * 2.0) / 0.72 + 13.5,
            (0.24 + 7.2 * 2.0) / 0.72 + 13.5,
        ],
    },
    LeverCase {
        name: "engineer rate: C_rev = 6 * E / 60",
        profile: strong,
        lever: LeverKind::EngineerRate,
        values: [120.0, 96.0, 144.0],
        costs: [
            (0.24 + 6.0 * 96.0 / 60.0) / 0.72 + 13.5,
            (0.24 + 6.0 * 144.0 / 60.0) / 0.72 + 13.5,
        ],
    },
    LeverCase {
        name: "cache hit ratio at zero cannot swing",
        profile: strong,
        lever: LeverKind::CacheHitRatio,
        values: [0.0, 0.0, 0.0],
        costs: [30.5, 30.5],
    },
    LeverCase {
        name: "revert rate: v = 1 - s = 0.015, R = v * 900",
        profile: strong,
        lever: LeverKind::RevertRate,
        values: [0.015, 0.012, 0.018],
        costs: [17.0 + 0.012 * 900.0, 17.0 + 0.018 * 900.0],
    },
    LeverCase {
        name: "incident cost: R = 0.015 * I",
        profile: strong,
        lever: LeverKind::IncidentCost,
        values: [900.0, 720.0, 1080.0],
        costs: [17.0 + 0.015 * 720.0, 17.0 + 0.015 * 1080.0],
    },
    LeverCase {
        name: "fan-out at 1: the low end is clamped to 1",
        profile: strong,
        lever: LeverKind::Fanout,
        values: [1.0, 1.0, 1.2],
        costs: [30.5, (0.24 * 1.2 + 12.0) / 0.72 + 13.5],
    },
    LeverCase {
        name: "input tokens: C_tok = (Tin * 3 + 8000 * 15) / 1e6",
        profile: strong,
        lever: LeverKind::InputTokens,
        values: [40_000.0, 32_000.0, 48_000.0],
        costs: [
            ((32_000.0 * 3.0 + 120_000.0) / 1e6 + 12.0) / 0.72 + 13.5,
            ((48_000.0 * 3.0 + 120_000.0) / 1e6 + 12.0) / 0.72 + 13.5,
        ],
    },
    LeverCase {
        name: "output tokens: C_tok = (40000 * 3 + Tout * 15) / 1e6",
        profile: strong,
        lever: LeverKind::OutputTokens,
        values: [8_000.0, 6_400.0, 9_600.0],
        costs: [
            ((120_000.0 + 6_400.0 * 15.0) / 1e6 + 12.0) / 0.72 + 13.5,
            ((120_000.0 + 9_600.0 * 15.0) / 1e6 + 12.0) / 0.72 + 13.5,
        ],
    },
    LeverCase {
        name: "token prices: k times C_tok",
        profile: strong,
        lever: LeverKind::TokenPrices,
        values: [1.0, 0.8, 1.2],
        costs: [
            (0.24 * 0.8 + 12.0) / 0.72 + 13.5,
            (0.24 * 1.2 + 12.0) / 0.72 + 13.5,
        ],
    },
    LeverCase {
        name: "token prices scale both bands and every cache price, set or defaulted",
        profile: two_bands,
        lever: LeverKind::TokenPrices,
        values: [1.0, 0.8, 1.2],
        costs: [(0.5975 * 0.8 + 20.0) / 0.5, (0.5975 * 1.2 + 20.0) / 0.5],
    },
    LeverCase {
        name: "first-pass rate near 1: the high end is clamped to 1",
        profile: || strong_with(|m| m.quality.first_pass_rate = 0.9),
        lever: LeverKind::FirstPassRate,
        values: [0.9, 0.72, 1.0],
        costs: [12.24 / 0.72 + 13.5, 12.24 / 1.0 + 13.5],
    },
    LeverCase {
        // Pw = 1.25 * 3 = 3.75 and Pr = 0.3 by default.
        name: "cache hit ratio near 1 - w: the high end is clamped to 1 - w = 0.75",
        profile: || {
            strong_with(|m| {
                m.usage.cache_hit_ratio = 0.7;
                m.usage.cache_write_ratio = 0.25;
            })
        },
        lever: LeverKind::CacheHitRatio,
        values: [0.7, 0.56, 0.75],
        costs: [
            ((40_000.0 * (0.19 * 3.0 + 0.25 * 3.75 + 0.56 * 0.3) + 120_000.0) / 1e6 + 12.0) / 0.72
                + 13.5,
            ((40_000.0 * (0.25 * 3.75 + 0.75 * 0.3) + 120_000.0) / 1e6 + 12.0) / 0.72 + 13.5,
        ],
    },
    LeverCase {
        name: "revert rate near 1: the high end is clamped to 1",
        profile: || strong_with(|m| m.quality.survive_rate = 0.1),
        lever: LeverKind::RevertRate,
        values: [0.9, 0.72, 1.0],
        costs: [17.0 + 0.72 * 900.0, 17.0 + 900.0],
    },
    LeverCase {
        name: "fan-out near 1: the low end 0.88 is clamped to 1",
        profile: || strong_with(|m| m.usage.fanout = 1.1),
        lever: LeverKind::Fanout,
        values: [1.1, 1.0, 1.32],
        costs: [30.5, (0.24 * 1.32 + 12.0) / 0.72 + 13.5],
    },
    LeverCase {
        name: "incident cost at zero cannot swing",
        profile: || strong_with(|m| m.quality.incident_cost_usd = 0.0),
        lever: LeverKind::IncidentCost,
        values: [0.0, 0.0, 0.0],
        costs: [17.0, 17.0],
    },
    LeverCase {
        name: "with no incident cost the revert rate moves but cannot swing",
        profile: || strong_with(|m| m.quality.incident_cost_usd = 0.0),
        lever: LeverKind::RevertRate,
        values: [0.015, 0.012, 0.018],
        costs: [17.0, 17.0],
    },
    LeverCase {
        name: "review minutes at zero cannot swing",
        profile: || strong_with(|m| m.quality.review_minutes = 0.0),
        lever: LeverKind::ReviewMinutes,
        values: [0.0, 0.0, 0.0],
        costs: [0.24 / 0.72 + 13.5, 0.24 / 0.72 + 13.5],
    },
    LeverCase {
        name: "free tokens: the price factor cannot swing",
        profile: || strong_with(|m| m.prices = PriceBand::new(0.0, 0.0)),
        lever: LeverKind::TokenPrices,
        values: [1.0, 0.8, 1.2],
        costs: [12.0 / 0.72 + 13.5, 12.0 / 0.72 + 13.5],
    },
];

#[test]
fn every_lever_end_and_clamp_by_hand() {
    for case in LEVER_CASES {
        let catalog = models(&[("x", (case.profile)()), ("cheap", cheap())]);
        let analysis = run(&catalog, &Scenario::default(), "x", None);
        assert_eq!(
            analysis.levers.len(),
            10,
            "{}: every lever listed",
            case.name
        );
        let got = lever(&analysis, case.lever);
        let [base, low, high] = case.values;
        close(got.base.unwrap(), base, &format!("{}: base", case.name));
        close(got.low.unwrap(), low, &format!("{}: low", case.name));
        close(got.high.unwrap(), high, &format!("{}: high", case.name));
        close(
            got.cost_at_low,
            case.costs[0],
            &format!("{}: cost at low", case.name),
        );
        close(
            got.cost_at_high,
            case.costs[1],
            &format!("{}: cost at high", case.name),
        );
        close(
            got.swing,
            (case.costs[1] - case.costs[0]).abs(),
            &format!("{}: swing", case.name),
        );
    }
}

#[test]
fn levers_sort_by_swing_and_near_ties_keep_the_table_order() {
    let analysis = run(&worked(), &Scenario::default(), "strong", None);
    let order: Vec<&str> = analysis.levers.iter().map(|l| l.lever.key()).collect();
    // Swings: p 7.08; m and E 6.67 each; v and I 5.4 each; k 0.133; F, Tin
    // and Tout 0.048 / 0.72 = 0.0667 each (equal by hand, a few ulps apart
    // in floating point); h 0 (no caching). Ties keep the table's order.
    assert_eq!(
        order,
        [
            "first_pass_rate",
            "review_minutes",
            "engineer_rate",
            "revert_rate",
            "incident_cost",
            "token_prices",
            "fanout",
            "input_tokens",
            "output_tokens",
            "cache_hit_ratio",
        ]
    );
}

#[test]
fn a_bad_step_an_unknown_profile_or_rival_is_an_error() {
    let catalog = worked();
    let scenario = Scenario::default();
    for step in [0.0, 1.0, -0.2, 1.5, f64::NAN] {
        let options = Options { step, weeks: 26 };
        let got = try_run(&catalog, &scenario, "strong", None, options);
        assert!(
            matches!(got, Err(AnalysisError::BadStep(_))),
            "step {step}: {got:?}"
        );
    }
    let got = try_run(&catalog, &scenario, "nope", None, Options::default());
    assert_eq!(got, Err(AnalysisError::UnknownProfile("nope".into())));
    let got = try_run(
        &catalog,
        &scenario,
        "strong",
        Some("nope"),
        Options::default(),
    );
    assert_eq!(got, Err(AnalysisError::UnknownRival("nope".into())));
    let got = try_run(
        &catalog,
        &scenario,
        "strong",
        Some("strong"),
        Options::default(),
    );
    assert_eq!(got, Err(AnalysisError::UnknownRival("strong".into())));
}

#[test]
fn the_default_rival_is_the_cheapest_other_profile_ties_by_id() {
    let catalog = models(&[("strong", strong()), ("b", cheap()), ("a", cheap())]);
    let scenario = Scenario::default();
    let analysis = run(&catalog, &scenario, "strong", None);
    assert_eq!(analysis.against.as_deref(), Some("a"));
    close(analysis.cost_per_merge, 30.5, "L of strong");
    close(analysis.against_cost_per_merge.unwrap(), L_CHEAP, "L of a");
    // The cheapest analysed against the next; a dearer one against the cheapest.
    let analysis = run(&catalog, &scenario, "b", None);
    assert_eq!(analysis.against.as_deref(), Some("strong"));
    let analysis = run(&catalog, &scenario, "strong", Some("b"));
    assert_eq!(analysis.against.as_deref(), Some("b"));
}

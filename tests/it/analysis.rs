//! The analyses of `docs/analysis.md` on the engine's plain structs: each
//! lever's ends and clamps, the flips, mixes, retrying and payback. The
//! expected figures are worked by hand from the formulas in the comments,
//! on the worked check (strong L = 30.50, cheap L = 78.446 at E = 120):
//!
//!     strong: C_tok = (40000 * 3 + 8000 * 15) / 1e6 = 0.24, C_rev = 6 * 120 / 60 = 12,
//!             A = 12.24, n = 1 / 0.72, R = 0.015 * 900 = 13.5, L = 17 + 13.5 = 30.5
//!     cheap:  C_tok = (40000 * 1 + 8000 * 4) / 1e6 = 0.072, C_rev = 11 * 2 = 22,
//!             A = 22.072, n = 1 / 0.52, R = 0.04 * 900 = 36, L = 22.072 / 0.52 + 36
//!
//! Then properties (proptest) over generated profiles.

use costlens::model::analysis::{
    Analysis, AnalysisError, Lever, LeverKind, Options, RetryPolicy, Subject, analyze, payback_of,
    retry_in_words, retry_of, retry_policy,
};
use costlens::model::{Catalog, MixPart, ModelProfile, PriceBand, ProfileDef, Scenario};
use proptest::prelude::*;

use crate::support::close;
use crate::support::worked::{cheap, strong, with_baseline};

/// L of `cheap` at E = 120.
const L_CHEAP: f64 = 22.072 / 0.52 + 36.0;

/// Every entry with figures as (id, cost per merge), cheapest first,
/// ties by id: the report order `Subject::ranked` wants.
fn ranked(catalog: &Catalog, scenario: &Scenario) -> Vec<(String, f64)> {
    let mut ranked: Vec<(String, f64)> = catalog
        .compute(scenario)
        .into_iter()
        .filter_map(|(id, figures)| Some((id.to_string(), figures.ok()?.core.cost_per_merge)))
        .collect();
    ranked.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    ranked
}

fn try_run(
    catalog: &Catalog,
    scenario: &Scenario,
    profile: &str,
    rival: Option<&str>,
    options: Options,
) -> Result<Analysis, AnalysisError> {
    let owned = ranked(catalog, scenario);
    let ranked: Vec<(&str, f64)> = owned.iter().map(|(id, c)| (id.as_str(), *c)).collect();
    let subject = Subject {
        profile,
        rival,
        ranked: &ranked,
    };
    analyze(catalog, scenario, subject, options)
}

fn run(catalog: &Catalog, scenario: &Scenario, profile: &str, rival: Option<&str>) -> Analysis {
    try_run(catalog, scenario, profile, rival, Options::default()).expect("an analysis")
}

fn lever(analysis: &Analysis, kind: LeverKind) -> &Lever {
    analysis
        .levers
        .iter()
        .find(|lever| lever.lever == kind)
        .expect("every lever is listed")
}

fn models(entries: &[(&str, ModelProfile)]) -> Catalog {
    let mut catalog = Catalog::new();
    for (id, model) in entries {
        catalog.insert(*id, ProfileDef::Model(model.clone()));
    }
    catalog
}

fn mix(catalog: &mut Catalog, id: &str, parts: &[(&str, f64)]) {
    let parts = parts
        .iter()
        .map(|(part, share)| MixPart {
            profile_id: part.to_string(),
            share: *share,
        })
        .collect();
    catalog.insert(id, ProfileDef::Mix(parts));
}

fn worked() -> Catalog {
    models(&[("strong", strong()), ("cheap", cheap())])
}

fn maybe_close(got: Option<f64>, want: Option<f64>, what: &str) {
    match (got, want) {
        (Some(got), Some(want)) => close(got, want, what),
        (got, want) => assert_eq!(got, want, "{what}"),
    }
}

// ---- levers: each end and clamp ---------------------------------------------

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

fn strong_with(change: fn(&mut ModelProfile)) -> ModelProfile {
    let mut model = strong();
    change(&mut model);
    model
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

// ---- flips --------------------------------------------------------------------

#[test]
fn strong_against_cheap_flips_by_hand() {
    let analysis = run(&worked(), &Scenario::default(), "strong", None);
    let gap = L_CHEAP - 30.5;
    let n = 1.0 / 0.72;
    let cases: [(LeverKind, Option<f64>); 10] = [
        // p = A / (L_Y - R_X).
        (LeverKind::FirstPassRate, Some(12.24 / (L_CHEAP - 13.5))),
        // slope n * E / 60.
        (LeverKind::ReviewMinutes, Some(6.0 + gap / (n * 2.0))),
        // slope n * 6 / 60 - (1 / 0.52) * 11 / 60 < 0 with X cheaper: E < 0.
        (LeverKind::EngineerRate, None),
        // slope n * 40000 / 1e6 * (0.3 - 3) < 0 with X cheaper: h < 0.
        (LeverKind::CacheHitRatio, None),
        // slope I = 900.
        (LeverKind::RevertRate, Some(0.015 + gap / 900.0)),
        // slope v = 0.015.
        (LeverKind::IncidentCost, Some(900.0 + gap / 0.015)),
        // slope n * C_tok / F.
        (LeverKind::Fanout, Some(1.0 + gap / (n * 0.24))),
        // slope n * F * Pin_eff / 1e6.
        (
            LeverKind::InputTokens,
            Some(40_000.0 + gap / (n * 3.0 / 1e6)),
        ),
        // slope n * F * Pout / 1e6.
        (
            LeverKind::OutputTokens,
            Some(8_000.0 + gap / (n * 15.0 / 1e6)),
        ),
        // slope n * C_tok.
        (LeverKind::TokenPrices, Some(1.0 + gap / (n * 0.24))),
    ];
    for (kind, want) in cases {
        maybe_close(lever(&analysis, kind).flip, want, kind.key());
    }
}

#[test]
fn cheap_against_strong_has_no_flip_in_range() {
    // Every root is out of range: R_X = 36 > L_Y = 30.5 (no p), and each
    // affine root would need a negative review time, revert rate, incident
    // cost, engineer rate, token count or price factor, or h above 1 - w.
    let analysis = run(&worked(), &Scenario::default(), "cheap", None);
    assert_eq!(analysis.against.as_deref(), Some("strong"));
    for lever in &analysis.levers {
        assert_eq!(lever.flip, None, "{}", lever.lever.key());
    }
}

#[test]
fn a_first_pass_flip_above_1_is_out_of_range() {
    // Y = strong with I = 1800: R = 27, L = 17 + 27 = 44. For cheap,
    // A / (L_Y - R_X) = 22.072 / (44 - 36) = 2.759 > 1.
    let pricey_reverts = strong_with(|m| m.quality.incident_cost_usd = 1800.0);
    let catalog = models(&[("cheap", cheap()), ("y", pricey_reverts)]);
    let analysis = run(&catalog, &Scenario::default(), "cheap", Some("y"));
    assert_eq!(lever(&analysis, LeverKind::FirstPassRate).flip, None);
    assert_eq!(analysis.crossover[0].first_pass_rate, None);
}

#[test]
fn a_flat_line_has_no_flip() {
    // Free tokens: token counts, cache, fan-out and prices leave L alone.
    let free = strong_with(|m| m.prices = PriceBand::new(0.0, 0.0));
    let catalog = models(&[("free", free), ("cheap", cheap())]);
    let analysis = run(&catalog, &Scenario::default(), "free", None);
    for kind in [
        LeverKind::CacheHitRatio,
        LeverKind::Fanout,
        LeverKind::InputTokens,
        LeverKind::OutputTokens,
        LeverKind::TokenPrices,
    ] {
        assert_eq!(lever(&analysis, kind).flip, None, "{}", kind.key());
    }
    // Same n * m on both sides: E moves both costs alike.
    let pricier = strong_with(|m| m.prices = PriceBand::new(6.0, 30.0));
    let catalog = models(&[("strong", strong()), ("pricier", pricier)]);
    let analysis = run(&catalog, &Scenario::default(), "strong", None);
    assert_eq!(lever(&analysis, LeverKind::EngineerRate).flip, None);
}

#[test]
fn the_engineer_rate_moves_both_sides() {
    // Y = strong with m = 3 and I = 1500: A_Y = 0.24 + 6, R_Y = 22.5,
    // L_Y = 6.24 / 0.72 + 22.5. dL/dE is 6 / 43.2 for X and 3 / 43.2 for Y:
    // E* = 120 + (L_Y - 30.5) / (3 / 43.2) = 129.6, where both cost 31.8333.
    let lean = strong_with(|m| {
        m.quality.review_minutes = 3.0;
        m.quality.incident_cost_usd = 1500.0;
    });
    let catalog = models(&[("strong", strong()), ("lean", lean)]);
    let analysis = run(&catalog, &Scenario::default(), "strong", None);
    assert_eq!(analysis.against.as_deref(), Some("lean"));
    let l_y = 6.24 / 0.72 + 22.5;
    close(
        lever(&analysis, LeverKind::EngineerRate).flip.unwrap(),
        120.0 + (l_y - 30.5) / (3.0 / 43.2),
        "E*",
    );
    close(
        lever(&analysis, LeverKind::EngineerRate).flip.unwrap(),
        129.6,
        "E* by hand",
    );
}

#[test]
fn the_rival_may_be_a_mix() {
    // Y = half lean (m = 3, I = 1500: L = 31.1667, dL/dE = 3 / 43.2) and
    // half lean0 (m = 0, I = 1500: L = 0.24 / 0.72 + 22.5 = 22.8333, dL/dE
    // = 0): L_Y = 27, dL_Y/dE = 1.5 / 43.2. X = strong (30.5, 6 / 43.2) is
    // dearer: E* = 120 + (27 - 30.5) / (4.5 / 43.2) = 86.4.
    let lean = strong_with(|m| {
        m.quality.review_minutes = 3.0;
        m.quality.incident_cost_usd = 1500.0;
    });
    let lean0 = strong_with(|m| {
        m.quality.review_minutes = 0.0;
        m.quality.incident_cost_usd = 1500.0;
    });
    let mut catalog = models(&[("strong", strong()), ("lean", lean), ("lean0", lean0)]);
    mix(&mut catalog, "y", &[("lean", 0.5), ("lean0", 0.5)]);
    let analysis = run(&catalog, &Scenario::default(), "strong", Some("y"));
    close(analysis.against_cost_per_merge.unwrap(), 27.0, "L_Y");
    close(
        lever(&analysis, LeverKind::EngineerRate).flip.unwrap(),
        86.4,
        "E*",
    );
    // Only E moves Y: the others flip against its cost as it stands.
    close(
        lever(&analysis, LeverKind::FirstPassRate).flip.unwrap(),
        12.24 / (27.0 - 13.5),
        "p*",
    );
}

#[test]
fn no_rival_no_flip() {
    let catalog = models(&[("strong", strong())]);
    let analysis = run(&catalog, &Scenario::default(), "strong", None);
    assert_eq!(analysis.against, None);
    assert_eq!(analysis.against_cost_per_merge, None);
    assert!(analysis.crossover.is_empty());
    assert!(analysis.levers.iter().all(|lever| lever.flip.is_none()));
    assert_eq!(analysis.levers.len(), 10);
}

// ---- first-pass rate and crossovers -----------------------------------------

#[test]
fn the_first_pass_curve_and_the_crossovers() {
    let mut catalog = worked();
    mix(&mut catalog, "half", &[("strong", 0.5), ("cheap", 0.5)]);
    let analysis = run(&catalog, &Scenario::default(), "strong", None);
    let curve = analysis.cost_by_first_pass_rate.as_ref().unwrap();
    assert_eq!(curve.len(), 20);
    for (at, &(p, cost)) in curve.iter().enumerate() {
        let k = (at + 1) as f64;
        assert_eq!(p, k / 20.0);
        close(cost, 12.24 / (k / 20.0) + 13.5, "A / p + R");
    }
    assert_eq!(curve[0].0, 0.05);
    assert_eq!(curve[19].0, 1.0);
    close(curve[19].1, 12.24 + 13.5, "at p = 1, L = A + R");
    // Every other profile in report order: half ((30.5 + L_cheap) / 2), cheap.
    let half = (30.5 + L_CHEAP) / 2.0;
    let ids: Vec<&str> = analysis
        .crossover
        .iter()
        .map(|c| c.profile.as_str())
        .collect();
    assert_eq!(ids, ["half", "cheap"]);
    maybe_close(
        analysis.crossover[0].first_pass_rate,
        Some(12.24 / (half - 13.5)),
        "against half",
    );
    maybe_close(
        analysis.crossover[1].first_pass_rate,
        Some(12.24 / (L_CHEAP - 13.5)),
        "against cheap",
    );
    // cheap can never match strong: R_cheap = 36 > 30.5.
    let analysis = run(&catalog, &Scenario::default(), "cheap", None);
    assert_eq!(analysis.crossover[0].profile, "strong");
    assert_eq!(analysis.crossover[0].first_pass_rate, None);
}

// ---- mixes --------------------------------------------------------------------

#[test]
fn a_mix_moves_every_model_it_reaches() {
    let mut catalog = worked();
    mix(&mut catalog, "half", &[("strong", 0.5), ("cheap", 0.5)]);
    // `outer` reaches strong twice: through `half` and directly.
    mix(&mut catalog, "outer", &[("half", 0.5), ("strong", 0.5)]);
    let scenario = Scenario {
        baseline_hours: Some(3.5),
        changes_per_week: Some(40.0),
        ..Scenario::default()
    };
    let analysis = run(&catalog, &scenario, "half", None);
    close(analysis.cost_per_merge, (30.5 + L_CHEAP) / 2.0, "L of half");
    // p: strong 0.576 / 0.864, cheap 0.416 / 0.624, each from its own value.
    let strong_p = [12.24 / 0.576 + 13.5, 12.24 / 0.864 + 13.5];
    let cheap_p = [22.072 / 0.416 + 36.0, 22.072 / 0.624 + 36.0];
    let p = lever(&analysis, LeverKind::FirstPassRate);
    close(p.cost_at_low, (strong_p[0] + cheap_p[0]) / 2.0, "p low");
    close(p.cost_at_high, (strong_p[1] + cheap_p[1]) / 2.0, "p high");
    assert_eq!((p.base, p.low, p.high, p.flip), (None, None, None, None));
    // E moves the scenario: C_rev = m * E / 60 for both models.
    let e = lever(&analysis, LeverKind::EngineerRate);
    assert_eq!(
        (e.base, e.low, e.high),
        (Some(120.0), Some(96.0), Some(144.0))
    );
    let strong_e = [(0.24 + 9.6) / 0.72 + 13.5, (0.24 + 14.4) / 0.72 + 13.5];
    let cheap_e = [(0.072 + 17.6) / 0.52 + 36.0, (0.072 + 26.4) / 0.52 + 36.0];
    close(e.cost_at_low, (strong_e[0] + cheap_e[0]) / 2.0, "E low");
    close(e.cost_at_high, (strong_e[1] + cheap_e[1]) / 2.0, "E high");
    assert_eq!(e.flip, None);
    let k = lever(&analysis, LeverKind::TokenPrices);
    assert_eq!((k.base, k.low, k.high), (Some(1.0), Some(0.8), Some(1.2)));
    let k_low = ((0.24 * 0.8 + 12.0) / 0.72 + 13.5 + (0.072 * 0.8 + 22.0) / 0.52 + 36.0) / 2.0;
    close(k.cost_at_low, k_low, "k low");
    for lever in &analysis.levers {
        assert_eq!(lever.flip, None, "{}", lever.lever.key());
        if !matches!(
            lever.lever,
            LeverKind::EngineerRate | LeverKind::TokenPrices
        ) {
            assert_eq!((lever.base, lever.low, lever.high), (None, None, None));
        }
    }
    // Models only: no curve, no crossover, no retry; payback is the mix's.
    assert_eq!(analysis.cost_by_first_pass_rate, None);
    assert_eq!(analysis.retry, None);
    assert!(
        analysis
            .crossover
            .iter()
            .all(|c| c.first_pass_rate.is_none())
    );
    assert_eq!(analysis.crossover.len(), 3);
    let payback = analysis.payback.as_ref().unwrap();
    close(
        payback.weekly_net_saving,
        40.0 * (420.0 - (30.5 + L_CHEAP) / 2.0),
        "weekly net saving of the mix",
    );

    // Nested: outer = 0.5 half + 0.5 strong.
    let analysis = run(&catalog, &scenario, "outer", None);
    let p = lever(&analysis, LeverKind::FirstPassRate);
    let half_low = (strong_p[0] + cheap_p[0]) / 2.0;
    close(
        p.cost_at_low,
        0.5 * half_low + 0.5 * strong_p[0],
        "nested p low",
    );
    close(
        analysis.cost_per_merge,
        0.5 * (30.5 + L_CHEAP) / 2.0 + 0.5 * 30.5,
        "nested L",
    );
}

#[test]
fn each_model_of_a_mix_keeps_its_own_limits() {
    // strong with h = 0.7, w = 0.25: its high end is 1 - w = 0.75, where
    // Pin_eff = 0.25 * 3.75 + 0.75 * 0.3 = 1.1625; cheap with h = 0.5: its
    // high end is 0.6, where Pin_eff = 0.4 * 1 + 0.6 * 0.1 = 0.46.
    let cached_strong = strong_with(|m| {
        m.usage.cache_hit_ratio = 0.7;
        m.usage.cache_write_ratio = 0.25;
    });
    let mut cached_cheap = cheap();
    cached_cheap.usage.cache_hit_ratio = 0.5;
    let mut catalog = models(&[("a", cached_strong), ("b", cached_cheap)]);
    mix(&mut catalog, "ab", &[("a", 0.5), ("b", 0.5)]);
    let analysis = run(&catalog, &Scenario::default(), "ab", None);
    let a_high = ((40_000.0 * 1.1625 + 120_000.0) / 1e6 + 12.0) / 0.72 + 13.5;
    let b_high = ((40_000.0 * 0.46 + 32_000.0) / 1e6 + 22.0) / 0.52 + 36.0;
    close(
        lever(&analysis, LeverKind::CacheHitRatio).cost_at_high,
        (a_high + b_high) / 2.0,
        "h high",
    );
}

// ---- retrying -----------------------------------------------------------------

#[test]
fn retry_policy_by_the_sign_of_a_plus_pr_minus_pl0() {
    assert_eq!(retry_policy(10.0, 0.5, 0.0, 30.0), RetryPolicy::NoCap); // 10 - 15 < 0
    assert_eq!(retry_policy(20.0, 0.5, 0.0, 30.0), RetryPolicy::HumanOnly); // 20 - 15 > 0
    assert_eq!(retry_policy(15.0, 0.5, 0.0, 30.0), RetryPolicy::Indifferent); // 15 - 15 = 0
    assert_eq!(retry_policy(5.0, 0.5, 10.0, 20.0), RetryPolicy::Indifferent); // 5 + 5 - 10
}

#[test]
fn retrying_in_all_three_cases() {
    // No cap: strong at B = 3.5 (L_0 = 420): 12.24 + 0.72 * 13.5 - 0.72 * 420 < 0.
    let catalog = worked();
    let analysis = run(&catalog, &with_baseline(3.5), "strong", None);
    let retry = analysis.retry.as_ref().unwrap();
    assert_eq!(retry.policy, RetryPolicy::NoCap);
    assert_eq!(retry.cost_by_cap.len(), 10);
    // K = 1: A + p R + (1 - p) L_0; K = 2: A * 0.9216 / 0.72 + 0.9216 R + 0.0784 L_0.
    close(
        retry.cost_by_cap[0],
        12.24 + 0.72 * 13.5 + 0.28 * 420.0,
        "K = 1",
    );
    close(
        retry.cost_by_cap[1],
        12.24 * 0.9216 / 0.72 + 0.9216 * 13.5 + 0.0784 * 420.0,
        "K = 2",
    );
    let pays_above = 12.24 / (420.0 - 13.5);
    close(
        retry.pays_above_first_pass_rate.unwrap(),
        pays_above,
        "break-even",
    );
    assert_eq!(
        retry_in_words(retry),
        "retrying pays while first pass > 3.0%: no cap needed"
    );
    assert!(
        retry.cost_by_cap.windows(2).all(|w| w[1] < w[0]),
        "falls to L"
    );

    // Human only: B = 0.1 (L_0 = 12): 12.24 + 9.72 - 8.64 > 0; L_0 < R, so
    // there is no break-even rate either.
    let analysis = run(&catalog, &with_baseline(0.1), "strong", None);
    let retry = analysis.retry.as_ref().unwrap();
    assert_eq!(retry.policy, RetryPolicy::HumanOnly);
    assert_eq!(retry.pays_above_first_pass_rate, None);
    assert_eq!(
        retry_in_words(retry),
        "even one attempt costs more than a human: hand it over"
    );
    assert!(
        retry.cost_by_cap.windows(2).all(|w| w[1] > w[0]),
        "rises to L"
    );

    // Indifferent, exactly: no tokens, p = 0.5, m = 7.5 so A = 7.5 * 120 / 60
    // = 15, s = 1 so R = 0, B = 0.25 so L_0 = 30: 15 + 0 - 0.5 * 30 = 0, and
    // every cap costs L_0 = L = 30.
    let even = strong_with(|m| {
        m.prices = PriceBand::new(0.0, 0.0);
        m.quality.first_pass_rate = 0.5;
        m.quality.review_minutes = 7.5;
        m.quality.survive_rate = 1.0;
    });
    let retry = retry_of(&even, &with_baseline(0.25)).unwrap();
    assert_eq!(retry.policy, RetryPolicy::Indifferent);
    assert!(retry.cost_by_cap.iter().all(|&cost| cost == 30.0));
    assert!(retry_in_words(&retry).contains("costs what it saves"));

    // No baseline: no retry.
    let analysis = run(&catalog, &Scenario::default(), "strong", None);
    assert_eq!(analysis.retry, None);
}

// ---- payback ------------------------------------------------------------------

#[test]
fn payback_with_and_without_a_saving() {
    // strong: 40 * (420 - 30.5) - 2000 * 12 / 52 per week, 15000 to start.
    let scenario = Scenario {
        baseline_hours: Some(3.5),
        changes_per_week: Some(40.0),
        platform_cost_per_month: 2000.0,
        setup_cost: 15_000.0,
        ..Scenario::default()
    };
    let catalog = worked();
    let analysis = run(&catalog, &scenario, "strong", None);
    let payback = analysis.payback.as_ref().unwrap();
    let weekly = 40.0 * (420.0 - 30.5) - 2000.0 * 12.0 / 52.0;
    close(payback.weekly_net_saving, weekly, "weekly");
    close(payback.payback_weeks.unwrap(), 15_000.0 / weekly, "weeks");
    assert_eq!(payback.cumulative_net_saving.len(), 27);
    assert_eq!(payback.cumulative_net_saving[0], -15_000.0);
    close(
        payback.cumulative_net_saving[26],
        26.0 * weekly - 15_000.0,
        "week 26",
    );

    // cheap at B = 0.7 (L_0 = 84): 40 * (84 - 78.446) - 461.54 < 0.
    let short = Scenario {
        baseline_hours: Some(0.7),
        ..scenario.clone()
    };
    let analysis = try_run(
        &catalog,
        &short,
        "cheap",
        None,
        Options {
            step: 0.2,
            weeks: 4,
        },
    )
    .unwrap();
    let payback = analysis.payback.as_ref().unwrap();
    let weekly = 40.0 * (0.7 * 120.0 - L_CHEAP) - 2000.0 * 12.0 / 52.0;
    assert!(weekly < 0.0);
    close(payback.weekly_net_saving, weekly, "weekly, a loss");
    assert_eq!(payback.payback_weeks, None);
    assert_eq!(payback.cumulative_net_saving.len(), 5);
    close(
        payback.cumulative_net_saving[4],
        4.0 * weekly - 15_000.0,
        "week 4",
    );

    // No volume, or no baseline: no payback.
    for missing in [
        Scenario {
            changes_per_week: None,
            ..scenario.clone()
        },
        Scenario {
            baseline_hours: None,
            ..scenario.clone()
        },
    ] {
        assert_eq!(payback_of(30.5, &missing, 26), None);
        assert_eq!(run(&catalog, &missing, "strong", None).payback, None);
    }
}

// ---- properties -----------------------------------------------------------------

/// The profile and scenario with one lever's input at `value`, written
/// here from the lever table rather than taken from the engine.
fn with_input(
    kind: LeverKind,
    model: &ModelProfile,
    scenario: &Scenario,
    value: f64,
) -> (ModelProfile, Scenario) {
    let (mut m, mut s) = (model.clone(), scenario.clone());
    match kind {
        LeverKind::FirstPassRate => m.quality.first_pass_rate = value,
        LeverKind::ReviewMinutes => m.quality.review_minutes = value,
        LeverKind::EngineerRate => s.engineer_rate_per_hour = value,
        LeverKind::CacheHitRatio => m.usage.cache_hit_ratio = value,
        LeverKind::RevertRate => m.quality.survive_rate = 1.0 - value,
        LeverKind::IncidentCost => m.quality.incident_cost_usd = value,
        LeverKind::Fanout => m.usage.fanout = value,
        LeverKind::InputTokens => m.usage.input_tokens = value,
        LeverKind::OutputTokens => m.usage.output_tokens = value,
        LeverKind::TokenPrices => {
            m.prices = scaled(&m.prices, value);
            m.long_prompt = m.long_prompt.as_ref().map(|band| scaled(band, value));
        }
    }
    (m, s)
}

/// Every price of `band`, cache prices included, times `factor`.
fn scaled(band: &PriceBand, factor: f64) -> PriceBand {
    PriceBand {
        input_per_mtok: band.input_per_mtok * factor,
        output_per_mtok: band.output_per_mtok * factor,
        cache_write_per_mtok: Some(band.cache_write() * factor),
        cache_read_per_mtok: Some(band.cache_read() * factor),
    }
}

fn band() -> impl Strategy<Value = PriceBand> {
    (
        0.0..20.0f64,
        0.0..100.0f64,
        prop::option::of(0.0..40.0f64),
        prop::option::of(0.0..5.0f64),
    )
        .prop_map(|(input, output, write, read)| PriceBand {
            input_per_mtok: input,
            output_per_mtok: output,
            cache_write_per_mtok: write,
            cache_read_per_mtok: read,
        })
}

prop_compose! {
    fn model()(
        prices in band(),
        long_prompt in prop::option::of(band()),
        input_tokens in 0.0..500_000.0f64,
        output_tokens in 0.0..50_000.0f64,
        fanout in 1.0..4.0f64,
        hit in 0.0..1.0f64,
        write_share in 0.0..1.0f64,
        long_prompt_share in 0.0..1.0f64,
        first_pass_rate in 0.01..=1.0f64,
        review_minutes in 0.0..60.0f64,
        survive_rate in 0.0..=1.0f64,
        incident_cost in 0.0..5_000.0f64,
    ) -> ModelProfile {
        let mut model = strong();
        model.prices = prices;
        model.long_prompt = long_prompt;
        model.usage.input_tokens = input_tokens;
        model.usage.output_tokens = output_tokens;
        model.usage.fanout = fanout;
        model.usage.cache_hit_ratio = hit;
        // h + w <= 1: w takes a share of what h leaves.
        model.usage.cache_write_ratio = (1.0 - hit) * write_share;
        model.usage.long_prompt_share = long_prompt_share;
        model.quality.first_pass_rate = first_pass_rate;
        model.quality.review_minutes = review_minutes;
        model.quality.survive_rate = survive_rate;
        model.quality.incident_cost_usd = incident_cost;
        model
    }
}

/// `a` equals `b` to `tolerance` relative (absolute below 1).
fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn levers_match_the_engine_and_flips_meet_the_rival(
        x in model(),
        y in model(),
        z in model(),
        rival_is_a_mix in any::<bool>(),
        engineer_rate in 1.0..300.0f64,
        step in 0.01..0.99f64,
    ) {
        let scenario = Scenario { engineer_rate_per_hour: engineer_rate, ..Scenario::default() };
        let mut catalog = models(&[("x", x.clone()), ("y", y), ("z", z)]);
        mix(&mut catalog, "yz", &[("y", 0.25), ("z", 0.75)]);
        let rival = if rival_is_a_mix { "yz" } else { "y" };
        let analysis = try_run(&catalog, &scenario, "x", Some(rival), Options { step, weeks: 26 })
            .unwrap();
        let rival_cost = |scenario: &Scenario| {
            ranked(&catalog, scenario).into_iter().find(|(id, _)| id == rival).unwrap().1
        };
        prop_assert_eq!(analysis.levers.len(), 10);
        for lever in &analysis.levers {
            let kind = lever.lever;
            prop_assert!(lever.swing >= 0.0, "{}", kind.key());
            prop_assert_eq!(lever.swing, (lever.cost_at_high - lever.cost_at_low).abs());
            for (value, cost) in [(lever.low, lever.cost_at_low), (lever.high, lever.cost_at_high)] {
                let (m, s) = with_input(kind, &x, &scenario, value.unwrap());
                let want = m.cost_per_merge(&s);
                prop_assert!(near(cost, want, 1e-12), "{}: {} vs {}", kind.key(), cost, want);
            }
            if let Some(flip) = lever.flip {
                let (m, s) = with_input(kind, &x, &scenario, flip);
                // The engineer rate moves the rival too.
                let other = if kind == LeverKind::EngineerRate {
                    rival_cost(&s)
                } else {
                    rival_cost(&scenario)
                };
                let mine = m.cost_per_merge(&s);
                prop_assert!(
                    near(mine, other, 1e-6),
                    "{} at {}: {} vs {}", kind.key(), flip, mine, other
                );
            }
        }
        let curve = analysis.cost_by_first_pass_rate.unwrap();
        for pair in curve.windows(2) {
            prop_assert!(pair[1].1 <= pair[0].1, "the curve falls as p rises: {:?}", pair);
        }
    }
}

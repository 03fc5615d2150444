//! The flips: where the profile and its rival meet, or that they do not.

use costlens::model::analysis::LeverKind;
use costlens::model::{PriceBand, Scenario};

use crate::support::close;
use crate::support::worked::{cheap, strong};

use super::{L_CHEAP, lever, maybe_close, mix, models, run, strong_with, worked};

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

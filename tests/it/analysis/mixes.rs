//! Mixes: a lever moving every model a mix reaches, each within its own
//! limits.

use costlens::model::Scenario;
use costlens::model::analysis::LeverKind;

use crate::support::close;
use crate::support::worked::cheap;

use super::{L_CHEAP, lever, mix, models, run, strong_with, worked};

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

//! The first-pass rate's curve and the crossovers.

use costlens::model::Scenario;

use crate::support::close;

use super::{L_CHEAP, maybe_close, mix, run, worked};

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

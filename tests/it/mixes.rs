//! Routing mixes in the engine: share-weighted sums, nesting, cycles.

use crate::support::close;
use crate::support::worked::{cheap, strong, with_baseline};
use costlens::model::{Catalog, Figures, MixError, MixPart, ProfileDef, Scenario};

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

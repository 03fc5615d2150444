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
    Analysis, AnalysisError, Lever, LeverKind, Options, Subject, analyze,
};
use costlens::model::{Catalog, MixPart, ModelProfile, ProfileDef, Scenario};

use crate::support::close;
use crate::support::worked::{cheap, strong};

mod curve_and_crossovers;
mod flips;
mod levers;
mod mixes;
mod properties;
mod retry_and_payback;

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

fn strong_with(change: fn(&mut ModelProfile)) -> ModelProfile {
    let mut model = strong();
    change(&mut model);
    model
}

/// `a` equals `b` to `tolerance` relative (absolute below 1).
fn near(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1.0)
}

//! Properties (proptest) over generated profiles, against the engine's cost.

use costlens::model::analysis::{LeverKind, Options};
use costlens::model::{ModelProfile, PriceBand, Scenario};
use proptest::prelude::*;

use crate::support::worked::strong;

use super::{mix, models, near, ranked, try_run};

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

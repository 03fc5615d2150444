//! Fixtures shared by the engine tests: the worked check's two profiles.

#![allow(dead_code)] // each test file uses its own subset

use costlens::model::{ModelProfile, PriceBand, Quality, Scenario, Usage};

/// The "strong" profile of the worked check.
pub fn strong() -> ModelProfile {
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
pub fn cheap() -> ModelProfile {
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

pub fn with_baseline(hours: f64) -> Scenario {
    Scenario {
        baseline_hours: Some(hours),
        ..Scenario::default()
    }
}

pub fn close(got: f64, want: f64, what: &str) {
    let tolerance = 1e-9 * want.abs().max(1.0);
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want}"
    );
}

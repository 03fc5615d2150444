//! The worked check of `docs/cost-model.md`: `strong` costs 30.50 and
//! `cheap` 78.45 per merged change. Both forms live here, once: the
//! profile files' text (`STRONG`, `CHEAP`, `worked_folder`) for the tests
//! that read real folders, and the engine's structs (`strong()`, `cheap()`)
//! for the tests of the formulas. `the_text_and_the_structs_agree` keeps
//! the two forms the same profiles.
//!
//! A test that needs something the worked check lacks (comments, cache
//! writes) builds it from `STRONG` under a name that says what it adds;
//! see `app::strong_with_comments_and_cache_writes`.

use std::fs;
use std::path::Path;

use costlens::model::{ModelProfile, PriceBand, Quality, Scenario, Usage};

pub const STRONG: &str = "[prices]\ninput = 3\noutput = 15\n[usage]\ninput_tokens = 40_000\noutput_tokens = 8_000\n\
[quality]\nfirst_pass_rate = 0.72\nreview_minutes = 6\nsurvive_rate = 0.985\nincident_cost = 900\n";
pub const CHEAP: &str = "[prices]\ninput = 1\noutput = 4\n[usage]\ninput_tokens = 40_000\noutput_tokens = 8_000\n\
[quality]\nfirst_pass_rate = 0.52\nreview_minutes = 11\nsurvive_rate = 0.96\nincident_cost = 900\n";

/// Writes both profiles into `dir`, as `strong.toml` and `cheap.toml`.
pub fn write_worked(dir: &Path) {
    fs::write(dir.join("strong.toml"), STRONG).unwrap();
    fs::write(dir.join("cheap.toml"), CHEAP).unwrap();
}

/// A temp folder holding the worked check's two profiles.
pub fn worked_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    dir
}

/// `STRONG` as the engine's struct.
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

/// `CHEAP` as the engine's struct.
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

/// The default scenario with a human-only baseline of `hours` (the worked
/// check's savings figures use 3.5).
pub fn with_baseline(hours: f64) -> Scenario {
    Scenario {
        baseline_hours: Some(hours),
        ..Scenario::default()
    }
}

#[test]
fn the_text_and_the_structs_agree() {
    use costlens::profile::{Definition, parse_profile};
    for (text, model) in [(STRONG, strong()), (CHEAP, cheap())] {
        let parsed = parse_profile("worked.toml", text).expect("the worked check parses");
        assert_eq!(parsed.definition, Definition::Model(model), "{text}");
    }
}

//! The cases of the loaded cost per merge's pieces: the effective input
//! price with cache hits and writes (default and explicit cache prices),
//! fan-out (token cost and tokens, never review), the long-prompt band,
//! review cost, and regressions (none when every change survives).

use crate::support::worked::{cheap, strong};
use costlens::model::{PriceBand, Scenario};

use super::{Case, figures, token_cost};

pub(super) const CASES: &[Case] = &[
    Case {
        name: "effective input, no cache",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, _| Some(m.prices.effective_input(0.0, 0.0)),
        want: Some(3.0),
    },
    Case {
        name: "cache hits at the default read price (0.1 x input)",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, _| Some(m.prices.effective_input(0.5, 0.0)),
        want: Some(0.5 * 3.0 + 0.5 * 0.3),
    },
    Case {
        name: "cache writes at the default write price (1.25 x input)",
        profile: strong,
        scenario: Scenario::default,
        figure: |m, _| Some(m.prices.effective_input(0.0, 0.2)),
        want: Some(0.8 * 3.0 + 0.2 * 3.75),
    },
    Case {
        name: "explicit cache prices, hits and writes",
        profile: || {
            let mut m = strong();
            m.prices.cache_write_per_mtok = Some(6.0);
            m.prices.cache_read_per_mtok = Some(0.3);
            m.usage.cache_hit_ratio = 0.7;
            m.usage.cache_write_ratio = 0.15;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some((40_000.0 * (0.15 * 3.0 + 0.15 * 6.0 + 0.7 * 0.3) + 8_000.0 * 15.0) / 1e6),
    },
    Case {
        name: "fan-out multiplies token cost",
        profile: || {
            let mut m = strong();
            m.usage.fanout = 3.0;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some(0.72),
    },
    Case {
        name: "fan-out multiplies tokens per merge",
        profile: || {
            let mut m = strong();
            m.usage.fanout = 2.5;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| Some(figures(m, s).core.tokens_per_merge),
        want: Some(2.5 * 48_000.0 / 0.72),
    },
    Case {
        name: "fan-out leaves review alone",
        profile: || {
            let mut m = strong();
            m.usage.fanout = 4.0;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| Some(m.review_cost_per_attempt(s)),
        want: Some(12.0),
    },
    Case {
        name: "long-prompt band bills the share at the higher rates, output included",
        profile: || {
            let mut m = strong();
            m.long_prompt = Some(PriceBand::new(6.0, 22.5));
            m.usage.long_prompt_share = 0.25;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some(0.75 * 0.24 + 0.25 * (40_000.0 * 6.0 + 8_000.0 * 22.5) / 1e6),
    },
    Case {
        name: "long-prompt band unused at share 0",
        profile: || {
            let mut m = strong();
            m.long_prompt = Some(PriceBand::new(6.0, 22.5));
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some(0.24),
    },
    Case {
        name: "long-prompt band's cache prices default from its own input",
        profile: || {
            let mut m = strong();
            m.long_prompt = Some(PriceBand::new(6.0, 22.5));
            m.usage.long_prompt_share = 1.0;
            m.usage.cache_hit_ratio = 0.5;
            m
        },
        scenario: Scenario::default,
        figure: token_cost,
        want: Some((40_000.0 * (0.5 * 6.0 + 0.5 * 0.6) + 8_000.0 * 22.5) / 1e6),
    },
    Case {
        name: "review cost m * E / 60",
        profile: strong,
        scenario: || Scenario {
            engineer_rate_per_hour: 90.0,
            ..Scenario::default()
        },
        figure: |m, s| Some(m.review_cost_per_attempt(s)),
        want: Some(9.0),
    },
    Case {
        name: "regression cost (1 - s) * I",
        profile: cheap,
        scenario: Scenario::default,
        figure: |m, _| Some(m.regression_cost()),
        want: Some(36.0),
    },
    Case {
        name: "no regression when every change survives",
        profile: || {
            let mut m = strong();
            m.quality.survive_rate = 1.0;
            m
        },
        scenario: Scenario::default,
        figure: |m, s| Some(m.cost_per_merge(s)),
        want: Some(12.24 / 0.72),
    },
];

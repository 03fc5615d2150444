//! The cases against a human baseline (its cost, savings, ROI, break-even
//! and when it never comes, review-to-generation) and per week (spend,
//! net saving, which needs a baseline, and payback, none when the saving
//! is not positive).

use crate::support::worked::{strong, with_baseline};
use costlens::model::Scenario;

use super::{Case, figures};

pub(super) const CASES: &[Case] = &[
    Case {
        name: "baseline cost B * E",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).baseline_cost,
        want: Some(420.0),
    },
    Case {
        name: "savings L_0 - L",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).savings_per_merge,
        want: Some(389.5),
    },
    Case {
        name: "ROI S / L",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).roi,
        want: Some(389.5 / 30.5),
    },
    Case {
        name: "break-even A / (L_0 - R)",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| m.break_even_first_pass_rate(s),
        want: Some(12.24 / 406.5),
    },
    Case {
        name: "break-even never when L_0 <= R",
        profile: strong,
        scenario: || with_baseline(0.1),
        figure: |m, s| m.break_even_first_pass_rate(s),
        want: None,
    },
    Case {
        name: "break-even never when p* > 1",
        profile: strong,
        scenario: || with_baseline(0.2),
        figure: |m, s| m.break_even_first_pass_rate(s),
        want: None,
    },
    Case {
        name: "break-even exactly 1 is kept",
        profile: || {
            let mut m = strong();
            m.quality.survive_rate = 1.0;
            m
        },
        scenario: || with_baseline(12.24 / 120.0),
        figure: |m, s| {
            m.break_even_first_pass_rate(s)
                .map(|p| (p * 1e9).round() / 1e9)
        },
        want: Some(1.0),
    },
    Case {
        name: "review-to-generation n * m / (B * 60)",
        profile: strong,
        scenario: || with_baseline(3.5),
        figure: |m, s| figures(m, s).review_to_generation,
        want: Some(6.0 / 0.72 / 210.0),
    },
    Case {
        name: "weekly spend V * L",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            ..Scenario::default()
        },
        figure: |m, s| figures(m, s).weekly_spend,
        want: Some(1220.0),
    },
    Case {
        name: "weekly net saving needs a baseline",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            ..Scenario::default()
        },
        figure: |m, s| figures(m, s).weekly_net_saving,
        want: None,
    },
    Case {
        name: "weekly net saving V * S - K * 12 / 52",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            platform_cost_per_month: 2000.0,
            ..with_baseline(3.5)
        },
        figure: |m, s| figures(m, s).weekly_net_saving,
        want: Some(40.0 * 389.5 - 2000.0 * 12.0 / 52.0),
    },
    Case {
        name: "payback U / weekly net saving",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(40.0),
            platform_cost_per_month: 2000.0,
            setup_cost: 15_000.0,
            ..with_baseline(3.5)
        },
        figure: |m, s| figures(m, s).payback_weeks,
        want: Some(15_000.0 / (40.0 * 389.5 - 2000.0 * 12.0 / 52.0)),
    },
    Case {
        name: "no payback when the weekly saving is not positive",
        profile: strong,
        scenario: || Scenario {
            changes_per_week: Some(1.0),
            platform_cost_per_month: 1e6,
            setup_cost: 15_000.0,
            ..with_baseline(3.5)
        },
        figure: |m, s| figures(m, s).payback_weeks,
        want: None,
    },
];

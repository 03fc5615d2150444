//! The export's second half: the selected profile's levers, flips and
//! payback, as `costlens analyze --format markdown` writes them (the same
//! functions, so the notes and the command never disagree), plus the
//! cumulative net saving week by week, which a meeting asks for and the
//! command's summary leaves out.

use std::fmt::Write as _;

use super::super::App;
use crate::model::analysis::Analysis;
use crate::report::{flips_markdown, levers_markdown, money, payback_markdown};

impl App {
    /// `### Strong: levers, flips and payback (against Cheap)`, what the
    /// figures assume, then the three analyses; or why there are none.
    pub(super) fn analysis_section(&self) -> String {
        let Some(analysis) = self.analysis() else {
            return "\n### Levers, flips and payback\n\nNo profile is selected: nothing to \
                    analyse.\n"
                .to_string();
        };
        let mut comparison = self.comparison.clone();
        comparison.what_ifs = self.what_if_keys();
        let name = self.name_of(&analysis.profile);
        let mut out = match &analysis.against {
            Some(rival) => format!(
                "\n### {name}: levers, flips and payback (against {})\n\n",
                self.name_of(rival)
            ),
            None => format!(
                "\n### {name}: levers, flips and payback (no other profile to compare with)\n\n"
            ),
        };
        out.push_str(&self.assumptions(analysis));
        out.push_str(&levers_markdown(analysis));
        out.push_str(&flips_markdown(&comparison, analysis));
        out.push_str(&payback_markdown(&comparison, analysis));
        out.push_str(&weekly_payback(analysis));
        out
    }

    /// The profile's name as the comparison has it; its id when gone.
    fn name_of(&self, id: &str) -> String {
        self.row(id)
            .map_or_else(|| id.to_string(), |row| row.name.clone())
    }

    /// The two costs, why this rival, and which what-ifs are in force (by
    /// key: the list above gives their values).
    fn assumptions(&self, analysis: &Analysis) -> String {
        let mut out = format!(
            "- cost per merged change {}\n",
            money(analysis.cost_per_merge)
        );
        if let (Some(rival), Some(cost)) = (&analysis.against, analysis.against_cost_per_merge) {
            let why = if self.reference_id.as_deref() == Some(rival.as_str()) {
                "the pinned reference"
            } else {
                "the cheapest other profile"
            };
            let _ = writeln!(
                out,
                "- against {}: {} ({why})",
                self.name_of(rival),
                money(cost)
            );
        }
        let keys: Vec<String> = self
            .what_if_keys()
            .into_iter()
            .map(|(key, _)| key)
            .collect();
        if keys.is_empty() {
            out.push_str("- no what-ifs: every figure is as the files have it\n");
        } else {
            let _ = writeln!(
                out,
                "- what-ifs in force (values above): {}",
                keys.join(", ")
            );
        }
        out
    }
}

/// `| Week | Cumulative net saving |`, week 0 (the setup cost) to the
/// horizon; nothing when there is no payback (the words above say why).
fn weekly_payback(analysis: &Analysis) -> String {
    let Some(payback) = &analysis.payback else {
        return String::new();
    };
    let mut out = String::from("\n| Week | Cumulative net saving |\n|---:|---:|\n");
    for (week, saving) in payback.cumulative_net_saving.iter().enumerate() {
        let _ = writeln!(out, "| {week} | {} |", money(*saving));
    }
    out
}

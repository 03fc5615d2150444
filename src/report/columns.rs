//! The figure columns of a comparison, defined once: `report`'s table and
//! the explorer's table both pick from these, so a heading, its meaning
//! and the figure under it cannot drift apart.

use super::Row;
use super::number::{NONE, grouped, money, percent, percent_to, share_of};

/// One figure column, in the order of importance (the narrowest table
/// keeps the first ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// The loaded cost per merged change.
    Cost,
    /// Its token part.
    Tokens,
    /// Its review part.
    Review,
    /// Its regression (revert) part.
    Regress,
    /// Savings per merge against the human baseline.
    Saving,
    /// Savings over cost.
    Roi,
    /// Expected attempts per merged change.
    Tries,
    /// Cost at the 90th percentile of attempts.
    P90,
    /// The token part as a share of the cost.
    TokenShare,
}

impl Column {
    /// The heading.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Column::Cost => "Cost",
            Column::Tokens => "Tokens",
            Column::Review => "Review",
            Column::Regress => "Regress",
            Column::Saving => "Saving",
            Column::Roi => "ROI",
            Column::Tries => "Tries",
            Column::P90 => "P90",
            Column::TokenShare => "Tok%",
        }
    }

    /// The heading where a part of the cost shows as its share.
    pub(crate) fn share_header(self) -> &'static str {
        match self {
            Column::Tokens => "Tok",
            Column::Review => "Rev",
            Column::Regress => "Reg",
            other => other.header(),
        }
    }

    /// What the column means, for a legend; empty where the one before it
    /// already says it (Tokens explains Review and Regress too).
    pub(crate) fn legend(self) -> &'static str {
        match self {
            Column::Cost => "Cost: per merged change",
            Column::Tokens => "Tokens/Review/Regress: its parts",
            Column::Saving => "Saving/ROI: against the human baseline",
            Column::Tries => "Tries: expected attempts",
            Column::P90 => "P90: cost at the 90th percentile",
            Column::TokenShare => "Tok%: token share of Cost",
            Column::Review | Column::Regress | Column::Roi => "",
        }
    }

    /// Whether the column has figures only with a human baseline set.
    pub(crate) fn needs_baseline(self) -> bool {
        matches!(self, Column::Saving | Column::Roi)
    }

    /// The figure, `None` where it has no value.
    pub(crate) fn value(self, row: &Row) -> Option<f64> {
        let figures = &row.figures;
        let core = &figures.core;
        match self {
            Column::Cost => Some(core.cost_per_merge),
            Column::Tokens => Some(core.token_cost_per_merge),
            Column::Review => Some(core.review_cost_per_merge),
            Column::Regress => Some(core.regression_cost),
            Column::Saving => figures.savings_per_merge,
            Column::Roi => figures.roi,
            Column::Tries => Some(core.expected_attempts),
            Column::P90 => figures.risk.as_ref().map(|risk| risk.p90_cost),
            Column::TokenShare => figures.token_share,
        }
    }

    /// The figure as `report` writes it: money with cents, rates with one
    /// decimal, "—" for no value.
    pub(crate) fn text(self, row: &Row) -> String {
        let Some(value) = self.value(row) else {
            return NONE.to_string();
        };
        match self {
            Column::Roi | Column::TokenShare => percent(value),
            Column::Tries => grouped(value, 2),
            _ => money(value),
        }
    }

    /// The figure where space is short: a part of the cost as its whole
    /// percent share, a rate as a whole percent, anything else as `text`.
    pub(crate) fn compact_text(self, row: &Row) -> String {
        let cost = row.figures.core.cost_per_merge;
        match (self, self.value(row)) {
            (Column::Tokens | Column::Review | Column::Regress, Some(part)) => share_of(part, cost),
            (Column::Roi | Column::TokenShare, Some(rate)) => percent_to(rate, 0),
            _ => self.text(row),
        }
    }
}

/// `report`'s columns, most important first.
pub(super) const REPORT_COLUMNS: [Column; 9] = [
    Column::Cost,
    Column::Tokens,
    Column::Review,
    Column::Regress,
    Column::Saving,
    Column::Roi,
    Column::Tries,
    Column::P90,
    Column::TokenShare,
];

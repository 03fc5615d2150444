//! What ties a profile to measurements: the model ids it stands for in
//! usage logs, and its `[calibration]` table (`docs/profile-format.md`,
//! "Measured or assumed").

use chrono::NaiveDate;

use crate::model::ProfileField;

/// A profile's `[calibration]`: when its figures were measured, from what,
/// and which of its `[usage]` and `[quality]` fields they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    /// The day `costlens calibrate --write` measured them.
    pub at: NaiveDate,
    /// Where they came from, one line of plain text.
    pub from: String,
    /// The measured fields, in the file's order, each once; only fields
    /// of `[usage]` and `[quality]`.
    pub measured: Vec<ProfileField>,
}

impl Calibration {
    pub fn is_measured(&self, field: ProfileField) -> bool {
        self.measured.contains(&field)
    }

    /// The `[usage]` and `[quality]` fields it does not name: assumed.
    pub fn assumed(&self) -> Vec<ProfileField> {
        measurable_fields()
            .filter(|&field| !self.is_measured(field))
            .collect()
    }
}

/// The fields `measured` may name, in the format's order.
fn measurable_fields() -> impl Iterator<Item = ProfileField> {
    ProfileField::ALL
        .into_iter()
        .filter(|field| MEASURABLE_TABLES.contains(&field.table()))
}

/// The tables `measured` may name: prices are read off a price list, not
/// measured from a team's records.
const MEASURABLE_TABLES: [&str; 2] = ["usage", "quality"];

/// A field's dotted name in `measured` (`usage.input_tokens`); `None` for
/// a field that cannot be measured (a price).
pub fn measured_name(field: ProfileField) -> Option<String> {
    MEASURABLE_TABLES
        .contains(&field.table())
        .then(|| format!("{}.{}", field.table(), field.key()))
}

/// The field a dotted name in `measured` stands for; `None` for a price
/// or a name the format does not know.
pub fn measured_field(name: &str) -> Option<ProfileField> {
    ProfileField::ALL
        .into_iter()
        .find(|&field| measured_name(field).as_deref() == Some(name))
}

/// Every name `measured` may hold, in the format's order.
pub(crate) fn measured_names() -> Vec<String> {
    measurable_fields().filter_map(measured_name).collect()
}

/// Whether a model id from a usage log (`log_id`) is the one a profile's
/// `model_ids` entry stands for: equal to it, or the entry followed by
/// `-` and an 8-digit date (`claude-sonnet-4-5` matches
/// `claude-sonnet-4-5-20250929`, not `claude-sonnet-4-5-fast`). An empty
/// entry (the loader refuses one) matches nothing.
pub fn matches_model_id(entry: &str, log_id: &str) -> bool {
    if entry.is_empty() {
        return false;
    }
    if log_id == entry {
        return true;
    }
    log_id
        .strip_prefix(entry)
        .and_then(|rest| rest.strip_prefix('-'))
        .is_some_and(|date| date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_id_matches_its_entry_or_the_entry_with_a_date() {
        let cases = [
            ("claude-sonnet-4-5", "claude-sonnet-4-5", true),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-20250929", true),
            (
                "claude-sonnet-4-5-20250929",
                "claude-sonnet-4-5-20250929",
                true,
            ),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-fast", false),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-2025092", false),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-202509290", false),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-2025-09-29", false),
            (
                "claude-sonnet-4-5",
                "claude-sonnet-4-5-20250929-fast",
                false,
            ),
            ("claude-sonnet-4-5", "claude-sonnet-4-520250929", false),
            ("claude-sonnet-4-5", "claude-sonnet-4-5-", false),
            // Another model that starts the same is not this one.
            ("claude-sonnet-4", "claude-sonnet-4-5", false),
            ("claude-sonnet-4", "claude-sonnet-4-20250514", true),
            // The date is on the log's side only.
            ("claude-sonnet-4-5-20250929", "claude-sonnet-4-5", false),
            // Exact: no case folding, no trimming.
            ("claude-sonnet-4-5", "Claude-Sonnet-4-5", false),
            ("claude-sonnet-4-5", "claude-sonnet-4-5 ", false),
            // Digits are ASCII digits: `٢` is a digit to Unicode, not here.
            ("claude-sonnet-4-5", "claude-sonnet-4-5-2025092٢", false),
            ("claude-sonnet-4-5", "", false),
            ("", "", false),
            ("", "-20250929", false),
        ];
        for (entry, log_id, expected) in cases {
            assert_eq!(
                matches_model_id(entry, log_id),
                expected,
                "{entry:?} against {log_id:?}"
            );
        }
    }

    #[test]
    fn measured_names_are_the_usage_and_quality_fields() {
        assert_eq!(
            measured_names(),
            [
                "usage.input_tokens",
                "usage.output_tokens",
                "usage.fanout",
                "usage.cache_hit_ratio",
                "usage.cache_write_ratio",
                "usage.long_prompt_share",
                "quality.first_pass_rate",
                "quality.review_minutes",
                "quality.survive_rate",
                "quality.incident_cost",
            ]
        );
        for name in measured_names() {
            let field = measured_field(&name).unwrap();
            assert_eq!(measured_name(field), Some(name));
        }
        assert_eq!(measured_name(ProfileField::InputPrice), None);
        assert_eq!(measured_field("prices.input"), None);
        assert_eq!(measured_field("input_tokens"), None);
        assert_eq!(measured_field("quality.input_tokens"), None);
    }
}

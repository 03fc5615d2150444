//! `Checker`: collects located problems while tables are checked, with
//! the range and text checks every table shares.

use std::ops::Range;

use toml::Spanned;

use crate::model::{Bound, ProfileField};
use crate::profile::Problem;
use crate::profile::decode::Removed;
use crate::profile::read::is_hidden_control;

/// Collects problems while tables are checked.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
    /// Entries decoding already reported and cut out: not "missing" again.
    pub(super) removed: Vec<Removed>,
}

/// A table's name and where its header is, for "missing field" messages.
pub(super) struct Located {
    pub(super) name: &'static str,
    pub(super) span: Range<usize>,
}

/// TOML spells the non-finite floats `nan` and `inf`.
pub(crate) fn show_number(value: f64) -> String {
    match value {
        v if v.is_nan() => "nan".to_string(),
        v if v.is_infinite() => if v > 0.0 { "inf" } else { "-inf" }.to_string(),
        v => v.to_string(),
    }
}

impl Checker {
    pub(super) fn problem(&mut self, span: Range<usize>, message: String) {
        self.problems.push(Problem::new(Some(span), message));
    }

    /// Whether `key` of the table at `table` (`None`: the top level) was
    /// cut out by decoding, which already said what was wrong with it.
    pub(super) fn was_removed(&self, table: Option<&Range<usize>>, key: &str) -> bool {
        self.removed
            .iter()
            .any(|(at, removed)| at.as_ref() == table && removed == key)
    }

    fn number(&mut self, key: &str, bound: Bound, value: &Spanned<f64>) -> Option<f64> {
        let found = *value.get_ref();
        if bound.contains(found) {
            // -0 is 0: adding +0 clears the sign, so `input = -0.0` never
            // shows as "-0.00" or reads back different after a write-back.
            return Some(found + 0.0);
        }
        self.problem(
            value.span(),
            format!(
                "`{key}` {} (found {})",
                bound.describe(),
                show_number(found)
            ),
        );
        None
    }

    pub(super) fn optional(
        &mut self,
        key: &str,
        bound: Bound,
        value: &Option<Spanned<f64>>,
    ) -> Option<Option<f64>> {
        match value {
            Some(value) => self.number(key, bound, value).map(Some),
            None => Some(None),
        }
    }

    pub(super) fn required(
        &mut self,
        key: &str,
        bound: Bound,
        value: &Option<Spanned<f64>>,
        table: &Located,
    ) -> Option<f64> {
        match value {
            Some(value) => self.number(key, bound, value),
            None => {
                if !self.was_removed(Some(&table.span), key) {
                    self.problem(
                        table.span.clone(),
                        format!("missing field `{key}` in [{}]", table.name),
                    );
                }
                None
            }
        }
    }

    pub(super) fn field(
        &mut self,
        field: ProfileField,
        value: &Option<Spanned<f64>>,
        table: &Located,
    ) -> Option<f64> {
        self.required(field.key(), field.bound(), value, table)
    }

    pub(super) fn field_or(
        &mut self,
        field: ProfileField,
        value: &Option<Spanned<f64>>,
        default: f64,
    ) -> Option<f64> {
        self.optional(field.key(), field.bound(), value)
            .map(|v| v.unwrap_or(default))
    }

    /// A one-line text field (`name`, `notes`): shown in the table and
    /// printed by `report`, so no line breaks and nothing that acts on the
    /// terminal.
    pub(super) fn text(&mut self, key: &str, value: Option<Spanned<String>>) -> Option<String> {
        let value = value?;
        if let Some(problem) = not_one_plain_line(value.get_ref(), is_hidden_control) {
            self.problem(value.span(), format!("`{key}` must be {problem}"));
        }
        Some(value.into_inner())
    }
}

/// What keeps `text` from being one line of plain text, as the end of a
/// "must be ..." message; `None` when it is. `is_control` says which
/// characters count as control characters besides line breaks.
pub(super) fn not_one_plain_line(text: &str, is_control: fn(char) -> bool) -> Option<String> {
    if text.contains(['\n', '\r']) {
        return Some("one line (found a line break)".to_string());
    }
    let c = text.chars().find(|&c| is_control(c))?;
    Some(format!(
        "plain text (found control character U+{:04X})",
        u32::from(c)
    ))
}

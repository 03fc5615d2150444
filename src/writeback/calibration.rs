//! `costlens calibrate --write`: a profile's `[calibration]` table, saying
//! when its figures were measured, from what, and which fields they are.

use anyhow::{Context, Result};
use toml_edit::{DocumentMut, Item, Table, Value};

use super::find_or_create_table;

/// A profile's `[calibration]` table: when, from what, and which fields
/// (dotted, `usage.input_tokens`) are measured rather than assumed.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationRecord {
    /// `YYYY-MM-DD`, written as a TOML date.
    pub at: String,
    /// One line: the records the figures were measured from.
    pub from: String,
    pub measured: Vec<String>,
}

/// The new text with its `[calibration]` table set to `record`: created
/// at the end of the file when missing, its keys replaced in place when
/// there (comments elsewhere in the table kept). Fields measured by an
/// earlier calibration stay measured: a figure written once is still the
/// team's own until someone edits it.
pub fn apply_calibration(text: &str, record: &CalibrationRecord) -> Result<String> {
    let mut doc: DocumentMut = text.parse().context("not valid TOML")?;
    set_record(&mut doc, record)?;
    Ok(doc.to_string())
}

/// Sets `doc`'s `[calibration]` table from `record` (see [`apply_calibration`]).
pub(super) fn set_record(doc: &mut DocumentMut, record: &CalibrationRecord) -> Result<()> {
    let at: toml_edit::Datetime = record
        .at
        .parse()
        .with_context(|| format!("`{}` is not a date", record.at))?;
    if !doc.contains_key("calibration") {
        let mut table = Table::new();
        table.decor_mut().set_prefix("\n");
        table
            .decor_mut()
            .set_suffix("                 # written by costlens calibrate");
        doc.insert("calibration", Item::Table(table));
    }
    let table = find_or_create_table(doc, "calibration")?;
    let mut measured: Vec<String> = table
        .get("measured")
        .and_then(Item::as_array)
        .map(|old| {
            old.iter()
                .filter_map(|value| value.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    // Fields an earlier calibration measured and this one did not keep
    // their source: the old `from` stays, after the new one.
    let earlier_kept = measured
        .iter()
        .any(|field| !record.measured.contains(field));
    let old_from = table
        .get("from")
        .and_then(Item::as_str)
        .filter(|old| earlier_kept && !old.is_empty() && *old != record.from)
        .map(str::to_string);
    for field in &record.measured {
        if !measured.contains(field) {
            measured.push(field.clone());
        }
    }
    let from = match old_from {
        Some(old) => format!("{}; earlier: {old}", record.from),
        None => record.from.clone(),
    };
    set_value(table, "at", Value::from(at));
    set_value(table, "from", Value::from(from.as_str()));
    set_value(table, "measured", Value::Array(measured.iter().collect()));
    Ok(())
}

/// The text after `s` or `S` wrote `edited` fields (`usage.fanout`): a
/// figure a person set is no longer the measured one, so each leaves
/// `[calibration].measured` (the table itself stays: the other fields are
/// still measured).
pub(super) fn unmark_measured(doc: &mut DocumentMut, edited: &[String]) {
    let Some(measured) = doc
        .get_mut("calibration")
        .and_then(Item::as_table_like_mut)
        .and_then(|table| table.get_mut("measured"))
        .and_then(Item::as_array_mut)
    else {
        return;
    };
    measured.retain(|value| {
        !value
            .as_str()
            .is_some_and(|name| edited.iter().any(|e| e == name))
    });
}

/// After `--write` set a field, a trailing `# ASSUMPTION …` comment on it
/// would now lie: it becomes `# measured (see [calibration])`.
pub(super) fn retire_assumption(doc: &mut DocumentMut, table: &str, key: &str) {
    let Some(value) = doc
        .get_mut(table)
        .and_then(Item::as_table_like_mut)
        .and_then(|table| table.get_mut(key))
        .and_then(Item::as_value_mut)
    else {
        return;
    };
    let suffix = value
        .decor()
        .suffix()
        .and_then(|raw| raw.as_str())
        .unwrap_or("");
    if let Some(at) = suffix.find('#')
        && suffix[at..].to_ascii_uppercase().contains("ASSUMPTION")
    {
        let new = format!("{}# measured (see [calibration])", &suffix[..at]);
        value.decor_mut().set_suffix(new);
    }
}

/// Sets `key` to `value`, keeping the old value's spacing and comment.
fn set_value(table: &mut dyn toml_edit::TableLike, key: &str, mut value: Value) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        let decor = old.decor().clone();
        *value.decor_mut() = decor;
        *old = value;
    } else {
        table.insert(key, Item::Value(value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::writeback::{Change, Edit};

    fn record(measured: &[&str]) -> CalibrationRecord {
        CalibrationRecord {
            at: "2026-11-29".to_string(),
            from: "12 Claude Code sessions 2026-10-01..2026-11-28".to_string(),
            measured: measured.iter().map(|field| field.to_string()).collect(),
        }
    }

    #[test]
    fn a_new_calibration_table_goes_at_the_end_with_its_comment() {
        let text = "name = \"S\" # the name\n\n[usage]\ninput_tokens = 40_000 # ASSUMPTION\n";
        let change = Change::Calibrated {
            edits: vec![Edit {
                table: "usage".to_string(),
                key: "input_tokens".to_string(),
                value: 52_000.5,
            }],
            record: record(&["usage.input_tokens"]),
        };
        let new = change.apply(text).unwrap();
        assert_eq!(
            new,
            "name = \"S\" # the name\n\n[usage]\ninput_tokens = 52000.5 # measured (see [calibration])\n\n\
             [calibration]                 # written by costlens calibrate\n\
             at = 2026-11-29\n\
             from = \"12 Claude Code sessions 2026-10-01..2026-11-28\"\n\
             measured = [\"usage.input_tokens\"]\n"
        );
    }

    #[test]
    fn a_second_calibration_keeps_what_was_measured_before() {
        let text = "[calibration] # ours\nat = 2026-01-01 # first\nfrom = \"old\"\n\
                    measured = [\"quality.survive_rate\"]\n";
        let new =
            apply_calibration(text, &record(&["usage.fanout", "quality.survive_rate"])).unwrap();
        assert_eq!(
            new,
            "[calibration] # ours\nat = 2026-11-29 # first\n\
             from = \"12 Claude Code sessions 2026-10-01..2026-11-28\"\n\
             measured = [\"quality.survive_rate\", \"usage.fanout\"]\n"
        );
        // A later run that measures only the fanout keeps where the survive
        // rate came from.
        let later = CalibrationRecord {
            from: "30 Claude Code sessions".to_string(),
            ..record(&["usage.fanout"])
        };
        let newer = apply_calibration(&new, &later).unwrap();
        assert!(
            newer.contains(
                "from = \"30 Claude Code sessions; earlier: 12 Claude Code sessions 2026-10-01..2026-11-28\""
            ),
            "{newer}"
        );
    }

    #[test]
    fn a_bad_date_is_refused() {
        let mut bad = record(&[]);
        bad.at = "29/11/2026".to_string();
        assert!(apply_calibration("", &bad).is_err());
    }
}

#[cfg(test)]
mod marks_tests {
    use crate::writeback::{Change, Edit};

    fn edit(table: &str, key: &str, value: f64) -> Edit {
        Edit {
            table: table.to_string(),
            key: key.to_string(),
            value,
        }
    }

    #[test]
    fn a_value_a_person_saves_is_no_longer_measured() {
        let text = "[quality]\nsurvive_rate = 0.98\n\n[calibration]\nat = 2026-11-29\n\
                    from = \"x\"\nmeasured = [\"usage.fanout\", \"quality.survive_rate\"]\n";
        let change = Change::Values(vec![edit("quality", "survive_rate", 0.99)]);
        let new = change.apply(text).unwrap();
        assert!(new.contains("survive_rate = 0.99"), "{new}");
        assert!(new.contains("measured = [\"usage.fanout\"]"), "{new}");
        // A profile without the table is edited as before.
        let plain = Change::Values(vec![edit("quality", "survive_rate", 0.99)])
            .apply("[quality]\nsurvive_rate = 0.98\n")
            .unwrap();
        assert_eq!(plain, "[quality]\nsurvive_rate = 0.99\n");
    }
}

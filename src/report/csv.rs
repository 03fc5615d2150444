//! The CSV report: every figure of the JSON document, unrounded, one row
//! per profile.

use super::Comparison;
use super::json::JsonProfile;

/// Every figure unrounded, one row per profile, the JSON field names as
/// headers (taken from the JSON itself, so the two cannot drift apart);
/// `spend_by_attempt` as `;`-separated values, no value as an empty cell.
pub(crate) fn csv_document(comparison: &Comparison) -> String {
    let header = match serde_json::to_value(JsonProfile::default()) {
        Ok(serde_json::Value::Object(fields)) => fields.keys().cloned().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = writer.write_record(&header);
    for row in &comparison.rows {
        let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(JsonProfile::from(row))
        else {
            continue;
        };
        let _ = writer.write_record(fields.values().map(csv_cell));
    }
    writer
        .into_inner()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

fn csv_cell(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Array(items) => items.iter().map(csv_cell).collect::<Vec<_>>().join(";"),
        other => other.to_string(),
    }
}

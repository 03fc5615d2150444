//! `model_ids` and `[calibration]`: what ties a model profile to the
//! team's measurements. Both are text that reaches the terminal (the
//! explorer, `report`, `calibrate`), so the text rules of `name` hold.

use std::collections::HashSet;

use chrono::NaiveDate;
use toml::Spanned;
use toml::value::Datetime;

use super::check::{Checker, Located, not_one_plain_line};
use crate::profile::calibration::{Calibration, measured_field, measured_names};
use crate::profile::raw::RawCalibration;
use crate::profile::read::is_hidden_control;
use crate::suggest::nearest;

/// The top-level `model_ids`: each a non-empty line of plain text, each
/// once. The ids that pass, in the file's order.
pub(super) fn validate_model_ids(
    check: &mut Checker,
    ids: Option<Spanned<Vec<Spanned<String>>>>,
) -> Vec<String> {
    let Some(ids) = ids else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut valid = Vec::new();
    for id in ids.into_inner() {
        let span = id.span();
        let text = id.into_inner();
        // A model id never holds a tab either: any control character.
        let problem = not_one_plain_line(&text, |c| c.is_control() || is_hidden_control(c))
            .map(|problem| format!("be {problem}"))
            .or_else(|| blank(&text).map(|found| format!("not be empty (found {found})")));
        if let Some(problem) = problem {
            check.problem(span, format!("`model_ids` entries must {problem}"));
        } else if !seen.insert(text.clone()) {
            check.problem(
                span,
                format!("`model_ids` must name each model once (found `{text}` again)"),
            );
        } else {
            valid.push(text);
        }
    }
    valid
}

/// `[calibration]`: `at`, `from` and `measured`, each required.
pub(super) fn validate_calibration(
    check: &mut Checker,
    calibration: Spanned<RawCalibration>,
) -> Option<Calibration> {
    let table = Located {
        name: "calibration",
        span: calibration.span(),
    };
    let raw = calibration.into_inner();
    let at = match raw.at {
        Some(at) => calibration_date(check, at),
        None => missing(check, &table, "at"),
    };
    let from = match raw.from {
        Some(from) => {
            let span = from.span();
            let problems = check.problems.len();
            let from = check.text("from", Some(from));
            let found = from.as_deref().and_then(blank);
            if let Some(found) = found.filter(|_| check.problems.len() == problems) {
                check.problem(
                    span,
                    format!("`from` must say where the figures came from (found {found})"),
                );
            }
            from
        }
        None => missing(check, &table, "from"),
    };
    let measured = match raw.measured {
        Some(measured) => measured_fields(check, measured.into_inner()),
        None => missing(check, &table, "measured"),
    };
    Some(Calibration {
        at: at?,
        from: from?,
        measured: measured?,
    })
}

/// What a text holds when it says nothing: `None` when it says something.
fn blank(text: &str) -> Option<&'static str> {
    if text.is_empty() {
        Some("an empty string")
    } else {
        text.trim().is_empty().then_some("only blanks")
    }
}

/// "missing field" at the table's header, unless decoding cut the key out
/// and already said what was wrong with it.
fn missing<T>(check: &mut Checker, table: &Located, key: &str) -> Option<T> {
    if !check.was_removed(Some(&table.span), key) {
        check.problem(
            table.span.clone(),
            format!("missing field `{key}` in [{}]", table.name),
        );
    }
    None
}

/// `at`: a day, as `2026-11-29`; a time of day or an offset says more
/// than the format holds.
fn calibration_date(check: &mut Checker, at: Spanned<Datetime>) -> Option<NaiveDate> {
    let span = at.span();
    let at = at.into_inner();
    let found = match (at.date, at.time) {
        (Some(date), None) => {
            let day = NaiveDate::from_ymd_opt(
                i32::from(date.year),
                u32::from(date.month),
                u32::from(date.day),
            );
            if day.is_some() {
                return day;
            }
            format!("{date}, which is not a day of the calendar")
        }
        (Some(_), Some(_)) => format!("a date and time, {at}"),
        (None, _) => format!("a time of day, {at}"),
    };
    check.problem(
        span,
        format!("`at` must be a TOML date such as 2026-11-29 (found {found})"),
    );
    None
}

/// `measured`: dotted names of `[usage]` and `[quality]` fields, each
/// once, every bad entry located at itself.
fn measured_fields(
    check: &mut Checker,
    names: Vec<Spanned<String>>,
) -> Option<Vec<crate::model::ProfileField>> {
    let mut fields = Vec::new();
    let mut all_good = true;
    for name in names {
        let span = name.span();
        let text = name.get_ref();
        let problem = match measured_field(text) {
            Some(field) if fields.contains(&field) => Some(format!(
                "`measured` must name each field once (found `{text}` again)"
            )),
            Some(field) => {
                fields.push(field);
                None
            }
            None => Some(unknown_measured(text)),
        };
        if let Some(problem) = problem {
            check.problem(span, problem);
            all_good = false;
        }
    }
    all_good.then_some(fields)
}

/// Why `text` is not a name `measured` may hold, never echoing what could
/// act on the terminal.
fn unknown_measured(text: &str) -> String {
    if let Some(problem) = not_one_plain_line(text, is_hidden_control) {
        return format!("`measured` entries must be {problem}");
    }
    if text
        .split_once('.')
        .is_some_and(|(table, _)| table == "prices")
    {
        return format!(
            "`measured` may name only [usage] and [quality] fields: prices are not measured \
             (found `{text}`)"
        );
    }
    let names = measured_names();
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    // A leaf key alone (`fanout`), or under the wrong table
    // (`quality.fanout`), is the field of that name.
    let leaf = text.rsplit('.').next().unwrap_or(text);
    let guess = nearest(text, &known).or_else(|| {
        known
            .iter()
            .find(|name| name.split_once('.').is_some_and(|(_, key)| key == leaf))
            .copied()
    });
    match guess {
        Some(guess) => {
            format!("unknown field `{text}` in `measured`; did you mean `{guess}`?")
        }
        None => format!(
            "unknown field `{text}` in `measured`; expected one of {}",
            known
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

//! TOML text to raw structs, collecting every problem rather than the first.
//!
//! serde stops at the first unknown key or wrong type. To report them all,
//! the offending entry is cut out of the parsed document and decoding runs
//! again, a bounded number of times.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use super::Problem;
use super::read::is_hidden_control;
use crate::suggest::nearest;

/// More retries than any honest file needs; a hostile one stops here.
const MAX_PROBLEMS: usize = 64;

/// Where a bad entry was cut out: the span of the table that held it
/// (`None` for the top level) and the key it stood for, so that
/// validation does not report it again as missing.
pub(super) type Removed = (Option<Range<usize>>, String);

/// Parses `text` and decodes it into `T`. Returns the value when decoding
/// succeeded (possibly after cutting out bad entries), every problem, and
/// the entries cut out.
pub(super) fn decode<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<Problem>, Vec<Removed>) {
    let (mut table, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        let mut problems: Vec<Problem> = syntax_errors
            .iter()
            .take(MAX_PROBLEMS)
            .map(|err| {
                let span = err.span();
                let message = describe_syntax(err.message(), text, span.as_ref());
                Problem::new(span, message)
            })
            .collect();
        // The parser can report one spot twice (`{ usd = }`): once is enough.
        problems.dedup();
        return (None, problems, Vec::new());
    }
    let mut problems = Vec::new();
    let mut removed = Vec::new();
    while problems.len() < MAX_PROBLEMS {
        match T::deserialize(Deserializer::from(table.clone())) {
            Ok(value) => return (Some(value), problems, removed),
            Err(err) => {
                let span = err.span();
                let (message, meant) = describe(err.message(), &table, span.as_ref());
                problems.push(Problem::new(span.clone(), message));
                let cut = span.and_then(|span| remove_entry(table.get_mut(), None, &span));
                let Some((parent, key)) = cut else {
                    return (None, problems, removed);
                };
                // A misspelt key stands for the known key it was meant to be.
                removed.push((parent.clone(), meant.unwrap_or(key)));
            }
        }
    }
    (None, problems, removed)
}

/// The TOML parser's message for a syntax error, in our words where its
/// own mislead: a value left out after `=` (`input = `, `input = # soon`)
/// reads "string values must be quoted, expected literal string". The
/// place stays the parser's: where the value belongs.
fn describe_syntax(message: &str, text: &str, span: Option<&Range<usize>>) -> String {
    let unquoted = message.starts_with("string values must be quoted");
    let empty_literal = message.starts_with("invalid literal string");
    if let Some(span) = span.filter(|_| unquoted || empty_literal) {
        if value_is_missing(text, span) {
            return "invalid TOML: a value is missing after `=`".to_string();
        }
        let bare = text.get(span.clone()).unwrap_or_default().trim();
        if unquoted && !bare.is_empty() {
            // A word where a value goes: `name = Sonnet`.
            // Never echoed when it could act on the terminal (escape
            // sequences, bidi overrides): the same rule as for values.
            let unsafe_to_show = bare.chars().any(is_hidden_control);
            return if unsafe_to_show || bare.contains(['"', '\\']) || bare.chars().count() > 60 {
                "invalid TOML: string values must be quoted".to_string()
            } else {
                format!("invalid TOML: string values must be quoted (write \"{bare}\")")
            };
        }
    }
    format!("invalid TOML: {message}")
}

/// Whether the parser stopped at an empty value right after `=`: nothing
/// but blanks between the `=` and the end of the line, a comment, or the
/// `,` or `}` closing an inline table's entry.
fn value_is_missing(text: &str, span: &Range<usize>) -> bool {
    if !span.is_empty() {
        return false;
    }
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.start..)) else {
        return false;
    };
    let rest = after.split('\n').next().unwrap_or_default().trim_start();
    let ends_the_value = rest.trim_end().is_empty() || rest.starts_with(['#', ',', '}']);
    ends_the_value && before.trim_end_matches([' ', '\t']).ends_with('=')
}

/// Rewrites serde's wording into ours, one kind of message at a time.
/// Also returns the key a misspelt one was meant to be.
fn describe(
    message: &str,
    table: &Spanned<DeTable>,
    span: Option<&Range<usize>>,
) -> (String, Option<String>) {
    let entry = || span.and_then(|span| entry_at(table.get_ref(), span));
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let entry = entry().map(|(key, value, _)| (key, value));
        return describe_unknown_key(rest, entry);
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        // An item of an array (`model_ids = ["a", 3]`), not the value.
        let in_array = entry().is_some_and(|(_, value, value_span)| {
            value.as_array().is_some() && span != Some(&value_span)
        });
        let entry = entry().map(|(key, value, _)| (key, value));
        return (describe_wrong_type(rest, entry, in_array), None);
    }
    (describe_overflow(message).to_string(), None)
}

/// An unknown key, called a table when it holds one: a "did you mean"
/// when a known key is close, else the list of known keys.
fn describe_unknown_key(rest: &str, entry: Option<(&str, &DeValue)>) -> (String, Option<String>) {
    let found = rest.split('`').next().unwrap_or_default();
    let known = expected_names(rest);
    let is_table = entry.is_some_and(|(_, value)| value.is_table() || is_array_of_tables(value));
    let what = if is_table { "table" } else { "field" };
    match nearest(found, &known) {
        Some(guess) => (
            format!("unknown {what} `{found}`; did you mean `{guess}`?"),
            Some(guess.to_string()),
        ),
        None => (
            format!(
                "unknown {what} `{found}`; expected one of {}",
                quoted_list(&known)
            ),
            None,
        ),
    }
}

/// A value of the wrong type, named by its key and said in TOML's words;
/// `in_array` when it is an item of the key's array.
fn describe_wrong_type(rest: &str, entry: Option<(&str, &DeValue)>, in_array: bool) -> String {
    let key = entry.map_or("value", |(key, _)| key);
    // serde reads `[[prices]]` as a struct laid out in a sequence and
    // complains about its first field; say what is really wrong.
    let array_of_tables = entry.is_some_and(|(_, value)| is_array_of_tables(value));
    if array_of_tables && !rest.ends_with("expected a sequence") {
        return format!("`{key}` must be one table [{key}] (found an array of tables [[{key}]])");
    }
    let (found, expected) = rest
        .split_once(", expected ")
        .unwrap_or((rest, "another type"));
    // The toml crate reads integers past i64 as i128 before serde sees
    // them; TOML itself allows only 64-bit integers.
    if let Some(integer) = found.strip_suffix(" as i128") {
        return format!(
            "`{key}` must be a number TOML can hold \
             (found {integer}, beyond TOML's 64-bit integers)"
        );
    }
    let wanted = match expected {
        // An item of an array of strings (`model_ids`, `measured`).
        "a string" if in_array => "an array of strings only",
        // `mix` is the one array of tables; the other arrays hold strings.
        "a sequence" if key != "mix" => "an array of strings",
        other => plain_type(other),
    };
    format!("`{key}` must be {wanted} (found {})", plain_found(found))
}

/// A number too large for TOML, said as TOML's limit; any other message
/// is kept as it is.
fn describe_overflow(message: &str) -> &str {
    match message {
        "integer number overflowed" => {
            "invalid TOML: integer out of range (TOML integers are 64-bit)"
        }
        "floating-point number overflowed" => "invalid TOML: number out of range (beyond ±1.8e308)",
        other => other,
    }
}

/// An array whose items are all tables: `[[key]]`. An empty array `[]`
/// is a plain value (`measured = []`), not a table.
fn is_array_of_tables(value: &DeValue) -> bool {
    value.as_array().is_some_and(|items| {
        !items.is_empty() && items.iter().all(|item| item.get_ref().is_table())
    })
}

/// The backticked names in "... expected one of `a`, `b`" / "`a` or `b`".
fn expected_names(rest: &str) -> Vec<&str> {
    rest.split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default()
}

fn quoted_list(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// serde's name for the type a key wants, in TOML's words.
fn plain_type(expected: &str) -> &str {
    match expected {
        "f64" => "a number",
        "a sequence" => "an array of tables",
        "a TOML datetime" | "a datetime" => "a TOML date",
        other if other.starts_with("struct ") => "a table",
        other => other,
    }
}

/// serde's name for the type it found, in TOML's words.
fn plain_found(found: &str) -> &str {
    match found {
        "map" => "a table",
        "sequence" => "an array",
        other => other,
    }
}

fn covers(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The innermost entry whose key or value holds `span`, with its key and
/// its value's span. Every nested table is searched: a `[table]`'s own
/// span is its header, which does not hold the entries below it.
fn entry_at<'t, 'i>(
    table: &'t DeTable<'i>,
    span: &Range<usize>,
) -> Option<(&'t str, &'t DeValue<'i>, Range<usize>)> {
    table
        .iter()
        .find_map(|(_, value)| {
            nested_tables(value.get_ref()).find_map(|inner| entry_at(inner, span))
        })
        .or_else(|| {
            table
                .iter()
                .find(|(key, value)| covers(&key.span(), span) || covers(&value.span(), span))
                .map(|(key, value)| (key.get_ref().as_ref(), value.get_ref(), value.span()))
        })
}

/// A table value itself, or each table in an array of tables.
fn nested_tables<'t, 'i>(value: &'t DeValue<'i>) -> Box<dyn Iterator<Item = &'t DeTable<'i>> + 't> {
    match value {
        DeValue::Table(table) => Box::new(std::iter::once(table)),
        DeValue::Array(items) => {
            Box::new(items.iter().filter_map(|item| item.get_ref().as_table()))
        }
        _ => Box::new(std::iter::empty()),
    }
}

/// Cuts out the innermost entry holding `span`, searching every nested
/// table (see [`entry_at`]); returns the span of the table that held it
/// (`table_span`, `None` for the top level) and its key.
fn remove_entry(
    table: &mut DeTable,
    table_span: Option<Range<usize>>,
    span: &Range<usize>,
) -> Option<Removed> {
    for (_, value) in table.iter_mut() {
        let value_span = value.span();
        let removed = match value.get_mut() {
            DeValue::Table(inner) => remove_entry(inner, Some(value_span), span),
            DeValue::Array(items) => items.iter_mut().find_map(|item| {
                let item_span = item.span();
                match item.get_mut() {
                    DeValue::Table(inner) => remove_entry(inner, Some(item_span), span),
                    _ => None,
                }
            }),
            _ => None,
        };
        if removed.is_some() {
            return removed;
        }
    }
    let key = table
        .iter()
        .find(|(key, value)| covers(&key.span(), span) || covers(&value.span(), span))
        .map(|(key, _)| key.clone())?;
    table.remove(&key)?;
    Some((table_span, key.get_ref().to_string()))
}

//! Writing a profile's what-ifs (the explorer's slider values) back into
//! its TOML file, for the `s` key.
//!
//! Profile files are hand-written and commented (`# ASSUMPTION: ...`), so
//! the edit goes through `toml_edit`, which keeps comments, key order and
//! layout; only the numbers that changed are re-rendered. The file on disk
//! is replaced atomically, so a crash or a failed write never leaves a
//! half-written profile behind.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use toml_edit::{DocumentMut, InlineTable, Item, Key, Table, Value};

/// One value to write: `[table]` (a dotted path such as "quality" or
/// "prices.long_prompt"; "" for the top level) and its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub table: String,
    pub key: String,
    pub value: f64,
}

/// Writes `edits` into the TOML file at `path`, keeping its comments, key
/// order and layout.
///
/// Atomic ([`crate::atomic::write_atomically`]): on any failure the
/// original file is untouched and the error says what failed and names
/// the file.
pub fn write_back(path: &Path, edits: &[Edit]) -> Result<()> {
    // Resolve symlinks so that a linked profile is updated in place rather
    // than the link being replaced by a plain file.
    let target = fs::canonicalize(path)
        .with_context(|| format!("cannot find profile file {}", path.display()))?;
    let shown = target.display();
    let text = fs::read_to_string(&target).with_context(|| format!("cannot read {shown}"))?;
    let new_text = apply_edits(&text, edits).with_context(|| format!("cannot edit {shown}"))?;

    crate::atomic::write_atomically(&target, new_text.as_bytes())
}

/// The new text, without touching the disk (so the UI and tests can preview
/// it). Fails on text that is not TOML (the message has line and column),
/// on a non-finite value, and on a path that runs into something that is not
/// a table or a key that holds something other than a number.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String> {
    let mut doc: DocumentMut = text.parse().context("not valid TOML")?;
    for edit in edits {
        apply_one(&mut doc, edit)
            .with_context(|| format!("cannot set {} = {}", full_name(edit), edit.value))?;
    }
    Ok(doc.to_string())
}

fn full_name(edit: &Edit) -> String {
    if edit.table.is_empty() {
        edit.key.clone()
    } else {
        format!("{}.{}", edit.table, edit.key)
    }
}

fn apply_one(doc: &mut DocumentMut, edit: &Edit) -> Result<()> {
    if !edit.value.is_finite() {
        bail!("the value is not a finite number");
    }
    let table = find_or_create_table(doc, &edit.table)?;
    match table.get_mut(&edit.key) {
        Some(Item::Value(old)) => replace_number(old, edit.value),
        Some(other) if !other.is_none() => {
            bail!("`{}` holds a {}, not a number", edit.key, other.type_name())
        }
        _ => {
            table.insert(&edit.key, Item::Value(number(edit.value, true)));
            Ok(())
        }
    }
}

/// Walks the dotted `path` from the top level, creating missing tables: a
/// normal `[a.b]` header, with any missing parents left implicit so that no
/// empty `[a]` header appears.
fn find_or_create_table<'a>(
    doc: &'a mut DocumentMut,
    path: &str,
) -> Result<&'a mut dyn toml_edit::TableLike> {
    let parts = if path.is_empty() {
        Vec::new()
    } else {
        Key::parse(path).with_context(|| format!("`{path}` is not a table name"))?
    };
    let mut item = doc.as_item_mut();
    for (index, part) in parts.iter().enumerate() {
        let in_inline = item.is_inline_table();
        let table = item
            .as_table_like_mut()
            .ok_or_else(|| anyhow!("`{path}` runs into a value that is not a table"))?;
        item = table.entry(part.get()).or_insert_with(|| {
            if in_inline {
                Item::Value(Value::InlineTable(InlineTable::new()))
            } else {
                let mut table = Table::new();
                table.set_implicit(index + 1 < parts.len());
                Item::Table(table)
            }
        });
    }
    let kind = item.type_name();
    item.as_table_like_mut()
        .ok_or_else(|| anyhow!("`{path}` is a {kind}, not a table"))
}

/// Replaces a number in place. An unchanged value is left byte-identical
/// (`78_000` stays `78_000`); otherwise the prefix is kept, and a trailing
/// comment keeps its column when the new number is shorter or there is
/// room, and at least one space before it otherwise.
fn replace_number(old: &mut Value, new: f64) -> Result<()> {
    let (old_number, was_integer) = match old {
        Value::Integer(int) => (*int.value() as f64, true),
        Value::Float(float) => (*float.value(), false),
        other => bail!("holds a {}, not a number", other.type_name()),
    };
    if old_number == new {
        return Ok(());
    }
    let decor = old.decor().clone();
    let old_len = old.clone().decorated("", "").to_string().len();
    let mut value = number(new, was_integer);
    let new_len = value.to_string().len();
    let suffix = decor.suffix().and_then(|raw| raw.as_str()).unwrap_or("");
    let comment = suffix.trim_start_matches([' ', '\t']);
    let suffix = if comment.starts_with('#') {
        let gap = (old_len + suffix.len() - comment.len()).saturating_sub(new_len);
        format!("{}{comment}", " ".repeat(gap.max(1)))
    } else {
        suffix.to_owned()
    };
    let prefix = decor.prefix().and_then(|raw| raw.as_str()).unwrap_or(" ");
    value.decor_mut().set_prefix(prefix);
    value.decor_mut().set_suffix(suffix);
    *old = value;
    Ok(())
}

/// A TOML number for `value`: an integer when integers are allowed and the
/// value is whole and fits in an i64 (token counts stay `80000`, not
/// `80000.0`), a float otherwise.
fn number(value: f64, integer_allowed: bool) -> Value {
    // i64::MAX as f64 is 2^63, just past the range, hence `<`.
    let fits = value >= i64::MIN as f64 && value < i64::MAX as f64;
    if integer_allowed && value.fract() == 0.0 && fits {
        Value::from(value as i64)
    } else {
        Value::from(value)
    }
}

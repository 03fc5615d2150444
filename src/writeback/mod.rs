//! Writing what-ifs (the explorer's slider values) back into the files,
//! for the `s` and `S` keys: a profile's fields, a mix's shares, the
//! scenario's settings.
//!
//! Profile files are hand-written and commented (`# ASSUMPTION: ...`), so
//! the edit goes through `toml_edit`, which keeps comments, key order and
//! layout; only the numbers that changed are re-rendered. The file on disk
//! is replaced atomically, so a crash or a failed write never leaves a
//! half-written profile behind. A file that has errors now is not written
//! at all ([`save_change`]): its last good values are what the explorer
//! shows, and writing the what-ifs into the broken text would lose them.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Key, Table, Value};

mod calibration;

pub use calibration::{CalibrationRecord, apply_calibration};

use crate::model::MixPart;
use crate::profile::{Diagnostic, file_name_of, parse_profile, parse_scenario};

/// One value to write: `[table]` (a dotted path such as "quality" or
/// "prices.long_prompt"; "" for the top level) and its key.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub table: String,
    pub key: String,
    pub value: f64,
}

/// What one file gets: values by table and key (a model profile, the
/// scenario), or a mix's shares.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Values(Vec<Edit>),
    /// Every part of the mix, in file order, with its new share.
    Shares(Vec<MixPart>),
    /// Measured figures from `costlens calibrate --write`, and the
    /// `[calibration]` table saying where they came from.
    Calibrated {
        edits: Vec<Edit>,
        record: CalibrationRecord,
    },
}

impl Change {
    /// The new text, without touching the disk.
    pub fn apply(&self, text: &str) -> Result<String> {
        match self {
            Change::Values(edits) => {
                let mut doc = edited(text, edits)?;
                let names: Vec<String> = edits.iter().map(full_name).collect();
                calibration::unmark_measured(&mut doc, &names);
                Ok(doc.to_string())
            }
            Change::Shares(parts) => apply_share_edits(text, parts),
            Change::Calibrated { edits, record } => {
                let mut doc = edited(text, edits)?;
                for edit in edits {
                    calibration::retire_assumption(&mut doc, &edit.table, &edit.key);
                }
                calibration::set_record(&mut doc, record)?;
                Ok(doc.to_string())
            }
        }
    }
}

/// Which kind of file is written, for checking its text before and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A model profile or a routing mix: must exist.
    Profile,
    /// `scenario.toml`: created when missing (every field is optional).
    Scenario,
}

/// Writes `change` into the TOML file at `path`, keeping its comments, key
/// order and layout; the one way `s` and `S` write.
///
/// Atomic ([`crate::atomic::write_atomically`]): on any failure the
/// original file is untouched and the error says what failed and names
/// the file. Only into a file that is sound: when its text has errors now,
/// nothing is written and the error names the file and its first located
/// problem (`strong.toml has errors; first: strong.toml:8:19: …`); the
/// new text is checked the same way before it replaces the old. A
/// missing `scenario.toml` is created.
pub fn save_change(path: &Path, kind: FileKind, change: &Change) -> Result<()> {
    let name = file_name_of(path);
    let (target, text) = match (kind, fs::symlink_metadata(path)) {
        (FileKind::Scenario, Err(err)) if err.kind() == ErrorKind::NotFound => {
            (path.to_path_buf(), String::new())
        }
        _ => {
            let target = existing_target(path)?;
            let text = fs::read_to_string(&target)
                .with_context(|| format!("cannot read {}", target.display()))?;
            (target, text)
        }
    };
    if let Some(problem) = first_problem(kind, &name, &text) {
        bail!("{name} has errors; first: {problem}");
    }
    let new_text = change
        .apply(&text)
        .with_context(|| format!("cannot edit {}", target.display()))?;
    if let Some(problem) = first_problem(kind, &name, &new_text) {
        bail!("the what-ifs would leave {name} with errors; first: {problem}");
    }
    crate::atomic::write_atomically(&target, new_text.as_bytes())
}

/// The file behind `path`, symlinks resolved, so that a linked profile is
/// updated in place rather than the link being replaced by a plain file.
fn existing_target(path: &Path) -> Result<std::path::PathBuf> {
    fs::canonicalize(path).with_context(|| format!("cannot find profile file {}", path.display()))
}

/// The first problem of a file's text, located ones first, as the loader
/// reports it; `None` when the file is sound on its own.
fn first_problem(kind: FileKind, name: &str, text: &str) -> Option<Diagnostic> {
    let problems = match kind {
        FileKind::Profile => parse_profile(name, text).err()?,
        FileKind::Scenario => parse_scenario(name, text).err()?,
    };
    let located = problems.iter().find(|problem| problem.location.is_some());
    located.or(problems.first()).cloned()
}

/// The new text with each `[[mix]]` part's `share` set from `parts`,
/// comments and layout kept. Fails when the file's parts are not the
/// same profiles in the same order (the file changed since), so a share
/// never lands on the wrong part.
pub fn apply_share_edits(text: &str, parts: &[MixPart]) -> Result<String> {
    let mut doc: DocumentMut = text.parse().context("not valid TOML")?;
    let mix = doc
        .get_mut("mix")
        .ok_or_else(|| anyhow!("the file has no [[mix]] parts"))?;
    let mut tables: Vec<&mut dyn toml_edit::TableLike> = match mix {
        Item::ArrayOfTables(array) => array_tables(array),
        Item::Value(Value::Array(array)) => array
            .iter_mut()
            .map(|value| {
                let kind = value.type_name();
                value
                    .as_inline_table_mut()
                    .map(|table| table as &mut dyn toml_edit::TableLike)
                    .ok_or_else(|| anyhow!("`mix` holds a {kind}, not a table"))
            })
            .collect::<Result<_>>()?,
        other => bail!("`mix` is a {}, not an array of tables", other.type_name()),
    };
    if tables.len() != parts.len() {
        bail!(
            "the mix has {} parts in the file and {} in the what-if: it changed since",
            tables.len(),
            parts.len()
        );
    }
    for (at, (table, part)) in tables.iter_mut().zip(parts).enumerate() {
        let named = table.get("profile").and_then(Item::as_str);
        if named != Some(part.profile_id.as_str()) {
            bail!(
                "[[mix]] part {} names {}, not `{}`: the mix changed since",
                at + 1,
                named.map_or("no profile".to_string(), |id| format!("`{id}`")),
                part.profile_id
            );
        }
        let edit = Edit {
            table: String::new(),
            key: "share".to_string(),
            value: readable_share(part.share),
        };
        set_number(*table, &edit)
            .with_context(|| format!("cannot set the share of `{}`", part.profile_id))?;
    }
    Ok(doc.to_string())
}

/// A rescaled share as a person would write it: `0.24`, not the
/// `0.24000000000000002` the arithmetic left. Ten decimals keep a split
/// in thirds exact to the file format's tolerance (the shares of a mix of
/// up to 20 parts still add up to 1 within 1e-9).
fn readable_share(share: f64) -> f64 {
    (share * 1e10).round() / 1e10
}

fn array_tables(array: &mut ArrayOfTables) -> Vec<&mut dyn toml_edit::TableLike> {
    array
        .iter_mut()
        .map(|table| table as &mut dyn toml_edit::TableLike)
        .collect()
}

/// The new text, without touching the disk (so the UI and tests can preview
/// it). Fails on text that is not TOML (the message has line and column),
/// on a non-finite value, and on a path that runs into something that is not
/// a table or a key that holds something other than a number.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Result<String> {
    Ok(edited(text, edits)?.to_string())
}

/// The document of `text` with `edits` made, for the changes that go on
/// editing it.
fn edited(text: &str, edits: &[Edit]) -> Result<DocumentMut> {
    let mut doc: DocumentMut = text.parse().context("not valid TOML")?;
    for edit in edits {
        apply_one(&mut doc, edit)
            .with_context(|| format!("cannot set {} = {}", full_name(edit), edit.value))?;
    }
    Ok(doc)
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
    set_number(table, edit)
}

/// Sets `edit.key` in `table` to `edit.value`, in place when it is there.
fn set_number(table: &mut dyn toml_edit::TableLike, edit: &Edit) -> Result<()> {
    if !edit.value.is_finite() {
        bail!("the value is not a finite number");
    }
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

//! `e`: the comparison as it stands on screen — what-ifs included — as a
//! markdown file for the meeting's notes. Each export gets a file of its
//! own, named by the time (`costlens-export-2026-11-29-1530.md`), so the
//! last meeting's notes are never overwritten.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::App;
use crate::atomic::write_atomically;
use crate::model::{MixPart, ProfileDef};
use crate::report::{self, Format, money};

/// Where exports go unless told otherwise: the folder costlens was started
/// in, like any command-line tool's output.
const DEFAULT_EXPORT_DIR: &str = ".";

/// Where `e` writes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExportTarget {
    /// A new file in this folder per export, named by the local time.
    Timed(PathBuf),
    /// Always this file, replaced whole (tests, and the kill -9 proof).
    Fixed(PathBuf),
}

impl Default for ExportTarget {
    fn default() -> Self {
        ExportTarget::Timed(PathBuf::from(DEFAULT_EXPORT_DIR))
    }
}

impl App {
    /// Sets one file `e` always replaces (tests point it into a temp
    /// folder).
    pub fn with_export_path(mut self, path: PathBuf) -> App {
        self.export_target = ExportTarget::Fixed(path);
        self
    }

    /// Sets the folder in which `e` writes a new file per export.
    pub fn with_export_dir(mut self, dir: PathBuf) -> App {
        self.export_target = ExportTarget::Timed(dir);
        self
    }

    /// Writes the export atomically: a crash or kill mid-write leaves no
    /// half file. The footer gives the full path.
    pub(super) fn export(&mut self) {
        let text = self.export_text();
        let path = match &self.export_target {
            ExportTarget::Fixed(path) => path.clone(),
            ExportTarget::Timed(dir) => free_export_path(dir, &local_stamp()),
        };
        let shown = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
        match write_atomically(&path, text.as_bytes()) {
            Ok(()) => self.say(format!("exported the comparison to {}", shown.display())),
            Err(err) => self.fail(format!("not exported: {err:#}")),
        }
    }

    /// The markdown report of the current figures, the scenario inputs the
    /// weekly figures and payback depend on, then every what-if beside the
    /// value in its file, so the notes say what was assumed.
    pub fn export_text(&self) -> String {
        // The report names the what-ifs in force, as `report --set` does.
        let mut comparison = self.comparison.clone();
        comparison.what_ifs = self.what_if_keys();
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = report::write(&comparison, Format::Markdown, &mut out);
        let mut text = String::from_utf8_lossy(&out).into_owned();
        let _ = writeln!(text, "\nProfiles: {}", self.source_label());
        text.push_str(&self.scenario_inputs());
        if self.overrides.is_empty() {
            text.push_str("\nNo what-ifs: every figure is as the files have it.\n");
            return text;
        }
        text.push_str("\nWhat-ifs (not in the files):\n\n");
        for (field, value) in self.overrides.scenario_entries() {
            let file = field.get(self.folder.scenario());
            let file = file.map_or_else(|| "unset".to_string(), |v| v.to_string());
            let _ = writeln!(text, "- scenario: {} = {value} (file: {file})", field.key());
        }
        for (id, field, value) in self.overrides.profile_entries() {
            let file = self.file_model(id).map(|model| field.get(model));
            let file = file.map_or_else(|| "gone".to_string(), |v| v.to_string());
            let _ = writeln!(
                text,
                "- {id}: {}.{} = {value} (file: {file})",
                field.table(),
                field.key()
            );
        }
        for (id, parts) in self.overrides.mix_entries() {
            let file = match self.file_catalog.get(id) {
                Some(ProfileDef::Mix(file_parts)) => shares(file_parts),
                _ => "gone".to_string(),
            };
            let _ = writeln!(text, "- {id}: shares {} (file: {file})", shares(parts));
        }
        text
    }

    /// Every what-if as `--set` would name it: `engineer_rate`,
    /// `fable-5.1.first_pass_rate`.
    fn what_if_keys(&self) -> Vec<(String, f64)> {
        let scenario = self
            .overrides
            .scenario_entries()
            .map(|(field, value)| (field.key().to_string(), value));
        let profiles = self
            .overrides
            .profile_entries()
            .map(|(id, field, value)| (format!("{id}.{}", field.key()), value));
        let mixes = self.overrides.mix_entries().flat_map(|(id, parts)| {
            parts
                .iter()
                .map(move |part| (format!("{id}.{}.share", part.profile_id), part.share))
        });
        scenario.chain(profiles).chain(mixes).collect()
    }

    /// The fixed costs the weekly net saving and payback depend on, which
    /// the table's heading does not show (what-ifs applied).
    fn scenario_inputs(&self) -> String {
        let s = &self.scenario;
        format!(
            "\nFixed costs (weekly net saving and payback use them):\n\n\
             - platform: {} per month\n- setup: {} once\n",
            money(s.platform_cost_per_month),
            money(s.setup_cost)
        )
    }
}

/// `haiku-5.5 0.7, opus-5.5 0.3`.
fn shares(parts: &[MixPart]) -> String {
    let each: Vec<String> = parts
        .iter()
        .map(|part| format!("{} {}", part.profile_id, part.share))
        .collect();
    each.join(", ")
}

/// The local time as an export's name has it: `2026-11-29-1530`.
fn local_stamp() -> String {
    chrono::Local::now().format("%Y-%m-%d-%H%M").to_string()
}

/// `costlens-export-<stamp>.md` in `dir`, or with `-2`, `-3` … when a file
/// of that name is already there (two exports in one minute).
pub(crate) fn free_export_path(dir: &Path, stamp: &str) -> PathBuf {
    let first = dir.join(format!("costlens-export-{stamp}.md"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("costlens-export-{stamp}-{n}.md")))
        .find(|path| !path.exists())
        .unwrap_or(first)
}

//! `e`: the comparison as it stands on screen — what-ifs included — and
//! the selected profile's levers, flips and payback (`analysis.rs`), as a
//! markdown file for the meeting's notes. Each export gets a file of its
//! own, named by the time (`costlens-export-2026-11-29-1530.md`), so the
//! last meeting's notes are never overwritten.

mod analysis;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::App;
use crate::atomic::{is_already_there, write_atomically, write_new_atomically};
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
    /// Always this file, replaced whole (for tests that need one name).
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
        let written = match &self.export_target {
            ExportTarget::Fixed(path) => {
                write_atomically(path, text.as_bytes()).map(|()| path.clone())
            }
            ExportTarget::Timed(dir) => write_timed(dir, &local_stamp(), text.as_bytes()),
        };
        match written {
            Ok(path) => {
                let shown = std::path::absolute(&path).unwrap_or(path);
                self.say(format!("exported the comparison to {}", shown.display()));
            }
            Err(err) => self.fail(format!("not exported: {err:#}")),
        }
    }

    /// The markdown report of the current figures, the scenario inputs the
    /// weekly figures and payback depend on, every what-if beside the
    /// value in its file, so the notes say what was assumed; then the
    /// selected profile's levers, flips and payback.
    pub fn export_text(&self) -> String {
        let mut text = self.comparison_text();
        text.push_str(&self.analysis_section());
        text
    }

    /// The comparison and what it assumed: the export's first half.
    fn comparison_text(&self) -> String {
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

/// Writes `bytes` as `costlens-export-<stamp>.md` in `dir`, or with `-2`,
/// `-3` … when that name is taken (two exports in one minute, or another
/// costlens exporting beside this one): never over an earlier export.
pub(crate) fn write_timed(dir: &Path, stamp: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    /// More exports than this within one minute is something else going
    /// wrong; stop rather than loop.
    const MAX_PER_MINUTE: usize = 1000;
    let names = std::iter::once(format!("costlens-export-{stamp}.md"))
        .chain((2..=MAX_PER_MINUTE).map(|n| format!("costlens-export-{stamp}-{n}.md")));
    for name in names {
        let path = dir.join(name);
        match write_new_atomically(&path, bytes) {
            Ok(()) => return Ok(path),
            Err(err) if is_already_there(&err) => continue,
            Err(err) => return Err(err),
        }
    }
    anyhow::bail!(
        "{MAX_PER_MINUTE} exports already this minute in {}",
        dir.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timed_export_never_overwrites_one_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("costlens-export-2026-11-29-1530.md");
        std::fs::write(&first, "earlier notes").unwrap();
        let path = write_timed(dir.path(), "2026-11-29-1530", b"new").unwrap();
        assert_eq!(
            path,
            dir.path().join("costlens-export-2026-11-29-1530-2.md")
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "earlier notes");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let third = write_timed(dir.path(), "2026-11-29-1530", b"newer").unwrap();
        assert_eq!(
            third,
            dir.path().join("costlens-export-2026-11-29-1530-3.md")
        );
        // Nothing else: no temp file left behind by the refused renames.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }
}

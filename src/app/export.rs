//! `e`: the comparison as it stands on screen — what-ifs included — as a
//! markdown file for the meeting's notes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::App;
use crate::atomic::write_atomically;
use crate::report::{self, Format};

/// Where `e` writes unless told otherwise: the folder costlens was started
/// in, like any command-line tool's output.
pub(crate) const DEFAULT_EXPORT_FILE: &str = "costlens-export.md";

impl App {
    /// Sets where `e` writes (tests point it into a temp folder).
    pub fn with_export_path(mut self, path: PathBuf) -> App {
        self.export_path = path;
        self
    }

    pub fn export_path(&self) -> &Path {
        &self.export_path
    }

    /// Writes the export atomically: a crash or kill mid-write leaves the
    /// previous export whole.
    pub(super) fn export(&mut self) {
        let text = self.export_text();
        let path = self.export_path.clone();
        match write_atomically(&path, text.as_bytes()) {
            Ok(()) => self.say(format!("exported the comparison to {}", path.display())),
            Err(err) => self.fail(format!("not exported: {err:#}")),
        }
    }

    /// The markdown report of the current figures, then every what-if
    /// beside the value in its file, so the notes say what was assumed.
    pub fn export_text(&self) -> String {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = report::write(&self.comparison, Format::Markdown, &mut out);
        let mut text = String::from_utf8_lossy(&out).into_owned();
        let _ = writeln!(text, "\nProfiles: {}", self.source_label());
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
        text
    }
}

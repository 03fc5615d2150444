//! `s` and `S`: what-ifs written into their files (the selected profile's
//! and the scenario's, or every one on screen), then the folder read back
//! (`app/reload.rs`). A file that has errors now is not written: its
//! what-ifs stay on screen until it is fixed.

use std::path::{Path, PathBuf};

use super::{App, Source};
use crate::model::{ProfileField, ScenarioField};
use crate::profile::{ProfileKind, SCENARIO_FILE, file_name_of};
use crate::report::plural;
use crate::writeback::{Change, Edit, FileKind, save_change};

/// A long list of files in the footer names this many, then "… and N more".
const FILES_NAMED: usize = 3;

/// One file a save writes.
struct Plan {
    path: PathBuf,
    /// The file's name, for the footer.
    name: String,
    kind: FileKind,
    change: Change,
    /// The what-ifs it carries, cleared once it is written.
    what_ifs: Saved,
}

/// Which what-ifs a plan writes.
enum Saved {
    Profile(String, Vec<ProfileField>),
    Mix(String),
    Scenario(Vec<ScenarioField>),
}

impl Saved {
    fn count(&self) -> usize {
        match self {
            Saved::Profile(_, fields) => fields.len(),
            Saved::Mix(_) => 1,
            Saved::Scenario(fields) => fields.len(),
        }
    }
}

impl App {
    /// `s`: the selected profile's what-ifs and the scenario's.
    pub(super) fn save(&mut self) {
        let Some(dir) = self.folder_to_write() else {
            return;
        };
        let Some(id) = self.selected_id() else {
            return;
        };
        let plans: Vec<Plan> = self
            .profile_plan(&id)
            .into_iter()
            .chain(self.scenario_plan(&dir))
            .collect();
        if plans.is_empty() {
            let name = self.selected_name();
            self.say(format!(
                "nothing to save: no what-ifs on {name} or the scenario"
            ));
            return;
        }
        self.write_plans(&dir, plans);
    }

    /// `S`: every what-if on screen, every profile's and the scenario's.
    pub(super) fn save_all(&mut self) {
        let Some(dir) = self.folder_to_write() else {
            return;
        };
        // In the folder's order (file names), the scenario last.
        let ids: Vec<String> = self
            .folder
            .profiles()
            .iter()
            .map(|profile| profile.id.clone())
            .collect();
        let plans: Vec<Plan> = ids
            .iter()
            .filter_map(|id| self.profile_plan(id))
            .chain(self.scenario_plan(&dir))
            .collect();
        let gone = self.not_in_folder();
        if plans.is_empty() {
            let words = gone.unwrap_or_else(|| "nothing to save: no what-ifs".to_string());
            self.say(words);
            return;
        }
        self.write_plans(&dir, plans);
        // What-ifs on removed files are named even beside a save: the
        // header still counts them.
        if let (Some(gone), Some(status)) = (gone, self.status.as_mut()) {
            status.text = format!("{}; {gone}", status.text);
        }
    }

    /// What-ifs `S` cannot write: on profiles whose files are no longer in
    /// the folder (kept, waiting); `None` when there are none.
    fn not_in_folder(&self) -> Option<String> {
        let gone: Vec<(&str, usize)> = self
            .overrides
            .profile_ids()
            .into_iter()
            .filter(|id| self.folder.profile(id).is_none())
            .map(|id| (id, self.overrides.count_for(id)))
            .collect();
        if gone.is_empty() {
            return None;
        }
        let kept: usize = gone.iter().map(|(_, count)| count).sum();
        let kept = match kept {
            1 => "1 what-if kept".to_string(),
            n => format!("{n} what-ifs kept"),
        };
        let mut files: Vec<String> = gone
            .iter()
            .take(FILES_NAMED)
            .map(|(id, _)| format!("{id}.toml"))
            .collect();
        if gone.len() > FILES_NAMED {
            files.push(format!("… and {} more", gone.len() - FILES_NAMED));
        }
        let (files, verb) = match gone.len() {
            1 => (files.join(", "), "is"),
            _ => (files.join(", "), "are"),
        };
        Some(format!(
            "not saved: {files} {verb} no longer in the folder ({kept})"
        ))
    }

    /// The folder a save writes into; built-in profiles have none.
    fn folder_to_write(&mut self) -> Option<PathBuf> {
        match &self.source {
            Source::Folder(dir) => Some(dir.clone()),
            Source::BuiltIn => {
                self.fail("built-in profiles have no file: `costlens init` writes them out, then open that folder".to_string());
                None
            }
        }
    }

    /// Profile `id`'s what-ifs as a write into its file: a model's fields
    /// or a mix's shares; `None` when it has none or no file.
    fn profile_plan(&self, id: &str) -> Option<Plan> {
        let profile = self.folder.profile(id)?;
        let path = PathBuf::from(&profile.path);
        let (change, what_ifs) = match profile.kind() {
            ProfileKind::Model => {
                let edits = self.overrides.profile_edits(id);
                if edits.is_empty() {
                    return None;
                }
                let fields = edits.iter().map(|(field, _)| *field).collect();
                let edits = edits
                    .into_iter()
                    .map(|(field, value)| Edit {
                        table: field.table().to_string(),
                        key: field.key().to_string(),
                        value,
                    })
                    .collect();
                (
                    Change::Values(edits),
                    Saved::Profile(id.to_string(), fields),
                )
            }
            ProfileKind::Mix => {
                let parts = self.overrides.mix(id)?.to_vec();
                (Change::Shares(parts), Saved::Mix(id.to_string()))
            }
        };
        Some(Plan {
            name: file_name_of(&path),
            path,
            kind: FileKind::Profile,
            change,
            what_ifs,
        })
    }

    /// The scenario's what-ifs as top-level keys of `scenario.toml`.
    fn scenario_plan(&self, dir: &Path) -> Option<Plan> {
        let entries: Vec<(ScenarioField, f64)> = self.overrides.scenario_entries().collect();
        if entries.is_empty() {
            return None;
        }
        let edits = entries
            .iter()
            .map(|(field, value)| Edit {
                table: String::new(),
                key: field.key().to_string(),
                value: *value,
            })
            .collect();
        Some(Plan {
            path: dir.join(SCENARIO_FILE),
            name: SCENARIO_FILE.to_string(),
            kind: FileKind::Scenario,
            change: Change::Values(edits),
            what_ifs: Saved::Scenario(entries.into_iter().map(|(field, _)| field).collect()),
        })
    }

    /// Writes each plan on its own (one broken file does not stop the
    /// others), clears what was written, rereads the folder, and says
    /// which files were written and which were not, and why.
    fn write_plans(&mut self, dir: &Path, plans: Vec<Plan>) {
        let mut saved = 0;
        let mut files = Vec::new();
        let mut problems = Vec::new();
        for plan in plans {
            match save_change(&plan.path, plan.kind, &plan.change) {
                Ok(()) => {
                    saved += plan.what_ifs.count();
                    files.push(plan.name);
                    self.clear_saved(&plan.what_ifs);
                }
                Err(err) => problems.push(format!("not saved: {err:#}")),
            }
        }
        let mut failed = !problems.is_empty();
        let mut parts = Vec::new();
        if !files.is_empty() {
            let mut text = format!(
                "saved {} to {}",
                plural(saved as u64, "what-if"),
                files_text(&files)
            );
            if let Err(err) = self.reread(dir) {
                text.push_str(&format!(", but cannot reread {}: {err}", dir.display()));
                failed = true;
            }
            parts.push(text);
        }
        parts.extend(problems);
        let text = parts.join("; ");
        if failed {
            self.fail(text);
        } else {
            self.say(text);
        }
    }

    fn clear_saved(&mut self, saved: &Saved) {
        match saved {
            Saved::Profile(id, fields) => {
                for field in fields {
                    self.overrides.clear_profile(id, *field);
                }
            }
            Saved::Mix(id) => self.overrides.clear_mix(id),
            Saved::Scenario(fields) => {
                for field in fields {
                    self.overrides.clear_scenario(*field);
                }
            }
        }
    }
}

/// `a.toml, scenario.toml`; past three files `8 files: a.toml, b.toml, …
/// and 6 more`, so the footer stays readable.
fn files_text(files: &[String]) -> String {
    if files.len() <= FILES_NAMED {
        return files.join(", ");
    }
    let named = FILES_NAMED - 1;
    format!(
        "{} files: {}, … and {} more",
        files.len(),
        files[..named].join(", "),
        files.len() - named
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_of_files_are_shortened() {
        let names = |n: usize| -> Vec<String> { (0..n).map(|i| format!("{i}.toml")).collect() };
        assert_eq!(files_text(&names(1)), "0.toml");
        assert_eq!(files_text(&names(3)), "0.toml, 1.toml, 2.toml");
        assert_eq!(
            files_text(&names(8)),
            "8 files: 0.toml, 1.toml, … and 6 more"
        );
    }
}

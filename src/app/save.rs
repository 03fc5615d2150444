//! The files: `s` writes the selected profile's what-ifs into its file;
//! reloads, asked for or brought by the watcher, read them back.

use std::path::{Path, PathBuf};

use super::{App, Source};

use crate::profile::Folder;
use crate::writeback::{Edit, write_back};

impl App {
    /// Writes the selected profile's what-ifs into its file, atomically;
    /// on failure the file is untouched and the error is shown.
    pub(super) fn save(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let id = row.id.clone();
        let Source::Folder(dir) = self.source.clone() else {
            self.fail("built-in profiles have no file: `costlens init` writes them out, then open that folder".to_string());
            return;
        };
        let edits: Vec<Edit> = self
            .overrides
            .profile_edits(&id)
            .into_iter()
            .map(|(field, value)| Edit {
                table: field.table().to_string(),
                key: field.key().to_string(),
                value,
            })
            .collect();
        let Some(path) = self
            .folder
            .profile(&id)
            .map(|profile| PathBuf::from(&profile.path))
        else {
            return;
        };
        if edits.is_empty() {
            self.say(format!("nothing to save: no what-ifs on {id}"));
            return;
        }
        if let Err(err) = write_back(&path, &edits) {
            self.fail(format!("not saved: {err:#}"));
            return;
        }
        let saved = edits.len();
        for edit in &edits {
            if let Some(field) = crate::model::ProfileField::from_key(&edit.key) {
                self.overrides.clear_profile(&id, field);
            }
        }
        match self.reread(&dir) {
            Ok(()) => self.say(format!("saved {saved} what-if(s) to {}", path.display())),
            Err(err) => self.fail(format!("saved, but cannot reread {}: {err}", dir.display())),
        }
    }

    /// Reads the folder again, keeping the last good values of files that
    /// are broken now, as the watcher does.
    fn reread(&mut self, dir: &Path) -> std::io::Result<()> {
        let folder = Folder::reload_dir(dir, Some(&self.folder))?;
        self.replace_folder(folder);
        Ok(())
    }

    /// Takes a freshly loaded folder; what-ifs and the selection stay.
    pub fn replace_folder(&mut self, folder: Folder) {
        let selected = self.selected_id();
        self.file_catalog = folder.catalog();
        self.folder = folder;
        self.recompute(selected);
    }

    /// Reads the folder again now (the reload key).
    pub(super) fn reload(&mut self) {
        let Source::Folder(dir) = self.source.clone() else {
            self.say("built-in profiles do not change".to_string());
            return;
        };
        match self.reread(&dir) {
            Ok(()) => self.say(format!("reloaded {}", dir.display())),
            Err(err) => self.fail(format!(
                "cannot read {}: {err}; keeping the last good state",
                dir.display()
            )),
        }
    }

    /// The watcher's new folder. Identical content (our own save, read
    /// back) changes nothing, so nothing flickers.
    pub(super) fn folder_loaded(&mut self, folder: Folder) {
        if folder != self.folder {
            self.replace_folder(folder);
        }
        if std::mem::take(&mut self.folder_unreadable) {
            self.say(format!("{} can be read again", self.source_label()));
        }
    }

    /// The watcher cannot read the folder: the last good state stays, and
    /// the message until the folder is back.
    pub(super) fn folder_failed(&mut self, message: String) {
        self.folder_unreadable = true;
        self.fail(message);
    }
}

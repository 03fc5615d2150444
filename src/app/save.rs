//! `s`: the selected profile's what-ifs written into its file, then the
//! folder read back (`app/reload.rs`).

use std::path::PathBuf;

use super::{App, Source};

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
}

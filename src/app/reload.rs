//! Reloads: the folder read again on F5, after a save, or brought by the
//! watcher; what-ifs and the selection survive them.

use std::path::Path;
use std::time::Instant;

use super::{App, Source};
use crate::profile::{ChangedFile, Folder};

impl App {
    /// Reads the folder again, keeping the last good values of files that
    /// are broken now, as the watcher does. Returns what changed.
    ///
    /// Its start is recorded, even when the reading fails: the watcher's
    /// loads that began before it may predate writes it follows (a save's)
    /// and are dropped (`folder_loaded`).
    pub(super) fn reread(&mut self, dir: &Path) -> std::io::Result<Vec<ChangedFile>> {
        self.last_reread = Some(Instant::now());
        let folder = Folder::reload_dir(dir, Some(&self.folder))?;
        let changed = folder.changed_files(&self.folder);
        self.replace_folder(folder);
        Ok(changed)
    }

    /// Takes a freshly loaded folder; what-ifs and the selection stay.
    pub(crate) fn replace_folder(&mut self, folder: Folder) {
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
            Ok(changed) if changed.is_empty() => {
                self.say(format!("reloaded {}: no file changed", self.source_label()))
            }
            Ok(changed) => self.say(reloaded(&changed)),
            Err(err) => self.fail(format!(
                "cannot read {}: {err}; keeping the last good state",
                self.source_label()
            )),
        }
    }

    /// The watcher's new folder, whose reading began at `started`.
    /// Identical content (our own save, read back) changes nothing, so
    /// nothing flickers and a save's "saved …" stays in the footer.
    ///
    /// A load that began before the last reread is dropped: the reread
    /// read every file after it, so it saw all the load saw (files only
    /// move forward), and the load may be a save caught half-way (one
    /// file written, the next not yet), which would put stale figures
    /// and "reloaded …" over the save's word. A load that began after
    /// the reread applies: an edit made after a save is never lost.
    pub(super) fn folder_loaded(&mut self, folder: Folder, started: Instant) {
        if self.last_reread.is_some_and(|reread| started < reread) {
            return;
        }
        let changed = folder.changed_files(&self.folder);
        if folder != self.folder {
            self.replace_folder(folder);
        }
        if std::mem::take(&mut self.folder_unreadable) {
            self.say(format!("{} can be read again", self.source_label()));
        } else if !changed.is_empty() {
            // A reload may re-sort the rows: never without a word.
            self.say(reloaded(&changed));
        }
    }

    /// The watcher cannot read the folder: the last good state stays, and
    /// the message until the folder is back.
    pub(super) fn folder_failed(&mut self, message: String) {
        self.folder_unreadable = true;
        self.fail(message);
    }
}

/// `reloaded opus-4.8.toml`, `reloaded a.toml, scenario.toml (broken: last
/// good values kept)`, or with many files the first few and a count.
fn reloaded(changed: &[ChangedFile]) -> String {
    const NAMED: usize = 3;
    let names: Vec<String> = changed
        .iter()
        .take(NAMED)
        .map(|file| match file.broken {
            true => format!("{} (broken: last good values kept)", file.name),
            false => file.name.clone(),
        })
        .collect();
    let more = match changed.len().saturating_sub(NAMED) {
        0 => String::new(),
        rest => format!(" and {rest} more"),
    };
    format!("reloaded {}{more}", names.join(", "))
}

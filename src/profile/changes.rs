//! What a reload changed, by file: the explorer's footer names them, so a
//! re-sort after an edit never happens without a word.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{Folder, LoadedProfile, SCENARIO_FILE, file_name_of};

/// One file a reload changed, by its name in the folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ChangedFile {
    pub(crate) name: String,
    /// Broken now: its last good values (if any) stay on screen.
    pub(crate) broken: bool,
}

impl Folder {
    /// The files whose profiles, scenario or problems differ from `older`
    /// to `self`, by file name, sorted.
    pub(crate) fn changed_files(&self, older: &Folder) -> Vec<ChangedFile> {
        fn profiles(folder: &Folder) -> BTreeMap<String, &LoadedProfile> {
            folder
                .profiles()
                .iter()
                .map(|profile| (file_name(&profile.path), profile))
                .collect()
        }
        let problems = |folder: &Folder| -> BTreeMap<String, Vec<String>> {
            let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
            for diagnostic in folder.errors() {
                by_file
                    .entry(file_name(&diagnostic.path))
                    .or_default()
                    .push(diagnostic.to_string());
            }
            by_file
        };
        let (old_profiles, new_profiles) = (profiles(older), profiles(self));
        let (old_problems, new_problems) = (problems(older), problems(self));
        let mut names: BTreeSet<String> = BTreeSet::new();
        for name in old_profiles.keys().chain(new_profiles.keys()) {
            if old_profiles.get(name) != new_profiles.get(name) {
                names.insert(name.clone());
            }
        }
        for name in old_problems.keys().chain(new_problems.keys()) {
            if old_problems.get(name) != new_problems.get(name) {
                names.insert(name.clone());
            }
        }
        let scenario_moved = self.scenario() != older.scenario()
            || self.scenario_is_stale() != older.scenario_is_stale();
        if scenario_moved {
            names.insert(SCENARIO_FILE.to_string());
        }
        names
            .into_iter()
            .map(|name| ChangedFile {
                broken: new_problems.contains_key(&name),
                name,
            })
            .collect()
    }
}

fn file_name(path: &str) -> String {
    file_name_of(Path::new(path))
}

//! What the explorer's state lets the ui, the terminal layer and the
//! tests read: the comparison, the selection and its reference, the
//! profiles with and without what-ifs, and where they came from.

use std::path::Path;

use super::{App, Mode, Source, Status};
use crate::model::{ModelProfile, ProfileDef, Scenario};
use crate::overrides::Overrides;
use crate::profile::Folder;
use crate::report::{Comparison, Row};

impl App {
    pub fn is_running(&self) -> bool {
        self.running
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn mouse_enabled(&self) -> bool {
        self.mouse
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn comparison(&self) -> &Comparison {
        &self.comparison
    }

    pub fn folder(&self) -> &Folder {
        &self.folder
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn overrides(&self) -> &Overrides {
        &self.overrides
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub(crate) fn selected_row(&self) -> Option<&Row> {
        self.comparison.rows.get(self.selected)
    }

    pub fn selected_id(&self) -> Option<String> {
        self.selected_row().map(|row| row.id.clone())
    }

    /// The reference row: the pinned one while it exists, else the cheapest.
    pub fn reference_row(&self) -> Option<&Row> {
        let pinned = self
            .reference_id
            .as_ref()
            .and_then(|id| self.comparison.rows.iter().find(|row| &row.id == id));
        pinned.or(self.comparison.rows.first())
    }

    /// The model `id` with what-ifs applied.
    pub fn model(&self, id: &str) -> Option<&ModelProfile> {
        match self.catalog.get(id)? {
            ProfileDef::Model(model) => Some(model),
            ProfileDef::Mix(_) => None,
        }
    }

    /// The model `id` as its file has it.
    pub(crate) fn file_model(&self, id: &str) -> Option<&ModelProfile> {
        match self.file_catalog.get(id)? {
            ProfileDef::Model(model) => Some(model),
            ProfileDef::Mix(_) => None,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Where the profiles came from, for the header.
    pub(crate) fn source_label(&self) -> String {
        match &self.source {
            Source::Folder(dir) => shown_dir(dir),
            Source::BuiltIn => "built-in profiles".to_string(),
        }
    }
}

fn shown_dir(dir: &Path) -> String {
    let text = dir.display().to_string();
    if text.ends_with('/') {
        text
    } else {
        format!("{text}/")
    }
}

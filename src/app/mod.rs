//! The explorer's state, and `update`: the one place it changes.

mod action;
mod keys;
mod sliders;

use std::path::{Path, PathBuf};

pub use action::Action;
pub use keys::{BINDINGS, Binding, Key, action_for};
pub use sliders::{SLIDERS, Slider, SliderTarget, Unit};

use crate::model::{Catalog, ModelProfile, ProfileDef, Scenario};
use crate::profile::{Folder, ProfileKind};
use crate::report::{Comparison, Row};
use crate::ui::Theme;
use crate::whatif::Overrides;
use crate::writeback::{Edit, write_back};

/// What is on top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The table, sliders and detail.
    Explore,
    /// The help overlay over them.
    Help,
}

/// Where the profiles came from: `s` can only write into a folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Folder(PathBuf),
    BuiltIn,
}

/// A line for the footer: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The whole state of the explorer.
#[derive(Debug)]
pub struct App {
    source: Source,
    folder: Folder,
    /// The files' values, as the engine sees them.
    file_catalog: Catalog,
    /// The files' values with the what-ifs on top.
    catalog: Catalog,
    scenario: Scenario,
    overrides: Overrides,
    history: Vec<Overrides>,
    comparison: Comparison,
    /// Row of the selected profile in `comparison` (cheapest first).
    selected: usize,
    slider: usize,
    /// `None`: the cheapest row is the reference.
    reference_id: Option<String>,
    mode: Mode,
    mouse: bool,
    status: Option<Status>,
    running: bool,
    theme: Theme,
}

/// Undo keeps this many steps; older ones are dropped.
const MAX_HISTORY: usize = 500;

impl App {
    pub fn new(source: Source, folder: Folder, theme: Theme, mouse: bool) -> App {
        let mut app = App {
            source,
            file_catalog: folder.catalog(),
            catalog: Catalog::new(),
            scenario: folder.scenario().clone(),
            folder,
            overrides: Overrides::default(),
            history: Vec::new(),
            comparison: Comparison::default(),
            selected: 0,
            slider: 0,
            reference_id: None,
            mode: Mode::Explore,
            mouse,
            status: None,
            running: true,
            theme,
        };
        app.recompute(None);
        app
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit(),
            Action::SelectNext => self.select_by(1),
            Action::SelectPrevious => self.select_by(-1),
            Action::SelectRow(row) => self.select_row(row),
            Action::FocusNextSlider => self.focus_slider_by(1),
            Action::FocusPreviousSlider => self.focus_slider_by(-1),
            Action::Nudge { steps, coarse } => self.nudge(steps, coarse),
            Action::SetSliderPosition { slider, position } => {
                self.set_slider_position(slider, position)
            }
            Action::ApplyToAll => self.apply_to_all(),
            Action::ResetSlider => self.reset_slider(),
            Action::ResetAll => self.reset_all(),
            Action::Undo => self.undo(),
            Action::Save => self.save(),
            Action::PinReference => self.pin_reference(),
            Action::ToggleHelp => self.toggle_help(),
            Action::CloseOverlay => self.mode = Mode::Explore,
            Action::ToggleMouse => self.toggle_mouse(),
        }
    }

    fn quit(&mut self) {
        self.running = false;
    }

    fn select_by(&mut self, delta: isize) {
        let last = self.comparison.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn select_row(&mut self, row: usize) {
        if row < self.comparison.rows.len() {
            self.selected = row;
        }
    }

    fn focus_slider_by(&mut self, delta: isize) {
        let count = SLIDERS.len() as isize;
        self.slider = (self.slider as isize + delta).rem_euclid(count) as usize;
    }

    fn nudge(&mut self, steps: i32, coarse: bool) {
        let Some((current, range)) = self.focused_value() else {
            return;
        };
        let slider = SLIDERS[self.slider];
        self.set_focused(slider.moved(current, steps, coarse, range));
    }

    fn set_slider_position(&mut self, slider: usize, position: f64) {
        if slider >= SLIDERS.len() {
            return;
        }
        self.slider = slider;
        let Some((_, range)) = self.focused_value() else {
            return;
        };
        self.set_focused(SLIDERS[slider].at_position(position, range));
    }

    fn apply_to_all(&mut self) {
        let slider = SLIDERS[self.slider];
        let SliderTarget::Profile(field) = slider.target else {
            self.say(format!(
                "{} is already the same for every profile",
                slider.label
            ));
            return;
        };
        let Some((value, _)) = self.focused_value() else {
            return;
        };
        let before = self.overrides.clone();
        let models: Vec<(String, ModelProfile)> = models_of(&self.file_catalog);
        for (id, file_model) in &models {
            let file_value = field.get(file_model);
            let (low, high) = slider.range(Some(file_model), file_value);
            let clamped = value.clamp(low, high);
            set_or_clear(
                &mut self.overrides,
                |o| o.set_profile(id, field, clamped),
                |o| o.clear_profile(id, field),
                clamped == file_value,
            );
        }
        self.commit(before);
        self.say(format!(
            "{} = {} for all {} models",
            slider.label,
            slider.unit.show(value),
            models.len()
        ));
    }

    fn reset_slider(&mut self) {
        let before = self.overrides.clone();
        match (SLIDERS[self.slider].target, self.selected_id()) {
            (SliderTarget::Scenario(field), _) => self.overrides.clear_scenario(field),
            (SliderTarget::Profile(field), Some(id)) => self.overrides.clear_profile(&id, field),
            (SliderTarget::Profile(_), None) => {}
        }
        self.commit(before);
    }

    fn reset_all(&mut self) {
        let before = self.overrides.clone();
        self.overrides = Overrides::default();
        self.commit(before);
        self.say("every what-if reset to the files' values".to_string());
    }

    fn undo(&mut self) {
        match self.history.pop() {
            Some(previous) => {
                let before = std::mem::replace(&mut self.overrides, previous);
                self.patch(&before);
                self.say("undone".to_string());
            }
            None => self.say("nothing to undo".to_string()),
        }
    }

    fn pin_reference(&mut self) {
        let id = self.selected_id();
        self.reference_id = if self.reference_id == id { None } else { id };
    }

    fn toggle_help(&mut self) {
        self.mode = match self.mode {
            Mode::Explore => Mode::Help,
            Mode::Help => Mode::Explore,
        };
    }

    fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.say(format!("mouse {}", if self.mouse { "on" } else { "off" }));
    }

    /// Writes the selected profile's what-ifs into its file, atomically;
    /// on failure the file is untouched and the error is shown.
    fn save(&mut self) {
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
        match Folder::load_dir(&dir) {
            Ok(folder) => self.replace_folder(folder),
            Err(err) => self.fail(format!("saved, but cannot reread {}: {err}", dir.display())),
        }
        self.say(format!("saved {saved} what-if(s) to {}", path.display()));
    }

    /// Takes a freshly loaded folder; what-ifs and the selection stay.
    pub fn replace_folder(&mut self, folder: Folder) {
        let selected = self.selected_id();
        self.file_catalog = folder.catalog();
        self.folder = folder;
        self.recompute(selected);
    }

    /// Sets the focused slider for the selected profile (or the scenario);
    /// back at the file's value, the what-if goes away.
    fn set_focused(&mut self, value: f64) {
        let Some((current, _)) = self.focused_value() else {
            return;
        };
        if value == current {
            return;
        }
        let before = self.overrides.clone();
        match SLIDERS[self.slider].target {
            SliderTarget::Scenario(field) => {
                let file_value = field.get(self.folder.scenario());
                let at_file = file_value == Some(value);
                set_or_clear(
                    &mut self.overrides,
                    |o| o.set_scenario(field, value),
                    |o| o.clear_scenario(field),
                    at_file,
                );
            }
            SliderTarget::Profile(field) => {
                let Some(id) = self.selected_id() else { return };
                let at_file = self
                    .file_model(&id)
                    .is_some_and(|model| field.get(model) == value);
                set_or_clear(
                    &mut self.overrides,
                    |o| o.set_profile(&id, field, value),
                    |o| o.clear_profile(&id, field),
                    at_file,
                );
            }
        }
        self.commit(before);
    }

    /// Keeps `before` for undo when the what-ifs changed, and recomputes.
    fn commit(&mut self, before: Overrides) {
        if before == self.overrides {
            return;
        }
        self.patch(&before);
        self.history.push(before);
        if self.history.len() > MAX_HISTORY {
            self.history.remove(0);
        }
    }

    /// Every figure again, from the files plus the what-ifs.
    fn recompute(&mut self, keep_selected: Option<String>) {
        let mut scenario = self.folder.scenario().clone();
        let mut catalog = self.file_catalog.clone();
        self.overrides.apply(&mut scenario, &mut catalog);
        self.catalog = catalog;
        self.scenario = scenario;
        self.refresh(keep_selected);
    }

    /// After the what-ifs changed from `before`: rebuilds only the profiles
    /// they touched (cloning a thousand profiles per key press is what
    /// made it slow), then the figures.
    fn patch(&mut self, before: &Overrides) {
        let mut scenario = self.folder.scenario().clone();
        self.overrides.apply_to_scenario(&mut scenario);
        self.scenario = scenario;
        for id in self.overrides.changed_profiles(before) {
            let (Some(file), Some(slot)) = (self.file_catalog.get(&id), self.catalog.get_mut(&id))
            else {
                continue;
            };
            *slot = file.clone();
            if let ProfileDef::Model(model) = slot {
                for (field, value) in self.overrides.profile_edits(&id) {
                    field.set(model, value);
                }
            }
        }
        self.refresh(self.selected_id());
    }

    /// The comparison again from the what-if catalog; the selection stays
    /// on its profile wherever the sort puts it.
    fn refresh(&mut self, keep_selected: Option<String>) {
        self.comparison = Comparison::new(&self.folder, &self.catalog, &self.scenario);
        let found =
            keep_selected.and_then(|id| self.comparison.rows.iter().position(|row| row.id == id));
        self.selected = found
            .unwrap_or(self.selected)
            .min(self.comparison.rows.len().saturating_sub(1));
    }

    fn say(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: false,
        });
    }

    fn fail(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: true,
        });
    }

    /// The focused slider's value for the selected profile and its range;
    /// `None` (with a message) when the slider has no meaning here.
    fn focused_value(&mut self) -> Option<(f64, (f64, f64))> {
        let slider = SLIDERS[self.slider];
        let row = self.selected_row()?;
        if slider.is_per_profile() && row.kind == ProfileKind::Mix {
            let text = format!(
                "{} is a mix: select a model to move {}",
                row.name,
                slider.label.to_lowercase()
            );
            self.say(text);
            return None;
        }
        let id = row.id.clone();
        let view = self.slider_view(&slider, &id)?;
        Some((view.value, view.range))
    }

    /// Everything the sliders pane shows for `slider` on profile `id`;
    /// `None` for a profile slider on a mix.
    pub fn slider_view(&self, slider: &Slider, id: &str) -> Option<SliderView> {
        let (model, file_model) = (self.model(id), self.file_model(id));
        let value = slider.value(model, &self.scenario)?;
        let file_value = slider.value(file_model, self.folder.scenario())?;
        let moved = match slider.target {
            SliderTarget::Scenario(field) => self.overrides.scenario(field).is_some(),
            SliderTarget::Profile(field) => self.overrides.profile(id, field).is_some(),
        };
        Some(SliderView {
            value,
            file_value,
            moved,
            range: slider.range(model, file_value),
        })
    }

    pub fn is_running(&self) -> bool {
        self.running
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn mouse_enabled(&self) -> bool {
        self.mouse
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
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

    pub fn focused_slider(&self) -> usize {
        self.slider
    }

    pub fn selected_row(&self) -> Option<&Row> {
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
    pub fn file_model(&self, id: &str) -> Option<&ModelProfile> {
        match self.file_catalog.get(id)? {
            ProfileDef::Model(model) => Some(model),
            ProfileDef::Mix(_) => None,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Where the profiles came from, for the header.
    pub fn source_label(&self) -> String {
        match &self.source {
            Source::Folder(dir) => shown_dir(dir),
            Source::BuiltIn => "built-in profiles".to_string(),
        }
    }
}

/// What one slider shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliderView {
    pub value: f64,
    pub file_value: f64,
    pub moved: bool,
    pub range: (f64, f64),
}

fn shown_dir(dir: &Path) -> String {
    let text = dir.display().to_string();
    if text.ends_with('/') {
        text
    } else {
        format!("{text}/")
    }
}

fn models_of(catalog: &Catalog) -> Vec<(String, ModelProfile)> {
    catalog
        .entries()
        .filter_map(|(id, def)| match def {
            ProfileDef::Model(model) => Some((id.to_string(), model.clone())),
            ProfileDef::Mix(_) => None,
        })
        .collect()
}

/// A what-if equal to the file's value is no what-if: clear it instead.
fn set_or_clear(
    overrides: &mut Overrides,
    set: impl FnOnce(&mut Overrides),
    clear: impl FnOnce(&mut Overrides),
    at_file_value: bool,
) {
    if at_file_value {
        clear(overrides)
    } else {
        set(overrides)
    }
}

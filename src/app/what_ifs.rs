//! Moving sliders: what-ifs set, reset, applied to all and undone, and the
//! figures kept in step with them.

use std::collections::BTreeSet;

use super::{App, SLIDERS, Slider, SliderTarget, SliderView};
use crate::model::ProfileDef;
use crate::profile::ProfileKind;
use crate::report::Comparison;
use crate::whatif::Overrides;

/// Undo keeps this many steps; older ones are dropped.
const MAX_HISTORY: usize = 500;

impl App {
    pub(super) fn nudge(&mut self, steps: i32, coarse: bool) {
        let Some((current, range)) = self.focused_value() else {
            return;
        };
        let slider = SLIDERS[self.slider];
        self.set_focused(slider.moved(current, steps, coarse, range));
    }

    pub(super) fn set_slider_position(&mut self, slider: usize, position: f64) {
        if slider >= SLIDERS.len() {
            return;
        }
        self.slider = slider;
        let Some((_, range)) = self.focused_value() else {
            return;
        };
        self.set_focused(SLIDERS[slider].at_position(position, range));
    }

    pub(super) fn apply_to_all(&mut self) {
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
        let mut models = 0;
        for (id, file_model) in self.file_catalog.models() {
            models += 1;
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
            models
        ));
    }

    pub(super) fn reset_slider(&mut self) {
        let before = self.overrides.clone();
        match (SLIDERS[self.slider].target, self.selected_id()) {
            (SliderTarget::Scenario(field), _) => self.overrides.clear_scenario(field),
            (SliderTarget::Profile(field), Some(id)) => self.overrides.clear_profile(&id, field),
            (SliderTarget::Profile(_), None) => {}
        }
        self.commit(before);
    }

    pub(super) fn reset_all(&mut self) {
        let before = self.overrides.clone();
        self.overrides = Overrides::default();
        self.commit(before);
        self.say("every what-if reset to the files' values".to_string());
    }

    pub(super) fn undo(&mut self) {
        match self.history.pop_back() {
            Some(previous) => {
                let before = std::mem::replace(&mut self.overrides, previous);
                self.patch(&before);
                self.say("undone".to_string());
            }
            None => self.say("nothing to undo".to_string()),
        }
    }

    /// Sets the focused slider for the selected profile (or the scenario);
    /// back at the file's value, the what-if goes away.
    pub(super) fn set_focused(&mut self, value: f64) {
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
    pub(super) fn commit(&mut self, before: Overrides) {
        if before == self.overrides {
            return;
        }
        self.patch(&before);
        self.history.push_back(before);
        if self.history.len() > MAX_HISTORY {
            self.history.pop_front();
        }
    }

    /// Every figure again, from the files plus the what-ifs.
    pub(super) fn recompute(&mut self, keep_selected: Option<String>) {
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
    pub(super) fn patch(&mut self, before: &Overrides) {
        let mut scenario = self.folder.scenario().clone();
        self.overrides.apply_to_scenario(&mut scenario);
        let scenario_moved = scenario != self.scenario;
        self.scenario = scenario;
        let changed = self.overrides.changed_profiles(before);
        for id in &changed {
            let (Some(file), Some(slot)) = (self.file_catalog.get(id), self.catalog.get_mut(id))
            else {
                continue;
            };
            *slot = file.clone();
            if let ProfileDef::Model(model) = slot {
                self.overrides.apply_to_model(id, model);
            }
        }
        if scenario_moved {
            // The scenario moves every figure.
            self.refresh(self.selected_id());
        } else {
            self.refresh_some(&changed);
        }
    }

    /// Figures again for the `changed` profiles and every mix (a mix may
    /// use them); every other row keeps its figures.
    fn refresh_some(&mut self, changed: &BTreeSet<String>) {
        let selected = self.selected_id();
        let updates = self.catalog.compute_some(&self.scenario, |id, def| {
            changed.contains(id) || matches!(def, ProfileDef::Mix(_))
        });
        let updates = updates
            .into_iter()
            .filter_map(|(id, figures)| Some((id, figures.ok()?)));
        self.comparison.update_rows(updates);
        let found =
            selected.and_then(|id| self.comparison.rows.iter().position(|row| row.id == id));
        self.selected = found.unwrap_or(self.selected);
    }

    /// The comparison again from the what-if catalog; the selection stays
    /// on its profile wherever the sort puts it.
    pub(super) fn refresh(&mut self, keep_selected: Option<String>) {
        self.comparison = Comparison::new(&self.folder, &self.catalog, &self.scenario);
        let found =
            keep_selected.and_then(|id| self.comparison.rows.iter().position(|row| row.id == id));
        self.selected = found
            .unwrap_or(self.selected)
            .min(self.comparison.rows.len().saturating_sub(1));
    }

    /// The focused slider's value for the selected profile and its range;
    /// `None` (with a message) when the slider has no meaning here.
    pub(super) fn focused_value(&mut self) -> Option<(f64, (f64, f64))> {
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

//! What the slider keys do: what-ifs set, reset, applied to all and
//! undone. The figures follow through `App::patch` (`app/recompute.rs`).

use super::{SLIDERS, Slider, SliderTarget};
use crate::app::{App, SliderView};
use crate::overrides::Overrides;
use crate::profile::ProfileKind;

/// Undo keeps this many steps; older ones are dropped.
const MAX_HISTORY: usize = 500;

impl App {
    pub(in crate::app) fn nudge(&mut self, steps: i32, coarse: bool) {
        let Some((current, range)) = self.movable() else {
            return;
        };
        let slider = SLIDERS[self.slider];
        self.set_focused(slider.moved(current, steps, coarse, range));
    }

    pub(in crate::app) fn set_slider_position(&mut self, slider: usize, position: f64) {
        if slider >= SLIDERS.len() {
            return;
        }
        self.slider = slider;
        let Some((_, range)) = self.movable() else {
            return;
        };
        self.set_focused(SLIDERS[slider].at_position(position, range));
    }

    pub(in crate::app) fn apply_to_all(&mut self) {
        let slider = SLIDERS[self.slider];
        let SliderTarget::Profile(field) = slider.target else {
            self.say(format!(
                "{} is already the same for every profile",
                slider.label
            ));
            return;
        };
        let Some((value, _)) = self.movable() else {
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

    pub(in crate::app) fn reset_slider(&mut self) {
        let before = self.overrides.clone();
        match (SLIDERS[self.slider].target, self.selected_id()) {
            (SliderTarget::Scenario(field), _) => self.overrides.clear_scenario(field),
            (SliderTarget::Profile(field), Some(id)) => self.overrides.clear_profile(&id, field),
            (SliderTarget::Profile(_), None) => {}
        }
        self.commit(before);
    }

    pub(in crate::app) fn reset_all(&mut self) {
        let before = self.overrides.clone();
        self.overrides = Overrides::default();
        self.commit(before);
        self.say("every what-if reset to the files' values".to_string());
    }

    pub(in crate::app) fn undo(&mut self) {
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
    pub(in crate::app) fn set_focused(&mut self, value: f64) {
        let Ok((current, _)) = self.focused_value() else {
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
    pub(in crate::app) fn commit(&mut self, before: Overrides) {
        if before == self.overrides {
            return;
        }
        self.patch(&before);
        self.history.push_back(before);
        if self.history.len() > MAX_HISTORY {
            self.history.pop_front();
        }
    }

    /// The focused slider's value for the selected profile and its range,
    /// or why it cannot move there (`None` with no profile at all). A
    /// query: it changes nothing; `movable` says the refusal.
    pub(in crate::app) fn focused_value(&self) -> Result<(f64, (f64, f64)), Option<String>> {
        let slider = SLIDERS[self.slider];
        let row = self.selected_row().ok_or(None)?;
        if slider.is_per_profile() && row.kind == ProfileKind::Mix {
            return Err(Some(format!(
                "{} is a mix: select a model to move {}",
                row.name,
                slider.label.to_lowercase()
            )));
        }
        let view = self.slider_view(&slider, &row.id).ok_or(None)?;
        Ok((view.value, view.range))
    }

    /// The focused slider's value and range when a key may move it; the
    /// footer says why not otherwise.
    fn movable(&mut self) -> Option<(f64, (f64, f64))> {
        match self.focused_value() {
            Ok(value) => Some(value),
            Err(refusal) => {
                if let Some(text) = refusal {
                    self.say(text);
                }
                None
            }
        }
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

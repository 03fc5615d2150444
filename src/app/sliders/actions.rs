//! What the slider keys do: what-ifs set, reset, applied to all and
//! undone, each saying so in the footer. The figures follow through
//! `App::patch` (`app/recompute.rs`).

use super::{SCENARIO_SLIDERS, SLIDERS, Slider, SliderTarget};
use crate::app::{App, PRESENTED_LEVERS, Screen, SliderView};
use crate::model::{MixPart, ProfileDef, with_share};
use crate::overrides::Overrides;

/// Undo keeps this many steps; older ones are dropped.
const MAX_HISTORY: usize = 500;

impl App {
    /// The sliders for the selected profile, in Tab order: a model's
    /// fields then the scenario's (`SLIDERS`); for a mix, one share per
    /// part then the scenario's.
    pub fn sliders(&self) -> Vec<Slider> {
        let parts = self
            .selected_row()
            .and_then(|row| self.file_mix_parts(&row.id));
        let all: Vec<Slider> = match parts {
            Some(parts) => parts
                .iter()
                .enumerate()
                .map(|(at, part)| Slider::share(at, &self.profile_name(&part.profile_id)))
                .chain(SCENARIO_SLIDERS)
                .collect(),
            None => SLIDERS.to_vec(),
        };
        match self.screen {
            Screen::Explorer => all,
            // The meeting's four levers; a mix keeps its shares (it has
            // no first-pass rate of its own) beside the engineer rate.
            Screen::Presentation => all
                .into_iter()
                .filter(|slider| {
                    PRESENTED_LEVERS.contains(&slider.target)
                        || matches!(slider.target, SliderTarget::MixShare(_))
                })
                .collect(),
        }
    }

    /// Where the focused slider is in `sliders()`. The focus is kept as
    /// what the slider moves, so it stays on the engineer rate from a
    /// model to a mix and back; a slider the new profile lacks gives way
    /// to the first.
    pub fn focused_slider(&self) -> usize {
        self.focus_in(&self.sliders())
    }

    fn focus_in(&self, sliders: &[Slider]) -> usize {
        sliders
            .iter()
            .position(|slider| slider.target == self.focus)
            .unwrap_or(0)
    }

    /// The focused slider, if there is any.
    fn focused(&self) -> Option<Slider> {
        let sliders = self.sliders();
        let at = self.focus_in(&sliders);
        sliders.into_iter().nth(at)
    }

    pub(in crate::app) fn focus_slider_by(&mut self, delta: isize) {
        let sliders = self.sliders();
        if sliders.is_empty() {
            return;
        }
        let count = sliders.len() as isize;
        let at = (self.focus_in(&sliders) as isize + delta).rem_euclid(count) as usize;
        self.focus = sliders[at].target;
    }

    pub(in crate::app) fn nudge(&mut self, steps: i32, coarse: bool) {
        let Some(slider) = self.focused() else { return };
        let Some(view) = self.view_of(&slider) else {
            return;
        };
        self.set_value(&slider, slider.moved(view.value, steps, coarse, view.range));
    }

    pub(in crate::app) fn set_slider_position(&mut self, at: usize, position: f64) {
        let Some(slider) = self.sliders().into_iter().nth(at) else {
            return;
        };
        self.focus = slider.target;
        let Some(view) = self.view_of(&slider) else {
            return;
        };
        self.set_value(&slider, slider.at_position(position, view.range));
    }

    pub(in crate::app) fn apply_to_all(&mut self) {
        let Some(slider) = self.focused() else { return };
        let field = match slider.target {
            SliderTarget::Profile(field) => field,
            SliderTarget::Scenario(_) => {
                self.say(format!(
                    "{} is already the same for every profile",
                    slider.label
                ));
                return;
            }
            SliderTarget::MixShare(_) => {
                let mix = self.selected_name();
                self.say(format!(
                    "the {} is {mix}'s own: nothing to apply to every profile",
                    slider.what()
                ));
                return;
            }
        };
        let Some(view) = self.view_of(&slider) else {
            return;
        };
        let value = view.value;
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
        let Some(slider) = self.focused() else { return };
        let before = self.overrides.clone();
        let id = self.selected_id();
        let text = match (slider.target, id) {
            (SliderTarget::Scenario(field), _) => {
                self.overrides.clear_scenario(field);
                format!("reset {}", slider.what())
            }
            (SliderTarget::Profile(field), Some(id)) => {
                self.overrides.clear_profile(&id, field);
                format!("reset {} for {}", slider.what(), self.selected_name())
            }
            // The shares move together: resetting one resets the split.
            (SliderTarget::MixShare(_), Some(id)) => {
                self.overrides.clear_mix(&id);
                format!("reset the shares for {}", self.selected_name())
            }
            (_, None) => return,
        };
        self.commit(before);
        self.say(text);
    }

    pub(in crate::app) fn reset_all(&mut self) {
        if self.overrides.is_empty() {
            self.say("nothing to reset: no what-ifs".to_string());
            return;
        }
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
                let left = match self.overrides.len() {
                    0 => "no what-ifs".to_string(),
                    1 => "1 what-if".to_string(),
                    n => format!("{n} what-ifs"),
                };
                self.say(format!("undone: {left} left"));
            }
            None => self.say("nothing to undo".to_string()),
        }
    }

    /// Sets `slider` to `value` for the selected profile (or the scenario)
    /// and says so; back at the file's value, the what-if goes away.
    fn set_value(&mut self, slider: &Slider, value: f64) {
        let Some(id) = self.selected_id() else { return };
        self.focus = slider.target;
        let before = self.overrides.clone();
        match slider.target {
            SliderTarget::Scenario(field) => {
                let at_file = field.get(self.folder.scenario()) == Some(value);
                set_or_clear(
                    &mut self.overrides,
                    |o| o.set_scenario(field, value),
                    |o| o.clear_scenario(field),
                    at_file,
                );
            }
            SliderTarget::Profile(field) => {
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
            SliderTarget::MixShare(at) => {
                let (Some(parts), Some(file_parts)) =
                    (self.mix_parts(&id), self.file_mix_parts(&id))
                else {
                    return;
                };
                let parts = with_share(parts, at, value);
                let at_file = parts
                    .iter()
                    .zip(file_parts)
                    .all(|(part, file)| same_share(part.share, file.share));
                set_or_clear(
                    &mut self.overrides,
                    |o| o.set_mix(&id, parts),
                    |o| o.clear_mix(&id),
                    at_file,
                );
            }
        }
        self.commit(before);
        let text = self.move_message(slider);
        self.say(text);
    }

    /// `review time 5.5 min for Fable 5.1 (file 5.0 min)`: what the
    /// slider now says, for whom, and what the file says.
    fn move_message(&self, slider: &Slider) -> String {
        let Some(view) = self.view_of(slider) else {
            return String::new();
        };
        let whom = match slider.target {
            SliderTarget::Scenario(_) => String::new(),
            _ => format!(" for {}", self.selected_name()),
        };
        format!(
            "{} {}{whom} (file {})",
            slider.what(),
            slider.unit.show(view.value),
            slider.file_text(&view)
        )
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

    /// `slider` on the selected profile.
    fn view_of(&self, slider: &Slider) -> Option<SliderView> {
        let id = self.selected_id()?;
        self.slider_view(slider, &id)
    }

    /// Everything the sliders pane shows for `slider` on profile `id`;
    /// `None` for a profile slider on a mix or a share on a model. A
    /// scenario field the file leaves unset reads NaN (shown "—").
    pub fn slider_view(&self, slider: &Slider, id: &str) -> Option<SliderView> {
        let (value, file_value, moved, model) = match slider.target {
            SliderTarget::Profile(field) => {
                let (model, file_model) = (self.model(id)?, self.file_model(id)?);
                let moved = self.overrides.profile(id, field).is_some();
                (field.get(model), field.get(file_model), moved, Some(model))
            }
            SliderTarget::Scenario(field) => {
                let value = field.get(&self.scenario).unwrap_or(f64::NAN);
                let file_value = field.get(self.folder.scenario()).unwrap_or(f64::NAN);
                let moved = self.overrides.scenario(field).is_some();
                (value, file_value, moved, None)
            }
            SliderTarget::MixShare(at) => {
                let parts = self.file_mix_parts(id)?;
                let value = self.mix_parts(id)?.get(at)?.share;
                let file_value = parts.get(at)?.share;
                if parts.len() == 1 {
                    // One part takes every change: its share cannot move.
                    return Some(SliderView {
                        value,
                        file_value,
                        moved: false,
                        range: (1.0, 1.0),
                    });
                }
                (value, file_value, !same_share(value, file_value), None)
            }
        };
        Some(SliderView {
            value,
            file_value,
            moved,
            range: slider.range(model, file_value),
        })
    }

    /// Mix `id`'s parts with what-ifs applied.
    pub(in crate::app) fn mix_parts(&self, id: &str) -> Option<&[MixPart]> {
        match self.catalog.get(id)? {
            ProfileDef::Mix(parts) => Some(parts),
            ProfileDef::Model(_) => None,
        }
    }

    /// Mix `id`'s parts as its file has them.
    pub(in crate::app) fn file_mix_parts(&self, id: &str) -> Option<&[MixPart]> {
        match self.file_catalog.get(id)? {
            ProfileDef::Mix(parts) => Some(parts),
            ProfileDef::Model(_) => None,
        }
    }

    /// Profile `id`'s name, or the id when it is not loaded.
    pub(in crate::app) fn profile_name(&self, id: &str) -> String {
        self.folder
            .profile(id)
            .map_or_else(|| id.to_string(), |profile| profile.name.clone())
    }

    /// The selected profile's name, for messages.
    pub(in crate::app) fn selected_name(&self) -> String {
        self.selected_row()
            .map_or_else(String::new, |row| row.name.clone())
    }
}

/// Shares rescaled there and back may differ from the file's in the last
/// bits; that is still the file's split.
fn same_share(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12
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

//! What-ifs on top of the files: `--set K=V` on the command line, the same
//! as moving a slider in the explorer.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::str::FromStr;

use crate::model::{
    Catalog, MixPart, ModelProfile, ProfileDef, ProfileField, Scenario, ScenarioField,
};
use crate::profile::show_number;
use crate::suggest::nearest;

/// What a what-if changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A scenario-wide field.
    Scenario(ScenarioField),
    /// One field of every model profile.
    EveryProfile(ProfileField),
    /// One field of one profile, by id.
    Profile(String, ProfileField),
}

/// One `K=V` what-if.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub target: Target,
    pub value: f64,
}

impl WhatIf {
    /// The key as `--set` takes it: `engineer_rate`, `cache_hit_ratio`,
    /// `sonnet.first_pass_rate`.
    pub fn key(&self) -> String {
        match &self.target {
            Target::Scenario(field) => field.key().to_string(),
            Target::EveryProfile(field) => field.key().to_string(),
            Target::Profile(id, field) => format!("{id}.{}", field.key()),
        }
    }
}

impl fmt::Display for WhatIf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.key(), show_number(self.value))
    }
}

fn known_keys() -> Vec<&'static str> {
    let scenario = ScenarioField::ALL.iter().map(|field| field.key());
    scenario
        .chain(ProfileField::ALL.iter().map(|field| field.key()))
        .collect()
}

fn unknown_key(key: &str) -> String {
    let keys = known_keys();
    match nearest(key, &keys) {
        Some(guess) => format!("unknown key `{key}`; did you mean `{guess}`?"),
        None => format!("unknown key `{key}`; expected one of {}", keys.join(", ")),
    }
}

impl FromStr for WhatIf {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not K=V"))?;
        let (key, value) = (key.trim(), value.trim());
        let value: f64 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a number (in `{text}`)"))?;
        // Ids may hold dots (`sonnet-4.6`), field names never do.
        let target = match key.rsplit_once('.') {
            Some((id, field)) => Target::Profile(
                id.to_string(),
                ProfileField::from_key(field).ok_or_else(|| unknown_key(field))?,
            ),
            None => match (ScenarioField::from_key(key), ProfileField::from_key(key)) {
                (Some(field), _) => Target::Scenario(field),
                (None, Some(field)) => Target::EveryProfile(field),
                (None, None) => return Err(unknown_key(key)),
            },
        };
        let bound = match &target {
            Target::Scenario(field) => field.bound(),
            Target::EveryProfile(field) | Target::Profile(_, field) => field.bound(),
        };
        if !bound.contains(value) {
            return Err(format!(
                "`{key}` {} (found {})",
                bound.describe(),
                show_number(value)
            ));
        }
        // -0 is 0, as in the files.
        let value = value + 0.0;
        Ok(WhatIf { target, value })
    }
}

/// `--set` what-ifs as overrides, the same as the explorer's sliders
/// make. An unknown profile id or a mix is an error.
pub(crate) fn overrides_for(what_ifs: &[WhatIf], catalog: &Catalog) -> Result<Overrides, String> {
    let mut overrides = Overrides::default();
    for what_if in what_ifs {
        let value = what_if.value;
        match &what_if.target {
            Target::Scenario(field) => overrides.set_scenario(*field, value),
            Target::EveryProfile(field) => {
                for (id, _) in catalog.models() {
                    overrides.set_profile(id, *field, value);
                }
            }
            Target::Profile(id, field) => match catalog.get(id) {
                Some(ProfileDef::Model(_)) => overrides.set_profile(id, *field, value),
                Some(ProfileDef::Mix(_)) => {
                    return Err(format!(
                        "`{id}` is a mix: set the field on its parts instead"
                    ));
                }
                None => {
                    let ids: Vec<&str> = catalog.entries().map(|(id, _)| id).collect();
                    let hint = nearest(id, &ids)
                        .map_or(String::new(), |g| format!("; did you mean `{g}`?"));
                    return Err(format!("no profile `{id}`{hint}"));
                }
            },
        }
    }
    Ok(overrides)
}

/// Applies `--set` what-ifs. The result is checked as a whole, so
/// `cache_hit_ratio=0.8 cache_write_ratio=0.1` works in either order.
pub fn apply(
    what_ifs: &[WhatIf],
    scenario: &mut Scenario,
    catalog: &mut Catalog,
) -> Result<(), String> {
    let overrides = overrides_for(what_ifs, catalog)?;
    overrides.apply(scenario, catalog);
    for id in overrides.changed_profiles(&Overrides::default()) {
        if let Some(ProfileDef::Model(model)) = catalog.get(&id)
            && let Some(problem) = model.cross_field_problem()
        {
            return Err(format!("the what-ifs break profile `{id}`: {problem}"));
        }
    }
    Ok(())
}

/// The explorer's what-ifs: values that stand in for the files' own. Kept
/// apart from the files, so a reload keeps them and a reset drops them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    scenario: BTreeMap<ScenarioField, f64>,
    profiles: BTreeMap<(String, ProfileField), f64>,
    /// A routing mix's shares, every part in file order (moving one share
    /// rescales the others, so the split is one what-if). Applied only
    /// while the mix's file names the same parts in the same order.
    mixes: BTreeMap<String, Vec<MixPart>>,
}

impl Overrides {
    pub(crate) fn set_scenario(&mut self, field: ScenarioField, value: f64) {
        self.scenario.insert(field, value);
    }

    pub(crate) fn set_profile(&mut self, id: &str, field: ProfileField, value: f64) {
        self.profiles.insert((id.to_string(), field), value);
    }

    pub fn scenario(&self, field: ScenarioField) -> Option<f64> {
        self.scenario.get(&field).copied()
    }

    pub fn profile(&self, id: &str, field: ProfileField) -> Option<f64> {
        self.profiles.get(&(id.to_string(), field)).copied()
    }

    pub(crate) fn clear_scenario(&mut self, field: ScenarioField) {
        self.scenario.remove(&field);
    }

    pub(crate) fn clear_profile(&mut self, id: &str, field: ProfileField) {
        self.profiles.remove(&(id.to_string(), field));
    }

    pub(crate) fn set_mix(&mut self, id: &str, parts: Vec<MixPart>) {
        self.mixes.insert(id.to_string(), parts);
    }

    /// Mix `id`'s shares, when a what-if moved them.
    pub fn mix(&self, id: &str) -> Option<&[MixPart]> {
        self.mixes.get(id).map(Vec::as_slice)
    }

    pub(crate) fn clear_mix(&mut self, id: &str) {
        self.mixes.remove(id);
    }

    /// Every mix's shares, by id.
    pub fn mix_entries(&self) -> impl Iterator<Item = (&str, &[MixPart])> + '_ {
        self.mixes
            .iter()
            .map(|(id, parts)| (id.as_str(), parts.as_slice()))
    }

    /// Drops the share what-ifs of mixes whose file now names other parts
    /// (or is no longer a mix): the split no longer fits. A mix that is
    /// gone keeps its what-if, waiting, as other what-ifs do. Returns the
    /// ids of the mixes whose what-if was dropped, so the explorer can say
    /// so.
    pub(crate) fn drop_unfit_mixes(&mut self, files: &Catalog) -> Vec<String> {
        let mut dropped = Vec::new();
        self.mixes.retain(|id, parts| {
            let fits = match files.get(id) {
                Some(ProfileDef::Mix(file_parts)) => same_parts(file_parts, parts),
                Some(ProfileDef::Model(_)) => false,
                None => true,
            };
            if !fits {
                dropped.push(id.clone());
            }
            fits
        });
        dropped
    }

    /// How many what-ifs are on profile `id`: its fields', and its split.
    pub(crate) fn count_for(&self, id: &str) -> usize {
        self.profile_edits(id).len() + usize::from(self.mixes.contains_key(id))
    }

    /// The profile ids that carry what-ifs, each once, in order.
    pub(crate) fn profile_ids(&self) -> BTreeSet<&str> {
        let fields = self.profiles.keys().map(|(id, _)| id.as_str());
        fields
            .chain(self.mixes.keys().map(String::as_str))
            .collect()
    }

    /// Every what-if of one profile, in field order.
    pub(crate) fn profile_edits(&self, id: &str) -> Vec<(ProfileField, f64)> {
        // Keys sort by id first: one id's what-ifs are one range.
        let fields = ProfileField::ALL.iter().copied();
        let (Some(low), Some(high)) = (fields.clone().min(), fields.max()) else {
            return Vec::new();
        };
        let (first, last) = ((id.to_string(), low), (id.to_string(), high));
        self.profiles
            .range(first..=last)
            .map(|((_, field), value)| (*field, *value))
            .collect()
    }

    /// Every scenario what-if, in field order.
    pub(crate) fn scenario_entries(&self) -> impl Iterator<Item = (ScenarioField, f64)> + '_ {
        self.scenario.iter().map(|(field, value)| (*field, *value))
    }

    /// Every profile what-if, by id then field.
    pub(crate) fn profile_entries(&self) -> impl Iterator<Item = (&str, ProfileField, f64)> + '_ {
        self.profiles
            .iter()
            .map(|((id, field), value)| (id.as_str(), *field, *value))
    }

    pub fn is_empty(&self) -> bool {
        self.scenario.is_empty() && self.profiles.is_empty() && self.mixes.is_empty()
    }

    /// How many what-ifs: one per field, and one per mix whose split moved.
    pub fn len(&self) -> usize {
        self.scenario.len() + self.profiles.len() + self.mixes.len()
    }

    /// Puts the what-ifs on top of the files' values. Ids that are gone
    /// (a file removed) are skipped, not an error: the what-if waits.
    pub fn apply(&self, scenario: &mut Scenario, catalog: &mut Catalog) {
        self.apply_to_scenario(scenario);
        let ids: BTreeSet<&str> = self.profiles.keys().map(|(id, _)| id.as_str()).collect();
        for id in ids {
            if let Some(ProfileDef::Model(model)) = catalog.get_mut(id) {
                self.apply_to_model(id, model);
            }
        }
        for id in self.mixes.keys() {
            if let Some(ProfileDef::Mix(parts)) = catalog.get_mut(id) {
                self.apply_to_mix(id, parts);
            }
        }
    }

    /// Puts mix `id`'s share what-if on top of `parts`, its file's parts,
    /// when they are still the same parts.
    pub(crate) fn apply_to_mix(&self, id: &str, parts: &mut [MixPart]) {
        if let Some(shares) = self.mixes.get(id)
            && same_parts(parts, shares)
        {
            parts.clone_from_slice(shares);
        }
    }

    /// Puts profile `id`'s what-ifs on top of `model`, its file's values.
    pub(crate) fn apply_to_model(&self, id: &str, model: &mut ModelProfile) {
        for (field, value) in self.profile_edits(id) {
            field.set(model, value);
        }
    }

    pub(crate) fn apply_to_scenario(&self, scenario: &mut Scenario) {
        for (field, value) in &self.scenario {
            field.set(scenario, *value);
        }
    }

    /// The ids whose what-ifs differ between `self` and `other`: after a
    /// slider moves, only these profiles need rebuilding.
    pub(crate) fn changed_profiles(&self, other: &Overrides) -> BTreeSet<String> {
        let differs = |a: &Overrides, b: &Overrides| {
            a.profiles
                .iter()
                .filter(|(key, value)| b.profiles.get(*key) != Some(*value))
                .map(|((id, _), _)| id.clone())
                .collect::<Vec<_>>()
        };
        let mixes_differ = |a: &Overrides, b: &Overrides| {
            a.mixes
                .iter()
                .filter(|(id, parts)| b.mixes.get(*id) != Some(*parts))
                .map(|(id, _)| id.clone())
                .collect::<Vec<_>>()
        };
        differs(self, other)
            .into_iter()
            .chain(differs(other, self))
            .chain(mixes_differ(self, other))
            .chain(mixes_differ(other, self))
            .collect()
    }
}

/// The same profiles, in the same order (shares aside).
fn same_parts(a: &[MixPart], b: &[MixPart]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.profile_id == b.profile_id)
}

//! The catalog: every valid profile of a folder by id, models and mixes,
//! and the figures of all of them (mixes through [`super::mix`]).

use std::collections::HashMap;

use super::mix::{MixError, MixPart, Visit, Walk};
use super::{Figures, ModelProfile, Scenario, derive_figures};

/// What a profile id stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileDef {
    Model(ModelProfile),
    Mix(Vec<MixPart>),
}

/// Every valid profile of a folder, by id, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub(super) entries: Vec<(String, ProfileDef)>,
    pub(super) index: HashMap<String, usize>,
}

impl Catalog {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds or replaces the profile `id`.
    pub fn insert(&mut self, id: impl Into<String>, def: ProfileDef) {
        let id = id.into();
        match self.index.get(&id) {
            Some(&at) => self.entries[at].1 = def,
            None => {
                self.index.insert(id.clone(), self.entries.len());
                self.entries.push((id, def));
            }
        }
    }

    pub fn get(&self, id: &str) -> Option<&ProfileDef> {
        self.index.get(id).map(|&at| &self.entries[at].1)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut ProfileDef> {
        self.index.get(id).map(|&at| &mut self.entries[at].1)
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &ProfileDef)> {
        self.entries.iter().map(|(id, def)| (id.as_str(), def))
    }

    /// The models (not the mixes), in insertion order.
    pub(crate) fn models(&self) -> impl Iterator<Item = (&str, &ModelProfile)> {
        self.entries.iter().filter_map(|(id, def)| match def {
            ProfileDef::Model(model) => Some((id.as_str(), model)),
            ProfileDef::Mix(_) => None,
        })
    }

    /// Figures for every entry, in insertion order. Each profile is computed
    /// once however many mixes use it.
    pub fn compute(&self, scenario: &Scenario) -> Vec<(&str, Result<Figures, MixError>)> {
        self.compute_some(scenario, |_, _| true)
    }

    /// Figures for the entries `wanted` picks, in insertion order (parts of
    /// a wanted mix are computed too, but not returned). A slider moving
    /// one profile needs only it and the mixes.
    pub(crate) fn compute_some(
        &self,
        scenario: &Scenario,
        wanted: impl Fn(&str, &ProfileDef) -> bool,
    ) -> Vec<(&str, Result<Figures, MixError>)> {
        let mut walk = Walk::new(self, scenario);
        let picked: Vec<bool> = self
            .entries
            .iter()
            .map(|(id, def)| wanted(id, def))
            .collect();
        for at in (0..self.entries.len()).filter(|&at| picked[at]) {
            // Each result is kept in `visits`; the return value is for parents.
            let _ = walk.visit(at);
        }
        walk.visits
            .into_iter()
            .zip(&self.entries)
            .zip(picked)
            .filter(|(_, picked)| *picked)
            .map(|((visit, (id, def)), _)| {
                let result = match visit {
                    Visit::Done(result) => result,
                    // Unreachable after the walk above; kept total, not panicking.
                    Visit::Unvisited | Visit::InProgress => Err(MixError::TooDeep),
                };
                let figures = result.map(|core| {
                    let risk = match def {
                        ProfileDef::Model(model) => Some(model.risk_figures(scenario)),
                        ProfileDef::Mix(_) => None,
                    };
                    derive_figures(core, risk, scenario)
                });
                (id.as_str(), figures)
            })
            .collect()
    }
}

//! Routing mixes: a profile made of other profiles, each taking a share of
//! the changes. Parts may be mixes themselves; a mix that leads back to
//! itself has no figures.

use std::collections::HashMap;

use super::{CoreFigures, Figures, ModelProfile, Scenario, derive_figures};

/// One part of a routing mix.
#[derive(Debug, Clone, PartialEq)]
pub struct MixPart {
    pub profile_id: String,
    pub share: f64,
}

/// What a profile id stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileDef {
    Model(ModelProfile),
    Mix(Vec<MixPart>),
}

/// Why a mix has no figures.
#[derive(Debug, Clone, PartialEq)]
pub enum MixError {
    /// A part names an id the catalog does not hold.
    Missing { part: String },
    /// The mix leads back to itself; `path` starts and ends at this mix.
    Cycle { path: Vec<String> },
    /// A part is itself a mix without figures.
    BrokenPart { part: String },
    /// Nesting deeper than [`MAX_MIX_DEPTH`], refused to keep the stack safe.
    TooDeep,
}

/// Deeper nesting than this is refused rather than risking the stack.
pub const MAX_MIX_DEPTH: usize = 256;

/// Every valid profile of a folder, by id, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: Vec<(String, ProfileDef)>,
    index: HashMap<String, usize>,
}

enum Visit {
    Unvisited,
    InProgress,
    Done(Result<CoreFigures, MixError>),
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

    pub fn get_mut(&mut self, id: &str) -> Option<&mut ProfileDef> {
        self.index.get(id).map(|&at| &mut self.entries[at].1)
    }

    pub fn entries(&self) -> impl Iterator<Item = (&str, &ProfileDef)> {
        self.entries.iter().map(|(id, def)| (id.as_str(), def))
    }

    /// The models (not the mixes), in insertion order.
    pub fn models(&self) -> impl Iterator<Item = (&str, &ModelProfile)> {
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
    pub fn compute_some(
        &self,
        scenario: &Scenario,
        wanted: impl Fn(&str, &ProfileDef) -> bool,
    ) -> Vec<(&str, Result<Figures, MixError>)> {
        let mut walk = Walk {
            catalog: self,
            scenario,
            visits: self.entries.iter().map(|_| Visit::Unvisited).collect(),
            stack: Vec::new(),
        };
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

struct Walk<'a> {
    catalog: &'a Catalog,
    scenario: &'a Scenario,
    visits: Vec<Visit>,
    stack: Vec<usize>,
}

impl Walk<'_> {
    /// Computes entry `at` once; the figures stay in `visits`, so parents
    /// read them in place rather than each getting a copy.
    fn visit(&mut self, at: usize) -> Result<(), MixError> {
        match &self.visits[at] {
            Visit::Done(Ok(_)) => return Ok(()),
            Visit::Done(Err(err)) => return Err(err.clone()),
            Visit::InProgress => return Err(self.mark_cycle(at)),
            Visit::Unvisited => {}
        }
        let result = match &self.catalog.entries[at].1 {
            ProfileDef::Model(model) => Ok(model.core_figures(self.scenario)),
            ProfileDef::Mix(_) if self.stack.len() >= MAX_MIX_DEPTH => Err(MixError::TooDeep),
            ProfileDef::Mix(parts) => {
                self.visits[at] = Visit::InProgress;
                self.stack.push(at);
                let result = self.blend(parts);
                self.stack.pop();
                result
            }
        };
        // A cycle found below already gave this entry its own message.
        if let Visit::Done(Err(err)) = &self.visits[at] {
            return Err(err.clone());
        }
        let status = match &result {
            Ok(_) => Ok(()),
            Err(err) => Err(err.clone()),
        };
        self.visits[at] = Visit::Done(result);
        status
    }

    fn blend(&mut self, parts: &[MixPart]) -> Result<CoreFigures, MixError> {
        let mut sum = CoreFigures::default();
        for part in parts {
            let Some(&part_at) = self.catalog.index.get(&part.profile_id) else {
                return Err(MixError::Missing {
                    part: part.profile_id.clone(),
                });
            };
            match self.visit(part_at) {
                Ok(()) => {
                    if let Visit::Done(Ok(core)) = &self.visits[part_at] {
                        sum.add_weighted(core, part.share);
                    }
                }
                Err(MixError::TooDeep) => return Err(MixError::TooDeep),
                Err(_) => {
                    return Err(MixError::BrokenPart {
                        part: part.profile_id.clone(),
                    });
                }
            }
        }
        Ok(sum)
    }

    /// Gives every mix on the cycle through `at` its own cycle message and
    /// returns the one for `at`.
    fn mark_cycle(&mut self, at: usize) -> MixError {
        let start = self.stack.iter().position(|&on| on == at).unwrap_or(0);
        let members: Vec<usize> = self.stack[start..].to_vec();
        for (offset, &member) in members.iter().enumerate() {
            let path = members[offset..]
                .iter()
                .chain(&members[..offset])
                .chain(std::iter::once(&member))
                .map(|&m| self.catalog.entries[m].0.clone())
                .collect();
            self.visits[member] = Visit::Done(Err(MixError::Cycle { path }));
        }
        match &self.visits[at] {
            Visit::Done(Err(err)) => err.clone(),
            _ => MixError::TooDeep,
        }
    }
}

//! Routing mixes: a profile made of other profiles, each taking a share of
//! the changes. Parts may be mixes themselves; a mix that leads back to
//! itself has no figures.

use super::catalog::{Catalog, ProfileDef};
use super::{CoreFigures, Scenario};

/// One part of a routing mix.
#[derive(Debug, Clone, PartialEq)]
pub struct MixPart {
    pub profile_id: String,
    pub share: f64,
}

/// `parts` with part `at`'s share set to `share` (clamped to 0..1) and
/// the other parts rescaled in proportion, so the shares still add up to
/// 1; when the others are all 0, they split what is left equally. A
/// one-part mix stays at 1, and an `at` past the end changes nothing.
pub fn with_share(parts: &[MixPart], at: usize, share: f64) -> Vec<MixPart> {
    let mut out = parts.to_vec();
    if at >= parts.len() || parts.len() == 1 || !share.is_finite() {
        return out;
    }
    let share = share.clamp(0.0, 1.0);
    let rest = 1.0 - share;
    let others: f64 = parts
        .iter()
        .enumerate()
        .filter(|(index, _)| *index != at)
        .map(|(_, part)| part.share)
        .sum();
    let count = (parts.len() - 1) as f64;
    for (index, part) in out.iter_mut().enumerate() {
        part.share = if index == at {
            share
        } else if others > 0.0 {
            (part.share / others * rest).clamp(0.0, 1.0)
        } else {
            rest / count
        };
    }
    out
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
pub(crate) const MAX_MIX_DEPTH: usize = 256;

/// Where the walk over the catalog stands with one entry.
pub(super) enum Visit {
    Unvisited,
    InProgress,
    Done(Result<CoreFigures, MixError>),
}

/// One pass computing entries in dependency order: each profile once,
/// however many mixes use it; a mix met again on the way down is a cycle.
pub(super) struct Walk<'a> {
    catalog: &'a Catalog,
    scenario: &'a Scenario,
    pub(super) visits: Vec<Visit>,
    stack: Vec<usize>,
}

impl<'a> Walk<'a> {
    pub(super) fn new(catalog: &'a Catalog, scenario: &'a Scenario) -> Self {
        Walk {
            catalog,
            scenario,
            visits: catalog.entries.iter().map(|_| Visit::Unvisited).collect(),
            stack: Vec::new(),
        }
    }

    /// Computes entry `at` once; the figures stay in `visits`, so parents
    /// read them in place rather than each getting a copy.
    pub(super) fn visit(&mut self, at: usize) -> Result<(), MixError> {
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

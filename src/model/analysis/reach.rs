//! The models a profile reaches: itself for a model, every part (nested
//! mixes included) for a mix. Built once per analysis, then evaluated as
//! often as the levers need, each model once per evaluation however many
//! mixes lead to it.

use std::collections::HashMap;

use super::super::mix::MAX_MIX_DEPTH;
use super::super::{Catalog, ModelProfile, ProfileDef};

/// One profile the root reaches.
enum Node<'a> {
    Model(&'a ModelProfile),
    /// The parts as (node index, share), in the mix's order.
    Mix(Vec<(usize, f64)>),
}

/// The profiles a root reaches, parts before the mixes that use them; the
/// root is the last node.
pub(super) struct Reach<'a> {
    nodes: Vec<Node<'a>>,
}

impl<'a> Reach<'a> {
    /// Everything `id` reaches; `None` when `id` is missing or a mix of it
    /// has no figures (a missing part, a cycle, nesting too deep).
    pub(super) fn new(catalog: &'a Catalog, id: &str) -> Option<Reach<'a>> {
        let root = *catalog.index.get(id)?;
        if let ProfileDef::Model(model) = &catalog.entries[root].1 {
            return Some(Reach {
                nodes: vec![Node::Model(model)],
            });
        }
        let mut builder = Builder {
            catalog,
            placed: HashMap::new(),
            open: Vec::new(),
            nodes: Vec::new(),
        };
        builder.place(root)?;
        Some(Reach {
            nodes: builder.nodes,
        })
    }

    /// The root itself when it is a model.
    pub(super) fn model(&self) -> Option<&'a ModelProfile> {
        match (self.nodes.len(), self.nodes.last()) {
            (1, Some(Node::Model(model))) => Some(model),
            _ => None,
        }
    }

    /// The root's value when every model takes `value(model)` and every
    /// mix the share-weighted sum of its parts, summed in the parts' order
    /// from 0 as the catalog sums a mix's cost.
    pub(super) fn sum(&self, mut value: impl FnMut(&ModelProfile) -> f64) -> f64 {
        let mut values: Vec<f64> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let here = match node {
                Node::Model(model) => value(model),
                Node::Mix(parts) => {
                    let mut sum = 0.0;
                    for &(at, share) in parts {
                        sum += share * values[at];
                    }
                    sum
                }
            };
            values.push(here);
        }
        values.last().copied().unwrap_or(f64::NAN)
    }
}

struct Builder<'a> {
    catalog: &'a Catalog,
    /// Catalog index -> node index, for entries already placed.
    placed: HashMap<usize, usize>,
    /// Mixes on the way down, to refuse a cycle.
    open: Vec<usize>,
    nodes: Vec<Node<'a>>,
}

impl<'a> Builder<'a> {
    fn place(&mut self, at: usize) -> Option<usize> {
        if let Some(&node) = self.placed.get(&at) {
            return Some(node);
        }
        let node = match &self.catalog.entries[at].1 {
            ProfileDef::Model(model) => Node::Model(model),
            ProfileDef::Mix(_) if self.open.len() >= MAX_MIX_DEPTH || self.open.contains(&at) => {
                return None;
            }
            ProfileDef::Mix(parts) => {
                self.open.push(at);
                let mut placed_parts = Vec::with_capacity(parts.len());
                for part in parts {
                    let part_at = *self.catalog.index.get(&part.profile_id)?;
                    placed_parts.push((self.place(part_at)?, part.share));
                }
                self.open.pop();
                Node::Mix(placed_parts)
            }
        };
        self.nodes.push(node);
        self.placed.insert(at, self.nodes.len() - 1);
        Some(self.nodes.len() - 1)
    }
}

//! Keeping the figures in step with the files and the what-ifs: all of
//! them after a reload, only the touched profiles (and the mixes) after a
//! slider moves.

use std::collections::BTreeSet;

use super::App;
use crate::model::ProfileDef;
use crate::overrides::Overrides;
use crate::report::Comparison;

impl App {
    /// Every figure again, from the files plus the what-ifs. A mix whose
    /// file now names other parts loses its share what-if: the split no
    /// longer fits it. `update` says which were dropped (`dropped_splits`).
    pub(super) fn recompute(&mut self, keep_selected: Option<String>) {
        let dropped = self.overrides.drop_unfit_mixes(&self.file_catalog);
        self.dropped_splits.extend(dropped);
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
            match slot {
                ProfileDef::Model(model) => self.overrides.apply_to_model(id, model),
                ProfileDef::Mix(parts) => self.overrides.apply_to_mix(id, parts),
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
}

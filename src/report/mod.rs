//! The comparison, once: rows of figures sorted cheapest first, rendered
//! as a table, markdown, CSV or the JSON of `docs/cli.md`.

mod analysis;
mod columns;
mod csv;
mod json;
mod number;
mod table;
mod width;

pub(crate) use analysis::{
    AnalysisFormat, flips_markdown, levers_markdown, payback_markdown, write_analysis,
};
pub(crate) use columns::Column;
pub(crate) use csv::csv_document;
pub(crate) use json::json_document;
pub use number::{count, grouped, money};
pub(crate) use number::{percent, plural, share_of};
pub(crate) use width::{display_width, pad_left, pad_right, truncate, wrap};

use std::collections::HashMap;

use crate::model::{Figures, Scenario};
use crate::profile::{Calibration, Diagnostic, Folder, LoadedProfile, ProfileKind};

/// One profile's line of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub kind: ProfileKind,
    pub figures: Figures,
    /// The file is broken now: these are its last good values.
    pub stale: bool,
    /// Where its measured usage and quality figures came from (a model's
    /// `[calibration]`); `None` where every one is assumed.
    pub calibration: Option<Calibration>,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub scenario: Scenario,
    pub rows: Vec<Row>,
    pub errors: Vec<Diagnostic>,
    /// The `--set` what-ifs applied on top of the files, in the order
    /// given, as (key, value): a reader must be able to tell them apart.
    pub what_ifs: Vec<(String, f64)>,
}

impl Comparison {
    /// Computes every profile of `folder` under `scenario`, cheapest first
    /// (ties by id, so the order never depends on the file system).
    pub fn new(
        folder: &Folder,
        catalog: &crate::model::Catalog,
        scenario: &Scenario,
    ) -> Comparison {
        let mut results: HashMap<&str, Figures> = catalog
            .compute(scenario)
            .into_iter()
            // The folder already dropped mixes without figures.
            .filter_map(|(id, figures)| Some((id, figures.ok()?)))
            .collect();
        // Each profile takes its own figures, found by id: the catalog's
        // order is not the folder's to rely on.
        let mut paired: Vec<(&LoadedProfile, Option<Figures>)> = folder
            .profiles()
            .iter()
            .filter_map(|profile| {
                let figures = results.remove(profile.id.as_str())?;
                Some((profile, Some(figures)))
            })
            .collect();
        // Sort positions, not rows: rows are large, and a key press in the
        // explorer sorts a thousand of them.
        let cost = |at: usize| {
            paired[at]
                .1
                .as_ref()
                .map_or(f64::NAN, |f| f.core.cost_per_merge)
        };
        let mut order: Vec<usize> = (0..paired.len()).collect();
        order.sort_by(|&a, &b| {
            cheapest_first((cost(a), &paired[a].0.id), (cost(b), &paired[b].0.id))
        });
        let rows = order
            .into_iter()
            .filter_map(|at| {
                let (profile, figures) = &mut paired[at];
                Some(Row {
                    id: profile.id.clone(),
                    name: profile.name.clone(),
                    kind: profile.kind(),
                    figures: figures.take()?,
                    stale: profile.stale,
                    calibration: profile.calibration().cloned(),
                })
            })
            .collect();
        Comparison {
            scenario: scenario.clone(),
            rows,
            errors: folder.errors().to_vec(),
            what_ifs: Vec::new(),
        }
    }
}

impl Comparison {
    /// Takes new figures for some rows (by id) and sorts again. After one
    /// slider move only that profile and the mixes change; the sort is then
    /// nearly done already.
    pub(crate) fn update_rows<'a>(
        &mut self,
        updates: impl IntoIterator<Item = (&'a str, Figures)>,
    ) {
        let at: std::collections::HashMap<&str, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(at, row)| (row.id.as_str(), at))
            .collect();
        let moves: Vec<(usize, Figures)> = updates
            .into_iter()
            .filter_map(|(id, figures)| Some((*at.get(id)?, figures)))
            .collect();
        for (at, figures) in moves {
            self.rows[at].figures = figures;
        }
        self.rows.sort_by(|a, b| {
            cheapest_first(
                (a.figures.core.cost_per_merge, &a.id),
                (b.figures.core.cost_per_merge, &b.id),
            )
        });
    }
}

/// The one order of every comparison: cost per merge, then id, so it never
/// depends on the file system.
fn cheapest_first((a_cost, a_id): (f64, &str), (b_cost, b_id): (f64, &str)) -> std::cmp::Ordering {
    a_cost.total_cmp(&b_cost).then_with(|| a_id.cmp(b_id))
}

/// The output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned for a terminal, readable at 80 columns.
    Table,
    /// A GitHub-flavoured markdown table with every figure.
    Markdown,
    /// Every figure unrounded, one row per profile.
    Csv,
    /// The documented JSON document.
    Json,
}

/// Writes `comparison` in `format` to `out`. JSON streams: a 10,000-row
/// document is over 10 MB, and need not sit in memory twice.
pub fn write(
    comparison: &Comparison,
    format: Format,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => out.write_all(table::human(comparison, table::TABLE_WIDTH).as_bytes()),
        Format::Markdown => out.write_all(table::markdown(comparison).as_bytes()),
        Format::Csv => out.write_all(csv_document(comparison).as_bytes()),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_document(comparison))?;
            out.write_all(b"\n")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Catalog;

    const STRONG: &str = "[prices]\ninput = 3\noutput = 15\n[usage]\ninput_tokens = 40_000\noutput_tokens = 8_000\n\
        [quality]\nfirst_pass_rate = 0.72\nreview_minutes = 6\nsurvive_rate = 0.985\nincident_cost = 900\n";
    const CHEAP: &str = "[prices]\ninput = 1\noutput = 4\n[usage]\ninput_tokens = 40_000\noutput_tokens = 8_000\n\
        [quality]\nfirst_pass_rate = 0.52\nreview_minutes = 11\nsurvive_rate = 0.96\nincident_cost = 900\n";

    /// A catalog in another order than the folder's (as a what-if catalog
    /// rebuilt elsewhere could be) still gives each row its own figures.
    #[test]
    fn rows_take_their_figures_by_id_not_by_position() {
        let files = vec![
            ("cheap.toml".to_string(), CHEAP.as_bytes().to_vec()),
            ("strong.toml".to_string(), STRONG.as_bytes().to_vec()),
        ];
        let folder = Folder::load_memory(files, None);
        let in_folder_order = folder.catalog();
        let mut reversed = Catalog::new();
        let entries: Vec<_> = in_folder_order.entries().collect();
        for (id, def) in entries.into_iter().rev() {
            reversed.insert(id, def.clone());
        }
        let comparison = Comparison::new(&folder, &reversed, folder.scenario());
        let costs: Vec<(&str, String)> = comparison
            .rows
            .iter()
            .map(|row| (row.id.as_str(), money(row.figures.core.cost_per_merge)))
            .collect();
        // The worked check: strong 30.50, cheap 78.45 per merged change.
        assert_eq!(
            costs,
            [("strong", "30.50".into()), ("cheap", "78.45".into())]
        );
    }
}

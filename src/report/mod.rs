//! The comparison, once: rows of figures sorted cheapest first, rendered
//! as a table, markdown, CSV or the JSON of `docs/cli.md`.

mod csv;
mod json;
mod number;
mod table;

pub use csv::csv_document;
pub use json::{JsonReport, json_document};
pub use number::{count, grouped, money, percent};

use crate::model::{Figures, Scenario};
use crate::profile::{Diagnostic, Folder, ProfileKind};

/// One profile's line of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub kind: ProfileKind,
    pub figures: Figures,
    /// The file is broken now: these are its last good values.
    pub stale: bool,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Comparison {
    pub scenario: Scenario,
    pub rows: Vec<Row>,
    pub errors: Vec<Diagnostic>,
}

impl Comparison {
    /// Computes every profile of `folder` under `scenario`, cheapest first
    /// (ties by id, so the order never depends on the file system).
    pub fn new(
        folder: &Folder,
        catalog: &crate::model::Catalog,
        scenario: &Scenario,
    ) -> Comparison {
        let mut results: Vec<Option<Figures>> = catalog
            .compute(scenario)
            .into_iter()
            // The folder already dropped mixes without figures.
            .map(|(_, figures)| figures.ok())
            .collect();
        let profiles = folder.profiles();
        // Sort positions, not rows: rows are large, and a key press in the
        // explorer sorts a thousand of them.
        let cost = |at: usize| {
            results[at]
                .as_ref()
                .map_or(f64::NAN, |f| f.core.cost_per_merge)
        };
        let mut order: Vec<usize> = (0..results.len().min(profiles.len()))
            .filter(|&at| results[at].is_some())
            .collect();
        order.sort_by(|&a, &b| {
            cheapest_first((cost(a), &profiles[a].id), (cost(b), &profiles[b].id))
        });
        let rows = order
            .into_iter()
            .filter_map(|at| {
                let profile = &profiles[at];
                Some(Row {
                    id: profile.id.clone(),
                    name: profile.name.clone(),
                    kind: profile.kind(),
                    figures: results[at].take()?,
                    stale: profile.stale,
                })
            })
            .collect();
        Comparison {
            scenario: scenario.clone(),
            rows,
            errors: folder.errors().to_vec(),
        }
    }
}

impl Comparison {
    /// Takes new figures for some rows (by id) and sorts again. After one
    /// slider move only that profile and the mixes change; the sort is then
    /// nearly done already.
    pub fn update_rows<'a>(&mut self, updates: impl IntoIterator<Item = (&'a str, Figures)>) {
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

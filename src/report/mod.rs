//! The comparison, once: rows of figures sorted cheapest first, rendered
//! as a table, markdown, CSV or the JSON of `../shared/spec/cli.md`.

mod json;
mod number;
mod table;

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
        let mut rows: Vec<Row> = catalog
            .compute(scenario)
            .into_iter()
            .zip(folder.profiles())
            .filter_map(|((id, figures), profile)| {
                // The folder already dropped mixes without figures.
                let figures = figures.ok()?;
                Some(Row {
                    id: id.to_string(),
                    name: profile.name.clone(),
                    kind: profile.kind(),
                    figures,
                })
            })
            .collect();
        rows.sort_by(|a, b| {
            a.figures
                .core
                .cost_per_merge
                .total_cmp(&b.figures.core.cost_per_merge)
                .then_with(|| a.id.cmp(&b.id))
        });
        Comparison {
            scenario: scenario.clone(),
            rows,
            errors: folder.errors().to_vec(),
        }
    }
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
        Format::Csv => out.write_all(table::csv(comparison).as_bytes()),
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_document(comparison))?;
            out.write_all(b"\n")
        }
    }
}

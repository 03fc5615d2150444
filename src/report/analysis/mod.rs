//! `costlens analyze`'s output: the analyses of one profile
//! (`docs/analysis.md`) as a terminal table with a text tornado, as
//! markdown, or as JSON; one file per format.

mod json;
mod markdown;
mod table;
mod words;

pub(crate) use json::json_analysis;
pub(crate) use markdown::{
    flips_section as flips_markdown, levers as levers_markdown, payback as payback_markdown,
};

use super::Comparison;
use crate::model::analysis::Analysis;

/// The output formats of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum AnalysisFormat {
    /// A text tornado and the findings in words, readable at 80 columns.
    Table,
    /// The same content as markdown tables and lists.
    Markdown,
    /// The documented JSON document, every figure unrounded.
    Json,
}

/// Writes `analysis` (of a profile of `comparison`) in `format` to `out`.
pub(crate) fn write_analysis(
    comparison: &Comparison,
    analysis: &Analysis,
    format: AnalysisFormat,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    match format {
        AnalysisFormat::Table => {
            out.write_all(table::human(comparison, analysis, super::table::TABLE_WIDTH).as_bytes())
        }
        AnalysisFormat::Markdown => {
            out.write_all(markdown::markdown(comparison, analysis).as_bytes())
        }
        AnalysisFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_analysis(analysis))?;
            out.write_all(b"\n")
        }
    }
}

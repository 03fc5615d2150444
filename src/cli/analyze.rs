//! `costlens analyze`: the analyses of one profile (`docs/analysis.md`):
//! which lever matters most, where the decision flips, the first-pass
//! rate it needs, retrying and payback.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::{apply_what_ifs, ignore_broken_pipe, open_folder, parse_what_if, print_diagnostics};
use crate::model::analysis::{AnalysisError, Options, Subject, analyze as analyse_profile};
use crate::overrides::WhatIf;
use crate::report::{AnalysisFormat, Comparison, write_analysis};
use crate::suggest::nearest;

/// The longest payback horizon `--weeks` takes: a century.
const MAX_WEEKS: usize = 5200;

#[derive(Debug, clap::Args)]
pub(super) struct AnalyzeArgs {
    /// Profiles folder (default: ./profiles, else the built-in profiles).
    dir: Option<PathBuf>,
    /// The profile to analyse, by id (default: the cheapest).
    #[arg(long, value_name = "ID")]
    profile: Option<String>,
    /// The rival, by id (default: the cheapest other profile).
    #[arg(long, value_name = "ID")]
    against: Option<String>,
    /// How far each lever moves its input down and up, relative: 0 < A < 1.
    #[arg(long, value_name = "A", default_value_t = 0.2, value_parser = parse_step,
          allow_negative_numbers = true)]
    step: f64,
    /// The payback horizon, in weeks (0 to 5200).
    #[arg(long, value_name = "T", default_value_t = 26, value_parser = parse_weeks)]
    weeks: usize,
    /// A what-if on top of the files, as `report --set` takes it.
    #[arg(long = "set", value_name = "K=V", value_parser = parse_what_if)]
    set: Vec<WhatIf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnalysisFormat::Table)]
    format: AnalysisFormat,
}

fn parse_step(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(step) if step > 0.0 && step < 1.0 => Ok(step),
        _ => Err(format!(
            "the step must be a number greater than 0 and less than 1 (found `{text}`)"
        )),
    }
}

fn parse_weeks(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(weeks) if weeks <= MAX_WEEKS => Ok(weeks),
        _ => Err(format!(
            "the weeks must be a whole number from 0 to {MAX_WEEKS} (found `{text}`)"
        )),
    }
}

/// `no profile `fable-51`; did you mean `fable-5.1`?`
fn no_profile(id: &str, known: &[&str]) -> String {
    match nearest(id, known) {
        Some(guess) => format!("no profile `{id}`; did you mean `{guess}`?"),
        None => format!("no profile `{id}`"),
    }
}

pub(super) fn analyze(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let folder = open_folder(args.dir.as_deref())?;
    let (scenario, catalog) = apply_what_ifs(&folder, &args.set)?;
    let mut comparison = Comparison::new(&folder, &catalog, &scenario);
    comparison.what_ifs = args
        .set
        .iter()
        .map(|what_if| (what_if.key(), what_if.value))
        .collect();
    // A profile missing below may be missing because its file is bad.
    print_diagnostics(&folder);
    let ranked: Vec<(&str, f64)> = comparison
        .rows
        .iter()
        .map(|row| (row.id.as_str(), row.figures.core.cost_per_merge))
        .collect();
    let known: Vec<&str> = ranked.iter().map(|&(id, _)| id).collect();
    let profile = match (&args.profile, known.first()) {
        (Some(id), _) => id.as_str(),
        (None, Some(cheapest)) => cheapest,
        // Bad files are the likelier cause: exit as `report` does for them.
        (None, None) if !folder.errors().is_empty() => {
            eprintln!("costlens: no profile to analyse");
            return Ok(super::status(&folder));
        }
        (None, None) => bail!("no profile to analyse"),
    };
    if !known.contains(&profile) {
        bail!(no_profile(profile, &known));
    }
    if let Some(rival) = &args.against {
        if rival == profile {
            bail!("--against names the analysed profile `{rival}`: pick another");
        }
        if !known.contains(&rival.as_str()) {
            bail!(no_profile(rival, &known));
        }
    }
    let subject = Subject {
        profile,
        rival: args.against.as_deref(),
        ranked: &ranked,
    };
    let options = Options {
        step: args.step,
        weeks: args.weeks,
    };
    let analysis = match analyse_profile(&catalog, &scenario, subject, options) {
        Ok(analysis) => analysis,
        Err(AnalysisError::UnknownProfile(id) | AnalysisError::UnknownRival(id)) => {
            bail!(no_profile(&id, &known))
        }
        Err(AnalysisError::BadStep(step)) => {
            bail!("the step must be between 0 and 1 (found {step})")
        }
    };
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let written = write_analysis(&comparison, &analysis, args.format, &mut stdout)
        .and_then(|()| stdout.flush());
    ignore_broken_pipe(written)?;
    Ok(super::status(&folder))
}

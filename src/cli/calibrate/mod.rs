//! `costlens calibrate`: profile figures measured from the team's own
//! records (`docs/calibrate.md`): Claude Code's logs, git history and a
//! pull-request export; reported as a table or JSON, and with `--write`
//! written into the matching profiles.

mod matching;
mod output;
mod write;

use std::io::{IsTerminal, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use serde::Serialize;

use super::{ignore_broken_pipe, open_source};
use crate::app::Source;
use crate::calibrate::git::{self, GitFigures, GitOptions, Window};
use crate::calibrate::interval::MIN_SAMPLE;
use crate::calibrate::logs::{self, Attempts, LogEnv, LogOptions, LogSummary, ModelTotals};
use crate::calibrate::prs::{self, PrFigures};
use crate::profile::{Folder, ProfileKind};
use crate::suggest::nearest;

use matching::Matcher;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum CalibrateFormat {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub(super) struct CalibrateArgs {
    /// Log folders (default: $CLAUDE_CONFIG_DIR, else ~/.config/claude and ~/.claude).
    logs: Vec<PathBuf>,
    /// Keep requests from this UTC date on (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    since: Option<NaiveDate>,
    /// Keep requests up to this UTC date (YYYY-MM-DD, inclusive).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    until: Option<NaiveDate>,
    /// Keep log files whose project folder contains TEXT.
    #[arg(long, value_name = "TEXT")]
    project: Option<String>,
    /// A git repository whose reverts measure the survive rate (may repeat).
    #[arg(long = "git", value_name = "REPO")]
    git: Vec<PathBuf>,
    /// Agent commits are those whose message matches REGEX (replaces the
    /// Co-Authored-By: Claude / Generated with [Claude Code] rule).
    #[arg(long, value_name = "REGEX")]
    agent_pattern: Option<String>,
    /// `gh pr list --state merged --json number,title,body,mergedAt,labels,commits,reviews` output.
    #[arg(long, value_name = "FILE")]
    prs: Option<PathBuf>,
    /// Pull requests with this label are the agent's.
    #[arg(long, value_name = "LABEL")]
    agent_label: Option<String>,
    /// Profiles folder (default: ./profiles, else the built-in profiles).
    #[arg(long, value_name = "DIR")]
    profiles: Option<PathBuf>,
    /// The profile the git and pull-request figures are written into.
    #[arg(long, value_name = "ID")]
    profile: Option<String>,
    /// Figures resting on fewer attempts are reported but never written.
    #[arg(long, value_name = "N", default_value_t = MIN_SAMPLE)]
    min_sample: u64,
    /// Write the measured figures into the matching profiles.
    #[arg(long)]
    write: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CalibrateFormat::Table)]
    format: CalibrateFormat,
}

/// Exactly `YYYY-MM-DD`, a real day: `2025-7-1` or `25-01-01` is refused
/// rather than read as some other day.
fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let digits_at = [0, 1, 2, 3, 5, 6, 8, 9];
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && digits_at.iter().all(|&at| bytes[at].is_ascii_digit());
    shaped
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| format!("expected a date as YYYY-MM-DD (found `{text}`)"))
}

/// The JSON document of `calibrate.md`, section 5.
#[derive(Debug, Serialize)]
pub(super) struct Calibration {
    logs: LogSummary,
    models: Vec<ModelTotals>,
    attempts: Vec<Attempts>,
    git: Option<GitFigures>,
    pull_requests: Option<PrFigures>,
}

pub(super) fn calibrate(args: &CalibrateArgs) -> anyhow::Result<ExitCode> {
    if let (Some(since), Some(until)) = (args.since, args.until)
        && since > until
    {
        bail!("--since {since} is after --until {until}");
    }
    let (folder, source) = open_source(args.profiles.as_deref())?;
    if args.write && source == Source::BuiltIn {
        bail!(
            "--write needs a profiles folder to write into: give --profiles DIR \
             (or run where ./profiles is; `costlens init` writes one)"
        );
    }
    let team_profile = team_profile(&folder, args.profile.as_deref())?;
    let agent_pattern = match &args.agent_pattern {
        Some(pattern) => Some(
            regex::Regex::new(pattern)
                .with_context(|| format!("--agent-pattern `{pattern}` is not a valid regex"))?,
        ),
        None => None,
    };
    // Read the small records first: a bad repository or export is said
    // before minutes of log reading.
    let window = Window {
        since: args.since,
        until: args.until,
    };
    let git = if args.git.is_empty() {
        None
    } else {
        let options = GitOptions {
            window,
            agent_pattern: agent_pattern.as_ref(),
        };
        Some(git::read_git(&args.git, &options).map_err(|err| anyhow::anyhow!("{err}"))?)
    };
    let pull_requests = match &args.prs {
        Some(path) => Some(
            prs::read_prs(path, args.agent_label.as_deref())
                .map_err(|err| anyhow::anyhow!("{err}"))?,
        ),
        None => None,
    };
    let matcher = Matcher::new(&folder);
    let files = logs::find_logs(&args.logs, &LogEnv::from_process(), args.project.as_deref())?;
    let threshold = |model: &str| {
        let profile = matcher.find(model).profile?;
        profile.long_prompt_threshold_tokens()
    };
    let bar = progress_bar(files.total_bytes());
    let tell = |bytes: u64| {
        if let Some(bar) = &bar {
            bar.set_position(bytes);
        }
    };
    let options = LogOptions {
        since: args.since,
        until: args.until,
        long_prompt_threshold: Some(&threshold),
        progress: bar.as_ref().map(|_| &tell as &(dyn Fn(u64) + Sync)),
    };
    let mut report = logs::read_logs(&files, &options);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut warnings: Vec<String> = report.warnings.iter().map(|w| w.to_string()).collect();
    for attempt in &mut report.attempts {
        let found = matcher.find(&attempt.model);
        attempt.profile = found.profile.map(|profile| profile.id.clone());
        warnings.extend(matching::claimed_twice(&attempt.model, &found));
    }
    let calibration = Calibration {
        logs: report.logs,
        models: report.models,
        attempts: report.attempts,
        git,
        pull_requests,
    };
    let plan = write::plan(&folder, &calibration, team_profile, args);
    // Problems in the profiles are said: a model a broken profile claims
    // would otherwise look unmatched, and its file is never written.
    for diagnostic in folder.errors() {
        eprintln!("{diagnostic}");
    }
    if !folder.errors().is_empty() {
        warnings.push(format!(
            "{} problem(s) in the profiles: a broken profile matches no model and is not written (`costlens check` lists them)",
            folder.errors().len()
        ));
    }
    for warning in &warnings {
        eprintln!("costlens: warning: {warning}");
    }
    // Written first, so the table says what happened, not what was meant.
    let written = args.write.then(|| write::apply(&plan));
    let mut stdout = std::io::stdout().lock();
    let printed = match args.format {
        CalibrateFormat::Json => serde_json::to_writer_pretty(&mut stdout, &calibration)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(stdout)),
        CalibrateFormat::Table => {
            let text = output::table(&calibration, &plan, written.as_ref(), &folder);
            stdout.write_all(text.as_bytes())
        }
    };
    ignore_broken_pipe(printed)?;
    let Some(written) = written else {
        return Ok(ExitCode::SUCCESS);
    };
    for line in &written.done {
        eprintln!("costlens: {line}");
    }
    for line in &written.failed {
        eprintln!("costlens: not written: {line}");
    }
    if written.done.is_empty() && written.failed.is_empty() {
        eprintln!(
            "costlens: nothing to write: {}",
            write::why_nothing(&plan, &calibration)
        );
    }
    if written.failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(super::EXIT_USAGE))
    }
}

/// `--profile ID`: a model profile of the folder, or a usage error.
fn team_profile<'a>(folder: &'a Folder, id: Option<&str>) -> anyhow::Result<Option<&'a str>> {
    let Some(id) = id else { return Ok(None) };
    match folder.profile(id) {
        Some(profile) if profile.kind() == ProfileKind::Model => Ok(Some(profile.id.as_str())),
        Some(_) => bail!("--profile `{id}` is a routing mix; name a model profile"),
        None => {
            let known: Vec<&str> = folder.profiles().iter().map(|p| p.id.as_str()).collect();
            match nearest(id, &known) {
                Some(guess) => bail!("no profile `{id}`; did you mean `{guess}`?"),
                None => bail!("no profile `{id}`"),
            }
        }
    }
}

/// A bar on stderr while reading, when stderr is a terminal; none for
/// pipes and files, so scripts see clean output.
fn progress_bar(total_bytes: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || total_bytes == 0 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total_bytes);
    let style = indicatif::ProgressStyle::with_template(
        "reading logs {bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} {eta}",
    )
    .ok()?;
    bar.set_style(style);
    Some(bar)
}

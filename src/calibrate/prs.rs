//! The pull-request reader (`docs/calibrate.md`, section 3): review rounds
//! of agent pull requests, from the JSON array that
//! `gh pr list --state merged --json number,title,body,mergedAt,labels,commits,reviews`
//! writes.
//!
//! The readings of the spec this module takes:
//! - Every entry of the array is a pull request (`count`); the file is
//!   taken as exported, with no filter on `mergedAt` or on dates.
//! - An agent's pull request: its `body` contains
//!   `Generated with [Claude Code]`, or one of its commits' messages
//!   (`messageHeadline` and `messageBody`) has a `Co-Authored-By: Claude…`
//!   trailer, or it carries the `--agent-label` label (compared without
//!   case, as GitHub compares label names). `--agent-pattern` is the git
//!   reader's and does not apply here.
//! - `body`, `labels`, `commits` and `reviews` must be present (`body`
//!   may be null): an export without `reviews` would otherwise read as
//!   every pull request passing first time. Other fields are ignored.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize};

use super::git::{GENERATED_WITH, has_claude_trailer};
use super::interval::wilson_90;
use super::logs::shown;

/// The `pull_requests` object of `calibrate --format json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PrFigures {
    pub count: u64,
    pub agent_count: u64,
    /// Over the agent pull requests: 1 + their `CHANGES_REQUESTED` reviews.
    pub agent_attempts: u64,
    /// `agent_count / agent_attempts`; null without agent pull requests.
    pub first_pass_rate: Option<f64>,
    /// 90% Wilson interval, k = agent pull requests, n = their attempts.
    pub first_pass_rate_90: Option<(f64, f64)>,
}

/// The file cannot be read, or is not such an array: a usage error
/// (exit 2), located like a profile's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrsError {
    Read {
        path: PathBuf,
        message: String,
    },
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl fmt::Display for PrsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Read { path, message } => {
                let path = path.display().to_string();
                write!(f, "{}: {}", shown(&path), shown(message))
            }
            Self::Json {
                path,
                line,
                column,
                message,
            } => {
                let path = path.display().to_string();
                write!(f, "{}:{line}:{column}: {}", shown(&path), shown(message))
            }
        }
    }
}

impl std::error::Error for PrsError {}

/// What is read of one pull request.
#[derive(Deserialize)]
struct RawPr<'a> {
    #[serde(borrow, deserialize_with = "nullable")]
    body: Option<Cow<'a, str>>,
    #[serde(borrow)]
    labels: Vec<RawLabel<'a>>,
    #[serde(borrow)]
    commits: Vec<RawCommit<'a>>,
    #[serde(borrow)]
    reviews: Vec<RawReview<'a>>,
}

#[derive(Deserialize)]
struct RawLabel<'a> {
    #[serde(borrow)]
    name: Cow<'a, str>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCommit<'a> {
    #[serde(borrow)]
    message_headline: Cow<'a, str>,
    #[serde(borrow)]
    message_body: Cow<'a, str>,
}

#[derive(Deserialize)]
struct RawReview<'a> {
    #[serde(borrow)]
    state: Cow<'a, str>,
}

/// A field that must be present but may be null.
fn nullable<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Cow<'de, str>>, D::Error> {
    Option::<Cow<'de, str>>::deserialize(d)
}

/// Reads `--prs FILE`.
pub fn read_prs(path: &Path, agent_label: Option<&str>) -> Result<PrFigures, PrsError> {
    let bytes = std::fs::read(path).map_err(|err| PrsError::Read {
        path: path.to_path_buf(),
        message: format!("cannot read: {err}"),
    })?;
    parse_prs(&bytes, agent_label).map_err(|err| {
        let location = format!(" at line {} column {}", err.line(), err.column());
        let full = err.to_string();
        let message = full.strip_suffix(&location).unwrap_or(&full).to_owned();
        PrsError::Json {
            path: path.to_path_buf(),
            line: err.line(),
            column: err.column(),
            message,
        }
    })
}

/// The figures of an export's bytes.
pub fn parse_prs(bytes: &[u8], agent_label: Option<&str>) -> Result<PrFigures, serde_json::Error> {
    let prs: Vec<RawPr<'_>> = serde_json::from_slice(bytes)?;
    let label = agent_label.map(str::to_lowercase);
    let (mut agent_count, mut agent_attempts) = (0_u64, 0_u64);
    for pr in &prs {
        let by_body = pr
            .body
            .as_deref()
            .is_some_and(|b| b.contains(GENERATED_WITH));
        let by_commit = pr.commits.iter().any(|c| {
            has_claude_trailer(&c.message_headline) || has_claude_trailer(&c.message_body)
        });
        let by_label = label
            .as_deref()
            .is_some_and(|want| pr.labels.iter().any(|l| l.name.to_lowercase() == want));
        if by_body || by_commit || by_label {
            let sent_back = pr.reviews.iter().filter(|r| r.state == "CHANGES_REQUESTED");
            agent_count += 1;
            agent_attempts += 1 + sent_back.count() as u64;
        }
    }
    Ok(PrFigures {
        count: prs.len() as u64,
        agent_count,
        agent_attempts,
        first_pass_rate: (agent_count > 0).then(|| agent_count as f64 / agent_attempts as f64),
        first_pass_rate_90: wilson_90(agent_count, agent_attempts),
    })
}

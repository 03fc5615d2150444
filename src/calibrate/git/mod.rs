//! The git reader (`docs/calibrate.md`, section 2): how often agent
//! changes are reverted, beside the same figures for the other changes,
//! and how many people make agent changes.
//!
//! The readings of the spec this module takes:
//! - A **change** is a commit on the first-parent history of `HEAD` whose
//!   committer date (UTC) is inside the window, both ends inclusive. A
//!   merge commit on that line is a change; the commits it brings in from
//!   the side are not. A revert commit on that line is a change too (the
//!   spec's definition has no exception), agent's or not by its message.
//! - A **revert** is any commit reachable from `HEAD` (all parents, any
//!   date) whose message holds `This reverts commit <sha>`: a change made
//!   in the window and reverted after it, or reverted on a branch merged
//!   later, was reverted. The hash may be abbreviated (7 to 64 hex
//!   digits); it names the one commit among the first-parent history and
//!   the reverts that it begins, and nothing when two share it.
//! - **Authors** are author emails, compared without ASCII case.
//! - **Weeks** for the weekly median are ISO weeks (Monday to Sunday, UTC)
//!   from the week of `--since` to the week of `--until`; a missing end is
//!   the first or last change's week. A week with no agent change counts
//!   as 0. With no window end and no change, the median is null.

mod log;
mod reverts;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Days, NaiveDate};
use regex::Regex;
use serde::{Serialize, Serializer};

use super::interval::wilson_90;
use super::logs::shown;

/// What Claude Code writes at the end of a commit or pull-request body.
pub(crate) const GENERATED_WITH: &str = "Generated with [Claude Code]";

/// Inclusive UTC dates; either end may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Window {
    fn holds(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= day) && self.until.is_none_or(|until| day <= until)
    }
}

/// What to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct GitOptions<'a> {
    pub window: Window,
    /// `--agent-pattern`: an agent change is one whose message this
    /// matches (anywhere), instead of the Claude trailer or line.
    pub agent_pattern: Option<&'a Regex>,
}

/// The `git` object of `calibrate --format json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GitFigures {
    pub changes: u64,
    pub agent_changes: u64,
    pub agent_reverted: u64,
    /// `1 - agent_reverted / agent_changes`; null without agent changes.
    pub survive_rate: Option<f64>,
    /// 90% Wilson interval of the agent changes that survive.
    pub survive_rate_90: Option<(f64, f64)>,
    pub other_changes: u64,
    pub other_reverted: u64,
    pub other_survive_rate: Option<f64>,
    pub agent_authors: u64,
    #[serde(serialize_with = "whole_as_integer")]
    pub agent_authors_weekly_median: Option<f64>,
}

/// A repository git cannot read, or git missing: a usage or I/O error
/// (exit 2), naming the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitError {
    pub repo: PathBuf,
    pub message: String,
}

impl GitError {
    fn new(repo: &Path, message: String) -> Self {
        Self {
            repo: repo.to_path_buf(),
            message,
        }
    }
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.repo.display().to_string();
        write!(f, "{}: {}", shown(&path), shown(&self.message))
    }
}

impl std::error::Error for GitError {}

/// What the figures need of one change.
struct Change {
    day: NaiveDate,
    author: String,
    agent: bool,
    reverted: bool,
}

/// Reads each of `repos` (`--git`, may repeat) with the real `git` and
/// computes the figures over all their changes together.
pub fn read_git(repos: &[PathBuf], options: &GitOptions<'_>) -> Result<GitFigures, GitError> {
    let mut changes = Vec::new();
    for repo in repos {
        changes.extend(read_repo(repo, options)?);
    }
    Ok(figures(&changes, options.window))
}

fn read_repo(repo: &Path, options: &GitOptions<'_>) -> Result<Vec<Change>, GitError> {
    if !log::has_commits(repo)? {
        return Ok(Vec::new());
    }
    let line = log::first_parent(repo)?;
    let mut reverts = log::reverts(repo)?;
    let on_line: HashSet<&str> = line.iter().map(|c| c.sha.as_str()).collect();
    reverts.retain(|c| !on_line.contains(c.sha.as_str()));
    let all: Vec<&log::Commit> = line.iter().chain(&reverts).collect();
    let reverted = reverts::reverted(&all);
    let mut changes = Vec::new();
    for (commit, reverted) in line.iter().zip(reverted) {
        let Some(day) = DateTime::from_timestamp(commit.committed_s, 0) else {
            continue;
        };
        let day = day.date_naive();
        if options.window.holds(day) {
            changes.push(Change {
                day,
                author: commit.author_email.to_ascii_lowercase(),
                agent: is_agent(&commit.message, options.agent_pattern),
                reverted,
            });
        }
    }
    Ok(changes)
}

/// Whether a commit message marks an agent's change.
pub(crate) fn is_agent(message: &str, pattern: Option<&Regex>) -> bool {
    match pattern {
        Some(pattern) => pattern.is_match(message),
        None => has_claude_trailer(message) || message.contains(GENERATED_WITH),
    }
}

/// A `Co-Authored-By:` line (key in any case, leading blanks allowed)
/// whose name starts with `Claude` in any case.
pub(crate) fn has_claude_trailer(message: &str) -> bool {
    const KEY: &str = "co-authored-by:";
    message.lines().any(|line| {
        let line = line.trim_start();
        let Some(key) = line.get(..KEY.len()) else {
            return false;
        };
        let name = line[KEY.len()..].trim_start();
        key.eq_ignore_ascii_case(KEY)
            && name
                .get(..6)
                .is_some_and(|n| n.eq_ignore_ascii_case("claude"))
    })
}

fn figures(changes: &[Change], window: Window) -> GitFigures {
    let count = |agent: bool, reverted: bool| {
        let hits = changes
            .iter()
            .filter(|c| c.agent == agent && (!reverted || c.reverted));
        hits.count() as u64
    };
    let (agent_changes, agent_reverted) = (count(true, false), count(true, true));
    let (other_changes, other_reverted) = (count(false, false), count(false, true));
    let survive = |all: u64, reverted: u64| (all > 0).then(|| 1.0 - reverted as f64 / all as f64);
    let agent_authors: HashSet<&str> = changes
        .iter()
        .filter(|c| c.agent)
        .map(|c| c.author.as_str())
        .collect();
    GitFigures {
        changes: changes.len() as u64,
        agent_changes,
        agent_reverted,
        survive_rate: survive(agent_changes, agent_reverted),
        survive_rate_90: wilson_90(agent_changes - agent_reverted, agent_changes),
        other_changes,
        other_reverted,
        other_survive_rate: survive(other_changes, other_reverted),
        agent_authors: agent_authors.len() as u64,
        agent_authors_weekly_median: weekly_median(changes, window),
    }
}

/// The median, over the window's ISO weeks, of distinct agent authors.
fn weekly_median(changes: &[Change], window: Window) -> Option<f64> {
    let first = window
        .since
        .or_else(|| changes.iter().map(|c| c.day).min())?;
    let last = window
        .until
        .or_else(|| changes.iter().map(|c| c.day).max())?;
    let (first, last) = (monday(first), monday(last));
    if first > last {
        return None;
    }
    let mut authors: HashMap<NaiveDate, HashSet<&str>> = HashMap::new();
    for change in changes.iter().filter(|c| c.agent) {
        let week = authors.entry(monday(change.day)).or_default();
        week.insert(change.author.as_str());
    }
    let mut counts = BTreeMap::new();
    let mut week = first;
    while week <= last {
        let authors = authors.get(&week).map_or(0, HashSet::len);
        *counts.entry(authors).or_insert(0_usize) += 1;
        week = week.checked_add_days(Days::new(7))?;
    }
    median(&counts)
}

/// The median of a multiset given as value -> how many times.
fn median(counts: &BTreeMap<usize, usize>) -> Option<f64> {
    let total: usize = counts.values().sum();
    let nth = |n: usize| {
        let mut seen = 0;
        counts.iter().find_map(|(&value, &times)| {
            seen += times;
            (seen > n).then_some(value as f64)
        })
    };
    match total {
        0 => None,
        _ if total % 2 == 1 => nth(total / 2),
        _ => Some((nth(total / 2 - 1)? + nth(total / 2)?) / 2.0),
    }
}

fn monday(day: NaiveDate) -> NaiveDate {
    day.week(chrono::Weekday::Mon).first_day()
}

/// `9.0` as `9`, `8.5` as `8.5`: a median of counts is whole unless it
/// falls between two weeks.
fn whole_as_integer<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && *v >= 0.0 && *v < 2f64.powi(53) => {
            serializer.serialize_u64(*v as u64)
        }
        Some(v) => serializer.serialize_f64(*v),
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailer_rule() {
        let yes = [
            "x\n\nCo-Authored-By: Claude <noreply@anthropic.com>",
            "x\n\nco-authored-by: claude sonnet <c@x>\n",
            "x\n\n  CO-AUTHORED-BY:CLAUDE",
        ];
        let no = [
            "x\n\nCo-Authored-By: Dana <dana@x>",
            "x\n\nCo-Authored-By: <claude@x>",
            "x\n\nSigned-off-by: Claude <c@x>",
            "Claude wrote this\n\nCo-Authored-By: Bo",
            "x\n\nCo-Authored-By: Cla",
            "x\n\nCo-Authored-By ✓ Claude",
        ];
        for message in yes {
            assert!(has_claude_trailer(message), "{message:?}");
        }
        for message in no {
            assert!(!has_claude_trailer(message), "{message:?}");
        }
    }

    #[test]
    fn median_of_counts() {
        let of = |values: &[usize]| {
            let mut counts = BTreeMap::new();
            for &v in values {
                *counts.entry(v).or_insert(0) += 1;
            }
            median(&counts)
        };
        assert_eq!(of(&[]), None);
        assert_eq!(of(&[3]), Some(3.0));
        assert_eq!(of(&[0, 5, 1]), Some(1.0));
        assert_eq!(of(&[0, 2, 1, 4]), Some(1.5));
        assert_eq!(of(&[2, 2, 0, 0]), Some(1.0));
    }

    #[test]
    fn weekly_median_serialises_whole_values_as_integers() {
        let mut figures = GitFigures {
            agent_authors_weekly_median: Some(9.0),
            ..GitFigures::default()
        };
        let text = serde_json::to_string(&figures).unwrap();
        assert!(
            text.contains("\"agent_authors_weekly_median\":9}"),
            "{text}"
        );
        figures.agent_authors_weekly_median = Some(8.5);
        let text = serde_json::to_string(&figures).unwrap();
        assert!(
            text.contains("\"agent_authors_weekly_median\":8.5}"),
            "{text}"
        );
    }
}

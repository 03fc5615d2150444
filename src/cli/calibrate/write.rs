//! `--write`: each measured figure into its profile, with a
//! `[calibration]` table saying where the figures came from. The plan is
//! made first (the table shows it, old → new); nothing resting on fewer
//! than `--min-sample` attempts is in it.

use std::path::PathBuf;

use chrono::Utc;

use super::{CalibrateArgs, Calibration};
use crate::model::ProfileField;
use crate::profile::{Folder, LoadedProfile, measured_name};
use crate::report::plural;
use crate::writeback::{CalibrationRecord, Change, Edit, FileKind, save_change};

/// One field's change.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct FieldChange {
    pub field: ProfileField,
    pub old: f64,
    pub new: f64,
}

/// What one profile gets.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ProfilePlan {
    pub id: String,
    pub path: PathBuf,
    pub changes: Vec<FieldChange>,
    /// The records behind them, for `[calibration] from`.
    pub from: Vec<String>,
}

/// Every profile's changes, and the figures held back for their sample.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Plan {
    pub profiles: Vec<ProfilePlan>,
    /// `claude-x (opus-4.8): 4 sessions, fewer than --min-sample 10`.
    pub held_back: Vec<String>,
}

impl Plan {
    fn entry(&mut self, profile: &LoadedProfile) -> &mut ProfilePlan {
        let at = match self.profiles.iter().position(|p| p.id == profile.id) {
            Some(at) => at,
            None => {
                self.profiles.push(ProfilePlan {
                    id: profile.id.clone(),
                    path: PathBuf::from(&profile.path),
                    changes: Vec::new(),
                    from: Vec::new(),
                });
                self.profiles.len() - 1
            }
        };
        &mut self.profiles[at]
    }
}

pub(super) fn plan(
    folder: &Folder,
    calibration: &Calibration,
    team_profile: Option<&str>,
    args: &CalibrateArgs,
) -> Plan {
    let mut plan = Plan::default();
    let min = args.min_sample;
    // Two log models may match one profile (two dated releases): the one
    // with the most sessions speaks for it (attempts are sorted so).
    let mut taken: Vec<&str> = Vec::new();
    for attempt in &calibration.attempts {
        let Some(profile) = attempt.profile.as_deref().and_then(|id| folder.profile(id)) else {
            continue;
        };
        if attempt.sessions < min {
            plan.held_back.push(format!(
                "{} ({}): {}, fewer than --min-sample {min}",
                crate::calibrate::logs::shown(&attempt.model),
                profile.id,
                plural(attempt.sessions, "session")
            ));
            continue;
        }
        if taken.contains(&profile.id.as_str()) {
            plan.held_back.push(format!(
                "{} ({}): another model with more sessions speaks for this profile",
                crate::calibrate::logs::shown(&attempt.model),
                profile.id
            ));
            continue;
        }
        taken.push(&profile.id);
        let usage = &attempt.usage;
        // No main-thread tokens (sub-agents only): an attempt's own tokens
        // and its fan-out are unknown, not zero.
        let per_attempt = usage
            .fanout
            .map(|_| (usage.input_tokens, usage.output_tokens));
        if per_attempt.is_none() {
            plan.held_back.push(format!(
                "{} ({}): no main-thread requests, so no tokens per attempt or fan-out",
                crate::calibrate::logs::shown(&attempt.model),
                profile.id
            ));
        }
        let figures = [
            (
                ProfileField::InputTokens,
                per_attempt.map(|(input, _)| input),
            ),
            (
                ProfileField::OutputTokens,
                per_attempt.map(|(_, output)| output),
            ),
            (ProfileField::Fanout, usage.fanout),
            (ProfileField::CacheHitRatio, usage.cache_hit_ratio),
            (ProfileField::CacheWriteRatio, usage.cache_write_ratio),
            (ProfileField::LongPromptShare, usage.long_prompt_share),
        ];
        let from = sessions_from(calibration, attempt.sessions);
        add(&mut plan, profile, &figures, from);
    }
    if team_profile.is_none() {
        // The team's figures describe no one model: they need a home.
        let named =
            |what: &str| format!("{what}: written only into the profile named by --profile ID");
        if calibration.git.is_some() {
            plan.held_back.push(named("survive rate (git)"));
        }
        if calibration.pull_requests.is_some() {
            plan.held_back
                .push(named("first-pass rate (pull requests)"));
        }
    }
    if let Some(profile) = team_profile.and_then(|id| folder.profile(id)) {
        if let Some(git) = &calibration.git {
            if git.agent_changes >= min {
                let from = format!("{} changes in {}", git.changes, repos_named(&args.git));
                add(
                    &mut plan,
                    profile,
                    &[(ProfileField::SurviveRate, git.survive_rate)],
                    from,
                );
            } else {
                plan.held_back.push(format!(
                    "survive rate ({}): {}, fewer than --min-sample {min}",
                    profile.id,
                    plural(git.agent_changes, "agent change")
                ));
            }
        }
        if let Some(prs) = &calibration.pull_requests {
            if prs.agent_count >= min {
                let from = format!("{} pull requests", prs.count);
                let figure = [(ProfileField::FirstPassRate, prs.first_pass_rate)];
                add(&mut plan, profile, &figure, from);
            } else {
                plan.held_back.push(format!(
                    "first-pass rate ({}): {}, fewer than --min-sample {min}",
                    profile.id,
                    plural(prs.agent_count, "agent pull request")
                ));
            }
        }
    }
    plan
}

/// `412 Claude Code sessions 2026-10-01..2026-11-28`.
fn sessions_from(calibration: &Calibration, sessions: u64) -> String {
    let day = |at: Option<chrono::DateTime<Utc>>| at.map(|at| at.format("%Y-%m-%d").to_string());
    match (day(calibration.logs.from), day(calibration.logs.to)) {
        (Some(from), Some(to)) => {
            format!("{} {from}..{to}", plural(sessions, "Claude Code session"))
        }
        _ => plural(sessions, "Claude Code session"),
    }
}

fn add(
    plan: &mut Plan,
    profile: &LoadedProfile,
    figures: &[(ProfileField, Option<f64>)],
    from: String,
) {
    let Some(model) = profile.model() else { return };
    let entry = plan.entry(profile);
    let before = entry.changes.len();
    for &(field, new) in figures {
        let Some(new) = new.filter(|value| value.is_finite()) else {
            continue;
        };
        // A long-prompt share only means something with a second band.
        if field == ProfileField::LongPromptShare && model.long_prompt.is_none() {
            continue;
        }
        entry.changes.push(FieldChange {
            field,
            old: field.get(model),
            new: readable(field, new),
        });
    }
    keep_cache_shares_apart(&mut entry.changes);
    if entry.changes.len() > before && !entry.from.contains(&from) {
        entry.from.push(from);
    }
}

/// A measured figure as a person would write it into a hand-edited file:
/// whole tokens, and shares and rates to four decimals (0.01 percentage
/// point, finer than any sample here can tell). A rate the rules keep
/// above 0 stays above 0.
fn readable(field: ProfileField, value: f64) -> f64 {
    match field {
        ProfileField::InputTokens | ProfileField::OutputTokens => value.round(),
        ProfileField::FirstPassRate => ((value * 1e4).round() / 1e4).max(1e-4),
        _ => (value * 1e4).round() / 1e4,
    }
}

/// Rounded apart, a hit and a write ratio that add up to 1 could add up
/// to 1.0001, which no profile may hold: the write ratio gives way.
fn keep_cache_shares_apart(changes: &mut [FieldChange]) {
    let share =
        |changes: &[FieldChange], field| changes.iter().find(|c| c.field == field).map(|c| c.new);
    let Some(hit) = share(changes, ProfileField::CacheHitRatio) else {
        return;
    };
    if let Some(write) = changes
        .iter_mut()
        .find(|c| c.field == ProfileField::CacheWriteRatio)
    {
        write.new = write.new.min(((1.0 - hit) * 1e4).floor() / 1e4);
    }
}

/// `api/` or `api/, web/`: the repositories' folder names.
fn repos_named(repos: &[PathBuf]) -> String {
    let names: Vec<String> = repos
        .iter()
        .map(|repo| {
            let name = std::fs::canonicalize(repo)
                .ok()
                .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| repo.display().to_string());
            format!("{}/", crate::calibrate::logs::shown(&name))
        })
        .collect();
    names.join(", ")
}

/// What writing the plan did, file by file.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// `wrote 5 measured figures into profiles/opus-4.8.toml`.
    pub done: Vec<String>,
    /// A file that could not be written, and why; the others were tried.
    pub failed: Vec<String>,
}

/// Writes the plan, every profile even after one fails.
pub(super) fn apply(plan: &Plan) -> Written {
    let at = Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let mut written = Written::default();
    for profile in plan.profiles.iter().filter(|p| !p.changes.is_empty()) {
        let edits = profile
            .changes
            .iter()
            .map(|change| Edit {
                table: change.field.table().to_string(),
                key: change.field.key().to_string(),
                value: change.new,
            })
            .collect();
        let record = CalibrationRecord {
            at: at.clone(),
            from: profile.from.join("; "),
            measured: profile
                .changes
                .iter()
                .filter_map(|change| measured_name(change.field))
                .collect(),
        };
        let change = Change::Calibrated { edits, record };
        match save_change(&profile.path, FileKind::Profile, &change) {
            Ok(()) => written.done.push(format!(
                "wrote {} measured figures into {}",
                profile.changes.len(),
                profile.path.display()
            )),
            Err(err) => written.failed.push(format!("{err:#}")),
        }
    }
    written
}

/// Why a plan writes nothing, in the user's terms.
pub(super) fn why_nothing(plan: &Plan, calibration: &Calibration) -> String {
    if !plan.held_back.is_empty() {
        return "every figure is held back (see \"Not written\")".to_string();
    }
    if calibration.attempts.is_empty() {
        return "no usage in the logs".to_string();
    }
    "no log model matches a profile's model_ids".to_string()
}

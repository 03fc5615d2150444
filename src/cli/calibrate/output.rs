//! `--format table`: a summary that reads at 80 columns. The logs, then
//! per model its sessions, tokens per session (median, p90), cache hit and
//! write ratios, fan-out and profile; then the git and review figures with
//! their 90% intervals; then what `--write` would change (old → new).
//! Every text from the records goes through `shown`.

use std::fmt::Write as _;

use super::Calibration;
use super::write::{Plan, Written, why_nothing};
use crate::calibrate::logs::shown;
use crate::profile::Folder;
use crate::report::{count, grouped, pad_left, pad_right, percent, truncate, wrap};

/// The model column's width; the rest of the row takes 49 columns.
const MODEL_WIDTH: usize = 31;

pub(super) fn table(
    calibration: &Calibration,
    plan: &Plan,
    written: Option<&Written>,
    folder: &Folder,
) -> String {
    let mut out = String::new();
    logs_summary(&mut out, calibration);
    models(&mut out, calibration, folder);
    git(&mut out, calibration);
    pull_requests(&mut out, calibration);
    changes(&mut out, plan, written, calibration);
    out
}

fn logs_summary(out: &mut String, calibration: &Calibration) {
    let logs = &calibration.logs;
    let span = match (logs.from, logs.to) {
        (Some(from), Some(to)) => {
            format!(", {}..{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"))
        }
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "Logs: {} files, {:.1} MB{span}\n  {} usage lines ({} skipped, {} duplicates), {} requests, {} sessions",
        count(logs.files as f64),
        logs.bytes as f64 / 1e6,
        count(logs.usage_lines as f64),
        count(logs.skipped_lines as f64),
        count(logs.duplicate_lines as f64),
        count(logs.requests as f64),
        count(logs.sessions as f64),
    );
}

fn models(out: &mut String, calibration: &Calibration, folder: &Folder) {
    if calibration.attempts.is_empty() {
        let _ = writeln!(out, "\nNo usage in the logs.");
        return;
    }
    let _ = writeln!(
        out,
        "\n{} {} {} {} {} {} {}",
        pad_right("Model (an attempt is a session)", MODEL_WIDTH),
        pad_left("sessions", 8),
        pad_left("median", 9),
        pad_left("p90", 7),
        pad_left("hit", 6),
        pad_left("write", 6),
        pad_left("fan-out", 7),
    );
    let mut unmatched = Vec::new();
    for attempt in &calibration.attempts {
        let usage = &attempt.usage;
        let ratio = |value: Option<f64>| value.map_or("—".to_string(), percent);
        let _ = writeln!(
            out,
            "{} {} {} {} {} {} {}",
            pad_right(&truncate(&shown(&attempt.model), MODEL_WIDTH), MODEL_WIDTH),
            pad_left(&count(attempt.sessions as f64), 8),
            pad_left(&short(attempt.tokens_per_session_median as f64), 9),
            pad_left(&short(attempt.tokens_per_session_p90 as f64), 7),
            pad_left(&ratio(usage.cache_hit_ratio), 6),
            pad_left(&ratio(usage.cache_write_ratio), 6),
            pad_left(
                &usage.fanout.map_or("—".to_string(), |f| format!("{f:.2}×")),
                7
            ),
        );
        let profile = match attempt.profile.as_deref().and_then(|id| folder.profile(id)) {
            Some(profile) => format!("→ {} ({})", profile.id, shown(&profile.name)),
            None => {
                unmatched.push(shown(&attempt.model));
                "→ no profile".to_string()
            }
        };
        let _ = writeln!(
            out,
            "  {}",
            truncate(
                &format!(
                    "{profile}; per session {} in, {} out",
                    grouped(usage.input_tokens, 0),
                    grouped(usage.output_tokens, 0)
                ),
                78
            )
        );
    }
    for model in unmatched {
        let _ = writeln!(
            out,
            "  hint: no profile matches {model};\n        list it in a profile's model_ids to calibrate it"
        );
    }
}

/// `640k`, `2.9M`: token counts that fit a narrow column.
fn short(tokens: f64) -> String {
    if tokens >= 1e6 {
        format!("{:.1}M", tokens / 1e6)
    } else if tokens >= 1e4 {
        format!("{:.0}k", tokens / 1e3)
    } else {
        count(tokens)
    }
}

fn interval(range: Option<(f64, f64)>) -> String {
    range.map_or(String::new(), |(low, high)| {
        format!(" (90%: {}–{})", percent(low), percent(high))
    })
}

fn git(out: &mut String, calibration: &Calibration) {
    let Some(git) = &calibration.git else { return };
    let rate = |rate: Option<f64>| rate.map_or("—".to_string(), percent);
    let _ = writeln!(
        out,
        "\nGit: {} changes, {} by the agent, {} of them reverted\n  survive rate {}{}\n  other changes: {}, {} reverted, survive rate {}\n  agent authors: {}, a week (median): {}",
        count(git.changes as f64),
        count(git.agent_changes as f64),
        count(git.agent_reverted as f64),
        rate(git.survive_rate),
        interval(git.survive_rate_90),
        count(git.other_changes as f64),
        count(git.other_reverted as f64),
        rate(git.other_survive_rate),
        count(git.agent_authors as f64),
        git.agent_authors_weekly_median
            .map_or("—".to_string(), |m| grouped(m, 1)),
    );
}

fn pull_requests(out: &mut String, calibration: &Calibration) {
    let Some(prs) = &calibration.pull_requests else {
        return;
    };
    let _ = writeln!(
        out,
        "\nPull requests: {}, {} by the agent over {} attempts\n  first-pass rate {}{}",
        count(prs.count as f64),
        count(prs.agent_count as f64),
        count(prs.agent_attempts as f64),
        prs.first_pass_rate.map_or("—".to_string(), percent),
        interval(prs.first_pass_rate_90),
    );
}

fn changes(out: &mut String, plan: &Plan, written: Option<&Written>, calibration: &Calibration) {
    let any = plan.profiles.iter().any(|p| !p.changes.is_empty());
    if any {
        let heading = match written {
            None => "--write would change",
            Some(written) if written.failed.is_empty() => "Written",
            Some(_) => "Planned (see the errors below for what was not written)",
        };
        let _ = writeln!(out, "\n{heading}:");
    }
    for profile in &plan.profiles {
        for change in &profile.changes {
            let name = format!("{}.{}", change.field.table(), change.field.key());
            let new = if change.old == change.new {
                format!("{} (as before)", value(change.new))
            } else {
                value(change.new)
            };
            let line = format!(
                "  {} {} {} → {new}",
                pad_right(&profile.id, 14),
                pad_right(&name, 24),
                value(change.old),
            );
            let _ = writeln!(out, "{}", truncate(&line, 80));
        }
    }
    if !plan.held_back.is_empty() {
        let _ = writeln!(out, "\nNot written:");
        for line in &plan.held_back {
            wrapped(out, line);
        }
    }
    if !any && plan.held_back.is_empty() {
        let _ = writeln!(out);
        wrapped(
            out,
            &format!("Nothing to write: {}.", why_nothing(plan, calibration)),
        );
    }
}

/// `line` indented two columns, its continuation four, within 80.
fn wrapped(out: &mut String, line: &str) {
    for (at, part) in wrap(line, 76).iter().enumerate() {
        let indent = if at == 0 { "  " } else { "    " };
        let _ = writeln!(out, "{indent}{part}");
    }
}

/// A figure as the file holds it: shares and rates to four decimals,
/// whole tokens grouped.
fn value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() >= 10.0 {
        grouped(value, 0)
    } else {
        let text = format!("{value:.4}");
        let text = text.trim_end_matches('0');
        text.strip_suffix('.').unwrap_or(text).to_string()
    }
}

//! Claude Code's session logs to usage figures (`docs/calibrate.md`,
//! section 1). [`find_logs`] ([`log_roots`], then [`find_log_files`])
//! finds the files, [`read_logs`] reads them in parallel (largest first),
//! applies the line and duplicate rules in path order, and computes the
//! per-model totals and each model's attempt figures.
//!
//! Model ids and names in the report are raw text from the logs: print
//! them through [`shown`].

mod dedup;
mod figures;
mod find;
mod line;
mod read;
mod stamp;
mod text;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use rayon::prelude::*;
use serde::{Serialize, Serializer};

pub use find::{LogEnv, LogFile, LogFiles, find_log_files, find_logs, log_roots};
pub use read::MAX_LINE_BYTES;
pub use text::shown;

/// Why the logs cannot be read at all.
#[derive(Debug)]
pub enum LogsError {
    /// A folder named (argument or `CLAUDE_CONFIG_DIR`) does not exist:
    /// a usage error (exit 2).
    MissingFolder(PathBuf),
}

impl fmt::Display for LogsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingFolder(path) => {
                write!(f, "{}: no such folder", shown(&path.display().to_string()))
            }
        }
    }
}

impl std::error::Error for LogsError {}

/// A file or folder that could not be read (the rest was read), or, with
/// no path, something about the run as a whole (no logs anywhere).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: Option<PathBuf>,
    pub message: String,
}

impl Warning {
    pub(crate) fn new(path: &Path, message: String) -> Self {
        Self {
            path: Some(path.to_path_buf()),
            message,
        }
    }

    pub(crate) fn general(message: String) -> Self {
        Self {
            path: None,
            message,
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.path {
            Some(path) => {
                let path = path.display().to_string();
                write!(f, "{}: {}", shown(&path), shown(&self.message))
            }
            None => write!(f, "{}", shown(&self.message)),
        }
    }
}

/// A model id to its matched profile's long-prompt threshold, if any.
pub type LongPromptThreshold<'a> = &'a dyn Fn(&str) -> Option<u64>;

/// What to count.
#[derive(Default)]
pub struct LogOptions<'a> {
    /// Keep requests from this UTC date on (inclusive).
    pub since: Option<NaiveDate>,
    /// Keep requests up to this UTC date (inclusive).
    pub until: Option<NaiveDate>,
    /// A model's matched profile's long-prompt threshold, in prompt
    /// tokens; `long_prompt_share` is null for a model without one.
    pub long_prompt_threshold: Option<LongPromptThreshold<'a>>,
    /// Told the bytes read so far, as reading goes (from worker threads).
    pub progress: Option<&'a (dyn Fn(u64) + Sync)>,
}

/// The `logs` object of `calibrate --format json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LogSummary {
    pub files: u64,
    pub bytes: u64,
    /// Usage lines of the requests counted, copies included.
    pub usage_lines: u64,
    pub skipped_lines: u64,
    pub duplicate_lines: u64,
    pub requests: u64,
    pub sessions: u64,
    /// The first and last counted request (UTC, to the second).
    #[serde(serialize_with = "utc_seconds")]
    pub from: Option<DateTime<Utc>>,
    #[serde(serialize_with = "utc_seconds")]
    pub to: Option<DateTime<Utc>>,
}

/// One entry of `models`: every counted request of one model id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ModelTotals {
    pub model: String,
    pub requests: u64,
    pub fast_requests: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cache_write_tokens: u64,
    pub cache_write_1h_tokens: u64,
    pub cache_read_tokens: u64,
}

/// One entry of `attempts`: the sessions whose model is `model`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attempts {
    pub model: String,
    /// The matched profile's id, filled by the matching code.
    pub profile: Option<String>,
    pub sessions: u64,
    pub requests: u64,
    pub usage: AttemptUsage,
    pub cache_write_1h_share: Option<f64>,
    pub tokens_per_session_median: u64,
    pub tokens_per_session_p90: u64,
}

/// The profile's `usage.*` figures, per attempt.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttemptUsage {
    /// Main-thread prompt tokens (input + cache writes + cache reads) per
    /// session.
    pub input_tokens: f64,
    /// Main-thread output tokens per session.
    pub output_tokens: f64,
    pub fanout: Option<f64>,
    pub cache_hit_ratio: Option<f64>,
    pub cache_write_ratio: Option<f64>,
    pub long_prompt_share: Option<f64>,
}

/// Everything read from the logs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LogReport {
    pub logs: LogSummary,
    pub models: Vec<ModelTotals>,
    pub attempts: Vec<Attempts>,
    pub warnings: Vec<Warning>,
}

/// Reads `files` (from [`find_log_files`]) and computes the figures.
/// Never fails: an unreadable file is a warning, an unusable line a
/// counted skip.
pub fn read_logs(files: &LogFiles, options: &LogOptions<'_>) -> LogReport {
    let reads = read_all(&files.files, options.progress);
    let mut report = LogReport {
        warnings: files.warnings.clone(),
        ..LogReport::default()
    };
    for (file, read) in files.files.iter().zip(&reads) {
        if let Some(err) = &read.error {
            let message = if read.bytes == 0 {
                format!("cannot read: {err}")
            } else {
                format!("stopped reading after {} bytes: {err}", read.bytes)
            };
            report.warnings.push(Warning::new(&file.path, message));
        }
        if read.bytes > 0 || read.error.is_none() {
            report.logs.files += 1;
        }
        report.logs.bytes += read.bytes;
        report.logs.skipped_lines += read.skipped_lines;
    }
    let requests = dedup::requests(&reads);
    let days = (
        options.since.map(stamp::day_number),
        options.until.map(stamp::day_number),
    );
    let counted = figures::count(&reads, &requests, days);
    report.logs.usage_lines = counted.lines;
    report.logs.requests = counted.requests.len() as u64;
    report.logs.duplicate_lines = counted.lines - report.logs.requests;
    report.logs.sessions = counted.sessions as u64;
    report.logs.from = counted.from.and_then(stamp::Stamp::to_utc);
    report.logs.to = counted.to.and_then(stamp::Stamp::to_utc);
    report.models = figures::model_totals(&counted);
    let no_threshold = |_: &str| None;
    report.attempts = figures::attempts(
        &counted,
        options.long_prompt_threshold.unwrap_or(&no_threshold),
    );
    report
}

/// Reads every file, largest first, on rayon's threads; the results in
/// the files' (path) order.
fn read_all(files: &[LogFile], progress: Option<&(dyn Fn(u64) + Sync)>) -> Vec<read::FileRead> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    order.sort_by_key(|&index| std::cmp::Reverse(files[index].bytes));
    let next = AtomicUsize::new(0);
    let done = AtomicU64::new(0);
    let tell = |bytes: u64| {
        let so_far = done.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if let Some(progress) = progress {
            progress(so_far);
        }
    };
    let workers = rayon::current_num_threads().clamp(1, files.len().max(1));
    let per_worker: Vec<Vec<(usize, read::FileRead)>> = (0..workers)
        .into_par_iter()
        .map(|_| {
            let mut reader = read::Reader::new();
            let mut out = Vec::new();
            loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(&index) = order.get(at) else {
                    return out;
                };
                let file = &files[index];
                let place = read::FilePlace {
                    session: &file.session,
                    subagent_file: file.subagent,
                };
                out.push((index, reader.read(&file.path, &place, &tell)));
            }
        })
        .collect();
    let mut reads: Vec<Option<read::FileRead>> = files.iter().map(|_| None).collect();
    for (index, read) in per_worker.into_iter().flatten() {
        reads[index] = Some(read);
    }
    reads.into_iter().map(Option::unwrap_or_default).collect()
}

fn utc_seconds<S: Serializer>(
    at: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match at {
        Some(at) => serializer.collect_str(&at.format("%Y-%m-%dT%H:%M:%SZ")),
        None => serializer.serialize_none(),
    }
}

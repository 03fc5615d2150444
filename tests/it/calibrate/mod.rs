//! `calibrate`'s Claude Code log reader (`docs/calibrate.md`, section 1),
//! on real files in temp folders:
//! - `lines`: each skip rule one by one, the lines passed by silently,
//!   the lines not counted, the forms accepted;
//! - `duplicates`: each duplicate rule and the kept copy's order;
//! - `totals`: what each model's totals hold, and the JSON field names;
//! - `attempts`: sessions, their model, every attempt figure, fan-out from
//!   each sub-agent layout;
//! - `filters`: `--since`/`--until` and `--project`;
//! - `finding`: where the logs are, symlinks, unreadable files and
//!   folders, a binary file, a line too long to hold;
//! - `fixture`: a committed tree whose figures were worked out by hand;
//! - `parity`: generated trees (`bench/loggen.py`, several seeds) against
//!   the real ccusage 20.0.24 and the generator's own count.

mod attempts;
mod cli;
mod duplicates;
mod filters;
mod finding;
mod fixture;
mod git;
mod lines;
mod parity;
mod prs;
mod totals;
mod write_back;

use std::fs;
use std::path::{Path, PathBuf};

use costlens::calibrate::logs::{self, LogOptions, LogReport};
use serde_json::{Value, json};
use tempfile::TempDir;

/// The four token totals ccusage reports: input, output, cache writes,
/// cache reads, summed over `models`.
pub(super) fn totals(report: &LogReport) -> [u64; 4] {
    report.models.iter().fold([0; 4], |sum, m| {
        [
            sum[0] + m.input_tokens,
            sum[1] + m.output_tokens,
            sum[2] + m.cache_write_tokens,
            sum[3] + m.cache_read_tokens,
        ]
    })
}

/// A log tree in a temp folder.
pub(super) struct Tree {
    pub(super) dir: TempDir,
}

impl Tree {
    pub(super) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub(super) fn root(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Writes `lines` (each followed by `\n`) to `relative`.
    pub(super) fn file(&self, relative: &str, lines: &[String]) -> &Self {
        let mut text = String::new();
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        self.raw(relative, text.as_bytes())
    }

    pub(super) fn raw(&self, relative: &str, bytes: &[u8]) -> &Self {
        let path = self.dir.path().join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    pub(super) fn read(&self) -> LogReport {
        self.read_with(&LogOptions::default(), None)
    }

    pub(super) fn read_with(&self, options: &LogOptions<'_>, project: Option<&str>) -> LogReport {
        read_folder(self.dir.path(), options, project)
    }
}

pub(super) fn read_folder(
    root: &Path,
    options: &LogOptions<'_>,
    project: Option<&str>,
) -> LogReport {
    let files = logs::find_log_files(&[root.to_path_buf()], project);
    logs::read_logs(&files, options)
}

/// A usage line as Claude Code writes it, built field by field.
#[derive(Clone)]
pub(super) struct Line {
    pub(super) value: Value,
}

impl Line {
    /// An assistant line with message id `message`, request id `req-` +
    /// `message`, session `s1`, model `claude-sonnet-4-5-20250929`, at
    /// 2026-01-01T00:00:00.000Z, and `input`/`output` tokens.
    pub(super) fn new(message: &str, input: u64, output: u64) -> Self {
        Self {
            value: json!({
                "parentUuid": null, "isSidechain": false, "userType": "external",
                "cwd": "/home/dev/shop", "sessionId": "s1", "version": "2.0.14",
                "message": {
                    "id": message, "type": "message", "role": "assistant",
                    "model": "claude-sonnet-4-5-20250929",
                    "content": [{"type": "text", "text": "done"}],
                    "stop_reason": "end_turn",
                    "usage": {"input_tokens": input, "output_tokens": output,
                              "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}
                },
                "requestId": format!("req-{message}"), "type": "assistant",
                "uuid": "u", "timestamp": "2026-01-01T00:00:00.000Z"
            }),
        }
    }

    pub(super) fn set(mut self, pointer: &str, value: Value) -> Self {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = self
            .value
            .pointer_mut(parent)
            .unwrap_or_else(|| panic!("{pointer}"));
        target[key] = value;
        self
    }

    pub(super) fn remove(mut self, pointer: &str) -> Self {
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let target = self.value.pointer_mut(parent).unwrap();
        target.as_object_mut().unwrap().remove(key);
        self
    }

    pub(super) fn request(self, id: &str) -> Self {
        self.set("/requestId", json!(id))
    }

    pub(super) fn no_request(self) -> Self {
        self.remove("/requestId")
    }

    pub(super) fn session(self, id: &str) -> Self {
        self.set("/sessionId", json!(id))
    }

    pub(super) fn model(self, id: &str) -> Self {
        self.set("/message/model", json!(id))
    }

    pub(super) fn at(self, timestamp: &str) -> Self {
        self.set("/timestamp", json!(timestamp))
    }

    pub(super) fn sidechain(self) -> Self {
        self.set("/isSidechain", json!(true))
    }

    pub(super) fn cache(self, write: u64, read: u64) -> Self {
        self.set("/message/usage/cache_creation_input_tokens", json!(write))
            .set("/message/usage/cache_read_input_tokens", json!(read))
    }

    pub(super) fn usage(self, key: &str, value: Value) -> Self {
        self.set(&format!("/message/usage/{key}"), value)
    }

    pub(super) fn text(&self) -> String {
        serde_json::to_string(&self.value).unwrap()
    }
}

impl From<Line> for String {
    fn from(line: Line) -> String {
        line.text()
    }
}

/// Lines as file text.
pub(super) fn lines<const N: usize>(lines: [Line; N]) -> Vec<String> {
    lines.into_iter().map(String::from).collect()
}

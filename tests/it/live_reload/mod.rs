//! Live reload end to end: `costlens watch DIR --json` (the real binary and
//! the real watcher) on real files, saved the ways editors save them. Each
//! test owns its folder and its process, and holds this module's turn
//! (`support::serial`) while the process runs; `Watch::start` takes it
//! here, so the submodules share the one turn. Here: a running watch
//! (`Watch`), the ways editors save a file (`Save`), the worked check's
//! costs; the tests are in:
//! - `editors`: each editor's way of saving done for real, real vim in
//!   three backup modes, a hundred rapid saves;
//! - `changes`: a file broken then fixed, removed, gone or empty for a
//!   moment; a new file, a scenario change, scratch files, the folder
//!   deleted and recreated;
//! - `polling_and_exit`: `--poll`, polling taking over when notifications
//!   cannot start, and stdin closing ending the watch.

use std::cell::RefCell;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::serial::{self, Turn};
use crate::support::worked::STRONG;

mod changes;
mod editors;
mod polling_and_exit;

/// The longest anything awaited may take, even on a loaded CI machine.
pub(super) const WAIT: Duration = Duration::from_secs(10);
/// Quiet after which no line about an edit can still be on its way
/// (debounce 20 ms, at most 250 ms a batch, grace 150 ms, poll 200 ms).
const QUIET: Duration = Duration::from_millis(500);

/// The worked check's `strong` at another first-pass rate, written as
/// given: rates of the same length give texts of the same length.
pub(super) fn profile(first_pass_rate: &str) -> String {
    let line = format!("first_pass_rate = {first_pass_rate}\n");
    let text = STRONG.replacen("first_pass_rate = 0.72\n", &line, 1);
    assert!(
        text.contains(&line),
        "the worked check has no first_pass_rate line"
    );
    text
}

/// Cost per merge of `profile(p)`: tokens (0.24) and 6 minutes of review
/// per attempt over `p` attempts, plus 1.5% reverted at 900.
pub(super) fn cost_at(p: f64, engineer_rate: f64) -> f64 {
    (0.24 + engineer_rate * 6.0 / 60.0) / p + 13.5
}

pub(super) fn cost(p: f64) -> f64 {
    cost_at(p, 120.0)
}

pub(super) fn cost_of(doc: &Value, id: &str) -> Option<f64> {
    let profiles = doc["profiles"].as_array()?;
    profiles.iter().find(|profile| profile["id"] == id)?["cost_per_merge"].as_f64()
}

/// A `next_matching` predicate: `strong` costs `want`.
pub(super) fn strong_at(want: f64) -> impl Fn(&Value) -> bool {
    move |doc| cost_of(doc, "strong").is_some_and(|got| (got - want).abs() < 1e-9)
}

pub(super) fn errors(doc: &Value) -> &[Value] {
    doc["errors"].as_array().map_or(&[], Vec::as_slice)
}

/// `strong` costs `want` and no file has an error.
pub(super) fn assert_strong(doc: &Value, want: f64) {
    assert!(
        strong_at(want)(doc) && errors(doc).is_empty(),
        "strong should cost {want}, with no errors: {doc}"
    );
}

/// `profiles/` holding `strong.toml` at first-pass rate 0.72 (cost 30.5),
/// in a temp folder of its own: the watcher also watches the parent.
pub(super) fn folder() -> (TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("profiles");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("strong.toml"), profile("0.72")).unwrap();
    (root, dir)
}

/// Checks `done` every 10 ms for up to `limit`; whether it came true.
pub(super) fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !done() {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(10));
    }
    true
}

pub(super) fn exits_within(child: &mut Child, limit: Duration) -> bool {
    eventually(limit, || matches!(child.try_wait(), Ok(Some(_))))
}

/// One running `costlens watch DIR --json [--poll]`.
pub(super) struct Watch {
    pub(super) child: Child,
    lines: Receiver<Value>,
    stderr: Arc<Mutex<String>>,
    /// The last line seen, for failure messages.
    last: RefCell<Option<Value>>,
    /// Dropped last, once the process has ended.
    _turn: Turn,
}

impl Watch {
    /// Starts a watch and waits for its first line, which is printed once
    /// the folder is watched: every edit from then on must show.
    pub(super) fn start(dir: &Path, poll: bool) -> (Watch, Value) {
        Self::start_with_env(dir, poll, &[])
    }

    pub(super) fn start_with_env(dir: &Path, poll: bool, env: &[(&str, &str)]) -> (Watch, Value) {
        let turn = serial::turn(file!());
        let mut child = Command::new(env!("CARGO_BIN_EXE_costlens"))
            .envs(env.iter().copied())
            .arg("watch")
            .arg(dir)
            .arg("--json")
            .args(poll.then_some("--poll"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("costlens starts");
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let (sender, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let doc = serde_json::from_str(&line)
                    .unwrap_or_else(|err| panic!("not one JSON document a line ({err}): {line}"));
                if sender.send(doc).is_err() {
                    break;
                }
            }
        });
        // Read as it comes: failures show it, and a test waits for a message.
        let stderr = Arc::new(Mutex::new(String::new()));
        let (sink, pipe) = (Arc::clone(&stderr), child.stderr.take().unwrap());
        thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let watch = Watch {
            child,
            lines,
            stderr,
            last: RefCell::default(),
            _turn: turn,
        };
        let first = watch.next_matching("first line", |_| true);
        (watch, first)
    }

    /// The next line `pred` accepts; panics with the last document seen
    /// when none comes within `WAIT`.
    pub(super) fn next_matching(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(doc) => {
                    *self.last.borrow_mut() = Some(doc.clone());
                    if pred(&doc) {
                        return doc;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!("{}", self.report(what)),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("costlens closed its stdout; {}", self.report(what))
                }
            }
        }
    }

    /// The very next line, whatever it says.
    pub(super) fn next_line(&self) -> Value {
        self.next_matching("line at all", |_| true)
    }

    /// Whatever arrives until `QUIET` passes without a line (none, ideally).
    pub(super) fn lines_until_quiet(&self) -> Vec<Value> {
        let mut more = Vec::new();
        while let Ok(doc) = self.lines.recv_timeout(QUIET) {
            *self.last.borrow_mut() = Some(doc.clone());
            more.push(doc);
        }
        more
    }

    pub(super) fn stderr_count(&self, text: &str) -> usize {
        self.stderr.lock().unwrap().matches(text).count()
    }

    pub(super) fn report(&self, what: &str) -> String {
        let last = self.last.borrow().as_ref().map(|doc| format!("{doc:#}"));
        let last = last.as_deref().unwrap_or("(none)");
        let stderr = self.stderr.lock().unwrap();
        format!("no {what} within {WAIT:?}\nlast document: {last}\nstderr: {stderr}")
    }
}

impl Drop for Watch {
    /// Closing stdin is how a watch ends; kill only one that will not.
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        if !exits_within(&mut self.child, Duration::from_secs(5)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// How editors save a file.
#[derive(Debug, Clone, Copy)]
pub(super) enum Save {
    /// Overwrite the bytes where they are: same inode, never truncated.
    InPlace,
    /// VS Code: truncate, then write a moment later.
    TruncateThenWrite,
    /// JetBrains: write `NAME___jb_tmp___` and rename it over the file,
    /// with a `NAME___jb_old___` copy living meanwhile.
    TempAndRename,
    /// vim's way: rename the file to `NAME~`, write a new one, delete `NAME~`.
    BackupAndNew,
    DeleteAndRecreate,
}

pub(super) fn save(path: &Path, text: &str, style: Save) {
    let sibling = |suffix: &str| {
        let name = path.file_name().unwrap().to_str().unwrap();
        path.with_file_name(format!("{name}{suffix}"))
    };
    match style {
        Save::InPlace => {
            let mut file = OpenOptions::new().write(true).open(path).unwrap();
            file.write_all(text.as_bytes()).unwrap();
            file.set_len(text.len() as u64).unwrap(); // nothing to cut at equal lengths
        }
        Save::TruncateThenWrite => {
            let mut file = OpenOptions::new().write(true).open(path).unwrap();
            file.set_len(0).unwrap();
            file.flush().unwrap();
            thread::sleep(Duration::from_millis(5));
            file.write_all(text.as_bytes()).unwrap();
        }
        Save::TempAndRename => {
            let (old, tmp) = (sibling("___jb_old___"), sibling("___jb_tmp___"));
            fs::copy(path, &old).unwrap();
            fs::write(&tmp, text).unwrap();
            fs::rename(&tmp, path).unwrap();
            fs::remove_file(&old).unwrap();
        }
        Save::BackupAndNew => {
            let backup = sibling("~");
            fs::rename(path, &backup).unwrap();
            fs::write(path, text).unwrap();
            fs::remove_file(&backup).unwrap();
        }
        Save::DeleteAndRecreate => {
            fs::remove_file(path).unwrap();
            thread::sleep(Duration::from_millis(10));
            fs::write(path, text).unwrap();
        }
    }
}

//! Live reload end to end: `costlens watch DIR --json` (the real binary and
//! the real watcher) on real files, saved the ways editors save them. Each
//! test owns its folder and its process, and holds this module's turn
//! (`support::serial`) while the process runs.

use std::cell::RefCell;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::serial::{self, Turn};
use crate::support::worked::{CHEAP, STRONG};

/// The longest anything awaited may take, even on a loaded CI machine.
const WAIT: Duration = Duration::from_secs(10);
/// Quiet after which no line about an edit can still be on its way
/// (debounce 20 ms, at most 250 ms a batch, grace 150 ms, poll 200 ms).
const QUIET: Duration = Duration::from_millis(500);

/// The worked check's `strong` at another first-pass rate, written as
/// given: rates of the same length give texts of the same length.
fn profile(first_pass_rate: &str) -> String {
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
fn cost_at(p: f64, engineer_rate: f64) -> f64 {
    (0.24 + engineer_rate * 6.0 / 60.0) / p + 13.5
}

fn cost(p: f64) -> f64 {
    cost_at(p, 120.0)
}

fn cost_of(doc: &Value, id: &str) -> Option<f64> {
    let profiles = doc["profiles"].as_array()?;
    profiles.iter().find(|profile| profile["id"] == id)?["cost_per_merge"].as_f64()
}

/// A `next_matching` predicate: `strong` costs `want`.
fn strong_at(want: f64) -> impl Fn(&Value) -> bool {
    move |doc| cost_of(doc, "strong").is_some_and(|got| (got - want).abs() < 1e-9)
}

fn errors(doc: &Value) -> &[Value] {
    doc["errors"].as_array().map_or(&[], Vec::as_slice)
}

/// `strong` costs `want` and no file has an error.
fn assert_strong(doc: &Value, want: f64) {
    assert!(
        strong_at(want)(doc) && errors(doc).is_empty(),
        "strong should cost {want}, with no errors: {doc}"
    );
}

/// `profiles/` holding `strong.toml` at first-pass rate 0.72 (cost 30.5),
/// in a temp folder of its own: the watcher also watches the parent.
fn folder() -> (TempDir, PathBuf) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("profiles");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("strong.toml"), profile("0.72")).unwrap();
    (root, dir)
}

/// Dates a file back a minute (see `polling_works_too`).
fn date_back(path: &Path) {
    let file = OpenOptions::new().write(true).open(path).unwrap();
    let minute_ago = SystemTime::now() - Duration::from_secs(60);
    file.set_modified(minute_ago).unwrap();
}

/// Checks `done` every 10 ms for up to `limit`; whether it came true.
fn eventually(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while !done() {
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(Duration::from_millis(10));
    }
    true
}

fn exits_within(child: &mut Child, limit: Duration) -> bool {
    eventually(limit, || matches!(child.try_wait(), Ok(Some(_))))
}

/// One running `costlens watch DIR --json [--poll]`.
struct Watch {
    child: Child,
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
    fn start(dir: &Path, poll: bool) -> (Watch, Value) {
        Self::start_with_env(dir, poll, &[])
    }

    fn start_with_env(dir: &Path, poll: bool, env: &[(&str, &str)]) -> (Watch, Value) {
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
    fn next_matching(&self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
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
    fn next_line(&self) -> Value {
        self.next_matching("line at all", |_| true)
    }

    /// Whatever arrives until `QUIET` passes without a line (none, ideally).
    fn lines_until_quiet(&self) -> Vec<Value> {
        let mut more = Vec::new();
        while let Ok(doc) = self.lines.recv_timeout(QUIET) {
            *self.last.borrow_mut() = Some(doc.clone());
            more.push(doc);
        }
        more
    }

    fn stderr_count(&self, text: &str) -> usize {
        self.stderr.lock().unwrap().matches(text).count()
    }

    fn report(&self, what: &str) -> String {
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
enum Save {
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

fn save(path: &Path, text: &str, style: Save) {
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

/// One save from 0.72 to 0.61 (same length: `InPlace` stays in place).
/// The very next line has the new cost and no error: no line showed the
/// file half-written, emptied or gone on the way.
fn check_save(style: Save) {
    let (_root, dir) = folder();
    let (watch, first) = Watch::start(&dir, false);
    assert_strong(&first, 30.5);
    save(&dir.join("strong.toml"), &profile("0.61"), style);
    assert_strong(&watch.next_line(), cost(0.61));
}

macro_rules! save_tests {
    ($($test:ident: $style:ident,)*) => {$(
        #[test]
        fn $test() {
            check_save(Save::$style);
        }
    )*};
}

save_tests! {
    saved_in_place: InPlace,
    saved_by_truncate_then_write: TruncateThenWrite,
    saved_by_temp_file_and_rename: TempAndRename,
    saved_by_backup_and_new_file: BackupAndNew,
    saved_by_delete_and_recreate: DeleteAndRecreate,
}

/// Real vim, with `setting`, edits the profile: swap files, a backup and
/// (with 'backupcopy' "auto") a `4913` probe come and go beside it.
/// `replaces`: whether vim must save to a new file (a new inode).
#[cfg(unix)] // inodes
fn check_vim(setting: &str, replaces: Option<bool>) {
    // A missing vim must fail loudly: a skipped test looks like a pass.
    assert!(
        Command::new("vim").arg("--version").output().is_ok(),
        "vim is not on PATH; these tests need it (.ci/run installs it)"
    );
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let inode = fs::metadata(&path).unwrap().ino();
    let (watch, _) = Watch::start(&dir, false);
    // -es: no screen; -u NONE: no vimrc or plugins (and 'compatible' on);
    // -i NONE: no viminfo. Under the temp folder vim neither backs up nor
    // replaces a file ('backupskip'); cleared, it saves as in a project.
    let mut vim = Command::new("vim");
    vim.args(["-es", "-u", "NONE", "-i", "NONE", "-c", "set backupskip="]);
    let edit = "%s/first_pass_rate = 0.72/first_pass_rate = 0.55/";
    vim.args(["-c", setting, "-c", edit, "-c", "wq"]).arg(&path);
    let status = vim.stdin(Stdio::null()).status().unwrap();
    assert!(status.success(), "vim failed: {status}");
    if let Some(replaces) = replaces {
        let replaced = fs::metadata(&path).unwrap().ino() != inode;
        assert_eq!(replaced, replaces, "not the save this test is about");
    }
    // Any of vim's scratch files read as a profile would be in `errors`.
    assert_strong(&watch.next_line(), cost(0.55));
}

/// Renames the file to `strong.toml~` and writes a new one.
#[cfg(unix)]
#[test]
fn vim_saves_with_its_default_backup() {
    check_vim("set backupcopy=no", Some(true));
}

/// Vim's defaults as any vimrc (or defaults.vim) gets them: 'backupcopy'
/// "auto" probes the folder with `4913`, then (usually) renames.
#[cfg(unix)]
#[test]
fn vim_saves_with_its_true_defaults() {
    check_vim("set nocompatible", None);
}

/// Vi-compatible 'backupcopy' "yes" (what -u NONE alone gives): copies the
/// file to `strong.toml~`, then overwrites the original in place.
#[cfg(unix)]
#[test]
fn vim_saves_in_place_when_vi_compatible() {
    check_vim("set compatible", Some(false));
}

#[test]
fn a_hundred_rapid_saves_end_on_the_final_file() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    // Three decimals throughout (0.500 to 0.995): in-place saves keep the
    // length.
    save(&path, &profile("0.720"), Save::InPlace);
    let (watch, _) = Watch::start(&dir, false);
    let styles = [Save::InPlace, Save::TempAndRename, Save::BackupAndNew];
    for i in 0..100 {
        let rate = format!("0.{:03}", 500 + 5 * i);
        save(&path, &profile(&rate), styles[i % 3]);
    }
    let last = cost(0.995);
    watch.next_matching("line with the last save", strong_at(last));
    for doc in watch.lines_until_quiet() {
        assert_strong(&doc, last);
    }
}

#[test]
fn broken_then_fixed() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    // `first_pass_rate` is on line 8 of the worked check's `strong`.
    let located_on_line_8 = |doc: &Value| {
        errors(doc).iter().any(|error| {
            let path = error["path"].as_str().unwrap_or_default();
            path.ends_with("/strong.toml")
                && error["line"] == 8
                && error["column"].as_u64().is_some_and(|column| column >= 1)
        })
    };
    // Half-written (invalid TOML), then a typo (unknown field): each time
    // the profile keeps its last good cost beside its located error.
    let half = profile("0.61").replace("first_pass_rate = 0.61", "first_pass_rate = ");
    let typo = profile("0.61").replace("first_pass_rate", "frist_pass_rate");
    for broken in [half, typo] {
        fs::write(&path, &broken).unwrap();
        let doc = watch.next_matching("error on line 8", located_on_line_8);
        assert!(strong_at(30.5)(&doc), "last good cost lost: {doc}");
        assert_eq!(errors(&doc).len(), 1, "{doc}");
    }
    fs::write(&path, profile("0.61")).unwrap();
    let doc = watch.next_matching("line without errors", |doc| errors(doc).is_empty());
    assert_strong(&doc, cost(0.61));
}

#[test]
fn removed_then_recreated() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    let removed = Instant::now();
    fs::remove_file(&path).unwrap();
    let gone = |doc: &Value| cost_of(doc, "strong").is_none();
    let doc = watch.next_matching("line without strong", gone);
    // A vanished file gets 150 ms to come back before it counts as deleted.
    let waited = removed.elapsed();
    assert!(waited >= Duration::from_millis(150), "gone in {waited:?}");
    assert!(errors(&doc).is_empty(), "{doc}");
    fs::write(&path, profile("0.61")).unwrap();
    watch.next_matching("line with strong back", strong_at(cost(0.61)));
}

#[test]
fn gone_or_empty_for_a_moment_is_never_shown() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    // Slow saves: 40 ms is past the 20 ms debounce, so the reloader does see
    // the file missing, then empty, but well within the 150 ms it waits.
    fs::remove_file(&path).unwrap();
    thread::sleep(Duration::from_millis(40));
    fs::write(&path, profile("0.61")).unwrap();
    assert_strong(&watch.next_line(), cost(0.61));
    let mut file = fs::File::create(&path).unwrap(); // truncates
    thread::sleep(Duration::from_millis(40));
    file.write_all(profile("0.55").as_bytes()).unwrap();
    assert_strong(&watch.next_line(), cost(0.55));
}

#[test]
fn a_new_file_appears() {
    let (_root, dir) = folder();
    let (watch, _) = Watch::start(&dir, false);
    fs::write(dir.join("cheap.toml"), CHEAP).unwrap();
    let two = |doc: &Value| doc["profiles"].as_array().is_some_and(|p| p.len() == 2);
    let doc = watch.next_matching("line with two profiles", two);
    assert!(cost_of(&doc, "cheap").is_some(), "{doc}");
    assert_strong(&doc, 30.5);
}

#[test]
fn scenario_change_applies() {
    let (_root, dir) = folder();
    let (watch, _) = Watch::start(&dir, false);
    fs::write(dir.join("scenario.toml"), "engineer_rate = 150\n").unwrap();
    let rate_150 = |doc: &Value| doc["scenario"]["engineer_rate"] == 150.0;
    let doc = watch.next_matching("line with engineer_rate 150", rate_150);
    assert_strong(&doc, cost_at(0.72, 150.0));
}

#[test]
fn scratch_files_are_ignored() {
    let (_root, dir) = folder();
    let (watch, first) = Watch::start(&dir, false);
    let scratch = ".strong.toml.swp strong.toml~ 4913 x.toml___jb_tmp___ notes.txt x.tmp .#x.toml";
    for name in scratch.split(' ') {
        fs::write(dir.join(name), "garbage = [\n\u{0}").unwrap();
    }
    for doc in watch.lines_until_quiet() {
        assert_eq!(doc, first, "a scratch file changed the document");
    }
    save(&dir.join("strong.toml"), &profile("0.61"), Save::InPlace);
    let doc = watch.next_matching("line with the real edit", strong_at(cost(0.61)));
    assert_strong(&doc, cost(0.61));
}

#[test]
fn the_folder_deleted_and_recreated() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    // Back at once (`rm -r` then `cp -r`), then back only after costlens
    // found it gone (said on stderr; the last document stands meanwhile).
    // Each time a second edit shows the new folder itself is watched.
    for wait_until_missed in [false, true] {
        let seen = watch.stderr_count("cannot read");
        fs::remove_dir_all(&dir).unwrap();
        if wait_until_missed {
            let said = eventually(WAIT, || watch.stderr_count("cannot read") > seen);
            assert!(said, "{}", watch.report("message on stderr"));
        }
        fs::create_dir(&dir).unwrap();
        fs::write(&path, profile("0.61")).unwrap();
        watch.next_matching("line from the new folder", strong_at(cost(0.61)));
        save(&path, &profile("0.55"), Save::InPlace);
        watch.next_matching("line with the edit", strong_at(cost(0.55)));
    }
}

#[test]
fn polling_works_too() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, true);
    // In place at the same length: only the modification time tells.
    save(&path, &profile("0.61"), Save::InPlace);
    watch.next_matching("line with the polled edit", strong_at(cost(0.61)));
}

#[test]
fn polling_takes_over_when_notifications_cannot_start() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    // The debug-only switch makes the native watcher fail to start, as
    // it does when inotify's watch limit is reached.
    let env = [("COSTLENS_TEST_NO_NATIVE_WATCHER", "1")];
    let (watch, _) = Watch::start_with_env(&dir, false, &env);
    let notice = "the system's file notifications are unavailable: polling every 200 ms";
    assert!(
        eventually(WAIT, || watch.stderr_count(notice) == 1),
        "{}",
        watch.report("the fallback notice")
    );
    save(&path, &profile("0.61"), Save::InPlace);
    watch.next_matching("line with the polled edit", strong_at(cost(0.61)));
    save(&path, &profile("0.58"), Save::TempAndRename);
    watch.next_matching("line with the second edit", strong_at(cost(0.58)));
}

#[test]
fn stdin_closing_ends_the_watch() {
    let (_root, dir) = folder();
    let (mut watch, _) = Watch::start(&dir, false);
    drop(watch.child.stdin.take());
    let exited = exits_within(&mut watch.child, Duration::from_secs(2));
    assert!(exited, "still running 2 s after stdin closed");
    assert!(watch.child.wait().unwrap().success());
}

/// Two saves within one second under `--poll`: notify's PollWatcher
/// compares modification times in whole seconds, so without comparing
/// contents the second save went unseen (a bug this test found).
#[test]
fn polling_sees_two_saves_within_a_second() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    date_back(&path);
    let (watch, _) = Watch::start(&dir, true);
    save(&path, &profile("0.61"), Save::InPlace);
    watch.next_matching("line with the first save", strong_at(cost(0.61)));
    save(&path, &profile("0.55"), Save::InPlace);
    watch.next_matching("line with the second save", strong_at(cost(0.55)));
}

//! `--poll` (an in-place save at the same length, two saves within one
//! second), polling taking over when the system's file notifications
//! cannot start, and closing stdin ending the watch.

use std::fs::OpenOptions;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::{Save, WAIT, Watch, cost, eventually, exits_within, folder, profile, save, strong_at};

/// Dates a file back a minute (see `polling_works_too`).
fn date_back(path: &Path) {
    let file = OpenOptions::new().write(true).open(path).unwrap();
    let minute_ago = SystemTime::now() - Duration::from_secs(60);
    file.set_modified(minute_ago).unwrap();
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

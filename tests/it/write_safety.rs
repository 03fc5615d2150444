//! `kill -9` in the middle of a write, many times over: a write-back (`s`)
//! into a profile, and an export (`e`). Whatever the moment, the file read
//! back afterwards is the old text or the new one, whole — never truncated
//! or mixed.
//!
//! The real binary runs in tmux (see `support/tmux.rs`). Half the rounds
//! arm the debug-only switch that pauses every write halfway through its
//! temp file and kill the moment that file appears, so they certainly hit
//! mid-write; the other half kill after a delay that sweeps from before
//! the key arrives to after the write is done. A last round kills only
//! after the explorer says the write is done, so a finished write is
//! checked too. `COSTLENS_KILL_ROUNDS` raises the number of rounds per
//! kind (default 40).
#![cfg(unix)] // tmux, kill -9

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use costlens::app::{Action, App, Source};
use costlens::profile::Folder;
use costlens::writeback::{Edit, apply_edits};

use crate::support::tmux::{Tmux, shows_table, timeout};
use crate::support::worked::{CHEAP, STRONG};

/// How long each write holds still halfway, in the armed rounds: long, as
/// the kill ends it anyway, so a slow machine still kills mid-write.
const PAUSE_MS: u64 = 5_000;

fn rounds() -> usize {
    std::env::var("COSTLENS_KILL_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

/// What the file was found to be after a kill.
#[derive(Debug, Default)]
struct Tally {
    old: usize,
    new: usize,
    /// Rounds that left a temp file behind: the kill landed mid-write.
    mid_write: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    WriteBack,
    Export,
}

/// When a round kills the explorer.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Moment {
    /// Once the paused write's temp file exists: mid-write for certain.
    MidWrite,
    /// This long after the key: before, during or after the write.
    After(Duration),
    /// Once the footer says the write is done.
    Done,
}

/// The temp files a killed write leaves in `dir`.
fn temp_files(dir: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with(".costlens-") && name.ends_with(".tmp")
        })
        .collect()
}

/// The two files the binary writes after `steps` coarse first-pass steps
/// on `strong`, computed by the same library code: the profile `s`
/// writes, and the export `e` writes.
fn expected(profiles: &Path, steps: i32) -> (String, String) {
    let folder = Folder::load_dir(profiles).unwrap();
    let mut app = App::new(Source::Folder(profiles.to_path_buf()), folder, false);
    app.update(Action::Nudge {
        steps,
        coarse: true,
    });
    let rate = app.model("strong").unwrap().quality.first_pass_rate;
    let edit = Edit {
        table: "quality".to_string(),
        key: "first_pass_rate".to_string(),
        value: rate,
    };
    (apply_edits(STRONG, &[edit]).unwrap(), app.export_text())
}

/// Waits until the pane's process is gone.
fn wait_dead(tmux: &Tmux) {
    let start = Instant::now();
    while tmux.display("#{pane_dead}") != "1" {
        assert!(start.elapsed() < timeout(), "the explorer did not die");
        thread::sleep(Duration::from_millis(2));
    }
}

fn kill_during_writes(kind: Kind) {
    let tmux = Tmux::start(100, 30);
    tmux.run(&["set-option", "-g", "remain-on-exit", "on"]);
    let profiles = tmux.profiles();
    let target = match kind {
        Kind::WriteBack => profiles.join("strong.toml"),
        Kind::Export => tmux.dir.path().join("costlens-export.md"),
    };
    let watched = target.parent().unwrap().to_path_buf();
    let bin = env!("CARGO_BIN_EXE_costlens");
    let cwd = tmux.dir.path().to_str().unwrap().to_string();
    let mut tally = Tally::default();
    let total = rounds();
    let moments = (0..total)
        .map(|round| match round % 2 {
            0 => Moment::MidWrite,
            // Sweeps 0..=30 ms.
            _ => Moment::After(Duration::from_millis((round as u64 * 7) % 31)),
        })
        .chain([Moment::Done]);
    for (round, moment) in moments.enumerate() {
        fs::write(profiles.join("strong.toml"), STRONG).unwrap();
        fs::write(profiles.join("cheap.toml"), CHEAP).unwrap();
        let pause = if moment == Moment::MidWrite {
            PAUSE_MS
        } else {
            0
        };
        // `exec`: the pane's pid is the explorer's, for the kill.
        let command = format!(
            "exec env COSTLENS_TEST_WRITE_PAUSE_MS={pause} '{bin}' '{}'",
            profiles.display()
        );
        tmux.run(&["respawn-pane", "-k", "-t", "main", "-c", &cwd, &command]);
        tmux.wait_for("the table", shows_table);
        let pid = tmux.display("#{pane_pid}");
        let old = fs::read_to_string(&target).ok();
        // A slider state whose file differs from the one on disk, so old
        // and new can be told apart (a round killed early leaves the last
        // export in place).
        let (steps, new) = (1..=2)
            .map(|steps| {
                let (written_back, exported) = expected(&profiles, steps);
                match kind {
                    Kind::WriteBack => (steps, written_back),
                    Kind::Export => (steps, exported),
                }
            })
            .find(|(_, new)| old.as_deref() != Some(new.as_str()))
            .expect("two slider states give two different files");
        let mut keys = vec!["L"; steps as usize];
        keys.push(if kind == Kind::WriteBack { "s" } else { "e" });
        tmux.send_keys(&keys);
        match moment {
            Moment::MidWrite => {
                let start = Instant::now();
                while temp_files(&watched).is_empty() {
                    assert!(start.elapsed() < timeout(), "no temp file appeared");
                    thread::sleep(Duration::from_micros(200));
                }
            }
            Moment::After(delay) => thread::sleep(delay),
            Moment::Done => {
                tmux.wait_for("the write done", |s| {
                    s.contains("saved ") || s.contains("exported ")
                });
            }
        }
        // The shell's own `kill`: no procps needed on a fresh machine.
        let killed = Command::new("sh")
            .args(["-c", &format!("kill -s KILL {pid}")])
            .status()
            .unwrap();
        assert!(killed.success());
        wait_dead(&tmux);

        let left = temp_files(&watched);
        if !left.is_empty() {
            tally.mid_write += 1;
        }
        for path in left {
            fs::remove_file(path).unwrap();
        }
        let found = fs::read_to_string(&target).ok();
        if found == old {
            assert_ne!(
                moment,
                Moment::Done,
                "round {round}: a finished write was lost"
            );
            tally.old += 1;
        } else {
            assert_eq!(
                found.as_deref(),
                Some(new.as_str()),
                "round {round}: neither the old file nor the new one, whole"
            );
            tally.new += 1;
        }
    }
    eprintln!("{kind:?}: {} kill -9 rounds: {tally:?}", total + 1);
    // Every paused round was killed mid-write and left the old file; the
    // last round, at least, found the new one.
    assert!(tally.mid_write >= total / 2, "{tally:?}");
    assert!(tally.old >= total / 2 && tally.new >= 1, "{tally:?}");
}

#[test]
fn kill_9_during_write_back_leaves_the_old_or_the_new_profile() {
    kill_during_writes(Kind::WriteBack);
}

#[test]
fn kill_9_during_export_leaves_the_old_or_the_new_export() {
    kill_during_writes(Kind::Export);
}

//! `kill -9` in the middle of a write, many times over: a write-back (`s`)
//! into a profile, into `scenario.toml` and into a mix's shares, and an
//! export (`e`). Whatever the moment, the file read back afterwards is the
//! old text or the new one, whole — never truncated or mixed.
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
use costlens::model::ScenarioField;
use costlens::profile::Folder;
use costlens::writeback::{Change, Edit};

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
    /// `s` on `strong`'s first-pass rate.
    WriteBack,
    Export,
    /// `s` on the engineer rate: `scenario.toml`.
    Scenario,
    /// `s` on the first share of the mix `tiered`.
    MixShare,
}

/// The scenario file the `Scenario` rounds start from, comments and all.
const SCENARIO: &str = "# our team\nengineer_rate = 120   # fully loaded\nbaseline_hours = 3.5\n";

/// The mix the `MixShare` rounds start from: between strong and cheap, so
/// it is the second row.
const MIX: &str = "# half and half\n[[mix]]\nprofile = \"strong\"\nshare = 0.5   # guess\n\
[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n";

impl Kind {
    /// The keys that move the slider `steps` coarse steps, before `s` or `e`.
    fn keys(self, steps: usize) -> Vec<&'static str> {
        let to_slider: &[&str] = match self {
            Kind::WriteBack | Kind::Export => &[],
            // The engineer rate is the fourth slider.
            Kind::Scenario => &["Tab", "Tab", "Tab"],
            // The mix's row; its first share is the first slider.
            Kind::MixShare => &["Down"],
        };
        let last = if self == Kind::Export { "e" } else { "s" };
        let mut keys = to_slider.to_vec();
        keys.extend(std::iter::repeat_n("L", steps));
        keys.push(last);
        keys
    }

    /// The same keys as actions, for the library's own copy of the app.
    fn actions(self, steps: usize) -> Vec<Action> {
        let coarse = Action::Nudge {
            steps: 1,
            coarse: true,
        };
        let mut actions = match self {
            Kind::WriteBack | Kind::Export => vec![],
            Kind::Scenario => vec![Action::FocusNextSlider; 3],
            Kind::MixShare => vec![Action::SelectNext],
        };
        actions.extend(std::iter::repeat_n(coarse, steps));
        actions
    }
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
/// The exports `e` wrote into `dir`: `costlens-export-<time>.md`.
fn export_files(dir: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("costlens-export-") && name.ends_with(".md")
        })
        .collect()
}

/// What the round's target holds: the file's text, or for exports the one
/// export file's (never two: a round writes at most one).
fn read_target(kind: Kind, target: &Path) -> Option<String> {
    if kind != Kind::Export {
        return fs::read_to_string(target).ok();
    }
    let dir = target.parent().unwrap();
    let files = export_files(dir);
    assert!(files.len() <= 1, "more than one export: {files:?}");
    files.first().map(|path| fs::read_to_string(path).unwrap())
}

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

/// The file the binary writes for `kind` after `steps` coarse steps,
/// computed by the same library code: the app's what-if, written into the
/// round's starting text by `writeback`, or the export's text.
fn expected(profiles: &Path, kind: Kind, steps: usize) -> String {
    let folder = Folder::load_dir(profiles).unwrap();
    let mut app = App::new(Source::Folder(profiles.to_path_buf()), folder, false);
    for action in kind.actions(steps) {
        app.update(action);
    }
    let value = |table: &str, key: &str, value: f64| {
        Change::Values(vec![Edit {
            table: table.to_string(),
            key: key.to_string(),
            value,
        }])
    };
    let (old, change) = match kind {
        Kind::Export => return app.export_text(),
        Kind::WriteBack => {
            let rate = app.model("strong").unwrap().quality.first_pass_rate;
            (STRONG, value("quality", "first_pass_rate", rate))
        }
        Kind::Scenario => {
            let rate = app
                .overrides()
                .scenario(ScenarioField::EngineerRate)
                .unwrap();
            (SCENARIO, value("", "engineer_rate", rate))
        }
        Kind::MixShare => {
            let parts = app.overrides().mix("tiered").unwrap().to_vec();
            (MIX, Change::Shares(parts))
        }
    };
    change.apply(old).unwrap()
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
        // The folder the explorer starts in, where `e` writes.
        Kind::Export => tmux.dir.path().join("costlens-export-*.md"),
        Kind::Scenario => profiles.join("scenario.toml"),
        Kind::MixShare => profiles.join("tiered.toml"),
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
        match kind {
            Kind::Scenario => fs::write(&target, SCENARIO).unwrap(),
            Kind::MixShare => fs::write(&target, MIX).unwrap(),
            Kind::WriteBack | Kind::Export => {}
        }
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
        if kind == Kind::Export {
            // Each export is a new file named by the time: last round's
            // goes, so this round's "old" is no export at all.
            for path in export_files(&watched) {
                fs::remove_file(path).unwrap();
            }
        }
        let old = read_target(kind, &target);
        // A slider state whose file differs from the one on disk, so old
        // and new can be told apart (a round killed early leaves the last
        // export in place).
        let (steps, new) = (1..=2)
            .map(|steps| (steps, expected(&profiles, kind, steps)))
            .find(|(_, new)| old.as_deref() != Some(new.as_str()))
            .expect("two slider states give two different files");
        tmux.send_keys(&kind.keys(steps));
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
        let found = read_target(kind, &target);
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

#[test]
fn kill_9_during_a_scenario_write_leaves_the_old_or_the_new_scenario() {
    kill_during_writes(Kind::Scenario);
}

#[test]
fn kill_9_during_a_share_write_leaves_the_old_or_the_new_mix() {
    kill_during_writes(Kind::MixShare);
}

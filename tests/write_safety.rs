//! `kill -9` in the middle of a write, many times over: a write-back (`s`)
//! into a profile, and an export (`e`). Whatever the moment, the file read
//! back afterwards is the old text or the new one, whole — never truncated
//! or mixed.
//!
//! The real binary runs in tmux (see `support/tmux.rs`). Half the rounds
//! arm the debug-only switch that pauses every write halfway through its
//! temp file and kill the moment that file appears, so they certainly hit
//! mid-write; the other half kill after a delay that sweeps from before
//! the key arrives to after the write is done. `COSTLENS_KILL_ROUNDS`
//! raises the number of rounds per kind (default 40).

use std::fs;
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use costlens::app::{Action, App, Source};
use costlens::profile::Folder;
use costlens::ui::Theme;
use costlens::writeback::{Edit, apply_edits};

#[path = "support/tmux.rs"]
mod tmux;

use tmux::{CHEAP, STRONG, TIMEOUT, Tmux, shows_table};

/// How long each write holds still halfway, in the armed rounds.
const PAUSE_MS: u64 = 40;

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

/// A write-back of first-pass rate `value` into STRONG, as `s` does it.
fn written_back(value: f64) -> String {
    let edit = Edit {
        table: "quality".to_string(),
        key: "first_pass_rate".to_string(),
        value,
    };
    apply_edits(STRONG, &[edit]).unwrap()
}

/// The export after `steps` coarse first-pass steps on `strong`, by the
/// same code the binary runs.
fn expected_export(profiles: &Path, steps: i32) -> String {
    let folder = Folder::load_dir(profiles).unwrap();
    let mut app = App::new(
        Source::Folder(profiles.to_path_buf()),
        folder,
        Theme::color(),
        false,
    );
    app.update(Action::Nudge {
        steps,
        coarse: true,
    });
    app.export_text()
}

/// Waits until the pane's process is gone.
fn wait_dead(tmux: &Tmux) {
    let start = Instant::now();
    while tmux.display("#{pane_dead}") != "1" {
        assert!(start.elapsed() < TIMEOUT, "the explorer did not die");
        thread::sleep(Duration::from_millis(2));
    }
}

fn kill_during_writes(kind: Kind) -> Tally {
    let tmux = Tmux::start(100, 30);
    tmux.run(&["set-option", "-g", "remain-on-exit", "on"]);
    let profiles = tmux.profiles();
    let strong = profiles.join("strong.toml");
    let export = tmux.dir.path().join("costlens-export.md");
    let watched = match kind {
        Kind::WriteBack => profiles.clone(),
        Kind::Export => tmux.dir.path().to_path_buf(),
    };
    let exports: Vec<String> = (0..=3).map(|k| expected_export(&profiles, k)).collect();
    let bin = env!("CARGO_BIN_EXE_costlens");
    let cwd = tmux.dir.path().to_str().unwrap().to_string();
    let mut tally = Tally::default();
    let total = rounds();
    for round in 0..total {
        fs::write(&strong, STRONG).unwrap();
        fs::write(profiles.join("cheap.toml"), CHEAP).unwrap();
        let armed = round % 2 == 0;
        let pause = if armed { PAUSE_MS } else { 0 };
        // `exec`: the pane's pid is the explorer's, for the kill.
        let command = format!(
            "exec env COSTLENS_TEST_WRITE_PAUSE_MS={pause} '{bin}' '{}'",
            profiles.display()
        );
        tmux.run(&["respawn-pane", "-k", "-t", "main", "-c", &cwd, &command]);
        tmux.wait_for("the table", shows_table);
        let pid = tmux.display("#{pane_pid}");
        let old_export = fs::read_to_string(&export).ok();
        let steps = 1 + (round / 2 % 2) as i32;
        let mut keys = vec!["L"; steps as usize];
        keys.push(if kind == Kind::WriteBack { "s" } else { "e" });
        tmux.send_keys(&keys);
        if armed {
            // Mid-write for certain: the temp file exists and the write
            // is held halfway through it.
            let start = Instant::now();
            while temp_files(&watched).is_empty() {
                assert!(start.elapsed() < TIMEOUT, "no temp file appeared");
                thread::sleep(Duration::from_micros(200));
            }
        } else {
            // Sweeps 0..=30 ms: before, during and after the write.
            thread::sleep(Duration::from_millis((round as u64 * 7) % 31));
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
        match kind {
            Kind::WriteBack => {
                let text = fs::read_to_string(&strong).unwrap();
                if text == STRONG {
                    tally.old += 1;
                } else {
                    let value: toml::Table = toml::from_str(&text).unwrap_or_else(|err| {
                        panic!("round {round}: not TOML after a kill: {err}\n{text}")
                    });
                    let rate = value["quality"]["first_pass_rate"].as_float().unwrap();
                    assert_eq!(text, written_back(rate), "round {round}: not a whole write");
                    assert!(rate > 0.72, "round {round}: {rate}");
                    tally.new += 1;
                }
            }
            Kind::Export => {
                let text = fs::read_to_string(&export).ok();
                if text == old_export {
                    tally.old += 1;
                } else {
                    let text = text.unwrap_or_default();
                    assert_eq!(
                        text, exports[steps as usize],
                        "round {round}: neither the old export nor the new one"
                    );
                    tally.new += 1;
                }
            }
        }
    }
    eprintln!("{kind:?}: {total} kill -9 rounds: {tally:?}");
    // The armed half of the rounds killed mid-write every time.
    assert!(tally.mid_write >= total / 2, "{tally:?}");
    tally
}

#[test]
fn kill_9_during_write_back_leaves_the_old_or_the_new_profile() {
    kill_during_writes(Kind::WriteBack);
}

#[test]
fn kill_9_during_export_leaves_the_old_or_the_new_export() {
    kill_during_writes(Kind::Export);
}

//! Filesystem faults while the explorer runs, end to end in tmux (see
//! `support/tmux.rs`) with the real watcher: the folder deleted and
//! recreated, a file made unreadable, symlink loops, a file replaced by a
//! folder, 10,000 files, a 50 MB file, and no file notifications at all.
//! Each gives a clear message naming the file, the last good figures stay,
//! and the explorer keeps answering.
#![cfg(unix)] // tmux, chmod, symlinks, setpriv

use std::fs;
use std::os::unix::fs::symlink;
use std::process::Command;
use std::time::Instant;

use crate::support::tmux::{Tmux, assert_responsive, cost, shows_table};
use crate::support::worked::{CHEAP, STRONG};

/// Wide enough that no message is cut.
const WIDTH: u16 = 160;
const HEIGHT: u16 = 40;

fn quit(tmux: &Tmux) {
    tmux.quit_cleanly();
}

#[test]
fn the_folder_deleted_and_recreated() {
    let tmux = Tmux::start(WIDTH, HEIGHT);
    tmux.explore("");
    let profiles = tmux.profiles();
    fs::remove_dir_all(&profiles).unwrap();
    let screen = tmux.wait_for("the folder's error", |s| {
        s.contains(&format!(
            "cannot read `{}`: No such file",
            profiles.display()
        ))
    });
    assert!(shows_table(&screen), "last good figures stay:\n{screen}");
    assert_responsive(&tmux);
    // Back, with a change, as a `git checkout` would bring it.
    fs::create_dir(&profiles).unwrap();
    fs::write(profiles.join("strong.toml"), STRONG.replace("0.72", "0.82")).unwrap();
    fs::write(profiles.join("cheap.toml"), CHEAP).unwrap();
    tmux.wait_for("the new figures", |s| {
        cost(s, "strong") == Some("28.43") && !s.contains("cannot read")
    });
    quit(&tmux);
}

/// A prefix that takes away root's power to read any file, so that
/// `chmod 000` means unreadable here too (CI runs as root).
fn without_root_read_override() -> &'static str {
    let uid = Command::new("id").arg("-u").output().expect("id runs");
    if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        "setpriv --inh-caps=-dac_override,-dac_read_search \
         --bounding-set=-dac_override,-dac_read_search "
    } else {
        ""
    }
}

#[test]
fn a_file_made_unreadable() {
    use std::os::unix::fs::PermissionsExt;
    let tmux = Tmux::start(WIDTH, HEIGHT);
    tmux.type_line(&format!(
        "{}{}",
        without_root_read_override(),
        tmux.costlens("")
    ));
    tmux.wait_for("the table", shows_table);
    let path = tmux.profiles().join("strong.toml");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let screen = tmux.wait_for("the permission error", |s| {
        s.contains("strong.toml: cannot read: Permission denied")
    });
    assert!(
        screen.contains("! strong") && screen.contains("30.50"),
        "last good values, marked stale:\n{screen}"
    );
    assert_responsive(&tmux);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    tmux.wait_for("readable again", |s| {
        shows_table(s) && !s.contains("! strong") && !s.contains("Permission denied")
    });
    quit(&tmux);
}

#[test]
fn symlink_loops() {
    let tmux = Tmux::start(WIDTH, HEIGHT);
    tmux.explore("");
    let profiles = tmux.profiles();
    symlink("self.toml", profiles.join("self.toml")).unwrap();
    symlink("pong.toml", profiles.join("ping.toml")).unwrap();
    symlink("ping.toml", profiles.join("pong.toml")).unwrap();
    let screen = tmux.wait_for("three loop errors", |s| {
        ["self.toml", "ping.toml", "pong.toml"].iter().all(|name| {
            s.contains(&format!(
                "{name}: cannot read: Too many levels of symbolic links"
            ))
        })
    });
    assert!(shows_table(&screen), "{screen}");
    assert_responsive(&tmux);
    for name in ["self.toml", "ping.toml", "pong.toml"] {
        fs::remove_file(profiles.join(name)).unwrap();
    }
    tmux.wait_for("the errors gone", |s| {
        shows_table(s) && !s.contains("symbolic links")
    });
    quit(&tmux);
}

#[test]
fn a_file_replaced_by_a_folder() {
    let tmux = Tmux::start(WIDTH, HEIGHT);
    tmux.explore("");
    let path = tmux.profiles().join("cheap.toml");
    fs::remove_file(&path).unwrap();
    fs::create_dir(&path).unwrap();
    let screen = tmux.wait_for("the directory error", |s| {
        s.contains("cheap.toml: is a directory, not a profile file")
    });
    assert!(
        screen.contains("! cheap") && screen.contains("78.45"),
        "last good values, marked stale:\n{screen}"
    );
    assert_responsive(&tmux);
    fs::remove_dir(&path).unwrap();
    fs::write(&path, CHEAP).unwrap();
    tmux.wait_for("a file again", |s| shows_table(s) && !s.contains("! cheap"));
    quit(&tmux);
}

#[test]
fn ten_thousand_files_arrive() {
    let tmux = Tmux::start(WIDTH, HEIGHT);
    tmux.explore("");
    let profiles = tmux.profiles();
    for n in 0..10_000 {
        // First-pass rates 0.30..0.70: all dearer than `strong` (0.72).
        let rate = format!("0.{:02}", 30 + n % 41);
        let text = CHEAP.replace("0.52", &rate);
        fs::write(profiles.join(format!("gen-{n:05}.toml")), text).unwrap();
    }
    let written = Instant::now();
    let screen = tmux.wait_for("10,002 profiles", |s| s.contains("· 10002 profiles ·"));
    eprintln!(
        "10,000 new files on screen {:?} after the last write",
        written.elapsed()
    );
    assert_eq!(cost(&screen, "strong"), Some("30.50"), "{screen}");
    // Still answering with 10,002 rows: the selection moves.
    // Cheapest first: strong, then the 0.70s by id (n = 40, 81, …).
    tmux.send_keys(&["j", "j"]);
    tmux.wait_for("gen-00081 selected", |s| {
        s.lines()
            .any(|l| l.contains('▶') && l.contains("gen-00081"))
    });
    assert_responsive(&tmux);
    quit(&tmux);
}

#[test]
fn a_fifty_megabyte_file() {
    let tmux = Tmux::start(WIDTH, HEIGHT);
    tmux.explore("");
    let path = tmux.profiles().join("huge.toml");
    let line = "# a comment line, repeated until the file is 50 MB long ........\n";
    let size = 50 * 1024 * 1024;
    fs::write(
        &path,
        &line.repeat(size / line.len() + 1).as_bytes()[..size],
    )
    .unwrap();
    let screen = tmux.wait_for("the size error", |s| {
        s.contains(&format!(
            "huge.toml: file is larger than 1 MiB (found {size} bytes)"
        ))
    });
    assert!(shows_table(&screen), "{screen}");
    assert_responsive(&tmux);
    fs::remove_file(&path).unwrap();
    // The footer names the file the reload changed; the error is gone.
    tmux.wait_for("the error gone", |s| {
        shows_table(s) && !s.contains("larger than 1 MiB") && s.contains("reloaded huge.toml")
    });
    quit(&tmux);
}

#[test]
fn without_file_notifications_it_polls_and_says_so() {
    let tmux = Tmux::start(WIDTH, HEIGHT);
    // The debug-only switch makes the native watcher fail to start, as it
    // does when inotify's watch limit is reached.
    tmux.type_line(&format!(
        "COSTLENS_TEST_NO_NATIVE_WATCHER=1 {}",
        tmux.costlens("")
    ));
    tmux.wait_for("the table and the notice", |s| {
        shows_table(s) && s.contains("file notifications are unavailable: polling every 200 ms")
    });
    let path = tmux.profiles().join("strong.toml");
    fs::write(&path, STRONG.replace("0.72", "0.82")).unwrap();
    tmux.wait_for("the polled edit", |s| cost(s, "strong") == Some("28.43"));
    quit(&tmux);
}

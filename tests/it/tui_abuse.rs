//! Terminal abuse, end to end in tmux (see `support/tmux.rs`): a resize
//! storm down to 1×1 and up to 300×100, 10,000 random keys, 10,000
//! random bytes, a 1 MiB paste, panics injected on two threads, SIGTERM
//! and SIGHUP. After each: a clean exit with nothing on stderr (the
//! injected panic's report in plain words instead), and a shell that is
//! not left in raw mode, the alternate screen or mouse capture (which each
//! test turns on first).
#![cfg(unix)] // tmux, signals, /proc

use std::fs;
use std::time::Instant;

use crate::support::tmux::{Tmux, assert_responsive, shows_table};
use crate::support::worked::{CHEAP, STRONG};

/// A small deterministic generator: the same storm on every run, so a
/// failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn a_resize_storm_leaves_a_working_screen() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("--mouse");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    // The extremes, each drawn for sure before the storm.
    tmux.run(&["resize-window", "-t", "main", "-x", "300", "-y", "100"]);
    tmux.wait_for("the table at 300×100", |s| {
        shows_table(s)
            && s.lines()
                .any(|l| l.chars().count() == 300 && l.starts_with('╭'))
    });
    tmux.run(&["resize-window", "-t", "main", "-x", "1", "-y", "1"]);
    tmux.wait_for("a 1×1 frame", |s| !shows_table(s) && !s.trim().is_empty());
    let mut random = XorShift(0x5EED_0001);
    let mut sizes = vec![(1, 1), (300, 100), (1, 100), (300, 1), (80, 24), (79, 23)];
    sizes.extend((0..300).map(|_| (1 + random.below(300), 1 + random.below(100))));
    sizes.extend([(1, 1), (300, 100), (1, 1)]);
    for (width, height) in &sizes {
        let (w, h) = (width.to_string(), height.to_string());
        tmux.run(&["resize-window", "-t", "main", "-x", &w, "-y", &h]);
    }
    tmux.run(&["resize-window", "-t", "main", "-x", "100", "-y", "30"]);
    tmux.wait_for("the table at 100×30", shows_table);
    assert_responsive(&tmux);
    tmux.quit_cleanly();
}

/// Every key the explorer knows and many it does not, as tmux names them;
/// not `q` or Ctrl-C, which would end the test early, nor `;`, which tmux
/// reads as a command separator.
fn key_pool() -> Vec<String> {
    let mut keys: Vec<String> = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain("!\"#$%&'()*+,-./:<=>?@[\\]^_`{|}~ ".chars())
        .filter(|c| *c != 'q')
        .map(String::from)
        .collect();
    for name in [
        "Up", "Down", "Left", "Right", "S-Left", "S-Right", "S-Up", "C-Left", "M-Right", "Tab",
        "BTab", "Enter", "Escape", "Home", "End", "PageUp", "PageDown", "BSpace", "DC", "IC",
    ] {
        keys.push(name.to_string());
    }
    keys.extend((1..=12).map(|n| format!("F{n}")));
    keys.extend(('a'..='z').filter(|c| *c != 'c').map(|c| format!("C-{c}")));
    keys.extend(('a'..='z').map(|c| format!("M-{c}")));
    keys
}

#[test]
fn ten_thousand_random_keys() {
    let tmux = Tmux::start(120, 40);
    tmux.explore("--mouse");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    let pool = key_pool();
    let mut random = XorShift(0x5EED_0002);
    let started = Instant::now();
    for _ in 0..100 {
        let batch: Vec<&str> = (0..100)
            .map(|_| pool[random.below(pool.len())].as_str())
            .collect();
        tmux.send_keys(&batch);
    }
    let sent = started.elapsed();
    // The explorer has caught up once the help it is asked for shows.
    assert_responsive(&tmux);
    eprintln!(
        "10,000 keys: sent in {sent:?}, all handled after {:?}",
        started.elapsed()
    );
    tmux.quit_cleanly();
}

#[test]
fn ten_thousand_random_bytes() {
    // Below the keys: raw bytes, so broken escape sequences, stray UTF-8
    // continuation bytes and control characters reach crossterm's parser.
    // Not `q` or Ctrl-C (0x03), which would quit.
    let tmux = Tmux::start(120, 40);
    tmux.explore("--mouse");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    let mut random = XorShift(0x5EED_0003);
    for _ in 0..100 {
        let batch: Vec<String> = (0..100)
            .map(|_| {
                loop {
                    let byte = (random.next() & 0xFF) as u8;
                    if byte != b'q' && byte != 0x03 {
                        return format!("{byte:02x}");
                    }
                }
            })
            .collect();
        let batch: Vec<&str> = batch.iter().map(String::as_str).collect();
        tmux.run(&[&["send-keys", "-t", "main", "-H"], batch.as_slice()].concat());
    }
    assert_responsive(&tmux);
    tmux.quit_cleanly();
}

#[test]
fn a_large_paste_is_ignored_not_typed() {
    let tmux = Tmux::start(120, 40);
    tmux.explore("--mouse");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    // Profile text is full of keys the explorer binds: q, s, e, u, a, R.
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(STRONG);
        text.push_str(CHEAP);
    }
    let paste = tmux.dir.path().join("paste.txt");
    fs::write(&paste, &text).unwrap();
    tmux.run(&["load-buffer", paste.to_str().unwrap()]);
    let started = Instant::now();
    // `-p`: as a terminal pastes, in brackets when the program asked.
    tmux.run(&["paste-buffer", "-p", "-t", "main"]);
    let notice = format!("pasted text ignored ({} characters)", text.chars().count());
    let screen = tmux.wait_for("the paste notice", |s| s.contains(&notice));
    eprintln!(
        "{} byte paste handled after {:?}",
        text.len(),
        started.elapsed()
    );
    assert!(shows_table(&screen), "figures unchanged:\n{screen}");
    assert_responsive(&tmux);
    // Not typed: no `s` saved, no `e` exported.
    let profiles = tmux.profiles();
    assert_eq!(
        fs::read_to_string(profiles.join("strong.toml")).unwrap(),
        STRONG
    );
    assert_eq!(
        fs::read_to_string(profiles.join("cheap.toml")).unwrap(),
        CHEAP
    );
    // No export of any name (they are named by the time).
    let exports: Vec<String> = fs::read_dir(tmux.dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("costlens-export"))
        .collect();
    assert!(exports.is_empty(), "{exports:?}");
    tmux.quit_cleanly();
}

/// The explorer's pid: the pane's shell's only child.
fn explorer_pid(tmux: &Tmux) -> String {
    let shell = tmux.display("#{pane_pid}");
    let children = fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
    let pids: Vec<&str> = children.split_whitespace().collect();
    assert_eq!(pids.len(), 1, "one child of the shell: {pids:?}");
    pids[0].to_string()
}

/// A signal that ends programs ends the explorer as `q` does, terminal
/// restored, with the shell's 128 + signal exit status.
fn signal_restores(signal: &str, status: u8) {
    let tmux = Tmux::start(100, 30);
    tmux.explore("--mouse");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    let pid = explorer_pid(&tmux);
    // The shell's own `kill`: no procps needed on a fresh machine.
    let sent = std::process::Command::new("sh")
        .args(["-c", &format!("kill -s {signal} {pid}")])
        .status()
        .unwrap();
    assert!(sent.success());
    tmux.wait_display("#{pane_current_command}", "bash");
    tmux.type_line("echo exit=$?");
    let want = format!("exit={status}");
    tmux.wait_for(&want, |s| s.lines().any(|l| l.trim() == want));
    tmux.assert_quiet_stderr();
    tmux.assert_restored_shell();
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores("TERM", 143);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores("HUP", 129);
}

/// Starts the explorer with a panic armed on `thread`, fires it, and
/// checks the plain report, the exit code and the restored shell.
fn injected_panic(thread: &str) {
    let tmux = Tmux::start(100, 30);
    // Without RUST_BACKTRACE, as a user runs it (with it, Rust's own text
    // and a backtrace follow the report, on purpose).
    // Its report goes to the screen, where the user sees it.
    tmux.type_line(&format!(
        "unset RUST_BACKTRACE; COSTLENS_TEST_PANIC={thread} '{}' --mouse '{}'",
        env!("CARGO_BIN_EXE_costlens"),
        tmux.profiles().display()
    ));
    tmux.wait_for("the table", shows_table);
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    tmux.send_keys(&["!"]);
    let report =
        format!("costlens stopped on an internal error: injected by COSTLENS_TEST_PANIC={thread}");
    let screen = tmux.wait_for("the panic report", |s| s.contains(&report));
    assert!(
        screen.contains("The terminal has been restored"),
        "{screen}"
    );
    assert!(
        !screen.contains("panicked at"),
        "Rust's own text:\n{screen}"
    );
    tmux.type_line("echo exit=$?");
    tmux.wait_for("exit code 101", |s| {
        s.lines().any(|l| l.trim() == "exit=101")
    });
    tmux.assert_restored_shell();
}

#[test]
fn a_panic_on_the_event_loop_is_reported_and_restores_the_terminal() {
    injected_panic("main");
}

#[test]
fn a_panic_on_the_input_thread_is_reported_and_restores_the_terminal() {
    injected_panic("input");
}

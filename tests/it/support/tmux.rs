//! A real terminal for end-to-end tests: the built explorer runs inside
//! tmux, keys go in through `send-keys` and the screen comes back through
//! `capture-pane`. Each `Tmux` owns a server on its own socket, so tests
//! run in parallel and never touch a user's tmux.
//!
//! The explorer is typed into a plain shell rather than started as the
//! pane's command, so that after it quits there is a real shell left to
//! prove the terminal was restored. The profiles live in `profiles/`
//! under the shell's folder, so a test can delete and recreate them.
//!
//! A `Tmux` also holds its module's turn (see `serial`) from `start` until
//! it is dropped, so end-to-end modules never load the machine at once.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use super::serial::{self, Turn};
use super::worked;

/// How long a wait may take before the test fails: generous, because a
/// loaded CI machine runs the debug build slowly (10,000 files, 10,000
/// keys); polling keeps the passing case fast. `COSTLENS_TEST_TIMEOUT_S`
/// changes it.
pub fn timeout() -> Duration {
    let seconds = std::env::var("COSTLENS_TEST_TIMEOUT_S")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(seconds)
}
pub const POLL: Duration = Duration::from_millis(50);

/// A tmux server of one's own with one session, `main`, running a bare
/// shell in a temp folder that holds the worked check's two profiles.
/// Dropping it kills the server, also when a test fails half-way.
pub struct Tmux {
    socket: String,
    /// Where `-L` put the socket: tmux leaves the file behind when the
    /// server dies, so the guard removes it.
    socket_path: Option<String>,
    pub dir: tempfile::TempDir,
    /// Dropped last, once the server is gone.
    _turn: Turn,
}

impl Tmux {
    /// Starts the server; the turn taken is the calling file's module.
    #[track_caller]
    pub fn start(width: u16, height: u16) -> Tmux {
        let turn = serial::turn(std::panic::Location::caller().file());
        // A missing tmux must fail loudly: a skipped test looks like a pass.
        if Command::new("tmux").arg("-V").output().is_err() {
            panic!("tmux is not on PATH; these tests need it (.ci/run installs it)");
        }
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let dir = tempfile::tempdir().unwrap();
        let profiles = dir.path().join("profiles");
        fs::create_dir(&profiles).unwrap();
        worked::write_worked(&profiles);
        let socket = format!(
            "costlens-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        // The guard exists before the server does, so no path leaks it.
        let mut tmux = Tmux {
            socket,
            socket_path: None,
            dir,
            _turn: turn,
        };
        let (w, h) = (width.to_string(), height.to_string());
        let cwd = tmux.dir.path().to_str().unwrap().to_string();
        // No rc files and no history file: a known prompt, and nothing
        // written into the user's home.
        let shell = "env PS1='$ ' HISTFILE= bash --norc --noprofile";
        tmux.run(&[
            "new", "-d", "-s", "main", "-x", &w, "-y", &h, "-c", &cwd, shell,
        ]);
        tmux.socket_path = Some(tmux.display("#{socket_path}"));
        tmux.wait_for("the shell prompt", |s| s.trim() == "$");
        tmux
    }

    /// Runs a tmux command against this server; `-f /dev/null` keeps the
    /// user's ~/.tmux.conf out.
    pub fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "tmux {args:?} failed: {stderr}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Key names as tmux spells them: `L`, `Tab`, `Escape`, `C-c`.
    pub fn send_keys(&self, keys: &[&str]) {
        self.run(&[&["send-keys", "-t", "main"], keys].concat());
    }

    pub fn type_line(&self, line: &str) {
        self.run(&["send-keys", "-t", "main", "-l", line]);
        self.send_keys(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "main"])
    }

    /// A tmux format of the pane, e.g. `#{alternate_on}`.
    pub fn display(&self, format: &str) -> String {
        let out = self.run(&["display", "-p", "-t", "main", format]);
        out.trim().to_string()
    }

    /// Polls until `ready` holds on a settled screen; returns that screen,
    /// or panics with the last one seen. Settled: a second capture right
    /// after is the same, so the screen returned is never a frame caught
    /// half written (new rows above, old ones below), whatever the caller
    /// asserts on it next.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) && self.screen() == screen {
                return screen;
            }
            if start.elapsed() > timeout() {
                panic!(
                    "timed out after {:?} waiting for {what}; screen:\n{screen}",
                    timeout()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Polls a tmux format, e.g. `#{alternate_on}`, until it reads `want`.
    pub fn wait_display(&self, format: &str, want: &str) {
        let start = Instant::now();
        while self.display(format) != want {
            let screen = self.screen();
            assert!(
                start.elapsed() < timeout(),
                "{format} is not {want}:\n{screen}"
            );
            thread::sleep(POLL);
        }
    }

    /// The profiles folder the explorer is started on.
    pub fn profiles(&self) -> PathBuf {
        self.dir.path().join("profiles")
    }

    /// The command line that starts the explorer on the profiles folder,
    /// its stderr kept in `stderr.log` (see `assert_clean_exit`).
    pub fn costlens(&self, flags: &str) -> String {
        self.costlens_on(flags, &self.profiles())
    }

    /// The same on another `folder`.
    pub fn costlens_on(&self, flags: &str, folder: &std::path::Path) -> String {
        let bin = env!("CARGO_BIN_EXE_costlens");
        let log = self.stderr_log();
        format!(
            "'{bin}' {flags} '{}' 2>>'{}'",
            folder.display(),
            log.display()
        )
    }

    fn stderr_log(&self) -> PathBuf {
        self.dir.path().join("stderr.log")
    }

    /// After a quit key: the explorer exited with status 0 and wrote
    /// nothing to stderr (a panic's report, Rust's panic text, an error).
    /// The screen cannot show these: the explorer owns it until it exits.
    pub fn assert_clean_exit(&self) {
        self.wait_display("#{pane_current_command}", "bash");
        self.type_line("echo exit=$?");
        self.wait_for("the exit status", |s| {
            s.lines().any(|l| l.starts_with("exit="))
        });
        let screen = self.screen();
        assert!(
            screen.lines().any(|l| l.trim() == "exit=0"),
            "not a clean exit:\n{screen}"
        );
        self.assert_quiet_stderr();
    }

    /// Nothing on the explorer's stderr: no panic report, no error.
    pub fn assert_quiet_stderr(&self) {
        let stderr = fs::read_to_string(self.stderr_log()).unwrap_or_default();
        assert!(stderr.is_empty(), "the explorer wrote to stderr:\n{stderr}");
    }

    /// Quits with `q`, then checks the exit, stderr and the terminal.
    pub fn quit_cleanly(&self) {
        self.send_keys(&["q"]);
        self.assert_clean_exit();
        self.assert_restored_shell();
    }

    /// Starts the explorer and waits for its first full table.
    pub fn explore(&self, flags: &str) {
        self.type_line(&self.costlens(flags));
        self.wait_for("the table", shows_table);
    }

    /// After a quit key: waits for the explorer to exit, then checks it
    /// left the terminal as it found it and the shell still answers.
    pub fn assert_restored_shell(&self) {
        self.wait_display("#{pane_current_command}", "bash");
        let screen = self.screen();
        for (flag, what) in [
            ("#{alternate_on}", "the alternate screen"),
            ("#{mouse_any_flag}", "mouse capture"),
        ] {
            assert_eq!(self.display(flag), "0", "left {what} on:\n{screen}");
        }
        // Raw mode shows as `-icanon`. The typed line holds `icanon` too,
        // so only a line that is exactly the flag counts.
        self.type_line(r"stty -a | tr ' ' '\n' | grep -x -- '-\?icanon'");
        let is_flag = |l: &str| matches!(l.trim(), "icanon" | "-icanon");
        let screen = self.wait_for("stty's icanon flag", |s| s.lines().any(is_flag));
        assert!(
            screen.lines().any(|l| l.trim() == "icanon"),
            "left the terminal in raw mode:\n{screen}"
        );
        self.type_line("echo ready-$((40+2))");
        self.wait_for("the shell to answer", |s| {
            s.lines().any(|l| l.trim() == "ready-42")
        });
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Not `run`: a panic while already panicking would abort the tests.
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
        if let Some(path) = &self.socket_path {
            let _ = fs::remove_file(path);
        }
    }
}

/// The words of a profile's table row, from its name on, if it is shown.
pub fn row<'a>(screen: &'a str, name: &str) -> Option<Vec<&'a str>> {
    screen.lines().find_map(|line| {
        let words: Vec<&str> = line
            .trim_start_matches(['│', '▶'])
            .split_whitespace()
            .collect();
        (words.first() == Some(&name)).then_some(words)
    })
}

/// The cost column of a profile's row.
pub fn cost<'a>(screen: &'a str, name: &str) -> Option<&'a str> {
    row(screen, name).and_then(|words| words.get(1).copied())
}

/// The worked check, untouched: strong 30.50 and cheap 78.45.
pub fn shows_table(screen: &str) -> bool {
    cost(screen, "strong") == Some("30.50") && cost(screen, "cheap") == Some("78.45")
}

/// Whether the slider line `label` reads `value` and carries the moved mark
/// `*` after its file value.
pub fn slider_shows(screen: &str, label: &str, value: &str, moved: bool) -> bool {
    screen.lines().any(|line| {
        line.split_once(label)
            .and_then(|(_, rest)| rest.split_once(')'))
            .is_some_and(|(reading, after)| {
                reading.trim_start().starts_with(value)
                    && after.trim_start().starts_with('*') == moved
            })
    })
}

/// SGR sequences in a styled capture that set a colour (defaults 39 and 49
/// are fine: they reset one).
pub fn colour_codes(styled: &str) -> Vec<String> {
    let colour = |p: &str| matches!(p.parse(), Ok(30..=38 | 40..=48 | 90..=97 | 100..=107));
    styled
        .split('\x1b')
        .filter_map(|seq| seq.strip_prefix('[')?.split_once('m'))
        .map(|(params, _)| params)
        .filter(|params| params.split(';').any(colour))
        .map(|params| format!("ESC[{params}m"))
        .collect()
}

/// Still running and drawing: the explorer is the pane's process, and the
/// help opens and closes on request.
pub fn assert_responsive(tmux: &Tmux) {
    assert_eq!(tmux.display("#{pane_current_command}"), "costlens");
    // F1 opens the help whatever came before: `?` toggles, and after a
    // flood the screen may not show yet whether the last `?` of it opened
    // the help, so a toggle here could close it.
    tmux.send_keys(&["F1"]);
    tmux.wait_for("the help", |s| s.contains("╭ Keys"));
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains("╭ Keys"));
}

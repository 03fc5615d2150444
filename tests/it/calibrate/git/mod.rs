//! The git reader on real repositories built in temp folders with the
//! real `git`: dates, emails and messages set commit by commit.
//! - `rules`: the agent rules, reverts and their chains, merges;
//! - `window`: the window, adoption depth, several repositories;
//! - here: the helpers, and the errors.

mod rules;
mod window;

use std::path::{Path, PathBuf};
use std::process::Command;

use costlens::calibrate::git::{GitFigures, GitOptions, Window, read_git};
use regex::Regex;
use tempfile::TempDir;

const CLAUDE: &str = "Co-Authored-By: Claude <noreply@anthropic.com>";
const GENERATED: &str = "🤖 Generated with [Claude Code](https://claude.com/claude-code)";

/// A repository on branch `main` in a temp folder, isolated from the
/// user's git configuration.
struct Repo {
    dir: TempDir,
    files: usize,
}

impl Repo {
    fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().unwrap(),
            files: 0,
        };
        repo.git(
            &["init", "-q", "-b", "main"],
            "2026-01-01 12:00:00 +0000",
            "x@x",
        );
        repo
    }

    fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Runs git with both dates set to `at` and both emails to `email`;
    /// returns stdout.
    fn git(&self, args: &[&str], at: &str, email: &str) -> String {
        self.git_dated(args, at, at, email)
    }

    fn git_dated(&self, args: &[&str], authored: &str, committed: &str, email: &str) -> String {
        let mut command = Command::new("git");
        command.arg("-C").arg(self.dir.path()).args(args);
        for var in [
            "GIT_DIR",
            "GIT_WORK_TREE",
            "GIT_INDEX_FILE",
            "GIT_COMMON_DIR",
        ] {
            command.env_remove(var);
        }
        let output = command
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Dev")
            .env("GIT_COMMITTER_NAME", "Dev")
            .env("GIT_AUTHOR_EMAIL", email)
            .env("GIT_COMMITTER_EMAIL", email)
            .env("GIT_AUTHOR_DATE", authored)
            .env("GIT_COMMITTER_DATE", committed)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "git {args:?}: {stderr}");
        String::from_utf8(output.stdout).unwrap().trim().to_owned()
    }

    fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"], "2026-01-01 00:00:00 +0000", "x@x")
    }

    /// A commit adding a new file, on `day` at noon UTC by `email`.
    fn commit(&mut self, day: &str, email: &str, message: &str) -> String {
        self.commit_at(&format!("{day} 12:00:00 +0000"), email, message)
    }

    fn commit_at(&mut self, at: &str, email: &str, message: &str) -> String {
        self.files += 1;
        let name = format!("f{}.txt", self.files);
        std::fs::write(self.dir.path().join(&name), format!("{}\n", self.files)).unwrap();
        self.git(&["add", &name], at, email);
        self.git(&["commit", "-q", "-m", message], at, email);
        self.head()
    }

    /// `git revert` of `sha` with git's own message, plus `extra` lines.
    fn revert(&self, day: &str, email: &str, sha: &str, extra: &str) -> String {
        let at = format!("{day} 12:00:00 +0000");
        self.git(&["revert", "--no-edit", sha], &at, email);
        if !extra.is_empty() {
            let message = self.git(&["log", "-1", "--format=%B"], &at, email);
            let message = format!("{message}\n\n{extra}");
            self.git(&["commit", "-q", "--amend", "-m", &message], &at, email);
        }
        self.head()
    }

    fn read(&self, window: Window) -> GitFigures {
        read(&[self.path()], window, None)
    }
}

fn read(repos: &[PathBuf], window: Window, pattern: Option<&Regex>) -> GitFigures {
    let options = GitOptions {
        window,
        agent_pattern: pattern,
    };
    read_git(repos, &options).unwrap()
}

fn window(since: &str, until: &str) -> Window {
    let day = |text: &str| (!text.is_empty()).then(|| text.parse().unwrap());
    Window {
        since: day(since),
        until: day(until),
    }
}

fn all() -> Window {
    Window::default()
}

/// `(changes, agent, agent reverted, other, other reverted)`.
fn counts(f: &GitFigures) -> (u64, u64, u64, u64, u64) {
    (
        f.changes,
        f.agent_changes,
        f.agent_reverted,
        f.other_changes,
        f.other_reverted,
    )
}

fn error_of(path: &Path) -> String {
    let options = GitOptions::default();
    read_git(&[path.to_path_buf()], &options)
        .unwrap_err()
        .to_string()
}

#[test]
fn a_folder_that_is_not_a_repository_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let message = error_of(dir.path());
    assert_eq!(
        message,
        format!("{}: not a git repository", dir.path().display())
    );
    let missing = dir.path().join("gone");
    assert_eq!(
        error_of(&missing),
        format!("{}: no such folder", missing.display())
    );
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert_eq!(
        error_of(&file),
        format!("{}: no such folder", file.display())
    );
}

#[test]
fn a_control_character_in_the_path_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a\u{1b}[2Jb");
    std::fs::create_dir(&odd).unwrap();
    let message = error_of(&odd);
    assert!(
        message.contains("a\\u{1b}[2Jb: not a git repository"),
        "{message}"
    );
    assert!(!message.contains('\u{1b}'));
}

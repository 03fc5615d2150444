//! Running the real `git` and reading what it prints. Commit messages are
//! arbitrary text, so the output is split on NUL (`-z`, which git never
//! lets into a message it writes) and each record's header line holds
//! only fields that cannot contain a newline: the hash, the committer
//! time, the author's email (last, so spaces in it do no harm).

use std::path::Path;
use std::process::{Command, Output};

use super::GitError;

/// One commit as `git log` printed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Commit {
    /// Lower-case hex object name (40 digits, or 64 in a SHA-256 repo).
    pub(super) sha: String,
    /// Committer time, seconds since the Unix epoch.
    pub(super) committed_s: i64,
    pub(super) author_email: String,
    /// The raw message (subject and body), lossily decoded as UTF-8.
    pub(super) message: String,
}

/// `%H %ct %ae` then the message; one record per commit, NUL-terminated
/// under `-z`.
const FORMAT: &str = "--format=%H %ct %ae%n%B";

/// Variables that would point git at another repository than `-C`'s
/// (set, for instance, when the tests run inside a git hook).
const REPOSITORY_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
];

/// Runs `git -C repo ARGS`, without a pager, signatures or colour.
fn run(repo: &Path, args: &[&str]) -> Result<Output, GitError> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(repo)
        .args(["--no-pager", "-c", "log.showSignature=false", "-c"])
        .arg("i18n.logOutputEncoding=UTF-8")
        .args(args);
    for variable in REPOSITORY_VARIABLES {
        command.env_remove(variable);
    }
    command.output().map_err(|err| {
        let hint = if err.kind() == std::io::ErrorKind::NotFound {
            " (is git installed and on PATH?)"
        } else {
            ""
        };
        GitError::new(repo, format!("cannot run git: {err}{hint}"))
    })
}

/// The first line of git's complaint, for an error message.
fn complaint(output: &Output) -> String {
    let text = String::from_utf8_lossy(&output.stderr);
    let line = text.lines().find(|line| !line.trim().is_empty());
    line.unwrap_or("no message").trim().to_owned()
}

/// Checks `repo` is a git repository; `false` when it has no commit yet.
pub(super) fn has_commits(repo: &Path) -> Result<bool, GitError> {
    if !repo.is_dir() {
        return Err(GitError::new(repo, "no such folder".into()));
    }
    let output = run(repo, &["rev-parse", "--git-dir"])?;
    if !output.status.success() {
        let complaint = complaint(&output);
        let message = if complaint.contains("not a git repository") {
            "not a git repository".to_owned()
        } else {
            format!("git cannot read it: {complaint}")
        };
        return Err(GitError::new(repo, message));
    }
    let head = run(repo, &["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])?;
    Ok(head.status.success())
}

/// The first-parent history of `HEAD`, newest first.
pub(super) fn first_parent(repo: &Path) -> Result<Vec<Commit>, GitError> {
    log(repo, &["log", "-z", "--first-parent", FORMAT, "HEAD", "--"])
}

/// Every commit reachable from `HEAD` (all parents) whose message holds
/// the revert marker: the reverts may arrive through a merged branch.
pub(super) fn reverts(repo: &Path) -> Result<Vec<Commit>, GitError> {
    let grep = format!("--grep={}", super::reverts::MARKER);
    let args = ["log", "-z", "--fixed-strings", &grep, FORMAT, "HEAD", "--"];
    log(repo, &args)
}

fn log(repo: &Path, args: &[&str]) -> Result<Vec<Commit>, GitError> {
    let output = run(repo, args)?;
    if !output.status.success() {
        let message = format!("git log failed: {}", complaint(&output));
        return Err(GitError::new(repo, message));
    }
    parse(&output.stdout).map_err(|record| {
        let message = format!("cannot read git log's output (record {record})");
        GitError::new(repo, message)
    })
}

/// Splits `-z` output into commits. A record whose header is not a
/// commit's is the rest of the previous message (a NUL got into it
/// through plumbing); one before any commit is an error (its number).
pub(super) fn parse(output: &[u8]) -> Result<Vec<Commit>, usize> {
    let mut commits: Vec<Commit> = Vec::new();
    for (number, record) in output.split(|&b| b == 0).enumerate() {
        if record.is_empty() {
            continue;
        }
        let text = String::from_utf8_lossy(record);
        match header(&text) {
            Some(commit) => commits.push(commit),
            None => match commits.last_mut() {
                Some(last) => {
                    last.message.push('\0');
                    last.message.push_str(&text);
                }
                None => return Err(number + 1),
            },
        }
    }
    Ok(commits)
}

/// `<sha> <seconds> <email>\n<message>`.
fn header(record: &str) -> Option<Commit> {
    let (first, message) = record.split_once('\n').unwrap_or((record, ""));
    let (sha, rest) = first.split_once(' ')?;
    let (seconds, email) = rest.split_once(' ').unwrap_or((rest, ""));
    let hex = sha.bytes().all(|b| b.is_ascii_hexdigit());
    if !hex || !(sha.len() == 40 || sha.len() == 64) {
        return None;
    }
    Some(Commit {
        sha: sha.to_ascii_lowercase(),
        committed_s: seconds.parse().ok()?,
        author_email: email.to_owned(),
        message: message.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef0123456789abcdef01234567";
    const B: &str = "89abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn splits_records_and_keeps_any_message_text() {
        let out =
            format!("{A} 1700000000 a b@x.io\nfix: x\n\nbody\x1e line\n\0{B} -5 \nsubject\n\0");
        let commits = parse(out.as_bytes()).unwrap();
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].sha, A);
        assert_eq!(commits[0].committed_s, 1_700_000_000);
        assert_eq!(commits[0].author_email, "a b@x.io");
        assert_eq!(commits[0].message, "fix: x\n\nbody\x1e line\n");
        assert_eq!(commits[1].committed_s, -5);
        assert_eq!(commits[1].author_email, "");
    }

    #[test]
    fn a_nul_inside_a_message_stays_in_that_message() {
        let out = format!("{A} 1 a@x\nbefore\0after\n\0{B} 2 b@x\nnext\n\0");
        let commits = parse(out.as_bytes()).unwrap();
        assert_eq!(commits.len(), 2);
        assert_eq!(commits[0].message, "before\0after\n");
        assert_eq!(parse(b"garbage\0"), Err(1));
        assert_eq!(parse(b""), Ok(vec![]));
    }
}

//! Finding the logs: the folders given, else `CLAUDE_CONFIG_DIR`, else
//! `~/.config/claude` and `~/.claude`; every `*.jsonl` beneath them,
//! symlinks not followed; where each file's session and project are.

use std::ffi::OsString;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{LogsError, Warning};

/// What the environment says about where logs are, read once so that
/// tests can give their own.
#[derive(Debug, Clone, Default)]
pub struct LogEnv {
    /// `CLAUDE_CONFIG_DIR`: folders, comma separated.
    pub claude_config_dir: Option<OsString>,
    pub home: Option<PathBuf>,
}

impl LogEnv {
    pub fn from_process() -> Self {
        Self {
            claude_config_dir: std::env::var_os("CLAUDE_CONFIG_DIR"),
            home: std::env::var_os("HOME").map(PathBuf::from),
        }
    }
}

/// One log file found, with what its place in the tree says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFile {
    /// Canonical: one path per file, however it was reached.
    pub path: PathBuf,
    pub bytes: u64,
    /// The file's session, read from its whole canonical path:
    /// `projects/<project>/<session>.jsonl` and
    /// `<session>/subagents/<file>.jsonl` give `<session>`; otherwise the
    /// folder the file is in. Lines with a `sessionId` use theirs.
    pub session: String,
    /// The folder right under the last `projects/` on the file's whole
    /// path; without one, the folder holding the session's files (the
    /// file's folder, or `<project>` of `<project>/<session>/subagents/`).
    pub project: String,
    /// Under a `subagents/` folder (below the project folder, when there
    /// is one) or named `agent-*`: its lines are a sub-agent's.
    pub subagent: bool,
}

/// The files to read, sorted by full path, and what could not be read
/// while looking.
#[derive(Debug, Clone, Default)]
pub struct LogFiles {
    pub files: Vec<LogFile>,
    pub warnings: Vec<Warning>,
}

impl LogFiles {
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|file| file.bytes).sum()
    }
}

/// The folders to read: `logs` when given, else `CLAUDE_CONFIG_DIR`'s,
/// else whichever of `~/.config/claude` and `~/.claude` exist (none: an
/// empty list, which [`find_logs`] turns into a warning). A folder named
/// (in `logs` or the variable) that does not exist is an error.
pub fn log_roots(logs: &[PathBuf], env: &LogEnv) -> Result<Vec<PathBuf>, LogsError> {
    roots(logs, env).map(|(roots, _)| roots)
}

/// [`log_roots`] then [`find_log_files`]; when nothing was named and
/// neither default folder exists, a warning says so (first in
/// `warnings`): an empty run that says nothing looks like a team without
/// usage.
pub fn find_logs(
    logs: &[PathBuf],
    env: &LogEnv,
    project: Option<&str>,
) -> Result<LogFiles, LogsError> {
    let (roots, no_logs) = roots(logs, env)?;
    let mut found = find_log_files(&roots, project);
    if let Some(warning) = no_logs {
        found.warnings.insert(0, warning);
    }
    Ok(found)
}

/// The folders to read, and the warning when the defaults were looked
/// for and none is there.
fn roots(logs: &[PathBuf], env: &LogEnv) -> Result<(Vec<PathBuf>, Option<Warning>), LogsError> {
    let named: Vec<PathBuf> = if logs.is_empty() {
        let listed = env.claude_config_dir.as_ref().map(|dirs| {
            dirs.to_string_lossy()
                .split(',')
                .map(str::trim)
                .filter(|dir| !dir.is_empty())
                .map(|dir| expand_home(dir, env.home.as_deref()))
                .collect::<Vec<_>>()
        });
        match listed {
            Some(dirs) if !dirs.is_empty() => dirs,
            _ => return Ok(default_roots(env.home.as_deref())),
        }
    } else {
        logs.to_vec()
    };
    for path in &named {
        if fs::metadata(path).is_err() {
            return Err(LogsError::MissingFolder(path.clone()));
        }
    }
    Ok((named, None))
}

fn default_roots(home: Option<&Path>) -> (Vec<PathBuf>, Option<Warning>) {
    const HINT: &str = "(give the folders, or set CLAUDE_CONFIG_DIR)";
    let Some(home) = home else {
        let message = format!("no Claude Code logs: HOME is not set {HINT}");
        return (Vec::new(), Some(Warning::general(message)));
    };
    let defaults = [home.join(".config").join("claude"), home.join(".claude")];
    let found: Vec<PathBuf> = defaults.into_iter().filter(|dir| dir.is_dir()).collect();
    let warning = found.is_empty().then(|| {
        Warning::general(format!(
            "no Claude Code logs: neither ~/.config/claude nor ~/.claude exists {HINT}"
        ))
    });
    (found, warning)
}

fn expand_home(dir: &str, home: Option<&Path>) -> PathBuf {
    match (dir, home) {
        ("~", Some(home)) => home.to_path_buf(),
        (_, Some(home)) if dir.starts_with("~/") => home.join(&dir[2..]),
        _ => PathBuf::from(dir),
    }
}

/// Every `*.jsonl` beneath `roots` (a root that is a file is read as
/// it is), sorted by full path, each once however many roots reach it;
/// with `project`, only files whose project folder contains it.
///
/// Roots are made canonical first (`.`, `..`, symlinks and relative
/// paths resolved): each file is then known by one path, so overlapping
/// roots (`ns` and `ns/projects`) read it once, and its place is read
/// from that whole path, the same whichever root names it.
pub fn find_log_files(roots: &[PathBuf], project: Option<&str>) -> LogFiles {
    let mut found = LogFiles::default();
    let mut seen_roots = Vec::new();
    for root in roots {
        let canonical = match fs::canonicalize(root) {
            Ok(canonical) => canonical,
            Err(err) => {
                found
                    .warnings
                    .push(Warning::new(root, format!("cannot read: {err}")));
                continue;
            }
        };
        // The same folder named twice (or through a symlink) is walked once.
        if seen_roots.contains(&canonical) {
            continue;
        }
        match fs::metadata(&canonical) {
            Ok(meta) if meta.is_file() => push_file(&mut found, &canonical, meta.len()),
            Ok(_) => walk(&canonical, &mut found),
            Err(err) => found
                .warnings
                .push(Warning::new(root, format!("cannot read: {err}"))),
        }
        seen_roots.push(canonical);
    }
    found.files.sort_by(|a, b| {
        a.path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path.as_os_str().as_encoded_bytes())
    });
    // Canonical paths: the same file reached from two roots is the same
    // path, so equal ones are neighbours once sorted.
    found.files.dedup_by(|a, b| a.path == b.path);
    if let Some(text) = project {
        found.files.retain(|file| file.project.contains(text));
    }
    found
}

/// Walks `dir`, canonical: the paths below it are too, as symlinks are
/// not followed.
fn walk(dir: &Path, found: &mut LogFiles) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            found
                .warnings
                .push(Warning::new(dir, format!("cannot read folder: {err}")));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                found
                    .warnings
                    .push(Warning::new(dir, format!("cannot read folder: {err}")));
                return;
            }
        };
        let path = entry.path();
        // `DirEntry::file_type` does not follow symlinks: a symlink is
        // neither a folder nor a file here, and is passed by.
        let Ok(kind) = entry.file_type() else {
            found.warnings.push(Warning::new(
                &path,
                "cannot read: file type unknown".to_string(),
            ));
            continue;
        };
        if kind.is_dir() {
            walk(&path, found);
        } else if kind.is_file() && path.extension().is_some_and(|ext| ext == "jsonl") {
            let bytes = entry.metadata().map_or(0, |meta| meta.len());
            push_file(found, &path, bytes);
        }
    }
}

/// `path` is canonical: its place is read from it whole.
fn push_file(found: &mut LogFiles, path: &Path, bytes: u64) {
    let place = Place::of(path);
    found.files.push(LogFile {
        path: path.to_path_buf(),
        bytes,
        session: place.session,
        project: place.project,
        subagent: place.subagent,
    });
}

struct Place {
    session: String,
    project: String,
    subagent: bool,
}

impl Place {
    /// Reads a file's place from its whole canonical path, so that it
    /// does not depend on which folder was given. The `projects/` that
    /// counts is the last one on the path (a Claude folder may sit in a
    /// folder of one's projects).
    fn of(path: &Path) -> Place {
        let mut folders: Vec<String> = path
            .components()
            .filter_map(|part| match part {
                Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        let file_name = folders.pop().unwrap_or_default();
        let stem = file_name
            .strip_suffix(".jsonl")
            .unwrap_or(&file_name)
            .to_string();
        let projects_at = folders.iter().rposition(|part| part == "projects");
        let in_subagents = folders.len() >= 2 && folders[folders.len() - 1] == "subagents";
        let parent = folders.last().cloned().unwrap_or_default();
        let session = if in_subagents {
            folders[folders.len() - 2].clone()
        } else if projects_at.is_some_and(|at| at + 2 == folders.len()) {
            stem
        } else {
            parent.clone()
        };
        let project = match projects_at {
            Some(at) => folders.get(at + 1).cloned().unwrap_or_default(),
            // No `projects/` above: the folder holding the session's files
            // (`<project>/<session>/subagents/<file>.jsonl` as in Claude's
            // layout, else the file's own folder).
            None if in_subagents && folders.len() >= 3 => folders[folders.len() - 3].clone(),
            None => parent,
        };
        // Below the project folder only: a `subagents` folder far above a
        // Claude folder says nothing about its sessions.
        let below = projects_at.map_or(0, |at| at + 2);
        Place {
            session,
            project,
            subagent: folders[below.min(folders.len())..]
                .iter()
                .any(|part| part == "subagents")
                || file_name.starts_with("agent-"),
        }
    }
}

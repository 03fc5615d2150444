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
    pub path: PathBuf,
    pub bytes: u64,
    /// The file's session: `projects/<project>/<session>.jsonl` and
    /// `<session>/subagents/<file>.jsonl` give `<session>`; otherwise the
    /// folder the file is in. Lines with a `sessionId` use theirs.
    pub session: String,
    /// The folder under `projects/`; for a file not under one, the
    /// folder that was given.
    pub project: String,
    /// Under a `subagents/` folder or named `agent-*`: its lines are a
    /// sub-agent's.
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
/// else whichever of `~/.config/claude` and `~/.claude` exist. A folder
/// named (in `logs` or the variable) that does not exist is an error.
pub fn log_roots(logs: &[PathBuf], env: &LogEnv) -> Result<Vec<PathBuf>, LogsError> {
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
            _ => {
                let Some(home) = &env.home else {
                    return Ok(Vec::new());
                };
                let defaults = [home.join(".config").join("claude"), home.join(".claude")];
                return Ok(defaults.into_iter().filter(|dir| dir.is_dir()).collect());
            }
        }
    } else {
        logs.to_vec()
    };
    for path in &named {
        if fs::metadata(path).is_err() {
            return Err(LogsError::MissingFolder(path.clone()));
        }
    }
    Ok(named)
}

fn expand_home(dir: &str, home: Option<&Path>) -> PathBuf {
    match (dir, home) {
        ("~", Some(home)) => home.to_path_buf(),
        (_, Some(home)) if dir.starts_with("~/") => home.join(&dir[2..]),
        _ => PathBuf::from(dir),
    }
}

/// Every `*.jsonl` beneath `roots` (a root that is a file is read as
/// it is), sorted by full path, each once; with `project`, only files
/// whose project folder contains it.
pub fn find_log_files(roots: &[PathBuf], project: Option<&str>) -> LogFiles {
    let mut found = LogFiles::default();
    let mut seen_roots = Vec::new();
    for root in roots {
        // The same folder named twice (or through a symlink) is read once.
        let canonical = fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        if seen_roots.contains(&canonical) {
            continue;
        }
        seen_roots.push(canonical);
        match fs::metadata(root) {
            Ok(meta) if meta.is_file() => {
                // A file named alone is placed by its whole path.
                let whole = fs::canonicalize(root).unwrap_or_else(|_| root.clone());
                let top = whole.ancestors().last().unwrap_or(&whole).to_path_buf();
                push_file(&mut found, &top, root, meta.len(), &whole);
            }
            Ok(_) => walk(root, root, &mut found),
            Err(err) => found
                .warnings
                .push(Warning::new(root, format!("cannot read: {err}"))),
        }
    }
    found.files.sort_by(|a, b| {
        a.path
            .as_os_str()
            .as_encoded_bytes()
            .cmp(b.path.as_os_str().as_encoded_bytes())
    });
    found.files.dedup_by(|a, b| a.path == b.path);
    if let Some(text) = project {
        found.files.retain(|file| file.project.contains(text));
    }
    found
}

fn walk(root: &Path, dir: &Path, found: &mut LogFiles) {
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
            walk(root, &path, found);
        } else if kind.is_file() && path.extension().is_some_and(|ext| ext == "jsonl") {
            let bytes = entry.metadata().map_or(0, |meta| meta.len());
            push_file(found, root, &path, bytes, &path);
        }
    }
}

/// `path` as it will be read; `placed` is the same file as seen from
/// `root`, for its place.
fn push_file(found: &mut LogFiles, root: &Path, path: &Path, bytes: u64, placed: &Path) {
    let place = Place::of(root, placed);
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
    /// Reads the file's place below the root (the root's own name
    /// included, so a `projects/` folder given is seen as one).
    fn of(root: &Path, path: &Path) -> Place {
        let root_name = root
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        let below = path.strip_prefix(root).unwrap_or(path);
        let mut parts: Vec<String> = root_name.clone().into_iter().collect();
        parts.extend(below.components().filter_map(|part| match part {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        }));
        let file_name = parts.pop().unwrap_or_default();
        let folders = parts;
        let stem = file_name
            .strip_suffix(".jsonl")
            .unwrap_or(&file_name)
            .to_string();
        let projects_at = folders.iter().rposition(|part| part == "projects");
        let project = match projects_at.and_then(|at| folders.get(at + 1)) {
            Some(project) => project.clone(),
            None => root_name.unwrap_or_default(),
        };
        let parent = folders.last().cloned().unwrap_or_default();
        let session = if parent == "subagents" && folders.len() >= 2 {
            folders[folders.len() - 2].clone()
        } else if projects_at.is_some_and(|at| at + 2 == folders.len()) {
            stem
        } else {
            parent
        };
        Place {
            session,
            project,
            subagent: folders.iter().any(|part| part == "subagents")
                || file_name.starts_with("agent-"),
        }
    }
}

//! Writing what-ifs back into real profile files in temp folders, the way
//! `s` writes them. Here: the shipped profiles the tests edit, the helpers
//! that read a written file back (its comments, its keys by table, the
//! names in its folder), and `a_read_only_folder_leaves_the_original_intact`,
//! which stays in this file because, run as root, it reruns itself by its
//! path (`writeback::a_read_only_…`). The other tests are in:
//! - `edits`: comments, key order and untouched lines surviving, a reread
//!   giving the new values, missing keys and tables added, numbers keeping
//!   their kind, paths into non-tables refused;
//! - `refusals`: failed writes leaving the original byte-identical (a temp
//!   file that cannot be created, broken TOML, non-finite values, a file
//!   with errors now or after the what-ifs);
//! - `files`: permissions kept, no temp file left, a symlink staying a
//!   link, a missing scenario created;
//! - `shares`: a mix's shares written into its parts.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use costlens::model::ModelProfile;
use costlens::profile::{Definition, parse_profile};
use costlens::writeback::{Change, Edit, FileKind, save_change};
use tempfile::TempDir;

mod edits;
mod files;
mod refusals;
mod shares;

/// A profile's what-ifs written the way `s` writes them.
pub(super) fn write_back(path: &Path, edits: &[Edit]) -> anyhow::Result<()> {
    save_change(path, FileKind::Profile, &Change::Values(edits.to_vec()))
}

pub(super) const HAIKU: &str = include_str!("../../../profiles/haiku-5.5.toml");
pub(super) const FABLE: &str = include_str!("../../../profiles/fable-5.1.toml");
pub(super) const SCENARIO: &str = include_str!("../../../profiles/scenario.toml");

pub(super) fn edit(table: &str, key: &str, value: f64) -> Edit {
    Edit {
        table: table.to_owned(),
        key: key.to_owned(),
        value,
    }
}

/// The three what-ifs of the comment-preservation tests.
pub(super) fn haiku_edits() -> Vec<Edit> {
    vec![
        edit("quality", "first_pass_rate", 0.6),
        edit("usage", "cache_hit_ratio", 0.8),
        edit("usage", "input_tokens", 90000.0),
    ]
}

/// A temp folder holding one file `name` with `text`.
pub(super) fn folder_with(name: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

/// The sorted names in a folder, to spot leftover temp files.
pub(super) fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

pub(super) fn model(path: &Path, text: &str) -> ModelProfile {
    match parse_profile(&path.display().to_string(), text) {
        Ok(profile) => match profile.definition {
            Definition::Model(model) => model,
            Definition::Mix(_) => panic!("expected a model profile"),
        },
        Err(diagnostics) => panic!("does not parse: {diagnostics:?}\n{text}"),
    }
}

/// Whole-line comments and trailing comments, in file order.
pub(super) fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| line.find('#').map(|at| &line[at..]))
        .collect()
}

/// Each table header followed by its keys, in file order.
pub(super) fn keys_by_table(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| match line.split_once('=') {
            Some((key, _)) if !line.starts_with('[') => format!("  {}", key.trim()),
            _ => line.split('#').next().unwrap().trim().to_owned(),
        })
        .collect()
}

/// Asserts that `path` still holds exactly `original` and that its folder
/// holds nothing else.
pub(super) fn assert_untouched(path: &Path, original: &str) {
    assert_eq!(fs::read(path).unwrap(), original.as_bytes());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(names_in(path.parent().unwrap()), [name]);
}

/// Set in the copy of this test binary that `a_read_only_folder_...`
/// starts without root's power over permissions.
#[cfg(unix)]
const WITHOUT_OVERRIDE: &str = "COSTLENS_TEST_WITHOUT_DAC_OVERRIDE";

#[cfg(unix)] // file modes, setpriv
#[test]
fn a_read_only_folder_leaves_the_original_intact() {
    let (dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    let is_root = fs::write(&probe, "").is_ok();
    let _ = fs::remove_file(&probe);
    if is_root {
        // Root ignores permission bits (and CI runs as root): run this very
        // test again in a copy of the binary without that power.
        assert!(
            std::env::var_os(WITHOUT_OVERRIDE).is_none(),
            "still root-powered"
        );
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let run = std::process::Command::new("setpriv")
            .args([
                "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search",
            ])
            .arg(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "writeback::a_read_only_folder_leaves_the_original_intact",
            ])
            .env(WITHOUT_OVERRIDE, "1")
            .output()
            .expect("setpriv runs (util-linux)");
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success() && out.contains("1 passed"), "{out}");
        return;
    }
    let err = write_back(&path, &haiku_edits()).unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("temporary file"), "{message}");
    assert!(message.contains("haiku-5.5.toml"), "{message}");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_untouched(&path, HAIKU);
}

//! Where the logs are: the folders given, `CLAUDE_CONFIG_DIR`, the two
//! default folders; what is read beneath them; and what cannot be read
//! costing a warning or a counted line, never the run. `places`: where
//! each file sits, and each read once.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::PathBuf;

use costlens::calibrate::logs::{self, LogEnv, LogOptions, LogsError, MAX_LINE_BYTES};

use super::{Line, Tree, lines, read_folder, totals};

mod places;

fn env(config_dir: Option<&str>, home: &Tree) -> LogEnv {
    LogEnv {
        claude_config_dir: config_dir.map(OsString::from),
        home: Some(home.root()),
    }
}

#[test]
fn folders_given_win_then_claude_config_dir_then_the_defaults() {
    let home = Tree::new();
    home.file(
        ".claude/projects/p/s1.jsonl",
        &lines([Line::new("a", 1, 0)]),
    )
    .file(
        ".config/claude/projects/p/s2.jsonl",
        &lines([Line::new("b", 2, 0)]),
    )
    .file("one/projects/p/s3.jsonl", &lines([Line::new("c", 4, 0)]))
    .file("two/s4.jsonl", &lines([Line::new("d", 8, 0)]));
    let root = home.root();
    let input = |logs: &[PathBuf], env: &LogEnv| {
        let roots = logs::log_roots(logs, env).unwrap();
        let report = logs::read_logs(&logs::find_log_files(&roots, None), &LogOptions::default());
        report.models.iter().map(|m| m.input_tokens).sum::<u64>()
    };
    // Neither argument nor variable: both default folders.
    assert_eq!(input(&[], &env(None, &home)), 1 + 2);
    // The variable, comma separated, spaces around the commas; a
    // `projects/` folder named directly is fine too.
    let listed = format!(
        "{} , {}",
        root.join("one/projects").display(),
        root.join("two").display()
    );
    assert_eq!(input(&[], &env(Some(&listed), &home)), 4 + 8);
    assert_eq!(
        input(&[], &env(Some("~/one"), &home)),
        4,
        "~ is the home folder"
    );
    // Arguments over the variable.
    assert_eq!(input(&[root.join("two")], &env(Some(&listed), &home)), 8);
    // The same folder twice is read once.
    assert_eq!(
        input(&[root.join("two"), root.join("two/")], &env(None, &home)),
        8
    );
    // No home and nothing named: nothing to read, and no error.
    let nowhere = LogEnv {
        claude_config_dir: None,
        home: None,
    };
    assert_eq!(
        logs::log_roots(&[], &nowhere).unwrap(),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn a_named_folder_that_does_not_exist_is_an_error() {
    let home = Tree::new();
    let missing = home.root().join("nope");
    let err = logs::log_roots(std::slice::from_ref(&missing), &env(None, &home)).unwrap_err();
    assert!(
        matches!(&err, LogsError::MissingFolder(path) if *path == missing),
        "{err:?}"
    );
    assert!(err.to_string().contains("nope: no such folder"), "{err}");
    let listed = format!("{},{}", home.root().display(), missing.display());
    assert!(logs::log_roots(&[], &env(Some(&listed), &home)).is_err());
    // The default folders missing are no error: there is nothing to read.
    assert_eq!(
        logs::log_roots(&[], &env(None, &home)).unwrap(),
        Vec::<PathBuf>::new()
    );
}

#[test]
fn every_jsonl_beneath_is_read_and_symlinks_are_not_followed() {
    let tree = Tree::new();
    tree.file("projects/p/s1.jsonl", &lines([Line::new("a", 1, 0)]))
        .file(
            "projects/p/deep/er/still/s2.jsonl",
            &lines([Line::new("b", 2, 0)]),
        )
        .file("history.jsonl", &lines([Line::new("c", 4, 0)]))
        .file("projects/p/notes.json", &lines([Line::new("d", 8, 0)]))
        .file("projects/p/s1.jsonl.bak", &lines([Line::new("e", 16, 0)]));
    let outside = Tree::new();
    outside.file("x/s9.jsonl", &lines([Line::new("f", 32, 0)]));
    symlink(
        outside.root().join("x"),
        tree.root().join("projects/linked"),
    )
    .unwrap();
    symlink(
        outside.root().join("x/s9.jsonl"),
        tree.root().join("projects/p/s9.jsonl"),
    )
    .unwrap();
    symlink(tree.root(), tree.root().join("projects/loop")).unwrap();
    let report = tree.read();
    assert_eq!(totals(&report)[0], 1 + 2 + 4);
    assert_eq!(report.logs.files, 3);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn a_binary_file_and_a_line_too_long_to_hold_cost_a_counted_line() {
    let tree = Tree::new();
    tree.file("projects/p/s1.jsonl", &lines([Line::new("a", 1, 0)]));
    // Pseudo-random bytes with no `{`: each of its lines is not an object.
    let binary: Vec<u8> = (0..100_000_u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .map(|b| if b == b'{' { b'}' } else { b })
        .collect();
    tree.raw("projects/p/binary.jsonl", &binary);
    let binary_lines = binary
        .split(|&b| b == b'\n')
        .filter(|line| line.iter().any(|b| !b" \t\r".contains(b)))
        .count() as u64;
    // One line longer than the cap, holding usage, then a good line in the
    // same file: the long one is skipped, the good one read.
    let padding = "x".repeat(MAX_LINE_BYTES + 1024);
    let long = Line::new("long", 1000, 0)
        .set("/message/content", serde_json::json!(padding))
        .text();
    tree.file("projects/p/s2.jsonl", &[long, Line::new("b", 2, 0).text()]);
    let report = tree.read();
    assert_eq!(totals(&report)[0], 1 + 2);
    assert_eq!(report.logs.skipped_lines, binary_lines + 1);
    assert_eq!(report.logs.files, 3);
    let size = |name: &str| {
        fs::metadata(tree.root().join("projects/p").join(name))
            .unwrap()
            .len()
    };
    assert_eq!(
        report.logs.bytes,
        size("s1.jsonl") + size("binary.jsonl") + size("s2.jsonl")
    );
}

#[test]
fn a_single_line_file_beyond_the_cap_without_newline() {
    let tree = Tree::new();
    let mut huge = vec![b'{'; MAX_LINE_BYTES * 2 + 7];
    huge[1..8].copy_from_slice(b"\"usage\"");
    tree.raw("projects/p/huge.jsonl", &huge);
    tree.file("projects/p/s1.jsonl", &lines([Line::new("a", 1, 0)]));
    let report = tree.read();
    assert_eq!((report.logs.skipped_lines, totals(&report)[0]), (1, 1));
}

/// Set in the copy of this test binary that runs without root's power
/// over permissions.
const WITHOUT_OVERRIDE: &str = "COSTLENS_TEST_WITHOUT_DAC_OVERRIDE";

fn running_as_root() -> bool {
    let uid = std::process::Command::new("id")
        .arg("-u")
        .output()
        .expect("id runs");
    String::from_utf8_lossy(&uid.stdout).trim() == "0"
}

#[test]
fn an_unreadable_file_or_folder_is_named_in_a_warning_and_the_rest_read() {
    if running_as_root() && std::env::var_os(WITHOUT_OVERRIDE).is_none() {
        // Root reads whatever the mode says (and CI runs as root): run this
        // very test again in a copy of the binary without that power.
        let run = std::process::Command::new("setpriv")
            .args([
                "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search",
            ])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", "calibrate::finding::an_unreadable_file_or_folder_is_named_in_a_warning_and_the_rest_read"])
            .env(WITHOUT_OVERRIDE, "1")
            .output()
            .expect("setpriv runs (util-linux)");
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success() && out.contains("1 passed"),
            "{out}{}",
            String::from_utf8_lossy(&run.stderr)
        );
        return;
    }
    let tree = Tree::new();
    tree.file("projects/p/s1.jsonl", &lines([Line::new("a", 1, 0)]))
        .file("projects/p/locked.jsonl", &lines([Line::new("b", 2, 0)]))
        .file("projects/q/s2.jsonl", &lines([Line::new("c", 4, 0)]));
    let locked_file = tree.root().join("projects/p/locked.jsonl");
    let locked_folder = tree.root().join("projects/q");
    fs::set_permissions(&locked_file, fs::Permissions::from_mode(0o000)).unwrap();
    fs::set_permissions(&locked_folder, fs::Permissions::from_mode(0o000)).unwrap();
    let report = read_folder(&tree.root(), &LogOptions::default(), None);
    fs::set_permissions(&locked_folder, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(totals(&report)[0], 1);
    let warnings: Vec<String> = report.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("projects/q: cannot read folder: Permission denied")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("locked.jsonl: cannot read: Permission denied")),
        "{warnings:?}"
    );
    assert_eq!(report.logs.files, 1);
}

#[test]
fn names_from_the_logs_print_escaped() {
    assert_eq!(
        logs::shown("claude-\u{1b}[2J\u{202e}x"),
        "claude-\\u{1b}[2J\\u{202e}x"
    );
    assert_eq!(logs::shown("claude-opus-4-5"), "claude-opus-4-5");
    let warning = logs::Warning {
        path: Some(PathBuf::from("a\u{7}b.jsonl")),
        message: "cannot read".to_string(),
    };
    assert_eq!(warning.to_string(), "a\\u{7}b.jsonl: cannot read");
    let warning = logs::Warning {
        path: None,
        message: "no logs in \u{1b}[2J".to_string(),
    };
    assert_eq!(warning.to_string(), "no logs in \\u{1b}[2J");
}

#[test]
fn progress_is_told_the_bytes_read_so_far() {
    let tree = Tree::new();
    tree.file("projects/p/s1.jsonl", &lines([Line::new("a", 1, 0)]));
    // Over two reads' worth (1 MiB each) in one file.
    let big: Vec<String> = (0..3000)
        .map(|i| {
            Line::new(&format!("m{i}"), 1, 0)
                .set("/x", "y".repeat(900).into())
                .text()
        })
        .collect();
    tree.file("projects/p/s2.jsonl", &big);
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = |bytes: u64| seen.lock().unwrap().push(bytes);
    let options = LogOptions {
        progress: Some(&progress),
        ..LogOptions::default()
    };
    let files = logs::find_log_files(&[tree.root()], None);
    let report = logs::read_logs(&files, &options);
    let seen = seen.into_inner().unwrap();
    assert_eq!(report.logs.bytes, files.total_bytes());
    assert_eq!(seen.iter().max(), Some(&report.logs.bytes));
    assert!(seen.len() >= 3, "told as reading goes: {seen:?}");
    let mut sorted = seen.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        sorted.len(),
        seen.len(),
        "bytes so far, each told once: {seen:?}"
    );
}

#[test]
fn no_default_folder_is_a_warning_not_an_empty_silence() {
    let home = Tree::new();
    let found = logs::find_logs(&[], &env(None, &home), None).unwrap();
    let warnings: Vec<String> = found.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "no Claude Code logs: neither ~/.config/claude nor ~/.claude exists \
          (give the folders, or set CLAUDE_CONFIG_DIR)"
        ]
    );
    assert!(found.files.is_empty());
    // It reaches the report, which the command prints.
    let report = logs::read_logs(&found, &LogOptions::default());
    assert_eq!(report.warnings, found.warnings);
    // Blank CLAUDE_CONFIG_DIR entries name nothing: the defaults again.
    let found = logs::find_logs(&[], &env(Some(" , "), &home), None).unwrap();
    assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
    let nowhere = LogEnv {
        claude_config_dir: None,
        home: None,
    };
    let found = logs::find_logs(&[], &nowhere, None).unwrap();
    assert_eq!(
        found
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["no Claude Code logs: HOME is not set (give the folders, or set CLAUDE_CONFIG_DIR)"]
    );
    // One default folder there, even empty: nothing to warn about.
    home.raw(".claude/settings.json", b"{}");
    let found = logs::find_logs(&[], &env(None, &home), None).unwrap();
    assert!(found.warnings.is_empty(), "{:?}", found.warnings);
    // Folders named, or the variable: no warning either, and a missing
    // one is still the usage error.
    let named = [home.root().join(".claude")];
    assert!(
        logs::find_logs(&named, &LogEnv::default(), None)
            .unwrap()
            .warnings
            .is_empty()
    );
    let missing = [home.root().join("nope")];
    assert!(logs::find_logs(&missing, &LogEnv::default(), None).is_err());
}

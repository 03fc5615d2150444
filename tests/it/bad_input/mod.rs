//! Broken input, one case per way a profiles folder can be wrong
//! (`docs/profile-format.md`, "Rules for bad input").
//!
//! Most cases are `GOOD`, the good profile below, with one line broken:
//! a row each in `broken_lines!`, read as "this edit of `GOOD` => the
//! line:column the diagnostic points at, and a part of its message". A
//! row's diagnostic must point into the lines its edit wrote. The cases
//! that are not one broken line (bytes that are not text, folders,
//! symlinks, mixes across files, several problems at once, scenario
//! files) are written out whole in `whole_files!`.
//!
//! Every case writes `GOOD` as `good.toml` beside the broken file(s) in a
//! fresh folder, then checks:
//! - the library reports exactly the expected diagnostics (path, line and
//!   column or none, message) and still loads `good`;
//! - `costlens check DIR` exits 1 and prints each one as
//!   `path:line:column: message` (`path: message` when it has no place);
//! - `costlens report DIR --format json` exits 1, still reports `good` and
//!   lists each one with the same line and column (`null` when none).
//!
//! The harness is here; the rows are in one file per kind: `syntax`,
//! `values`, `tables`, `calibration` (`model_ids` and `[calibration]`),
//! `whole_profiles`, `files`, `mixes` and `scenario`, each adding its own
//! tables of cases (`BROKEN_LINES`, `WHOLE_FILES`).

use std::fs;
use std::ops::RangeInclusive;
use std::path::Path;

use costlens::profile::Folder;

use Edit::{Append, CutAfter, Delete, DropTable, InsertAfter, Prepend, Replace};

/// The good profile: every case's folder holds it as `good.toml`, and most
/// cases break one of its lines. The rows' line numbers count from here.
const GOOD: &str = concat!(
    "[prices]\n",              // 1
    "input = 3.0\n",           // 2
    "output = 15.0\n",         // 3
    "\n",                      // 4
    "[usage]\n",               // 5
    "input_tokens = 40000\n",  // 6
    "output_tokens = 8000\n",  // 7
    "\n",                      // 8
    "[quality]\n",             // 9
    "first_pass_rate = 0.7\n", // 10
    "review_minutes = 6\n",    // 11
);

/// How a row changes `GOOD`. A line is named by its key (`input` is the
/// line `input = 3.0`) or, for a table header, by the whole line
/// (`[prices]`); exactly one line of `GOOD` must answer to it. A `text` may
/// hold a few lines where the broken one needs a table around it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    /// The line `key` becomes `text`.
    Replace(&'static str, &'static str),
    /// `text` goes in after the line `key`.
    InsertAfter(&'static str, &'static str),
    /// `text` and a blank line go in before the first line, as top-level
    /// keys stand in a file.
    Prepend(&'static str),
    /// `text` goes in after the last line.
    Append(&'static str),
    /// The line `key` goes.
    Delete(&'static str),
    /// The table `header` goes, with its keys and the blank line after.
    DropTable(&'static str),
    /// The file ends right after the first `text`, as a half-written save
    /// leaves it.
    CutAfter(&'static str),
}

/// `GOOD` with `edit` made, and the lines (from 1) the edit wrote, if it
/// wrote any.
fn apply(edit: Edit) -> (String, Option<RangeInclusive<usize>>) {
    let mut lines: Vec<&str> = GOOD.lines().collect();
    let line_of = |lines: &[&str], key: &str| {
        let named = |line: &&str| {
            *line == key || line.split_once('=').is_some_and(|(k, _)| k.trim() == key)
        };
        let found: Vec<usize> = (0..lines.len()).filter(|&i| named(&lines[i])).collect();
        assert_eq!(found.len(), 1, "`{key}` must name one line of GOOD");
        found[0]
    };
    let (at, text) = match edit {
        Replace(key, text) => {
            let at = line_of(&lines, key);
            lines.remove(at);
            (at, text)
        }
        InsertAfter(key, text) => (line_of(&lines, key) + 1, text),
        Prepend(text) => {
            lines.insert(0, "");
            (0, text)
        }
        Append(text) => (lines.len(), text),
        Delete(key) => {
            lines.remove(line_of(&lines, key));
            return (lines.join("\n") + "\n", None);
        }
        DropTable(header) => {
            let start = line_of(&lines, header);
            let end = (start..lines.len())
                .find(|&i| lines[i].is_empty())
                .unwrap_or(lines.len() - 1);
            lines.drain(start..=end);
            return (lines.join("\n") + "\n", None);
        }
        CutAfter(text) => {
            let end = GOOD.find(text).expect("the cut is in GOOD") + text.len();
            let cut = &GOOD[..end];
            let last = cut.lines().count();
            return (cut.to_string(), Some(last..=last));
        }
    };
    let written: Vec<&str> = text.split('\n').collect();
    let count = written.len();
    lines.splice(at..at, written);
    (lines.join("\n") + "\n", Some(at + 1..=at + count))
}

/// What to put at one path of the folder.
enum Contents {
    /// `GOOD` with one edit.
    Broken(Edit),
    /// A file with these bytes.
    Bytes(&'static [u8]),
    /// A file just over the 1 MiB limit, made when the case runs.
    OverOneMib,
    /// A directory.
    Directory,
    /// A symbolic link to this target.
    Symlink(&'static str),
}

impl Contents {
    /// The file's bytes, where it is a file known before the case runs.
    fn bytes(&self) -> Option<Vec<u8>> {
        match self {
            Contents::Broken(edit) => Some(apply(*edit).0.into_bytes()),
            Contents::Bytes(bytes) => Some(bytes.to_vec()),
            _ => None,
        }
    }
}

/// One diagnostic the folder must report.
struct Expect {
    /// The file it is on.
    file: &'static str,
    /// Line and column from 1, or `None` where the problem has no place.
    at: Option<(usize, usize)>,
    /// A part of the message.
    message: &'static str,
}

const fn at(file: &'static str, line: usize, column: usize, message: &'static str) -> Expect {
    Expect {
        file,
        at: Some((line, column)),
        message,
    }
}

const fn nowhere(file: &'static str, message: &'static str) -> Expect {
    Expect {
        file,
        at: None,
        message,
    }
}

struct Case {
    /// The broken file.
    file: &'static str,
    contents: Contents,
    /// Further files the case needs (the other end of a mix, a symlink).
    others: &'static [(&'static str, Contents)],
    /// Every diagnostic the folder must report, no more: one per problem.
    expect: &'static [Expect],
}

/// One row per case: `name: edit => line:column "message part";`, grouped
/// by the broken file's name. One `#[test]` per row, named after it, plus
/// the table of all rows.
macro_rules! broken_lines {
    ($($file:literal {
        $($name:ident: $edit:expr => $line:literal:$column:literal $message:literal;)*
    })*) => {
        pub(super) const BROKEN_LINES: &[(&str, Case)] = &[$($((
            stringify!($name),
            Case {
                file: $file,
                contents: Contents::Broken($edit),
                others: &[],
                expect: &[at($file, $line, $column, $message)],
            },
        ),)*)*];
        $($(
            #[test]
            fn $name() {
                const CASE: Case = Case {
                    file: $file,
                    contents: Contents::Broken($edit),
                    others: &[],
                    expect: &[at($file, $line, $column, $message)],
                };
                run(stringify!($name), &CASE);
            }
        )*)*
    };
}

/// One `#[test]` per case written out whole, named after it, plus the
/// table of them.
macro_rules! whole_files {
    ($($name:ident: $case:expr;)*) => {
        pub(super) const WHOLE_FILES: &[(&str, Case)] = &[$((stringify!($name), $case)),*];
        $(
            #[test]
            fn $name() {
                const CASE: Case = $case;
                run(stringify!($name), &CASE);
            }
        )*
    };
}

mod calibration;
mod checks;
mod files;
mod mixes;
mod scenario;
mod syntax;
mod tables;
mod values;
mod whole_profiles;

use checks::{
    check_command, check_json_report, check_library, check_points_at_the_broken_line, costlens,
};

/// Every file's table of `broken_lines!` rows.
const BROKEN_LINES: &[&[(&str, Case)]] = &[
    syntax::BROKEN_LINES,
    values::BROKEN_LINES,
    tables::BROKEN_LINES,
    calibration::BROKEN_LINES,
];

/// Every file's table of `whole_files!` cases.
const WHOLE_FILES: &[&[(&str, Case)]] = &[
    values::WHOLE_FILES,
    calibration::WHOLE_FILES,
    whole_profiles::WHOLE_FILES,
    files::WHOLE_FILES,
    mixes::WHOLE_FILES,
    scenario::WHOLE_FILES,
];

/// Writes `contents` at `path`; false where the platform cannot (symlinks).
fn create(path: &Path, contents: &Contents) -> bool {
    match contents {
        Contents::Broken(edit) => fs::write(path, apply(*edit).0).unwrap(),
        Contents::Bytes(bytes) => fs::write(path, bytes).unwrap(),
        Contents::OverOneMib => {
            // A comment line one byte past the limit: valid TOML but too big.
            let mut text = b"# ".to_vec();
            text.resize(costlens::profile::MAX_FILE_BYTES as usize, b'x');
            text.push(b'\n');
            fs::write(path, text).unwrap();
        }
        Contents::Directory => fs::create_dir(path).unwrap(),
        Contents::Symlink(target) => {
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, path).unwrap();
            #[cfg(not(unix))]
            {
                let _ = target;
                return false;
            }
        }
    }
    true
}

fn run(name: &str, case: &Case) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.toml"), GOOD).unwrap();
    let files = std::iter::once((case.file, &case.contents))
        .chain(case.others.iter().map(|(file, contents)| (*file, contents)));
    for (file, contents) in files {
        if !create(&dir.path().join(file), contents) {
            eprintln!("{name}: skipped on this platform");
            return;
        }
    }
    check_points_at_the_broken_line(name, case);
    check_library(name, case, dir.path());
    check_command(name, case, dir.path());
    check_json_report(name, case, dir.path());
}

#[test]
fn suite_has_enough_distinct_cases() {
    let cases: Vec<&(&str, Case)> = BROKEN_LINES
        .iter()
        .chain(WHOLE_FILES)
        .flat_map(|table| table.iter())
        .collect();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    // Distinct inputs: no two cases write the same files with the same bytes.
    for (i, (first, a)) in cases.iter().enumerate() {
        for (second, b) in &cases[i + 1..] {
            let same = a.file == b.file
                && a.contents.bytes().is_some()
                && a.contents.bytes() == b.contents.bytes()
                && a.others.is_empty()
                && b.others.is_empty();
            assert!(!same, "{first} and {second} are the same input");
        }
    }
}

#[test]
fn the_good_profile_alone_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.toml"), GOOD).unwrap();
    let folder = Folder::load_dir(dir.path()).unwrap();
    assert_eq!(folder.errors(), &[]);
    let output = costlens(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
}

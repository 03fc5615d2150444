//! The checks `run` makes on every case: the row's own, the library's,
//! `costlens check`'s and `costlens report --format json`'s.

use std::path::Path;
use std::process::{Command, Output};

use costlens::profile::{Diagnostic, Folder};
use serde_json::Value;

use super::{Case, Contents, Expect, apply};

/// A row's own check: its diagnostic is on a line its edit wrote, at a
/// column on that line (or just past its end, where something is missing).
pub(super) fn check_points_at_the_broken_line(name: &str, case: &Case) {
    let Contents::Broken(edit) = case.contents else {
        return;
    };
    let (text, Some(written)) = apply(edit) else {
        return; // a deletion: the diagnostic is at the table or the top
    };
    for expect in case.expect {
        let (line, column) = expect.at.expect("a broken line has a place");
        let length = text.lines().nth(line - 1).map_or(0, |l| l.chars().count());
        assert!(
            written.contains(&line) && (1..=length + 1).contains(&column),
            "{name}: {line}:{column} is not on the lines {written:?} that {edit:?} wrote:\n{text}"
        );
    }
}

fn matches(expect: &Expect, diagnostic: &Diagnostic) -> bool {
    Path::new(&diagnostic.path).ends_with(expect.file)
        && diagnostic.location == expect.at
        && diagnostic.message.contains(expect.message)
}

fn show(expect: &Expect) -> String {
    match expect.at {
        Some((line, column)) => {
            format!("{}:{line}:{column}: ...{}...", expect.file, expect.message)
        }
        None => format!("{}: ...{}...", expect.file, expect.message),
    }
}

pub(super) fn check_library(name: &str, case: &Case, dir: &Path) {
    let folder = Folder::load_dir(dir).unwrap();
    let errors: Vec<String> = folder.errors().iter().map(ToString::to_string).collect();
    for expect in case.expect {
        assert!(
            folder.errors().iter().any(|d| matches(expect, d)),
            "{name}: expected {}\ngot:\n{}",
            show(expect),
            errors.join("\n")
        );
    }
    assert_eq!(
        folder.errors().len(),
        case.expect.len(),
        "{name}: one message per problem, no more; got:\n{}",
        errors.join("\n")
    );
    let ids: Vec<&str> = folder.profiles().iter().map(|p| p.id.as_str()).collect();
    assert!(
        ids.contains(&"good"),
        "{name}: `good` not loaded; loaded {ids:?}"
    );
}

pub(super) fn costlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_costlens"))
        .args(args)
        .output()
        .unwrap()
}

pub(super) fn check_command(name: &str, case: &Case, dir: &Path) {
    let output = costlens(&["check", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{name}: `check` exit status; stderr:\n{stderr}"
    );
    let lines: Vec<&str> = stderr.lines().collect();
    for expect in case.expect {
        let path = dir.join(expect.file).display().to_string();
        let prefix = match expect.at {
            Some((line, column)) => format!("{path}:{line}:{column}: "),
            None => format!("{path}: "),
        };
        assert!(
            lines.iter().any(|line| line
                .strip_prefix(&prefix)
                .is_some_and(|message| message.contains(expect.message))),
            "{name}: `check` did not print {prefix}...{}...; stderr:\n{stderr}",
            expect.message
        );
    }
    assert_eq!(
        lines.len(),
        case.expect.len(),
        "{name}: `check` stderr:\n{stderr}"
    );
}

pub(super) fn check_json_report(name: &str, case: &Case, dir: &Path) {
    let output = costlens(&["report", dir.to_str().unwrap(), "--format", "json"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{name}: `report` exit status; stderr:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_str(&stdout).unwrap_or_else(|err| {
        panic!("{name}: `report --format json` is not JSON ({err}):\n{stdout}")
    });
    let ids: Vec<&str> = report["profiles"]
        .as_array()
        .expect("`profiles` is an array")
        .iter()
        .filter_map(|profile| profile["id"].as_str())
        .collect();
    assert!(
        ids.contains(&"good"),
        "{name}: `good` not reported; got {ids:?}"
    );
    let errors = report["errors"].as_array().expect("`errors` is an array");
    for expect in case.expect {
        let (line, column) = match expect.at {
            Some((line, column)) => (Value::from(line), Value::from(column)),
            None => (Value::Null, Value::Null),
        };
        assert!(
            errors.iter().any(|error| {
                error["path"]
                    .as_str()
                    .is_some_and(|path| Path::new(path).ends_with(expect.file))
                    && error["line"] == line
                    && error["column"] == column
                    && error["message"]
                        .as_str()
                        .is_some_and(|message| message.contains(expect.message))
            }),
            "{name}: JSON errors lack {}; got:\n{:#}",
            show(expect),
            report["errors"]
        );
    }
    assert_eq!(
        errors.len(),
        case.expect.len(),
        "{name}: JSON errors:\n{:#}",
        report["errors"]
    );
}

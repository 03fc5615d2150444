//! Hostile input: file names that would act on the terminal, negative zero.

use std::fs;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::worked::{STRONG, worked_folder};

use super::profile;

/// A shared profiles folder can hold hostile names: nothing `report` or
/// `check` prints may carry a terminal escape sequence.
#[cfg(unix)] // a file name that is not UTF-8
#[test]
fn hostile_file_names_are_refused_by_name_and_never_printed_raw() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = worked_folder();
    let good = fs::read(dir.path().join("strong.toml")).unwrap();
    fs::write(dir.path().join("evil\u{1b}]0;pwned\u{7}.toml"), &good).unwrap();
    fs::write(dir.path().join(OsStr::from_bytes(b"lat\xe9.toml")), &good).unwrap();
    let check = costlens(&["check", "."], dir.path());
    assert_eq!(code(&check), 1);
    let lines: Vec<String> = stderr(&check).lines().map(str::to_string).collect();
    assert_eq!(
        lines,
        [
            "./evil\\u{1b}]0;pwned\\u{7}.toml: file name has a control character; rename the file",
            "./lat\u{fffd}.toml: file name is not UTF-8; rename the file",
        ]
    );
    for format in ["table", "markdown", "csv", "json"] {
        let report = costlens(&["report", ".", "--format", format], dir.path());
        assert_eq!(code(&report), 1, "{format}");
        assert!(
            !report.stdout.contains(&0x1b) && !report.stderr.contains(&0x1b),
            "{format} printed an escape"
        );
        assert!(
            stdout(&report).contains("strong"),
            "{format}: good ones stay"
        );
    }
}

/// Found by the fuzzer: `-0.0` is in range (it is >= 0) and used to be kept
/// as negative zero, so a default cache price of 0.1 × -0.0 printed as
/// "-0.00" and a write-back read back different. -0 is now 0 everywhere.
#[test]
fn negative_zero_is_zero() {
    let dir = worked_folder();
    let text = STRONG
        .replace("input = 3", "input = -0.0")
        .replace("output = 15", "output = -0.00");
    fs::write(dir.path().join("strong.toml"), text).unwrap();
    let out = costlens(
        &[
            "report",
            ".",
            "--format",
            "json",
            "--set",
            "incident_cost=-0",
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    let token_cost = profile(&doc, "strong")["token_cost_per_merge"]
        .as_f64()
        .unwrap();
    assert_eq!(token_cost.to_bits(), 0.0f64.to_bits(), "{token_cost:?}");
    assert!(!stdout(&out).contains("-0.0"), "{}", stdout(&out));
    let table = costlens(&["report", ".", "--format", "markdown"], dir.path());
    assert!(!stdout(&table).contains("-0.00"), "{}", stdout(&table));
}

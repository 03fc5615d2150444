//! The folder analysed: one profile alone (no rival: `null`s, and the text
//! formats saying so), a bad file reported while the rest is analysed, a
//! missing folder, a folder of only bad files and an empty one.

use std::fs;

use serde_json::Value;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::worked::{STRONG, worked_folder};

use super::{TOP_KEYS, keys};

#[test]
fn a_folder_with_one_profile_has_no_rival() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("strong.toml"), STRONG).unwrap();
    let out = costlens(&["analyze", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(keys(&doc), TOP_KEYS);
    assert_eq!(doc["against"], Value::Null);
    assert_eq!(doc["against_cost_per_merge"], Value::Null);
    assert_eq!(doc["crossover"], serde_json::json!([]));
    for lever in doc["levers"].as_array().unwrap() {
        assert_eq!(lever["flip"], Value::Null);
    }
    for format in ["table", "markdown"] {
        let out = costlens(&["analyze", ".", "--format", format], dir.path());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert!(
            stdout(&out).contains("no other profile"),
            "{}",
            stdout(&out)
        );
    }
}

#[test]
fn a_bad_file_is_reported_and_the_rest_analysed() {
    let dir = worked_folder();
    fs::write(dir.path().join("broken.toml"), "[prices]\ninput = -1\n").unwrap();
    let out = costlens(&["analyze", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.toml"), "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["profile"], "strong");
    assert_eq!(doc["crossover"].as_array().unwrap().len(), 1);
    // A missing folder is an I/O error.
    let out = costlens(&["analyze", "no-such-folder"], dir.path());
    assert_eq!(code(&out), 2);
    // Nothing but bad files: nothing to analyse, exit 1 as for bad files;
    // an empty folder: a usage error.
    let only_bad = tempfile::tempdir().unwrap();
    fs::write(
        only_bad.path().join("broken.toml"),
        "[prices]\ninput = -1\n",
    )
    .unwrap();
    let out = costlens(&["analyze", "."], only_bad.path());
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).ends_with("costlens: no profile to analyse\n"));
    let empty = tempfile::tempdir().unwrap();
    let out = costlens(&["analyze", "."], empty.path());
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "costlens: no profile to analyse\n");
}

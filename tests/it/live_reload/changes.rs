//! What a watch shows as the folder changes: a file broken then fixed
//! (the last good cost beside a located error), removed then recreated,
//! gone or empty for a moment (never shown), a new file, a scenario
//! change, scratch files ignored, the folder itself deleted and recreated.

use std::fs;
use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::worked::CHEAP;

use super::{
    Save, WAIT, Watch, assert_strong, cost, cost_at, cost_of, errors, eventually, folder, profile,
    save, strong_at,
};

#[test]
fn broken_then_fixed() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    // `first_pass_rate` is on line 8 of the worked check's `strong`.
    let located_on_line_8 = |doc: &Value| {
        errors(doc).iter().any(|error| {
            let path = error["path"].as_str().unwrap_or_default();
            path.ends_with("/strong.toml")
                && error["line"] == 8
                && error["column"].as_u64().is_some_and(|column| column >= 1)
        })
    };
    // Half-written (invalid TOML), then a typo (unknown field): each time
    // the profile keeps its last good cost beside its located error.
    let half = profile("0.61").replace("first_pass_rate = 0.61", "first_pass_rate = ");
    let typo = profile("0.61").replace("first_pass_rate", "frist_pass_rate");
    for broken in [half, typo] {
        fs::write(&path, &broken).unwrap();
        let doc = watch.next_matching("error on line 8", located_on_line_8);
        assert!(strong_at(30.5)(&doc), "last good cost lost: {doc}");
        assert_eq!(errors(&doc).len(), 1, "{doc}");
    }
    fs::write(&path, profile("0.61")).unwrap();
    let doc = watch.next_matching("line without errors", |doc| errors(doc).is_empty());
    assert_strong(&doc, cost(0.61));
}

#[test]
fn removed_then_recreated() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    let removed = Instant::now();
    fs::remove_file(&path).unwrap();
    let gone = |doc: &Value| cost_of(doc, "strong").is_none();
    let doc = watch.next_matching("line without strong", gone);
    // A vanished file gets 150 ms to come back before it counts as deleted.
    let waited = removed.elapsed();
    assert!(waited >= Duration::from_millis(150), "gone in {waited:?}");
    assert!(errors(&doc).is_empty(), "{doc}");
    fs::write(&path, profile("0.61")).unwrap();
    watch.next_matching("line with strong back", strong_at(cost(0.61)));
}

#[test]
fn gone_or_empty_for_a_moment_is_never_shown() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    // Slow saves: 40 ms is past the 20 ms debounce, so the reloader does see
    // the file missing, then empty, but well within the 150 ms it waits.
    fs::remove_file(&path).unwrap();
    thread::sleep(Duration::from_millis(40));
    fs::write(&path, profile("0.61")).unwrap();
    assert_strong(&watch.next_line(), cost(0.61));
    let mut file = fs::File::create(&path).unwrap(); // truncates
    thread::sleep(Duration::from_millis(40));
    file.write_all(profile("0.55").as_bytes()).unwrap();
    assert_strong(&watch.next_line(), cost(0.55));
}

#[test]
fn a_new_file_appears() {
    let (_root, dir) = folder();
    let (watch, _) = Watch::start(&dir, false);
    fs::write(dir.join("cheap.toml"), CHEAP).unwrap();
    let two = |doc: &Value| doc["profiles"].as_array().is_some_and(|p| p.len() == 2);
    let doc = watch.next_matching("line with two profiles", two);
    assert!(cost_of(&doc, "cheap").is_some(), "{doc}");
    assert_strong(&doc, 30.5);
}

#[test]
fn scenario_change_applies() {
    let (_root, dir) = folder();
    let (watch, _) = Watch::start(&dir, false);
    fs::write(dir.join("scenario.toml"), "engineer_rate = 150\n").unwrap();
    let rate_150 = |doc: &Value| doc["scenario"]["engineer_rate"] == 150.0;
    let doc = watch.next_matching("line with engineer_rate 150", rate_150);
    assert_strong(&doc, cost_at(0.72, 150.0));
}

#[test]
fn scratch_files_are_ignored() {
    let (_root, dir) = folder();
    let (watch, first) = Watch::start(&dir, false);
    let scratch = ".strong.toml.swp strong.toml~ 4913 x.toml___jb_tmp___ notes.txt x.tmp .#x.toml";
    for name in scratch.split(' ') {
        fs::write(dir.join(name), "garbage = [\n\u{0}").unwrap();
    }
    for doc in watch.lines_until_quiet() {
        assert_eq!(doc, first, "a scratch file changed the document");
    }
    save(&dir.join("strong.toml"), &profile("0.61"), Save::InPlace);
    let doc = watch.next_matching("line with the real edit", strong_at(cost(0.61)));
    assert_strong(&doc, cost(0.61));
}

#[test]
fn the_folder_deleted_and_recreated() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let (watch, _) = Watch::start(&dir, false);
    // Back at once (`rm -r` then `cp -r`), then back only after costlens
    // found it gone (said on stderr; the last document stands meanwhile).
    // Each time a second edit shows the new folder itself is watched.
    for wait_until_missed in [false, true] {
        let seen = watch.stderr_count("cannot read");
        fs::remove_dir_all(&dir).unwrap();
        if wait_until_missed {
            let said = eventually(WAIT, || watch.stderr_count("cannot read") > seen);
            assert!(said, "{}", watch.report("message on stderr"));
        }
        fs::create_dir(&dir).unwrap();
        fs::write(&path, profile("0.61")).unwrap();
        watch.next_matching("line from the new folder", strong_at(cost(0.61)));
        save(&path, &profile("0.55"), Save::InPlace);
        watch.next_matching("line with the edit", strong_at(cost(0.55)));
    }
}

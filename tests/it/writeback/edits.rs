//! What a write-back keeps and what it changes: comments, key order and
//! every other line surviving (the preview being exactly what is written),
//! a reread giving the new values, a missing key and a missing table added
//! in place, top-level keys in scenario files, numbers keeping their kind,
//! and paths into non-tables or non-numbers refused.

use std::fs;

use costlens::profile::parse_scenario;
use costlens::writeback::apply_edits;

use super::{
    FABLE, HAIKU, SCENARIO, comments, edit, folder_with, haiku_edits, keys_by_table, model,
    names_in, write_back,
};

#[test]
fn comments_key_order_and_other_lines_survive() {
    let (dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    write_back(&path, &haiku_edits()).unwrap();
    let text = fs::read_to_string(&path).unwrap();

    assert_eq!(comments(&text), comments(HAIKU));
    assert_eq!(keys_by_table(&text), keys_by_table(HAIKU));
    assert_eq!(text.lines().count(), HAIKU.lines().count());
    assert!(text.ends_with('\n'));
    let changed = [
        ("first_pass_rate = 0.45", "first_pass_rate = 0.6"),
        (
            "cache_hit_ratio = 0.70          # ASSUMPTION: agents re-read a cached context",
            // Same comment, same column.
            "cache_hit_ratio = 0.8           # ASSUMPTION: agents re-read a cached context",
        ),
        ("input_tokens = 78_000", "input_tokens = 90000"),
    ];
    let mut edited = 0;
    for (old, new) in HAIKU.lines().zip(text.lines()) {
        match changed.iter().find(|(before, _)| *before == old) {
            Some((_, after)) => {
                assert_eq!(new, *after);
                edited += 1;
            }
            None => assert_eq!(new, old, "an unedited line changed"),
        }
    }
    assert_eq!(edited, 3);
    // The preview is exactly what was written.
    assert_eq!(apply_edits(HAIKU, &haiku_edits()).unwrap(), text);
    assert_eq!(names_in(dir.path()), ["haiku-5.5.toml"]);
}

#[test]
fn a_reread_gives_the_new_values() {
    let (_dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    let before = model(&path, HAIKU);
    write_back(&path, &haiku_edits()).unwrap();
    let after = model(&path, &fs::read_to_string(&path).unwrap());

    assert_eq!(after.quality.first_pass_rate, 0.6);
    assert_eq!(after.usage.cache_hit_ratio, 0.8);
    assert_eq!(after.usage.input_tokens, 90000.0);
    // Everything else as before.
    let mut expected = before;
    expected.quality.first_pass_rate = 0.6;
    expected.usage.cache_hit_ratio = 0.8;
    expected.usage.input_tokens = 90000.0;
    assert_eq!(after, expected);
}

#[test]
fn a_missing_key_and_a_missing_table_are_added() {
    let (dir, path) = folder_with("fable-5.1.toml", FABLE);
    let edits = [
        edit("usage", "long_prompt_share", 0.25),
        edit("prices.long_prompt", "threshold_tokens", 100000.0),
        edit("prices.long_prompt", "input", 20.0),
        edit("prices.long_prompt", "output", 75.5),
    ];
    write_back(&path, &edits).unwrap();
    let text = fs::read_to_string(&path).unwrap();

    // The new key lands in [usage], after its last key.
    let usage = text
        .split("\n[usage]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    assert!(
        usage.contains("cache_write_ratio = 0.15        # ASSUMPTION\nlong_prompt_share = 0.25\n")
    );
    // The new table is a normal header, and [prices] is not repeated.
    assert!(
        text.contains(
            "[prices.long_prompt]\nthreshold_tokens = 100000\ninput = 20\noutput = 75.5\n"
        )
    );
    assert_eq!(text.matches("[prices]").count(), 1);
    // Nothing of the original is lost.
    assert_eq!(comments(&text), comments(FABLE));
    for line in FABLE.lines() {
        assert!(text.contains(line), "lost line {line:?}");
    }

    let profile = model(&path, &text);
    assert_eq!(profile.usage.long_prompt_share, 0.25);
    let band = profile.long_prompt.expect("a long-prompt band");
    assert_eq!((band.input_per_mtok, band.output_per_mtok), (20.0, 75.5));
    assert_eq!(names_in(dir.path()), ["fable-5.1.toml"]);
}

#[test]
fn a_table_with_missing_parents_gets_no_empty_parent_header() {
    let text = apply_edits("x = 1  # top\n", &[edit("a.b", "c", 1.5)]).unwrap();
    assert_eq!(text, "x = 1  # top\n\n[a.b]\nc = 1.5\n");
}

#[test]
fn top_level_keys_are_edited_in_scenario_files() {
    let text = apply_edits(SCENARIO, &[edit("", "engineer_rate", 150.0)]).unwrap();
    assert!(text.contains("engineer_rate = 150              # USD per hour, fully loaded\n"));
    let scenario = parse_scenario("scenario.toml", &text).unwrap();
    assert_eq!(scenario.engineer_rate_per_hour, 150.0);
}

#[test]
fn numbers_keep_their_kind() {
    let text = "i = 78_000\nf = 1.0\nbig = 5\nsame = 0.70   # kept\n";
    let edits = [
        edit("", "i", 78000.5), // integer -> not whole -> float
        edit("", "f", 2.0),     // float stays float even when whole
        edit("", "big", 1e19),  // whole but past i64 -> float
        edit("", "same", 0.7),  // unchanged value -> byte-identical
    ];
    let out = apply_edits(text, &edits).unwrap();
    assert_eq!(
        out,
        "i = 78000.5\nf = 2.0\nbig = 10000000000000000000.0\nsame = 0.70   # kept\n"
    );
    // An unchanged integer keeps its underscores.
    let out = apply_edits("i = 78_000\n", &[edit("", "i", 78000.0)]).unwrap();
    assert_eq!(out, "i = 78_000\n");
    // A longer number pushes the comment, keeping one space before it.
    let out = apply_edits("x = 1 # c\n", &[edit("", "x", 0.125)]).unwrap();
    assert_eq!(out, "x = 0.125 # c\n");
}

#[test]
fn paths_into_non_tables_and_non_numbers_are_errors() {
    for bad in [
        edit("name", "x", 1.0),
        edit("", "name", 1.0),
        edit("prices", "as_of", 1.0),
    ] {
        let err = apply_edits(HAIKU, std::slice::from_ref(&bad)).unwrap_err();
        assert!(format!("{err:#}").contains(&bad.key), "{err:#}");
    }
}

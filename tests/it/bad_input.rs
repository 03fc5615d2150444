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

use std::fs;
use std::ops::RangeInclusive;
use std::path::Path;
use std::process::{Command, Output};

use costlens::profile::{Diagnostic, Folder};
use serde_json::Value;

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
        const BROKEN_LINES: &[(&str, Case)] = &[$($((
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
        const WHOLE_FILES: &[(&str, Case)] = &[$((stringify!($name), $case)),*];
        $(
            #[test]
            fn $name() {
                const CASE: Case = $case;
                run(stringify!($name), &CASE);
            }
        )*
    };
}

broken_lines! {
    "typo.toml" {
        // ----- TOML syntax
        syntax_unclosed_table_header: Replace("[prices]", "[prices") => 1:8 "invalid TOML: unclosed table, expected `]`";
        prices_written_as_array_of_tables: Replace("[prices]", "[[prices]]") => 1:1 "`prices` must be one table [prices] (found an array of tables [[prices]])";
        syntax_unterminated_string: Prepend(r#"notes = "unfinished"#) => 1:20 r#"invalid TOML: invalid basic string, expected `"`"#;
        // Nothing after `=`: said so (not "string values must be quoted"),
        // where the value belongs.
        syntax_missing_value: Replace("input", "input = ") => 2:9 "invalid TOML: a value is missing after `=`";
        syntax_missing_value_before_comment: Replace("input", "input =   # look up the price") => 2:11 "invalid TOML: a value is missing after `=`";
        syntax_missing_value_in_inline_table: Replace("input", "input = { usd = }") => 2:17 "invalid TOML: a value is missing after `=`";
        // A bare word is a string left unquoted: say to quote it.
        syntax_unquoted_string: Prepend("name = Sonnet 5") => 1:8 r#"invalid TOML: string values must be quoted (write "Sonnet 5")"#;
        syntax_missing_equals: Prepend(r#"name "Opus""#) => 1:6 "invalid TOML: key with no value, expected `=`";
        syntax_duplicate_key: InsertAfter("input", "input = 4.0") => 3:1 "invalid TOML: duplicate key";
        syntax_duplicate_table: InsertAfter("input", "[prices]") => 3:2 "invalid TOML: duplicate key";
        syntax_bad_number: Replace("input_tokens", "input_tokens = 40__000") => 6:18 "invalid TOML: `_` may only go between digits";
        syntax_bad_date: InsertAfter("output", "as_of = 2026-13-45") => 4:9 "invalid TOML: invalid date, expected month between 01 and 12";

        // ----- wrong types
        string_for_number: Replace("input", r#"input = "3.00""#) => 2:9 r#"`input` must be a number (found string "3.00")"#;
        boolean_for_number: Replace("review_minutes", "review_minutes = true") => 11:18 "`review_minutes` must be a number (found boolean `true`)";
        inline_table_for_value: Replace("input", "input = { usd = 3.0 }") => 2:9 "`input` must be a number (found a table)";
        table_header_for_value: Replace("review_minutes", "\n[quality.review_minutes]\nminutes = 6") => 12:1 "`review_minutes` must be a number (found a table)";
        array_for_number: Replace("input", "input = [3.0]") => 2:9 "`input` must be a number (found an array)";
        integer_for_name: Prepend("name = 42") => 1:8 "`name` must be a string (found integer `42`)";
        string_for_date: InsertAfter("output", r#"as_of = "2026-11-01""#) => 4:9 r#"`as_of` must be a TOML date (found string "2026-11-01")"#;
        notes_over_two_lines: Prepend("notes = \"\"\"first line\nsecond line\"\"\"") => 1:9 "`notes` must be one line (found a line break)";
        escape_sequence_in_name: Prepend(r#"name = "Evil\u001b[2J\u001b]0;pwned\u0007""#) => 1:8 "`name` must be plain text (found control character U+001B)";
        bidi_override_in_notes: Prepend("notes = \"cheap \u{202E}tsol\"") => 1:9 "`notes` must be plain text (found control character U+202E)";

        // ----- unknown and misspelt keys and tables
        // One problem, one message: no "missing field `first_pass_rate`" too.
        misspelt_first_pass_rate: Replace("first_pass_rate", "frist_pass_rate = 0.7") => 10:1 "unknown field `frist_pass_rate`; did you mean `first_pass_rate`?";
        misspelt_top_level_key: Prepend(r#"nmae = "Opus""#) => 1:1 "unknown field `nmae`; did you mean `name`?";
        unknown_key_no_suggestion: InsertAfter("output", r#"colour = "blue""#) => 4:1 "unknown field `colour`; expected one of `input`, `output`, `cache_write`, `cache_read`, `as_of`, `source`, `long_prompt`";
        // At the key inside the header; no "missing table [quality]" too.
        misspelt_table: Replace("[quality]", "[qualty]") => 9:2 "unknown table `qualty`; did you mean `quality`?";
        misspelt_nested_table: InsertAfter("output", "\n[prices.long_promt]\ninput = 6.0\noutput = 22.5") => 5:9 "unknown table `long_promt`; did you mean `long_prompt`?";
        unknown_table: Append("\n[vendor]\nregion = \"eu\"") => 13:2 "unknown table `vendor`; expected one of `name`, `notes`, `prices`, `usage`, `quality`, `mix`";
    }
    "half.toml" {
        half_written_file: CutAfter("input_tok") => 6:10 "invalid TOML: key with no value, expected `=`";
        half_written_value: CutAfter("input_tokens =") => 6:15 "invalid TOML: a value is missing after `=`";
    }
    "range.toml" {
        // ----- ranges (docs/cost-model.md, "valid range")
        negative_input_price: Replace("input", "input = -3.0") => 2:9 "`input` must be a finite number >= 0 (found -3)";
        negative_cache_read_price: InsertAfter("output", "cache_read = -0.3") => 4:14 "`cache_read` must be a finite number >= 0 (found -0.3)";
        negative_long_prompt_price: InsertAfter("output", "\n[prices.long_prompt]\nthreshold_tokens = 200000\ninput = 6.0\noutput = -22.5") => 8:10 "`output` must be a finite number >= 0 (found -22.5)";
        negative_input_tokens: Replace("input_tokens", "input_tokens = -40000") => 6:16 "`input_tokens` must be a finite number >= 0 (found -40000)";
        fanout_below_one: InsertAfter("output_tokens", "fanout = 0.5") => 8:10 "`fanout` must be a finite number >= 1 (found 0.5)";
        cache_hit_ratio_above_one: InsertAfter("output_tokens", "cache_hit_ratio = 1.2") => 8:19 "`cache_hit_ratio` must be a finite number from 0 to 1 (found 1.2)";
        cache_write_ratio_negative: InsertAfter("output_tokens", "cache_write_ratio = -0.1") => 8:21 "`cache_write_ratio` must be a finite number from 0 to 1 (found -0.1)";
        // Neither value is wrong alone: located at the second of the pair.
        cache_hit_plus_write_above_one: InsertAfter("output_tokens", "cache_hit_ratio = 0.75\ncache_write_ratio = 0.5") => 9:21 "cache_hit_ratio + cache_write_ratio must be at most 1 (found 1.25)";
        // The band that is missing has no place: located at the share.
        long_prompt_share_without_band: InsertAfter("output_tokens", "long_prompt_share = 0.2") => 8:21 "long_prompt_share needs a [prices.long_prompt] table (found 0.2)";
        first_pass_rate_zero: Replace("first_pass_rate", "first_pass_rate = 0") => 10:19 "`first_pass_rate` must be a finite number > 0 and <= 1 (found 0)";
        first_pass_rate_above_one: Replace("first_pass_rate", "first_pass_rate = 72") => 10:19 "`first_pass_rate` must be a finite number > 0 and <= 1 (found 72)";
        negative_review_minutes: Replace("review_minutes", "review_minutes = -6") => 11:18 "`review_minutes` must be a finite number >= 0 (found -6)";
        survive_rate_above_one: Append("survive_rate = 1.2") => 12:16 "`survive_rate` must be a finite number from 0 to 1 (found 1.2)";
        negative_incident_cost: Append("incident_cost = -900") => 12:17 "`incident_cost` must be a finite number >= 0 (found -900)";
        nan_first_pass_rate: Replace("first_pass_rate", "first_pass_rate = nan") => 10:19 "`first_pass_rate` must be a finite number > 0 and <= 1 (found nan)";
        inf_output_price: Replace("output", "output = inf") => 3:10 "`output` must be a finite number >= 0 (found inf)";
        minus_inf_fanout: InsertAfter("output_tokens", "fanout = -inf") => 8:10 "`fanout` must be a finite number >= 1 (found -inf)";
    }
    "missing.toml" {
        // ----- missing fields and tables: located at the table, or at the
        // top when the whole table is missing
        missing_prices_input: Delete("input") => 1:1 "missing field `input` in [prices]";
        missing_usage_input_tokens: Delete("input_tokens") => 5:1 "missing field `input_tokens` in [usage]";
        missing_first_pass_rate: Delete("first_pass_rate") => 9:1 "missing field `first_pass_rate` in [quality]";
        missing_usage_table: DropTable("[usage]") => 1:1 "missing table [usage]";
    }
}

whole_files! {
    // ----- files that are not text
    binary_garbage: Case {
        file: "garbage.toml",
        // An ELF header: valid UTF-8, but control characters, not TOML.
        contents: Contents::Bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00"),
        others: &[],
        expect: &[
            at("garbage.toml", 1, 1, "invalid TOML: invalid unquoted key"),
            at("garbage.toml", 1, 5, "invalid TOML: invalid unquoted key"),
            at("garbage.toml", 1, 12, "invalid TOML: key with no value, expected `=`"),
        ],
    };
    binary_image_not_utf8: Case {
        file: "image.toml",
        contents: Contents::Bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        others: &[],
        expect: &[at("image.toml", 1, 1, "file is not UTF-8 (found byte 0x89)")],
    };
    not_utf8_mid_file: Case {
        file: "latin1.toml",
        // The third line holds a Latin-1 `e acute`, byte 0xE9.
        contents: Contents::Bytes(
            b"# Opus, as exported\nname = \"Opus\"\nnotes = \"caf\xe9 edition\"\n",
        ),
        others: &[],
        expect: &[at("latin1.toml", 3, 13, "file is not UTF-8 (found byte 0xE9)")],
    };

    // ----- more than one line of the good profile changed
    number_for_table: Case {
        file: "typo.toml",
        contents: Contents::Bytes(
            b"usage = 40000\n\n[prices]\ninput = 3.0\noutput = 15.0\n\n\
              [quality]\nfirst_pass_rate = 0.7\nreview_minutes = 6\n",
        ),
        others: &[],
        expect: &[at("typo.toml", 1, 9, "`usage` must be a table (found integer `40000`)")],
    };
    long_prompt_share_above_one: Case {
        file: "range.toml",
        contents: Contents::Bytes(
            b"[prices]\ninput = 3.0\noutput = 15.0\n\n[prices.long_prompt]\n\
              threshold_tokens = 200000\ninput = 6.0\noutput = 22.5\n\n[usage]\n\
              input_tokens = 40000\noutput_tokens = 8000\nlong_prompt_share = 1.5\n\n\
              [quality]\nfirst_pass_rate = 0.7\nreview_minutes = 6\n",
        ),
        others: &[],
        expect: &[at("range.toml", 13, 21, "`long_prompt_share` must be a finite number from 0 to 1 (found 1.5)")],
    };
    missing_usage_and_quality_tables: Case {
        file: "missing.toml",
        contents: Contents::Bytes(b"name = \"Prices only\"\n\n[prices]\ninput = 3.0\noutput = 15.0\n"),
        others: &[],
        expect: &[
            at("missing.toml", 1, 1, "missing table [usage]"),
            at("missing.toml", 1, 1, "missing table [quality]"),
        ],
    };
    misspelt_table_alone: Case {
        file: "typo.toml",
        contents: Contents::Bytes(b"[qualty]\nfirst_pass_rate = 0.7\nreview_minutes = 6\n"),
        others: &[],
        // The misspelt table is not reported missing; the two others are.
        expect: &[
            at("typo.toml", 1, 2, "unknown table `qualty`; did you mean `quality`?"),
            at("typo.toml", 1, 1, "missing table [prices]"),
            at("typo.toml", 1, 1, "missing table [usage]"),
        ],
    };
    empty_file: Case {
        file: "empty.toml",
        contents: Contents::Bytes(b""),
        others: &[],
        expect: &[at("empty.toml", 1, 1, "empty profile: a model needs [prices], [usage] and [quality]; a mix needs [[mix]]")],
    };
    comments_only: Case {
        file: "empty.toml",
        contents: Contents::Bytes(b"# TODO: fill in\n\n"),
        others: &[],
        expect: &[at("empty.toml", 1, 1, "empty profile")],
    };

    // ----- several problems in one file
    several_problems: Case {
        file: "several.toml",
        contents: Contents::Bytes(
            b"nmae = \"Several problems\"\n\
              \n\
              [prices]\n\
              input = -3.0\n\
              output = \"15\"\n\
              colour = \"blue\"\n\
              \n\
              [usage]\n\
              output_tokens = 8000\n\
              fanout = 0.5\n\
              \n\
              [quality]\n\
              frist_pass_rate = 0.7\n\
              review_minutes = -6\n\
              survive_rate = nan\n",
        ),
        others: &[],
        expect: &[
            at("several.toml", 1, 1, "unknown field `nmae`; did you mean `name`?"),
            at("several.toml", 4, 9, "`input` must be a finite number >= 0 (found -3)"),
            at("several.toml", 5, 10, "`output` must be a number (found string \"15\")"),
            at("several.toml", 6, 1, "unknown field `colour`; expected one of"),
            at("several.toml", 8, 1, "missing field `input_tokens` in [usage]"),
            at("several.toml", 10, 10, "`fanout` must be a finite number >= 1 (found 0.5)"),
            at("several.toml", 13, 1, "unknown field `frist_pass_rate`; did you mean `first_pass_rate`?"),
            at("several.toml", 14, 18, "`review_minutes` must be a finite number >= 0 (found -6)"),
            at("several.toml", 15, 16, "`survive_rate` must be a finite number from 0 to 1 (found nan)"),
        ],
    };
    cross_field_and_range_problems: Case {
        file: "several.toml",
        contents: Contents::Bytes(
            b"[prices]\ninput = 3.0\noutput = 15.0\n\n[usage]\ninput_tokens = 40000\n\
              output_tokens = 8000\ncache_hit_ratio = 0.75\ncache_write_ratio = 0.5\n\n\
              [quality]\nfirst_pass_rate = 0\nreview_minutes = 6\n",
        ),
        others: &[],
        expect: &[
            at("several.toml", 9, 21, "cache_hit_ratio + cache_write_ratio must be at most 1"),
            at("several.toml", 12, 19, "`first_pass_rate` must be a finite number > 0 and <= 1 (found 0)"),
        ],
    };

    // ----- files that cannot be read as text
    file_over_one_mib: Case {
        file: "big.toml",
        contents: Contents::OverOneMib,
        others: &[],
        expect: &[nowhere("big.toml", "file is larger than 1 MiB (found 1048577 bytes)")],
    };
    directory_named_toml: Case {
        file: "x.toml",
        contents: Contents::Directory,
        others: &[],
        expect: &[nowhere("x.toml", "is a directory, not a profile file")],
    };
    symlink_loop: Case {
        file: "a.toml",
        contents: Contents::Symlink("b.toml"),
        others: &[("b.toml", Contents::Symlink("a.toml"))],
        expect: &[nowhere("a.toml", "cannot read: "), nowhere("b.toml", "cannot read: ")],
    };
    dangling_symlink: Case {
        file: "gone.toml",
        contents: Contents::Symlink("deleted-since.toml"),
        others: &[],
        expect: &[nowhere("gone.toml", "cannot read: ")],
    };

    // ----- routing mixes
    mix_of_wrong_type: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"name = \"Tiered\"\nmix = \"good\"\n"),
        others: &[],
        // Meant as a mix: no model table is reported missing.
        expect: &[at("mix.toml", 2, 7, "`mix` must be an array of tables (found string \"good\")")],
    };
    mix_names_missing_profile: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"gdo\"\nshare = 0.5\n\n[[mix]]\nprofile = \"good\"\nshare = 0.5\n",
        ),
        others: &[],
        expect: &[nowhere(
            "mix.toml",
            "mix names profile `gdo`, which is not in this folder; did you mean `good`?",
        )],
    };
    mix_names_bad_profile: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"bad\"\nshare = 0.5\n\n[[mix]]\nprofile = \"good\"\nshare = 0.5\n",
        ),
        others: &[(
            "bad.toml",
            Contents::Broken(Replace("input", "input = -1.0")),
        )],
        expect: &[
            nowhere("mix.toml", "mix part `bad` has errors of its own, so this mix has no figures"),
            at("bad.toml", 2, 9, "`input` must be a finite number >= 0 (found -1)"),
        ],
    };
    mix_names_broken_mix: Case {
        file: "outer.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = \"inner\"\nshare = 1.0\n"),
        others: &[("inner.toml", Contents::Bytes(b"[[mix]]\nprofile = \"ghost\"\nshare = 1.0\n"))],
        expect: &[
            nowhere("outer.toml", "mix part `inner` is a mix with errors of its own"),
            nowhere("inner.toml", "mix names profile `ghost`, which is not in this folder"),
        ],
    };
    mix_shares_not_one: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 0.5\n\n[[mix]]\nprofile = \"good\"\nshare = 0.25\n",
        ),
        others: &[],
        expect: &[at("mix.toml", 1, 1, "mix shares must add up to 1 (found 0.75)")],
    };
    // 0.6 + 0.3 is 0.8999999999999999 as a float sum; people wrote 0.9.
    mix_shares_sum_without_float_noise: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 0.6\n\n[[mix]]\nprofile = \"good\"\nshare = 0.3\n",
        ),
        others: &[],
        expect: &[at("mix.toml", 1, 1, "mix shares must add up to 1 (found 0.9)")],
    };
    mix_cycle: Case {
        file: "a.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = \"b\"\nshare = 1.0\n"),
        others: &[(
            "b.toml",
            Contents::Bytes(b"[[mix]]\nprofile = \"good\"\nshare = 0.5\n\n[[mix]]\nprofile = \"a\"\nshare = 0.5\n"),
        )],
        expect: &[
            at("a.toml", 2, 11, "mix leads back to itself: a -> b -> a"),
            at("b.toml", 6, 11, "mix leads back to itself: b -> a -> b"),
        ],
    };
    mix_self_reference: Case {
        file: "self.toml",
        contents: Contents::Bytes(b"name = \"Me, myself\"\n\n[[mix]]\nprofile = \"self\"\nshare = 1\n"),
        others: &[],
        expect: &[at("self.toml", 4, 11, "mix leads back to itself: self -> self")],
    };
    mix_and_prices: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[prices]\ninput = 3.0\noutput = 15.0\n\n[[mix]]\nprofile = \"good\"\nshare = 1.0\n",
        ),
        others: &[],
        expect: &[at(
            "mix.toml",
            5,
            1,
            "a profile has either [[mix]] or [prices], [usage] and [quality], not both",
        )],
    };
    mix_share_out_of_range: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 1.5\n\n[[mix]]\nprofile = \"good\"\nshare = -0.5\n",
        ),
        others: &[],
        expect: &[
            at("mix.toml", 3, 9, "`share` must be a finite number from 0 to 1 (found 1.5)"),
            at("mix.toml", 7, 9, "`share` must be a finite number from 0 to 1 (found -0.5)"),
        ],
    };
    mix_part_missing_profile: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = \"good\"\nshare = 0.5\n\n[[mix]]\nshare = 0.5\n"),
        others: &[],
        expect: &[at("mix.toml", 5, 1, "missing field `profile` in [[mix]]")],
    };
    mix_part_wrong_types: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"[[mix]]\nprofile = 5\nshare = \"all\"\n"),
        others: &[],
        // One message each; neither is reported missing as well.
        expect: &[
            at("mix.toml", 2, 11, "`profile` must be a string (found integer `5`)"),
            at("mix.toml", 3, 9, "`share` must be a number (found string \"all\")"),
        ],
    };
    mix_without_parts: Case {
        file: "mix.toml",
        contents: Contents::Bytes(b"name = \"Nothing yet\"\nmix = []\n"),
        others: &[],
        expect: &[at("mix.toml", 2, 7, "a mix needs at least one [[mix]] part")],
    };

    // ----- numbers TOML cannot hold: found by the fuzzer, with serde's wording ("as i128", "overflowed")
    numbers_beyond_toml: Case {
        file: "big.toml",
        contents: Contents::Bytes(
            b"[prices]\ninput = 3.0\noutput = 15.0\n\n[usage]\ninput_tokens = 1e400\n\
              output_tokens = 8000\n\n[quality]\nfirst_pass_rate = 0.7\n\
              review_minutes = 35555555555555555555555555\n",
        ),
        others: &[],
        expect: &[
            at("big.toml", 6, 16, "invalid TOML: number out of range (beyond ±1.8e308)"),
            at(
                "big.toml",
                11,
                18,
                "`review_minutes` must be a number TOML can hold \
                 (found integer `35555555555555555555555555`, beyond TOML's 64-bit integers)",
            ),
        ],
    };

    // ----- scenario.toml
    scenario_attempts_shown_beyond_64_bits: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"attempts_shown = 99999999999999999999\n"),
        others: &[],
        expect: &[at(
            "scenario.toml",
            1,
            18,
            "`attempts_shown` must be a number TOML can hold \
             (found integer `99999999999999999999`, beyond TOML's 64-bit integers)",
        )],
    };
    scenario_negative_engineer_rate: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"engineer_rate = -120\nbaseline_hours = 3.5\n"),
        others: &[],
        expect: &[at("scenario.toml", 1, 17, "`engineer_rate` must be a finite number >= 0 (found -120)")],
    };
    scenario_attempts_shown_zero: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"engineer_rate = 120\nattempts_shown = 0\n"),
        others: &[],
        expect: &[at("scenario.toml", 2, 18, "`attempts_shown` must be a whole number from 1 to 1000 (found 0)")],
    };
    scenario_attempts_shown_fraction: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"engineer_rate = 120\nattempts_shown = 2.5\n"),
        others: &[],
        expect: &[at("scenario.toml", 2, 18, "`attempts_shown` must be a whole number from 1 to 1000 (found 2.5)")],
    };
    scenario_attempts_shown_huge: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"attempts_shown = 1e9\n"),
        others: &[],
        expect: &[at("scenario.toml", 1, 18, "`attempts_shown` must be a whole number from 1 to 1000 (found 1000000000)")],
    };
    scenario_unknown_key: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"engineer_rate = 120\nbaseline_hour = 3.5\n"),
        others: &[],
        expect: &[at("scenario.toml", 2, 1, "unknown field `baseline_hour`; did you mean `baseline_hours`?")],
    };
    scenario_string_for_number: Case {
        file: "scenario.toml",
        contents: Contents::Bytes(b"engineer_rate = \"120\"\n"),
        others: &[],
        expect: &[at("scenario.toml", 1, 17, "`engineer_rate` must be a number (found string \"120\")")],
    };
}

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

/// A row's own check: its diagnostic is on a line its edit wrote, at a
/// column on that line (or just past its end, where something is missing).
fn check_points_at_the_broken_line(name: &str, case: &Case) {
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

fn check_library(name: &str, case: &Case, dir: &Path) {
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

fn costlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_costlens"))
        .args(args)
        .output()
        .unwrap()
}

fn check_command(name: &str, case: &Case, dir: &Path) {
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

fn check_json_report(name: &str, case: &Case, dir: &Path) {
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

#[test]
fn suite_has_enough_distinct_cases() {
    let cases: Vec<&(&str, Case)> = BROKEN_LINES.iter().chain(WHOLE_FILES).collect();
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

/// An unquoted value is echoed in the "write it quoted" hint, but never
/// when it holds escape sequences or bidi overrides: `check` prints the
/// message, and such text would act on the terminal.
#[test]
fn an_unquoted_value_with_control_characters_is_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    for (at, hostile) in ["ab\u{202E}cd", "ab\u{1b}[31mred", "x\u{1b}]0;title\u{7}"]
        .iter()
        .enumerate()
    {
        fs::write(
            dir.path().join(format!("h{at}.toml")),
            format!("name = {hostile}\n"),
        )
        .unwrap();
    }
    let out = costlens(&["check", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr.matches("string values must be quoted").count(),
        3,
        "{stderr}"
    );
    assert!(
        !stderr
            .chars()
            .any(|c| c == '\u{1b}' || c == '\u{202E}' || c == '\u{7}'),
        "{stderr:?}"
    );
}

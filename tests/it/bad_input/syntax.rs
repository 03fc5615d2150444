//! TOML syntax, and files written half-way: rows of `broken_lines!`; and
//! the "write it quoted" hint never echoing control characters.

use std::fs;

use super::Edit::{CutAfter, InsertAfter, Prepend, Replace};
use super::checks::costlens;
use super::{Case, Contents, at, run};

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
    }
    "half.toml" {
        half_written_file: CutAfter("input_tok") => 6:10 "invalid TOML: key with no value, expected `=`";
        half_written_value: CutAfter("input_tokens =") => 6:15 "invalid TOML: a value is missing after `=`";
    }
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

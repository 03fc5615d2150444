//! What ties a profile to measurements: the top-level `model_ids` and the
//! `[calibration]` table, each bad value located like any other field.
//! The calibration rows append a whole table to `GOOD` (lines 12–16: a
//! blank line, `[calibration]`, `at`, `from`, `measured`) with one line
//! broken.

use super::Edit::{Append, Prepend};
use super::{Case, Contents, at, run};

broken_lines! {
    "ids.toml" {
        // ----- model_ids: an array of non-empty one-line plain strings, each once
        model_ids_not_an_array: Prepend(r#"model_ids = "claude-sonnet-4-6""#) => 1:13 r#"`model_ids` must be an array of strings (found string "claude-sonnet-4-6")"#;
        model_ids_holding_a_number: Prepend(r#"model_ids = ["claude-sonnet-4-6", 46]"#) => 1:35 "`model_ids` must be an array of strings only (found integer `46`)";
        model_ids_as_a_table: Prepend("[model_ids]\nsonnet = \"claude-sonnet-4-6\"") => 1:1 "`model_ids` must be an array of strings (found a table)";
        model_id_empty: Prepend(r#"model_ids = ["claude-sonnet-4-6", ""]"#) => 1:35 "`model_ids` entries must not be empty (found an empty string)";
        model_id_blank: Prepend(r#"model_ids = ["  "]"#) => 1:14 "`model_ids` entries must not be empty (found only blanks)";
        model_id_with_escape_sequence: Prepend(r#"model_ids = ["claude\u001b]0;pwned\u0007"]"#) => 1:14 "`model_ids` entries must be plain text (found control character U+001B)";
        model_id_with_bidi_override: Prepend("model_ids = [\"claude-\u{202E}5-tennos\"]") => 1:14 "`model_ids` entries must be plain text (found control character U+202E)";
        // A tab is allowed in `notes`, never in an id.
        model_id_with_tab: Prepend(r#"model_ids = ["claude-sonnet-4-6\t"]"#) => 1:14 "`model_ids` entries must be plain text (found control character U+0009)";
        model_id_over_two_lines: Prepend("model_ids = [\"\"\"claude-sonnet\n-4-6\"\"\"]") => 1:14 "`model_ids` entries must be one line (found a line break)";
        model_id_twice: Prepend(r#"model_ids = ["claude-sonnet-4-6", "claude-opus-4-8", "claude-sonnet-4-6"]"#) => 1:54 "`model_ids` must name each model once (found `claude-sonnet-4-6` again)";
        misspelt_model_ids: Prepend(r#"model_id = ["claude-sonnet-4-6"]"#) => 1:1 "unknown field `model_id`; did you mean `model_ids`?";
    }
    "calibration.toml" {
        // ----- [calibration]: keys, `at`, `from`
        calibration_unknown_key: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]\nsource = \"Claude Code logs\"") => 17:1 "unknown field `source`; expected one of `at`, `from`, `measured`";
        calibration_misspelt_key: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmesured = [\"usage.input_tokens\"]") => 16:1 "unknown field `mesured`; did you mean `measured`?";
        misspelt_calibration_table: Append("\n[calibraton]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]") => 13:2 "unknown table `calibraton`; did you mean `calibration`?";
        calibration_not_a_table: Prepend(r#"calibration = "412 sessions""#) => 1:15 r#"`calibration` must be a table (found string "412 sessions")"#;
        calibration_at_a_string: Append("\n[calibration]\nat = \"2026-11-29\"\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]") => 14:6 r#"`at` must be a TOML date (found string "2026-11-29")"#;
        calibration_at_a_date_and_time: Append("\n[calibration]\nat = 2026-11-29T08:00:00Z\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]") => 14:6 "`at` must be a TOML date such as 2026-11-29 (found a date and time, 2026-11-29T08:00:00Z)";
        calibration_at_a_time: Append("\n[calibration]\nat = 08:00:00\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]") => 14:6 "`at` must be a TOML date such as 2026-11-29 (found a time of day, 08:00:00)";
        calibration_at_a_number: Append("\n[calibration]\nat = 20261129\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]") => 14:6 "`at` must be a TOML date (found integer `20261129`)";
        calibration_missing_at: Append("\n[calibration]\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\"]") => 13:1 "missing field `at` in [calibration]";
        calibration_from_over_two_lines: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"\"\"412 sessions\n2026-10-01..2026-11-28\"\"\"\nmeasured = [\"usage.input_tokens\"]") => 15:8 "`from` must be one line (found a line break)";
        calibration_from_escape_sequence: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\\u001b[2J\"\nmeasured = [\"usage.input_tokens\"]") => 15:8 "`from` must be plain text (found control character U+001B)";
        calibration_from_empty: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"\"\nmeasured = [\"usage.input_tokens\"]") => 15:8 "`from` must say where the figures came from (found an empty string)";
        calibration_from_a_list: Append("\n[calibration]\nat = 2026-11-29\nfrom = [\"412 sessions\"]\nmeasured = [\"usage.input_tokens\"]") => 15:8 "`from` must be a string (found an array)";
        // ----- measured: dotted names of [usage] and [quality] fields, each once
        measured_not_an_array: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = \"usage.input_tokens\"") => 16:12 r#"`measured` must be an array of strings (found string "usage.input_tokens")"#;
        measured_holding_a_boolean: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\", true]") => 16:35 "`measured` must be an array of strings only (found boolean `true`)";
        measured_names_a_price: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokens\", \"prices.input\"]") => 16:35 "`measured` may name only [usage] and [quality] fields: prices are not measured (found `prices.input`)";
        measured_misspelt_field: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.input_tokns\"]") => 16:13 "unknown field `usage.input_tokns` in `measured`; did you mean `usage.input_tokens`?";
        measured_field_in_the_wrong_table: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"quality.fanout\"]") => 16:13 "unknown field `quality.fanout` in `measured`; did you mean `usage.fanout`?";
        measured_leaf_key_alone: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"survive_rate\"]") => 16:13 "unknown field `survive_rate` in `measured`; did you mean `quality.survive_rate`?";
        measured_unknown_field: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"quality.happiness\"]") => 16:13 "unknown field `quality.happiness` in `measured`; expected one of `usage.input_tokens`, `usage.output_tokens`, `usage.fanout`, `usage.cache_hit_ratio`, `usage.cache_write_ratio`, `usage.long_prompt_share`, `quality.first_pass_rate`, `quality.review_minutes`, `quality.survive_rate`, `quality.incident_cost`";
        measured_escape_sequence: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.\\u001b[2J\"]") => 16:13 "`measured` entries must be plain text (found control character U+001B)";
        measured_twice: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"\nmeasured = [\"usage.fanout\", \"quality.survive_rate\", \"usage.fanout\"]") => 16:53 "`measured` must name each field once (found `usage.fanout` again)";
        calibration_missing_measured: Append("\n[calibration]\nat = 2026-11-29\nfrom = \"412 sessions\"") => 13:1 "missing field `measured` in [calibration]";
    }
}

whole_files! {
    // ----- a mix stands for no one model, and its figures are its parts'
    model_ids_in_a_mix: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"model_ids = [\"claude-sonnet-4-6\"]\n\n[[mix]]\nprofile = \"good\"\nshare = 1.0\n",
        ),
        others: &[],
        expect: &[at(
            "mix.toml",
            1,
            13,
            "a mix has no `model_ids`: the profiles it names stand for the models \
             (found `model_ids` in a [[mix]] file)",
        )],
    };
    calibration_in_a_mix: Case {
        file: "mix.toml",
        contents: Contents::Bytes(
            b"[[mix]]\nprofile = \"good\"\nshare = 1.0\n\n[calibration]\nat = 2026-11-29\n\
              from = \"412 sessions\"\nmeasured = [\"quality.first_pass_rate\"]\n",
        ),
        others: &[],
        expect: &[at(
            "mix.toml",
            5,
            1,
            "a mix has no [calibration]: its figures are its parts' \
             (found [calibration] in a [[mix]] file)",
        )],
    };
    // One message per problem: every field of the table wrong at once, and
    // a bad id beside them.
    calibration_every_field_wrong: Case {
        file: "calibration.toml",
        contents: Contents::Bytes(
            b"model_ids = [\"claude-opus-4-8\", \"claude-opus-4-8\"]\n\n\
              [prices]\ninput = 5.0\noutput = 25.0\n\n\
              [usage]\ninput_tokens = 78000\noutput_tokens = 10400\n\n\
              [quality]\nfirst_pass_rate = 0.7\nreview_minutes = 6\n\n\
              [calibration]\nat = 2026-11-29T08:00:00\nfrom = \"\"\n\
              measured = [\"prices.output\", \"usage.fanout\", \"usage.fanout\"]\n",
        ),
        others: &[],
        expect: &[
            at("calibration.toml", 1, 33, "`model_ids` must name each model once"),
            at("calibration.toml", 16, 6, "`at` must be a TOML date such as 2026-11-29"),
            at("calibration.toml", 17, 8, "`from` must say where the figures came from"),
            at("calibration.toml", 18, 13, "prices are not measured (found `prices.output`)"),
            at("calibration.toml", 18, 46, "(found `usage.fanout` again)"),
        ],
    };
}

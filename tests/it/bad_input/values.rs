//! Values of the wrong type or out of range, and numbers TOML cannot hold.

use super::Edit::{Append, InsertAfter, Prepend, Replace};
use super::{Case, Contents, at, run};

broken_lines! {
    "typo.toml" {
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
}

whole_files! {
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
}

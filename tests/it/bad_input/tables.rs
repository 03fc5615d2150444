//! Unknown, misspelt and missing keys and tables.

use super::Edit::{Append, Delete, DropTable, InsertAfter, Prepend, Replace};
use super::{Case, Contents, at, run};

broken_lines! {
    "typo.toml" {
        // ----- unknown and misspelt keys and tables
        // One problem, one message: no "missing field `first_pass_rate`" too.
        misspelt_first_pass_rate: Replace("first_pass_rate", "frist_pass_rate = 0.7") => 10:1 "unknown field `frist_pass_rate`; did you mean `first_pass_rate`?";
        misspelt_top_level_key: Prepend(r#"nmae = "Opus""#) => 1:1 "unknown field `nmae`; did you mean `name`?";
        unknown_key_no_suggestion: InsertAfter("output", r#"colour = "blue""#) => 4:1 "unknown field `colour`; expected one of `input`, `output`, `cache_write`, `cache_read`, `as_of`, `source`, `long_prompt`";
        // At the key inside the header; no "missing table [quality]" too.
        misspelt_table: Replace("[quality]", "[qualty]") => 9:2 "unknown table `qualty`; did you mean `quality`?";
        misspelt_nested_table: InsertAfter("output", "\n[prices.long_promt]\ninput = 6.0\noutput = 22.5") => 5:9 "unknown table `long_promt`; did you mean `long_prompt`?";
        unknown_table: Append("\n[vendor]\nregion = \"eu\"") => 13:2 "unknown table `vendor`; expected one of `name`, `notes`, `model_ids`, `prices`, `usage`, `quality`, `calibration`, `mix`";
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

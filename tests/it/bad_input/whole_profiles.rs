//! Profiles with more than one line of `GOOD` changed, and several
//! problems in one file.

use super::{Case, Contents, at, run};

whole_files! {
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
}

//! `scenario.toml`.

use super::{Case, Contents, at, run};

whole_files! {
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

//! `tests/fixtures/calibrate/hand/`: a small tree whose every figure was
//! worked out by hand from its lines (below), checked without ccusage;
//! where ccusage is installed, its totals are checked too.
//!
//! The requests, after the duplicate rules (i input, w cache writes,
//! r cache reads, o output):
//!
//! | request | file | model | thread | i | w (1h) | r | o |
//! |---|---|---|---|---|---|---|---|
//! | A1 | shop/aaaa (3 streaming lines; 3 copies in bbbb) | sonnet-4-5 | main | 4 | 3000 (2000) | 10000 | 80 |
//! | A2 | shop/aaaa (isSidechain) | haiku-4-5 | sub | 6 | 0 | 5000 | 40 |
//! | A3 | shop/aaaa (replayed in subagents/agent-a1b2c3) | sonnet-4-5 | main | 2 | 500 (0) | 13000 | 120 |
//! | A4 | shop/aaaa/subagents/agent-a1b2c3 | haiku-4-5 | sub | 8 | 300 (flat) | 2000 | 60 |
//! | B1 | shop/bbbb, speed fast | opus-4-5 | main | 10 | 4000 (4000) | 0 | 300 |
//! | B2 | shop/agent-d4e5f6 (no isSidechain; session bbbb) | haiku-4-5 | sub | 5 | 0 | 1000 | 25 |
//! | C1 | blog/cccc (2 lines, no requestId; CRLF) | sonnet-4 | main | 300 | 200 (flat) | 0 | 50 |
//! | C2 | blog/cccc (no message.id) | sonnet-4 | main | 7 | 0 | 0 | 7 |
//!
//! Not counted: a `<synthetic>` line. Skipped and counted (5): output
//! tokens a string, 2025-09-31, aaaa's crash-cut last line, and the two
//! non-blank lines of `broken.jsonl`. Passed by: a summary, user lines,
//! `notes.txt` (not `*.jsonl`).

use std::path::Path;

use costlens::calibrate::logs::{Attempts, LogOptions, ModelTotals};

use super::{parity, read_folder, totals};

const HAND: &str = "tests/fixtures/calibrate/hand";

fn model(model: &str, requests: u64, fast: u64, tokens: [u64; 5]) -> ModelTotals {
    let [input, output, write, write_1h, read] = tokens;
    ModelTotals {
        model: model.to_string(),
        requests,
        fast_requests: fast,
        input_tokens: input,
        output_tokens: output,
        cache_write_tokens: write,
        cache_write_1h_tokens: write_1h,
        cache_read_tokens: read,
    }
}

#[test]
fn the_hand_checked_fixture() {
    let report = read_folder(Path::new(HAND), &LogOptions::default(), None);
    let logs = &report.logs;
    // Six *.jsonl files; 15 usage lines (A1 3 + 3, A2, A3 + its replay,
    // A4, B1, B2, C1 2, C2) make 8 requests, 7 duplicates.
    assert_eq!(
        (
            logs.files,
            logs.usage_lines,
            logs.duplicate_lines,
            logs.requests
        ),
        (6, 15, 7, 8)
    );
    assert_eq!((logs.skipped_lines, logs.sessions), (5, 3));
    let stamp = |at: Option<chrono::DateTime<chrono::Utc>>| at.map(|at| at.to_rfc3339());
    // C1's kept copy (its final line, 12:00:01.500) and B2.
    assert_eq!(
        stamp(logs.from).as_deref(),
        Some("2025-06-01T12:00:01.500+00:00")
    );
    assert_eq!(stamp(logs.to).as_deref(), Some("2025-10-02T10:00:05+00:00"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        report.models,
        [
            // A2 + A4 + B2: i 6+8+5, o 40+60+25, w 300, r 5000+2000+1000.
            model("claude-haiku-4-5-20251001", 3, 0, [19, 125, 300, 0, 8000]),
            model("claude-opus-4-5-20251101", 1, 1, [10, 300, 4000, 4000, 0]),
            // C1 + C2: i 300+7, o 50+7.
            model("claude-sonnet-4-20250514", 2, 0, [307, 57, 200, 0, 0]),
            // A1 + A3: i 4+2, o 80+120, w 3000+500 (1h 2000), r 10000+13000.
            model(
                "claude-sonnet-4-5-20250929",
                2,
                0,
                [6, 200, 3500, 2000, 23000]
            ),
        ]
    );
    // input 19+10+307+6, output 125+300+57+200, writes 300+4000+200+3500,
    // reads 8000+23000.
    assert_eq!(totals(&report), [342, 682, 8000, 31000]);

    // One session each, so sorted by model id. Tokens per request:
    // A1 13084 (prompt 13004), A2 5046 (5006), A3 13622 (13502),
    // A4 2368 (2308), B1 4310 (4010), B2 1030 (1005), C1 550 (500), C2 14 (7).
    let row = |model: &str, requests, usage: [Option<f64>; 6], share_1h, tokens| Attempts {
        model: model.to_string(),
        profile: None,
        sessions: 1,
        requests,
        usage: costlens::calibrate::logs::AttemptUsage {
            input_tokens: usage[0].unwrap(),
            output_tokens: usage[1].unwrap(),
            fanout: usage[2],
            cache_hit_ratio: usage[3],
            cache_write_ratio: usage[4],
            long_prompt_share: usage[5],
        },
        cache_write_1h_share: share_1h,
        tokens_per_session_median: tokens,
        tokens_per_session_p90: tokens,
    };
    let ratio = |a: u32, b: u32| Some(f64::from(a) / f64::from(b));
    assert_eq!(
        report.attempts,
        [
            // Session bbbb (model opus: B1 is its only main-thread request;
            // A1's copies there belong to aaaa, whose copy came first):
            // B1 + B2; all tokens 5340, main 4310; prompts 5015.
            row(
                "claude-opus-4-5-20251101",
                2,
                [
                    Some(4010.0),
                    Some(300.0),
                    ratio(5340, 4310),
                    ratio(1000, 5015),
                    ratio(4000, 5015),
                    None
                ],
                Some(1.0),
                5340,
            ),
            // Session cccc: C1 + C2, all main-thread; prompts 507.
            row(
                "claude-sonnet-4-20250514",
                2,
                [
                    Some(507.0),
                    Some(57.0),
                    Some(1.0),
                    Some(0.0),
                    ratio(200, 507),
                    None
                ],
                Some(0.0),
                564,
            ),
            // Session aaaa: A1..A4; main A1 + A3: prompt 26506, output 200,
            // tokens 26706 of 34120; prompts 33820, reads 30000, writes
            // 3800 (1h 2000).
            row(
                "claude-sonnet-4-5-20250929",
                4,
                [
                    Some(26506.0),
                    Some(200.0),
                    ratio(34120, 26706),
                    ratio(30000, 33820),
                    ratio(3800, 33820),
                    None
                ],
                ratio(2000, 3800),
                34120,
            ),
        ]
    );
}

#[test]
fn the_hand_checked_fixture_against_ccusage() {
    let Some(ccusage) = parity::ccusage() else {
        return;
    };
    assert_eq!(
        parity::ccusage_totals(&ccusage, Path::new(HAND)),
        [342, 682, 8000, 31000]
    );
}

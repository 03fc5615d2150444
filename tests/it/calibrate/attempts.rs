//! Attempts (sessions), each session's model, every attempt figure, and
//! the sub-agent layouts' fan-out.

use costlens::calibrate::logs::{Attempts, LogOptions};
use serde_json::json;

use super::{Line, Tree, lines};

const OPUS: &str = "claude-opus-4-5-20251101";
const SONNET: &str = "claude-sonnet-4-5-20250929";
const HAIKU: &str = "claude-haiku-4-5-20251001";

fn attempt<'a>(attempts: &'a [Attempts], model: &str) -> &'a Attempts {
    attempts
        .iter()
        .find(|a| a.model == model)
        .unwrap_or_else(|| panic!("{model}: {attempts:#?}"))
}

#[test]
fn a_sessions_model_has_the_most_main_thread_output() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            // Sonnet has more tokens, Opus more main-thread output.
            Line::new("a", 90_000, 300).model(SONNET),
            Line::new("b", 10, 400).model(OPUS),
            // A sub-agent's output does not count toward the choice.
            Line::new("c", 10, 5_000).model(HAIKU).sidechain(),
        ]),
    );
    // A tie in main-thread output: the smaller id (opus < sonnet).
    tree.file(
        "projects/p/s2.jsonl",
        &lines([
            Line::new("d", 1, 50).model(SONNET).session("s2"),
            Line::new("e", 1, 50).model(OPUS).session("s2"),
        ]),
    );
    // No main-thread request: the most tokens (haiku 3000 > sonnet 2500).
    tree.file(
        "projects/p/s3.jsonl",
        &lines([
            Line::new("f", 2_000, 500)
                .model(SONNET)
                .session("s3")
                .sidechain(),
            Line::new("g", 2_900, 100)
                .model(HAIKU)
                .session("s3")
                .sidechain(),
        ]),
    );
    let report = tree.read();
    assert_eq!(report.logs.sessions, 3);
    let models: Vec<(&str, u64)> = report
        .attempts
        .iter()
        .map(|a| (a.model.as_str(), a.sessions))
        .collect();
    // Most sessions first, ties by id.
    assert_eq!(models, [(OPUS, 2), (HAIKU, 1)]);
    // Every request of a session counts under the session's model,
    // whatever its own model: s1 and s2 have 5 requests.
    assert_eq!(attempt(&report.attempts, OPUS).requests, 5);
}

#[test]
fn the_attempt_figures_by_hand() {
    let tree = Tree::new();
    // Session s1 (model sonnet):
    //   a main:  input 100, writes 200 (60 of them 1-hour), reads 700, output 50
    //   b sub:   input 10, writes 0, reads 90, output 20
    // Session s2 (model sonnet):
    //   c main:  input 300, writes 0, reads 0, output 100
    let split = json!({"ephemeral_5m_input_tokens": 140, "ephemeral_1h_input_tokens": 60});
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            Line::new("a", 100, 50)
                .cache(0, 700)
                .usage("cache_creation", split),
            Line::new("b", 10, 20).cache(0, 90).sidechain(),
        ]),
    )
    .file(
        "projects/p/s2.jsonl",
        &lines([Line::new("c", 300, 100).session("s2")]),
    );
    let report = tree.read();
    let sonnet = attempt(&report.attempts, SONNET);
    assert_eq!((sonnet.sessions, sonnet.requests), (2, 3));
    // Main-thread prompt tokens per session: (100+200+700 + 300) / 2 = 650.
    assert_eq!(sonnet.usage.input_tokens, 650.0);
    // Main-thread output per session: (50 + 100) / 2 = 75.
    assert_eq!(sonnet.usage.output_tokens, 75.0);
    // All tokens 1050 + 120 + 400 = 1570; main-thread 1050 + 400 = 1450.
    assert_eq!(sonnet.usage.fanout, Some(1570.0 / 1450.0));
    // Prompt tokens of all: 1000 + 100 + 300 = 1400; reads 790, writes 200.
    assert_eq!(sonnet.usage.cache_hit_ratio, Some(790.0 / 1400.0));
    assert_eq!(sonnet.usage.cache_write_ratio, Some(200.0 / 1400.0));
    assert_eq!(sonnet.cache_write_1h_share, Some(60.0 / 200.0));
    // No threshold given: no long-prompt share.
    assert_eq!(sonnet.usage.long_prompt_share, None);
    // Tokens per session: s1 1170, s2 400; median (400+1170)/2 = 785;
    // nearest-rank p90 of two: rank ceil(1.8) = 2, 1170.
    assert_eq!(
        (
            sonnet.tokens_per_session_median,
            sonnet.tokens_per_session_p90
        ),
        (785, 1170)
    );
    assert_eq!(sonnet.profile, None);

    // Requests whose prompt tokens exceed the threshold: none over 1000
    // (a's prompt is exactly 1000); a (1050 tokens) over 999; a and c
    // (1050 + 400) over 100, b's prompt being exactly 100.
    let at = |threshold: u64| {
        let threshold = move |model: &str| (model == SONNET).then_some(threshold);
        let options = LogOptions {
            long_prompt_threshold: Some(&threshold),
            ..LogOptions::default()
        };
        attempt(&tree.read_with(&options, None).attempts, SONNET)
            .usage
            .long_prompt_share
    };
    assert_eq!(at(1000), Some(0.0));
    assert_eq!(at(999), Some(1050.0 / 1570.0));
    assert_eq!(at(100), Some((1050.0 + 400.0) / 1570.0));
}

#[test]
fn median_and_nearest_rank_p90_of_tokens_per_session() {
    let tree = Tree::new();
    // Eleven sessions of 1, 2, ..., 11 thousand output tokens.
    for k in 1..=11_u64 {
        let session = format!("s{k:02}");
        tree.file(
            &format!("projects/p/{session}.jsonl"),
            &lines([Line::new(&session, 0, k * 1000).session(&session)]),
        );
    }
    let report = tree.read();
    let sonnet = attempt(&report.attempts, SONNET);
    // Median: the 6th of 11. P90: rank ceil(0.9 * 11) = ceil(9.9) = 10.
    assert_eq!(
        (
            sonnet.tokens_per_session_median,
            sonnet.tokens_per_session_p90
        ),
        (6000, 10_000)
    );
}

#[test]
fn no_main_thread_tokens_make_fanout_null() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([Line::new("a", 0, 0), Line::new("b", 5, 5).sidechain()]),
    );
    let report = tree.read();
    let sonnet = attempt(&report.attempts, SONNET);
    assert_eq!(sonnet.usage.fanout, None);
    assert_eq!(sonnet.usage.cache_hit_ratio, Some(0.0));
    assert_eq!(sonnet.cache_write_1h_share, None, "no cache writes");
}

/// Fan-out of one session: a main request of 100 tokens and a sub-agent's
/// of 50, written in each of Claude Code's three layouts.
#[test]
fn fanout_from_each_sub_agent_layout() {
    let main = || Line::new("main", 60, 40);
    let agent = || Line::new("agent", 30, 20);
    let cases: Vec<(&str, Tree)> = vec![
        ("isSidechain lines in the session file", {
            let tree = Tree::new();
            tree.file("projects/p/s1.jsonl", &lines([main(), agent().sidechain()]));
            tree
        }),
        ("<session>/subagents/agent-*.jsonl, isSidechain", {
            let tree = Tree::new();
            tree.file("projects/p/s1.jsonl", &lines([main()])).file(
                "projects/p/s1/subagents/agent-a1.jsonl",
                &lines([agent().sidechain()]),
            );
            tree
        }),
        (
            "<session>/subagents/, no sessionId, no isSidechain: the folder says",
            {
                let tree = Tree::new();
                tree.file("projects/p/s1.jsonl", &lines([main()])).file(
                    "projects/p/s1/subagents/worker.jsonl",
                    &lines([agent().remove("/sessionId").remove("/isSidechain")]),
                );
                tree
            },
        ),
        ("top-level agent-*.jsonl, no isSidechain: the name says", {
            let tree = Tree::new();
            tree.file("projects/p/s1.jsonl", &lines([main()])).file(
                "projects/p/agent-a1.jsonl",
                &lines([agent().remove("/isSidechain")]),
            );
            tree
        }),
    ];
    for (layout, tree) in cases {
        let report = tree.read();
        assert_eq!(report.logs.sessions, 1, "{layout}");
        let sonnet = attempt(&report.attempts, SONNET);
        assert_eq!(sonnet.usage.fanout, Some(1.5), "{layout}");
        assert_eq!(
            (sonnet.usage.input_tokens, sonnet.usage.output_tokens),
            (60.0, 40.0),
            "{layout}"
        );
    }
}

#[test]
fn sessions_come_from_session_id_else_the_files_place() {
    let tree = Tree::new();
    let bare = |id: &str| Line::new(id, 1, 1).remove("/sessionId");
    tree.file("projects/p/aaa.jsonl", &lines([bare("1")]))
        // <session>/<file>.jsonl: the folder.
        .file("projects/p/bbb/chat.jsonl", &lines([bare("2")]))
        // <session>/subagents/<file>.jsonl: the session folder.
        .file(
            "projects/p/aaa/subagents/agent-x.jsonl",
            &lines([bare("3")]),
        )
        // A sessionId wins over the place.
        .file(
            "projects/p/ccc.jsonl",
            &lines([Line::new("4", 1, 1).session("aaa")]),
        )
        // Not under projects/: the folder the file is in.
        .file("loose/ddd/x.jsonl", &lines([bare("5")]));
    // aaa (three ways), bbb, ddd.
    assert_eq!(tree.read().logs.sessions, 3);
}

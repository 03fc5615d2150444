//! The duplicate rules one by one, each on a tiny tree.

use serde_json::json;

use super::{Line, Tree, lines, totals};

const T0: &str = "2026-01-01T00:00:00.000Z";
const T1: &str = "2026-01-01T00:00:01.000Z";

/// (usage lines, duplicate lines, requests) and the token totals.
fn counts(tree: &Tree) -> ((u64, u64, u64), [u64; 4]) {
    let report = tree.read();
    let logs = &report.logs;
    (
        (logs.usage_lines, logs.duplicate_lines, logs.requests),
        totals(&report),
    )
}

#[test]
fn streaming_and_resumed_copies_are_one_request_in_whatever_files() {
    let tree = Tree::new();
    // One response streamed as three lines (partial output on all but the
    // last), then copied into a resumed session's file with its new id.
    let part = |output, at: &str| Line::new("m", 100, output).cache(20, 300).at(at);
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            part(1, T0),
            part(7, T1),
            part(50, "2026-01-01T00:00:02.000Z"),
        ]),
    )
    .file(
        "projects/p/s2.jsonl",
        &lines([part(50, "2026-01-01T00:00:02.000Z").session("s2")]),
    );
    assert_eq!(counts(&tree), ((4, 3, 1), [100, 50, 20, 300]));
}

#[test]
fn without_request_id_copies_are_one_request_only_in_one_session() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            Line::new("m", 100, 1).no_request(),
            Line::new("m", 100, 9).no_request(),
        ]),
    );
    // The same message in another file, same session: still one.
    tree.file(
        "projects/p/other.jsonl",
        &lines([Line::new("m", 100, 9).no_request().session("s1")]),
    );
    assert_eq!(counts(&tree), ((3, 2, 1), [100, 9, 0, 0]));
    // In another session it is another request.
    tree.file(
        "projects/p/s2.jsonl",
        &lines([Line::new("m", 100, 9).no_request().session("s2")]),
    );
    assert_eq!(counts(&tree), ((4, 2, 2), [200, 18, 0, 0]));
}

#[test]
fn a_request_id_on_one_copy_only_makes_two_requests() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([Line::new("m", 100, 5), Line::new("m", 100, 5).no_request()]),
    );
    assert_eq!(counts(&tree), ((2, 0, 2), [200, 10, 0, 0]));
}

#[test]
fn a_sub_agent_replaying_its_parents_turn_is_the_same_request() {
    let parent = || {
        Line::new("m", 10, 5)
            .request("req-parent")
            .cache(0, 20)
            .at(T0)
    };
    // The replay: another request id, the parent's cache reads and more,
    // same message, session and timestamp, isSidechain.
    let replay = || {
        Line::new("m", 10, 5)
            .request("req-replay")
            .cache(0, 50_000)
            .at(T0)
            .sidechain()
    };
    let read = |replay: Line| {
        let tree = Tree::new();
        tree.file("projects/p/s1.jsonl", &lines([parent()]))
            .file("projects/p/s1/subagents/agent-1.jsonl", &lines([replay]));
        counts(&tree)
    };
    // One request, and the parent's copy is kept though the replay is larger.
    assert_eq!(read(replay()), ((2, 1, 1), [10, 5, 0, 20]));
    // Without a request id, still "another request id".
    assert_eq!(read(replay().no_request()), ((2, 1, 1), [10, 5, 0, 20]));
    // Each condition broken in turn: two requests.
    let two = ((2, 0, 2), [20, 10, 0, 50_020]);
    assert_eq!(read(replay().at(T1)), two, "another timestamp");
    assert_eq!(read(replay().session("s9")), two, "another session");
    let unflagged = replay().set("/isSidechain", json!(false));
    assert_eq!(
        read(unflagged),
        two,
        "neither says isSidechain (the folder does not count here)"
    );
    // The same instant written another way is the same timestamp.
    assert_eq!(
        read(replay().at("2026-01-01T01:00:00+01:00")),
        ((2, 1, 1), [10, 5, 0, 20])
    );
}

#[test]
fn two_sub_agent_copies_replaying_keep_the_larger() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            Line::new("m", 10, 5).request("r1").at(T0).sidechain(),
            Line::new("m", 900, 5).request("r2").at(T0).sidechain(),
        ]),
    );
    assert_eq!(counts(&tree), ((2, 1, 1), [900, 5, 0, 0]));
}

/// The input tokens of the one request that two exact copies make, the
/// first copy in `first_path`, the second in `second_path`.
fn kept_input(first_path: &str, first: Line, second_path: &str, second: Line) -> u64 {
    let tree = Tree::new();
    tree.file(first_path, &lines([first]))
        .file(second_path, &lines([second]));
    let report = tree.read();
    assert_eq!(report.logs.requests, 1);
    report.models[0].input_tokens
}

#[test]
fn the_kept_copy_is_main_thread_then_larger_then_with_speed_then_first() {
    let session = "projects/p/s1.jsonl";
    let later = "projects/p/s2.jsonl";
    // A main-thread copy over a sub-agent's, whichever is larger or first.
    let sub = Line::new("m", 900, 5).sidechain();
    assert_eq!(
        kept_input(session, sub.clone(), later, Line::new("m", 10, 5)),
        10
    );
    assert_eq!(kept_input(session, Line::new("m", 10, 5), later, sub), 10);
    // A sub-agent's by its place, with no isSidechain: under subagents/,
    // or a file named agent-*.
    let by_folder = "projects/p/s1/subagents/x.jsonl";
    assert_eq!(
        kept_input(
            session,
            Line::new("m", 10, 5),
            by_folder,
            Line::new("m", 900, 5)
        ),
        10
    );
    let by_name = "projects/p/agent-1.jsonl";
    assert_eq!(
        kept_input(
            by_name,
            Line::new("m", 900, 5),
            later,
            Line::new("m", 10, 5)
        ),
        10
    );
    // Then the larger input + output + cache writes + cache reads.
    assert_eq!(
        kept_input(session, Line::new("m", 10, 5), later, Line::new("m", 11, 5)),
        11
    );
    assert_eq!(
        kept_input(
            session,
            Line::new("m", 10, 5).cache(1, 0),
            later,
            Line::new("m", 11, 4)
        ),
        10
    );
    // Then the one with usage.speed, at equal totals.
    let with_speed = Line::new("m", 5, 100).usage("speed", json!("standard"));
    assert_eq!(
        kept_input(session, Line::new("m", 100, 5), later, with_speed.clone()),
        5
    );
    assert_eq!(
        kept_input(session, with_speed, later, Line::new("m", 100, 5)),
        5
    );
    // Then the first in path order: full paths compared as bytes, so
    // `p-x/` (0x2D) comes before `p/` (0x2F).
    assert_eq!(
        kept_input(
            session,
            Line::new("m", 100, 5),
            later,
            Line::new("m", 5, 100)
        ),
        100
    );
    assert_eq!(
        kept_input(
            later,
            Line::new("m", 100, 5),
            session,
            Line::new("m", 5, 100)
        ),
        5
    );
    let dashed = "projects/p-x/s1.jsonl";
    assert_eq!(
        kept_input(
            session,
            Line::new("m", 100, 5),
            dashed,
            Line::new("m", 5, 100)
        ),
        5
    );
    // Lines in file order within a file.
    let tree = Tree::new();
    tree.file(
        session,
        &lines([Line::new("m", 7, 3), Line::new("m", 3, 7)]),
    );
    assert_eq!(tree.read().models[0].input_tokens, 7);
}

#[test]
fn lines_without_message_id_are_never_duplicates() {
    let tree = Tree::new();
    let bare = || Line::new("m", 10, 5).remove("/message/id");
    tree.file(
        "projects/p/s1.jsonl",
        &lines([bare(), bare(), bare().no_request()]),
    );
    assert_eq!(counts(&tree), ((3, 0, 3), [30, 15, 0, 0]));
}

#[test]
fn a_request_is_a_sub_agents_when_any_exact_copy_is() {
    let tree = Tree::new();
    // `a` is main-thread only; `b`'s kept copy is main-thread but another
    // exact copy says isSidechain, so `b` is a sub-agent's request.
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            Line::new("a", 10, 100),
            Line::new("b", 1, 900),
            Line::new("b", 1, 2).sidechain(),
        ]),
    );
    let report = tree.read();
    let attempt = &report.attempts[0];
    assert_eq!(
        attempt.usage.output_tokens, 100.0,
        "b's 900 are not main-thread"
    );
    // fanout = all tokens / main-thread tokens = (110 + 901) / 110
    assert_eq!(attempt.usage.fanout, Some(1011.0 / 110.0));
    assert_eq!(totals(&report), [11, 1000, 0, 0]);
}

/// Each line is compared with the copy kept so far, not with every copy,
/// as ccusage 20.0.24 compares: a parent streamed as two lines (t0, t1)
/// and replayed line for line keeps the final parent line (t1); the
/// replay's t0 line matches no kept copy and starts a request of its own,
/// which its t1 line then joins (same request id). ccusage counts
/// 200 input and 100 output here too; comparing with every copy would
/// give 100 and 50 (docs/calibrate.md says where the two part).
#[test]
fn copies_are_compared_with_the_kept_copy_as_ccusage_does() {
    let tree = Tree::new();
    let parent = |output, at| Line::new("m", 100, output).request("r1").at(at);
    let replay = |output, at| Line::new("m", 100, output).request("r2").at(at).sidechain();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([parent(1, T0), parent(50, T1)]),
    )
    .file(
        "projects/p/s1/subagents/agent-a.jsonl",
        &lines([replay(1, T0), replay(50, T1)]),
    );
    assert_eq!(counts(&tree), ((4, 2, 2), [200, 100, 0, 0]));
}

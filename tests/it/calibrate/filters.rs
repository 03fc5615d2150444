//! `--since` / `--until` (UTC dates, inclusive, by the kept copy's
//! timestamp) and `--project` (the folder under `projects/`).

use chrono::NaiveDate;
use costlens::calibrate::logs::LogOptions;

use super::{Line, Tree, lines};

#[test]
fn since_and_until_keep_requests_by_utc_date_inclusive() {
    let tree = Tree::new();
    tree.file(
        "projects/p/s1.jsonl",
        &lines([
            Line::new("a", 1, 0).at("2026-03-01T23:59:59.999Z"),
            // 2026-03-02T01:00 in UTC, though its own date says the 1st.
            Line::new("b", 2, 0).at("2026-03-01T20:00:00-05:00"),
            Line::new("c", 4, 0).at("2026-03-03T00:00:00Z"),
            // 2026-03-03T23:30 in UTC, though its own date says the 4th.
            Line::new("d", 8, 0).at("2026-03-04T01:30:00+02:00"),
            Line::new("e", 16, 0).at("2026-03-04T00:00:00Z"),
        ]),
    );
    let read = |since: Option<(i32, u32, u32)>, until: Option<(i32, u32, u32)>| {
        let date = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let options = LogOptions {
            since: since.map(date),
            until: until.map(date),
            ..LogOptions::default()
        };
        let report = tree.read_with(&options, None);
        let input = report.models.iter().map(|m| m.input_tokens).sum::<u64>();
        (
            input,
            report.logs.from.map(|at| at.to_rfc3339()),
            report.logs.usage_lines,
        )
    };
    assert_eq!(read(None, None).0, 31);
    assert_eq!(read(Some((2026, 3, 2)), Some((2026, 3, 3))).0, 2 + 4 + 8);
    assert_eq!(read(Some((2026, 3, 3)), None).0, 4 + 8 + 16);
    assert_eq!(read(None, Some((2026, 3, 1))).0, 1);
    let (_, from, lines) = read(Some((2026, 3, 2)), None);
    assert_eq!(from.as_deref(), Some("2026-03-02T01:00:00+00:00"));
    assert_eq!(lines, 4, "usage lines are those of the requests kept");
}

#[test]
fn project_keeps_files_whose_project_folder_contains_it() {
    let tree = Tree::new();
    tree.file(
        "projects/-home-dev-shop/s1.jsonl",
        &lines([Line::new("a", 1, 0)]),
    )
    .file(
        "projects/-home-dev-shop-api/s2/subagents/agent-1.jsonl",
        &lines([Line::new("b", 2, 0)]),
    )
    .file(
        "projects/-home-dev-blog/s3.jsonl",
        &lines([Line::new("c", 4, 0)]),
    )
    // `shop` in the session's name is not the project's.
    .file(
        "projects/-home-dev-blog/shop.jsonl",
        &lines([Line::new("d", 8, 0)]),
    );
    let input = |text| {
        let report = tree.read_with(&LogOptions::default(), Some(text));
        (
            report.models.iter().map(|m| m.input_tokens).sum::<u64>(),
            report.logs.files,
        )
    };
    assert_eq!(input("shop"), (3, 2));
    assert_eq!(input("blog"), (12, 2));
    assert_eq!(input("nothing"), (0, 0));
}

//! The window, adoption depth by week, several repositories, and the
//! figures with nothing to count.

use serde_json::json;

use super::{CLAUDE, GitFigures, Repo, all, counts, read, window};

#[test]
fn the_window_is_inclusive_on_committer_dates_in_utc() {
    let mut repo = Repo::new();
    repo.commit("2026-02-28", "a@x", &format!("before\n\n{CLAUDE}"));
    // 23:30 at -02:00 is 01:30 UTC on the 2nd: inside.
    repo.commit_at(
        "2026-03-01 23:30:00 -0200",
        "a@x",
        &format!("first day\n\n{CLAUDE}"),
    );
    // 00:30 at +02:00 on the 2nd is 22:30 UTC on the 1st: outside.
    repo.commit_at(
        "2026-03-02 00:30:00 +0200",
        "a@x",
        &format!("utc 1st\n\n{CLAUDE}"),
    );
    repo.commit_at("2026-03-08 23:59:59 +0000", "b@x", "last second");
    repo.commit("2026-03-09", "b@x", "after");
    let f = repo.read(window("2026-03-02", "2026-03-08"));
    assert_eq!(counts(&f), (2, 1, 0, 1, 0));
    assert_eq!(
        counts(&repo.read(window("2026-03-02", ""))),
        (3, 1, 0, 2, 0)
    );
    assert_eq!(
        counts(&repo.read(window("", "2026-03-01"))),
        (2, 2, 0, 0, 0)
    );
    assert_eq!(counts(&repo.read(all())), (5, 3, 0, 2, 0));
}

#[test]
fn the_committer_date_decides_not_the_author_date() {
    let mut repo = Repo::new();
    repo.commit("2026-03-02", "a@x", "in the window");
    // Authored in the window, committed after it (a rebase, say).
    let (authored, committed) = ("2026-03-03 12:00:00 +0000", "2026-03-20 12:00:00 +0000");
    std::fs::write(repo.path().join("late.txt"), "x").unwrap();
    repo.git(&["add", "late.txt"], committed, "a@x");
    repo.git_dated(&["commit", "-q", "-m", "late"], authored, committed, "a@x");
    assert_eq!(repo.read(window("2026-03-01", "2026-03-10")).changes, 1);
    assert_eq!(repo.read(window("2026-03-15", "2026-03-25")).changes, 1);
    assert_eq!(repo.read(all()).changes, 2);
}

#[test]
fn a_change_reverted_after_the_window_is_reverted() {
    let mut repo = Repo::new();
    let change = repo.commit("2026-03-02", "a@x", &format!("feat\n\n{CLAUDE}"));
    repo.revert("2026-04-20", "b@x", &change, "");
    let f = repo.read(window("2026-03-01", "2026-03-31"));
    // One change in the window; the revert is outside it but reverts it.
    assert_eq!(counts(&f), (1, 1, 1, 0, 0));
    assert_eq!(f.survive_rate, Some(0.0));
    assert_eq!(f.survive_rate_90.unwrap().0, 0.0);
}

#[test]
fn adoption_depth_counts_distinct_authors_per_iso_week() {
    let mut repo = Repo::new();
    let agent = |n: &str| format!("change {n}\n\n{CLAUDE}");
    // Week of Mon 2026-03-02: a (twice, once in capitals) and b.
    repo.commit("2026-03-02", "a@x", &agent("1"));
    repo.commit("2026-03-08", "A@X", &agent("2"));
    repo.commit("2026-03-04", "b@x", &agent("3"));
    // Week of 03-09: a. Week of 03-16: only a plain change by d.
    repo.commit("2026-03-09", "a@x", &agent("4"));
    repo.commit("2026-03-17", "d@x", "plain");
    // Week of 03-23: a, b, c.
    repo.commit("2026-03-23", "a@x", &agent("5"));
    repo.commit("2026-03-25", "b@x", &agent("6"));
    repo.commit("2026-03-29", "c@x", &agent("7"));
    // Weeks [2, 1, 0, 3] -> median 1.5.
    let f = repo.read(window("2026-03-02", "2026-03-29"));
    assert_eq!(f.agent_authors, 3);
    assert_eq!(f.agent_authors_weekly_median, Some(1.5));
    // With no window the weeks run from the first change to the last.
    assert_eq!(repo.read(all()).agent_authors_weekly_median, Some(1.5));
    // A window reaching two empty weeks further: [0, 2, 1, 0, 3, 0] -> 0.5.
    let f = repo.read(window("2026-02-23", "2026-04-05"));
    assert_eq!(f.agent_authors_weekly_median, Some(0.5));
    // Mid-week ends take their whole weeks: 03-04..03-10 is two weeks [2, 1].
    let f = repo.read(window("2026-03-04", "2026-03-10"));
    assert_eq!(f.agent_authors, 2);
    assert_eq!(f.agent_authors_weekly_median, Some(1.5));
    let json = serde_json::to_value(repo.read(window("2026-03-23", "2026-03-29"))).unwrap();
    assert_eq!(json["agent_authors_weekly_median"], json!(3));
}

#[test]
fn several_repositories_add_up_and_share_authors() {
    let mut one = Repo::new();
    let mut two = Repo::new();
    let change = one.commit("2026-03-02", "a@x", &format!("x\n\n{CLAUDE}"));
    one.revert("2026-03-03", "a@x", &change, "");
    two.commit("2026-03-02", "a@x", &format!("y\n\n{CLAUDE}"));
    two.commit("2026-03-02", "b@x", &format!("z\n\n{CLAUDE}"));
    let f = read(&[one.path(), two.path()], all(), None);
    assert_eq!(counts(&f), (4, 3, 1, 1, 0));
    assert_eq!(f.agent_authors, 2);
    assert_eq!(f.agent_authors_weekly_median, Some(2.0));
}

#[test]
fn no_changes_no_rates() {
    let mut repo = Repo::new();
    let empty = repo.read(all());
    assert_eq!(empty, GitFigures::default());
    repo.commit("2026-03-02", "a@x", "plain");
    let f = repo.read(window("2026-03-02", "2026-03-08"));
    assert_eq!(counts(&f), (1, 0, 0, 1, 0));
    assert_eq!((f.survive_rate, f.survive_rate_90), (None, None));
    assert_eq!(f.agent_authors_weekly_median, Some(0.0));
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(
        json,
        json!({
            "changes": 1, "agent_changes": 0, "agent_reverted": 0,
            "survive_rate": null, "survive_rate_90": null,
            "other_changes": 1, "other_reverted": 0, "other_survive_rate": 1.0,
            "agent_authors": 0, "agent_authors_weekly_median": 0
        })
    );
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    let spec = [
        "changes",
        "agent_changes",
        "agent_reverted",
        "survive_rate",
        "survive_rate_90",
        "other_changes",
        "other_reverted",
        "other_survive_rate",
        "agent_authors",
        "agent_authors_weekly_median",
    ];
    assert_eq!(keys, spec);
}

//! Which changes are an agent's, and which are reverted.

use regex::Regex;

use super::{CLAUDE, GENERATED, Repo, all, counts, read};

#[test]
fn agent_changes_by_trailer_or_generated_line() {
    let mut repo = Repo::new();
    repo.commit(
        "2026-03-02",
        "a@x",
        &format!("feat: one\n\nBody.\n\n{CLAUDE}"),
    );
    repo.commit(
        "2026-03-02",
        "b@x",
        "fix: two\n\nco-authored-by: claude sonnet <c@x>",
    );
    repo.commit(
        "2026-03-02",
        "c@x",
        &format!("docs: three\n\n{GENERATED}\n"),
    );
    repo.commit(
        "2026-03-02",
        "d@x",
        "chore: four\n\nCo-Authored-By: Dana <dana@x>",
    );
    repo.commit(
        "2026-03-02",
        "e@x",
        "refactor: mentions Claude in the subject",
    );
    let f = repo.read(all());
    assert_eq!(counts(&f), (5, 3, 0, 2, 0));
    assert_eq!(f.survive_rate, Some(1.0));
    assert_eq!(f.other_survive_rate, Some(1.0));
    assert_eq!(f.agent_authors, 3);
    let (low, high) = f.survive_rate_90.unwrap();
    // Wilson 90%, 3 of 3: (3/(3+z²), 1).
    assert!((low - 3.0 / (3.0 + 1.6449_f64.powi(2))).abs() < 1e-12 && high == 1.0);
}

#[test]
fn agent_pattern_replaces_the_rule() {
    let mut repo = Repo::new();
    repo.commit("2026-03-02", "a@x", &format!("feat: one\n\n{CLAUDE}"));
    repo.commit("2026-03-02", "b@x", "feat: two\n\nAgent: copilot");
    repo.commit("2026-03-02", "c@x", "feat: three\n\nagent: copilot");
    let pattern = Regex::new("(?m)^Agent: ").unwrap();
    let f = read(&[repo.path()], all(), Some(&pattern));
    assert_eq!(counts(&f), (3, 1, 0, 2, 0));
    assert_eq!(f.agent_authors, 1);
}

#[test]
fn reverts_count_against_the_reverted_change_and_are_changes_themselves() {
    let mut repo = Repo::new();
    let agent = repo.commit("2026-03-02", "a@x", &format!("feat: a\n\n{CLAUDE}"));
    repo.commit("2026-03-02", "a@x", &format!("feat: b\n\n{CLAUDE}"));
    repo.commit("2026-03-02", "a@x", &format!("feat: c\n\n{GENERATED}"));
    let other = repo.commit("2026-03-03", "d@x", "fix: d");
    repo.commit("2026-03-03", "d@x", "fix: e");
    repo.revert("2026-03-04", "d@x", &agent, "");
    repo.revert("2026-03-04", "d@x", &other, "");
    let f = repo.read(all());
    // 5 changes + 2 reverts (plain messages: other changes, standing).
    assert_eq!(counts(&f), (7, 3, 1, 4, 1));
    assert_eq!(f.survive_rate, Some(1.0 - 1.0 / 3.0));
    assert_eq!(f.other_survive_rate, Some(0.75));
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json["survive_rate_90"].as_array().unwrap().len(), 2);
}

#[test]
fn a_revert_of_a_revert_cancels_and_a_third_reverts_again() {
    let mut repo = Repo::new();
    let change = repo.commit("2026-03-02", "a@x", &format!("feat: a\n\n{CLAUDE}"));
    let first = repo.revert("2026-03-03", "b@x", &change, "");
    let second = repo.revert("2026-03-04", "b@x", &first, "");
    // change standing; the first revert is the one reverted.
    assert_eq!(counts(&repo.read(all())), (3, 1, 0, 2, 1));
    repo.revert("2026-03-05", "b@x", &second, "");
    assert_eq!(counts(&repo.read(all())), (4, 1, 1, 3, 1));
}

#[test]
fn an_agent_revert_is_an_agent_change() {
    let mut repo = Repo::new();
    let change = repo.commit("2026-03-02", "a@x", "feat: a");
    let revert = repo.revert("2026-03-03", "b@x", &change, CLAUDE);
    repo.revert("2026-03-04", "c@x", &revert, "");
    // The agent's revert is reverted; the plain change survives.
    assert_eq!(counts(&repo.read(all())), (3, 1, 1, 2, 0));
}

#[test]
fn an_abbreviated_hash_written_by_hand_reverts() {
    let mut repo = Repo::new();
    let change = repo.commit("2026-03-02", "a@x", &format!("feat: a\n\n{CLAUDE}"));
    let message = format!("Undo a\n\nThis reverts commit {}.", &change[..9]);
    repo.commit("2026-03-03", "b@x", &message);
    repo.commit(
        "2026-03-03",
        "b@x",
        "This reverts commit 1234567 (not in history).",
    );
    assert_eq!(counts(&repo.read(all())), (3, 1, 1, 2, 0));
}

#[test]
fn merged_side_commits_are_not_changes_but_the_merge_is() {
    let mut repo = Repo::new();
    let base = repo.commit("2026-03-02", "a@x", "feat: base");
    repo.git(
        &["checkout", "-q", "-b", "side"],
        "2026-03-02 12:00:00 +0000",
        "x@x",
    );
    repo.commit("2026-03-03", "s@x", &format!("side one\n\n{CLAUDE}"));
    repo.commit("2026-03-03", "s@x", &format!("side two\n\n{CLAUDE}"));
    // The side branch also reverts a main-line change: it counts once merged.
    repo.revert("2026-03-03", "s@x", &base, "");
    let at = "2026-03-04 12:00:00 +0000";
    repo.git(&["checkout", "-q", "main"], at, "x@x");
    repo.commit("2026-03-04", "m@x", "feat: main meanwhile");
    let merge_message = format!("Merge branch 'side'\n\n{GENERATED}");
    repo.git(
        &["merge", "-q", "--no-ff", "-m", &merge_message, "side"],
        at,
        "m@x",
    );
    let merge = repo.head();
    let f = repo.read(all());
    // base (reverted), main meanwhile, the merge (agent).
    assert_eq!(counts(&f), (3, 1, 0, 2, 1));
    assert_eq!(f.agent_authors, 1);
    // Reverting the merge (`-m 1`) reverts that change.
    let at = "2026-03-05 12:00:00 +0000";
    repo.git(&["revert", "--no-edit", "-m", "1", &merge], at, "m@x");
    assert_eq!(counts(&repo.read(all())), (4, 1, 1, 3, 1));
}

#[test]
fn any_message_text_parses() {
    let mut repo = Repo::new();
    let tricky = format!(
        "subject \u{1b}[31mred\u{1e}\n\n0123456789abcdef0123456789abcdef01234567 5 x@y\n{CLAUDE}"
    );
    repo.commit("2026-03-02", "a@x", &tricky);
    repo.commit("2026-03-02", "we ird@x", "plain");
    let f = repo.read(all());
    assert_eq!(counts(&f), (2, 1, 0, 1, 0));
}

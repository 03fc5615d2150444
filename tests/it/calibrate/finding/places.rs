//! Where a file sits (its session, project and sub-agent flag), read from
//! its whole canonical path: the same whichever folder names it, `.` and
//! `..` included; and each file read once however many folders reach it.

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use costlens::calibrate::logs::{self, LogEnv, LogOptions};
use serde_json::json;

use crate::calibrate::{Line, Tree, lines, totals};
use crate::support::bin;

#[test]
fn a_file_named_alone_is_read_and_placed_by_its_whole_path() {
    let tree = Tree::new();
    // Same message, no requestId, no sessionId: one request exactly when
    // both files' session is `s1`, which only their whole paths say.
    let bare = || Line::new("m", 10, 5).no_request().remove("/sessionId");
    tree.file("projects/p/s1.jsonl", &lines([bare()]))
        .file("projects/q/s1.jsonl", &lines([bare()]))
        .file("projects/q/other.jsonl", &lines([Line::new("x", 1000, 0)]));
    let named = [
        tree.root().join("projects/p/s1.jsonl"),
        tree.root().join("projects/q/s1.jsonl"),
    ];
    let roots = logs::log_roots(&named, &LogEnv::default()).unwrap();
    let report = logs::read_logs(
        &logs::find_log_files(&roots, Some("q")),
        &LogOptions::default(),
    );
    assert_eq!(
        (report.logs.files, report.logs.requests),
        (1, 1),
        "the project is q's"
    );
    let report = logs::read_logs(&logs::find_log_files(&roots, None), &LogOptions::default());
    assert_eq!(
        (
            report.logs.files,
            report.logs.requests,
            report.logs.sessions
        ),
        (2, 1, 1)
    );
    assert_eq!(totals(&report), [10, 5, 0, 0]);
}

/// Each file's (session, project, sub-agent) as `find_log_files` places
/// it, by file name.
fn places(roots: &[PathBuf], project: Option<&str>) -> Vec<(String, String, String, bool)> {
    let mut found: Vec<_> = logs::find_log_files(roots, project)
        .files
        .into_iter()
        .map(|file| {
            let name = file
                .path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, file.session, file.project, file.subagent)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_file_is_placed_by_its_whole_path_whichever_folder_names_it() {
    let tree = Tree::new();
    // Lines without sessionId: the files' places alone make the sessions.
    let bare = |id: &str, input: u64| Line::new(id, input, 0).remove("/sessionId");
    tree.file("ns/projects/pp/s1.jsonl", &lines([bare("a", 1)]))
        .file("ns/projects/pp/s2.jsonl", &lines([bare("b", 2)]))
        .file(
            "ns/projects/pp/s1/subagents/agent-x.jsonl",
            &lines([bare("c", 4)]),
        )
        .raw("ns/projects/pp/x/notes.txt", b"");
    let ns = tree.root().join("ns");
    let expected = vec![
        (
            "agent-x.jsonl".to_string(),
            "s1".to_string(),
            "pp".to_string(),
            true,
        ),
        (
            "s1.jsonl".to_string(),
            "s1".to_string(),
            "pp".to_string(),
            false,
        ),
        (
            "s2.jsonl".to_string(),
            "s2".to_string(),
            "pp".to_string(),
            false,
        ),
    ];
    for root in [
        ns.clone(),
        ns.join("projects"),
        ns.join("projects/pp"),
        ns.join("projects/pp/"),
        // No name of its own: `..` (and `.`, in the binary's test below).
        ns.join("projects/pp/x/.."),
    ] {
        let roots = [root.clone()];
        assert_eq!(places(&roots, None), expected, "{}", root.display());
        assert_eq!(places(&roots, Some("pp")), expected, "{}", root.display());
        let report = logs::read_logs(&logs::find_log_files(&roots, None), &LogOptions::default());
        assert_eq!(
            (
                report.logs.sessions,
                report.logs.requests,
                totals(&report)[0]
            ),
            (2, 3, 1 + 2 + 4),
            "{}",
            root.display()
        );
    }
    // A file named alone: the same place.
    let alone = [ns.join("projects/pp/s1/subagents/agent-x.jsonl")];
    assert_eq!(places(&alone, None), expected[..1]);
}

#[test]
fn dot_and_dot_dot_given_on_the_command_line_are_placed_like_any_folder() {
    let tree = Tree::new();
    let bare = |id: &str| Line::new(id, 10, 0).remove("/sessionId");
    tree.file("ns/projects/pp/s1.jsonl", &lines([bare("a")]))
        .file("ns/projects/pp/s2.jsonl", &lines([bare("b")]))
        .raw("ns/projects/pp/x/notes.txt", b"");
    let pp = tree.root().join("ns/projects/pp");
    for (root, cwd) in [(".", pp.clone()), ("..", pp.join("x"))] {
        let out = bin::costlens(
            &["calibrate", root, "--project", "pp", "--format", "json"],
            &cwd,
        );
        assert_eq!(bin::code(&out), 0, "{}", bin::stderr(&out));
        let document = bin::json(&out);
        assert_eq!(
            (&document["logs"]["files"], &document["logs"]["sessions"]),
            (&json!(2), &json!(2)),
            "calibrate {root}: {document}"
        );
    }
}

#[test]
fn overlapping_folders_read_each_file_once() {
    let tree = Tree::new();
    // Lines without message.id are never duplicates: a file read twice
    // would count twice.
    let no_id = |input: u64| Line::new("x", input, 0).remove("/message/id");
    tree.file("ns/projects/pp/s1.jsonl", &lines([no_id(1)]))
        .file("ns/projects/qq/s2.jsonl", &lines([no_id(2)]));
    symlink(tree.root().join("ns"), tree.root().join("link")).unwrap();
    let root = tree.root();
    let roots = [
        root.join("ns"),
        root.join("ns/projects"),
        root.join("ns/projects/qq/../../projects"),
        root.join("link/projects/pp"),
        root.join("link/projects/pp/s1.jsonl"),
    ];
    let files = logs::find_log_files(&roots, None);
    assert_eq!(files.files.len(), 2, "{:?}", files.files);
    let report = logs::read_logs(&files, &LogOptions::default());
    assert_eq!(
        (
            report.logs.files,
            report.logs.usage_lines,
            totals(&report)[0]
        ),
        (2, 2, 1 + 2)
    );
}

#[test]
fn outside_a_projects_folder_the_place_is_read_from_the_path_too() {
    let tree = Tree::new();
    let line = || lines([Line::new("a", 1, 0)]);
    // A project folder copied out of a Claude folder, and a Claude folder
    // that sits under a folder named `subagents`.
    tree.file("copy/-home-u-shop/s1.jsonl", &line())
        .file("copy/-home-u-shop/s1/subagents/agent-a.jsonl", &line())
        .file("subagents/u/.claude/projects/pp/s2.jsonl", &line());
    let root = tree.root();
    let shop = |name: &str, session: &str, subagent: bool| {
        (
            name.to_string(),
            session.to_string(),
            "-home-u-shop".to_string(),
            subagent,
        )
    };
    let expected = vec![
        shop("agent-a.jsonl", "s1", true),
        shop("s1.jsonl", "-home-u-shop", false),
    ];
    for copy in [root.join("copy"), root.join("copy/-home-u-shop")] {
        assert_eq!(
            places(std::slice::from_ref(&copy), Some("shop")),
            expected,
            "{}",
            copy.display()
        );
    }
    assert_eq!(
        places(&[root.join("subagents/u/.claude")], None),
        [(
            "s2.jsonl".to_string(),
            "s2".to_string(),
            "pp".to_string(),
            false
        )],
        "a `subagents` folder above the project folder says nothing"
    );
}

//! `--set`: what-ifs applied like a slider, checked as a result, named in
//! the report; bad what-ifs.

use std::path::Path;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::worked::worked_folder;

use super::profile;

use super::cells;

#[test]
fn set_applies_what_ifs_like_a_slider() {
    let dir = worked_folder();
    let cost = |args: &[&str], id: &str| {
        let mut all = vec!["report", ".", "--format", "json"];
        all.extend_from_slice(args);
        let out = costlens(&all, dir.path());
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        profile(&json(&out), id)["cost_per_merge"].as_f64().unwrap()
    };
    // Review at 150/h: A = 0.24 + 15 = 15.24; L = 15.24 / 0.72 + 13.5.
    assert!((cost(&["--set", "engineer_rate=150"], "strong") - (15.24 / 0.72 + 13.5)).abs() < 1e-9);
    assert!((cost(&["--set", "strong.first_pass_rate=1"], "strong") - 25.74).abs() < 1e-9);
    assert!(
        (cost(&["--set", "strong.first_pass_rate=1"], "cheap") - 78.44615384615384).abs() < 1e-9
    );
    assert!((cost(&["--set", "survive_rate=1"], "cheap") - 22.072 / 0.52).abs() < 1e-9);
    // The JSON lists the what-ifs it applied, in the order given.
    let sets = [
        "--set",
        "strong.first_pass_rate=1",
        "--set",
        "engineer_rate=150",
    ];
    let out = costlens(
        &[&["report", ".", "--format", "json"][..], &sets].concat(),
        dir.path(),
    );
    assert_eq!(
        json(&out)["what_ifs"],
        serde_json::json!([
            {"key": "strong.first_pass_rate", "value": 1.0},
            {"key": "engineer_rate", "value": 150.0},
        ])
    );
}

#[test]
fn bad_what_ifs_are_usage_errors() {
    let dir = worked_folder();
    for (set, says) in [
        ("frist_pass_rate=0.5", "did you mean `first_pass_rate`?"),
        (
            "first_pass_rate=0",
            "must be a finite number > 0 and <= 1 (found 0)",
        ),
        ("review_minutes=nan", "(found nan)"),
        ("engineer_rate=abc", "not a number"),
        ("nope.first_pass_rate=0.5", "no profile `nope`"),
        ("stron.first_pass_rate=0.5", "did you mean `strong`?"),
        ("cache_hit_ratio", "is not K=V"),
    ] {
        let out = costlens(&["report", ".", "--set", set], dir.path());
        assert_eq!(code(&out), 2, "{set}");
        assert!(stderr(&out).contains(says), "{set}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{set}: nothing reported");
    }
}

#[test]
fn set_checks_the_result_not_each_step() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The shipped profiles write 15% of input to the cache: 90% hits fit
    // only once writes are 0, whichever is set first.
    for order in [
        ["cache_hit_ratio=0.9", "cache_write_ratio=0"],
        ["cache_write_ratio=0", "cache_hit_ratio=0.9"],
    ] {
        let out = costlens(
            &[
                "report", "profiles", "--format", "json", "--set", order[0], "--set", order[1],
            ],
            repo,
        );
        assert_eq!(code(&out), 0, "{order:?}: {}", stderr(&out));
    }
    let out = costlens(
        &["report", "profiles", "--set", "cache_hit_ratio=0.9"],
        repo,
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("break profile"), "{}", stderr(&out));
}

/// `report --set` says which what-ifs it applied, in the table (under the
/// scenario, wrapped to the width) and in the markdown (under the
/// scenario's list), with the numbers as written; nothing without them.
#[test]
fn report_names_the_what_ifs_it_applied() {
    let dir = worked_folder();
    let sets = [
        "--set",
        "engineer_rate=150",
        "--set",
        "strong.first_pass_rate=0.6",
    ];
    let line = "what-ifs: engineer_rate = 150, strong.first_pass_rate = 0.6";
    let table = costlens(&[&["report", "."][..], &sets].concat(), dir.path());
    assert_eq!(code(&table), 0, "{}", stderr(&table));
    let text = stdout(&table);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..3],
        ["USD per merged change · engineer 150.00/h", line, ""],
        "{text}"
    );
    let markdown = costlens(
        &[&["report", ".", "--format", "markdown"][..], &sets].concat(),
        dir.path(),
    );
    let text = stdout(&markdown);
    assert!(
        text.starts_with(&format!(
            "### Cost per merged change (USD)\n\n- engineer 150.00/h\n- {line}\n\n| Profile |"
        )),
        "{text}"
    );

    for format in ["table", "markdown"] {
        let out = costlens(&["report", ".", "--format", format], dir.path());
        assert!(
            !stdout(&out).contains("what-if"),
            "{format}: {}",
            stdout(&out)
        );
    }

    // Many what-ifs wrap at 80 columns, each line but the last ending in a
    // comma, and read back as the whole list.
    let many = [
        "engineer_rate=150",
        "baseline_hours=3.5",
        "changes_per_week=40",
        "strong.first_pass_rate=0.6",
        "cheap.cache_hit_ratio=0.25",
        "review_minutes=7.5",
        "strong.incident_cost=1200",
    ];
    let mut args = vec!["report", "."];
    for set in many {
        args.extend(["--set", set]);
    }
    let out = costlens(&args, dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let start = text.find("what-ifs: ").expect("the what-ifs");
    let block = &text[start..text[start..].find("\n\n").unwrap() + start];
    let block_lines: Vec<&str> = block.lines().collect();
    assert!(block_lines.len() > 1, "wrapped:\n{text}");
    assert!(block_lines.iter().all(|line| cells(line) <= 80), "{text}");
    let (last, first) = block_lines.split_last().unwrap();
    assert!(first.iter().all(|line| line.ends_with(',')) && !last.ends_with(','));
    let listed = block.trim_start_matches("what-ifs: ").replace('\n', " ");
    let want: Vec<String> = many.iter().map(|set| set.replace('=', " = ")).collect();
    assert_eq!(listed, want.join(", "), "{text}");
}

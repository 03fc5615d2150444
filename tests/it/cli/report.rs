//! `report` in every format: the JSON's shape and the worked check, mixes,
//! the table's width and columns, a broken pipe.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::worked::{STRONG, worked_folder};

use super::profile;

use super::cells;

#[test]
fn json_report_has_the_documented_shape_and_the_worked_check() {
    let dir = worked_folder();
    let out = costlens(&["report", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let mut top = keys(&doc);
    top.sort();
    assert_eq!(top, ["errors", "profiles", "scenario", "what_ifs"]);
    assert_eq!(
        doc["what_ifs"],
        Value::Array(vec![]),
        "no --set, none listed"
    );
    let scenario = &doc["scenario"];
    assert_eq!(scenario["engineer_rate"], 120.0);
    assert!(scenario["baseline_hours"].is_null() && scenario["changes_per_week"].is_null());
    assert_eq!(scenario["attempts_shown"], 10);
    let ids: Vec<&str> = doc["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["strong", "cheap"], "cheapest first");
    let strong = profile(&doc, "strong");
    let documented = [
        "id",
        "name",
        "kind",
        "cost_per_merge",
        "token_cost_per_merge",
        "review_cost_per_merge",
        "regression_cost",
        "cost_per_attempt",
        "expected_attempts",
        "tokens_per_merge",
        "token_share",
        "baseline_cost",
        "savings_per_merge",
        "roi",
        "break_even_first_pass_rate",
        "review_to_generation",
        "weekly_spend",
        "weekly_net_saving",
        "payback_weeks",
        "p90_attempts",
        "p90_cost",
        "spend_by_attempt",
    ];
    // Names and order exactly as cli.md documents them.
    assert_eq!(keys(strong), documented.map(String::from));
    assert_eq!(strong["kind"], "model");
    assert_eq!(strong["name"], "strong", "the name defaults to the id");
    let near = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() < 1e-9 * want.max(1.0);
    assert!(near(&strong["cost_per_merge"], 30.5));
    assert!(near(&strong["cost_per_attempt"], 12.24));
    assert!(near(&strong["regression_cost"], 13.5));
    assert_eq!(strong["p90_attempts"], 2);
    assert!(near(&strong["p90_cost"], 37.98));
    assert!(near(
        &profile(&doc, "cheap")["cost_per_merge"],
        78.44615384615384
    ));
    for absent in [
        "baseline_cost",
        "savings_per_merge",
        "roi",
        "break_even_first_pass_rate",
        "weekly_spend",
        "payback_weeks",
    ] {
        assert!(strong[absent].is_null(), "{absent}");
    }
    let spend = strong["spend_by_attempt"].as_array().unwrap();
    assert_eq!(spend.len(), 10);
    assert!(near(&spend[1], 15.6672));
    assert_eq!(doc["errors"], Value::Array(vec![]));
}

#[test]
fn json_marks_a_mix_and_fills_baseline_figures() {
    let dir = worked_folder();
    fs::write(
        dir.path().join("scenario.toml"),
        "baseline_hours = 3.5\nchanges_per_week = 40\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("tiered.toml"),
        "[[mix]]\nprofile = \"cheap\"\nshare = 0.6\n[[mix]]\nprofile = \"strong\"\nshare = 0.4\n",
    )
    .unwrap();
    let doc = json(&costlens(&["report", ".", "--format", "json"], dir.path()));
    let mix = profile(&doc, "tiered");
    assert_eq!(mix["kind"], "mix");
    assert!(
        mix["p90_attempts"].is_null()
            && mix["p90_cost"].is_null()
            && mix["break_even_first_pass_rate"].is_null()
    );
    let strong = profile(&doc, "strong");
    assert_eq!(strong["baseline_cost"], 420.0);
    assert!((strong["savings_per_merge"].as_f64().unwrap() - 389.5).abs() < 1e-9);
    assert!((strong["weekly_spend"].as_f64().unwrap() - 1220.0).abs() < 1e-9);
    assert!(
        strong["payback_weeks"].as_f64().unwrap() == 0.0,
        "no setup cost: paid back at once"
    );
}

#[test]
fn every_format_reports_the_same_profiles() {
    let dir = worked_folder();
    let table = costlens(&["report", "."], dir.path());
    assert_eq!(code(&table), 0);
    let text = stdout(&table);
    assert!(text.contains("30.50") && text.contains("78.45"), "{text}");
    assert!(
        text.lines().all(|line| line.chars().count() <= 80),
        "fits 80 columns:\n{text}"
    );

    let markdown = stdout(&costlens(
        &["report", ".", "--format", "markdown"],
        dir.path(),
    ));
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|line| line.starts_with("| "))
        .collect();
    assert_eq!(rows.len(), 3, "header + 2 rows:\n{markdown}");
    assert!(
        rows[1].starts_with("| strong | model | 30.50 |"),
        "{markdown}"
    );

    let csv_out = costlens(&["report", ".", "--format", "csv"], dir.path());
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[3], "cost_per_merge");
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(&records[0][0], "strong");
    assert!((records[0][3].parse::<f64>().unwrap() - 30.5).abs() < 1e-9);
    assert_eq!(&records[0][11], "", "no baseline: empty cell");
    assert_eq!(records[0][21].split(';').count(), 10);
}

#[test]
fn table_stays_within_80_columns_on_the_shipped_profiles() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = costlens(&["report", "profiles"], repo);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.lines().all(|line| line.chars().count() <= 80),
        "{text}"
    );
    assert!(text.contains("1,"), "thousands separators: {text}");
    assert!(text.contains('%'), "rates as percentages: {text}");
}

#[test]
fn a_broken_pipe_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // Enough rows that the output cannot fit in a pipe buffer.
    for n in 0..400 {
        fs::write(dir.path().join(format!("p{n}.toml")), STRONG).unwrap();
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_costlens"))
        .args(["report", ".", "--format", "json"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The display-cell column where each whitespace-separated word of
/// `line` ends.
fn word_ends(line: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut at = 0;
    let mut in_word = false;
    for c in line.chars() {
        if c == ' ' {
            if in_word {
                ends.push(at);
            }
            in_word = false;
        } else {
            in_word = true;
        }
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    if in_word {
        ends.push(at);
    }
    ends
}

/// A profile named in wide characters keeps its row in the columns:
/// names are padded and cut by display cells, not by characters, so every
/// figure ends in the same cell on every line.
#[test]
fn wide_names_keep_report_columns_aligned() {
    let dir = worked_folder();
    let wide = "通义千问 Max 🚀";
    let long = "通义千问 Max 长上下文超级加速版本 🚀🚀";
    fs::write(
        dir.path().join("qwen.toml"),
        format!("name = \"{wide}\"\n{STRONG}"),
    )
    .unwrap();
    fs::write(
        dir.path().join("qwen-long.toml"),
        format!("name = \"{long}\"\n{}", STRONG.replace("0.72", "0.5")),
    )
    .unwrap();
    let out = costlens(&["report", "."], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let header_at = lines
        .iter()
        .position(|line| line.trim_start().starts_with("Profile"))
        .unwrap_or_else(|| panic!("a header line:\n{text}"));
    let header = lines[header_at];
    let rows: Vec<&str> = lines[header_at + 1..]
        .iter()
        .take_while(|line| !line.is_empty())
        .copied()
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    let figures = header.split_whitespace().count() - 1;
    let figure_ends = |line: &str| {
        let ends = word_ends(line);
        ends[ends.len() - figures..].to_vec()
    };
    let want = figure_ends(header);
    for row in &rows {
        assert_eq!(
            figure_ends(row),
            want,
            "a figure out of its column:\n{text}"
        );
        assert_eq!(cells(row), *want.last().unwrap(), "{row}");
    }
    // The short wide name whole, the long one cut with `…` to the column.
    let row_of = |start: &str| {
        rows.iter()
            .find(|row| row[2..].starts_with(start))
            .unwrap_or_else(|| panic!("a row for {start}:\n{text}"))
    };
    assert!(row_of(wide)[2..].starts_with(&format!("{wide} ")), "{text}");
    let cut = row_of("通义千问 Max 长");
    assert!(cut.contains('…') && !cut.contains(long), "{text}");
    assert!(text.lines().all(|line| cells(line) <= 80), "{text}");
}

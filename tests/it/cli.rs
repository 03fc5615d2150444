//! End to end: the built binary, every command, format and exit code of
//! `cli.md`, on real folders in temp directories.

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use costlens::profile::BUILTIN_FILES;
use serde_json::Value;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::worked::{STRONG, worked_folder};

fn profile<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

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
fn check_exits_0_when_good_and_1_with_located_messages_when_bad() {
    let dir = worked_folder();
    assert_eq!(code(&costlens(&["check", "."], dir.path())), 0);
    fs::write(
        dir.path().join("typo.toml"),
        STRONG.replace("first_pass_rate", "frist_pass_rate"),
    )
    .unwrap();
    let out = costlens(&["check", "."], dir.path());
    assert_eq!(code(&out), 1);
    let want = "./typo.toml:8:1: unknown field `frist_pass_rate`; did you mean `first_pass_rate`?";
    assert!(
        stderr(&out).lines().any(|line| line == want),
        "{}",
        stderr(&out)
    );
    // The good ones are still reported beside the bad one.
    let report = costlens(&["report", ".", "--format", "json"], dir.path());
    assert_eq!(code(&report), 1);
    let doc = json(&report);
    assert_eq!(doc["profiles"].as_array().unwrap().len(), 2);
    assert_eq!(doc["errors"][0]["line"], 8);
    assert_eq!(doc["errors"][0]["column"], 1);
}

#[test]
fn a_missing_folder_or_bad_flag_is_exit_2() {
    let dir = worked_folder();
    for args in [
        &["report", "no-such-dir"][..],
        &["check", "no-such-dir"],
        &["report", ".", "--format", "xml"],
        &["frobnicate", "x", "y"],
    ] {
        let out = costlens(args, dir.path());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn init_writes_the_built_in_profiles_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let out = costlens(&["init"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for file in BUILTIN_FILES {
        assert_eq!(
            fs::read_to_string(dir.path().join("profiles").join(file.name)).unwrap(),
            file.text
        );
    }
    assert_eq!(
        code(&costlens(&["check"], dir.path())),
        0,
        "the written folder is valid"
    );
    let mine = dir.path().join("profiles/opus-5.5.toml");
    fs::write(&mine, "# my own edits\n").unwrap();
    let again = costlens(&["init"], dir.path());
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("opus-5.5.toml"));
    assert_eq!(
        fs::read_to_string(&mine).unwrap(),
        "# my own edits\n",
        "untouched"
    );
    let elsewhere = costlens(&["init", "team"], dir.path());
    assert_eq!(code(&elsewhere), 0);
    assert!(dir.path().join("team/scenario.toml").is_file());
}

#[test]
fn without_dir_it_uses_dot_profiles_else_the_built_in_set() {
    let empty = tempfile::tempdir().unwrap();
    let doc = json(&costlens(&["report", "--format", "json"], empty.path()));
    assert_eq!(
        doc["profiles"].as_array().unwrap().len(),
        BUILTIN_FILES.len() - 1,
        "all but scenario.toml"
    );
    assert_eq!(doc["scenario"]["baseline_hours"], 3.5);

    let with_folder = tempfile::tempdir().unwrap();
    fs::create_dir(with_folder.path().join("profiles")).unwrap();
    fs::write(with_folder.path().join("profiles/strong.toml"), STRONG).unwrap();
    let doc = json(&costlens(
        &["report", "--format", "json"],
        with_folder.path(),
    ));
    assert_eq!(doc["profiles"].as_array().unwrap().len(), 1);
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

#[test]
fn built_in_profiles_are_the_shipped_folder() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles");
    let mut shipped: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    shipped.sort();
    let built_in: Vec<&str> = BUILTIN_FILES.iter().map(|file| file.name).collect();
    assert_eq!(shipped, built_in);
    for file in BUILTIN_FILES {
        assert_eq!(
            fs::read_to_string(folder.join(file.name)).unwrap(),
            file.text,
            "{}",
            file.name
        );
    }
}

#[test]
fn shipped_profiles_carry_published_prices_and_labelled_assumptions() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = costlens(&["check", "profiles"], repo);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // id, input, output, 1-hour cache write, cache read: prices-2026-11.md.
    let published = [
        ("fable-5.1", 10.0, 50.0, 20.0, 0.25),
        ("opus-5.5", 4.0, 20.0, 8.0, 0.20),
        ("opus-4.8", 5.0, 25.0, 10.0, 0.50),
        ("sonnet-5.5", 2.0, 10.0, 4.0, 0.10),
        ("sonnet-4.6", 3.0, 15.0, 6.0, 0.30),
        ("haiku-5.5", 0.10, 0.50, 0.20, 0.01),
        ("haiku-4.5", 1.0, 5.0, 2.0, 0.10),
    ];
    for (id, input, output, write, read) in published {
        let text = fs::read_to_string(repo.join(format!("profiles/{id}.toml"))).unwrap();
        let doc: toml::Table = text.parse().unwrap();
        let prices = doc["prices"].as_table().unwrap();
        let price = |key: &str| {
            prices[key]
                .as_float()
                .or(prices[key].as_integer().map(|i| i as f64))
                .unwrap()
        };
        assert_eq!(
            [
                price("input"),
                price("output"),
                price("cache_write"),
                price("cache_read")
            ],
            [input, output, write, read],
            "{id}"
        );
        assert!(
            prices.contains_key("as_of") && prices.contains_key("source"),
            "{id}"
        );
        assert!(
            text.contains("ASSUMPTION"),
            "{id}: quality figures labelled"
        );
    }
    let haiku: toml::Table = fs::read_to_string(repo.join("profiles/haiku-5.5.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let band = haiku["prices"]["long_prompt"].as_table().unwrap();
    assert_eq!(band["input"].as_float(), Some(0.5));
    assert_eq!(band["output"].as_float(), Some(2.5));
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

/// A shared profiles folder can hold hostile names: nothing `report` or
/// `check` prints may carry a terminal escape sequence.
#[cfg(unix)] // a file name that is not UTF-8
#[test]
fn hostile_file_names_are_refused_by_name_and_never_printed_raw() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = worked_folder();
    let good = fs::read(dir.path().join("strong.toml")).unwrap();
    fs::write(dir.path().join("evil\u{1b}]0;pwned\u{7}.toml"), &good).unwrap();
    fs::write(dir.path().join(OsStr::from_bytes(b"lat\xe9.toml")), &good).unwrap();
    let check = costlens(&["check", "."], dir.path());
    assert_eq!(code(&check), 1);
    let lines: Vec<String> = stderr(&check).lines().map(str::to_string).collect();
    assert_eq!(
        lines,
        [
            "./evil\\u{1b}]0;pwned\\u{7}.toml: file name has a control character; rename the file",
            "./lat\u{fffd}.toml: file name is not UTF-8; rename the file",
        ]
    );
    for format in ["table", "markdown", "csv", "json"] {
        let report = costlens(&["report", ".", "--format", format], dir.path());
        assert_eq!(code(&report), 1, "{format}");
        assert!(
            !report.stdout.contains(&0x1b) && !report.stderr.contains(&0x1b),
            "{format} printed an escape"
        );
        assert!(
            stdout(&report).contains("strong"),
            "{format}: good ones stay"
        );
    }
}

/// Found by the fuzzer: `-0.0` is in range (it is >= 0) and used to be kept
/// as negative zero, so a default cache price of 0.1 × -0.0 printed as
/// "-0.00" and a write-back read back different. -0 is now 0 everywhere.
#[test]
fn negative_zero_is_zero() {
    let dir = worked_folder();
    let text = STRONG
        .replace("input = 3", "input = -0.0")
        .replace("output = 15", "output = -0.00");
    fs::write(dir.path().join("strong.toml"), text).unwrap();
    let out = costlens(
        &[
            "report",
            ".",
            "--format",
            "json",
            "--set",
            "incident_cost=-0",
        ],
        dir.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    let token_cost = profile(&doc, "strong")["token_cost_per_merge"]
        .as_f64()
        .unwrap();
    assert_eq!(token_cost.to_bits(), 0.0f64.to_bits(), "{token_cost:?}");
    assert!(!stdout(&out).contains("-0.0"), "{}", stdout(&out));
    let table = costlens(&["report", ".", "--format", "markdown"], dir.path());
    assert!(!stdout(&table).contains("-0.00"), "{}", stdout(&table));
}

/// Cells `text` takes on a terminal (`通` and `🚀` take two).
fn cells(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
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

/// `costlens reprot`: a word one typo from a command, naming no folder, is
/// a mistyped command; any other missing folder keeps the folder's error,
/// and a folder of that name is opened.
#[test]
fn a_mistyped_command_is_named_not_read_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for (word, meant) in [("reprot", "report"), ("chekc", "check"), ("wacth", "watch")] {
        let out = costlens(&[word], dir.path());
        assert_eq!(code(&out), 2, "{word}");
        assert_eq!(
            stderr(&out),
            format!("costlens: unknown command '{word}'; did you mean '{meant}'?\n")
        );
    }
    for not_a_command in ["quarterly-figures", "./reprot"] {
        let out = costlens(&[not_a_command], dir.path());
        assert_eq!(code(&out), 2, "{not_a_command}");
        let want = format!("cannot read the profiles folder `{not_a_command}`");
        assert!(stderr(&out).contains(&want), "{}", stderr(&out));
    }
    // A real folder called `reprot` is opened as the explorer's folder:
    // here without a terminal (setsid: no controlling one), which the
    // explorer then says it needs.
    fs::create_dir(dir.path().join("reprot")).unwrap();
    fs::write(dir.path().join("reprot/strong.toml"), STRONG).unwrap();
    let opened = Command::new("setsid")
        .args(["-w", env!("CARGO_BIN_EXE_costlens"), "reprot"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output();
    // setsid (util-linux) is on every machine that runs these tests; a
    // skipped check would look like a pass.
    let out = opened.expect("setsid runs (util-linux)");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the explorer needs a terminal"),
        "{}",
        stderr(&out)
    );
}

/// `watch`'s DIR is optional, and its usage says so.
#[test]
fn watch_usage_shows_dir_as_optional() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&costlens(&["watch", "--help"], dir.path()));
    let usage = help
        .lines()
        .find(|line| line.starts_with("Usage:"))
        .unwrap_or_else(|| panic!("{help}"));
    assert_eq!(usage, "Usage: costlens watch [OPTIONS] --json [DIR]");
    // The usage a mistake prints too.
    let wrong = stderr(&costlens(&["watch", "--jsn"], dir.path()));
    assert!(
        wrong.contains("Usage: costlens watch --json [DIR]"),
        "{wrong}"
    );
    let man = stdout(&costlens(&["man"], dir.path()));
    let synopsis = man
        .lines()
        .find(|line| line.starts_with("\\fBcostlens watch\\fR"))
        .unwrap_or_else(|| panic!("{man}"));
    assert!(
        synopsis.contains("[\\fIDIR\\fR]") && !synopsis.contains("<\\fIDIR"),
        "{synopsis}"
    );
}

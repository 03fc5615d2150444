//! The flags: `--set`, `--step` and `--weeks` applied (the figures the
//! same as `report`'s with the same `--set`), a bad `--set` and a step
//! outside (0, 1) as usage errors, and `--profile`/`--against` naming an
//! unknown id (with the nearest one suggested), the profile itself, or
//! the rival to use.

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::close;

use super::{lever, number, root};

#[test]
fn set_step_and_weeks_apply() {
    let args = [
        "analyze",
        "profiles",
        "--format",
        "json",
        "--set",
        "engineer_rate=150",
        "--set",
        "fable-5.1.first_pass_rate=0.6",
        "--step",
        "0.5",
        "--weeks",
        "4",
    ];
    let out = costlens(&args, root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["step"], 0.5);
    let report = json(&costlens(
        &[
            "report",
            "profiles",
            "--format",
            "json",
            "--set",
            "engineer_rate=150",
            "--set",
            "fable-5.1.first_pass_rate=0.6",
        ],
        root(),
    ));
    let cheapest = &report["profiles"][0];
    assert_eq!(doc["profile"], cheapest["id"]);
    assert_eq!(doc["cost_per_merge"], cheapest["cost_per_merge"]);
    assert_eq!(doc["against"], report["profiles"][1]["id"]);
    let e = lever(&doc, "engineer_rate");
    assert_eq!(
        (number(&e["base"]), number(&e["low"]), number(&e["high"])),
        (150.0, 75.0, 225.0)
    );
    // Fable 5.1 stays the cheapest at p = 0.6 (31.31 against 32.06).
    assert_eq!(doc["profile"], "fable-5.1");
    let p = lever(&doc, "first_pass_rate");
    assert_eq!(p["base"], 0.6);
    close(number(&p["low"]), 0.3, "p low at step 0.5");
    close(number(&p["high"]), 0.9, "p high at step 0.5");
    let cumulative = doc["payback"]["cumulative_net_saving"].as_array().unwrap();
    assert_eq!(cumulative.len(), 5);
    // A bad --set is a usage error, as for report.
    let out = costlens(
        &["analyze", "profiles", "--set", "cache_hit_ratio=0.9"],
        root(),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--set"), "{}", stderr(&out));
}

#[test]
fn the_step_must_be_between_0_and_1() {
    for step in ["0", "1", "-0.2", "1.5", "nan", "abc"] {
        let out = costlens(&["analyze", "profiles", "--step", step], root());
        assert_eq!(code(&out), 2, "--step {step}: {}", stdout(&out));
        assert!(stderr(&out).contains("step"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    for step in ["0.01", "0.99"] {
        let out = costlens(
            &["analyze", "profiles", "--step", step, "--format", "json"],
            root(),
        );
        assert_eq!(code(&out), 0, "--step {step}: {}", stderr(&out));
    }
}

#[test]
fn an_unknown_id_is_a_usage_error_naming_the_nearest() {
    let out = costlens(&["analyze", "profiles", "--profile", "fable-51"], root());
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "costlens: no profile `fable-51`; did you mean `fable-5.1`?\n"
    );
    assert!(stdout(&out).is_empty());
    let out = costlens(&["analyze", "profiles", "--against", "opus55"], root());
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "costlens: no profile `opus55`; did you mean `opus-5.5`?\n"
    );
    let out = costlens(&["analyze", "profiles", "--profile", "zzzzzzzzzz"], root());
    assert_eq!(code(&out), 2);
    assert_eq!(stderr(&out), "costlens: no profile `zzzzzzzzzz`\n");
    // Against itself: there is nothing to compare.
    let out = costlens(
        &[
            "analyze",
            "profiles",
            "--profile",
            "opus-5.5",
            "--against",
            "opus-5.5",
        ],
        root(),
    );
    assert_eq!(code(&out), 2);
    // --against picks the rival.
    let out = costlens(
        &[
            "analyze",
            "profiles",
            "--against",
            "haiku-4.5",
            "--format",
            "json",
        ],
        root(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(json(&out)["against"], "haiku-4.5");
}

//! The JSON document: its keys in the documented order on the shipped
//! profiles (its figures the same as `report`'s), the worked folder
//! checked by hand both ways round, the `null`s of a mix, and never a
//! non-finite number or a figure written as a string.

use serde_json::Value;

use crate::support::bin::{code, costlens, json, stderr, stdout};
use crate::support::close;
use crate::support::worked::worked_folder;

use super::{LEVER_KEYS, TOP_KEYS, keys, lever, number, root};

#[test]
fn json_on_the_shipped_profiles_has_the_documented_shape() {
    let out = costlens(&["analyze", "profiles", "--format", "json"], root());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(keys(&doc), TOP_KEYS);
    // The cheapest by default, against the next cheapest.
    assert_eq!(doc["profile"], "fable-5.1");
    assert_eq!(doc["against"], "opus-5.5");
    assert_eq!(doc["step"], 0.2);
    let levers = doc["levers"].as_array().unwrap();
    assert_eq!(levers.len(), 10);
    for lever in levers {
        assert_eq!(keys(lever), LEVER_KEYS);
    }
    let swings: Vec<f64> = levers.iter().map(|l| number(&l["swing"])).collect();
    assert!(swings.windows(2).all(|w| w[1] <= w[0] * (1.0 + 1e-9)));
    let curve = doc["cost_by_first_pass_rate"].as_array().unwrap();
    assert_eq!(curve.len(), 20);
    assert_eq!(curve[0], serde_json::json!([0.05, number(&curve[0][1])]));
    let crossover = doc["crossover"].as_array().unwrap();
    assert_eq!(crossover.len(), 7, "every other profile");
    assert_eq!(keys(&crossover[0]), ["profile", "first_pass_rate"]);
    assert_eq!(crossover[0]["profile"], "opus-5.5");
    assert_eq!(keys(&doc["retry"]), ["policy", "cost_by_cap"]);
    assert_eq!(doc["retry"]["policy"], "no_cap");
    assert_eq!(doc["retry"]["cost_by_cap"].as_array().unwrap().len(), 10);
    assert_eq!(
        keys(&doc["payback"]),
        [
            "weekly_net_saving",
            "payback_weeks",
            "cumulative_net_saving"
        ]
    );
    let cumulative = doc["payback"]["cumulative_net_saving"].as_array().unwrap();
    assert_eq!(cumulative.len(), 27);
    assert_eq!(number(&cumulative[0]), -15_000.0);
    // The figures match `report`'s for the same profiles.
    let report = json(&costlens(
        &["report", "profiles", "--format", "json"],
        root(),
    ));
    let fable = &report["profiles"][0];
    assert_eq!(doc["cost_per_merge"], fable["cost_per_merge"]);
    assert_eq!(
        doc["against_cost_per_merge"],
        report["profiles"][1]["cost_per_merge"]
    );
    assert_eq!(
        doc["payback"]["weekly_net_saving"],
        fable["weekly_net_saving"]
    );
    assert_eq!(doc["payback"]["payback_weeks"], fable["payback_weeks"]);
}

#[test]
fn the_worked_folder_by_hand() {
    let dir = worked_folder();
    let out = costlens(&["analyze", ".", "--format", "json"], dir.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["profile"], "strong");
    assert_eq!(doc["against"], "cheap");
    let l_cheap = 22.072 / 0.52 + 36.0;
    close(number(&doc["cost_per_merge"]), 30.5, "L strong");
    close(number(&doc["against_cost_per_merge"]), l_cheap, "L cheap");
    // p: A / p + R at 0.576 and 0.864; the flip A / (L_Y - R).
    let p = lever(&doc, "first_pass_rate");
    close(number(&p["cost_at_low"]), 12.24 / 0.576 + 13.5, "p low");
    close(number(&p["cost_at_high"]), 12.24 / 0.864 + 13.5, "p high");
    close(number(&p["flip"]), 12.24 / (l_cheap - 13.5), "p flip");
    assert_eq!(doc["levers"][0]["lever"], "first_pass_rate");
    // No caching: cache_hit_ratio swings 0, still listed, last.
    assert_eq!(doc["levers"][9]["lever"], "cache_hit_ratio");
    assert_eq!(doc["levers"][9]["swing"], 0.0);
    // No baseline, no volume: no retry, no payback.
    assert_eq!(doc["retry"], Value::Null);
    assert_eq!(doc["payback"], Value::Null);
    // Against cheap the other way: every flip null (out of range).
    let out = costlens(
        &["analyze", ".", "--profile", "cheap", "--format", "json"],
        dir.path(),
    );
    let doc = json(&out);
    assert_eq!(doc["against"], "strong");
    for lever in doc["levers"].as_array().unwrap() {
        assert_eq!(lever["flip"], Value::Null, "{}", lever["lever"]);
    }
    assert_eq!(doc["crossover"][0]["first_pass_rate"], Value::Null);
}

#[test]
fn a_mix_has_nulls_where_the_reference_says() {
    let out = costlens(
        &[
            "analyze",
            "profiles",
            "--profile",
            "tiered",
            "--format",
            "json",
        ],
        root(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(keys(&doc), TOP_KEYS);
    assert_eq!(doc["against"], "fable-5.1");
    for lever in doc["levers"].as_array().unwrap() {
        assert_eq!(keys(lever), LEVER_KEYS);
        assert_eq!(lever["flip"], Value::Null);
        let shared = lever["lever"] == "engineer_rate" || lever["lever"] == "token_prices";
        for key in ["base", "low", "high"] {
            assert_eq!(lever[key].is_null(), !shared, "{} {key}", lever["lever"]);
        }
        assert!(lever["cost_at_low"].is_number() && lever["swing"].is_number());
    }
    assert_eq!(lever(&doc, "token_prices")["low"], 0.8);
    assert_eq!(lever(&doc, "engineer_rate")["base"], 120.0);
    assert_eq!(doc["cost_by_first_pass_rate"], Value::Null);
    assert!(
        doc["crossover"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["first_pass_rate"].is_null())
    );
    assert_eq!(doc["retry"], Value::Null);
    assert!(doc["payback"].is_object(), "a mix still pays back");
}

#[test]
fn json_never_holds_a_non_finite_number_or_a_string_figure() {
    for profile in ["fable-5.1", "tiered", "haiku-4.5"] {
        let out = costlens(
            &[
                "analyze",
                "profiles",
                "--profile",
                profile,
                "--format",
                "json",
            ],
            root(),
        );
        let text = stdout(&out);
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        let doc = json(&out);
        for lever in doc["levers"].as_array().unwrap() {
            for key in &LEVER_KEYS[1..] {
                assert!(lever[*key].is_number() || lever[*key].is_null(), "{key}");
            }
        }
    }
}

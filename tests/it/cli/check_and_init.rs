//! `check` and `init`, the default folder, and the built-in and shipped
//! profiles.

use std::fs;
use std::path::Path;

use costlens::profile::BUILTIN_FILES;

use crate::support::bin::{code, costlens, json, stderr};
use crate::support::worked::{STRONG, worked_folder};

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

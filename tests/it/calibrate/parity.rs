//! Generated trees (`bench/loggen.py`) against the real ccusage 20.0.24
//! (`ccusage claude session --json --offline`) and against the
//! generator's own count of the rules: the token totals must be equal to
//! the token. Without ccusage (not on `PATH`, and `COSTLENS_CCUSAGE` not
//! naming it) the ccusage half says why and is skipped; CI installs it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use costlens::calibrate::logs::LogOptions;
use serde_json::Value;

use super::{read_folder, totals};

/// The version whose session report the rules follow.
const CCUSAGE_VERSION: &str = "20.0.24";

/// ccusage, if installed: `COSTLENS_CCUSAGE`, else `ccusage` on `PATH`.
/// `None` (having said why) otherwise or when it is another version. When
/// `COSTLENS_CCUSAGE` is set (CI sets it) a ccusage that does not run or
/// is another version fails the test: a skip there would look like a pass.
pub(super) fn ccusage() -> Option<PathBuf> {
    let named = std::env::var_os("COSTLENS_CCUSAGE");
    let required = named.is_some();
    let program = named.map_or_else(|| PathBuf::from("ccusage"), PathBuf::from);
    let problem = match Command::new(&program).arg("--version").output() {
        Ok(output) => {
            let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
            if version.ends_with(CCUSAGE_VERSION) {
                return Some(program);
            }
            format!(
                "{} is ccusage {version:?}, not {CCUSAGE_VERSION}",
                program.display()
            )
        }
        Err(err) => format!(
            "ccusage not found ({}: {err}); install it with \
             `npm install --prefix DIR ccusage@{CCUSAGE_VERSION}` and set \
             COSTLENS_CCUSAGE=DIR/node_modules/.bin/ccusage",
            program.display()
        ),
    };
    assert!(!required, "COSTLENS_CCUSAGE is set but unusable: {problem}");
    eprintln!("skipped: {problem}");
    None
}

/// ccusage's session report on `root` (a Claude config folder): the sum
/// of its sessions' input, output, cache-creation and cache-read tokens.
pub(super) fn ccusage_totals(ccusage: &Path, root: &Path) -> [u64; 4] {
    let root = std::fs::canonicalize(root).unwrap();
    let output = Command::new(ccusage)
        .args(["claude", "session", "--json", "--offline"])
        .env("CLAUDE_CONFIG_DIR", &root)
        .current_dir(&root)
        .output()
        .expect("ccusage runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("ccusage's JSON");
    let keys = [
        "inputTokens",
        "outputTokens",
        "cacheCreationTokens",
        "cacheReadTokens",
    ];
    let sessions = report["sessions"].as_array().expect("sessions");
    let sum = keys.map(|key| {
        sessions
            .iter()
            .map(|s| s[key].as_u64().expect(key))
            .sum::<u64>()
    });
    let stated = keys.map(|key| report["totals"][key].as_u64().expect(key));
    assert_eq!(sum, stated, "ccusage's totals are its sessions' sum");
    sum
}

/// Runs the generator: the tree in `dir/tree`, its manifest returned.
fn generate(dir: &Path, seed: u32, megabytes: f64) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/loggen.py");
    let manifest = dir.join("manifest.json");
    let status = Command::new("python3")
        .arg(&script)
        .arg(dir.join("tree"))
        .args(["--seed", &seed.to_string(), "--mb", &megabytes.to_string()])
        .arg("--manifest")
        .arg(&manifest)
        .status()
        .expect("python3 runs bench/loggen.py");
    assert!(status.success());
    serde_json::from_slice(&std::fs::read(manifest).unwrap()).unwrap()
}

/// Every case the rules name, each of which every generated tree holds.
const CASES: &[&str] = &[
    "streaming_copies",
    "resumed_keep_session_id",
    "resumed_new_session_id",
    "noreq_copied_to_new_session",
    "subagent_inline",
    "subagent_subagents",
    "subagent_top_level",
    "subagent_unflagged_file",
    "subagent_replays",
    "no_request_id",
    "no_message_id",
    "no_session_id",
    "synthetic",
    "no_model",
    "crash_cut_last_line",
    "binary_file",
    "crlf_file",
    "cache_write_1h",
    "cache_write_5m",
    "speed_fast",
    "speed_standard",
    "task_result_with_usage",
    "line_summary",
];

#[test]
fn generated_trees_equal_ccusage_and_the_generators_count() {
    let ccusage = ccusage();
    for seed in 1..=5 {
        let dir = tempfile::tempdir().unwrap();
        let manifest = generate(dir.path(), seed, 2.0);
        let cases = &manifest["cases"];
        for case in CASES {
            assert!(
                cases[case].as_u64().unwrap_or(0) > 0,
                "seed {seed}: no {case}"
            );
        }
        let unusable = cases
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| k.starts_with("unusable_"))
            .count();
        assert!(
            unusable >= 30,
            "seed {seed}: every kind of unusable line ({unusable})"
        );
        let root = dir.path().join("tree");
        let report = read_folder(&root, &LogOptions::default(), None);
        // The generator's count of the rules, model by model.
        let ours: BTreeMap<&str, [u64; 6]> = report
            .models
            .iter()
            .map(|m| {
                let figures = [
                    m.requests,
                    m.fast_requests,
                    m.input_tokens,
                    m.output_tokens,
                    m.cache_write_tokens,
                    m.cache_read_tokens,
                ];
                (m.model.as_str(), figures)
            })
            .collect();
        let keys = [
            "requests",
            "fast_requests",
            "input_tokens",
            "output_tokens",
            "cache_write_tokens",
            "cache_read_tokens",
        ];
        let theirs: BTreeMap<&str, [u64; 6]> = manifest["models"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(model, t)| (model.as_str(), keys.map(|key| t[key].as_u64().unwrap())))
            .collect();
        assert_eq!(
            ours, theirs,
            "seed {seed}: per model, against the generator"
        );
        assert_eq!(
            report.logs.skipped_lines,
            manifest["skipped_lines"].as_u64().unwrap(),
            "seed {seed}"
        );
        assert_eq!(
            report.logs.bytes,
            manifest["bytes"].as_u64().unwrap(),
            "seed {seed}: every byte read"
        );
        assert!(report.warnings.is_empty(), "{:?}", report.warnings);
        if let Some(ccusage) = &ccusage {
            assert_eq!(
                totals(&report),
                ccusage_totals(ccusage, &root),
                "seed {seed}: against ccusage"
            );
        }
    }
}

#[test]
fn the_generator_is_a_function_of_its_seed() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (first, second) = (generate(a.path(), 7, 0.5), generate(b.path(), 7, 0.5));
    assert_eq!(first, second);
    let one = read_folder(&a.path().join("tree"), &LogOptions::default(), None);
    let two = read_folder(&b.path().join("tree"), &LogOptions::default(), None);
    assert_eq!(one, two);
}

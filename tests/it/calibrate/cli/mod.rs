//! `costlens calibrate` as a user runs it: the binary on the hand-checked
//! log tree, a profiles folder in a temp folder, a real git repository and
//! a pull-request export. `report.rs`: JSON and the 80-column table, usage
//! errors, model ids escaped; `write.rs`: `--write` into the profiles
//! (comments kept, `[calibration]` added, still valid) and the min-sample
//! rule.

mod report;
mod write;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::bin::costlens;

fn hand() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/calibrate/hand")
}

const SONNET: &str = "\
name = \"Sonnet 4.5\"   # the team's default
model_ids = [\"claude-sonnet-4-5\"]

[prices]
input = 3.00
output = 15.00

[usage]
input_tokens = 40_000   # ASSUMPTION: a mid-size diff
output_tokens = 8_000
cache_hit_ratio = 0.5

[quality]
first_pass_rate = 0.72  # ASSUMPTION
review_minutes = 6
survive_rate = 0.985
";

const OPUS: &str = "\
name = \"Opus 4.5\"
model_ids = [\"claude-opus-4-5\"]

[prices]
input = 5.00
output = 25.00

[usage]
input_tokens = 40_000
output_tokens = 8_000

[quality]
first_pass_rate = 0.8
review_minutes = 5
";

/// A profiles folder with Sonnet 4.5 and Opus 4.5 (no profile for the
/// fixture's Sonnet 4).
fn profiles(root: &Path) -> PathBuf {
    let dir = root.join("profiles");
    fs::create_dir(&dir).unwrap();
    fs::write(dir.join("sonnet.toml"), SONNET).unwrap();
    fs::write(dir.join("opus.toml"), OPUS).unwrap();
    dir
}

fn run(args: &[&str], cwd: &Path) -> std::process::Output {
    costlens(&[&["calibrate"], args].concat(), cwd)
}

/// `calibrate` on the hand-checked logs against the profiles in `dir`,
/// run in `root`, with `more` options.
fn run_hand(root: &Path, dir: &Path, more: &[&str]) -> std::process::Output {
    let logs = hand();
    let args = [logs.to_str().unwrap(), "--profiles", dir.to_str().unwrap()];
    run(&[&args[..], more].concat(), root)
}

fn attempt<'a>(document: &'a Value, model: &str) -> &'a Value {
    document["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["model"] == model)
        .unwrap_or_else(|| panic!("no attempts for {model}: {document}"))
}

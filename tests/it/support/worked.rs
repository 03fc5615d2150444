//! The worked check of cost-model.md as profile files: `strong` costs
//! 30.50 and `cheap` 78.45 per merged change. Shared by the test binaries
//! that write real folders; each uses part of it.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

pub const STRONG: &str = "[prices]\ninput = 3\noutput = 15\n[usage]\ninput_tokens = 40_000\noutput_tokens = 8_000\n\
[quality]\nfirst_pass_rate = 0.72\nreview_minutes = 6\nsurvive_rate = 0.985\nincident_cost = 900\n";
pub const CHEAP: &str = "[prices]\ninput = 1\noutput = 4\n[usage]\ninput_tokens = 40_000\noutput_tokens = 8_000\n\
[quality]\nfirst_pass_rate = 0.52\nreview_minutes = 11\nsurvive_rate = 0.96\nincident_cost = 900\n";

/// Writes both profiles into `dir`.
pub fn write_worked(dir: &Path) {
    fs::write(dir.join("strong.toml"), STRONG).unwrap();
    fs::write(dir.join("cheap.toml"), CHEAP).unwrap();
}

/// A temp folder holding the worked check's two profiles.
pub fn worked_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_worked(dir.path());
    dir
}

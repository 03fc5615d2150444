//! Reads Claude Code logs with costlens's calibrate reader and prints the
//! `logs` and `models` objects (and `attempts`) as JSON: what
//! `bench/calibrate` times against ccusage until `costlens calibrate`
//! exists. Usage: `read_logs [FOLDER...]` (no folder: `CLAUDE_CONFIG_DIR`,
//! else `~/.config/claude` and `~/.claude`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use costlens::calibrate::logs::{self, LogEnv, LogOptions};

fn main() -> ExitCode {
    let folders: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let roots = match logs::log_roots(&folders, &LogEnv::from_process()) {
        Ok(roots) => roots,
        Err(err) => {
            eprintln!("read_logs: {err}");
            return ExitCode::from(2);
        }
    };
    let files = logs::find_log_files(&roots, None);
    let report = logs::read_logs(&files, &LogOptions::default());
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    let json = serde_json::json!({
        "logs": report.logs,
        "models": report.models,
        "attempts": report.attempts,
    });
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, &json)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out));
    // A closed pipe (`| head`) is not worth a panic.
    if written.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

//! End to end: the built binary, every command, format and exit code of
//! `cli.md`, on real folders in temp directories.

use serde_json::Value;

mod check_and_init;
mod hostile_input;
mod report;
mod set;
mod snapshot;
mod usage;
mod watch;

fn profile<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["profiles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .unwrap()
}

/// Cells `text` takes on a terminal (`通` and `🚀` take two).
fn cells(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

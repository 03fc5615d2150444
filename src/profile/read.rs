//! Reading a profile file without trusting it: its name, type, size and
//! encoding are checked before any of it is parsed, and every failure is a
//! message on that file.

use std::ffi::OsStr;
use std::fs;
use std::io::Read;
use std::path::Path;

use super::{Diagnostic, line_column};

/// The scenario's file in a profiles folder.
pub(crate) const SCENARIO_FILE: &str = "scenario.toml";

/// A file as messages name it: its name in the folder (`strong.toml`),
/// or the whole path when it has none.
pub(crate) fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Files larger than this are refused unread.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Whether a file in the folder is a profile (or `scenario.toml`): a
/// `*.toml` that is not an editor's scratch file. One rule for loading and
/// for the watcher, so what is loaded is what is watched.
pub(crate) fn is_profile_name(name: &str) -> bool {
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp");
    name.ends_with(".toml") && !scratch
}

/// Characters that act on the terminal or reorder text instead of
/// showing: escape sequences in a shared profile could clear the screen or
/// retitle the window when `report` prints them, and bidirectional
/// overrides make a row read as something else ("Trojan Source"). Tabs
/// are harmless. The one rule for all text from outside (log ids, commit
/// messages too: `calibrate::logs::shown`).
pub(crate) fn is_hidden_control(c: char) -> bool {
    let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    bidi || (c.is_control() && c != '\t')
}

/// Why a file name is refused, if it is. Names are printed by `report`
/// and `check`: one that is not UTF-8 or holds control characters (escape
/// sequences) is refused by name, and shown escaped rather than raw.
pub(super) fn refused_name(name: &OsStr) -> Option<&'static str> {
    match name.to_str() {
        None => Some("file name is not UTF-8; rename the file"),
        Some(name) if name.chars().any(is_hidden_control) => {
            Some("file name has a control character; rename the file")
        }
        Some(_) => None,
    }
}

/// Reads a profile file without trusting it: size, type and encoding are
/// checked, and every failure is a message on that file.
pub(super) fn read_text(path: &Path, shown: &str) -> Result<String, Diagnostic> {
    let fail = |location, message: String| Diagnostic {
        path: shown.to_string(),
        location,
        message,
    };
    let metadata = fs::metadata(path).map_err(|err| fail(None, format!("cannot read: {err}")))?;
    if metadata.is_dir() {
        return Err(fail(None, "is a directory, not a profile file".to_string()));
    }
    if !metadata.is_file() {
        return Err(fail(None, "is not a regular file".to_string()));
    }
    // Refused unread: a 50 MB file costs nothing to turn away.
    if metadata.len() > MAX_FILE_BYTES {
        return Err(fail(
            None,
            format!("file is larger than 1 MiB (found {} bytes)", metadata.len()),
        ));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|err| fail(None, format!("cannot read: {err}")))?;
    decode_text(bytes, shown)
}

/// A file's bytes as text: at most [`MAX_FILE_BYTES`], and UTF-8, located
/// at the first bad byte.
pub(super) fn decode_text(bytes: Vec<u8>, shown: &str) -> Result<String, Diagnostic> {
    let fail = |location, message: String| Diagnostic {
        path: shown.to_string(),
        location,
        message,
    };
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(
            None,
            format!("file is larger than 1 MiB (found {} bytes)", bytes.len()),
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = err.utf8_error().valid_up_to();
        let bytes = err.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..valid]);
        let location = line_column(&before, before.len());
        let byte = bytes.get(valid).copied().unwrap_or_default();
        fail(
            Some(location),
            format!("file is not UTF-8 (found byte 0x{byte:02X})"),
        )
    })
}

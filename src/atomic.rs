//! Replacing a file so that a crash at any instant — power cut, `kill -9`,
//! a full disk — leaves either the old text or the new one, never a
//! truncated or mixed file.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, anyhow};

/// Permissions for a file that did not exist before: what `touch` gives
/// under the usual umask, rather than the temp file's private 0600.
#[cfg(unix)]
const NEW_FILE_MODE: u32 = 0o644;

/// Writes `bytes` to `target` atomically: the text goes to a temp file in
/// the same folder (named `.costlens-*.tmp`, which the profile loader
/// skips as a scratch file), is flushed and synced, takes the target's
/// permissions, and is renamed over it. On any failure the target is
/// untouched, the temp file is removed, and the error names the file.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    write_with(target, bytes, Replace::Existing)
}

/// Writes a new file at `target` the same atomic way, but never over an
/// existing one: when `target` exists (even if it appeared a moment ago,
/// from another costlens), nothing is written and the error holds an
/// [`std::io::ErrorKind::AlreadyExists`] (see [`is_already_there`]).
pub(crate) fn write_new_atomically(target: &Path, bytes: &[u8]) -> Result<()> {
    write_with(target, bytes, Replace::Never)
}

/// Whether `err` is [`write_new_atomically`] finding its target taken.
pub(crate) fn is_already_there(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::AlreadyExists)
    })
}

/// Whether the final rename may replace a file already at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replace {
    Existing,
    /// The no-clobber rename: checked by the filesystem, not beforehand.
    Never,
}

fn write_with(target: &Path, bytes: &[u8], replace: Replace) -> Result<()> {
    let shown = target.display();
    let permissions = match fs::metadata(target) {
        Ok(metadata) => Some(metadata.permissions()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot read {shown}")),
    };
    // Same folder as the target, so the final rename never crosses filesystems.
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".costlens-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file next to {shown}"))?;
    // From here on, an early return drops `temp`, which deletes it.
    let (head, tail) = bytes.split_at(bytes.len() / 2);
    temp.write_all(head)
        .map(|()| crate::test_hooks::pause_mid_write())
        .and_then(|()| temp.write_all(tail))
        .and_then(|()| temp.flush())
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write the new text of {shown} to a temporary file"))?;
    if let Some(permissions) = permissions.or_else(new_file_permissions) {
        temp.as_file()
            .set_permissions(permissions)
            .with_context(|| format!("cannot set the permissions of {shown}"))?;
    }
    let persisted = match replace {
        Replace::Existing => temp.persist(target),
        Replace::Never => temp.persist_noclobber(target),
    };
    persisted
        .map_err(|err| anyhow!(err.error))
        .with_context(|| format!("cannot replace {shown} with its new text"))?;
    // Make the rename itself durable. Best effort: the file has already been
    // replaced, so failing here would report an error for a write that worked.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn new_file_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(fs::Permissions::from_mode(NEW_FILE_MODE))
}

/// Elsewhere the temp file's own permissions are the usual ones.
#[cfg(not(unix))]
fn new_file_permissions() -> Option<fs::Permissions> {
    None
}

//! Writes refused, each leaving the original byte-identical with nothing
//! beside it: a temp file that cannot be created (a path too long, which
//! stops even root), broken TOML (refused with its first located
//! problem), a non-finite value, and a file with errors now or one the
//! what-ifs would leave with errors. The read-only folder is in `mod.rs`.

#[cfg(target_os = "linux")] // for the path too long
use std::fs;

use costlens::writeback::{Change, FileKind, apply_edits, save_change};

use super::{HAIKU, assert_untouched, edit, folder_with, haiku_edits, write_back};

/// The failed write that works even as root, where permission bits stop
/// nothing: the file's path fits in Linux's PATH_MAX (4096 bytes with its
/// NUL) but the temp file's path next to it (`.costlens-XXXXXX.tmp`, longer
/// than `p.toml`) does not, so the kernel refuses to create the temp file
/// with ENAMETOOLONG after the original has been read and edited.
#[cfg(target_os = "linux")]
#[test]
fn a_temp_file_that_cannot_be_created_leaves_the_original_intact() {
    let root = tempfile::tempdir().unwrap();
    let mut deep = fs::canonicalize(root.path()).unwrap();
    // Grow the folder's path to 4080 bytes: the file's path is then 4087, the
    // temp file's at least 4097.
    while deep.as_os_str().len() < 4080 {
        let room = 4080 - deep.as_os_str().len() - 1;
        deep.push("d".repeat(room.clamp(1, 200)));
    }
    assert_eq!(deep.as_os_str().len(), 4080);
    fs::create_dir_all(&deep).unwrap();
    let path = deep.join("p.toml");
    fs::write(&path, HAIKU).unwrap();

    let err = write_back(&path, &haiku_edits()).unwrap_err();
    let message = format!("{err:#}");
    assert!(
        message.contains("cannot create a temporary file"),
        "{message}"
    );
    assert!(message.contains("p.toml"), "{message}");
    assert_untouched(&path, HAIKU);
}

#[test]
fn broken_toml_is_an_error_with_a_place_and_nothing_is_written() {
    let broken = format!("{HAIKU}\n[quality\nfirst_pass_rate = \n");
    let (_dir, path) = folder_with("broken.toml", &broken);
    let err = write_back(&path, &haiku_edits()).unwrap_err();
    let message = format!("{err:#}");
    // Refused before any edit, with the file's first located problem.
    assert!(
        message.starts_with("broken.toml has errors; first: broken.toml:38:9: invalid TOML"),
        "{message}"
    );
    assert_untouched(&path, &broken);
    assert!(apply_edits("a = ", &[]).is_err());
}

#[test]
fn a_non_finite_value_is_an_error_and_nothing_is_written() {
    let (_dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        // A good edit first: the bad one must still stop the whole write.
        let edits = [
            edit("usage", "fanout", 2.0),
            edit("quality", "first_pass_rate", value),
        ];
        let err = write_back(&path, &edits).unwrap_err();
        let message = format!("{err:#}");
        assert!(message.contains("first_pass_rate"), "{message}");
        assert!(message.contains("haiku-5.5.toml"), "{message}");
        assert_untouched(&path, HAIKU);
    }
}

/// `s` never writes into a file that has errors now: the error names the
/// file and its first located problem, and the file is untouched.
#[test]
fn a_file_with_errors_is_not_written() {
    let broken = crate::support::worked::STRONG.replace("0.72", "1.5");
    let (_dir, path) = folder_with("strong.toml", &broken);
    let change = Change::Values(vec![edit("quality", "review_minutes", 7.0)]);
    let err = save_change(&path, FileKind::Profile, &change).unwrap_err();
    assert_eq!(
        format!("{err:#}"),
        "strong.toml has errors; first: strong.toml:8:19: \
         `first_pass_rate` must be a finite number > 0 and <= 1 (found 1.5)"
    );
    assert_untouched(&path, &broken);
    // Nor one the what-ifs themselves would break.
    let (_dir, path) = folder_with("strong.toml", crate::support::worked::STRONG);
    let change = Change::Values(vec![edit("usage", "cache_hit_ratio", 1.5)]);
    let err = save_change(&path, FileKind::Profile, &change).unwrap_err();
    assert!(
        format!("{err:#}")
            .starts_with("the what-ifs would leave strong.toml with errors; first: strong.toml:"),
        "{err:#}"
    );
    assert_untouched(&path, crate::support::worked::STRONG);
}

//! Saves the ways editors make them, each done for real (in place,
//! truncate then write, temp file and rename, backup and new file, delete
//! and recreate); real `vim -es` in three backup modes; a hundred rapid
//! saves in mixed styles ending on the final file. After a single save
//! the very next line has the new cost and no error.

#[cfg(unix)] // for vim
use std::fs;
#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
#[cfg(unix)]
use std::process::{Command, Stdio};

use super::{Save, Watch, assert_strong, cost, folder, profile, save, strong_at};

/// One save from 0.72 to 0.61 (same length: `InPlace` stays in place).
/// The very next line has the new cost and no error: no line showed the
/// file half-written, emptied or gone on the way.
fn check_save(style: Save) {
    let (_root, dir) = folder();
    let (watch, first) = Watch::start(&dir, false);
    assert_strong(&first, 30.5);
    save(&dir.join("strong.toml"), &profile("0.61"), style);
    assert_strong(&watch.next_line(), cost(0.61));
}

macro_rules! save_tests {
    ($($test:ident: $style:ident,)*) => {$(
        #[test]
        fn $test() {
            check_save(Save::$style);
        }
    )*};
}

save_tests! {
    saved_in_place: InPlace,
    saved_by_truncate_then_write: TruncateThenWrite,
    saved_by_temp_file_and_rename: TempAndRename,
    saved_by_backup_and_new_file: BackupAndNew,
    saved_by_delete_and_recreate: DeleteAndRecreate,
}

/// Real vim, with `setting`, edits the profile: swap files, a backup and
/// (with 'backupcopy' "auto") a `4913` probe come and go beside it.
/// `replaces`: whether vim must save to a new file (a new inode).
#[cfg(unix)] // inodes
fn check_vim(setting: &str, replaces: Option<bool>) {
    // A missing vim must fail loudly: a skipped test looks like a pass.
    assert!(
        Command::new("vim").arg("--version").output().is_ok(),
        "vim is not on PATH; these tests need it (.ci/run installs it)"
    );
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    let inode = fs::metadata(&path).unwrap().ino();
    let (watch, _) = Watch::start(&dir, false);
    // -es: no screen; -u NONE: no vimrc or plugins (and 'compatible' on);
    // -i NONE: no viminfo. Under the temp folder vim neither backs up nor
    // replaces a file ('backupskip'); cleared, it saves as in a project.
    let mut vim = Command::new("vim");
    vim.args(["-es", "-u", "NONE", "-i", "NONE", "-c", "set backupskip="]);
    let edit = "%s/first_pass_rate = 0.72/first_pass_rate = 0.55/";
    vim.args(["-c", setting, "-c", edit, "-c", "wq"]).arg(&path);
    let status = vim.stdin(Stdio::null()).status().unwrap();
    assert!(status.success(), "vim failed: {status}");
    if let Some(replaces) = replaces {
        let replaced = fs::metadata(&path).unwrap().ino() != inode;
        assert_eq!(replaced, replaces, "not the save this test is about");
    }
    // Any of vim's scratch files read as a profile would be in `errors`.
    assert_strong(&watch.next_line(), cost(0.55));
}

/// Renames the file to `strong.toml~` and writes a new one.
#[cfg(unix)]
#[test]
fn vim_saves_with_its_default_backup() {
    check_vim("set backupcopy=no", Some(true));
}

/// Vim's defaults as any vimrc (or defaults.vim) gets them: 'backupcopy'
/// "auto" probes the folder with `4913`, then (usually) renames.
#[cfg(unix)]
#[test]
fn vim_saves_with_its_true_defaults() {
    check_vim("set nocompatible", None);
}

/// Vi-compatible 'backupcopy' "yes" (what -u NONE alone gives): copies the
/// file to `strong.toml~`, then overwrites the original in place.
#[cfg(unix)]
#[test]
fn vim_saves_in_place_when_vi_compatible() {
    check_vim("set compatible", Some(false));
}

#[test]
fn a_hundred_rapid_saves_end_on_the_final_file() {
    let (_root, dir) = folder();
    let path = dir.join("strong.toml");
    // Three decimals throughout (0.500 to 0.995): in-place saves keep the
    // length.
    save(&path, &profile("0.720"), Save::InPlace);
    let (watch, _) = Watch::start(&dir, false);
    let styles = [Save::InPlace, Save::TempAndRename, Save::BackupAndNew];
    for i in 0..100 {
        let rate = format!("0.{:03}", 500 + 5 * i);
        save(&path, &profile(&rate), styles[i % 3]);
    }
    let last = cost(0.995);
    watch.next_matching("line with the last save", strong_at(last));
    for doc in watch.lines_until_quiet() {
        assert_strong(&doc, last);
    }
}

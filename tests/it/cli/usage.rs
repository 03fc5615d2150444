//! Usage errors: a missing folder, a bad flag, a mistyped command.

use std::fs;
use std::process::{Command, Stdio};

use crate::support::bin::{code, costlens, stderr};
use crate::support::worked::{STRONG, worked_folder};

#[test]
fn a_missing_folder_or_bad_flag_is_exit_2() {
    let dir = worked_folder();
    for args in [
        &["report", "no-such-dir"][..],
        &["check", "no-such-dir"],
        &["report", ".", "--format", "xml"],
        &["frobnicate", "x", "y"],
    ] {
        let out = costlens(args, dir.path());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
    }
}

/// `costlens reprot`: a word one typo from a command, naming no folder, is
/// a mistyped command; any other missing folder keeps the folder's error,
/// and a folder of that name is opened.
#[test]
fn a_mistyped_command_is_named_not_read_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for (word, meant) in [("reprot", "report"), ("chekc", "check"), ("wacth", "watch")] {
        let out = costlens(&[word], dir.path());
        assert_eq!(code(&out), 2, "{word}");
        assert_eq!(
            stderr(&out),
            format!("costlens: unknown command '{word}'; did you mean '{meant}'?\n")
        );
    }
    for not_a_command in ["quarterly-figures", "./reprot"] {
        let out = costlens(&[not_a_command], dir.path());
        assert_eq!(code(&out), 2, "{not_a_command}");
        let want = format!("cannot read the profiles folder `{not_a_command}`");
        assert!(stderr(&out).contains(&want), "{}", stderr(&out));
    }
    // A real folder called `reprot` is opened as the explorer's folder:
    // here without a terminal (setsid: no controlling one), which the
    // explorer then says it needs.
    fs::create_dir(dir.path().join("reprot")).unwrap();
    fs::write(dir.path().join("reprot/strong.toml"), STRONG).unwrap();
    let opened = Command::new("setsid")
        .args(["-w", env!("CARGO_BIN_EXE_costlens"), "reprot"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output();
    // setsid (util-linux) is on every machine that runs these tests; a
    // skipped check would look like a pass.
    let out = opened.expect("setsid runs (util-linux)");
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the explorer needs a terminal"),
        "{}",
        stderr(&out)
    );
}

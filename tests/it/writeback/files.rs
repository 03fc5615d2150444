//! What happens to the file itself: its permissions kept, no temp file
//! left after successful writes, a symlinked profile updated and still a
//! link, and a missing scenario created (0644) while a missing profile is
//! not, with a broken scenario left as it was.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;

use costlens::profile::parse_scenario;
use costlens::writeback::{Change, FileKind, save_change};

use super::{
    HAIKU, SCENARIO, comments, edit, folder_with, haiku_edits, model, names_in, write_back,
};

#[cfg(unix)] // file modes
#[test]
fn permissions_are_kept() {
    for mode in [0o640, 0o600, 0o644] {
        let (_dir, path) = folder_with("haiku-5.5.toml", HAIKU);
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        write_back(&path, &haiku_edits()).unwrap();
        let now = fs::metadata(&path).unwrap().permissions().mode() & 0o7777;
        assert_eq!(now, mode, "mode {mode:o} became {now:o}");
        assert_ne!(fs::read_to_string(&path).unwrap(), HAIKU);
    }
}

#[test]
fn no_temp_files_are_left_after_successful_writes() {
    let (dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    write_back(&path, &haiku_edits()).unwrap();
    write_back(&path, &[edit("usage", "fanout", 1.5)]).unwrap();
    assert_eq!(names_in(dir.path()), ["haiku-5.5.toml"]);
    let profile = model(&path, &fs::read_to_string(&path).unwrap());
    assert_eq!(profile.usage.fanout, 1.5);
}

#[cfg(unix)] // symlinks
#[test]
fn a_symlinked_profile_is_updated_and_stays_a_link() {
    let (dir, real) = folder_with("real.toml", HAIKU);
    let link = dir.path().join("haiku-5.5.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    write_back(&link, &haiku_edits()).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("input_tokens = 90000\n")
    );
    assert_eq!(names_in(dir.path()), ["haiku-5.5.toml", "real.toml"]);
}

#[test]
fn a_missing_scenario_is_created_and_a_broken_one_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    let change = Change::Values(vec![
        edit("", "engineer_rate", 150.0),
        edit("", "baseline_hours", 3.5),
    ]);
    save_change(&path, FileKind::Scenario, &change).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text, "engineer_rate = 150\nbaseline_hours = 3.5\n");
    assert_eq!(
        parse_scenario("scenario.toml", &text)
            .unwrap()
            .baseline_hours,
        Some(3.5)
    );
    #[cfg(unix)]
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert_eq!(names_in(dir.path()), ["scenario.toml"]);
    // A profile must exist: only the scenario is created.
    let missing = dir.path().join("gone.toml");
    assert!(save_change(&missing, FileKind::Profile, &change).is_err());
    assert!(!missing.exists());
    // Comments kept in an existing one; a broken one untouched.
    fs::write(&path, SCENARIO).unwrap();
    save_change(&path, FileKind::Scenario, &change).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(comments(&text), comments(SCENARIO));
    let broken = "engineer_rate = \"lots\"\n";
    fs::write(&path, broken).unwrap();
    let err = save_change(&path, FileKind::Scenario, &change).unwrap_err();
    assert!(
        format!("{err:#}").starts_with("scenario.toml has errors; first: scenario.toml:1:17: "),
        "{err:#}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}

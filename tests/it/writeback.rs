//! Writing what-ifs back into real profile files in temp folders.

use std::fs;
#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use costlens::model::ModelProfile;
use costlens::profile::{Definition, parse_profile, parse_scenario};
use costlens::writeback::{Change, Edit, FileKind, apply_edits, save_change};

/// A profile's what-ifs written the way `s` writes them.
fn write_back(path: &Path, edits: &[Edit]) -> anyhow::Result<()> {
    save_change(path, FileKind::Profile, &Change::Values(edits.to_vec()))
}
use tempfile::TempDir;

const HAIKU: &str = include_str!("../../profiles/haiku-5.5.toml");
const FABLE: &str = include_str!("../../profiles/fable-5.1.toml");
const SCENARIO: &str = include_str!("../../profiles/scenario.toml");

fn edit(table: &str, key: &str, value: f64) -> Edit {
    Edit {
        table: table.to_owned(),
        key: key.to_owned(),
        value,
    }
}

/// The three what-ifs of the comment-preservation tests.
fn haiku_edits() -> Vec<Edit> {
    vec![
        edit("quality", "first_pass_rate", 0.6),
        edit("usage", "cache_hit_ratio", 0.8),
        edit("usage", "input_tokens", 90000.0),
    ]
}

/// A temp folder holding one file `name` with `text`.
fn folder_with(name: &str, text: &str) -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

/// The sorted names in a folder, to spot leftover temp files.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn model(path: &Path, text: &str) -> ModelProfile {
    match parse_profile(&path.display().to_string(), text) {
        Ok(profile) => match profile.definition {
            Definition::Model(model) => model,
            Definition::Mix(_) => panic!("expected a model profile"),
        },
        Err(diagnostics) => panic!("does not parse: {diagnostics:?}\n{text}"),
    }
}

/// Whole-line comments and trailing comments, in file order.
fn comments(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|line| line.find('#').map(|at| &line[at..]))
        .collect()
}

/// Each table header followed by its keys, in file order.
fn keys_by_table(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| match line.split_once('=') {
            Some((key, _)) if !line.starts_with('[') => format!("  {}", key.trim()),
            _ => line.split('#').next().unwrap().trim().to_owned(),
        })
        .collect()
}

#[test]
fn comments_key_order_and_other_lines_survive() {
    let (dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    write_back(&path, &haiku_edits()).unwrap();
    let text = fs::read_to_string(&path).unwrap();

    assert_eq!(comments(&text), comments(HAIKU));
    assert_eq!(keys_by_table(&text), keys_by_table(HAIKU));
    assert_eq!(text.lines().count(), HAIKU.lines().count());
    assert!(text.ends_with('\n'));
    let changed = [
        ("first_pass_rate = 0.45", "first_pass_rate = 0.6"),
        (
            "cache_hit_ratio = 0.70          # ASSUMPTION: agents re-read a cached context",
            // Same comment, same column.
            "cache_hit_ratio = 0.8           # ASSUMPTION: agents re-read a cached context",
        ),
        ("input_tokens = 78_000", "input_tokens = 90000"),
    ];
    let mut edited = 0;
    for (old, new) in HAIKU.lines().zip(text.lines()) {
        match changed.iter().find(|(before, _)| *before == old) {
            Some((_, after)) => {
                assert_eq!(new, *after);
                edited += 1;
            }
            None => assert_eq!(new, old, "an unedited line changed"),
        }
    }
    assert_eq!(edited, 3);
    // The preview is exactly what was written.
    assert_eq!(apply_edits(HAIKU, &haiku_edits()).unwrap(), text);
    assert_eq!(names_in(dir.path()), ["haiku-5.5.toml"]);
}

#[test]
fn a_reread_gives_the_new_values() {
    let (_dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    let before = model(&path, HAIKU);
    write_back(&path, &haiku_edits()).unwrap();
    let after = model(&path, &fs::read_to_string(&path).unwrap());

    assert_eq!(after.quality.first_pass_rate, 0.6);
    assert_eq!(after.usage.cache_hit_ratio, 0.8);
    assert_eq!(after.usage.input_tokens, 90000.0);
    // Everything else as before.
    let mut expected = before;
    expected.quality.first_pass_rate = 0.6;
    expected.usage.cache_hit_ratio = 0.8;
    expected.usage.input_tokens = 90000.0;
    assert_eq!(after, expected);
}

#[test]
fn a_missing_key_and_a_missing_table_are_added() {
    let (dir, path) = folder_with("fable-5.1.toml", FABLE);
    let edits = [
        edit("usage", "long_prompt_share", 0.25),
        edit("prices.long_prompt", "threshold_tokens", 100000.0),
        edit("prices.long_prompt", "input", 20.0),
        edit("prices.long_prompt", "output", 75.5),
    ];
    write_back(&path, &edits).unwrap();
    let text = fs::read_to_string(&path).unwrap();

    // The new key lands in [usage], after its last key.
    let usage = text
        .split("\n[usage]")
        .nth(1)
        .unwrap()
        .split("\n[")
        .next()
        .unwrap();
    assert!(
        usage.contains("cache_write_ratio = 0.15        # ASSUMPTION\nlong_prompt_share = 0.25\n")
    );
    // The new table is a normal header, and [prices] is not repeated.
    assert!(
        text.contains(
            "[prices.long_prompt]\nthreshold_tokens = 100000\ninput = 20\noutput = 75.5\n"
        )
    );
    assert_eq!(text.matches("[prices]").count(), 1);
    // Nothing of the original is lost.
    assert_eq!(comments(&text), comments(FABLE));
    for line in FABLE.lines() {
        assert!(text.contains(line), "lost line {line:?}");
    }

    let profile = model(&path, &text);
    assert_eq!(profile.usage.long_prompt_share, 0.25);
    let band = profile.long_prompt.expect("a long-prompt band");
    assert_eq!((band.input_per_mtok, band.output_per_mtok), (20.0, 75.5));
    assert_eq!(names_in(dir.path()), ["fable-5.1.toml"]);
}

#[test]
fn a_table_with_missing_parents_gets_no_empty_parent_header() {
    let text = apply_edits("x = 1  # top\n", &[edit("a.b", "c", 1.5)]).unwrap();
    assert_eq!(text, "x = 1  # top\n\n[a.b]\nc = 1.5\n");
}

#[test]
fn top_level_keys_are_edited_in_scenario_files() {
    let text = apply_edits(SCENARIO, &[edit("", "engineer_rate", 150.0)]).unwrap();
    assert!(text.contains("engineer_rate = 150              # USD per hour, fully loaded\n"));
    let scenario = parse_scenario("scenario.toml", &text).unwrap();
    assert_eq!(scenario.engineer_rate_per_hour, 150.0);
}

#[test]
fn numbers_keep_their_kind() {
    let text = "i = 78_000\nf = 1.0\nbig = 5\nsame = 0.70   # kept\n";
    let edits = [
        edit("", "i", 78000.5), // integer -> not whole -> float
        edit("", "f", 2.0),     // float stays float even when whole
        edit("", "big", 1e19),  // whole but past i64 -> float
        edit("", "same", 0.7),  // unchanged value -> byte-identical
    ];
    let out = apply_edits(text, &edits).unwrap();
    assert_eq!(
        out,
        "i = 78000.5\nf = 2.0\nbig = 10000000000000000000.0\nsame = 0.70   # kept\n"
    );
    // An unchanged integer keeps its underscores.
    let out = apply_edits("i = 78_000\n", &[edit("", "i", 78000.0)]).unwrap();
    assert_eq!(out, "i = 78_000\n");
    // A longer number pushes the comment, keeping one space before it.
    let out = apply_edits("x = 1 # c\n", &[edit("", "x", 0.125)]).unwrap();
    assert_eq!(out, "x = 0.125 # c\n");
}

#[test]
fn paths_into_non_tables_and_non_numbers_are_errors() {
    for bad in [
        edit("name", "x", 1.0),
        edit("", "name", 1.0),
        edit("prices", "as_of", 1.0),
    ] {
        let err = apply_edits(HAIKU, std::slice::from_ref(&bad)).unwrap_err();
        assert!(format!("{err:#}").contains(&bad.key), "{err:#}");
    }
}

/// Asserts that `path` still holds exactly `original` and that its folder
/// holds nothing else.
fn assert_untouched(path: &Path, original: &str) {
    assert_eq!(fs::read(path).unwrap(), original.as_bytes());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(names_in(path.parent().unwrap()), [name]);
}

/// Set in the copy of this test binary that `a_read_only_folder_...`
/// starts without root's power over permissions.
#[cfg(unix)]
const WITHOUT_OVERRIDE: &str = "COSTLENS_TEST_WITHOUT_DAC_OVERRIDE";

#[cfg(unix)] // file modes, setpriv
#[test]
fn a_read_only_folder_leaves_the_original_intact() {
    let (dir, path) = folder_with("haiku-5.5.toml", HAIKU);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    let is_root = fs::write(&probe, "").is_ok();
    let _ = fs::remove_file(&probe);
    if is_root {
        // Root ignores permission bits (and CI runs as root): run this very
        // test again in a copy of the binary without that power.
        assert!(
            std::env::var_os(WITHOUT_OVERRIDE).is_none(),
            "still root-powered"
        );
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        let run = std::process::Command::new("setpriv")
            .args([
                "--inh-caps=-dac_override,-dac_read_search",
                "--bounding-set=-dac_override,-dac_read_search",
            ])
            .arg(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "writeback::a_read_only_folder_leaves_the_original_intact",
            ])
            .env(WITHOUT_OVERRIDE, "1")
            .output()
            .expect("setpriv runs (util-linux)");
        let out = String::from_utf8_lossy(&run.stdout);
        assert!(run.status.success() && out.contains("1 passed"), "{out}");
        return;
    }
    let err = write_back(&path, &haiku_edits()).unwrap_err();
    let message = format!("{err:#}");
    assert!(message.contains("temporary file"), "{message}");
    assert!(message.contains("haiku-5.5.toml"), "{message}");
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_untouched(&path, HAIKU);
}

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

/// The shipped mix, for the share write-back tests.
const TIERED: &str = include_str!("../../profiles/tiered.toml");

fn part(id: &str, share: f64) -> costlens::model::MixPart {
    costlens::model::MixPart {
        profile_id: id.to_owned(),
        share,
    }
}

#[test]
fn shares_are_written_into_the_mix_parts_comments_and_all() {
    use costlens::writeback::apply_share_edits;
    let parts = [part("haiku-5.5", 0.7), part("opus-5.5", 0.3)];
    let text = apply_share_edits(TIERED, &parts).unwrap();
    assert_eq!(comments(&text), comments(TIERED));
    assert_eq!(keys_by_table(&text), keys_by_table(TIERED));
    let mut changed = 0;
    for (old, new) in TIERED.lines().zip(text.lines()) {
        match old {
            "share = 0.6" => assert_eq!(new, "share = 0.7"),
            "share = 0.4" => assert_eq!(new, "share = 0.3"),
            _ => {
                assert_eq!(new, old, "an unedited line changed");
                continue;
            }
        }
        changed += 1;
    }
    assert_eq!(changed, 2);
    match parse_profile("tiered.toml", &text).unwrap().definition {
        Definition::Mix(located) => {
            let shares: Vec<f64> = located.iter().map(|p| p.part.share).collect();
            assert_eq!(shares, [0.7, 0.3]);
        }
        Definition::Model(_) => panic!("a mix"),
    }
}

/// Rescaling leaves float noise (1 - 0.6 - 0.16 is 0.24000000000000002);
/// the file gets the share a person would write.
#[test]
fn rescaled_shares_are_written_without_float_noise() {
    use costlens::writeback::apply_share_edits;
    let noisy = 1.0 - 0.6 - 0.16;
    assert_ne!(noisy.to_string(), "0.24");
    let parts = [part("haiku-5.5", 0.76), part("opus-5.5", noisy)];
    let text = apply_share_edits(TIERED, &parts).unwrap();
    assert!(
        text.contains("share = 0.76\n") && text.contains("share = 0.24\n"),
        "{text}"
    );
}

#[test]
fn shares_in_an_inline_array_are_written_too() {
    use costlens::writeback::apply_share_edits;
    let text =
        "mix = [ { profile = \"a\", share = 0.5 }, { profile = \"b\", share = 0.5 } ]  # split\n";
    let out = apply_share_edits(text, &[part("a", 0.25), part("b", 0.75)]).unwrap();
    assert_eq!(
        out,
        "mix = [ { profile = \"a\", share = 0.25 }, { profile = \"b\", share = 0.75 } ]  # split\n"
    );
}

/// A share never lands on the wrong part: the file's parts must be the
/// what-if's, in the same order.
#[test]
fn shares_for_parts_the_file_no_longer_has_are_refused() {
    use costlens::writeback::apply_share_edits;
    let cases: [(&[costlens::model::MixPart], &str); 3] = [
        (
            &[part("opus-5.5", 0.7), part("haiku-5.5", 0.3)],
            "names `haiku-5.5`, not `opus-5.5`",
        ),
        (
            &[part("haiku-5.5", 1.0)],
            "2 parts in the file and 1 in the what-if",
        ),
        (
            &[part("haiku-5.5", f64::NAN), part("opus-5.5", 0.3)],
            "not a finite number",
        ),
    ];
    for (parts, want) in cases {
        let err = apply_share_edits(TIERED, parts).unwrap_err();
        assert!(format!("{err:#}").contains(want), "{err:#}");
    }
    let err = apply_share_edits(HAIKU, &[part("a", 1.0)]).unwrap_err();
    assert!(format!("{err:#}").contains("no [[mix]] parts"), "{err:#}");
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

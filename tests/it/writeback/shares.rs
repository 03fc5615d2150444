//! A mix's shares written into its `[[mix]]` parts (comments and all,
//! inline arrays too) without float noise, and shares refused for parts
//! the file no longer has, in another order, or not finite.

use costlens::profile::{Definition, parse_profile};

use super::{HAIKU, comments, keys_by_table};

/// The shipped mix, for the share write-back tests.
const TIERED: &str = include_str!("../../../profiles/tiered.toml");

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

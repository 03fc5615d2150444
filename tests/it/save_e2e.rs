//! `s` and `S` end to end, in a real terminal (tmux, see `support/tmux.rs`):
//! a broken file is not written and its what-if stays on screen until the
//! file is fixed; the scenario's what-ifs are saved into `scenario.toml`.
#![cfg(unix)] // tmux

use std::fs;

use crate::support::tmux::{Tmux, shows_table, slider_shows};
use crate::support::worked::STRONG;

#[test]
fn s_on_a_broken_file_says_why_and_keeps_the_what_if_until_it_is_fixed() {
    let tmux = Tmux::start(160, 40);
    tmux.explore("");
    let path = tmux.profiles().join("strong.toml");
    let broken = STRONG.replace("first_pass_rate = 0.72", "first_pass_rate = 1.5");
    fs::write(&path, &broken).unwrap();
    tmux.wait_for("strong stale with its error", |s| {
        s.contains("! strong") && s.contains("strong.toml:8:19")
    });
    // Review time +0.5 min, then `s`.
    tmux.send_keys(&["Tab", "l"]);
    tmux.wait_for("review at 6.5 min, moved", |s| {
        slider_shows(s, "Review time", "6.5 min", true)
    });
    tmux.send_keys(&["s"]);
    let screen = tmux.wait_for("the refusal", |s| {
        s.contains(
            "not saved: strong.toml has errors; first: strong.toml:8:19: `first_pass_rate` must be",
        )
    });
    assert!(!screen.contains("saved 1"), "{screen}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken,
        "the file is untouched"
    );
    // The what-if is still on screen, marked, beside the last good value.
    assert!(
        slider_shows(&screen, "Review time", "6.5 min", true),
        "{screen}"
    );
    assert!(screen.contains("(file 6.0 min) *"), "{screen}");
    // Fixed in the editor: the what-if is still there, and `s` writes it.
    fs::write(&path, STRONG).unwrap();
    tmux.wait_for("fixed, the what-if kept", |s| {
        !s.contains("! strong") && slider_shows(s, "Review time", "6.5 min", true)
    });
    tmux.send_keys(&["s"]);
    let screen = tmux.wait_for("the save", |s| s.contains("saved 1 what-if to strong.toml"));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("review_minutes = 6.5"),
        "{screen}"
    );
    tmux.wait_for("the file's value now, not moved", |s| {
        slider_shows(s, "Review time", "6.5 min", false)
    });
    tmux.quit_cleanly();
}

#[test]
fn shift_s_saves_the_scenario_and_every_profile() {
    let tmux = Tmux::start(160, 40);
    tmux.explore("");
    let scenario = tmux.profiles().join("scenario.toml");
    assert!(!scenario.exists());
    // strong's first pass, cheap's first pass, then the engineer rate.
    tmux.send_keys(&["L", "Down", "L", "Tab", "Tab", "Tab", "l"]);
    tmux.wait_for("the engineer rate moved", |s| {
        slider_shows(s, "Engineer rate", "$125.00/h", true)
    });
    tmux.send_keys(&["S"]);
    tmux.wait_for("the save", |s| {
        s.contains("saved 3 what-ifs to cheap.toml, strong.toml, scenario.toml")
    });
    assert_eq!(
        fs::read_to_string(&scenario).unwrap(),
        "engineer_rate = 125\n"
    );
    let strong = fs::read_to_string(tmux.profiles().join("strong.toml")).unwrap();
    assert!(strong.contains("first_pass_rate = 0.82"), "{strong}");
    let cheap = fs::read_to_string(tmux.profiles().join("cheap.toml")).unwrap();
    assert!(cheap.contains("first_pass_rate = 0.62"), "{cheap}");
    // Nothing left to save, and the screen shows the files' values.
    tmux.send_keys(&["S"]);
    let screen = tmux.wait_for("nothing left", |s| {
        s.contains("nothing to save: no what-ifs")
    });
    assert!(
        !shows_table(&screen),
        "the saved figures, not the worked check's"
    );
    tmux.quit_cleanly();
}

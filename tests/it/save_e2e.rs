//! `s` and `S` end to end, in a real terminal (tmux, see `support/tmux.rs`):
//! a broken file is not written and its what-if stays on screen until the
//! file is fixed; the scenario's what-ifs are saved into `scenario.toml`;
//! with slow writes, the watcher's load of a half-done save never replaces
//! the save's figures or its footer, and an edit right after a save shows.
#![cfg(unix)] // tmux

use std::fs;
use std::thread;

use crate::support::tmux::{POLL, Tmux, cost, shows_table, slider_shows};
use crate::support::worked::{CHEAP, STRONG};

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
    assert!(screen.contains("(file 6.0 min, ◇ assumed) *"), "{screen}");
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

/// `S` writing two files with each write slowed down halfway (as a slow
/// fsync would): the watcher reads the folder between the two writes. That
/// half-done folder, older than the save's own reread, must not replace
/// the saved figures nor the footer's "saved …".
fn explore_with_slow_writes(tmux: &Tmux) {
    let command = tmux.costlens("");
    tmux.type_line(&format!("COSTLENS_TEST_WRITE_PAUSE_MS=30 {command}"));
    tmux.wait_for("the table", shows_table);
}

const SAVED_TWO: &str = "saved 2 what-ifs to strong.toml, scenario.toml";

/// strong's first pass to 0.82 and the engineer rate to $125/h, then `S`.
fn save_two_files(tmux: &Tmux) {
    tmux.send_keys(&["L", "Tab", "Tab", "Tab", "l"]);
    tmux.wait_for("both what-ifs", |s| {
        slider_shows(s, "First-pass rate", "82.0%", true)
            && slider_shows(s, "Engineer rate", "$125.00/h", true)
    });
    tmux.send_keys(&["S"]);
}

/// The saved figures: strong at 82% first pass, both at $125/h.
fn shows_saved_figures(screen: &str) -> bool {
    cost(screen, "strong") == Some("29.04") && cost(screen, "cheap") == Some("80.21")
}

/// The footer's word once a save settles: ours, or a reload's (the bug).
fn save_settled(screen: &str) -> bool {
    shows_saved_figures(screen) && (screen.contains(SAVED_TWO) || screen.contains(" reloaded "))
}

#[test]
fn shift_s_keeps_saved_in_the_footer_through_the_watchers_reloads() {
    let tmux = Tmux::start(160, 40);
    explore_with_slow_writes(&tmux);
    save_two_files(&tmux);
    let screen = tmux.wait_for("the save, settled", save_settled);
    assert!(screen.contains(SAVED_TWO), "{screen}");
    // Both files are written; the watcher's loads of them (the half-done
    // one, read between the writes, and the finished one) arrive within
    // its debounce. The screen stays the save's through all of them.
    for _ in 0..20 {
        let screen = tmux.screen();
        assert!(
            screen.contains(SAVED_TWO) && shows_saved_figures(&screen),
            "{screen}"
        );
        thread::sleep(POLL);
    }
    tmux.quit_cleanly();
}

#[test]
fn an_edit_right_after_a_save_still_shows() {
    let tmux = Tmux::start(160, 40);
    explore_with_slow_writes(&tmux);
    save_two_files(&tmux);
    tmux.wait_for("the save", |s| s.contains(SAVED_TWO));
    // Edited at once, while the watcher may still be reading the save.
    let cheap = tmux.profiles().join("cheap.toml");
    let edited = CHEAP.replace("first_pass_rate = 0.52", "first_pass_rate = 0.6");
    fs::write(&cheap, edited).unwrap();
    tmux.wait_for("the edit, on screen", |s| {
        s.contains("reloaded cheap.toml")
            && cost(s, "strong") == Some("29.04")
            && cost(s, "cheap").is_some_and(|cost| cost != "80.21")
    });
    tmux.quit_cleanly();
}

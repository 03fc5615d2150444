//! End to end in a real terminal (tmux, see `support/tmux.rs`): the cost
//! on screen follows the sliders, quitting restores the terminal, help,
//! resize, monochrome and a live edit.
#![cfg(unix)] // tmux

use std::fs;

use crate::support::tmux::{Tmux, colour_codes, cost, row, shows_table, slider_shows};
use crate::support::worked::STRONG;

#[test]
fn slider_moves_change_the_cost_on_screen() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("");
    // Coarse step on First pass of `strong`: 0.72 -> 0.82, so
    // 12.24 / 0.82 + 13.5 = 28.43; cheap is not touched.
    tmux.send_keys(&["L"]);
    let screen = tmux.wait_for("strong at 28.43", |s| cost(s, "strong") == Some("28.43"));
    assert_eq!(cost(&screen, "cheap"), Some("78.45"), "{screen}");
    assert!(
        slider_shows(&screen, "First-pass rate", "82.0%", true),
        "{screen}"
    );
    // Review +0.5 min: (0.24 + 6.5 × 2) / 0.82 + 13.5 = 29.65.
    tmux.send_keys(&["Tab", "l"]);
    let screen = tmux.wait_for("strong at 29.65", |s| cost(s, "strong") == Some("29.65"));
    assert!(
        slider_shows(&screen, "Review time", "6.5 min", true),
        "{screen}"
    );
    // Undo walks back one what-if at a time.
    tmux.send_keys(&["u"]);
    tmux.wait_for("undo to 28.43", |s| cost(s, "strong") == Some("28.43"));
    tmux.send_keys(&["u"]);
    let screen = tmux.wait_for("undo to 30.50", shows_table);
    assert!(
        slider_shows(&screen, "First-pass rate", "72.0%", false),
        "{screen}"
    );
    tmux.send_keys(&["q"]);
    tmux.assert_restored_shell();
}

/// Quits with `key` from an explorer that had mouse capture on.
fn quit_restores(key: &str) {
    let tmux = Tmux::start(100, 30);
    tmux.explore("--mouse");
    // Both on while running, or the checks after quitting prove nothing.
    assert_eq!(tmux.display("#{alternate_on}"), "1");
    assert_eq!(tmux.display("#{mouse_any_flag}"), "1");
    tmux.send_keys(&[key]);
    tmux.assert_restored_shell();
}

#[test]
fn quitting_leaves_a_usable_shell() {
    quit_restores("q");
}

#[test]
fn ctrl_c_quits_and_restores() {
    quit_restores("C-c");
}

#[test]
fn help_opens_and_closes() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("");
    let help = "Apply the focused slider's value to every profile";
    tmux.send_keys(&["?"]);
    tmux.wait_for("the help", |s| s.contains("╭ Keys") && s.contains(help));
    tmux.send_keys(&["Escape"]);
    tmux.wait_for("the help to close", |s| !s.contains(help) && shows_table(s));
    tmux.send_keys(&["q"]);
    tmux.assert_restored_shell();
}

#[test]
fn a_resize_redraws_at_once() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("");
    // No key follows the resize: the redraw must come from the event alone.
    tmux.run(&["resize-window", "-t", "main", "-x", "60", "-y", "20"]);
    tmux.wait_for("the too-small message", |s| {
        s.contains("needs a terminal of at least 80×24") && s.contains("60×20")
    });
    tmux.run(&["resize-window", "-t", "main", "-x", "100", "-y", "30"]);
    tmux.wait_for("the table again", shows_table);
    tmux.send_keys(&["q"]);
    tmux.assert_restored_shell();
}

#[test]
fn too_small_and_monochrome_still_work() {
    // Starts too small, so the first frame is the message, not the table.
    let tmux = Tmux::start(70, 20);
    tmux.type_line(&format!("NO_COLOR=1 {}", tmux.costlens("")));
    tmux.wait_for("the too-small message", |s| s.contains("at least 80×24"));
    tmux.run(&["resize-window", "-t", "main", "-x", "100", "-y", "30"]);
    let screen = tmux.wait_for("the table", shows_table);
    // Without colour the selection must still be visible: the marker is
    // on the selected (cheapest, first) row.
    let lines: Vec<&str> = screen.lines().collect();
    let at = |name: &str| lines.iter().position(|l| row(l, name).is_some()).unwrap();
    assert!(at("strong") < at("cheap"), "cheapest first:\n{screen}");
    assert!(
        lines[at("strong")].contains('▶'),
        "strong selected:\n{screen}"
    );
    assert!(!lines[at("cheap")].contains('▶'), "one marker:\n{screen}");
    // `-e` keeps the colours and attributes as escape sequences.
    let styled = tmux.run(&["capture-pane", "-p", "-e", "-t", "main"]);
    let colours = colour_codes(&styled);
    assert!(colours.is_empty(), "NO_COLOR still coloured: {colours:?}");
    tmux.send_keys(&["q"]);
    tmux.assert_restored_shell();
}

#[test]
fn saves_show_up_live_and_a_broken_one_is_marked_until_fixed() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("");
    let path = tmux.profiles().join("strong.toml");
    fs::write(&path, STRONG.replace("0.72", "0.82")).unwrap();
    tmux.wait_for("strong at 28.43 after the save", |s| {
        cost(s, "strong") == Some("28.43")
    });
    // Half-written: the last good values stay, marked `!`, with the error
    // located in the file.
    fs::write(&path, "[prices]\ninput = 3\noutput = \n").unwrap();
    let screen = tmux.wait_for("strong stale, error shown", |s| {
        s.contains("! strong") && s.contains("strong.toml:3:10")
    });
    assert!(
        screen
            .lines()
            .any(|line| line.contains("! strong") && line.contains("28.43")),
        "{screen}"
    );
    fs::write(&path, STRONG).unwrap();
    tmux.wait_for("fixed: 30.50 and no mark", |s| {
        shows_table(s) && !s.contains("! strong")
    });
    tmux.send_keys(&["q"]);
    tmux.assert_restored_shell();
}

/// A profile file like `strong` with another name and first-pass rate.
fn named(name: &str, first_pass: f64) -> String {
    format!("name = \"{name}\"\n{STRONG}").replace(
        "first_pass_rate = 0.72",
        &format!("first_pass_rate = {first_pass}"),
    )
}

#[test]
fn the_header_keeps_its_facts_beside_a_broken_scenario_at_80_columns() {
    let tmux = Tmux::start(80, 24);
    let dir = tmux
        .dir
        .path()
        .join("a-rather-long-folder-name/planning/team-profiles");
    fs::create_dir_all(&dir).unwrap();
    crate::support::worked::write_worked(&dir);
    fs::write(
        dir.join("scenario.toml"),
        "baseline_hours = 3.5\nchanges_per_week = 40\n",
    )
    .unwrap();
    tmux.type_line(&tmux.costlens_on("--mouse", &dir));
    tmux.wait_for("the table", shows_table);
    tmux.send_keys(&["l"]);
    // The what-if first, then the broken file: each waited for.
    tmux.wait_for("the what-if marker", |s| {
        s.lines()
            .next()
            .is_some_and(|l| l.contains("1*") || l.contains("1 what-if"))
    });
    fs::write(dir.join("scenario.toml"), "baseline_hours = \"lots\"\n").unwrap();
    let screen = tmux.wait_for("the broken scenario marker", |s| {
        s.lines().next().is_some_and(|l| l.contains("! scenario"))
    });
    let header = screen.lines().next().unwrap_or_default();
    assert_eq!(
        header.trim_end(),
        " costlens …/team-profiles/ · engineer $120/h · baseline 3.5 h     1* ! scenario",
        "{screen}"
    );
    tmux.quit_cleanly();
}

#[test]
fn a_ninth_profile_is_counted_then_scrolled_to() {
    let tmux = Tmux::start(80, 24);
    for n in 1..=7 {
        let text = named(&format!("p{n}"), 0.95 - 0.02 * f64::from(n));
        fs::write(tmux.profiles().join(format!("p{n}.toml")), text).unwrap();
    }
    tmux.type_line(&tmux.costlens(""));
    // Nine rows, eight fit: the most expensive (cheap) is out of view.
    // Each wait names the whole screen it wants: a capture can catch a
    // frame half written (the table's rows new, its border not yet).
    let screen = tmux.wait_for("the rows out of view", |s| {
        s.contains("↓ 1 more") && s.contains("What-ifs · p1")
    });
    assert!(row(&screen, "cheap").is_none(), "{screen}");
    tmux.send_keys(&["Down"; 8]);
    tmux.wait_for("the last row, the first out of view", |s| {
        row(s, "cheap").is_some() && s.contains("↑ 1 more") && !s.contains("↓ 1 more")
    });
    tmux.quit_cleanly();
}

#[test]
fn pins_and_live_reloads_say_so_in_the_footer() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("");
    tmux.send_keys(&["Down", "p"]);
    tmux.wait_for("the pin", |s| s.contains("pinned cheap as reference"));
    let edited = crate::support::worked::CHEAP
        .replace("first_pass_rate = 0.52", "first_pass_rate = 0.99")
        .replace("survive_rate = 0.96", "survive_rate = 1");
    fs::write(tmux.profiles().join("cheap.toml"), edited).unwrap();
    let screen = tmux.wait_for("the reload's word", |s| s.contains("reloaded cheap.toml"));
    // The rows re-sorted: cheap is now the cheaper one.
    let cheap_at = screen.find("cheap ").unwrap_or(usize::MAX);
    let strong_at = screen.find("strong ").unwrap_or(0);
    assert!(cheap_at < strong_at, "{screen}");
    tmux.quit_cleanly();
}

#[test]
fn a_wide_name_keeps_its_row_in_its_columns() {
    use unicode_width::UnicodeWidthStr;
    let tmux = Tmux::start(120, 40);
    fs::write(
        tmux.profiles().join("wide.toml"),
        named("通义千问 Max 🚀", 0.6),
    )
    .unwrap();
    tmux.explore("");
    // Every row, and the table's bottom border, drawn.
    let screen = tmux.wait_for("the wide row", |s| {
        s.contains("通义千问") && shows_table(s) && s.contains("Δ against")
    });
    let end_of_cost = |name: &str| {
        let line = screen
            .lines()
            .find(|l| l.starts_with('│') && l.contains(&format!(" {name} ")))
            .unwrap_or_default();
        let at = line.find('.').map_or(0, |dot| dot + 3);
        line[..at].width()
    };
    let ends = [
        end_of_cost("strong"),
        end_of_cost("cheap"),
        end_of_cost("通义千问"),
    ];
    assert!(
        ends[0] > 0 && ends.iter().all(|&end| end == ends[0]),
        "{ends:?}\n{screen}"
    );
    // The row's sparkline is whole: it ends at the border like the others.
    let wide = screen
        .lines()
        .find(|l| l.contains("通义千问"))
        .unwrap_or_default();
    assert_eq!(wide.width(), 120, "{screen}");
    tmux.quit_cleanly();
}

/// The views in a real terminal at 80×24: `2` shows the tornado, a slider
/// moved there redraws its labelled costs at once, `3` and `4` show the
/// first-pass chart and what payback needs, `1` the table again.
#[test]
fn views_switch_and_the_levers_follow_a_slider() {
    let tmux = Tmux::start(80, 24);
    tmux.explore("");
    tmux.send_keys(&["2"]);
    // strong: review 4.8 min gives (0.24 + 9.6) / 0.72 + 13.5 = 27.17,
    // 7.2 min gives 33.83.
    let review = |s: &str, want: &str| s.lines().any(|l| l.contains("review") && l.contains(want));
    let screen = tmux.wait_for("the levers", |s| {
        s.contains("[2 Levers]") && review(s, "4.8 min → 27.17")
    });
    assert!(review(&screen, "33.83 ← 7.2 min"), "{screen}");
    // Review time 6.0 -> 6.5 min: 5.2 min gives 28.28, 7.8 min 35.50,
    // the base (0.24 + 13) / 0.72 + 13.5 = 31.89.
    tmux.send_keys(&["Tab", "l"]);
    let screen = tmux.wait_for("the review lever moved", |s| {
        review(s, "5.2 min → 28.28") && review(s, "35.50 ← 7.8 min")
    });
    assert!(screen.contains("│ base 31.89"), "{screen}");
    tmux.send_keys(&["3"]);
    tmux.wait_for("the first-pass view", |s| {
        s.contains("[3 First-pass]") && s.contains("break-even vs human: set")
    });
    tmux.send_keys(&["4"]);
    tmux.wait_for("what payback needs", |s| {
        s.contains("[4 Payback]") && s.contains("`baseline_hours` and `changes_per_week`")
    });
    tmux.send_keys(&["1", "u"]);
    tmux.wait_for("the table, the what-if undone", shows_table);
    tmux.quit_cleanly();
}

//! Meeting mode end to end in a real terminal (tmux): `P` turns the
//! screen into the meeting's and back, a lever moves the big headline,
//! `t` repaints in the next theme, `x` writes a picture the footer names,
//! and a terminal's late answer to the background query presses no keys.
#![cfg(unix)] // tmux

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::tmux::{Tmux, cost, shows_table};

/// The pictures `x` wrote into the shell's folder, sorted.
fn pictures(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    found.sort();
    found
}

/// The screen with its colour escapes, as the terminal shows it.
fn styled(tmux: &Tmux) -> String {
    tmux.run(&["capture-pane", "-p", "-e", "-t", "main"])
}

/// The background colours on screen (SGR 48;…), most used first.
fn canvas_background(styled: &str) -> String {
    let mut counts = std::collections::HashMap::<String, usize>::new();
    for sequence in styled.split('\x1b').filter_map(|s| s.strip_prefix('[')) {
        let Some((params, _)) = sequence.split_once('m') else {
            continue;
        };
        let parts: Vec<&str> = params.split(';').collect();
        if let Some(at) = parts.iter().position(|p| *p == "48") {
            let colour = parts[at..parts.len().min(at + 5)].join(";");
            *counts.entry(colour).or_default() += 1;
        }
    }
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
        .first()
        .map(|(colour, _)| colour.clone())
        .unwrap_or_default()
}

/// The headline's sentence: "Strong · $30.43 per merged change · …".
fn headline(screen: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains("per merged change"))?;
    let at = line.find('$')?;
    Some(line[at..].split_whitespace().next()?.to_string())
}

#[test]
fn present_theme_and_picture_in_a_real_terminal() {
    let tmux = Tmux::start(120, 36);
    tmux.explore("--theme dark");
    let before = canvas_background(&styled(&tmux));
    assert!(!before.is_empty(), "the theme paints no canvas");

    // P: the meeting's screen, big figures, four levers.
    tmux.send_keys(&["P"]);
    // The whole meeting screen, not a frame caught half written: the four
    // levers up, the analyst's table and its other sliders gone.
    let levers = [
        "First-pass rate",
        "Review time",
        "Cache hit ratio",
        "Engineer rate",
    ];
    let screen = tmux.wait_for("presentation mode", |s| {
        s.contains("PRESENTING")
            && s.contains("per merged change")
            && levers.iter().all(|lever| s.contains(lever))
            && !s.contains("Survive rate")
            && !shows_table(s)
    });
    // The big text: several rows of block glyphs above the bars' pane.
    let big_rows = screen
        .lines()
        .take_while(|l| !l.contains("Cost per merged change"))
        .filter(|l| l.contains('█') || l.contains('▀') || l.contains('▄'))
        .count();
    assert!(big_rows >= 3, "no big headline:\n{screen}");

    // A coarse step on the first-pass rate moves the headline live.
    let figure = headline(&screen).expect("a headline figure");
    tmux.send_keys(&["L"]);
    let moved = tmux.wait_for("the headline to move", |s| {
        headline(s).is_some_and(|now| now != figure)
    });
    assert!(
        moved.contains("what-if"),
        "the what-if is not marked:\n{moved}"
    );

    // t: the next theme (light) repaints the canvas.
    tmux.send_keys(&["t"]);
    tmux.wait_for("the theme's word", |s| s.contains("theme: light"));
    let after = canvas_background(&styled(&tmux));
    assert_ne!(before, after, "t left the background as it was");

    // x: an SVG and a PNG in the folder the explorer started in, named
    // by the view, their full paths on screen.
    tmux.send_keys(&["x"]);
    let dir = tmux.dir.path().to_path_buf();
    let screen = tmux.wait_for("the pictures' paths", |s| s.contains(".svg and .png"));
    let svgs = pictures(&dir, "svg");
    let pngs = pictures(&dir, "png");
    assert_eq!((svgs.len(), pngs.len()), (1, 1), "{screen}");
    let svg_name = svgs[0].file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        svg_name.starts_with("costlens-compare-present-"),
        "{svg_name}"
    );
    let svg = fs::read_to_string(&svgs[0]).unwrap();
    let document = roxmltree::Document::parse(&svg).expect("the SVG is XML");
    let text: String = document
        .descendants()
        .filter_map(|node| node.text())
        .collect();
    assert!(text.contains("PRESENTING"), "the picture is not the screen");
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(&pngs[0]).unwrap()));
    let info = decoder.read_info().expect("the PNG decodes").info().clone();
    assert!(
        info.width > 1000 && info.height > 600,
        "{}x{}",
        info.width,
        info.height
    );
    // The footer names where it went, whole or cut with `…`.
    assert!(screen.contains("wrote "), "{screen}");

    // Esc: back to the analyst's screen, what-if and theme kept.
    tmux.send_keys(&["Escape"]);
    // strong's first-pass 0.72 -> 0.82: 12.24 / 0.82 + 13.5 = 28.43.
    tmux.wait_for("the explorer with the what-if", |s| {
        cost(s, "strong") == Some("28.43")
            && cost(s, "cheap") == Some("78.45")
            && !s.contains("PRESENTING")
    });
    tmux.quit_cleanly();
}

#[test]
fn a_late_answer_to_the_background_query_presses_no_keys() {
    let tmux = Tmux::start(100, 30);
    tmux.explore("--theme dark");
    // What a slow terminal sends after the query timed out: ESC ] 11 ;
    // rgb:… ESC \ — its letters would be `1`, `r`, `a` and ten `e`s.
    let answer = "\x1b]11;rgb:eeee/aeae/eeee\x1b\\";
    let hex: Vec<String> = answer.bytes().map(|b| format!("{b:02x}")).collect();
    let hex: Vec<&str> = hex.iter().map(String::as_str).collect();
    tmux.run(&[&["send-keys", "-t", "main", "-H"], hex.as_slice()].concat());
    // A real key after it still works: the answer is over.
    tmux.send_keys(&["e"]);
    tmux.wait_for("the export's word", |s| {
        s.contains("exported the comparison")
    });
    let exports: Vec<_> = fs::read_dir(tmux.dir.path())
        .unwrap()
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("costlens-export-")
        })
        .collect();
    assert_eq!(exports.len(), 1, "the answer pressed keys");
    let screen = tmux.screen();
    assert!(
        !screen.contains("for all"),
        "the answer's `a` applied a slider:\n{screen}"
    );
    tmux.quit_cleanly();
}

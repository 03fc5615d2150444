//! `costlens snapshot`: the explorer's screen as SVG or PNG without a
//! terminal; its options, and its exit codes (1: a broken file, drawn
//! anyway; 2: a usage or I/O error, nothing written).

use std::fs;
use std::path::Path;

use costlens::app::ThemeName;
use costlens::picture::Canvas;
use costlens::ui::{ColorDepth, Theme};

use crate::support::bin::{code, costlens, stderr};
use crate::support::worked::worked_folder;

fn explorer_fixture() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/explorer"
    ))
}

/// Every `<text>`'s text, a line each.
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("valid XML");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text())
        .collect();
    texts.join("\n")
}

#[test]
fn an_svg_of_the_explorer_at_the_default_size() {
    let out_dir = tempfile::tempdir().unwrap();
    let svg_path = out_dir.path().join("screen.svg");
    let fixture = explorer_fixture().to_str().unwrap();
    let out = costlens(
        &["snapshot", fixture, "--out", svg_path.to_str().unwrap()],
        out_dir.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let svg = fs::read_to_string(&svg_path).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    // 120×36 cells of 10×20 pixels.
    assert_eq!(doc.root_element().attribute("width"), Some("1200"));
    assert_eq!(doc.root_element().attribute("height"), Some("720"));
    let text = svg_text(&svg);
    assert!(text.contains("[1 Compare]"), "{text}");
    assert!(text.contains("Strong") && text.contains("Cheap"), "{text}");
    // No word from setting it up in the footer.
    assert!(!text.contains("compare: every profile"), "{text}");
}

#[test]
fn every_option_shapes_the_picture() {
    let out_dir = tempfile::tempdir().unwrap();
    let fixture = explorer_fixture().to_str().unwrap();
    let svg_path = out_dir.path().join("levers.svg");
    let out = costlens(
        &[
            "snapshot",
            fixture,
            "--view",
            "levers",
            "--profile",
            "strong",
            "--theme",
            "high-contrast",
            "--size",
            "100x30",
            "--set",
            "engineer_rate=200",
            "--out",
            svg_path.to_str().unwrap(),
        ],
        out_dir.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let svg = fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("width=\"1000\" height=\"600\""));
    let text = svg_text(&svg);
    assert!(text.contains("[2 Levers]"), "{text}");
    assert!(text.contains("Strong"), "{text}");
    assert!(text.contains("$200.00/h"), "the what-if shows: {text}");
    // The canvas is the one the high-contrast theme paints.
    let theme = Theme::new(ThemeName::HighContrast, ColorDepth::TrueColor);
    let canvas = Canvas::of(&theme).background.hex();
    assert!(svg.contains(&format!(
        "<rect width=\"1000\" height=\"600\" fill=\"{canvas}\"/>"
    )));

    let png_path = out_dir.path().join("present.png");
    let out = costlens(
        &[
            "snapshot",
            fixture,
            "--present",
            "--view",
            "payback",
            "--out",
            png_path.to_str().unwrap(),
        ],
        out_dir.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let bytes = fs::read(&png_path).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().expect("a PNG");
    assert_eq!((reader.info().width, reader.info().height), (1200, 720));
}

#[test]
fn a_broken_file_is_drawn_and_exits_1() {
    let dir = worked_folder();
    fs::write(dir.path().join("broken.toml"), "[prices\n").unwrap();
    let out = costlens(&["snapshot", ".", "--out", "shot.svg"], dir.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.toml:1:"), "{}", stderr(&out));
    let svg = fs::read_to_string(dir.path().join("shot.svg")).unwrap();
    assert!(
        svg_text(&svg).contains("broken.toml"),
        "the screen names the file"
    );
}

#[test]
fn usage_and_io_errors_exit_2_and_write_nothing() {
    let dir = worked_folder();
    let cases: [(&[&str], &str); 7] = [
        (
            &["--profile", "strnog"],
            "no profile `strnog`; did you mean `strong`?",
        ),
        (&["--size", "120"], "`120` is not WIDTHxHEIGHT"),
        (&["--size", "0x10"], "from 1x1 to 400x200"),
        (&["--view", "pie"], "invalid value 'pie'"),
        (&["--theme", "sepia"], "invalid value 'sepia'"),
        (
            &["--set", "engineer_rat=1"],
            "did you mean `engineer_rate`?",
        ),
        (
            &["--set", "nobody.first_pass_rate=0.5"],
            "no profile `nobody`",
        ),
    ];
    for (args, says) in cases {
        let mut all = vec!["snapshot", ".", "--out", "shot.svg"];
        all.extend_from_slice(args);
        let out = costlens(&all, dir.path());
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
        assert!(!dir.path().join("shot.svg").exists(), "{args:?}");
    }
    let out = costlens(&["snapshot", ".", "--out", "shot.jpg"], dir.path());
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("`shot.jpg`: the picture's name must end in .svg or .png"));
    let out = costlens(
        &["snapshot", ".", "--out", "no-such-dir/shot.png"],
        dir.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains(
            "cannot write the picture no-such-dir/shot.png: the folder no-such-dir does not exist"
        ),
        "{}",
        stderr(&out)
    );
    let out = costlens(&["snapshot", "."], dir.path());
    assert_eq!(code(&out), 2, "--out is required");
    // Nothing left behind: no picture, no temp file.
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["cheap.toml", "strong.toml"]);
}

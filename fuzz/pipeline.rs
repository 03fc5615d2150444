//! The whole way a profile file travels — bytes → parse → validate →
//! compute → report → render — for the fuzzer (`fuzz_targets/folder.rs`;
//! `fuzz_targets/profile.rs` runs one file, fast) and for the tests that
//! replay its inputs (`tests/it/fuzz_inputs.rs`), so both run exactly the
//! same code.
//!
//! The input is a small folder: chunks separated by a NUL byte become
//! `scenario.toml`, `a.toml`, `b.toml`, … (NUL never occurs in TOML text,
//! so a chunk is still any byte string a file could hold). The last chunk
//! also drives the explorer: each byte picks an action. A reload follows
//! in which every file lost its second half, as a half-written save would.
//!
//! Shared by two fuzz targets and two test files, each using part of it.
#![allow(dead_code)]

use costlens::app::{Action, App, Source};
use costlens::model::{ModelProfile, ProfileField};
use costlens::profile::{Definition, Folder, parse_profile};
use costlens::report::{self, Comparison, Format};
use costlens::ui::{DrawContext, Theme};
use costlens::writeback::{Edit, apply_edits};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

const NAMES: &[&str] = &[
    "scenario.toml",
    "a.toml",
    "b.toml",
    "c.toml",
    "d.toml",
    "e.toml",
];

pub fn files(data: &[u8]) -> Vec<(String, Vec<u8>)> {
    data.split(|&byte| byte == 0)
        .zip(NAMES)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect()
}

/// Every action a key or the mouse can give, except `Save` (which would
/// write to disk) and `Quit` (which ends nothing here).
fn action(byte: u8) -> Action {
    match byte % 18 {
        0 => Action::SelectNext,
        1 => Action::SelectPrevious,
        2 => Action::SelectRow(usize::from(byte / 18)),
        3 => Action::FocusNextSlider,
        4 => Action::FocusPreviousSlider,
        5 => Action::Nudge {
            steps: 1,
            coarse: false,
        },
        6 => Action::Nudge {
            steps: -1,
            coarse: true,
        },
        7 => Action::Nudge {
            steps: i32::from(byte) * 1000,
            coarse: byte.is_multiple_of(2),
        },
        8 => Action::SetSliderPosition {
            slider: usize::from(byte / 18),
            position: f64::from(byte) / 100.0 - 0.5,
        },
        9 => Action::ApplyToAll,
        10 => Action::ResetSlider,
        11 => Action::ResetAll,
        12 => Action::Undo,
        13 => Action::PinReference,
        14 => Action::ToggleHelp,
        15 => Action::CloseOverlay,
        16 => Action::Reload,
        _ => Action::Notice(String::from_utf8_lossy(&[byte]).into_owned()),
    }
}

fn draw(app: &App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, &Theme::color()), frame.area()))
        .expect("draw into a test backend");
}

fn report_all(folder: &Folder) {
    let comparison = Comparison::new(folder, &folder.catalog(), folder.scenario());
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Json] {
        report::write(&comparison, format, &mut std::io::sink()).expect("write to a sink");
    }
}

/// Every problem names one of the files, and a located one points at a
/// line that exists in it (or just past its end, for "missing at the end").
fn check_locations(folder: &Folder, files: &[(String, Vec<u8>)]) {
    for diagnostic in folder.errors() {
        let (_, bytes) = files
            .iter()
            .find(|(name, _)| diagnostic.path == format!("(memory)/{name}"))
            .unwrap_or_else(|| panic!("a problem on a file that was not given: {diagnostic}"));
        if let Some((line, column)) = diagnostic.location {
            let lines = String::from_utf8_lossy(bytes).split('\n').count();
            assert!(
                line >= 1 && column >= 1 && line <= lines + 1,
                "{diagnostic} is outside the file's {lines} lines"
            );
        }
    }
}

/// The model a profile text defines, if it is a valid model.
fn model_of(text: &str) -> Option<ModelProfile> {
    match parse_profile("fuzz.toml", text).ok()?.definition {
        Definition::Model(model) => Some(model),
        Definition::Mix(_) => None,
    }
}

/// `s` on any valid model file: writing back a field's own value changes
/// no figure, and writing first-pass rate 0.5 changes that one only. The
/// write may refuse (and say why); it may never leave a file that reads
/// back different or broken.
fn check_write_back(files: &[(String, Vec<u8>)]) {
    for (_, bytes) in files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        let Some(model) = model_of(text) else {
            continue;
        };
        for field in ProfileField::ALL {
            for value in [field.get(&model), 0.5] {
                if field != ProfileField::FirstPassRate && value != field.get(&model) {
                    continue;
                }
                let edit = Edit {
                    table: field.table().to_string(),
                    key: field.key().to_string(),
                    value,
                };
                let Ok(written) = apply_edits(text, &[edit]) else {
                    continue;
                };
                let reread = model_of(&written).unwrap_or_else(|| {
                    panic!("{field:?} = {value} written back does not read back:\n{written}")
                });
                for other in ProfileField::ALL {
                    let want = if other == field {
                        value
                    } else {
                        other.get(&model)
                    };
                    assert_eq!(
                        other.get(&reread).to_bits(),
                        want.to_bits(),
                        "{other:?} after writing {field:?} = {value}:\n{written}"
                    );
                }
            }
        }
    }
}

/// One file, fast: `data` as a profile and as a scenario, parsed and
/// validated; a valid model computed under the default scenario and under
/// the file as a scenario, and written back as `s` would. For the
/// `profile` fuzz target, which runs ~100× faster than `run` and so goes
/// deeper into the parser and the validator.
pub fn run_one(data: &[u8]) {
    let files = vec![("a.toml".to_string(), data.to_vec())];
    let folder = Folder::load_memory(files.clone(), None);
    check_locations(&folder, &files);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scenario = costlens::profile::parse_scenario("s.toml", text).unwrap_or_default();
    if let Some(model) = model_of(text) {
        // Huge but valid numbers (1e308 per token) may overflow to inf,
        // which every view shows as "—"; computing must not panic.
        for scenario in [&Default::default(), &scenario] {
            let _ = model.figures(scenario);
        }
    }
    check_write_back(&files);
}

/// Runs `data` through everything; a panic is a bug.
pub fn run(data: &[u8]) {
    let files = files(data);
    let first = Folder::load_memory(files.clone(), None);
    check_locations(&first, &files);
    check_write_back(&files);
    report_all(&first);

    // A reload where every file lost its second half, as a half-written
    // save would: the last good values must carry over.
    let halves: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(name, bytes)| (name.clone(), bytes[..bytes.len() / 2].to_vec()))
        .collect();
    let second = Folder::load_memory(halves.clone(), Some(&first));
    check_locations(&second, &halves);
    report_all(&second);
    // Whatever the text, loading it twice gives the same folder.
    assert_eq!(first, Folder::load_memory(files, None));

    let mut app = App::new(Source::BuiltIn, first, true);
    draw(&app, 80, 24);
    let keys = data.rsplit(|&byte| byte == 0).next().unwrap_or_default();
    for &byte in keys.iter().take(64) {
        app.update(action(byte));
    }
    app.update(Action::folder_loaded(second));
    draw(&app, 80, 24);
    // The widget straight into buffers, without the backend's diff: most
    // of a TestBackend draw's time under coverage instrumentation is the
    // diff, which is ratatui's code, not ours.
    for (width, height) in [(160, 48), (20, 5), (1, 1)] {
        let area = Rect::new(0, 0, width, height);
        let mut buffer = Buffer::empty(area);
        (&DrawContext::new(&app, &Theme::color())).render(area, &mut buffer);
    }
}

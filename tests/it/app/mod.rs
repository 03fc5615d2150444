//! `App::update`: each action on a known state gives the expected state.
//! Real profile files in a temp folder; no terminal involved.

use std::fs;

use costlens::app::{Action, App, Mode, SLIDERS, Source};
use costlens::model::{ProfileField, ScenarioField};
use costlens::profile::Folder;

use crate::support::worked::{CHEAP, STRONG};

mod broken_files;
mod explore;
mod mouse;
mod new_sliders;
mod reload;
mod save;
mod saving_everything;
mod slider_actions;
mod views;

/// The worked check's `strong` plus what these tests need of it: comments,
/// for a save to keep, and a quarter of the input written to the cache,
/// which caps the cache-hit slider at 75%.
fn strong_with_comments_and_cache_writes() -> String {
    let text = format!("# strong: the worked check\n{STRONG}")
        .replacen(
            "output_tokens = 8_000\n",
            "output_tokens = 8_000\ncache_write_ratio = 0.25\n",
            1,
        )
        .replacen(
            "first_pass_rate = 0.72\n",
            "first_pass_rate = 0.72  # assumption\n",
            1,
        );
    assert!(text.contains("cache_write_ratio") && text.contains("# assumption"));
    text
}

const MIX: &str =
    "[[mix]]\nprofile = \"strong\"\nshare = 0.5\n[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n";

/// Slider positions in `SLIDERS`, a model's sliders.
const FIRST_PASS: usize = 0;
const REVIEW: usize = 1;
const CACHE_HITS: usize = 2;
const ENGINEER: usize = 3;
const BASELINE: usize = 9;
const WEEKLY: usize = 10;

struct Fixture {
    dir: tempfile::TempDir,
    app: App,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let strong = strong_with_comments_and_cache_writes();
    fs::write(dir.path().join("strong.toml"), strong).unwrap();
    fs::write(dir.path().join("cheap.toml"), CHEAP).unwrap();
    fs::write(dir.path().join("tiered.toml"), MIX).unwrap();
    let folder = Folder::load_dir(dir.path()).unwrap();
    let app = App::new(Source::Folder(dir.path().to_path_buf()), folder, false);
    Fixture { dir, app }
}

fn ids(app: &App) -> Vec<String> {
    app.comparison()
        .rows
        .iter()
        .map(|row| row.id.clone())
        .collect()
}

fn cost(app: &App, id: &str) -> f64 {
    let row = app
        .comparison()
        .rows
        .iter()
        .find(|row| row.id == id)
        .unwrap();
    row.figures.core.cost_per_merge
}

fn focus(app: &mut App, slider: usize) {
    while app.focused_slider() != slider {
        app.update(Action::FocusNextSlider);
    }
}

/// Selects profile `id`'s row, wherever the sort put it.
fn select(app: &mut App, id: &str) {
    let row = ids(app).iter().position(|row| row == id).unwrap();
    app.update(Action::SelectRow(row));
}

fn run(app: &mut App, actions: &[Action]) {
    for action in actions {
        app.update(action.clone());
    }
}

const FINE_UP: Action = Action::Nudge {
    steps: 1,
    coarse: false,
};
const FINE_DOWN: Action = Action::Nudge {
    steps: -1,
    coarse: false,
};
const COARSE_UP: Action = Action::Nudge {
    steps: 1,
    coarse: true,
};
const COARSE_DOWN: Action = Action::Nudge {
    steps: -1,
    coarse: true,
};

//! The explorer's state, and `update`: the one place it changes.

mod accessors;
mod action;
mod export;
mod keys;
mod meeting;
mod recompute;
mod reload;
mod save;
mod sliders;
mod view;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Instant;

pub use action::Action;
pub(crate) use keys::{BINDINGS, Binding};
pub use keys::{Key, action_for};
pub use meeting::{PRESENTED_LEVERS, Screen, ThemeName};
pub use sliders::{SCENARIO_SLIDERS, SLIDERS, Slider, SliderTarget, Unit};
pub use view::View;

use export::ExportTarget;

use crate::model::analysis::Analysis;
use crate::model::{Catalog, Scenario};
use crate::overrides::Overrides;
use crate::profile::Folder;
use crate::report::Comparison;

/// What is on top of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The table, sliders and detail.
    Explore,
    /// The help overlay over them.
    Help,
}

/// Where the profiles came from: `s` can only write into a folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Folder(PathBuf),
    BuiltIn,
}

/// A line for the footer: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The whole state of the explorer.
#[derive(Debug)]
pub struct App {
    source: Source,
    folder: Folder,
    /// The files' values, as the engine sees them.
    file_catalog: Catalog,
    /// The files' values with the what-ifs on top.
    catalog: Catalog,
    scenario: Scenario,
    overrides: Overrides,
    history: VecDeque<Overrides>,
    comparison: Comparison,
    /// Row of the selected profile in `comparison` (cheapest first).
    selected: usize,
    /// What the focused slider moves (`focused_slider` finds it among
    /// the selected profile's sliders).
    focus: SliderTarget,
    /// `None`: the cheapest row is the reference.
    reference_id: Option<String>,
    mode: Mode,
    /// The view shown above the sliders (`1`–`4`).
    view: View,
    /// The selected profile's analyses, kept in step by `update`.
    analysis: Option<Analysis>,
    mouse: bool,
    status: Option<Status>,
    running: bool,
    /// Where `e` writes the export.
    export_target: ExportTarget,
    /// The watcher's last word was that the folder cannot be read; the
    /// next good load says it is back.
    folder_unreadable: bool,
    /// Mixes whose share what-if a reload dropped (their parts changed),
    /// for `update` to name in the footer after the action's own word.
    dropped_splits: Vec<String>,
    /// When the last reread (F5, a save's) began: a watcher's load that
    /// began earlier is older than the screen and is dropped.
    last_reread: Option<Instant>,
    /// The explorer's screen or the meeting's (`P`).
    screen: Screen,
    /// The colour theme (`t`); the ui turns it into colours.
    theme_name: ThemeName,
    /// False under `NO_COLOR` / `--color never`: `t` has nothing to cycle.
    in_colour: bool,
    /// `x` asked for pictures of the next frame.
    picture_requested: bool,
}

impl App {
    pub fn new(source: Source, folder: Folder, mouse: bool) -> App {
        let mut app = App {
            source,
            file_catalog: folder.catalog(),
            catalog: Catalog::new(),
            scenario: folder.scenario().clone(),
            folder,
            overrides: Overrides::default(),
            history: VecDeque::new(),
            comparison: Comparison::default(),
            selected: 0,
            focus: SLIDERS[0].target,
            reference_id: None,
            mode: Mode::Explore,
            view: View::Compare,
            analysis: None,
            mouse,
            status: None,
            running: true,
            export_target: ExportTarget::default(),
            folder_unreadable: false,
            dropped_splits: Vec::new(),
            last_reread: None,
            screen: Screen::Explorer,
            theme_name: ThemeName::Dark,
            in_colour: true,
            picture_requested: false,
        };
        app.recompute(None);
        app.refresh_analysis();
        app
    }

    /// `--set` what-ifs on top of the files (`costlens snapshot`), as if
    /// the sliders had moved there: shown as moved, nothing to undo. An
    /// unknown profile id or a mix is an error, as for `report --set`.
    pub fn with_what_ifs(mut self, what_ifs: &[crate::overrides::WhatIf]) -> Result<App, String> {
        self.overrides = crate::overrides::overrides_for(what_ifs, &self.file_catalog)?;
        self.recompute(None);
        self.refresh_analysis();
        Ok(self)
    }

    /// No word in the footer: a picture set up by actions shows none of
    /// theirs.
    pub fn without_status(mut self) -> App {
        self.status = None;
        self
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let moves_analysis = action.moves_analysis();
        self.apply(action);
        self.say_dropped_splits();
        if moves_analysis {
            self.refresh_analysis();
        }
    }

    /// A share what-if never goes without a word: after the action's own
    /// (`reloaded tiered.toml`), which split was dropped and why.
    fn say_dropped_splits(&mut self) {
        let dropped = std::mem::take(&mut self.dropped_splits);
        if dropped.is_empty() {
            return;
        }
        let words: Vec<String> = dropped
            .iter()
            .map(|id| match self.folder.profile(id) {
                Some(profile) => {
                    let file = crate::profile::file_name_of(Path::new(&profile.path));
                    let why = match profile.kind() {
                        crate::profile::ProfileKind::Mix => "its parts changed",
                        crate::profile::ProfileKind::Model => "it is no longer a mix",
                    };
                    format!(
                        "dropped the share what-ifs of {}: {why} in {file}",
                        profile.name
                    )
                }
                None => format!("dropped the share what-ifs of {id}: its parts changed"),
            })
            .collect();
        let words = words.join("; ");
        match self.status.take() {
            Some(Status { text, is_error }) => {
                self.status = Some(Status {
                    text: format!("{text}; {words}"),
                    is_error,
                });
            }
            None => self.say(words),
        }
    }

    /// The one match from an action to what it does.
    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit(),
            Action::SelectNext => self.select_by(1),
            Action::SelectPrevious => self.select_by(-1),
            Action::SelectRow(row) => self.select_row(row),
            Action::FocusNextSlider => self.focus_slider_by(1),
            Action::FocusPreviousSlider => self.focus_slider_by(-1),
            Action::Nudge { steps, coarse } => self.nudge(steps, coarse),
            Action::SetSliderPosition { slider, position } => {
                self.set_slider_position(slider, position)
            }
            Action::ApplyToAll => self.apply_to_all(),
            Action::ResetSlider => self.reset_slider(),
            Action::ResetAll => self.reset_all(),
            Action::Undo => self.undo(),
            Action::Save => self.save(),
            Action::SaveAll => self.save_all(),
            Action::Export => self.export(),
            Action::PinReference => self.pin_reference(),
            Action::ShowView(view) => self.show_view(view),
            Action::ToggleHelp => self.toggle_help(),
            Action::ShowHelp => self.mode = Mode::Help,
            Action::CloseOverlay => self.close_overlay(),
            Action::TogglePresentation => self.toggle_presentation(),
            Action::CycleTheme => self.cycle_theme(),
            Action::TakePictures => self.ask_for_pictures(),
            Action::PicturesWritten(written) => self.pictures_written(written),
            Action::ToggleMouse => self.toggle_mouse(),
            Action::Reload => self.reload(),
            Action::FolderLoaded { folder, started } => self.folder_loaded(*folder, started),
            Action::FolderFailed(message) => self.folder_failed(message),
            Action::Notice(message) => self.say(message),
        }
    }

    fn quit(&mut self) {
        self.running = false;
    }

    fn select_by(&mut self, delta: isize) {
        let last = self.comparison.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    fn select_row(&mut self, row: usize) {
        if row < self.comparison.rows.len() {
            self.selected = row;
        }
    }

    fn pin_reference(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        let (id, name) = (row.id.clone(), row.name.clone());
        if self.reference_id.as_deref() == Some(id.as_str()) {
            self.reference_id = None;
            let cheapest = self.reference_row().map(|row| row.name.clone());
            let cheapest = cheapest.unwrap_or_default();
            self.say(format!("reference back to the cheapest, {cheapest}"));
        } else {
            self.reference_id = Some(id);
            self.say(format!("pinned {name} as reference"));
        }
    }

    /// Esc: the help closes first; with nothing open, presentation mode
    /// ends.
    fn close_overlay(&mut self) {
        match (self.mode, self.screen) {
            (Mode::Help, _) => self.mode = Mode::Explore,
            (Mode::Explore, Screen::Presentation) => self.leave_presentation(),
            (Mode::Explore, Screen::Explorer) => {}
        }
    }

    fn toggle_help(&mut self) {
        self.mode = match self.mode {
            Mode::Explore => Mode::Help,
            Mode::Help => Mode::Explore,
        };
    }

    fn toggle_mouse(&mut self) {
        self.mouse = !self.mouse;
        self.say(format!("mouse {}", if self.mouse { "on" } else { "off" }));
    }

    fn say(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: false,
        });
    }

    fn fail(&mut self, text: String) {
        self.status = Some(Status {
            text,
            is_error: true,
        });
    }
}

/// What one slider shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SliderView {
    pub value: f64,
    pub file_value: f64,
    pub moved: bool,
    pub range: (f64, f64),
}

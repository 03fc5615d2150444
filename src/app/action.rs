//! Everything the explorer can be asked to do. Keys, the mouse and (later)
//! file events all become an `Action`; `App::update` is the one place that
//! changes state.

use std::time::Instant;

use super::View;
use crate::profile::Folder;

/// One thing to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Leave the explorer.
    Quit,
    /// Select the profile below.
    SelectNext,
    /// Select the profile above.
    SelectPrevious,
    /// Select the profile on this row of the table (0 = cheapest).
    SelectRow(usize),
    /// Focus the next slider.
    FocusNextSlider,
    /// Focus the previous slider.
    FocusPreviousSlider,
    /// Move the focused slider by `steps` fine or coarse steps.
    Nudge { steps: i32, coarse: bool },
    /// Focus slider `slider` and set it to `position` (0..1 along its track).
    SetSliderPosition { slider: usize, position: f64 },
    /// Give every profile the focused slider's value.
    ApplyToAll,
    /// Put the focused slider back to the file's value.
    ResetSlider,
    /// Drop every what-if.
    ResetAll,
    /// Take back the last change of what-ifs.
    Undo,
    /// Write the selected profile's what-ifs and the scenario's into their files.
    Save,
    /// Write every what-if on screen, every profile's and the scenario's.
    SaveAll,
    /// Write the comparison as it stands, what-ifs included, to a markdown file.
    Export,
    /// Make the selected profile the reference row (again: back to cheapest).
    PinReference,
    /// Show this view above the sliders.
    ShowView(View),
    /// Open or close the help overlay.
    ToggleHelp,
    /// Open the help overlay; already open, it stays (F1 never closes it,
    /// so pressing it is always safe, whatever came before).
    ShowHelp,
    /// Close whatever overlay is open.
    CloseOverlay,
    /// Enter or leave presentation mode (`P`).
    TogglePresentation,
    /// The next colour theme (`t`).
    CycleTheme,
    /// Write the screen as pictures (`x`): the terminal layer draws the
    /// next frame into SVG and PNG files and answers `PicturesWritten`.
    TakePictures,
    /// Where the pictures went, or why they could not be written.
    PicturesWritten(Result<Vec<std::path::PathBuf>, String>),
    /// Turn mouse support on or off.
    ToggleMouse,
    /// Read the profiles folder again now.
    Reload,
    /// The watcher loaded the folder again after a change; `started` is
    /// when its reading began. A load that started before the explorer's
    /// own last reread (F5, a save's) is dropped: it may be older than
    /// what is on screen, e.g. caught between two writes of one save.
    FolderLoaded {
        folder: Box<Folder>,
        started: Instant,
    },
    /// The watcher could not read the folder; the last good state stays.
    FolderFailed(String),
    /// Something the user should know, for the footer.
    Notice(String),
}

impl Action {
    /// A folder the caller loaded just now, stamped `Instant::now()`: it
    /// applies unless a reread started after this call.
    pub fn folder_loaded(folder: Folder) -> Action {
        Action::FolderLoaded {
            folder: Box::new(folder),
            started: Instant::now(),
        }
    }

    /// Whether the selected profile's analysis may differ after this
    /// action: figures, the selection, the pin or the what-ifs moved.
    /// Only what changes the screen alone (focus, overlays, the mouse, a
    /// message, the view) leaves it as it is.
    pub(crate) fn moves_analysis(&self) -> bool {
        !matches!(
            self,
            Action::Quit
                | Action::FocusNextSlider
                | Action::FocusPreviousSlider
                | Action::Export
                | Action::ShowView(_)
                | Action::ToggleHelp
                | Action::ShowHelp
                | Action::CloseOverlay
                | Action::ToggleMouse
                | Action::CycleTheme
                | Action::TakePictures
                | Action::PicturesWritten(_)
                | Action::FolderFailed(_)
                | Action::Notice(_)
        )
    }
}

//! Profile files to validated profiles, with located errors
//! (`docs/profile-format.md`).

mod builtin;
mod calibration;
mod changes;
mod decode;
mod folder;
mod raw;
mod read;
mod validate;

use std::fmt;
use std::ops::Range;

pub use builtin::{BUILTIN_FILES, BuiltinFile};
pub use calibration::{Calibration, matches_model_id, measured_field, measured_name};
pub(crate) use changes::ChangedFile;
pub use folder::{Folder, LoadedProfile, ProfileKind};
pub use read::MAX_FILE_BYTES;
pub(crate) use read::{SCENARIO_FILE, file_name_of, is_hidden_control, is_profile_name};
pub(crate) use validate::show_number;

use crate::model::{MixPart, ModelProfile, Scenario};

/// A problem inside one text, located by byte span.
#[derive(Debug, Clone, PartialEq)]
struct Problem {
    span: Option<Range<usize>>,
    message: String,
}

impl Problem {
    fn new(span: Option<Range<usize>>, message: String) -> Self {
        Self { span, message }
    }

    /// Places the problem in `path`, turning the span into line and column.
    fn locate(self, path: &str, text: &str) -> Diagnostic {
        Diagnostic {
            path: path.to_string(),
            location: self.span.map(|span| line_column(text, span.start)),
            message: self.message,
        }
    }
}

/// One message about one file, as `check` prints it and JSON carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: String,
    /// Line and column, from 1; `None` where the problem has no place in
    /// the file (it cannot be read, a mix names a missing profile).
    pub location: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

/// Line and column (in characters) of byte `offset`, both from 1.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// A mix part with where it was written, for cycle messages.
#[derive(Debug, Clone, PartialEq)]
pub struct LocatedPart {
    pub part: MixPart,
    /// Line and column of the part's `profile` value.
    pub profile_location: (usize, usize),
}

/// What a valid profile file defines.
#[derive(Debug, Clone, PartialEq)]
pub enum Definition {
    Model(ModelProfile),
    Mix(Vec<LocatedPart>),
}

/// A profile file that passed every per-file rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileText {
    pub name: Option<String>,
    pub notes: Option<String>,
    pub as_of: Option<String>,
    pub source: Option<String>,
    /// `[prices.long_prompt]`'s `threshold_tokens`, where it is written.
    pub long_prompt_threshold_tokens: Option<f64>,
    /// The model ids this profile stands for in usage logs (see
    /// [`matches_model_id`]); empty for a mix, and where the file has none.
    pub model_ids: Vec<String>,
    /// Where its measured figures came from; `None` for a mix, and where
    /// every figure is an assumption.
    pub calibration: Option<Calibration>,
    pub definition: Definition,
}

/// Parses and validates one profile file's text.
pub fn parse_profile(path: &str, text: &str) -> Result<ProfileText, Vec<Diagnostic>> {
    let (raw, mut problems, removed) = decode::decode::<raw::RawProfile>(text);
    let profile = raw.and_then(|raw| {
        let (profile, more) = validate::validate_profile(raw, text, removed);
        problems.extend(more);
        profile
    });
    match profile {
        Some(profile) if problems.is_empty() => Ok(profile),
        _ => Err(locate_all(path, text, problems)),
    }
}

/// Parses and validates a `scenario.toml` text.
pub fn parse_scenario(path: &str, text: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let (raw, mut problems, _) = decode::decode::<raw::RawScenario>(text);
    let scenario = raw.and_then(|raw| {
        let (scenario, more) = validate::validate_scenario(raw);
        problems.extend(more);
        scenario
    });
    match scenario {
        Some(scenario) if problems.is_empty() => Ok(scenario),
        _ => Err(locate_all(path, text, problems)),
    }
}

fn locate_all(path: &str, text: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    let mut diagnostics: Vec<Diagnostic> =
        problems.into_iter().map(|p| p.locate(path, text)).collect();
    if diagnostics.is_empty() {
        // Defensive: a rejected file always says why.
        diagnostics.push(Diagnostic {
            path: path.to_string(),
            location: None,
            message: "invalid profile".to_string(),
        });
    }
    diagnostics.sort_by_key(|d| d.location);
    diagnostics
}

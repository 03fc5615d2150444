//! A profiles folder: read every file safely, validate each on its own,
//! then check the mixes against the profiles that loaded.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::read::{decode_text, is_profile_name, read_text, refused_name};
use super::{
    BUILTIN_FILES, Calibration, Definition, Diagnostic, LocatedPart, ProfileText, SCENARIO_FILE,
};
use crate::model::{Catalog, MixError, ModelProfile, ProfileDef, ProfileField, Scenario};
use crate::suggest::nearest;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    Model,
    Mix,
}

/// A profile that loaded, with what the table shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedProfile {
    pub id: String,
    pub name: String,
    pub path: String,
    pub text: ProfileText,
    /// The file is broken now; these are its last good values.
    pub stale: bool,
}

impl LoadedProfile {
    pub fn kind(&self) -> ProfileKind {
        match self.text.definition {
            Definition::Model(_) => ProfileKind::Model,
            Definition::Mix(_) => ProfileKind::Mix,
        }
    }

    /// The model the file defines; `None` for a mix.
    pub fn model(&self) -> Option<&ModelProfile> {
        match &self.text.definition {
            Definition::Model(model) => Some(model),
            Definition::Mix(_) => None,
        }
    }

    /// Where the long-prompt band starts, in prompt tokens, when the file
    /// has a `[prices.long_prompt]` that says: a request is in the band when
    /// its prompt is over this. Whole tokens: a prompt over 100000.5 tokens
    /// is one over 100000, so the fraction is dropped (and a threshold past
    /// u64 saturates, which no prompt is over).
    pub fn long_prompt_threshold_tokens(&self) -> Option<u64> {
        // The loader checked it is finite and >= 0: `as` only floors.
        self.text
            .long_prompt_threshold_tokens
            .map(|tokens| tokens.floor() as u64)
    }

    /// The model ids this profile stands for in usage logs.
    pub fn model_ids(&self) -> &[String] {
        &self.text.model_ids
    }

    /// Where its measured figures came from, if any are.
    pub fn calibration(&self) -> Option<&Calibration> {
        self.text.calibration.as_ref()
    }

    /// Whether `field` is measured (named in `[calibration]`'s `measured`)
    /// rather than assumed. A price never is.
    pub fn is_measured(&self, field: ProfileField) -> bool {
        self.calibration().is_some_and(|c| c.is_measured(field))
    }

    fn def(&self) -> ProfileDef {
        match &self.text.definition {
            Definition::Model(model) => ProfileDef::Model(model.clone()),
            Definition::Mix(parts) => {
                ProfileDef::Mix(parts.iter().map(|p| p.part.clone()).collect())
            }
        }
    }
}

/// Where a file's text comes from.
enum Origin {
    Disk(PathBuf),
    Builtin(&'static str),
    /// Bytes handed over by the caller (the fuzzer, tests): checked like a
    /// file's, size and encoding included.
    Memory(Vec<u8>),
}

/// One file to load: its name, how it is shown in messages, its origin.
struct SourceFile {
    file_name: String,
    shown: String,
    origin: Origin,
}

/// One file, read and validated on its own.
enum Parsed {
    Scenario(Scenario),
    Profile(Box<ProfileText>),
    Bad(Vec<Diagnostic>),
}

/// Below this many files per core, threads cost more than they save.
const FILES_PER_WORKER: usize = 256;

impl SourceFile {
    fn parse(&self) -> Parsed {
        let text = match &self.origin {
            Origin::Disk(path) => read_text(path, &self.shown),
            Origin::Builtin(text) => Ok((*text).to_string()),
            Origin::Memory(bytes) => decode_text(bytes.clone(), &self.shown),
        };
        let text = match text {
            Ok(text) => text,
            Err(diagnostic) => return Parsed::Bad(vec![diagnostic]),
        };
        let parsed = if self.file_name == SCENARIO_FILE {
            super::parse_scenario(&self.shown, &text).map(Parsed::Scenario)
        } else {
            super::parse_profile(&self.shown, &text).map(|p| Parsed::Profile(Box::new(p)))
        };
        parsed.unwrap_or_else(Parsed::Bad)
    }
}

/// Reads and validates every file, spread over the machine's cores: files
/// are independent, and a 10,000-profile folder is mostly parse time.
fn parse_all(files: &[SourceFile]) -> Vec<Parsed> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let workers = cores.min(files.len() / FILES_PER_WORKER).max(1);
    if workers == 1 {
        return files.iter().map(SourceFile::parse).collect();
    }
    let chunk = files.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(SourceFile::parse).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// Everything a folder yields: the good profiles, the scenario and one
/// diagnostic per problem.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folder {
    scenario: Scenario,
    /// `scenario.toml` is broken now; the scenario is its last good one.
    scenario_stale: bool,
    profiles: Vec<LoadedProfile>,
    errors: Vec<Diagnostic>,
}

impl Folder {
    /// Loads `dir`. Fails only when the folder itself cannot be listed.
    pub fn load_dir(dir: &Path) -> io::Result<Folder> {
        Self::reload_dir(dir, None)
    }

    /// Loads `dir` again. A file that was good in `previous` and is broken
    /// now keeps its last good values, marked stale, beside its errors.
    pub fn reload_dir(dir: &Path, previous: Option<&Folder>) -> io::Result<Folder> {
        let mut files = Vec::new();
        let mut refused = Vec::new();
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let raw_name = entry.file_name();
            let lossy = raw_name.to_string_lossy();
            if !is_profile_name(&lossy) {
                continue;
            }
            if let Some(message) = refused_name(&raw_name) {
                refused.push(Diagnostic {
                    path: dir
                        .join(lossy.escape_debug().to_string())
                        .display()
                        .to_string(),
                    location: None,
                    message: message.to_string(),
                });
                continue;
            }
            let file_name = lossy.into_owned();
            let path = entry.path();
            let shown = path.display().to_string();
            files.push(SourceFile {
                file_name,
                shown,
                origin: Origin::Disk(path),
            });
        }
        files.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        let mut folder = Self::from_sources(files, previous);
        refused.sort_by(|a, b| a.path.cmp(&b.path));
        folder.errors.extend(refused);
        Ok(folder)
    }

    /// Loads files given as `(file name, bytes)`, as if they were a
    /// folder's, with `previous` as in [`Folder::reload_dir`]. Names that
    /// a folder would skip (not `.toml`, scratch files) are skipped here too.
    pub fn load_memory(files: Vec<(String, Vec<u8>)>, previous: Option<&Folder>) -> Folder {
        let mut sources: Vec<SourceFile> = files
            .into_iter()
            .filter(|(name, _)| is_profile_name(name))
            .map(|(file_name, bytes)| SourceFile {
                shown: format!("(memory)/{file_name}"),
                file_name,
                origin: Origin::Memory(bytes),
            })
            .collect();
        sources.sort_by(|a, b| a.file_name.cmp(&b.file_name));
        sources.dedup_by(|a, b| a.file_name == b.file_name);
        Self::from_sources(sources, previous)
    }

    /// The profiles built into the binary.
    pub fn load_builtin() -> Folder {
        let files = BUILTIN_FILES
            .iter()
            .map(|file| SourceFile {
                file_name: file.name.to_string(),
                shown: format!("(built-in)/{}", file.name),
                origin: Origin::Builtin(file.text),
            })
            .collect();
        Self::from_sources(files, None)
    }

    fn from_sources(files: Vec<SourceFile>, previous: Option<&Folder>) -> Folder {
        let mut folder = Folder::default();
        let mut failed: HashSet<String> = HashSet::new();
        let parsed = parse_all(&files);
        for (file, parsed) in files.into_iter().zip(parsed) {
            let id = file.file_name.trim_end_matches(".toml").to_string();
            match parsed {
                Parsed::Profile(text) => {
                    let name = text.name.clone().unwrap_or_else(|| id.clone());
                    folder.profiles.push(LoadedProfile {
                        id,
                        name,
                        path: file.shown,
                        text: *text,
                        stale: false,
                    });
                }
                Parsed::Scenario(scenario) => folder.scenario = scenario,
                Parsed::Bad(diagnostics) => {
                    folder.errors.extend(diagnostics);
                    let last_good = previous.and_then(|previous| previous.profile(&id));
                    match last_good {
                        Some(good) => folder.profiles.push(LoadedProfile {
                            stale: true,
                            ..good.clone()
                        }),
                        None if file.file_name == SCENARIO_FILE => {
                            if let Some(previous) = previous {
                                folder.scenario = previous.scenario.clone();
                                folder.scenario_stale = true;
                            }
                        }
                        None => {
                            failed.insert(id);
                        }
                    }
                }
            }
        }
        folder.reject_broken_mixes(&failed);
        folder
    }

    /// Drops every mix that names a missing or bad profile or leads back
    /// to itself, with a message on the mix's file.
    fn reject_broken_mixes(&mut self, failed: &HashSet<String>) {
        let catalog = self.catalog();
        let ids: Vec<&str> = self.profiles.iter().map(|p| p.id.as_str()).collect();
        let mut broken = HashSet::new();
        // Only mixes can be broken by others; models are not computed here
        // beyond what a mix needs.
        let mixes =
            catalog.compute_some(&self.scenario, |_, def| matches!(def, ProfileDef::Mix(_)));
        for (id, result) in &mixes {
            let Err(err) = result else { continue };
            let Some(profile) = self.profiles.iter().find(|profile| profile.id == *id) else {
                continue;
            };
            let Definition::Mix(parts) = &profile.text.definition else {
                continue;
            };
            let (location, message) = describe_mix_error(err, parts, failed, &ids);
            self.errors.push(Diagnostic {
                path: profile.path.clone(),
                location,
                message,
            });
            broken.insert(id.to_string());
        }
        self.profiles
            .retain(|profile| !broken.contains(&profile.id));
    }

    /// The engine's view of the good profiles.
    pub fn catalog(&self) -> Catalog {
        let mut catalog = Catalog::new();
        for profile in &self.profiles {
            catalog.insert(profile.id.clone(), profile.def());
        }
        catalog
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub(crate) fn scenario_is_stale(&self) -> bool {
        self.scenario_stale
    }

    pub fn profiles(&self) -> &[LoadedProfile] {
        &self.profiles
    }

    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    pub fn profile(&self, id: &str) -> Option<&LoadedProfile> {
        self.profiles.iter().find(|profile| profile.id == id)
    }
}

fn describe_mix_error(
    err: &MixError,
    parts: &[LocatedPart],
    failed: &HashSet<String>,
    ids: &[&str],
) -> (Option<(usize, usize)>, String) {
    match err {
        MixError::Missing { part } if failed.contains(part) => (
            None,
            format!("mix part `{part}` has errors of its own, so this mix has no figures"),
        ),
        MixError::Missing { part } => {
            let hint = nearest(part, ids)
                .map_or(String::new(), |guess| format!("; did you mean `{guess}`?"));
            (
                None,
                format!("mix names profile `{part}`, which is not in this folder{hint}"),
            )
        }
        MixError::BrokenPart { part } => (
            None,
            format!(
                "mix part `{part}` is a mix with errors of its own, so this mix has no figures"
            ),
        ),
        MixError::Cycle { path } => {
            let next = path.get(1).map(String::as_str).unwrap_or_default();
            let location = parts
                .iter()
                .find(|p| p.part.profile_id == next)
                .map(|p| p.profile_location);
            (
                location,
                format!("mix leads back to itself: {}", path.join(" -> ")),
            )
        }
        MixError::TooDeep => (
            None,
            format!(
                "mix nesting is deeper than {} levels",
                crate::model::MAX_MIX_DEPTH
            ),
        ),
    }
}

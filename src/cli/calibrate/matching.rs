//! Which profile a log's model id stands for: a profile lists the ids in
//! `model_ids`; a log id matches an entry equal to it or the entry, `-`
//! and an 8-digit date. When two profiles claim one id, the first by
//! profile id wins and a warning names both.

use crate::calibrate::logs::shown;
use crate::profile::{Folder, LoadedProfile, matches_model_id};

/// The profiles that can take usage figures: model profiles with ids.
pub(super) struct Matcher<'a> {
    /// Sorted by profile id, so the first claim wins.
    profiles: Vec<&'a LoadedProfile>,
}

/// A log model's profile, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Match<'a> {
    pub profile: Option<&'a LoadedProfile>,
    /// A second profile that also claims the id.
    pub also: Vec<&'a LoadedProfile>,
}

impl<'a> Matcher<'a> {
    pub(super) fn new(folder: &'a Folder) -> Self {
        let mut profiles: Vec<&LoadedProfile> = folder
            .profiles()
            .iter()
            .filter(|profile| !profile.model_ids().is_empty())
            .collect();
        profiles.sort_by(|a, b| a.id.cmp(&b.id));
        Matcher { profiles }
    }

    pub(super) fn find(&self, log_id: &str) -> Match<'a> {
        let mut claims = self.profiles.iter().copied().filter(|profile| {
            profile
                .model_ids()
                .iter()
                .any(|entry| matches_model_id(entry, log_id))
        });
        let profile = claims.next();
        Match {
            profile,
            also: claims.collect(),
        }
    }
}

/// The warning for a log id two or more profiles claim.
pub(super) fn claimed_twice(log_id: &str, found: &Match) -> Option<String> {
    let first = found.profile?;
    if found.also.is_empty() {
        return None;
    }
    let others: Vec<String> = found.also.iter().map(|p| format!("`{}`", p.id)).collect();
    Some(format!(
        "model `{}` is claimed by profiles `{}` and {}; its figures go to `{}` (the first by id)",
        shown(log_id),
        first.id,
        others.join(", "),
        first.id
    ))
}

//! What-ifs on top of the files: `--set K=V` on the command line, the same
//! as moving a slider in the explorer.

use std::fmt;
use std::str::FromStr;

use crate::model::{Catalog, ProfileDef, ProfileField, Scenario, ScenarioField};
use crate::profile::{nearest, show_number};

/// What a what-if changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A scenario-wide field.
    Scenario(ScenarioField),
    /// One field of every model profile.
    EveryProfile(ProfileField),
    /// One field of one profile, by id.
    Profile(String, ProfileField),
}

/// One `K=V` what-if.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    pub target: Target,
    pub value: f64,
}

impl fmt::Display for WhatIf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Scenario(field) => write!(f, "{}", field.key()),
            Target::EveryProfile(field) => write!(f, "{}", field.key()),
            Target::Profile(id, field) => write!(f, "{id}.{}", field.key()),
        }?;
        write!(f, "={}", show_number(self.value))
    }
}

fn known_keys() -> Vec<&'static str> {
    let scenario = ScenarioField::ALL.iter().map(|field| field.key());
    scenario
        .chain(ProfileField::ALL.iter().map(|field| field.key()))
        .collect()
}

fn unknown_key(key: &str) -> String {
    let keys = known_keys();
    match nearest(key, &keys) {
        Some(guess) => format!("unknown key `{key}`; did you mean `{guess}`?"),
        None => format!("unknown key `{key}`; expected one of {}", keys.join(", ")),
    }
}

impl FromStr for WhatIf {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (key, value) = text
            .split_once('=')
            .ok_or_else(|| format!("`{text}` is not K=V"))?;
        let (key, value) = (key.trim(), value.trim());
        let value: f64 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a number (in `{text}`)"))?;
        // Ids may hold dots (`sonnet-4.6`), field names never do.
        let target = match key.rsplit_once('.') {
            Some((id, field)) => Target::Profile(
                id.to_string(),
                ProfileField::from_key(field).ok_or_else(|| unknown_key(field))?,
            ),
            None => match (ScenarioField::from_key(key), ProfileField::from_key(key)) {
                (Some(field), _) => Target::Scenario(field),
                (None, Some(field)) => Target::EveryProfile(field),
                (None, None) => return Err(unknown_key(key)),
            },
        };
        let bound = match &target {
            Target::Scenario(field) => field.bound(),
            Target::EveryProfile(field) | Target::Profile(_, field) => field.bound(),
        };
        if !bound.contains(value) {
            return Err(format!(
                "`{key}` {} (found {})",
                bound.describe(),
                show_number(value)
            ));
        }
        Ok(WhatIf { target, value })
    }
}

/// Applies what-ifs in order. Fails on an unknown profile id, a mix, or a
/// value that breaks a rule tying two fields together.
pub fn apply(
    what_ifs: &[WhatIf],
    scenario: &mut Scenario,
    catalog: &mut Catalog,
) -> Result<(), String> {
    for what_if in what_ifs {
        match &what_if.target {
            Target::Scenario(field) => field.set(scenario, what_if.value),
            Target::EveryProfile(field) => {
                for (id, model) in catalog.models_mut() {
                    field.set(model, what_if.value);
                    if let Some(problem) = model.cross_field_problem() {
                        return Err(format!("{what_if} breaks profile `{id}`: {problem}"));
                    }
                }
            }
            Target::Profile(id, field) => {
                let ids: Vec<String> = catalog.entries().map(|(id, _)| id.to_string()).collect();
                match catalog.get_mut(id) {
                    Some(ProfileDef::Model(model)) => {
                        field.set(model, what_if.value);
                        if let Some(problem) = model.cross_field_problem() {
                            return Err(format!("{what_if} breaks profile `{id}`: {problem}"));
                        }
                    }
                    Some(ProfileDef::Mix(_)) => {
                        return Err(format!(
                            "`{id}` is a mix: set the field on its parts instead"
                        ));
                    }
                    None => {
                        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                        let hint = nearest(id, &ids)
                            .map_or(String::new(), |g| format!("; did you mean `{g}`?"));
                        return Err(format!("no profile `{id}`{hint}"));
                    }
                }
            }
        }
    }
    Ok(())
}

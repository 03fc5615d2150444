//! "Did you mean …?": the nearest known name to a misspelt one, shared by
//! the profile loader (keys, tables, mix parts) and `--set` (keys, ids).

/// The known name closest to `found`, when it is close enough to be a typo.
pub(crate) fn nearest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    let limit = (found.chars().count() / 3).max(2);
    known
        .iter()
        .map(|name| (strsim::damerau_levenshtein(found, name), *name))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

//! Which commits are reverted. A commit whose message contains
//! `This reverts commit <sha>` reverts that commit; a revert that is
//! itself reverted no longer counts, so a commit is reverted when at least
//! one of its reverts is not itself reverted (a chain of three reverts
//! leaves the change reverted, a chain of two leaves it standing).

use std::collections::HashMap;

use super::log::Commit;

/// What `git revert` writes before the reverted commit's hash.
pub(super) const MARKER: &str = "This reverts commit ";

/// Shortest abbreviation taken as a hash: git's own default length.
const MIN_HEX: usize = 7;
/// A SHA-256 object name.
const MAX_HEX: usize = 64;

/// The hashes (lower case, 7 to 64 hex digits) that follow each
/// `This reverts commit ` in `message`. `git revert` writes the full
/// hash; people writing the line by hand abbreviate it.
pub(super) fn targets(message: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, _) in message.match_indices(MARKER) {
        let rest = &message[at + MARKER.len()..];
        let hex = rest.bytes().take_while(u8::is_ascii_hexdigit).count();
        if (MIN_HEX..=MAX_HEX).contains(&hex) {
            found.push(rest[..hex].to_ascii_lowercase());
        }
    }
    found
}

/// For each of `commits` (unique hashes), whether it is reverted by the
/// others. A target is the one commit of `commits` whose hash it equals
/// or begins; an abbreviation two commits share, or one naming a commit
/// not among them, reverts nothing.
pub(super) fn reverted(commits: &[&Commit]) -> Vec<bool> {
    let mut by_sha: Vec<(&str, usize)> = commits
        .iter()
        .enumerate()
        .map(|(index, commit)| (commit.sha.as_str(), index))
        .collect();
    by_sha.sort_unstable();
    let mut reverters: HashMap<usize, Vec<usize>> = HashMap::new();
    for (index, commit) in commits.iter().enumerate() {
        if !commit.message.contains(MARKER) {
            continue;
        }
        for target in targets(&commit.message) {
            match resolve(&by_sha, &target) {
                Some(reverted) if reverted != index => {
                    reverters.entry(reverted).or_default().push(index);
                }
                _ => {}
            }
        }
    }
    settle(commits.len(), &reverters)
}

/// The one commit whose hash begins with `prefix`.
fn resolve(by_sha: &[(&str, usize)], prefix: &str) -> Option<usize> {
    let start = by_sha.partition_point(|(sha, _)| *sha < prefix);
    let mut matching = by_sha[start..]
        .iter()
        .take_while(|(sha, _)| sha.starts_with(prefix));
    let first = matching.next()?;
    matching.next().is_none().then_some(first.1)
}

/// `reverted[c]` = some reverter of `c` is not itself reverted, worked
/// out depth first without recursion (a chain may be long). A cycle
/// (only possible through abbreviations) is cut where it closes: the
/// edge back to a commit still being settled is ignored.
fn settle(count: usize, reverters: &HashMap<usize, Vec<usize>>) -> Vec<bool> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let none: &[usize] = &[];
    let of = |commit: usize| reverters.get(&commit).map_or(none, Vec::as_slice);
    let mut state = vec![NEW; count];
    let mut reverted = vec![false; count];
    for start in 0..count {
        if state[start] != NEW {
            continue;
        }
        state[start] = OPEN;
        let mut stack = vec![(start, 0_usize)];
        while let Some((commit, next)) = stack.last_mut() {
            let commit = *commit;
            if let Some(&child) = of(commit).get(*next) {
                *next += 1;
                if state[child] == NEW {
                    state[child] = OPEN;
                    stack.push((child, 0));
                }
                continue;
            }
            reverted[commit] = of(commit)
                .iter()
                .any(|&by| state[by] == DONE && !reverted[by]);
            state[commit] = DONE;
            stack.pop();
        }
    }
    reverted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(sha: &str, message: &str) -> Commit {
        Commit {
            sha: sha.repeat(40 / sha.len()),
            committed_s: 0,
            author_email: String::new(),
            message: message.to_owned(),
        }
    }

    fn run(commits: &[Commit]) -> Vec<bool> {
        reverted(&commits.iter().collect::<Vec<_>>())
    }

    #[test]
    fn finds_each_hash_after_the_marker() {
        let message = "Revert \"x\"\n\nThis reverts commit ABCDEF0123, reversing\n\
                       changes made to 1234567.\nThis reverts commit 12345g\n\
                       This reverts commit 89abcde.";
        assert_eq!(targets(message), ["abcdef0123", "89abcde"]);
        assert!(targets("this reverts commit abcdef0").is_empty());
        assert!(targets(&format!("{MARKER}{}", "a".repeat(65))).is_empty());
    }

    #[test]
    fn chains_alternate() {
        let c = commit("c", "change");
        let r1 = commit("d", &format!("{MARKER}{}.", c.sha));
        let r2 = commit("e", &format!("{MARKER}{}.", &r1.sha[..7]));
        let r3 = commit("f", &format!("{MARKER}{}.", r2.sha));
        assert_eq!(run(&[c.clone(), r1.clone()]), [true, false]);
        assert_eq!(
            run(&[c.clone(), r1.clone(), r2.clone()]),
            [false, true, false]
        );
        assert_eq!(run(&[r3, r2, r1, c]), [false, true, false, true]);
    }

    #[test]
    fn a_second_standing_revert_still_reverts() {
        let c = commit("c", "change");
        let r1 = commit("d", &format!("{MARKER}{}", c.sha));
        let r2 = commit("e", &format!("{MARKER}{}", c.sha));
        let undo = commit("f", &format!("{MARKER}{}", r1.sha));
        assert_eq!(run(&[c, r1, r2, undo]), [true, true, false, false]);
    }

    #[test]
    fn ambiguous_unknown_and_self_references_revert_nothing() {
        let a = Commit {
            sha: format!("abcdef1{}", "0".repeat(33)),
            ..commit("1", "")
        };
        let b = Commit {
            sha: format!("abcdef1{}", "1".repeat(33)),
            ..commit("1", "")
        };
        let ambiguous = commit("2", &format!("{MARKER}abcdef1"));
        let unknown = commit("3", &format!("{MARKER}fffffff"));
        let own = commit("4", &format!("{MARKER}4444444"));
        assert_eq!(run(&[a, b, ambiguous, unknown, own]), [false; 5]);
    }

    #[test]
    fn a_cycle_ends() {
        let a = commit("a", &format!("{MARKER}bbbbbbb"));
        let b = commit("b", &format!("{MARKER}aaaaaaa"));
        let figures = run(&[a, b]);
        assert_eq!(figures.iter().filter(|&&r| r).count(), 1);
    }
}

//! The duplicate rules. Lines are taken in path order (files sorted by
//! full path, lines in file order); each is compared with the copy kept so
//! far of the requests that share its message id:
//!
//! - the same `message.id` and `requestId` (or both without `requestId`
//!   and in the same session): the same request;
//! - else the same `message.id` and session, another `requestId`, the same
//!   timestamp, one of the two `isSidechain: true`: a sub-agent replaying
//!   its parent's turn, the same request.
//!
//! A copy replaces the kept one when it is a main-thread copy over a
//! sub-agent's, then when its tokens are more, then when it has
//! `usage.speed` and the kept one has not; otherwise the first stays.
//! Comparing with the kept copy, not every copy, is what ccusage's session
//! report does; `docs/calibrate.md` says where the two can differ.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::read::{FileRead, Record};

/// A line: its file's index (in path order) and its place in that file's
/// records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineRef {
    pub(crate) file: u32,
    pub(crate) record: u32,
}

/// One request: the copy kept and how many lines were copies of it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) kept: LineRef,
    pub(crate) copies: u32,
    /// For each `requestId` among the copies (a line standing for it), and
    /// whether any copy with that id is a sub-agent's.
    first_key: (LineRef, bool),
    more_keys: Vec<(LineRef, bool)>,
    /// The next request with the same message-id hash, oldest first.
    next_same_hash: Option<u32>,
}

impl Request {
    /// A request is a sub-agent's when any exact copy of the kept one (same
    /// `message.id` and `requestId`) is.
    pub(crate) fn is_subagent(&self, files: &[FileRead]) -> bool {
        // The kept copy's own id is always among the keys.
        std::iter::once(&self.first_key)
            .chain(&self.more_keys)
            .find(|(line, _)| same_request_id(files, *line, self.kept))
            .is_some_and(|&(_, subagent)| subagent)
    }

    fn note_key(&mut self, files: &[FileRead], line: LineRef, subagent: bool) {
        let same = |key: &(LineRef, bool)| same_request_id(files, key.0, line);
        if same(&self.first_key) {
            self.first_key.1 |= subagent;
        } else if let Some(key) = self.more_keys.iter_mut().find(|key| same(key)) {
            key.1 |= subagent;
        } else {
            self.more_keys.push((line, subagent));
        }
    }
}

/// The requests of `files` (in path order), each line counted once.
pub(crate) fn requests(files: &[FileRead]) -> Vec<Request> {
    let mut requests: Vec<Request> = Vec::new();
    // Message-id hash -> (oldest, newest) request with it.
    let mut by_message: HashMap<u64, (u32, u32), BuildHasherDefault<HashIsKey>> =
        HashMap::default();
    for (file_index, file) in files.iter().enumerate() {
        for (record_index, line) in file.records.iter().enumerate() {
            let here = LineRef {
                file: file_index as u32,
                record: record_index as u32,
            };
            let new_request = |next| Request {
                kept: here,
                copies: 1,
                first_key: (here, line.subagent),
                more_keys: Vec::new(),
                next_same_hash: next,
            };
            if line.message_id.is_none() {
                // Never a duplicate.
                requests.push(new_request(None));
                continue;
            }
            let chain = by_message.get(&line.message_hash).copied();
            let found = chain.and_then(|(oldest, _)| {
                find(&requests, oldest, |kept| exact_copy(files, kept, here))
                    .or_else(|| find(&requests, oldest, |kept| replay(files, kept, here)))
            });
            if let Some(index) = found {
                let request = &mut requests[index as usize];
                request.copies += 1;
                request.note_key(files, here, line.subagent);
                if replaces(line, record(files, request.kept)) {
                    request.kept = here;
                }
                continue;
            }
            let index = requests.len() as u32;
            requests.push(new_request(None));
            match chain {
                Some((oldest, newest)) => {
                    requests[newest as usize].next_same_hash = Some(index);
                    by_message.insert(line.message_hash, (oldest, index));
                }
                None => {
                    by_message.insert(line.message_hash, (index, index));
                }
            }
        }
    }
    requests
}

/// The first request along the chain from `start` whose kept copy passes.
fn find(requests: &[Request], start: u32, matches: impl Fn(LineRef) -> bool) -> Option<u32> {
    let mut at = Some(start);
    while let Some(index) = at {
        let request = &requests[index as usize];
        if matches(request.kept) {
            return Some(index);
        }
        at = request.next_same_hash;
    }
    None
}

pub(crate) fn record(files: &[FileRead], line: LineRef) -> &Record {
    &files[line.file as usize].records[line.record as usize]
}

fn text_of(files: &[FileRead], line: LineRef, span: Option<super::read::Span>) -> Option<&[u8]> {
    span.map(|span| files[line.file as usize].text(span))
}

fn same_message(files: &[FileRead], a: LineRef, b: LineRef) -> bool {
    text_of(files, a, record(files, a).message_id) == text_of(files, b, record(files, b).message_id)
}

fn same_request_id(files: &[FileRead], a: LineRef, b: LineRef) -> bool {
    text_of(files, a, record(files, a).request_id) == text_of(files, b, record(files, b).request_id)
}

fn same_session(files: &[FileRead], a: LineRef, b: LineRef) -> bool {
    let session = |line: LineRef| files[line.file as usize].text(record(files, line).session);
    session(a) == session(b)
}

/// The same message and request id; without a request id, the same session.
fn exact_copy(files: &[FileRead], kept: LineRef, line: LineRef) -> bool {
    same_message(files, kept, line)
        && same_request_id(files, kept, line)
        && (record(files, line).request_id.is_some() || same_session(files, kept, line))
}

/// A sub-agent replaying its parent's turn: same message, session and
/// timestamp, one of the two `isSidechain: true` (the request ids differ,
/// or `exact_copy` would have matched).
fn replay(files: &[FileRead], kept: LineRef, line: LineRef) -> bool {
    let (a, b) = (record(files, kept), record(files, line));
    (a.sidechain || b.sidechain)
        && a.timestamp == b.timestamp
        && same_message(files, kept, line)
        && same_session(files, kept, line)
}

/// Whether `line` is kept over `kept`: main thread over sub-agent, then
/// more tokens, then `usage.speed` over none; otherwise the first stays.
fn replaces(line: &Record, kept: &Record) -> bool {
    if line.subagent != kept.subagent {
        return kept.subagent;
    }
    let (new_total, kept_total) = (line.tokens.total(), kept.tokens.total());
    if new_total != kept_total {
        return new_total > kept_total;
    }
    line.has_speed && !kept.has_speed
}

/// The hasher of maps keyed by a hash already made.
#[derive(Default)]
pub(crate) struct HashIsKey(u64);

impl Hasher for HashIsKey {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = super::read::hash(bytes);
    }
    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

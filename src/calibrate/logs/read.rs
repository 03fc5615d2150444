//! Reading one log file: in chunks into a buffer the worker keeps, line by
//! line, keeping of each usage line only the numbers and the short ids
//! the rules need. A line longer than [`MAX_LINE_BYTES`] is skipped and
//! counted without being held: a 100 MB single-line file costs one
//! counted line and no more than that much buffer.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use memchr::memmem::Finder;

use super::line::{self, Line, Tokens, USAGE_MARKER, UsageLine};
use super::stamp::Stamp;

/// Lines longer than this are skipped and counted. Claude Code's usage
/// lines are kilobytes; its longest lines (pasted images, whole files read
/// by a tool) are a few megabytes and carry no usage.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Bytes asked of the file per read.
const CHUNK_BYTES: usize = 1024 * 1024;

/// Where a string sits in a file's `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

/// One counted usage line, as the duplicate rules and figures need it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record {
    pub(crate) message_id: Option<Span>,
    /// A hash of the message id, made here (in parallel) so that the
    /// sequential duplicate pass only looks it up.
    pub(crate) message_hash: u64,
    pub(crate) request_id: Option<Span>,
    /// The line's `sessionId`, else the file's session.
    pub(crate) session: Span,
    pub(crate) model: Span,
    pub(crate) timestamp: Stamp,
    pub(crate) tokens: Tokens,
    /// The line says `isSidechain: true`.
    pub(crate) sidechain: bool,
    /// A sub-agent's line: `isSidechain: true`, or the file's place says so.
    pub(crate) subagent: bool,
    pub(crate) has_speed: bool,
    pub(crate) fast: bool,
}

/// What one file gave.
#[derive(Debug, Default)]
pub(crate) struct FileRead {
    pub(crate) records: Vec<Record>,
    /// The records' strings, each session and model once per run of lines.
    text: Vec<u8>,
    pub(crate) skipped_lines: u64,
    pub(crate) bytes: u64,
    /// Why reading stopped early (the lines read before it are kept).
    pub(crate) error: Option<io::Error>,
}

impl FileRead {
    pub(crate) fn text(&self, span: Span) -> &[u8] {
        let start = span.start as usize;
        &self.text[start..start + span.len as usize]
    }

    fn push_text(&mut self, text: &[u8]) -> Option<Span> {
        let start = u32::try_from(self.text.len()).ok()?;
        let len = u32::try_from(text.len()).ok()?;
        start.checked_add(len)?;
        self.text.extend_from_slice(text);
        Some(Span { start, len })
    }
}

/// Where a file sits, as the line rules read it.
pub(crate) struct FilePlace<'a> {
    pub(crate) session: &'a str,
    /// Under a `subagents/` folder or named `agent-*`.
    pub(crate) subagent_file: bool,
}

/// A worker's reusable state: its buffer and its marker finder.
pub(crate) struct Reader {
    buffer: Vec<u8>,
    marker: Finder<'static>,
}

impl Reader {
    pub(crate) fn new() -> Self {
        Self {
            buffer: vec![0; CHUNK_BYTES],
            marker: Finder::new(USAGE_MARKER),
        }
    }

    /// Reads one file; `progress` is told the bytes of each chunk read.
    pub(crate) fn read(
        &mut self,
        path: &Path,
        place: &FilePlace<'_>,
        progress: &dyn Fn(u64),
    ) -> FileRead {
        let mut lines = LineSink::new(place, &self.marker);
        match File::open(path) {
            Ok(file) => {
                if let Err(err) = read_lines(&mut self.buffer, file, &mut lines, progress) {
                    lines.out.error = Some(err);
                }
            }
            Err(err) => lines.out.error = Some(err),
        }
        lines.out
    }
}

fn read_lines(
    buffer: &mut Vec<u8>,
    mut file: File,
    lines: &mut LineSink<'_>,
    progress: &dyn Fn(u64),
) -> io::Result<()> {
    // The unread part of the buffer is `start..end`; no `\n` lies in it.
    let (mut start, mut end) = (0, 0);
    let mut skipping_long_line = false;
    loop {
        if start > 0 {
            buffer.copy_within(start..end, 0);
            end -= start;
            start = 0;
        }
        if end == buffer.len() {
            if buffer.len() >= MAX_LINE_BYTES {
                // The line is too long: drop what is held, skip to its end.
                lines.out.skipped_lines += 1;
                skipping_long_line = true;
                end = 0;
            } else {
                let grown = (buffer.len() * 2).min(MAX_LINE_BYTES);
                buffer.resize(grown, 0);
            }
        }
        let read = match file.read(&mut buffer[end..]) {
            Ok(read) => read,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if read == 0 {
            // The last line, without its `\n` (cut off by a crash, or not).
            if end > 0 && !skipping_long_line {
                lines.line(&buffer[..end]);
            }
            return Ok(());
        }
        lines.out.bytes += read as u64;
        progress(read as u64);
        let scanned = end;
        end += read;
        for newline in memchr::memchr_iter(b'\n', &buffer[scanned..end]) {
            let line_end = scanned + newline;
            if skipping_long_line {
                skipping_long_line = false;
            } else {
                lines.line(&buffer[start..line_end]);
            }
            start = line_end + 1;
        }
        if skipping_long_line {
            start = end;
        }
    }
}

/// Turns lines into records.
struct LineSink<'a> {
    out: FileRead,
    place: &'a FilePlace<'a>,
    marker: &'a Finder<'static>,
    file_session: Option<Span>,
    last_session: Option<Span>,
    last_model: Option<Span>,
}

impl<'a> LineSink<'a> {
    fn new(place: &'a FilePlace<'a>, marker: &'a Finder<'static>) -> Self {
        Self {
            out: FileRead::default(),
            place,
            marker,
            file_session: None,
            last_session: None,
            last_model: None,
        }
    }

    fn line(&mut self, bytes: &[u8]) {
        let marker = self.marker;
        match line::classify(bytes, |line| marker.find(line).is_some()) {
            Line::Other | Line::NotCounted => {}
            Line::Unusable => self.out.skipped_lines += 1,
            Line::Usage(usage) => {
                if self.record(&usage).is_none() {
                    // Only when a file's ids pass 4 GiB: count, do not stop.
                    self.out.skipped_lines += 1;
                }
            }
        }
    }

    fn record(&mut self, usage: &UsageLine<'_>) -> Option<()> {
        let session = match &usage.session_id {
            Some(id) => self.reuse_or_push(Reuse::Session, id.as_bytes())?,
            None => match self.file_session {
                Some(span) => span,
                None => {
                    let span = self.out.push_text(self.place.session.as_bytes())?;
                    self.file_session = Some(span);
                    span
                }
            },
        };
        let model = self.reuse_or_push(Reuse::Model, usage.model.as_bytes())?;
        let message_id = match &usage.message_id {
            Some(id) => Some(self.out.push_text(id.as_bytes())?),
            None => None,
        };
        let request_id = match &usage.request_id {
            Some(id) => Some(self.out.push_text(id.as_bytes())?),
            None => None,
        };
        let message_hash = usage
            .message_id
            .as_deref()
            .map_or(0, |id| hash(id.as_bytes()));
        self.out.records.push(Record {
            message_id,
            message_hash,
            request_id,
            session,
            model,
            timestamp: usage.timestamp,
            tokens: usage.tokens,
            sidechain: usage.is_sidechain,
            subagent: usage.is_sidechain || self.place.subagent_file,
            has_speed: usage.has_speed,
            fast: usage.fast,
        });
        Some(())
    }

    /// The span of `text`, reusing the last session's or model's when equal:
    /// a file's lines mostly share both.
    fn reuse_or_push(&mut self, which: Reuse, text: &[u8]) -> Option<Span> {
        let last = match which {
            Reuse::Session => self.last_session,
            Reuse::Model => self.last_model,
        };
        if let Some(span) = last.filter(|&span| self.out.text(span) == text) {
            return Some(span);
        }
        let span = self.out.push_text(text)?;
        match which {
            Reuse::Session => self.last_session = Some(span),
            Reuse::Model => self.last_model = Some(span),
        }
        Some(span)
    }
}

#[derive(Clone, Copy)]
enum Reuse {
    Session,
    Model,
}

/// A fast 64-bit hash (FxHash's mix, a word at a time). Equal hashes are
/// only a hint: the duplicate pass compares the ids themselves.
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut state = bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut le = [0_u8; 8];
        le.copy_from_slice(word);
        state = (state.rotate_left(5) ^ u64::from_le_bytes(le)).wrapping_mul(SEED);
    }
    for &byte in words.remainder() {
        state = (state.rotate_left(5) ^ u64::from(byte)).wrapping_mul(SEED);
    }
    state
}

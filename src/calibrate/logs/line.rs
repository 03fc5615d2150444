//! One log line: is it a usage line, can it be used, and the few fields
//! the rules need. Parsed with borrowed serde structs: the message's
//! content and every other field are skipped, never built.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::stamp::{self, Stamp};

/// Tokens of one request, as the log line says them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Tokens {
    pub(crate) input: u64,
    pub(crate) output: u64,
    /// All cache writes: the sum of `cache_creation`'s two when that
    /// object is there, else `cache_creation_input_tokens`.
    pub(crate) cache_write: u64,
    /// The 1-hour part of `cache_write` (0 without `cache_creation`).
    pub(crate) cache_write_1h: u64,
    pub(crate) cache_read: u64,
}

impl Tokens {
    /// input + cache writes + cache reads.
    pub(crate) fn prompt(self) -> u128 {
        u128::from(self.input) + u128::from(self.cache_write) + u128::from(self.cache_read)
    }

    /// Prompt tokens plus output: what the duplicate rules compare.
    pub(crate) fn total(self) -> u128 {
        self.prompt() + u128::from(self.output)
    }
}

/// A usage line that can be counted.
#[derive(Debug)]
pub(crate) struct UsageLine<'a> {
    pub(crate) timestamp: Stamp,
    pub(crate) session_id: Option<Cow<'a, str>>,
    pub(crate) request_id: Option<Cow<'a, str>>,
    pub(crate) message_id: Option<Cow<'a, str>>,
    pub(crate) model: Cow<'a, str>,
    pub(crate) is_sidechain: bool,
    /// `usage.speed` is there (either value).
    pub(crate) has_speed: bool,
    pub(crate) fast: bool,
    pub(crate) tokens: Tokens,
}

/// What one line is to the reader.
#[derive(Debug)]
pub(crate) enum Line<'a> {
    /// Not a usage line (`user`, `summary`, a blank line...): skipped
    /// silently.
    Other,
    /// Skipped and counted: claims usage but cannot be used, or is not a
    /// whole object (see [`classify`]).
    Unusable,
    /// A `<synthetic>` or model-less usage line: valid, not counted.
    NotCounted,
    Usage(UsageLine<'a>),
}

/// The cheap test before any parsing: a line without this cannot have a
/// `message.usage` object (written compactly or not).
pub(crate) const USAGE_MARKER: &[u8] = b"\"usage\"";

/// Reads one line (without its `\n`). `has_marker` is whether it holds
/// [`USAGE_MARKER`]; the caller searches with a prepared finder.
///
/// Which lines are counted in `skipped_lines`, in the order tested:
///
/// 1. Blank (spaces, tabs, `\r` only): passed.
/// 2. Not `{` first or not `}` last (blanks aside): **counted**, unparsed.
///    Not an object, so not a line Claude Code wrote whole: a binary
///    file's bytes, stray text, a JSON array, or a line cut off by a
///    crash wherever the cut falls (before or after its `"usage"`).
/// 3. No `"usage"` anywhere: passed, unparsed; it cannot hold
///    `message.usage`. So an invalid `{…}` line without it is passed too:
///    finding it would mean parsing every line, mostly user lines full of
///    tool output, for lines that cannot claim usage.
/// 4. Otherwise parsed. `message.usage` there (any value, `null`
///    included) and a rule broken: **counted**. Not valid JSON:
///    **counted**. Valid, with no `message.usage` (a user line quoting a
///    Task result's usage): passed.
/// 5. Longer than `MAX_LINE_BYTES` (`read.rs`), of any kind: **counted**,
///    never held or parsed. Claude Code's longest lines are a few
///    megabytes: like a binary file, such a line is not one it wrote.
///
/// Against the spec ("a line of another kind is skipped silently; a line
/// that claims usage but cannot be used is skipped and counted: not valid
/// JSON or cut off by a crash; ..."): 2 and 5 count lines whose kind
/// cannot be known, as the spec counts "not valid JSON or cut off"; 3
/// is the one exception, for speed; `"usage": null` claims usage (the
/// key is there) and fails as a `null` field does anywhere in the table.
pub(crate) fn classify(line: &[u8], has_marker: impl FnOnce(&[u8]) -> bool) -> Line<'_> {
    let blank = |b: &u8| matches!(b, b' ' | b'\t' | b'\r');
    let (Some(first), Some(last)) = (
        line.iter().position(|b| !blank(b)),
        line.iter().rposition(|b| !blank(b)),
    ) else {
        return Line::Other;
    };
    if line[first] != b'{' || line[last] != b'}' {
        return Line::Unusable;
    }
    if !has_marker(line) {
        return Line::Other;
    }
    match serde_json::from_slice::<RawLine<'_>>(line) {
        Ok(raw) => validate(raw),
        Err(_) => claims_usage(line),
    }
}

/// For a line the strict parse refused: counted when it is not JSON or
/// has `message.usage`; another kind of line that merely mentions usage
/// elsewhere is skipped silently. Neither parse
/// builds anything, however long the line.
fn claims_usage(line: &[u8]) -> Line<'static> {
    if serde_json::from_slice::<de::IgnoredAny>(line).is_err() {
        return Line::Unusable;
    }
    match serde_json::from_slice::<Probe>(line) {
        Ok(Probe {
            message: Some(ProbeMessage { usage: Some(_) }),
        }) => Line::Unusable,
        // No message, or one without usage, or a message that is not an
        // object: not a usage line.
        _ => Line::Other,
    }
}

#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    message: Option<ProbeMessage>,
}

#[derive(Deserialize)]
struct ProbeMessage {
    /// Any value, `null` included, claims usage.
    #[serde(default, deserialize_with = "present")]
    usage: Option<de::IgnoredAny>,
}

fn validate(raw: RawLine<'_>) -> Line<'_> {
    let Some(message) = raw.message else {
        return Line::Other;
    };
    let Some(usage) = message.usage else {
        return Line::Other;
    };
    let Some(timestamp) = raw.timestamp.and_then(|t| stamp::parse(t.0.as_bytes())) else {
        return Line::Unusable;
    };
    let empty = |text: &Option<Text<'_>>| text.as_ref().is_some_and(|t| t.0.is_empty());
    if empty(&raw.session_id)
        || empty(&raw.request_id)
        || empty(&message.id)
        || empty(&message.model)
    {
        return Line::Unusable;
    }
    if raw.version.is_some_and(|v| !is_version(v.0.as_bytes())) {
        return Line::Unusable;
    }
    let Some(tokens) = usage.tokens() else {
        return Line::Unusable;
    };
    let Some(model) = message.model.map(|m| m.0) else {
        return Line::NotCounted;
    };
    if model == "<synthetic>" {
        return Line::NotCounted;
    }
    Line::Usage(UsageLine {
        timestamp,
        session_id: raw.session_id.map(|t| t.0),
        request_id: raw.request_id.map(|t| t.0),
        message_id: message.id.map(|t| t.0),
        model,
        is_sidechain: raw.is_sidechain.unwrap_or(false),
        has_speed: usage.speed.is_some(),
        fast: matches!(usage.speed, Some(Speed::Fast)),
        tokens,
    })
}

/// Starts with `N.N.N` (digits, a dot, digits, a dot, a digit).
fn is_version(text: &[u8]) -> bool {
    let mut rest = text;
    for _ in 0..2 {
        let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 || rest.get(count) != Some(&b'.') {
            return false;
        }
        rest = &rest[count + 1..];
    }
    rest.first().is_some_and(u8::is_ascii_digit)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawLine<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    timestamp: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    session_id: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    request_id: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    version: Option<Text<'a>>,
    #[serde(default, deserialize_with = "present")]
    is_sidechain: Option<bool>,
    /// Checked to be a number, otherwise unused.
    #[serde(rename = "costUSD", default, deserialize_with = "present")]
    _cost_usd: Option<f64>,
    #[serde(borrow, default, deserialize_with = "present")]
    message: Option<RawMessage<'a>>,
}

#[derive(Deserialize)]
struct RawMessage<'a> {
    #[serde(borrow, default, deserialize_with = "present")]
    id: Option<Text<'a>>,
    #[serde(borrow, default, deserialize_with = "present")]
    model: Option<Text<'a>>,
    #[serde(default, deserialize_with = "present")]
    usage: Option<RawUsage>,
}

#[derive(Deserialize)]
struct RawUsage {
    #[serde(default, deserialize_with = "present")]
    input_tokens: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    output_tokens: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    cache_creation_input_tokens: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    cache_read_input_tokens: Option<u64>,
    /// `null` is taken as absent, as ccusage takes it.
    #[serde(default)]
    cache_creation: Option<RawCacheCreation>,
    #[serde(default, deserialize_with = "present")]
    speed: Option<Speed>,
}

#[derive(Deserialize)]
struct RawCacheCreation {
    #[serde(default, deserialize_with = "present")]
    ephemeral_5m_input_tokens: Option<u64>,
    #[serde(default, deserialize_with = "present")]
    ephemeral_1h_input_tokens: Option<u64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Speed {
    Standard,
    Fast,
}

impl RawUsage {
    /// The request's tokens; `None` when a required count is missing or
    /// the two cache writes overflow 64 bits together.
    fn tokens(&self) -> Option<Tokens> {
        let (cache_write, cache_write_1h) = match &self.cache_creation {
            Some(parts) => {
                let five_minutes = parts.ephemeral_5m_input_tokens.unwrap_or(0);
                let one_hour = parts.ephemeral_1h_input_tokens.unwrap_or(0);
                (five_minutes.checked_add(one_hour)?, one_hour)
            }
            None => (self.cache_creation_input_tokens.unwrap_or(0), 0),
        };
        Some(Tokens {
            input: self.input_tokens?,
            output: self.output_tokens?,
            cache_write,
            cache_write_1h,
            cache_read: self.cache_read_input_tokens.unwrap_or(0),
        })
    }
}

/// A field that may be missing but, when there, must be a `T`: `null` is
/// refused (serde's `Option` would take it as missing).
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

/// A string borrowed from the line when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for TextVisitor<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(text)))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(text.to_owned())))
            }
        }
        deserializer.deserialize_str(TextVisitor(PhantomData))
    }
}

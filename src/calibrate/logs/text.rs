//! Text from the logs (model ids, project and session names, paths) is
//! from outside: printed raw, an escape sequence in it would act on the
//! terminal. The rule is the one profile names follow, and the same code
//! ([`crate::profile::is_hidden_control`]): one rule for every text from
//! outside.

use std::borrow::Cow;

use crate::profile::is_hidden_control;

/// `text` safe to print: each hidden control character written as its
/// Rust escape (`\u{1b}`), the rest untouched. The figures keep the raw
/// ids; everything that prints one goes through here.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden_control(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn escapes_controls_and_bidi_overrides_only() {
        assert_eq!(shown("claude-opus-4-5"), "claude-opus-4-5");
        assert_eq!(shown("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(shown("x\u{202e}y\tz"), "x\\u{202e}y\tz");
        assert_eq!(shown("通义千问"), "通义千问");
    }
}

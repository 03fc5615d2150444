//! Text measured as a terminal shows it: by display cells, not characters.
//! `通` takes two cells and `🚀` two; padding or cutting by characters
//! pushes a row of such a name out of its columns. Every table, header,
//! footer and help line pads, cuts and aligns through here.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Cells `text` takes on a terminal.
pub(crate) fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` cut to at most `width` cells, ending in `…` when cut. Cut
/// between grapheme clusters, each measured whole (`❤️` is a heart and a
/// variation selector: two cells, never split); a cluster that would
/// straddle the edge is dropped, not split.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1; // the ellipsis takes one cell
    let mut used = 0;
    let mut cut = String::new();
    for cluster in text.graphemes(true) {
        let cells = display_width(cluster);
        if used + cells > room {
            break;
        }
        used += cells;
        cut.push_str(cluster);
    }
    cut.push('…');
    cut
}

/// `text` cut to `width` cells (with `…`) and padded with spaces on the
/// right to exactly `width`.
pub(crate) fn pad_right(text: &str, width: usize) -> String {
    let cut = truncate(text, width);
    let fill = width.saturating_sub(display_width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// `text` padded with spaces on the left to `width` cells (never cut:
/// figures must not lose digits).
pub(crate) fn pad_left(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(display_width(text));
    format!("{}{text}", " ".repeat(fill))
}

/// `text` in lines of at most `width` cells, broken between words; a word
/// wider than a line is cut with `…`. Empty text is one empty line.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let word = truncate(word, width);
        if !line.is_empty() && display_width(&line) + 1 + display_width(&word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    lines.push(line);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_pads_and_cuts_by_cells() {
        let name = "通义千问 Max 🚀";
        assert_eq!(display_width(name), 15);
        assert_eq!(truncate(name, 15), name);
        assert_eq!(truncate(name, 14), "通义千问 Max …");
        // A wide character never straddles the edge: 4 cells hold one
        // ideograph and the ellipsis, the second would need 5.
        assert_eq!(truncate(name, 4), "通…");
        assert_eq!(display_width(&truncate(name, 4)), 3);
        assert_eq!(display_width(&pad_right(name, 20)), 20);
        assert_eq!(display_width(&pad_right(name, 6)), 6);
        assert_eq!(pad_left("1.25", 6), "  1.25");
        assert_eq!(pad_left("通", 3), " 通");
        assert_eq!(truncate("Tiered: Haiku 5.5 triage", 10), "Tiered: H…");
        assert_eq!(truncate("abc", 0), "");
        // Emoji with a variation selector, and a ZWJ family: each cluster
        // is measured and kept whole.
        let hearts = "❤️".repeat(20);
        assert_eq!(display_width(&hearts), 40);
        let cut = truncate(&hearts, 10);
        assert_eq!(cut, format!("{}…", "❤️".repeat(4)));
        assert_eq!(display_width(&cut), 9);
        let family = "👨‍👩‍👧 team";
        assert_eq!(display_width(&pad_right(family, 6)), 6);
        assert_eq!(display_width(&pad_right(&hearts, 24)), 24);
    }

    #[test]
    fn wrap_breaks_between_words_and_cuts_only_a_word_wider_than_a_line() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(
            wrap("a costlens-export-<time>.md", 10),
            vec!["a", "costlens-…"]
        );
        assert_eq!(wrap("", 10), vec![""]);
        assert_eq!(wrap("通义 千问", 4), vec!["通义", "千问"]);
    }
}

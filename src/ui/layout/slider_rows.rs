//! Where each slider goes in the sliders pane, for drawing and clicks
//! alike.

use ratatui::layout::Rect;
use ratatui::widgets::Block;

/// The longest slider track on wide screens: a longer one is no finer to
/// read, and is redrawn on every move.
const MAX_TRACK_WIDTH: u16 = 60;
/// The focus marker, `▸ ` or two spaces, before every slider.
pub(crate) const MARKER_CELLS: u16 = 2;
/// A one-line slider's label (a mix part's name is cut to it, with `…`).
pub(crate) const SHORT_LABEL_CELLS: u16 = 10;
/// A one-line slider's value with its unit, right-aligned.
pub(crate) const VALUE_CELLS: u16 = 11;
/// The ` *` after a track that a what-if moved.
pub(crate) const MOVED_MARK_CELLS: u16 = 2;
/// A two-line slider's label, on the line above its track.
pub(crate) const LABEL_CELLS: u16 = 16;
/// Cells before a one-line slider's track: marker, label, a space, value,
/// a space.
const ONE_LINE_LEAD_CELLS: u16 = MARKER_CELLS + SHORT_LABEL_CELLS + 1 + VALUE_CELLS + 1;
/// Cells on a one-line slider that are not the track.
const ONE_LINE_FIXED_CELLS: u16 = ONE_LINE_LEAD_CELLS + MOVED_MARK_CELLS;

/// Two lines a slider (label above track, the file's value in words) once
/// the pane holds this many sliders that way: a tall pane, which is a wide
/// one too on most screens. Below that, one line each.
const TWO_LINE_SLIDERS: usize = 9;

/// Where each slider goes in the sliders pane: one line each, or two
/// (label above track) when the pane is tall enough. When the sliders do
/// not all fit, the pane scrolls just far enough to show the focused one,
/// and a `↑ N more` / `↓ N more` line stands for the hidden ones above and
/// below. Derived from the focus, not stored, so drawing and clicking
/// both ask here and agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SliderRows {
    /// Inside the pane's border.
    pub inner: Rect,
    pub two_lines: bool,
    /// The sliders shown are `first..first + shown` of `count`.
    first: usize,
    shown: usize,
    count: usize,
}

impl SliderRows {
    /// The rows for `count` sliders in `pane`, `focused` among them.
    pub(crate) fn new(pane: Rect, count: usize, focused: usize) -> SliderRows {
        let inner = Block::bordered().inner(pane);
        let lines = usize::from(inner.height);
        let two_lines = count > 0 && lines >= 2 * TWO_LINE_SLIDERS;
        let per = if two_lines { 2 } else { 1 };
        let focused = focused.min(count.saturating_sub(1));
        let (first, shown) = window(count, lines, per, focused);
        SliderRows {
            inner,
            two_lines,
            first,
            shown,
            count,
        }
    }

    fn lines_per_slider(&self) -> u16 {
        if self.two_lines { 2 } else { 1 }
    }

    /// Lines above the first slider shown: the `↑ N more` line, if any.
    fn lead(&self) -> u16 {
        u16::from(self.first > 0)
    }

    /// The sliders shown, by index.
    pub(crate) fn shown(&self) -> std::ops::Range<usize> {
        self.first..self.first + self.shown
    }

    /// The `↑ N more` line and N, when sliders are hidden above.
    pub(crate) fn more_above(&self) -> Option<(Rect, usize)> {
        (self.first > 0).then(|| (self.row_at(0), self.first))
    }

    /// The `↓ N more` line and N, when sliders are hidden below.
    pub(crate) fn more_below(&self) -> Option<(Rect, usize)> {
        let hidden = self.count.saturating_sub(self.first + self.shown);
        let offset = u16::try_from(self.shown)
            .ok()?
            .checked_mul(self.lines_per_slider())?
            .checked_add(self.lead())?;
        let line = self.row_at(offset);
        (hidden > 0 && line.y < self.inner.bottom()).then_some((line, hidden))
    }

    /// Line `offset` of the pane's inside.
    fn row_at(&self, offset: u16) -> Rect {
        Rect {
            y: self.inner.y.saturating_add(offset),
            height: 1,
            ..self.inner
        }
    }

    /// The first line of slider `at`; `None` when it is not shown.
    pub(crate) fn line(&self, at: usize) -> Option<Rect> {
        if !self.shown().contains(&at) {
            return None;
        }
        let offset = u16::try_from(at - self.first)
            .ok()?
            .checked_mul(self.lines_per_slider())?
            .checked_add(self.lead())?;
        let line = self.row_at(offset);
        (line.y < self.inner.bottom()).then_some(line)
    }

    /// The track of slider `at`: on its second line when there are two,
    /// after the label and value when there is one.
    pub(crate) fn track(&self, at: usize) -> Option<Rect> {
        let line = self.line(at)?;
        let y = if self.two_lines { line.y + 1 } else { line.y };
        let (x, width) = self.track_span();
        (y < self.inner.bottom()).then_some(Rect {
            x,
            y,
            width,
            height: 1,
        })
    }

    /// The track's first column and width.
    fn track_span(&self) -> (u16, u16) {
        let inner = self.inner;
        if self.two_lines {
            (
                inner.x + MARKER_CELLS,
                inner
                    .width
                    .saturating_sub(MARKER_CELLS + 1)
                    .min(MAX_TRACK_WIDTH),
            )
        } else {
            (
                inner.x + ONE_LINE_LEAD_CELLS,
                inner.width.saturating_sub(ONE_LINE_FIXED_CELLS),
            )
        }
    }

    /// The slider under a click at (`column`, `row`), and the position
    /// (0..1) along its track; `None` on a `… more` line or below.
    pub(crate) fn slider_at(&self, column: u16, row: u16) -> Option<(usize, f64)> {
        let below_lead = row.checked_sub(self.inner.y)?.checked_sub(self.lead())?;
        let slider = self.first + usize::from(below_lead / self.lines_per_slider());
        if !self.shown().contains(&slider) || row >= self.inner.bottom() {
            return None;
        }
        let (start, width) = self.track_span();
        let position = if width > 1 {
            f64::from(column.saturating_sub(start)) / f64::from(width - 1)
        } else {
            0.0
        };
        Some((slider, position.clamp(0.0, 1.0)))
    }
}

/// The first slider shown and how many, for `count` sliders of `per`
/// lines each in `lines` lines: the least scroll that shows `focused`,
/// with a line for `↑ N more` when any are hidden above and one for
/// `↓ N more` when any are hidden below.
fn window(count: usize, lines: usize, per: usize, focused: usize) -> (usize, usize) {
    if count * per <= lines {
        return (0, count);
    }
    for first in 0..=focused {
        let room = lines.saturating_sub(usize::from(first > 0));
        let rest = count - first;
        let shown = if rest * per <= room {
            rest
        } else {
            room.saturating_sub(1) / per
        };
        if focused < first + shown {
            return (first, shown);
        }
    }
    // No room for the lines saying more: the focused slider alone.
    (focused, usize::from(lines >= per))
}

#[cfg(test)]
mod slider_rows_tests {
    use super::*;

    fn pane(inner_height: u16) -> Rect {
        Rect::new(0, 0, 40, inner_height + 2)
    }

    /// 11 sliders in the 9 lines of an 80×24 screen's pane: eight and a
    /// `↓ 3 more` line; further down, `↑ N more` above too.
    #[test]
    fn the_pane_scrolls_with_the_focus() {
        let cases = [
            (0, 0..8, None, Some(3)),
            (7, 0..8, None, Some(3)),
            (8, 2..9, Some(2), Some(2)),
            (10, 3..11, Some(3), None),
        ];
        for (focused, shown, above, below) in cases {
            let rows = SliderRows::new(pane(9), 11, focused);
            assert!(!rows.two_lines);
            assert_eq!(rows.shown(), shown, "focus {focused}");
            assert_eq!(rows.more_above().map(|(_, n)| n), above, "focus {focused}");
            assert_eq!(rows.more_below().map(|(_, n)| n), below, "focus {focused}");
            assert!(rows.line(focused).is_some(), "focus {focused} shown");
            // A click lands on the slider drawn there, never on a marker.
            for at in rows.shown() {
                let line = rows.line(at).unwrap();
                assert_eq!(rows.slider_at(30, line.y).map(|(s, _)| s), Some(at));
            }
            if let Some((line, _)) = rows.more_above() {
                assert_eq!(line.y, 1);
                assert_eq!(rows.slider_at(30, line.y), None);
            }
            if let Some((line, _)) = rows.more_below() {
                assert_eq!(line.y, 9, "the last line");
                assert_eq!(rows.slider_at(30, line.y), None);
            }
        }
    }

    #[test]
    fn all_fit_without_markers_and_two_lines_when_tall() {
        let rows = SliderRows::new(pane(14), 11, 10);
        assert_eq!((rows.shown(), rows.two_lines), (0..11, false));
        assert_eq!((rows.more_above(), rows.more_below()), (None, None));
        let rows = SliderRows::new(pane(22), 11, 10);
        assert_eq!((rows.shown(), rows.two_lines), (0..11, true));
        // 21 lines: nine sliders fit two lines each, so two lines, and
        // ten show with `↓ 1 more`.
        let rows = SliderRows::new(pane(21), 11, 0);
        assert_eq!((rows.shown(), rows.two_lines), (0..10, true));
        assert_eq!(rows.more_below().map(|(_, n)| n), Some(1));
        // A mix of two parts: five sliders, one line each in a pane too
        // short for nine sliders of two lines (most likely narrow too).
        assert!(!SliderRows::new(pane(17), 5, 0).two_lines);
        assert!(SliderRows::new(pane(18), 5, 0).two_lines);
    }
}

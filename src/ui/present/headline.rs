//! The headline: the selected profile's cost per merged change in big
//! text (tui-big-text), and beside it in bold the sentence the meeting
//! repeats: `Strong · $30.43 per merged change · saves $15,434 a week`.
//! The big text takes the largest pixel size whose width fits beside the
//! sentence; on a screen too narrow for any, the sentence alone, bold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::{DrawContext, dollars, whole_dollars};
use crate::report::{display_width, truncate};

/// The pixel sizes tried, largest first, with the cells one character
/// takes (columns, rows). Only sizes drawn with block elements (`█▀▄▌▐`
/// and quadrants): the sextant and octant sizes need glyphs few terminal
/// and picture fonts have.
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];
/// Full-size characters (8 rows) only on screens at least this tall: on
/// shorter ones the view needs the rows more.
const FULL_FROM_HEIGHT: u16 = 48;
/// Columns between the big figure and the sentence.
const SPACING: u16 = 3;

/// What the headline says and how big.
pub(super) struct Headline {
    /// `$30.43`, drawn big; `None` with no profile to show.
    figure: Option<String>,
    /// The sentence, a piece per line when it does not fit on one.
    pieces: Vec<Span<'static>>,
    /// The big text's size, or `None` for the sentence alone.
    size: Option<(PixelSize, u16, u16)>,
    /// Columns of the area it was sized for.
    width: u16,
    /// The separators' style.
    bold: Style,
}

impl Headline {
    /// The headline for the selected profile, sized for a screen `area`.
    pub(super) fn of(ctx: &DrawContext, area: Rect) -> Headline {
        let &DrawContext { app, theme } = ctx;
        let bold = theme.text.add_modifier(Modifier::BOLD);
        let Some(row) = app.selected_row() else {
            return Headline {
                figure: None,
                pieces: vec![Span::styled("No valid profiles in this folder", bold)],
                size: None,
                width: area.width,
                bold,
            };
        };
        let cost = row.figures.core.cost_per_merge;
        let mut pieces = vec![
            Span::styled(row.name.clone(), theme.title),
            Span::styled(format!("{} per merged change", dollars(cost)), bold),
        ];
        if let Some(weekly) = row.figures.weekly_net_saving.filter(|v| v.is_finite()) {
            let (text, style) = if weekly >= 0.0 {
                ("saves", theme.cheaper)
            } else {
                ("costs", theme.dearer)
            };
            let more = if weekly >= 0.0 { "" } else { " more" };
            pieces.push(Span::styled(
                format!("{text} {}{more} a week", whole_dollars(weekly)),
                style.add_modifier(Modifier::BOLD),
            ));
        }
        let figure = dollars(cost);
        let side = pieces
            .iter()
            .map(|piece| display_width(&piece.content))
            .max()
            .unwrap_or(0) as u16;
        let most_rows = if area.height >= FULL_FROM_HEIGHT {
            8
        } else {
            4
        };
        let chars = figure.chars().count() as u16;
        let size = SIZES.into_iter().find(|(_, columns, rows)| {
            *rows <= most_rows && chars * columns + SPACING + side <= area.width
        });
        Headline {
            figure: Some(figure),
            pieces,
            size,
            width: area.width,
            bold,
        }
    }

    /// Rows it takes: the big text's, or the sentence's lines.
    pub(super) fn height(&self) -> u16 {
        match self.size {
            Some((_, _, rows)) => rows,
            None if self.one_line_fits(self.width.saturating_sub(1)) => 1,
            None => self.pieces.len() as u16,
        }
    }

    fn one_line(&self) -> String {
        let texts: Vec<&str> = self.pieces.iter().map(|p| p.content.as_ref()).collect();
        texts.join(" · ")
    }

    fn one_line_fits(&self, width: u16) -> bool {
        display_width(&self.one_line()) + 2 <= usize::from(width)
    }

    pub(super) fn render(&self, ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
        let text_x = match (self.size, &self.figure) {
            (Some((pixels, columns, _)), Some(figure)) => {
                let width = figure.chars().count() as u16 * columns;
                BigText::builder()
                    .pixel_size(pixels)
                    .style(ctx.theme.title)
                    .lines(vec![Line::from(figure.clone())])
                    .build()
                    .render(Rect { width, ..area }, buf);
                area.x + width + SPACING
            }
            _ => area.x + 1,
        };
        let side = Rect {
            x: text_x,
            width: area.right().saturating_sub(text_x),
            ..area
        };
        self.sentence(side, buf);
    }

    /// The sentence on one line when it fits, else a piece per line,
    /// centred on the big text's rows; each cut with `…` at the edge.
    fn sentence(&self, area: Rect, buf: &mut Buffer) {
        let room = usize::from(area.width);
        let lines: Vec<Line> = if self.one_line_fits(area.width) {
            let mut spans = Vec::new();
            for (at, piece) in self.pieces.iter().enumerate() {
                if at > 0 {
                    spans.push(Span::styled(" · ", self.bold));
                }
                spans.push(piece.clone());
            }
            vec![Line::from(spans)]
        } else {
            self.pieces
                .iter()
                .map(|piece| Line::from(Span::styled(truncate(&piece.content, room), piece.style)))
                .collect()
        };
        let shown = (lines.len() as u16).min(area.height);
        let top = area.y + (area.height - shown) / 2;
        for (at, line) in lines.iter().take(usize::from(shown)).enumerate() {
            buf.set_line(area.x, top + at as u16, line, area.width);
        }
    }
}

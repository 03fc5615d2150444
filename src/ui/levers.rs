//! View 2, the levers: a tornado chart of the selected profile's cost per
//! merge with each input moved down and up by the step, widest swing on
//! top. Both sides of one shared scale around a vertical line at the base
//! cost; the input's low end drawn `▓`, its high end `░` (glyph as well as
//! colour); each bar end labelled with the cost there and the input's
//! value; the value at which the profile costs what its rival costs
//! (`flip`) beside each lever that has one. In presentation mode
//! (`render_large`) each lever takes three rows and only the widest fit.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

mod words;

use words::{legend, lever_name, lever_of, lever_value, percent_step};

use super::DrawContext;
use super::Theme;
use super::present;
use super::tabs::{no_analysis, view_pane};
use crate::model::analysis::{Analysis, Lever, LeverKind};
use crate::report::{display_width, money, pad_left, pad_right, truncate};

/// The input's low end and high end.
const LOW_GLYPH: char = '▓';
const HIGH_GLYPH: char = '░';
/// The base cost's line.
const BASE_GLYPH: char = '│';
/// The rival's name in the long flip labels, at most.
const RIVAL_WIDTH: usize = 24;
/// Bars narrower than this per side take the short flip labels.
const MIN_HALF_WITH_LONG_FLIPS: u16 = 16;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let name = app.selected_row().map_or("—", |row| row.name.as_str());
    let Some(analysis) = app.analysis() else {
        no_analysis(ctx, area, buf, " Levers ");
        return;
    };
    let step = percent_step(analysis.step);
    let titles = [
        format!(" Levers · {name} · each input ±{step} "),
        format!(" {name} · inputs ±{step} "),
    ];
    let legend = legend(theme, analysis, rival(ctx), area.width.saturating_sub(4));
    let outer = view_pane(theme, area, &titles, legend);
    let inner = outer.inner(area);
    outer.render(area, buf);
    tornado(ctx, analysis, analysis.levers.len()).render(inner, buf);
}

/// On the meeting's screen: the same tornado with thicker bars (three
/// rows a lever), so only the levers with the widest swing that fit.
pub(super) fn render_large(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let Some(analysis) = app.analysis() else {
        let outer = present::pane(theme, area, " Levers ", Line::default());
        outer.render(area, buf);
        return;
    };
    let inner = Block::bordered().inner(area);
    // Three rows a lever (two of bar, one apart) and the axis under them.
    let fit = usize::from(inner.height.saturating_sub(1) / 3).max(1);
    let shown = analysis.levers.len().min(fit);
    let step = percent_step(analysis.step);
    let top = if shown < analysis.levers.len() {
        format!(" · top {shown} of {}", analysis.levers.len())
    } else {
        String::new()
    };
    let title = format!(" What moves the cost most: each input ±{step}{top} ");
    let legend = legend(theme, analysis, rival(ctx), area.width.saturating_sub(4));
    present::pane(theme, area, &title, legend).render(area, buf);
    // In the middle of the pane when the levers leave rows over.
    let used = (shown as u16 * 3 + 1).min(inner.height);
    let chart = Rect {
        y: inner.y + (inner.height - used) / 2,
        height: used,
        ..inner
    };
    tornado(ctx, analysis, shown).render(chart, buf);
}

/// The rival's name and cost per merge.
fn rival<'a>(ctx: &DrawContext<'a>) -> Option<(&'a str, f64)> {
    ctx.app
        .rival_row()
        .map(|row| (row.name.as_str(), row.figures.core.cost_per_merge))
}

/// The tornado of the first `shown` levers (widest swing first).
fn tornado<'a>(ctx: &DrawContext<'a>, analysis: &'a Analysis, shown: usize) -> Tornado<'a> {
    let app = ctx.app;
    Tornado {
        analysis,
        levers: &analysis.levers[..shown.min(analysis.levers.len())],
        rival_name: rival(ctx).map(|(name, _)| name),
        is_mix: app.model(&analysis.profile).is_none(),
        focused: app
            .sliders()
            .get(app.focused_slider())
            .and_then(|slider| lever_of(slider.target)),
        theme: ctx.theme,
    }
}

/// The tornado: one row per lever, in the analysis's order (widest first).
struct Tornado<'a> {
    analysis: &'a Analysis,
    /// The levers drawn: all of them, or the widest on the meeting's screen.
    levers: &'a [Lever],
    /// The rival's name, for the long flip labels.
    rival_name: Option<&'a str>,
    /// A mix: its inputs are moved in every model it reaches, so the ends
    /// read `−20%` / `+20%` where the lever has no one value.
    is_mix: bool,
    /// The lever the focused slider moves, marked `▸`.
    focused: Option<LeverKind>,
    theme: &'a Theme,
}

/// One bar end: the input's value there and the cost.
struct End {
    value: String,
    cost: f64,
    glyph: char,
    style: Style,
}

/// The texts of one lever's row, cheaper end on the left.
struct RowText {
    name: String,
    left: End,
    right: End,
    flip: Option<String>,
}

impl Tornado<'_> {
    fn row_text(&self, lever: &Lever) -> RowText {
        let step = percent_step(self.analysis.step);
        let value = |at: Option<f64>, sign: &str| match at {
            Some(at) => lever_value(lever.lever, at),
            None if self.is_mix => format!("{sign}{step}"),
            None => "—".to_string(),
        };
        let low = End {
            value: value(lever.low, "−"),
            cost: lever.cost_at_low,
            glyph: LOW_GLYPH,
            style: self.theme.low_end,
        };
        let high = End {
            value: value(lever.high, "+"),
            cost: lever.cost_at_high,
            glyph: HIGH_GLYPH,
            style: self.theme.high_end,
        };
        let (left, right) = if lever.cost_at_high < lever.cost_at_low {
            (high, low)
        } else {
            (low, high)
        };
        let flip = lever.flip.map(|at| lever_value(lever.lever, at));
        RowText {
            name: lever_name(lever.lever).to_string(),
            left,
            right,
            flip,
        }
    }
}

/// Column widths of the tornado's rows.
struct Columns {
    name: usize,
    value: usize,
    cost: usize,
    flip: usize,
    /// The bars' first column and width.
    bars_x: u16,
    bars: u16,
    long_flips: bool,
}

impl Columns {
    fn new(rows: &[RowText], area: Rect, rival: Option<&str>) -> Columns {
        let widest =
            |text: &dyn Fn(&RowText) -> Vec<usize>| rows.iter().flat_map(text).max().unwrap_or(0);
        // The focus marker, the name and a space.
        let name = widest(&|row| vec![display_width(&row.name)]) + 3;
        let value = widest(&|row| {
            vec![
                display_width(&row.left.value),
                display_width(&row.right.value),
            ]
        });
        let cost = widest(&|row| {
            vec![
                display_width(&money(row.left.cost)),
                display_width(&money(row.right.cost)),
            ]
        });
        let short_flip = widest(&|row| row.flip.iter().map(|f| display_width(f) + 4).collect());
        let rival_width = rival.map_or(0, |rival| display_width(&truncate(rival, RIVAL_WIDTH)));
        let long_flip = if short_flip > 0 {
            short_flip + rival_width + 3
        } else {
            0
        };
        let fixed = |flip: usize| (name + 2 * value + 2 * cost + 6 + 2 + flip) as u16;
        let bars_for = |flip: usize| area.width.saturating_sub(fixed(flip));
        let long_flips = bars_for(long_flip) / 2 >= MIN_HALF_WITH_LONG_FLIPS && rival.is_some();
        let flip = if long_flips { long_flip } else { short_flip };
        let bars = bars_for(flip);
        Columns {
            name,
            value,
            cost,
            flip,
            bars_x: area.x + (name + value + cost + 3 + 1) as u16,
            bars,
            long_flips,
        }
    }

    /// The base line's column: the middle of the bars.
    fn base_x(&self) -> u16 {
        self.bars_x + self.bars.saturating_sub(1) / 2
    }

    /// Cells on each side of the base line.
    fn half(&self) -> u16 {
        self.bars.saturating_sub(1) / 2
    }
}

impl Widget for Tornado<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let levers = self.levers;
        if levers.is_empty() || area.height == 0 {
            return;
        }
        let rows: Vec<RowText> = levers.iter().map(|lever| self.row_text(lever)).collect();
        let columns = Columns::new(&rows, area, self.rival_name);
        let base = self.analysis.cost_per_merge;
        // One scale for every bar: the widest extent on either side, of
        // every lever (also those not drawn), as in the explorer.
        let extent = self
            .analysis
            .levers
            .iter()
            .flat_map(|lever| [lever.cost_at_low - base, lever.cost_at_high - base])
            .filter(|delta| delta.is_finite())
            .fold(0.0_f64, |most, delta| most.max(delta.abs()));
        let per_lever = (area.height / levers.len() as u16).clamp(1, 3);
        let thickness = if per_lever >= 2 { per_lever - 1 } else { 1 };
        for (at, (lever, row)) in levers.iter().zip(&rows).enumerate() {
            let y = area.y + at as u16 * per_lever;
            if y >= area.bottom() {
                break;
            }
            let focused = self.focused == Some(lever.lever);
            self.labels(
                row,
                &columns,
                focused,
                Rect {
                    y,
                    height: 1,
                    ..area
                },
                buf,
            );
            for line in 0..thickness.min(area.bottom() - y) {
                self.bars(row, &columns, base, extent, y + line, buf);
            }
        }
        let drawn = levers.len() as u16 * per_lever;
        if area.height > drawn {
            self.axis(&columns, base, extent, area.y + drawn, buf);
        }
    }
}

impl Tornado<'_> {
    /// Name, both ends' labels and the flip on the lever's first line.
    fn labels(
        &self,
        row: &RowText,
        columns: &Columns,
        focused: bool,
        line: Rect,
        buf: &mut Buffer,
    ) {
        let theme = self.theme;
        let marker = if focused { "▸ " } else { "  " };
        let name_style = if focused { theme.key } else { theme.text };
        let left = format!(
            "{} → {} ",
            pad_left(&row.left.value, columns.value),
            pad_left(&money(row.left.cost), columns.cost)
        );
        let right = format!(
            " {} ← {}",
            pad_left(&money(row.right.cost), columns.cost),
            pad_right(&row.right.value, columns.value)
        );
        let flip = match (&row.flip, self.rival_name) {
            (Some(at), Some(rival)) if columns.long_flips => {
                format!("  = {} at {at}", truncate(rival, RIVAL_WIDTH))
            }
            (Some(at), _) => format!("  ⇄ {at}"),
            (None, _) => String::new(),
        };
        let spans = vec![
            Span::styled(marker, theme.key),
            Span::styled(pad_right(&row.name, columns.name - 2), name_style),
            Span::raw(left),
            Span::raw(" ".repeat(usize::from(columns.bars))),
            Span::raw(right),
            Span::styled(pad_right(&flip, columns.flip), theme.dim),
        ];
        buf.set_line(line.x, line.y, &Line::from(spans), line.width);
    }

    /// Both bars of one lever on line `y`, and the base line between.
    fn bars(
        &self,
        row: &RowText,
        columns: &Columns,
        base: f64,
        extent: f64,
        y: u16,
        buf: &mut Buffer,
    ) {
        let base_x = columns.base_x();
        let half = f64::from(columns.half());
        let cells = |cost: f64| -> u16 {
            let delta = (cost - base).abs();
            if extent <= 0.0 || !delta.is_finite() || delta == 0.0 {
                return 0;
            }
            ((delta / extent * half).round() as u16).max(1)
        };
        for end in [&row.left, &row.right] {
            let n = cells(end.cost);
            let text = end.glyph.to_string().repeat(usize::from(n));
            let x = if end.cost < base {
                base_x.saturating_sub(n)
            } else {
                base_x + 1
            };
            buf.set_string(x, y, text, end.style);
        }
        buf.set_string(base_x, y, BASE_GLYPH.to_string(), self.theme.dim);
    }

    /// Under the bars, when there is a line to spare: the scale's ends
    /// and the base cost under its line.
    fn axis(&self, columns: &Columns, base: f64, extent: f64, y: u16, buf: &mut Buffer) {
        let base_x = columns.base_x();
        let style = self.theme.dim;
        let middle = money(base);
        let middle_x = base_x.saturating_sub(middle.len() as u16 / 2);
        buf.set_string(middle_x, y, &middle, style);
        // The scale's ends, where they are costs at all.
        if extent > 0.0 && base >= extent && columns.half() > middle.len() as u16 + 8 {
            buf.set_string(columns.bars_x, y, money(base - extent), style);
            let high = money(base + extent);
            let right = (base_x + columns.half() + 1).saturating_sub(high.len() as u16);
            buf.set_string(right, y, high, style);
        }
    }
}

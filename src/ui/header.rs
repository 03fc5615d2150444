//! The top line: where the profiles come from and the scenario in force.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::DrawContext;

use crate::report::grouped;

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let scenario = app.scenario();
    // Short labels: the line must fit 80 columns beside a folder path.
    let rate = grouped(scenario.engineer_rate_per_hour, 0);
    let mut facts = vec![app.source_label(), format!("engineer ${rate}/h")];
    if let Some(hours) = scenario.baseline_hours {
        facts.push(format!("baseline {} h", grouped(hours, 1)));
    }
    if let Some(volume) = scenario.changes_per_week {
        facts.push(format!("{}/wk", grouped(volume, 0)));
    }
    let what_ifs = app.overrides().len();
    let mut right = Vec::new();
    if what_ifs > 0 {
        right.push(Span::styled(format!("{what_ifs} what-if(s) "), theme.moved));
    }
    if app.folder().scenario_is_stale() {
        right.push(Span::styled(
            "scenario.toml broken: last good used ",
            theme.error,
        ));
    }
    if app.mouse_enabled() {
        right.push(Span::styled("mouse ", theme.dim));
    }
    let left = Line::from(vec![
        Span::styled(" costlens ", theme.title),
        Span::raw(facts.join(" · ")),
    ]);
    left.render(area, buf);
    Line::from(right).right_aligned().render(area, buf);
}

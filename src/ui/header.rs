//! The top line: where the profiles come from and the scenario in force,
//! with markers (what-ifs, a broken scenario, mouse) on the right. The two
//! sides never overlap: the folder path shortens first, then markers take
//! their short form, then the least important facts go.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{DrawContext, Theme};
use crate::app::App;
use crate::report::{display_width, grouped, truncate};

/// " costlens " before the facts.
const TITLE: &str = " costlens ";
const SEPARATOR: &str = " · ";

pub(super) fn render(ctx: &DrawContext, area: Rect, buf: &mut Buffer) {
    let &DrawContext { app, theme } = ctx;
    let width = usize::from(area.width);
    let facts = Facts::of(app);
    let markers = markers(app, theme);
    let (left, right) = fit(&facts, &markers, width);
    let mut spans = vec![Span::styled(TITLE, theme.title), Span::raw(left.clone())];
    let used = display_width(TITLE) + display_width(&left);
    let right_width: usize = right.iter().map(|span| display_width(&span.content)).sum();
    spans.push(Span::raw(
        " ".repeat(width.saturating_sub(used + right_width)),
    ));
    spans.extend(right);
    Line::from(spans).render(area, buf);
}

/// The left side's facts, most important first.
struct Facts {
    folder: String,
    engineer: String,
    baseline: Option<String>,
    volume: Option<String>,
}

impl Facts {
    fn of(app: &App) -> Facts {
        let scenario = app.scenario();
        Facts {
            folder: app.source_label(),
            engineer: format!(
                "engineer ${}/h",
                grouped(scenario.engineer_rate_per_hour, 0)
            ),
            baseline: scenario
                .baseline_hours
                .map(|hours| format!("baseline {} h", grouped(hours, 1))),
            volume: scenario
                .changes_per_week
                .map(|volume| format!("{}/wk", grouped(volume, 0))),
        }
    }

    /// The facts joined, with the folder as given and the scenario facts
    /// the first `keep` of (engineer, baseline, volume).
    fn line(&self, folder: &str, keep: usize) -> String {
        let scenario = [
            Some(&self.engineer),
            self.baseline.as_ref(),
            self.volume.as_ref(),
        ];
        let mut pieces = vec![folder.to_string()];
        pieces.extend(scenario.into_iter().flatten().take(keep).cloned());
        pieces.join(SEPARATOR)
    }
}

/// One marker on the right, with the short form it takes when space is
/// short.
struct Marker {
    long: String,
    short: String,
    style: Style,
    /// Goes before any fact does (the mouse state: `m` shows it anyway).
    optional: bool,
}

fn markers(app: &App, theme: &Theme) -> Vec<Marker> {
    let mut markers = Vec::new();
    let what_ifs = app.overrides().len();
    if what_ifs > 0 {
        markers.push(Marker {
            long: format!("{what_ifs} what-if(s) "),
            short: format!("{what_ifs}* "),
            style: theme.moved,
            optional: false,
        });
    }
    if app.folder().scenario_is_stale() {
        markers.push(Marker {
            long: "! scenario.toml broken: last good kept ".to_string(),
            short: "! scenario ".to_string(),
            style: theme.error,
            optional: false,
        });
    }
    if app.mouse_enabled() {
        markers.push(Marker {
            long: "mouse ".to_string(),
            short: String::new(),
            style: theme.dim,
            optional: true,
        });
    }
    markers
}

/// The left text and right spans for `width` columns: the first of these
/// that fits (one space kept between the sides). The folder shortens to
/// its last part, markers shorten, the mouse marker goes, the volume then
/// the baseline go, and at last the folder is cut.
fn fit(facts: &Facts, markers: &[Marker], width: usize) -> (String, Vec<Span<'static>>) {
    let short_folder = last_part(&facts.folder);
    let right = |short: bool| -> Vec<Span<'static>> {
        markers
            .iter()
            .filter(|marker| !(short && marker.optional))
            .map(|marker| {
                let text = if short { &marker.short } else { &marker.long };
                Span::styled(text.clone(), marker.style)
            })
            .collect()
    };
    let steps = [
        (facts.folder.as_str(), 3, false),
        (short_folder.as_str(), 3, false),
        (short_folder.as_str(), 3, true),
        (short_folder.as_str(), 2, true),
        (short_folder.as_str(), 1, true),
    ];
    for (folder, keep, short) in steps {
        let left = facts.line(folder, keep);
        let right = right(short);
        let right_width: usize = right.iter().map(|span| display_width(&span.content)).sum();
        if display_width(TITLE) + display_width(&left) + 1 + right_width <= width {
            return (left, right);
        }
    }
    // Cut the folder itself: the engineer rate stays whole.
    let right = right(true);
    let right_width: usize = right.iter().map(|span| display_width(&span.content)).sum();
    let tail = format!("{SEPARATOR}{}", facts.engineer);
    let room = width.saturating_sub(display_width(TITLE) + display_width(&tail) + 1 + right_width);
    (format!("{}{tail}", truncate(&short_folder, room)), right)
}

/// `/home/me/work/team-profiles/` -> `…/team-profiles/`; a path of one
/// part stays as it is.
fn last_part(folder: &str) -> String {
    let trimmed = folder.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((_, last)) if !last.is_empty() => format!("…/{last}/"),
        _ => folder.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(folder: &str) -> Facts {
        Facts {
            folder: folder.to_string(),
            engineer: "engineer $120/h".to_string(),
            baseline: Some("baseline 3.5 h".to_string()),
            volume: Some("40/wk".to_string()),
        }
    }

    fn marker(long: &str, short: &str, optional: bool) -> Marker {
        Marker {
            long: long.to_string(),
            short: short.to_string(),
            style: Style::default(),
            optional,
        }
    }

    fn shown(facts: &Facts, markers: &[Marker], width: usize) -> String {
        let (left, right) = fit(facts, markers, width);
        let right: String = right.iter().map(|span| span.content.to_string()).collect();
        format!("{TITLE}{left} | {right}")
    }

    #[test]
    fn shortens_the_folder_then_markers_then_drops_facts() {
        let markers = [
            marker("1 what-if(s) ", "1* ", false),
            marker(
                "! scenario.toml broken: last good kept ",
                "! scenario ",
                false,
            ),
            marker("mouse ", "m ", true),
        ];
        let long = facts("/home/someone/work/planning/team-profiles/");
        let cases = [
            (
                200,
                "/home/someone/work/planning/team-profiles/ · engineer $120/h · baseline 3.5 h · 40/wk | 1 what-if(s) ! scenario.toml broken: last good kept mouse ",
            ),
            (
                130,
                "…/team-profiles/ · engineer $120/h · baseline 3.5 h · 40/wk | 1 what-if(s) ! scenario.toml broken: last good kept mouse ",
            ),
            (
                120,
                "…/team-profiles/ · engineer $120/h · baseline 3.5 h · 40/wk | 1* ! scenario ",
            ),
            (
                90,
                "…/team-profiles/ · engineer $120/h · baseline 3.5 h · 40/wk | 1* ! scenario ",
            ),
            (
                84,
                "…/team-profiles/ · engineer $120/h · baseline 3.5 h · 40/wk | 1* ! scenario ",
            ),
            (
                83,
                "…/team-profiles/ · engineer $120/h · baseline 3.5 h | 1* ! scenario ",
            ),
            (
                80,
                "…/team-profiles/ · engineer $120/h · baseline 3.5 h | 1* ! scenario ",
            ),
            (75, "…/team-profiles/ · engineer $120/h | 1* ! scenario "),
        ];
        for (width, want) in cases {
            let got = shown(&long, &markers, width);
            assert_eq!(got, format!("{TITLE}{want}"), "at {width} columns");
            // The sides never overlap: one space at least between them.
            assert!(
                display_width(&got) - 2 <= width,
                "{got} is wider than {width}"
            );
        }
    }

    #[test]
    fn a_path_of_one_part_stays_whole() {
        assert_eq!(last_part("profiles/"), "profiles/");
        assert_eq!(last_part("built-in profiles"), "built-in profiles");
        assert_eq!(last_part("/tmp/x/team/"), "…/team/");
    }
}

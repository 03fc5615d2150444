//! Measured or assumed: a profile's `model_ids` and `[calibration]` as the
//! library loads them, the explorer's marks on the sliders and the detail
//! pane's source line (TestBackend), `report --format markdown`'s lines
//! under the table, and the shipped profiles' model ids.

use std::fs;

use costlens::app::{App, Source, action_for};
use costlens::model::ProfileField;
use costlens::profile::{Folder, ProfileKind, matches_model_id};
use costlens::ui::{DrawContext, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::bin::{code, costlens, stdout};
use crate::support::worked::{CHEAP, STRONG};

const FROM: &str = "412 Claude Code sessions 2026-10-01..2026-11-28";

/// The worked check's `strong`, calibrated: three of its ten usage and
/// quality figures measured. `cheap` stays all assumptions.
fn calibrated_strong() -> String {
    format!(
        "model_ids = [\"claude-strong-1\", \"claude-strong-1-fast\"]\n{STRONG}\n\
         [calibration]\nat = 2026-11-29\nfrom = \"{FROM}\"\n\
         measured = [\"quality.first_pass_rate\", \"usage.input_tokens\", \"quality.survive_rate\"]\n"
    )
}

/// `strong` (calibrated, the cheapest, so selected first), `cheap` and a
/// mix of the two.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("strong.toml"), calibrated_strong()).unwrap();
    fs::write(dir.path().join("cheap.toml"), CHEAP).unwrap();
    fs::write(
        dir.path().join("tiered.toml"),
        "[[mix]]\nprofile = \"cheap\"\nshare = 0.5\n\n[[mix]]\nprofile = \"strong\"\nshare = 0.5\n",
    )
    .unwrap();
    dir
}

fn app(dir: &tempfile::TempDir) -> App {
    let folder = Folder::load_dir(dir.path()).unwrap();
    assert_eq!(folder.errors(), &[]);
    App::new(Source::Folder(dir.path().to_path_buf()), folder, false)
}

/// The screen as lines of text.
fn screen(app: &App, width: u16, height: u16) -> Vec<String> {
    let theme = Theme::color();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, &theme), frame.area()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

fn press(app: &mut App, code: KeyCode) {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    let action = action_for(&key, app.mode()).expect("a key of the explorer");
    app.update(action);
}

/// The sliders pane's line for the one-line slider labelled `short`: the
/// part of the screen's line from the pane's left border on.
fn slider_line<'a>(lines: &'a [String], short: &str) -> &'a str {
    lines
        .iter()
        .find_map(|line| {
            let (_, pane) = line.split_once('│')?;
            let label: String = pane.chars().skip(2).collect();
            label.starts_with(short).then_some(pane)
        })
        .unwrap_or_else(|| panic!("no slider {short}:\n{}", lines.join("\n")))
}

/// The two cells before a one-line slider's label: focus, then origin.
fn marker(lines: &[String], short: &str) -> String {
    slider_line(lines, short).chars().take(2).collect()
}

#[test]
fn the_library_exposes_ids_and_the_calibration() {
    let dir = folder();
    let folder = Folder::load_dir(dir.path()).unwrap();
    let strong = folder.profile("strong").unwrap();
    assert_eq!(
        strong.model_ids(),
        ["claude-strong-1", "claude-strong-1-fast"]
    );
    let calibration = strong.calibration().unwrap();
    assert_eq!(calibration.at.to_string(), "2026-11-29");
    assert_eq!(calibration.from, FROM);
    assert_eq!(
        calibration.measured,
        [
            ProfileField::FirstPassRate,
            ProfileField::InputTokens,
            ProfileField::SurviveRate
        ]
    );
    for field in ProfileField::ALL {
        let measured = matches!(
            field,
            ProfileField::FirstPassRate | ProfileField::InputTokens | ProfileField::SurviveRate
        );
        assert_eq!(strong.is_measured(field), measured, "{field:?}");
    }
    let cheap = folder.profile("cheap").unwrap();
    assert!(cheap.model_ids().is_empty() && cheap.calibration().is_none());
    assert!(ProfileField::ALL.iter().all(|&f| !cheap.is_measured(f)));
    // The figures are the file's, calibration or not: 30.50 as ever.
    let comparison =
        costlens::report::Comparison::new(&folder, &folder.catalog(), folder.scenario());
    let strong_row = comparison
        .rows
        .iter()
        .find(|row| row.id == "strong")
        .unwrap();
    assert_eq!(
        costlens::report::money(strong_row.figures.core.cost_per_merge),
        "30.50"
    );
}

#[test]
fn one_line_sliders_mark_measured_and_assumed_fields() {
    let dir = folder();
    let mut app = app(&dir);
    assert_eq!(app.selected_id().as_deref(), Some("strong"));
    let lines = screen(&app, 80, 24);
    let text = lines.join("\n");
    // Measured: first pass, input tokens, survive rate; the focus on the first.
    assert_eq!(marker(&lines, "First pass"), "▸◆", "{text}");
    assert_eq!(marker(&lines, "Survives"), " ◆", "{text}");
    for assumed in ["Review", "Cache hits", "Incident", "Fan-out"] {
        assert_eq!(marker(&lines, assumed), " ◇", "{assumed}:\n{text}");
    }
    // The scenario's sliders are no profile's figures: no mark.
    assert_eq!(marker(&lines, "Engineer"), "  ", "{text}");
    // The focused slider's word, on the pane's bottom line.
    // (The label gives way at 80 columns: `First-pass ra…`.)
    assert!(text.contains(": file 72.0%, measured ╯"), "{text}");
    press(&mut app, KeyCode::Tab);
    let text = screen(&app, 80, 24).join("\n");
    assert!(
        text.contains("Review time: file 6.0 min, assumed"),
        "{text}"
    );

    // The next profile has no [calibration]: every mark is assumed.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    assert_eq!(app.selected_id().as_deref(), Some("cheap"));
    let lines = screen(&app, 80, 24);
    let text = lines.join("\n");
    for short in [
        "First pass",
        "Review",
        "Cache hits",
        "Survives",
        "Incident",
        "Fan-out",
    ] {
        assert!(marker(&lines, short).ends_with('◇'), "{short}:\n{text}");
    }
    assert!(!text.contains('◆'), "{text}");
}

#[test]
fn two_line_sliders_say_the_word() {
    let dir = folder();
    let app = app(&dir);
    let text = screen(&app, 160, 48).join("\n");
    assert!(
        text.contains("First-pass rate 72.0%  (file 72.0%, ◆ measured)"),
        "{text}"
    );
    assert!(
        text.contains("Review time     6.0 min  (file 6.0 min, ◇ assumed)"),
        "{text}"
    );
    assert!(
        text.contains("Input tokens    40,000 tok  (file 40,000 tok, ◆ measured)"),
        "{text}"
    );
    assert!(
        text.contains("Engineer rate   $120.00/h  (file $120.00/h)"),
        "{text}"
    );
}

#[test]
fn the_detail_pane_says_where_the_figures_came_from() {
    let dir = folder();
    let mut app = app(&dir);
    // Room to spare: the whole line, wrapped in the pane.
    let lines = screen(&app, 160, 48);
    let detail: Vec<&str> = lines
        .iter()
        .filter_map(|line| {
            line.rsplit_once("││")
                .map(|(_, right)| right.trim_end_matches('│').trim())
        })
        .collect();
    let said = detail.join(" ");
    assert!(
        said.contains(&format!(
            "◆ Measured from {FROM} (2026-11-29); 7 other usage and quality figures are assumed"
        )),
        "{}",
        lines.join("\n")
    );
    // At 80×24 the chart keeps its room: the line goes on the pane's
    // bottom border, cut to fit.
    let lines = screen(&app, 80, 24);
    let bottom = &lines[22];
    assert!(
        bottom.ends_with("╰ ◆ Measured from 412 Claude Code ses… ╯"),
        "{}",
        lines.join("\n")
    );
    assert!(!lines[..22].iter().any(|line| line.contains("Measured")));

    // No [calibration]: all assumptions.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let text = screen(&app, 80, 24).join("\n");
    assert!(
        text.contains("◇ Usage and quality figures: assumed"),
        "{text}"
    );
    assert!(!text.contains("Measured"), "{text}");

    // A mix has no figures of its own to measure.
    press(&mut app, KeyCode::Up);
    assert_eq!(app.selected_id().as_deref(), Some("tiered"));
    let text = screen(&app, 160, 48).join("\n");
    assert!(!text.contains('◇') && !text.contains('◆'), "{text}");
}

#[test]
fn presentation_marks_the_four_levers_too() {
    let dir = folder();
    let mut app = app(&dir);
    app.update(costlens::app::Action::TogglePresentation);
    let lines = screen(&app, 120, 36);
    let boxes = lines
        .iter()
        .find(|line| line.contains("72.0%"))
        .expect("the levers' values");
    // strong: first-pass measured; review time and cache hit assumed.
    let [first_pass, review, cache, ..] = boxes
        .split(['┃', '│'])
        .filter(|cell| !cell.trim().is_empty())
        .collect::<Vec<_>>()[..]
    else {
        panic!("four boxes: {boxes}");
    };
    assert!(first_pass.contains("◆ measured"), "{boxes}");
    assert!(
        review.contains("◇ assumed") && cache.contains("◇ assumed"),
        "{boxes}"
    );
}

#[test]
fn the_markdown_report_marks_measured_and_assumed_figures() {
    let dir = folder();
    let out = costlens(&["report", ".", "--format", "markdown"], dir.path());
    assert_eq!(code(&out), 0);
    let markdown = stdout(&out);
    let after_table: Vec<&str> = markdown
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .skip_while(|line| line.starts_with('|'))
        .collect();
    assert_eq!(
        after_table,
        [
            "",
            "Measured or assumed, the files' `[usage]` and `[quality]` figures:",
            "",
            &format!(
                "- strong: measured quality.first_pass_rate, usage.input_tokens, \
                 quality.survive_rate — from {FROM} (2026-11-29); every other figure assumed"
            ),
            "- cheap: every figure assumed",
        ],
        "{markdown}"
    );
    // The table itself: a row per profile, the mix included.
    assert_eq!(markdown.lines().filter(|l| l.starts_with("| ")).count(), 4);
    // JSON's contract has no calibration.
    let out = costlens(&["report", ".", "--format", "json"], dir.path());
    assert!(!stdout(&out).contains("calibration"), "{}", stdout(&out));
    let out = costlens(&["check", "."], dir.path());
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

/// Every shipped model stands for its own id first, `claude-` and its
/// file stem with `-` for `.` (`opus-4.8` is `claude-opus-4-8`), which a
/// dated id in a log matches too; a mix stands for none. Earlier releases
/// billed at the same prices follow (`claude-opus-4-5-20251101` is
/// calibrated into `opus-4.8`).
#[test]
fn the_shipped_profiles_name_their_model_ids() {
    let folder = Folder::load_builtin();
    assert_eq!(folder.errors(), &[]);
    for profile in folder.profiles() {
        match profile.kind() {
            ProfileKind::Mix => assert!(profile.model_ids().is_empty(), "{}", profile.id),
            ProfileKind::Model => {
                let id = format!("claude-{}", profile.id.replace('.', "-"));
                assert_eq!(profile.model_ids().first(), Some(&id), "{}", profile.id);
                assert!(matches_model_id(&id, &format!("{id}-20251001")));
                assert!(
                    profile.calibration().is_none(),
                    "{}: assumptions",
                    profile.id
                );
            }
        }
    }
    let claims = |id: &str, log_id: &str| {
        let profile = folder.profile(id).unwrap();
        profile
            .model_ids()
            .iter()
            .any(|entry| matches_model_id(entry, log_id))
    };
    assert!(claims("opus-4.8", "claude-opus-4-5-20251101"));
    assert!(claims("sonnet-4.6", "claude-sonnet-4-5-20250929"));
    assert!(!claims("opus-5.5", "claude-opus-4-5-20251101"));
    let haiku = folder.profile("haiku-4.5").unwrap();
    assert!(matches_model_id(
        &haiku.model_ids()[0],
        "claude-haiku-4-5-20251001"
    ));
}

//! One key press in the explorer: `App::update` plus a full redraw into a
//! 200x60 `TestBackend`, as the event loop does it after every key.
//!
//! Groups (criterion writes `target/criterion/<group>/<id>/new/estimates.json`):
//! - `keypress/10`, `keypress/1000`: update + draw, the target figure
//!   (under 1 ms median at 1,000 profiles);
//! - `keypress_levers/1000`: the same on the levers view (`2`): the
//!   analysis of the selected profile and the tornado, on every key;
//! - `render_only/1000`: the draw alone, no state change;
//! - `update_only/1000`: the update alone, no draw;
//! - `analyze/model/1000`, `analyze/mix/1000`: `model::analysis::analyze`
//!   for one profile among 1,000, as the explorer's views call it after
//!   every key (target: well under 0.2 ms for a model).
//!
//! `render_only` and `update_only` split the key press into its parts. Profiles come from
//! `bench/gen_profiles.py` (deterministic: same COUNT, same folder), in a
//! temporary folder that is removed afterwards.

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use costlens::app::{Action, App, Source, View};
use costlens::model::analysis::{Options, Subject, analyze};
use costlens::profile::{Folder, ProfileKind};
use costlens::ui::{DrawContext, Theme};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// What a user does over and over: nudge the focused slider right and back,
/// move the selection down and back up, then Tab to the next slider. Every
/// action changes the state (a what-if, the selection, or the focus), and
/// over nine rounds every slider gets nudged, the scenario's one included.
const CYCLE: [Action; 5] = [
    Action::Nudge {
        steps: 1,
        coarse: false,
    },
    Action::Nudge {
        steps: -1,
        coarse: false,
    },
    Action::SelectNext,
    Action::SelectPrevious,
    Action::FocusNextSlider,
];

/// A generated folder of `count` profiles (plus scenario.toml), and the app on it.
fn setup(count: usize) -> (tempfile::TempDir, App) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::Builder::new()
        .prefix("costlens-keypress-")
        .tempdir()
        .expect("a temporary folder");
    let dir = tmp.path().join("profiles");
    let status = Command::new("python3")
        .arg(root.join("bench/gen_profiles.py"))
        .arg(&dir)
        .arg(count.to_string())
        .status()
        .expect("python3 bench/gen_profiles.py runs");
    assert!(status.success(), "gen_profiles.py exited {status}");
    let folder = Folder::load_dir(&dir).expect("the generated folder loads");
    assert!(
        folder.errors().is_empty(),
        "the generated folder must be all-good, or we time the error path"
    );
    let app = App::new(Source::Folder(dir), folder, false);
    assert_eq!(
        app.comparison().rows.len(),
        count,
        "every generated profile is a row"
    );
    (tmp, app)
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| frame.render_widget(&DrawContext::new(app, &Theme::color()), frame.area()))
        .expect("drawing into a TestBackend cannot fail");
}

fn keypress(c: &mut Criterion) {
    let mut group = c.benchmark_group("keypress");
    configure(&mut group);
    for count in [10, 1000] {
        let (_tmp, mut app) = setup(count);
        let mut terminal = terminal();
        draw(&mut terminal, &app); // the frame the first key press redraws over
        let mut step = 0usize;
        group.bench_function(count.to_string(), |b| {
            b.iter(|| {
                app.update(black_box(CYCLE[step % CYCLE.len()].clone()));
                step += 1;
                draw(&mut terminal, &app);
            })
        });
    }
    group.finish();
}

/// The key presses of `keypress` on the levers view: each one recomputes
/// the selected profile's analysis (against 999 others) and redraws the
/// tornado, the sliders and the table beside them.
fn keypress_levers(c: &mut Criterion) {
    let mut group = c.benchmark_group("keypress_levers");
    configure(&mut group);
    let (_tmp, mut app) = setup(1000);
    app.update(Action::ShowView(View::Levers));
    let mut terminal = terminal();
    draw(&mut terminal, &app);
    let mut step = 0usize;
    group.bench_function("1000", |b| {
        b.iter(|| {
            app.update(black_box(CYCLE[step % CYCLE.len()].clone()));
            step += 1;
            draw(&mut terminal, &app);
        })
    });
    group.finish();
}

fn render_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("render_only");
    configure(&mut group);
    let (_tmp, app) = setup(1000);
    let mut terminal = terminal();
    group.bench_function("1000", |b| b.iter(|| draw(&mut terminal, black_box(&app))));
    group.finish();
}

fn update_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("update_only");
    configure(&mut group);
    let (_tmp, mut app) = setup(1000);
    let mut step = 0usize;
    group.bench_function("1000", |b| {
        b.iter(|| {
            app.update(black_box(CYCLE[step % CYCLE.len()].clone()));
            step += 1;
            black_box(app.selected());
        })
    });
    group.finish();
}

fn analyze_one(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    configure(&mut group);
    let (_tmp, app) = setup(1000);
    let catalog = app.folder().catalog();
    let scenario = app.scenario().clone();
    let rows = &app.comparison().rows;
    let ranked: Vec<(&str, f64)> = rows
        .iter()
        .map(|row| (row.id.as_str(), row.figures.core.cost_per_merge))
        .collect();
    // The middle of the table: its rival is the cheapest row, far away.
    let pick = |kind: ProfileKind| {
        let of_kind: Vec<&str> = rows
            .iter()
            .filter(|row| row.kind == kind)
            .map(|row| row.id.as_str())
            .collect();
        of_kind[of_kind.len() / 2]
    };
    for (label, profile) in [
        ("model/1000", pick(ProfileKind::Model)),
        ("mix/1000", pick(ProfileKind::Mix)),
    ] {
        group.bench_function(label, |b| {
            b.iter(|| {
                let subject = Subject {
                    profile,
                    rival: None,
                    ranked: &ranked,
                };
                analyze(&catalog, &scenario, black_box(subject), Options::default())
                    .expect("a profile of the folder")
            })
        });
    }
    group.finish();
}

/// Modest settings: the whole run takes about a minute on two cores.
fn configure(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(50)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
}

criterion_group!(
    benches,
    keypress,
    keypress_levers,
    render_only,
    update_only,
    analyze_one
);
criterion_main!(benches);

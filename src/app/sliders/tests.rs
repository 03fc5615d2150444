//! The sliders' tracks and steps, against values written out.
use super::*;

/// The tracks the explorer has always drawn, written out: built from
/// the field bounds, they must not move. A bounded field ends at its
/// bound; an open one at its track end; first-pass rate, which must be
/// above 0, starts one fine step in.
#[test]
fn tracks_come_from_the_field_bounds() {
    // The worked check's `strong`, the same file `bench/` and the docs use.
    let text = include_str!("../../../bench/worked/strong.toml");
    let Ok(crate::profile::ProfileText {
        definition: crate::profile::Definition::Model(model),
        ..
    }) = crate::profile::parse_profile("strong.toml", text)
    else {
        panic!("bench/worked/strong.toml is a model profile");
    };
    let expected = [
        ("First-pass rate", (0.01, 1.0)),
        ("Review time", (0.0, 120.0)),
        ("Cache hit ratio", (0.0, 1.0)),
        ("Engineer rate", (0.0, 400.0)),
        ("Survive rate", (0.0, 1.0)),
        ("Incident cost", (0.0, 10_000.0)),
        ("Fan-out", (1.0, 20.0)),
        ("Input tokens", (0.0, 500_000.0)),
        ("Output tokens", (0.0, 100_000.0)),
        ("Baseline hours", (0.0, 24.0)),
        ("Weekly changes", (0.0, 500.0)),
    ];
    let scenario = Scenario::default();
    let sliders = SLIDERS;
    let ranges: Vec<(&str, (f64, f64))> = sliders
        .iter()
        .map(|slider| {
            let file_value = slider.value(Some(&model), &scenario).unwrap_or(0.0);
            (
                slider.label.as_ref(),
                slider.range(Some(&model), file_value),
            )
        })
        .collect();
    assert_eq!(ranges, expected);
    // A file value beyond an open track widens it; a bounded one cannot
    // be beyond its bound (the loader refuses it).
    let review = &SLIDERS[1];
    assert_eq!(review.range(Some(&model), 300.0), (0.0, 300.0));
}

/// An unset scenario field starts where `unset_start` says, whichever
/// way the first move goes; then it steps.
#[test]
fn an_unset_field_starts_at_its_start_value() {
    let baseline = &SLIDERS[9];
    assert_eq!(
        baseline.target,
        SliderTarget::Scenario(ScenarioField::BaselineHours)
    );
    let range = baseline.range(None, f64::NAN);
    assert_eq!(range, (0.0, 24.0));
    assert_eq!(baseline.moved(f64::NAN, 1, false, range), 3.5);
    assert_eq!(baseline.moved(f64::NAN, -1, true, range), 3.5);
    assert_eq!(baseline.moved(3.5, 1, false, range), 4.0);
    let volume = &SLIDERS[10];
    assert_eq!(
        volume.moved(f64::NAN, 1, false, volume.range(None, f64::NAN)),
        40.0
    );
}

#[test]
fn share_labels_keep_the_whole_name_for_the_pane_to_cut() {
    let share = Slider::share(1, "Tiered: Haiku 5.5 triage");
    // Whole here: the sliders pane cuts it by display cells.
    assert_eq!(share.short, "Tiered: Haiku 5.5 triage");
    assert_eq!(share.what(), "share of Tiered: Haiku 5.5 triage");
    assert_eq!(Slider::share(0, "Haiku 5.5").short, "Haiku 5.5");
    assert_eq!(SLIDERS[1].what(), "review time");
}

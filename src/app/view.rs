//! The views the explorer switches between with `1`–`4`, and the analysis
//! of the selected profile that views 2–4 (and the Compare view's retry
//! line) draw from. The analysis is kept up to date by `App::update`
//! after every action that can move a figure, the selection or the pin.

use super::App;
use crate::model::analysis::{Analysis, Options, Subject, analyze};
use crate::report::Row;

/// What the screen shows above the sliders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    /// The table of every profile and the selected one's detail.
    Compare,
    /// The tornado chart: which input moves the selected profile's cost most.
    Levers,
    /// Cost per merge against the first-pass rate: break-even and crossover.
    FirstPass,
    /// Cumulative net saving, week by week.
    Payback,
}

impl View {
    /// In key order: `1` is the first.
    pub const ALL: [View; 4] = [View::Compare, View::Levers, View::FirstPass, View::Payback];

    /// The tab's name.
    pub fn title(self) -> &'static str {
        match self {
            View::Compare => "Compare",
            View::Levers => "Levers",
            View::FirstPass => "First-pass",
            View::Payback => "Payback",
        }
    }

    /// The key that shows it: `1` to `4`.
    pub fn key(self) -> char {
        match self {
            View::Compare => '1',
            View::Levers => '2',
            View::FirstPass => '3',
            View::Payback => '4',
        }
    }

    /// What the footer says when it opens, about the profile `name`.
    fn opened(self, name: &str) -> String {
        match self {
            View::Compare => "compare: every profile, cheapest first".to_string(),
            View::Levers => format!("levers: what moves {name}'s cost most"),
            View::FirstPass => format!("first pass: where {name} breaks even"),
            View::Payback => format!("payback: {name}'s saving week by week"),
        }
    }
}

impl App {
    pub fn view(&self) -> View {
        self.view
    }

    pub(super) fn show_view(&mut self, view: View) {
        self.view = view;
        let name = self.selected_row().map_or("—", |row| row.name.as_str());
        self.say(view.opened(name));
    }

    /// The analysis of the selected profile against its rival; `None`
    /// with no profile (or when the engine has none to give).
    pub fn analysis(&self) -> Option<&Analysis> {
        self.analysis.as_ref()
    }

    /// The rival's row: the one the analysis was made against.
    pub(crate) fn rival_row(&self) -> Option<&Row> {
        let id = self.analysis.as_ref()?.against.as_deref()?;
        self.row(id)
    }

    /// The row of profile `id`.
    pub(crate) fn row(&self, id: &str) -> Option<&Row> {
        self.comparison.rows.iter().find(|row| row.id == id)
    }

    /// The pinned reference, when there is one and it is not the selected
    /// profile: the analyses' rival. Otherwise the engine picks the
    /// cheapest other.
    fn pinned_rival(&self) -> Option<&str> {
        let selected = self.selected_row()?;
        let pinned = self.reference_id.as_deref()?;
        (pinned != selected.id && self.row(pinned).is_some()).then_some(pinned)
    }

    /// The analysis again, from the figures already computed: every
    /// profile's cost per merge in report order, and the engine on the
    /// selected one alone.
    pub(super) fn refresh_analysis(&mut self) {
        let analysis = self.selected_row().and_then(|row| {
            let ranked: Vec<(&str, f64)> = self
                .comparison
                .rows
                .iter()
                .map(|row| (row.id.as_str(), row.figures.core.cost_per_merge))
                .collect();
            let subject = Subject {
                profile: &row.id,
                rival: self.pinned_rival(),
                ranked: &ranked,
            };
            analyze(&self.catalog, &self.scenario, subject, Options::default()).ok()
        });
        self.analysis = analysis;
    }
}

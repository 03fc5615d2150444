//! `analyze`'s table for a terminal: a text tornado (one line per lever,
//! bars either side of the base cost, each end labelled with its cost),
//! then the flips, the crossovers, the first-pass curve, retrying and
//! payback in words; every line at most `width` display cells.

use super::super::Comparison;
use super::super::number::{NONE, grouped, money, percent};
use super::super::table::{scenario_pieces, what_ifs_line, wrap};
use super::super::width::{display_width, pad_left, pad_right};
use super::words::{
    fill, fill_words, flips, input_value, is_mix, lever_name, name_of, payback_pieces,
    retry_sentence,
};
use crate::model::analysis::{Analysis, Lever};

/// Names in headings and sentences are cut to this many cells.
const NAME_WIDTH: usize = 32;
/// The tornado's bars never get narrower than this on each side.
const MIN_HALF: usize = 4;

pub(super) fn human(comparison: &Comparison, analysis: &Analysis, width: usize) -> String {
    let mut out = heading(comparison, analysis, width);
    out.push('\n');
    out.push_str(&tornado(analysis, width));
    out.push('\n');
    out.push_str("Where the decision flips:\n");
    out.push_str(&fill(
        &flips(comparison, analysis, NAME_WIDTH).sentence(),
        width,
        "  ",
        "  ",
    ));
    out.push('\n');
    out.push_str(&crossovers(comparison, analysis, width));
    if let Some(curve) = curve(analysis, width) {
        out.push('\n');
        out.push_str(&curve);
    }
    out.push('\n');
    out.push_str(&retrying(comparison, analysis, width));
    out.push('\n');
    out.push_str(&fill(
        &format!(
            "Payback: {}.",
            payback_pieces(comparison, analysis).join(" · ")
        ),
        width,
        "",
        "  ",
    ));
    out
}

/// Who against whom, the scenario and the what-ifs.
fn heading(comparison: &Comparison, analysis: &Analysis, width: usize) -> String {
    let name = name_of(comparison, &analysis.profile, NAME_WIDTH);
    let mut pieces = vec![format!("{name}: {}", money(analysis.cost_per_merge))];
    match (&analysis.against, analysis.against_cost_per_merge) {
        (Some(rival), Some(cost)) => pieces.push(format!(
            "against {}: {}",
            name_of(comparison, rival, NAME_WIDTH),
            money(cost)
        )),
        _ => pieces.push("no other profile".to_string()),
    }
    let mut out = wrap(&pieces, width);
    out.push_str(&wrap(&scenario_pieces(comparison), width));
    out.push_str(&what_ifs_line(comparison, width));
    out
}

/// The input values at a lever's cheaper and dearer ends, in that order.
fn ends_text(lever: &Lever) -> String {
    match (lever.low, lever.high) {
        (Some(low), Some(high)) => {
            let (cheap, dear) = if lever.cost_at_low <= lever.cost_at_high {
                (low, high)
            } else {
                (high, low)
            };
            format!(
                "{}…{}",
                input_value(lever.lever, cheap),
                input_value(lever.lever, dear)
            )
        }
        _ => "each part's own".to_string(),
    }
}

/// One line per lever, widest swing first.
fn tornado(analysis: &Analysis, width: usize) -> String {
    let base = analysis.cost_per_merge;
    let step = grouped(analysis.step * 100.0, 0);
    let mut out = fill(
        &format!(
            "Which lever matters most: the cost with each input {step}% down and up, all \
             else at base; the cheaper end on the left, the dearer on the right."
        ),
        width,
        "",
        "",
    );
    out.push('\n');
    let ends = |lever: &Lever| {
        let cheap = lever.cost_at_low.min(lever.cost_at_high);
        let dear = lever.cost_at_low.max(lever.cost_at_high);
        (cheap, dear)
    };
    let names: Vec<&str> = analysis
        .levers
        .iter()
        .map(|l| lever_name(l.lever))
        .collect();
    let ranges: Vec<String> = analysis.levers.iter().map(ends_text).collect();
    let costs: Vec<(String, String)> = analysis
        .levers
        .iter()
        .map(|lever| {
            let (cheap, dear) = ends(lever);
            (money(cheap), money(dear))
        })
        .collect();
    let name_w = widest(names.iter().copied()).max("lever".len());
    let cost_w = widest(costs.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]));
    let mut range_w = widest(ranges.iter().map(String::as_str)).max("input".len());
    // Indent, name, range, costs, the spaces and the centre line.
    let fixed = |range_w: usize| 2 + name_w + 2 + range_w + 2 + cost_w + 1 + 1 + 1 + cost_w;
    if fixed(range_w) + 2 * MIN_HALF > width {
        range_w = 0; // the bars matter more than the input values
    }
    let half = (width.saturating_sub(fixed(range_w)) / 2).max(MIN_HALF);
    let scale = analysis
        .levers
        .iter()
        .map(|lever| {
            let (cheap, dear) = ends(lever);
            (base - cheap).max(dear - base)
        })
        .fold(0.0, f64::max);
    let cells = |gap: f64| -> usize {
        if scale > 0.0 && gap > 0.0 {
            ((gap / scale * half as f64).round() as usize).min(half)
        } else {
            0
        }
    };
    let range_cell = |text: &str| {
        if range_w == 0 {
            String::new()
        } else {
            format!("{}  ", pad_right(text, range_w))
        }
    };
    // The header: the base cost centred over the centre line.
    let centre = 2 + name_w + 2 + if range_w == 0 { 0 } else { range_w + 2 } + cost_w + 1 + half;
    let base_text = money(base);
    let base_at = centre.saturating_sub(display_width(&base_text) / 2);
    let mut header = format!("  {}  {}", pad_right("lever", name_w), range_cell("input"));
    let cheaper = "cheaper ";
    let before = base_at.saturating_sub(display_width(&header));
    header.push_str(&pad_left(cheaper, before));
    header.push_str(&base_text);
    header.push_str(" dearer");
    out.push_str(header.trim_end());
    out.push('\n');
    for (((lever, name), range), (cheap_text, dear_text)) in
        analysis.levers.iter().zip(&names).zip(&ranges).zip(&costs)
    {
        let (cheap, dear) = ends(lever);
        let left = cells(base - cheap);
        let right = cells(dear - base);
        let line = format!(
            "  {}  {}{} {}{}│{}{} {}",
            pad_right(name, name_w),
            range_cell(range),
            pad_left(cheap_text, cost_w),
            " ".repeat(half - left),
            "█".repeat(left),
            "█".repeat(right),
            " ".repeat(half - right),
            dear_text
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn widest<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(display_width).max().unwrap_or(0)
}

/// The first-pass rate the profile needs to cost what each other costs.
fn crossovers(comparison: &Comparison, analysis: &Analysis, width: usize) -> String {
    let name = name_of(comparison, &analysis.profile, NAME_WIDTH);
    if analysis.crossover.is_empty() {
        return "Crossovers: there is no other profile to compare with.\n".to_string();
    }
    if is_mix(comparison, analysis) {
        return fill(
            &format!(
                "Crossovers: {name} is a mix, with no first-pass rate of its own; analyse \
                 its parts."
            ),
            width,
            "",
            "  ",
        );
    }
    let mut out = fill(
        &format!("The first-pass rate {name} needs to cost what each other profile costs:"),
        width,
        "",
        "",
    );
    let rate_w = "never".len().max("100.0%".len());
    let name_w = width.saturating_sub(2 + 2 + rate_w).min(48);
    for crossover in &analysis.crossover {
        let rate = crossover
            .first_pass_rate
            .map_or_else(|| "never".to_string(), percent);
        let other = name_of(comparison, &crossover.profile, name_w);
        out.push_str(&format!(
            "  {}  {}\n",
            pad_right(&other, name_w),
            pad_left(&rate, rate_w)
        ));
    }
    out
}

/// The cost at first-pass rates 10%, 20%, … 100% (every other point of
/// the curve), or at 20%, 40%, … when that does not fit.
fn curve(analysis: &Analysis, width: usize) -> Option<String> {
    let points = analysis.cost_by_first_pass_rate.as_ref()?;
    let pick = |every: usize| -> Vec<&(f64, f64)> {
        points.iter().skip(every - 1).step_by(every).collect()
    };
    let fits = |chosen: &[&(f64, f64)]| {
        let cell = widest_cell(chosen) + 1;
        (cell * chosen.len() <= width).then_some(cell)
    };
    let (chosen, cell) = [2, 4, 20]
        .into_iter()
        .map(pick)
        .find_map(|chosen| fits(&chosen).map(|cell| (chosen, cell)))?;
    let mut rates = String::new();
    let mut costs = String::new();
    for &&(p, cost) in &chosen {
        rates.push_str(&pad_left(&percent_whole(p), cell));
        costs.push_str(&pad_left(&money(cost), cell));
    }
    Some(format!(
        "The cost at other first-pass rates, all else at base:\n{}\n{}\n",
        rates.trim_end(),
        costs.trim_end()
    ))
}

fn widest_cell(chosen: &[&(f64, f64)]) -> usize {
    chosen
        .iter()
        .map(|&&(p, cost)| display_width(&money(cost)).max(display_width(&percent_whole(p))))
        .max()
        .unwrap_or(0)
}

fn percent_whole(rate: f64) -> String {
    if rate.is_finite() {
        format!("{}%", grouped(rate * 100.0, 0))
    } else {
        NONE.to_string()
    }
}

/// The retry policy in words and the cost of each cap.
fn retrying(comparison: &Comparison, analysis: &Analysis, width: usize) -> String {
    let mut out = fill(
        &format!("Retry policy: {}", retry_sentence(comparison, analysis)),
        width,
        "",
        "  ",
    );
    if let Some(retry) = &analysis.retry {
        let last = retry.cost_by_cap.len();
        let mut words = vec!["A human after K tries, K =".to_string()];
        words.extend(retry.cost_by_cap.iter().enumerate().map(|(at, cost)| {
            let sep = if at + 1 < last { " ·" } else { "" };
            format!("{}: {}{sep}", at + 1, money(*cost))
        }));
        out.push_str(&fill_words(
            words.iter().map(String::as_str),
            width,
            "  ",
            "  ",
        ));
    }
    out
}

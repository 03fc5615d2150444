//! From requests to figures: per-model totals (what ccusage is checked
//! against), sessions and their models, and each model's attempt figures.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::dedup::{self, Request};
use super::read::{FileRead, Record};
use super::stamp::Stamp;
use super::{AttemptUsage, Attempts, ModelTotals};

/// The requests counted, with their session and model as small numbers.
pub(crate) struct Counted {
    pub(crate) requests: Vec<Counts>,
    /// Model ids by number.
    pub(crate) models: Vec<String>,
    pub(crate) sessions: usize,
    pub(crate) lines: u64,
    pub(crate) from: Option<Stamp>,
    pub(crate) to: Option<Stamp>,
}

/// What the figures need of one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Counts {
    session: u32,
    model: u32,
    subagent: bool,
    fast: bool,
    input: u64,
    output: u64,
    cache_write: u64,
    cache_write_1h: u64,
    cache_read: u64,
}

impl Counts {
    fn prompt(&self) -> u128 {
        u128::from(self.input) + u128::from(self.cache_write) + u128::from(self.cache_read)
    }
    fn total(&self) -> u128 {
        self.prompt() + u128::from(self.output)
    }
}

type Interner<'a> = HashMap<&'a [u8], u32, BuildHasherDefault<dedup::HashIsKey>>;

/// Keeps the requests whose kept copy's UTC date is within `days`
/// (inclusive), and numbers their sessions and models.
pub(crate) fn count(
    files: &[FileRead],
    requests: &[Request],
    days: (Option<i64>, Option<i64>),
) -> Counted {
    let mut sessions: Interner<'_> = HashMap::default();
    let mut models: Interner<'_> = HashMap::default();
    let mut model_names = Vec::new();
    let mut counted = Vec::with_capacity(requests.len());
    let (mut lines, mut from, mut to) = (0, None::<Stamp>, None::<Stamp>);
    for request in requests {
        let kept: &Record = dedup::record(files, request.kept);
        let day = kept.timestamp.utc_day();
        if days.0.is_some_and(|since| day < since) || days.1.is_some_and(|until| day > until) {
            continue;
        }
        let text = |span| files[request.kept.file as usize].text(span);
        let next = sessions.len() as u32;
        let session = *sessions.entry(text(kept.session)).or_insert(next);
        let next = models.len() as u32;
        let model = *models.entry(text(kept.model)).or_insert_with(|| {
            model_names.push(String::from_utf8_lossy(text(kept.model)).into_owned());
            next
        });
        lines += u64::from(request.copies);
        from = Some(from.map_or(kept.timestamp, |at| at.min(kept.timestamp)));
        to = Some(to.map_or(kept.timestamp, |at| at.max(kept.timestamp)));
        counted.push(Counts {
            session,
            model,
            subagent: request.is_subagent(files),
            fast: kept.fast,
            input: kept.tokens.input,
            output: kept.tokens.output,
            cache_write: kept.tokens.cache_write,
            cache_write_1h: kept.tokens.cache_write_1h,
            cache_read: kept.tokens.cache_read,
        });
    }
    Counted {
        requests: counted,
        models: model_names,
        sessions: sessions.len(),
        lines,
        from,
        to,
    }
}

/// Every counted request by model id, sorted by id.
pub(crate) fn model_totals(counted: &Counted) -> Vec<ModelTotals> {
    let mut totals: Vec<ModelTotals> = counted
        .models
        .iter()
        .map(|model| ModelTotals {
            model: model.clone(),
            ..ModelTotals::default()
        })
        .collect();
    for request in &counted.requests {
        let total = &mut totals[request.model as usize];
        total.requests += 1;
        total.fast_requests += u64::from(request.fast);
        total.input_tokens = total.input_tokens.saturating_add(request.input);
        total.output_tokens = total.output_tokens.saturating_add(request.output);
        total.cache_write_tokens = total.cache_write_tokens.saturating_add(request.cache_write);
        total.cache_write_1h_tokens = total
            .cache_write_1h_tokens
            .saturating_add(request.cache_write_1h);
        total.cache_read_tokens = total.cache_read_tokens.saturating_add(request.cache_read);
    }
    totals.sort_by(|a, b| a.model.cmp(&b.model));
    totals
}

/// Each session's model: the most main-thread output tokens (ties: the
/// smaller id); with no main-thread request, the most tokens.
fn session_models(counted: &Counted) -> Vec<u32> {
    #[derive(Default, Clone, Copy)]
    struct PerModel {
        main_requests: u64,
        main_output: u128,
        tokens: u128,
    }
    let mut per_session: Vec<Vec<(u32, PerModel)>> = vec![Vec::new(); counted.sessions];
    for request in &counted.requests {
        let models = &mut per_session[request.session as usize];
        let at = match models.iter().position(|(model, _)| *model == request.model) {
            Some(at) => at,
            None => {
                models.push((request.model, PerModel::default()));
                models.len() - 1
            }
        };
        let entry = &mut models[at].1;
        entry.tokens += request.total();
        if !request.subagent {
            entry.main_requests += 1;
            entry.main_output += u128::from(request.output);
        }
    }
    let name = |model: u32| counted.models[model as usize].as_str();
    per_session
        .iter()
        .map(|models| {
            let any_main = models.iter().any(|(_, m)| m.main_requests > 0);
            let score = |m: &PerModel| if any_main { m.main_output } else { m.tokens };
            models
                .iter()
                .filter(|(_, m)| !any_main || m.main_requests > 0)
                .max_by(|(a_id, a), (b_id, b)| {
                    score(a)
                        .cmp(&score(b))
                        .then_with(|| name(*b_id).cmp(name(*a_id)))
                })
                .map_or(0, |(model, _)| *model)
        })
        .collect()
}

#[derive(Default, Clone)]
struct AttemptSums {
    sessions: u64,
    requests: u64,
    main_prompt: u128,
    main_output: u128,
    main_tokens: u128,
    tokens: u128,
    prompt: u128,
    cache_read: u128,
    cache_write: u128,
    cache_write_1h: u128,
    long_prompt_tokens: u128,
    per_session: Vec<u128>,
}

/// The attempts of each model (sessions whose model it is), most sessions
/// first. `long_prompt_threshold` gives, for a model, its matched
/// profile's long-prompt threshold (prompt tokens), if any.
pub(crate) fn attempts(
    counted: &Counted,
    long_prompt_threshold: &dyn Fn(&str) -> Option<u64>,
) -> Vec<Attempts> {
    let session_model = session_models(counted);
    let thresholds: Vec<Option<u64>> = counted
        .models
        .iter()
        .map(|model| long_prompt_threshold(model))
        .collect();
    let mut sums = vec![AttemptSums::default(); counted.models.len()];
    let mut session_tokens = vec![0_u128; counted.sessions];
    for request in &counted.requests {
        let model = session_model[request.session as usize] as usize;
        let sum = &mut sums[model];
        let (prompt, tokens) = (request.prompt(), request.total());
        sum.requests += 1;
        sum.tokens += tokens;
        sum.prompt += prompt;
        sum.cache_read += u128::from(request.cache_read);
        sum.cache_write += u128::from(request.cache_write);
        sum.cache_write_1h += u128::from(request.cache_write_1h);
        if !request.subagent {
            sum.main_prompt += prompt;
            sum.main_output += u128::from(request.output);
            sum.main_tokens += tokens;
        }
        if thresholds[model].is_some_and(|threshold| prompt > u128::from(threshold)) {
            sum.long_prompt_tokens += tokens;
        }
        session_tokens[request.session as usize] += tokens;
    }
    for (session, &model) in session_model.iter().enumerate() {
        let sum = &mut sums[model as usize];
        sum.sessions += 1;
        sum.per_session.push(session_tokens[session]);
    }
    let mut rows: Vec<Attempts> = sums
        .into_iter()
        .enumerate()
        .filter(|(_, sum)| sum.sessions > 0)
        .map(|(model, sum)| attempt_row(&counted.models[model], thresholds[model].is_some(), sum))
        .collect();
    rows.sort_by(|a, b| {
        b.sessions
            .cmp(&a.sessions)
            .then_with(|| a.model.cmp(&b.model))
    });
    rows
}

fn attempt_row(model: &str, has_threshold: bool, mut sum: AttemptSums) -> Attempts {
    let sessions = sum.sessions as f64;
    let share = |part: u128, whole: u128| (whole > 0).then(|| part as f64 / whole as f64);
    sum.per_session.sort_unstable();
    Attempts {
        model: model.to_string(),
        profile: None,
        sessions: sum.sessions,
        requests: sum.requests,
        usage: AttemptUsage {
            input_tokens: sum.main_prompt as f64 / sessions,
            output_tokens: sum.main_output as f64 / sessions,
            fanout: share(sum.tokens, sum.main_tokens),
            cache_hit_ratio: share(sum.cache_read, sum.prompt),
            cache_write_ratio: share(sum.cache_write, sum.prompt),
            long_prompt_share: if has_threshold {
                share(sum.long_prompt_tokens, sum.tokens)
            } else {
                None
            },
        },
        cache_write_1h_share: share(sum.cache_write_1h, sum.cache_write),
        tokens_per_session_median: median(&sum.per_session),
        tokens_per_session_p90: nearest_rank(&sum.per_session, 90),
    }
}

/// The median of sorted values: the middle one, or the mean of the two
/// middle ones rounded half up (token counts are whole).
pub(crate) fn median(sorted: &[u128]) -> u64 {
    let n = sorted.len();
    if n == 0 {
        return 0;
    }
    let value = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        let (low, high) = (sorted[n / 2 - 1], sorted[n / 2]);
        low / 2 + high / 2 + (low % 2 + high % 2).div_ceil(2)
    };
    saturate(value)
}

/// The nearest-rank percentile of sorted values: the value at rank
/// `ceil(p/100 × n)`.
pub(crate) fn nearest_rank(sorted: &[u128], percent: usize) -> u64 {
    let n = sorted.len();
    if n == 0 {
        return 0;
    }
    let rank = (percent * n).div_ceil(100).max(1);
    saturate(sorted[rank - 1])
}

fn saturate(value: u128) -> u64 {
    u64::try_from(value).unwrap_or(u64::MAX)
}

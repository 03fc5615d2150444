//! Numbers for people: money with 2 decimals and thousands separators,
//! rates as percentages, "—" where there is no value.

/// Shown where a figure has no value or is not finite.
pub(super) const NONE: &str = "—";

/// Past this, digits stop helping anyone; scientific notation instead.
const HUGE: f64 = 1e15;

/// `1234.5` -> `1,234.50`.
pub fn money(value: f64) -> String {
    grouped(value, 2)
}

/// `0.1234` -> `12.3%`.
pub(crate) fn percent(value: f64) -> String {
    percent_to(value, 1)
}

/// `1 what-if`, `9 what-ifs`: a count and its noun, `s` added past one.
pub(crate) fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A ratio as a percentage with `decimals` decimals: `(13.9, 0)` ->
/// `1,390%`. Every percentage costlens shows goes through here.
pub(crate) fn percent_to(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return NONE.to_string();
    }
    format!("{}%", grouped(value * 100.0, decimals))
}

/// `part` as a whole-percent share of `total`: `(5.0, 9.0)` -> `56%`.
pub(crate) fn share_of(part: f64, total: f64) -> String {
    percent_to(part / total, 0)
}

/// A count or token volume: `66666.7` -> `66,667`.
pub fn count(value: f64) -> String {
    grouped(value, 0)
}

/// Fixed decimals with a comma every three digits of the whole part.
pub fn grouped(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return NONE.to_string();
    }
    if value.abs() >= HUGE {
        return format!("{value:.2e}");
    }
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + whole.len() / 3 + 1);
    // -0.00 reads as a loss that is not there.
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push('-');
    }
    for (at, digit) in whole.chars().enumerate() {
        if at > 0 && (whole.len() - at) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_adds_an_s_past_one() {
        assert_eq!(plural(1, "what-if"), "1 what-if");
        assert_eq!(plural(0, "session"), "0 sessions");
        assert_eq!(plural(9, "agent change"), "9 agent changes");
    }

    #[test]
    fn formats_people_can_read() {
        let cases = [
            (money(0.0), "0.00"),
            (money(30.5), "30.50"),
            (money(1234.5), "1,234.50"),
            (money(-1234567.891), "-1,234,567.89"),
            (money(-0.001), "0.00"),
            (money(999.999), "1,000.00"),
            (money(f64::NAN), "—"),
            (money(f64::INFINITY), "—"),
            (money(2e15), "2.00e15"),
            (percent(0.0109), "1.1%"),
            (percent(13.936), "1,393.6%"),
            (count(66666.7), "66,667"),
            (percent_to(17.579, 0), "1,758%"),
            (share_of(12.5, 22.6), "55%"),
            (share_of(0.0, 0.0), "—"),
        ];
        for (got, want) in cases {
            assert_eq!(got, want);
        }
    }
}

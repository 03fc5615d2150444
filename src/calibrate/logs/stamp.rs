//! Log timestamps: `YYYY-MM-DDTHH:MM:SS`, an optional fraction, then `Z`
//! or `±HH:MM`, and a real date and time. Parsed by hand: every usage line
//! has one, and chrono's parser would accept forms the rule refuses
//! (lowercase `z`, leap seconds).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// An instant in UTC, to the nanosecond.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Stamp {
    pub(crate) seconds: i64,
    pub(crate) nanos: u32,
}

const SECONDS_PER_DAY: i64 = 86_400;

impl Stamp {
    /// Days since 1970-01-01 of the instant's UTC date.
    pub(crate) fn utc_day(self) -> i64 {
        self.seconds.div_euclid(SECONDS_PER_DAY)
    }

    pub(crate) fn to_utc(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.seconds, self.nanos)
    }
}

/// Days since 1970-01-01 of a calendar date.
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    const UNIX_EPOCH_FROM_CE: i64 = 719_163;
    i64::from(date.num_days_from_ce()) - UNIX_EPOCH_FROM_CE
}

/// Parses a log timestamp; `None` when it is not of the form or not a
/// real date and time.
pub(crate) fn parse(text: &[u8]) -> Option<Stamp> {
    if text.len() < 20 {
        return None;
    }
    let (date_time, rest) = text.split_at(19);
    let punctuation = [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')];
    if punctuation.iter().any(|&(at, c)| date_time[at] != c) {
        return None;
    }
    let year = digits(&date_time[0..4])?;
    let month = digits(&date_time[5..7])?;
    let day = digits(&date_time[8..10])?;
    let hour = digits(&date_time[11..13])?;
    let minute = digits(&date_time[14..16])?;
    let second = digits(&date_time[17..19])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let (nanos, zone) = fraction(rest)?;
    let offset_seconds = offset(zone)?;
    let days = days_from_civil(year, month, day);
    let seconds = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second - offset_seconds;
    Some(Stamp { seconds, nanos })
}

/// The optional `.digits` after the seconds: nanoseconds (digits past the
/// ninth are read and dropped) and what follows.
fn fraction(rest: &[u8]) -> Option<(u32, &[u8])> {
    let Some(after_dot) = rest.strip_prefix(b".") else {
        return Some((0, rest));
    };
    let count = after_dot.iter().take_while(|b| b.is_ascii_digit()).count();
    if count == 0 {
        return None;
    }
    let mut nanos: u32 = 0;
    for position in 0..9 {
        let digit = after_dot.get(position).filter(|_| position < count);
        nanos = nanos * 10 + digit.map_or(0, |d| u32::from(d - b'0'));
    }
    Some((nanos, &after_dot[count..]))
}

/// `Z` or `±HH:MM`, as seconds east of UTC.
fn offset(zone: &[u8]) -> Option<i64> {
    if zone == b"Z" {
        return Some(0);
    }
    let [sign, h1, h2, b':', m1, m2] = *zone else {
        return None;
    };
    let hours = digits(&[h1, h2])?;
    let minutes = digits(&[m1, m2])?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    match sign {
        b'+' => Some(seconds),
        b'-' => Some(-seconds),
        _ => None,
    }
}

fn digits(text: &[u8]) -> Option<i64> {
    text.iter().try_fold(0_i64, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + i64::from(b - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seconds(text: &str) -> Option<i64> {
        parse(text.as_bytes()).map(|stamp| stamp.seconds)
    }

    #[test]
    fn accepts_the_forms_of_the_rule() {
        assert_eq!(seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(seconds("2026-01-01T00:00:00.000Z"), Some(1_767_225_600));
        assert_eq!(seconds("2026-01-01T01:00:00+01:00"), Some(1_767_225_600));
        assert_eq!(seconds("2025-12-31T23:30:00-00:30"), Some(1_767_225_600));
        assert_eq!(seconds("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        let fine = parse(b"2026-01-01T00:00:00.123456789123Z").map(|s| s.nanos);
        assert_eq!(fine, Some(123_456_789));
        assert_eq!(
            parse(b"2026-01-01T00:00:00.5Z").map(|s| s.nanos),
            Some(500_000_000)
        );
    }

    #[test]
    fn refuses_other_forms_and_unreal_dates() {
        for bad in [
            "2026-01-01T00:00:00",
            "2026-01-01T00:00:00z",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00+0100",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00+01:60",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-00-01T00:00:00Z",
            "2026-04-31T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T23:59:60Z",
            "2026-01-01T00:00:00ZZ",
            "+026-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_count_from_the_epoch() {
        let date = NaiveDate::from_ymd_opt(2026, 1, 1).map(day_number);
        assert_eq!(date, Some(1_767_225_600 / SECONDS_PER_DAY));
        assert_eq!(parse(b"1969-12-31T23:59:59Z").map(Stamp::utc_day), Some(-1));
    }
}

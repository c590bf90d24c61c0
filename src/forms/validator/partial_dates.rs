//! Dates of day, month or year precision (`YYYY-MM-DD`, `dd/mm/yyyy`, `YYYY-MM`, `mm/yyyy`,
//! `YYYY`) as the interval of days they cover, read and written without chrono's formatting.

use chrono::{Datelike, NaiveDate};

use crate::forms::schema::DatePrecision;

/// A date of day, month or year precision, as the interval of days it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PartialDate {
    pub(super) first: NaiveDate,
    pub(super) last: NaiveDate,
    pub(super) precision: DatePrecision,
}

pub(super) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(super) fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

/// `YYYY-MM-DD` of a date in years 0–9999 as ASCII (what `format("%Y-%m-%d")` gives), without
/// chrono's formatting machinery; its first 4 and 7 bytes are the year and the month. `None`
/// for other years.
pub(super) fn ymd_ascii(d: NaiveDate) -> Option<[u8; 10]> {
    let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (m, day) = (d.month(), d.day());
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// The length of a date's text at `precision` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
pub(super) fn partial_date_len(precision: DatePrecision) -> usize {
    match precision {
        DatePrecision::Year => 4,
        DatePrecision::Month => 7,
        _ => 10,
    }
}

/// Reads `YYYY-MM-DD`, `dd/mm/yyyy` (also `-` or `.`), `YYYY-MM`, `mm/yyyy`, `YYYY`.
pub(super) fn parse_partial_date(s: &str, precision: DatePrecision) -> Option<PartialDate> {
    // A date-time (a JS `Date` through JSON: "2026-01-14T17:00:00.000Z") is the Vietnam date.
    if s.len() > 10 && s.as_bytes().get(10) == Some(&b'T') {
        if !matches!(precision, DatePrecision::Day | DatePrecision::Any) {
            return None;
        }
        let trimmed = match s.split_once('.') {
            // drop milliseconds, keep the offset ("…:00.000Z" → "…:00Z")
            Some((head, tail)) if head.len() == 19 => {
                let off = tail.trim_start_matches(|c: char| c.is_ascii_digit());
                format!("{head}{off}")
            }
            _ => s.to_string(),
        };
        let d = crate::datetime::parse_datetime(&trimmed, "date")
            .ok()?
            .date();
        return Some(PartialDate {
            first: d,
            last: d,
            precision: DatePrecision::Day,
        });
    }
    // At most three parts, on the stack.
    let mut buf = [""; 3];
    let mut count = 0usize;
    for p in s.split(['/', '-', '.']).map(str::trim) {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
            return None;
        }
        match buf.get_mut(count) {
            Some(slot) => *slot = p,
            None => return None,
        }
        count += 1;
    }
    let parts = buf.get(..count)?;
    let num = |p: &str| p.parse::<u32>().ok();
    let (y, m, d) = match parts {
        [y] if y.len() == 4 => (num(y)?, None, None),
        [a, b] if a.len() == 4 => (num(a)?, Some(num(b)?), None),
        [a, b] if b.len() == 4 => (num(b)?, Some(num(a)?), None),
        [a, b, c] if a.len() == 4 => (num(a)?, Some(num(b)?), Some(num(c)?)),
        [a, b, c] if c.len() == 4 => (num(c)?, Some(num(b)?), Some(num(a)?)),
        _ => return None,
    };
    if !(1800..=9999).contains(&y) {
        return None;
    }
    let y = y as i32;
    let got = match (m, d) {
        (None, _) => DatePrecision::Year,
        (Some(_), None) => DatePrecision::Month,
        _ => DatePrecision::Day,
    };
    if precision != DatePrecision::Any && precision != got {
        return None;
    }
    let (first, last) = match (m, d) {
        (None, _) => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
        (Some(m), None) => (ymd(y, m, 1)?, last_of_month(y, m)?),
        (Some(m), Some(d)) => {
            let x = ymd(y, m, d)?;
            (x, x)
        }
    };
    Some(PartialDate {
        first,
        last,
        precision: got,
    })
}

/// True when `s` is what [`format_partial_date`] gives for `d` (checked without building it).
pub(super) fn is_formatted_partial_date(d: &PartialDate, s: &str) -> bool {
    ymd_ascii(d.first).is_some_and(|b| b.get(..partial_date_len(d.precision)) == Some(s.as_bytes()))
}

pub(super) fn format_partial_date(d: &PartialDate) -> String {
    match ymd_ascii(d.first) {
        Some(b) => b
            .iter()
            .take(partial_date_len(d.precision))
            .map(|&c| char::from(c))
            .collect(),
        // Years beyond 0–9999: chrono's sign and digits.
        None => match d.precision {
            DatePrecision::Year => format!("{:04}", d.first.year()),
            DatePrecision::Month => format!("{:04}-{:02}", d.first.year(), d.first.month()),
            _ => d.first.to_string(),
        },
    }
}

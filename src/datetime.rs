//! Dates and date-times as the JavaScript contract writes them.
//!
//! - Dates: `"YYYY-MM-DD"`.
//! - Date-times are Vietnam local time (UTC+7, no daylight saving). Inputs accept
//!   `"YYYY-MM-DDTHH:MM"`, `"YYYY-MM-DDTHH:MM:SS"` (a space may replace `T`, fractions of a second
//!   are ignored), optionally followed by an offset (`Z`, `+07:00`, `-0500` …) which is converted
//!   to UTC+7. A bare date is the start of that day.
//! - Outputs are `"YYYY-MM-DDTHH:MM:SS+07:00"`.
//!
//! Parsing is hand-written over bytes: it is on the hot path of exports and keystrokes, and
//! it names the field in its error.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::error::{Error, ErrorKind, Result};
use crate::message::truncate_for_message;

/// Vietnam's offset from UTC in seconds (UTC+7).
pub const VN_OFFSET_SECONDS: i32 = 7 * 3600;

fn date_error(field: &str, value: &str) -> Error {
    Error::new(
        ErrorKind::Date,
        format!(
            "Giá trị \"{}\" không phải là ngày hợp lệ (định dạng YYYY-MM-DD).",
            truncate_for_message(value)
        ),
        format!(
            "\"{}\" is not a valid date (format YYYY-MM-DD).",
            truncate_for_message(value)
        ),
    )
    .with_field(field)
}

fn datetime_error(field: &str, value: &str) -> Error {
    Error::new(
        ErrorKind::Date,
        format!(
            "Giá trị \"{}\" không phải là thời điểm hợp lệ (định dạng YYYY-MM-DDTHH:MM[:SS], có thể kèm múi giờ).",
            truncate_for_message(value)
        ),
        format!(
            "\"{}\" is not a valid date-time (format YYYY-MM-DDTHH:MM[:SS], optionally with an offset).",
            truncate_for_message(value)
        ),
    )
    .with_field(field)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() {
        return None;
    }
    let mut n = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u32::from(c - b'0');
    }
    Some(n)
}

fn parse_ymd(b: &[u8]) -> Option<NaiveDate> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = digits(&b[0..4])?;
    let m = digits(&b[5..7])?;
    let d = digits(&b[8..10])?;
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Parses a `"YYYY-MM-DD"` date; `field` names the input in the error.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// assert_eq!(tthc::datetime::parse_date("2026-02-17", "date").unwrap(), NaiveDate::from_ymd_opt(2026, 2, 17).unwrap());
/// let e = tthc::datetime::parse_date("2026-02-30", "date").unwrap_err();
/// assert_eq!(e.field(), Some("date"));
/// ```
pub fn parse_date(value: &str, field: &str) -> Result<NaiveDate> {
    parse_ymd(value.trim().as_bytes()).ok_or_else(|| date_error(field, value))
}

/// Parses an `"HH:MM"` (or `"HH:MM:SS"`) time of day.
///
/// # Example
/// ```
/// use chrono::NaiveTime;
/// assert_eq!(tthc::datetime::parse_time("15:00", "cutoff").unwrap(), NaiveTime::from_hms_opt(15, 0, 0).unwrap());
/// assert!(tthc::datetime::parse_time("25:00", "cutoff").is_err());
/// ```
pub fn parse_time(value: &str, field: &str) -> Result<NaiveTime> {
    let b = value.trim().as_bytes();
    let t = match b.len() {
        5 if b[2] == b':' => NaiveTime::from_hms_opt(
            digits(&b[0..2]).unwrap_or(99),
            digits(&b[3..5]).unwrap_or(99),
            0,
        ),
        8 if b[2] == b':' && b[5] == b':' => NaiveTime::from_hms_opt(
            digits(&b[0..2]).unwrap_or(99),
            digits(&b[3..5]).unwrap_or(99),
            digits(&b[6..8]).unwrap_or(99),
        ),
        _ => None,
    };
    t.ok_or_else(|| {
        Error::new(
            ErrorKind::Date,
            format!(
                "Giá trị \"{}\" không phải là giờ hợp lệ (định dạng HH:MM).",
                truncate_for_message(value)
            ),
            format!(
                "\"{}\" is not a valid time of day (format HH:MM).",
                truncate_for_message(value)
            ),
        )
        .with_field(field)
    })
}

/// Parses a contract date-time into Vietnam local time (UTC+7). A date-time that the offset
/// carries out of the years 0000–9999 is a `Range` error.
///
/// # Example
/// ```
/// use tthc::datetime::{parse_datetime, format_datetime};
/// let t = parse_datetime("2026-06-01T01:30:00Z", "receivedAt").unwrap();
/// assert_eq!(format_datetime(t), "2026-06-01T08:30:00+07:00");
/// let t = parse_datetime("2026-02-13T10:15", "receivedAt").unwrap();
/// assert_eq!(format_datetime(t), "2026-02-13T10:15:00+07:00");
/// assert!(parse_datetime("2026-02-13T24:15", "receivedAt").is_err());
/// ```
pub fn parse_datetime(value: &str, field: &str) -> Result<NaiveDateTime> {
    let t = parse_datetime_bytes(value.trim().as_bytes())
        .ok_or_else(|| datetime_error(field, value))?;
    // An offset can carry the last (or first) day of the four-digit years out of them: a
    // date-time this crate could not write back nor use is refused here, not later.
    if !(0..=9999).contains(&t.year()) {
        return Err(Error::new(
            ErrorKind::Range,
            format!(
                "Thời điểm \"{}\" theo giờ Việt Nam (UTC+7) rơi ra ngoài các năm 0000–9999.",
                truncate_for_message(value)
            ),
            format!(
                "The date-time \"{}\" in Vietnam time (UTC+7) falls outside the years 0000–9999.",
                truncate_for_message(value)
            ),
        )
        .with_field(field));
    }
    Ok(t)
}

fn parse_datetime_bytes(b: &[u8]) -> Option<NaiveDateTime> {
    if b.len() < 10 {
        return None;
    }
    let date = parse_ymd(&b[..10])?;
    if b.len() == 10 {
        return Some(date.and_time(NaiveTime::MIN));
    }
    if b[10] != b'T' && b[10] != b't' && b[10] != b' ' {
        return None;
    }
    let rest = &b[11..];
    if rest.len() < 5 || rest[2] != b':' {
        return None;
    }
    let h = digits(&rest[0..2])?;
    let mi = digits(&rest[3..5])?;
    let mut i = 5;
    let mut s = 0;
    if rest.len() >= 8 && rest[5] == b':' {
        s = digits(&rest[6..8])?;
        i = 8;
        if i < rest.len() && (rest[i] == b'.' || rest[i] == b',') {
            i += 1;
            let start = i;
            while i < rest.len() && rest[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    let local = date.and_time(NaiveTime::from_hms_opt(h, mi, s)?);
    let tz = &rest[i..];
    let offset_seconds: i64 = match tz {
        [] => return Some(local),
        [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), hh1, hh2, b':', mm1, mm2]
        | [sign @ (b'+' | b'-'), hh1, hh2, mm1, mm2] => {
            let oh = digits(&[*hh1, *hh2])?;
            let om = digits(&[*mm1, *mm2])?;
            if oh > 23 || om > 59 {
                return None;
            }
            let v = i64::from(oh * 3600 + om * 60);
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        [sign @ (b'+' | b'-'), hh1, hh2] => {
            let oh = i64::from(digits(&[*hh1, *hh2])?);
            if oh > 23 {
                return None;
            }
            if *sign == b'-' {
                -oh * 3600
            } else {
                oh * 3600
            }
        }
        _ => return None,
    };
    local.checked_add_signed(Duration::seconds(
        i64::from(VN_OFFSET_SECONDS) - offset_seconds,
    ))
}

/// Formats a date as `"YYYY-MM-DD"`.
///
/// # Example
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap();
/// assert_eq!(tthc::datetime::format_date(d), "2026-09-02");
/// ```
pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Formats a Vietnam-local date-time as `"YYYY-MM-DDTHH:MM:SS+07:00"`.
///
/// # Example
/// ```
/// let t = tthc::datetime::parse_datetime("2025-10-15T17:00", "x").unwrap();
/// assert_eq!(tthc::datetime::format_datetime(t), "2025-10-15T17:00:00+07:00");
/// ```
pub fn format_datetime(t: NaiveDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Formats a date as messages show it to people, `"dd/mm/yyyy"` (what `format("%d/%m/%Y")`
/// gives for years 0–9999, without chrono's formatting machinery).
///
/// # Example
/// ```
/// let d = tthc::datetime::parse_date("2026-03-03", "x").unwrap();
/// assert_eq!(tthc::datetime::format_date_for_people(d), "03/03/2026");
/// ```
pub fn format_date_for_people(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// Formats a date-time as messages show it to people, `"HH:MM dd/mm/yyyy"` (as a Vietnamese
/// office writes it; the seconds, always 0 in the exports, are left out).
///
/// # Example
/// ```
/// let t = tthc::datetime::parse_datetime("2026-03-03T14:19", "x").unwrap();
/// assert_eq!(tthc::datetime::format_datetime_for_people(t), "14:19 03/03/2026");
/// ```
pub fn format_datetime_for_people(t: NaiveDateTime) -> String {
    format!(
        "{:02}:{:02} {}",
        t.hour(),
        t.minute(),
        format_date_for_people(t.date())
    )
}

/// Days since 1970-01-01 (the "day number" used by the batch APIs and the precomputed tables).
///
/// # Example
/// ```
/// let d = chrono::NaiveDate::from_ymd_opt(1970, 1, 2).unwrap();
/// assert_eq!(tthc::datetime::day_number(d), 1);
/// assert_eq!(tthc::datetime::from_day_number(1), Some(d));
/// ```
#[inline]
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - 719_163
}

/// The date of a day number (days since 1970-01-01), if it is in chrono's range.
pub fn from_day_number(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n.checked_add(719_163)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_forms() {
        let f = |s: &str| parse_datetime(s, "t").map(format_datetime);
        assert_eq!(
            f("2026-06-01T01:30:00Z").unwrap(),
            "2026-06-01T08:30:00+07:00"
        );
        assert_eq!(
            f("2026-06-01T08:30:00+07:00").unwrap(),
            "2026-06-01T08:30:00+07:00"
        );
        assert_eq!(
            f("2026-06-01T03:30:00+0200").unwrap(),
            "2026-06-01T08:30:00+07:00"
        );
        assert_eq!(f("2026-06-01 08:30").unwrap(), "2026-06-01T08:30:00+07:00");
        assert_eq!(
            f("2026-06-01T08:30:00.123Z").unwrap(),
            "2026-06-01T15:30:00+07:00"
        );
        assert_eq!(
            f("2026-12-31T20:00:00-05:00").unwrap(),
            "2027-01-01T08:00:00+07:00"
        );
        assert_eq!(f("2026-06-01").unwrap(), "2026-06-01T00:00:00+07:00");
        for bad in [
            "",
            "2026-6-1",
            "2026-06-01T8:30",
            "2026-06-01T08:30+7",
            "2026-02-29T00:00",
            "x",
        ] {
            let e = f(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Date, "{bad}");
            assert_eq!(e.field(), Some("t"));
        }
    }

    /// An offset that carries the date-time out of the years 0000–9999 is a range error (the
    /// year 10000 was returned and refused later by every other function).
    #[test]
    fn offsets_past_the_four_digit_years_are_range_errors() {
        for bad in [
            "9999-12-31T23:59-12:00",
            "9999-12-31T17:00Z",
            "0000-01-01T00:00+14:00",
        ] {
            let e = parse_datetime(bad, "t").unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Range, "{bad}");
            assert_eq!(e.field(), Some("t"));
        }
        assert_eq!(
            parse_datetime("9999-12-31T16:59Z", "t")
                .map(format_datetime)
                .unwrap(),
            "9999-12-31T23:59:00+07:00"
        );
        assert_eq!(
            parse_datetime("0000-01-01T00:00+07:00", "t")
                .map(format_datetime)
                .unwrap(),
            "0000-01-01T00:00:00+07:00"
        );
    }

    #[test]
    fn long_values_are_clipped_in_messages() {
        let long = "9".repeat(10_000);
        let e = parse_date(&long, "d").unwrap_err();
        assert!(e.message().len() < 200);
    }
}

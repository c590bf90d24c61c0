//! Dates in exports, read from bytes (the hot path of a million-row file).
//!
//! Accepted (the contract's list):
//! - `dd/mm/yyyy`, `dd/mm/yyyy HH:mm`, `dd/mm/yyyy HH:mm:ss` (also `-` or `.` as separators,
//!   one-digit day, month or hour);
//! - `HH:mm dd/mm/yyyy`, `HH:mm:ss dd/mm/yyyy`;
//! - `yyyy-mm-dd`, `yyyy-mm-dd HH:mm[:ss]` (also `/`), and ISO 8601 `yyyy-mm-ddTHH:mm[:ss[.fff]]`
//!   with an optional offset (`Z`, `+07:00` …) converted to Vietnam time;
//! - Excel date cells and serial numbers (1900 date system, also as text such as `44423.5`),
//!   the time rounded to the nearest second.
//!
//! Dates outside 1990–2100 are refused as implausible (a mistyped year would otherwise stretch
//! the monthly trend over centuries).

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::Cell;

/// A parsed date value and whether it carried a time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateValue {
    /// The moment, Vietnam local time (a date without time is its 00:00).
    pub at: NaiveDateTime,
    /// Whether the value had a time of day.
    pub has_time: bool,
}

/// Earliest plausible year.
pub const MIN_YEAR: i32 = 1990;
/// Latest plausible year.
pub const MAX_YEAR: i32 = 2100;

/// Reads a date from a cell; `None` when unreadable or implausible. Empty cells must be
/// checked before (they are not dates).
///
/// # Example
/// ```
/// use tthc::ingest::{Cell, dates::parse_cell};
/// let d = parse_cell(Cell::Text(b"15/08/2021 08:30")).unwrap();
/// assert_eq!(d.at.to_string(), "2021-08-15 08:30:00");
/// assert!(d.has_time);
/// let d = parse_cell(Cell::Text(b"08:30 15/08/2021")).unwrap();
/// assert_eq!(d.at.to_string(), "2021-08-15 08:30:00");
/// let d = parse_cell(Cell::Serial(44423.5)).unwrap();
/// assert_eq!(d.at.to_string(), "2021-08-15 12:00:00");
/// assert!(parse_cell(Cell::Text(b"31/02/2021")).is_none());
/// ```
pub fn parse_cell(cell: Cell<'_>) -> Option<DateValue> {
    let v = match cell {
        Cell::Empty | Cell::Bool(_) => None,
        Cell::Number(n) | Cell::Serial(n) => from_serial(n),
        Cell::Text(t) => parse_bytes(t),
    }?;
    plausible(v)
}

/// `v` if its year lies in [`MIN_YEAR`]..=[`MAX_YEAR`].
#[inline]
fn plausible(v: DateValue) -> Option<DateValue> {
    let y = chrono::Datelike::year(&v.at);
    (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(v)
}

/// A memo of the `dd/mm/yyyy` date parts read last, for [`DateCache::parse_cell`]: an export
/// has a few hundred distinct days across millions of dates, and turning one into a calendar
/// date (checking the day of the month, the ordinal) was a tenth of the statistics time.
pub struct DateCache {
    /// Per slot: the first eight bytes of a `dd/mm/yyyy` date part, its last two (with bit 16
    /// set, so that 0 marks an empty slot), and the plausible date they read as.
    slots: Box<[(u64, u32, NaiveDate); 256]>,
}

impl std::fmt::Debug for DateCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let used = self.slots.iter().filter(|s| s.1 != 0).count();
        write!(f, "DateCache({used} of {} slots)", self.slots.len())
    }
}

impl Default for DateCache {
    fn default() -> Self {
        DateCache {
            slots: Box::new([(0, 0, NaiveDate::MIN); 256]),
        }
    }
}

impl DateCache {
    /// The same as [`parse_cell`], with `dd/mm/yyyy` and `dd/mm/yyyy HH:mm` texts read through
    /// the memo.
    ///
    /// ```
    /// use tthc::ingest::{Cell, dates::{parse_cell, DateCache}};
    /// let mut c = DateCache::default();
    /// for t in ["15/08/2021 08:30", "15/08/2021 08:30", "15/08/2021", "31/02/2021", "1/8/2021",
    ///           "15/08/1021 08:30", "15/08/1021 08:30", "15/08/2021 24:00", "15/08/2021T08:30"] {
    ///     assert_eq!(c.parse_cell(Cell::Text(t.as_bytes())), parse_cell(Cell::Text(t.as_bytes())));
    /// }
    /// ```
    #[inline]
    pub fn parse_cell(&mut self, cell: Cell<'_>) -> Option<DateValue> {
        if let Cell::Text(b) = cell {
            if let Some(v) = self.usual(b) {
                return Some(v);
            }
        }
        parse_cell(cell)
    }

    /// `dd/mm/yyyy` or `dd/mm/yyyy HH:mm` with the date part memoised; `None` sends the text to
    /// the full parser (which then decides, so the answer never differs from it).
    #[inline]
    fn usual(&mut self, b: &[u8]) -> Option<DateValue> {
        let (head, time) = match b.len() {
            10 => (b, None),
            16 => (&b[..10], Some(<&[u8; 6]>::try_from(&b[10..]).ok()?)),
            _ => return None,
        };
        let head: &[u8; 10] = head.try_into().ok()?;
        if head[2] != b'/' || head[5] != b'/' {
            return None;
        }
        let lo = u64::from_le_bytes([
            head[0], head[1], head[2], head[3], head[4], head[5], head[6], head[7],
        ]);
        let hi = u32::from(u16::from_le_bytes([head[8], head[9]])) | 1 << 16;
        let slot = ((lo ^ u64::from(hi)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
        let e = &mut self.slots[slot];
        let date = if e.0 == lo && e.1 == hi {
            e.2
        } else {
            let d = plausible(parse_usual(head)?)?.at.date();
            *e = (lo, hi, d);
            d
        };
        usual_time(time, date)
    }
}

/// Converts an Excel serial number (1900 date system, with its 1900-02-29 quirk) to a moment,
/// rounded to the nearest second.
///
/// # Example
/// ```
/// let d = tthc::ingest::dates::from_serial(45943.541).unwrap();
/// assert_eq!(d.at.to_string(), "2025-10-13 12:59:02");
/// ```
pub fn from_serial(n: f64) -> Option<DateValue> {
    if !n.is_finite() || !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let total = (n * 86_400.0).round() as i64;
    let days = total.div_euclid(86_400);
    let secs = total.rem_euclid(86_400);
    // Serial 1 = 1900-01-01; Excel's fictitious 1900-02-29 is serial 60.
    let base = if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    let date = base.checked_add_signed(Duration::days(days))?;
    let at = date.and_time(NaiveTime::MIN) + Duration::seconds(secs);
    Some(DateValue {
        at,
        has_time: secs != 0,
    })
}

/// Reads the digits at `b[*i..]` (at most `max`), advancing `*i`; returns (value, count).
#[inline]
fn num(b: &[u8], i: &mut usize, max: usize) -> Option<(u32, usize)> {
    let start = *i;
    let mut v: u32 = 0;
    while *i < b.len() && *i - start < max {
        let c = b[*i];
        if !c.is_ascii_digit() {
            break;
        }
        v = v * 10 + u32::from(c - b'0');
        *i += 1;
    }
    let n = *i - start;
    (n > 0).then_some((v, n))
}

/// The forms one-stop exports use for nearly every cell, `dd/mm/yyyy HH:mm` and `dd/mm/yyyy`,
/// read position by position; `None` for anything else (then the general parser decides, so
/// the result never differs from it).
#[inline]
fn parse_usual(b: &[u8]) -> Option<DateValue> {
    if (b.len() != 10 && b.len() != 16) || b[2] != b'/' || b[5] != b'/' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt((d2(b, 6)? * 100 + d2(b, 8)?) as i32, d2(b, 3)?, d2(b, 0)?)?;
    let tail = match b.get(10..) {
        Some(t) if !t.is_empty() => Some(<&[u8; 6]>::try_from(t).ok()?),
        _ => None,
    };
    usual_time(tail, date)
}

/// Two ASCII digits at `b[i..i + 2]`.
#[inline]
fn d2(b: &[u8], i: usize) -> Option<u32> {
    let (x, y) = (b[i].wrapping_sub(b'0'), b[i + 1].wrapping_sub(b'0'));
    (x < 10 && y < 10).then_some(u32::from(x) * 10 + u32::from(y))
}

/// The moment of a usual-form text once its date part is read: the start of the day when there
/// is no `tail` (a 10-byte text), else the tail ` HH:mm` read position by position.
#[inline]
fn usual_time(tail: Option<&[u8; 6]>, date: NaiveDate) -> Option<DateValue> {
    let Some(t) = tail else {
        return Some(DateValue {
            at: date.and_time(NaiveTime::MIN),
            has_time: false,
        });
    };
    if t[0] != b' ' || t[3] != b':' {
        return None;
    }
    let time = NaiveTime::from_hms_opt(d2(t, 1)?, d2(t, 4)?, 0)?;
    Some(DateValue {
        at: date.and_time(time),
        has_time: true,
    })
}

/// Parses a date `d/m/yyyy` or `yyyy-m-d` at `b[*i..]`.
#[inline]
fn date_at(b: &[u8], i: &mut usize) -> Option<NaiveDate> {
    let (a, na) = num(b, i, 4)?;
    let sep = *b.get(*i)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    *i += 1;
    let (m, nm) = num(b, i, 2)?;
    if *b.get(*i)? != sep {
        return None;
    }
    *i += 1;
    let (c, nc) = num(b, i, 4)?;
    if nm > 2 {
        return None;
    }
    if na == 4 && nc <= 2 {
        NaiveDate::from_ymd_opt(a as i32, m, c)
    } else if na <= 2 && nc == 4 {
        NaiveDate::from_ymd_opt(c as i32, m, a)
    } else {
        None
    }
}

/// Parses `H:mm[:ss[.fff]]` (optionally followed by `SA`/`CH`/`AM`/`PM`) at `b[*i..]`.
#[inline]
fn time_at(b: &[u8], i: &mut usize) -> Option<NaiveTime> {
    let (h, _) = num(b, i, 2)?;
    if *b.get(*i)? != b':' {
        return None;
    }
    *i += 1;
    let (mi, nmi) = num(b, i, 2)?;
    if nmi != 2 {
        return None;
    }
    let mut s = 0;
    if b.get(*i) == Some(&b':') {
        *i += 1;
        let (sv, ns) = num(b, i, 2)?;
        if ns != 2 {
            return None;
        }
        s = sv;
        if matches!(b.get(*i), Some(b'.') | Some(b','))
            && b.get(*i + 1).is_some_and(u8::is_ascii_digit)
        {
            *i += 1;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
        }
    }
    let mut h = h;
    // 12-hour suffixes: SA/AM (sáng), CH/PM (chiều).
    let mut j = *i;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let suffix = b
        .get(j..j + 2)
        .map(|x| [x[0].to_ascii_uppercase(), x[1].to_ascii_uppercase()]);
    match suffix {
        Some([b'S', b'A']) | Some([b'A', b'M']) if h <= 12 => {
            if h == 12 {
                h = 0;
            }
            *i = j + 2;
        }
        Some([b'C', b'H']) | Some([b'P', b'M']) if h <= 12 => {
            if h < 12 {
                h += 12;
            }
            *i = j + 2;
        }
        _ => {}
    }
    NaiveTime::from_hms_opt(h, mi, s)
}

fn skip_spaces(b: &[u8], i: &mut usize) -> usize {
    let s = *i;
    while *i < b.len() && (b[*i] == b' ' || b[*i] == b'\t' || b[*i] == b',') {
        *i += 1;
    }
    *i - s
}

/// Parses a text date in any accepted format.
///
/// # Example
/// ```
/// use tthc::ingest::dates::parse_bytes;
/// assert_eq!(parse_bytes(b"2021-08-15").unwrap().at.to_string(), "2021-08-15 00:00:00");
/// assert_eq!(parse_bytes(b"2021-08-15T01:30:00Z").unwrap().at.to_string(), "2021-08-15 08:30:00");
/// assert_eq!(parse_bytes(b"5/8/2021 7:05").unwrap().at.to_string(), "2021-08-05 07:05:00");
/// assert_eq!(parse_bytes(b"44423").unwrap().at.to_string(), "2021-08-15 00:00:00");
/// assert!(parse_bytes("hôm qua".as_bytes()).is_none());
/// ```
pub fn parse_bytes(b: &[u8]) -> Option<DateValue> {
    let b = super::trim_bytes(b);
    if b.is_empty() || b.len() > MAX_DATE_BYTES {
        return None;
    }
    parse_usual(b).or_else(|| parse_general(b))
}

/// Longest date text read: every accepted form is far shorter (an ISO 8601 date-time with
/// nanoseconds and an offset is 35 bytes); a longer cell is not a date, without being scanned.
const MAX_DATE_BYTES: usize = 64;

/// Every accepted form (after trimming; `b` is not empty).
fn parse_general(b: &[u8]) -> Option<DateValue> {
    // An Excel serial written as text.
    if b.iter().all(|c| c.is_ascii_digit() || *c == b'.') && b.len() <= 16 {
        if b.len() >= 4 && b.iter().filter(|&&c| c == b'.').count() <= 1 && b[0] != b'.' {
            let s = std::str::from_utf8(b).ok()?;
            return from_serial(crate::text::float::parse_f64(s)?);
        }
        return None;
    }
    // ISO 8601 with an offset or a `T`: the contract parser.
    if b.len() >= 16 && b.get(4) == Some(&b'-') && (b[10] == b'T' || b[10] == b't' || b.len() > 19)
    {
        if let Ok(s) = std::str::from_utf8(b) {
            if let Ok(t) = crate::datetime::parse_datetime(s, "") {
                return Some(DateValue {
                    at: t,
                    has_time: true,
                });
            }
        }
    }
    let mut i = 0;
    // Time first: "HH:mm dd/mm/yyyy".
    if b.get(1) == Some(&b':') || b.get(2) == Some(&b':') {
        let t = time_at(b, &mut i)?;
        if skip_spaces(b, &mut i) == 0 {
            return None;
        }
        let d = date_at(b, &mut i)?;
        return (i == b.len()).then_some(DateValue {
            at: d.and_time(t),
            has_time: true,
        });
    }
    let d = date_at(b, &mut i)?;
    if i == b.len() {
        return Some(DateValue {
            at: d.and_time(NaiveTime::MIN),
            has_time: false,
        });
    }
    if matches!(b.get(i), Some(b'T') | Some(b't')) {
        i += 1;
    } else if skip_spaces(b, &mut i) == 0 {
        return None;
    }
    let t = time_at(b, &mut i)?;
    (i == b.len()).then_some(DateValue {
        at: d.and_time(t),
        has_time: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_bytes(s.as_bytes()).map(|v| v.at.format("%Y-%m-%d %H:%M:%S").to_string())
    }

    #[test]
    fn the_usual_forms_read_at_once_agree_with_the_general_parser() {
        // The memo is shared across the whole loop (and hit twice per text) like in a file.
        let mut cache = DateCache::default();
        let mut cached = |t: &str| {
            let first = cache.parse_cell(Cell::Text(t.as_bytes()));
            assert_eq!(first, cache.parse_cell(Cell::Text(t.as_bytes())), "{t}");
            assert_eq!(first, parse_cell(Cell::Text(t.as_bytes())), "{t}");
        };
        let mut n = 0;
        for d in 0..=32 {
            for m in 0..=13 {
                for y in [1899, 1990, 2000, 2024, 2100, 2101, 9999] {
                    let date = format!("{d:02}/{m:02}/{y:04}");
                    assert_eq!(parse_usual(date.as_bytes()), parse_general(date.as_bytes()));
                    cached(&date);
                    for h in [0, 7, 12, 23, 24, 25] {
                        for mi in [0, 30, 59, 60] {
                            let t = format!("{date} {h:02}:{mi:02}");
                            let (u, g) = (parse_usual(t.as_bytes()), parse_general(t.as_bytes()));
                            assert_eq!(u, g, "{t}");
                            cached(&t);
                            n += u.is_some() as u32;
                        }
                    }
                }
            }
        }
        assert!(n > 10_000);
        for odd in [
            "1/08/2021 08:30",
            "15-08-2021 08:30",
            "15/08/2021T08:30",
            "15/08/2021 8:30 ",
        ] {
            assert_eq!(parse_usual(odd.as_bytes()), None, "{odd}");
        }
    }

    #[test]
    fn every_contract_format() {
        assert_eq!(p("15/08/2021").as_deref(), Some("2021-08-15 00:00:00"));
        assert_eq!(
            p("15/08/2021 08:30").as_deref(),
            Some("2021-08-15 08:30:00")
        );
        assert_eq!(
            p("15/08/2021 08:30:15").as_deref(),
            Some("2021-08-15 08:30:15")
        );
        assert_eq!(
            p("08:30 15/08/2021").as_deref(),
            Some("2021-08-15 08:30:00")
        );
        assert_eq!(
            p("08:30:15 15/08/2021").as_deref(),
            Some("2021-08-15 08:30:15")
        );
        assert_eq!(p("2021-08-15").as_deref(), Some("2021-08-15 00:00:00"));
        assert_eq!(
            p("2021-08-15 08:30").as_deref(),
            Some("2021-08-15 08:30:00")
        );
        assert_eq!(
            p("2021-08-15 08:30:15").as_deref(),
            Some("2021-08-15 08:30:15")
        );
        assert_eq!(
            p("2021-08-15T08:30").as_deref(),
            Some("2021-08-15 08:30:00")
        );
        assert_eq!(
            p("2021-08-15T08:30:15+07:00").as_deref(),
            Some("2021-08-15 08:30:15")
        );
        assert_eq!(
            p("2021-08-15T01:30:15.250Z").as_deref(),
            Some("2021-08-15 08:30:15")
        );
        assert_eq!(p("15-08-2021").as_deref(), Some("2021-08-15 00:00:00"));
        assert_eq!(p("15.08.2021 8:05").as_deref(), Some("2021-08-15 08:05:00"));
        assert_eq!(
            p("2021/08/15 08:30").as_deref(),
            Some("2021-08-15 08:30:00")
        );
        assert_eq!(
            p("15/08/2021 02:30 CH").as_deref(),
            Some("2021-08-15 14:30:00")
        );
        assert_eq!(p(" 15/08/2021 ").as_deref(), Some("2021-08-15 00:00:00"));
        for bad in [
            "",
            "15/08/21",
            "32/01/2021",
            "15/13/2021",
            "2021-08-15 25:00",
            "abc",
            "15/08/2021x",
            "1/1",
            "08:30",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn serials_round_to_the_second() {
        // 2021-08-15 08:30 = 44423 + 8.5/24; a value a hair below still gives 08:30:00.
        let v = from_serial(44423.0 + 8.5 / 24.0 - 1e-9).unwrap();
        assert_eq!(v.at.to_string(), "2021-08-15 08:30:00");
        assert_eq!(
            from_serial(61.0).unwrap().at.to_string(),
            "1900-03-01 00:00:00"
        );
        assert_eq!(
            from_serial(59.0).unwrap().at.to_string(),
            "1900-02-28 00:00:00"
        );
        assert!(from_serial(0.0).is_none());
        assert!(from_serial(f64::NAN).is_none());
        // Plausibility applies to cells.
        assert!(parse_cell(Cell::Number(61.0)).is_none());
    }
}

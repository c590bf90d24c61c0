//! The working-day calendar of Vietnamese state offices (lịch làm việc của cơ quan nhà nước).
//!
//! A [`WorkCalendar`] knows, for every day of 1900–2100, whether state offices work, why
//! (weekend, public holiday, Tết, nghỉ bù, an official swap), and their office hours (giờ làm
//! việc) by season. It is built from:
//!
//! 1. the week: Monday–Friday worked, Saturday and Sunday off;
//! 2. the [`rules`]: the Labour Code holidays (2012 rules up to 2020, 2019 rules from 2021,
//!    Vietnamese Culture Day 24/11 from 2026), Tết and the second National Day day by the rules
//!    that reproduce the official notices, nghỉ bù for holidays on a weekend;
//! 3. the official notices (thông báo) as data ([`config::Notice`], built-in 2020–2026 in
//!    `src/calendar/notices.json`, more loadable at run time): a year with a notice takes its days
//!    exactly; a year without one is *estimated* from the rules;
//! 4. the configuration's extra days off and working days.
//!
//! At construction it precomputes, over the whole range, the number of working days before each
//! day and the list of working days, so that [`WorkCalendar::add_working_days`] and
//! [`WorkCalendar::working_days_between`] are O(1) table look-ups, and the working seconds before
//! each working day, so that due dates in working hours are O(1) too (see [`due`]).
//! The default calendar is built once per process and shared (cloning a calendar is cheap).
//!
//! # Example
//! ```
//! use tthc::calendar::WorkCalendar;
//! let cal = WorkCalendar::default();
//! let d = |s| tthc::datetime::parse_date(s, "d").unwrap();
//! // Tết 2026: Monday 16/2 to Friday 20/2 off.
//! assert!(!cal.is_working_day(d("2026-02-16")).unwrap());
//! assert_eq!(cal.add_working_days(d("2026-02-13"), 1).unwrap(), d("2026-02-23"));
//! assert_eq!(cal.working_days_between(d("2026-02-13"), d("2026-02-24")).unwrap(), 2);
//! ```

pub mod config;
pub mod due;
pub mod due_details;
pub mod lunar;
mod notices;
mod office_hours;
pub mod rules;
mod tables;
mod timeline;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

pub use config::{CalendarConfig, Interval, Notice, NoticeDay, NoticeFile, OfficeSeason};
pub use lunar::{from_lunar, to_lunar, LunarDate};
pub use notices::builtin_notices;
use rules::{is_weekend, Special};
use tables::{build, Tables};
pub(crate) use timeline::TimelinePoint;

use crate::datetime::{day_number, format_date, from_day_number};
use crate::error::{Error, ErrorKind, Result};

/// First year of the calendar's range.
pub const MIN_YEAR: i32 = lunar::MIN_YEAR;
/// Last year of the calendar's range.
pub const MAX_YEAR: i32 = lunar::MAX_YEAR;

/// The built-in official notices (JSON), embedded at build time.
pub const BUILTIN_NOTICES_JSON: &str = include_str!("notices.json");

/// Seconds in one working day for the `workingDays` unit (8 working hours).
pub const WORKING_DAY_SECONDS: i64 = 8 * 3600;

/// One special day of a year (`DayOff` in JavaScript).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DayOff {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `false` for a weekday off, `true` for a Saturday or Sunday worked.
    pub working: bool,
    /// Machine-readable kind: `holiday`, `compensatory` (nghỉ bù), `swap` (nghỉ hoán đổi),
    /// `workingSaturday` / `workingSunday` (làm bù), `extraDayOff`, `extraWorkingDay`.
    #[cfg_attr(feature = "js", tsify(type = "DayKind"))]
    pub kind: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// `true` when the year has no loaded official notice.
    pub estimated: bool,
}

/// How a finished dossier compares with its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum Classification {
    /// Trước hạn: finished on a date before the due date.
    Early,
    /// Đúng hạn: finished on the due date, not after the due time.
    OnTime,
    /// Quá hạn / trễ hạn: finished after the due moment.
    Late,
}

impl Classification {
    /// The contract's name: `"early"`, `"onTime"` or `"late"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Early => "early",
            Classification::OnTime => "onTime",
            Classification::Late => "late",
        }
    }
}

/// Classifies a finish against a due moment (contract rule 7).
///
/// # Example
/// ```
/// use tthc::calendar::{classify, Classification};
/// let t = |s| tthc::datetime::parse_datetime(s, "t").unwrap();
/// assert_eq!(classify(t("2026-03-10T17:00"), t("2026-03-09T16:00")), Classification::Early);
/// assert_eq!(classify(t("2026-03-10T17:00"), t("2026-03-10T16:00")), Classification::OnTime);
/// assert_eq!(classify(t("2026-03-10T17:00"), t("2026-03-10T17:01")), Classification::Late);
/// ```
pub fn classify(due_at: NaiveDateTime, finished_at: NaiveDateTime) -> Classification {
    if finished_at > due_at {
        Classification::Late
    } else if finished_at.date() < due_at.date() {
        Classification::Early
    } else {
        Classification::OnTime
    }
}

/// One day of a month view (`CalendarDay`), for a due-date desk page.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CalendarDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Whether state offices work that day.
    pub working: bool,
    /// The kind of a special day (`holiday`, `compensatory`, `swap`, `workingSaturday` …), or null.
    #[cfg_attr(feature = "js", tsify(type = "DayKind | null"))]
    pub kind: Option<String>,
    /// Vietnamese name of a special day (also for a holiday on a weekend), or null.
    pub name: Option<String>,
    /// English name, or null.
    pub name_en: Option<String>,
    /// The lunar date.
    pub lunar: LunarDate,
    /// Office hours of the day (`HH:MM`), empty on a day off.
    pub hours: Vec<Interval>,
    /// `true` when the year has no loaded official notice.
    pub estimated: bool,
}

/// The state-office working calendar (cheap to clone: the tables are shared).
#[derive(Clone, Debug)]
pub struct WorkCalendar {
    tables: Arc<Tables>,
}

/// Day number (days since 1970-01-01) of 1900-01-01.
const FIRST_DAY_NUMBER: i32 = -25_567;
/// Day number of 2101-01-01 (one past the range).
const END_DAY_NUMBER: i32 = 47_847;

#[inline(always)]
fn first_day_number() -> i32 {
    FIRST_DAY_NUMBER
}

fn day_count() -> usize {
    (END_DAY_NUMBER - FIRST_DAY_NUMBER) as usize
}

fn calendar_error(field: impl Into<String>, vi: String, en: String) -> Error {
    Error::new(ErrorKind::Calendar, vi, en).with_field(field)
}

pub(crate) fn range_error(field: &str) -> Error {
    Error::new(
        ErrorKind::Range,
        format!("Lịch làm việc chỉ hỗ trợ các năm {MIN_YEAR}–{MAX_YEAR}."),
        format!("The working calendar supports the years {MIN_YEAR}–{MAX_YEAR} only."),
    )
    .with_field(field)
}

impl WorkCalendar {
    /// A calendar from a configuration; the error names the malformed field.
    ///
    /// # Example
    /// ```
    /// use tthc::calendar::{CalendarConfig, WorkCalendar};
    /// let bad = CalendarConfig { days_off: vec!["2026-02-30".into()], ..Default::default() };
    /// assert_eq!(WorkCalendar::new(&bad).unwrap_err().field(), Some("daysOff[0]"));
    /// ```
    pub fn new(config: &CalendarConfig) -> Result<WorkCalendar> {
        if *config == CalendarConfig::default() {
            return Ok(WorkCalendar::default());
        }
        Ok(WorkCalendar {
            tables: Arc::new(build(config)?),
        })
    }

    /// A digest of how the calendar counts time: its working days and each one's office hours.
    /// Two calendars with the same digest give the same due dates (e.g. analyses made apart are
    /// merged only under one calendar).
    #[cfg(feature = "stats")]
    pub(crate) fn digest(&self) -> u64 {
        use std::hash::Hasher;
        let t = &self.tables;
        let mut h = rustc_hash::FxHasher::default();
        for &d in &t.working_days {
            h.write_u32(d);
        }
        h.write(&t.day_season);
        for s in &t.seasons {
            h.write_u32(s.start);
            for &(a, b) in &s.intervals {
                h.write_u32(a);
                h.write_u32(b);
            }
        }
        h.finish()
    }

    /// The configuration the calendar was built from.
    pub fn config(&self) -> &CalendarConfig {
        &self.tables.config
    }

    /// Day index of a date, or a range error naming `field`.
    pub(crate) fn index(&self, d: NaiveDate, field: &str) -> Result<u32> {
        let i = day_number(d) - first_day_number();
        if i < 0 || i as usize >= self.tables.day_season.len() {
            return Err(range_error(field));
        }
        Ok(i as u32)
    }

    pub(crate) fn date_of(&self, i: u32) -> NaiveDate {
        from_day_number(first_day_number() + i as i32).unwrap_or_default()
    }

    #[inline]
    pub(crate) fn working_idx(&self, i: u32) -> bool {
        let r = &self.tables.rank;
        match (r.get(i as usize), r.get(i as usize + 1)) {
            (Some(a), Some(b)) => b > a,
            _ => false,
        }
    }

    #[inline]
    fn rank(&self, i: u32) -> u32 {
        self.tables.rank.get(i as usize).copied().unwrap_or(0)
    }

    /// Intervals (seconds) of the office hours on day index `i`.
    #[inline]
    pub(crate) fn intervals(&self, i: u32) -> &[(u32, u32)] {
        let s = self.tables.day_season.get(i as usize).copied().unwrap_or(0) as usize;
        self.tables.seasons.get(s).map_or(&[], |s| &s.intervals)
    }

    /// Whether `date` is a working day.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let d = |s| tthc::datetime::parse_date(s, "d").unwrap();
    /// assert!(cal.is_working_day(d("2024-05-04")).unwrap()); // Saturday worked for 29/4
    /// assert!(!cal.is_working_day(d("2024-04-29")).unwrap());
    /// ```
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool> {
        Ok(self.working_idx(self.index(date, "date")?))
    }

    /// The contract's `addWorkingDays`: n > 0 the n-th working day strictly after `date`; n = 0
    /// `date` if it is a working day, else the next one; n < 0 the |n|-th working day strictly
    /// before. O(1).
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let d = |s| tthc::datetime::parse_date(s, "d").unwrap();
    /// assert_eq!(cal.add_working_days(d("2025-04-29"), 1).unwrap(), d("2025-05-05"));
    /// assert_eq!(cal.add_working_days(d("2025-05-03"), 0).unwrap(), d("2025-05-05"));
    /// assert_eq!(cal.add_working_days(d("2025-05-05"), -1).unwrap(), d("2025-04-29"));
    /// ```
    pub fn add_working_days(&self, date: NaiveDate, n: i32) -> Result<NaiveDate> {
        let i = self.index(date, "date")?;
        let j = self
            .add_working_days_idx(i, n)
            .ok_or_else(|| range_error("n"))?;
        Ok(self.date_of(j))
    }

    #[inline]
    pub(crate) fn add_working_days_idx(&self, i: u32, n: i32) -> Option<u32> {
        let r = i64::from(self.rank(i));
        let k = if n > 0 {
            r + i64::from(self.working_idx(i)) + i64::from(n) - 1
        } else {
            r + i64::from(n)
        };
        let k = usize::try_from(k).ok()?;
        self.tables.working_days.get(k).copied()
    }

    /// The contract's `workingDaysBetween`: the number of working days w with from ≤ w < to
    /// (negative, mirrored, when to < from). O(1).
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let d = |s| tthc::datetime::parse_date(s, "d").unwrap();
    /// assert_eq!(cal.working_days_between(d("2026-01-01"), d("2026-02-01")).unwrap(), 21);
    /// assert_eq!(cal.working_days_between(d("2026-02-01"), d("2026-01-01")).unwrap(), -21);
    /// ```
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<i32> {
        let a = self.index(from, "from")?;
        let b = self.index(to, "to")?;
        Ok(self.rank(b) as i32 - self.rank(a) as i32)
    }

    /// Bounds of the day numbers (days since 1970-01-01) the tables cover: `[min, max]`.
    pub fn day_number_range(&self) -> (i32, i32) {
        (
            first_day_number(),
            first_day_number() + self.tables.day_season.len() as i32 - 1,
        )
    }

    /// `addWorkingDays` on day numbers (days since 1970-01-01): `None` outside the range.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let d = chrono::NaiveDate::from_ymd_opt(2026, 2, 13).unwrap();
    /// let n = tthc::datetime::day_number(d);
    /// assert_eq!(cal.add_working_days_num(n, 1), Some(n + 10)); // Mon 23/2 after Tết
    /// ```
    #[inline]
    pub fn add_working_days_num(&self, day: i32, n: i32) -> Option<i32> {
        let i = u32::try_from(day.checked_sub(first_day_number())?).ok()?;
        if i as usize >= self.tables.day_season.len() {
            return None;
        }
        self.add_working_days_idx(i, n)
            .map(|j| j as i32 + first_day_number())
    }

    /// `workingDaysBetween` on day numbers: `None` outside the range.
    #[inline]
    pub fn working_days_between_num(&self, from: i32, to: i32) -> Option<i32> {
        let base = first_day_number();
        let a = usize::try_from(from.checked_sub(base)?).ok()?;
        let b = usize::try_from(to.checked_sub(base)?).ok()?;
        let n = self.tables.day_season.len();
        if a >= n || b >= n {
            return None;
        }
        let r = &self.tables.rank;
        Some(*r.get(b)? as i32 - *r.get(a)? as i32)
    }

    /// Batch `addWorkingDays` over day numbers: `out[k] = add(days[k], n[k])` (`n` of length 1
    /// applies to all). Returns the index of the first value out of range as an error.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let mut out = [0; 2];
    /// cal.add_working_days_batch(&[20_497, 20_498], &[1], &mut out).unwrap();
    /// // Fri 13/2/2026 and Sat 14/2 → Mon 23/2 (after Tết).
    /// assert_eq!(out, [20_507, 20_507]);
    /// ```
    pub fn add_working_days_batch(&self, days: &[i32], n: &[i32], out: &mut [i32]) -> Result<()> {
        let len = days.len().min(out.len());
        if n.len() != 1 && n.len() != days.len() {
            return Err(batch_len_error("n"));
        }
        if out.len() < days.len() {
            return Err(batch_len_error("out"));
        }
        let base = first_day_number();
        let nd = self.tables.day_season.len();
        let rank = &self.tables.rank[..];
        let working_days = &self.tables.working_days[..];
        for k in 0..len {
            let nk = if n.len() == 1 { n[0] } else { n[k] };
            let i = days[k].wrapping_sub(base);
            let res = if i >= 0 && (i as usize) < nd {
                let i = i as usize;
                let r = i64::from(rank[i]);
                let w = i64::from(rank[i + 1] > rank[i]);
                let idx = if nk > 0 {
                    r + w + i64::from(nk) - 1
                } else {
                    r + i64::from(nk)
                };
                usize::try_from(idx)
                    .ok()
                    .and_then(|x| working_days.get(x))
                    .map(|&j| j as i32 + base)
            } else {
                None
            };
            match res {
                Some(v) => out[k] = v,
                None => return Err(range_error(&format!("days[{k}]"))),
            }
        }
        Ok(())
    }

    /// Batch `workingDaysBetween` over day numbers.
    pub fn working_days_between_batch(
        &self,
        from: &[i32],
        to: &[i32],
        out: &mut [i32],
    ) -> Result<()> {
        if from.len() != to.len() {
            return Err(batch_len_error("to"));
        }
        if out.len() < from.len() {
            return Err(batch_len_error("out"));
        }
        for k in 0..from.len() {
            out[k] = self
                .working_days_between_num(from[k], to[k])
                .ok_or_else(|| range_error(&format!("from[{k}]")))?;
        }
        Ok(())
    }

    /// Whether a year has no loaded official notice (its days come from the rules). A year
    /// outside [`MIN_YEAR`]–[`MAX_YEAR`] is a `Range` error, as in [`WorkCalendar::days_off`].
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// assert!(!cal.is_estimated_year(2025).unwrap()); // the official notice is loaded
    /// assert!(cal.is_estimated_year(2099).unwrap());
    /// assert!(cal.is_estimated_year(3000).is_err());
    /// ```
    pub fn is_estimated_year(&self, year: i32) -> Result<bool> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(range_error("year"));
        }
        Ok(self.estimated(year))
    }

    /// [`WorkCalendar::is_estimated_year`] of a year known to be in range.
    fn estimated(&self, year: i32) -> bool {
        usize::try_from(year - MIN_YEAR)
            .ok()
            .and_then(|i| self.tables.estimated.get(i))
            .copied()
            .unwrap_or(true)
    }

    /// Years with a loaded official notice, with the notice's documents.
    pub fn notice_years(&self) -> &[(i32, Vec<String>)] {
        &self.tables.notice_years
    }

    /// The contract's `daysOff(year)`: every date whose status differs from plain
    /// Monday–Friday, sorted, named in Vietnamese and English.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let days = cal.days_off(2024).unwrap();
    /// let sat = days.iter().find(|d| d.date == "2024-05-04").unwrap();
    /// assert!(sat.working);
    /// assert_eq!(sat.kind, "workingSaturday");
    /// assert_eq!(days.iter().filter(|d| !d.working).count(), 12);
    /// ```
    pub fn days_off(&self, year: i32) -> Result<Vec<DayOff>> {
        self.year_specials(year, |s| s.working == is_weekend(s.date))
    }

    /// Every named day of a year, including holidays that fall on a weekend (which `days_off`
    /// leaves out because their status is that of an ordinary weekend).
    pub fn named_days(&self, year: i32) -> Result<Vec<DayOff>> {
        self.year_specials(year, |_| true)
    }

    /// The special days of `year` that `keep` accepts, as [`DayOff`]s.
    fn year_specials(&self, year: i32, keep: impl Fn(&Special) -> bool) -> Result<Vec<DayOff>> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(range_error("year"));
        }
        let est = self.estimated(year);
        let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Err(range_error("year"));
        };
        Ok(self
            .tables
            .specials
            .range(a, b)
            .iter()
            .filter(|s| keep(s))
            .map(|s| DayOff {
                date: format_date(s.date),
                working: s.working,
                kind: s.kind.as_str().to_string(),
                name: s.name.clone(),
                name_en: s.name_en.clone(),
                estimated: est,
            })
            .collect())
    }

    /// The end of the last working interval of `date` (e.g. 17:00), if it is a working day.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let d = |s| tthc::datetime::parse_date(s, "d").unwrap();
    /// assert_eq!(cal.closing_time(d("2026-06-01")).unwrap(), chrono::NaiveTime::from_hms_opt(17, 0, 0));
    /// assert_eq!(cal.closing_time(d("2026-06-06")).unwrap(), None);
    /// ```
    pub fn closing_time(&self, date: NaiveDate) -> Result<Option<NaiveTime>> {
        let i = self.index(date, "date")?;
        if !self.working_idx(i) {
            return Ok(None);
        }
        Ok(self
            .intervals(i)
            .last()
            .and_then(|&(_, e)| NaiveTime::from_num_seconds_from_midnight_opt(e, 0)))
    }

    /// Office hours of `date` (empty on a day off).
    pub fn office_hours(&self, date: NaiveDate) -> Result<Vec<(NaiveTime, NaiveTime)>> {
        let i = self.index(date, "date")?;
        if !self.working_idx(i) {
            return Ok(Vec::new());
        }
        Ok(self
            .intervals(i)
            .iter()
            .filter_map(|&(a, e)| {
                Some((
                    NaiveTime::from_num_seconds_from_midnight_opt(a, 0)?,
                    NaiveTime::from_num_seconds_from_midnight_opt(e, 0)?,
                ))
            })
            .collect())
    }

    /// A month view for a due-date desk: each day's status, name, lunar date and hours.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let days = cal.month_days(2026, 2).unwrap();
    /// assert_eq!(days.len(), 28);
    /// let tet = &days[16];
    /// assert_eq!((tet.lunar.month, tet.lunar.day), (1, 1));
    /// assert!(!tet.working);
    /// ```
    pub fn month_days(&self, year: i32, month: u32) -> Result<Vec<CalendarDay>> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(range_error("year"));
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(|| {
            Error::new(
                ErrorKind::Date,
                "Tháng phải từ 1 đến 12.",
                "The month must be between 1 and 12.",
            )
            .with_field("month")
        })?;
        let est = self.estimated(year);
        let mut out = Vec::with_capacity(31);
        let mut d = first;
        while d.month() == month && d.year() == year {
            let i = self.index(d, "date")?;
            let working = self.working_idx(i);
            let sp = self.tables.specials.get(&d);
            let fmt = |s: u32| format!("{:02}:{:02}", s / 3600, s / 60 % 60);
            out.push(CalendarDay {
                date: format_date(d),
                weekday: d.weekday().number_from_monday(),
                working,
                kind: sp.map(|s| s.kind.as_str().to_string()),
                name: sp.map(|s| s.name.clone()),
                name_en: sp.map(|s| s.name_en.clone()),
                lunar: to_lunar(d)?,
                hours: if working {
                    self.intervals(i)
                        .iter()
                        .map(|&(a, e)| Interval {
                            start: fmt(a),
                            end: fmt(e),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                estimated: est,
            });
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        Ok(out)
    }
}

fn batch_len_error(field: &str) -> Error {
    Error::new(
        ErrorKind::Options,
        "Các mảng đầu vào phải có cùng độ dài.",
        "The input arrays must have the same length.",
    )
    .with_field(field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_constants() {
        assert_eq!(
            day_number(NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()),
            FIRST_DAY_NUMBER
        );
        assert_eq!(
            day_number(NaiveDate::from_ymd_opt(2101, 1, 1).unwrap()),
            END_DAY_NUMBER
        );
    }
}

//! The working-day calendar of Vietnamese state offices (lịch làm việc của cơ quan nhà nước).
//!
//! SKELETON: the public shape other areas program against. The calendar issue fills it in
//! (lunar calendar, Labour Code holidays, nghỉ bù, official notices as data, office hours).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// Configuration of a [`WorkCalendar`] (`CalendarConfig` in JavaScript).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct CalendarConfig {
    /// Extra days off (dates `YYYY-MM-DD`).
    #[serde(default)]
    pub days_off: Vec<String>,
    /// Extra working days (dates `YYYY-MM-DD`, e.g. a Saturday worked).
    #[serde(default)]
    pub working_days: Vec<String>,
}

/// One special day of a year (`DayOff` in JavaScript).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct DayOff {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `false` for a weekday off, `true` for a Saturday or Sunday worked.
    pub working: bool,
    /// Machine-readable kind (`holiday`, `compensatory`, `swap`, `workingSaturday` …).
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
pub enum Classification {
    /// Trước hạn: finished on a date before the due date.
    Early,
    /// Đúng hạn: finished on the due date, not after the due time.
    OnTime,
    /// Quá hạn / trễ hạn: finished after the due moment.
    Late,
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

/// The state-office working calendar.
#[derive(Clone, Debug)]
pub struct WorkCalendar {
    _config: CalendarConfig,
}

fn not_yet() -> Error {
    Error::new(ErrorKind::Calendar, "Chưa cài đặt.", "Not implemented yet.")
}

impl Default for WorkCalendar {
    fn default() -> Self {
        WorkCalendar {
            _config: CalendarConfig::default(),
        }
    }
}

impl WorkCalendar {
    /// A calendar from a configuration.
    pub fn new(config: &CalendarConfig) -> Result<WorkCalendar> {
        Ok(WorkCalendar {
            _config: config.clone(),
        })
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, _date: NaiveDate) -> Result<bool> {
        Err(not_yet())
    }

    /// The contract's `addWorkingDays`.
    pub fn add_working_days(&self, _date: NaiveDate, _n: i32) -> Result<NaiveDate> {
        Err(not_yet())
    }

    /// The contract's `workingDaysBetween`.
    pub fn working_days_between(&self, _from: NaiveDate, _to: NaiveDate) -> Result<i32> {
        Err(not_yet())
    }

    /// The contract's `daysOff(year)`.
    pub fn days_off(&self, _year: i32) -> Result<Vec<DayOff>> {
        Err(not_yet())
    }

    /// The end of the last working interval of `date` (e.g. 17:00), if it is a working day.
    pub fn closing_time(&self, _date: NaiveDate) -> Result<Option<NaiveTime>> {
        Err(not_yet())
    }
}

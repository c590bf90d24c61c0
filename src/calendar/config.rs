//! The configuration of a [`WorkCalendar`](super::WorkCalendar) (`CalendarConfig` in JavaScript).
//!
//! # Example
//! ```
//! use tthc::calendar::{CalendarConfig, WorkCalendar};
//! let config: CalendarConfig = serde_json::from_str(r#"{
//!   "officeHours": [
//!     { "from": "01-01", "intervals": [ { "start": "08:00", "end": "12:00" }, { "start": "13:00", "end": "17:00" } ] }
//!   ],
//!   "daysOff": ["2027-03-08"],
//!   "workingDays": ["2027-03-13"]
//! }"#).unwrap();
//! let cal = WorkCalendar::new(&config).unwrap();
//! let d = |s| tthc::datetime::parse_date(s, "d").unwrap();
//! assert!(!cal.is_working_day(d("2027-03-08")).unwrap());
//! assert!(cal.is_working_day(d("2027-03-13")).unwrap());
//! ```

use serde::{Deserialize, Serialize};

/// Configuration of a `WorkCalendar` (`new WorkCalendar(config)`).
///
/// Every field is optional; the empty object `{}` is the default calendar: Vietnamese state
/// offices, Nghệ An office hours (summer from 16 April, winter from 16 October) and the built-in
/// official notices 2020–2026. For example, other office hours, a day off and a Saturday worked:
/// `{ officeHours: [{ from: "01-01", intervals: [{ start: "08:00", end: "12:00" }, { start: "13:00",
/// end: "17:00" }] }], daysOff: ["2027-03-08"], workingDays: ["2027-03-13"] }`.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CalendarConfig {
    /// Extra days off (ngày nghỉ thêm), dates `YYYY-MM-DD`; applied after the holidays and notices.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub days_off: Vec<String>,
    /// Extra working days (ngày làm việc thêm, e.g. a Saturday worked), dates `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub working_days: Vec<String>,
    /// Office hours by season (giờ làm việc theo mùa). Absent: Nghệ An's summer and winter hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub office_hours: Option<Vec<OfficeSeason>>,
    /// Official notices (thông báo nghỉ lễ, Tết) to load, e.g. a year newer than the built-in ones.
    /// A notice replaces the built-in notice of the same year.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub notices: Vec<Notice>,
    /// Whether the built-in notices 2020–2026 are used (default `true`). With `false`, every year
    /// comes from the rules (or from `notices`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub builtin_notices: Option<bool>,
    /// Whether Vietnamese Culture Day (24 November, from 2026) gets a compensatory day
    /// (nghỉ bù) when it falls on a weekend. Default `false` (not in Labour Code Art. 112(1)).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub culture_day_compensation: bool,
}

/// One season of office hours: from a `MM-DD` date until the next season's start (`OfficeSeason`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct OfficeSeason {
    /// First day of the season, `MM-DD` (e.g. `"04-16"`); the season lasts until the next one
    /// starts, wrapping around the new year.
    pub from: String,
    /// Optional label (`"Mùa hè"`, `"summer"` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub name: Option<String>,
    /// Working intervals of a working day, in order, not overlapping.
    pub intervals: Vec<Interval>,
}

/// A working interval of a day, `[start, end)` (`Interval`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Interval {
    /// `HH:MM` start.
    pub start: String,
    /// `HH:MM` end.
    pub end: String,
}

/// A year's official notice (thông báo của Bộ Lao động – Thương binh và Xã hội / Bộ Nội vụ) as data
/// (`Notice`). It is the whole truth for its year: list every weekday off (holidays, nghỉ bù,
/// swapped days) and every weekend day worked. Holidays falling on a weekend may be listed for
/// their names; they don't change the status of the day.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Notice {
    /// The calendar year the notice governs.
    pub year: i32,
    /// The documents (số hiệu văn bản) the days come from.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub documents: Vec<String>,
    /// Days off.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub days_off: Vec<NoticeDay>,
    /// Weekend days worked (làm bù).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub working_days: Vec<NoticeDay>,
}

/// One day of a [`Notice`] (`NoticeDay`). `kind` and the names are optional: a day that the
/// rules also give (a holiday, a nghỉ bù) takes the rule's kind and names; another day off is a
/// `swap`; a day worked is a `workingSaturday`/`workingSunday`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct NoticeDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `holiday`, `compensatory`, `swap`, `workingSaturday`, `workingSunday`, `extraDayOff`,
    /// `extraWorkingDay`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional, type = "DayKind"))]
    pub kind: Option<String>,
    /// Vietnamese name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub name: Option<String>,
    /// English name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub name_en: Option<String>,
}

/// The file of official notices (`src/calendar/notices.json`): `{ "notices": [ … ] }`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NoticeFile {
    /// The notices, one per year.
    pub notices: Vec<Notice>,
}

impl CalendarConfig {
    /// Reads a configuration from JSON text; the error names the field.
    ///
    /// # Example
    /// ```
    /// let e = tthc::calendar::CalendarConfig::from_json(r#"{"officeHours": 3}"#).unwrap_err();
    /// assert_eq!(e.kind(), tthc::ErrorKind::Calendar);
    /// ```
    pub fn from_json(text: &str) -> crate::Result<CalendarConfig> {
        serde_json::from_str(text).map_err(|e| {
            crate::Error::new(
                crate::ErrorKind::Calendar,
                format!("Cấu hình lịch không đúng dạng: {e}."),
                format!("The calendar configuration is malformed: {e}."),
            )
            .with_field("config")
        })
    }
}

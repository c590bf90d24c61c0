//! Due dates (ngày hẹn trả) under statutory processing times (thời hạn giải quyết): the
//! requests, the results and [`WorkCalendar`]'s methods that compute them (re-exported by
//! [`crate::deadline`], where the procedure catalog meets them).
//!
//! The engine counts **working seconds** on the calendar's timeline: every working day
//! contributes its office-hour intervals (e.g. 07:00–11:30 and 13:30–17:00 in a Nghệ An summer),
//! and the table of working seconds before each working day (built with the calendar) turns
//! "the moment at which N working hours have passed" into two look-ups. Pauses (waiting for a
//! citizen's supplement, tạm dừng chờ bổ sung) are subtracted on the same timeline.
//!
//! Rules (the JavaScript contract):
//! 1. Start S: `receivedAt` if it is on a working day, before the day's last interval ends and
//!    before the cut-off (moved forward to the next interval start when it falls before
//!    opening or in the lunch break); otherwise the opening of the next working day.
//! 2. `workingHours`: the moment `amount` × 60 working minutes after S, outside pauses; a due
//!    moment exactly at an interval end is that end (17:00, not the next opening).
//! 3. `workingDays`: the same with `amount` × 8 working hours.
//! 4. `sameDay` (trong ngày): the end of S's day.
//! 5. `calendarDays`: the end of the day D = date(receivedAt) + `amount`, or of the next working
//!    day when D is not one. Pauses and cut-off don't apply. A fractional amount is rounded up.
//!
//! # Example
//! ```
//! use tthc::calendar::WorkCalendar;
//! use tthc::deadline::{Due, Unit};
//! use tthc::datetime::{parse_datetime, format_datetime};
//! let cal = WorkCalendar::default();
//! let due = cal.due(&Due::new(parse_datetime("2026-02-13T10:15", "receivedAt").unwrap(), 3.0, Unit::WorkingDays)).unwrap();
//! assert_eq!(format_datetime(due.due_at), "2026-02-25T10:15:00+07:00");
//! ```

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

use super::{range_error, TimelinePoint, WorkCalendar, WORKING_DAY_SECONDS};
use crate::datetime::{format_datetime, parse_datetime, parse_time};
use crate::error::{Error, ErrorKind, Result};

/// The largest accepted `amount` (in any unit).
pub const MAX_AMOUNT: f64 = 100_000.0;

/// The unit of a statutory processing time (đơn vị tính).
///
/// Read from the contract's names (`"workingDays"`, `"workingHours"`, `"calendarDays"`,
/// `"sameDay"`) and, in a catalog, from the Vietnamese words of published procedures ("Ngày làm
/// việc", "Giờ làm việc", "Giờ", "Ngày", "Trong ngày"), ignoring case and diacritics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum Unit {
    /// Ngày làm việc: one working day = 8 working hours.
    WorkingDays,
    /// Giờ làm việc.
    WorkingHours,
    /// Ngày (calendar days).
    CalendarDays,
    /// Trong ngày: by the end of the start day.
    SameDay,
}

impl Unit {
    /// The contract's name of the unit.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::WorkingDays => "workingDays",
            Unit::WorkingHours => "workingHours",
            Unit::CalendarDays => "calendarDays",
            Unit::SameDay => "sameDay",
        }
    }

    /// Reads a unit from its contract name or a Vietnamese/English word.
    ///
    /// # Example
    /// ```
    /// use tthc::deadline::Unit;
    /// assert_eq!(Unit::parse("Ngày làm việc"), Some(Unit::WorkingDays));
    /// assert_eq!(Unit::parse("trong ngày"), Some(Unit::SameDay));
    /// let u: Unit = serde_json::from_str("\"calendarDays\"").unwrap();
    /// assert_eq!(u, Unit::CalendarDays);
    /// ```
    pub fn parse(s: &str) -> Option<Unit> {
        match s {
            "workingDays" => return Some(Unit::WorkingDays),
            "workingHours" => return Some(Unit::WorkingHours),
            "calendarDays" => return Some(Unit::CalendarDays),
            "sameDay" => return Some(Unit::SameDay),
            _ => {}
        }
        Some(match crate::text::fold(s).as_str() {
            "ngaylamviec" | "workingday" | "workingdays" | "ngaylv" => Unit::WorkingDays,
            "giolamviec" | "gio" | "workinghour" | "workinghours" | "hours" => Unit::WorkingHours,
            "ngay" | "ngaylich" | "calendarday" | "calendardays" | "days" => Unit::CalendarDays,
            "trongngay" | "sameday" | "ngay0" | "trongngaylamviec" => Unit::SameDay,
            _ => return None,
        })
    }

    /// Compact code used by the batch API: 0 workingDays, 1 workingHours, 2 calendarDays,
    /// 3 sameDay.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The unit of a batch code.
    pub fn from_code(c: u8) -> Option<Unit> {
        Some(match c {
            0 => Unit::WorkingDays,
            1 => Unit::WorkingHours,
            2 => Unit::CalendarDays,
            3 => Unit::SameDay,
            _ => return None,
        })
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Unit, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Unit::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!(
                // serde's own words for an unknown name: the package entry translates them and finds the value.
                "unknown variant `{}`, expected one of `workingDays`, `workingHours`, `calendarDays`, `sameDay`",
                crate::message::truncate_for_message(&s)
            ))
        })
    }
}

/// A typed due-date request (the core form of the contract's `DueRequest`).
#[derive(Clone, Debug, PartialEq)]
pub struct Due {
    /// Receipt moment, Vietnam local time.
    pub received_at: NaiveDateTime,
    /// Statutory amount (≥ 0).
    pub amount: f64,
    /// Unit of `amount`.
    pub unit: Unit,
    /// Per-procedure cut-off time.
    pub cutoff: Option<NaiveTime>,
    /// Pauses (waiting for a supplement), `[from, to)`.
    pub pauses: Vec<(NaiveDateTime, NaiveDateTime)>,
}

impl Due {
    /// A request without cut-off or pauses.
    pub fn new(received_at: NaiveDateTime, amount: f64, unit: Unit) -> Due {
        Due {
            received_at,
            amount,
            unit,
            cutoff: None,
            pauses: Vec::new(),
        }
    }
}

/// A computed due date (the core form of the contract's `DueResult`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DueAt {
    /// Due moment.
    pub due_at: NaiveDateTime,
    /// Start of counting.
    pub start_at: NaiveDateTime,
    /// Working minutes skipped inside pauses.
    pub paused_minutes: i64,
    /// A day used lies in a year without a loaded official notice.
    pub estimated: bool,
}

/// A pause of the clock (`Pause`): `[from, to)`, contract date-times.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Pause {
    /// Start of the pause (the supplement request).
    pub from: String,
    /// End of the pause (the supplement received).
    pub to: String,
}

/// The contract's `DueRequest`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DueRequest {
    /// Receipt moment (`YYYY-MM-DDTHH:MM[:SS]`, optional offset).
    pub received_at: String,
    /// Statutory amount (≥ 0).
    pub amount: f64,
    /// Unit of `amount`.
    pub unit: Unit,
    /// `HH:MM`: received at or after it ⇒ counting starts next working day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub cutoff: Option<String>,
    /// Pauses while waiting for the citizen's supplement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub pauses: Option<Vec<Pause>>,
}

/// The contract's `DueResult`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DueResult {
    /// Due moment, `YYYY-MM-DDTHH:MM:SS+07:00`.
    pub due_at: String,
    /// Start of counting, `YYYY-MM-DDTHH:MM:SS+07:00`.
    pub start_at: String,
    /// Working minutes skipped inside pauses.
    pub paused_minutes: i64,
    /// A day used lies in a year without a loaded official notice.
    pub estimated: bool,
}

impl DueRequest {
    /// Parses the strings into a typed [`Due`]; errors name the field (`receivedAt`,
    /// `cutoff`, `pauses[1].to` …).
    ///
    /// # Example
    /// ```
    /// use tthc::deadline::{DueRequest, Pause, Unit};
    /// let r = DueRequest { received_at: "2026-06-01T08:30".into(), amount: 1.0, unit: Unit::WorkingDays,
    ///     cutoff: None, pauses: Some(vec![Pause { from: "2026-06-02T10:00".into(), to: "2026-06-02T09:00".into() }]) };
    /// assert_eq!(r.to_due().unwrap_err().field(), Some("pauses[0].to"));
    /// ```
    pub fn to_due(&self) -> Result<Due> {
        let received_at = parse_datetime(&self.received_at, "receivedAt")?;
        let cutoff = match &self.cutoff {
            Some(c) if !c.trim().is_empty() => Some(parse_time(c, "cutoff")?),
            _ => None,
        };
        let mut pauses = Vec::new();
        for (i, p) in self.pauses.iter().flatten().enumerate() {
            let a = parse_datetime(&p.from, &format!("pauses[{i}].from"))?;
            let b = parse_datetime(&p.to, &format!("pauses[{i}].to"))?;
            if b < a {
                return Err(pause_error(i));
            }
            pauses.push((a, b));
        }
        Ok(Due {
            received_at,
            amount: self.amount,
            unit: self.unit,
            cutoff,
            pauses,
        })
    }
}

impl From<DueAt> for DueResult {
    fn from(d: DueAt) -> DueResult {
        DueResult {
            due_at: format_datetime(d.due_at),
            start_at: format_datetime(d.start_at),
            paused_minutes: d.paused_minutes,
            estimated: d.estimated,
        }
    }
}

fn pause_error(i: usize) -> Error {
    Error::new(
        ErrorKind::Deadline,
        "Thời điểm kết thúc tạm dừng phải sau thời điểm bắt đầu.",
        "A pause must not end before it starts.",
    )
    .with_field(format!("pauses[{i}].to"))
}

fn amount_error() -> Error {
    Error::new(
        ErrorKind::Deadline,
        "Thời hạn giải quyết phải là số không âm.",
        "The amount must be a non-negative number.",
    )
    .with_field("amount")
}

fn check_amount(a: f64, field: &str) -> Result<()> {
    if !a.is_finite() || a < 0.0 {
        return Err(amount_error().with_field(field));
    }
    if a > MAX_AMOUNT {
        return Err(Error::new(
            ErrorKind::Range,
            format!("Thời hạn giải quyết không được vượt quá {MAX_AMOUNT}."),
            format!("The amount must not exceed {MAX_AMOUNT}."),
        )
        .with_field(field));
    }
    Ok(())
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn end_error() -> Error {
    range_error("amount")
}

/// Remaining working time until a due moment (`RemainingTime`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct RemainingTime {
    /// Working minutes from `now` to the due moment (negative when overdue).
    pub working_minutes: i64,
    /// Whole working days (8 h) in `|workingMinutes|`.
    pub days: i64,
    /// Remaining whole hours after the days.
    pub hours: i64,
    /// Remaining minutes after the hours.
    pub minutes: i64,
    /// `now` is after the due moment.
    pub overdue: bool,
    /// Vietnamese text, e.g. "Còn 2 ngày 3 giờ 15 phút làm việc".
    pub text: String,
    /// English text.
    pub text_en: String,
}

/// A new due date after an extension (gia hạn), with the original one kept (`Extension`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Extension {
    /// The original due moment: statistics judge the dossier against it.
    pub original_due_at: String,
    /// The new (extended) due moment promised to the citizen.
    pub due_at: String,
    /// Start of counting of the original request.
    pub start_at: String,
    /// A day used lies in a year without a loaded official notice.
    pub estimated: bool,
}

/// One step of an inter-agency procedure (`Step`): its share of the total time.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Step {
    /// The step or agency (e.g. "UBND cấp xã", "Sở Tài nguyên và Môi trường").
    pub name: String,
    /// Its share, a positive weight (shares are normalised by their sum); e.g. the days the
    /// published procedure gives each agency.
    pub share: f64,
}

/// The due date of one step (`StepDue`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct StepDue {
    /// The step's name.
    pub name: String,
    /// The step's amount in the request's unit.
    pub amount: f64,
    /// When the step starts (the previous step's due moment, or the start of counting).
    pub start_at: String,
    /// When the step is due.
    pub due_at: String,
}

impl WorkCalendar {
    /// The start of counting (rule 1).
    #[inline]
    fn start_pos(&self, p: TimelinePoint, cutoff: Option<NaiveTime>) -> Result<TimelinePoint> {
        if self.working_idx(p.day) {
            let ivs = self.intervals(p.day);
            let last_end = ivs.last().map_or(0, |x| x.1);
            let before_cutoff = cutoff.is_none_or(|c| p.sec < c.num_seconds_from_midnight());
            if p.sec < last_end && before_cutoff {
                for &(a, e) in ivs {
                    if p.sec < e {
                        return Ok(TimelinePoint {
                            day: p.day,
                            sec: p.sec.max(a),
                        });
                    }
                }
            }
        }
        let j = self.next_working(p.day).ok_or_else(end_error)?;
        Ok(TimelinePoint {
            day: j,
            sec: self.intervals(j).first().map_or(0, |x| x.0),
        })
    }

    fn closing_pos(&self, day: u32) -> TimelinePoint {
        TimelinePoint {
            day,
            sec: self.intervals(day).last().map_or(0, |x| x.1),
        }
    }

    /// Computes a due date (the contract's `dueDate`). Allocation-free when the pauses are
    /// given in order (the usual case).
    ///
    /// # Example
    /// ```
    /// use tthc::calendar::WorkCalendar;
    /// use tthc::deadline::{Due, Unit};
    /// use tthc::datetime::{parse_datetime, parse_time, format_datetime};
    /// let cal = WorkCalendar::default();
    /// let mut r = Due::new(parse_datetime("2025-11-20T15:20", "receivedAt").unwrap(), 1.0, Unit::WorkingDays);
    /// r.cutoff = Some(parse_time("15:00", "cutoff").unwrap());
    /// let due = cal.due(&r).unwrap();
    /// assert_eq!(format_datetime(due.start_at), "2025-11-21T07:30:00+07:00");
    /// assert_eq!(format_datetime(due.due_at), "2025-11-21T17:00:00+07:00");
    /// ```
    pub fn due(&self, r: &Due) -> Result<DueAt> {
        check_amount(r.amount, "amount")?;
        let recv = self.pos(r.received_at, "receivedAt")?;
        match r.unit {
            Unit::CalendarDays => {
                let d = i64::from(recv.day) + r.amount.ceil() as i64;
                let d = u32::try_from(d).map_err(|_| end_error())?;
                if self.index(self.date_of(d), "amount").ok() != Some(d) {
                    return Err(end_error());
                }
                let j = self.first_working_from(d).ok_or_else(end_error)?;
                let due = self.closing_pos(j);
                Ok(DueAt {
                    due_at: self.datetime_of(due),
                    start_at: r.received_at,
                    paused_minutes: 0,
                    estimated: self.any_estimated(recv.day, j),
                })
            }
            Unit::SameDay => {
                let s = self.start_pos(recv, r.cutoff)?;
                let due = self.closing_pos(s.day);
                Ok(DueAt {
                    due_at: self.datetime_of(due),
                    start_at: self.datetime_of(s),
                    paused_minutes: 0,
                    estimated: self.any_estimated(recv.day, s.day),
                })
            }
            Unit::WorkingHours | Unit::WorkingDays => {
                let per = if r.unit == Unit::WorkingHours {
                    3600.0
                } else {
                    WORKING_DAY_SECONDS as f64
                };
                let total = (r.amount * per).round() as i64;
                let s = self.start_pos(recv, r.cutoff)?;
                let (due, paused) = self.advance(s, total, &r.pauses)?;
                Ok(DueAt {
                    due_at: self.datetime_of(due),
                    start_at: self.datetime_of(s),
                    paused_minutes: (paused + 30) / 60,
                    estimated: self.any_estimated(recv.day, due.day),
                })
            }
        }
    }

    /// The moment `total` working seconds after `s`, skipping `pauses`; also the paused working
    /// seconds.
    fn advance(
        &self,
        s: TimelinePoint,
        total: i64,
        pauses: &[(NaiveDateTime, NaiveDateTime)],
    ) -> Result<(TimelinePoint, i64)> {
        if total <= 0 {
            return Ok((s, 0));
        }
        let ws = self.working_seconds_at(s);
        let mut cur = ws;
        let mut rem = total;
        let mut paused = 0i64;
        let sorted = pauses.windows(2).all(|w| w[0].0 <= w[1].0);
        let mut owned;
        let list: &[(NaiveDateTime, NaiveDateTime)] = if sorted {
            pauses
        } else {
            owned = pauses.to_vec();
            crate::sort::sort_by(&mut owned, |a, b| a.cmp(b));
            &owned
        };
        for (i, &(from, to)) in list.iter().enumerate() {
            if to < from {
                return Err(pause_error(i));
            }
            let a = self.working_seconds_at(self.pos(from, "pauses.from")?);
            let b = self.working_seconds_at(self.pos(to, "pauses.to")?);
            if b <= cur {
                continue;
            }
            let a = a.max(cur);
            if cur + rem <= a {
                break;
            }
            rem -= a - cur;
            paused += b - a;
            cur = b;
        }
        let due = self
            .point_after_working_seconds(cur + rem)
            .ok_or_else(end_error)?;
        Ok((due, paused))
    }

    /// Working time from `now` until `due_at` (negative when overdue): what a one-stop desk
    /// shows next to a pending dossier.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let t = |s| tthc::datetime::parse_datetime(s, "t").unwrap();
    /// let r = cal.remaining_working_time(t("2026-06-01T16:00"), t("2026-06-03T08:00")).unwrap();
    /// assert_eq!(r.working_minutes, 60 + 480 + 60);
    /// assert_eq!(r.text, "Còn 1 ngày 2 giờ 0 phút làm việc");
    /// ```
    pub fn remaining_working_time(
        &self,
        now: NaiveDateTime,
        due_at: NaiveDateTime,
    ) -> Result<RemainingTime> {
        let a = self.working_seconds_at(self.pos(now, "now")?);
        let b = self.working_seconds_at(self.pos(due_at, "dueAt")?);
        let secs = b - a;
        let m = secs.abs() / 60;
        let overdue = now > due_at;
        let (days, hours, minutes) = (m / 480, m % 480 / 60, m % 60);
        let (text, text_en) = if overdue {
            (
                format!("Quá hạn {days} ngày {hours} giờ {minutes} phút làm việc"),
                format!(
                    "Overdue by {days} working day{} {hours} h {minutes} min",
                    plural(days)
                ),
            )
        } else {
            (
                format!("Còn {days} ngày {hours} giờ {minutes} phút làm việc"),
                format!(
                    "{days} working day{} {hours} h {minutes} min left",
                    plural(days)
                ),
            )
        };
        Ok(RemainingTime {
            working_minutes: secs / 60,
            days,
            hours,
            minutes,
            overdue,
            text,
            text_en,
        })
    }

    /// Extends a due date (gia hạn) by `extra` more units (default: the request's unit), counted
    /// from the original due moment. The original is kept: statistics judge against it.
    ///
    /// # Example
    /// ```
    /// use tthc::deadline::{Due, Unit};
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let t = |s| tthc::datetime::parse_datetime(s, "t").unwrap();
    /// let e = cal.extend(&Due::new(t("2026-06-01T08:30"), 2.0, Unit::WorkingDays), 3.0, None).unwrap();
    /// assert_eq!(e.original_due_at, "2026-06-03T08:30:00+07:00");
    /// assert_eq!(e.due_at, "2026-06-08T08:30:00+07:00");
    /// ```
    pub fn extend(&self, r: &Due, extra: f64, unit: Option<Unit>) -> Result<Extension> {
        check_amount(extra, "extra")?;
        let orig = self.due(r)?;
        let unit = unit.unwrap_or(r.unit);
        let p = self.pos(orig.due_at, "dueAt")?;
        let new_pos = match unit {
            Unit::WorkingDays | Unit::WorkingHours => {
                let per = if unit == Unit::WorkingHours {
                    3600.0
                } else {
                    WORKING_DAY_SECONDS as f64
                };
                let secs = (extra * per).round() as i64;
                if secs == 0 {
                    p
                } else {
                    self.point_after_working_seconds(self.working_seconds_at(p) + secs)
                        .ok_or_else(end_error)?
                }
            }
            Unit::CalendarDays => {
                let d = u32::try_from(i64::from(p.day) + extra.ceil() as i64)
                    .map_err(|_| end_error())?;
                let j = self.first_working_from(d).ok_or_else(end_error)?;
                self.closing_pos(j)
            }
            Unit::SameDay => {
                return Err(Error::new(
                    ErrorKind::Deadline,
                    "Không thể gia hạn theo đơn vị \"trong ngày\".",
                    "An extension can't be given in the unit \"sameDay\".",
                )
                .with_field("unit"))
            }
        };
        Ok(Extension {
            original_due_at: format_datetime(orig.due_at),
            due_at: format_datetime(self.datetime_of(new_pos)),
            start_at: format_datetime(orig.start_at),
            estimated: orig.estimated || self.any_estimated(p.day, new_pos.day),
        })
    }

    /// Due dates of the steps of an inter-agency procedure (liên thông): the request's total time
    /// split by each step's share, steps one after another from the start of counting.
    ///
    /// # Example
    /// ```
    /// use tthc::deadline::{Due, Step, Unit};
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let t = |s| tthc::datetime::parse_datetime(s, "t").unwrap();
    /// let steps = [Step { name: "UBND xã".into(), share: 1.0 }, Step { name: "Sở".into(), share: 2.0 }];
    /// let due = cal.step_due_dates(&Due::new(t("2026-06-01T07:00"), 3.0, Unit::WorkingDays), &steps).unwrap();
    /// assert_eq!(due[0].due_at, "2026-06-01T17:00:00+07:00");
    /// assert_eq!(due[1].due_at, "2026-06-03T17:00:00+07:00");
    /// ```
    pub fn step_due_dates(&self, r: &Due, steps: &[Step]) -> Result<Vec<StepDue>> {
        if steps.is_empty() || steps.len() > 100 {
            return Err(Error::new(
                ErrorKind::Deadline,
                "Cần từ 1 đến 100 bước.",
                "Between 1 and 100 steps are needed.",
            )
            .with_field("steps"));
        }
        let mut sum = 0.0;
        for (i, s) in steps.iter().enumerate() {
            if !s.share.is_finite() || s.share <= 0.0 {
                return Err(Error::new(
                    ErrorKind::Deadline,
                    "Tỷ trọng của mỗi bước phải là số dương.",
                    "Each step's share must be a positive number.",
                )
                .with_field(format!("steps[{i}].share")));
            }
            sum += s.share;
        }
        let whole = self.due(r)?;
        let mut out = Vec::with_capacity(steps.len());
        let mut acc = 0.0;
        let mut start = whole.start_at;
        for (i, s) in steps.iter().enumerate() {
            acc += s.share;
            let amount = r.amount * s.share / sum;
            let due_at = if i + 1 == steps.len() {
                whole.due_at
            } else {
                let mut part = r.clone();
                part.amount = r.amount * acc / sum;
                self.due(&part)?.due_at
            };
            out.push(StepDue {
                name: s.name.clone(),
                amount,
                start_at: format_datetime(start),
                due_at: format_datetime(due_at),
            });
            start = due_at;
        }
        Ok(out)
    }

    /// Batch due dates for statistics. `received` are local date-times as seconds since
    /// 1970-01-01T00:00 (Vietnam time), `amounts` and `units` (codes of [`Unit::code`]) are per
    /// record or of length 1 for all; `out` receives the due moments in the same seconds.
    /// No cut-off, no pauses. The error names the first bad record.
    ///
    /// # Example
    /// ```
    /// let cal = tthc::calendar::WorkCalendar::default();
    /// let t = tthc::datetime::parse_datetime("2026-02-13T10:15", "t").unwrap().and_utc().timestamp();
    /// let mut out = [0i64; 1];
    /// cal.due_batch(&[t], &[3.0], &[0], &mut out).unwrap();
    /// let due = chrono::DateTime::from_timestamp(out[0], 0).unwrap().naive_utc();
    /// assert_eq!(tthc::datetime::format_datetime(due), "2026-02-25T10:15:00+07:00");
    /// ```
    pub fn due_batch(
        &self,
        received: &[i64],
        amounts: &[f64],
        units: &[u8],
        out: &mut [i64],
    ) -> Result<()> {
        let n = received.len();
        if !(amounts.len() == 1 || amounts.len() == n) {
            return Err(Error::new(
                ErrorKind::Options,
                "Các mảng đầu vào phải có cùng độ dài.",
                "The input arrays must have the same length.",
            )
            .with_field("amounts"));
        }
        if !(units.len() == 1 || units.len() == n) {
            return Err(Error::new(
                ErrorKind::Options,
                "Các mảng đầu vào phải có cùng độ dài.",
                "The input arrays must have the same length.",
            )
            .with_field("units"));
        }
        if out.len() < n {
            return Err(Error::new(
                ErrorKind::Options,
                "Mảng kết quả quá ngắn.",
                "The output array is too short.",
            )
            .with_field("out"));
        }
        for k in 0..n {
            let amount = if amounts.len() == 1 {
                amounts[0]
            } else {
                amounts[k]
            };
            let code = if units.len() == 1 { units[0] } else { units[k] };
            let unit = Unit::from_code(code).ok_or_else(|| {
                Error::new(
                    ErrorKind::Deadline,
                    "Mã đơn vị không hợp lệ.",
                    "Invalid unit code.",
                )
                .with_field(format!("units[{k}]"))
            })?;
            let t = chrono::DateTime::from_timestamp(received[k], 0)
                .map(|d| d.naive_utc())
                .ok_or_else(|| range_error(&format!("received[{k}]")))?;
            // An error names the array and index at fault: the amount's, or the receipt's.
            let d = self.due(&Due::new(t, amount, unit)).map_err(|e| {
                let place = if e.field() == Some("amount") {
                    format!("amounts[{}]", if amounts.len() == 1 { 0 } else { k })
                } else {
                    format!("received[{k}]")
                };
                e.with_field(place)
            })?;
            out[k] = d.due_at.and_utc().timestamp();
        }
        Ok(())
    }

    /// The contract's `dueDate` on the string shapes.
    pub fn due_request(&self, r: &DueRequest) -> Result<DueResult> {
        Ok(self.due(&r.to_due()?)?.into())
    }
}

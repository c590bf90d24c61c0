//! The figures behind a due date, for a one-stop clerk who checks it by hand (`DueDetails`):
//! the time limit, the working time counted, the paused time, how the start of counting was found
//! (office hours, cut-off) and the office hours used on the way.
//!
//! # Example
//! ```
//! use tthc::calendar::WorkCalendar;
//! use tthc::deadline::{DueRequest, Unit};
//! use tthc::deadline::details::StartRule;
//! let cal = WorkCalendar::default();
//! let r = DueRequest { received_at: "2025-11-20T15:20".into(), amount: 1.0, unit: Unit::WorkingDays,
//!     cutoff: Some("15:00".into()), pauses: None };
//! let d = cal.due_details(&r).unwrap();
//! assert_eq!(d.due.due_at, "2025-11-21T17:00:00+07:00");
//! assert_eq!(d.counted_minutes, 480);
//! assert!(d.cutoff_applied);
//! assert_eq!(d.start_rule, StartRule::Cutoff);
//! assert_eq!(d.office_hours[0].intervals[0].start, "07:30"); // winter hours
//! ```

use chrono::{Datelike, NaiveTime, Timelike};
use serde::Serialize;

use super::due::{Due, DueRequest, DueResult, Unit};
use super::{Interval, OfficeSeason, TimelinePoint, WorkCalendar};
use crate::datetime::format_date;
use crate::error::Result;

/// How the start of counting was found (contract rule 1), to explain it (`StartRule`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum StartRule {
    /// Received inside office hours: counting starts at the receipt moment.
    Received,
    /// Received before opening or in a break: counting starts when the office reopens that day.
    NextInterval,
    /// Received after closing or on a day off: counting starts at the next working day's opening.
    NextWorkingDay,
    /// Received at or after the procedure's cut-off: counting starts at the next working day's
    /// opening.
    Cutoff,
    /// Calendar days: counted by dates from the date of receipt; office hours don't apply.
    ReceiptDate,
}

/// Office hours used on a stretch of days (`HoursUsed`).
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct HoursUsed {
    /// First working day of the stretch, `YYYY-MM-DD`.
    pub from: String,
    /// Last working day of the stretch, `YYYY-MM-DD`.
    pub to: String,
    /// First day of the season (`MM-DD`, e.g. `"04-16"`), when the calendar has seasons.
    pub season_from: Option<String>,
    /// Last day of the season (`MM-DD`, the day before the next season starts).
    pub season_to: Option<String>,
    /// The season's label as configured (`"Mùa hè (summer)"` …), or null.
    pub season_name: Option<String>,
    /// The working intervals of a day in the stretch (`HH:MM`).
    pub intervals: Vec<Interval>,
}

/// A due date with the figures a clerk checks it against (`DueDetails`). Output only (serialised,
/// never read), which keeps its cost in the module small.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DueDetails {
    /// The result of `dueDate` for the same request (its fields first, in the same object).
    #[serde(flatten)]
    pub due: DueResult,
    /// Working minutes between the start and the due moment, pauses excluded: `amount` × 480
    /// for working days, × 60 for working hours, the rest of the start day for `sameDay`, 0 for
    /// calendar days.
    pub counted_minutes: i64,
    /// Calendar days: the days counted from the date of receipt (the amount, rounded up); else null.
    pub calendar_days: Option<i64>,
    /// Calendar days: the date the count ends on (receipt date + days), which may be a day off
    /// (the due date is then the next working day); else null.
    pub count_end_date: Option<String>,
    /// The receipt was at or after the cut-off on a working day, so counting starts on the next
    /// working day.
    pub cutoff_applied: bool,
    /// How the start of counting was found.
    pub start_rule: StartRule,
    /// Office hours used between the start and the due day, by stretches of days with the same
    /// hours (a count across 16 April or 16 October in Nghệ An has two).
    pub office_hours: Vec<HoursUsed>,
}

/// The season starts and names of the default calendar (Nghệ An: summer hours from 16 April,
/// winter hours from 16 October; `calendar::default_seasons`, whose hours come from the
/// calendar itself). The test `default_seasons_match_the_calendar` keeps the two in step.
const DEFAULT_SEASONS: [(&str, &str); 2] =
    [("04-16", "Mùa hè (summer)"), ("10-16", "Mùa đông (winter)")];

/// `MM-DD` of a `month * 32 + day` key.
fn month_day(key: u32) -> String {
    format!("{:02}-{:02}", key / 32, key % 32)
}

/// The calendar's seasons as (start key `month * 32 + day`, name), sorted; the default
/// calendar's when none are configured.
fn season_keys(cal: &WorkCalendar) -> Vec<(u32, Option<String>)> {
    let list: Vec<OfficeSeason> = match &cal.config().office_hours {
        Some(l) => l.clone(),
        None => DEFAULT_SEASONS
            .iter()
            .map(|&(from, name)| OfficeSeason {
                from: from.into(),
                name: Some(name.into()),
                intervals: Vec::new(),
            })
            .collect(),
    };
    let mut out: Vec<(u32, Option<String>)> = list
        .iter()
        .filter_map(|s| {
            let (m, d) = s.from.split_once('-')?;
            Some((
                m.parse::<u32>().ok()? * 32 + d.parse::<u32>().ok()?,
                s.name.clone(),
            ))
        })
        .collect();
    // A handful of seasons: an insertion sort (no sort routine instantiated for this type).
    for i in 1..out.len() {
        let mut j = i;
        while j > 0 && out[j - 1].0 > out[j].0 {
            out.swap(j - 1, j);
            j -= 1;
        }
    }
    out
}

/// The last day (`MM-DD`) before the season that follows `starts[i]`.
fn season_end(starts: &[(u32, Option<String>)], i: usize) -> Option<String> {
    let next = starts.get(i + 1).or(starts.first())?.0;
    let (m, d) = (next / 32, next % 32);
    // The day before `next` in a leap year (so that 03-01 gives 02-29).
    const DAYS: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let (m, d) = if d > 1 {
        (m, d - 1)
    } else {
        let pm = if m == 1 { 12 } else { m - 1 };
        (pm, *DAYS.get(pm as usize - 1)?)
    };
    Some(month_day(m * 32 + d))
}

fn hhmm(s: u32) -> String {
    format!("{:02}:{:02}", s / 3600, s / 60 % 60)
}

impl WorkCalendar {
    /// The office hours of the working days from day index `a` to `b` (inclusive), by stretches
    /// of consecutive working days with the same hours and season.
    fn hours_used(&self, a: u32, b: u32) -> Vec<HoursUsed> {
        let starts = season_keys(self);
        let season_idx = |day: u32| -> Option<usize> {
            if starts.is_empty() {
                return None;
            }
            let d = self.date_of(day);
            let md = d.month() * 32 + d.day();
            Some(
                starts
                    .iter()
                    .rposition(|s| s.0 <= md)
                    .unwrap_or(starts.len() - 1),
            )
        };
        let mut out: Vec<HoursUsed> = Vec::new();
        // The season and the hours of the previous working day.
        type Last<'a> = Option<(Option<usize>, &'a [(u32, u32)])>;
        let mut last: Last = None;
        for day in a..=b {
            if !self.working_idx(day) {
                continue;
            }
            let ivs = self.intervals(day);
            let season = season_idx(day);
            let date = format_date(self.date_of(day));
            match (last, out.last_mut()) {
                (Some((s, l)), Some(cur)) if s == season && l == ivs => cur.to = date,
                _ => {
                    let (season_from, season_to, season_name) = match season {
                        Some(i) => (
                            starts.get(i).map(|s| month_day(s.0)),
                            season_end(&starts, i),
                            starts.get(i).and_then(|s| s.1.clone()),
                        ),
                        None => (None, None, None),
                    };
                    out.push(HoursUsed {
                        from: date.clone(),
                        to: date,
                        season_from,
                        season_to,
                        season_name,
                        intervals: ivs
                            .iter()
                            .map(|&(s, e)| Interval {
                                start: hhmm(s),
                                end: hhmm(e),
                            })
                            .collect(),
                    });
                }
            }
            last = Some((season, ivs));
        }
        out
    }

    /// How the start `s` was found from the receipt `recv` (rule 1).
    fn start_rule(
        &self,
        recv: TimelinePoint,
        s: TimelinePoint,
        cutoff: Option<NaiveTime>,
    ) -> StartRule {
        if s == recv {
            return StartRule::Received;
        }
        if s.day == recv.day {
            return StartRule::NextInterval;
        }
        let open_then = self.working_idx(recv.day)
            && recv.sec < self.intervals(recv.day).last().map_or(0, |x| x.1);
        match cutoff {
            Some(c) if open_then && recv.sec >= c.num_seconds_from_midnight() => StartRule::Cutoff,
            _ => StartRule::NextWorkingDay,
        }
    }

    /// A due date with the figures behind it (see [`DueDetails`]). Same errors as [`WorkCalendar::due`].
    pub fn due_details_of(&self, r: &Due) -> Result<DueDetails> {
        let res = self.due(r)?;
        let recv = self.pos(r.received_at, "receivedAt")?;
        let due = self.pos(res.due_at, "dueAt")?;
        let (counted_minutes, calendar_days, count_end_date, start_rule, first_day) = match r.unit {
            Unit::CalendarDays => {
                let days = r.amount.ceil() as i64;
                let end = r.received_at.date() + chrono::Duration::days(days);
                (
                    0,
                    Some(days),
                    Some(format_date(end)),
                    StartRule::ReceiptDate,
                    due.day,
                )
            }
            _ => {
                let s = self.pos(res.start_at, "startAt")?;
                let worked = self.working_seconds_at(due)
                    - self.working_seconds_at(s)
                    - res.paused_minutes * 60;
                (
                    (worked + 30).div_euclid(60).max(0),
                    None,
                    None,
                    self.start_rule(recv, s, r.cutoff),
                    s.day,
                )
            }
        };
        Ok(DueDetails {
            due: res.into(),
            counted_minutes,
            calendar_days,
            count_end_date,
            cutoff_applied: start_rule == StartRule::Cutoff,
            start_rule,
            office_hours: self.hours_used(first_day, due.day),
        })
    }

    /// [`WorkCalendar::due_details_of`] on the contract's request shape.
    pub fn due_details(&self, r: &DueRequest) -> Result<DueDetails> {
        self.due_details_of(&r.to_due()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::due::Pause;

    fn req(at: &str, amount: f64, unit: Unit) -> DueRequest {
        DueRequest {
            received_at: at.into(),
            amount,
            unit,
            cutoff: None,
            pauses: None,
        }
    }

    fn details(r: &DueRequest) -> DueDetails {
        WorkCalendar::default().due_details(r).unwrap()
    }

    #[test]
    fn working_days_count_exactly_the_amount() {
        // The page used to show 11 for 10 working days (the part-days at both ends counted).
        let d = details(&req("2026-02-13T10:15", 10.0, Unit::WorkingDays));
        assert_eq!(d.due.due_at, "2026-03-06T10:15:00+07:00");
        assert_eq!(d.counted_minutes, 10 * 480);
        assert_eq!(d.start_rule, StartRule::Received);
        let d = details(&req("2026-02-13T10:15", 3.0, Unit::WorkingDays));
        assert_eq!(d.counted_minutes, 3 * 480);
        let d = details(&req("2025-10-15T16:00", 1.0, Unit::WorkingHours));
        assert_eq!(d.counted_minutes, 60);
    }

    #[test]
    fn calendar_days_are_reported_as_calendar_days() {
        let d = details(&req("2026-08-14T16:00", 30.0, Unit::CalendarDays));
        assert_eq!(d.calendar_days, Some(30));
        assert_eq!(d.count_end_date.as_deref(), Some("2026-09-13")); // a Sunday
        assert_eq!(d.due.due_at, "2026-09-14T17:00:00+07:00");
        assert_eq!(d.counted_minutes, 0);
        assert_eq!(d.start_rule, StartRule::ReceiptDate);
        assert!(!d.cutoff_applied);
        assert_eq!(d.office_hours.len(), 1);
        assert_eq!(d.office_hours[0].from, "2026-09-14");
    }

    #[test]
    fn pauses_are_excluded_from_the_counted_time() {
        let mut r = req("2026-06-01T01:30:00Z", 5.0, Unit::WorkingDays);
        r.pauses = Some(vec![Pause {
            from: "2026-06-02T14:00".into(),
            to: "2026-06-04T09:30".into(),
        }]);
        let d = details(&r);
        assert_eq!(d.due.due_at, "2026-06-09T16:00:00+07:00");
        assert_eq!(d.due.paused_minutes, 810);
        assert_eq!(d.counted_minutes, 5 * 480);
    }

    #[test]
    fn start_rules_and_cutoff() {
        let d = details(&req("2025-06-30T12:45", 20.0, Unit::WorkingDays));
        assert_eq!(d.start_rule, StartRule::NextInterval);
        assert!(!d.cutoff_applied);
        let d = details(&req("2025-06-30T17:30", 1.0, Unit::WorkingDays));
        assert_eq!(d.start_rule, StartRule::NextWorkingDay);
        let mut r = req("2025-11-20T15:20", 0.0, Unit::SameDay);
        r.cutoff = Some("15:00".into());
        let d = details(&r);
        assert!(d.cutoff_applied);
        assert_eq!(d.due.start_at, "2025-11-21T07:30:00+07:00");
        assert_eq!(d.counted_minutes, 480);
        // Before the cut-off the cut-off does not apply.
        r.received_at = "2025-11-20T14:00".into();
        let d = details(&r);
        assert!(!d.cutoff_applied);
        assert_eq!(d.counted_minutes, 180);
        // On a Saturday the next working day is reached because of the day off, not the cut-off.
        r.received_at = "2025-11-22T16:00".into();
        assert_eq!(details(&r).start_rule, StartRule::NextWorkingDay);
    }

    #[test]
    fn office_hours_by_season() {
        let d = details(&req("2026-02-13T10:15", 3.0, Unit::WorkingDays));
        assert_eq!(d.office_hours.len(), 1);
        let h = &d.office_hours[0];
        assert_eq!(
            (h.from.as_str(), h.to.as_str()),
            ("2026-02-13", "2026-02-25")
        );
        assert_eq!(h.season_from.as_deref(), Some("10-16"));
        assert_eq!(h.season_to.as_deref(), Some("04-15"));
        assert_eq!(h.intervals[0].start, "07:30");
        assert_eq!(h.intervals[0].end, "12:00");
        // Across 16 October: summer then winter hours.
        let d = details(&req("2025-10-14T09:00", 3.0, Unit::WorkingDays));
        assert_eq!(d.office_hours.len(), 2);
        assert_eq!(d.office_hours[0].to, "2025-10-15");
        assert_eq!(d.office_hours[0].intervals[0].start, "07:00");
        assert_eq!(d.office_hours[0].season_to.as_deref(), Some("10-15"));
        assert_eq!(d.office_hours[1].from, "2025-10-16");
        assert_eq!(d.office_hours[1].intervals[0].start, "07:30");
    }

    #[test]
    fn default_seasons_match_the_calendar() {
        let cal = WorkCalendar::default();
        let hours = |s: &str| {
            cal.office_hours(crate::datetime::parse_date(s, "d").unwrap())
                .unwrap()
        };
        // 2025: 15/4, 16/4, 15/10 and 16/10 are working days.
        assert_ne!(hours("2025-04-15"), hours("2025-04-16"));
        assert_eq!(hours("2025-04-16"), hours("2025-10-15"));
        assert_ne!(hours("2025-10-15"), hours("2025-10-16"));
        assert_eq!(cal.config().office_hours, None);
    }

    #[test]
    fn errors_are_those_of_due() {
        let e = WorkCalendar::default()
            .due_details(&req("2026-02-13T10:15", -1.0, Unit::WorkingDays))
            .unwrap_err();
        assert_eq!(e.field(), Some("amount"));
        assert!(!e.to_string().contains("(amount)"), "{e}");
    }
}

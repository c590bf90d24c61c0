//! The working timeline: a moment as a day index and a second of the day, and the working
//! seconds before it, which turn "N working hours after S" into two look-ups (used by the
//! due dates of [`super::due`]).

use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};

use super::WorkCalendar;
use crate::error::Result;

/// A position on the working timeline: a day index (days since 1900-01-01) and a second of
/// the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TimelinePoint {
    pub(crate) day: u32,
    pub(crate) sec: u32,
}

impl WorkCalendar {
    /// Day index and second of a date-time.
    pub(crate) fn pos(&self, t: NaiveDateTime, field: &str) -> Result<TimelinePoint> {
        let day = self.index(t.date(), field)?;
        Ok(TimelinePoint {
            day,
            sec: t.time().num_seconds_from_midnight(),
        })
    }

    pub(crate) fn datetime_of(&self, p: TimelinePoint) -> NaiveDateTime {
        let d = self.date_of(p.day);
        d.and_time(NaiveTime::MIN) + Duration::seconds(i64::from(p.sec))
    }

    /// Working seconds from the start of the table to `p`.
    #[inline]
    pub(crate) fn working_seconds_at(&self, p: TimelinePoint) -> i64 {
        let r = self.rank(p.day);
        let base = self
            .tables
            .working_seconds_before
            .get(r as usize)
            .copied()
            .unwrap_or(0);
        if !self.working_idx(p.day) {
            return base;
        }
        let mut into = 0i64;
        for &(a, e) in self.intervals(p.day) {
            if p.sec >= e {
                into += i64::from(e - a);
            } else {
                if p.sec > a {
                    into += i64::from(p.sec - a);
                }
                break;
            }
        }
        base + into
    }

    /// The moment at which `w` working seconds have passed since the start of the table; a
    /// moment exactly at an interval end is that end (not the next opening). `w` must be > 0.
    #[inline]
    pub(crate) fn point_after_working_seconds(&self, w: i64) -> Option<TimelinePoint> {
        if w <= 0 {
            return None;
        }
        let j = match self.tables.uniform {
            Some(l) if l > 0 => usize::try_from((w - 1) / l).ok()?,
            _ => self
                .tables
                .working_seconds_before
                .partition_point(|&c| c < w)
                .checked_sub(1)?,
        };
        let day = *self.tables.working_days.get(j)?;
        let mut r = w - *self.tables.working_seconds_before.get(j)?;
        for &(a, e) in self.intervals(day) {
            let len = i64::from(e - a);
            if r <= len {
                return Some(TimelinePoint {
                    day,
                    sec: a + r as u32,
                });
            }
            r -= len;
        }
        None
    }

    /// The next working day index strictly after `i`.
    #[inline]
    pub(crate) fn next_working(&self, i: u32) -> Option<u32> {
        let k = self.rank(i) as usize + usize::from(self.working_idx(i));
        self.tables.working_days.get(k).copied()
    }

    /// The first working day index at or after `i`.
    #[inline]
    pub(crate) fn first_working_from(&self, i: u32) -> Option<u32> {
        self.tables.working_days.get(self.rank(i) as usize).copied()
    }

    /// Whether any year between two day indices (inclusive) is estimated.
    #[inline]
    pub(crate) fn any_estimated(&self, a: u32, b: u32) -> bool {
        let y = |i: u32| usize::from(self.tables.day_year.get(i as usize).copied().unwrap_or(0));
        let (ya, yb) = (y(a), y(b));
        self.tables
            .estimated
            .get(ya..=yb.max(ya))
            .is_none_or(|s| s.iter().any(|&e| e))
    }
}

//! Due dates (ngày hẹn trả) under statutory processing times (thời hạn giải quyết).
//!
//! SKELETON: the public shape other areas program against; the calendar issue fills it in.

use chrono::{NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::error::{Error, ErrorKind, Result};

/// The unit of a statutory processing time (đơn vị tính).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
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

impl WorkCalendar {
    /// Computes a due date.
    pub fn due(&self, _request: &Due) -> Result<DueAt> {
        Err(Error::new(
            ErrorKind::Deadline,
            "Chưa cài đặt.",
            "Not implemented yet.",
        ))
    }
}

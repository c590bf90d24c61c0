//! Due dates (ngày hẹn trả) of administrative procedures.
//!
//! The computation is the working calendar's: the requests, the results and the methods of
//! [`WorkCalendar`](crate::calendar::WorkCalendar) that count working time live in
//! [`crate::calendar::due`] (the rules of counting are written there) and
//! [`crate::calendar::due_details`], and are re-exported here under their usual paths. This
//! module adds what sits on top of the calendar: the procedure [`catalog`] (a procedure's code →
//! its processing time, unit and cut-off).
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

pub mod catalog;

pub use crate::calendar::due::{
    Due, DueAt, DueRequest, DueResult, Extension, Pause, RemainingTime, Step, StepDue, Unit,
    MAX_AMOUNT,
};
/// The figures behind a due date (the module [`crate::calendar::due_details`]).
pub use crate::calendar::due_details as details;

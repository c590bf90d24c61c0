//! The procedure catalog (danh mục thời hạn giải quyết) of the statistics options, and the
//! one place that couples the statistics to the calendar's due-date computation.
//!
//! Until the calendar area's `tthc::deadline::catalog` is merged, the options carry their own
//! minimal `{ code, amount, unit }` entries; [`statutory_due`] is the single function to switch.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::deadline::{Due, Unit};
use crate::error::{Error, ErrorKind, Result};

/// A catalog entry: the statutory time of one procedure (`{ code, amount, unit }`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct CatalogEntry {
    /// Mã thủ tục (matched ignoring case and spaces).
    pub code: String,
    /// Amount of time.
    pub amount: f64,
    /// `workingDays`, `workingHours`, `calendarDays`, `sameDay` (or the Vietnamese words
    /// "ngày làm việc", "giờ làm việc", "ngày", "trong ngày").
    pub unit: String,
}

/// Reads a unit word.
///
/// # Example
/// ```
/// use tthc::deadline::Unit;
/// use tthc::stats::catalog::parse_unit;
/// assert_eq!(parse_unit("workingDays"), Some(Unit::WorkingDays));
/// assert_eq!(parse_unit("Ngày làm việc"), Some(Unit::WorkingDays));
/// assert_eq!(parse_unit("giờ"), Some(Unit::WorkingHours));
/// assert_eq!(parse_unit("ngày"), Some(Unit::CalendarDays));
/// assert_eq!(parse_unit("Trong ngày"), Some(Unit::SameDay));
/// assert_eq!(parse_unit("tháng"), None);
/// ```
pub fn parse_unit(s: &str) -> Option<Unit> {
    match crate::text::fold(s).as_str() {
        "workingdays" | "ngaylamviec" | "ngaylv" => Some(Unit::WorkingDays),
        "workinghours" | "giolamviec" | "gio" | "hours" => Some(Unit::WorkingHours),
        "calendardays" | "ngay" | "days" | "ngaydeu" => Some(Unit::CalendarDays),
        "sameday" | "trongngay" | "ngay1" => Some(Unit::SameDay),
        _ => None,
    }
}

/// A checked catalog: code (folded) → (amount, unit).
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    entries: HashMap<String, (f64, Unit)>,
}

impl Catalog {
    /// Checks the entries; errors name the entry (`catalog[3].unit`).
    pub fn new(entries: &[CatalogEntry]) -> Result<Catalog> {
        let mut map = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let unit = parse_unit(&e.unit).ok_or_else(|| {
                Error::new(
                    ErrorKind::Options,
                    format!(
                        "Đơn vị thời hạn \"{}\" của thủ tục {} không hợp lệ (workingDays, workingHours, calendarDays, sameDay).",
                        crate::datetime::clip(&e.unit),
                        crate::datetime::clip(&e.code)
                    ),
                    format!(
                        "The time unit \"{}\" of procedure {} is invalid (workingDays, workingHours, calendarDays, sameDay).",
                        crate::datetime::clip(&e.unit),
                        crate::datetime::clip(&e.code)
                    ),
                )
                .with_field(format!("catalog[{i}].unit"))
            })?;
            if !e.amount.is_finite() || e.amount < 0.0 || e.amount > 3650.0 {
                return Err(Error::new(
                    ErrorKind::Options,
                    format!(
                        "Thời hạn của thủ tục {} phải là số từ 0 đến 3650.",
                        crate::datetime::clip(&e.code)
                    ),
                    format!(
                        "The time of procedure {} must be a number from 0 to 3650.",
                        crate::datetime::clip(&e.code)
                    ),
                )
                .with_field(format!("catalog[{i}].amount")));
            }
            map.insert(crate::text::fold(&e.code), (e.amount, unit));
        }
        Ok(Catalog { entries: map })
    }

    /// The statutory time of a procedure code.
    pub fn get(&self, code: &str) -> Option<(f64, Unit)> {
        self.entries.get(&crate::text::fold(code)).copied()
    }

    /// True when the catalog has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Describes a statutory time (`"5 workingDays"`).
pub fn describe(amount: f64, unit: Unit) -> String {
    let u = match unit {
        Unit::WorkingDays => "workingDays",
        Unit::WorkingHours => "workingHours",
        Unit::CalendarDays => "calendarDays",
        Unit::SameDay => "sameDay",
    };
    format!("{} {u}", crate::ingest::format_number(amount))
}

/// The due moment the statutory time gives for a receipt (no pauses, no cut-off): the one
/// coupling point with the calendar's due-date computation.
pub fn statutory_due(
    cal: &WorkCalendar,
    received_at: NaiveDateTime,
    amount: f64,
    unit: Unit,
) -> Result<(NaiveDateTime, bool)> {
    let r = cal.due(&Due {
        received_at,
        amount,
        unit,
        cutoff: None,
        pauses: Vec::new(),
    })?;
    Ok((r.due_at, r.estimated))
}

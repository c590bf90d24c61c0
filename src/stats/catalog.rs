//! The procedure catalog (danh mục thời hạn giải quyết) of the statistics options, and the
//! one place that couples the statistics to the calendar's due-date computation.
//!
//! The options carry `{ code, amount, unit, cutoff? }` entries (`unit` a string, as the contract
//! says); they are checked into the calendar area's [`crate::deadline::catalog::Catalog`], and
//! [`statutory_due`] is the single function that asks the calendar for a due date.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::deadline::catalog::Procedure;
use crate::deadline::Unit;
use crate::error::{Error, ErrorKind, Result};

/// A catalog entry: the statutory time of one procedure (`{ code, amount, unit }`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct CatalogEntry {
    /// Mã thủ tục (matched ignoring case and spaces).
    pub code: String,
    /// Amount of time.
    pub amount: f64,
    /// `workingDays`, `workingHours`, `calendarDays`, `sameDay` (or the Vietnamese words
    /// "ngày làm việc", "giờ làm việc", "ngày", "trong ngày").
    pub unit: String,
    /// Cut-off `HH:MM` (received at or after it: counting starts the next working day).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub cutoff: Option<String>,
}

/// Reads a unit word (delegates to [`Unit::parse`]).
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
    Unit::parse(s)
}

/// The checked catalog of an analysis, on top of the calendar area's
/// [`deadline::catalog::Catalog`](crate::deadline::catalog::Catalog).
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    inner: crate::deadline::catalog::Catalog,
}

impl Catalog {
    /// Checks the entries; errors name the entry (`catalog[3].unit`).
    pub fn new(entries: &[CatalogEntry]) -> Result<Catalog> {
        let mut procs = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let unit = parse_unit(&e.unit).ok_or_else(|| {
                Error::new(
                    ErrorKind::Options,
                    format!(
                        "Đơn vị thời hạn \"{}\" của thủ tục {} không hợp lệ (workingDays, workingHours, calendarDays, sameDay).",
                        crate::message::truncate_for_message(&e.unit),
                        crate::message::truncate_for_message(&e.code)
                    ),
                    format!(
                        "The time unit \"{}\" of procedure {} is invalid (workingDays, workingHours, calendarDays, sameDay).",
                        crate::message::truncate_for_message(&e.unit),
                        crate::message::truncate_for_message(&e.code)
                    ),
                )
                .with_field(format!("catalog[{i}].unit"))
            })?;
            procs.push(Procedure {
                code: e.code.trim().to_string(),
                name: None,
                agency: None,
                domain: None,
                amount: e.amount,
                unit,
                cutoff: e.cutoff.clone(),
                source: None,
                note: None,
            });
        }
        Ok(Catalog {
            inner: crate::deadline::catalog::Catalog::from_procedures(procs)?,
        })
    }

    /// The procedure of a code as an export writes it: exact (trimmed), else its first two
    /// dot-separated parts (`1.001193.000.00.00.H40` → `1.001193`).
    pub fn get(&self, code: &str) -> Option<&Procedure> {
        let code = code.trim();
        self.inner.get(code).or_else(|| {
            let mut parts = code.splitn(3, '.');
            let (a, b) = (parts.next()?, parts.next()?);
            parts.next()?;
            self.inner.get(&format!("{a}.{b}"))
        })
    }

    /// True when the catalog has no entries.
    pub fn is_empty(&self) -> bool {
        self.inner.len() == 0
    }
}

/// Describes a statutory time (`"5 workingDays"`).
pub fn describe(p: &Procedure) -> String {
    format!(
        "{} {}",
        crate::ingest::format_number(p.amount),
        p.unit.as_str()
    )
}

/// The due moment the statutory time gives for a receipt (with the procedure's cut-off, no
/// pauses): the one coupling point with the calendar's due-date computation.
pub fn statutory_due(
    cal: &WorkCalendar,
    received_at: NaiveDateTime,
    procedure: &Procedure,
) -> Result<(NaiveDateTime, bool)> {
    let r = cal.due(&procedure.due(received_at))?;
    Ok((r.due_at, r.estimated))
}

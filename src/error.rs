//! The one error type of tthc.
//!
//! Like jiff's, the error is opaque and cheap to move (one pointer). It carries:
//! - a [`ErrorKind`] saying which area failed (a date, the calendar, a schema, an export …),
//! - a message in Vietnamese (the primary language of the portal) and in English,
//! - where the problem is, when there is a place: a field name (`receivedAt`, `fields[3].type`),
//!   and for exports a row number as a spreadsheet shows it and a column.
//!
//! Errors cross the JavaScript boundary as `Error` objects whose `message` is the Vietnamese
//! sentence, with `kind`, `field`, `row`, `column` and `messageEn` properties (see `src/js/`).

use std::fmt;

/// Which area of tthc an [`Error`] comes from.
///
/// # Example
/// ```
/// use tthc::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::Date, "Ngày không hợp lệ.", "Invalid date.");
/// assert_eq!(e.kind(), ErrorKind::Date);
/// assert_eq!(e.kind().as_str(), "date");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A date or date-time string that can't be read, or an impossible date.
    Date,
    /// A calendar configuration (office hours, notices, extra days) that is malformed.
    Calendar,
    /// A due-date request that can't be computed (negative amount, pause ending before it starts …).
    Deadline,
    /// A year, date or amount outside the range tthc supports.
    Range,
    /// A form schema (biểu mẫu) that is malformed.
    Schema,
    /// A value passed to a form or identifier check with the wrong type.
    Form,
    /// An export file that can't be read (not CSV/XLSX/JSON, empty, no date column …).
    Ingest,
    /// A size limit was exceeded (file, field, columns, nesting).
    Limit,
    /// Options of an API call that are malformed.
    Options,
}

impl ErrorKind {
    /// The stable machine-readable name of the kind (`"date"`, `"calendar"` …), used as the
    /// `kind` property of JavaScript errors.
    ///
    /// # Example
    /// ```
    /// assert_eq!(tthc::ErrorKind::Ingest.as_str(), "ingest");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Date => "date",
            ErrorKind::Calendar => "calendar",
            ErrorKind::Deadline => "deadline",
            ErrorKind::Range => "range",
            ErrorKind::Schema => "schema",
            ErrorKind::Form => "form",
            ErrorKind::Ingest => "ingest",
            ErrorKind::Limit => "limit",
            ErrorKind::Options => "options",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    message_en: String,
    field: Option<String>,
    row: Option<u64>,
    column: Option<String>,
}

/// The error of every fallible tthc operation.
///
/// # Example
/// ```
/// use tthc::{Error, ErrorKind};
/// let e = Error::new(ErrorKind::Deadline, "Số lượng thời gian không được âm.", "The amount must not be negative.")
///     .with_field("amount");
/// assert_eq!(e.field(), Some("amount"));
/// assert_eq!(e.to_string(), "Số lượng thời gian không được âm. [amount]");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

/// `Result<T, tthc::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A new error of `kind` with a Vietnamese and an English message (full sentences).
    pub fn new(
        kind: ErrorKind,
        message_vi: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Error {
        Error(Box::new(Inner {
            kind,
            message: message_vi.into(),
            message_en: message_en.into(),
            field: None,
            row: None,
            column: None,
        }))
    }

    /// Names the field (or option path) the error is about, e.g. `"receivedAt"` or `"pauses[1].to"`.
    pub fn with_field(mut self, field: impl Into<String>) -> Error {
        self.0.field = Some(field.into());
        self
    }

    /// The row (as a spreadsheet shows it, the header being row 1) the error is about.
    pub fn with_row(mut self, row: u64) -> Error {
        self.0.row = Some(row);
        self
    }

    /// The column (header text) the error is about.
    pub fn with_column(mut self, column: impl Into<String>) -> Error {
        self.0.column = Some(column.into());
        self
    }

    /// Which area the error comes from.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The Vietnamese message (without the location suffix that `Display` adds).
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The English message.
    pub fn message_en(&self) -> &str {
        &self.0.message_en
    }

    /// The field or option path, if the error is about one.
    pub fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }

    /// The spreadsheet row number, if the error is about a row of an export.
    pub fn row(&self) -> Option<u64> {
        self.0.row
    }

    /// The column header, if the error is about a column of an export.
    pub fn column(&self) -> Option<&str> {
        self.0.column.as_deref()
    }

    /// The English message with the location suffix, as `Display` gives the Vietnamese one.
    ///
    /// # Example
    /// ```
    /// let e = tthc::Error::new(tthc::ErrorKind::Date, "Ngày không hợp lệ.", "Invalid date.").with_field("from");
    /// assert_eq!(e.to_string_en(), "Invalid date. [from]");
    /// ```
    pub fn to_string_en(&self) -> String {
        let mut s = self.0.message_en.clone();
        self.push_location(&mut s, "row", "column");
        s
    }

    fn push_location(&self, s: &mut String, row_word: &str, col_word: &str) {
        let mut parts: Vec<String> = Vec::new();
        if let Some(f) = &self.0.field {
            parts.push(f.clone());
        }
        if let Some(r) = self.0.row {
            parts.push(format!("{row_word} {r}"));
        }
        if let Some(c) = &self.0.column {
            parts.push(format!("{col_word} \"{c}\""));
        }
        if !parts.is_empty() {
            s.push_str(" [");
            s.push_str(&parts.join(", "));
            s.push(']');
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = self.0.message.clone();
        self.push_location(&mut s, "dòng", "cột");
        f.write_str(&s)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({:?}: {})", self.0.kind, self)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_suffix_in_both_languages() {
        let e = Error::new(
            ErrorKind::Ingest,
            "Ngày không đọc được.",
            "Unreadable date.",
        )
        .with_row(12)
        .with_column("Ngày tiếp nhận");
        assert_eq!(
            e.to_string(),
            "Ngày không đọc được. [dòng 12, cột \"Ngày tiếp nhận\"]"
        );
        assert_eq!(
            e.to_string_en(),
            "Unreadable date. [row 12, column \"Ngày tiếp nhận\"]"
        );
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }
}

//! The one error type of tthc.
//!
//! Like jiff's, the error is opaque and cheap to move (one pointer). It carries:
//! - a [`ErrorKind`] saying which area failed (a date, the calendar, a schema, an export …),
//! - a message in Vietnamese (the primary language of the portal) and in English,
//! - where the problem is, when there is a place: a field name (`receivedAt`, `fields[3].type`),
//!   and for exports a row number as a spreadsheet shows it and a column,
//! - for an export without a receipt-date column, the header cells read ([`Error::headers`]).
//!
//! Errors cross the JavaScript boundary as `Error` objects whose `message` is the Vietnamese
//! sentence, with `kind`, `field`, `row`, `column`, `headers` and `messageEn` properties (see
//! `src/js/`).

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
    headers: Option<Vec<String>>,
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
            headers: None,
        }))
    }

    /// Most header cells an error carries ([`Error::with_headers`]): the reader's column limit,
    /// so every header of a file it can read is there.
    pub const MAX_HEADERS: usize = 1024;

    /// Longest header cell an error carries, in bytes of UTF-8 ([`Error::with_headers`]): what
    /// the reader keeps of a cell, so a header read from CSV or XLSX is carried whole.
    pub const MAX_HEADER_BYTES: usize = 256;

    /// Attaches the header cells read from an export (for a page to offer them, e.g. when no
    /// receipt-date column was found). Bounded: the first [`Error::MAX_HEADERS`] cells, each cut
    /// at a character boundary to at most [`Error::MAX_HEADER_BYTES`] bytes ending with `…`.
    ///
    /// # Example
    /// ```
    /// use tthc::{Error, ErrorKind};
    /// let long = "Ngày ".repeat(100);
    /// let e = Error::new(ErrorKind::Ingest, "Không có cột.", "No column.")
    ///     .with_headers(["Mã hồ sơ".to_string(), long.clone()]);
    /// let h = e.headers().unwrap();
    /// assert_eq!(h[0], "Mã hồ sơ");
    /// assert!(h[1].len() <= Error::MAX_HEADER_BYTES && h[1].ends_with('…'));
    /// assert!(long.starts_with(h[1].trim_end_matches('…')));
    /// ```
    pub fn with_headers(mut self, headers: impl IntoIterator<Item = String>) -> Error {
        self.0.headers = Some(
            headers
                .into_iter()
                .take(Self::MAX_HEADERS)
                .map(cut_header)
                .collect(),
        );
        self
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

    /// The header cells read from an export, in order, when the error carries them (a file
    /// without a receipt-date column); bounded as [`Error::with_headers`] says.
    pub fn headers(&self) -> Option<&[String]> {
        self.0.headers.as_deref()
    }

    /// The same error with other messages (e.g. prefixed with a file's name): kind, place and
    /// headers kept.
    #[cfg(feature = "stats")]
    pub(crate) fn with_messages(mut self, message_vi: String, message_en: String) -> Error {
        self.0.message = message_vi;
        self.0.message_en = message_en;
        self
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

/// `h` within [`Error::MAX_HEADER_BYTES`]: cut at a character boundary, the mark `…` included.
fn cut_header(mut h: String) -> String {
    const MARK: char = '…';
    if h.len() > Error::MAX_HEADER_BYTES {
        let mut end = Error::MAX_HEADER_BYTES - MARK.len_utf8();
        while !h.is_char_boundary(end) {
            end -= 1;
        }
        h.truncate(end);
        h.push(MARK);
    }
    h
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

    #[test]
    fn headers_are_bounded_in_number_and_bytes() {
        let e = Error::new(ErrorKind::Ingest, "x", "x");
        assert_eq!(e.headers(), None);
        // 2,000 headers of 300 bytes (a 3-byte letter straddles the cut): 1,024 kept, each cut.
        let long = format!("a{}", "ữ".repeat(100));
        let e = e.with_headers((0..2000).map(|i| format!("{i}{long}")));
        let h = e.headers().unwrap();
        assert_eq!(h.len(), Error::MAX_HEADERS);
        for (i, x) in h.iter().enumerate() {
            assert!(x.len() <= Error::MAX_HEADER_BYTES && x.len() > Error::MAX_HEADER_BYTES - 6);
            assert!(x.ends_with('…'));
            assert!(
                format!("{i}{long}").starts_with(x.trim_end_matches('…')),
                "{x}"
            );
        }
        // Short ones, and one of exactly the limit, are kept whole; the location suffix has none.
        let exact = "b".repeat(Error::MAX_HEADER_BYTES);
        let e = Error::new(ErrorKind::Ingest, "x", "x")
            .with_field("receivedAt")
            .with_headers(["Mã hồ sơ".to_string(), String::new(), exact.clone()]);
        assert_eq!(e.headers().unwrap(), ["Mã hồ sơ", "", exact.as_str()]);
        assert_eq!(e.to_string(), "x [receivedAt]");
    }

    #[cfg(feature = "stats")]
    #[test]
    fn new_messages_keep_the_place_and_the_headers() {
        let e = Error::new(ErrorKind::Ingest, "a", "a")
            .with_field("receivedAt")
            .with_row(3)
            .with_column("C")
            .with_headers(["C".to_string()])
            .with_messages("Tệp \"x\": a".into(), "File \"x\": a".into());
        assert_eq!(e.message(), "Tệp \"x\": a");
        assert_eq!(e.message_en(), "File \"x\": a");
        assert_eq!(
            (e.kind(), e.field(), e.row(), e.column()),
            (ErrorKind::Ingest, Some("receivedAt"), Some(3), Some("C"))
        );
        assert_eq!(e.headers().unwrap(), ["C"]);
    }
}

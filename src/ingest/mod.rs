//! Reading one-stop exports (xuất dữ liệu từ hệ thống một cửa) — CSV, XLSX, JSON — into
//! dossier rows (hồ sơ), without knowing what the rows are used for.
//!
//! The reader turns bytes into rows of [`Cell`]s addressed by canonical [`Field`] (after
//! matching the file's headers to fields with [`HeaderMap`]) and hands them to a [`RowSink`]
//! (the statistics accumulator). It never keeps rows: CSV is streamed chunk by chunk with
//! memory bounded by the longest row; XLSX and JSON are buffered (they can't be read
//! otherwise) up to [`Limits::max_buffered_bytes`].
//!
//! - Formats are detected from the bytes ([`detect_format`]): `PK\3\4` is XLSX, `[` is JSON,
//!   printable text is CSV; anything else is refused with an [`ErrorKind::Ingest`] error.
//! - Text encodings ([`decode`]): UTF-8 with or without BOM, UTF-16 LE/BE with BOM (or
//!   recognised by its zero bytes), Windows-1258 (chosen when the start is not valid UTF-8).
//!   Texts are composed to NFC where they are used (names are normalised once per distinct
//!   value).
//! - Values: [`dates`] reads every date format of the contract from bytes.
//!
//! # Example
//! ```
//! use tthc::ingest::{Field, HeaderMap};
//! let headers = vec!["Mã hồ sơ".to_string(), "NGÀY TIẾP NHẬN".to_string(), "Kênh nộp".to_string()];
//! let map = HeaderMap::build(&headers, &Default::default()).unwrap();
//! assert_eq!(map.column(Field::ReceivedAt), Some(1));
//! assert_eq!(map.column(Field::Channel), Some(2));
//! assert_eq!(map.column(Field::DueAt), None);
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::text::fold;

pub mod csv;
pub mod dates;
pub mod decode;
mod format;
pub mod json;
mod source;
pub mod xlsx;

pub(crate) use format::empty_file;
pub use format::{detect_format, Format};
pub use source::FileReader;

/// A canonical field of a dossier record (trường dữ liệu chuẩn).
///
/// The first thirteen are the contract's; the others feed the Decision 766 indicators when an
/// export has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Mã hồ sơ.
    Id,
    /// Mã thủ tục (mã TTHC).
    ProcedureCode,
    /// Tên thủ tục.
    Procedure,
    /// Lĩnh vực.
    Domain,
    /// Cơ quan giải quyết.
    Agency,
    /// Ngày tiếp nhận.
    ReceivedAt,
    /// Ngày hẹn trả.
    DueAt,
    /// Ngày kết thúc xử lý (ngày có kết quả).
    FinishedAt,
    /// Ngày trả kết quả.
    ReturnedAt,
    /// Kênh nộp (1 trực tiếp, 2 trực tuyến, 3 bưu chính).
    Channel,
    /// Hình thức nhận kết quả.
    ReturnMethod,
    /// Trạng thái.
    Status,
    /// Số lần yêu cầu bổ sung.
    SupplementCount,
    /// Được thanh toán trực tuyến (DuocThanhToanTrucTuyen: 1 cổng quốc gia, 2 cổng tỉnh).
    OnlinePayment,
    /// Phí, lệ phí (a positive amount marks a fee-bearing dossier).
    Fee,
    /// Hồ sơ có thành phần số hóa (HoSoCoThanhPhanSoHoa).
    Digitized,
    /// Có kết quả điện tử.
    ElectronicResult,
    /// Mã kết quả (MaKetQua): present when an electronic result was issued.
    ResultCode,
    /// Đường dẫn tệp tin kết quả (DuongDanTepTinKetQua).
    ResultFile,
    /// Phản ánh, kiến nghị / không hài lòng.
    Complaint,
}

/// Number of [`Field`]s.
pub const FIELD_COUNT: usize = 20;

impl Field {
    /// Every field, in declaration order.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::Id,
        Field::ProcedureCode,
        Field::Procedure,
        Field::Domain,
        Field::Agency,
        Field::ReceivedAt,
        Field::DueAt,
        Field::FinishedAt,
        Field::ReturnedAt,
        Field::Channel,
        Field::ReturnMethod,
        Field::Status,
        Field::SupplementCount,
        Field::OnlinePayment,
        Field::Fee,
        Field::Digitized,
        Field::ElectronicResult,
        Field::ResultCode,
        Field::ResultFile,
        Field::Complaint,
    ];

    /// The field's name in options (`columns`) and reports (`"receivedAt"` …).
    ///
    /// # Example
    /// ```
    /// assert_eq!(tthc::ingest::Field::SupplementCount.name(), "supplementCount");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::ProcedureCode => "procedureCode",
            Field::Procedure => "procedure",
            Field::Domain => "domain",
            Field::Agency => "agency",
            Field::ReceivedAt => "receivedAt",
            Field::DueAt => "dueAt",
            Field::FinishedAt => "finishedAt",
            Field::ReturnedAt => "returnedAt",
            Field::Channel => "channel",
            Field::ReturnMethod => "returnMethod",
            Field::Status => "status",
            Field::SupplementCount => "supplementCount",
            Field::OnlinePayment => "onlinePayment",
            Field::Fee => "fee",
            Field::Digitized => "digitized",
            Field::ElectronicResult => "electronicResult",
            Field::ResultCode => "resultCode",
            Field::ResultFile => "resultFile",
            Field::Complaint => "complaint",
        }
    }

    /// The field named `name` (as [`Field::name`] gives it; case and punctuation ignored).
    pub fn from_name(name: &str) -> Option<Field> {
        let f = fold(name);
        Field::ALL.iter().copied().find(|x| fold(x.name()) == f)
    }

    /// The Vietnamese label of the field (used in messages).
    pub fn label_vi(self) -> &'static str {
        self.aliases()[0]
    }

    /// The English label of the field (used in the English messages).
    pub fn label_en(self) -> &'static str {
        match self {
            Field::Id => "dossier number",
            Field::ProcedureCode => "procedure code",
            Field::Procedure => "procedure",
            Field::Domain => "domain",
            Field::Agency => "agency",
            Field::ReceivedAt => "receipt date",
            Field::DueAt => "appointment date",
            Field::FinishedAt => "end of processing",
            Field::ReturnedAt => "result returned",
            Field::Channel => "channel",
            Field::ReturnMethod => "return method",
            Field::Status => "status",
            Field::SupplementCount => "supplement requests",
            Field::OnlinePayment => "paid online",
            Field::Fee => "fee",
            Field::Digitized => "digitised components",
            Field::ElectronicResult => "electronic result",
            Field::ResultCode => "result code",
            Field::ResultFile => "result file",
            Field::Complaint => "complaint",
        }
    }

    /// Whether the field holds a date or date-time.
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::ReceivedAt | Field::DueAt | Field::FinishedAt | Field::ReturnedAt
        )
    }

    /// The headers recognised for this field (matched after [`fold`]: case, spaces,
    /// punctuation and diacritics ignored). The first is the Vietnamese label.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["Mã hồ sơ", "Số hồ sơ", "MaHoSo", "Mã số hồ sơ"],
            Field::ProcedureCode => &["Mã thủ tục", "Mã TTHC", "MaTTHC", "Mã thủ tục hành chính"],
            Field::Procedure => &[
                "Tên thủ tục",
                "Thủ tục",
                "Tên TTHC",
                "TenTTHC",
                "Tên thủ tục hành chính",
                "Thủ tục hành chính",
            ],
            Field::Domain => &["Lĩnh vực", "LinhVuc", "Tên lĩnh vực"],
            Field::Agency => &[
                "Cơ quan giải quyết",
                "Cơ quan",
                "Đơn vị",
                "Đơn vị xử lý",
                "CoQuanGiaiQuyet",
                "Đơn vị giải quyết",
                "Cơ quan thực hiện",
            ],
            Field::ReceivedAt => &[
                "Ngày tiếp nhận",
                "Ngày nhận",
                "Thời gian tiếp nhận",
                "NgayTiepNhan",
                "Ngày nộp",
                "Ngày nhận hồ sơ",
            ],
            Field::DueAt => &[
                "Ngày hẹn trả",
                "Ngày hẹn trả kết quả",
                "Hẹn trả",
                "NgayHenTra",
                "Hạn xử lý",
                "Ngày hẹn",
            ],
            Field::FinishedAt => &[
                "Ngày kết thúc xử lý",
                "Ngày có kết quả",
                "Ngày hoàn thành",
                "NgayKetThucXuLy",
                "Ngày xử lý xong",
            ],
            Field::ReturnedAt => &["Ngày trả kết quả", "NgayTraKetQua", "Ngày trả"],
            Field::Channel => &[
                "Kênh nộp",
                "Hình thức nộp",
                "Kênh thực hiện",
                "KenhThucHien",
                "Kênh tiếp nhận",
                "Hình thức tiếp nhận",
            ],
            Field::ReturnMethod => &[
                "Hình thức nhận kết quả",
                "Hình thức trả kết quả",
                "HinhThucTraKetQua",
                "Hình thức trả",
            ],
            Field::Status => &["Trạng thái", "TrangThai", "Trạng thái hồ sơ", "Tình trạng"],
            Field::SupplementCount => &["Số lần bổ sung", "SoLanBoSung", "Số lần yêu cầu bổ sung"],
            Field::OnlinePayment => &[
                "Thanh toán trực tuyến",
                "DuocThanhToanTrucTuyen",
                "Được thanh toán trực tuyến",
                "Đã thanh toán trực tuyến",
            ],
            Field::Fee => &["Phí, lệ phí", "Phí", "Lệ phí", "PhiLePhi", "Số tiền phí"],
            Field::Digitized => &[
                "Có thành phần số hóa",
                "HoSoCoThanhPhanSoHoa",
                "Hồ sơ có thành phần số hóa",
                "Số hóa thành phần",
                "Số hóa hồ sơ",
                "Đã số hóa",
            ],
            Field::ElectronicResult => &[
                "Kết quả điện tử",
                "Có kết quả điện tử",
                "KetQuaDienTu",
                "Trả kết quả điện tử",
            ],
            Field::ResultCode => &["Mã kết quả", "MaKetQua"],
            Field::ResultFile => &[
                "Tệp kết quả",
                "DuongDanTepTinKetQua",
                "Đường dẫn tệp tin kết quả",
            ],
            Field::Complaint => &[
                "Phản ánh, kiến nghị",
                "Có phản ánh",
                "Phản ánh",
                "Khiếu nại",
                "CoPhanAnh",
                "Không hài lòng",
            ],
        }
    }
}

/// Size limits of the reader (giới hạn). Exceeding one gives an [`ErrorKind::Limit`] error
/// (whole file) or a skipped row with a problem (one row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest XLSX or JSON file (they are buffered): 512 MiB. CSV is streamed and has no
    /// total size limit.
    pub max_buffered_bytes: usize,
    /// Longest row (all fields of one record together): 1 MiB. A longer row is skipped.
    pub max_row_bytes: usize,
    /// Most columns in a row: 1024.
    pub max_columns: usize,
    /// Deepest JSON nesting (records must be flat objects): 32 levels.
    pub max_json_depth: usize,
    /// Rows searched for the header row (title rows above it are skipped): 30.
    pub max_header_search_rows: usize,
    /// Longest text kept from one cell (a group name, a header, an unknown word …): 256 bytes of
    /// UTF-8. A longer value is cut at a character boundary and ends with `…` (cut text and mark
    /// together within the 256 bytes); the statistics count such cuts (`valueTruncated`).
    pub max_kept_text_bytes: usize,
    /// Bytes at the start of a CSV file read before its encoding, binary content and delimiter
    /// are decided (the whole file when it is shorter): 64 KiB. The same bytes give the same
    /// decisions however the file is cut into chunks.
    pub sniff_bytes: usize,
    /// A quoted CSV field still open after this many line breaks is a runaway quote: 100.
    pub max_quoted_line_breaks: usize,
    /// … or after this many bytes past the first line break of its record: 64 KiB. The record
    /// is skipped (`unterminatedQuote`) and reading resumes on the line after its first one.
    pub max_quoted_bytes: usize,
}

/// The limits tthc enforces.
pub const LIMITS: Limits = Limits {
    max_buffered_bytes: 512 * 1024 * 1024,
    max_row_bytes: 1024 * 1024,
    max_columns: 1024,
    max_json_depth: 32,
    max_header_search_rows: 30,
    max_kept_text_bytes: 256,
    sniff_bytes: 64 * 1024,
    max_quoted_line_breaks: 100,
    max_quoted_bytes: 64 * 1024,
};

/// The mark ending a value cut at [`Limits::max_kept_text_bytes`].
pub const CUT_MARK: &str = "…";

/// The text kept of a cell's bytes: [normalised](crate::text::normalize), and at most
/// [`Limits::max_kept_text_bytes`] long; `true` when it was cut (it then ends with [`CUT_MARK`]).
/// A longer value is cut *before* it is normalised, so the work is bounded whatever the cell's
/// length, and the result depends only on the first `max_kept_text_bytes` bytes.
///
/// ```
/// use tthc::ingest::{kept_text, LIMITS};
/// assert_eq!(kept_text(b"  S\xe1\xbb\x9f  T\xc6\xb0 ph\xc3\xa1p "), ("Sở Tư pháp".to_string(), false));
/// let long = "Ủy ban ".repeat(100);
/// let (kept, cut) = kept_text(long.as_bytes());
/// assert!(cut && kept.ends_with('…') && kept.len() <= LIMITS.max_kept_text_bytes);
/// ```
pub fn kept_text(raw: &[u8]) -> (String, bool) {
    let cap = LIMITS.max_kept_text_bytes;
    if raw.len() <= cap {
        let s = crate::text::normalize(&String::from_utf8_lossy(raw));
        if s.len() <= cap {
            return (s, false);
        }
        // Invalid bytes (each becomes a 3-byte U+FFFD) made it longer.
        return (with_cut_mark(&s, cap), true);
    }
    let mut end = cap;
    // Back to the start of a UTF-8 sequence (at most three continuation bytes).
    while end > cap - 3 && raw.get(end).is_some_and(|&b| b & 0xC0 == 0x80) {
        end -= 1;
    }
    let head = crate::text::normalize(&String::from_utf8_lossy(&raw[..end]));
    (with_cut_mark(&head, cap), true)
}

/// `s` cut to fit `cap` bytes together with [`CUT_MARK`], and the mark.
fn with_cut_mark(s: &str, cap: usize) -> String {
    let mut end = s.len().min(cap - CUT_MARK.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = String::with_capacity(end + CUT_MARK.len());
    out.push_str(s[..end].trim_end());
    out.push_str(CUT_MARK);
    out
}

/// One value of a row, borrowed from the reader's buffers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell<'a> {
    /// An empty cell (or a missing column).
    Empty,
    /// Text as UTF-8 bytes (CSV fields, XLSX strings, JSON strings), trimmed.
    Text(&'a [u8]),
    /// A number (XLSX numeric cell, JSON number). In a date column: an Excel serial.
    Number(f64),
    /// An XLSX date cell: its Excel serial number (1900 system), adjusted for 1904 workbooks.
    Serial(f64),
    /// A boolean (XLSX or JSON).
    Bool(bool),
}

impl<'a> Cell<'a> {
    /// True for an empty cell or a blank text.
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.is_empty(),
            _ => false,
        }
    }

    /// A text cell from raw bytes: trimmed (ASCII white space and non-breaking spaces),
    /// [`Cell::Empty`] when nothing is left.
    ///
    /// ```
    /// use tthc::ingest::Cell;
    /// assert_eq!(Cell::text(b"  S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p "), Cell::Text("Sở Tư pháp".as_bytes()));
    /// assert_eq!(Cell::text(b" \xc2\xa0"), Cell::Empty);
    /// ```
    #[inline]
    pub fn text(b: &'a [u8]) -> Cell<'a> {
        let t = trim_bytes(b);
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t)
        }
    }

    /// The cell as a display string (numbers without a trailing `.0`).
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => String::from_utf8_lossy(t).into_owned(),
            Cell::Number(n) | Cell::Serial(n) => format_number(*n),
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// The spreadsheet letters of a 0-based column (`0` → `"A"`, `27` → `"AB"`).
///
/// ```
/// assert_eq!(tthc::ingest::column_letters(0), "A");
/// assert_eq!(tthc::ingest::column_letters(27), "AB");
/// assert_eq!(tthc::ingest::column_letters(16383), "XFD");
/// ```
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Formats a number as a short text (integers without `.0`).
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Trims ASCII white space (and a non-breaking space) from both ends of a byte string.
#[inline]
pub(crate) fn trim_bytes(b: &[u8]) -> &[u8] {
    // Most cells have nothing to trim: a printable ASCII byte or a UTF-8 lead byte other than
    // 0xC2 (the NBSP's) at both ends.
    let clean = |c: u8| c > b' ' && c != 0xC2 && c != 0xA0;
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) if clean(f) && clean(l) => b,
        (None, _) | (_, None) => b,
        _ => trim_ends(b),
    }
}

/// The rest of [`trim_bytes`], out of line.
#[cold]
#[inline(never)]
fn trim_ends(mut b: &[u8]) -> &[u8] {
    loop {
        match b {
            [c, rest @ ..] if c.is_ascii_whitespace() => b = rest,
            [0xC2, 0xA0, rest @ ..] => b = rest,
            [rest @ .., c] if c.is_ascii_whitespace() => b = rest,
            [rest @ .., 0xC2, 0xA0] => b = rest,
            _ => return b,
        }
    }
}

/// A row as the reader hands it to a [`RowSink`]: values addressed by field.
pub trait FieldRow {
    /// The value of `field` in this row ([`Cell::Empty`] if the file has no such column).
    fn get(&self, field: Field) -> Cell<'_>;
}

/// A problem found by the reader in one row (not the whole file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowIssue {
    /// Every cell of the row is empty.
    Empty,
    /// The row is longer than [`Limits::max_row_bytes`].
    TooLong,
    /// The row has more than [`Limits::max_columns`] columns.
    TooManyColumns,
    /// A JSON element that is not a flat object.
    NotAnObject,
    /// A CSV record whose quoted field is still open after [`Limits::max_quoted_line_breaks`]
    /// line breaks or [`Limits::max_quoted_bytes`] bytes, or at the end of the file: the quote
    /// was never closed. Reading resumes on the line after the record's first.
    UnterminatedQuote,
}

/// Where the reader's rows go (the statistics accumulator implements it).
pub trait RowSink {
    /// Called once, before any row, with the matched header.
    fn start(&mut self, header: &HeaderMap, info: &SourceInfo);
    /// A data row. `row` is the row number as a spreadsheet shows it (header = row 1 in a
    /// file without title rows).
    fn row<R: FieldRow>(&mut self, row: u64, values: &R);
    /// A data row the reader could not turn into values.
    fn bad_row(&mut self, row: u64, issue: RowIssue);
}

/// What the reader found out about the file (reported in the quality section).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SourceInfo {
    /// `"csv"`, `"xlsx"` or `"json"`.
    pub format: String,
    /// Text encoding (`"utf-8"`, `"utf-16le"`, `"utf-16be"`, `"windows-1258"`), or `null` for XLSX.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub encoding: Option<String>,
    /// CSV delimiter (`","`, `";"`, `"\t"`).
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub delimiter: Option<String>,
    /// XLSX sheet read.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub sheet: Option<String>,
    /// Row number of the header row.
    pub header_row: u64,
}

/// The columns of a file matched to canonical fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderMap {
    cols: [Option<usize>; FIELD_COUNT],
    names: Vec<String>,
}

impl HeaderMap {
    /// Matches `headers` to fields: first the user's `overrides` (canonical field name →
    /// header text), then the aliases of [`Field::aliases`]. The first matching column wins.
    ///
    /// Errors when an override names an unknown field or a header that is not in the file,
    /// and when no column holds the receipt date (`receivedAt`).
    pub fn build(headers: &[String], overrides: &BTreeMap<String, String>) -> Result<HeaderMap> {
        let mut m = HeaderMap::match_only(headers, overrides)?;
        if m.column(Field::ReceivedAt).is_none() {
            return Err(no_date_column(headers));
        }
        m.names = headers.to_vec();
        Ok(m)
    }

    /// Like [`HeaderMap::build`] but without requiring the receipt date column.
    pub fn match_only(
        headers: &[String],
        overrides: &BTreeMap<String, String>,
    ) -> Result<HeaderMap> {
        let folded: Vec<String> = headers.iter().map(|h| fold(h)).collect();
        let mut cols = [None; FIELD_COUNT];
        for (field_name, header) in overrides {
            let field = Field::from_name(field_name).ok_or_else(|| {
                Error::new(
                    ErrorKind::Options,
                    format!(
                        "Trường \"{}\" trong columns không tồn tại (các trường: {}).",
                        crate::message::truncate_for_message(field_name),
                        field_list()
                    ),
                    format!(
                        "The field \"{}\" in columns does not exist (fields: {}).",
                        crate::message::truncate_for_message(field_name),
                        field_list()
                    ),
                )
                .with_field(format!("columns.{field_name}"))
            })?;
            let want = fold(header);
            let col = folded.iter().position(|h| *h == want).ok_or_else(|| {
                Error::new(
                    ErrorKind::Options,
                    format!(
                        "Không tìm thấy cột \"{}\" (khai báo cho trường {}) trong dòng tiêu đề của tệp.",
                        crate::message::truncate_for_message(header),
                        field.name()
                    ),
                    format!(
                        "The column \"{}\" (given for the field {}) is not in the file's header row.",
                        crate::message::truncate_for_message(header),
                        field.name()
                    ),
                )
                .with_field(format!("columns.{}", field.name()))
            })?;
            cols[field as usize] = Some(col);
        }
        for field in Field::ALL {
            if cols[field as usize].is_some() {
                continue;
            }
            let aliases: Vec<String> = field.aliases().iter().map(|a| fold(a)).collect();
            cols[field as usize] = folded.iter().enumerate().position(|(i, h)| {
                !h.is_empty() && aliases.contains(h) && !cols.contains(&Some(i))
            });
        }
        Ok(HeaderMap {
            cols,
            names: headers.to_vec(),
        })
    }

    /// The column index of `field`, if the file has it.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.cols[field as usize]
    }

    /// The header text of `field`'s column, if the file has it.
    pub fn header(&self, field: Field) -> Option<&str> {
        self.column(field)
            .and_then(|c| self.names.get(c))
            .map(String::as_str)
    }

    /// How many fields were matched.
    pub fn matched(&self) -> usize {
        self.cols.iter().filter(|c| c.is_some()).count()
    }

    /// The largest matched column index + 1.
    pub fn width(&self) -> usize {
        self.cols.iter().flatten().map(|c| c + 1).max().unwrap_or(0)
    }

    /// Field → header text, for the report.
    pub fn mapping(&self) -> BTreeMap<String, String> {
        // Inserted one by one: `collect()` into a map sorts first, a whole stable sort's code.
        let mut m = BTreeMap::new();
        for f in Field::ALL {
            if let Some(h) = self.header(f) {
                m.insert(f.name().to_string(), h.to_string());
            }
        }
        m
    }

    /// For each column, the field it feeds (reverse map).
    pub fn fields_by_column(&self) -> Vec<Option<Field>> {
        let mut v = vec![None; self.width()];
        for f in Field::ALL {
            if let Some(c) = self.column(f) {
                if let Some(slot) = v.get_mut(c) {
                    *slot = Some(f);
                }
            }
        }
        v
    }
}

fn field_list() -> String {
    Field::ALL
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_date_column(headers: &[String]) -> Error {
    let shown: Vec<String> = headers
        .iter()
        .take(12)
        .map(|h| crate::message::truncate_for_message(h))
        .collect();
    Error::new(
        ErrorKind::Ingest,
        format!(
            "Không tìm thấy cột ngày tiếp nhận (\"Ngày tiếp nhận\", \"NgayTiepNhan\" …) trong dòng tiêu đề; các cột đọc được: {}. Dùng tùy chọn columns để chỉ định.",
            shown.join(", ")
        ),
        format!(
            "No receipt-date column (\"Ngày tiếp nhận\", \"NgayTiepNhan\" …) in the header row; columns read: {}. Use the columns option to name it.",
            shown.join(", ")
        ),
    )
    .with_field("receivedAt")
    .with_headers(headers.iter().cloned())
}

/// The header-row search shared by CSV and XLSX: returns the header map if `cells` is the
/// header row (it names the receipt date), `None` otherwise.
pub(crate) fn try_header(
    cells: &[String],
    overrides: &BTreeMap<String, String>,
) -> Result<Option<HeaderMap>> {
    // Overrides that name headers not in this row make it "not the header" unless it is.
    let m = match HeaderMap::match_only(cells, &BTreeMap::new()) {
        Ok(m) => m,
        Err(_) => return Ok(None),
    };
    let user_hit = overrides.values().any(|h| {
        let f = fold(h);
        cells.iter().any(|c| fold(c) == f)
    });
    if m.column(Field::ReceivedAt).is_some() || user_hit {
        HeaderMap::build(cells, overrides).map(Some)
    } else {
        Ok(None)
    }
}

/// The error when no header row was found among the first rows: `likeliest` is the row that
/// looks most like a header ([`keep_likeliest_header`]), whose cells the error lists (none when
/// no row was read).
pub(crate) fn header_not_found(likeliest: Option<&[String]>) -> Error {
    no_date_column(likeliest.unwrap_or(&[]))
}

/// Keeps in `kept`, of the rows searched for the header, the first one that looks most like a
/// header ([`header_likeness`]): when the receipt-date column is not recognised, its cells are
/// the ones worth listing, not a title row's above it or a data row's below.
pub(crate) fn keep_likeliest_header(kept: &mut Option<Vec<String>>, cells: Vec<String>) {
    if kept
        .as_deref()
        .is_none_or(|k| header_likeness(&cells) > header_likeness(k))
    {
        *kept = Some(cells);
    }
}

/// How much a row looks like a header row: the fields its cells name, then the cells that read
/// as labels (a letter and no digit: not a code, a date or a count), then the cells filled.
pub(crate) fn header_likeness(cells: &[String]) -> (usize, usize, usize) {
    let named = HeaderMap::match_only(cells, &BTreeMap::new()).map_or(0, |m| m.matched());
    let labels = cells
        .iter()
        .filter(|c| c.chars().any(char::is_alphabetic) && !c.bytes().any(|b| b.is_ascii_digit()))
        .count();
    let filled = cells.iter().filter(|c| !c.trim().is_empty()).count();
    (named, labels, filled)
}

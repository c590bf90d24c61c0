//! Statistics (thống kê) from downloaded dossier records: the centre's periodic report
//! (báo cáo tình hình tiếp nhận và giải quyết hồ sơ), per agency, domain, procedure and month,
//! average processing times, the Decision 766/QĐ-TTg indicators the records allow, an audit of
//! appointments against statutory times, and data-quality problems.
//!
//! One pass over the rows, a 32-byte record kept per used row (once per dossier code):
//! [`Analyzer`] accepts the file chunk by chunk (CSV streamed), [`analyze`] takes it whole.
//! Definitions are the contract's (`spec/js-api.md`); see `docs/statistics.md`.
//!
//! # Example
//! ```
//! use tthc::stats::{analyze, AnalyzeOptions, Period};
//! let csv = "Mã hồ sơ;Cơ quan;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Kênh nộp\n\
//!            A1;Sở Tư pháp;14/08/2021 09:00;20/08/2021;18/08/2021 10:00;1\n\
//!            A2;Sở Tư pháp;16/08/2021 09:00;20/08/2021;;2\n";
//! let opts = AnalyzeOptions::for_period("2021-08-15", "2021-09-15");
//! let r = analyze(csv.as_bytes(), &opts).unwrap();
//! assert_eq!(r.totals.received.total, 2);
//! assert_eq!(r.totals.received.carried_over, 1);
//! assert_eq!(r.totals.resolved.early, 1);
//! assert_eq!(r.totals.pending.overdue, 1);
//! assert_eq!(r.totals.online_rate, Some(100.0));
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarConfig;
use crate::error::{Error, ErrorKind, Result};
use crate::ingest::xlsx::SheetRef;
use crate::ingest::{Format, SourceInfo};

mod accumulate;
pub mod catalog;
pub mod d766;
mod duplicates;
pub mod export;
pub mod format;
mod groups;
mod keys;
mod months;
mod rate;
mod record;
mod stream;
mod tally;
pub mod values;
mod wire;
mod words;

pub use accumulate::{Accumulator, MAX_HELD_TEXT_BYTES};
pub use catalog::CatalogEntry;
pub use d766::{Indicator, D766};
pub use stream::Analyzer;

/// A reporting period: inclusive dates `YYYY-MM-DD` (kỳ báo cáo), i.e. `[from 00:00, to 24:00)`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Period {
    /// First day (inclusive).
    pub from: String,
    /// Last day (inclusive).
    pub to: String,
}

/// Maximum points and threshold of one Decision 766 indicator (overrides the defaults).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct IndicatorWeight {
    /// Points at or above the threshold.
    pub max_points: f64,
    /// Rate (%) giving full points; below it points are `rate × maxPoints / threshold`.
    pub threshold: f64,
}

/// Options of `analyze` and `new DossierAnalyzer` ([`analyze`] and [`Analyzer`] in Rust).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AnalyzeOptions {
    /// The reporting period; without it, the whole calendar months the receipt dates span.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub period: Option<Period>,
    /// Override: canonical field → header in the file.
    #[serde(default)]
    #[cfg_attr(
        feature = "js",
        tsify(optional, type = "Record<string, string> | null")
    )]
    pub columns: Option<BTreeMap<String, String>>,
    /// Input format (default: detected from the bytes).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub format: Option<Format>,
    /// Working calendar (for catalog due dates and working-day averages).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub calendar: Option<CalendarConfig>,
    /// Statutory processing times per procedure code, used when a due date is missing.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub catalog: Option<Vec<CatalogEntry>>,
    /// XLSX sheet to read (name or 0-based index); default: the first sheet with a header row.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub sheet: Option<SheetRef>,
    /// How many problems are listed in full (default 1000); all are counted.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub max_problems: Option<u32>,
    /// Overrides of the Decision 766 weights, by indicator code (`"2.1"`, `"3.3"` …).
    #[serde(default)]
    #[cfg_attr(
        feature = "js",
        tsify(optional, type = "Record<string, IndicatorWeight> | null")
    )]
    pub d766_weights: Option<BTreeMap<String, IndicatorWeight>>,
}

impl AnalyzeOptions {
    /// Options for a period with every other option at its default.
    pub fn for_period(from: &str, to: &str) -> AnalyzeOptions {
        AnalyzeOptions {
            period: Some(Period {
                from: from.into(),
                to: to.into(),
            }),
            ..Default::default()
        }
    }
}

/// Received dossiers (tiếp nhận).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ReceivedCounts {
    /// carriedOver + new.
    pub total: u64,
    /// Kỳ trước chuyển sang: received before the period, not ended before it.
    pub carried_over: u64,
    /// Mới tiếp nhận: received within the period.
    pub new: u64,
    /// New ones submitted in person (trực tiếp).
    pub in_person: u64,
    /// New ones submitted online (trực tuyến).
    pub online: u64,
    /// New ones submitted by post (bưu chính công ích).
    pub postal: u64,
    /// New ones whose channel is empty or an unknown word (not in the three above).
    pub unknown_channel: u64,
}

/// Resolved dossiers (đã giải quyết).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ResolvedCounts {
    /// early + onTime + late + unclassified.
    pub total: u64,
    /// Trước hạn.
    pub early: u64,
    /// Đúng hạn.
    pub on_time: u64,
    /// Quá hạn (including every dossier with more than one supplement request).
    pub late: u64,
    /// Without a due date (and no catalog entry).
    pub unclassified: u64,
    /// (early + onTime) / (early + onTime + late) × 100, 2 decimals; `null` when 0/0.
    #[cfg_attr(feature = "js", tsify(type = "number | null"))]
    pub on_time_rate: Option<f64>,
    /// Of the total: refused, stopped or withdrawn (by status word).
    pub refused_or_stopped: u64,
}

/// Dossiers in progress at the period end (đang giải quyết).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct PendingCounts {
    /// withinDeadline + overdue.
    pub total: u64,
    /// Trong hạn: due at or after the period end, or due unknown.
    pub within_deadline: u64,
    /// Quá hạn: due before the period end.
    pub overdue: u64,
    /// Of withinDeadline: those with no due date at all.
    pub due_unknown: u64,
}

/// The counters of a report or of one group (agency, domain, procedure, month).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Counters {
    /// Received.
    pub received: ReceivedCounts,
    /// Resolved within the period.
    pub resolved: ResolvedCounts,
    /// In progress at the period end.
    pub pending: PendingCounts,
    /// received.online / received.new × 100 (2 decimals), `null` when nothing new.
    #[cfg_attr(feature = "js", tsify(type = "number | null"))]
    pub online_rate: Option<f64>,
    /// received.postal + results returned by post within the period.
    pub postal_uses: u64,
    /// Dossiers counted here whose due date was computed from the catalog (estimated).
    pub estimated_due: u64,
}

/// One agency's row (`{ agency } & counters`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AgencyRow {
    /// Cơ quan giải quyết (NFC, spaces collapsed); `"(không rõ)"` when empty.
    pub agency: String,
    /// Counters.
    #[serde(flatten)]
    pub counters: Counters,
}

/// One domain's row.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DomainRow {
    /// Lĩnh vực; `"(không rõ)"` when empty.
    pub domain: String,
    /// Counters.
    #[serde(flatten)]
    pub counters: Counters,
}

/// Processing time of the dossiers resolved in the period (thời gian giải quyết trung bình).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ProcessingTime {
    /// Resolved dossiers measured.
    pub count: u64,
    /// Average of (end − receipt) in calendar days (24 h), 2 decimals.
    #[cfg_attr(feature = "js", tsify(type = "number | null"))]
    pub avg_calendar_days: Option<f64>,
    /// Average of workingDaysBetween(receipt date, end date), 2 decimals; `null` without a
    /// working calendar.
    #[cfg_attr(feature = "js", tsify(type = "number | null"))]
    pub avg_working_days: Option<f64>,
    /// Statutory time from the catalog, e.g. `"5 workingDays"`.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub statutory: Option<String>,
}

/// One procedure's row.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct ProcedureRow {
    /// Mã thủ tục (empty when the file has none).
    pub procedure_code: String,
    /// Tên thủ tục (the first name seen for the code).
    pub procedure: String,
    /// Lĩnh vực (the first seen).
    pub domain: String,
    /// Counters.
    #[serde(flatten)]
    pub counters: Counters,
    /// Average processing time.
    pub processing: ProcessingTime,
}

/// One calendar month of the data's range (the trend).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct MonthRow {
    /// `"YYYY-MM"`.
    pub month: String,
    /// The month as a period.
    pub period: Period,
    /// Counters of that month (same definitions, the month as the period).
    #[serde(flatten)]
    pub counters: Counters,
}

/// A row the statistics could not use, or a value worth a warning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Problem {
    /// Row number as a spreadsheet shows it (header = row 1).
    pub row: u64,
    /// The file's name, when the files were named (`beginFile`, `analyzeFiles`).
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub source: Option<String>,
    /// Header of the column at fault, if one.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub column: Option<String>,
    /// Stable code (`invalidDate`, `missingReceivedAt`, `unknownChannel` …).
    #[cfg_attr(feature = "js", tsify(type = "QualityCode"))]
    pub code: String,
    /// Vietnamese sentence.
    pub message: String,
    /// The same in English (empty in a report read from an older tthc).
    #[serde(default)]
    pub message_en: String,
    /// `"skipped"` (the row is not counted) or `"warning"` (counted, something is off).
    #[cfg_attr(feature = "js", tsify(type = "\"skipped\" | \"warning\""))]
    pub severity: String,
}

/// An unknown word in a column (channel, status, return method), with how often it occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct UnknownValue {
    /// Canonical field (`channel`, `status`, `returnMethod`).
    pub field: String,
    /// The word as written.
    pub value: String,
    /// Rows with it.
    pub count: u64,
    /// First row with it.
    pub first_row: u64,
}

/// Data quality (chất lượng dữ liệu).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Quality {
    /// Data rows read (after the header row).
    pub rows: u64,
    /// rows − skipped.
    pub used: u64,
    /// Rows that could not be used.
    pub skipped: u64,
    /// The problems, in row order (the first `maxProblems`).
    pub problems: Vec<Problem>,
    /// Count of each problem code (all of them, also beyond `maxProblems`).
    #[cfg_attr(feature = "js", tsify(type = "Record<string, number>"))]
    pub counts: BTreeMap<String, u64>,
    /// True when more problems exist than are listed.
    pub problems_truncated: bool,
    /// Used rows that lie outside the period (received after it, or ended before it).
    pub outside_period: u64,
    /// Unknown words, most frequent first (at most 200).
    pub unknown_values: Vec<UnknownValue>,
    /// Format, encoding, delimiter, sheet, header row (of the first file).
    pub source: SourceInfo,
    /// Each file read, in order.
    pub sources: Vec<SourceSummary>,
    /// Canonical field → the header it was read from.
    #[cfg_attr(feature = "js", tsify(type = "Record<string, string>"))]
    pub columns: BTreeMap<String, String>,
    /// Notes on what could not be computed (e.g. no working calendar), in Vietnamese.
    pub notes: Vec<String>,
    /// The same notes in English.
    #[serde(default)]
    pub notes_en: Vec<String>,
}

/// One file of an analysis (`quality.sources[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct SourceSummary {
    /// The name given (empty for a file pushed without `beginFile`).
    pub name: String,
    /// `"csv"`, `"xlsx"` or `"json"` (empty when the file had no header row).
    pub format: String,
    /// Text encoding, `null` for XLSX.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub encoding: Option<String>,
    /// XLSX sheet read.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub sheet: Option<String>,
    /// Row number of the header row.
    pub header_row: u64,
    /// Data rows read.
    pub rows: u64,
    /// rows − skipped.
    pub used: u64,
    /// Rows that could not be used.
    pub skipped: u64,
}

/// The receipts the data holds (`dataSpan`), whatever the period.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct DataSpan {
    /// The earliest receipt, `YYYY-MM-DDTHH:MM:SS+07:00`; `null` when no row has one.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub first_received_at: Option<String>,
    /// The latest receipt.
    #[cfg_attr(feature = "js", tsify(type = "string | null"))]
    pub last_received_at: Option<String>,
}

/// One appointment that does not match the statutory time (kiểm tra ngày hẹn trả).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct AuditItem {
    /// Row number.
    pub row: u64,
    /// Mã hồ sơ.
    pub id: String,
    /// Mã thủ tục.
    pub procedure_code: String,
    /// Receipt, `YYYY-MM-DDTHH:MM:SS+07:00`.
    pub received_at: String,
    /// The appointment recorded in the file.
    pub recorded_due_at: String,
    /// The due moment the statutory time gives.
    pub statutory_due_at: String,
    /// `"earlier"` (recorded date before the statutory date) or `"later"` (after it: more
    /// time than the law allows, unless pauses for supplements explain it).
    #[cfg_attr(feature = "js", tsify(type = "\"earlier\" | \"later\""))]
    pub kind: String,
}

/// Appointments compared with the catalog (for dossiers received in the period).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Audit {
    /// Dossiers compared (recorded appointment and a catalog entry).
    pub checked: u64,
    /// Recorded date earlier than the statutory date.
    pub earlier: u64,
    /// Recorded date later than the statutory date.
    pub later: u64,
    /// The first 1000 mismatches.
    pub items: Vec<AuditItem>,
    /// More mismatches exist than are listed.
    pub truncated: bool,
}

/// The report (`Report` in JavaScript).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct Report {
    /// The period: the one asked for, else the whole months the receipts span (`null` when
    /// none was asked for and no row has a receipt date).
    #[cfg_attr(feature = "js", tsify(type = "Period | null"))]
    pub period: Option<Period>,
    /// The first and last receipt in the data.
    pub data_span: DataSpan,
    /// received, resolved, pending, onlineRate, postalUses (and extras).
    #[serde(flatten)]
    pub totals: Counters,
    /// Per agency, by received.total descending (then name).
    pub by_agency: Vec<AgencyRow>,
    /// Data quality.
    pub quality: Quality,
    /// Per domain (lĩnh vực), by received.total descending.
    pub by_domain: Vec<DomainRow>,
    /// Per procedure, by received.total descending.
    pub by_procedure: Vec<ProcedureRow>,
    /// Per calendar month over the data's range (at most the last 240 months).
    pub by_month: Vec<MonthRow>,
    /// Decision 766 indicators.
    pub d766: D766,
    /// Appointments against the catalog.
    pub audit: Audit,
}

/// Computes the report of a whole file.
///
/// Errors (thrown in JavaScript) for a file that can't be read at all: not CSV/XLSX/JSON,
/// empty, no receipt-date column, damaged XLSX, over a size limit, bad options. Problems of
/// single rows are in `quality`.
pub fn analyze(data: &[u8], options: &AnalyzeOptions) -> Result<Report> {
    let mut a = Analyzer::new(options)?;
    a.size_hint(data.len() as u64);
    a.push(data)?;
    a.finish()
}

/// Computes one report of several files (any mix of CSV, XLSX and JSON), as if their rows were
/// one table: `files` are (name, bytes) in order; problems name their file, and
/// `quality.sources` lists each file. A dossier code seen in several files counts once.
pub fn analyze_files(files: &[(&str, &[u8])], options: &AnalyzeOptions) -> Result<Report> {
    let mut a = Analyzer::new(options)?;
    a.size_hint(files.iter().map(|f| f.1.len() as u64).sum());
    for (name, data) in files {
        a.begin_file(name)?;
        a.push(data)?;
    }
    a.finish()
}

/// The report of snapshots ([`Analyzer::snapshot`]) taken over consecutive runs of files, in
/// order: exactly the report of one analyzer over all the files (a dossier code seen in two runs
/// counts once). The snapshots must have been made with the same period, calendar, catalog and
/// `max_problems` as `options`; a damaged snapshot or one made otherwise is an error naming it.
pub fn merge<S: AsRef<[u8]>>(
    snapshots: impl IntoIterator<Item = S>,
    options: &AnalyzeOptions,
) -> Result<Report> {
    let mut acc = Accumulator::new(options)?;
    for (i, s) in snapshots.into_iter().enumerate() {
        acc.merge_snapshot(s.as_ref(), i)?;
    }
    Ok(acc.report())
}

pub(crate) fn options_error(vi: String, en: String, field: &str) -> Error {
    Error::new(ErrorKind::Options, vi, en).with_field(field)
}

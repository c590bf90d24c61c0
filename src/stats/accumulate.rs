//! The one-pass accumulator: rows in, a 32-byte record per used row (one per dossier code) kept,
//! counters out at the end.
//!
//! [`Accumulator`] holds the state and records problems; the row step is in `row.rs`, the
//! report in `report.rs`. The pieces it is built from: byte-keyed maps ([`super::keys`]), word
//! caches ([`super::words`]), groups ([`super::groups`]), counters ([`super::tally`]) and the
//! trend ([`super::months`]).

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDateTime, NaiveTime};

use super::catalog::Catalog;
use super::d766;
use super::duplicates::CodeLog;
use super::groups::{Groups, MAX_GROUPS, MAX_SPELLINGS};
use super::keys::FRONT_SLOTS;
use super::record::{datetime, moment, Moment, Record};
use super::tally::Tally;
use super::values::{Channel, Status};
use super::words::{WordCache, MAX_CACHE};
use super::*;
use crate::calendar::WorkCalendar;
use crate::datetime::format_date;
use crate::ingest::dates::DateCache;
use crate::ingest::{
    kept_text, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo, FIELD_COUNT, LIMITS,
};
use crate::message::truncate_for_message;

mod report;
mod row;
mod snapshot;
mod sums;

/// Most problems listed in full, whatever `maxProblems` asks (all are counted).
pub(crate) const MAX_LISTED_PROBLEMS: usize = 100_000;
/// Most distinct unknown words tracked.
const MAX_UNKNOWN: usize = 1000;
/// Bytes of a file per dossier row, as the per-row arrays are sized ahead (exports of the portal
/// run at 250–300 bytes a row; longer rows leave room unused, shorter ones let the arrays grow).
const BYTES_PER_ROW_GUESS: u64 = 256;
/// Most audit items listed.
const MAX_AUDIT: usize = 1000;

/// The most bytes of text an [`Accumulator`] keeps from a file, whatever its size (≈ 42 MB): every
/// kept text is at most [`Limits::max_kept_text_bytes`](crate::ingest::Limits) (256) bytes, and
/// there are at most, per dimension (agency, domain, procedure), 10 000 group names (held twice)
/// and 20 000 raw spellings (plus 64 recent ones), 4 096 cached words per word column (status,
/// channel, return method), 1 000 unknown words, three details per procedure and 1 000 audit
/// items. Each kept text costs a constant overhead on top (its map entry). The problems listed
/// are bounded apart: `maxProblems` (default 1 000, at most 100 000) of a few hundred bytes each.
pub const MAX_HELD_TEXT_BYTES: usize = {
    let k = LIMITS.max_kept_text_bytes;
    let groups = 2 * (MAX_GROUPS + 1) * k + (MAX_SPELLINGS + FRONT_SLOTS) * (k + 1);
    let words = (MAX_CACHE + FRONT_SLOTS) * k;
    3 * groups + 3 * words + MAX_UNKNOWN * k + 3 * (MAX_GROUPS + 1) * k + 2 * MAX_AUDIT * k
};

/// Accumulates rows into a [`Report`]. Implements [`RowSink`]; [`Analyzer`] drives it.
#[derive(Debug)]
pub struct Accumulator {
    date_cache: DateCache,
    /// The period asked for; `None`: the whole months the receipts span.
    window: Option<Window>,
    /// The header of the file being read.
    headers: [Option<String>; FIELD_COUNT],
    /// Fields some file has a column for.
    seen_fields: [bool; FIELD_COUNT],
    /// The files read, in order (one unnamed entry when no file was begun by name).
    sources: Vec<SourceEntry>,
    columns: BTreeMap<String, String>,
    agencies: Groups,
    domains: Groups,
    procedures: Groups,
    /// Per procedure group: (code, name, domain) as first seen.
    proc_info: Vec<(String, String, String)>,
    /// One per used row, in reading order.
    records: Vec<Record>,
    /// Per record: its dossier code (repeats are found when the report is made).
    codes: CodeLog,
    rows: u64,
    skipped: u64,
    max_problems: usize,
    skipped_problems: Vec<Problem>,
    warnings: Vec<Problem>,
    /// Per warning: the number of records kept before its row's (its place among the repeats
    /// of dossier codes, which are listed when the report is made).
    warning_at: Vec<u32>,
    counts: BTreeMap<String, u64>,
    unknown: HashMap<(Field, String), (u64, u64)>,
    channels: WordCache<Channel>,
    returns: WordCache<Channel>,
    statuses: WordCache<Status>,
    calendar: Option<WorkCalendar>,
    catalog: Catalog,
    catalog_error: Option<String>,
    audit: Audit,
    weights: BTreeMap<String, IndicatorWeight>,
    /// Fields in which a value was cut at the cap (the first cut is described, all are counted).
    cut_fields: [bool; FIELD_COUNT],
    /// The warnings that describe a field's first cut: (place in `warnings`, field).
    cut_listed: Vec<(u32, Field)>,
    /// A digest of the catalog (part of the options a snapshot must have been made with, see
    /// `snapshot.rs`; the rest is derived from the state when a snapshot is written or read).
    catalog_digest: u64,
}

/// A reporting period as moments: `[p0, p1)`.
#[derive(Clone, Copy, Debug)]
struct Window {
    p0: Moment,
    p1: Moment,
}

impl Window {
    fn of(period: &Period) -> Result<Window> {
        let from = crate::datetime::parse_date(&period.from, "period.from")?;
        let to = crate::datetime::parse_date(&period.to, "period.to")?;
        if to < from {
            return Err(options_error(
                format!(
                    "Kỳ báo cáo không hợp lệ: ngày kết thúc {} trước ngày bắt đầu {}.",
                    format_date(to),
                    format_date(from)
                ),
                format!(
                    "Invalid period: the end {} is before the start {}.",
                    format_date(to),
                    format_date(from)
                ),
                "period",
            ));
        }
        let p1 = to.succ_opt().ok_or_else(|| {
            options_error(
                "Ngày kết thúc quá lớn.".into(),
                "End date too large.".into(),
                "period.to",
            )
        })?;
        Ok(Window {
            p0: moment(from.and_time(NaiveTime::MIN)),
            p1: moment(p1.and_time(NaiveTime::MIN)),
        })
    }

    /// Whether a moment lies in the period.
    #[inline]
    fn holds(&self, m: Moment) -> bool {
        m >= self.p0 && m < self.p1
    }

    /// Whether a dossier received at `received` and ended at `end` ([`NONE`](super::record::NONE)
    /// if not) is counted in the period: received before its end and not ended before its start.
    #[inline]
    fn concerns(&self, received: Moment, end: Moment) -> bool {
        received < self.p1 && (end == super::record::NONE || end >= self.p0)
    }

    /// The period as dates.
    fn period(&self) -> Period {
        let day = |m: Moment| datetime(m).map(|t| t.date()).unwrap_or_default();
        Period {
            from: format_date(day(self.p0)),
            to: format_date(day(self.p1).pred_opt().unwrap_or_default()),
        }
    }
}

/// One file read, as the quality section lists it.
#[derive(Clone, Debug, Default)]
struct SourceEntry {
    name: String,
    info: SourceInfo,
    /// Rows (and skipped rows) of the files before it.
    rows_before: u64,
    skipped_before: u64,
    /// The header of its dossier-code column (problems about repeated codes name it).
    id_header: Option<String>,
}

impl Accumulator {
    /// An accumulator for the options (period, calendar, catalog, weights checked here).
    pub fn new(options: &AnalyzeOptions) -> Result<Accumulator> {
        let window = options.period.as_ref().map(Window::of).transpose()?;
        let calendar = WorkCalendar::new(&options.calendar.clone().unwrap_or_default())?;
        let catalog = Catalog::new(options.catalog.as_deref().unwrap_or(&[]))?;
        let mut weights = d766::default_weights();
        if let Some(w) = &options.d766_weights {
            for (k, v) in w {
                if !weights.contains_key(k) {
                    return Err(options_error(
                        format!("Chỉ số \"{}\" không thuộc Quyết định 766 được tính (2.1, 3.3, 3.6, 4.2, 5.4).", truncate_for_message(k)),
                        format!("Indicator \"{}\" is not one computed (2.1, 3.3, 3.6, 4.2, 5.4).", truncate_for_message(k)),
                        "d766Weights",
                    ));
                }
                if !(v.max_points.is_finite()
                    && v.max_points >= 0.0
                    && v.threshold.is_finite()
                    && v.threshold > 0.0
                    && v.threshold <= 100.0)
                {
                    return Err(options_error(
                        format!("Trọng số của chỉ số {k} không hợp lệ (điểm ≥ 0, ngưỡng trong (0, 100])."),
                        format!("The weight of indicator {k} is invalid (points ≥ 0, threshold in (0, 100])."),
                        "d766Weights",
                    ));
                }
                weights.insert(k.clone(), *v);
            }
        }
        let max_problems = options
            .max_problems
            .map_or(1000, |m| m as usize)
            .min(MAX_LISTED_PROBLEMS);
        let catalog_digest = snapshot::catalog_digest(options.catalog.as_deref().unwrap_or(&[]));
        Ok(Accumulator {
            date_cache: DateCache::default(),
            window,
            headers: Default::default(),
            seen_fields: [false; FIELD_COUNT],
            sources: Vec::new(),
            columns: BTreeMap::new(),
            agencies: Groups::default(),
            domains: Groups::default(),
            procedures: Groups::default(),
            proc_info: Vec::new(),
            records: Vec::new(),
            codes: CodeLog::default(),
            rows: 0,
            skipped: 0,
            max_problems,
            skipped_problems: Vec::new(),
            warnings: Vec::new(),
            warning_at: Vec::new(),
            counts: BTreeMap::new(),
            unknown: HashMap::new(),
            channels: WordCache::default(),
            returns: WordCache::default(),
            statuses: WordCache::default(),
            calendar: Some(calendar),
            catalog,
            catalog_error: None,
            audit: Audit::default(),
            weights,
            cut_fields: [false; FIELD_COUNT],
            cut_listed: Vec::new(),
            catalog_digest,
        })
    }

    /// Bytes of the texts the accumulator holds from the file (group names and spellings, cached
    /// and unknown words, procedure details, audit items): at most
    /// [`MAX_HELD_TEXT_BYTES`](super::MAX_HELD_TEXT_BYTES), whatever the file. For tests.
    #[doc(hidden)]
    pub fn held_text_bytes(&self) -> usize {
        let groups =
            self.agencies.text_bytes() + self.domains.text_bytes() + self.procedures.text_bytes();
        let words = self.channels.map.key_bytes()
            + self.returns.map.key_bytes()
            + self.statuses.map.key_bytes();
        let unknown: usize = self.unknown.keys().map(|(_, v)| v.len()).sum();
        let info: usize = self
            .proc_info
            .iter()
            .map(|(c, n, d)| c.len() + n.len() + d.len())
            .sum();
        let audit: usize = self
            .audit
            .items
            .iter()
            .map(|a| a.id.len() + a.procedure_code.len())
            .sum();
        groups + words + unknown + info + audit
    }

    /// Counts a value cut at the cap; the first cut of each field is described.
    #[cold]
    #[inline(never)]
    fn value_cut(&mut self, row: u64, field: Field) {
        if std::mem::replace(&mut self.cut_fields[field as usize], true) {
            if let Some(n) = self.counts.get_mut("valueTruncated") {
                *n += 1;
            }
            return;
        }
        let cap = LIMITS.max_kept_text_bytes;
        let listed = self.warnings.len();
        self.problem(
            row,
            Some(field),
            "valueTruncated",
            || {
                (
                    format!(
                        "Giá trị ở cột {} dài quá {cap} byte: chỉ giữ phần đầu, kết thúc bằng \"…\" (các giá trị bị cắt khác được đếm trong valueTruncated).",
                        field.label_vi()
                    ),
                    format!(
                        "A value in the {} column is longer than {cap} bytes: only its start is kept, ending with \"…\" (other cut values are counted in valueTruncated).",
                        field.label_en()
                    ),
                )
            },
            false,
        );
        if self.warnings.len() > listed {
            self.cut_listed.push((listed as u32, field));
        }
    }

    /// Counts the cut when `cell` is a text longer than the cap.
    #[inline]
    fn check_length(&mut self, row: u64, field: Field, cell: Cell<'_>) {
        if let Cell::Text(t) = cell {
            if t.len() > LIMITS.max_kept_text_bytes {
                self.value_cut(row, field);
            }
        }
    }

    /// Sizes the per-row arrays ahead for `bytes` more of files (about one row per
    /// [`BYTES_PER_ROW_GUESS`] bytes), so that they are not copied as they grow.
    pub(crate) fn expect_bytes(&mut self, bytes: u64) {
        let rows = usize::try_from(bytes / BYTES_PER_ROW_GUESS).unwrap_or(usize::MAX);
        self.records.reserve(rows);
        self.codes.reserve(rows);
    }

    /// Data rows read so far.
    pub fn rows_read(&self) -> u64 {
        self.rows
    }

    fn has(&self, f: Field) -> bool {
        self.headers[f as usize].is_some()
    }

    /// Whether some file has a column for `f`.
    fn seen(&self, f: Field) -> bool {
        self.seen_fields[f as usize]
    }

    /// Starts the next file: rows from now on are its rows (numbered from its own header).
    pub fn begin_file(&mut self, name: &str) {
        self.headers = Default::default();
        self.sources.push(SourceEntry {
            name: name.to_string(),
            info: SourceInfo::default(),
            rows_before: self.rows,
            skipped_before: self.skipped,
            id_header: None,
        });
    }

    /// The index of the current file (in records).
    fn file_index(&self) -> u16 {
        self.sources
            .len()
            .saturating_sub(1)
            .min(usize::from(u16::MAX)) as u16
    }

    /// Keeps a used row's record and its dossier code.
    fn keep(&mut self, row: u64, id: Cell<'_>, rec: Record) {
        self.records.push(rec);
        match id {
            Cell::Empty => self.codes.push(row, None),
            Cell::Text(t) => self.codes.push(row, Some(t)),
            c => self.codes.push(row, Some(c.to_text().as_bytes())),
        }
    }

    /// Counts a problem and, while the list has room, describes it: `message` gives the
    /// Vietnamese and the English sentence (built only when kept).
    fn problem(
        &mut self,
        row: u64,
        field: Option<Field>,
        code: &str,
        message: impl FnOnce() -> (String, String),
        skipped: bool,
    ) {
        *self.counts.entry(code.to_string()).or_insert(0) += 1;
        let list = if skipped {
            &mut self.skipped_problems
        } else {
            &mut self.warnings
        };
        if list.len() < self.max_problems {
            if !skipped {
                self.warning_at.push(self.records.len() as u32);
            }
            let (message, message_en) = message();
            let source = self
                .sources
                .last()
                .filter(|s| !s.name.is_empty())
                .map(|s| s.name.clone());
            list.push(Problem {
                row,
                source,
                column: field.and_then(|f| self.headers[f as usize].clone()),
                code: code.to_string(),
                message,
                message_en,
                severity: if skipped { "skipped" } else { "warning" }.to_string(),
            });
        }
    }

    fn skip(
        &mut self,
        row: u64,
        field: Option<Field>,
        code: &str,
        message: impl FnOnce() -> (String, String),
    ) {
        self.skipped += 1;
        self.problem(row, field, code, message, true);
    }

    fn unknown_word(&mut self, row: u64, field: Field, raw: &[u8], code: &str) {
        let (value, cut) = kept_text(raw);
        if cut {
            self.value_cut(row, field);
        }
        let key = (field, value.clone());
        if let Some(e) = self.unknown.get_mut(&key) {
            e.0 += 1;
        } else if self.unknown.len() < MAX_UNKNOWN {
            self.unknown.insert(key, (1, row));
        }
        self.problem(
            row,
            Some(field),
            code,
            || {
                let v = truncate_for_message(&value);
                (
                    format!(
                        "{} \"{v}\" không xác định: không đoán, báo lại để bổ sung.",
                        field.label_vi()
                    ),
                    format!(
                        "Unknown {} \"{v}\": not guessed; reported so that it can be added.",
                        field.label_en()
                    ),
                )
            },
            false,
        );
    }

    /// Reads a date cell; `Err(())` after recording the skip.
    fn date(
        &mut self,
        row: u64,
        field: Field,
        cell: Cell<'_>,
    ) -> std::result::Result<Option<NaiveDateTime>, ()> {
        if cell.is_empty() {
            return Ok(None);
        }
        match self.date_cache.parse_cell(cell) {
            Some(v) => {
                if field == Field::DueAt && !v.has_time {
                    // An appointment without a time is the end of that day.
                    Ok(Some(v.at.date().and_time(
                        NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN),
                    )))
                } else {
                    Ok(Some(v.at))
                }
            }
            None => {
                self.skip(row, Some(field), "invalidDate", || {
                    let shown = truncate_for_message(&cell.to_text());
                    (
                        format!(
                            "Giá trị \"{shown}\" ở cột {} không phải là ngày hợp lệ (dd/mm/yyyy [HH:mm[:ss]], HH:mm dd/mm/yyyy, yyyy-mm-dd, ISO 8601 hoặc số ngày Excel; năm 1990–2100): dòng không được tính.",
                            field.label_vi()
                        ),
                        format!(
                            "The value \"{shown}\" in the {} column is not a valid date (dd/mm/yyyy [HH:mm[:ss]], HH:mm dd/mm/yyyy, yyyy-mm-dd, ISO 8601 or an Excel day number; years 1990–2100): the row is not counted.",
                            field.label_en()
                        ),
                    )
                });
                Err(())
            }
        }
    }
}

impl RowSink for Accumulator {
    fn start(&mut self, header: &HeaderMap, info: &SourceInfo) {
        if self.sources.is_empty() {
            self.begin_file("");
        }
        for f in Field::ALL {
            self.headers[f as usize] = header.header(f).map(str::to_string);
            self.seen_fields[f as usize] |= self.headers[f as usize].is_some();
        }
        // The first file's header names a field's column; a later file adds the fields it lacked.
        for (k, v) in header.mapping() {
            self.columns.entry(k).or_insert(v);
        }
        if let Some(s) = self.sources.last_mut() {
            s.info = info.clone();
            s.id_header = header.header(Field::Id).map(str::to_string);
        }
    }

    fn row<R: FieldRow>(&mut self, row: u64, values: &R) {
        self.process(row, values);
    }

    fn bad_row(&mut self, row: u64, issue: RowIssue) {
        self.rows += 1;
        let code = match issue {
            RowIssue::Empty => "emptyRow",
            RowIssue::TooLong => "rowTooLong",
            RowIssue::TooManyColumns => "tooManyColumns",
            RowIssue::NotAnObject => "notAnObject",
            RowIssue::UnterminatedQuote => "unterminatedQuote",
        };
        self.skip(row, None, code, || match issue {
            RowIssue::Empty => (
                "Dòng trống: không có dữ liệu.".to_string(),
                "Empty row: no data.".to_string(),
            ),
            RowIssue::TooLong => {
                let mib = crate::ingest::LIMITS.max_row_bytes / (1024 * 1024);
                (
                    format!("Dòng dài quá {mib} MiB: bỏ qua."),
                    format!("The row is longer than {mib} MiB: skipped."),
                )
            }
            RowIssue::TooManyColumns => {
                let n = crate::ingest::LIMITS.max_columns;
                (
                    format!("Dòng có quá {n} cột: bỏ qua."),
                    format!("The row has more than {n} columns: skipped."),
                )
            }
            RowIssue::NotAnObject => (
                "Phần tử JSON không phải là một đối tượng phẳng {\"tên cột\": giá trị}: bỏ qua."
                    .to_string(),
                "The JSON element is not a flat object {\"column name\": value}: skipped."
                    .to_string(),
            ),
            RowIssue::UnterminatedQuote => {
                let (n, kib) = (
                    crate::ingest::LIMITS.max_quoted_line_breaks,
                    crate::ingest::LIMITS.max_quoted_bytes / 1024,
                );
                (
                    format!("Dấu ngoặc kép mở ở dòng này không được đóng (sau {n} dòng hoặc {kib} KiB, hoặc đến hết tệp): bỏ qua dòng này, đọc tiếp từ dòng sau."),
                    format!("A quote opened on this row is never closed (within {n} lines or {kib} KiB, or before the end of the file): the row is skipped and reading resumes on the next line."),
                )
            }
        });
    }
}

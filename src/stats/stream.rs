//! The streaming driver: bytes in (chunk by chunk), a [`Report`] out.

use std::collections::BTreeMap;

use super::{Accumulator, AnalyzeOptions, Report};
use crate::error::{Error, ErrorKind, Result};
use crate::ingest::xlsx::SheetRef;
use crate::ingest::{FileReader, Format};
use crate::message::truncate_for_message;

/// Computes a report from a file given chunk by chunk (`DossierAnalyzer` in JavaScript).
///
/// CSV is parsed as it arrives (memory: the statistics plus the longest row); XLSX and JSON
/// are gathered and read at [`Analyzer::finish`]. After an error every further call returns
/// that error; after `finish` the analyzer is spent.
///
/// # Example
/// ```
/// use tthc::stats::{Analyzer, AnalyzeOptions};
/// let mut a = Analyzer::new(&AnalyzeOptions::for_period("2021-08-15", "2021-09-15")).unwrap();
/// let csv = "Mã hồ sơ,Ngày tiếp nhận,Kênh nộp\nA1,16/08/2021,Trực tuyến\nA2,17/08/2021,Trực tiếp\n";
/// for chunk in csv.as_bytes().chunks(7) {
///     a.push(chunk).unwrap();
/// }
/// let r = a.finish().unwrap();
/// assert_eq!(a.rows_read(), 2);
/// assert_eq!(r.totals.received.new, 2);
/// assert_eq!(r.totals.online_rate, Some(50.0));
/// ```
#[derive(Debug)]
pub struct Analyzer {
    acc: Accumulator,
    /// The file being read.
    file: FileReader,
    /// How each file is read (the options' format, columns and sheet).
    format: Option<Format>,
    overrides: BTreeMap<String, String>,
    sheet: Option<SheetRef>,
    /// Files begun by name so far.
    files: u32,
    /// The current file's name (empty when pushed without `begin_file`).
    name: String,
    /// Bytes pushed into the current file.
    file_bytes: u64,
    rows_at_finish: Option<u64>,
    /// A snapshot ended the file: bytes pushed without `begin_file` start an unnamed one.
    file_ended: bool,
    state: State,
    bytes: u64,
}

#[derive(Debug)]
enum State {
    Reading,
    Failed(Error),
    Done,
}

fn spent() -> Error {
    Error::new(
        ErrorKind::Options,
        "Bộ phân tích đã kết thúc (finish): hãy tạo một bộ mới cho tệp khác.",
        "The analyzer is finished: create a new one for another file.",
    )
}

impl Analyzer {
    /// A new analyzer; errors on bad options (period, calendar, catalog, weights).
    pub fn new(options: &AnalyzeOptions) -> Result<Analyzer> {
        let overrides = options.columns.clone().unwrap_or_default();
        Ok(Analyzer {
            acc: Accumulator::new(options)?,
            file: FileReader::new(options.format, overrides.clone(), options.sheet.clone()),
            format: options.format,
            overrides,
            sheet: options.sheet.clone(),
            files: 0,
            name: String::new(),
            file_bytes: 0,
            rows_at_finish: None,
            file_ended: false,
            state: State::Reading,
            bytes: 0,
        })
    }

    /// Bytes received so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// Bytes of text kept from the file so far (at most [`MAX_HELD_TEXT_BYTES`](super::MAX_HELD_TEXT_BYTES)).
    /// For tests of the memory bound.
    #[doc(hidden)]
    pub fn held_text_bytes(&self) -> usize {
        self.acc.held_text_bytes()
    }

    /// Data rows read so far (CSV: as the chunks arrive, once the first
    /// [`Limits::sniff_bytes`](crate::ingest::Limits) are in; XLSX/JSON: at `finish`).
    pub fn rows_read(&self) -> u64 {
        self.rows_at_finish.unwrap_or_else(|| self.acc.rows_read())
    }

    /// Says how many bytes are about to be pushed (e.g. a file's size), so that the per-row
    /// arrays are sized once instead of being copied as they grow. Only a hint: pushing more or
    /// less is fine.
    pub fn size_hint(&mut self, bytes: u64) {
        if matches!(self.state, State::Reading) {
            self.acc.expect_bytes(bytes);
        }
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &[u8]) -> Result<()> {
        self.bytes += chunk.len() as u64;
        let r = self.push_inner(chunk);
        if let Err(e) = &r {
            self.state = State::Failed(e.clone());
        }
        r
    }

    fn push_inner(&mut self, chunk: &[u8]) -> Result<()> {
        match &self.state {
            State::Failed(e) => Err(e.clone()),
            State::Done => Err(spent()),
            State::Reading => {
                if std::mem::take(&mut self.file_ended) {
                    self.acc.begin_file("");
                }
                self.file_bytes += chunk.len() as u64;
                let r = self.file.push(chunk, &mut self.acc);
                r.map_err(|e| self.in_file(e))
            }
        }
    }

    /// Starts the next file (any format): the bytes pushed from now on are that file's, and
    /// the file before it (if any) ends here. Files analysed together give one report, as if
    /// their rows were one table; problems name their file.
    ///
    /// # Example
    /// ```
    /// use tthc::stats::{Analyzer, AnalyzeOptions};
    /// let mut a = Analyzer::new(&AnalyzeOptions::default()).unwrap();
    /// a.begin_file("thang-8.csv").unwrap();
    /// a.push("Mã hồ sơ,Ngày tiếp nhận\nA1,16/08/2021\n".as_bytes()).unwrap();
    /// a.begin_file("thang-9.json").unwrap();
    /// a.push(r#"[{"Mã hồ sơ": "A2", "Ngày tiếp nhận": "2021-09-02"}]"#.as_bytes()).unwrap();
    /// let r = a.finish().unwrap();
    /// assert_eq!(r.totals.received.new, 2);
    /// assert_eq!(r.quality.sources[1].format, "json");
    /// ```
    pub fn begin_file(&mut self, name: &str) -> Result<()> {
        let r = self.begin_file_inner(name);
        if let Err(e) = &r {
            self.state = State::Failed(e.clone());
        }
        r
    }

    fn begin_file_inner(&mut self, name: &str) -> Result<()> {
        match &self.state {
            State::Failed(e) => return Err(e.clone()),
            State::Done => return Err(spent()),
            State::Reading => {}
        }
        if !self.file_ended && (self.files > 0 || self.file_bytes > 0) {
            self.end_file()?;
        }
        self.file_ended = false;
        self.files += 1;
        self.name = name.to_string();
        self.file_bytes = 0;
        self.file = FileReader::new(self.format, self.overrides.clone(), self.sheet.clone());
        self.acc.begin_file(name);
        Ok(())
    }

    /// Ends the current file.
    fn end_file(&mut self) -> Result<()> {
        let r = self.file.finish(&mut self.acc);
        r.map_err(|e| self.in_file(e))
    }

    /// The error of a named file says which file.
    fn in_file(&self, e: Error) -> Error {
        if self.name.is_empty() {
            return e;
        }
        let n = truncate_for_message(&self.name);
        let vi = format!("Tệp \"{n}\": {}", e.message());
        let en = format!("File \"{n}\": {}", e.message_en());
        e.with_messages(vi, en)
    }

    /// Ends the file and returns the report.
    pub fn finish(&mut self) -> Result<Report> {
        let r = self.finish_inner();
        self.state = match &r {
            Ok(_) => State::Done,
            Err(e) => State::Failed(e.clone()),
        };
        // A finished analyzer is spent: release the per-agency, per-procedure and per-month tables
        // and the problem lists now, not when a JS wrapper is garbage-collected (pages rarely call
        // `free()`, and each spent analyzer would otherwise keep its tables in wasm memory).
        self.rows_at_finish = Some(self.acc.rows_read());
        if let Ok(empty) = Accumulator::new(&AnalyzeOptions::for_period("2000-01-01", "2000-01-01"))
        {
            self.acc = empty;
        }
        r
    }

    fn finish_inner(&mut self) -> Result<Report> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Failed(e) => Err(e),
            State::Done => Err(spent()),
            State::Reading => {
                if !self.file_ended {
                    self.end_file()?;
                }
                Ok(self.acc.report())
            }
        }
    }

    /// Ends the current file and returns the state so far as bytes, to be merged with the
    /// snapshots of the files before and after it ([`merge`](super::merge)), e.g. from several
    /// Workers. The analyzer goes on: bytes pushed next are a new file (name it with
    /// [`Analyzer::begin_file`]).
    ///
    /// # Example
    /// ```
    /// use tthc::stats::{merge, Analyzer, AnalyzeOptions};
    /// let options = AnalyzeOptions::default();
    /// let mut august = Analyzer::new(&options).unwrap();
    /// august.begin_file("thang-8.csv").unwrap();
    /// august.push("Mã hồ sơ,Ngày tiếp nhận\nA1,16/08/2021\nA2,17/08/2021\n".as_bytes()).unwrap();
    /// let mut september = Analyzer::new(&options).unwrap();
    /// september.begin_file("thang-9.csv").unwrap();
    /// september.push("Mã hồ sơ,Ngày tiếp nhận\nA2,17/08/2021\nA3,02/09/2021\n".as_bytes()).unwrap();
    /// let parts = [august.snapshot().unwrap(), september.snapshot().unwrap()];
    /// let r = merge(&parts, &options).unwrap();
    /// assert_eq!(r.totals.received.new, 3); // A2 counts once
    /// assert_eq!(r.quality.counts["duplicateId"], 1);
    /// ```
    pub fn snapshot(&mut self) -> Result<Vec<u8>> {
        match &self.state {
            State::Failed(e) => return Err(e.clone()),
            State::Done => return Err(spent()),
            State::Reading => {}
        }
        if !self.file_ended && (self.files > 0 || self.file_bytes > 0) {
            if let Err(e) = self.end_file() {
                self.state = State::Failed(e.clone());
                return Err(e);
            }
        }
        self.file_ended = true;
        self.files = 0;
        self.file_bytes = 0;
        self.name.clear();
        self.file = FileReader::new(self.format, self.overrides.clone(), self.sheet.clone());
        Ok(self.acc.snapshot())
    }
}

//! The streaming driver: bytes in (chunk by chunk), a [`Report`] out.

use std::collections::BTreeMap;

use super::{Accumulator, AnalyzeOptions, Report};
use crate::error::{Error, ErrorKind, Result};
use crate::ingest::csv::CsvStream;
use crate::ingest::{self, detect_format, Format, LIMITS};

#[derive(Debug)]
enum State {
    /// Gathering the first bytes to detect the format.
    Start(Vec<u8>),
    Csv(Box<CsvStream>),
    /// XLSX or JSON: buffered until `finish`.
    Buffer(Format, Vec<u8>),
    Failed(Error),
    Done,
}

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
    format: Option<Format>,
    overrides: BTreeMap<String, String>,
    sheet: Option<ingest::xlsx::SheetRef>,
    acc: Accumulator,
    rows_at_finish: Option<u64>,
    state: State,
    bytes: u64,
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
        Ok(Analyzer {
            format: options.format,
            overrides: options.columns.clone().unwrap_or_default(),
            sheet: options.sheet.clone(),
            acc: Accumulator::new(options)?,
            rows_at_finish: None,
            state: State::Start(Vec::new()),
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
        match &mut self.state {
            State::Failed(e) => Err(e.clone()),
            State::Done => Err(spent()),
            State::Csv(s) => s.push(chunk, &mut self.acc),
            State::Buffer(_, buf) => {
                if buf.len() + chunk.len() > LIMITS.max_buffered_bytes {
                    return Err(ingest::xlsx::too_big_error(buf.len() + chunk.len()));
                }
                buf.extend_from_slice(chunk);
                Ok(())
            }
            State::Start(buf) if buf.is_empty() => {
                // The first chunk decides alone when it can: no copy of it.
                let format = match self.format {
                    Some(f) => Some(f),
                    None => detect_format(chunk, false)?,
                };
                match format {
                    Some(f) => self.begin(f, chunk),
                    None => {
                        if let State::Start(buf) = &mut self.state {
                            buf.extend_from_slice(chunk);
                        }
                        Ok(())
                    }
                }
            }
            State::Start(buf) => {
                buf.extend_from_slice(chunk);
                let format = match self.format {
                    Some(f) => Some(f),
                    None => detect_format(buf, false)?,
                };
                if let Some(f) = format {
                    let buf = std::mem::take(buf);
                    self.begin(f, &buf)?;
                }
                Ok(())
            }
        }
    }

    fn begin(&mut self, format: Format, buf: &[u8]) -> Result<()> {
        match format {
            Format::Csv => {
                // The stream refuses zip / OLE / binary starts itself, on a fixed prefix.
                let mut s = Box::new(CsvStream::new(self.overrides.clone()));
                s.push(buf, &mut self.acc)?;
                self.state = State::Csv(s);
            }
            f => {
                if buf.len() > LIMITS.max_buffered_bytes {
                    return Err(ingest::xlsx::too_big_error(buf.len()));
                }
                self.state = State::Buffer(f, buf.to_vec());
            }
        }
        Ok(())
    }

    /// The report of a whole file given at once: like `push` + `finish`, but XLSX and JSON are
    /// read in place (no copy of the file).
    pub fn analyze_whole(&mut self, data: &[u8]) -> Result<Report> {
        let format = match (&self.state, self.format) {
            (State::Start(b), Some(f)) if b.is_empty() => Some(f),
            (State::Start(b), None) if b.is_empty() => detect_format(data, true)?,
            _ => None,
        };
        let r = match format {
            Some(Format::Xlsx) => {
                ingest::xlsx::read(data, self.sheet.as_ref(), &self.overrides, &mut self.acc)
                    .map(|()| self.acc.report())
            }
            Some(Format::Json) => {
                ingest::json::read(data, &self.overrides, &mut self.acc).map(|()| self.acc.report())
            }
            _ => {
                self.push(data)?;
                return self.finish();
            }
        };
        self.bytes += data.len() as u64;
        self.state = match &r {
            Ok(_) => State::Done,
            Err(e) => State::Failed(e.clone()),
        };
        r
    }

    /// Ends the file and returns the report.
    pub fn finish(&mut self) -> Result<Report> {
        let r = self.finish_inner();
        self.state = match &r {
            Ok(_) => State::Done,
            Err(e) => State::Failed(e.clone()),
        };
        // A finished analyzer is spent: release the per-agency, per-procedure and per-month tables
        // and the problem lists now, not when a JS wrapper is garbage-collected (the soak run saw
        // 500 un-freed analyzers hold 17.75 MiB of wasm memory).
        self.rows_at_finish = Some(self.acc.rows_read());
        if let Ok(empty) = Accumulator::new(&AnalyzeOptions::for_period("2000-01-01", "2000-01-01"))
        {
            self.acc = empty;
        }
        r
    }

    fn finish_inner(&mut self) -> Result<Report> {
        let state = std::mem::replace(&mut self.state, State::Done);
        match state {
            State::Failed(e) => return Err(e),
            State::Done => return Err(spent()),
            State::Start(buf) => {
                let f = match self.format {
                    Some(f) => f,
                    None => detect_format(&buf, true)?.ok_or_else(ingest::empty_file)?,
                };
                if buf.is_empty() {
                    return Err(ingest::empty_file());
                }
                self.begin(f, &buf)?;
                return self.finish_inner();
            }
            State::Csv(mut s) => s.finish(&mut self.acc)?,
            State::Buffer(Format::Xlsx, buf) => {
                ingest::xlsx::read(&buf, self.sheet.as_ref(), &self.overrides, &mut self.acc)?
            }
            State::Buffer(_, buf) => ingest::json::read(&buf, &self.overrides, &mut self.acc)?,
        }
        Ok(self.acc.report())
    }
}

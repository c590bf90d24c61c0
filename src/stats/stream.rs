//! The streaming driver: bytes in (chunk by chunk), a [`Report`] out.

use super::{Accumulator, AnalyzeOptions, Report};
use crate::error::{Error, ErrorKind, Result};
use crate::ingest::FileReader;

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
    file: FileReader,
    rows_at_finish: Option<u64>,
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
        Ok(Analyzer {
            acc: Accumulator::new(options)?,
            file: FileReader::new(
                options.format,
                options.columns.clone().unwrap_or_default(),
                options.sheet.clone(),
            ),
            rows_at_finish: None,
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
            State::Reading => self.file.push(chunk, &mut self.acc),
        }
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
        match std::mem::replace(&mut self.state, State::Done) {
            State::Failed(e) => Err(e),
            State::Done => Err(spent()),
            State::Reading => {
                self.file.finish(&mut self.acc)?;
                Ok(self.acc.report())
            }
        }
    }
}

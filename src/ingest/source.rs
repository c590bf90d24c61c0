//! One file, chunk by chunk, to rows: the format decided from its first bytes ([`detect_format`]),
//! CSV streamed as it arrives, XLSX and JSON gathered and read at the end.

use std::collections::BTreeMap;

use super::csv::CsvStream;
use super::xlsx::{self, SheetRef};
use super::{detect_format, empty_file, json, Format, RowSink, LIMITS};
use crate::error::Result;

#[derive(Debug)]
enum State {
    /// Gathering the first bytes to detect the format.
    Start(Vec<u8>),
    Csv(Box<CsvStream>),
    /// XLSX or JSON: buffered until `finish`.
    Buffer(Format, Vec<u8>),
}

/// Reads one file given chunk by chunk into a [`RowSink`].
///
/// CSV rows reach the sink as the chunks arrive (memory: the longest row); XLSX and JSON are
/// gathered (up to [`Limits::max_buffered_bytes`](super::Limits)) and read at
/// [`FileReader::finish`]. After an error the reader must not be used again.
///
/// # Example
/// ```
/// use tthc::ingest::{Field, FieldRow, FileReader, HeaderMap, RowIssue, RowSink, SourceInfo};
/// #[derive(Default)]
/// struct Dates(Vec<String>);
/// impl RowSink for Dates {
///     fn start(&mut self, _: &HeaderMap, _: &SourceInfo) {}
///     fn row<R: FieldRow>(&mut self, _: u64, r: &R) {
///         self.0.push(r.get(Field::ReceivedAt).to_text());
///     }
///     fn bad_row(&mut self, _: u64, _: RowIssue) {}
/// }
/// let mut sink = Dates::default();
/// let mut file = FileReader::new(None, Default::default(), None);
/// for chunk in "Mã hồ sơ,Ngày tiếp nhận\nA1,16/08/2021\n".as_bytes().chunks(5) {
///     file.push(chunk, &mut sink).unwrap();
/// }
/// file.finish(&mut sink).unwrap();
/// assert_eq!(sink.0, ["16/08/2021"]);
/// ```
#[derive(Debug)]
pub struct FileReader {
    /// The format given by the caller (else detected).
    format: Option<Format>,
    overrides: BTreeMap<String, String>,
    sheet: Option<SheetRef>,
    state: State,
}

impl FileReader {
    /// A reader for one file: `format` if known, column `overrides` (field → header), the XLSX
    /// `sheet` to read.
    pub fn new(
        format: Option<Format>,
        overrides: BTreeMap<String, String>,
        sheet: Option<SheetRef>,
    ) -> FileReader {
        FileReader {
            format,
            overrides,
            sheet,
            state: State::Start(Vec::new()),
        }
    }

    /// Feeds the next chunk of the file.
    pub fn push<S: RowSink>(&mut self, chunk: &[u8], sink: &mut S) -> Result<()> {
        match &mut self.state {
            State::Csv(s) => s.push(chunk, sink),
            State::Buffer(_, buf) => {
                if buf.len() + chunk.len() > LIMITS.max_buffered_bytes {
                    return Err(xlsx::too_big_error(buf.len() + chunk.len()));
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
                    Some(f) => self.begin(f, chunk, sink),
                    None => {
                        buf.extend_from_slice(chunk);
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
                    self.begin(f, &buf, sink)?;
                }
                Ok(())
            }
        }
    }

    fn begin<S: RowSink>(&mut self, format: Format, buf: &[u8], sink: &mut S) -> Result<()> {
        match format {
            Format::Csv => {
                // The stream refuses zip / OLE / binary starts itself, on a fixed prefix.
                let mut s = Box::new(CsvStream::new(self.overrides.clone()));
                s.push(buf, sink)?;
                self.state = State::Csv(s);
            }
            f => {
                if buf.len() > LIMITS.max_buffered_bytes {
                    return Err(xlsx::too_big_error(buf.len()));
                }
                self.state = State::Buffer(f, buf.to_vec());
            }
        }
        Ok(())
    }

    /// Ends the file: the last CSV rows, or the whole XLSX / JSON file, reach the sink.
    pub fn finish<S: RowSink>(&mut self, sink: &mut S) -> Result<()> {
        match std::mem::replace(&mut self.state, State::Start(Vec::new())) {
            State::Start(buf) => {
                let f = match self.format {
                    Some(f) => f,
                    None => detect_format(&buf, true)?.ok_or_else(empty_file)?,
                };
                if buf.is_empty() {
                    return Err(empty_file());
                }
                self.begin(f, &buf, sink)?;
                self.finish(sink)
            }
            State::Csv(mut s) => s.finish(sink),
            State::Buffer(Format::Xlsx, buf) => {
                xlsx::read(&buf, self.sheet.as_ref(), &self.overrides, sink)
            }
            State::Buffer(_, buf) => json::read(&buf, &self.overrides, sink),
        }
    }
}

//! Streaming CSV: chunks in, rows out, memory bounded by the longest row.
//!
//! The bytes go through the encoding [`Transcoder`](super::decode::Transcoder) and then
//! `csv-core`'s state machine (RFC 4180 quoting, fields with newlines, `""` escapes). Once the
//! header is known, the lines that need none of its work — unquoted fields and fields quoted
//! once, ending in `\n` or `\r\n` — are split in place without copying
//! ([`CsvStream::fast_lines`]); any other line (a `""` escape, a lone `\r`, text after a closing
//! quote, a line cut by the chunk's end) goes through csv-core, so both give the same rows.
//!
//! One file gives one answer however it is cut into chunks: the encoding, the binary check and
//! the delimiter are decided on the first [`Limits::sniff_bytes`](super::Limits) bytes (the
//! whole file when shorter), gathered before anything is read. The delimiter is the one under
//! which a row among the first [`Limits::max_header_search_rows`](super::Limits) is the header
//! (title rows above it are skipped); when none is, the most frequent of `,`, `;` and tab
//! outside quotes on the first line.
//!
//! A quote that is never closed would swallow the rest of the file into one field: a record
//! still inside a quoted field after [`Limits::max_quoted_line_breaks`](super::Limits) line
//! breaks or [`Limits::max_quoted_bytes`](super::Limits) bytes past its first line break, or at
//! the end of the file, is reported as a skipped row ([`RowIssue::UnterminatedQuote`]) and
//! reading resumes on the line after its first one.

use std::collections::BTreeMap;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::decode::{sniff_encoding, Encoding, Transcoder};
use super::{
    kept_text, trim_bytes, try_header, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink,
    SourceInfo, FIELD_COUNT, LIMITS,
};
use crate::error::{Error, ErrorKind, Result};
use quotes::QuoteWatch;
use scan::{find_quote_or_break, separators, MASK_SHIFT, SCAN};

mod quotes;
mod scan;

/// A streaming CSV reader feeding a [`RowSink`].
#[derive(Debug)]
pub struct CsvStream {
    overrides: BTreeMap<String, String>,
    /// Bytes gathered before the start is decided.
    head: Vec<u8>,
    started: bool,
    transcoder: Transcoder,
    encoding: Encoding,
    reader: Reader,
    delimiter: u8,
    out: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
    overflow: Option<RowIssue>,
    /// Records read so far (the spreadsheet row number of the last one).
    record: u64,
    header: Option<HeaderMap>,
    cols: [usize; FIELD_COUNT],
    /// Of the rows searched for the header, the one listed if none names the receipt date.
    likeliest_header: Option<Vec<String>>,
    /// Field spans (start, end) of the line being split by the fast path.
    spans: Vec<(usize, usize)>,
    /// Whether the fast path is used (always, except in the tests that compare it with csv-core).
    fast: bool,
    /// csv-core is between records (it returned a record and read nothing since), so the fast
    /// path may take over. Empty output buffers alone don't say it: an opening quote at the end
    /// of a chunk leaves them empty inside a field.
    at_record_start: bool,
    /// Follows the bytes csv-core reads, to catch a runaway quote.
    watch: QuoteWatch,
}

/// The delimiter of a first line: the most frequent of `,`, `;`, tab outside quotes
/// (`,` when none).
///
/// # Example
/// ```
/// assert_eq!(tthc::ingest::csv::sniff_delimiter(b"a;b;\"c,d,e\"\n1;2;3"), b';');
/// assert_eq!(tthc::ingest::csv::sniff_delimiter(b"a\tb\tc"), b'\t');
/// ```
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &c in text {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The delimiter of a file whose start (decoded to UTF-8) is `text`: the one of `,`, `;` and tab
/// under which one of the first [`Limits::max_header_search_rows`](super::Limits) rows is the
/// header row (it names the receipt date, or a column of `overrides`); when several are, the
/// most frequent on that row. Without such a row, [`sniff_delimiter`] of the first line. Only
/// complete lines are looked at, unless `complete` (`text` is the whole file).
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
/// use tthc::ingest::csv::sniff_header_delimiter;
/// let csv = "BÁO CÁO, THÁNG 1\nMã hồ sơ;Ngày tiếp nhận\nA;05/01/2026\n";
/// assert_eq!(sniff_header_delimiter(csv.as_bytes(), true, &BTreeMap::new()), b';');
/// ```
pub fn sniff_header_delimiter(
    text: &[u8],
    complete: bool,
    overrides: &BTreeMap<String, String>,
) -> u8 {
    let mut rows = 0;
    let mut start = 0;
    while rows < LIMITS.max_header_search_rows && start < text.len() {
        // The line from `start`: up to a line break outside quotes.
        let mut quoted = false;
        let mut end = None;
        for (i, &c) in text[start..].iter().enumerate() {
            match c {
                b'"' => quoted = !quoted,
                b'\n' | b'\r' if !quoted => {
                    end = Some(start + i);
                    break;
                }
                _ => {}
            }
        }
        let end = match end {
            Some(e) => e,
            None if complete => text.len(),
            None => break,
        };
        let line = &text[start..end];
        start = end + 1;
        if line.is_empty() {
            // A blank line is not a record (csv-core skips it).
            continue;
        }
        rows += 1;
        let mut best: Option<(usize, u8)> = None;
        for d in [b',', b';', b'\t'] {
            let cells = split_line(line, d);
            if cells.len() > LIMITS.max_columns {
                continue;
            }
            if !matches!(try_header(&cells, overrides), Ok(None)) {
                let n = cells.len();
                if best.is_none_or(|(m, _)| n > m) {
                    best = Some((n, d));
                }
            }
        }
        if let Some((_, d)) = best {
            return d;
        }
    }
    sniff_delimiter(text)
}

/// The cells of one line split at `d` outside quotes (quotes removed, `""` read as `"`), as the
/// header search sees them.
fn split_line(line: &[u8], d: u8) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = Vec::new();
    let mut quoted = false;
    let mut i = 0;
    while i < line.len() {
        let c = line[i];
        if quoted {
            if c == b'"' {
                if line.get(i + 1) == Some(&b'"') {
                    cell.push(b'"');
                    i += 1;
                } else {
                    quoted = false;
                }
            } else {
                cell.push(c);
            }
        } else if c == b'"' && cell.is_empty() {
            quoted = true;
        } else if c == d {
            cells.push(kept_text(&cell).0);
            cell.clear();
        } else {
            cell.push(c);
        }
        i += 1;
    }
    cells.push(kept_text(&cell).0);
    cells
}

/// A row split by the fast path: field spans in the input.
struct SpanRow<'a> {
    input: &'a [u8],
    spans: &'a [(usize, usize)],
    cols: &'a [usize; FIELD_COUNT],
}

impl SpanRow<'_> {
    #[inline]
    fn column(&self, col: usize) -> Cell<'_> {
        match self.spans.get(col) {
            Some(&(s, e)) => Cell::text(self.input.get(s..e).unwrap_or(&[])),
            None => Cell::Empty,
        }
    }
}

impl FieldRow for SpanRow<'_> {
    #[inline]
    fn get(&self, field: Field) -> Cell<'_> {
        self.column(self.cols[field as usize])
    }
}

struct CsvRow<'a> {
    out: &'a [u8],
    ends: &'a [usize],
    cols: &'a [usize; FIELD_COUNT],
}

impl FieldRow for CsvRow<'_> {
    #[inline]
    fn get(&self, field: Field) -> Cell<'_> {
        let col = self.cols[field as usize];
        let Some(&end) = self.ends.get(col) else {
            return Cell::Empty;
        };
        let start = if col == 0 {
            0
        } else {
            self.ends.get(col - 1).copied().unwrap_or(0)
        };
        self.out.get(start..end).map_or(Cell::Empty, Cell::text)
    }
}

impl CsvStream {
    /// A reader; `overrides` is the user's column mapping (field → header).
    pub fn new(overrides: BTreeMap<String, String>) -> CsvStream {
        CsvStream {
            overrides,
            head: Vec::new(),
            started: false,
            transcoder: Transcoder::new(Encoding::Utf8),
            encoding: Encoding::Utf8,
            reader: Reader::new(),
            delimiter: b',',
            out: vec![0; 4096],
            ends: vec![0; 64],
            nout: 0,
            nend: 0,
            overflow: None,
            record: 0,
            header: None,
            cols: [usize::MAX; FIELD_COUNT],
            likeliest_header: None,
            spans: Vec::new(),
            fast: true,
            at_record_start: false,
            watch: QuoteWatch::new(),
        }
    }

    /// Turns the fast path for simple lines off (every line through csv-core) or on (the
    /// default). For tests that check both give the same rows; the result never differs.
    #[doc(hidden)]
    pub fn set_fast_path(&mut self, on: bool) {
        self.fast = on;
    }

    /// Feeds a chunk of the file. Nothing is read before the first
    /// [`Limits::sniff_bytes`](super::Limits) bytes are in (or the file ends).
    pub fn push<S: RowSink>(&mut self, chunk: &[u8], sink: &mut S) -> Result<()> {
        if !self.started {
            if self.head.is_empty() && chunk.len() >= LIMITS.sniff_bytes {
                // The whole start is in this chunk: no copy.
                return self.begin(chunk, false, sink);
            }
            self.head.extend_from_slice(chunk);
            if self.head.len() < LIMITS.sniff_bytes {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            return self.begin(&head, false, sink);
        }
        let text = self.transcoder.convert(chunk);
        if text.is_empty() {
            // Nothing decoded yet (half a UTF-16 unit): an empty input would mean "end" to csv-core.
            return Ok(());
        }
        // `text` borrows either `chunk` or a fresh buffer, never `self`.
        self.feed(&text, sink)
    }

    /// Decides the start on `head` (at least [`Limits::sniff_bytes`](super::Limits) bytes, or
    /// the whole file when `complete`) and reads it.
    fn begin<S: RowSink>(&mut self, head: &[u8], complete: bool, sink: &mut S) -> Result<()> {
        self.started = true;
        super::format::refuse_non_text(head)?;
        let (enc, bom) = sniff_encoding(head);
        self.encoding = enc;
        // The delimiter from the first `sniff_bytes` only, so that a larger first chunk decides
        // the same.
        let window = head
            .get(bom..LIMITS.sniff_bytes.min(head.len()))
            .unwrap_or(&[]);
        let mut t = Transcoder::new(enc);
        let mut sample = t.convert(window).into_owned();
        if complete {
            sample.extend_from_slice(&t.finish());
        }
        self.delimiter = sniff_header_delimiter(&sample, complete, &self.overrides);
        drop(sample);
        self.transcoder = Transcoder::new(enc);
        let body = head.get(bom..).unwrap_or(&[]);
        let text = self.transcoder.convert(body);
        self.reader = ReaderBuilder::new().delimiter(self.delimiter).build();
        if !text.is_empty() {
            self.feed(&text, sink)?;
        }
        // Remember the source info for the sink's start (sent with the header).
        Ok(())
    }

    /// Ends the stream: flushes the last record. Errors if no header was found.
    pub fn finish<S: RowSink>(&mut self, sink: &mut S) -> Result<()> {
        if !self.started {
            let head = std::mem::take(&mut self.head);
            if head.is_empty() {
                return Err(super::empty_file());
            }
            self.begin(&head, true, sink)?;
        }
        let tail = self.transcoder.finish();
        if !tail.is_empty() {
            self.feed(&tail, sink)?;
        }
        self.feed(&[], sink)?;
        if self.header.is_none() {
            if self.record == 0 {
                return Err(super::empty_file());
            }
            return Err(super::header_not_found(self.likeliest_header.as_deref()));
        }
        Ok(())
    }

    /// The detected encoding.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Reads decoded text (`input` empty: the end of the file), reading again what follows a
    /// runaway quote's first line.
    fn feed<S: RowSink>(&mut self, input: &[u8], sink: &mut S) -> Result<()> {
        let at_end = input.is_empty();
        let mut rest = input;
        let mut replay: Vec<u8> = Vec::new();
        // Bounded: every runaway quote ends a record and replays at most `max_quoted_bytes`.
        loop {
            while !replay.is_empty() {
                let buf = std::mem::take(&mut replay);
                if let Some((n, mut again)) = self.feed_part(&buf, false, sink)? {
                    again.extend_from_slice(buf.get(n..).unwrap_or(&[]));
                    replay = again;
                }
            }
            match self.feed_part(rest, at_end, sink)? {
                None => return Ok(()),
                Some((n, again)) => {
                    rest = rest.get(n..).unwrap_or(&[]);
                    replay = again;
                    if rest.is_empty() && !at_end && replay.is_empty() {
                        return Ok(());
                    }
                }
            }
        }
    }

    /// A runaway quote: the record it opened is skipped and the reader starts afresh.
    fn runaway<S: RowSink>(&mut self, sink: &mut S) -> Result<()> {
        self.reader.reset();
        self.nout = 0;
        self.nend = 0;
        self.overflow = None;
        self.at_record_start = true;
        self.record += 1;
        if self.header.is_some() {
            sink.bad_row(self.record, RowIssue::UnterminatedQuote);
        } else if self.record >= LIMITS.max_header_search_rows as u64 {
            return Err(super::header_not_found(self.likeliest_header.as_deref()));
        }
        Ok(())
    }

    /// Reads `input` (empty and `at_end`: the end of the file). `Some((n, replay))` when a quote
    /// ran away after `n` bytes of `input`: `replay` and then `input[n..]` are to be read next.
    fn feed_part<S: RowSink>(
        &mut self,
        mut input: &[u8],
        at_end: bool,
        sink: &mut S,
    ) -> Result<Option<(usize, Vec<u8>)>> {
        if input.is_empty() && !at_end {
            // An empty input would mean "end" to csv-core.
            return Ok(None);
        }
        if at_end && self.watch.open_at_end() {
            let replay = self.watch.take_replay();
            self.runaway(sink)?;
            return Ok(Some((0, replay)));
        }
        let whole = input.len();
        // Bounded: each iteration consumes input, grows a buffer (up to the limits) or ends.
        loop {
            if self.fast && self.at_record_start && self.header.is_some() {
                // At a record boundary: the simple lines need no state machine.
                let n = self.fast_lines(input, sink);
                input = &input[n.min(input.len())..];
                if input.is_empty() && !at_end {
                    return Ok(None);
                }
            }
            let out_start = self.nout.min(self.out.len());
            let end_start = self.nend.min(self.ends.len());
            let (res, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[out_start..],
                &mut self.ends[end_start..],
            );
            let read = &input[..nin.min(input.len())];
            if let Some(k) = self.watch.scan(read, self.delimiter) {
                let consumed = whole - input.len() + k;
                let replay = self.watch.take_replay();
                self.runaway(sink)?;
                return Ok(Some((consumed, replay)));
            }
            input = &input[nin.min(input.len())..];
            self.at_record_start =
                matches!(res, ReadRecordResult::Record) || (self.at_record_start && nin == 0);
            self.nout += nout;
            // `ends` are positions in the whole record (csv-core keeps the offset).
            self.nend += nend;
            match res {
                ReadRecordResult::InputEmpty => {
                    // More input needed (at the end csv-core answers Record or End instead).
                    if !at_end || (nin == 0 && nout == 0 && nend == 0) {
                        return Ok(None);
                    }
                }
                ReadRecordResult::OutputFull => {
                    if self.out.len() >= LIMITS.max_row_bytes {
                        // Discard the row's bytes but keep parsing until it ends.
                        self.overflow = Some(RowIssue::TooLong);
                        self.nout = 0;
                        self.nend = 0;
                    } else {
                        let n = (self.out.len() * 2).min(LIMITS.max_row_bytes);
                        self.out.resize(n, 0);
                    }
                }
                ReadRecordResult::OutputEndsFull => {
                    if self.ends.len() >= LIMITS.max_columns {
                        if self.header.is_none() {
                            return Err(Error::new(
                                ErrorKind::Limit,
                                format!(
                                    "Dòng tiêu đề có quá nhiều cột (giới hạn {}).",
                                    LIMITS.max_columns
                                ),
                                format!(
                                    "The header row has too many columns (limit {}).",
                                    LIMITS.max_columns
                                ),
                            )
                            .with_row(self.record + 1));
                        }
                        self.overflow.get_or_insert(RowIssue::TooManyColumns);
                        self.nout = 0;
                        self.nend = 0;
                    } else {
                        let n = (self.ends.len() * 2).min(LIMITS.max_columns);
                        self.ends.resize(n, 0);
                    }
                }
                ReadRecordResult::Record => {
                    self.record += 1;
                    self.watch.end_record();
                    self.on_record(sink)?;
                    self.nout = 0;
                    self.nend = 0;
                    self.overflow = None;
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Splits the complete simple lines at the start of `input` and hands their rows to `sink`;
    /// returns the bytes consumed (whole lines). It stops before the first line that needs
    /// csv-core: a quote inside an unquoted field, a `""` escape or text after a closing quote,
    /// a lone `\r`, too many columns or bytes, or no line end before the input's end. Empty
    /// lines are skipped without a record number, as csv-core does.
    fn fast_lines<S: RowSink>(&mut self, input: &[u8], sink: &mut S) -> usize {
        let d = self.delimiter;
        let mut spans = std::mem::take(&mut self.spans);
        let mut pos = 0;
        'lines: loop {
            spans.clear();
            let mut first_quoted = false;
            // The current field starts at `field`; separators are searched from `i` on, eight
            // bytes at a time, every separator of a word handled from one bit mask. A quote is
            // a separator too: at a field's start it opens a quoted field, elsewhere the line
            // goes to csv-core.
            let mut field = pos;
            let mut i = pos;
            let end: usize;
            'scan: loop {
                let Some(w) = input.get(i..i + SCAN) else {
                    // Fewer than SCAN bytes left: csv-core reads this line.
                    break 'lines;
                };
                if spans.len() + SCAN >= LIMITS.max_columns {
                    // A step adds at most SCAN cells: csv-core reads a line this wide.
                    break 'lines;
                }
                let mut word = [0u8; SCAN];
                word.copy_from_slice(w);
                let mut m = separators(&word, d);
                while m != 0 {
                    let k = (m.trailing_zeros() >> MASK_SHIFT) as usize;
                    m &= m - 1;
                    let p = i + k;
                    let c = word[k & (SCAN - 1)];
                    if c == d {
                        spans.push((field, p));
                        field = p + 1;
                    } else if c == b'\n' {
                        spans.push((field, p));
                        end = p + 1;
                        break 'scan;
                    } else if c == b'"' && p == field {
                        // A quoted field: up to the next quote, which must end the field on this
                        // line (a field across lines goes to csv-core, which watches for a
                        // runaway quote).
                        let Some(q) = input.get(p + 1..).and_then(find_quote_or_break) else {
                            break 'lines;
                        };
                        if input.get(p + 1 + q) != Some(&b'"') {
                            break 'lines;
                        }
                        first_quoted |= spans.is_empty();
                        let close = p + 1 + q;
                        spans.push((p + 1, close));
                        match input.get(close + 1) {
                            Some(&c) if c == d => {
                                field = close + 2;
                                i = field;
                                continue 'scan;
                            }
                            Some(b'\n') => {
                                end = close + 2;
                                break 'scan;
                            }
                            Some(b'\r') if input.get(close + 2) == Some(&b'\n') => {
                                end = close + 3;
                                break 'scan;
                            }
                            // `""`, text after the closing quote, a lone CR, the end of the input.
                            _ => break 'lines,
                        }
                    } else if c == b'\r' && input.get(p + 1) == Some(&b'\n') {
                        spans.push((field, p));
                        end = p + 2;
                        break 'scan;
                    } else {
                        // A quote inside a field, a lone CR.
                        break 'lines;
                    }
                }
                i += SCAN;
            }
            let i = end;
            if i - pos > LIMITS.max_row_bytes {
                break;
            }
            pos = i;
            if spans.len() == 1 && !first_quoted && spans[0].0 == spans[0].1 {
                // An empty line: csv-core skips it without counting a record.
                continue;
            }
            self.record += 1;
            let r = SpanRow {
                input,
                spans: &spans,
                cols: &self.cols,
            };
            emit_row(
                self.record,
                &r,
                spans.len(),
                |c| r.column(c).is_empty(),
                sink,
            );
        }
        self.spans = spans;
        pos
    }

    fn on_record<S: RowSink>(&mut self, sink: &mut S) -> Result<()> {
        let row = self.record;
        if self.header.is_some() {
            if let Some(issue) = self.overflow {
                sink.bad_row(row, issue);
                return Ok(());
            }
            let ends = &self.ends[..self.nend.min(self.ends.len())];
            let out = &self.out[..self.nout.min(self.out.len())];
            let r = CsvRow {
                out,
                ends,
                cols: &self.cols,
            };
            let blank = |c: usize| {
                let s = if c == 0 { 0 } else { ends[c - 1] };
                trim_bytes(out.get(s..ends[c]).unwrap_or(&[])).is_empty()
            };
            emit_row(row, &r, ends.len(), blank, sink);
            return Ok(());
        }
        // Still looking for the header row.
        let cells = self.cells_as_strings();
        if let Some(map) = try_header(&cells, &self.overrides)? {
            for f in Field::ALL {
                self.cols[f as usize] = map.column(f).unwrap_or(usize::MAX);
            }
            let info = SourceInfo {
                format: "csv".into(),
                encoding: Some(self.encoding.label().into()),
                delimiter: Some((self.delimiter as char).to_string()),
                sheet: None,
                header_row: row,
            };
            sink.start(&map, &info);
            self.header = Some(map);
            return Ok(());
        }
        super::keep_likeliest_header(&mut self.likeliest_header, cells);
        if row >= LIMITS.max_header_search_rows as u64 {
            return Err(super::header_not_found(self.likeliest_header.as_deref()));
        }
        Ok(())
    }

    fn cells_as_strings(&self) -> Vec<String> {
        let ends = &self.ends[..self.nend.min(self.ends.len())];
        let out = &self.out[..self.nout.min(self.out.len())];
        let mut v = Vec::with_capacity(ends.len());
        let mut s = 0;
        for &e in ends {
            let b = out.get(s..e).unwrap_or(&[]);
            // Capped before normalising: a huge title cell costs no more than a short one.
            v.push(kept_text(b).0);
            s = e;
        }
        v
    }
}

/// Hands a data row to `sink`: a line whose only cell is blank is not a row (skipped), a row
/// whose every cell is blank is reported as empty, any other goes to [`RowSink::row`].
/// `blank(c)` tells whether column `c` (of `ncols`) is blank after trimming.
fn emit_row<S: RowSink, R: FieldRow>(
    row: u64,
    r: &R,
    ncols: usize,
    blank: impl Fn(usize) -> bool,
    sink: &mut S,
) {
    if ncols <= 1 && (ncols == 0 || blank(0)) {
        // A blank line (csv-core skips truly empty ones): not a data row.
        return;
    }
    if Field::ALL.iter().all(|&f| r.get(f).is_empty()) && (0..ncols).all(blank) {
        sink.bad_row(row, RowIssue::Empty);
        return;
    }
    sink.row(row, r);
}

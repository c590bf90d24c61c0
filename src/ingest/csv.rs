//! Streaming CSV: chunks in, rows out, memory bounded by the longest row.
//!
//! The bytes go through the encoding [`Transcoder`](super::decode::Transcoder) and then
//! `csv-core`'s state machine (RFC 4180 quoting, fields with newlines, `""` escapes). Once the
//! header is known, the lines that need none of its work — unquoted fields and fields quoted
//! once, ending in `\n` or `\r\n` — are split in place without copying
//! ([`CsvStream::fast_lines`]); any other line (a `""` escape, a lone `\r`, text after a closing
//! quote, a line cut by the chunk's end) goes through csv-core, so both give the same rows. The
//! delimiter is sniffed from the first line: the most frequent of `,`, `;` and tab outside
//! quotes. Title rows above the header are skipped (up to
//! [`Limits::max_header_search_rows`](super::Limits)).

use std::collections::BTreeMap;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

use super::decode::{sniff_encoding, Encoding, Transcoder};
use super::{
    trim_bytes, try_header, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo,
    FIELD_COUNT, LIMITS,
};
use crate::error::{Error, ErrorKind, Result};

/// How many bytes are gathered before the encoding and delimiter are decided (unless the
/// first line ends earlier).
const SNIFF_BYTES: usize = 64 * 1024;

/// A streaming CSV reader feeding a [`RowSink`].
#[derive(Debug)]
pub struct CsvStream {
    overrides: BTreeMap<String, String>,
    /// Bytes gathered before the start is decided.
    head: Vec<u8>,
    /// Quote state of the bytes gathered so far (first-line search).
    head_quoted: bool,
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
    first_row: Option<Vec<String>>,
    /// Field spans (start, end) of the line being split by the fast path.
    spans: Vec<(usize, usize)>,
    /// Whether the fast path is used (always, except in the tests that compare it with csv-core).
    fast: bool,
    /// csv-core is between records (it returned a record and read nothing since), so the fast
    /// path may take over. Empty output buffers alone don't say it: an opening quote at the end
    /// of a chunk leaves them empty inside a field.
    at_record_start: bool,
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

/// True when `text` completes a first line (a newline outside quotes); `quoted` carries the
/// quote state from the previous piece, so each byte is scanned once.
fn has_first_line(text: &[u8], quoted: &mut bool) -> bool {
    for &c in text {
        match c {
            b'"' => *quoted = !*quoted,
            b'\n' if !*quoted => return true,
            _ => {}
        }
    }
    false
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
            head_quoted: false,
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
            first_row: None,
            spans: Vec::new(),
            fast: true,
            at_record_start: false,
        }
    }

    /// Turns the fast path for simple lines off (every line through csv-core) or on (the
    /// default). For tests that check both give the same rows; the result never differs.
    #[doc(hidden)]
    pub fn set_fast_path(&mut self, on: bool) {
        self.fast = on;
    }

    /// Feeds a chunk of the file.
    pub fn push<S: RowSink>(&mut self, chunk: &[u8], sink: &mut S) -> Result<()> {
        if !self.started {
            let complete = has_first_line(chunk, &mut self.head_quoted);
            if self.head.is_empty() && (chunk.len() >= SNIFF_BYTES || complete) {
                // The whole start is in this chunk: no copy.
                return self.begin(chunk, sink);
            }
            self.head.extend_from_slice(chunk);
            if self.head.len() < SNIFF_BYTES && !complete {
                return Ok(());
            }
            let head = std::mem::take(&mut self.head);
            return self.begin(&head, sink);
        }
        let text = self.transcoder.convert(chunk);
        if text.is_empty() {
            // Nothing decoded yet (half a UTF-16 unit): an empty input would mean "end" to csv-core.
            return Ok(());
        }
        // `text` borrows either `chunk` or a fresh buffer, never `self`.
        self.feed(&text, sink)
    }

    fn begin<S: RowSink>(&mut self, head: &[u8], sink: &mut S) -> Result<()> {
        self.started = true;
        let (enc, bom) = sniff_encoding(head);
        self.encoding = enc;
        self.transcoder = Transcoder::new(enc);
        let body = head.get(bom..).unwrap_or(&[]);
        let text = self.transcoder.convert(body);
        self.delimiter = sniff_delimiter(&text);
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
            self.begin(&head, sink)?;
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
            return Err(super::header_not_found(self.first_row.as_deref()));
        }
        Ok(())
    }

    /// The detected encoding.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    fn feed<S: RowSink>(&mut self, mut input: &[u8], sink: &mut S) -> Result<()> {
        let at_end = input.is_empty();
        // Bounded: each iteration consumes input, grows a buffer (up to the limits) or ends.
        loop {
            if self.fast && self.at_record_start && self.header.is_some() {
                // At a record boundary: the simple lines need no state machine.
                let n = self.fast_lines(input, sink);
                input = &input[n.min(input.len())..];
                if input.is_empty() && !at_end {
                    return Ok(());
                }
            }
            let out_start = self.nout.min(self.out.len());
            let end_start = self.nend.min(self.ends.len());
            let (res, nin, nout, nend) = self.reader.read_record(
                input,
                &mut self.out[out_start..],
                &mut self.ends[end_start..],
            );
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
                        return Ok(());
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
                    self.on_record(sink)?;
                    self.nout = 0;
                    self.nend = 0;
                    self.overflow = None;
                }
                ReadRecordResult::End => return Ok(()),
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
                        // A quoted field: up to the next quote, which must end the field.
                        let Some(q) = input.get(p + 1..).and_then(find_quote) else {
                            break 'lines;
                        };
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
        if self.first_row.is_none() {
            self.first_row = Some(cells);
        }
        if row >= LIMITS.max_header_search_rows as u64 {
            return Err(super::header_not_found(self.first_row.as_deref()));
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
            v.push(crate::text::normalize(&String::from_utf8_lossy(b)));
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

/// Bytes the separator scan reads per step: a `u64` word, or a 128-bit vector in a module built
/// with wasm SIMD (the loader picks that module where the browser supports SIMD).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const SCAN: usize = 8;
/// Bit `k << MASK_SHIFT` of a separator mask stands for byte `k` of the step.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const MASK_SHIFT: u32 = 3;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
const SCAN: usize = 16;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
const MASK_SHIFT: u32 = 0;

/// The delimiters, `"`, `\n` and `\r` among the eight bytes of `w`: bit 7 of byte `k` of the
/// result is set when `w[k]` is one (little-endian order, so `trailing_zeros() / 8` is the
/// first one's position). An exact per-byte test on one `u64`, so several separators of a word
/// are handled from one mask.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline]
fn separators(w: &[u8; SCAN], d: u8) -> u64 {
    let x = u64::from_le_bytes(*w);
    // The low seven bits of each byte; `(y ^ c) + 0x7F` has bit 7 clear exactly where that
    // byte equals `c` (no carry crosses a byte: both terms are at most 0x7F). Bytes with bit 7
    // set (UTF-8 continuation and lead bytes) are never separators: `| x` clears them.
    let y = x & LOW7;
    let ne = |c: u8| (y ^ (LO * u64::from(c))) + LOW7;
    !((ne(d) & ne(b'"') & ne(b'\n') & ne(b'\r')) | x) & HI
}

/// The same for sixteen bytes with wasm SIMD: bit `k` is set when `w[k]` is a separator.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn separators(w: &[u8; SCAN], d: u8) -> u64 {
    use core::arch::wasm32::{u8x16, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};
    let v = u8x16(
        w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], w[8], w[9], w[10], w[11], w[12], w[13],
        w[14], w[15],
    );
    let eq = |c: u8| u8x16_eq(v, u8x16_splat(c));
    let m = v128_or(v128_or(eq(d), eq(b'"')), v128_or(eq(b'\n'), eq(b'\r')));
    u64::from(u8x16_bitmask(m))
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const LO: u64 = 0x0101_0101_0101_0101;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const HI: u64 = 0x8080_8080_8080_8080;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

/// The position of the first `"` in `b`: `memchr` in the SIMD module; elsewhere eight bytes at
/// a time (without SIMD, wasm's `memchr` reads four), natively too, so that the native tests run
/// the plain module's code.
#[inline]
fn find_quote(b: &[u8]) -> Option<usize> {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        memchr::memchr(b'"', b)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        const Q: u64 = LO * b'"' as u64;
        let mut i = 0;
        while i + 8 <= b.len() {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[i..i + 8]);
            let x = u64::from_le_bytes(w);
            let m = !((((x & LOW7) ^ Q) + LOW7) | x) & HI;
            if m != 0 {
                return Some(i + (m.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        b[i..].iter().position(|&c| c == b'"').map(|p| i + p)
    }
}

#[cfg(test)]
mod tests {
    use super::{find_quote, separators, MASK_SHIFT, SCAN};

    fn naive(w: &[u8; SCAN], d: u8) -> u64 {
        // The mask's bit for byte k: bit 7 of byte k (a word), or bit k (a vector).
        let bit = |k: usize| {
            if MASK_SHIFT == 3 {
                0x80 << (8 * k)
            } else {
                1 << k
            }
        };
        (0..SCAN)
            .filter(|&k| matches!(w[k], b'"' | b'\n' | b'\r') || w[k] == d)
            .fold(0, |m, k| m | bit(k))
    }

    #[test]
    fn separators_match_a_byte_by_byte_test() {
        // Every byte value at every position, over backgrounds with UTF-8 bytes whose low
        // seven bits are separators (0xBB & 0x7F = ';', 0xAC & 0x7F = ','), and separators.
        let mixed = *b",;\t\"\n\r,;a\xbb,\xac;\t\"\n";
        let backgrounds: [[u8; 16]; 6] = [
            [b'a'; 16], [0xBB; 16], [0xAC; 16], [0x80; 16], [0xFF; 16], mixed,
        ];
        for d in [b',', b';', b'\t'] {
            for bg in backgrounds {
                let mut bg8 = [0u8; SCAN];
                bg8.copy_from_slice(&bg[..SCAN]);
                let bg = bg8;
                for k in 0..SCAN {
                    for b in 0..=255u8 {
                        let mut w = bg;
                        w[k] = b;
                        assert_eq!(separators(&w, d), naive(&w, d), "{w:?} {d}");
                    }
                }
            }
        }
    }

    #[test]
    fn find_quote_finds_the_first_quote() {
        for n in 0..40 {
            for at in 0..=n {
                let mut b: Vec<u8> = (0..n).map(|i| [b'a', 0xA2, 0xE1, b','][i % 4]).collect();
                if at < n {
                    b[at] = b'"';
                    if at + 3 < n {
                        b[at + 3] = b'"';
                    }
                }
                assert_eq!(find_quote(&b), (at < n).then_some(at), "{b:?}");
            }
        }
    }
}

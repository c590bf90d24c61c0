//! Shared by `csv_fast_path.rs` (native, property tests) and `stats_wasm.rs` (wasm, both the
//! plain and the SIMD build): a sink that records everything the CSV reader tells it, and a
//! reader run with the fast path on or off over any chunking.

use std::collections::BTreeMap;

use tthc::ingest::csv::CsvStream;
use tthc::ingest::{Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo};

/// Everything the reader tells its sink, in order.
#[derive(Default, Debug, PartialEq)]
pub struct Recorder {
    pub events: Vec<String>,
}

impl RowSink for Recorder {
    fn start(&mut self, header: &HeaderMap, info: &SourceInfo) {
        self.events.push(format!("start {header:?} {info:?}"));
    }
    fn row<R: FieldRow>(&mut self, row: u64, values: &R) {
        let cells: Vec<String> = Field::ALL
            .iter()
            .map(|&f| format!("{:?}", values.get(f)))
            .collect();
        self.events.push(format!("row {row} {cells:?}"));
    }
    fn bad_row(&mut self, row: u64, issue: RowIssue) {
        self.events.push(format!("bad {row} {issue:?}"));
    }
}

/// Reads `bytes` cut at `cuts`, with the fast path on or off.
pub fn read(bytes: &[u8], cuts: &[usize], fast: bool) -> (Recorder, Result<(), String>) {
    let mut stream = CsvStream::new(BTreeMap::new());
    stream.set_fast_path(fast);
    let mut sink = Recorder::default();
    let mut at = 0;
    let mut cuts: Vec<usize> = cuts.iter().map(|&c| c.min(bytes.len())).collect();
    cuts.sort_unstable();
    let result = (|| {
        for c in cuts.iter().copied().chain([bytes.len()]) {
            if c > at {
                stream.push(&bytes[at..c], &mut sink)?;
                at = c;
            }
        }
        stream.finish(&mut sink)
    })();
    (sink, result.map_err(|e| e.to_string()))
}

/// A header row and the short tokens the bodies are made of: delimiters, quotes, escapes, CR,
/// LF, blanks, UTF-8 text whose bytes have a separator's low seven bits.
pub const HEADER: &str = "Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Trạng thái,Hình thức nộp\n";
pub const TOKENS: [&[u8]; 14] = [
    b"a",
    b"S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p",
    b"01/02/2026 08:00",
    b",",
    b";",
    b"\"",
    b"\"\"",
    b"\"x,y\"",
    b"\"l1\nl2\"",
    b"\n",
    b"\r\n",
    b"\r",
    b" ",
    b"\t",
];

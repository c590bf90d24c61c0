//! The CSV reader's fast path (simple lines split in place) against csv-core alone: the same
//! rows, row numbers, cells and row issues for any input and any chunking.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use proptest::prelude::*;
use tthc::ingest::csv::CsvStream;
use tthc::ingest::{Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo};

/// Everything the reader tells its sink, in order.
#[derive(Default, Debug, PartialEq)]
struct Recorder {
    events: Vec<String>,
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

fn read(bytes: &[u8], cuts: &[usize], fast: bool) -> (Recorder, Result<(), String>) {
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

const HEADER: &str = "Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận,Trạng thái,Hình thức nộp\n";

fn body() -> impl Strategy<Value = Vec<u8>> {
    // Short tokens that exercise every branch: delimiters, quotes, escapes, CR, LF, blanks.
    let token = prop_oneof![
        Just(&b"a"[..]),
        Just(&b"S\xe1\xbb\x9f T\xc6\xb0 ph\xc3\xa1p"[..]),
        Just(&b"01/02/2026 08:00"[..]),
        Just(&b","[..]),
        Just(&b";"[..]),
        Just(&b"\""[..]),
        Just(&b"\"\""[..]),
        Just(&b"\"x,y\""[..]),
        Just(&b"\"l1\nl2\""[..]),
        Just(&b"\n"[..]),
        Just(&b"\r\n"[..]),
        Just(&b"\r"[..]),
        Just(&b" "[..]),
        Just(&b"\t"[..]),
    ];
    proptest::collection::vec(token, 0..80).prop_map(|ts| ts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn fast_path_gives_what_csv_core_gives(
        body in body(),
        cuts in proptest::collection::vec(0usize..1500, 0..8),
    ) {
        let mut bytes = HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let (fast, r1) = read(&bytes, &cuts, true);
        let (slow, r2) = read(&bytes, &[], false);
        prop_assert_eq!(r1, r2);
        prop_assert_eq!(fast, slow);
    }
}

#[test]
fn the_fast_path_reads_a_real_shaped_export_like_csv_core() {
    let mut text = String::from(HEADER);
    for i in 0..500 {
        text.push_str(&format!(
            "H42-{i:04},\"Sở Tư pháp, Nghệ An\",0{}/03/2026 08:{:02},Đã trả kết quả,Trực tuyến\r\n",
            1 + i % 9,
            i % 60
        ));
        if i % 97 == 0 {
            text.push_str("\r\n,,,,\r\n\"a \"\"b\"\"\",x,01/03/2026,y,z\r\n");
        }
    }
    let bytes = text.as_bytes();
    for chunk in [7usize, 64, 1000, 1 << 20] {
        let cuts: Vec<usize> = (chunk..bytes.len()).step_by(chunk).collect();
        let (fast, r1) = read(bytes, &cuts, true);
        let (slow, r2) = read(bytes, &[], false);
        assert_eq!(r1, r2);
        assert_eq!(fast, slow, "chunk {chunk}");
        assert!(fast.events.len() > 500);
    }
}

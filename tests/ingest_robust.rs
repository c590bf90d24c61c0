//! One file, one answer: the report of a CSV file does not depend on how it is cut into chunks
//! (encoding, binary check and delimiter are decided on a fixed prefix); runaway quotes are cut
//! and reading resumes; the delimiter is found on the header row below title rows; JSON obeys the
//! column limit; the `sheet` option's error says what a sheet may be.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use proptest::prelude::*;
use tthc::ingest::LIMITS;
use tthc::stats::{analyze, AnalyzeOptions, Analyzer};
use tthc::ErrorKind;

fn opts() -> AnalyzeOptions {
    AnalyzeOptions::for_period("2026-01-01", "2026-01-31")
}

/// The outcome of a file pushed in chunks of `chunk` bytes (0: `analyze` on the whole file):
/// the report as JSON, or the error.
fn outcome(data: &[u8], chunk: usize) -> String {
    let r = if chunk == 0 {
        analyze(data, &opts())
    } else {
        let mut a = Analyzer::new(&opts()).expect("options");
        let pushed = data.chunks(chunk).try_for_each(|c| a.push(c));
        pushed.and_then(|()| a.finish())
    };
    match r {
        Ok(r) => serde_json::to_string(&r).expect("a report serializes"),
        Err(e) => format!("error: {e}"),
    }
}

/// Every chunking gives the same outcome as the whole file; returns it.
fn same_for_every_chunking(data: &[u8]) -> String {
    let whole = outcome(data, 0);
    for chunk in [1, 7, 4096, data.len().max(1)] {
        let got = outcome(data, chunk);
        assert!(
            got == whole,
            "chunks of {chunk} bytes differ from the whole file:\n{got}\n--- whole ---\n{whole}"
        );
    }
    whole
}

fn report(data: &[u8]) -> tthc::stats::Report {
    analyze(data, &opts()).unwrap_or_else(|e| panic!("{e}"))
}

const HEADER: &str = "Mã hồ sơ,Ngày tiếp nhận,Cơ quan giải quyết,Kênh nộp\n";

#[test]
fn windows_1258_in_data_rows_reads_the_same_in_small_chunks() {
    // The header is ASCII; the accented bytes come after the first line (once decided on the
    // first 8-byte chunk: "S�� T� ph�p").
    let mut csv =
        b"MaHoSo,NgayTiepNhan,CoQuanGiaiQuyet\nA1,05/01/2026,S\xF5\xD2 T\xFD pha\xECp\n".to_vec();
    csv.extend_from_slice(b"A2,06/01/2026,S\xF5\xD2 T\xFD pha\xECp\n");
    let whole = same_for_every_chunking(&csv);
    assert!(whole.contains("\"agency\":\"Sở Tư pháp\""), "{whole}");
    for chunk in [8, 3] {
        assert_eq!(outcome(&csv, chunk), whole);
    }
}

#[test]
fn a_windows_1258_word_cut_before_its_tone_mark_reads_the_same() {
    // A run of more than eight letters and marks, cut by a chunk just before a tone mark.
    let name = b"Nghie\xECppppppppp\xECa";
    let mut csv = b"MaHoSo,NgayTiepNhan,CoQuanGiaiQuyet\n".to_vec();
    for i in 0..20 {
        csv.extend_from_slice(format!("A{i},05/01/2026,").as_bytes());
        csv.extend_from_slice(name);
        csv.push(b'\n');
    }
    same_for_every_chunking(&csv);
}

#[test]
fn a_stray_byte_in_a_data_row_gives_one_answer_and_keeps_the_file() {
    for stray in [&b"\xFF"[..], b"\x00", b"\x01\x02"] {
        let mut csv = HEADER.as_bytes().to_vec();
        csv.extend_from_slice("A1,05/01/2026,Sở Tư pháp,Trực tuyến\nA2,05/01/2026,Sở ".as_bytes());
        csv.extend_from_slice(stray);
        csv.extend_from_slice("Y tế,Trực tiếp\nA3,06/01/2026,Sở Tư pháp,1\n".as_bytes());
        let whole = same_for_every_chunking(&csv);
        // A UTF-8 export with one stray byte stays UTF-8 (the stray byte is not a reason to
        // read every accented letter as Windows-1258, nor to refuse the file as binary).
        assert!(whole.contains("\"encoding\":\"utf-8\""), "{whole}");
        assert!(whole.contains("\"agency\":\"Sở Tư pháp\""), "{whole}");
        let r = report(&csv);
        assert_eq!(r.quality.rows, 3);
        assert_eq!(r.totals.received.new, 3);
    }
}

#[test]
fn stray_bytes_beyond_the_prefix_give_the_same_answer_in_any_chunks() {
    // A file longer than the prefix the start is decided on, with stray bytes on both sides.
    let mut csv = HEADER.as_bytes().to_vec();
    let mut i = 0;
    while csv.len() < LIMITS.sniff_bytes + 20_000 {
        let stray: &[u8] = match i % 997 {
            5 => b"\xFF",
            400 => b"\x00",
            _ => b"",
        };
        csv.extend_from_slice(format!("A{i},05/01/2026,Sở ").as_bytes());
        csv.extend_from_slice(stray);
        csv.extend_from_slice("Tư pháp,Trực tuyến\n".as_bytes());
        i += 1;
    }
    let whole = same_for_every_chunking(&csv);
    assert!(whole.contains("\"encoding\":\"utf-8\""));
}

#[test]
fn binary_files_are_refused_in_any_chunks() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend((0..=255u8).cycle().take(20_000));
    let mut noisy = HEADER.as_bytes().to_vec();
    noisy.extend((0..9000).map(|i| if i % 20 == 0 { 0u8 } else { b'a' }));
    for data in [png, noisy] {
        let whole = same_for_every_chunking(&data);
        assert!(whole.starts_with("error: "), "{whole}");
        let e = analyze(&data, &opts()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Ingest, "{e}");
    }
}

#[test]
fn semicolon_and_tab_files_with_title_rows_are_read() {
    for d in [";", "\t", ","] {
        let csv = format!(
            "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ, THÁNG 01/2026\nĐơn vị: Sở Tư pháp, tỉnh Nghệ An\n\n\
             Mã hồ sơ{d}Ngày tiếp nhận{d}Cơ quan giải quyết\nA1{d}05/01/2026{d}Sở Tư pháp\nA2{d}06/01/2026{d}\"Sở Y tế{d} Nghệ An\"\n"
        );
        same_for_every_chunking(csv.as_bytes());
        let r = report(csv.as_bytes());
        assert_eq!(r.quality.source.delimiter.as_deref(), Some(d), "{d:?}");
        assert_eq!(r.quality.source.header_row, 3, "{d:?}");
        assert_eq!(r.totals.received.new, 2, "{d:?}");
        assert_eq!(r.by_agency.len(), 2, "{d:?}");
    }
}

#[test]
fn an_unterminated_quote_is_cut_and_the_rows_after_it_are_read() {
    // The issue's file: `06/01/2026,"Sở B` and then 1,000 rows.
    let mut csv = String::from(HEADER);
    csv.push_str("A0,05/01/2026,Sở Tư pháp,1\n");
    csv.push_str("A1,06/01/2026,\"Sở B,1\n");
    for i in 0..1000 {
        csv.push_str(&format!("B{i},07/01/2026,Sở Y tế,2\n"));
    }
    let whole = same_for_every_chunking(csv.as_bytes());
    let r = report(csv.as_bytes());
    assert_eq!(r.quality.rows, 1002);
    assert_eq!(r.quality.skipped, 1);
    assert_eq!(r.totals.received.new, 1001);
    let p = &r.quality.problems[0];
    assert_eq!(
        (p.code.as_str(), p.row),
        ("unterminatedQuote", 3),
        "{whole}"
    );
    assert!(p.message.contains("ngoặc kép") && p.message_en.contains("quote"));
    // No agency name swallowed the rows.
    assert!(r.by_agency.iter().all(|a| a.agency.len() < 100));
}

#[test]
fn a_quote_left_open_at_the_end_of_the_file_is_reported_and_the_lines_read() {
    let mut csv = String::from(HEADER);
    csv.push_str("A1,06/01/2026,\"Sở B,1\n");
    for i in 0..20 {
        csv.push_str(&format!("B{i},07/01/2026,Sở Y tế,2\n"));
    }
    same_for_every_chunking(csv.as_bytes());
    let r = report(csv.as_bytes());
    assert_eq!(r.quality.rows, 21);
    assert_eq!(r.quality.counts.get("unterminatedQuote"), Some(&1));
    assert_eq!(r.totals.received.new, 20);
}

#[test]
fn a_long_quoted_field_past_the_byte_limit_is_a_runaway() {
    // Few line breaks, many bytes: cut at max_quoted_bytes.
    let mut csv = String::from(HEADER);
    csv.push_str("A1,06/01/2026,\"Sở B\n");
    let long = "x".repeat(LIMITS.max_quoted_bytes / 3);
    for i in 0..5 {
        csv.push_str(&format!("B{i},07/01/2026,{long},2\n"));
    }
    same_for_every_chunking(csv.as_bytes());
    let r = report(csv.as_bytes());
    assert_eq!(r.quality.counts.get("unterminatedQuote"), Some(&1));
    assert_eq!(r.totals.received.new, 5);
}

#[test]
fn quoted_fields_over_a_few_lines_are_still_one_field() {
    let csv = format!("{HEADER}A1,05/01/2026,\"Sở Tư pháp\nPhòng\r\nHành chính\",1\nA2,06/01/2026,\"Sở \"\"Y\"\" tế\",2\n");
    same_for_every_chunking(csv.as_bytes());
    let r = report(csv.as_bytes());
    assert_eq!(r.quality.rows, 2);
    assert_eq!(r.quality.skipped, 0);
    assert!(r
        .by_agency
        .iter()
        .any(|a| a.agency == "Sở Tư pháp Phòng Hành chính"));
    assert!(r.by_agency.iter().any(|a| a.agency == "Sở \"Y\" tế"));
}

#[test]
fn hostile_quotes_cost_linear_time() {
    // Every few lines an opening quote that the next quote, far below, closes: each runaway
    // replays at most the limit, never the file again.
    let mut csv = String::from(HEADER);
    for i in 0..20_000 {
        if i % 150 == 0 {
            csv.push_str("X,05/01/2026,\"open\n");
        } else {
            csv.push_str(&format!("B{i},07/01/2026,Sở Y tế,2\n"));
        }
    }
    let t = std::time::Instant::now();
    let r = report(csv.as_bytes());
    // Generous: a debug build reads this (≈ 600 KB) in well under a second.
    assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    assert!(r.quality.counts.contains_key("unterminatedQuote"));
    assert!(r.totals.received.new > 19_000);
}

#[test]
fn json_rows_obey_the_column_limit() {
    let mut obj = String::from("{\"Mã hồ sơ\":\"A1\",\"Ngày tiếp nhận\":\"2026-01-05\"");
    for i in 0..40_000 {
        obj.push_str(&format!(",\"k{i}\":{i}"));
    }
    obj.push('}');
    let json = format!("[{obj}]");
    let e = analyze(json.as_bytes(), &opts()).expect_err("40k keys are over the limit");
    assert_eq!(e.kind(), ErrorKind::Limit, "{e}");
    assert!(e.to_string().contains("1024"), "{e}");
    assert_eq!(e.row(), Some(2));
    // A later object that wide is a skipped row, like a CSV row.
    let ok = "{\"Mã hồ sơ\":\"A0\",\"Ngày tiếp nhận\":\"2026-01-05\"}";
    let json = format!("[{ok},{obj},{ok}]");
    let r = report(json.as_bytes());
    assert_eq!(r.quality.rows, 3);
    assert_eq!(r.quality.skipped, 1);
    assert_eq!(r.quality.problems[0].code, "tooManyColumns");
    assert_eq!(r.quality.problems[0].row, 3);
    // At the limit: accepted.
    let mut obj = String::from("{\"Mã hồ sơ\":\"A1\",\"Ngày tiếp nhận\":\"2026-01-05\"");
    for i in 2..LIMITS.max_columns {
        obj.push_str(&format!(",\"k{i}\":{i}"));
    }
    obj.push('}');
    assert_eq!(report(format!("[{obj}]").as_bytes()).totals.received.new, 1);
}

#[test]
fn json_with_a_stray_byte_is_read_as_utf8() {
    let mut json =
        "[{\"Mã hồ sơ\":\"A1\",\"Ngày tiếp nhận\":\"2026-01-05\",\"Cơ quan\":\"Sở Tư pháp\"},"
            .as_bytes()
            .to_vec();
    json.extend_from_slice(b"{\"M\xC3\xA3 h\xE1\xBB\x93 s\xC6\xA1\":\"A\xFF2\",\"Ng\xC3\xA0y ti\xE1\xBA\xBFp nh\xE1\xBA\xADn\":\"2026-01-06\"}]");
    let r = report(&json);
    assert_eq!(r.quality.source.encoding.as_deref(), Some("utf-8"));
    assert_eq!(r.totals.received.new, 2);
    assert!(r.by_agency.iter().any(|a| a.agency == "Sở Tư pháp"));
}

#[test]
fn a_bad_sheet_option_says_what_a_sheet_may_be() {
    for bad in ["-1", "1.5", "true", "{}", "[0]"] {
        let text =
            format!(r#"{{"period":{{"from":"2026-01-01","to":"2026-01-31"}},"sheet":{bad}}}"#);
        let e = serde_json::from_str::<AnalyzeOptions>(&text)
            .expect_err(bad)
            .to_string();
        assert!(!e.contains("untagged enum"), "{bad}: {e}");
        assert!(
            e.contains("tên trang tính") && e.contains("số thứ tự"),
            "{bad}: {e}"
        );
        assert!(
            e.contains("sheet name") && e.contains("0-based index"),
            "{bad}: {e}"
        );
    }
    for (good, want) in [
        ("0", "Index(0)"),
        ("2", "Index(2)"),
        ("\"DỮ LIỆU\"", "Name(\"DỮ LIỆU\")"),
    ] {
        let text =
            format!(r#"{{"period":{{"from":"2026-01-01","to":"2026-01-31"}},"sheet":{good}}}"#);
        let o: AnalyzeOptions = serde_json::from_str(&text).expect(good);
        assert_eq!(format!("{:?}", o.sheet.expect("a sheet")), want);
    }
}

/// Pieces of generated files: text in UTF-8 and the same text in Windows-1258 bytes.
const PIECES: [(&str, &[u8]); 12] = [
    ("Sở Tư pháp", b"S\xF5\xD2 T\xFD pha\xECp"),
    ("Trực tuyến", b"Tr\xFD\xF2c tuy\xEA\xECn"),
    ("Trực tiếp", b"Tr\xFD\xF2c ti\xEA\xECp"),
    ("Đang xử lý", b"\xD0ang x\xFD\xD2 ly\xEC"),
    ("05/01/2026", b"05/01/2026"),
    ("06/01/2026 08:30", b"06/01/2026 08:30"),
    ("1", b"1"),
    ("", b""),
    ("\"a,b;c\td\"", b"\"a,b;c\td\""),
    ("\"x\"\"y\"", b"\"x\"\"y\""),
    ("\"Sở\nB\"", b"\"S\xF5\xD2\nB\""),
    ("\"open", b"\"open"),
];

/// A generated file: title rows, a header, rows of pieces, stray bytes, in one encoding.
#[derive(Clone, Debug)]
struct Gen {
    titles: usize,
    delimiter: u8,
    encoding: u8,
    rows: Vec<Vec<usize>>,
    strays: Vec<(usize, u8)>,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        0..3usize,
        prop::sample::select(vec![b',', b';', b'\t']),
        0..5u8,
        prop::collection::vec(prop::collection::vec(0..PIECES.len(), 1..6), 0..25),
        prop::collection::vec(
            (
                0..4000usize,
                prop::sample::select(vec![0u8, 0xFF, 0x01, 0x80, 0xC3]),
            ),
            0..3,
        ),
    )
        .prop_map(|(titles, delimiter, encoding, rows, strays)| Gen {
            titles,
            delimiter,
            encoding,
            rows,
            strays,
        })
}

impl Gen {
    fn bytes(&self) -> Vec<u8> {
        let d = self.delimiter as char;
        let w1258 = self.encoding == 3;
        let mut text: Vec<u8> = Vec::new();
        for t in 0..self.titles {
            text.extend_from_slice(format!("BÁO CÁO HỒ SƠ, PHẦN {t}\n").as_bytes());
        }
        text.extend_from_slice(
            format!("MaHoSo{d}NgayTiepNhan{d}CoQuanGiaiQuyet{d}KenhNop{d}TrangThai\n").as_bytes(),
        );
        for row in &self.rows {
            for (i, &p) in row.iter().enumerate() {
                if i > 0 {
                    text.push(self.delimiter);
                }
                let (utf8, cp) = PIECES[p];
                text.extend_from_slice(if w1258 { cp } else { utf8.as_bytes() });
            }
            text.push(b'\n');
        }
        match self.encoding {
            // UTF-8, UTF-8 with BOM, Windows-1258: stray bytes go in as they are.
            0..=3 => {
                for &(at, b) in &self.strays {
                    let at = at.min(text.len());
                    text.insert(at, b);
                }
                if self.encoding == 1 {
                    text.splice(0..0, [0xEF, 0xBB, 0xBF]);
                }
                text
            }
            // UTF-16 LE with BOM.
            _ => {
                let s = String::from_utf8_lossy(&text);
                let mut out = vec![0xFF, 0xFE];
                out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
                out
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any generated file gives one outcome (report or error) whole and in chunks of 1, 7 and
    /// 4096 bytes.
    #[test]
    fn one_file_one_answer(g in gen()) {
        let data = g.bytes();
        let whole = outcome(&data, 0);
        for chunk in [1usize, 7, 4096, data.len().max(1)] {
            let got = outcome(&data, chunk);
            prop_assert_eq!(&got, &whole, "chunks of {}", chunk);
        }
    }
}

#[test]
fn pages_and_damaged_workbooks_say_what_they_are_in_each_language() {
    // Some systems' ".xls" downloads are HTML tables; a saved web page or an XML file is no table either.
    let html = "\u{FEFF}\n  <!DOCTYPE html><html><body><table><tr><td>Mã hồ sơ</td><td>Ngày tiếp nhận</td></tr></table>";
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "<table><tr><td>Mã hồ sơ</td></tr>"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    for data in [
        html.as_bytes().to_vec(),
        b"<?xml version=\"1.0\"?><rows/>".to_vec(),
        utf16,
    ] {
        let whole = same_for_every_chunking(&data);
        assert!(whole.starts_with("error: "), "{whole}");
        let e = analyze(&data, &opts()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Ingest);
        assert!(e.message().contains("HTML hoặc XML"), "{}", e.message());
        assert!(
            e.message_en().contains("HTML or XML page"),
            "{}",
            e.message_en()
        );
    }
    // A workbook whose end is missing: what to do in Vietnamese, the diagnosis in English only.
    let mut xlsx = b"PK\x03\x04".to_vec();
    xlsx.extend([7u8; 200]);
    let e = analyze(&xlsx, &opts()).unwrap_err();
    assert_eq!(
        e.message(),
        "Tệp XLSX bị hỏng hoặc không đầy đủ: hãy tải lại tệp, hoặc mở bằng Excel rồi lưu lại."
    );
    assert!(
        e.message_en()
            .starts_with("The XLSX file is damaged or incomplete"),
        "{}",
        e.message_en()
    );
    assert!(
        e.message_en()
            .ends_with("no zip directory (the end of the file is missing)"),
        "{}",
        e.message_en()
    );
}

//! A file without a receipt-date column: the error carries the header cells read
//! (`Error::headers`), all of them, as the reader keeps them, in every format and with the file's
//! name in `analyze_files` and `begin_file`; a header taken from that list names the column.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use std::collections::BTreeMap;

use tthc::ingest::LIMITS;
use tthc::stats::{analyze, analyze_files, AnalyzeOptions, Analyzer};
use tthc::{Error, ErrorKind};

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A CSV line of `cells`, quoted where needed.
fn line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains([',', '"']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn with_date_column(header: &str) -> AnalyzeOptions {
    AnalyzeOptions {
        columns: Some(BTreeMap::from([(
            "receivedAt".to_string(),
            header.to_string(),
        )])),
        ..Default::default()
    }
}

const HEAD: [&str; 5] = [
    "Mã hồ sơ",
    "Thời điểm nộp",
    "Cơ quan, đơn vị xử lý",
    "Ghi chú \"nội bộ\"",
    "Trạng thái",
];

fn file() -> String {
    format!(
        "{}\nA1,02/08/2021 09:00,Sở Tư pháp,,Đã trả\n",
        line(&strings(&HEAD))
    )
}

#[test]
fn the_error_lists_the_header_row_and_a_header_from_it_names_the_column() {
    let e = analyze(file().as_bytes(), &AnalyzeOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Ingest);
    assert_eq!(e.field(), Some("receivedAt"));
    assert_eq!(e.headers(), Some(strings(&HEAD).as_slice()));
    let r = analyze(
        file().as_bytes(),
        &with_date_column(&e.headers().unwrap()[1]),
    )
    .unwrap();
    assert_eq!(r.totals.received.total, 1);
}

#[test]
fn title_rows_above_are_not_taken_for_the_header() {
    let csv = format!(
        "BÁO CÁO DANH SÁCH HỒ SƠ\nTừ ngày 01/08/2021 đến ngày 31/08/2021\n\n{}",
        file()
    );
    let e = analyze(csv.as_bytes(), &AnalyzeOptions::default()).unwrap_err();
    assert_eq!(e.headers(), Some(strings(&HEAD).as_slice()));
    // 30 rows searched, the header below title rows and above data rows that fill fewer cells.
    let mut csv = "Báo cáo\n".to_string();
    csv.push_str(&line(&strings(&HEAD)));
    csv.push('\n');
    for i in 0..40 {
        csv.push_str(&format!("A{i},01/08/2021,,,\n"));
    }
    let e = analyze(csv.as_bytes(), &AnalyzeOptions::default()).unwrap_err();
    assert_eq!(e.headers(), Some(strings(&HEAD).as_slice()));
}

#[test]
fn every_header_is_there_however_many_and_however_long_within_the_stated_bounds() {
    assert_eq!(Error::MAX_HEADERS, LIMITS.max_columns);
    assert_eq!(Error::MAX_HEADER_BYTES, LIMITS.max_kept_text_bytes);
    let long = format!(
        "Thời điểm nộp hồ sơ tại bộ phận một cửa ({})",
        "ngày, giờ, phút ".repeat(30)
    );
    assert!(long.len() > 256);
    let mut head: Vec<String> = (1..=LIMITS.max_columns)
        .map(|i| format!("Cột {i}"))
        .collect();
    head[700] = long.clone();
    let mut row = vec![String::new(); head.len()];
    row[0] = "A1".into();
    row[700] = "02/08/2021 09:00".into();
    let csv = format!("{}\n{}\n", line(&head), line(&row));
    let e = analyze(csv.as_bytes(), &AnalyzeOptions::default()).unwrap_err();
    let got = e.headers().unwrap();
    assert_eq!(got.len(), LIMITS.max_columns);
    assert_eq!(got[..700], head[..700]);
    assert_eq!(got[701..], head[701..]);
    let kept = &got[700];
    assert!(
        kept.len() <= 256 && kept.len() > 250 && kept.ends_with('…'),
        "{kept}"
    );
    assert!(long.starts_with(kept.trim_end_matches('…')));
    // The message stays short; picking the long header names the column.
    assert!(e.message_en().len() < 2000, "{}", e.message_en().len());
    let r = analyze(csv.as_bytes(), &with_date_column(kept)).unwrap();
    assert_eq!(r.totals.received.total, 1);
}

#[test]
fn json_keys_are_listed_and_bounded() {
    let long = "k".repeat(5000);
    let json =
        format!("[{{\"Mã hồ sơ\": \"A1\", \"Thời điểm nộp\": \"02/08/2021\", \"{long}\": 1}}]");
    let e = analyze(json.as_bytes(), &AnalyzeOptions::default()).unwrap_err();
    let h = e.headers().unwrap();
    assert_eq!(h.len(), 3);
    assert!(h.contains(&"Mã hồ sơ".to_string()) && h.contains(&"Thời điểm nộp".to_string()));
    assert!(h.iter().all(|x| x.len() <= Error::MAX_HEADER_BYTES));
}

#[test]
fn xlsx_lists_the_header_row_of_the_data_sheet_not_the_title_of_a_sheet_before_it() {
    // definitions.xlsx with "Ngày tiếp nhận" renamed (tests/fixtures/make_no_date_xlsx.py): a notes
    // sheet with one title cell, then the data sheet with title rows above its header.
    let p = format!(
        "{}/tests/fixtures/definitions-no-date.xlsx",
        env!("CARGO_MANIFEST_DIR")
    );
    let xlsx = std::fs::read(&p).unwrap();
    let e = analyze(&xlsx, &AnalyzeOptions::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Ingest);
    assert_eq!(e.field(), Some("sheet Danh sách hồ sơ"));
    let head = [
        "STT",
        "Mã hồ sơ",
        "Mã thủ tục",
        "Tên thủ tục",
        "Lĩnh vực",
        "Cơ quan giải quyết",
        "Thời điểm nộp",
        "Ngày hẹn trả",
        "Ngày có kết quả",
        "Ngày trả kết quả",
        "Hình thức nộp",
        "Hình thức nhận kết quả",
        "Trạng thái",
        "Số lần bổ sung",
    ];
    assert_eq!(e.headers(), Some(strings(&head).as_slice()));
    // The header picked gives the report of the original workbook.
    let original = std::fs::read(p.replace("-no-date", "")).unwrap();
    let period = AnalyzeOptions::for_period("2021-08-15", "2021-09-15");
    let picked = AnalyzeOptions {
        columns: with_date_column("Thời điểm nộp").columns,
        ..period.clone()
    };
    let (a, b) = (
        analyze(&xlsx, &picked).unwrap(),
        analyze(&original, &period).unwrap(),
    );
    assert_eq!(a.totals, b.totals);
    assert_eq!(a.by_agency, b.by_agency);
}

#[test]
fn a_named_file_keeps_its_name_and_its_headers() {
    let good = "Mã hồ sơ,Ngày tiếp nhận\nB1,01/08/2021 08:00\n";
    let bad = file();
    let e = analyze_files(
        &[
            ("thang-7.csv", good.as_bytes()),
            ("thang-8.csv", bad.as_bytes()),
        ],
        &AnalyzeOptions::default(),
    )
    .unwrap_err();
    assert!(e.message().contains("thang-8.csv") && e.message_en().contains("thang-8.csv"));
    assert_eq!(e.field(), Some("receivedAt"));
    assert_eq!(e.headers(), Some(strings(&HEAD).as_slice()));
    // Streamed: the error comes at finish().
    let mut a = Analyzer::new(&AnalyzeOptions::default()).unwrap();
    a.begin_file("thang-8.csv").unwrap();
    for c in bad.as_bytes().chunks(7) {
        a.push(c).unwrap();
    }
    let e = a.finish().unwrap_err();
    assert!(e.message().contains("thang-8.csv"));
    assert_eq!(e.headers(), Some(strings(&HEAD).as_slice()));
}

#[test]
fn other_errors_carry_no_headers() {
    for bytes in [
        &b""[..],
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\x00\x01",
        b"{\"a\": 1}",
    ] {
        let e = analyze(bytes, &AnalyzeOptions::default()).unwrap_err();
        assert_eq!(e.headers(), None, "{e}");
    }
    let bad_period = AnalyzeOptions::for_period("2021-09-15", "2021-08-15");
    let e = analyze(file().as_bytes(), &bad_period).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Options);
    assert_eq!(e.headers(), None);
    // A `columns` entry naming no header of the file: the header is still not found, and listed.
    let e = analyze(file().as_bytes(), &with_date_column("Không có")).unwrap_err();
    assert_eq!(e.headers(), Some(strings(&HEAD).as_slice()));
}

//! The XLSX reader (src/ingest/xlsx/) against calamine, the reference parser, and against the
//! values written into the hand-made edge-case workbook (tests/fixtures/make_xlsx_edge_cases.py).
//!
//! For each workbook, every field of every row our reader hands to the sink is compared with
//! the cell calamine reads at the same place, and the rows calamine sees with any value after
//! the header are exactly the rows we report (nothing dropped, nothing invented). Then the
//! reader is run on every prefix-cut and many corrupted copies of each file: an error or a
//! report, never a panic.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx};
use tthc::ingest::xlsx::{read, SheetRef};
use tthc::ingest::{Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo};

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

/// A cell with owned text, comparable.
#[derive(Clone, Debug, PartialEq)]
enum V {
    Empty,
    Text(String),
    Number(f64),
    Serial(f64),
    Bool(bool),
}

fn owned(c: Cell<'_>) -> V {
    match c {
        Cell::Empty => V::Empty,
        Cell::Text(t) => V::Text(String::from_utf8(t.to_vec()).expect("UTF-8 text")),
        Cell::Number(n) => V::Number(n),
        Cell::Serial(n) => V::Serial(n),
        Cell::Bool(b) => V::Bool(b),
    }
}

#[derive(Default)]
struct Recorder {
    columns: Vec<(Field, usize)>,
    width: usize,
    info: Option<SourceInfo>,
    rows: Vec<(u64, Vec<(Field, V)>)>,
    bad: Vec<(u64, RowIssue)>,
}

impl RowSink for Recorder {
    fn start(&mut self, header: &HeaderMap, info: &SourceInfo) {
        self.columns = Field::ALL
            .iter()
            .filter_map(|&f| header.column(f).map(|c| (f, c)))
            .collect();
        self.width = header.width();
        self.info = Some(info.clone());
    }
    fn row<R: FieldRow>(&mut self, row: u64, values: &R) {
        let cells = self
            .columns
            .iter()
            .map(|&(f, _)| (f, owned(values.get(f))))
            .collect();
        self.rows.push((row, cells));
    }
    fn bad_row(&mut self, row: u64, issue: RowIssue) {
        self.bad.push((row, issue));
    }
}

fn ours(bytes: &[u8]) -> Recorder {
    let mut r = Recorder::default();
    read(bytes, None, &BTreeMap::new(), &mut r).expect("our reader reads the workbook");
    r
}

/// calamine's cell as our reader reports it (what tthc's earlier calamine-based reader did),
/// except for the `Z` of ISO dates, which is the time shown in Excel, LibreOffice and SheetJS,
/// not UTC: a `t="d"` cell (calamine's `DateTimeIso`) is its text without the `Z` and without a
/// time of 00:00, and a text in a date column loses its final `Z`.
fn theirs(d: Option<&Data>, is_1904: bool, date_field: bool) -> V {
    let c = match d {
        Some(Data::DateTimeIso(s)) => {
            let s = s.strip_suffix('Z').unwrap_or(s);
            let midnight = s.len() > 10
                && s[10..]
                    .trim_start_matches('T')
                    .trim_matches(['0', ':', '.'])
                    .is_empty();
            Cell::text(if midnight {
                &s.as_bytes()[..10]
            } else {
                s.as_bytes()
            })
        }
        Some(Data::String(s)) if date_field && s.len() > 16 && s.as_bytes()[10] == b'T' => {
            Cell::text(s.strip_suffix('Z').unwrap_or(s).as_bytes())
        }
        None | Some(Data::Empty) | Some(Data::Error(_)) => Cell::Empty,
        Some(Data::Int(i)) => Cell::Number(*i as f64),
        Some(Data::Float(f)) => Cell::Number(*f),
        Some(Data::Bool(b)) => Cell::Bool(*b),
        Some(Data::DateTime(dt)) => {
            let v = dt.as_f64();
            Cell::Serial(if is_1904 { v + 1462.0 } else { v })
        }
        Some(Data::String(s)) | Some(Data::DurationIso(s)) => Cell::text(s.as_bytes()),
    };
    owned(c)
}

/// Compares our reader with calamine on `name`; returns our recording.
fn same_as_calamine(name: &str) -> Recorder {
    let bytes = fixture(name);
    let got = ours(&bytes);
    let info = got.info.clone().expect("a header row");
    let sheet = info.sheet.clone().expect("a sheet name");
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(&bytes[..])).expect("calamine opens it");
    let is_1904 = wb.has_1904_epoch();
    let range = wb
        .worksheet_range(&sheet)
        .expect("calamine reads the sheet");
    let header_row = info.header_row;
    for (row, cells) in &got.rows {
        for ((f, v), &(_, col)) in cells.iter().zip(&got.columns) {
            let want = theirs(
                range.get_value(((row - 1) as u32, col as u32)),
                is_1904,
                f.is_date(),
            );
            assert_eq!(v, &want, "{name}: row {row}, field {f:?}, column {col}");
        }
    }
    // The rows after the header with any value, as calamine sees them.
    let mut with_values: Vec<u64> = Vec::new();
    if let Some((end_row, _)) = range.end() {
        for r in header_row as u32..=end_row {
            let (_, end_col) = range.end().unwrap_or((0, 0));
            let any =
                (0..=end_col).any(|c| !matches!(range.get_value((r, c)), None | Some(Data::Empty)));
            if any {
                with_values.push(u64::from(r) + 1);
            }
        }
    }
    let mut reported: Vec<u64> = got.rows.iter().map(|r| r.0).collect();
    reported.extend(got.bad.iter().map(|b| b.0));
    reported.sort_unstable();
    assert_eq!(reported, with_values, "{name}: the rows with values");
    got
}

#[test]
fn openpyxl_workbook_matches_calamine() {
    let got = same_as_calamine("definitions.xlsx");
    assert_eq!(got.rows.len(), 21);
}

#[test]
fn sheetjs_workbook_matches_calamine() {
    let got = same_as_calamine("export-sheetjs.xlsx");
    assert_eq!(got.rows.len(), 200);
    assert_eq!(got.info.unwrap().sheet.as_deref(), Some("Danh sách hồ sơ"));
}

/// The same table written by eleven writers (tests/fixtures/xlsx-writers/generate.sh).
#[test]
fn every_writer_fixture_matches_calamine() {
    for name in [
        "openpyxl",
        "xlsxwriter",
        "xlsxwriter-constant-memory",
        "pandas-openpyxl",
        "pandas-xlsxwriter",
        "exceljs",
        "exceljs-stream",
        "sheetjs",
        "sheetjs-celldates",
        "sheetjs-booksst",
        "libreoffice",
    ] {
        let got = same_as_calamine(&format!("xlsx-writers/{name}.xlsx"));
        assert_eq!(got.rows.len(), 44, "{name}");
    }
}

fn text(s: &str) -> V {
    V::Text(s.to_string())
}

#[test]
fn edge_case_workbook_matches_calamine_and_the_written_values() {
    let got = same_as_calamine("xlsx-edge-cases.xlsx");
    let info = got.info.clone().unwrap();
    assert_eq!(info.sheet.as_deref(), Some("Dữ liệu"));
    assert_eq!(info.header_row, 4);
    assert_eq!(info.format, "xlsx");
    // Header: Mã hồ sơ, Ngày tiếp nhận, Cơ quan giải quyết (rich text; phonetic run left out),
    // Trạng thái, Ngày hẹn trả, Hình thức nộp.
    let mut fields: Vec<Field> = got.columns.iter().map(|c| c.0).collect();
    fields.sort();
    let mut want = vec![
        Field::Id,
        Field::Agency,
        Field::ReceivedAt,
        Field::DueAt,
        Field::Channel,
        Field::Status,
    ];
    want.sort();
    assert_eq!(fields, want);
    let get = |row: u64, f: Field| -> V {
        let (_, cells) = got.rows.iter().find(|r| r.0 == row).expect("row");
        cells.iter().find(|c| c.0 == f).expect("field").1.clone()
    };
    let d1904 = 1462.0;
    // Row 5: cells without r attributes.
    assert_eq!(get(5, Field::Id), text("H_x0031_"));
    assert_eq!(get(5, Field::ReceivedAt), V::Serial(45000.5 + d1904));
    assert_eq!(get(5, Field::Agency), text("Sở Tư pháp"));
    assert_eq!(get(5, Field::Status), text("Đang xử lý"));
    assert_eq!(get(5, Field::DueAt), V::Serial(45010.0 + d1904));
    assert_eq!(get(5, Field::Channel), text("Trực <tuyến>"));
    // Row 6: a row without r; a formula string with an entity and an OOXML escape; t="d"
    // with a Z (the time written, the Z left out); an error cell; a boolean.
    assert_eq!(get(6, Field::Id), text("H2 & co")); // trimmed
    assert_eq!(get(6, Field::ReceivedAt), text("2023-05-01T08:30:00.000"));
    assert_eq!(get(6, Field::Agency), text("UBND xã & phường\r Vinh"));
    assert_eq!(get(6, Field::Status), text("Đã trả kết quả"));
    assert_eq!(get(6, Field::DueAt), V::Empty);
    assert_eq!(get(6, Field::Channel), V::Bool(true));
    // Row 7: a custom format with quoted text and a day is a date; #,##0.00 is not.
    assert_eq!(get(7, Field::Id), text("H3"));
    assert_eq!(get(7, Field::ReceivedAt), V::Serial(45001.0 + d1904));
    assert_eq!(get(7, Field::Agency), text("Sở Xây dựng"));
    assert_eq!(get(7, Field::Status), V::Empty);
    assert_eq!(get(7, Field::DueAt), V::Number(45002.25));
    assert_eq!(get(7, Field::Channel), V::Bool(false));
    // Row 8: a number without a type; a colour format is not a date; an empty <v/>;
    // rich inline text.
    assert_eq!(get(8, Field::Id), V::Number(1234.0));
    assert_eq!(get(8, Field::ReceivedAt), V::Number(45003.0));
    assert_eq!(get(8, Field::Agency), V::Empty);
    assert_eq!(get(8, Field::DueAt), V::Empty);
    assert_eq!(get(8, Field::Channel), text("Qua mạng"));
    // Rows 9 and 10 are empty (not reported); row 11 has a value beyond the header only
    // in Z, and values in A and B.
    assert_eq!(get(11, Field::Id), text("H5"));
    assert_eq!(get(11, Field::ReceivedAt), V::Serial(45004.75 + d1904));
    // An ISO text with a Z: the time written in a date column, kept as it is elsewhere.
    assert_eq!(get(11, Field::DueAt), text("2023-05-03T17:00:00"));
    assert_eq!(get(11, Field::Agency), text("2023-05-03T17:00:00Z"));
    let rows: Vec<u64> = got.rows.iter().map(|r| r.0).collect();
    assert_eq!(rows, [5, 6, 7, 8, 11]);
}

#[test]
fn blank_rows_above_the_header_do_not_use_up_the_header_search() {
    // 45 formatted rows without cells, then the header on row 46 (the search covers 30 rows
    // that have cells).
    let got = same_as_calamine("xlsx-blank-rows.xlsx");
    assert_eq!(got.info.as_ref().unwrap().header_row, 46);
    let rows: Vec<u64> = got.rows.iter().map(|r| r.0).collect();
    assert_eq!(rows, [47, 48]);
}

#[test]
fn sheets_are_chosen_by_name_or_index() {
    let bytes = fixture("xlsx-edge-cases.xlsx");
    let mut r = Recorder::default();
    let by_name = SheetRef::Name("DỮ LIỆU".into());
    read(&bytes, Some(&by_name), &BTreeMap::new(), &mut r).unwrap();
    assert_eq!(r.rows.len(), 5);
    let mut r = Recorder::default();
    let e = read(&bytes, Some(&SheetRef::Index(0)), &BTreeMap::new(), &mut r).unwrap_err();
    assert!(e.to_string().contains("sheet Ghi chú & tiêu đề"), "{e}");
    let e = read(&bytes, Some(&SheetRef::Index(5)), &BTreeMap::new(), &mut r).unwrap_err();
    assert!(e.to_string().contains("Dữ liệu"), "{e}");
}

/// Every prefix of the file and copies with bytes flipped: a clear error or rows, never a
/// panic, and never more rows than the whole file has.
#[test]
fn cut_and_corrupted_workbooks_give_errors_not_panics() {
    for name in ["xlsx-edge-cases.xlsx", "definitions.xlsx"] {
        let bytes = fixture(name);
        let full = ours(&bytes).rows.len();
        for cut in (0..bytes.len()).step_by(13) {
            let mut r = Recorder::default();
            if read(&bytes[..cut], None, &BTreeMap::new(), &mut r).is_ok() {
                assert!(r.rows.len() <= full, "{name} cut at {cut}");
            }
        }
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..1000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut b = bytes.clone();
            let i = (seed % b.len() as u64) as usize;
            b[i] ^= (seed >> 32) as u8 | 1;
            let mut r = Recorder::default();
            let _ = read(&b, None, &BTreeMap::new(), &mut r);
        }
    }
}

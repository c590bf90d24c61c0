//! One table of 44 dossiers written by every common XLSX writer (openpyxl, XlsxWriter also with
//! `constant_memory`, pandas with both engines, ExcelJS also streaming, SheetJS also with
//! `cellDates` and `bookSST`, LibreOffice) and as a one-stop CSV export: every file gives the
//! identical report. The files and the script that wrote them are in
//! tests/fixtures/xlsx-writers/ (generate.sh; table.py says what each row tests).
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use tthc::ingest::SourceInfo;
use tthc::stats::{analyze, AnalyzeOptions, Report};

const WORKBOOKS: [&str; 11] = [
    "openpyxl.xlsx",
    "xlsxwriter.xlsx",
    "xlsxwriter-constant-memory.xlsx",
    "pandas-openpyxl.xlsx",
    "pandas-xlsxwriter.xlsx",
    "exceljs.xlsx",
    "exceljs-stream.xlsx",
    "sheetjs.xlsx",
    "sheetjs-celldates.xlsx",
    "sheetjs-booksst.xlsx",
    "libreoffice.xlsx",
];

fn fixture(name: &str) -> Vec<u8> {
    let p = format!(
        "{}/tests/fixtures/xlsx-writers/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

fn june() -> AnalyzeOptions {
    AnalyzeOptions::for_period("2021-06-01", "2021-06-30")
}

fn report(name: &str, options: &AnalyzeOptions) -> Report {
    analyze(&fixture(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The report as JSON lines, without what names the file's format (CSV or XLSX, encoding,
/// sheet, header row; in `quality.source` and each of `quality.sources`): everything else must
/// be the same whatever wrote the file.
fn comparable(mut r: Report) -> Vec<String> {
    r.quality.source = SourceInfo {
        format: String::new(),
        encoding: None,
        delimiter: None,
        sheet: None,
        header_row: 0,
    };
    for source in &mut r.quality.sources {
        source.format.clear();
        source.encoding = None;
        source.sheet = None;
        source.header_row = 0;
    }
    serde_json::to_string_pretty(&r)
        .expect("a report serialises")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Panics with the first lines where `got` differs from `want`.
fn assert_same(name: &str, got: &[String], want: &[String]) {
    let diffs: Vec<String> = got
        .iter()
        .zip(want)
        .enumerate()
        .filter(|(_, (g, w))| g != w)
        .take(8)
        .map(|(i, (g, w))| format!("line {}: got {} / CSV {}", i + 1, g.trim(), w.trim()))
        .collect();
    assert!(
        diffs.is_empty() && got.len() == want.len(),
        "{name}: the report differs from the CSV's ({} lines vs {}):\n{}",
        got.len(),
        want.len(),
        diffs.join("\n")
    );
}

#[test]
fn every_writer_gives_the_report_of_the_csv() {
    for options in [
        june(),
        AnalyzeOptions::for_period("2021-05-15", "2021-07-15"),
        // No period: the months the receipts span.
        AnalyzeOptions::default(),
    ] {
        let want = comparable(report("dossiers.csv", &options));
        for name in WORKBOOKS {
            let r = report(name, &options);
            assert_eq!(r.quality.source.format, "xlsx", "{name}");
            assert_eq!(
                r.quality.source.sheet.as_deref(),
                Some("Danh sách hồ sơ"),
                "{name}"
            );
            assert_same(name, &comparable(r), &want);
        }
    }
}

/// The figures of the June report, worked out row by row in table.py's comments.
#[test]
fn the_june_report_counts_each_row_where_it_belongs() {
    let r = report("sheetjs-celldates.xlsx", &june());
    let t = &r.totals;
    assert_eq!(r.quality.rows, 44);
    assert_eq!(r.quality.skipped, 0);
    assert!(r.quality.problems.is_empty(), "{:?}", r.quality.problems);
    // Five carried over from May (a sixth ended in May); 35 new, among them the receipt at
    // 20:00 on 30/06 (in July if its time were read as UTC); three July receipts outside.
    assert_eq!(t.received.carried_over, 5);
    assert_eq!(t.received.new, 35);
    assert_eq!(t.received.in_person, 12);
    assert_eq!(t.received.online, 17);
    assert_eq!(t.received.postal, 6);
    assert_eq!(r.quality.outside_period, 4);
    assert_eq!(
        r.data_span.first_received_at.as_deref(),
        Some("2021-05-20T08:00:00+07:00")
    );
    assert_eq!(
        r.data_span.last_received_at.as_deref(),
        Some("2021-07-05T09:00:00+07:00")
    );
    // Thirteen on time, among them four finished on the due day at 17:00 or just before
    // (early if 17:00 were read as 00:00 the next day) and one with a due date without time.
    assert_eq!(t.resolved.early, 9);
    assert_eq!(t.resolved.on_time, 13);
    assert_eq!(t.resolved.late, 5);
    assert_eq!(t.resolved.unclassified, 1);
    assert_eq!(t.resolved.total, 28);
    assert_eq!(t.resolved.on_time_rate, Some(81.48));
    assert_eq!(t.resolved.refused_or_stopped, 1);
    assert_eq!(t.pending.within_deadline, 10);
    assert_eq!(t.pending.overdue, 2);
    assert_eq!(t.pending.total, 12);
    assert_eq!(t.online_rate, Some(48.57));
    // Codes stay text: 2.000880 would read 2.00088 as a number.
    let codes: Vec<&str> = r
        .by_procedure
        .iter()
        .map(|p| p.procedure_code.as_str())
        .collect();
    for code in ["1.003605", "2.000880", "1.004227", "1.001090", "2.001955"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }
    let agencies: Vec<&str> = r.by_agency.iter().map(|a| a.agency.as_str()).collect();
    assert!(
        agencies.contains(&"Sở Lao động - Thương binh và Xã hội"),
        "{agencies:?}"
    );
}

/// The last day of June counts the dossier received at 20:00 that day; July does not.
#[test]
fn a_receipt_at_20_00_on_30_june_stays_in_june() {
    for name in ["sheetjs-celldates.xlsx", "dossiers.csv", "exceljs.xlsx"] {
        let last_day = report(
            name,
            &AnalyzeOptions::for_period("2021-06-30", "2021-06-30"),
        );
        assert_eq!(last_day.totals.received.new, 3, "{name}");
        let july = report(
            name,
            &AnalyzeOptions::for_period("2021-07-01", "2021-07-31"),
        );
        assert_eq!(july.totals.received.new, 3, "{name}");
    }
}

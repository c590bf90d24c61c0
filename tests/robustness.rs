//! Robustness: the stated limits are enforced with clear errors (or a described skipped row), hostile inputs end in an
//! error instead of a panic or a hang, and one analyzer/validator serves many calls without growing.
//! The fuzz targets (fuzz/) explore further; their crashes, once fixed, are replayed here (`fuzz_regressions`).
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]
use tthc::ingest::{Format, LIMITS};
use tthc::stats::{analyze, AnalyzeOptions, Analyzer};
use tthc::ErrorKind;

fn opts() -> AnalyzeOptions {
    AnalyzeOptions::for_period("2026-01-01", "2026-01-31")
}

const HEADER: &str = "Mã hồ sơ,Tên thủ tục,Cơ quan giải quyết,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Hình thức nộp\r\n";
const ROW: &str = "HS-1,Đăng ký khai sinh,UBND phường Thành Vinh,05/01/2026 08:00,05/01/2026 17:00,05/01/2026 10:00,Trực tiếp\r\n";

#[test]
fn the_limits_are_the_documented_ones() {
    assert_eq!(LIMITS.max_buffered_bytes, 512 * 1024 * 1024);
    assert_eq!(LIMITS.max_row_bytes, 1024 * 1024);
    assert_eq!(LIMITS.max_columns, 1024);
    assert_eq!(LIMITS.max_json_depth, 32);
}

#[test]
fn a_row_longer_than_the_limit_is_skipped_and_described_and_the_rest_counted() {
    let long = "x".repeat(LIMITS.max_row_bytes + 10);
    let other = ROW.replace("HS-1", "HS-4");
    let csv =
        format!("{HEADER}{ROW}HS-2,{long},Sở Tư pháp,05/01/2026 08:00,,,Trực tiếp\r\n{other}");
    let r = analyze(csv.as_bytes(), &opts()).expect("a long row is not fatal");
    assert_eq!(r.quality.rows, 3);
    assert_eq!(r.quality.skipped, 1);
    assert_eq!(r.totals.received.total, 2);
    let p = r
        .quality
        .problems
        .iter()
        .find(|p| p.code == "rowTooLong")
        .expect("rowTooLong problem");
    assert_eq!(p.row, 3, "row numbers as a spreadsheet shows them");
    assert!(p.message.contains("MiB"), "{}", p.message);
}

#[test]
fn a_header_with_too_many_columns_is_a_limit_error() {
    let mut csv = String::from("Mã hồ sơ,Ngày tiếp nhận");
    for i in 0..LIMITS.max_columns + 5 {
        csv.push_str(&format!(",c{i}"));
    }
    csv.push_str("\r\n1,05/01/2026\r\n");
    let e = analyze(csv.as_bytes(), &opts()).expect_err("too many header columns");
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.to_string().contains("1024"), "{e}");
}

#[test]
fn a_data_row_with_too_many_columns_is_skipped() {
    let extra = ",".repeat(LIMITS.max_columns + 5);
    let csv = format!("{HEADER}{ROW}HS-3,a,b,05/01/2026 08:00{extra}\r\n");
    let r = analyze(csv.as_bytes(), &opts()).expect("one wide row is not fatal");
    assert_eq!(r.totals.received.total, 1);
    assert!(
        r.quality
            .problems
            .iter()
            .any(|p| p.code == "tooManyColumns"),
        "{:?}",
        r.quality.problems
    );
}

#[test]
fn json_deeper_than_the_limit_is_refused_without_overflowing_the_stack() {
    // nested inside a record: the record is skipped and described
    let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let json = format!(
        r#"[{{"Mã hồ sơ":"1","Ngày tiếp nhận":"2026-01-05","x":{deep}}},{{"Mã hồ sơ":"2","Ngày tiếp nhận":"2026-01-06"}}]"#
    );
    let r = analyze(json.as_bytes(), &opts()).expect("a deep record is skipped, not fatal");
    assert_eq!(r.totals.received.total, 1);
    assert_eq!(r.quality.skipped, 1);
    // absurdly deep: an error, not a stack overflow
    let absurd = format!("[{}{}]", "[".repeat(100_000), "]".repeat(100_000));
    let mut o = opts();
    o.format = Some(Format::Json);
    assert!(analyze(absurd.as_bytes(), &o).is_err());
}

#[test]
fn garbage_of_every_kind_is_an_error_not_a_panic() {
    let mut o = opts();
    let inputs: Vec<Vec<u8>> = vec![
        vec![],
        b"PK\x03\x04garbage".to_vec(),
        vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        vec![0xFF, 0xFE, 0x00],
        (0..=255u8).cycle().take(70_000).collect(),
        b"[{".to_vec(),
        b"\"unterminated,quote\r\n".repeat(1000),
        "\u{feff}".repeat(10).into_bytes(),
    ];
    for input in &inputs {
        for format in [
            None,
            Some(Format::Csv),
            Some(Format::Xlsx),
            Some(Format::Json),
        ] {
            o.format = format;
            let _ = analyze(input, &o);
            if let Ok(mut a) = Analyzer::new(&o) {
                for c in input.chunks(7) {
                    if a.push(c).is_err() {
                        break;
                    }
                }
                let _ = a.finish();
            }
        }
    }
}

#[test]
fn a_finished_analyzer_refuses_more_work_with_an_error() {
    let mut a = Analyzer::new(&opts()).expect("analyzer");
    a.push(format!("{HEADER}{ROW}").as_bytes()).expect("push");
    a.finish().expect("report");
    assert!(a.push(ROW.as_bytes()).is_err());
    assert!(a.finish().is_err());
}

#[test]
#[ignore = "allocates 512 MiB; run with `cargo test --test robustness -- --ignored`"]
fn a_buffered_file_larger_than_the_limit_is_a_limit_error() {
    let mut o = opts();
    o.format = Some(Format::Json);
    let mut a = Analyzer::new(&o).expect("analyzer");
    let chunk = vec![b' '; 1 << 20];
    let mut err = None;
    for _ in 0..(LIMITS.max_buffered_bytes >> 20) + 2 {
        if let Err(e) = a.push(&chunk) {
            err = Some(e);
            break;
        }
    }
    let e = err.expect("the limit is enforced while pushing");
    assert_eq!(e.kind(), ErrorKind::Limit);
}

/// Inputs found by `cargo fuzz` (fuzz/artifacts, copied to fuzz/regressions) that once failed: each must now be handled without a panic.
#[test]
fn fuzz_regressions() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for e in entries.flatten() {
        let data = std::fs::read(e.path()).expect("read regression input");
        let _ = analyze(&data, &opts());
        let s = String::from_utf8_lossy(&data);
        let _ = tthc::datetime::parse_datetime(&s, "f");
    }
}

/// The two chunk-boundary differences the fuzzer found on malformed input (the order of
/// equal-count unknown values; a tone mark of a Windows-1258 file cut from its letter) are
/// fixed: each regression input gives the same report, byte for byte, at every split point.
#[test]
fn fuzz_regressions_give_the_same_report_at_every_split_point() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    for name in ["unknown-values-order.csv", "problem-message-nfc-split.csv"] {
        let data = std::fs::read(dir.join(name)).expect("read regression input");
        // As the fuzz target that found them (ingest_csv): the format is given.
        let mut o = opts();
        o.format = Some(Format::Csv);
        let whole = analyze(&data, &o).map(|r| serde_json::to_string(&r).unwrap_or_default());
        assert!(whole.is_ok(), "{name}: {whole:?}");
        for cut in 1..data.len() {
            let mut a = Analyzer::new(&o).expect("options");
            let streamed = a
                .push(&data[..cut])
                .and_then(|()| a.push(&data[cut..]))
                .and_then(|()| a.finish())
                .map(|r| serde_json::to_string(&r).unwrap_or_default());
            match (&whole, &streamed) {
                (Ok(w), Ok(s)) => assert_eq!(w, s, "{name} cut at {cut}"),
                (w, s) => assert_eq!(w.is_ok(), s.is_ok(), "{name} cut at {cut}: {s:?}"),
            }
        }
    }
}

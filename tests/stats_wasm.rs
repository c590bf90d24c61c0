//! wasm-bindgen tests of the statistics binding (`wasm-pack test --node -- --test stats_wasm`):
//! options from plain JS objects, a plain-object report, streaming, exports, errors that leave
//! the instance usable.
#![cfg(target_arch = "wasm32")]

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn prop(v: &JsValue, k: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

fn options() -> JsValue {
    js_sys::JSON::parse(
        r#"{"period": {"from": "2021-08-15", "to": "2021-09-15"}, "columns": null}"#,
    )
    .unwrap()
}

const CSV: &str = "Mã hồ sơ;Cơ quan;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Kênh nộp\n\
    A1;Sở Tư pháp;14/08/2021 09:00;20/08/2021;18/08/2021 10:00;1\n\
    A2;Sở Tư pháp;16/08/2021 09:00;20/08/2021;;2\n\
    X;Sở Tư pháp;hôm qua;;;1\n";

#[wasm_bindgen_test]
fn analyze_returns_a_plain_object_report() {
    let data = Uint8Array::from(CSV.as_bytes());
    let r = tthc::js::stats::analyze(&data, options()).unwrap();
    let received = prop(&r, "received");
    assert_eq!(prop(&received, "total").as_f64(), Some(2.0));
    assert_eq!(prop(&received, "carriedOver").as_f64(), Some(1.0));
    assert_eq!(
        prop(&prop(&r, "resolved"), "onTimeRate").as_f64(),
        Some(100.0)
    );
    assert_eq!(prop(&r, "onlineRate").as_f64(), Some(100.0));
    let by_agency = prop(&r, "byAgency");
    assert!(js_sys::Array::is_array(&by_agency));
    let first = js_sys::Array::from(&by_agency).get(0);
    assert_eq!(
        prop(&first, "agency").as_string().as_deref(),
        Some("Sở Tư pháp")
    );
    // Plain objects, not Maps.
    assert!(!prop(&prop(&r, "quality"), "counts").is_instance_of::<js_sys::Map>());
    let problems = js_sys::Array::from(&prop(&prop(&r, "quality"), "problems"));
    assert_eq!(prop(&problems.get(0), "row").as_f64(), Some(4.0));
}

#[wasm_bindgen_test]
fn streaming_and_progress() {
    let mut a = tthc::js::stats::DossierAnalyzer::new(options()).unwrap();
    for c in CSV.as_bytes().chunks(5) {
        a.push(&Uint8Array::from(c)).unwrap();
    }
    assert_eq!(a.bytes_read(), CSV.len() as f64);
    let r = a.finish().unwrap();
    assert_eq!(prop(&prop(&r, "received"), "total").as_f64(), Some(2.0));
    assert!(a.rows_read() >= 3.0);
    // Exports from the report object.
    let csv = tthc::js::stats::report_to_csv(r.clone(), None).unwrap();
    assert!(csv.contains("Tổng cộng"));
    let xlsx = tthc::js::stats::report_to_xlsx(r).unwrap();
    assert_eq!(&xlsx[..4], b"PK\x03\x04");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_and_the_instance_keeps_working() {
    let bad = Uint8Array::from(&[0u8, 1, 2, 255][..]);
    let e = tthc::js::stats::analyze(&bad, options()).unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(prop(&e, "kind").as_string().as_deref(), Some("ingest"));
    assert!(prop(&e, "headers").is_null());
    let e = tthc::js::stats::analyze(&bad, JsValue::from_str("nope")).unwrap_err();
    assert_eq!(prop(&e, "kind").as_string().as_deref(), Some("options"));
    assert!(prop(&e, "headers").is_null());
    // No receipt-date column: the header cells read, as an array of strings.
    let no_date = Uint8Array::from("Mã hồ sơ;Thời điểm nộp\nA1;16/08/2021\n".as_bytes());
    let e = tthc::js::stats::analyze(&no_date, options()).unwrap_err();
    let headers = prop(&e, "headers");
    assert!(js_sys::Array::is_array(&headers));
    let headers: Vec<_> = js_sys::Array::from(&headers)
        .iter()
        .map(|h| h.as_string())
        .collect();
    assert_eq!(
        headers,
        [
            Some("Mã hồ sơ".to_string()),
            Some("Thời điểm nộp".to_string())
        ]
    );
    let ok = tthc::js::stats::analyze(&Uint8Array::from(CSV.as_bytes()), options()).unwrap();
    assert_eq!(prop(&prop(&ok, "received"), "total").as_f64(), Some(2.0));
    assert_eq!(tthc::js::stats::format_number_vi(6753.0, None), "6.753");
    assert_eq!(tthc::js::stats::format_percent_vi(Some(99.19)), "99,19 %");
}

#[path = "common/csv_recorder.rs"]
mod csv_recorder;

/// The CSV fast path against csv-core inside wasm, where the separator scan differs by build (a
/// `u64` word, or a SIMD vector in the `simd128` build that `./dev.sh test` also runs): the
/// same events for pseudo-random bodies of tricky tokens, comma and semicolon files, random
/// chunking. (Natively, `csv_fast_path.rs` does this with proptest.)
#[wasm_bindgen_test]
fn the_csv_fast_path_reads_as_csv_core_in_wasm() {
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for case in 0..600 {
        let header = if case % 2 == 0 {
            csv_recorder::HEADER.to_string()
        } else {
            csv_recorder::HEADER.replace(',', ";")
        };
        let mut bytes = header.into_bytes();
        for _ in 0..next() % 120 {
            let t = csv_recorder::TOKENS[(next() % csv_recorder::TOKENS.len() as u64) as usize];
            bytes.extend_from_slice(t);
        }
        let cuts: Vec<usize> = (0..next() % 6)
            .map(|_| (next() % (bytes.len() as u64 + 1)) as usize)
            .collect();
        let (fast, r1) = csv_recorder::read(&bytes, &cuts, true);
        let (slow, r2) = csv_recorder::read(&bytes, &[], false);
        assert_eq!(r1, r2, "case {case}");
        assert_eq!(
            fast,
            slow,
            "case {case}: {:?}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

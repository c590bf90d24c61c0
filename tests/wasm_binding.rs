//! wasm-bindgen tests of the binding layer (run in Node and in headless Chromium by the test
//! command): errors become JS `Error`s and leave the instance usable.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn prop(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(tthc::js::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn an_error_is_a_js_error_and_the_instance_keeps_working() {
    let err = tthc::js::normalize_date_time("2026-02-30T10:00").unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    let msg = prop(&err, "message").as_string().unwrap();
    assert!(msg.contains("2026-02-30T10:00"), "{msg}");
    assert_eq!(prop(&err, "kind").as_string().as_deref(), Some("date"));
    assert_eq!(prop(&err, "field").as_string().as_deref(), Some("value"));
    assert!(prop(&err, "headers").is_null());
    assert!(prop(&err, "messageEn")
        .as_string()
        .unwrap()
        .contains("not a valid date-time"));
    // The same instance answers the next call.
    assert_eq!(
        tthc::js::normalize_date_time("2026-06-01T01:30:00Z").unwrap(),
        "2026-06-01T08:30:00+07:00"
    );
}

#[wasm_bindgen_test]
fn normalisation_uses_small_tables_for_vietnamese_and_the_host_for_other_scripts() {
    // Vietnamese in NFD (macOS input): the crate's own tables.
    assert_eq!(tthc::text::normalize("Nghe\u{323}\u{302} An"), "Nghệ An");
    assert_eq!(tthc::text::fold("Nghe\u{323}\u{302} An"), "nghean");
    assert!(tthc::text::is_normalized("Nghệ An"));
    // Other scripts: String.prototype.normalize, through src/host.rs.
    assert_eq!(tthc::text::normalize("\u{1100}\u{1161}"), "\u{ac00}");
    assert_eq!(tthc::text::normalize("\u{3b1}\u{301} "), "\u{3ac}");
    assert_eq!(tthc::text::nf::nfd("\u{3ac}"), "\u{3b1}\u{301}");
    assert!(!tthc::text::is_normalized("\u{1100}\u{1161}"));
}

#[wasm_bindgen_test]
fn numbers_beyond_the_fast_path_are_read_by_the_host_with_the_same_bits_as_core() {
    let mut cases: Vec<String> = [
        "9007199254740993",
        "123456789012345678901234567890",
        "1e23",
        "0.1e-30",
        "2.2250738585072011e-308",
        "4.9e-324",
        "1.8e308",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "45678.99998842592592592592",
        "-0.000000000000000000000000000000000000001234",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // Digit strings of 16–30 digits with exponents from −340 to 320 (a fixed LCG, no rand crate).
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..2000 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = 16 + (x >> 59) as usize % 15;
        let digits: String = (0..len)
            .map(|i| char::from(b'0' + ((x >> (i % 60)) % 10) as u8))
            .collect();
        let exp = ((x >> 20) % 661) as i64 - 340;
        cases.push(format!("{}.{}e{exp}", &digits[..1], &digits[1..]));
    }
    for s in &cases {
        let want: f64 = s.parse().unwrap();
        let got = tthc::text::float::parse_f64(s).unwrap();
        assert_eq!(got.to_bits(), want.to_bits(), "{s}");
    }
}

#[path = "common/lunar_fingerprint.rs"]
mod lunar_fingerprint;

#[wasm_bindgen_test]
fn the_hosts_sine_gives_the_lunar_calendar_native_code_gives() {
    // Math.sin and libm may differ in the last bit (≈ 1 % of arguments); never by more.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..100_000 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let a = ((x >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 40_000.0 / f64::from(1 + i % 7);
        let (h, l) = (js_sys::Math::sin(a), a.sin());
        assert!(
            (h.to_bits() as i64 - l.to_bits() as i64).abs() <= 1,
            "sin({a}): {h} vs {l}"
        );
    }
    // Such a difference moves a new moon by ~1e-12 day: every lunar day of 1900–2100 is the same
    // in wasm (host sine) as natively (libm).
    assert_eq!(
        lunar_fingerprint::lunar_days_fnv(),
        lunar_fingerprint::LUNAR_DAYS_FNV
    );
}

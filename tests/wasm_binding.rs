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
    // Other scripts: String.prototype.normalize through the binding.
    assert_eq!(tthc::text::normalize("\u{1100}\u{1161}"), "\u{ac00}");
    assert_eq!(tthc::text::normalize("\u{3b1}\u{301} "), "\u{3ac}");
    assert_eq!(tthc::text::nf::nfd("\u{3ac}"), "\u{3b1}\u{301}");
    assert!(!tthc::text::is_normalized("\u{1100}\u{1161}"));
}

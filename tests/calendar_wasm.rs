//! wasm-bindgen tests of the calendar binding (run with
//! `cargo test --target wasm32-unknown-unknown --test calendar_wasm`): the contract's shapes go
//! in and come out as plain objects, and errors are JS `Error`s naming the field.
#![cfg(target_arch = "wasm32")]

use tthc::js::calendar::{from_lunar, to_lunar, JsWorkCalendar};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn json(s: &str) -> JsValue {
    js_sys::JSON::parse(s).unwrap()
}

fn prop(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

#[wasm_bindgen_test]
fn contract_calls() {
    let cal = JsWorkCalendar::new(None).unwrap();
    assert!(!cal.is_working_day("2026-02-16").unwrap());
    assert_eq!(
        cal.add_working_days("2026-02-13", 1.0).unwrap(),
        "2026-02-23"
    );
    assert_eq!(
        cal.working_days_between("2026-01-01", "2026-02-01")
            .unwrap(),
        21
    );
    let r = cal
        .due_date(json(
            r#"{"receivedAt":"2026-06-01T01:30:00Z","amount":5,"unit":"workingDays",
                "pauses":[{"from":"2026-06-02T14:00","to":"2026-06-04T09:30"}]}"#,
        ))
        .unwrap();
    assert_eq!(
        prop(&r, "dueAt").as_string().unwrap(),
        "2026-06-09T16:00:00+07:00"
    );
    assert_eq!(prop(&r, "pausedMinutes").as_f64().unwrap(), 810.0);
    assert_eq!(prop(&r, "estimated").as_bool(), Some(false));
    assert_eq!(
        cal.classify("2026-02-25T10:15", "2026-02-25T10:16")
            .unwrap()
            .as_string()
            .unwrap(),
        "late"
    );
    let days = cal.days_off(2026.0).unwrap();
    assert!(js_sys::Array::is_array(&days));
    let first = js_sys::Array::from(&days).get(0);
    assert_eq!(
        prop(&first, "nameEn").as_string().unwrap(),
        "New Year's Day"
    );
    let l = to_lunar("2025-08-19").unwrap();
    assert_eq!(prop(&l, "leap").as_bool(), Some(true));
    assert_eq!(
        from_lunar(json(r#"{"year":2026,"month":1,"day":1}"#)).unwrap(),
        "2026-02-17"
    );
}

#[wasm_bindgen_test]
fn errors_name_the_field_and_the_instance_survives() {
    let cal = JsWorkCalendar::new(Some(json(r#"{"workingDays":["2027-03-13"]}"#))).unwrap();
    let e = cal
        .due_date(json(
            r#"{"receivedAt":"2026-02-03T10:00","amount":-1,"unit":"workingDays"}"#,
        ))
        .unwrap_err();
    assert!(e.is_instance_of::<js_sys::Error>());
    assert_eq!(prop(&e, "field").as_string().as_deref(), Some("amount"));
    let e = JsWorkCalendar::new(Some(json(r#"{"dayOff":["2027-03-13"]}"#)))
        .err()
        .unwrap();
    assert_eq!(prop(&e, "kind").as_string().as_deref(), Some("calendar"));
    assert!(cal.add_working_days("2026-02-13", 1.5).is_err());
    assert!(cal.is_working_day("2027-03-13").unwrap());
}

#[wasm_bindgen_test]
fn batch_functions() {
    let cal = JsWorkCalendar::new(None).unwrap();
    let d = tthc::js::calendar::day_number_js("2026-02-13").unwrap();
    assert_eq!(
        cal.add_working_days_batch(&[d, d], &[1]).unwrap(),
        vec![d + 10, d + 10]
    );
    assert!(cal.add_working_days_batch(&[i32::MAX], &[1]).is_err());
}

#[wasm_bindgen_test]
fn date_from_day_number_answers_yyyy_mm_dd_or_a_range_error() {
    use tthc::js::calendar::{date_from_day_number, day_number_js};
    let first = day_number_js("0000-01-01").unwrap();
    let last = day_number_js("9999-12-31").unwrap();
    assert_eq!(
        date_from_day_number(f64::from(first)).unwrap(),
        "0000-01-01"
    );
    assert_eq!(date_from_day_number(f64::from(last)).unwrap(), "9999-12-31");
    // One day either side would be "-001-12-31" and "+10000-01-01".
    assert!(date_from_day_number(f64::from(first - 1)).is_err());
    assert!(date_from_day_number(f64::from(last + 1)).is_err());
}

//! wasm-bindgen tests of the forms binding: plain objects in and out, `Uint8Array` file heads,
//! errors as JS `Error`s that leave the instance usable.
#![cfg(target_arch = "wasm32")]

use tthc::js::forms::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

fn prop(v: &JsValue, k: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(k)).unwrap()
}

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

const LLTP: &str = include_str!("../assets/forms/ly-lich-tu-phap.json");

fn opts() -> Option<js_sys::Object> {
    Some(parse(r#"{"today":"2026-01-15"}"#).unchecked_into())
}

#[wasm_bindgen_test]
fn validates_the_sample_form_with_a_uint8array_head() {
    let v = JsFormValidator::new(JsValue::from_str(LLTP)).unwrap();
    let values = parse(
        r#"{"fullName":"Nguyễn Thị Hoà","sex":"female","birthDate":"12/03/1991","birthPlace":"Vinh",
        "nationality":"Việt Nam","citizenId":"040 191 012345","idIssueDate":"2021-05-10","idIssuePlace":"Cục CS",
        "province":"40","commune":"16681","address":"Số 5","phone":"0912 345 678","certificateType":"1",
        "purpose":"Xin việc","copies":1,"deliveryMethod":"postal","commitment":true}"#,
    );
    let file = parse(r#"{"name":"cccd.pdf","size":1000}"#);
    let head = js_sys::Uint8Array::from(&b"%PDF-1.7"[..]);
    js_sys::Reflect::set(&file, &"head".into(), &head).unwrap();
    js_sys::Reflect::set(&values, &"idCardCopy".into(), &file).unwrap();
    let r = v.validate(values, opts()).unwrap();
    assert_eq!(
        prop(&r, "valid"),
        JsValue::TRUE,
        "{:?}",
        js_sys::JSON::stringify(&r)
    );
    let vals = prop(&r, "values");
    assert!(!vals.is_instance_of::<js_sys::Map>());
    assert_eq!(
        prop(&vals, "citizenId").as_string().as_deref(),
        Some("040191012345")
    );
    assert_eq!(
        prop(&prop(&vals, "idCardCopy"), "type")
            .as_string()
            .as_deref(),
        Some("pdf")
    );
}

#[wasm_bindgen_test]
fn errors_are_js_errors_and_the_instance_keeps_working() {
    let bad = parse(r#"{"fields":[{"name":"a","type":"text","label":"A","maxLenght":3}]}"#);
    let e = JsFormValidator::new(bad).err().unwrap();
    let e: js_sys::Error = e.dyn_into().unwrap();
    assert_eq!(prop(&e, "kind").as_string().as_deref(), Some("schema"));
    assert_eq!(
        prop(&e, "field").as_string().as_deref(),
        Some("fields[0] (a).maxLenght")
    );
    let v = JsFormValidator::new(JsValue::from_str(LLTP)).unwrap();
    assert!(v.validate(parse("[1,2]"), opts()).is_err());
    assert!(v
        .validate(
            parse("{}"),
            Some(parse(r#"{"today":"15/01/2026"}"#).unchecked_into())
        )
        .is_err());
    let r = v.validate(parse(r#"{"fullName":5}"#), opts()).unwrap();
    assert_eq!(prop(&r, "valid"), JsValue::FALSE);
}

#[wasm_bindgen_test]
fn identifier_checks() {
    let r = check_tax_code("0314409058-002", None).unwrap();
    assert_eq!(prop(&r, "valid"), JsValue::TRUE);
    let r = check_phone("01662345678", None).unwrap();
    assert_eq!(
        prop(&r, "code").as_string().as_deref(),
        Some("oldMobileNumber")
    );
    let r = check_citizen_id("040090012345", opts()).unwrap();
    assert_eq!(
        prop(&prop(&r, "info"), "provinceName")
            .as_string()
            .as_deref(),
        Some("Nghệ An")
    );
    let r = check_identifier("postalCode".into(), "460000", None).unwrap();
    assert_eq!(
        prop(&r, "code").as_string().as_deref(),
        Some("obsoletePostalCode")
    );
    assert!(check_identifier("nope".into(), "1", None).is_err());
    let list = communes("40").unwrap();
    assert_eq!(js_sys::Array::from(&list).length(), 130);
}

#[wasm_bindgen_test]
fn fast_and_generic_paths_agree() {
    let v = JsFormValidator::new(JsValue::from_str(LLTP)).unwrap();
    let text = r#"{"fullName":"  nguyễn   thị hoà ","sex":"Nữ","birthDate":"12/03/1991","birthPlace":"Vinh",
        "nationality":"Việt Nam","citizenId":"040 191 012345","idIssueDate":"2021-05-10","idIssuePlace":"Cục CS",
        "province":"40","commune":"16681","address":"Số 5","phone":"+84 912 345 678","certificateType":"1",
        "purpose":"Xin việc","copies":"2","deliveryMethod":"postal","commitment":true,"email":"A@B",
        "unknown":"ignored","otherName":null}"#;
    // Plain values take the fast path; an object under an unknown key forces the generic one.
    let fast = v.validate(parse(text), opts()).unwrap();
    let generic_values = parse(text);
    js_sys::Reflect::set(&generic_values, &"extra".into(), &parse("{}")).unwrap();
    let generic = v.validate(generic_values.clone(), opts()).unwrap();
    let s = |r: &JsValue| js_sys::JSON::stringify(r).unwrap().as_string().unwrap();
    assert_eq!(s(&fast), s(&generic));
    assert_eq!(prop(&fast, "valid"), JsValue::FALSE);
    for f in v.field_names() {
        let a = v.validate_field(&f, parse(text), opts()).unwrap();
        let b = v
            .validate_field(&f, generic_values.clone(), opts())
            .unwrap();
        assert_eq!(s(&a), s(&b), "{f}");
    }
}

//! The JavaScript binding: the contract of `spec/js-api.md` on top of the domain core.
//!
//! This module only converts: JS values in (with `serde-wasm-bindgen`), a core call, plain
//! JSON-compatible values out (objects, never `Map`), and [`crate::Error`] → JS `Error`.
//! TypeScript types come from `tsify` derives on the core types, and functions that take or
//! return them declare those types with `unchecked_param_type` / `unchecked_return_type`.
//!
//! The release profile aborts on panic, and a panic would kill the wasm instance: nothing
//! here unwraps; every failure becomes a thrown `Error` and the instance keeps working.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Error, ErrorKind};

pub mod calendar;
pub mod forms;
mod forms_codec;
#[cfg(feature = "stats")]
pub mod stats;

/// Turns a core [`Error`] into a JS `Error` (name `TthcError`) whose `message` is the Vietnamese
/// sentence with its location, and with the properties `kind`, `field`, `row`, `column`,
/// `headers` (an array of strings, or null) and `messageEn`.
pub fn to_js_error(e: &Error) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    err.set_name("TthcError");
    let obj: &JsValue = err.as_ref();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(obj, &JsValue::from_str(k), &v);
    };
    set("kind", JsValue::from_str(e.kind().as_str()));
    set("messageEn", JsValue::from_str(&e.to_string_en()));
    set("field", e.field().map_or(JsValue::NULL, JsValue::from_str));
    set(
        "row",
        e.row()
            .map_or(JsValue::NULL, |r| JsValue::from_f64(r as f64)),
    );
    set(
        "column",
        e.column().map_or(JsValue::NULL, JsValue::from_str),
    );
    set("headers", headers_to_js(e));
    err.into()
}

/// The header cells an error carries, as a JS array of strings, or null.
#[cfg(feature = "stats")]
fn headers_to_js(e: &Error) -> JsValue {
    e.headers().map_or(JsValue::NULL, |hs| {
        hs.iter()
            .map(|h| JsValue::from_str(h))
            .collect::<js_sys::Array>()
            .into()
    })
}

/// Only export errors carry header cells, and the light module reads no exports: always null,
/// without the array code.
#[cfg(not(feature = "stats"))]
fn headers_to_js(_: &Error) -> JsValue {
    JsValue::NULL
}

impl From<Error> for JsValue {
    fn from(e: Error) -> JsValue {
        to_js_error(&e)
    }
}

/// Reads a JS value into a core type; `what` names the argument in the error.
pub fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, Error> {
    serde_wasm_bindgen::from_value(value).map_err(|e| shape_error(what, &e.to_string()))
}

/// The error for an argument of the wrong shape; one copy for every type read. serde's words
/// are English: the package entry (`src/js/tthc.js`, `explainShape`) puts them into Vietnamese
/// and adds the path of the value they quote.
fn shape_error(what: &str, en: &str) -> Error {
    Error::new(
        ErrorKind::Options,
        format!("Tham số \"{what}\" không đúng dạng: {en}."),
        format!("The argument \"{what}\" has the wrong shape: {en}."),
    )
    .with_field(what)
}

/// Writes a core value as plain JSON-compatible JS data (objects, not `Map`; `None` → `null`):
/// serialised by `serde_json` and read by one `JSON.parse`. One string crosses instead of a
/// boundary call per field, and the module carries one serialiser per type instead of two.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    let text = serde_json::to_string(value).map_err(|e| {
        Error::new(
            ErrorKind::Options,
            format!("Lỗi chuyển dữ liệu: {e}."),
            format!("Conversion error: {e}."),
        )
    })?;
    js_sys::JSON::parse(&text).map_err(|_| {
        Error::new(
            ErrorKind::Options,
            "Lỗi chuyển dữ liệu.",
            "Conversion error.",
        )
    })
}

/// The crate version (`"0.1.0"`).
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Reads a contract date-time (`YYYY-MM-DDTHH:MM[:SS]`, optional offset) and returns it as
/// `YYYY-MM-DDTHH:MM:SS+07:00` (Vietnam time). Throws on an invalid value.
#[wasm_bindgen(js_name = normalizeDateTime)]
pub fn normalize_date_time(value: &str) -> Result<String, JsValue> {
    let t = crate::datetime::parse_datetime(value, "value")?;
    Ok(crate::datetime::format_datetime(t))
}

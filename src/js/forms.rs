//! JS binding of the forms area: `validateForm`, `FormValidator`, `checkCitizenId`,
//! `checkTaxCode`, `checkPhone` (the contract) and the extras the page needs
//! (`checkIdentifier`, `provinces`, `communes`, `loadLegacyUnits`, `convertOldWard`,
//! `checkAttachment`, `detectFileType`).
//!
//! Only conversions live here: values in through `serde-wasm-bindgen` (a `Uint8Array` file
//! head arrives as bytes), the core call, plain objects out. "Today" is read from the JS clock
//! (Vietnam time, UTC+7) when the caller gives none — the core never reads a clock.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use serde::Deserialize;
use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::forms::{self, FormValues, Locale, ValidateOptions, Value};
use crate::identifiers::{self, IdKind, IdOptions};
use crate::units::legacy::{LegacyUnits, OldAddress};
use crate::{Error, ErrorKind};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Options of a validation or a check. `today` ("YYYY-MM-DD") defaults to the date in Vietnam. */
export type ValidateOptions = { locale?: "vi" | "en", today?: string };
/** Field types of a form schema. */
export type FieldType = "text" | "name" | "number" | "date" | "email" | "phone" | "citizenId" | "oldIdCard"
  | "taxCode" | "socialInsurance" | "healthInsurance" | "vehiclePlate" | "postalCode" | "passport"
  | "bankAccount" | "province" | "commune" | "select" | "checkbox" | "attachment";
/** One field of a form schema (see the README for the keys of each type). */
export type FieldSpec = {
  name: string, type: FieldType, label: string, labelEn?: string, required?: boolean,
  requiredIf?: { field: string, equals?: unknown, in?: unknown[], filled?: boolean },
  help?: string, helpEn?: string, placeholder?: string, description?: string, group?: string,
  minLength?: number, maxLength?: number, pattern?: string, patternMessage?: string, patternMessageEn?: string,
  multiline?: boolean, upperCase?: boolean, min?: number | string, max?: number | string, integer?: boolean,
  precision?: "day" | "month" | "year" | "any", notFuture?: boolean, accept?: string | string[],
  carrierWarnings?: boolean, allowForeignPrefix?: boolean, provinceField?: string,
  options?: (string | number | { value: string | number, label?: string, labelEn?: string })[], multiple?: boolean,
  maxSize?: number, maxFiles?: number, [extension: `x-${string}`]: unknown,
};
/** A cross-field rule. */
export type FormRule =
  | { rule: "citizenIdMatches", id: string, birthDate?: string, sex?: string, sexValues?: { male?: string, female?: string } }
  | { rule: "dateAfter", field: string, after: string, orEqual?: boolean }
  | { rule: "age", field: string, min?: number, max?: number, at?: string }
  | { rule: "oneOfRequired", fields: string[] };
/** A form schema (biểu mẫu), JSON that a portal stores per procedure. */
export type FormSchema = {
  id?: string, title?: string, titleEn?: string, version?: number | string, description?: string,
  procedureCode?: string, fields: FieldSpec[], rules?: FormRule[],
};
/** An attached file as the page passes it: `head` is the first bytes (64 are enough). */
export type FileValue = { name: string, size: number, type?: string, head?: Uint8Array | number[] };
/** Form values: field name → string, number, boolean, array, or file(s). */
export type FormValues = { [field: string]: string | number | boolean | null | undefined | string[] | FileValue | FileValue[] };
/** Limits of an attachment check. */
export type AttachmentSpec = { accept?: string[], maxSize?: number, label?: string, labelEn?: string };
/** Identifier kinds of `checkIdentifier`. */
export type IdKindName = "citizenId" | "oldIdCard" | "taxCode" | "phone" | "socialInsurance" | "healthInsurance"
  | "vehiclePlate" | "postalCode" | "passport" | "bankAccount";
"#;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct JsOptions {
    #[serde(default)]
    locale: Option<Locale>,
    #[serde(default)]
    today: Option<String>,
}

struct Opts {
    locale: Locale,
    today: NaiveDate,
}

/// Today in Vietnam (UTC+7) from the JS clock.
fn vietnam_today() -> NaiveDate {
    let ms = js_sys::Date::now();
    let days = ((ms / 1000.0 + 7.0 * 3600.0) / 86400.0).floor();
    crate::datetime::from_day_number(days as i32)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default())
}

/// The usual options (`{ today: "YYYY-MM-DD" }`, with or without `locale: "vi" | "en"`) read
/// with two property reads; anything else goes through serde (same result, same errors).
fn read_opts_fast(o: &js_sys::Object) -> Option<JsOptions> {
    if !o.is_object() || js_sys::Array::is_array(o) {
        return None;
    }
    let get = |k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let today = get("today")?;
    let locale = get("locale")?;
    let today = if today.is_undefined() {
        None
    } else {
        Some(today.as_string()?)
    };
    let locale = if locale.is_undefined() {
        None
    } else {
        match locale.as_string()?.as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            _ => return None,
        }
    };
    Some(JsOptions { locale, today })
}

fn read_opts(options: Option<js_sys::Object>) -> Result<Opts, Error> {
    let o: JsOptions = match options {
        None => JsOptions::default(),
        Some(o) => match read_opts_fast(&o) {
            Some(fast) => fast,
            None => from_js(o.into(), "options")?,
        },
    };
    let today = match o.today {
        Some(t) => crate::datetime::parse_date(&t, "options.today")?,
        None => vietnam_today(),
    };
    Ok(Opts {
        locale: o.locale.unwrap_or_default(),
        today,
    })
}

thread_local! {
    static LEGACY: RefCell<Option<Rc<LegacyUnits>>> = const { RefCell::new(None) };
}

fn legacy() -> Option<Rc<LegacyUnits>> {
    LEGACY.with(|l| l.borrow().clone())
}

/// Reads a schema object (through `JSON.stringify`, so that `serde_json`'s nesting limit guards
/// against absurdly deep input) or its JSON text.
fn read_schema(schema: JsValue) -> Result<serde_json::Value, Error> {
    let text = match schema.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&schema)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Schema,
                    "Biểu mẫu không chuyển được sang JSON (có giá trị vòng lặp hoặc BigInt).",
                    "The form schema can't be turned into JSON (a cycle or a BigInt).",
                )
                .with_field("schema")
            })?,
    };
    serde_json::from_str(&text).map_err(|e| {
        Error::new(
            ErrorKind::Schema,
            format!("Biểu mẫu không phải là JSON hợp lệ: {e}."),
            format!("The form schema is not valid JSON: {e}."),
        )
        .with_field("schema")
    })
}

fn read_values(values: JsValue) -> Result<FormValues, Error> {
    if values.is_undefined() || values.is_null() {
        return Ok(FormValues::default());
    }
    if !values.is_object() || js_sys::Array::is_array(&values) {
        return Err(Error::new(
            ErrorKind::Form,
            "Dữ liệu biểu mẫu phải là một đối tượng {tên trường: giá trị}.",
            "The form values must be an object {field name: value}.",
        )
        .with_field("values"));
    }
    from_js(values, "values")
}

/// Reads the values object through one `JSON.stringify` and `serde_json` (one string crossing
/// instead of a boundary call per key and value). A `Uint8Array` file head becomes an object
/// of numbered bytes, which the attachment check reads as bytes.
fn read_values_json(values: &JsValue) -> Result<FormValues, Error> {
    if values.is_undefined() || values.is_null() {
        return Ok(FormValues::default());
    }
    if !values.is_object() || js_sys::Array::is_array(values) {
        return read_values(values.clone());
    }
    let text = js_sys::JSON::stringify(values)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Form,
                "Dữ liệu biểu mẫu không chuyển được sang JSON (có giá trị vòng lặp hoặc BigInt).",
                "The form values can't be turned into JSON (a cycle or a BigInt).",
            )
            .with_field("values")
        })?;
    FormValues::from_json(&text).map_err(|e| e.with_field("values"))
}

/// Writes a result as JSON text parsed by `JSON.parse` (one string crossing; plain objects,
/// `None` → `null`, like [`to_js`]).
fn to_js_json<T: serde::Serialize>(value: &T) -> Result<JsValue, Error> {
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

/// A compiled form schema (`new FormValidator(schema)`): compile once, validate on every keystroke.
#[wasm_bindgen(js_name = FormValidator)]
pub struct JsFormValidator {
    inner: forms::FormValidator,
}

#[wasm_bindgen(js_class = FormValidator)]
impl JsFormValidator {
    /// Compiles a schema (an object, or its JSON text). Throws a `TthcError` (kind `schema`)
    /// naming the path and the problem when the schema is malformed or has unknown keys.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "FormSchema | string")] schema: JsValue,
    ) -> Result<JsFormValidator, JsValue> {
        let s = read_schema(schema)?;
        Ok(JsFormValidator {
            inner: forms::FormValidator::new(&s)?,
        })
    }

    /// Validates the whole form: `{ valid, errors, warnings, values }`.
    #[wasm_bindgen(unchecked_return_type = "FormResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormValues")] values: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let o = read_opts(options)?;
        let v = read_values_json(&values)?;
        let l = legacy();
        let vo = ValidateOptions {
            locale: o.locale,
            today: o.today,
            legacy: l.as_deref(),
        };
        Ok(to_js_json(&self.inner.validate(&v, &vo))?)
    }

    /// Validates one field (and the cross-field rules reported on it): `FieldIssue[]`,
    /// errors first, then warnings (`severity`).
    #[wasm_bindgen(js_name = validateField, unchecked_return_type = "FieldIssue[]")]
    pub fn validate_field(
        &self,
        name: &str,
        #[wasm_bindgen(unchecked_param_type = "FormValues")] values: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let o = read_opts(options)?;
        let v = read_values_json(&values)?;
        let l = legacy();
        let vo = ValidateOptions {
            locale: o.locale,
            today: o.today,
            legacy: l.as_deref(),
        };
        Ok(to_js_json(&self.inner.validate_field(name, &v, &vo)?)?)
    }

    /// Checks a file for an attachment field of this form from its bytes (the first 64 are
    /// enough) and name: `FieldIssue[]`.
    #[wasm_bindgen(js_name = checkAttachment, unchecked_return_type = "FieldIssue[]")]
    pub fn check_attachment(
        &self,
        field: &str,
        bytes: &[u8],
        file_name: &str,
        size: Option<f64>,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let o = read_opts(options)?;
        let v = file_values(field, bytes, file_name, size);
        let vo = ValidateOptions::new(o.today).with_locale(o.locale);
        Ok(to_js(&self.inner.validate_field(field, &v, &vo)?)?)
    }

    /// The field names, in schema order.
    #[wasm_bindgen(js_name = fieldNames)]
    pub fn field_names(&self) -> Vec<String> {
        self.inner.field_names().map(String::from).collect()
    }
}

fn file_values(field: &str, bytes: &[u8], file_name: &str, size: Option<f64>) -> FormValues {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(&[]).to_vec();
    FormValues(vec![(
        field.to_string(),
        Value::Object(vec![
            ("name".into(), Value::String(file_name.to_string())),
            (
                "size".into(),
                Value::Number(size.unwrap_or(bytes.len() as f64)),
            ),
            ("head".into(), Value::Bytes(head)),
        ]),
    )])
}

/// Validates a form once (compiles the schema each time; keep a `FormValidator` for keystrokes).
#[wasm_bindgen(js_name = validateForm, unchecked_return_type = "FormResult")]
pub fn validate_form(
    #[wasm_bindgen(unchecked_param_type = "FormSchema | string")] schema: JsValue,
    #[wasm_bindgen(unchecked_param_type = "FormValues")] values: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    JsFormValidator::new(schema)?.validate(values, options)
}

fn id_opts(options: Option<js_sys::Object>) -> Result<IdOptions, Error> {
    let o = read_opts(options)?;
    Ok(IdOptions {
        today: o.today,
        locale: o.locale,
        allow_foreign_prefix: false,
    })
}

/// One identifier check of a fixed kind, as the contract's `check*` functions return it.
fn check_as(
    kind: IdKind,
    value: &str,
    options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let o = id_opts(options)?;
    Ok(to_js(&identifiers::check_identifier(kind, value, &o))?)
}

/// `checkCitizenId(value, options?)`: the 12-digit personal identification number.
#[wasm_bindgen(js_name = checkCitizenId, unchecked_return_type = "IdCheck")]
pub fn check_citizen_id(
    value: &str,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    check_as(IdKind::CitizenId, value, options)
}

/// `checkTaxCode(value, options?)`: 10-, 13- (with or without hyphen) and 12-digit tax codes.
#[wasm_bindgen(js_name = checkTaxCode, unchecked_return_type = "IdCheck")]
pub fn check_tax_code(
    value: &str,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    check_as(IdKind::TaxCode, value, options)
}

/// `checkPhone(value, options?)`: Vietnamese mobile and fixed-line numbers.
#[wasm_bindgen(js_name = checkPhone, unchecked_return_type = "IdCheck")]
pub fn check_phone(
    value: &str,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    check_as(IdKind::Phone, value, options)
}

/// `checkIdentifier(kind, value, options?)` for every identifier kind.
#[wasm_bindgen(js_name = checkIdentifier, unchecked_return_type = "IdCheck")]
pub fn check_identifier(
    #[wasm_bindgen(unchecked_param_type = "IdKindName")] kind: JsValue,
    value: &str,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let k: IdKind = from_js(kind, "kind")?;
    let o = id_opts(options)?;
    Ok(to_js(&identifiers::check_identifier(k, value, &o))?)
}

/// The 34 provinces of the 2025 list (for select boxes).
#[wasm_bindgen(js_name = provinces, unchecked_return_type = "Province[]")]
pub fn provinces() -> Result<JsValue, JsValue> {
    Ok(to_js(&crate::units::provinces())?)
}

/// The communes of a province (2025 list), in code order; throws for an unknown province code.
#[wasm_bindgen(js_name = communes, unchecked_return_type = "Commune[]")]
pub fn communes(province_code: &str) -> Result<JsValue, JsValue> {
    let list = crate::units::communes(province_code).ok_or_else(|| {
        Error::new(
            ErrorKind::Options,
            format!("Không có tỉnh, thành phố mã “{province_code}” trong danh mục từ 01/7/2025."),
            format!("There is no province with code “{province_code}” in the list in force since 1 July 2025."),
        )
        .with_field("provinceCode")
    })?;
    Ok(to_js(&list)?)
}

/// Loads the pre-2025 units and the old → new ward conversion (`/assets/units/legacy-2025.txt`).
/// Returns `{ wards, conversions }` counts. Later validations then explain old commune codes.
#[wasm_bindgen(js_name = loadLegacyUnits, unchecked_return_type = "{ wards: number, conversions: number }")]
pub fn load_legacy_units(bytes: &[u8]) -> Result<JsValue, JsValue> {
    let u = LegacyUnits::parse(bytes)?;
    let counts =
        serde_json::json!({ "wards": u.ward_count(), "conversions": u.conversion_count() });
    LEGACY.with(|l| *l.borrow_mut() = Some(Rc::new(u)));
    Ok(to_js(&counts)?)
}

/// Converts an old address (`{ wardCode }` or `{ ward, district?, province? }`, or a ward code
/// string) to the 2025 commune(s). Throws if `loadLegacyUnits` was not called.
#[wasm_bindgen(js_name = convertOldWard, unchecked_return_type = "WardConversion[]")]
pub fn convert_old_ward(
    #[wasm_bindgen(unchecked_param_type = "OldAddress | string")] query: JsValue,
) -> Result<JsValue, JsValue> {
    let q: OldAddress = match query.as_string() {
        Some(code) => OldAddress {
            ward_code: Some(code),
            ..OldAddress::default()
        },
        None => from_js(query, "query")?,
    };
    let l = legacy().ok_or_else(|| {
        Error::new(
            ErrorKind::Options,
            "Chưa nạp dữ liệu đơn vị hành chính cũ; hãy gọi loadLegacyUnits trước.",
            "The old administrative units are not loaded; call loadLegacyUnits first.",
        )
    })?;
    Ok(to_js(&l.convert(&q))?)
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct AttachmentSpec {
    #[serde(default)]
    accept: Option<Vec<String>>,
    #[serde(default)]
    max_size: Option<f64>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    label_en: Option<String>,
}

/// Checks a file against attachment limits `{ accept?, maxSize?, label?, labelEn? }` by its
/// magic bytes: `FieldIssue[]` (field `"file"`).
#[wasm_bindgen(js_name = checkAttachment, unchecked_return_type = "FieldIssue[]")]
pub fn check_attachment(
    #[wasm_bindgen(unchecked_param_type = "AttachmentSpec")] spec: JsValue,
    bytes: &[u8],
    file_name: &str,
    size: Option<f64>,
    #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
) -> Result<JsValue, JsValue> {
    let s: AttachmentSpec = if spec.is_undefined() || spec.is_null() {
        AttachmentSpec::default()
    } else {
        from_js(spec, "spec")?
    };
    let mut field = serde_json::json!({
        "name": "file", "type": "attachment",
        "label": s.label.unwrap_or_else(|| "Tệp đính kèm".into()),
        "labelEn": s.label_en.unwrap_or_else(|| "Attachment".into()),
    });
    if let Some(a) = s.accept {
        field["accept"] = serde_json::json!(a);
    }
    if let Some(m) = s.max_size {
        field["maxSize"] = serde_json::json!(m);
    }
    let v = forms::FormValidator::new(&serde_json::json!({ "fields": [field] }))?;
    let o = read_opts(options)?;
    let vals = file_values("file", bytes, file_name, size);
    let vo = ValidateOptions::new(o.today).with_locale(o.locale);
    Ok(to_js(&v.validate_field("file", &vals, &vo)?)?)
}

/// The type of a file from its first bytes (`"pdf"`, `"jpg"`, `"docx"` …) or `null`.
#[wasm_bindgen(js_name = detectFileType)]
pub fn detect_file_type(bytes: &[u8], file_name: &str) -> Option<String> {
    forms::detect_file_type(bytes, file_name).map(|t| t.name().to_string())
}

//! JS binding of the forms area: `validateForm`, `FormValidator`, `checkCitizenId`,
//! `checkTaxCode`, `checkPhone` (the contract) and the extras the page needs
//! (`checkIdentifier`, `provinces`, `communes`, `loadLegacyUnits`, `convertOldWard`,
//! `checkAttachment`, `detectFileType`).
//!
//! Only conversions live here: values in, the core call, plain objects out. "Today" is read
//! from the JS clock (Vietnam time, UTC+7) when the caller gives none — the core never reads a
//! clock.
//!
//! `FormValidator.validate` / `validateField` read the usual call (values that are strings,
//! numbers, booleans, null or undefined; options `{ today?, locale? }`) through the forms wire
//! codec (src/js/forms_codec.rs and src/js/forms-codec.js); anything else (files, arrays,
//! `Date`s, odd options, keys JSON could not carry) takes the generic path — `JSON.stringify` +
//! `serde_json` in, `JSON.parse` out — with the same results (tests/js/forms.test.mjs checks both
//! against each other).

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use wasm_bindgen::prelude::*;

use super::forms_codec::{
    form_codec, pack_input, pack_issues, pack_value, unpack, unpack_issues, unpack_result,
    values_json, PackedInput, SharedStrings,
};
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
/** One field of a form schema (see docs/forms.md for the keys of each type). */
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
export type FormValues = { [field: string]: string | number | boolean | null | undefined | Date | string[] | FileValue | FileValue[] };
/** Limits of an attachment check. */
export type AttachmentSpec = { accept?: string[], maxSize?: number, label?: string, labelEn?: string };
/** Identifier kinds of `checkIdentifier`. */
export type IdKindName = "citizenId" | "oldIdCard" | "taxCode" | "phone" | "socialInsurance" | "healthInsurance"
  | "vehiclePlate" | "postalCode" | "passport" | "bankAccount";
/**
 * The stable code of a problem: `FieldIssue.code`, `IdCheck.code`, `IdCheck.warnings[].code` (the table of problem
 * codes in docs/forms.md gives each one's message).
 */
export type ProblemCode = "required" | "wrongType" | "tooShort" | "tooLong" | "tooSmall" | "tooLarge" | "notInteger"
  | "patternMismatch" | "invalidFormat" | "invalidCharacters" | "invalidCharacter" | "invalidDate"
  | "dateTooEarly" | "dateTooLate" | "futureDate" | "invalidEmail" | "notAnOption" | "mustBeChecked"
  | "wrongLength" | "checksum" | "unknownProvince" | "invalidCenturyDigit" | "futureBirthYear"
  | "invalidSerial" | "unknownPrefix" | "oldMobileNumber" | "obsoletePostalCode" | "unknownCommune"
  | "communeNotInProvince" | "oldUnit" | "missingAttachment" | "fileTooLarge" | "fileTypeNotAllowed"
  | "fileTypeMismatch" | "tooManyFiles" | "emptyFile" | "birthYearMismatch" | "sexMismatch" | "dateOrder"
  | "tooYoung" | "tooOld" | "oneOfRequired" | "foreignBirthPrefix" | "carrierUncertain" | "legacyEncoding"
  | "obsoleteIdCard" | "unusualFormat" | "unknownBenefitGroup";
/** The file types `detectFileType` recognises by their first bytes. */
export type FileType = "pdf" | "jpg" | "png" | "gif" | "webp" | "tiff" | "heic" | "docx" | "xlsx" | "odt" | "doc" | "xls"
  | "zip" | "rar" | "7z" | "xml";
"#;

/// The options argument as given.
#[derive(Default)]
struct OptionsArg {
    locale: Option<Locale>,
    today: Option<String>,
}

/// The options of a call, defaults applied.
struct CallOptions {
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

/// Reads `{ locale?: "vi" | "en", today?: "YYYY-MM-DD" }` (`null` or `undefined` for an absent
/// key, other keys ignored) with two property reads; `None` for anything else.
fn read_option_keys(o: &js_sys::Object) -> Option<OptionsArg> {
    if !o.is_object() || js_sys::Array::is_array(o) {
        return None;
    }
    let get = |k: &str| js_sys::Reflect::get(o, &JsValue::from_str(k)).ok();
    let absent = |v: &JsValue| v.is_undefined() || v.is_null();
    let today = get("today")?;
    let locale = get("locale")?;
    let today = if absent(&today) {
        None
    } else {
        Some(today.as_string()?)
    };
    let locale = if absent(&locale) {
        None
    } else {
        match locale.as_string()?.as_str() {
            "vi" => Some(Locale::Vi),
            "en" => Some(Locale::En),
            _ => return None,
        }
    };
    Some(OptionsArg { locale, today })
}

fn read_options(options: Option<js_sys::Object>) -> Result<CallOptions, Error> {
    let o: OptionsArg = match options {
        None => OptionsArg::default(),
        Some(o) => read_option_keys(&o).ok_or_else(|| {
            Error::new(
                ErrorKind::Options,
                "Tùy chọn \"options\" phải có dạng { locale?: \"vi\" | \"en\", today?: \"YYYY-MM-DD\" }.",
                "The options must be { locale?: \"vi\" | \"en\", today?: \"YYYY-MM-DD\" }.",
            )
            .with_field("options")
        })?,
    };
    let today = match o.today {
        Some(t) => crate::datetime::parse_date(&t, "options.today")?,
        None => vietnam_today(),
    };
    Ok(CallOptions {
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

/// Reads the values object through one `JSON.stringify` and `serde_json` (one string crossing
/// instead of a boundary call per key and value). A `Uint8Array` file head becomes an object
/// of numbered bytes, which the attachment check reads as bytes.
fn read_values_json(values: &JsValue) -> Result<FormValues, Error> {
    if values.is_undefined() || values.is_null() {
        return Ok(FormValues::default());
    }
    if !values.is_object() || js_sys::Array::is_array(values) {
        return Err(Error::new(
            ErrorKind::Form,
            "Dữ liệu biểu mẫu phải là một đối tượng {tên trường: giá trị}.",
            "The form values must be an object {field name: value}.",
        )
        .with_field("values"));
    }
    let text = values_json(values).ok_or_else(|| {
        Error::new(
            ErrorKind::Form,
            "Dữ liệu biểu mẫu không đọc được (có giá trị vòng lặp, hoặc một thuộc tính báo lỗi khi đọc).",
            "The form values can't be read (a cycle, or a property that throws when read).",
        )
        .with_field("values")
    })?;
    FormValues::from_json(&text).map_err(|e| e.with_field("values"))
}

/// A compiled form schema (`new FormValidator(schema)`): compile once, validate on every keystroke.
#[wasm_bindgen(js_name = FormValidator)]
pub struct JsFormValidator {
    inner: forms::FormValidator,
    /// `formCodec(fieldNames, memory)`: what the codec's JS half keeps per schema.
    codec: JsValue,
    /// Where `packForm` writes the values (UTF-8), kept from call to call.
    buf: RefCell<Vec<u8>>,
    /// The issue strings the codec's JS half already holds.
    shared: RefCell<SharedStrings>,
}

/// The options and values of a call read by the codec.
struct CodecCall<'a> {
    options: CallOptions,
    input: PackedInput<'a>,
}

impl JsFormValidator {
    /// The options and the values in schema order through the codec; `None` for anything but
    /// the usual shapes, which the generic path then reads.
    fn codec_input(
        &self,
        values: &JsValue,
        options: &Option<js_sys::Object>,
    ) -> Result<Option<CodecCall<'_>>, Error> {
        let undefined = JsValue::UNDEFINED;
        let o = options.as_ref().map_or(&undefined, |o| o.as_ref());
        // Busy only if a getter of the values validates again with this validator.
        let Ok(buf) = self.buf.try_borrow_mut() else {
            return Ok(None);
        };
        let Some(mut input) = pack_input(&self.codec, values, o, buf, self.inner.field_count())
        else {
            return Ok(None);
        };
        let today = match input.today.take() {
            Some(t) => crate::datetime::parse_date(&t, "options.today")?,
            None => vietnam_today(),
        };
        let options = CallOptions {
            locale: input.locale.unwrap_or_default(),
            today,
        };
        Ok(Some(CodecCall { options, input }))
    }

    /// The generic path: options through [`read_options`], values through `JSON.stringify`.
    fn generic_input(
        values: &JsValue,
        options: Option<js_sys::Object>,
    ) -> Result<(CallOptions, FormValues), Error> {
        let o = read_options(options)?;
        Ok((o, read_values_json(values)?))
    }
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
        let inner = forms::FormValidator::new(&s)?;
        let names = js_sys::Array::new();
        for n in inner.field_names() {
            names.push(&JsValue::from_str(n));
        }
        Ok(JsFormValidator {
            codec: form_codec(&names, &wasm_bindgen::memory()),
            buf: RefCell::new(Vec::new()),
            shared: RefCell::new(SharedStrings::default()),
            inner,
        })
    }

    /// Validates the whole form: `{ valid, errors, warnings, values }`.
    #[wasm_bindgen(unchecked_return_type = "FormResult")]
    pub fn validate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "FormValues")] values: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ValidateOptions")] options: Option<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let l = legacy();
        if let Some(CodecCall { options, mut input }) = self.codec_input(&values, &options)? {
            let vo = ValidateOptions {
                locale: options.locale,
                today: options.today,
                legacy: l.as_deref(),
            };
            let c = self
                .inner
                .validate_values(std::mem::take(&mut input.values), &vo);
            // (Busy only if JS called back into this validator while it unpacks: never.)
            if let Ok(mut shared) = self.shared.try_borrow_mut() {
                let mut text: Vec<u16> = Vec::with_capacity(1024);
                pack_issues(&mut text, &c.errors, &c.warnings, &mut shared);
                for (i, out) in c.values.iter().enumerate() {
                    pack_value(&mut text, out, input.input_string(i));
                }
                drop(input);
                let records = 1 + 4 * (c.errors.len() + c.warnings.len()) + c.values.len();
                if let Some(r) = unpack(&self.codec, &text, records, &mut shared, unpack_result) {
                    return Ok(r);
                }
            }
            let r = forms::FormResult {
                valid: c.errors.is_empty(),
                errors: c.errors,
                warnings: c.warnings,
                values: FormValues(
                    self.inner
                        .field_names()
                        .map(String::from)
                        .zip(c.values)
                        .collect(),
                ),
            };
            return Ok(to_js(&r)?);
        }
        let (o, v) = Self::generic_input(&values, options)?;
        let vo = ValidateOptions {
            locale: o.locale,
            today: o.today,
            legacy: l.as_deref(),
        };
        Ok(to_js(&self.inner.validate(&v, &vo))?)
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
        let l = legacy();
        if let Some(CodecCall { options, input }) = self.codec_input(&values, &options)? {
            let v = input.values;
            let vo = ValidateOptions {
                locale: options.locale,
                today: options.today,
                legacy: l.as_deref(),
            };
            let slots: Vec<Option<&Value>> = v.iter().map(Some).collect();
            let issues = self.inner.validate_field_slots(name, &slots, &vo)?;
            // errors first, then warnings
            let k = issues
                .iter()
                .position(|i| i.severity == forms::Severity::Warning)
                .unwrap_or(issues.len());
            let (errors, warnings) = issues.split_at(k);
            if let Ok(mut shared) = self.shared.try_borrow_mut() {
                let mut text: Vec<u16> = Vec::with_capacity(128);
                pack_issues(&mut text, errors, warnings, &mut shared);
                let records = 1 + 4 * issues.len();
                if let Some(r) = unpack(&self.codec, &text, records, &mut shared, unpack_issues) {
                    return Ok(r);
                }
            }
            return Ok(to_js(&issues)?);
        }
        let (o, v) = Self::generic_input(&values, options)?;
        let vo = ValidateOptions {
            locale: o.locale,
            today: o.today,
            legacy: l.as_deref(),
        };
        Ok(to_js(&self.inner.validate_field(name, &v, &vo)?)?)
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
        let o = read_options(options)?;
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

fn id_options(options: Option<js_sys::Object>) -> Result<IdOptions, Error> {
    let o = read_options(options)?;
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
    let o = id_options(options)?;
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
    let o = id_options(options)?;
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

/// The type of a file from its first bytes (`"pdf"`, `"jpg"`, `"docx"` …) or `null` (the package
/// entry turns the glue's `undefined` into `null`).
#[wasm_bindgen(js_name = detectFileType, unchecked_return_type = "FileType | null")]
pub fn detect_file_type(bytes: &[u8], file_name: &str) -> Option<String> {
    forms::detect_file_type(bytes, file_name).map(|t| t.name().to_string())
}

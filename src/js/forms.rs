//! JS binding of the forms area: `validateForm`, `FormValidator`, `checkCitizenId`,
//! `checkTaxCode`, `checkPhone` (the contract) and the extras the page needs
//! (`checkIdentifier`, `provinces`, `communes`, `loadLegacyUnits`, `convertOldWard`,
//! `checkAttachment`, `detectFileType`).
//!
//! Only conversions live here: values in, the core call, plain objects out. "Today" is read
//! from the JS clock (Vietnam time, UTC+7) when the caller gives none — the core never reads a
//! clock.
//!
//! `FormValidator.validate` / `validateField` have a fast path for the usual call (values that
//! are strings, numbers, booleans, null or undefined; options `{ today?, locale? }`): a JS
//! snippet (`packForm`) writes the options and the schema's field values as UTF-8 records
//! straight into a buffer in wasm memory, the core validates them in schema order, and the
//! result comes back as UTF-16 records (JS reads those without a decoder) that `unpackResult`
//! turns into the contract's plain objects (no `JSON.stringify`, `serde_json`, `JSON.parse`,
//! `TextEncoder` or `TextDecoder` per call). The field names, codes and messages of issues cross
//! once per validator and are then referred to by number (`Interned`). Anything else (files,
//! arrays, `Date`s, odd options, keys JSON could not carry) takes the generic path —
//! `JSON.stringify` + `serde_json` in, `JSON.parse` out — with the same results
//! (tests/js/forms.test.mjs checks both against each other).

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
    let text = values_json(values).ok_or_else(|| {
        Error::new(
            ErrorKind::Form,
            "Dữ liệu biểu mẫu không đọc được (có giá trị vòng lặp, BigInt, hoặc một thuộc tính báo lỗi khi đọc).",
            "The form values can't be read (a cycle, a BigInt, or a property that throws when read).",
        )
        .with_field("values")
    })?;
    FormValues::from_json(&text).map_err(|e| e.with_field("values"))
}

#[wasm_bindgen(inline_js = r#"
// Property names from wasm are not internalised strings: as keys they would be hashed on every
// use. A key read back from an object literal is.
const intern = (n) => Object.keys({ [n]: 0 })[0];
export function formCodec(names, memory) {
  // `out.__proto__ = …` would set the prototype: such a schema always takes the generic path.
  if (names.includes('__proto__')) return null;
  names = names.map(intern);
  // Object.fromEntries keeps fast properties (25 keyed stores would turn it into a dictionary,
  // and every result copied from it, several times slower to build and to read).
  const template = Object.fromEntries(names.map((n) => [n, null]));
  // `vals`: the values `packForm` read, by field, so that a string that comes back unchanged is
  // returned as read (the page's getters are not called a second time).
  // `strs`: the strings of issues wasm sent before, by id (see `ref`).
  return { names, index: new Set(names), template, memory, u8: null, u16: null, vals: names.map(() => undefined), strs: [] };
}
// Writes into wasm memory at `ptr` (at most `cap` bytes) one record per field, in schema order,
// each ended by NUL: `s` + text, `d` + number, `t`, `f`, `n` (null, NaN, ±Infinity: what
// JSON.stringify gives), `u` (absent or undefined). First the options: locale (`v`, `e` or `-`)
// and today (`u` or `s` + text). Text is written as UTF-8 by the loop of `utf8` (TextEncoder's
// fixed cost per call is larger than a whole form's packing in Chromium), so that wasm reads it
// without converting. Returns the bytes written, or at least the bytes needed when more than
// `cap`, or -1 for the generic path (values or options of another shape, a key whose value JSON
// could not carry, a lone surrogate).
export function packForm(c, values, options, ptr, cap) {
  if (c === null) return -1;
  let locale = 45, today; // '-'
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) return -1;
    const l = options.locale;
    today = options.today;
    if (l === 'vi') locale = 118;
    else if (l === 'en') locale = 101;
    else if (l !== undefined) return -1;
    if (today !== undefined && typeof today !== 'string') return -1;
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values) || typeof values.toJSON === 'function') return -1;
  let u = c.u8;
  if (u === null || u.buffer !== c.memory.buffer) u = c.u8 = new Uint8Array(c.memory.buffer);
  const end = ptr + cap;
  let p = ptr, extra = 0;
  // The options. (Kept out of the loop below, and `tag` and `s` always of one type: either
  // slows the loop down several times in V8.)
  const t = today === undefined ? '' : today;
  if (3 * t.length + 3 <= cap) {
    u[p++] = locale;
    u[p++] = today === undefined ? 117 : 115;
    p = utf8(u, p, t);
    if (p < 0) return -1;
    u[p++] = 0;
  } else extra = 3 * t.length + 3;
  const names = c.names, vals = c.vals;
  let found = 0;
  for (let i = 0; i < names.length; i++) {
    const v = values[names[i]];
    vals[i] = v;
    let tag = 0, s = '';
    switch (typeof v) {
      case 'string': tag = 115; s = v; found++; break;
      case 'undefined': tag = 117; break;
      case 'number': if (Number.isFinite(v)) { tag = 100; s = '' + v; } else tag = 110; found++; break;
      case 'boolean': tag = v ? 116 : 102; found++; break;
      default:
        if (v !== null) return -1;
        tag = 110; found++;
    }
    const n = 3 * s.length; // at most 3 bytes per UTF-16 unit
    if (extra === 0 && p + n + 2 <= end) {
      u[p++] = tag;
      p = utf8(u, p, s);
      if (p < 0) return -1;
      u[p++] = 0;
    } else extra += n + 2;
  }
  // JSON.stringify reads own enumerable keys only: the fields read above must be exactly those,
  // and any other key must hold a value JSON can carry (it is ignored either way).
  const keys = Object.keys(values);
  if (keys.length !== found) {
    let own = 0;
    for (const k of keys) {
      const v = values[k], t = typeof v;
      if (c.index.has(k)) { if (v !== undefined) own++; }
      else if (v !== null && t === 'object' || t === 'bigint' || t === 'symbol' || t === 'function') return -1;
    }
    if (own !== found) return -1;
  }
  return p - ptr + extra;
}
// Writes `s` as UTF-8 at `p`; returns the position after it, or -1 for a lone surrogate.
function utf8(u, p, s) {
  for (let j = 0; j < s.length; j++) {
    const x = s.charCodeAt(j);
    if (x < 0x80) u[p++] = x;
    else if (x < 0x800) { u[p++] = 0xc0 | (x >> 6); u[p++] = 0x80 | (x & 63); }
    else if (x < 0xd800 || x > 0xdfff) { u[p++] = 0xe0 | (x >> 12); u[p++] = 0x80 | ((x >> 6) & 63); u[p++] = 0x80 | (x & 63); }
    else {
      const y = x < 0xdc00 ? s.charCodeAt(j + 1) : 0;
      if (!(y >= 0xdc00 && y <= 0xdfff)) return -1;
      const cp = 0x10000 + ((x - 0xd800) << 10) + (y - 0xdc00);
      u[p++] = 0xf0 | (cp >> 18); u[p++] = 0x80 | ((cp >> 12) & 63); u[p++] = 0x80 | ((cp >> 6) & 63); u[p++] = 0x80 | (cp & 63);
      j++;
    }
  }
  return p;
}
// The result, written by wasm in UTF-16 at `ptr` (`len` units; short strings are read with
// String.fromCharCode, since TextDecoder's fixed cost per call is larger than their whole
// unpacking): the counts of errors and warnings (`e,w`), then 4 records per issue (field, code and
// message interned, see `ref`; suggestion as '' or `s` + text), then (for `unpackResult`) one
// record per field as in `packForm`, or `=` (the input string unchanged: returned as `packForm`
// read it) or `j` + JSON.
// Every record is ended by NUL.
const utf16 = new TextDecoder('utf-16le');
function view(c) {
  let u = c.u16;
  if (u === null || u.buffer !== c.memory.buffer) u = c.u16 = new Uint16Array(c.memory.buffer);
  return u;
}
const units = [];
function str(u, a, b) {
  if (b - a > 32) return utf16.decode(u.subarray(a, b));
  // (apply over a plain array: faster in V8 than over a typed array's subarray)
  units.length = b - a;
  for (let i = a; i < b; i++) units[i - a] = u[i];
  return String.fromCharCode.apply(null, units);
}
// The NUL at or after `p` (never past `lim`, whatever is in memory).
function end0(u, p, lim) {
  while (p < lim && u[p] !== 0) p++;
  return p;
}
// One interned string of an issue (field, code, message) from `p` to the NUL at `e`: `#` + id (a string sent
// before: `c.strs[id]`), `+` + id + `:` + text (a new one, kept at `id`), or `-` + text (not kept).
function ref(c, u, p, e) {
  const tag = u[p];
  if (tag === 45) return str(u, p + 1, e); // -
  let id = 0;
  for (p++; p < e && u[p] !== 58; p++) id = id * 10 + u[p] - 48;
  if (tag === 43) return (c.strs[id] = str(u, p + 1, e)); // +
  const s = c.strs[id];
  if (s === undefined) throw new Error('tthc: unknown string'); // the generic path answers, wasm starts afresh
  return s;
}
function issues(c, u, lim, list, n, pos, severity) {
  for (let i = 0; i < n; i++) {
    const a = end0(u, pos, lim), b = end0(u, a + 1, lim), d = end0(u, b + 1, lim), e = end0(u, d + 1, lim);
    list.push({ field: ref(c, u, pos, a), code: ref(c, u, a + 1, b), message: ref(c, u, b + 1, d), severity,
      suggestion: e === d + 1 ? null : str(u, d + 2, e) });
    pos = e + 1;
  }
  return pos;
}
// [errors, warnings, position after the counts]
function counts(u, p, lim) {
  let ne = 0, nw = 0;
  for (; p < lim && u[p] !== 44; p++) ne = ne * 10 + u[p] - 48;
  for (p++; p < lim && u[p] !== 0; p++) nw = nw * 10 + u[p] - 48;
  return [ne, nw, p + 1];
}
export function unpackIssues(c, ptr, len) {
  const u = view(c), lim = (ptr >>> 1) + len;
  const [ne, nw, pos] = counts(u, ptr >>> 1, lim);
  const out = [];
  issues(c, u, lim, out, nw, issues(c, u, lim, out, ne, pos, 'error'), 'warning');
  return out;
}
export function unpackResult(c, ptr, len) {
  const u = view(c), lim = (ptr >>> 1) + len;
  const [ne, nw, start] = counts(u, ptr >>> 1, lim);
  const errors = [], warnings = [];
  let pos = issues(c, u, lim, warnings, nw, issues(c, u, lim, errors, ne, start, 'error'), 'warning');
  const names = c.names, vals = c.vals, out = { ...c.template };
  for (let i = 0; i < names.length; i++) {
    const tag = u[pos], name = names[i];
    if (tag === 61) { out[name] = vals[i]; vals[i] = undefined; pos += 2; continue; } // = (the string as packForm read it)
    vals[i] = undefined; // the page's values are not kept after the result is built
    const end = end0(u, pos, lim);
    switch (tag) {
      case 115: out[name] = str(u, pos + 1, end); break; // s
      case 100: out[name] = +str(u, pos + 1, end); break; // d
      case 116: out[name] = true; break; // t
      case 102: out[name] = false; break; // f
      case 106: out[name] = JSON.parse(str(u, pos + 1, end)); break; // j
      default: out[name] = null; // n
    }
    pos = end + 1;
  }
  return { valid: ne === 0, errors, warnings, values: out };
}
// The values as JSON text for the general path, with lone surrogates (text cut inside an emoji) made U+FFFD, which
// the checks report as an invalid character (serde_json refuses the escaped lone surrogate JSON.stringify writes).
// `undefined` when a getter, a proxy, a cycle or a BigInt makes JSON.stringify throw.
const wellFormed = (k, v) => (typeof v === 'string' && typeof v.isWellFormed === 'function' && !v.isWellFormed()
  ? v.toWellFormed() : v);
export function valuesJson(values) {
  try { return JSON.stringify(values, wellFormed); } catch { return undefined; }
}
// The entry points wasm calls: a JS exception (a getter of the page) never crosses into wasm.
export function packFormSafe(c, values, options, ptr, cap) {
  try { return packForm(c, values, options, ptr, cap); } catch { return -1; }
}
export function unpackResultSafe(c, ptr, len) {
  try { return unpackResult(c, ptr, len); } catch { return undefined; }
}
export function unpackIssuesSafe(c, ptr, len) {
  try { return unpackIssues(c, ptr, len); } catch { return undefined; }
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = formCodec)]
    fn form_codec(names: &js_sys::Array, memory: &JsValue) -> JsValue;
    // A getter or a proxy of the page may throw: the `…Safe` wrappers catch it in JS and answer
    // -1 / `undefined` (the generic path then reports it). Declared without wasm-bindgen's
    // `catch`, whose glue (`handleError` over `arguments`) cost more than the unpacking.
    #[wasm_bindgen(js_name = packFormSafe)]
    fn pack_form(codec: &JsValue, values: &JsValue, options: &JsValue, ptr: u32, cap: u32) -> f64;
    #[wasm_bindgen(js_name = unpackResultSafe)]
    fn unpack_result(codec: &JsValue, ptr: u32, len: u32) -> JsValue;
    #[wasm_bindgen(js_name = unpackIssuesSafe)]
    fn unpack_issues(codec: &JsValue, ptr: u32, len: u32) -> JsValue;
    #[wasm_bindgen(js_name = valuesJson)]
    fn values_json(values: &JsValue) -> Option<String>;
}

/// The options and values of one call as `packForm` packed them.
struct Packed {
    locale: Option<Locale>,
    today: Option<String>,
    values: Vec<Value>,
    /// Where each string value is in the buffer (to see whether it came back unchanged).
    strings: Vec<Option<std::ops::Range<usize>>>,
}

/// Reads `packForm`'s records from the buffer (UTF-8, checked once as a whole); `None` when they
/// can't be read back exactly (a NUL inside a string): the caller then takes the generic path.
fn unpack_values(u: &[u8], fields: usize) -> Option<Packed> {
    let text = std::str::from_utf8(u).ok()?;
    // The header, then the fields, each ended by NUL (an ASCII byte: the pieces are `str`s);
    // nothing after the last one (a NUL inside a string would make one record too many).
    let mut pos = 0usize;
    let mut recs = memchr::memchr_iter(0, u).map(|end| {
        let start = pos;
        pos = end + 1;
        (start, text.get(start..end).unwrap_or_default())
    });
    let (_, head) = recs.next()?;
    let locale = match head.as_bytes().first()? {
        b'-' => None,
        b'v' => Some(Locale::Vi),
        b'e' => Some(Locale::En),
        _ => return None,
    };
    let today = match head.get(1..)? {
        "u" => None,
        t => Some(t.strip_prefix('s')?.to_string()),
    };
    let mut values = Vec::with_capacity(fields);
    let mut strings = Vec::with_capacity(fields);
    for (start, r) in recs.by_ref().take(fields) {
        let (tag, rest) = (r.as_bytes().first()?, r.get(1..)?);
        let mut string = None;
        values.push(match tag {
            b's' => {
                string = Some(start + 1..start + r.len());
                Value::String(rest.to_string())
            }
            b'd' => Value::Number(crate::text::float::parse_f64(rest)?),
            b't' => Value::Bool(true),
            b'f' => Value::Bool(false),
            b'n' | b'u' => Value::Null,
            _ => return None,
        });
        strings.push(string);
    }
    if recs.next().is_some() || pos != u.len() {
        return None;
    }
    (values.len() == fields).then_some(Packed {
        locale,
        today,
        values,
        strings,
    })
}

/// Appends a number of at most 20 digits without the formatting machinery.
fn push_u64(out: &mut Vec<u16>, mut n: u64) {
    let mut d = [0u8; 20];
    let mut i = d.len();
    loop {
        i -= 1;
        if let Some(x) = d.get_mut(i) {
            *x = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    for &x in d.get(i..).unwrap_or_default() {
        out.push(u16::from(x));
    }
}

/// The strings of issues (field names, codes, messages) already sent to the JS half of a
/// validator, by id: a message seen before crosses as `#id` and JS reuses its string instead of
/// decoding it again (the same messages come back keystroke after keystroke). Reset when full and
/// whenever a result takes the generic path (JS may not have kept what was sent).
#[derive(Default)]
struct Interned {
    ids: std::collections::HashMap<Box<str>, u32, std::hash::BuildHasherDefault<forms::FastHasher>>,
}

impl Interned {
    /// Most strings kept (the codec's `strs` array holds as many).
    const MAX: usize = 512;
    /// Longer strings cross as text every time (they are likely to hold the page's input).
    const MAX_LEN: usize = 400;

    /// Appends `s` as `#id`, `+id:text` (kept from now on) or `-text` (see `ref` in the JS).
    fn put(&mut self, out: &mut Vec<u16>, s: &str) {
        if let Some(&id) = self.ids.get(s) {
            out.push(u16::from(b'#'));
            push_u64(out, u64::from(id));
        } else if s.len() <= Self::MAX_LEN {
            if self.ids.len() >= Self::MAX {
                self.ids.clear();
            }
            let id = self.ids.len() as u32;
            self.ids.insert(s.into(), id);
            out.push(u16::from(b'+'));
            push_u64(out, u64::from(id));
            out.push(u16::from(b':'));
            out.extend(s.encode_utf16());
        } else {
            out.push(u16::from(b'-'));
            out.extend(s.encode_utf16());
        }
        out.push(0);
    }
}

/// Appends the counts and the issues (see `unpackResult`).
fn pack_issues(
    out: &mut Vec<u16>,
    errors: &[forms::FieldIssue],
    warnings: &[forms::FieldIssue],
    strs: &mut Interned,
) {
    push_u64(out, errors.len() as u64);
    out.push(u16::from(b','));
    push_u64(out, warnings.len() as u64);
    out.push(0);
    for i in errors.iter().chain(warnings) {
        for t in [&i.field, &i.code, &i.message] {
            strs.put(out, t);
        }
        if let Some(s) = &i.suggestion {
            out.push(u16::from(b's'));
            out.extend(s.encode_utf16());
        }
        out.push(0);
    }
}

/// Appends one normalised value (see `unpackResult`); `input` is the string the page gave, if
/// it gave one (UTF-8).
fn pack_value(out: &mut Vec<u16>, v: &Value, input: Option<&[u8]>) {
    let tag = |c: u8| u16::from(c);
    match v {
        Value::String(s) => {
            if input == Some(s.as_bytes()) {
                out.push(tag(b'='));
            } else {
                out.push(tag(b's'));
                out.extend(s.encode_utf16());
            }
        }
        Value::Number(n) if n.is_finite() => {
            out.push(tag(b'd'));
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                if *n < 0.0 {
                    out.push(tag(b'-'));
                }
                push_u64(out, n.abs() as u64);
            } else {
                out.extend(serde_json::to_string(v).unwrap_or_default().encode_utf16());
            }
        }
        Value::Bool(true) => out.push(tag(b't')),
        Value::Bool(false) => out.push(tag(b'f')),
        Value::Null | Value::Number(_) => out.push(tag(b'n')),
        _ => {
            out.push(tag(b'j'));
            let json = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
            out.extend(json.encode_utf16());
        }
    }
    out.push(0);
}

/// True when the packed result has exactly the separators it was given (no NUL inside a
/// string).
fn seps_ok(text: &[u16], expected: usize) -> bool {
    text.iter().filter(|&&u| u == 0).count() == expected
}

/// A compiled form schema (`new FormValidator(schema)`): compile once, validate on every keystroke.
#[wasm_bindgen(js_name = FormValidator)]
pub struct JsFormValidator {
    inner: forms::FormValidator,
    /// `formCodec(fieldNames, memory)`: what the fast path's JS half keeps per schema.
    codec: JsValue,
    /// Where `packForm` writes the values (UTF-8), kept from call to call.
    buf: RefCell<Vec<u8>>,
    /// The issue strings the codec already holds.
    strs: RefCell<Interned>,
}

/// What the fast path read: the options, the values in schema order, and the packed buffer
/// with where each string value is in it.
struct FastIn<'a> {
    opts: Opts,
    values: Vec<Value>,
    strings: Vec<Option<std::ops::Range<usize>>>,
    buf: std::cell::RefMut<'a, Vec<u8>>,
}

/// Most bytes the fast path's buffer grows to (larger values take the generic path).
const MAX_PACKED: usize = 1 << 20;

/// `packForm` into `buf` (grown once if too small): the number of bytes written, or `None`
/// for the generic path (a JS exception included: the generic path reports it).
fn pack_into(
    codec: &JsValue,
    values: &JsValue,
    options: &JsValue,
    buf: &mut Vec<u8>,
) -> Option<usize> {
    if buf.len() < 2048 {
        buf.resize(2048, 0);
    }
    for _ in 0..2 {
        let cap = buf.len();
        let ptr = buf.as_mut_ptr() as usize as u32;
        let r = pack_form(codec, values, options, ptr, cap as u32);
        if !(0.0..=MAX_PACKED as f64).contains(&r) {
            return None;
        }
        let n = r as usize;
        if n <= cap {
            return Some(n);
        }
        buf.resize(n, 0);
    }
    None
}

impl JsFormValidator {
    /// The options and the values in schema order through `packForm` (one string crossing);
    /// `None` for anything but the usual shapes, which the generic path then reads.
    fn fast_input(
        &self,
        values: &JsValue,
        options: &Option<js_sys::Object>,
    ) -> Result<Option<FastIn<'_>>, Error> {
        let undefined = JsValue::UNDEFINED;
        let o = options.as_ref().map_or(&undefined, |o| o.as_ref());
        // Busy only if a getter of the values validates again with this validator.
        let Ok(mut buf) = self.buf.try_borrow_mut() else {
            return Ok(None);
        };
        let Some(n) = pack_into(&self.codec, values, o, &mut buf) else {
            return Ok(None);
        };
        let Some(p) = buf
            .get(..n)
            .and_then(|u| unpack_values(u, self.inner.field_count()))
        else {
            return Ok(None);
        };
        let today = match p.today {
            Some(t) => crate::datetime::parse_date(&t, "options.today")?,
            None => vietnam_today(),
        };
        let opts = Opts {
            locale: p.locale.unwrap_or_default(),
            today,
        };
        Ok(Some(FastIn {
            opts,
            values: p.values,
            strings: p.strings,
            buf,
        }))
    }

    /// Hands the packed result (`seps` records) to its JS reader, or `None` for the generic
    /// path: a NUL inside a string, or a JS exception. JS may then not hold the strings this
    /// result introduced, so the table of sent strings starts afresh.
    fn unpack(
        &self,
        text: &[u16],
        seps: usize,
        strs: &mut Interned,
        read: fn(&JsValue, u32, u32) -> JsValue,
    ) -> Option<JsValue> {
        if seps_ok(text, seps) {
            let r = read(
                &self.codec,
                text.as_ptr() as usize as u32,
                text.len() as u32,
            );
            if !r.is_undefined() {
                return Some(r);
            }
        }
        strs.ids.clear();
        None
    }

    /// The generic path: options through [`read_opts`], values through `JSON.stringify`.
    fn generic_input(
        values: &JsValue,
        options: Option<js_sys::Object>,
    ) -> Result<(Opts, FormValues), Error> {
        let o = read_opts(options)?;
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
            strs: RefCell::new(Interned::default()),
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
        if let Some(fast) = self.fast_input(&values, &options)? {
            let o = fast.opts;
            let vo = ValidateOptions {
                locale: o.locale,
                today: o.today,
                legacy: l.as_deref(),
            };
            let c = self.inner.validate_values(fast.values, &vo);
            // (Busy only if JS called back into this validator while it unpacks: never.)
            if let Ok(mut strs) = self.strs.try_borrow_mut() {
                let mut text: Vec<u16> = Vec::with_capacity(1024);
                pack_issues(&mut text, &c.errors, &c.warnings, &mut strs);
                for (out, input) in c.values.iter().zip(&fast.strings) {
                    let input = input.as_ref().and_then(|r| fast.buf.get(r.clone()));
                    pack_value(&mut text, out, input);
                }
                drop(fast.buf);
                let seps = 1 + 4 * (c.errors.len() + c.warnings.len()) + c.values.len();
                if let Some(r) = self.unpack(&text, seps, &mut strs, unpack_result) {
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
        if let Some(fast) = self.fast_input(&values, &options)? {
            let (o, v) = (fast.opts, fast.values);
            drop(fast.buf);
            let vo = ValidateOptions {
                locale: o.locale,
                today: o.today,
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
            if let Ok(mut strs) = self.strs.try_borrow_mut() {
                let mut text: Vec<u16> = Vec::with_capacity(128);
                pack_issues(&mut text, errors, warnings, &mut strs);
                if let Some(r) = self.unpack(&text, 1 + 4 * issues.len(), &mut strs, unpack_issues)
                {
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

/// The type of a file from its first bytes (`"pdf"`, `"jpg"`, `"docx"` …) or `null`.
#[wasm_bindgen(js_name = detectFileType)]
pub fn detect_file_type(bytes: &[u8], file_name: &str) -> Option<String> {
    forms::detect_file_type(bytes, file_name).map(|t| t.name().to_string())
}

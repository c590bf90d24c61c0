//! The Rust half of the forms wire codec; the JavaScript half and the wire format are in
//! `src/js/forms-codec.js`. `FormValidator.validate` / `validateField` (src/js/forms.rs) use it
//! for the usual call: JS writes the options and the field values as UTF-8 records into a buffer
//! in wasm memory, the core validates them in schema order, and the result goes back as UTF-16
//! records that JS reads without a decoder. Field names, codes and messages of issues cross once
//! per validator and are then referred to by number ([`SharedStrings`]). Every function here
//! answers `None` for anything it cannot carry exactly; the caller then takes the generic path
//! (`JSON.stringify` + `serde_json`), which gives the same results (tests/js/forms.test.mjs).

use std::cell::RefMut;
use std::ops::Range;

use wasm_bindgen::prelude::*;

use crate::forms::{FieldIssue, Locale, Value};

#[wasm_bindgen(module = "/src/js/forms-codec.js")]
extern "C" {
    /// `formCodec(fieldNames, memory)`: what the JS half keeps per schema.
    #[wasm_bindgen(js_name = formCodec)]
    pub(super) fn form_codec(names: &js_sys::Array, memory: &JsValue) -> JsValue;
    // A getter or a proxy of the page may throw: the `…Safe` functions catch it in JS and answer
    // -1 / `undefined` (the generic path then reports it). Declared without wasm-bindgen's
    // `catch`, whose glue costs more per call than the unpacking.
    #[wasm_bindgen(js_name = packFormSafe)]
    fn pack_form(codec: &JsValue, values: &JsValue, options: &JsValue, ptr: u32, cap: u32) -> f64;
    #[wasm_bindgen(js_name = unpackResultSafe)]
    pub(super) fn unpack_result(codec: &JsValue, ptr: u32, len: u32) -> JsValue;
    #[wasm_bindgen(js_name = unpackIssuesSafe)]
    pub(super) fn unpack_issues(codec: &JsValue, ptr: u32, len: u32) -> JsValue;
    /// The values as JSON text (lone surrogates made U+FFFD), `None` when JS threw.
    #[wasm_bindgen(js_name = valuesJson)]
    pub(super) fn values_json(values: &JsValue) -> Option<String>;
}

/// One call's input as `packForm` wrote it: the options as given, the values in schema order,
/// and the buffer they were read from (held until the result is packed, so that a string that
/// comes back unchanged is recognised in it).
pub(super) struct PackedInput<'a> {
    pub locale: Option<Locale>,
    pub today: Option<String>,
    pub values: Vec<Value>,
    /// Where each string value is in `buf`.
    pub strings: Vec<Option<Range<usize>>>,
    pub buf: RefMut<'a, Vec<u8>>,
}

impl PackedInput<'_> {
    /// The bytes of field `i`'s input string, if the page gave a string there.
    pub fn input_string(&self, i: usize) -> Option<&[u8]> {
        let range = self.strings.get(i)?.as_ref()?;
        self.buf.get(range.clone())
    }
}

/// Most bytes the input buffer grows to (larger values take the generic path).
const MAX_PACKED: usize = 1 << 20;

/// Packs `values` and `options` into `buf` through `packForm` and reads them back; `None` for the
/// generic path (other shapes, a JS exception, a NUL inside a string).
pub(super) fn pack_input<'a>(
    codec: &JsValue,
    values: &JsValue,
    options: &JsValue,
    mut buf: RefMut<'a, Vec<u8>>,
    fields: usize,
) -> Option<PackedInput<'a>> {
    if buf.len() < 2048 {
        buf.resize(2048, 0);
    }
    let mut written = None;
    // Twice at most: the first answer may be the size needed.
    for _ in 0..2 {
        let cap = buf.len();
        let ptr = buf.as_mut_ptr() as usize as u32;
        let r = pack_form(codec, values, options, ptr, cap as u32);
        if !(0.0..=MAX_PACKED as f64).contains(&r) {
            return None;
        }
        let n = r as usize;
        if n <= cap {
            written = Some(n);
            break;
        }
        buf.resize(n, 0);
    }
    let (locale, today, values, strings) = read_records(buf.get(..written?)?, fields)?;
    Some(PackedInput {
        locale,
        today,
        values,
        strings,
        buf,
    })
}

/// The header and field records read back (UTF-8, checked once as a whole).
type Records = (
    Option<Locale>,
    Option<String>,
    Vec<Value>,
    Vec<Option<Range<usize>>>,
);

/// Reads `packForm`'s records; `None` when they can't be read back exactly (a NUL inside a
/// string makes one record too many).
fn read_records(u: &[u8], fields: usize) -> Option<Records> {
    let text = std::str::from_utf8(u).ok()?;
    let mut pos = 0usize;
    let mut records = memchr::memchr_iter(0, u).map(|end| {
        let start = pos;
        pos = end + 1;
        (start, text.get(start..end).unwrap_or_default())
    });
    let (_, head) = records.next()?;
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
    for (start, r) in records.by_ref().take(fields) {
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
    if records.next().is_some() || pos != u.len() || values.len() != fields {
        return None;
    }
    Some((locale, today, values, strings))
}

/// Appends a number of at most 20 digits without the formatting machinery.
fn push_decimal(out: &mut Vec<u16>, mut n: u64) {
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
/// validator, by id: a string seen before crosses as `#id` and JS reuses its copy (the same
/// messages come back keystroke after keystroke). Cleared when full and whenever a result takes
/// the generic path (JS may not have kept what was sent).
#[derive(Default)]
pub(super) struct SharedStrings {
    ids: rustc_hash::FxHashMap<Box<str>, u32>,
}

impl SharedStrings {
    /// Most strings kept (the JS half's `shared` array holds as many).
    const MAX: usize = 512;
    /// Longer strings cross as text every time (they are likely to quote the page's input).
    const MAX_LEN: usize = 400;

    /// Appends `s` as `#id`, `+id:text` (kept from now on) or `-text`.
    fn put(&mut self, out: &mut Vec<u16>, s: &str) {
        if let Some(&id) = self.ids.get(s) {
            out.push(u16::from(b'#'));
            push_decimal(out, u64::from(id));
        } else if s.len() <= Self::MAX_LEN {
            if self.ids.len() >= Self::MAX {
                self.ids.clear();
            }
            let id = self.ids.len() as u32;
            self.ids.insert(s.into(), id);
            out.push(u16::from(b'+'));
            push_decimal(out, u64::from(id));
            out.push(u16::from(b':'));
            out.extend(s.encode_utf16());
        } else {
            out.push(u16::from(b'-'));
            out.extend(s.encode_utf16());
        }
        out.push(0);
    }
}

/// Appends the counts and the issues.
pub(super) fn pack_issues(
    out: &mut Vec<u16>,
    errors: &[FieldIssue],
    warnings: &[FieldIssue],
    shared: &mut SharedStrings,
) {
    push_decimal(out, errors.len() as u64);
    out.push(u16::from(b','));
    push_decimal(out, warnings.len() as u64);
    out.push(0);
    for i in errors.iter().chain(warnings) {
        for t in [&i.field, &i.code, &i.message] {
            shared.put(out, t);
        }
        if let Some(s) = &i.suggestion {
            out.push(u16::from(b's'));
            out.extend(s.encode_utf16());
        }
        out.push(0);
    }
}

/// Appends one normalised value; `input` is the string the page gave, if it gave one (UTF-8).
pub(super) fn pack_value(out: &mut Vec<u16>, v: &Value, input: Option<&[u8]>) {
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
                push_decimal(out, n.abs() as u64);
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

/// Hands a packed result of `records` records to its JS reader (`unpack_result` or
/// `unpack_issues`); `None` for the generic path: a NUL inside a string (one record too many),
/// or a JS exception. JS may then not hold the strings this result introduced, so `shared`
/// starts afresh.
pub(super) fn unpack(
    codec: &JsValue,
    text: &[u16],
    records: usize,
    shared: &mut SharedStrings,
    read: fn(&JsValue, u32, u32) -> JsValue,
) -> Option<JsValue> {
    if text.iter().filter(|&&u| u == 0).count() == records {
        let r = read(codec, text.as_ptr() as usize as u32, text.len() as u32);
        if !r.is_undefined() {
            return Some(r);
        }
    }
    shared.ids.clear();
    None
}

//! JSON exports: an array of flat objects, one per dossier.
//!
//! The keys of the first object are the header row (they must name a receipt date); every
//! object's keys are matched the same way (by [`fold`](crate::text::fold)ed name, with the
//! aliases and the user's mapping). Elements are deserialised one at a time from the buffer,
//! so the file is never held twice. Row numbers are given as a spreadsheet would show the
//! same table: the first object is row 2.

use std::collections::{BTreeMap, HashMap};

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::Value;

use super::{Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo, FIELD_COUNT, LIMITS};
use crate::error::{Error, ErrorKind, Result};

struct State<'o> {
    overrides: &'o BTreeMap<String, String>,
    header: Option<HeaderMap>,
    keys: HashMap<String, Option<Field>>,
    error: Option<Error>,
    encoding: &'static str,
}

struct JRow<'v> {
    cells: [Cell<'v>; FIELD_COUNT],
}

impl FieldRow for JRow<'_> {
    fn get(&self, field: Field) -> Cell<'_> {
        self.cells[field as usize]
    }
}

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(o) => 1 + o.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

impl State<'_> {
    fn field_of(&mut self, key: &str) -> Option<Field> {
        if let Some(f) = self.keys.get(key) {
            return *f;
        }
        if key.len() > 4 * super::LIMITS.max_kept_text_bytes {
            // No header is this long: not folded (the work stays bounded per key).
            return None;
        }
        let m = HeaderMap::match_only(&[key.to_string()], &BTreeMap::new()).ok();
        let mut f = m.and_then(|m| Field::ALL.into_iter().find(|&f| m.column(f).is_some()));
        let k = crate::text::fold(key);
        for (field, header) in self.overrides {
            if crate::text::fold(header) == k {
                f = Field::from_name(field);
            }
        }
        if self.keys.len() < 10_000 {
            self.keys.insert(key.to_string(), f);
        }
        f
    }

    fn element<S: RowSink>(&mut self, row: u64, v: Value, sink: &mut S) -> Result<()> {
        let Value::Object(obj) = v else {
            if self.header.is_none() {
                return Err(Error::new(
                    ErrorKind::Ingest,
                    "Phần tử đầu tiên của mảng JSON không phải là một đối tượng.",
                    "The first element of the JSON array is not an object.",
                )
                .with_row(row));
            }
            sink.bad_row(row, RowIssue::NotAnObject);
            return Ok(());
        };
        if obj.len() > LIMITS.max_columns {
            // The same column limit as CSV and XLSX.
            if self.header.is_none() {
                return Err(Error::new(
                    ErrorKind::Limit,
                    format!(
                        "Đối tượng JSON đầu tiên có {} khóa, quá giới hạn {} cột.",
                        obj.len(),
                        LIMITS.max_columns
                    ),
                    format!(
                        "The first JSON object has {} keys, more than the limit of {} columns.",
                        obj.len(),
                        LIMITS.max_columns
                    ),
                )
                .with_row(row));
            }
            sink.bad_row(row, RowIssue::TooManyColumns);
            return Ok(());
        }
        if self.header.is_none() {
            let keys: Vec<String> = obj.keys().cloned().collect();
            let map = HeaderMap::build(&keys, self.overrides)?;
            let info = SourceInfo {
                format: "json".into(),
                encoding: Some(self.encoding.into()),
                delimiter: None,
                sheet: None,
                header_row: 1,
            };
            sink.start(&map, &info);
            self.header = Some(map);
        }
        if obj.values().any(|x| depth(x) + 1 > LIMITS.max_json_depth) {
            sink.bad_row(row, RowIssue::NotAnObject);
            return Ok(());
        }
        let mut cells = [Cell::Empty; FIELD_COUNT];
        let mut nested: Vec<(Field, String)> = Vec::new();
        let mut any = false;
        let mut fields: Vec<(Field, &Value)> = Vec::with_capacity(obj.len());
        for (k, x) in &obj {
            if !x.is_null() {
                any = true;
            }
            if let Some(f) = self.field_of(k) {
                if cells[f as usize] == Cell::Empty && !fields.iter().any(|(g, _)| *g == f) {
                    fields.push((f, x));
                }
            }
        }
        for (f, x) in &fields {
            if matches!(x, Value::Array(_) | Value::Object(_)) {
                let mut text = String::new();
                compact(x, &mut text);
                nested.push((*f, text));
            }
        }
        for (f, x) in &fields {
            cells[*f as usize] = match x {
                Value::Null => Cell::Empty,
                Value::Bool(b) => Cell::Bool(*b),
                Value::Number(n) => n.as_f64().map_or(Cell::Empty, Cell::Number),
                Value::String(s) => Cell::text(s.as_bytes()),
                _ => Cell::Empty,
            };
        }
        for (f, s) in &nested {
            cells[*f as usize] = Cell::Text(s.as_bytes());
        }
        if !any {
            sink.bad_row(row, RowIssue::Empty);
            return Ok(());
        }
        sink.row(row, &JRow { cells });
        Ok(())
    }
}

struct Seq<'a, 'o, S> {
    state: &'a mut State<'o>,
    sink: &'a mut S,
}

impl<'de, S: RowSink> Visitor<'de> for Seq<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut row: u64 = 1;
        while let Some(v) = seq.next_element::<Value>()? {
            row += 1;
            if let Err(e) = self.state.element(row, v, self.sink) {
                self.state.error = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

impl<'de, S: RowSink> DeserializeSeed<'de> for Seq<'_, '_, S> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

/// Reads a whole JSON file (UTF-8 with or without BOM, or UTF-16 with BOM) into `sink`.
pub fn read<S: RowSink>(
    bytes: &[u8],
    overrides: &BTreeMap<String, String>,
    sink: &mut S,
) -> Result<()> {
    if bytes.len() > LIMITS.max_buffered_bytes {
        return Err(super::xlsx::too_big_error(bytes.len()));
    }
    let (enc, bom) = super::decode::sniff_encoding(bytes);
    let owned;
    let text: &str = if enc == super::decode::Encoding::Utf8 {
        let body = bytes.get(bom..).unwrap_or(&[]);
        match std::str::from_utf8(body) {
            Ok(body) => body,
            Err(_) => {
                // UTF-8 with a stray invalid byte: U+FFFD in its place, as CSV reads it.
                owned = String::from_utf8_lossy(body).into_owned();
                &owned
            }
        }
    } else {
        owned = super::decode::decode_all(bytes).0;
        &owned
    };
    let mut state = State {
        overrides,
        header: None,
        keys: HashMap::new(),
        error: None,
        encoding: enc.label(),
    };
    // From `str` (the text is UTF-8 by now), as every other JSON the crate reads: one copy of
    // serde_json's parser in the module instead of one per input kind.
    let mut de = serde_json::Deserializer::from_str(text);
    let res = Seq {
        state: &mut state,
        sink,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    if let Some(e) = state.error {
        return Err(e);
    }
    if let Err(e) = res {
        let (line, col) = (e.line(), e.column());
        let what = if e.is_eof() {
            "tệp bị cắt cụt".to_string()
        } else {
            crate::message::truncate_for_message(&e.to_string())
        };
        return Err(Error::new(
            ErrorKind::Ingest,
            format!("Tệp JSON không hợp lệ ở dòng {line}, cột {col}: {what}."),
            format!("Invalid JSON at line {line}, column {col}: {e}."),
        ));
    }
    if state.header.is_none() {
        return Err(super::empty_file());
    }
    Ok(())
}

/// `v` as compact JSON text, as `Value::to_string` writes it (a nested array or object in a
/// cell is kept as its text). Written here because `Value`'s `Display` brings serde_json's
/// serializer twice (compact and pretty, ≈ 10 KB of wasm).
fn compact(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => quote(s, out),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                compact(x, out);
            }
            out.push(']');
        }
        Value::Object(o) => {
            out.push('{');
            for (i, (k, x)) in o.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                quote(k, out);
                out.push(':');
                compact(x, out);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal with serde_json's escapes.
fn quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn compact_text_is_serde_jsons() {
        let cases = [
            r#"[1, -2.5, 1e300, 0.1, true, false, null, "a\"b\\c\n\r\t\u0008\u000c\u0001\u001f\u007f", "Nghệ An 😀"]"#,
            r#"{"b": {"x": [], "y": {}}, "a": [1, [2, [3]]], "": "", "k\"": 12345678901234567890}"#,
            r#"[-0.0, 5e-324, 1.7976931348623157e308, -1, 18446744073709551615, -9223372036854775808]"#,
        ];
        for c in cases {
            let v: serde_json::Value = serde_json::from_str(c).unwrap();
            let mut ours = String::new();
            compact(&v, &mut ours);
            assert_eq!(ours, v.to_string(), "{c}");
        }
    }
}

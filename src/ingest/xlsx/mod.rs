//! XLSX workbooks (sổ tính Excel), read by a purpose-built reader: the zip container
//! ([`zip`], inflated by `miniz_oxide`), the workbook's sheet list and relationships, shared
//! strings (plain and rich text, phonetic runs skipped), inline strings, the number formats of
//! `styles.xml` (which cells are dates, as calamine decides it), the 1900 and 1904 date systems.
//!
//! The sheet's XML is inflated and read in 256 KiB chunks, row by row, so only the zip (the file
//! itself), the shared strings and one chunk are in memory; the sheet is never materialised as a
//! grid. The sheet read is the one named in the options, else the first sheet whose header row
//! names a receipt date.
//!
//! Why not calamine, which earlier versions used: it reads every spreadsheet format (xls, xlsb,
//! ods) through the `zip` crate, `quick-xml` and zlib-rs, ≈ 100 KiB of the gzip module for a job
//! that needs a few hundred lines here; and its cell-by-cell API was ≈ 60 % of the XLSX time.
//! The tests compare this reader with calamine (a dev-dependency) cell by cell.

use std::collections::BTreeMap;

mod xml;
mod zip;

use xml::{Next, Token};

use super::{
    header_not_found, try_header, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo,
    FIELD_COUNT, LIMITS,
};
use crate::error::{Error, ErrorKind, Result};

/// Which sheet to read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum SheetRef {
    /// By name.
    Name(String),
    /// By position (0 = first).
    Index(u32),
}

/// What `sheet` may be, in the error for any other value (both languages: the text is shown
/// inside the Vietnamese and the English message of an options error).
const SHEET_EXPECTED: &str = "sheet phải là tên trang tính (chuỗi) hoặc số thứ tự bắt đầu từ 0 (số nguyên 0, 1, 2 …) / sheet must be a sheet name (a string) or a 0-based index (a whole number 0, 1, 2 …)";

/// A string or a whole number, read in one pass (`#[serde(untagged)]` would buffer the value
/// through serde's `Content`, ≈ 10 KB of wasm); any other value is an error saying what a sheet
/// may be.
impl<'de> serde::Deserialize<'de> for SheetRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = SheetRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(SHEET_EXPECTED)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<SheetRef, E> {
                Ok(SheetRef::Name(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<SheetRef, E> {
                u32::try_from(v)
                    .map(SheetRef::Index)
                    .map_err(|_| no_variant())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<SheetRef, E> {
                u32::try_from(v)
                    .map(SheetRef::Index)
                    .map_err(|_| no_variant())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<SheetRef, E> {
                // A JavaScript number: a whole one is an index.
                if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) {
                    Ok(SheetRef::Index(v as u32))
                } else {
                    Err(no_variant())
                }
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<SheetRef, E> {
                Err(no_variant())
            }
            fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<SheetRef, E> {
                Err(no_variant())
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                _: A,
            ) -> std::result::Result<SheetRef, A::Error> {
                Err(no_variant())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                _: A,
            ) -> std::result::Result<SheetRef, A::Error> {
                Err(no_variant())
            }
        }
        fn no_variant<E: serde::de::Error>() -> E {
            E::custom(SHEET_EXPECTED)
        }
        d.deserialize_any(V)
    }
}

pub(super) fn broken(detail: impl std::fmt::Display) -> Error {
    let d = crate::message::truncate_for_message(&detail.to_string());
    Error::new(
        ErrorKind::Ingest,
        format!("Tệp XLSX bị hỏng hoặc không đầy đủ (tải lại tệp): {d}."),
        format!("The XLSX file is damaged or incomplete (download it again): {d}."),
    )
}

/// Largest total of the workbook's parts once unpacked (the sizes its zip directory declares):
/// 512 MiB, enough for a few hundred thousand rows. A small file that unpacks to gigabytes (a
/// "zip bomb") is refused before anything is decompressed.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// The error for a workbook whose parts unpack beyond [`MAX_UNPACKED_BYTES`].
pub(super) fn unpacked_too_big() -> Error {
    let mib = MAX_UNPACKED_BYTES / (1024 * 1024);
    Error::new(
        ErrorKind::Limit,
        format!("Tệp XLSX giải nén ra hơn {mib} MiB (có thể là tệp độc hại hoặc quá lớn); hãy xuất CSV."),
        format!("The XLSX file unpacks to more than {mib} MiB (malicious or too large); export CSV instead."),
    )
}

/// A sheet's XML is inflated this much at a time.
const CHUNK: usize = 256 * 1024;

/// Longest single tag or text run of a sheet (an Excel cell holds at most 32,767 characters).
const MAX_TOKEN: usize = 16 * 1024 * 1024;

/// The shared-strings table (`xl/sharedStrings.xml`), all strings in one buffer.
#[derive(Default)]
struct SharedStrings {
    text: Vec<u8>,
    /// End of string `i` in `text` (its start is the previous end).
    ends: Vec<usize>,
}

impl SharedStrings {
    fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

/// A cell of the current row.
#[derive(Clone, Copy, Debug)]
enum XCell {
    Empty,
    Number(f64),
    /// A date cell: its serial in the 1900 system.
    Serial(f64),
    Bool(bool),
    /// An index into the shared strings.
    Shared(usize),
    /// A range of the row's own text buffer (inline and formula strings).
    Own(usize, usize),
}

/// What a workbook holds besides its sheets' cells.
struct Workbook<'a> {
    zip: zip::Archive<'a>,
    /// Sheet names and their part paths, in workbook order.
    sheets: Vec<(String, String)>,
    is_1904: bool,
    strings: SharedStrings,
    /// For each cell format (`cellXfs` index): true when it shows a date or time.
    date_styles: Vec<bool>,
}

/// Every token of a whole (small) part, handed to `f`.
fn each_token<'b>(part: &'b [u8], name: &str, mut f: impl FnMut(xml::Token<'b>)) -> Result<()> {
    let mut pos = 0;
    loop {
        match xml::next(part, &mut pos, true) {
            Next::Token(t) => f(t),
            Next::End => return Ok(()),
            Next::More => return Err(broken(format!("part {name} ends inside a tag"))),
        }
    }
}

/// The folder of a part path, with its trailing `/` (`"xl/"` for `"xl/workbook.xml"`).
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// A relationship target resolved against the folder of its source part.
fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A part's relationships: (id, type, resolved target).
fn relationships(zip: &zip::Archive, source: &str) -> Result<Vec<(String, String, String)>> {
    let dir = folder(source);
    let rels_path = format!("{dir}_rels/{}.rels", &source[dir.len()..]);
    let Some(e) = zip.find(&rels_path) else {
        return Ok(Vec::new());
    };
    let part = zip.read(e)?;
    let mut out = Vec::new();
    each_token(&part, &rels_path, |t| {
        if let Token::Open {
            name: b"Relationship",
            attrs,
            ..
        } = t
        {
            if xml::attr(attrs, b"TargetMode") == Some(b"External") {
                return;
            }
            let get = |k: &[u8]| xml::attr_string(attrs, k).unwrap_or_default();
            out.push((get(b"Id"), get(b"Type"), resolve(dir, &get(b"Target"))));
        }
    })?;
    Ok(out)
}

impl<'a> Workbook<'a> {
    fn open(bytes: &'a [u8]) -> Result<Workbook<'a>> {
        let zip = zip::Archive::open(bytes)?;
        let office = relationships(&zip, "")?
            .into_iter()
            .find(|r| r.1.ends_with("/officeDocument"))
            .map_or_else(|| "xl/workbook.xml".to_string(), |r| r.2);
        let entry = zip.find(&office).ok_or_else(|| {
            broken(format!(
                "no workbook part ({office}); not an Excel workbook?"
            ))
        })?;
        let part = zip.read(entry)?;
        let mut is_1904 = false;
        let mut listed: Vec<(String, String)> = Vec::new();
        each_token(&part, &office, |t| match t {
            Token::Open {
                name: b"workbookPr",
                attrs,
                ..
            } => {
                is_1904 = matches!(xml::attr(attrs, b"date1904"), Some(b"1" | b"true"));
            }
            Token::Open {
                name: b"sheet",
                attrs,
                ..
            } => listed.push((
                xml::attr_string(attrs, b"name").unwrap_or_default(),
                xml::attr_string(attrs, b"id").unwrap_or_default(),
            )),
            _ => {}
        })?;
        let rels = relationships(&zip, &office)?;
        let by_type = |suffix: &str, default: &str| {
            rels.iter()
                .find(|r| r.1.ends_with(suffix))
                .map_or_else(|| format!("{}{default}", folder(&office)), |r| r.2.clone())
        };
        let sheets = listed
            .into_iter()
            .map(|(name, id)| {
                let path = rels
                    .iter()
                    .find(|r| r.0 == id)
                    .map(|r| r.2.clone())
                    .ok_or_else(|| broken(format!("sheet {name} has no part")))?;
                Ok((name, path))
            })
            .collect::<Result<Vec<_>>>()?;
        let strings = match zip.find(&by_type("/sharedStrings", "sharedStrings.xml")) {
            Some(e) => read_shared_strings(&zip.read(e)?)?,
            None => SharedStrings::default(),
        };
        let date_styles = match zip.find(&by_type("/styles", "styles.xml")) {
            Some(e) => read_date_styles(&zip.read(e)?)?,
            None => Vec::new(),
        };
        Ok(Workbook {
            zip,
            sheets,
            is_1904,
            strings,
            date_styles,
        })
    }
}

/// Reads `sharedStrings.xml`: each `<si>` is the text of its `<t>` elements (rich-text runs
/// joined, phonetic `<rPh>` runs left out), entities and `_xHHHH_` escapes resolved, each
/// `<t>` trimmed unless `xml:space="preserve"`.
fn read_shared_strings(part: &[u8]) -> Result<SharedStrings> {
    let mut s = SharedStrings::default();
    let mut t = TextRun::default();
    each_token(part, "sharedStrings.xml", |tok| match tok {
        Token::Open {
            name: b"si", empty, ..
        } => {
            if empty {
                s.ends.push(s.text.len());
            }
        }
        Token::Close { name: b"si" } => s.ends.push(s.text.len()),
        tok => t.token(&tok, &mut s.text),
    })?;
    Ok(s)
}

/// The `<t>` runs of a string item (`<si>` or `<is>`), appended to an output buffer.
#[derive(Default)]
struct TextRun {
    in_t: bool,
    in_phonetic: bool,
    preserve: bool,
    piece: Vec<u8>,
}

impl TextRun {
    fn token(&mut self, tok: &Token<'_>, out: &mut Vec<u8>) {
        match *tok {
            Token::Open {
                name: b"rPh",
                empty: false,
                ..
            } => self.in_phonetic = true,
            Token::Close { name: b"rPh" } => self.in_phonetic = false,
            Token::Open {
                name: b"t",
                attrs,
                empty,
            } if !self.in_phonetic => {
                self.in_t = !empty;
                self.preserve = xml::attr(attrs, b"space") == Some(b"preserve");
                self.piece.clear();
            }
            Token::Text(raw) if self.in_t => xml::unescape_into(raw, &mut self.piece),
            Token::CData(raw) if self.in_t => self.piece.extend_from_slice(raw),
            Token::Close { name: b"t" } if self.in_t => {
                self.in_t = false;
                xml::unescape_ooxml(&mut self.piece, 0);
                let p: &[u8] = if self.preserve {
                    &self.piece
                } else {
                    self.piece.trim_ascii()
                };
                xml::push_utf8(out, p);
            }
            _ => {}
        }
    }
}

/// Reads which cell formats of `styles.xml` (`cellXfs`) show dates or times: built-in
/// formats 14–22, 27–36, 45–47, 50–58 and custom formats whose code has date or time parts.
fn read_date_styles(part: &[u8]) -> Result<Vec<bool>> {
    let mut custom: Vec<(Vec<u8>, bool)> = Vec::new();
    let mut in_xfs = false;
    let mut out = Vec::new();
    each_token(part, "styles.xml", |t| match t {
        Token::Open {
            name: b"numFmt",
            attrs,
            ..
        } => {
            if let (Some(id), Some(code)) = (
                xml::attr(attrs, b"numFmtId"),
                xml::attr_string(attrs, b"formatCode"),
            ) {
                custom.push((id.to_vec(), is_date_format(&code)));
            }
        }
        Token::Open {
            name: b"cellXfs",
            empty,
            ..
        } => in_xfs = !empty,
        Token::Close { name: b"cellXfs" } => in_xfs = false,
        Token::Open {
            name: b"xf", attrs, ..
        } if in_xfs => {
            let id = xml::attr(attrs, b"numFmtId").unwrap_or(b"0");
            let date = match custom.iter().find(|c| c.0 == id) {
                Some(c) => c.1,
                None => std::str::from_utf8(id)
                    .ok()
                    .and_then(|s| s.parse::<u32>().ok())
                    .is_some_and(|n| matches!(n, 14..=22 | 27..=36 | 45..=47 | 50..=58)),
            };
            out.push(date);
        }
        _ => {}
    })?;
    Ok(out)
}

/// Whether a custom number format shows a date or a time (or a duration such as `[h]:mm`):
/// a `d m y h s` outside quotes, escapes and brackets, `AM/PM`, or `[h]`, `[mm]`, `[ss]`;
/// only the first section (before `;`) counts. Ported from calamine's
/// `detect_custom_number_format` (MIT), itself from openpyxl.
fn is_date_format(format: &str) -> bool {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for c in format.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return false;
        } else if c == '[' {
            brackets = brackets.saturating_add(1);
        } else if c == ']' && brackets == 1 && hms {
            return true;
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !ap && matches!(c, 'a' | 'A') {
            ap = true;
        } else if brackets == 0
            && (if ap {
                matches!(c, 'p' | 'm' | '/' | 'P' | 'M')
            } else {
                "dmhysDMHYS".contains(c)
            })
        {
            return true;
        } else if !(hms && c.eq_ignore_ascii_case(&prev)) {
            hms = prev == '[' && "mhsMHS".contains(c);
        }
        prev = c;
    }
    false
}

/// Reads a whole XLSX file into `sink`.
pub fn read<S: RowSink>(
    bytes: &[u8],
    sheet: Option<&SheetRef>,
    overrides: &BTreeMap<String, String>,
    sink: &mut S,
) -> Result<()> {
    if bytes.len() > LIMITS.max_buffered_bytes {
        return Err(too_big(bytes.len()));
    }
    let wb = Workbook::open(bytes)?;
    let names: Vec<String> = wb.sheets.iter().map(|s| s.0.clone()).collect();
    let candidates: Vec<usize> = match sheet {
        Some(SheetRef::Name(n)) => {
            let want = crate::text::fold(n);
            vec![names
                .iter()
                .position(|s| crate::text::fold(s) == want)
                .ok_or_else(|| no_sheet(n, &names))?]
        }
        Some(SheetRef::Index(i)) => {
            let i = *i as usize;
            if i >= names.len() {
                return Err(no_sheet(&format!("#{i}"), &names));
            }
            vec![i]
        }
        None => (0..names.len()).collect(),
    };
    if candidates.is_empty() {
        return Err(broken("no worksheet"));
    }
    for &i in &candidates {
        if read_sheet(&wb, i, overrides, sink)? {
            return Ok(());
        }
    }
    Err(header_not_found(None).with_field(format!("sheet {}", names[candidates[0]])))
}

/// The cell type (`t` attribute).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `n` or none: a number (a date when its style says so).
    Number,
    /// `s`: an index into the shared strings.
    Shared,
    /// `inlineStr`: the text is in `<is>`.
    Inline,
    /// `str`: a formula's text result.
    Str,
    /// `b`: a boolean.
    Bool,
    /// `d`: an ISO 8601 date as text.
    Date,
    /// `e`: an error (`#N/A` …), read as empty.
    Error,
}

/// The column index of a cell reference's letters (`"B7"` → 1).
fn column_of(r: &[u8]) -> Option<usize> {
    let mut col = 0usize;
    let mut n = 0;
    for &c in r {
        if c.is_ascii_alphabetic() {
            col = col * 26 + usize::from(c.to_ascii_uppercase() - b'A') + 1;
            n += 1;
            if n > 3 {
                return None;
            }
        } else {
            break;
        }
    }
    (n > 0).then(|| col - 1)
}

fn parse_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 19 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0u64, |a, &d| a * 10 + u64::from(d - b'0')))
}

/// One sheet being read: the row being assembled and where the rows go.
struct SheetState<'w, 'o, S> {
    wb: &'w Workbook<'w>,
    sheet: usize,
    overrides: &'o BTreeMap<String, String>,
    sink: &'o mut S,
    in_data: bool,
    // The row.
    row: u64,
    next_col: usize,
    cells: Vec<XCell>,
    text: Vec<u8>,
    any_value: bool,
    too_wide: bool,
    // The cell.
    col: usize,
    kind: Kind,
    style: usize,
    in_cell: bool,
    in_v: bool,
    in_is: bool,
    has_v: bool,
    v: Vec<u8>,
    run: TextRun,
    /// Where the inline string being read starts in `text`.
    text_start: usize,
    // The header, once found.
    cols: [usize; FIELD_COUNT],
    header: Option<HeaderMap>,
    width: usize,
    rows_seen: usize,
}

/// After a row: go on, or stop (the header search gave up).
enum Flow {
    Go,
    NoHeader,
    /// `</sheetData>`: no more rows.
    Done,
}

impl<S: RowSink> SheetState<'_, '_, S> {
    fn cell_at(&self, i: usize) -> Cell<'_> {
        RowView {
            cells: &self.cells,
            text: &self.text,
            strings: &self.wb.strings,
            cols: &self.cols,
        }
        .cell(i)
    }

    fn start_row(&mut self, attrs: &[u8]) {
        self.row = xml::attr(attrs, b"r")
            .and_then(parse_u64)
            .unwrap_or(self.row + 1);
        self.next_col = 0;
        self.cells.clear();
        self.text.clear();
        self.any_value = false;
        self.too_wide = false;
    }

    fn end_row(&mut self) -> Result<Flow> {
        if self.header.is_some() {
            if self.too_wide {
                self.sink.bad_row(self.row, RowIssue::TooManyColumns);
            } else if self.any_value {
                let view = RowView {
                    cells: &self.cells,
                    text: &self.text,
                    strings: &self.wb.strings,
                    cols: &self.cols,
                };
                self.sink.row(self.row, &view);
            }
            return Ok(Flow::Go);
        }
        if self.cells.is_empty() && !self.any_value {
            // A row without cells (a formatted blank line above the header) is not searched.
            return Ok(Flow::Go);
        }
        self.rows_seen += 1;
        let cells: Vec<String> = (0..self.cells.len())
            .map(|i| super::kept_text(self.cell_at(i).to_text().as_bytes()).0)
            .collect();
        if let Some(map) = try_header(&cells, self.overrides)? {
            for f in Field::ALL {
                self.cols[f as usize] = map.column(f).unwrap_or(usize::MAX);
            }
            self.width = map.width();
            let info = SourceInfo {
                format: "xlsx".into(),
                encoding: None,
                delimiter: None,
                sheet: Some(self.wb.sheets[self.sheet].0.clone()),
                header_row: self.row,
            };
            self.sink.start(&map, &info);
            self.header = Some(map);
        } else if self.rows_seen >= LIMITS.max_header_search_rows {
            return Ok(Flow::NoHeader);
        }
        Ok(Flow::Go)
    }

    fn start_cell(&mut self, attrs: &[u8]) {
        let mut r = None;
        let mut t = None;
        let mut s = None;
        for (k, v) in xml::Attrs::new(attrs) {
            match k {
                b"r" => r = Some(v),
                b"t" => t = Some(v),
                b"s" => s = Some(v),
                _ => {}
            }
        }
        self.col = r.and_then(column_of).unwrap_or(self.next_col);
        self.next_col = self.col + 1;
        self.kind = match t {
            None | Some(b"n") => Kind::Number,
            Some(b"s") => Kind::Shared,
            Some(b"inlineStr") => Kind::Inline,
            Some(b"str") => Kind::Str,
            Some(b"b") => Kind::Bool,
            Some(b"d") => Kind::Date,
            Some(b"e") => Kind::Error,
            // An unknown type: its value read as text.
            Some(_) => Kind::Str,
        };
        self.style = s
            .and_then(parse_u64)
            .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
        self.in_cell = true;
        self.has_v = false;
        self.v.clear();
        self.text_start = usize::MAX;
    }

    /// The `<v>` text as the cell's own text (`_xHHHH_` escapes resolved).
    fn own_text(&mut self) -> XCell {
        let start = self.text.len();
        xml::push_utf8(&mut self.text, self.v.trim_ascii());
        xml::unescape_ooxml(&mut self.text, start);
        XCell::Own(start, self.text.len())
    }

    /// One token of the sheet.
    fn token(&mut self, tok: Token<'_>) -> Result<Option<Flow>> {
        if !self.in_data {
            if let Token::Open {
                name: b"sheetData",
                empty,
                ..
            } = tok
            {
                self.in_data = !empty;
            }
            return Ok(None);
        }
        if self.in_is {
            match tok {
                Token::Close { name: b"is" } => {}
                tok => {
                    self.run.token(&tok, &mut self.text);
                    return Ok(None);
                }
            }
        }
        match tok {
            Token::Text(raw) if self.in_v => xml::unescape_into(raw, &mut self.v),
            Token::CData(raw) if self.in_v => self.v.extend_from_slice(raw),
            Token::Open {
                name: b"c",
                attrs,
                empty,
            } => {
                self.start_cell(attrs);
                if empty {
                    self.end_cell()?;
                }
            }
            Token::Close { name: b"c" } if self.in_cell => self.end_cell()?,
            Token::Open {
                name: b"v", empty, ..
            } if self.in_cell => {
                self.in_v = !empty;
                self.has_v = true;
            }
            Token::Close { name: b"v" } => self.in_v = false,
            Token::Open {
                name: b"is", empty, ..
            } if self.in_cell => {
                self.in_is = !empty;
                self.kind = Kind::Inline;
                self.text_start = self.text.len();
                self.run = TextRun::default();
            }
            Token::Close { name: b"is" } => self.in_is = false,
            Token::Open {
                name: b"row",
                attrs,
                empty,
            } => {
                self.start_row(attrs);
                if empty {
                    return self.end_row().map(Some);
                }
            }
            Token::Close { name: b"row" } => return self.end_row().map(Some),
            Token::Close { name: b"sheetData" } => {
                self.in_data = false;
                return Ok(Some(Flow::Done));
            }
            _ => {}
        }
        Ok(None)
    }

    /// The finished cell's value, put in its column.
    fn end_cell(&mut self) -> Result<()> {
        self.in_cell = false;
        let c = self.col;
        if c >= LIMITS.max_columns {
            self.too_wide = true;
            return Ok(());
        }
        let value = if self.kind == Kind::Inline {
            if self.text_start == usize::MAX {
                XCell::Empty
            } else {
                XCell::Own(self.text_start, self.text.len())
            }
        } else if !self.has_v {
            XCell::Empty
        } else {
            let v = self.v.trim_ascii();
            match self.kind {
                _ if v.is_empty() => XCell::Empty,
                Kind::Error => XCell::Empty,
                Kind::Shared => {
                    let i = parse_u64(v)
                        .and_then(|i| usize::try_from(i).ok())
                        .filter(|&i| i < self.wb.strings.ends.len())
                        .ok_or_else(|| {
                            broken(format!(
                                "cell {}{}: shared string {} does not exist",
                                super::column_letters(c),
                                self.row,
                                String::from_utf8_lossy(v)
                            ))
                        })?;
                    XCell::Shared(i)
                }
                Kind::Bool if matches!(v, b"1" | b"true") => XCell::Bool(true),
                Kind::Bool if matches!(v, b"0" | b"false") => XCell::Bool(false),
                Kind::Number => match std::str::from_utf8(v)
                    .ok()
                    .and_then(crate::text::float::parse_f64)
                {
                    Some(n) if self.wb.date_styles.get(self.style) == Some(&true) => {
                        XCell::Serial(if self.wb.is_1904 { n + 1462.0 } else { n })
                    }
                    Some(n) => XCell::Number(n),
                    None => self.own_text(),
                },
                _ => self.own_text(),
            }
        };
        let stored = if self.header.is_some() {
            self.width
        } else {
            LIMITS.max_columns
        };
        if !matches!(value, XCell::Empty) {
            self.any_value = true;
        }
        if c < stored {
            if self.cells.len() <= c {
                self.cells.resize(c + 1, XCell::Empty);
            }
            self.cells[c] = value;
        }
        Ok(())
    }
}

/// A row handed to the sink.
struct RowView<'r> {
    cells: &'r [XCell],
    text: &'r [u8],
    strings: &'r SharedStrings,
    cols: &'r [usize; FIELD_COUNT],
}

impl<'r> RowView<'r> {
    /// The value of column `i`.
    #[inline]
    fn cell(&self, i: usize) -> Cell<'r> {
        match self.cells.get(i) {
            None | Some(XCell::Empty) => Cell::Empty,
            Some(XCell::Number(n)) => Cell::Number(*n),
            Some(XCell::Serial(n)) => Cell::Serial(*n),
            Some(XCell::Bool(b)) => Cell::Bool(*b),
            Some(XCell::Shared(i)) => Cell::text(self.strings.get(*i).unwrap_or(&[])),
            Some(XCell::Own(s, e)) => Cell::text(&self.text[*s..*e]),
        }
    }
}

impl FieldRow for RowView<'_> {
    #[inline]
    fn get(&self, field: Field) -> Cell<'_> {
        self.cell(self.cols[field as usize])
    }
}

/// Reads sheet `sheet` (row by row, its XML inflated a chunk at a time) into `sink`;
/// `Ok(false)` when it has no header row.
fn read_sheet<S: RowSink>(
    wb: &Workbook<'_>,
    sheet: usize,
    overrides: &BTreeMap<String, String>,
    sink: &mut S,
) -> Result<bool> {
    let path = &wb.sheets[sheet].1;
    let entry = wb
        .zip
        .find(path)
        .ok_or_else(|| broken(format!("sheet {} has no part {path}", wb.sheets[sheet].0)))?;
    let mut reader = wb.zip.open_entry(entry)?;
    let mut st = SheetState {
        wb,
        sheet,
        overrides,
        sink,
        in_data: false,
        row: 0,
        next_col: 0,
        cells: Vec::new(),
        text: Vec::new(),
        any_value: false,
        too_wide: false,
        col: 0,
        kind: Kind::Number,
        style: usize::MAX,
        in_cell: false,
        in_v: false,
        in_is: false,
        has_v: false,
        v: Vec::new(),
        run: TextRun::default(),
        text_start: usize::MAX,
        cols: [usize::MAX; FIELD_COUNT],
        header: None,
        width: 0,
        rows_seen: 0,
    };
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    let mut pos = 0usize;
    let mut last = false;
    loop {
        match xml::next(&buf, &mut pos, last) {
            Next::Token(t) => match st.token(t)? {
                None | Some(Flow::Go) => {}
                Some(Flow::NoHeader) => return Ok(false),
                Some(Flow::Done) => break,
            },
            Next::End if last => break,
            Next::More if last => return Err(broken(format!("part {path} ends inside a tag"))),
            Next::End | Next::More => {
                buf.drain(..pos);
                pos = 0;
                if buf.len() > MAX_TOKEN {
                    return Err(broken(format!(
                        "part {path} has a tag or text longer than {} MiB",
                        MAX_TOKEN >> 20
                    )));
                }
                last = !reader.fill(&mut buf, CHUNK)?;
            }
        }
    }
    Ok(st.header.is_some())
}
fn too_big(n: usize) -> Error {
    Error::new(
        ErrorKind::Limit,
        format!(
            "Tệp quá lớn để đọc trong trình duyệt ({} MiB, giới hạn {} MiB cho XLSX và JSON); hãy xuất CSV.",
            n / (1024 * 1024),
            LIMITS.max_buffered_bytes / (1024 * 1024)
        ),
        format!(
            "The file is too large to read in the browser ({} MiB, the limit is {} MiB for XLSX and JSON); export CSV instead.",
            n / (1024 * 1024),
            LIMITS.max_buffered_bytes / (1024 * 1024)
        ),
    )
}

/// The error for a file over the buffered-size limit.
pub(crate) fn too_big_error(n: usize) -> Error {
    too_big(n)
}

fn no_sheet(want: &str, names: &[String]) -> Error {
    Error::new(
        ErrorKind::Options,
        format!(
            "Không có trang tính \"{}\" trong tệp (các trang: {}).",
            crate::message::truncate_for_message(want),
            names.join(", ")
        ),
        format!(
            "There is no sheet \"{}\" in the file (sheets: {}).",
            crate::message::truncate_for_message(want),
            names.join(", ")
        ),
    )
    .with_field("sheet")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// calamine's (from openpyxl's) vectors for `detect_custom_number_format`; a duration
    /// counts as a date here.
    #[test]
    fn date_formats_as_calamine_and_openpyxl_classify_them() {
        for (format, date) in [
            ("DD/MM/YY", true),
            ("H:MM:SS;@", true),
            ("#,##0\\ [$\\u20bd-46D]", false),
            ("m\"M\"d\"D\";@", true),
            ("[h]:mm:ss", true),
            ("\"Y: \"0.00\"m\";\"Y: \"-0.00\"m\";\"Y: <num>m\";@", false),
            ("#,##0\\ [$''u20bd-46D]", false),
            ("\"$\"#,##0_);[Red](\"$\"#,##0)", false),
            ("[$-404]e\"\\xfc\"m\"\\xfc\"d\"\\xfc\"", true),
            ("0_ ;[Red]\\-0\\ ", false),
            ("\\Y000000", false),
            ("#,##0.0####\" YMD\"", false),
            ("[h]", true),
            ("[ss]", true),
            ("[s].000", true),
            ("[m]", true),
            ("[mm]", true),
            ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm;[Green][h]:mm", true),
            ("[>=100][Magenta][s].00", true),
            ("[h]:mm;[=0]\\-", true),
            ("[>=100][Magenta].00", false),
            ("[>=100][Magenta]General", false),
            ("ha/p\\\\m", true),
            ("#,##0.00\\ _M\"H\"_);[Red]#,##0.00\\ _M\"S\"_)", false),
            ("#,##0*y", false),
            ("0\"x\"*d", false),
            ("*-#,##0", false),
            ("*-yyyy-mm-dd", true),
        ] {
            assert_eq!(is_date_format(format), date, "{format}");
        }
    }

    #[test]
    fn shared_strings_count_empty_items() {
        let s = read_shared_strings(
            b"<sst><si><t>a</t></si><si/><si></si><si><r><t xml:space=\"preserve\"> b </t></r><rPh><t>x</t></rPh></si></sst>",
        )
        .unwrap();
        let all: Vec<&[u8]> = (0..s.ends.len()).map(|i| s.get(i).unwrap()).collect();
        assert_eq!(all, [&b"a"[..], b"", b"", b" b "]);
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_of(b"A1"), Some(0));
        assert_eq!(column_of(b"z9"), Some(25));
        assert_eq!(column_of(b"AA10"), Some(26));
        assert_eq!(column_of(b"XFD1"), Some(16383));
        assert_eq!(column_of(b"12"), None);
        assert_eq!(crate::ingest::column_letters(16383), "XFD");
        assert_eq!(crate::ingest::column_letters(26), "AA");
    }

    #[test]
    fn relationship_targets() {
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl/", "/xl/a.xml"), "xl/a.xml");
        assert_eq!(
            resolve("xl/worksheets/", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(resolve("", "./xl/workbook.xml"), "xl/workbook.xml");
    }
}

//! One worksheet read row by row: its XML inflated a chunk at a time, each cell's value typed,
//! the header row searched, the data rows handed to the sink.

use std::collections::BTreeMap;

use super::broken;
use super::workbook::{SharedStrings, TextRun, Workbook};
use super::xml::{self, Next, Token};
use crate::error::Result;
use crate::ingest::{
    keep_likeliest_header, try_header, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink,
    SourceInfo, FIELD_COUNT, LIMITS,
};

/// A sheet's XML is inflated this much at a time.
const CHUNK: usize = 256 * 1024;

/// Longest single tag or text run of a sheet (an Excel cell holds at most 32,767 characters).
const MAX_TOKEN: usize = 16 * 1024 * 1024;

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
    /// `d`: an ISO 8601 date as text (read as the wall-clock time written, see [`date_written`]).
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
    /// Of the rows searched for the header, the one listed if none names the receipt date.
    likeliest_header: Option<Vec<String>>,
}

/// What reading a sheet found.
pub(super) enum SheetRead {
    /// The header row; the data rows went to the sink.
    Rows,
    /// No header row among the rows searched; the row that looks most like one, if any.
    NoHeader(Option<Vec<String>>),
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
            .map(|i| crate::ingest::kept_text(self.cell_at(i).to_text().as_bytes()).0)
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
        } else {
            keep_likeliest_header(&mut self.likeliest_header, cells);
            if self.rows_seen >= LIMITS.max_header_search_rows {
                return Ok(Flow::NoHeader);
            }
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
                        .filter(|&i| i < self.wb.strings.len())
                        .ok_or_else(|| {
                            broken(format!(
                                "cell {}{}: shared string {} does not exist",
                                crate::ingest::column_letters(c),
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
                Kind::Date => {
                    let start = self.text.len();
                    xml::push_utf8(&mut self.text, date_written(v));
                    XCell::Own(start, self.text.len())
                }
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
        match self.cell(self.cols[field as usize]) {
            Cell::Text(t) if field.is_date() => Cell::Text(without_z(t)),
            c => c,
        }
    }
}

/// An ISO 8601 date-time text without its final `Z`. In a workbook the `Z` is not an offset:
/// SheetJS with `cellDates` writes the time shown followed by `Z` (`2021-06-30T20:00:00.000Z`
/// for 20:00), and Excel, LibreOffice, openpyxl and SheetJS show that time. Read as UTC it
/// would move seven hours, a receipt at 20:00 on 30/06 into July.
fn without_z(t: &[u8]) -> &[u8] {
    match t {
        [head @ .., b'Z' | b'z']
            if head.len() >= 16 && head[4] == b'-' && matches!(head[10], b'T' | b't' | b' ') =>
        {
            head
        }
        _ => t,
    }
}

/// A `t="d"` cell's ISO 8601 text as the wall-clock time written (see [`without_z`]), and a
/// time of 00:00 left out (`2021-06-10T00:00:00.000Z` → `2021-06-10`): other writers store a
/// date as a serial without a fraction, which reads as a date without time.
fn date_written(v: &[u8]) -> &[u8] {
    let t = without_z(v);
    match t.get(10..) {
        Some(time) if time.iter().all(|c| b"Tt 0:.".contains(c)) => &t[..10],
        _ => t,
    }
}

/// Reads sheet `sheet` (row by row, its XML inflated a chunk at a time) into `sink`.
pub(super) fn read_sheet<S: RowSink>(
    wb: &Workbook<'_>,
    sheet: usize,
    overrides: &BTreeMap<String, String>,
    sink: &mut S,
) -> Result<SheetRead> {
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
        likeliest_header: None,
    };
    let mut buf: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    let mut pos = 0usize;
    let mut last = false;
    loop {
        match xml::next(&buf, &mut pos, last) {
            Next::Token(t) => match st.token(t)? {
                None | Some(Flow::Go) => {}
                Some(Flow::NoHeader | Flow::Done) => break,
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
    Ok(match st.header {
        Some(_) => SheetRead::Rows,
        None => SheetRead::NoHeader(st.likeliest_header),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_z_after_an_iso_date_time_is_dropped_nothing_else() {
        for (t, want) in [
            ("2021-06-30T20:00:00.000Z", "2021-06-30T20:00:00.000"),
            ("2021-06-30T20:00Z", "2021-06-30T20:00"),
            ("2021-06-30 20:00:00z", "2021-06-30 20:00:00"),
            ("2021-06-30T20:00:00+07:00", "2021-06-30T20:00:00+07:00"),
            ("2021-06-30Z", "2021-06-30Z"),
            ("30/06/2021 20:00Z", "30/06/2021 20:00Z"),
            ("Z", "Z"),
            ("", ""),
        ] {
            assert_eq!(without_z(t.as_bytes()), want.as_bytes(), "{t}");
        }
    }

    #[test]
    fn date_cells_read_as_the_time_written() {
        let read = |t: &str| {
            let d = crate::ingest::dates::parse_bytes(date_written(t.as_bytes())).expect(t);
            (d.at.to_string(), d.has_time)
        };
        // SheetJS cellDates: the time shown, then Z.
        assert_eq!(
            read("2021-06-30T20:00:00.000Z"),
            ("2021-06-30 20:00:00".into(), true)
        );
        assert_eq!(
            read("2021-06-10T17:00:00Z"),
            ("2021-06-10 17:00:00".into(), true)
        );
        // A date without time, written at midnight or as a date: a date, as a serial 44357 is.
        for t in ["2021-06-10T00:00:00.000Z", "2021-06-10T00:00", "2021-06-10"] {
            assert_eq!(date_written(t.as_bytes()), b"2021-06-10", "{t}");
            assert_eq!(read(t), ("2021-06-10 00:00:00".into(), false), "{t}");
        }
        // A real offset is still one; what is not a date stays as it is.
        assert_eq!(
            read("2021-06-30T20:00:00+08:00"),
            ("2021-06-30 19:00:00".into(), true)
        );
        assert_eq!(date_written(b"n/a"), b"n/a");
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
}

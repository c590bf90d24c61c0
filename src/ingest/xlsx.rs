//! XLSX workbooks, read with `calamine` (shared strings, inline strings, date cells, serial
//! numbers, 1900 and 1904 date systems).
//!
//! Cells are streamed from the sheet's XML in row order (`worksheet_cells_reader`), so the
//! sheet is never materialised as a grid; only the zip (the file itself) is buffered. The
//! sheet read is the one named in the options, else the first sheet whose header row names a
//! receipt date.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};

use super::{
    header_not_found, trim_bytes, try_header, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink,
    SourceInfo, FIELD_COUNT, LIMITS,
};
use crate::error::{Error, ErrorKind, Result};

/// Which sheet to read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub enum SheetRef {
    /// By name.
    Name(String),
    /// By position (0 = first).
    Index(u32),
}

fn broken(detail: impl std::fmt::Display) -> Error {
    let d = crate::datetime::clip(&detail.to_string());
    Error::new(
        ErrorKind::Ingest,
        format!("Tệp XLSX bị hỏng hoặc không đầy đủ (tải lại tệp): {d}."),
        format!("The XLSX file is damaged or incomplete (download it again): {d}."),
    )
}

struct XRow<'r, 'a> {
    cells: &'r [DataRef<'a>],
    cols: &'r [usize; FIELD_COUNT],
    is_1904: bool,
}

impl FieldRow for XRow<'_, '_> {
    fn get(&self, field: Field) -> Cell<'_> {
        match self.cells.get(self.cols[field as usize]) {
            None => Cell::Empty,
            Some(d) => cell_of(d, self.is_1904),
        }
    }
}

fn cell_of<'s>(d: &'s DataRef<'_>, is_1904: bool) -> Cell<'s> {
    match d {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) => {
            let v = dt.as_f64();
            Cell::Serial(if is_1904 { v + 1462.0 } else { v })
        }
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            text_cell(s.as_bytes())
        }
        DataRef::SharedString(s) => text_cell(s.as_bytes()),
    }
}

fn text_cell(b: &[u8]) -> Cell<'_> {
    let t = trim_bytes(b);
    if t.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(t)
    }
}

fn cell_string(d: &DataRef<'_>) -> String {
    crate::text::normalize(&cell_of(d, false).to_text())
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
    let mut wb: Xlsx<Cursor<&[u8]>> = Xlsx::new(Cursor::new(bytes)).map_err(broken)?;
    let is_1904 = wb.has_1904_epoch();
    let names = wb.sheet_names();
    let candidates: Vec<String> = match sheet {
        Some(SheetRef::Name(n)) => {
            let want = crate::text::fold(n);
            let found = names
                .iter()
                .find(|s| crate::text::fold(s) == want)
                .cloned()
                .ok_or_else(|| no_sheet(n, &names))?;
            vec![found]
        }
        Some(SheetRef::Index(i)) => vec![names
            .get(*i as usize)
            .cloned()
            .ok_or_else(|| no_sheet(&format!("#{i}"), &names))?],
        None => names.clone(),
    };
    if candidates.is_empty() {
        return Err(broken("no worksheet"));
    }
    let mut first_error: Option<Error> = None;
    for name in &candidates {
        match read_sheet(&mut wb, name, is_1904, overrides, sink) {
            Ok(true) => return Ok(()),
            Ok(false) => {
                if first_error.is_none() {
                    first_error = Some(header_not_found(None).with_field(format!("sheet {name}")));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(first_error.unwrap_or_else(|| header_not_found(None)))
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
            crate::datetime::clip(want),
            names.join(", ")
        ),
        format!(
            "There is no sheet \"{}\" in the file (sheets: {}).",
            crate::datetime::clip(want),
            names.join(", ")
        ),
    )
    .with_field("sheet")
}

/// Reads one sheet; `Ok(false)` when it has no header row.
fn read_sheet<S: RowSink>(
    wb: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    is_1904: bool,
    overrides: &BTreeMap<String, String>,
    sink: &mut S,
) -> Result<bool> {
    let mut reader = wb.worksheet_cells_reader(name).map_err(broken)?;
    let mut cols = [usize::MAX; FIELD_COUNT];
    let mut header: Option<HeaderMap> = None;
    let mut width = 0usize;
    // The current row's cells (only the first `width` columns once the header is known).
    let mut row_cells: Vec<DataRef<'_>> = Vec::new();
    let mut current: Option<u32> = None;
    let mut any_value = false;
    let mut rows_seen = 0usize;
    let mut too_wide = false;

    loop {
        let next = reader.next_cell().map_err(broken)?;
        let pos = next.as_ref().map(|c| c.get_position());
        let row_changed = match (current, pos) {
            (Some(r), Some((pr, _))) => pr != r,
            (Some(_), None) => true,
            _ => false,
        };
        if row_changed {
            if let Some(r) = current {
                let row_no = u64::from(r) + 1;
                if let Some(_h) = &header {
                    if too_wide {
                        sink.bad_row(row_no, RowIssue::TooManyColumns);
                    } else if any_value {
                        let xr = XRow {
                            cells: &row_cells,
                            cols: &cols,
                            is_1904,
                        };
                        sink.row(row_no, &xr);
                    }
                } else {
                    rows_seen += 1;
                    let cells: Vec<String> = row_cells.iter().map(cell_string).collect();
                    if let Some(map) = try_header(&cells, overrides)? {
                        for f in Field::ALL {
                            cols[f as usize] = map.column(f).unwrap_or(usize::MAX);
                        }
                        width = map.width();
                        let info = SourceInfo {
                            format: "xlsx".into(),
                            encoding: None,
                            delimiter: None,
                            sheet: Some(name.to_string()),
                            header_row: row_no,
                        };
                        sink.start(&map, &info);
                        header = Some(map);
                    } else if rows_seen >= LIMITS.max_header_search_rows {
                        return Ok(false);
                    }
                }
            }
            row_cells.clear();
            any_value = false;
            too_wide = false;
        }
        let Some(cell) = next else { break };
        let (r, c) = cell.get_position();
        current = Some(r);
        let c = c as usize;
        if c >= LIMITS.max_columns {
            too_wide = true;
            continue;
        }
        let limit = if header.is_some() {
            width
        } else {
            LIMITS.max_columns
        };
        if c >= limit {
            // A column no field uses.
            let v = cell.get_value();
            if !matches!(v, DataRef::Empty) {
                any_value = true;
            }
            continue;
        }
        if row_cells.len() <= c {
            row_cells.resize(c + 1, DataRef::Empty);
        }
        let v = cell.get_value().clone();
        if !matches!(v, DataRef::Empty) {
            any_value = true;
        }
        row_cells[c] = v;
    }
    Ok(header.is_some())
}

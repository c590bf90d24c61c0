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
    header_not_found, try_header, Cell, Field, FieldRow, HeaderMap, RowIssue, RowSink, SourceInfo,
    FIELD_COUNT, LIMITS,
};
use crate::error::{Error, ErrorKind, Result};

/// Which sheet to read.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub enum SheetRef {
    /// By name.
    Name(String),
    /// By position (0 = first).
    Index(u32),
}

/// A string or a whole number, read in one pass (`#[serde(untagged)]` would buffer the value
/// through serde's `Content`, ≈ 10 KB of wasm); same error text as the untagged derive.
impl<'de> serde::Deserialize<'de> for SheetRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = SheetRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sheet name or a 0-based index")
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
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<SheetRef, E> {
                Err(no_variant())
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
            E::custom("data did not match any variant of untagged enum SheetRef")
        }
        d.deserialize_any(V)
    }
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
            Cell::text(s.as_bytes())
        }
        DataRef::SharedString(s) => Cell::text(s.as_bytes()),
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
    check_unpacked_size(bytes)?;
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

/// Largest total of the workbook's parts once unpacked (the sizes its zip directory declares):
/// 512 MiB, enough for a few hundred thousand rows. A small file that unpacks to gigabytes (a
/// "zip bomb") is refused before anything is decompressed.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Sums the uncompressed sizes declared in the zip central directory and refuses a workbook that
/// unpacks beyond [`MAX_UNPACKED_BYTES`]. A file whose directory can't be found is left to
/// calamine, which reports it as broken. Every loop is bounded by the file length.
fn check_unpacked_size(bytes: &[u8]) -> Result<()> {
    let u16_at = |i: usize| {
        bytes
            .get(i..i + 2)
            .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |i: usize| {
        bytes
            .get(i..i + 4)
            .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
    };
    // End of central directory: 22 bytes + a comment of at most 65,535 bytes, at the end.
    let lowest = bytes.len().saturating_sub(22 + 65_535);
    let Some(eocd) = (lowest..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..].starts_with(&[0x50, 0x4b, 0x05, 0x06]))
    else {
        return Ok(());
    };
    let (Some(entries), Some(mut at)) = (u16_at(eocd + 10), u32_at(eocd + 16)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for _ in 0..entries {
        let i = usize::try_from(at).unwrap_or(usize::MAX);
        if !bytes
            .get(i..)
            .is_some_and(|b| b.starts_with(&[0x50, 0x4b, 0x01, 0x02]))
        {
            break;
        }
        let (Some(size), Some(n), Some(e), Some(c)) = (
            u32_at(i + 24),
            u16_at(i + 28),
            u16_at(i + 30),
            u16_at(i + 32),
        ) else {
            break;
        };
        total = total.saturating_add(size);
        if total > MAX_UNPACKED_BYTES {
            let mib = MAX_UNPACKED_BYTES / (1024 * 1024);
            return Err(Error::new(
                ErrorKind::Limit,
                format!("Tệp XLSX giải nén ra hơn {mib} MiB (có thể là tệp độc hại hoặc quá lớn); hãy xuất CSV."),
                format!("The XLSX file unpacks to more than {mib} MiB (malicious or too large); export CSV instead."),
            ));
        }
        at += 46 + n + e + c;
    }
    Ok(())
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

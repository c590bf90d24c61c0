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
//!
//! The parts: `zip` (the container), `xml` (the tokenizer), `workbook` (sheet list, relationships,
//! shared strings), `styles` (which cell formats are dates), `sheet` (the rows of one worksheet).

use std::collections::BTreeMap;

mod sheet;
mod styles;
mod workbook;
mod xml;
mod zip;

use super::{header_likeness, header_not_found, RowSink, LIMITS};
use crate::error::{Error, ErrorKind, Result};
use workbook::Workbook;

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

/// A workbook that can't be read. What is wrong inside it (a part's name, a cut record) is a
/// diagnosis for whoever investigates, in English only; the Vietnamese message says what to do.
pub(super) fn broken(detail: impl std::fmt::Display) -> Error {
    // Cut only so that a part name from the file can't make the message long.
    let d = crate::message::truncate_chars(&detail.to_string(), 160);
    Error::new(
        ErrorKind::Ingest,
        "Tệp XLSX bị hỏng hoặc không đầy đủ: hãy tải lại tệp, hoặc mở bằng Excel rồi lưu lại.",
        format!("The XLSX file is damaged or incomplete (download it again, or open it in Excel and save it again): {d}"),
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
    // Without a header anywhere, the error lists the row of all sheets that looks most like a
    // header (not the title of a notes sheet before the data), and names its sheet.
    let mut likeliest: Option<(usize, Vec<String>)> = None;
    for &i in &candidates {
        match sheet::read_sheet(&wb, i, overrides, sink)? {
            sheet::SheetRead::Rows => return Ok(()),
            sheet::SheetRead::NoHeader(Some(row)) => {
                if likeliest
                    .as_ref()
                    .is_none_or(|(_, kept)| header_likeness(&row) > header_likeness(kept))
                {
                    likeliest = Some((i, row));
                }
            }
            sheet::SheetRead::NoHeader(None) => {}
        }
    }
    let (i, row) = likeliest.map_or((candidates[0], None), |(i, r)| (i, Some(r)));
    Err(header_not_found(row.as_deref()).with_field(format!("sheet {}", names[i])))
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

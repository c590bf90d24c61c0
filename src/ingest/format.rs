//! Which format a file is, decided from its bytes — the only place that knows file signatures.

use serde::{Deserialize, Serialize};

use super::decode;
use crate::error::{Error, ErrorKind, Result};

/// The start of a zip file (an XLSX workbook is one).
const ZIP: &[u8] = b"PK\x03\x04";
/// The start of an OLE compound file (old `.xls`).
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0];

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub enum Format {
    /// Delimited text.
    Csv,
    /// Office Open XML workbook.
    Xlsx,
    /// A JSON array of objects.
    Json,
}

/// Detects the format of a file from its first bytes; `None` when there are too few bytes to
/// tell yet. Errors for files that are none of the three (old XLS, PDF, images, binary).
///
/// # Example
/// ```
/// use tthc::ingest::{detect_format, Format};
/// assert_eq!(detect_format(b"PK\x03\x04....", true).unwrap(), Some(Format::Xlsx));
/// assert_eq!(detect_format(b"\xEF\xBB\xBF [{\"a\":1}]", true).unwrap(), Some(Format::Json));
/// assert_eq!(detect_format("Mã hồ sơ;Ngày tiếp nhận\n".as_bytes(), true).unwrap(), Some(Format::Csv));
/// assert!(detect_format(b"%PDF-1.7\n\x00\x01\x02", true).is_err());
/// assert!(detect_format(b"<html><table><tr><td>M\xC3\xA3</td>", true).is_err());
/// ```
pub fn detect_format(start: &[u8], complete: bool) -> Result<Option<Format>> {
    if start.is_empty() {
        if complete {
            return Err(empty_file());
        }
        return Ok(None);
    }
    if start.len() < 4 && !complete {
        return Ok(None);
    }
    if start.starts_with(ZIP) {
        return Ok(Some(Format::Xlsx));
    }
    if start.starts_with(b"PK") {
        return Err(Error::new(
            ErrorKind::Ingest,
            "Tệp nén (zip) không phải là bảng tính XLSX hợp lệ.",
            "The zip file is not a valid XLSX workbook.",
        ));
    }
    if start.starts_with(OLE) {
        return Err(Error::new(
            ErrorKind::Ingest,
            "Tệp Excel cũ (.xls) chưa được hỗ trợ: hãy lưu lại thành .xlsx hoặc .csv.",
            "Old Excel files (.xls) are not supported: save the file as .xlsx or .csv.",
        ));
    }
    let (enc, bom) = decode::sniff_encoding(start);
    let body = start.get(bom..).unwrap_or(&[]);
    // The first significant character, in the detected encoding.
    let first = match enc {
        decode::Encoding::Utf16Le => body
            .chunks(2)
            .map(|c| {
                (
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                )
            })
            .find(|&(lo, hi)| !(hi == 0 && lo.is_ascii_whitespace()))
            .map(|(lo, hi)| if hi == 0 { lo } else { b'x' }),
        decode::Encoding::Utf16Be => body
            .chunks(2)
            .map(|c| {
                (
                    c.get(1).copied().unwrap_or(0),
                    c.first().copied().unwrap_or(0),
                )
            })
            .find(|&(lo, hi)| !(hi == 0 && lo.is_ascii_whitespace()))
            .map(|(lo, hi)| if hi == 0 { lo } else { b'x' }),
        _ => body.iter().copied().find(|b| !b.is_ascii_whitespace()),
    };
    let Some(first) = first else {
        if complete {
            return Err(empty_file());
        }
        return Ok(None);
    };
    if first == b'[' {
        return Ok(Some(Format::Json));
    }
    if first == b'{' {
        return Err(Error::new(
            ErrorKind::Ingest,
            "Tệp JSON phải là một mảng các đối tượng ([{...}, {...}]).",
            "A JSON file must be an array of objects ([{...}, {...}]).",
        ));
    }
    // A web page or XML saved under an export's name (some systems' ".xls" downloads are HTML
    // tables): no header row of an export starts with "<".
    if first == b'<' {
        return Err(Error::new(
            ErrorKind::Ingest,
            "Tệp là trang HTML hoặc XML, không phải bảng CSV, XLSX hay JSON: hãy mở bằng Excel rồi lưu thành .xlsx.",
            "The file is an HTML or XML page, not a CSV, XLSX or JSON table: open it in Excel and save it as .xlsx.",
        ));
    }
    // Decided by the rule the CSV reader applies to its fixed prefix, so that the answer does
    // not depend on the size of the first chunk (only when it comes).
    if looks_binary(start, complete || body.len() >= BINARY_WINDOW) {
        return Err(not_a_table());
    }
    Ok(Some(Format::Csv))
}

/// Bytes (after a BOM) whose control characters decide whether a text file is binary.
const BINARY_WINDOW: usize = 8192;
/// Bytes at the start (after a BOM) where a single control character makes a file binary (the
/// header row of an export has none; images, executables and the like do).
const BINARY_HEAD: usize = 16;

/// True when the start of a file (BOM included) is binary: a control character that no text
/// export has (NUL, 0x01 …; tab, line breaks and form feed are fine) among the first 16 bytes
/// after the BOM, or more than one byte in 64 of the first 8 KiB. A stray NUL in a data row is
/// not enough. UTF-16 is never binary (its zero bytes are text). `whole`: `start` holds the
/// whole window (or the whole file); otherwise only the first test is made (its answer can't
/// change with more bytes). The same window and rule however the file is cut into chunks.
fn looks_binary(start: &[u8], whole: bool) -> bool {
    let (enc, bom) = decode::sniff_encoding(start);
    if matches!(enc, decode::Encoding::Utf16Le | decode::Encoding::Utf16Be) {
        return false;
    }
    let control = |c: &u8| *c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0C);
    let body = start.get(bom..).unwrap_or(&[]);
    if body.iter().take(BINARY_HEAD).any(control) {
        return true;
    }
    if !whole {
        return false;
    }
    let sample = &body[..body.len().min(BINARY_WINDOW)];
    sample.iter().filter(|c| control(c)).count() > sample.len() / 64
}

pub(crate) fn empty_file() -> Error {
    Error::new(
        ErrorKind::Ingest,
        "Tệp rỗng: không có dòng tiêu đề và dữ liệu.",
        "The file is empty: no header row and no data.",
    )
}

fn not_a_table() -> Error {
    Error::new(
        ErrorKind::Ingest,
        "Tệp không phải là CSV, XLSX hay JSON (có ký tự nhị phân).",
        "The file is not CSV, XLSX or JSON (it contains binary bytes).",
    )
}

/// Refuses the start of a file read as text (the format was given, or the file is streamed as
/// CSV) when it is a workbook, an old `.xls` or binary: `head` holds at least
/// [`Limits::sniff_bytes`](super::Limits) bytes, or the whole file.
pub(crate) fn refuse_non_text(head: &[u8]) -> Result<()> {
    if head.starts_with(ZIP) || head.starts_with(OLE) || looks_binary(head, true) {
        return Err(not_a_table());
    }
    Ok(())
}

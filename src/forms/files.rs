//! Attachments (thành phần hồ sơ): file types recognised by their magic bytes.
//!
//! The page passes each file as `{ name, size, type?, head? }` where `head` is the first bytes
//! of the file (a `Uint8Array`; 64 bytes suffice). The content type is decided by the magic
//! bytes, not by the name or the browser's `type`. A file is accepted only when its content
//! and its name's extension say the same type and that type is allowed: a name without a known
//! extension (`report.html`, `report.pdf.exe`) or with another type's gives `fileTypeMismatch`,
//! and so does an allowed extension on content of no known type ("the content is not a PDF").

/// A file type the validator recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    /// PDF (`%PDF-`).
    Pdf,
    /// JPEG (`FF D8 FF`).
    Jpeg,
    /// PNG.
    Png,
    /// GIF.
    Gif,
    /// WebP (`RIFF….WEBP`).
    Webp,
    /// TIFF.
    Tiff,
    /// HEIC / HEIF (`….ftypheic`).
    Heic,
    /// Office Open XML word processing (.docx) — a ZIP.
    Docx,
    /// Office Open XML spreadsheet (.xlsx) — a ZIP.
    Xlsx,
    /// OpenDocument text (.odt) — a ZIP.
    Odt,
    /// Legacy Word (.doc) — OLE2 compound file.
    Doc,
    /// Legacy Excel (.xls) — OLE2 compound file.
    Xls,
    /// ZIP archive.
    Zip,
    /// RAR archive.
    Rar,
    /// 7-Zip archive.
    SevenZip,
    /// XML (an e-document, e.g. a signed XML form).
    Xml,
}

impl FileType {
    /// The names usable in a schema's `accept` list.
    pub const ALL_NAMES: &'static [&'static str] = &[
        "pdf", "jpg", "jpeg", "png", "gif", "webp", "tiff", "heic", "docx", "xlsx", "odt", "doc",
        "xls", "zip", "rar", "7z", "xml", "image",
    ];

    /// The image types (`"image"` in an `accept` list).
    pub const IMAGES: [FileType; 6] = [
        FileType::Jpeg,
        FileType::Png,
        FileType::Gif,
        FileType::Webp,
        FileType::Tiff,
        FileType::Heic,
    ];

    /// Reads a type name (`"pdf"`, `"jpg"` …; case-insensitive, optional leading dot).
    pub fn from_name(s: &str) -> Option<FileType> {
        let s = s.trim().trim_start_matches('.').to_ascii_lowercase();
        Some(match s.as_str() {
            "pdf" => FileType::Pdf,
            "jpg" | "jpeg" => FileType::Jpeg,
            "png" => FileType::Png,
            "gif" => FileType::Gif,
            "webp" => FileType::Webp,
            "tif" | "tiff" => FileType::Tiff,
            "heic" | "heif" => FileType::Heic,
            "docx" => FileType::Docx,
            "xlsx" => FileType::Xlsx,
            "odt" => FileType::Odt,
            "doc" => FileType::Doc,
            "xls" => FileType::Xls,
            "zip" => FileType::Zip,
            "rar" => FileType::Rar,
            "7z" => FileType::SevenZip,
            "xml" => FileType::Xml,
            _ => return None,
        })
    }

    /// The usual extension.
    pub fn name(self) -> &'static str {
        match self {
            FileType::Pdf => "pdf",
            FileType::Jpeg => "jpg",
            FileType::Png => "png",
            FileType::Gif => "gif",
            FileType::Webp => "webp",
            FileType::Tiff => "tiff",
            FileType::Heic => "heic",
            FileType::Docx => "docx",
            FileType::Xlsx => "xlsx",
            FileType::Odt => "odt",
            FileType::Doc => "doc",
            FileType::Xls => "xls",
            FileType::Zip => "zip",
            FileType::Rar => "rar",
            FileType::SevenZip => "7z",
            FileType::Xml => "xml",
        }
    }

    fn family(self) -> u8 {
        match self {
            FileType::Docx | FileType::Xlsx | FileType::Odt | FileType::Zip => 1,
            FileType::Doc | FileType::Xls => 2,
            _ => 0,
        }
    }
}

/// Detects the type from the first bytes of a file. ZIP- and OLE-based formats can't be told
/// apart from their first bytes alone: the file name's extension decides among them.
///
/// # Example
/// ```
/// use tthc::forms::{detect_file_type, FileType};
/// assert_eq!(detect_file_type(b"%PDF-1.7\n", "don.pdf"), Some(FileType::Pdf));
/// assert_eq!(detect_file_type(b"PK\x03\x04....", "to-khai.docx"), Some(FileType::Docx));
/// assert_eq!(detect_file_type(b"hello", "a.pdf"), None);
/// ```
pub fn detect_file_type(head: &[u8], file_name: &str) -> Option<FileType> {
    let starts = |m: &[u8]| head.starts_with(m);
    let by_ext = extension(file_name).and_then(FileType::from_name);
    let t = if starts(b"%PDF-") {
        FileType::Pdf
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        FileType::Jpeg
    } else if starts(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        FileType::Png
    } else if starts(b"GIF87a") || starts(b"GIF89a") {
        FileType::Gif
    } else if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        FileType::Webp
    } else if starts(b"II*\0") || starts(b"MM\0*") {
        FileType::Tiff
    } else if head.get(4..8) == Some(b"ftyp")
        && matches!(
            head.get(8..12),
            Some(b"heic" | b"heix" | b"mif1" | b"msf1" | b"heim" | b"heis")
        )
    {
        FileType::Heic
    } else if starts(b"PK\x03\x04") {
        match by_ext {
            Some(t) if t.family() == 1 => t,
            _ => FileType::Zip,
        }
    } else if starts(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        match by_ext {
            Some(FileType::Xls) => FileType::Xls,
            _ => FileType::Doc,
        }
    } else if starts(b"Rar!\x1A\x07") {
        FileType::Rar
    } else if starts(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        FileType::SevenZip
    } else if starts(b"<?xml") || starts(b"\xEF\xBB\xBF<?xml") {
        FileType::Xml
    } else {
        return None;
    };
    Some(t)
}

/// The extension of a file name, lower-cased.
pub(crate) fn extension(name: &str) -> Option<&str> {
    let (_, ext) = name.rsplit_once('.')?;
    (!ext.is_empty() && ext.len() <= 5).then_some(ext)
}

/// True if the extension of `name` names another type than the detected one.
pub(crate) fn extension_mismatch(name: &str, detected: FileType) -> bool {
    match extension(name).and_then(FileType::from_name) {
        Some(by_name) => {
            by_name != detected
                && !(by_name.family() != 0 && by_name.family() == detected.family())
                && !(detected == FileType::Zip && by_name.family() == 1)
        }
        None => false,
    }
}

//! Vietnamese text: normalisation, folding for comparison, legacy encodings.
//!
//! - [`normalize`]: NFC, trimmed, runs of white space collapsed to one space — what every form
//!   value goes through before it is checked or measured (macOS and some keyboards send NFD,
//!   where "ệ" is three code points).
//! - [`fold`]: a key for matching headers and words: no diacritics, `đ` → `d`, lower case, only
//!   letters and digits ("Ngày tiếp nhận" → "ngaytiepnhan").
//! - [`decode_windows_1258`]: the code page of old Vietnamese Windows exports, decoded and
//!   composed to NFC.

pub mod case;
pub mod float;
pub mod legacy;
pub mod nf;
#[rustfmt::skip]
mod nf_table;

use nf::{nfc, nfd};

/// NFC, trimmed, with every run of white space collapsed to a single space.
///
/// # Example
/// ```
/// // "Nghệ An" typed in NFD (e + U+0323 + U+0302) with stray spaces:
/// assert_eq!(tthc::text::normalize("  Nghe\u{323}\u{302}   An "), "Nghệ An");
/// ```
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in nfc(s).chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// True if `s` is already NFC with no leading, trailing or doubled white space
/// (then [`normalize`] would return it unchanged). Cheap: no allocation.
///
/// # Example
/// ```
/// assert!(tthc::text::is_normalized("Nghệ An"));
/// assert!(!tthc::text::is_normalized("Nghe\u{323}\u{302} An"));
/// ```
pub fn is_normalized(s: &str) -> bool {
    let mut prev_space = true;
    for c in s.chars() {
        let space = c.is_whitespace();
        if space && (prev_space || c != ' ') {
            return false;
        }
        prev_space = space;
    }
    if prev_space && !s.is_empty() {
        return false;
    }
    nf::is_nfc(s)
}

/// Folds a string for matching: diacritics removed, `đ`/`Đ` → `d`, lower case, and only letters
/// and digits kept.
///
/// # Example
/// ```
/// assert_eq!(tthc::text::fold("Ngày tiếp nhận"), "ngaytiepnhan");
/// assert_eq!(tthc::text::fold("Cơ quan giải quyết"), "coquangiaiquyet");
/// assert_eq!(tthc::text::fold("MaHoSo"), "mahoso");
/// assert_eq!(tthc::text::fold("ĐƠN VỊ"), "donvi");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in nfd(s).chars() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            c if c.is_ascii() => {}
            c if ('\u{300}'..='\u{36f}').contains(&c) => {}
            c if c.is_alphanumeric() => out.push_str(&case::to_lower(c.encode_utf8(&mut [0; 4]))),
            _ => {}
        }
    }
    out
}

/// Windows-1258 bytes 0x80–0xFF; everything else maps as Latin-1 (ISO 8859-1).
const CP1258_HIGH: [u16; 128] = {
    let mut t = [0u16; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = 0x80 + i as u16;
        i += 1;
    }
    let ex: [(u8, u16); 42] = [
        (0x80, 0x20AC),
        (0x82, 0x201A),
        (0x83, 0x0192),
        (0x84, 0x201E),
        (0x85, 0x2026),
        (0x86, 0x2020),
        (0x87, 0x2021),
        (0x88, 0x02C6),
        (0x89, 0x2030),
        (0x8B, 0x2039),
        (0x8C, 0x0152),
        (0x91, 0x2018),
        (0x92, 0x2019),
        (0x93, 0x201C),
        (0x94, 0x201D),
        (0x95, 0x2022),
        (0x96, 0x2013),
        (0x97, 0x2014),
        (0x98, 0x02DC),
        (0x99, 0x2122),
        (0x9B, 0x203A),
        (0x9C, 0x0153),
        (0x9F, 0x0178),
        (0xC3, 0x0102),
        (0xCC, 0x0300),
        (0xD0, 0x0110),
        (0xD2, 0x0309),
        (0xD5, 0x01A0),
        (0xDD, 0x01AF),
        (0xDE, 0x0303),
        (0xE3, 0x0103),
        (0xEC, 0x0301),
        (0xF0, 0x0111),
        (0xF2, 0x0323),
        (0xF5, 0x01A1),
        (0xFD, 0x01B0),
        (0xFE, 0x20AB),
        (0x81, 0x0081),
        (0x8A, 0x008A),
        (0x8D, 0x008D),
        (0x8E, 0x008E),
        (0x8F, 0x008F),
    ];
    let mut j = 0;
    while j < ex.len() {
        t[(ex[j].0 - 0x80) as usize] = ex[j].1;
        j += 1;
    }
    t
};

/// Decodes Windows-1258 bytes (old Vietnamese Windows text) and composes the result to NFC.
///
/// Windows-1258 stores most tones as separate combining marks after the vowel; the NFC step
/// turns "a" + U+0301 into "á".
///
/// # Example
/// ```
/// // "Tiếp nhận" as Windows-1258: ê (0xEA) + acute (0xEC), â (0xE2) + dot below (0xF2).
/// let bytes = b"Ti\xEA\xECp nh\xE2\xF2n";
/// assert_eq!(tthc::text::decode_windows_1258(bytes), "Tiếp nhận");
/// ```
pub fn decode_windows_1258(bytes: &[u8]) -> String {
    let decoded: String = bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                b as char
            } else {
                char::from_u32(u32::from(CP1258_HIGH[(b - 0x80) as usize])).unwrap_or('\u{FFFD}')
            }
        })
        .collect();
    nfc(&decoded).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_and_composes() {
        assert_eq!(normalize("\t Hòa \n  Bình  "), "Hòa Bình");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize("   "), "");
        assert!(is_normalized(&normalize(" a  b ")));
        assert!(!is_normalized("a\tb"));
        assert!(!is_normalized(" a"));
    }

    #[test]
    fn windows_1258_matches_encoding_rs() {
        let all: Vec<u8> = (0u8..=255).collect();
        let (ours, theirs): (String, String) = (
            all.iter().map(|&b| decode_windows_1258(&[b])).collect(),
            all.iter()
                .map(|&b| {
                    nfc(&encoding_rs::WINDOWS_1258
                        .decode_without_bom_handling(&[b])
                        .0)
                    .into_owned()
                })
                .collect(),
        );
        assert_eq!(ours, theirs);
    }
}

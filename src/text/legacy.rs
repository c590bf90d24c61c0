//! Legacy Vietnamese encodings found in old files: detection and a suggested fix.
//!
//! Text copied from old documents often arrives as mojibake — the bytes of a legacy encoding
//! shown as Windows-1252 / Latin-1 characters:
//!
//! - **TCVN3 (ABC)**, the `.VnTime` fonts: "NghÖ An" for "Nghệ An", "B¶o Th¾ng" for "Bảo Thắng";
//! - **VNI** (VNI-Times fonts, a base letter plus a mark byte): "Xin chaøo caùc baïn";
//! - **Windows-1258** (tones stored as combining marks): "Tiêìp nhâòn" for "Tiếp nhận".
//!
//! [`detect_legacy`] tries each decoding and keeps one only if every changed word becomes a
//! well-formed Vietnamese syllable (one vowel nucleus from the list of Vietnamese nuclei, at
//! most one tone mark, consistent letter case) and the original was not already Vietnamese.
//! The form validator reports it as a *suggestion* (warning `legacyEncoding`): the value is
//! never changed silently.
//!
//! # Example
//! ```
//! use tthc::text::legacy::{detect_legacy, LegacyEncoding};
//! let s = detect_legacy("NghÖ An").unwrap();
//! assert_eq!((s.encoding, s.text.as_str()), (LegacyEncoding::Tcvn3, "Nghệ An"));
//! let s = detect_legacy("Xin chaøo caùc baïn").unwrap();
//! assert_eq!((s.encoding, s.text.as_str()), (LegacyEncoding::Vni, "Xin chào các bạn"));
//! assert!(detect_legacy("Lê Thị Ánh").is_none());
//! assert!(detect_legacy("Müller").is_none());
//! ```

use super::nf::{nfc, nfd};

/// A legacy encoding recognised by [`detect_legacy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN 5712:1993 VN3 ("ABC"), the `.Vn…` fonts.
    Tcvn3,
    /// VNI (VNI-Windows fonts).
    Vni,
    /// Windows-1258 read as Windows-1252.
    Windows1258,
}

impl LegacyEncoding {
    /// A stable name: `"tcvn3"`, `"vni"`, `"windows-1258"`.
    pub fn as_str(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "tcvn3",
            LegacyEncoding::Vni => "vni",
            LegacyEncoding::Windows1258 => "windows-1258",
        }
    }
}

/// A suggested re-reading of mojibake text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegacySuggestion {
    /// The encoding the text seems to be in.
    pub encoding: LegacyEncoding,
    /// The text decoded and in NFC.
    pub text: String,
}

/// TCVN 5712 (VN1/VN3 share the lower-case letters) bytes 0xA0–0xFF (from glibc's table).
const TCVN_HIGH: [u16; 96] = [
    0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, 0x0103, 0x00E2, 0x00EA, 0x00F4,
    0x01A1, 0x01B0, 0x0111, 0x1EB0, 0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3,
    0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, 0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA,
    0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD,
    0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, 0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2,
    0x0129, 0x00ED, 0x1ECB, 0x00F2, 0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7,
    0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, 0x1ED6, 0x1EE7, 0x0169, 0x00FA,
    0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0,
];

/// Windows-1252 characters of bytes 0x80–0x9F (to get the byte back from mojibake).
const CP1252_SPECIAL: [(char, u8); 27] = [
    ('€', 0x80),
    ('‚', 0x82),
    ('ƒ', 0x83),
    ('„', 0x84),
    ('…', 0x85),
    ('†', 0x86),
    ('‡', 0x87),
    ('ˆ', 0x88),
    ('‰', 0x89),
    ('Š', 0x8A),
    ('‹', 0x8B),
    ('Œ', 0x8C),
    ('Ž', 0x8E),
    ('‘', 0x91),
    ('’', 0x92),
    ('“', 0x93),
    ('”', 0x94),
    ('•', 0x95),
    ('–', 0x96),
    ('—', 0x97),
    ('˜', 0x98),
    ('™', 0x99),
    ('š', 0x9A),
    ('›', 0x9B),
    ('œ', 0x9C),
    ('ž', 0x9E),
    ('Ÿ', 0x9F),
];

/// The byte a Windows-1252 character stands for, if any.
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xA0..=0xFF).contains(&u) {
        return Some(u as u8);
    }
    CP1252_SPECIAL.iter().find(|p| p.0 == c).map(|p| p.1)
}

fn decode_tcvn3(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        let u = c as u32;
        if (0xA1..=0xFF).contains(&u) {
            out.push(char::from_u32(u32::from(TCVN_HIGH[(u - 0xA0) as usize]))?);
        } else if u >= 0x80 {
            return None;
        } else {
            out.push(c);
        }
    }
    Some(fix_upper_words(&nfc(&out)))
}

/// ABC upper-case fonts reuse the lower-case positions: "NGHÖ" decodes to "NGHệ"; a word whose
/// ASCII letters are all upper case is upper-cased.
fn fix_upper_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, w) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let ascii_letters = w.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if ascii_letters >= 2 && w.chars().all(|c| !c.is_ascii_lowercase()) {
            out.push_str(&super::case::to_upper(w));
        } else {
            out.push_str(w);
        }
    }
    out
}

/// VNI mark characters (as shown in Windows-1252), lower and upper case: combining marks.
fn vni_mark(c: char) -> Option<(&'static str, bool)> {
    // (combining sequence, needs a base of a/e/o (circumflex) or a (breve))
    let lower = super::case::lower_char(c);
    Some(match lower {
        'ù' => ("\u{301}", false),
        'ø' => ("\u{300}", false),
        'û' => ("\u{309}", false),
        'õ' => ("\u{303}", false),
        'ï' => ("\u{323}", false),
        'â' => ("\u{302}", true),
        'á' => ("\u{302}\u{301}", true),
        'à' => ("\u{302}\u{300}", true),
        'å' => ("\u{302}\u{309}", true),
        'ã' => ("\u{302}\u{303}", true),
        'ä' => ("\u{302}\u{323}", true),
        'ê' => ("\u{306}", true),
        'é' => ("\u{306}\u{301}", true),
        'è' => ("\u{306}\u{300}", true),
        'ú' => ("\u{306}\u{309}", true),
        'ü' => ("\u{306}\u{303}", true),
        'ë' => ("\u{306}\u{323}", true),
        _ => return None,
    })
}

fn decode_vni(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None; // last base vowel (lower case), if marks may follow
    for c in s.chars() {
        if let (Some(base), Some((mark, shaped))) = (prev, vni_mark(c)) {
            if shaped {
                let breve = mark.starts_with('\u{306}');
                let ok = if breve {
                    base == 'a'
                } else {
                    matches!(base, 'a' | 'e' | 'o')
                };
                if !ok {
                    return None;
                }
            }
            out.push_str(mark);
            // only one mark group after a vowel, except a tone after ơ/ư built from ô/ö
            prev = None;
            continue;
        }
        let (push, base): (&str, Option<char>) = match c {
            'ô' => ("ơ", Some('ơ')),
            'Ô' => ("Ơ", Some('ơ')),
            'ö' => ("ư", Some('ư')),
            'Ö' => ("Ư", Some('ư')),
            'ñ' => ("đ", None),
            'Ñ' => ("Đ", None),
            'í' => ("í", None),
            'Í' => ("Í", None),
            'ì' => ("ì", None),
            'Ì' => ("Ì", None),
            'æ' => ("ỉ", None),
            'Æ' => ("Ỉ", None),
            'ó' => ("ĩ", None),
            'Ó' => ("Ĩ", None),
            'ò' => ("ị", None),
            'Ò' => ("Ị", None),
            'î' => ("ỵ", None),
            'Î' => ("Ỵ", None),
            _ => ("", None),
        };
        if !push.is_empty() {
            out.push_str(push);
            prev = base;
            continue;
        }
        if (c as u32) >= 0x80 {
            return None;
        }
        out.push(c);
        let l = c.to_ascii_lowercase();
        prev = matches!(l, 'a' | 'e' | 'i' | 'o' | 'u' | 'y').then_some(l);
    }
    Some(nfc(&out).into_owned())
}

fn decode_cp1258_mojibake(s: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        bytes.push(cp1252_byte(c)?);
    }
    let d = super::decode_windows_1258(&bytes);
    // A combining mark left over (not after a vowel) means it was not Windows-1258.
    if d.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)) {
        return None;
    }
    Some(d)
}

const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "ya", "yê", "iêu", "oai", "oay", "oeo", "uây", "uôi",
    "ươi", "ươu", "uyê", "uya", "yêu", "uyu", "uêu", "oao",
];

/// True if `word` (letters only) looks like one Vietnamese syllable: one vowel nucleus from
/// [`NUCLEI`], at most one tone mark, and consistent case.
fn plausible_syllable(word: &str) -> bool {
    let has_lower = word.chars().any(char::is_lowercase);
    let upper_after_first = word.chars().skip(1).any(char::is_uppercase);
    if has_lower && upper_after_first {
        return false;
    }
    let lower: String = super::case::to_lower(word);
    let mut tones = 0;
    let mut bare = String::with_capacity(lower.len());
    for c in nfd(&lower).chars() {
        match c {
            '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}' => tones += 1,
            _ => bare.push(c),
        }
    }
    if tones > 1 {
        return false;
    }
    let bare: String = nfc(&bare).into_owned();
    let is_vowel = |c: char| "aăâeêioôơuưy".contains(c);
    let mut nucleus = String::new();
    let mut runs = 0;
    let mut in_run = false;
    for c in bare.chars() {
        if !c.is_alphabetic() {
            return false;
        }
        if is_vowel(c) {
            if !in_run {
                runs += 1;
                in_run = true;
            }
            nucleus.push(c);
        } else {
            if !(c.is_ascii_alphabetic() || c == 'đ') {
                return false;
            }
            in_run = false;
        }
    }
    if runs != 1 {
        return false;
    }
    let n = nucleus.as_str();
    if NUCLEI.contains(&n) {
        return true;
    }
    // "qu…" and "gi…": the u / i belongs to the consonant.
    (bare.starts_with("qu") && NUCLEI.contains(&n.get(1..).unwrap_or("")))
        || (bare.starts_with("gi") && NUCLEI.contains(&n.get(1..).unwrap_or("")))
}

/// Every word with a non-ASCII letter is a plausible syllable, and at least one exists.
fn looks_vietnamese(s: &str) -> bool {
    // Latin-1 symbols (¶ ¾ ¬, the soft hyphen …) are the signature of font-encoded text.
    if s.chars()
        .any(|c| ('\u{80}'..='\u{bf}').contains(&c) && c != '\u{a0}')
    {
        return false;
    }
    let mut any = false;
    for w in s.split(|c: char| !c.is_alphabetic()) {
        if w.is_ascii() {
            continue;
        }
        if !plausible_syllable(w) {
            return false;
        }
        any = true;
    }
    any
}

/// Detects mojibake of a legacy Vietnamese encoding and suggests the decoded text.
///
/// Returns `None` for plain ASCII, for text that is already Vietnamese, and when no decoding
/// gives well-formed Vietnamese.
pub fn detect_legacy(s: &str) -> Option<LegacySuggestion> {
    if s.is_ascii() || s.len() > 4096 {
        return None;
    }
    let composed = nfc(s);
    if looks_vietnamese(&composed) {
        return None;
    }
    let candidates = [
        (LegacyEncoding::Tcvn3, decode_tcvn3(s)),
        (LegacyEncoding::Vni, decode_vni(s)),
        (LegacyEncoding::Windows1258, decode_cp1258_mojibake(s)),
    ];
    for (encoding, text) in candidates {
        if let Some(text) = text {
            if text != composed && looks_vietnamese(&text) {
                return Some(LegacySuggestion { encoding, text });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors() {
        let cases = [
            ("B¶o Th¾ng", "Bảo Thắng", LegacyEncoding::Tcvn3),
            (
                "M\u{ad}êng Kh\u{ad}\u{ac}ng",
                "Mường Khương",
                LegacyEncoding::Tcvn3,
            ),
            ("NGHÖ AN", "NGHỆ AN", LegacyEncoding::Tcvn3),
            (
                "Xin chaøo caùc baïn",
                "Xin chào các bạn",
                LegacyEncoding::Vni,
            ),
            ("Nguyeãn Vaên Nam", "Nguyễn Văn Nam", LegacyEncoding::Vni),
            ("Tiêìp nhâòn", "Tiếp nhận", LegacyEncoding::Windows1258),
        ];
        for (input, want, enc) in cases {
            let got = detect_legacy(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!((got.text.as_str(), got.encoding), (want, enc), "{input}");
        }
    }

    #[test]
    fn genuine_text_is_left_alone() {
        for s in [
            "Nguyễn Văn Nam",
            "Lê Thị Ánh",
            "Phường Thành Vinh",
            "Hoà Bình",
            "José Müller",
            "Ngô Bảo Châu",
            "123 đường Lê Lợi",
            "Naïve café",
        ] {
            assert_eq!(detect_legacy(s), None, "{s}");
        }
    }
}

//! Lower and upper case (chữ thường, chữ hoa) for the letters tthc meets — ASCII, Latin-1,
//! Latin Extended-A, Ơ/Ư and Latin Extended Additional (every Vietnamese letter) — by a few
//! rules instead of core's full Unicode case tables (≈ 8 KiB of the gzip module). Text with
//! any other letter goes whole to the full mapping: `String.prototype.toLowerCase` /
//! `toUpperCase` in the browser, `str::to_lowercase` / `to_uppercase` natively. A test checks
//! the rules against core's mapping for every character they cover.
//!
//! ```
//! assert_eq!(tthc::text::case::to_upper("Nguyễn Văn Đức"), "NGUYỄN VĂN ĐỨC");
//! assert_eq!(tthc::text::case::to_lower("PHƯỜNG TRƯỜNG THI"), "phường trường thi");
//! assert_eq!(tthc::text::case::to_lower("ΑΘΉΝΑ"), "αθήνα");
//! ```

/// The lower case of `c` by the rules, or `None` when `c` is outside them (or its lower case is
/// not one character, like `İ`).
fn lower_rule(c: char) -> Option<char> {
    let u = c as u32;
    let l = match u {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => u + 32,
        0x00..=0xBF | 0xD7 | 0xDF..=0xFF => u,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => u | 1,
        0x139..=0x148 | 0x179..=0x17E => u + (u & 1),
        0x131 | 0x138 | 0x149 | 0x17F | 0x1A1 | 0x1B0 => u,
        0x178 => 0xFF,
        0x1A0 | 0x1AF => u + 1,
        _ => return None,
    };
    char::from_u32(l)
}

/// The upper case of `c` by the rules, or `None` when `c` is outside them (or its upper case is
/// not one character, like `ß` → `SS`).
fn upper_rule(c: char) -> Option<char> {
    let u = c as u32;
    let v = match u {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE => u - 32,
        0x00..=0x60 | 0x7B..=0xB4 | 0xB6..=0xDE | 0xF7 => u,
        0xFF => 0x178,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF => u & !1,
        0x139..=0x148 | 0x179..=0x17E => u - (1 - (u & 1)),
        0x138 | 0x178 | 0x1A0 | 0x1AF => u,
        0x1A1 | 0x1B0 => u - 1,
        _ => return None,
    };
    char::from_u32(v)
}

fn map(s: &str, rule: fn(char) -> Option<char>, host_mapping: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match rule(c) {
            Some(m) => out.push(m),
            None => return host_mapping(s),
        }
    }
    out
}

/// `s` in lower case (what `str::to_lowercase` gives).
pub fn to_lower(s: &str) -> String {
    map(s, lower_rule, crate::host::to_lower)
}

/// `s` in upper case (what `str::to_uppercase` gives).
pub fn to_upper(s: &str) -> String {
    map(s, upper_rule, crate::host::to_upper)
}

/// The lower case of one character when it is a single character (else `c`).
pub fn lower_char(c: char) -> char {
    lower_rule(c).unwrap_or_else(|| {
        let s = crate::host::to_lower(c.encode_utf8(&mut [0; 4]));
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(l), None) => l,
            _ => c,
        }
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
        let c = it.next()?;
        it.next().is_none().then_some(c)
    }

    /// Wherever a rule answers, it answers what core's full tables do; and it answers for every
    /// character of the ranges it is meant for whose mapping is one character.
    #[test]
    fn rules_agree_with_core() {
        let mut covered = 0;
        for u in (0..=0x24F).chain(0x1E00..=0x1EFF) {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some(l) = lower_rule(c) {
                assert_eq!(Some(l), single(c.to_lowercase()), "lower {c:?} U+{u:04X}");
                covered += 1;
            }
            if let Some(up) = upper_rule(c) {
                assert_eq!(Some(up), single(c.to_uppercase()), "upper {c:?} U+{u:04X}");
            }
            let meant = u <= 0x17F
                || matches!(u, 0x1A0 | 0x1A1 | 0x1AF | 0x1B0)
                || (0x1EA0..=0x1EFF).contains(&u);
            if meant && single(c.to_lowercase()).is_some() && u != 0x130 {
                assert!(
                    lower_rule(c).is_some(),
                    "lower not covered: {c:?} U+{u:04X}"
                );
            }
            if meant
                && single(c.to_uppercase()).is_some()
                && !matches!(u, 0xB5 | 0x130 | 0x131 | 0x17F)
            {
                assert!(
                    upper_rule(c).is_some(),
                    "upper not covered: {c:?} U+{u:04X}"
                );
            }
        }
        assert!(covered > 600);
    }

    #[test]
    fn strings_and_fallback() {
        for s in [
            "Nguyễn Văn Đức",
            "ĐẶNG THỊ ỞI",
            "Straße",
            "İstanbul",
            "Ωμέγα",
            "ŉ ǅ ﬀ",
            "",
        ] {
            assert_eq!(to_lower(s), s.to_lowercase(), "{s}");
            assert_eq!(to_upper(s), s.to_uppercase(), "{s}");
        }
        assert_eq!(lower_char('Ỹ'), 'ỹ');
        assert_eq!(lower_char('Ω'), 'ω');
        assert_eq!(lower_char('İ'), 'İ');
    }
}

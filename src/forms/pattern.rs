//! Schema `pattern`s: Unicode-aware classes on a small regex engine.
//!
//! The full `regex` crate with its Unicode tables costs about 175 KB of gzipped WebAssembly —
//! almost half of the module budget — for one feature. tthc uses `regex-lite` (same syntax,
//! linear time, ASCII-only classes) and rewrites the Unicode classes before compiling:
//!
//! | written | means |
//! |---|---|
//! | `\w` / `\W` | letters (any script below U+3400, CJK, kana, Hangul), digits, combining marks, `_` / not those |
//! | `\p{L}`, `\pL`, `\p{Letter}` / `\P{L}` | letters (as above) / not a letter |
//! | `\p{Lu}` / `\p{Ll}` | upper-case / lower-case letters (all Vietnamese capitals and small letters) |
//! | `\p{N}` | numeric characters |
//! | `\d` / `\D` | `0-9` / not `0-9` |
//!
//! The classes are built once from Rust's own Unicode predicates (`char::is_alphabetic` …),
//! so no extra table is shipped. Inside `[…]` the positive classes can be combined with other
//! items (`[\p{L}\d .'-]`); negated classes inside `[…]`, nested classes and word boundaries
//! (`\b`, `\B`, ASCII-only in the small engine) are rejected with a schema error rather than
//! silently meaning something else. `(?i)` folds ASCII letters only.
//!
//! # Example
//! ```
//! // (through a form field)
//! let v = tthc::forms::FormValidator::from_json(r#"{"fields":[
//!   {"name":"n","type":"text","label":"Tên","pattern":"\\p{Lu}[\\p{L} ]*"}]}"#).unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
//! let ok = tthc::forms::FormValues::from_json(r#"{"n":"Đặng Thị Ư"}"#).unwrap();
//! assert!(v.validate(&ok, &tthc::forms::ValidateOptions::new(today)).valid);
//! ```

use std::sync::OnceLock;

/// Which Unicode class.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Letter,
    Upper,
    Lower,
    Numeric,
}

fn member(class: Class, c: char) -> bool {
    match class {
        Class::Word => c.is_alphanumeric() || c == '_' || ('\u{300}'..='\u{36f}').contains(&c),
        Class::Letter => c.is_alphabetic(),
        Class::Upper => c.is_uppercase(),
        Class::Lower => c.is_lowercase(),
        Class::Numeric => c.is_numeric(),
    }
}

/// The class as regex class items (`\x{41}-\x{5A}\x{61}-\x{7A}…`), built once.
fn items(class: Class) -> &'static str {
    static CACHE: [OnceLock<String>; 5] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let slot = match class {
        Class::Word => &CACHE[0],
        Class::Letter => &CACHE[1],
        Class::Upper => &CACHE[2],
        Class::Lower => &CACHE[3],
        Class::Numeric => &CACHE[4],
    };
    slot.get_or_init(|| {
        let mut out = String::new();
        let mut run: Option<(u32, u32)> = None;
        // ASCII letters are written as themselves: under `(?i)` the small engine folds an
        // escaped letter (`\x{41}`) into a class, which may not end a range.
        let item = |u: u32, out: &mut String| match char::from_u32(u) {
            Some(c) if c.is_ascii_alphabetic() => out.push(c),
            _ => out.push_str(&format!("\\x{{{u:X}}}")),
        };
        let flush = |r: (u32, u32), out: &mut String| {
            item(r.0, out);
            if r.0 != r.1 {
                out.push('-');
                item(r.1, out);
            }
        };
        // Every script below U+3400 by Rust's predicates; beyond it only the large blocks
        // of letters used in names (kana, CJK ideographs, Hangul) as whole ranges.
        for u in 0u32..0x3400 {
            let Some(c) = char::from_u32(u) else { continue };
            if member(class, c) {
                run = match run {
                    Some((a, b)) if b + 1 == u => Some((a, u)),
                    Some(r) => {
                        flush(r, &mut out);
                        Some((u, u))
                    }
                    None => Some((u, u)),
                };
            }
        }
        if let Some(r) = run {
            flush(r, &mut out);
        }
        if matches!(class, Class::Word | Class::Letter) {
            out.push_str("\\x{3400}-\\x{4DBF}\\x{4E00}-\\x{9FFF}\\x{AC00}-\\x{D7A3}");
        }
        out
    })
}

fn class_of(name: &str) -> Option<Class> {
    Some(match name {
        "L" | "Letter" | "Alphabetic" => Class::Letter,
        "Lu" | "Uppercase_Letter" | "Uppercase" => Class::Upper,
        "Ll" | "Lowercase_Letter" | "Lowercase" => Class::Lower,
        "N" | "Number" => Class::Numeric,
        _ => return None,
    })
}

/// Rewrites a schema pattern for the small engine; `Err` holds (vi, en) explanations.
pub(crate) fn translate(p: &str) -> Result<String, (String, String)> {
    let mut out = String::with_capacity(p.len() + 16);
    let mut chars = p.chars().peekable();
    let mut in_class = false;
    let unsupported = |vi: &str, en: &str| {
        Err((
            format!("{vi} không được hỗ trợ"),
            format!("{en} is not supported"),
        ))
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    return unsupported("dấu \\ ở cuối biểu thức", "a trailing \\");
                };
                let (class, negated) = match e {
                    'w' => (Some(Class::Word), false),
                    'W' => (Some(Class::Word), true),
                    'p' | 'P' => {
                        let name: String = if chars.peek() == Some(&'{') {
                            chars.next();
                            let mut n = String::new();
                            loop {
                                match chars.next() {
                                    Some('}') => break,
                                    Some(x) if n.len() < 40 => n.push(x),
                                    _ => {
                                        return unsupported(
                                            "\\p{…} không đóng",
                                            "an unclosed \\p{…}",
                                        )
                                    }
                                }
                            }
                            n
                        } else {
                            chars.next().map(String::from).unwrap_or_default()
                        };
                        let (name, neg) = match name.strip_prefix('^') {
                            Some(n) => (n.to_string(), true),
                            None => (name, false),
                        };
                        match class_of(&name) {
                            Some(k) => (Some(k), (e == 'P') != neg),
                            None => {
                                return unsupported(
                                    &format!("lớp \\p{{{name}}} (dùng L, Lu, Ll, N)"),
                                    &format!("the class \\p{{{name}}} (use L, Lu, Ll, N)"),
                                )
                            }
                        }
                    }
                    'd' => {
                        out.push_str(if in_class { "0-9" } else { "[0-9]" });
                        continue;
                    }
                    'D' if !in_class => {
                        out.push_str("[^0-9]");
                        continue;
                    }
                    'b' | 'B' => {
                        return unsupported(
                            "\\b, \\B (biểu thức đã khớp toàn bộ giá trị)",
                            "\\b, \\B (patterns already match the whole value)",
                        )
                    }
                    'D' => return unsupported("\\D trong […]", "\\D inside […]"),
                    other => {
                        out.push('\\');
                        out.push(other);
                        continue;
                    }
                };
                if let Some(k) = class {
                    match (in_class, negated) {
                        (true, false) => out.push_str(items(k)),
                        (true, true) => {
                            return unsupported(
                                "lớp phủ định trong […]",
                                "a negated class inside […]",
                            )
                        }
                        (false, neg) => {
                            out.push_str(if neg { "[^" } else { "[" });
                            out.push_str(items(k));
                            out.push(']');
                        }
                    }
                }
            }
            '[' if in_class => {
                if chars.peek() == Some(&':') {
                    return unsupported("lớp [:…:]", "[:…:] classes");
                }
                return unsupported("lớp lồng nhau [[…]]", "nested classes [[…]]");
            }
            '[' => {
                in_class = true;
                out.push('[');
                if chars.peek() == Some(&'^') {
                    chars.next();
                    out.push('^');
                }
                if chars.peek() == Some(&']') {
                    chars.next();
                    out.push_str("\\]");
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn re(p: &str) -> regex_lite::Regex {
        regex_lite::Regex::new(&format!("^(?:{})$", translate(p).unwrap())).unwrap()
    }

    #[test]
    fn unicode_classes_accept_vietnamese() {
        assert!(re(r"\w+").is_match("Nguyễn"));
        assert!(re(r"[\p{L} ]+").is_match("Đặng Thị Ư"));
        assert!(re(r"\p{Lu}\p{Ll}+").is_match("Ưng"));
        assert!(!re(r"\p{Lu}\p{Ll}+").is_match("ưng"));
        assert!(re(r"\pL+").is_match("ỹỸ"));
        assert!(re(r"\P{L}+").is_match("123 ,."));
        assert!(!re(r"\W").is_match("ệ"));
        assert!(re(r"[\w.'-]+").is_match("H'Hen-Niê"));
        assert!(re(r"\d{5}").is_match("43106"));
        assert!(!re(r"\d").is_match("٣"));
        assert!(re(r"[^\d]+").is_match("abc"));
        assert!(re(r"\w+").is_match("李小龍"));
        assert!(re(r"[]a]+").is_match("]a"));
    }

    /// `(?i)` with the Unicode classes compiles (it was refused: the escaped ASCII letters at
    /// the ends of the class's ranges became classes under case folding) and folds ASCII.
    #[test]
    fn case_insensitive_flag_with_unicode_classes() {
        assert!(re(r"(?i)\w+").is_match("Nguyễn"));
        assert!(re(r"(?i)[\p{L} ]+").is_match("Đặng Thị Ư"));
        assert!(re(r"(?i)ab\p{Lu}").is_match("ABc"));
        assert!(re(r"(?i:x)\p{Ll}").is_match("Xa"));
        assert!(!re(r"(?i)\p{L}+").is_match("a1"));
    }

    #[test]
    fn unsupported_constructs_are_errors() {
        for p in [
            r"\bx",
            r"[\W]",
            r"[[a]]",
            r"\p{Greek}",
            r"\p{L",
            "a\\",
            r"[\D]",
        ] {
            assert!(translate(p).is_err(), "{p}");
        }
    }
}

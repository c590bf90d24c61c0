//! The XML that SpreadsheetML parts use, read as a flat stream of tags and text.
//!
//! Names are compared by their local part (`x:row` is `row`), attribute values and text are
//! unescaped (the five predefined entities and character references; line ends become `\n`,
//! as an XML parser reports them). Comments, processing instructions and a DOCTYPE are
//! skipped; entities a DOCTYPE declares are never expanded (so no "billion laughs"). The
//! tokenizer works on a buffer that may end in the middle of a tag: it then asks for more.

/// One piece of the document.
#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    /// `<name attrs>` or `<name attrs/>` (`empty`).
    Open {
        /// Local name.
        name: &'a [u8],
        /// The raw attribute text after the name.
        attrs: &'a [u8],
        /// Self-closing.
        empty: bool,
    },
    /// `</name>`.
    Close {
        /// Local name.
        name: &'a [u8],
    },
    /// Character data between tags, still escaped.
    Text(&'a [u8]),
    /// A CDATA section's content (not escaped).
    CData(&'a [u8]),
}

/// What [`next`] found.
#[derive(Debug, PartialEq)]
pub(super) enum Next<'a> {
    /// A token; the position moved past it.
    Token(Token<'a>),
    /// The buffer ends inside a token: read more and call again from the same position.
    More,
    /// The position is at the end of the buffer.
    End,
}

/// The local part of a qualified name.
pub(super) fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&c| c == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// Reads the token at `*pos`. With `last` (nothing more will come), text running to the end
/// of the buffer is returned as text instead of asking for more. A comment, processing
/// instruction or DOCTYPE comes back as an empty [`Token::Text`], which every reader ignores.
pub(super) fn next<'a>(buf: &'a [u8], pos: &mut usize, last: bool) -> Next<'a> {
    let at = *pos;
    let Some(rest) = buf.get(at..).filter(|r| !r.is_empty()) else {
        return Next::End;
    };
    if rest[0] != b'<' {
        return match memchr::memchr(b'<', rest) {
            Some(i) => {
                *pos = at + i;
                Next::Token(Token::Text(&rest[..i]))
            }
            None if last => {
                *pos = buf.len();
                Next::Token(Token::Text(rest))
            }
            None => Next::More,
        };
    }
    // Markup.
    let skip = |open: &[u8], close: &[u8], pos: &mut usize| -> Option<Next<'a>> {
        if !rest.starts_with(open) {
            return None;
        }
        Some(match find(&rest[open.len()..], close) {
            Some(i) => {
                *pos = at + open.len() + i + close.len();
                Next::Token(Token::Text(b""))
            }
            None => Next::More,
        })
    };
    if rest.starts_with(b"<![CDATA[") {
        return match find(&rest[9..], b"]]>") {
            Some(i) => {
                *pos = at + 9 + i + 3;
                Next::Token(Token::CData(&rest[9..9 + i]))
            }
            None => Next::More,
        };
    }
    if rest.len() < 9 && (b"<![CDATA[".starts_with(rest) || b"<!--".starts_with(rest)) {
        return Next::More;
    }
    if let Some(n) = skip(b"<!--", b"-->", pos) {
        return n;
    }
    if let Some(n) = skip(b"<?", b"?>", pos) {
        return n;
    }
    if rest.starts_with(b"<!") {
        // A DOCTYPE (possibly with an internal subset in brackets): skipped whole.
        let mut depth = 0i32;
        for (i, &c) in rest.iter().enumerate().skip(2) {
            match c {
                b'[' => depth += 1,
                b']' => depth -= 1,
                b'>' if depth <= 0 => {
                    *pos = at + i + 1;
                    return Next::Token(Token::Text(b""));
                }
                _ => {}
            }
        }
        return Next::More;
    }
    // A start or end tag: up to the first `>` outside a quoted attribute value.
    let mut quote = 0u8;
    let mut end = None;
    let mut i = 1;
    while i < rest.len() {
        let c = rest[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            end = Some(i);
            break;
        }
        i += 1;
    }
    let Some(end) = end else {
        return Next::More;
    };
    *pos = at + end + 1;
    let inner = &rest[1..end];
    if let Some(name) = inner.strip_prefix(b"/") {
        return Next::Token(Token::Close {
            name: local(name.trim_ascii()),
        });
    }
    let (inner, empty) = match inner.strip_suffix(b"/") {
        Some(i) => (i, true),
        None => (inner, false),
    };
    let name_end = inner
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .unwrap_or(inner.len());
    Next::Token(Token::Open {
        name: local(&inner[..name_end]),
        attrs: &inner[name_end..],
        empty,
    })
}

/// The attributes of a tag: (local name, raw value) pairs. Stops at the first thing that is
/// not `name="value"` or `name='value'`.
pub(super) struct Attrs<'a> {
    rest: &'a [u8],
}

impl<'a> Attrs<'a> {
    /// The attributes in a tag's attribute text.
    pub(super) fn new(attrs: &'a [u8]) -> Attrs<'a> {
        Attrs { rest: attrs }
    }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let r = self.rest.trim_ascii_start();
        let eq = memchr::memchr(b'=', r)?;
        let key = r[..eq].trim_ascii();
        let after = r[eq + 1..].trim_ascii_start();
        let q = *after.first()?;
        if q != b'"' && q != b'\'' {
            self.rest = &[];
            return None;
        }
        let len = memchr::memchr(q, &after[1..])?;
        self.rest = &after[len + 2..];
        Some((local(key), &after[1..1 + len]))
    }
}

/// The raw (still escaped) value of the attribute whose local name is `name`.
pub(super) fn attr<'a>(attrs: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    Attrs::new(attrs).find(|(k, _)| *k == name).map(|(_, v)| v)
}

/// An attribute's value unescaped, as a string.
pub(super) fn attr_string(attrs: &[u8], name: &[u8]) -> Option<String> {
    let raw = attr(attrs, name)?;
    let mut out = Vec::with_capacity(raw.len());
    unescape_into(raw, &mut out);
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Appends `raw` to `out` with entities and character references resolved and line ends
/// (`\r\n`, lone `\r`) as `\n`. An unknown entity is kept as written.
pub(super) fn unescape_into(raw: &[u8], out: &mut Vec<u8>) {
    let mut rest = raw;
    loop {
        let Some(i) = memchr::memchr2(b'&', b'\r', rest) else {
            out.extend_from_slice(rest);
            return;
        };
        out.extend_from_slice(&rest[..i]);
        rest = &rest[i..];
        if rest[0] == b'\r' {
            out.push(b'\n');
            rest = rest.strip_prefix(b"\r\n").unwrap_or(&rest[1..]);
            continue;
        }
        let resolved = memchr::memchr(b';', &rest[..rest.len().min(12)]).and_then(|semi| {
            let name = &rest[1..semi];
            let c = match name {
                b"amp" => '&',
                b"lt" => '<',
                b"gt" => '>',
                b"quot" => '"',
                b"apos" => '\'',
                [b'#', b'x' | b'X', hex @ ..] => {
                    char::from_u32(u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?)?
                }
                [b'#', dec @ ..] => {
                    char::from_u32(std::str::from_utf8(dec).ok()?.parse::<u32>().ok()?)?
                }
                _ => return None,
            };
            Some((c, semi + 1))
        });
        match resolved {
            Some((c, len)) => {
                let mut tmp = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
                rest = &rest[len..];
            }
            None => {
                out.push(b'&');
                rest = &rest[1..];
            }
        }
    }
}

/// Appends `text` to `out`, with any byte sequence that is not UTF-8 (a damaged part) as
/// U+FFFD, so every text cell is UTF-8.
pub(super) fn push_utf8(out: &mut Vec<u8>, text: &[u8]) {
    match std::str::from_utf8(text) {
        Ok(_) => out.extend_from_slice(text),
        Err(_) => out.extend_from_slice(String::from_utf8_lossy(text).as_bytes()),
    }
}

/// Resolves the OOXML escapes `_xHHHH_` (a UTF-16 code unit, e.g. `_x000D_` for a carriage
/// return) in `s` from byte `from` on, in place. A lone surrogate becomes U+FFFD.
pub(super) fn unescape_ooxml(s: &mut Vec<u8>, from: usize) {
    let hex = |b: &[u8]| -> Option<u16> {
        if b.len() >= 7 && b[0] == b'_' && b[1] == b'x' && b[6] == b'_' {
            u16::from_str_radix(std::str::from_utf8(&b[2..6]).ok()?, 16).ok()
        } else {
            None
        }
    };
    let Some(first) = memchr::memmem::find(&s[from..], b"_x").map(|i| from + i) else {
        return;
    };
    let mut out = Vec::with_capacity(s.len());
    out.extend_from_slice(&s[..first]);
    let mut i = first;
    while i < s.len() {
        let Some(unit) = (s[i] == b'_').then(|| hex(&s[i..])).flatten() else {
            out.push(s[i]);
            i += 1;
            continue;
        };
        i += 7;
        let c = match unit {
            0xD800..=0xDBFF => match s.get(i..).and_then(hex) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    i += 7;
                    char::from_u32(
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00),
                    )
                }
                _ => None,
            },
            u => char::from_u32(u32::from(u)),
        };
        let mut tmp = [0u8; 4];
        out.extend_from_slice(
            c.unwrap_or(char::REPLACEMENT_CHARACTER)
                .encode_utf8(&mut tmp)
                .as_bytes(),
        );
    }
    *s = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(doc: &[u8]) -> Vec<Token<'_>> {
        let mut pos = 0;
        let mut out = Vec::new();
        loop {
            match next(doc, &mut pos, true) {
                Next::Token(Token::Text(b"")) => {}
                Next::Token(t) => out.push(t),
                Next::End => return out,
                Next::More => panic!("more at {pos}"),
            }
        }
    }

    #[test]
    fn tags_text_and_skipped_markup() {
        let doc = br#"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><!-- c --><x:row r="1" a='>'><c/>t&amp;<![CDATA[<z>]]></x:row>"#;
        assert_eq!(
            all(doc),
            vec![
                Token::Open {
                    name: b"row",
                    attrs: br#" r="1" a='>'"#,
                    empty: false
                },
                Token::Open {
                    name: b"c",
                    attrs: b"",
                    empty: true
                },
                Token::Text(b"t&amp;"),
                Token::CData(b"<z>"),
                Token::Close { name: b"row" },
            ]
        );
    }

    #[test]
    fn a_cut_tag_asks_for_more() {
        for doc in [&b"<row r=\"1"[..], b"<!-- x", b"<![CDA", b"abc", b"<"] {
            let mut pos = 0;
            assert_eq!(next(doc, &mut pos, false), Next::More, "{doc:?}");
            assert_eq!(pos, 0);
        }
    }

    #[test]
    fn attributes_by_local_name() {
        let a = br#" name="A &amp; B" sheetId="2" r:id='rId5'"#;
        assert_eq!(attr(a, b"id"), Some(&b"rId5"[..]));
        assert_eq!(attr(a, b"sheetId"), Some(&b"2"[..]));
        assert_eq!(attr_string(a, b"name").as_deref(), Some("A & B"));
        assert_eq!(attr(a, b"x"), None);
    }

    #[test]
    fn entities_line_ends_and_ooxml_escapes() {
        let mut out = Vec::new();
        unescape_into(b"a&lt;b&#x1EA1;&#272;\r\nc\rd&unknown;&", &mut out);
        assert_eq!(String::from_utf8(out).unwrap(), "a<bạĐ\nc\nd&unknown;&");
        let mut s = b"x_x000D_y_xD83D__xDCF7_z_x005F_x000D_ _xD800_".to_vec();
        unescape_ooxml(&mut s, 0);
        assert_eq!(
            String::from_utf8(s).unwrap(),
            "x\ry\u{1F4F7}z_x000D_ \u{FFFD}"
        );
    }
}

//! The workbook around the sheets: its parts and their relationships, the sheet list, the date
//! system, the shared strings and the text runs of a string item.

use super::styles::read_date_styles;
use super::xml::{self, Next, Token};
use super::{broken, zip};
use crate::error::Result;

/// The shared-strings table (`xl/sharedStrings.xml`), all strings in one buffer.
#[derive(Default)]
pub(super) struct SharedStrings {
    text: Vec<u8>,
    /// End of string `i` in `text` (its start is the previous end).
    ends: Vec<usize>,
}

impl SharedStrings {
    /// How many strings the table holds.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..end)
    }
}

/// What a workbook holds besides its sheets' cells.
pub(super) struct Workbook<'a> {
    pub(super) zip: zip::Archive<'a>,
    /// Sheet names and their part paths, in workbook order.
    pub(super) sheets: Vec<(String, String)>,
    pub(super) is_1904: bool,
    pub(super) strings: SharedStrings,
    /// For each cell format (`cellXfs` index): true when it shows a date or time.
    pub(super) date_styles: Vec<bool>,
}

/// Every token of a whole (small) part, handed to `f`.
pub(super) fn each_token<'b>(
    part: &'b [u8],
    name: &str,
    mut f: impl FnMut(xml::Token<'b>),
) -> Result<()> {
    let mut pos = 0;
    loop {
        match xml::next(part, &mut pos, true) {
            Next::Token(t) => f(t),
            Next::End => return Ok(()),
            Next::More => return Err(broken(format!("part {name} ends inside a tag"))),
        }
    }
}

/// The folder of a part path, with its trailing `/` (`"xl/"` for `"xl/workbook.xml"`).
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// A relationship target resolved against the folder of its source part.
fn resolve(base: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for p in target.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// A part's relationships: (id, type, resolved target).
fn relationships(zip: &zip::Archive, source: &str) -> Result<Vec<(String, String, String)>> {
    let dir = folder(source);
    let rels_path = format!("{dir}_rels/{}.rels", &source[dir.len()..]);
    let Some(e) = zip.find(&rels_path) else {
        return Ok(Vec::new());
    };
    let part = zip.read(e)?;
    let mut out = Vec::new();
    each_token(&part, &rels_path, |t| {
        if let Token::Open {
            name: b"Relationship",
            attrs,
            ..
        } = t
        {
            if xml::attr(attrs, b"TargetMode") == Some(b"External") {
                return;
            }
            let get = |k: &[u8]| xml::attr_string(attrs, k).unwrap_or_default();
            out.push((get(b"Id"), get(b"Type"), resolve(dir, &get(b"Target"))));
        }
    })?;
    Ok(out)
}

impl<'a> Workbook<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Workbook<'a>> {
        let zip = zip::Archive::open(bytes)?;
        let office = relationships(&zip, "")?
            .into_iter()
            .find(|r| r.1.ends_with("/officeDocument"))
            .map_or_else(|| "xl/workbook.xml".to_string(), |r| r.2);
        let entry = zip.find(&office).ok_or_else(|| {
            broken(format!(
                "no workbook part ({office}); not an Excel workbook?"
            ))
        })?;
        let part = zip.read(entry)?;
        let mut is_1904 = false;
        let mut listed: Vec<(String, String)> = Vec::new();
        each_token(&part, &office, |t| match t {
            Token::Open {
                name: b"workbookPr",
                attrs,
                ..
            } => {
                is_1904 = matches!(xml::attr(attrs, b"date1904"), Some(b"1" | b"true"));
            }
            Token::Open {
                name: b"sheet",
                attrs,
                ..
            } => listed.push((
                xml::attr_string(attrs, b"name").unwrap_or_default(),
                xml::attr_string(attrs, b"id").unwrap_or_default(),
            )),
            _ => {}
        })?;
        let rels = relationships(&zip, &office)?;
        let by_type = |suffix: &str, default: &str| {
            rels.iter()
                .find(|r| r.1.ends_with(suffix))
                .map_or_else(|| format!("{}{default}", folder(&office)), |r| r.2.clone())
        };
        let sheets = listed
            .into_iter()
            .map(|(name, id)| {
                let path = rels
                    .iter()
                    .find(|r| r.0 == id)
                    .map(|r| r.2.clone())
                    .ok_or_else(|| broken(format!("sheet {name} has no part")))?;
                Ok((name, path))
            })
            .collect::<Result<Vec<_>>>()?;
        let strings = match zip.find(&by_type("/sharedStrings", "sharedStrings.xml")) {
            Some(e) => read_shared_strings(&zip.read(e)?)?,
            None => SharedStrings::default(),
        };
        let date_styles = match zip.find(&by_type("/styles", "styles.xml")) {
            Some(e) => read_date_styles(&zip.read(e)?)?,
            None => Vec::new(),
        };
        Ok(Workbook {
            zip,
            sheets,
            is_1904,
            strings,
            date_styles,
        })
    }
}

/// Reads `sharedStrings.xml`: each `<si>` is the text of its `<t>` elements (rich-text runs
/// joined, phonetic `<rPh>` runs left out), entities and `_xHHHH_` escapes resolved, each
/// `<t>` trimmed unless `xml:space="preserve"`.
fn read_shared_strings(part: &[u8]) -> Result<SharedStrings> {
    let mut s = SharedStrings::default();
    let mut t = TextRun::default();
    each_token(part, "sharedStrings.xml", |tok| match tok {
        Token::Open {
            name: b"si", empty, ..
        } => {
            if empty {
                s.ends.push(s.text.len());
            }
        }
        Token::Close { name: b"si" } => s.ends.push(s.text.len()),
        tok => t.token(&tok, &mut s.text),
    })?;
    Ok(s)
}

/// The `<t>` runs of a string item (`<si>` or `<is>`), appended to an output buffer.
#[derive(Default)]
pub(super) struct TextRun {
    in_t: bool,
    in_phonetic: bool,
    preserve: bool,
    piece: Vec<u8>,
}

impl TextRun {
    pub(super) fn token(&mut self, tok: &Token<'_>, out: &mut Vec<u8>) {
        match *tok {
            Token::Open {
                name: b"rPh",
                empty: false,
                ..
            } => self.in_phonetic = true,
            Token::Close { name: b"rPh" } => self.in_phonetic = false,
            Token::Open {
                name: b"t",
                attrs,
                empty,
            } if !self.in_phonetic => {
                self.in_t = !empty;
                self.preserve = xml::attr(attrs, b"space") == Some(b"preserve");
                self.piece.clear();
            }
            Token::Text(raw) if self.in_t => xml::unescape_into(raw, &mut self.piece),
            Token::CData(raw) if self.in_t => self.piece.extend_from_slice(raw),
            Token::Close { name: b"t" } if self.in_t => {
                self.in_t = false;
                xml::unescape_ooxml(&mut self.piece, 0);
                let p: &[u8] = if self.preserve {
                    &self.piece
                } else {
                    self.piece.trim_ascii()
                };
                xml::push_utf8(out, p);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_strings_count_empty_items() {
        let s = read_shared_strings(
            b"<sst><si><t>a</t></si><si/><si></si><si><r><t xml:space=\"preserve\"> b </t></r><rPh><t>x</t></rPh></si></sst>",
        )
        .unwrap();
        let all: Vec<&[u8]> = (0..s.ends.len()).map(|i| s.get(i).unwrap()).collect();
        assert_eq!(all, [&b"a"[..], b"", b"", b" b "]);
    }

    #[test]
    fn relationship_targets() {
        assert_eq!(
            resolve("xl/", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl/", "/xl/a.xml"), "xl/a.xml");
        assert_eq!(
            resolve("xl/worksheets/", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(resolve("", "./xl/workbook.xml"), "xl/workbook.xml");
    }
}

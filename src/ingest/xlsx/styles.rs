//! Which cell formats of `styles.xml` show dates: the one thing the reader needs from the styles.

use super::workbook::each_token;
use super::xml::{self, Token};
use crate::error::Result;

/// Reads which cell formats of `styles.xml` (`cellXfs`) show dates or times: built-in
/// formats 14–22, 27–36, 45–47, 50–58 and custom formats whose code has date or time parts.
pub(super) fn read_date_styles(part: &[u8]) -> Result<Vec<bool>> {
    let mut custom: Vec<(Vec<u8>, bool)> = Vec::new();
    let mut in_xfs = false;
    let mut out = Vec::new();
    each_token(part, "styles.xml", |t| match t {
        Token::Open {
            name: b"numFmt",
            attrs,
            ..
        } => {
            if let (Some(id), Some(code)) = (
                xml::attr(attrs, b"numFmtId"),
                xml::attr_string(attrs, b"formatCode"),
            ) {
                custom.push((id.to_vec(), is_date_format(&code)));
            }
        }
        Token::Open {
            name: b"cellXfs",
            empty,
            ..
        } => in_xfs = !empty,
        Token::Close { name: b"cellXfs" } => in_xfs = false,
        Token::Open {
            name: b"xf", attrs, ..
        } if in_xfs => {
            let id = xml::attr(attrs, b"numFmtId").unwrap_or(b"0");
            let date = match custom.iter().find(|c| c.0 == id) {
                Some(c) => c.1,
                None => std::str::from_utf8(id)
                    .ok()
                    .and_then(|s| s.parse::<u32>().ok())
                    .is_some_and(|n| matches!(n, 14..=22 | 27..=36 | 45..=47 | 50..=58)),
            };
            out.push(date);
        }
        _ => {}
    })?;
    Ok(out)
}

/// Whether a custom number format shows a date or a time (or a duration such as `[h]:mm`):
/// a `d m y h s` outside quotes, escapes and brackets, `AM/PM`, or `[h]`, `[mm]`, `[ss]`;
/// only the first section (before `;`) counts. Ported from calamine's
/// `detect_custom_number_format` (MIT), itself from openpyxl.
fn is_date_format(format: &str) -> bool {
    let mut escaped = false;
    let mut quoted = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for c in format.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return false;
        } else if c == '[' {
            brackets = brackets.saturating_add(1);
        } else if c == ']' && brackets == 1 && hms {
            return true;
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !ap && matches!(c, 'a' | 'A') {
            ap = true;
        } else if brackets == 0
            && (if ap {
                matches!(c, 'p' | 'm' | '/' | 'P' | 'M')
            } else {
                "dmhysDMHYS".contains(c)
            })
        {
            return true;
        } else if !(hms && c.eq_ignore_ascii_case(&prev)) {
            hms = prev == '[' && "mhsMHS".contains(c);
        }
        prev = c;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// calamine's (from openpyxl's) vectors for `detect_custom_number_format`; a duration
    /// counts as a date here.
    #[test]
    fn date_formats_as_calamine_and_openpyxl_classify_them() {
        for (format, date) in [
            ("DD/MM/YY", true),
            ("H:MM:SS;@", true),
            ("#,##0\\ [$\\u20bd-46D]", false),
            ("m\"M\"d\"D\";@", true),
            ("[h]:mm:ss", true),
            ("\"Y: \"0.00\"m\";\"Y: \"-0.00\"m\";\"Y: <num>m\";@", false),
            ("#,##0\\ [$''u20bd-46D]", false),
            ("\"$\"#,##0_);[Red](\"$\"#,##0)", false),
            ("[$-404]e\"\\xfc\"m\"\\xfc\"d\"\\xfc\"", true),
            ("0_ ;[Red]\\-0\\ ", false),
            ("\\Y000000", false),
            ("#,##0.0####\" YMD\"", false),
            ("[h]", true),
            ("[ss]", true),
            ("[s].000", true),
            ("[m]", true),
            ("[mm]", true),
            ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm;[Green][h]:mm", true),
            ("[>=100][Magenta][s].00", true),
            ("[h]:mm;[=0]\\-", true),
            ("[>=100][Magenta].00", false),
            ("[>=100][Magenta]General", false),
            ("ha/p\\\\m", true),
            ("#,##0.00\\ _M\"H\"_);[Red]#,##0.00\\ _M\"S\"_)", false),
            ("#,##0*y", false),
            ("0\"x\"*d", false),
            ("*-#,##0", false),
            ("*-yyyy-mm-dd", true),
        ] {
            assert_eq!(is_date_format(format), date, "{format}");
        }
    }
}

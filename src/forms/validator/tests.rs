//! Unit tests of the validator's fast paths and readers against the general code.

use chrono::NaiveDate;

use super::field_checks::parse_number;
use super::partial_dates::{
    format_partial_date, is_formatted_partial_date, parse_partial_date, ymd, ymd_ascii,
};
use super::text_checks::{
    is_letter, is_normal_text, is_precomposed_latin, legacy_warning, normalize_email,
    normalize_owned_text, normalize_text, TextScan,
};
use crate::forms::schema::DatePrecision;

#[test]
fn fast_paths_agree_with_the_general_code() {
    let samples = [
        "",
        " ",
        "a",
        " a",
        "a ",
        "a  b",
        "a\tb",
        "a\u{b}b",
        "a\u{c}b",
        "a\nb",
        "a\rb",
        "a\u{1f}b",
        "abc def",
        "  x  y  ",
        "Nguyễn Văn A",
        "Nguye\u{0302}\u{0303}n",
        "x\u{a0}y",
    ];
    for s in samples {
        assert_eq!(normalize_text(s), crate::text::normalize(s), "{s:?}");
    }
    let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
    while d < end {
        let b = ymd_ascii(d).unwrap_or_default();
        assert_eq!(b.as_slice(), d.format("%Y-%m-%d").to_string().as_bytes());
        d = d + chrono::Days::new(997);
    }
}

#[test]
fn latin_shortcuts_agree_with_unicode() {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{is_nfc_quick, IsNormalized};
    for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
        assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        assert!(!c.is_whitespace(), "{c:?}");
        assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
    }
    for c in (0..0x80u8)
        .map(char::from)
        .chain(['\u{A0}', '\u{300}', 'ư', 'Ω'])
    {
        assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
    }
    for s in [
        "",
        " ",
        "Nguyễn Văn A",
        " Nguyễn",
        "Nguyễn ",
        "Nguyễn  Văn",
        "Nguyễn\tVăn",
        "Nguye\u{0302}\u{0303}n",
        "Nguyễn\u{a0}Văn",
        "Đặng Thị Ưng",
        "Ωmega",
        "a\u{b}b",
        "x\u{2003}y",
        "Ð×÷ǅ",
        "ọ\u{0301}",
    ] {
        assert_eq!(is_normal_text(s), crate::text::is_normalized(s), "{s:?}");
        assert_eq!(
            normalize_owned_text(s.to_string()),
            crate::text::normalize(s),
            "{s:?}"
        );
        check_scan(s);
    }
}

/// `TextScan::of_normal` finds normal what `is_normal_text` does (or leaves it to the
/// general path) and scans as `TextScan::of` does.
fn check_scan(s: &str) {
    match TextScan::of_normal(s) {
        Some(scan) => {
            assert!(is_normal_text(s), "{s:?}");
            assert_eq!(scan, TextScan::of(s), "{s:?}");
        }
        None => assert!(
            !is_normal_text(s)
                || !s.chars().all(|c| c.is_ascii() || is_precomposed_latin(c))
                || s.is_empty(),
            "{s:?}"
        ),
    }
}

#[test]
fn one_pass_text_scan_agrees_with_the_separate_checks() {
    let words = [
        "Nguyễn",
        "Văn",
        "a",
        "O'Neil",
        "Jean-Paul",
        "×",
        "÷",
        "Ð",
        "ǅ",
        "1",
        "Số",
        "5,",
        "Ànà",
        "Lê",
    ];
    let seps = ["", " ", "  ", "\t", "\u{a0}", "’", "-", "."];
    for a in words {
        for sep in seps {
            for b in words {
                for s in [
                    format!("{a}{sep}{b}"),
                    format!(" {a}{sep}{b}"),
                    format!("{a}{sep}{b} "),
                ] {
                    check_scan(&s);
                    let scan = TextScan::of(&s);
                    assert_eq!(scan.chars as usize, s.chars().count());
                    assert_eq!(
                        scan.name_chars,
                        s.chars()
                            .all(|c| is_letter(c) || matches!(c, ' ' | '\'' | '’' | '-')),
                        "{s:?}"
                    );
                    assert_eq!(scan.letter, s.chars().any(is_letter), "{s:?}");
                    assert_eq!(scan.legacy_warning(&s), legacy_warning(&s), "{s:?}");
                }
            }
        }
    }
}

#[test]
fn numbers_as_typed_in_vietnam() {
    assert_eq!(parse_number("1.234.567"), Some(1234567.0));
    assert_eq!(parse_number("1.234,5"), Some(1234.5));
    assert_eq!(parse_number("12,5"), Some(12.5));
    assert_eq!(parse_number("12.5"), Some(12.5));
    assert_eq!(parse_number("1.23.4"), None);
    assert_eq!(parse_number("abc"), None);
}

#[test]
fn partial_dates() {
    let d = parse_partial_date("05/1990", DatePrecision::Any).unwrap();
    assert_eq!(format_partial_date(&d), "1990-05");
    assert_eq!(d.last, ymd(1990, 5, 31).unwrap());
    assert!(parse_partial_date("31/02/2020", DatePrecision::Day).is_none());
    assert!(parse_partial_date("1990", DatePrecision::Day).is_none());
    assert_eq!(
        format_partial_date(&parse_partial_date("1.2.2003", DatePrecision::Day).unwrap()),
        "2003-02-01"
    );
    // A JS Date at local midnight, serialised in UTC, is still the Vietnamese date.
    let d = parse_partial_date("2026-01-14T17:00:00.000Z", DatePrecision::Day).unwrap();
    assert_eq!(format_partial_date(&d), "2026-01-15");
    assert!(parse_partial_date("2026-01-14T17:00:00.000Z", DatePrecision::Year).is_none());
}

/// A date typed in the canonical form is kept as typed, and only then.
#[test]
fn formatted_dates_are_recognised() {
    let typed = [
        "2026-03-02",
        "2026-3-2",
        "02/03/2026",
        "2/3/2026",
        "2026-03",
        "03/2026",
        "3/2026",
        "2026",
        "0001-01-01",
        "0001",
        "9999-12-31",
        "1991-03-12",
        "12/03/1991",
        "1991-03-12 ",
    ];
    for p in [
        DatePrecision::Day,
        DatePrecision::Month,
        DatePrecision::Year,
        DatePrecision::Any,
    ] {
        for s in typed {
            if let Some(d) = parse_partial_date(s, p) {
                assert_eq!(
                    is_formatted_partial_date(&d, s),
                    format_partial_date(&d) == s,
                    "{s:?} {p:?}"
                );
                assert!(
                    is_formatted_partial_date(&d, &format_partial_date(&d)),
                    "{s:?} {p:?}"
                );
            }
        }
    }
}

#[test]
fn emails() {
    let e = |s: &str| normalize_email(s.to_string());
    assert_eq!(e("Ten.Ho@Example.VN").as_deref(), Ok("Ten.Ho@example.vn"));
    assert_eq!(e("Ten.Ho@example.vn").as_deref(), Ok("Ten.Ho@example.vn"));
    assert_eq!(e("a@UBND.Nghệan.vn").as_deref(), Ok("a@ubnd.nghệan.vn"));
    assert_eq!(e("a@b"), Err("a@b".to_string()));
    assert!(e("a b@c.vn").is_err());
    assert!(e("a@@c.vn").is_err());
    assert!(e("a@c..vn").is_err());
    assert!(e("a@-c.vn").is_err());
    assert!(e("a@c.v").is_err());
    assert!(e("a@c.v1").is_err());
    assert!(e("nguyễn@ubnd.nghean.gov.vn").is_ok());
}

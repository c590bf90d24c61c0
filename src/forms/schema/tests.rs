//! Unit tests of the schema's readers.

use chrono::NaiveDate;

use super::json_reading::parse_ymd;

/// The hand-written `YYYY-MM-DD` reader accepts exactly what chrono's `%Y-%m-%d` did for
/// four-digit years (the schema's `min`/`max` dates).
#[test]
fn ymd_reads_what_chrono_read() {
    let mut texts: Vec<String> = vec![
        "2024-02-29".into(),
        "2023-02-29".into(),
        "2024-1-5".into(),
        "2024-01-5".into(),
        "2024-13-01".into(),
        "2024-00-10".into(),
        "2024-12-32".into(),
        " 2024-01-01".into(),
        "2024-01-01 ".into(),
        "2024/01/01".into(),
        "2024-01-01-".into(),
        "2024-01".into(),
        "".into(),
        "today".into(),
        "2024-001-01".into(),
        "2024-+1-01".into(),
    ];
    for y in [1900, 1999, 2000, 2100] {
        for m in 0..=13 {
            for d in [0, 1, 9, 10, 28, 29, 30, 31, 32] {
                texts.push(format!("{y}-{m:02}-{d:02}"));
                texts.push(format!("{y}-{m}-{d}"));
            }
        }
    }
    for t in &texts {
        assert_eq!(
            parse_ymd(t),
            NaiveDate::parse_from_str(t, "%Y-%m-%d").ok(),
            "{t:?}"
        );
    }
}

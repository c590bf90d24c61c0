//! The Vietnamese lunar calendar against the reference vectors (calendar.md §4).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use tthc::calendar::lunar::{from_lunar, leap_month, to_lunar, LunarDate};

fn d(s: &str) -> NaiveDate {
    tthc::datetime::parse_date(s, "d").unwrap()
}

fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
    LunarDate {
        year,
        month,
        day,
        leap,
    }
}

/// (year, Tết, Hùng Kings) from the reference table.
const FEASTS: &[(i32, &str, &str)] = &[
    (2000, "2000-02-05", "2000-04-14"),
    (2001, "2001-01-24", "2001-04-03"),
    (2002, "2002-02-12", "2002-04-22"),
    (2003, "2003-02-01", "2003-04-11"),
    (2004, "2004-01-22", "2004-04-28"),
    (2005, "2005-02-09", "2005-04-18"),
    (2006, "2006-01-29", "2006-04-07"),
    (2007, "2007-02-17", "2007-04-26"),
    (2008, "2008-02-07", "2008-04-15"),
    (2009, "2009-01-26", "2009-04-04"),
    (2010, "2010-02-14", "2010-04-23"),
    (2011, "2011-02-03", "2011-04-12"),
    (2012, "2012-01-23", "2012-03-31"),
    (2013, "2013-02-10", "2013-04-19"),
    (2014, "2014-01-31", "2014-04-09"),
    (2015, "2015-02-19", "2015-04-28"),
    (2016, "2016-02-08", "2016-04-16"),
    (2017, "2017-01-28", "2017-04-06"),
    (2018, "2018-02-16", "2018-04-25"),
    (2019, "2019-02-05", "2019-04-14"),
    (2020, "2020-01-25", "2020-04-02"),
    (2021, "2021-02-12", "2021-04-21"),
    (2022, "2022-02-01", "2022-04-10"),
    (2023, "2023-01-22", "2023-04-29"),
    (2024, "2024-02-10", "2024-04-18"),
    (2025, "2025-01-29", "2025-04-07"),
    (2026, "2026-02-17", "2026-04-26"),
    (2027, "2027-02-06", "2027-04-16"),
    (2028, "2028-01-26", "2028-04-04"),
    (2029, "2029-02-13", "2029-04-23"),
    (2030, "2030-02-02", "2030-04-12"),
    (2031, "2031-01-23", "2031-04-01"),
    (2032, "2032-02-11", "2032-04-19"),
    (2033, "2033-01-31", "2033-04-09"),
    (2034, "2034-02-19", "2034-04-28"),
    (2035, "2035-02-08", "2035-04-17"),
];

#[test]
fn tet_and_hung_kings_both_ways() {
    for &(y, tet, hung) in FEASTS {
        assert_eq!(
            from_lunar(lunar(y, 1, 1, false)).unwrap(),
            d(tet),
            "Tết {y}"
        );
        assert_eq!(
            from_lunar(lunar(y, 3, 10, false)).unwrap(),
            d(hung),
            "Hùng Kings {y}"
        );
        assert_eq!(
            to_lunar(d(tet)).unwrap(),
            lunar(y, 1, 1, false),
            "toLunar Tết {y}"
        );
        assert_eq!(
            to_lunar(d(hung)).unwrap(),
            lunar(y, 3, 10, false),
            "toLunar Hùng {y}"
        );
        assert_eq!(tthc::calendar::rules::tet(y), Some(d(tet)));
    }
}

#[test]
fn years_where_vietnam_and_china_differ() {
    // Vietnamese Tết (UTC+7), not the Chinese date (UTC+8).
    for (y, vn) in [
        (1985, "1985-01-21"),
        (2007, "2007-02-17"),
        (2030, "2030-02-02"),
        (2053, "2053-02-18"),
    ] {
        assert_eq!(from_lunar(lunar(y, 1, 1, false)).unwrap(), d(vn), "{y}");
    }
    assert_eq!(to_lunar(d("1985-02-20")).unwrap().day, 1);
    assert_ne!(to_lunar(d("1985-02-20")).unwrap().month, 1); // China's Tết 1985 is not Vietnam's
    assert_eq!(to_lunar(d("2007-02-18")).unwrap(), lunar(2007, 1, 2, false));
    assert_eq!(to_lunar(d("2030-02-03")).unwrap(), lunar(2030, 1, 2, false));
    assert_eq!(
        from_lunar(lunar(2009, 3, 10, false)).unwrap(),
        d("2009-04-04")
    );
}

#[test]
fn leap_months() {
    assert_eq!(to_lunar(d("2025-08-19")).unwrap(), lunar(2025, 6, 26, true));
    assert_eq!(to_lunar(d("2023-03-22")).unwrap(), lunar(2023, 2, 1, true));
    assert_eq!(to_lunar(d("2020-05-23")).unwrap(), lunar(2020, 4, 1, true));
    assert_eq!(to_lunar(d("2017-07-23")).unwrap(), lunar(2017, 6, 1, true));
    assert_eq!(to_lunar(d("2033-12-22")).unwrap(), lunar(2033, 11, 1, true));
    for (y, m) in [(2017, 6), (2020, 4), (2023, 2), (2025, 6), (2033, 11)] {
        assert_eq!(leap_month(y).unwrap(), Some(m), "{y}");
    }
    for y in [2018, 2019, 2021, 2022, 2024, 2026, 2027] {
        assert_eq!(leap_month(y).unwrap(), None, "{y}");
    }
    assert_eq!(
        from_lunar(lunar(2025, 6, 26, true)).unwrap(),
        d("2025-08-19")
    );
    assert_eq!(
        from_lunar(lunar(2033, 11, 1, true)).unwrap(),
        d("2033-12-22")
    );
    // The non-leap month 6 of 2025 comes a month earlier.
    assert_eq!(
        from_lunar(lunar(2025, 6, 26, false)).unwrap(),
        d("2025-07-20")
    );
    // Tết 2019 is in February, not on 7 January (the Ruby bug).
    assert_eq!(
        from_lunar(lunar(2019, 1, 1, false)).unwrap(),
        d("2019-02-05")
    );
}

#[test]
fn round_trip_every_day_1900_2100() {
    let mut day = d("1900-01-01");
    let end = d("2100-12-31");
    let mut prev: Option<LunarDate> = None;
    while day <= end {
        let l = to_lunar(day).unwrap();
        assert_eq!(from_lunar(l).unwrap(), day, "{day} {l:?}");
        if let Some(p) = prev {
            // Consecutive days: the day advances, or a new month starts at day 1.
            assert!(
                l.day == p.day + 1 || (l.day == 1 && (p.day == 29 || p.day == 30)),
                "{day}"
            );
        }
        prev = Some(l);
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn bad_lunar_input() {
    assert_eq!(
        from_lunar(lunar(2026, 13, 1, false)).unwrap_err().field(),
        Some("month")
    );
    assert_eq!(
        from_lunar(lunar(2026, 1, 31, false)).unwrap_err().field(),
        Some("day")
    );
    assert_eq!(
        from_lunar(lunar(2026, 6, 1, true)).unwrap_err().field(),
        Some("leap")
    );
    assert_eq!(
        from_lunar(lunar(2500, 1, 1, false)).unwrap_err().field(),
        Some("year")
    );
    assert!(to_lunar(d("2101-01-01")).is_err());
    // A 29-day month has no day 30.
    let short = (1..=12)
        .find(|&m| from_lunar(lunar(2026, m, 30, false)).is_err())
        .unwrap();
    assert_eq!(
        from_lunar(lunar(2026, short, 30, false))
            .unwrap_err()
            .field(),
        Some("day")
    );
}

#[test]
fn month_table_equals_the_published_conversion_every_day() {
    let mut day = d("1900-01-01");
    let end = d("2100-12-31");
    while day <= end {
        assert_eq!(
            to_lunar(day).unwrap(),
            tthc::calendar::lunar::to_lunar_computed(day).unwrap(),
            "{day}"
        );
        day = day.succ_opt().unwrap();
    }
}

#[path = "common/lunar_fingerprint.rs"]
mod lunar_fingerprint;

/// The wasm build (which takes the sine from the host's `Math.sin`) checks the same
/// fingerprint in `tests/wasm_binding.rs`.
#[test]
fn every_lunar_day_1900_2100_has_the_fingerprint_the_wasm_build_checks() {
    let h = lunar_fingerprint::lunar_days_fnv();
    assert_eq!(h, lunar_fingerprint::LUNAR_DAYS_FNV, "fingerprint {h:#x}");
}

//! Every date of 2020–2026 against the reference table (calendar.md §3), the rules against
//! the notices, nghỉ bù, the 24/11 setting, configuration and `daysOff`.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Datelike, NaiveDate, Weekday};
use tthc::calendar::{CalendarConfig, Notice, NoticeDay, WorkCalendar};

fn d(s: &str) -> NaiveDate {
    tthc::datetime::parse_date(s, "d").unwrap()
}

/// (year, weekdays off as "d/m", Saturdays worked) — calendar.md §3.
const TABLE: &[(i32, &[&str], &[&str])] = &[
    (
        2020,
        &[
            "1/1", "23/1", "24/1", "27/1", "28/1", "29/1", "2/4", "30/4", "1/5", "2/9",
        ],
        &[],
    ),
    (
        2021,
        &[
            "1/1", "10/2", "11/2", "12/2", "15/2", "16/2", "21/4", "30/4", "3/5", "2/9", "3/9",
        ],
        &[],
    ),
    (
        2022,
        &[
            "3/1", "31/1", "1/2", "2/2", "3/2", "4/2", "11/4", "2/5", "3/5", "1/9", "2/9",
        ],
        &[],
    ),
    (
        2023,
        &[
            "2/1", "20/1", "23/1", "24/1", "25/1", "26/1", "1/5", "2/5", "3/5", "1/9", "4/9",
        ],
        &[],
    ),
    (
        2024,
        &[
            "1/1", "8/2", "9/2", "12/2", "13/2", "14/2", "18/4", "29/4", "30/4", "1/5", "2/9",
            "3/9",
        ],
        &["4/5"],
    ),
    (
        2025,
        &[
            "1/1", "27/1", "28/1", "29/1", "30/1", "31/1", "7/4", "30/4", "1/5", "2/5", "1/9",
            "2/9",
        ],
        &["26/4"],
    ),
    (
        2026,
        &[
            "1/1", "2/1", "16/2", "17/2", "18/2", "19/2", "20/2", "27/4", "30/4", "1/5", "31/8",
            "1/9", "2/9", "24/11",
        ],
        &["10/1", "22/8"],
    ),
];

/// Swaps of the notices (weekday off, Saturday worked) that rules can't compute.
const SWAPS: &[&str] = &[
    "2024-04-29",
    "2024-05-04",
    "2025-05-02",
    "2025-04-26",
    "2026-01-02",
    "2026-01-10",
    "2026-08-31",
    "2026-08-22",
];

fn dm(y: i32, s: &str) -> NaiveDate {
    let (a, b) = s.split_once('/').unwrap();
    NaiveDate::from_ymd_opt(y, b.parse().unwrap(), a.parse().unwrap()).unwrap()
}

fn expected(y: i32, date: NaiveDate) -> bool {
    let (_, off, worked) = TABLE.iter().find(|t| t.0 == y).unwrap();
    if off.iter().any(|s| dm(y, s) == date) {
        return false;
    }
    if worked.iter().any(|s| dm(y, s) == date) {
        return true;
    }
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[test]
fn every_date_2020_2026_matches_the_official_table() {
    let cal = WorkCalendar::default();
    let mut day = d("2020-01-01");
    let mut checked = 0;
    while day.year() <= 2026 {
        assert_eq!(
            cal.is_working_day(day).unwrap(),
            expected(day.year(), day),
            "{day}"
        );
        day = day.succ_opt().unwrap();
        checked += 1;
    }
    assert_eq!(checked, 2557);
}

#[test]
fn rules_alone_reproduce_2021_2026_except_swaps() {
    let cal = WorkCalendar::new(&CalendarConfig {
        builtin_notices: Some(false),
        ..Default::default()
    })
    .unwrap();
    let mut day = d("2020-01-01");
    while day.year() <= 2026 {
        let s = tthc::datetime::format_date(day);
        if !SWAPS.contains(&s.as_str()) {
            assert_eq!(
                cal.is_working_day(day).unwrap(),
                expected(day.year(), day),
                "{day}"
            );
        }
        day = day.succ_opt().unwrap();
    }
    assert!(cal.is_estimated_year(2024).unwrap());
}

#[test]
fn days_off_lists_named_days_sorted() {
    let cal = WorkCalendar::default();
    for &(y, off, worked) in TABLE {
        let days = cal.days_off(y).unwrap();
        assert_eq!(days.len(), off.len() + worked.len(), "{y}");
        assert!(days.windows(2).all(|w| w[0].date < w[1].date));
        for x in &days {
            assert!(!x.name.is_empty() && !x.name_en.is_empty());
            assert!(!x.estimated);
        }
    }
    let d26 = cal.days_off(2026).unwrap();
    let find = |s: &str| d26.iter().find(|x| x.date == s).unwrap().clone();
    assert_eq!(find("2026-04-27").kind, "compensatory");
    assert!(find("2026-04-27").name.contains("Hùng Vương"));
    assert_eq!(find("2026-01-02").kind, "swap");
    assert_eq!(find("2026-01-10").kind, "workingSaturday");
    assert!(find("2026-01-10").working);
    assert_eq!(find("2026-11-24").name, "Ngày Văn hóa Việt Nam (24/11)");
    assert_eq!(find("2026-02-17").name_en, "Lunar New Year (day 1)");
    assert_eq!(
        find("2026-02-16").name_en,
        "Lunar New Year (New Year's Eve)"
    );
    // Estimated years.
    let d27 = cal.days_off(2027).unwrap();
    assert!(d27.iter().all(|x| x.estimated));
    assert!(cal.days_off(1899).is_err());
    assert!(cal.days_off(2101).is_err());
}

#[test]
fn estimated_years_follow_the_rules() {
    let cal = WorkCalendar::default();
    let off: Vec<String> = cal
        .days_off(2027)
        .unwrap()
        .into_iter()
        .filter(|x| !x.working)
        .map(|x| x.date)
        .collect();
    // Tết 2027 is Sat 6/2: eve Fri 5/2, Sat→Thu 4/2, Sun→Wed 10/2; Mon 8, Tue 9.
    for s in [
        "2027-01-01",
        "2027-02-04",
        "2027-02-05",
        "2027-02-08",
        "2027-02-09",
        "2027-02-10",
    ] {
        assert!(off.contains(&s.to_string()), "{s} {off:?}");
    }
    // Hùng Kings Fri 16/4/2027; 30/4 Fri, 1/5 Sat → Mon 3/5 nghỉ bù; 2/9 Thu → Fri 3/9; 24/11 Wed.
    for s in [
        "2027-04-16",
        "2027-04-30",
        "2027-05-03",
        "2027-09-02",
        "2027-09-03",
        "2027-11-24",
    ] {
        assert!(off.contains(&s.to_string()), "{s} {off:?}");
    }
    assert_eq!(off.len(), 12, "{off:?}");
    // 2028: 2/9 on Saturday → Fri 1/9 + nghỉ bù Mon 4/9.
    let o28: Vec<String> = cal
        .days_off(2028)
        .unwrap()
        .into_iter()
        .map(|x| x.date)
        .collect();
    assert!(o28.contains(&"2028-09-01".to_string()) && o28.contains(&"2028-09-04".to_string()));
    // 2029: 2/9 Sunday → Mon 3/9 second day and Tue 4/9 nghỉ bù.
    let o29: Vec<String> = cal
        .days_off(2029)
        .unwrap()
        .into_iter()
        .map(|x| x.date)
        .collect();
    assert!(o29.contains(&"2029-09-03".to_string()) && o29.contains(&"2029-09-04".to_string()));
}

#[test]
fn culture_day_compensation_is_a_setting() {
    // 24/11/2029 is a Saturday.
    let def = WorkCalendar::default();
    assert!(def.is_working_day(d("2029-11-26")).unwrap());
    let on = WorkCalendar::new(&CalendarConfig {
        culture_day_compensation: true,
        ..Default::default()
    })
    .unwrap();
    assert!(!on.is_working_day(d("2029-11-26")).unwrap());
    let x = on.days_off(2029).unwrap();
    assert!(x
        .iter()
        .any(|x| x.date == "2029-11-26" && x.kind == "compensatory"));
}

#[test]
fn config_extra_days_and_loaded_notice() {
    let notice = Notice {
        year: 2027,
        documents: vec!["0000/TB-BNV".into()],
        days_off: vec![
            NoticeDay {
                date: "2027-02-04".into(),
                kind: None,
                name: None,
                name_en: None,
            },
            NoticeDay {
                date: "2027-02-11".into(),
                kind: Some("swap".into()),
                name: None,
                name_en: None,
            },
        ],
        working_days: vec![NoticeDay {
            date: "2027-02-20".into(),
            kind: None,
            name: None,
            name_en: None,
        }],
    };
    let cfg = CalendarConfig {
        notices: vec![notice],
        days_off: vec!["2028-03-08".into()],
        working_days: vec!["2028-03-11".into()],
        ..Default::default()
    };
    let cal = WorkCalendar::new(&cfg).unwrap();
    assert!(!cal.is_estimated_year(2027).unwrap());
    assert!(!cal.is_working_day(d("2027-02-11")).unwrap());
    assert!(cal.is_working_day(d("2027-02-20")).unwrap());
    // The notice is the whole truth for its year: 5/2 (not listed) is worked.
    assert!(cal.is_working_day(d("2027-02-05")).unwrap());
    let days = cal.days_off(2027).unwrap();
    let tet = days.iter().find(|x| x.date == "2027-02-04").unwrap();
    assert_eq!(tet.kind, "holiday");
    assert!(tet.name.contains("Tết"));
    assert_eq!(
        days.iter().find(|x| x.date == "2027-02-20").unwrap().kind,
        "workingSaturday"
    );
    assert!(!cal.is_working_day(d("2028-03-08")).unwrap());
    assert!(cal.is_working_day(d("2028-03-11")).unwrap());
    assert_eq!(
        cal.days_off(2028)
            .unwrap()
            .iter()
            .find(|x| x.date == "2028-03-08")
            .unwrap()
            .kind,
        "extraDayOff"
    );
}

#[test]
fn malformed_configs_name_the_field() {
    let bad = |json: &str| {
        let cfg = CalendarConfig::from_json(json).and_then(|c| WorkCalendar::new(&c).map(|_| ()));
        cfg.unwrap_err()
    };
    assert_eq!(
        bad(r#"{"daysOff": ["2026-13-01"]}"#).field(),
        Some("daysOff[0]")
    );
    assert_eq!(
        bad(r#"{"workingDays": ["x"]}"#).field(),
        Some("workingDays[0]")
    );
    assert_eq!(bad(r#"{"officeHours": []}"#).field(), Some("officeHours"));
    assert_eq!(bad(r#"{"officeHours": [{"from": "13-01", "intervals": [{"start": "07:00", "end": "11:00"}]}]}"#).field(), Some("officeHours[0].from"));
    assert_eq!(
        bad(r#"{"officeHours": [{"from": "01-01", "intervals": [{"start": "07:00", "end": "06:00"}]}]}"#).field(),
        Some("officeHours[0].intervals[0]")
    );
    assert_eq!(
        bad(r#"{"officeHours": [{"from": "01-01", "intervals": [{"start": "7h", "end": "11:00"}]}]}"#).field(),
        Some("officeHours[0].intervals[0].start")
    );
    assert_eq!(
        bad(r#"{"notices": [{"year": 2027, "daysOff": [{"date": "2028-01-01"}]}]}"#).field(),
        Some("notices[0].daysOff[0].date")
    );
    assert_eq!(
        bad(
            r#"{"notices": [{"year": 2027, "daysOff": [{"date": "2027-01-01", "kind": "party"}]}]}"#
        )
        .field(),
        Some("notices[0].daysOff[0].kind")
    );
    assert_eq!(
        bad(r#"{"notices": [{"year": 3000}]}"#).field(),
        Some("notices[0].year")
    );
    assert_eq!(bad(r#"{"bogus": 1}"#).kind(), tthc::ErrorKind::Calendar);
}

#[test]
fn seasons_and_closing_times() {
    let cal = WorkCalendar::default();
    let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let hours = cal.office_hours(d("2026-04-15")).unwrap();
    assert_eq!(hours, vec![(t(7, 30), t(12, 0)), (t(13, 30), t(17, 0))]);
    let hours = cal.office_hours(d("2026-04-16")).unwrap();
    assert_eq!(hours, vec![(t(7, 0), t(11, 30)), (t(13, 30), t(17, 0))]);
    assert_eq!(cal.office_hours(d("2026-10-15")).unwrap()[0].0, t(7, 0));
    assert_eq!(cal.office_hours(d("2026-10-16")).unwrap()[0].0, t(7, 30));
    assert_eq!(cal.office_hours(d("2026-01-01")).unwrap(), vec![]);
    // A custom switch date (17/10, as in 2016).
    let cfg = CalendarConfig::from_json(
        r#"{"officeHours": [
            {"from": "04-16", "intervals": [{"start": "07:00", "end": "11:30"}, {"start": "13:30", "end": "17:00"}]},
            {"from": "10-17", "intervals": [{"start": "07:30", "end": "12:00"}, {"start": "13:30", "end": "17:00"}]}]}"#,
    )
    .unwrap();
    let c2 = WorkCalendar::new(&cfg).unwrap();
    assert_eq!(c2.office_hours(d("2016-10-17")).unwrap()[0].0, t(7, 30));
    assert_eq!(c2.office_hours(d("2026-10-16")).unwrap()[0].0, t(7, 0));
}

#[test]
fn month_view() {
    let cal = WorkCalendar::default();
    let days = cal.month_days(2026, 4).unwrap();
    assert_eq!(days.len(), 30);
    let hung = &days[25];
    assert_eq!(hung.date, "2026-04-26");
    assert_eq!(hung.weekday, 7);
    assert!(!hung.working);
    assert!(hung.name.as_deref().unwrap().contains("Hùng Vương"));
    assert_eq!((hung.lunar.month, hung.lunar.day), (3, 10));
    assert_eq!(days[26].kind.as_deref(), Some("compensatory"));
    assert_eq!(days[1].hours.len(), 2);
    assert_eq!(days[1].hours[0].start, "07:30");
    assert!(cal.month_days(2026, 13).is_err());
}

#[test]
fn configured_days_replace_holidays_and_the_last_configured_wins() {
    // 2026-09-02 is National Day (a weekday off); 2026-09-07 an ordinary Monday.
    let cfg = CalendarConfig::from_json(
        r#"{"workingDays": ["2026-09-02", "2026-09-07"], "daysOff": ["2026-09-07", "2026-09-08"]}"#,
    )
    .unwrap();
    let cal = WorkCalendar::new(&cfg).unwrap();
    let date = |s: &str| tthc::datetime::parse_date(s, "d").unwrap();
    // workingDays come after daysOff: they win on 09-07; a holiday made a working day is worked.
    assert!(cal.is_working_day(date("2026-09-02")).unwrap());
    assert!(cal.is_working_day(date("2026-09-07")).unwrap());
    assert!(!cal.is_working_day(date("2026-09-08")).unwrap());
    let named = cal.named_days(2026).unwrap();
    let at = |d: &str| named.iter().find(|x| x.date == d).unwrap();
    assert_eq!(at("2026-09-02").kind, "extraWorkingDay");
    assert_eq!(at("2026-09-07").kind, "extraWorkingDay");
    assert_eq!(at("2026-09-08").kind, "extraDayOff");
    // Sorted by date, one entry per date.
    assert!(named.windows(2).all(|w| w[0].date < w[1].date));
}

/// A year out of range is an error for `is_estimated_year` as for `days_off` (it said `true`
/// for 3000 while `days_off(3000)` refused).
#[test]
fn estimated_year_and_days_off_agree_on_the_range() {
    let cal = WorkCalendar::default();
    for y in [1899, 2101, 3000, -5, i32::MAX] {
        let e = cal.is_estimated_year(y).unwrap_err();
        assert_eq!(e.kind(), tthc::ErrorKind::Range, "{y}");
        assert_eq!(e.kind(), cal.days_off(y).unwrap_err().kind(), "{y}");
    }
    for y in [1900, 2024, 2100] {
        assert!(cal.is_estimated_year(y).is_ok());
        assert!(cal.days_off(y).is_ok());
    }
}

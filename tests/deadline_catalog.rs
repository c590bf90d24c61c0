//! The built-in procedure catalog and loading a portal's own.

use tthc::calendar::WorkCalendar;
use tthc::datetime::{format_datetime, parse_datetime};
use tthc::deadline::catalog::{Catalog, Procedure};
use tthc::deadline::Unit;

#[test]
fn builtin_catalog_is_complete_and_sourced() {
    let c = Catalog::builtin();
    assert!(c.len() >= 20);
    for p in c.procedures() {
        assert!(
            p.name.as_deref().is_some_and(|n| !n.is_empty()),
            "{}",
            p.code
        );
        assert!(p.agency.is_some() && p.domain.is_some(), "{}", p.code);
        assert!(
            p.source.as_deref().is_some_and(|s| s.len() > 20),
            "{}",
            p.code
        );
        let parts: Vec<&str> = p.code.split('.').collect();
        assert_eq!(parts.len(), 2, "{}", p.code);
        assert_eq!(parts[1].len(), 6, "{}", p.code);
        if p.unit == Unit::SameDay {
            assert_eq!(p.cutoff.as_deref(), Some("15:00"), "{}", p.code);
        }
    }
    let birth = c.get("1.001193").unwrap();
    assert_eq!(birth.unit, Unit::SameDay);
    assert!(c.get(" 1.004222 ").is_some());
    assert!(c.get("9.999999").is_none());
}

#[test]
fn catalog_entries_give_due_dates() {
    let cal = WorkCalendar::default();
    let c = Catalog::builtin();
    let t = |s| parse_datetime(s, "t").unwrap();
    // Birth registration received after 15:00 on Friday → Monday 17:00.
    let due = cal
        .due(&c.get("1.001193").unwrap().due(t("2026-06-05T15:10")))
        .unwrap();
    assert_eq!(format_datetime(due.due_at), "2026-06-08T17:00:00+07:00");
    // Permanent residence: 7 working days (56 h) from Thursday 12/2/2026 09:00 (Tết 16–20/2):
    // 6.5 h Thu + 8 h Fri + 5 × 8 h (23–27/2) = 54.5 h, then 1.5 h on Monday 2/3.
    let due = cal
        .due(&c.get("1.004222").unwrap().due(t("2026-02-12T09:00")))
        .unwrap();
    assert_eq!(format_datetime(due.due_at), "2026-03-02T09:00:00+07:00");
}

#[test]
fn a_portal_can_load_its_own() {
    let c = Catalog::from_json(
        r#"{"procedures": [
            {"code": "A.1", "amount": 2, "unit": "Ngày làm việc"},
            {"code": "A.2", "amount": 4, "unit": "Giờ làm việc", "cutoff": "16:00"},
            {"code": "A.3", "amount": 15, "unit": "Ngày"},
            {"code": "A.4", "amount": 0, "unit": "Trong ngày"}
        ]}"#,
    )
    .unwrap();
    assert_eq!(c.get("A.1").unwrap().unit, Unit::WorkingDays);
    assert_eq!(c.get("A.2").unwrap().unit, Unit::WorkingHours);
    assert_eq!(c.get("A.3").unwrap().unit, Unit::CalendarDays);
    assert_eq!(c.get("A.4").unwrap().unit, Unit::SameDay);
    let p: Procedure =
        serde_json::from_str(r#"{"code": "X", "amount": 1, "unit": "workingDays"}"#).unwrap();
    assert_eq!(p.name, None);
    let e =
        Catalog::from_json(r#"[{"code": "B", "amount": -1, "unit": "workingDays"}]"#).unwrap_err();
    assert_eq!(e.field(), Some("catalog[0].amount"));
    let e = Catalog::from_json(
        r#"[{"code": "B", "amount": 1, "unit": "workingDays", "cutoff": "25:00"}]"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("catalog[0].cutoff"));
    assert!(Catalog::from_json(r#"[{"code": "B", "amount": 1, "unit": "tháng"}]"#).is_err());
    assert!(Catalog::from_json("nonsense").is_err());
}

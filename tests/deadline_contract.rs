//! The 8 worked examples of the contract's due-date table (the acceptance test), and the
//! contract's error cases.

use tthc::calendar::{classify, Classification, WorkCalendar};
use tthc::deadline::{DueRequest, Pause, Unit};

fn req(
    received: &str,
    amount: f64,
    unit: Unit,
    cutoff: Option<&str>,
    pauses: &[(&str, &str)],
) -> DueRequest {
    DueRequest {
        received_at: received.into(),
        amount,
        unit,
        cutoff: cutoff.map(Into::into),
        pauses: if pauses.is_empty() {
            None
        } else {
            Some(
                pauses
                    .iter()
                    .map(|(a, b)| Pause {
                        from: (*a).into(),
                        to: (*b).into(),
                    })
                    .collect(),
            )
        },
    }
}

#[test]
fn the_eight_worked_examples() {
    let cal = WorkCalendar::default();
    let cases: Vec<(DueRequest, &str, Option<&str>, i64)> = vec![
        (
            req("2026-02-13T10:15", 3.0, Unit::WorkingDays, None, &[]),
            "2026-02-25T10:15:00+07:00",
            Some("2026-02-13T10:15:00+07:00"),
            0,
        ),
        (
            req("2025-06-30T12:45", 20.0, Unit::WorkingDays, None, &[]),
            "2025-07-28T11:30:00+07:00",
            Some("2025-06-30T13:30:00+07:00"),
            0,
        ),
        (
            req(
                "2025-11-20T15:20",
                1.0,
                Unit::WorkingDays,
                Some("15:00"),
                &[],
            ),
            "2025-11-21T17:00:00+07:00",
            Some("2025-11-21T07:30:00+07:00"),
            0,
        ),
        (
            req("2025-11-20T15:20", 0.0, Unit::SameDay, Some("15:00"), &[]),
            "2025-11-21T17:00:00+07:00",
            Some("2025-11-21T07:30:00+07:00"),
            0,
        ),
        (
            req("2026-04-24T09:00", 2.0, Unit::WorkingDays, None, &[]),
            "2026-04-29T09:00:00+07:00",
            Some("2026-04-24T09:00:00+07:00"),
            0,
        ),
        (
            req(
                "2026-06-01T01:30:00Z",
                5.0,
                Unit::WorkingDays,
                None,
                &[("2026-06-02T14:00", "2026-06-04T09:30")],
            ),
            "2026-06-09T16:00:00+07:00",
            Some("2026-06-01T08:30:00+07:00"),
            810,
        ),
        (
            req("2026-08-14T16:00", 10.0, Unit::CalendarDays, None, &[]),
            "2026-08-24T17:00:00+07:00",
            None,
            0,
        ),
        (
            req("2025-10-15T16:00", 1.0, Unit::WorkingHours, None, &[]),
            "2025-10-15T17:00:00+07:00",
            Some("2025-10-15T16:00:00+07:00"),
            0,
        ),
    ];
    for (r, due, start, paused) in cases {
        let got = cal.due_request(&r).unwrap();
        assert_eq!(got.due_at, due, "{r:?}");
        if let Some(s) = start {
            assert_eq!(got.start_at, s, "{r:?}");
        }
        assert_eq!(got.paused_minutes, paused, "{r:?}");
        assert!(!got.estimated, "{r:?}");
    }
}

#[test]
fn classify_rule_seven() {
    let t = |s| tthc::datetime::parse_datetime(s, "t").unwrap();
    let due = t("2026-02-25T10:15");
    assert_eq!(classify(due, t("2026-02-24T16:59")), Classification::Early);
    assert_eq!(classify(due, t("2026-02-25T07:30")), Classification::OnTime);
    assert_eq!(classify(due, t("2026-02-25T10:15")), Classification::OnTime);
    assert_eq!(classify(due, t("2026-02-25T10:16")), Classification::Late);
    assert_eq!(classify(due, t("2026-03-01T08:00")), Classification::Late);
}

#[test]
fn bad_input_names_the_field() {
    let cal = WorkCalendar::default();
    let e = cal
        .due_request(&req("2026-02-30T10:00", 1.0, Unit::WorkingDays, None, &[]))
        .unwrap_err();
    assert_eq!(e.field(), Some("receivedAt"));
    let e = cal
        .due_request(&req("2026-02-03T10:00", -1.0, Unit::WorkingDays, None, &[]))
        .unwrap_err();
    assert_eq!(e.field(), Some("amount"));
    assert_eq!(e.kind(), tthc::ErrorKind::Deadline);
    let e = cal
        .due_request(&req(
            "2026-02-03T10:00",
            f64::NAN,
            Unit::WorkingDays,
            None,
            &[],
        ))
        .unwrap_err();
    assert_eq!(e.field(), Some("amount"));
    let e = cal
        .due_request(&req(
            "2026-02-03T10:00",
            1.0,
            Unit::WorkingDays,
            None,
            &[("2026-02-03T11:00", "2026-02-03T10:30")],
        ))
        .unwrap_err();
    assert_eq!(e.field(), Some("pauses[0].to"));
    let e = cal
        .due_request(&req(
            "2026-02-03T10:00",
            1.0,
            Unit::WorkingDays,
            Some("3pm"),
            &[],
        ))
        .unwrap_err();
    assert_eq!(e.field(), Some("cutoff"));
    let e = cal
        .due_request(&req("2101-01-03T10:00", 1.0, Unit::WorkingDays, None, &[]))
        .unwrap_err();
    assert_eq!(e.kind(), tthc::ErrorKind::Range);
    assert_eq!(e.field(), Some("receivedAt"));
    let e = cal
        .due_request(&req("2100-12-30T10:00", 30.0, Unit::WorkingDays, None, &[]))
        .unwrap_err();
    assert_eq!(e.kind(), tthc::ErrorKind::Range);
    let e = cal
        .due_request(&req("2026-02-03T10:00", 1e9, Unit::WorkingDays, None, &[]))
        .unwrap_err();
    assert_eq!(e.kind(), tthc::ErrorKind::Range);
    // Still working after errors.
    assert!(cal
        .due_request(&req("2026-02-03T10:00", 1.0, Unit::WorkingDays, None, &[]))
        .is_ok());
}

//! Statistics that need the real working calendar: due dates computed from the procedure
//! catalog, the audit of recorded appointments, averages in working days.
//!
//! These assert against the calendar area's implementation (`WorkCalendar::due`,
//! `is_working_day`), merged from main (the vectors are the contract's worked examples).
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use tthc::stats::{analyze, AnalyzeOptions, CatalogEntry};

fn options() -> AnalyzeOptions {
    let mut o = AnalyzeOptions::for_period("2026-04-01", "2026-05-31");
    o.catalog = Some(vec![CatalogEntry {
        code: "T2".into(),
        amount: 2.0,
        unit: "workingDays".into(),
        cutoff: None,
    }]);
    o
}

const CSV: &str = "Mã hồ sơ;Mã thủ tục;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả\n\
    A1;T2;24/04/2026 09:00;;29/04/2026 08:00\n\
    A2;T2;24/04/2026 09:00;;29/04/2026 10:00\n\
    A3;T2;24/04/2026 09:00;30/04/2026 17:00;28/04/2026 10:00\n\
    A4;T2;24/04/2026 09:00;28/04/2026 17:00;28/04/2026 10:00\n\
    A5;T9;24/04/2026 09:00;;28/04/2026 10:00\n";

#[test]
fn missing_due_dates_come_from_the_catalog() {
    // Contract example: 2026-04-24T09:00 + 2 working days = 2026-04-29T09:00 (Mon 27/4 off).
    let r = analyze(CSV.as_bytes(), &options()).unwrap();
    let t = &r.totals;
    assert_eq!(t.estimated_due, 2, "{:?}", r.quality.notes);
    assert_eq!(t.resolved.on_time, 2); // A1 at 08:00 on the due day; A4 on its recorded due day
    assert_eq!(t.resolved.late, 1); // A2 at 10:00
    assert_eq!(t.resolved.early, 1); // A3 (recorded 30/4)
    assert_eq!(t.resolved.unclassified, 1); // A5: no catalog entry
    assert!(
        !r.quality
            .notes
            .iter()
            .any(|n| n.contains("lịch") || n.contains("danh mục")),
        "{:?}",
        r.quality.notes
    );
    // The export has no channel column: said in both languages.
    let at = r
        .quality
        .notes
        .iter()
        .position(|n| n.contains("kênh nộp"))
        .expect("a note on the channel");
    assert_eq!(
        r.quality.notes_en[at],
        "The file has no channel column: in person / online / postal can't be told apart."
    );
}

#[test]
fn appointments_are_audited_against_the_statutory_time() {
    let r = analyze(CSV.as_bytes(), &options()).unwrap();
    let a = &r.audit;
    assert_eq!(a.checked, 2);
    assert_eq!((a.earlier, a.later), (1, 1));
    let later = a.items.iter().find(|i| i.kind == "later").unwrap();
    assert_eq!(later.id, "A3");
    assert_eq!(later.statutory_due_at, "2026-04-29T09:00:00+07:00");
    assert_eq!(later.recorded_due_at, "2026-04-30T17:00:00+07:00");
    assert_eq!(
        a.items.iter().find(|i| i.kind == "earlier").unwrap().id,
        "A4"
    );
}

#[test]
fn average_processing_time_in_working_days() {
    let r = analyze(CSV.as_bytes(), &options()).unwrap();
    let p = r
        .by_procedure
        .iter()
        .find(|p| p.procedure_code == "T2")
        .unwrap();
    // Received Fri 24/4: to Wed 29/4 = 2 working days (24, 28; 27 is the Hùng Kings day off),
    // to Tue 28/4 = 1 (24 … 27 off).
    assert_eq!(p.processing.avg_working_days, Some(1.5));
    assert_eq!(p.processing.statutory.as_deref(), Some("2 workingDays"));
}

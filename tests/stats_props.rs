//! Property tests of the statistics: on random exports, every received dossier is either
//! resolved or pending, the per-agency (domain, procedure) rows sum to the totals, the trend's
//! months add up, and streaming in any chunk size changes nothing.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use chrono::{Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use tthc::stats::{analyze, AnalyzeOptions, Analyzer, Counters, Report};

#[derive(Clone, Debug)]
struct Row {
    received: i64,
    end: Option<i64>,
    by_return: bool,
    due: Option<i64>,
    channel: u8,
    agency: u8,
    supplements: u8,
}

fn row() -> impl Strategy<Value = Row> {
    (
        0i64..90 * 24 * 60,
        proptest::option::of(0i64..40 * 24 * 60),
        any::<bool>(),
        proptest::option::of(-5i64..30),
        0u8..5,
        0u8..4,
        0u8..3,
    )
        .prop_map(
            |(received, end, by_return, due, channel, agency, supplements)| Row {
                received,
                end: end.map(|e| received + e),
                by_return,
                due: due.map(|d| received / (24 * 60) + d),
                channel,
                agency,
                supplements,
            },
        )
}

fn base() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 6, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
}

fn csv_of(rows: &[Row]) -> String {
    let t = |m: i64| {
        (base() + Duration::minutes(m))
            .format("%d/%m/%Y %H:%M")
            .to_string()
    };
    let d = |days: i64| {
        (base() + Duration::days(days))
            .format("%d/%m/%Y")
            .to_string()
    };
    let mut s = String::from("Mã hồ sơ;Cơ quan;Lĩnh vực;Ngày tiếp nhận;Ngày hẹn trả;Ngày có kết quả;Ngày trả kết quả;Kênh nộp;Hình thức nhận kết quả;Số lần bổ sung\n");
    for (i, r) in rows.iter().enumerate() {
        let (fin, ret) = match (r.end, r.by_return) {
            (Some(e), false) => (t(e), String::new()),
            (Some(e), true) => (String::new(), t(e)),
            (None, _) => (String::new(), String::new()),
        };
        let ch = ["Trực tiếp", "Trực tuyến", "BCCI", "", "Mức độ 3"][r.channel as usize];
        let rm = if r.agency == 1 {
            "Bưu chính công ích"
        } else {
            "Trực tiếp"
        };
        s.push_str(&format!(
            "H{i};\"Cơ quan {}\";Lĩnh vực {};{};{};{};{};{};{};{}\n",
            r.agency,
            r.agency % 2,
            t(r.received),
            r.due.map(d).unwrap_or_default(),
            fin,
            ret,
            ch,
            rm,
            r.supplements
        ));
    }
    s
}

fn check_sums(r: &Report) {
    let t = &r.totals;
    assert_eq!(t.received.total, t.resolved.total + t.pending.total);
    assert_eq!(t.received.total, t.received.carried_over + t.received.new);
    assert_eq!(
        t.received.new,
        t.received.in_person + t.received.online + t.received.postal + t.received.unknown_channel
    );
    let groups: [Vec<&Counters>; 3] = [
        r.by_agency.iter().map(|a| &a.counters).collect(),
        r.by_domain.iter().map(|a| &a.counters).collect(),
        r.by_procedure.iter().map(|a| &a.counters).collect(),
    ];
    for g in groups {
        let sum = |f: &dyn Fn(&Counters) -> u64| g.iter().map(|c| f(c)).sum::<u64>();
        assert_eq!(sum(&|c| c.received.total), t.received.total);
        assert_eq!(sum(&|c| c.received.carried_over), t.received.carried_over);
        assert_eq!(sum(&|c| c.received.online), t.received.online);
        assert_eq!(sum(&|c| c.resolved.early), t.resolved.early);
        assert_eq!(sum(&|c| c.resolved.on_time), t.resolved.on_time);
        assert_eq!(sum(&|c| c.resolved.late), t.resolved.late);
        assert_eq!(sum(&|c| c.resolved.unclassified), t.resolved.unclassified);
        assert_eq!(
            sum(&|c| c.pending.within_deadline),
            t.pending.within_deadline
        );
        assert_eq!(sum(&|c| c.pending.overdue), t.pending.overdue);
        assert_eq!(sum(&|c| c.postal_uses), t.postal_uses);
        for c in &g {
            assert_eq!(c.received.total, c.resolved.total + c.pending.total);
        }
    }
    for m in &r.by_month {
        let c = &m.counters;
        assert_eq!(
            c.received.total,
            c.resolved.total + c.pending.total,
            "{}",
            m.month
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn received_is_resolved_plus_pending_and_groups_sum(
        rows in proptest::collection::vec(row(), 0..60),
        from in 0i64..80,
        len in 0i64..40,
        chunk in 1usize..200,
    ) {
        let csv = csv_of(&rows);
        let f = (base() + Duration::days(from)).date();
        let to = f + Duration::days(len);
        let o = AnalyzeOptions::for_period(&f.to_string(), &to.to_string());
        if rows.is_empty() {
            // A header without rows is a valid, empty report.
            let r = analyze(csv.as_bytes(), &o).unwrap();
            prop_assert_eq!(r.quality.rows, 0);
            return Ok(());
        }
        let r = analyze(csv.as_bytes(), &o).unwrap();
        prop_assert_eq!(r.quality.rows, rows.len() as u64);
        prop_assert_eq!(r.quality.skipped, 0);
        check_sums(&r);
        // Every dossier is received in exactly one month of the trend.
        let new_in_months: u64 = r.by_month.iter().map(|m| m.counters.received.new).sum();
        prop_assert_eq!(new_in_months, rows.len() as u64);
        // Streaming in chunks gives the same report.
        let mut a = Analyzer::new(&o).unwrap();
        for c in csv.as_bytes().chunks(chunk) {
            a.push(c).unwrap();
        }
        prop_assert_eq!(a.finish().unwrap(), r);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let o = AnalyzeOptions::for_period("2025-06-01", "2025-06-30");
        let _ = analyze(&bytes, &o);
        let mut csv = "Ngày tiếp nhận,Kênh nộp,Ngày hẹn trả\n".as_bytes().to_vec();
        csv.extend_from_slice(&bytes);
        if let Ok(r) = analyze(&csv, &o) {
            prop_assert_eq!(r.quality.rows, r.quality.used + r.quality.skipped);
            check_sums(&r);
        }
        let mut json = b"[{\"NgayTiepNhan\": \"".to_vec();
        json.extend_from_slice(&bytes);
        let _ = analyze(&json, &o);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Each month of the trend counts what the report of that month counts.
    #[test]
    fn each_month_of_the_trend_is_that_months_report(rows in proptest::collection::vec(row(), 1..60)) {
        let csv = csv_of(&rows);
        let o = AnalyzeOptions::for_period("2025-01-01", "2025-01-31");
        let r = analyze(csv.as_bytes(), &o).unwrap();
        for m in &r.by_month {
            let p = AnalyzeOptions::for_period(&m.period.from, &m.period.to);
            let month = analyze(csv.as_bytes(), &p).unwrap();
            let (a, b) = (&m.counters, &month.totals);
            prop_assert_eq!(a.received.carried_over, b.received.carried_over, "{}", m.month);
            prop_assert_eq!(a.received.new, b.received.new, "{}", m.month);
            prop_assert_eq!(a.pending.total, b.pending.total, "{}", m.month);
            prop_assert_eq!(a.pending.within_deadline, b.pending.within_deadline, "{}", m.month);
            prop_assert_eq!(a.pending.overdue, b.pending.overdue, "{}", m.month);
            prop_assert_eq!(a.resolved.total, b.resolved.total, "{}", m.month);
        }
    }
}

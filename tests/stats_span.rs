//! The data's own period (no `period` option), `dataSpan`, and dossier codes seen more than once.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]
use tthc::stats::{analyze, AnalyzeOptions, Period};

const HEADER: &str = "Mã hồ sơ,Cơ quan,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Kênh nộp\n";

fn whole() -> AnalyzeOptions {
    AnalyzeOptions::default()
}

#[test]
fn without_a_period_the_report_covers_the_whole_months_the_receipts_span() {
    let csv = format!(
        "{HEADER}A1,Sở Tư pháp,16/08/2021 09:00,20/08/2021,18/08/2021 10:00,1\n\
         A2,Sở Tư pháp,02/10/2021 10:00,05/10/2021,,2\n\
         A3,Sở Y tế,30/09/2021 16:00,01/11/2021,03/11/2021 08:00,2\n"
    );
    let r = analyze(csv.as_bytes(), &whole()).unwrap();
    assert_eq!(
        r.period,
        Some(Period {
            from: "2021-08-01".into(),
            to: "2021-10-31".into()
        })
    );
    assert_eq!(
        r.data_span.first_received_at.as_deref(),
        Some("2021-08-16T09:00:00+07:00")
    );
    assert_eq!(
        r.data_span.last_received_at.as_deref(),
        Some("2021-10-02T10:00:00+07:00")
    );
    // Exactly the report of that period asked for.
    let asked = analyze(
        csv.as_bytes(),
        &AnalyzeOptions::for_period("2021-08-01", "2021-10-31"),
    )
    .unwrap();
    assert_eq!(r, asked);
    // Everything new; A3 ends after the period (pending, due after it).
    let t = &r.totals;
    assert_eq!((t.received.new, t.received.carried_over), (3, 0));
    assert_eq!((t.resolved.total, t.pending.total), (1, 2));
    assert_eq!(t.pending.overdue, 1, "A2 was due on 05/10");
    assert_eq!(r.quality.outside_period, 0);
}

#[test]
fn the_data_span_is_given_with_a_period_too_and_is_null_without_receipts() {
    let csv =
        format!("{HEADER}A1,Sở Tư pháp,16/08/2021 09:00,,,1\nA2,Sở Tư pháp,03/01/2022 07:30,,,1\n");
    let r = analyze(
        csv.as_bytes(),
        &AnalyzeOptions::for_period("2021-08-15", "2021-09-15"),
    )
    .unwrap();
    assert_eq!(r.period.as_ref().map(|p| p.to.as_str()), Some("2021-09-15"));
    assert_eq!(
        r.data_span.last_received_at.as_deref(),
        Some("2022-01-03T07:30:00+07:00")
    );
    let none = analyze(format!("{HEADER}A1,Sở Tư pháp,,,,1\n").as_bytes(), &whole()).unwrap();
    assert_eq!(none.period, None);
    assert_eq!(none.data_span.first_received_at, None);
    assert_eq!(none.data_span.last_received_at, None);
    assert_eq!(none.quality.skipped, 1);
    let v = serde_json::to_value(&none).unwrap();
    assert!(v["period"].is_null());
    assert!(v["dataSpan"]["firstReceivedAt"].is_null());
}

#[test]
fn a_code_repeated_many_times_counts_once_with_a_warning() {
    // 50 dossiers, each row repeated 68 times (overlapping exports concatenated).
    let mut csv = String::from(HEADER);
    for _ in 0..68 {
        for i in 0..50 {
            csv.push_str(&format!(
                "HS-{i},Sở Tư pháp,{:02}/08/2021 09:00,30/08/2021,20/08/2021 10:00,2\n",
                1 + i % 28
            ));
        }
    }
    let r = analyze(csv.as_bytes(), &whole()).unwrap();
    assert_eq!(r.quality.rows, 68 * 50);
    assert_eq!(r.totals.received.total, 50);
    assert_eq!(r.totals.resolved.total, 50);
    assert_eq!(r.by_agency[0].counters.received.total, 50);
    assert_eq!(
        r.by_month
            .iter()
            .map(|m| m.counters.received.new)
            .sum::<u64>(),
        50
    );
    assert_eq!(r.quality.counts.get("duplicateId"), Some(&(67 * 50)));
    let p = r
        .quality
        .problems
        .iter()
        .find(|p| p.code == "duplicateId")
        .unwrap();
    assert_eq!(p.row, 52, "the first repeat: HS-0 again");
    assert_eq!(p.severity, "warning");
    assert_eq!(p.column.as_deref(), Some("Mã hồ sơ"));
    assert!(
        p.message.contains("HS-0") && p.message.contains("dòng 2"),
        "{}",
        p.message
    );
    assert!(p.message_en.contains("row 2"), "{}", p.message_en);
    assert!(r.quality.problems_truncated);
}

#[test]
fn the_row_with_the_latest_state_counts() {
    let o = AnalyzeOptions::for_period("2021-08-01", "2021-08-31");
    // An end over none, whichever comes first.
    for rows in [
        "A,Sở X,02/08/2021,10/08/2021,,1\nA,Sở Y,02/08/2021,10/08/2021,05/08/2021,1\n",
        "A,Sở Y,02/08/2021,10/08/2021,05/08/2021,1\nA,Sở X,02/08/2021,10/08/2021,,1\n",
    ] {
        let r = analyze(format!("{HEADER}{rows}").as_bytes(), &o).unwrap();
        assert_eq!(r.totals.received.total, 1);
        assert_eq!(r.totals.resolved.early, 1, "{rows}");
        assert_eq!(r.by_agency.len(), 1);
        assert_eq!(r.by_agency[0].agency, "Sở Y");
    }
    // Then the later end (late, on 12/08), whichever comes first.
    for rows in [
        "A,Sở X,02/08/2021,10/08/2021,05/08/2021,1\nA,Sở Y,02/08/2021,10/08/2021,12/08/2021,1\n",
        "A,Sở Y,02/08/2021,10/08/2021,12/08/2021,1\nA,Sở X,02/08/2021,10/08/2021,05/08/2021,1\n",
    ] {
        let r = analyze(format!("{HEADER}{rows}").as_bytes(), &o).unwrap();
        assert_eq!(r.totals.resolved.late, 1, "{rows}");
        assert_eq!(r.by_agency[0].agency, "Sở Y");
    }
    // Then the later row.
    let rows = "A,Sở X,02/08/2021,10/08/2021,,1\nA,Sở Y,02/08/2021,10/08/2021,,2\n";
    let r = analyze(format!("{HEADER}{rows}").as_bytes(), &o).unwrap();
    assert_eq!(r.by_agency[0].agency, "Sở Y");
    assert_eq!(r.totals.received.online, 1);
    assert_eq!(r.totals.received.in_person, 0);
}

#[test]
fn rows_without_a_code_are_never_merged() {
    let rows = ",Sở X,02/08/2021,10/08/2021,,1\n,Sở X,02/08/2021,10/08/2021,,1\n";
    let r = analyze(format!("{HEADER}{rows}").as_bytes(), &whole()).unwrap();
    assert_eq!(r.totals.received.total, 2);
    assert_eq!(r.quality.counts.get("duplicateId"), None);
}

fn fixture(name: &str) -> Vec<u8> {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(p).unwrap()
}

/// The counters of a report (what several files must give as one table).
fn counters(r: &tthc::stats::Report) -> String {
    serde_json::to_string(&(
        &r.period,
        &r.data_span,
        &r.totals,
        &r.by_agency,
        &r.by_domain,
        &r.by_procedure,
        &r.by_month,
        &r.d766,
    ))
    .unwrap()
}

#[test]
fn several_files_in_any_format_give_one_report_and_a_code_counts_once_across_them() {
    let o = AnalyzeOptions::for_period("2021-08-15", "2021-09-15");
    let base = analyze(&fixture("definitions.csv"), &o).unwrap();
    // The first ten dossiers as JSON, then the whole table in Windows-1258 CSV and as XLSX:
    // every dossier of the first file and of the second is seen again.
    let all: Vec<serde_json::Value> = serde_json::from_slice(&fixture("definitions.json")).unwrap();
    let first = serde_json::to_vec(&all[..10]).unwrap();
    let cp1258 = fixture("definitions-1258.csv");
    let xlsx = fixture("definitions.xlsx");
    let files: [(&str, &[u8]); 3] = [
        ("thang-8.json", &first),
        ("ca-nam.csv", &cp1258),
        ("ca-nam.xlsx", &xlsx),
    ];
    let r = tthc::stats::analyze_files(&files, &o).unwrap();
    assert_eq!(counters(&r), counters(&base));
    let q = &r.quality;
    let names: Vec<_> = q
        .sources
        .iter()
        .map(|s| (s.name.as_str(), s.format.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("thang-8.json", "json"),
            ("ca-nam.csv", "csv"),
            ("ca-nam.xlsx", "xlsx")
        ]
    );
    assert_eq!(q.sources[1].encoding.as_deref(), Some("windows-1258"));
    assert_eq!(q.sources[2].encoding, None);
    assert!(q.sources[2].sheet.is_some());
    assert_eq!(q.sources.iter().map(|s| s.rows).sum::<u64>(), q.rows);
    assert_eq!(q.sources[1].rows, base.quality.rows);
    assert_eq!(q.sources[1].skipped, base.quality.skipped);
    assert_eq!(q.sources[1].used, base.quality.used);
    // The second file repeats the first file's ten codes; the third repeats all 19 used rows
    // (every used row of the fixture has a code).
    assert_eq!(q.counts.get("duplicateId"), Some(&(10 + 19)));
    let dup = q.problems.iter().find(|p| p.code == "duplicateId").unwrap();
    assert_eq!(dup.source.as_deref(), Some("ca-nam.csv"));
    assert!(dup.message.contains("thang-8.json"), "{}", dup.message);
    let bad = q.problems.iter().filter(|p| p.code == "invalidDate");
    assert_eq!(
        bad.map(|p| p.source.as_deref().unwrap())
            .collect::<Vec<_>>(),
        ["ca-nam.csv", "ca-nam.xlsx"]
    );
}

#[test]
fn an_unreadable_file_among_several_is_named_in_the_error() {
    let csv = format!("{HEADER}A1,Sở Tư pháp,16/08/2021 09:00,,,1\n");
    let files: [(&str, &[u8]); 2] = [
        ("a.csv", csv.as_bytes()),
        ("b.pdf", b"%PDF-1.7\n\x00\x01\x02"),
    ];
    let e = tthc::stats::analyze_files(&files, &whole()).unwrap_err();
    assert!(e.to_string().contains("Tệp \"b.pdf\""), "{e}");
    assert!(
        e.to_string_en().contains("File \"b.pdf\""),
        "{}",
        e.to_string_en()
    );
}

#[test]
fn pushing_without_begin_file_is_one_unnamed_file() {
    let csv =
        format!("{HEADER}A1,Sở Tư pháp,16/08/2021 09:00,,,1\nA1,Sở Tư pháp,16/08/2021 09:00,,,1\n");
    let r = analyze(csv.as_bytes(), &whole()).unwrap();
    assert_eq!(r.quality.sources.len(), 1);
    assert_eq!(r.quality.sources[0].name, "");
    assert_eq!(r.quality.sources[0].rows, 2);
    assert_eq!(r.quality.problems[0].source, None);
}

#[test]
fn the_audit_takes_the_dossiers_received_in_the_period_only() {
    let o: AnalyzeOptions = serde_json::from_value(serde_json::json!({
        "period": { "from": "2021-08-01", "to": "2021-08-31" },
        "catalog": [{ "code": "T1", "amount": 5, "unit": "workingDays" }]
    }))
    .unwrap();
    let head = "Mã hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả\n";
    // Recorded appointments the same day: earlier than the statutory five working days.
    let rows = "A1,T1,20/07/2021 09:00,20/07/2021\nA2,T1,02/08/2021 09:00,02/08/2021\nA3,T1,02/09/2021 09:00,02/09/2021\n";
    let r = analyze(format!("{head}{rows}").as_bytes(), &o).unwrap();
    assert_eq!((r.audit.checked, r.audit.earlier), (1, 1));
    assert_eq!(r.audit.items[0].id, "A2");
    let all = analyze(
        format!("{head}{rows}").as_bytes(),
        &AnalyzeOptions { period: None, ..o },
    )
    .unwrap();
    assert_eq!(all.audit.checked, 3);
}

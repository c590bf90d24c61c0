//! Snapshots and their merge: files analysed in consecutive runs (as in several Workers), each
//! run's snapshot taken, and the snapshots merged, give exactly the report of one analyzer over
//! all the files in order, for any split, whatever the files hold (codes repeated within and
//! across runs, problems past `maxProblems`, values cut at the cap, new agencies in later
//! files, CSV and JSON). A damaged snapshot, or one made with other options, is an error.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use proptest::prelude::*;
use tthc::stats::{analyze_files, merge, AnalyzeOptions, Analyzer, CatalogEntry, Report};
use tthc::ErrorKind;

#[derive(Clone, Debug)]
struct Row {
    /// Index into a small pool of codes (so that codes repeat), or none.
    code: Option<u8>,
    received: u32,
    end: Option<u32>,
    due: Option<u32>,
    channel: u8,
    agency: u8,
    /// 0 plain, 1 unreadable receipt date, 2 end before receipt, 3 a long agency name,
    /// 4 a long dossier code.
    oddity: u8,
}

fn row() -> impl Strategy<Value = Row> {
    (
        proptest::option::weighted(0.9, 0u8..40),
        0u32..120 * 24,
        proptest::option::of(0u32..30 * 24),
        proptest::option::of(0u32..20),
        0u8..6,
        0u8..8,
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8), 1 => Just(4u8)],
    )
        .prop_map(|(code, received, end, due, channel, agency, oddity)| Row {
            code,
            received,
            end: end.map(|e| received + e),
            due: due.map(|d| received / 24 + d),
            channel,
            agency,
            oddity,
        })
}

/// Hours after 2025-06-01 as `dd/mm/yyyy HH:mm`.
fn at(hours: u32) -> String {
    let t = chrono::NaiveDate::from_ymd_opt(2025, 6, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap()
        + chrono::Duration::hours(i64::from(hours));
    t.format("%d/%m/%Y %H:%M").to_string()
}

fn cells(r: &Row, file: usize) -> [String; 8] {
    let code = match (r.code, r.oddity) {
        (None, _) => String::new(),
        (Some(c), 4) => format!("{}{c}", "X".repeat(300)),
        (Some(c), _) => format!("000.00.14.H42-2506{c:02}"),
    };
    let agency = if r.oddity == 3 {
        format!("Sở {}", "Dài ".repeat(80))
    } else {
        // Later files bring agencies the first ones lack.
        format!("Cơ quan {}", r.agency as usize + file)
    };
    let received = if r.oddity == 1 {
        "31/02/2025".to_string()
    } else {
        at(r.received)
    };
    let end = match (r.end, r.oddity) {
        (_, 2) => at(r.received.saturating_sub(5)),
        (Some(e), _) => at(e),
        (None, _) => String::new(),
    };
    let due = r
        .due
        .map(|d| at(d * 24 + 17).replace(" 17:00", ""))
        .unwrap_or_default();
    let channel = [
        "Trực tiếp",
        "Trực tuyến",
        "BCCI",
        "",
        "Mức độ 3",
        "Qua vệ tinh",
    ][r.channel as usize];
    [
        code,
        agency,
        format!("Lĩnh vực {}", r.agency % 3),
        if r.agency % 4 == 0 {
            "T2".into()
        } else {
            "T9".into()
        },
        received,
        due,
        end,
        channel.to_string(),
    ]
}

const HEADERS: [&str; 8] = [
    "Mã hồ sơ",
    "Cơ quan",
    "Lĩnh vực",
    "Mã thủ tục",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Kênh nộp",
];

/// A file of `rows`: CSV, or JSON for odd `file` numbers when `json` is set.
fn file_of(rows: &[Row], file: usize, json: bool) -> Vec<u8> {
    if json && file % 2 == 1 {
        let objects: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let c = cells(r, file);
                serde_json::Value::Object(
                    HEADERS
                        .iter()
                        .zip(c)
                        .map(|(h, v)| (h.to_string(), serde_json::Value::String(v)))
                        .collect(),
                )
            })
            .collect();
        return serde_json::to_vec(&objects).unwrap();
    }
    let mut s = HEADERS.join(";");
    s.push('\n');
    for r in rows {
        let c = cells(r, file).map(|v| format!("\"{v}\""));
        s.push_str(&c.join(";"));
        s.push('\n');
    }
    s.into_bytes()
}

fn options(period: bool, max_problems: u32) -> AnalyzeOptions {
    let mut o = if period {
        AnalyzeOptions::for_period("2025-07-01", "2025-08-31")
    } else {
        AnalyzeOptions::default()
    };
    o.max_problems = Some(max_problems);
    o.catalog = Some(vec![CatalogEntry {
        code: "T2".into(),
        amount: 3.0,
        unit: "workingDays".into(),
        cutoff: None,
    }]);
    o
}

/// The snapshots of the files split into runs at `cuts` (sorted indices), each run analysed
/// by its own analyzer, then merged.
fn merged(files: &[(String, Vec<u8>)], cuts: &[usize], o: &AnalyzeOptions) -> Report {
    let mut bounds = vec![0];
    bounds.extend(cuts.iter().copied().filter(|&c| c > 0 && c < files.len()));
    bounds.push(files.len());
    bounds.dedup();
    let snapshots: Vec<Vec<u8>> = bounds
        .windows(2)
        .map(|w| {
            let mut a = Analyzer::new(o).unwrap();
            for (name, data) in &files[w[0]..w[1]] {
                a.begin_file(name).unwrap();
                a.push(data).unwrap();
            }
            a.snapshot().unwrap()
        })
        .collect();
    let refs: Vec<&[u8]> = snapshots.iter().map(Vec::as_slice).collect();
    merge(&refs, o).unwrap()
}

fn at_once(files: &[(String, Vec<u8>)], o: &AnalyzeOptions) -> Report {
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    analyze_files(&refs, o).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_merge_of_any_split_is_the_analysis_at_once(
        tables in proptest::collection::vec(proptest::collection::vec(row(), 1..25), 1..6),
        cuts in proptest::collection::vec(0usize..6, 0..5),
        period in any::<bool>(),
        json in any::<bool>(),
        max_problems in prop_oneof![Just(2u32), Just(7), Just(1000)],
    ) {
        let files: Vec<(String, Vec<u8>)> = tables
            .iter()
            .enumerate()
            .map(|(i, rows)| (format!("thang-{i}.csv"), file_of(rows, i, json)))
            .filter(|(_, d)| !d.is_empty())
            .collect();
        let o = options(period, max_problems);
        let mut cuts = cuts;
        cuts.sort_unstable();
        let one = at_once(&files, &o);
        let parts = merged(&files, &cuts, &o);
        prop_assert_eq!(&parts, &one);
        // Each file alone, merged, is the same again.
        let every: Vec<usize> = (0..files.len()).collect();
        prop_assert_eq!(&merged(&files, &every, &o), &one);
    }
}

fn two_files() -> Vec<(String, Vec<u8>)> {
    let a = "Mã hồ sơ;Cơ quan;Ngày tiếp nhận;Ngày có kết quả\nA1;Sở Y tế;02/06/2025 08:00;\nA2;Sở Y tế;03/06/2025 08:00;\n";
    let b = "Mã hồ sơ;Cơ quan;Ngày tiếp nhận;Ngày có kết quả\nA1;Sở Y tế;02/06/2025 08:00;05/06/2025 10:00\nA3;Sở Tư pháp;04/06/2025 08:00;\n";
    vec![
        ("thang-6a.csv".into(), a.as_bytes().to_vec()),
        ("thang-6b.csv".into(), b.as_bytes().to_vec()),
    ]
}

#[test]
fn a_code_in_two_runs_counts_once_and_names_where_it_was_first_seen() {
    let files = two_files();
    let o = AnalyzeOptions::default();
    let r = merged(&files, &[1], &o);
    assert_eq!(r, at_once(&files, &o));
    assert_eq!(r.totals.received.total, 3);
    // The later row has an end: it counts (resolved), the first does not.
    assert_eq!(r.totals.resolved.total, 1);
    assert_eq!(r.quality.counts["duplicateId"], 1);
    let p = r
        .quality
        .problems
        .iter()
        .find(|p| p.code == "duplicateId")
        .unwrap();
    assert_eq!(p.source.as_deref(), Some("thang-6b.csv"));
    assert_eq!(p.row, 2);
    assert_eq!(p.column.as_deref(), Some("Mã hồ sơ"));
    assert!(
        p.message
            .contains("\"A1\" đã có ở dòng 2 của tệp thang-6a.csv"),
        "{}",
        p.message
    );
    assert!(
        p.message_en.contains("row 2 of thang-6a.csv"),
        "{}",
        p.message_en
    );
    assert_eq!(r.quality.sources.len(), 2);
    assert_eq!(r.quality.sources[1].rows, 2);
}

fn snapshot_of(files: &[(String, Vec<u8>)], o: &AnalyzeOptions) -> Vec<u8> {
    let mut a = Analyzer::new(o).unwrap();
    for (name, data) in files {
        a.begin_file(name).unwrap();
        a.push(data).unwrap();
    }
    a.snapshot().unwrap()
}

#[test]
fn a_damaged_snapshot_is_an_error_that_names_it() {
    let o = AnalyzeOptions::default();
    let good = snapshot_of(&two_files(), &o);
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let mut other_version = good.clone();
    other_version[8] = 9;
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (Vec::new(), "not a tthc snapshot"),
        (b"TTHCSNAP".to_vec(), "not a tthc snapshot"),
        (
            b"PK\x03\x04 an xlsx file, not a snapshot".to_vec(),
            "not a tthc snapshot",
        ),
        (good[..good.len() - 1].to_vec(), "checksum"),
        (good[..good.len() / 3].to_vec(), "checksum"),
        (flipped, "checksum"),
        (other_version, "another version"),
    ];
    for (bytes, why) in cases {
        let e = merge([&good, &bytes], &o).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Ingest);
        assert_eq!(e.field(), Some("snapshots[1]"));
        assert!(
            e.message_en().contains("Snapshot 2 can't be read"),
            "{}",
            e.message_en()
        );
        assert!(e.message_en().contains(why), "{why}: {}", e.message_en());
        assert!(
            e.message().contains("ảnh chụp trạng thái"),
            "{}",
            e.message()
        );
    }
}

#[test]
fn every_cut_and_every_flipped_byte_is_refused_without_a_panic() {
    let o = AnalyzeOptions::default();
    let good = snapshot_of(&two_files(), &o);
    for n in 0..good.len() {
        assert!(merge([&good[..n]], &o).is_err(), "cut at {n}");
    }
    for i in 0..good.len() {
        for bit in [0x01, 0x80] {
            let mut b = good.clone();
            b[i] ^= bit;
            assert!(merge([&b], &o).is_err(), "byte {i} bit {bit}");
        }
    }
}

#[test]
fn a_snapshot_made_with_other_options_is_refused() {
    let made = AnalyzeOptions::for_period("2025-06-01", "2025-06-30");
    let s = snapshot_of(&two_files(), &made);
    let e = merge([&s], &AnalyzeOptions::default()).unwrap_err();
    assert!(
        e.message_en().contains("other options"),
        "{}",
        e.message_en()
    );
    assert!(merge([&s], &made).is_ok());
    // Another calendar (a day off more) or another maxProblems: refused too.
    let mut calendar = made.clone();
    calendar.calendar = Some(tthc::calendar::CalendarConfig {
        days_off: vec!["2025-06-03".into()],
        ..Default::default()
    });
    assert!(merge([&s], &calendar).is_err());
    let mut fewer = made.clone();
    fewer.max_problems = Some(3);
    assert!(merge([&s], &fewer).is_err());
    // Decision 766 weights shape only the report: another set is accepted.
    let mut weighted = made.clone();
    weighted.d766_weights = Some(
        [(
            "2.1".to_string(),
            tthc::stats::IndicatorWeight {
                max_points: 5.0,
                threshold: 90.0,
            },
        )]
        .into(),
    );
    assert!(merge([&s], &weighted).is_ok());
}

#[test]
fn the_analyzer_goes_on_after_a_snapshot() {
    let o = AnalyzeOptions::default();
    let files = two_files();
    let mut a = Analyzer::new(&o).unwrap();
    a.begin_file(&files[0].0).unwrap();
    a.push(&files[0].1).unwrap();
    let first = a.snapshot().unwrap();
    a.begin_file(&files[1].0).unwrap();
    a.push(&files[1].1).unwrap();
    let r = a.finish().unwrap();
    assert_eq!(r, at_once(&files, &o));
    assert_eq!(merge([&first], &o).unwrap(), at_once(&files[..1], &o));
    // Bytes pushed after a snapshot without beginFile are a new, unnamed file.
    let mut b = Analyzer::new(&o).unwrap();
    b.push(&files[0].1).unwrap();
    b.snapshot().unwrap();
    b.push(&files[1].1).unwrap();
    let r = b.finish().unwrap();
    assert_eq!(r.quality.sources.len(), 2);
    assert_eq!(r.totals.received.total, 3);
}

#[test]
fn no_snapshot_merges_to_an_empty_report() {
    let r = merge(Vec::<Vec<u8>>::new(), &AnalyzeOptions::default()).unwrap();
    assert_eq!(r.period, None);
    assert_eq!(r.quality.rows, 0);
    let empty = Analyzer::new(&AnalyzeOptions::default())
        .unwrap()
        .snapshot()
        .unwrap();
    assert_eq!(
        merge([&empty, &empty], &AnalyzeOptions::default())
            .unwrap()
            .quality
            .rows,
        0
    );
}

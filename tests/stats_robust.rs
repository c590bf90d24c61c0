//! Statistics on hostile files: what the accumulator keeps is capped (names, words, their
//! number), a cut value is counted and described once per column, and one huge cell costs
//! time in proportion to its length.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use std::time::{Duration, Instant};

use tthc::ingest::{kept_text, LIMITS};
use tthc::stats::{analyze, AnalyzeOptions, Analyzer, MAX_HELD_TEXT_BYTES};

fn opts() -> AnalyzeOptions {
    AnalyzeOptions::for_period("2026-01-01", "2026-01-31")
}

const HEADER: &str =
    "Mã hồ sơ,Mã thủ tục,Tên thủ tục,Lĩnh vực,Cơ quan giải quyết,Ngày tiếp nhận,Trạng thái,Kênh nộp,Hình thức nhận kết quả\n";

#[test]
fn distinct_huge_names_stream_in_a_bounded_state() {
    // 2,000 rows, each with a distinct 100 KB agency name and distinct 2 KB procedure code,
    // name, domain, status, channel and return method (≈ 220 MB, 3 to 5 times that if they
    // were kept whole), pushed in 64 KiB chunks.
    let mut a = Analyzer::new(&opts()).unwrap();
    let long = "Ủy ban nhân dân ".repeat(100_000 / 22);
    let f = "Ủy ban nhân dân ".repeat(2_000 / 22);
    let mut pending: Vec<u8> = HEADER.as_bytes().to_vec();
    let mut largest_state = 0;
    for i in 0..2000 {
        let row = format!("HS{i},{i}{f},{i}{f},{i}{f},{i}{long},05/01/2026,{i}{f},{i}{f},{i}{f}\n");
        pending.extend_from_slice(row.as_bytes());
        while pending.len() >= 64 * 1024 {
            let rest = pending.split_off(64 * 1024);
            a.push(&pending).unwrap();
            pending = rest;
        }
        if i % 100 == 99 {
            largest_state = largest_state.max(a.held_text_bytes());
        }
    }
    a.push(&pending).unwrap();
    largest_state = largest_state.max(a.held_text_bytes());
    // Kept: at most the cap per text, in at most 16 places per row (three per group dimension,
    // the procedure's details, the unknown words); within the bound, whatever the file.
    assert!(largest_state <= MAX_HELD_TEXT_BYTES, "{largest_state}");
    assert!(
        largest_state <= 2000 * 16 * LIMITS.max_kept_text_bytes,
        "{largest_state}"
    );
    let r = a.finish().unwrap();
    assert_eq!(r.quality.rows, 2000);
    assert_eq!(r.by_agency.len(), 2000);
    let cap = LIMITS.max_kept_text_bytes;
    for g in &r.by_agency {
        assert!(
            g.agency.len() <= cap && g.agency.ends_with('…'),
            "{}",
            g.agency.len()
        );
    }
    assert!(r.by_domain.iter().all(|g| g.domain.len() <= cap));
    for p in &r.by_procedure {
        assert!(p.procedure_code.len() <= cap && p.procedure.len() <= cap && p.domain.len() <= cap);
    }
    assert!(r
        .quality
        .unknown_values
        .iter()
        .all(|u| u.value.len() <= cap));
    // Counted: every cut cell of the seven kept columns; described once per column.
    assert_eq!(r.quality.counts.get("valueTruncated"), Some(&(2000 * 7)));
    let described: Vec<_> = r
        .quality
        .problems
        .iter()
        .filter(|p| p.code == "valueTruncated")
        .collect();
    assert_eq!(described.len(), 7, "{described:?}");
    assert!(described.iter().all(|p| p.row == 2 && p.column.is_some()));
    assert!(described[0].message.contains("256") && described[0].message_en.contains("256"));
}

#[test]
fn many_distinct_names_are_bounded_in_number() {
    // More distinct agencies than the groups kept: the rest are counted under "(khác)".
    let mut csv = String::from("Ngày tiếp nhận,Cơ quan\n");
    for i in 0..10_050 {
        csv.push_str(&format!("05/01/2026,Cơ quan số {i}\n"));
    }
    let r = analyze(csv.as_bytes(), &opts()).unwrap();
    assert_eq!(r.by_agency.len(), 10_001);
    let other = r.by_agency.iter().find(|g| g.agency == "(khác)").unwrap();
    assert_eq!(other.counters.received.total, 50);
    assert_eq!(r.totals.received.total, 10_050);
}

#[test]
fn names_up_to_the_cap_are_kept_whole_and_longer_ones_share_their_start() {
    let cap = LIMITS.max_kept_text_bytes;
    let exact = "a".repeat(cap);
    let longer = format!("{exact}b");
    let longer2 = format!("{exact}c");
    let csv = format!(
        "Ngày tiếp nhận,Cơ quan\n05/01/2026,{exact}\n05/01/2026,{longer}\n05/01/2026,{longer2}\n"
    );
    let r = analyze(csv.as_bytes(), &opts()).unwrap();
    let names: Vec<&str> = r.by_agency.iter().map(|g| g.agency.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&exact.as_str()));
    let cut = format!("{}…", "a".repeat(cap - 3));
    assert!(names.contains(&cut.as_str()), "{names:?}");
    assert_eq!(r.quality.counts.get("valueTruncated"), Some(&2));
    // The kept text is cut at a character boundary.
    let (t, was_cut) = kept_text("ệ".repeat(200).as_bytes());
    assert!(was_cut && t.len() <= cap && t.ends_with('…'));
}

#[test]
fn max_problems_is_bounded() {
    let mut o = opts();
    o.max_problems = Some(u32::MAX);
    let mut csv = String::from("Ngày tiếp nhận\n");
    for _ in 0..100_010 {
        csv.push_str("x\n");
    }
    let r = analyze(csv.as_bytes(), &o).unwrap();
    // Listed: at most 100,000 whatever maxProblems asks; counted: all.
    assert_eq!(r.quality.problems.len(), 100_000);
    assert!(r.quality.problems_truncated);
    assert_eq!(r.quality.counts.get("invalidDate"), Some(&100_010));
}

/// A CSV with one huge cell (`cell`) in each text column in turn, and in a title row.
fn huge_cell_files(cell: &str) -> Vec<String> {
    let columns = HEADER.trim_end().split(',').count();
    let mut files = vec![format!("{cell}\n{HEADER}A1,,,,,05/01/2026,,,\n")];
    for c in 0..columns {
        let mut row: Vec<String> = vec![
            "A1".into(),
            "1.001".into(),
            "Khai sinh".into(),
            "Hộ tịch".into(),
            "Sở Tư pháp".into(),
            "05/01/2026".into(),
            "Đang xử lý".into(),
            "1".into(),
            "1".into(),
        ];
        row[c] = cell.to_string();
        files.push(format!("{HEADER}{}\n{}\n", row.join(","), row.join(",")));
    }
    files
}

fn time_to_analyze(files: &[String]) -> Duration {
    let t = Instant::now();
    for f in files {
        let _ = analyze(f.as_bytes(), &opts());
    }
    t.elapsed()
}

#[test]
fn one_huge_cell_costs_time_in_proportion_to_its_length() {
    // 'a' followed by 100,000 combining marks (≈ 200 KB; acute and dot below in turn, which
    // canonical ordering must sort: 8 to 16 s per cell in a release build before), one mark
    // repeated, and plain long text.
    let mixed = format!("a{}", "\u{301}\u{323}".repeat(50_000));
    let marks = format!("a{}", "\u{301}".repeat(100_000));
    let plain = "Sở Tư pháp ".repeat(200_000 / 14);
    for cell in [mixed, marks, plain] {
        let files = huge_cell_files(&cell);
        let total: usize = files.iter().map(String::len).sum();
        let t = time_to_analyze(&files);
        // Generous for a debug build: ≈ 2 MB of such cells (one in each column and in a title
        // row) in well under two seconds.
        assert!(t < Duration::from_secs(5), "{total} bytes in {t:?}");
        // Twice the length costs no more than about twice the time.
        let double = format!("{cell}{cell}");
        let files2 = huge_cell_files(&double);
        let t1 = time_to_analyze(&files).max(Duration::from_millis(5));
        let t2 = time_to_analyze(&files2);
        assert!(t2 < t1 * 4, "{t1:?} for the cell, {t2:?} for twice as long");
    }
}

#[test]
fn huge_cells_give_sane_reports() {
    let cell = format!("a{}", "\u{301}\u{323}".repeat(50_000));
    for f in huge_cell_files(&cell).iter().skip(1) {
        let r = analyze(f.as_bytes(), &opts()).unwrap();
        assert_eq!(r.quality.rows, 2);
        let json = serde_json::to_string(&r).unwrap();
        // Nothing of the huge cell is kept beyond the cap (problem messages clip values).
        assert!(json.len() < 60_000, "{}", json.len());
    }
}

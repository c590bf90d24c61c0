//! The reader on its own: header aliases, title rows, encodings, format detection, dates.
#![cfg(all(not(target_arch = "wasm32"), feature = "stats"))]

use std::collections::BTreeMap;

use tthc::ingest::decode::{sniff_encoding, Encoding};
use tthc::ingest::{dates, detect_format, Cell, Field, Format, HeaderMap};

#[test]
fn every_alias_of_every_field_is_recognised_and_unambiguous() {
    for f in Field::ALL {
        for alias in f.aliases() {
            // Upper case, NFD and extra punctuation do not matter.
            let variants = [
                alias.to_string(),
                alias.to_uppercase(),
                unicode_normalization::UnicodeNormalization::nfd(*alias).collect::<String>(),
                format!("  {alias} (*)"),
            ];
            for v in variants {
                let m = HeaderMap::match_only(std::slice::from_ref(&v), &BTreeMap::new()).unwrap();
                assert_eq!(m.column(f), Some(0), "{f:?} {v}");
                assert_eq!(m.matched(), 1, "{v} matches more than one field");
            }
        }
    }
}

#[test]
fn the_contract_header_table() {
    let headers: Vec<String> = [
        "MaHoSo",
        "MaTTHC",
        "TenTTHC",
        "LinhVuc",
        "CoQuanGiaiQuyet",
        "NgayTiepNhan",
        "NgayHenTra",
        "NgayKetThucXuLy",
        "NgayTraKetQua",
        "KenhThucHien",
        "HinhThucTraKetQua",
        "TrangThai",
        "SoLanBoSung",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let m = HeaderMap::build(&headers, &BTreeMap::new()).unwrap();
    for (i, f) in Field::ALL.iter().take(13).enumerate() {
        assert_eq!(m.column(*f), Some(i), "{f:?}");
    }
}

#[test]
fn title_rows_above_the_header_are_skipped_in_csv() {
    let csv = "BÁO CÁO DANH SÁCH HỒ SƠ\nTừ ngày 15/08/2021 đến ngày 15/09/2021\n\nSTT,Mã hồ sơ,Ngày tiếp nhận\n1,A,16/08/2021\n2,B,17/08/2021\n";
    let r = tthc::stats::analyze(
        csv.as_bytes(),
        &tthc::stats::AnalyzeOptions::for_period("2021-08-15", "2021-09-15"),
    )
    .unwrap();
    assert_eq!(r.quality.source.header_row, 3); // the blank line is not a record
    assert_eq!(r.quality.rows, 2);
    assert_eq!(r.totals.received.new, 2);
}

#[test]
fn encodings_are_sniffed() {
    assert_eq!(sniff_encoding(b"\xEF\xBB\xBFa"), (Encoding::Utf8, 3));
    assert_eq!(sniff_encoding(b"\xFE\xFF\x00a"), (Encoding::Utf16Be, 2));
    assert_eq!(sniff_encoding(b"a\x00b\x00"), (Encoding::Utf16Le, 0));
    assert_eq!(sniff_encoding(b"\x00a\x00b"), (Encoding::Utf16Be, 0));
    // A UTF-8 sequence cut at the end of the sample is still UTF-8.
    let mut s = "a".repeat(64 * 1024 - 1).into_bytes();
    s.extend_from_slice("ệ".as_bytes());
    assert_eq!(sniff_encoding(&s).0, Encoding::Utf8);
    assert_eq!(
        sniff_encoding(b"Ng\xE0y ti\xEA\xECp nh\xE2\xF2n").0,
        Encoding::Windows1258
    );
}

#[test]
fn formats_are_detected() {
    assert_eq!(detect_format(b"  \n [", true).unwrap(), Some(Format::Json));
    assert_eq!(
        detect_format(b"\xFF\xFE[\x00", true).unwrap(),
        Some(Format::Json)
    );
    assert_eq!(
        detect_format(b"PK\x03\x04", true).unwrap(),
        Some(Format::Xlsx)
    );
    assert_eq!(detect_format(b"a;b", false).unwrap(), None); // too few bytes yet
    assert_eq!(detect_format(b"a;b", true).unwrap(), Some(Format::Csv));
    assert!(detect_format(b"", true).is_err());
    assert!(detect_format(b"PK\x05\x06", true).is_err());
    assert!(detect_format(b"{\"a\":1}", true).is_err());
    assert!(detect_format(b"GIF89a\x01\x00\x01\x00\x00", true).is_err());
}

#[test]
fn dates_from_cells() {
    let p = |c: Cell| dates::parse_cell(c).map(|v| (v.at.to_string(), v.has_time));
    assert_eq!(
        p(Cell::Text(b"16/08/2021")),
        Some(("2021-08-16 00:00:00".into(), false))
    );
    assert_eq!(
        p(Cell::Text(b"9:05 16/8/2021")),
        Some(("2021-08-16 09:05:00".into(), true))
    );
    assert_eq!(
        p(Cell::Number(44424.0)),
        Some(("2021-08-16 00:00:00".into(), false))
    );
    assert_eq!(
        p(Cell::Serial(44424.75)),
        Some(("2021-08-16 18:00:00".into(), true))
    );
    // Two cells showing the same minute compare equal after rounding to the second.
    assert_eq!(
        p(Cell::Serial(44424.0 + 600.0 / 1440.0 + 1e-7)),
        p(Cell::Serial(44424.0 + 600.0 / 1440.0 - 1e-7))
    );
    assert_eq!(p(Cell::Text(b"16/08/1899")), None);
    assert_eq!(p(Cell::Text(b"16/08/2201")), None);
    assert_eq!(p(Cell::Bool(true)), None);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// The memo of usual dates answers exactly as the full parser, for texts shaped like dates
    /// (valid, impossible, implausible years, odd separators and times), one memo across
    /// cases so that hits and slot collisions are exercised.
    #[test]
    fn the_date_memo_answers_as_the_parser(
        texts in proptest::collection::vec(
            "[0-3][0-9][/.-][01][0-9][/.-](1|2)[09][0-9][0-9]( [0-2][0-9][:.][0-6][0-9])?",
            1..40,
        )
    ) {
        thread_local! {
            static MEMO: std::cell::RefCell<dates::DateCache> = Default::default();
        }
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            for t in &texts {
                for _ in 0..2 {
                    let cell = Cell::Text(t.as_bytes());
                    proptest::prop_assert_eq!(m.parse_cell(cell), dates::parse_cell(cell), "{}", t);
                }
            }
            Ok(())
        })?;
    }
}

//! The 2025 administrative units and the on-demand conversion data.
#![cfg(not(target_arch = "wasm32"))]

use tthc::units::legacy::{LegacyUnits, MergeKind, OldAddress};
use tthc::units::*;

const LEGACY: &[u8] = include_bytes!("../assets/units/legacy-2025.txt");

#[test]
fn the_2025_list() {
    let ps = provinces();
    assert_eq!(ps.len(), 34);
    let total: usize = ps.iter().map(|p| communes(&p.code).unwrap().len()).sum();
    assert_eq!(total, 3321);
    // 7 merged provinces kept an old code under a new name.
    for (code, name) in [
        ("15", "Tỉnh Lào Cai"),
        ("24", "Tỉnh Bắc Ninh"),
        ("44", "Tỉnh Quảng Trị"),
        ("52", "Tỉnh Gia Lai"),
        ("80", "Tỉnh Tây Ninh"),
        ("82", "Tỉnh Đồng Tháp"),
        ("91", "Tỉnh An Giang"),
    ] {
        assert_eq!(province(code).unwrap().name, name);
    }
    let na = province("40").unwrap();
    assert_eq!(
        (na.short_name.as_str(), na.phone_code, na.city),
        ("Nghệ An", 238, false)
    );
    let cs = communes("40").unwrap();
    assert_eq!(cs.len(), 130);
    assert_eq!(cs.first().unwrap().code, "16681");
    assert!(cs.iter().all(|c| c.code.as_str() <= "18040"));
    assert!(communes("02").is_none());
}

/// Every commune (code, name, province) in list order equals the official file
/// `admin-units-2025.csv`: its FNV-1a hash of `code|name|province\n` lines, computed from the CSV
/// with the type word capitalised as the table prints it (87,338 bytes, 0x919825249eb79686).
/// Also every code finds its commune back.
#[test]
fn every_commune_matches_the_official_list() {
    let mut text = String::new();
    for p in provinces() {
        for c in communes(&p.code).unwrap() {
            text.push_str(&format!("{}|{}|{}\n", c.code, c.name, c.province_code));
            assert_eq!(commune(&c.code).as_ref(), Some(&c));
        }
    }
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    assert_eq!((text.len(), hash), (87_338, 0x9198_2524_9eb7_9686));
}

#[test]
fn lookups_by_name_ignore_case_diacritics_and_tone_placement() {
    assert_eq!(find_province("Nghệ An").unwrap().code, "40");
    assert_eq!(find_province("NGHE AN").unwrap().code, "40");
    assert_eq!(find_province("Thành phố Hồ Chí Minh").unwrap().code, "79");
    assert_eq!(find_province("Hoà Bình"), None); // merged into Phú Thọ
    let c = find_commune("40", "phường thành vinh").unwrap();
    assert_eq!(c.kind, CommuneKind::Phuong);
    assert_eq!(commune(&c.code).unwrap(), c);
    assert!(find_commune("01", "Thành Vinh").is_none());
}

#[test]
fn embedded_table_is_compact() {
    // The commune string stays well under 100 kB raw (≈25 kB gzip, see docs/forms.md).
    assert!(
        embedded_table_bytes() < 100_000,
        "{}",
        embedded_table_bytes()
    );
}

#[test]
fn legacy_units_and_conversion() {
    let u = LegacyUnits::parse(LEGACY).unwrap();
    assert_eq!(u.ward_count(), 10051);
    assert_eq!(u.conversion_count(), 10571);
    // A Hà Nội ward that went whole into Phường Ba Đình.
    let rows = u.convert(&OldAddress {
        ward_code: Some("00004".into()),
        ..Default::default()
    });
    assert!(rows
        .iter()
        .any(|r| r.new_ward_code == "00004" && r.new_ward_name == "Phường Ba Đình"));
    assert!(rows
        .iter()
        .all(|r| r.old_province_name == "Thành phố Hà Nội"));
    // By names, case- and diacritic-insensitive.
    let by_name = u.convert(&OldAddress {
        ward: Some("phuong truc bach".into()),
        district: Some("Quận Ba Đình".into()),
        province: Some("Hà Nội".into()),
        ..Default::default()
    });
    assert_eq!(by_name, rows);
    assert!(rows.iter().all(|r| r.kind == MergeKind::Full));
    // Every conversion row points at a 2025 commune.
    let all = u.convert(&OldAddress {
        ward: Some("Phường Hưng Bình".into()),
        ..Default::default()
    });
    assert!(!all.is_empty());
    assert!(all.iter().all(|r| r.new_province_code == "40"), "{all:?}");
}

#[test]
fn legacy_file_errors_say_where() {
    let e = LegacyUnits::parse(b"nope").unwrap_err();
    assert_eq!(e.row(), Some(1));
    let e = LegacyUnits::parse(b"#tthc-legacy-units 1\nW\t1\tx\tX\n").unwrap_err();
    assert_eq!(e.row(), Some(2));
    assert!(e.to_string_en().contains("ward before any district"));
}

/// A data file cut short (half of it, or cut inside a line) or with a malformed line is an
/// error naming the line; it used to "load" with 0 conversions.
#[test]
fn legacy_file_cut_short_is_an_error_naming_the_line() {
    let text = std::str::from_utf8(LEGACY).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Half the file, cut at a line end.
    let half = lines[..lines.len() / 2].join("\n") + "\n";
    let e = LegacyUnits::parse(half.as_bytes()).unwrap_err();
    assert_eq!(e.row(), Some((lines.len() / 2) as u64), "{e}");
    assert!(e.to_string_en().contains("cut short"), "{e}");
    assert!(e.message().contains("dòng"), "{e}");
    // Cut inside the last line: a ward record left with 2 columns.
    let cut = &text[..text.find("W\t00004").unwrap() + 7];
    let e = LegacyUnits::parse(cut.as_bytes()).unwrap_err();
    assert_eq!(e.row(), Some(5), "{e}");
    // Cut inside a UTF-8 sequence: "not UTF-8" on that line.
    let at = text.find("Phường Phúc Xá").unwrap() + "Phư".len() - 1;
    let e = LegacyUnits::parse(&LEGACY[..at]).unwrap_err();
    assert_eq!(e.row(), Some(4), "{e}");
    // Everything but the end line.
    let no_end = &text[..text.rfind("#end").unwrap()];
    let e = LegacyUnits::parse(no_end.as_bytes()).unwrap_err();
    assert_eq!(e.row(), Some((lines.len() - 1) as u64), "{e}");
    // A conversion dropped from the middle: the counts say so.
    let mid = lines.iter().position(|l| l.starts_with("C\t")).unwrap() + 10;
    let dropped: String = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != mid)
        .map(|(_, l)| format!("{l}\n"))
        .collect();
    let e = LegacyUnits::parse(dropped.as_bytes()).unwrap_err();
    assert_eq!(e.row(), Some((lines.len() - 1) as u64), "{e}");
    assert!(e.to_string_en().contains("end line announces"), "{e}");
    // Text after the end line, and a malformed end line.
    let after = format!("{text}C\t00001\t00001\tf\n");
    assert!(LegacyUnits::parse(after.as_bytes()).is_err());
    let bad_end = text.replace("#end P=63", "#end P=x");
    assert!(LegacyUnits::parse(bad_end.as_bytes())
        .unwrap_err()
        .to_string_en()
        .contains("malformed end line"));
    // The whole file still loads.
    assert_eq!(
        LegacyUnits::parse(LEGACY).unwrap().conversion_count(),
        10_571
    );
}

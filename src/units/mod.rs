//! Administrative units (đơn vị hành chính) after the 2025 reform: 34 provinces, 3,321 communes.
//!
//! From 1 July 2025 (Decision 19/2025/QĐ-TTg) Vietnam has two levels: 34 provinces (tỉnh,
//! thành phố trực thuộc trung ương) with 2-digit codes and 3,321 communes (2,621 xã,
//! 687 phường, 13 đặc khu) with 5-digit codes; districts (huyện, quận) are gone. The official
//! list is embedded here as a compact generated table (`table_2025.rs`, written by
//! `scripts/gen-units.py`): one string of `CCCCCkName` lines, no JSON to parse at start-up.
//!
//! The pre-2025 units (63 provinces, districts, 10,056 wards) and the official old → new ward
//! conversion are *not* embedded: they are loaded on demand from `assets/units/legacy-2025.txt`
//! into a [`legacy::LegacyUnits`].
//!
//! # Example
//! ```
//! let na = tthc::units::province("40").unwrap();
//! assert_eq!(na.name, "Tỉnh Nghệ An");
//! assert_eq!(tthc::units::communes("40").unwrap().len(), 130);
//! let c = tthc::units::commune("16681").unwrap();
//! assert_eq!(c.province_code, "40");
//! ```

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub mod legacy;
mod table_2025;

use table_2025::{COMMUNES, PROVINCES, PROVINCES_PRE_2025};

/// A province-level unit (tỉnh / thành phố trực thuộc trung ương) of the 2025 list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Province {
    /// Two-digit code, e.g. `"40"` (Nghệ An).
    pub code: String,
    /// Official name with its type word, e.g. `"Tỉnh Nghệ An"`, `"Thành phố Huế"`.
    pub name: String,
    /// Name without the type word, e.g. `"Nghệ An"`.
    pub short_name: String,
    /// `true` for a centrally-run city (thành phố trực thuộc trung ương).
    pub city: bool,
    /// Telephone area code without the leading 0 (238 for Nghệ An).
    pub phone_code: u16,
}

/// The kind of a commune-level unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum CommuneKind {
    /// Phường (urban ward).
    Phuong,
    /// Xã (rural commune).
    Xa,
    /// Đặc khu (special zone, mostly islands).
    DacKhu,
}

impl CommuneKind {
    fn word(self) -> &'static str {
        match self {
            CommuneKind::Phuong => "Phường",
            CommuneKind::Xa => "Xã",
            CommuneKind::DacKhu => "Đặc khu",
        }
    }
}

/// A commune-level unit (xã, phường, đặc khu) of the 2025 list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct Commune {
    /// Five-digit code, e.g. `"16681"`.
    pub code: String,
    /// Official name with its type word, e.g. `"Phường Thành Vinh"`.
    pub name: String,
    /// Phường, xã or đặc khu.
    pub kind: CommuneKind,
    /// Code of the province it belongs to.
    pub province_code: String,
}

fn make_province(p: &(u8, &str, bool, u16, u32, u32)) -> Province {
    Province {
        code: format!("{:02}", p.0),
        name: p.1.to_string(),
        short_name: short_name(p.1).to_string(),
        city: p.2,
        phone_code: p.3,
    }
}

/// Strips the type word of a province name ("Tỉnh Nghệ An" → "Nghệ An").
fn short_name(name: &str) -> &str {
    for w in ["Thành phố ", "Tỉnh "] {
        if let Some(rest) = name.strip_prefix(w) {
            return rest;
        }
    }
    name
}

/// Builds the commune of a line of [`COMMUNES`] whose code is known: `rest` is the line after its
/// code difference (type letter, name).
fn parse_line(code: u32, rest: &str, province: u8) -> Option<Commune> {
    let kind = match rest.get(0..1)? {
        "p" => CommuneKind::Phuong,
        "x" => CommuneKind::Xa,
        _ => CommuneKind::DacKhu,
    };
    let name = rest.get(1..)?;
    Some(Commune {
        code: format!("{code:05}"),
        name: format!("{} {}", kind.word(), name),
        kind,
        province_code: format!("{province:02}"),
    })
}

/// Splits a line of [`COMMUNES`] into its code difference and the rest.
fn split_line(line: &str) -> (u32, &str) {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (line[..digits].parse().unwrap_or(0), &line[digits..])
}

fn province_entry(code: &str) -> Option<&'static (u8, &'static str, bool, u16, u32, u32)> {
    let code = code.trim();
    if code.is_empty() || code.len() > 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = code.parse().ok()?;
    PROVINCES.iter().find(|p| p.0 == n)
}

/// The communes of a province as (code, type letter and name, byte offset of the line): the
/// codes are summed up from their differences.
fn province_lines(
    p: &(u8, &str, bool, u16, u32, u32),
) -> impl Iterator<Item = (u32, &'static str, u32)> {
    let mut code = 0u32;
    let mut off = p.4;
    COMMUNES
        .get(p.4 as usize..p.5 as usize)
        .unwrap_or("")
        .lines()
        .map(move |line| {
            let (delta, rest) = split_line(line);
            code += delta;
            let at = off;
            off += line.len() as u32 + 1;
            (code, rest, at)
        })
}

/// The 34 provinces of the 2025 list, in code order.
///
/// # Example
/// ```
/// let all = tthc::units::provinces();
/// assert_eq!(all.len(), 34);
/// assert_eq!(all[0].code, "01");
/// ```
pub fn provinces() -> Vec<Province> {
    PROVINCES.iter().map(make_province).collect()
}

/// The province whose telephone area code (without 0) is `code`, e.g. 238 → Nghệ An.
///
/// # Example
/// ```
/// assert_eq!(tthc::units::province_by_phone_code(238).unwrap().code, "40");
/// ```
pub fn province_by_phone_code(code: u16) -> Option<Province> {
    PROVINCES.iter().find(|p| p.3 == code).map(make_province)
}

/// The province with this code (`"40"`; `"040"` and `"4"` also work for `"04"`-style input).
///
/// # Example
/// ```
/// assert_eq!(tthc::units::province("46").unwrap().name, "Thành phố Huế");
/// assert!(tthc::units::province("02").is_none()); // Hà Giang merged into Tuyên Quang in 2025
/// ```
pub fn province(code: &str) -> Option<Province> {
    province_entry(code).map(make_province)
}

/// The number of a province code of the 2025 list (`"40"` → 40) without building the
/// [`Province`]; `None` where [`province`] gives `None`.
pub(crate) fn province_number(code: &str) -> Option<u8> {
    province_entry(code).map(|p| p.0)
}

/// The communes of a province, in code order; `None` for an unknown province code.
///
/// # Example
/// ```
/// let na = tthc::units::communes("40").unwrap();
/// assert_eq!(na.iter().filter(|c| c.kind == tthc::units::CommuneKind::Phuong).count(), 11);
/// ```
pub fn communes(province_code: &str) -> Option<Vec<Commune>> {
    let p = province_entry(province_code)?;
    Some(
        province_lines(p)
            .filter_map(|(code, rest, _)| parse_line(code, rest, p.0))
            .collect(),
    )
}

/// Sorted (commune code, province code, byte offset of its line) — built on first use.
fn index() -> &'static [(u32, u8, u32)] {
    static INDEX: OnceLock<Vec<(u32, u8, u32)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v = Vec::with_capacity(3400);
        for p in PROVINCES {
            for (code, _, off) in province_lines(p) {
                v.push((code, p.0, off));
            }
        }
        crate::sort::sort_by(&mut v, |a, b| a.cmp(b));
        v
    })
}

fn commune_code_number(code: &str) -> Option<u32> {
    let code = code.trim();
    if code.is_empty() || code.len() > 5 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    code.parse().ok()
}

/// The commune with this 5-digit code (`"16681"`; leading zeros may be omitted).
///
/// # Example
/// ```
/// let c = tthc::units::commune("4").unwrap();
/// assert_eq!(c.name, "Phường Ba Đình");
/// assert_eq!(c.province_code, "01");
/// ```
pub fn commune(code: &str) -> Option<Commune> {
    let n = commune_code_number(code)?;
    let idx = index();
    let i = idx.binary_search_by_key(&n, |e| e.0).ok()?;
    let (code, prov, off) = *idx.get(i)?;
    let line = COMMUNES.get(off as usize..)?.lines().next()?;
    parse_line(code, split_line(line).1, prov)
}

/// The province code of a commune code, without building the commune (fast path for forms).
pub fn commune_province(code: &str) -> Option<u8> {
    let n = commune_code_number(code)?;
    let idx = index();
    let i = idx.binary_search_by_key(&n, |e| e.0).ok()?;
    idx.get(i).map(|e| e.1)
}

/// Finds a province by name, ignoring case, diacritics, tone placement and the type word
/// ("nghe an", "Tỉnh Nghệ An", "TP Hồ Chí Minh").
///
/// # Example
/// ```
/// assert_eq!(tthc::units::find_province("nghe an").unwrap().code, "40");
/// assert_eq!(tthc::units::find_province("TP. Hồ Chí Minh").unwrap().code, "79");
/// ```
pub fn find_province(name: &str) -> Option<Province> {
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    PROVINCES
        .iter()
        .find(|p| name_key(p.1) == key)
        .map(make_province)
}

/// Finds a commune of a province by name, ignoring case, diacritics, tone placement and the
/// type word ("Thành Vinh", "phường thành vinh").
///
/// # Example
/// ```
/// let c = tthc::units::find_commune("40", "phuong thanh vinh").unwrap();
/// assert_eq!(c.name, "Phường Thành Vinh");
/// ```
pub fn find_commune(province_code: &str, name: &str) -> Option<Commune> {
    let p = province_entry(province_code)?;
    let folded = crate::text::fold(name);
    let key = name_key(name);
    if key.is_empty() {
        return None;
    }
    let mut found = None;
    for (code, rest, _) in province_lines(p) {
        let Some(c) = parse_line(code, rest, p.0) else {
            continue;
        };
        let full = crate::text::fold(&c.name);
        if full == folded {
            return Some(c);
        }
        if found.is_none() && name_key(&c.name) == key {
            found = Some(c);
        }
    }
    found
}

/// A matching key for a unit name: the leading type word ("Tỉnh", "TP.", "Phường", "Xã",
/// "Thị trấn", "Quận", "Huyện" …) removed, then [`crate::text::fold`]ed (no diacritics, so
/// "Hòa" and "Hoà" match).
///
/// # Example
/// ```
/// assert_eq!(tthc::units::name_key("Phường Hưng Bình"), "hungbinh");
/// assert_eq!(tthc::units::name_key("Xuân Lâm"), "xuanlam");
/// assert_eq!(tthc::units::name_key("TP. Hồ Chí Minh"), "hochiminh");
/// assert_eq!(tthc::units::name_key("phuong truc bach"), "trucbach");
/// ```
pub fn name_key(name: &str) -> String {
    let n = crate::text::case::to_lower(&crate::text::normalize(name));
    for w in [
        "thành phố trực thuộc trung ương",
        "thành phố",
        "thị trấn",
        "thị xã",
        "đặc khu",
        "phường",
        "tỉnh",
        "quận",
        "huyện",
        "xã",
        "tp",
        "thanh pho",
        "thi tran",
        "thi xa",
        "dac khu",
        "phuong",
        "tinh",
        "quan",
        "huyen",
        "xa",
    ] {
        if let Some(rest) = n.strip_prefix(w) {
            if rest.starts_with([' ', '.']) {
                let k = crate::text::fold(rest);
                if !k.is_empty() {
                    return k;
                }
            }
        }
    }
    crate::text::fold(&n)
}

/// The official name of a pre-2025 province code (the 63 provinces; citizen IDs start with
/// `0` + this code), e.g. 40 → "Tỉnh Nghệ An", 2 → "Tỉnh Hà Giang".
///
/// # Example
/// ```
/// assert_eq!(tthc::units::province_pre_2025(2), Some("Tỉnh Hà Giang"));
/// assert_eq!(tthc::units::province_pre_2025(3), None);
/// ```
pub fn province_pre_2025(code: u8) -> Option<&'static str> {
    PROVINCES_PRE_2025.iter().find(|p| p.0 == code).map(|p| p.1)
}

/// Size in bytes of the embedded commune string (for the size report).
pub fn embedded_table_bytes() -> usize {
    COMMUNES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_decision() {
        let all: Vec<Commune> = provinces()
            .iter()
            .flat_map(|p| communes(&p.code).unwrap())
            .collect();
        assert_eq!(all.len(), 3321);
        assert_eq!(
            all.iter().filter(|c| c.kind == CommuneKind::Xa).count(),
            2621
        );
        assert_eq!(
            all.iter().filter(|c| c.kind == CommuneKind::Phuong).count(),
            687
        );
        assert_eq!(
            all.iter().filter(|c| c.kind == CommuneKind::DacKhu).count(),
            13
        );
        for c in &all {
            assert_eq!(commune(&c.code).as_ref(), Some(c));
        }
        assert_eq!(index().len(), 3321);
    }

    #[test]
    fn nghe_an_range() {
        let na = communes("40").unwrap();
        assert_eq!(na.len(), 130);
        assert!(na
            .iter()
            .all(|c| ("16681".."18041").contains(&c.code.as_str())));
        assert_eq!(na.iter().filter(|c| c.kind == CommuneKind::Xa).count(), 119);
    }

    #[test]
    fn garbage_codes() {
        for s in ["", "abc", "123456", "-1", "99999", "１２"] {
            assert!(commune(s).is_none(), "{s}");
        }
        assert!(province("").is_none());
        assert!(province("4000").is_none());
    }
}

//! The other identifiers of dossier forms: CMND, BHXH, BHYT, vehicle plates, postal codes,
//! passports, bank accounts.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{digits_only, parse_citizen_id, IdInfo, Parsed};
use crate::message::Problem;

/// Old ID card (chứng minh nhân dân, CMND): 9 digits, or 12 (issued 2012–2016). Warning
/// `obsoleteIdCard` when `today` is after 31/12/2024.
///
/// # Example
/// ```
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// let p = tthc::identifiers::parse_old_id_card("186 123 456", today).unwrap();
/// assert_eq!(p.normalized, "186123456");
/// assert_eq!(p.warnings[0].code(), "obsoleteIdCard");
/// ```
pub fn parse_old_id_card(value: &str, today: NaiveDate) -> Result<Parsed, Problem> {
    let d = digits_only(value, &['.', '-'])
        .ok_or(Problem::InvalidFormat("chỉ gồm 9 chữ số", "9 digits only"))?;
    if d.len() != 9 && d.len() != 12 {
        return Err(Problem::WrongLength(&[9, 12]));
    }
    let mut p = Parsed::plain(d);
    if today > NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or(NaiveDate::MIN) {
        p.warnings.push(Problem::ObsoleteIdCard);
    }
    Ok(p)
}

/// Social insurance number (mã số BHXH): 10 digits, or the 12-digit personal identification
/// number (2024 Social Insurance Law), which must then pass [`parse_citizen_id`].
///
/// # Example
/// ```
/// assert!(tthc::identifiers::parse_social_insurance("4012345678", 2026).is_ok());
/// assert_eq!(tthc::identifiers::parse_social_insurance("40123", 2026).unwrap_err().code(), "wrongLength");
/// ```
pub fn parse_social_insurance(value: &str, this_year: i32) -> Result<Parsed, Problem> {
    let d = digits_only(value, &['.', '-']).ok_or(Problem::InvalidFormat(
        "chỉ gồm 10 chữ số",
        "10 digits only",
    ))?;
    match d.len() {
        10 => Ok(Parsed::plain(d)),
        12 => parse_citizen_id(&d, this_year, false).map(|id| Parsed::plain(id.number)),
        _ => Err(Problem::WrongLength(&[10, 12])),
    }
}

/// The `info` of a health-insurance card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct HealthInsuranceInfo {
    /// Beneficiary group (mã đối tượng), 2 letters, e.g. `"HS"` (pupils), `"GD"` (households).
    pub group: String,
    /// Benefit level (mức hưởng) 1–5.
    pub benefit_level: u8,
    /// The 2-digit province code of the card.
    pub province_code: String,
    /// The 10-digit social insurance number inside the card.
    pub social_insurance_number: String,
}

/// Beneficiary groups of Decision 1351/QĐ-BHXH (list as published; unknown → warning).
const BHYT_GROUPS: &[&str] = &[
    "DN", "HX", "CH", "NN", "TK", "HC", "XK", "HT", "TB", "NO", "XB", "CT", "XN", "MS", "CC", "CK",
    "CB", "KC", "HD", "BT", "HN", "DT", "DK", "XD", "TS", "TC", "TQ", "TA", "TY", "HG", "LS", "PV",
    "CN", "OK", "HK", "TE", "CY", "QN", "CA", "HS", "SV", "GB", "GD", "NO", "TN", "NK", "LH", "BA",
    "TL", "QT", "XV",
];

/// Health-insurance card (thẻ BHYT): 15 characters = beneficiary group (2 letters) + benefit
/// level (1–5) + province (2 digits) + the 10-digit BHXH number. Spaces and dashes ignored;
/// letters upper-cased.
///
/// # Example
/// ```
/// let p = tthc::identifiers::parse_health_insurance("hs 4 40 4012345678").unwrap();
/// assert_eq!(p.normalized, "HS4404012345678");
/// assert_eq!(tthc::identifiers::parse_health_insurance("HS9404012345678").unwrap_err().code(), "invalidFormat");
/// ```
pub fn parse_health_insurance(value: &str) -> Result<Parsed, Problem> {
    let s: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
        .collect();
    let s = crate::text::case::to_upper(&s);
    let fmt = Problem::InvalidFormat(
        "2 chữ cái, mức hưởng 1–5, 2 số mã tỉnh và 10 số BHXH, ví dụ HS4404012345678",
        "2 letters, benefit level 1–5, 2-digit province and the 10-digit BHXH number, e.g. HS4404012345678",
    );
    if !s.is_ascii() {
        return Err(fmt);
    }
    if s.len() != 15 {
        return Err(if s.len() < 15 {
            Problem::TooShort(15)
        } else {
            Problem::TooLong(15)
        });
    }
    let b = s.as_bytes();
    let ok = b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && (b'1'..=b'5').contains(&b[2])
        && b[3..].iter().all(u8::is_ascii_digit);
    if !ok {
        return Err(fmt);
    }
    let group = &s[0..2];
    let mut warnings = Vec::new();
    if !BHYT_GROUPS.contains(&group) {
        warnings.push(Problem::UnknownBenefitGroup(group.to_string()));
    }
    Ok(Parsed {
        info: Some(IdInfo::HealthInsurance(HealthInsuranceInfo {
            group: group.to_string(),
            benefit_level: b[2] - b'0',
            province_code: s[3..5].to_string(),
            social_insurance_number: s[5..].to_string(),
        })),
        normalized: s,
        warnings,
    })
}

/// The `info` of a vehicle plate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct PlateInfo {
    /// The 2-digit locality code (37 = Nghệ An).
    pub locality: String,
    /// The series (`"A"`, `"B1"`, `"MĐ1"`).
    pub series: String,
    /// `"car"` (series of letters only) or `"motorbike"` (series ending in a digit).
    #[cfg_attr(feature = "js", tsify(type = "\"car\" | \"motorbike\""))]
    pub vehicle: String,
}

/// Vehicle plate (biển số xe): 2-digit locality, series (1–2 letters incl. Đ, plus a digit for
/// motorbikes), 4–5 digits. Normalised to `37A-123.45` (cars) or `37-B1 123.45` (motorbikes).
///
/// # Example
/// ```
/// use tthc::identifiers::parse_vehicle_plate;
/// assert_eq!(parse_vehicle_plate("37a12345").unwrap().normalized, "37A-123.45");
/// assert_eq!(parse_vehicle_plate("37 b1 123 45").unwrap().normalized, "37-B1 123.45");
/// assert_eq!(parse_vehicle_plate("29-MĐ1 234.56").unwrap().normalized, "29-MĐ1 234.56");
/// ```
pub fn parse_vehicle_plate(value: &str) -> Result<Parsed, Problem> {
    let fmt = Problem::InvalidFormat(
        "ví dụ 37A-123.45 (ô tô) hoặc 37-B1 123.45 (xe máy)",
        "e.g. 37A-123.45 (car) or 37-B1 123.45 (motorbike)",
    );
    let s: String = crate::text::normalize(value)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    let s: Vec<char> = crate::text::case::to_upper(&s).chars().collect();
    if s.len() < 7 || s.len() > 10 {
        return Err(fmt);
    }
    let locality: String = s[0..2].iter().collect();
    if !s[0].is_ascii_digit() || !s[1].is_ascii_digit() {
        return Err(fmt);
    }
    let mut i = 2;
    let mut series = String::new();
    while i < s.len() && (s[i].is_ascii_uppercase() || s[i] == 'Đ') && series.chars().count() < 2 {
        series.push(s[i]);
        i += 1;
    }
    if series.is_empty() {
        return Err(fmt);
    }
    let rest: String = s[i..].iter().collect();
    if !rest.chars().all(|c| c.is_ascii_digit()) {
        return Err(fmt);
    }
    // A motorbike series carries one digit after its letters; the number has 4 or 5 digits.
    let (motorbike, number) = match rest.len() {
        4 => (false, rest.as_str()),
        5 => (false, rest.as_str()),
        6 => {
            series.push_str(&rest[..1]);
            (true, &rest[1..])
        }
        _ => return Err(fmt),
    };
    let number_fmt = if number.len() == 5 {
        format!("{}.{}", &number[..3], &number[3..])
    } else {
        number.to_string()
    };
    let normalized = if motorbike {
        format!("{locality}-{series} {number_fmt}")
    } else {
        format!("{locality}{series}-{number_fmt}")
    };
    Ok(Parsed {
        normalized,
        info: Some(IdInfo::Plate(PlateInfo {
            locality,
            series,
            vehicle: if motorbike { "motorbike" } else { "car" }.to_string(),
        })),
        warnings: Vec::new(),
    })
}

/// Postal code (mã bưu chính): 5 digits since 2018; a 6-digit code gives `obsoletePostalCode`.
///
/// # Example
/// ```
/// assert!(tthc::identifiers::parse_postal_code("43106").is_ok());
/// ```
pub fn parse_postal_code(value: &str) -> Result<Parsed, Problem> {
    let d = digits_only(value, &[]).ok_or(Problem::InvalidFormat("gồm 5 chữ số", "5 digits"))?;
    match d.len() {
        5 => Ok(Parsed::plain(d)),
        6 => Err(Problem::ObsoletePostalCode),
        _ => Err(Problem::WrongLength(&[5])),
    }
}

/// Passport (hộ chiếu): one letter + 7 digits (*unconfirmed*: other 8–9 character
/// letter/digit forms are accepted with the warning `unusualFormat`).
///
/// # Example
/// ```
/// assert!(tthc::identifiers::parse_passport("c1234567").unwrap().warnings.is_empty());
/// assert_eq!(tthc::identifiers::parse_passport("AB1234567").unwrap().warnings[0].code(), "unusualFormat");
/// ```
pub fn parse_passport(value: &str) -> Result<Parsed, Problem> {
    let s: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let s = crate::text::case::to_upper(&s);
    let b = s.as_bytes();
    if b.len() == 8 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit) {
        return Ok(Parsed::plain(s));
    }
    if (8..=9).contains(&b.len())
        && b.iter().all(u8::is_ascii_alphanumeric)
        && b.iter().filter(|c| c.is_ascii_digit()).count() >= 6
    {
        let mut p = Parsed::plain(s);
        p.warnings.push(Problem::UnusualFormat);
        return Ok(p);
    }
    Err(Problem::InvalidFormat(
        "một chữ cái và 7 chữ số, ví dụ C1234567",
        "one letter and 7 digits, e.g. C1234567",
    ))
}

/// Bank account number (số tài khoản): 6–19 digits, no national check digit.
///
/// # Example
/// ```
/// assert_eq!(tthc::identifiers::parse_bank_account("0123 4567 89").unwrap().normalized, "0123456789");
/// ```
pub fn parse_bank_account(value: &str) -> Result<Parsed, Problem> {
    let d = digits_only(value, &['.', '-'])
        .ok_or(Problem::InvalidFormat("chỉ gồm chữ số", "digits only"))?;
    if !(6..=19).contains(&d.len()) {
        return Err(if d.len() < 6 {
            Problem::TooShort(6)
        } else {
            Problem::TooLong(19)
        });
    }
    Ok(Parsed::plain(d))
}

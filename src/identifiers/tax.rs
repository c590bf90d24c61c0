//! Tax codes (mã số thuế): 10 digits, 13 digits (dependent units), 12 digits (individuals).

use serde::{Deserialize, Serialize};

use super::{digits_only, parse_citizen_id, IdInfo, Parsed};
use crate::message::Problem;

/// What a tax code identifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum TaxCodeKind {
    /// 10 digits: an enterprise or organisation.
    Enterprise,
    /// 13 digits `NNNNNNNNNN-NNN`: a dependent unit (branch) of an enterprise.
    Branch,
    /// 12 digits: the personal identification number of an individual, dependant or household
    /// business (since 1 July 2025, Circular 86/2024/TT-BTC).
    Personal,
}

/// The `info` of a checked tax code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct TaxCodeInfo {
    /// Enterprise, branch or personal.
    pub tax_code_kind: TaxCodeKind,
    /// The 10-digit enterprise part (or the 12 digits of a personal code).
    pub base: String,
    /// The 3-digit branch suffix of a 13-digit code.
    pub branch: Option<String>,
}

const WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

/// The check digit (10th digit) of the first 9 digits of a tax code, or `None` when the sum is
/// 0 mod 11 (such prefixes are never issued).
///
/// # Example
/// ```
/// assert_eq!(tthc::identifiers::tax_check_digit(b"010023348"), Some(8));
/// ```
pub fn tax_check_digit(first9: &[u8]) -> Option<u8> {
    if first9.len() != 9 {
        return None;
    }
    let mut sum = 0u32;
    for (d, w) in first9.iter().zip(WEIGHTS) {
        sum += u32::from(d.wrapping_sub(b'0')) * w;
    }
    match sum % 11 {
        0 => None,
        r => Some(((10 - r) % 10) as u8),
    }
}

fn check_ten(d: &str) -> Result<(), Problem> {
    let b = d.as_bytes();
    if b.get(2..9).is_some_and(|s| s.iter().all(|&c| c == b'0')) {
        return Err(Problem::InvalidSerial);
    }
    let want = tax_check_digit(b.get(0..9).unwrap_or(&[]));
    let got = b.get(9).map(|c| c - b'0');
    if want.is_none() || want != got {
        return Err(Problem::Checksum);
    }
    Ok(())
}

/// Parses a tax code: 10 digits (check digit), 13 digits with or without the hyphen, or 12
/// digits that pass [`parse_citizen_id`] (birth year ≤ `this_year`). Spaces, `-` and `.` are
/// ignored; a 13-digit code is normalised to `NNNNNNNNNN-NNN`.
///
/// # Example
/// ```
/// use tthc::identifiers::parse_tax_code;
/// assert_eq!(parse_tax_code("0314409058002", 2026).unwrap().normalized, "0314409058-002");
/// assert_eq!(parse_tax_code("0314409058-000", 2026).unwrap_err().code(), "invalidSerial");
/// ```
pub fn parse_tax_code(value: &str, this_year: i32) -> Result<Parsed, Problem> {
    let d = digits_only(value, &['-', '.']).ok_or(Problem::InvalidFormat(
        "chỉ gồm chữ số (10, 12 hoặc 13 số)",
        "digits only (10, 12 or 13 digits)",
    ))?;
    match d.len() {
        10 => {
            check_ten(&d)?;
            Ok(Parsed {
                info: Some(IdInfo::TaxCode(TaxCodeInfo {
                    tax_code_kind: TaxCodeKind::Enterprise,
                    base: d.clone(),
                    branch: None,
                })),
                normalized: d,
                warnings: Vec::new(),
            })
        }
        13 => {
            let (base, branch) = d.split_at(10);
            check_ten(base)?;
            if branch == "000" {
                return Err(Problem::InvalidSerial);
            }
            Ok(Parsed {
                normalized: format!("{base}-{branch}"),
                info: Some(IdInfo::TaxCode(TaxCodeInfo {
                    tax_code_kind: TaxCodeKind::Branch,
                    base: base.to_string(),
                    branch: Some(branch.to_string()),
                })),
                warnings: Vec::new(),
            })
        }
        12 => {
            let id = parse_citizen_id(&d, this_year, false)?;
            Ok(Parsed {
                info: Some(IdInfo::TaxCode(TaxCodeInfo {
                    tax_code_kind: TaxCodeKind::Personal,
                    base: id.number.clone(),
                    branch: None,
                })),
                normalized: id.number,
                warnings: Vec::new(),
            })
        }
        _ => Err(Problem::WrongLength(&[10, 12, 13])),
    }
}

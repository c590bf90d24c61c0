//! The 12-digit personal identification number (số định danh cá nhân, on the CCCD card).

use serde::{Deserialize, Serialize};

use super::{digits_only, IdInfo, Parsed};
use crate::message::Problem;

/// Sex as encoded in the ID's century digit (even = male, odd = female).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum Sex {
    /// Nam.
    Male,
    /// Nữ.
    Female,
}

/// The `info` of a checked citizen ID (contract shape plus `birthYear`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct CitizenIdInfo {
    /// The 3-digit prefix: `0` + the pre-2025 province code of birth registration (`"040"`).
    pub province_code: String,
    /// The pre-2025 province name without its type word (`"Nghệ An"`); empty for an unknown
    /// (foreign-birth) prefix accepted with a warning.
    pub province_name: String,
    /// Sex encoded by the century digit.
    pub sex: Sex,
    /// The century as an ordinal: 20 for births 1900–1999, 21 for 2000–2099.
    pub century: u8,
    /// Digits 5–6: the last two digits of the birth year.
    pub birth_year_two_digits: u8,
    /// The full birth year (century digit + YY).
    pub birth_year: i32,
}

/// A parsed citizen ID.
#[derive(Clone, Debug, PartialEq)]
pub struct CitizenId {
    /// The 12 digits.
    pub number: String,
    /// Decoded fields.
    pub info: CitizenIdInfo,
    /// Warnings (foreign-birth prefix).
    pub warnings: Vec<Problem>,
}

impl From<CitizenId> for Parsed {
    fn from(c: CitizenId) -> Parsed {
        Parsed {
            normalized: c.number,
            info: Some(IdInfo::CitizenId(c.info)),
            warnings: c.warnings,
        }
    }
}

/// Parses a 12-digit personal identification number: `PPP G YY RRRRRR`.
///
/// Spaces, dots and dashes are ignored. Checks: 12 digits; PPP in the pre-2025 province table
/// (else `unknownProvince`, or with `allow_foreign_prefix` a `foreignBirthPrefix` warning);
/// G in 0–3 (a living person, `invalidCenturyDigit`); birth year ≤ `this_year`
/// (`futureBirthYear`). There is no check digit.
///
/// # Example
/// ```
/// use tthc::identifiers::{parse_citizen_id, Sex};
/// let id = parse_citizen_id("001 3 05 000123", 2026, false).unwrap();
/// assert_eq!(id.info.sex, Sex::Female);
/// assert_eq!(id.info.birth_year, 2005);
/// assert_eq!(parse_citizen_id("003305000123", 2026, false).unwrap_err().code(), "unknownProvince");
/// ```
pub fn parse_citizen_id(
    value: &str,
    this_year: i32,
    allow_foreign_prefix: bool,
) -> Result<CitizenId, Problem> {
    let d = digits_only(value, &['.', '-']).ok_or(Problem::InvalidFormat(
        "chỉ gồm 12 chữ số",
        "12 digits only",
    ))?;
    if d.len() != 12 {
        return Err(Problem::WrongLength(&[12]));
    }
    let b = d.as_bytes();
    let digit = |i: usize| b.get(i).map_or(0, |c| c - b'0');
    let prefix = d.get(0..3).unwrap_or("");
    let g = digit(3);
    let yy = digit(4) * 10 + digit(5);
    let mut warnings = Vec::new();
    let province_name = if digit(0) == 0 {
        crate::units::province_pre_2025(digit(1) * 10 + digit(2))
    } else {
        None
    };
    let province_name = match province_name {
        Some(n) => n
            .strip_prefix("Thành phố ")
            .or_else(|| n.strip_prefix("Tỉnh "))
            .unwrap_or(n)
            .to_string(),
        None if allow_foreign_prefix => {
            warnings.push(Problem::ForeignBirthPrefix(prefix.to_string()));
            String::new()
        }
        None => return Err(Problem::UnknownProvince(prefix.to_string())),
    };
    if g > 3 {
        return Err(Problem::InvalidCenturyDigit(g));
    }
    let birth_year = 1900 + 100 * i32::from(g / 2) + i32::from(yy);
    if birth_year > this_year {
        return Err(Problem::FutureBirthYear(birth_year));
    }
    Ok(CitizenId {
        info: CitizenIdInfo {
            province_code: prefix.to_string(),
            province_name,
            sex: if g % 2 == 0 { Sex::Male } else { Sex::Female },
            century: 20 + g / 2,
            birth_year_two_digits: yy,
            birth_year,
        },
        number: d,
        warnings,
    })
}

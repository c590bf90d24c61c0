//! Phone numbers under the national numbering plan (since the 2018–2019 11 → 10 digit change).

use serde::{Deserialize, Serialize};

use super::{IdInfo, Parsed};
use crate::message::Problem;

/// Mobile or fixed line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum PhoneKind {
    /// Di động: 0 + 9 digits.
    Mobile,
    /// Cố định: 0 + 10 digits (0 + area code + subscriber).
    Fixed,
}

/// The `info` of a checked phone number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct PhoneInfo {
    /// Mobile or fixed line.
    pub phone_kind: PhoneKind,
    /// The carrier that was assigned the mobile prefix — advisory only (number portability since 2021).
    pub carrier: Option<String>,
    /// The area code of a fixed line, with its 0 (`"0238"`).
    pub area_code: Option<String>,
    /// The province (2025 list) of a fixed line's area code, when it is one of the 34.
    pub province: Option<String>,
    /// International form `+84…`.
    pub international: String,
}

/// Is `n` (national number without the 0, 9 digits) a mobile number of the plan?
fn is_mobile(n: &[u8]) -> bool {
    if n.len() != 9 {
        return false;
    }
    let (a, b, c, d) = (n[0], n[1], n[2], n[3]);
    match a {
        b'1' => {
            (b == b'2' && c == b'1' && (b'0'..=b'3').contains(&d))
                || ((b == b'4' || b == b'6') && c == b'0')
        }
        b'3' => true,
        b'7' => b == b'0' || (b'6'..=b'9').contains(&b),
        b'5' => match b {
            b'1' | b'6' | b'8' | b'9' => true,
            b'2' => matches!(c, b'2' | b'3' | b'8'),
            b'5' => c == b'9',
            _ => false,
        },
        b'8' => (b'1'..=b'8').contains(&b) || (b == b'9' && (b'6'..=b'9').contains(&c)),
        b'9' => b != b'9' || c != b'2',
        _ => false,
    }
}

/// Is `n` (national number without the 0, 10 digits) a fixed-line number of the plan?
fn is_fixed(n: &[u8]) -> bool {
    if n.len() != 10 || n[0] != b'2' {
        return false;
    }
    let (b, c) = (n[1], n[2]);
    let r = |lo: u8, hi: u8| (lo..=hi).contains(&c);
    match b {
        b'0' => r(b'3', b'9'),
        b'1' => matches!(
            c,
            b'0' | b'1' | b'2' | b'3' | b'4' | b'5' | b'6' | b'8' | b'9'
        ),
        b'2' => matches!(c, b'0' | b'1' | b'2' | b'5' | b'6' | b'7' | b'8' | b'9'),
        b'3' | b'8' => r(b'2', b'9'),
        b'4' => r(b'2', b'8'),
        b'5' => matches!(c, b'1' | b'2' | b'4' | b'5' | b'6' | b'7' | b'8' | b'9'),
        b'6' => matches!(c, b'0' | b'1' | b'2' | b'3' | b'9'),
        b'7' => r(b'0', b'7'),
        b'9' => matches!(c, b'0' | b'1' | b'2' | b'3' | b'4' | b'6' | b'7' | b'9'),
        _ => false,
    }
}

/// The 10-digit form of an old 11-digit mobile national number (10 digits starting with 1).
fn old_mobile(n: &str) -> Option<String> {
    if n.len() != 10 {
        return None;
    }
    let new = match n.get(0..3)? {
        "120" => "70",
        "121" => "79",
        "122" => "77",
        "126" => "76",
        "128" => "78",
        "123" => "83",
        "124" => "84",
        "125" => "85",
        "127" => "81",
        "129" => "82",
        "162" => "32",
        "163" => "33",
        "164" => "34",
        "165" => "35",
        "166" => "36",
        "167" => "37",
        "168" => "38",
        "169" => "39",
        "186" => "56",
        "188" => "58",
        "199" => "59",
        _ => return None,
    };
    Some(format!("0{new}{}", n.get(3..)?))
}

fn carrier(n: &str) -> Option<(&'static str, bool)> {
    let p = n.get(0..2)?;
    Some(match p {
        "32" | "33" | "34" | "35" | "36" | "37" | "38" | "39" | "86" | "96" | "97" | "98" => {
            ("Viettel", false)
        }
        "81" | "82" | "83" | "84" | "85" | "88" | "91" | "94" => ("VinaPhone", false),
        "70" | "76" | "77" | "78" | "79" | "89" | "90" | "93" => ("MobiFone", false),
        "56" | "58" | "92" => ("Vietnamobile", false),
        "59" | "99" => ("Gmobile", false),
        // Lists disagree (iTel on the VinaPhone network; Reddi; Vietnamobile's 052).
        "87" => ("iTel", true),
        "55" => ("Reddi", true),
        "52" => ("Vietnamobile", true),
        _ => return None,
    })
}

/// Parses a Vietnamese phone number in `0…`, `84…`, `+84…` or `0084…` form, ignoring spaces,
/// dots, dashes and parentheses; normalises to `0` + national number.
///
/// # Example
/// ```
/// use tthc::identifiers::parse_phone;
/// assert_eq!(parse_phone("0084 238.3844.123").unwrap().normalized, "02383844123");
/// assert_eq!(parse_phone("01662345678").unwrap_err().code(), "oldMobileNumber");
/// ```
pub fn parse_phone(value: &str) -> Result<Parsed, Problem> {
    let p = parse_phone_number(value)?;
    let national = p.national();
    let info = match p.kind {
        PhoneKind::Mobile => PhoneInfo {
            phone_kind: PhoneKind::Mobile,
            carrier: carrier(national).map(|c| c.0.to_string()),
            area_code: None,
            province: None,
            international: format!("+84{national}"),
        },
        PhoneKind::Fixed => {
            let area3: u16 = national.get(0..3).and_then(|s| s.parse().ok()).unwrap_or(0);
            let area2: u16 = national.get(0..2).and_then(|s| s.parse().ok()).unwrap_or(0);
            let (area, prov) = if area2 == 24 || area2 == 28 {
                (area2, crate::units::province_by_phone_code(area2))
            } else {
                (area3, crate::units::province_by_phone_code(area3))
            };
            PhoneInfo {
                phone_kind: PhoneKind::Fixed,
                carrier: None,
                area_code: Some(format!("0{area}")),
                province: prov.map(|p| p.name),
                international: format!("+84{national}"),
            }
        }
    };
    Ok(Parsed {
        normalized: p.normalized,
        info: Some(IdInfo::Phone(info)),
        warnings: p.warnings,
    })
}

/// A phone number of the plan, without the advisory details of [`PhoneInfo`] (what a form
/// field needs on every keystroke).
pub(crate) struct PhoneNumber {
    /// `0` + the national number.
    pub normalized: String,
    /// Mobile or fixed line.
    pub kind: PhoneKind,
    /// `carrierUncertain` for a mobile prefix the lists disagree on.
    pub warnings: Vec<Problem>,
}

impl PhoneNumber {
    /// The national number (without its 0).
    fn national(&self) -> &str {
        self.normalized.get(1..).unwrap_or_default()
    }
}

/// [`parse_phone`] without building [`PhoneInfo`].
pub(crate) fn parse_phone_number(value: &str) -> Result<PhoneNumber, Problem> {
    let mut digits = String::with_capacity(16);
    let mut plus = false;
    for c in value.trim().chars() {
        match c {
            '0'..='9' => digits.push(c),
            // Before the first digit, after separators only: `+84 …`, `(+84) …`.
            '+' if digits.is_empty() && !plus => plus = true,
            ' ' | '.' | '-' | '(' | ')' | '\u{a0}' => {}
            _ => {
                return Err(Problem::InvalidFormat(
                    "chỉ gồm chữ số, ví dụ 0912 345 678",
                    "digits only, e.g. 0912 345 678",
                ))
            }
        }
        if digits.len() > 20 {
            return Err(Problem::UnknownPrefix);
        }
    }
    // Where the national number starts in `digits`.
    let at = if plus {
        match digits.strip_prefix("84") {
            Some(rest) if rest.starts_with('0') => 3,
            Some(_) => 2,
            None => return Err(Problem::UnknownPrefix),
        }
    } else if digits.starts_with("0084") {
        4
    } else if digits.starts_with('0') {
        1
    } else if digits.starts_with("84") && digits.len() >= 11 {
        2
    } else {
        return Err(Problem::InvalidFormat(
            "bắt đầu bằng 0 hoặc +84, ví dụ 0912 345 678",
            "starting with 0 or +84, e.g. 0912 345 678",
        ));
    };
    let national = digits.get(at..).unwrap_or_default();
    let b = national.as_bytes();
    let kind = if is_mobile(b) {
        PhoneKind::Mobile
    } else if is_fixed(b) {
        PhoneKind::Fixed
    } else {
        if let Some(new) = old_mobile(national) {
            return Err(Problem::OldMobileNumber(new));
        }
        return Err(match national.len() {
            9 | 10 => Problem::UnknownPrefix,
            _ => Problem::WrongLength(&[10, 11]),
        });
    };
    let mut warnings = Vec::new();
    if kind == PhoneKind::Mobile {
        if let Some((_, true)) = carrier(national) {
            warnings.push(Problem::CarrierUncertain(format!(
                "0{}",
                national.get(..2).unwrap_or_default()
            )));
        }
    }
    // `digits` is already `0` + the national number in the usual case.
    let normalized = if at == 1 {
        digits
    } else {
        format!("0{national}")
    };
    Ok(PhoneNumber {
        normalized,
        kind,
        warnings,
    })
}

//! Vietnamese identifiers: citizen ID (số định danh cá nhân), tax code (mã số thuế), phones and more.
//!
//! Each identifier has a parser that normalises the input (spaces, dots, dashes, `+84` …),
//! checks it and returns a [`Parsed`] (normalised value, details, warnings) or the [`Problem`]
//! that makes it invalid. The form validator uses the parsers for its field types; the
//! `check*` functions wrap them into an [`IdCheck`] with a message, as the JavaScript
//! `checkCitizenId`, `checkTaxCode`, `checkPhone` and `checkIdentifier` return.
//!
//! | kind | rule |
//! |---|---|
//! | `citizenId` | 12 digits `PPP G YY RRRRRR`: pre-2025 province of birth registration, century/sex digit, birth year; no check digit |
//! | `oldIdCard` | CMND: 9 (or 12) digits; warning `obsoleteIdCard` after 31/12/2024 |
//! | `taxCode` | 10 digits with check digit, 13 digits `NNNNNNNNNN-NNN`, or the 12-digit personal number |
//! | `phone` | mobile 0 + 9 digits, fixed line 0 + 10 digits (national numbering plan) |
//! | `socialInsurance` | BHXH 10 digits, or the 12-digit personal number |
//! | `healthInsurance` | BHYT card, 15 characters: group (2 letters), level 1–5, province (2 digits), BHXH number |
//! | `vehiclePlate` | `37A-123.45`, `37-B1 123.45` |
//! | `postalCode` | 5 digits (6-digit codes are obsolete) |
//! | `passport` | one letter + 7 digits (other 8–9 character forms: warning) |
//! | `bankAccount` | 6–19 digits |
//!
//! # Example
//! ```
//! use tthc::identifiers::check_tax_code;
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
//! assert!(check_tax_code("0314409058-002", today).valid);
//! assert_eq!(check_tax_code("0100233480", today).code.as_deref(), Some("checksum"));
//! ```

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::message::{Locale, Problem};

mod citizen;
mod other;
mod phone;
mod tax;

pub use citizen::{parse_citizen_id, CitizenId, CitizenIdInfo, Sex};
pub use other::{
    parse_bank_account, parse_health_insurance, parse_old_id_card, parse_passport,
    parse_postal_code, parse_social_insurance, parse_vehicle_plate, HealthInsuranceInfo, PlateInfo,
};
pub(crate) use phone::parse_phone_number;
pub use phone::{parse_phone, PhoneInfo, PhoneKind};
pub use tax::{parse_tax_code, tax_check_digit, TaxCodeInfo, TaxCodeKind};

/// Details of a checked identifier (the `info` of an `IdCheck`). `kind` says which details
/// they are (`"citizenId"`, `"taxCode"`, `"phone"`, `"healthInsurance"`, `"vehiclePlate"`), so
/// that TypeScript narrows on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum IdInfo {
    /// Of a citizen ID.
    CitizenId(CitizenIdInfo),
    /// Of a tax code.
    TaxCode(TaxCodeInfo),
    /// Of a phone number.
    Phone(PhoneInfo),
    /// Of a health-insurance card.
    HealthInsurance(HealthInsuranceInfo),
    /// Of a vehicle plate.
    #[serde(rename = "vehiclePlate")]
    Plate(PlateInfo),
}

/// A successfully parsed identifier.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The normalised form (digits only, or the official written form).
    pub normalized: String,
    /// Details, when the identifier carries some.
    pub info: Option<IdInfo>,
    /// Warnings (the value is accepted).
    pub warnings: Vec<Problem>,
}

impl Parsed {
    pub(crate) fn plain(normalized: String) -> Parsed {
        Parsed {
            normalized,
            info: None,
            warnings: Vec::new(),
        }
    }
}

/// A warning inside an `IdCheck`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct IdWarning {
    /// Stable code (e.g. `foreignBirthPrefix`, `carrierUncertain`).
    #[cfg_attr(feature = "js", tsify(type = "ProblemCode"))]
    pub code: String,
    /// Full sentence in the chosen language.
    pub message: String,
}

/// The result of an identifier check (`IdCheck` of the JavaScript contract).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct IdCheck {
    /// True if the value is valid.
    pub valid: bool,
    /// The normalised value when valid (e.g. `"0912345678"`, `"0314409058-002"`).
    pub normalized: Option<String>,
    /// The problem code when invalid.
    #[cfg_attr(feature = "js", tsify(type = "ProblemCode | null"))]
    pub code: Option<String>,
    /// The message when invalid (a full sentence).
    pub message: Option<String>,
    /// Details (province, sex, century … of an ID; kind and branch of a tax code; type and
    /// carrier of a phone).
    pub info: Option<IdInfo>,
    /// Warnings about an accepted value (extension of the contract).
    pub warnings: Vec<IdWarning>,
    /// A suggested value (e.g. the 10-digit form of an old 11-digit mobile number).
    pub suggestion: Option<String>,
}

/// Which identifier to check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum IdKind {
    /// Số định danh cá nhân (CCCD), 12 digits.
    CitizenId,
    /// Chứng minh nhân dân (CMND), 9 or 12 digits.
    OldIdCard,
    /// Mã số thuế: 10, 13 or 12 digits.
    TaxCode,
    /// Số điện thoại.
    Phone,
    /// Mã số bảo hiểm xã hội (BHXH): 10 digits, or 12.
    SocialInsurance,
    /// Thẻ bảo hiểm y tế (BHYT): 15 characters.
    HealthInsurance,
    /// Biển số xe.
    VehiclePlate,
    /// Mã bưu chính: 5 digits.
    PostalCode,
    /// Hộ chiếu.
    Passport,
    /// Số tài khoản ngân hàng: 6–19 digits.
    BankAccount,
}

impl IdKind {
    /// The default label of the identifier, used in messages outside a form.
    pub fn label(self, locale: Locale) -> &'static str {
        let (vi, en) = match self {
            IdKind::CitizenId => ("Số định danh cá nhân", "Personal identification number"),
            IdKind::OldIdCard => ("Số chứng minh nhân dân", "ID card (CMND) number"),
            IdKind::TaxCode => ("Mã số thuế", "Tax code"),
            IdKind::Phone => ("Số điện thoại", "Phone number"),
            IdKind::SocialInsurance => ("Mã số bảo hiểm xã hội", "Social insurance number"),
            IdKind::HealthInsurance => ("Mã thẻ bảo hiểm y tế", "Health insurance card number"),
            IdKind::VehiclePlate => ("Biển số xe", "Vehicle plate"),
            IdKind::PostalCode => ("Mã bưu chính", "Postal code"),
            IdKind::Passport => ("Số hộ chiếu", "Passport number"),
            IdKind::BankAccount => ("Số tài khoản", "Bank account number"),
        };
        if locale == Locale::Vi {
            vi
        } else {
            en
        }
    }
}

/// Options of an identifier check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdOptions {
    /// Today's date (birth years must not be after it; CMND obsolete after 2024).
    pub today: NaiveDate,
    /// Language of messages.
    pub locale: Locale,
    /// Accept a citizen-ID prefix outside the province table with a warning (born abroad).
    pub allow_foreign_prefix: bool,
}

impl IdOptions {
    /// Options for `today`, Vietnamese messages, strict prefixes.
    pub fn new(today: NaiveDate) -> IdOptions {
        IdOptions {
            today,
            locale: Locale::Vi,
            allow_foreign_prefix: false,
        }
    }
}

/// Parses any identifier kind.
pub fn parse(kind: IdKind, value: &str, opts: &IdOptions) -> Result<Parsed, Problem> {
    match kind {
        IdKind::CitizenId => {
            parse_citizen_id(value, opts.today.year(), opts.allow_foreign_prefix).map(Into::into)
        }
        IdKind::OldIdCard => parse_old_id_card(value, opts.today),
        IdKind::TaxCode => parse_tax_code(value, opts.today.year()),
        IdKind::Phone => parse_phone(value),
        IdKind::SocialInsurance => parse_social_insurance(value, opts.today.year()),
        IdKind::HealthInsurance => parse_health_insurance(value),
        IdKind::VehiclePlate => parse_vehicle_plate(value),
        IdKind::PostalCode => parse_postal_code(value),
        IdKind::Passport => parse_passport(value),
        IdKind::BankAccount => parse_bank_account(value),
    }
}

/// Checks an identifier and builds the [`IdCheck`] with messages in `opts.locale`.
///
/// # Example
/// ```
/// use tthc::identifiers::{check_identifier, IdKind, IdOptions};
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// let r = check_identifier(IdKind::PostalCode, "460000", &IdOptions::new(today));
/// assert_eq!(r.code.as_deref(), Some("obsoletePostalCode"));
/// ```
pub fn check_identifier(kind: IdKind, value: &str, opts: &IdOptions) -> IdCheck {
    let label = kind.label(opts.locale);
    match parse(kind, value, opts) {
        Ok(p) => IdCheck {
            valid: true,
            normalized: Some(p.normalized),
            code: None,
            message: None,
            info: p.info,
            warnings: p
                .warnings
                .iter()
                .map(|w| IdWarning {
                    code: w.code().to_string(),
                    message: w.message(opts.locale, label),
                })
                .collect(),
            suggestion: p
                .warnings
                .iter()
                .find_map(|w| w.suggestion().map(String::from)),
        },
        Err(problem) => IdCheck {
            valid: false,
            normalized: None,
            code: Some(problem.code().to_string()),
            message: Some(problem.message(opts.locale, label)),
            info: None,
            warnings: Vec::new(),
            suggestion: problem.suggestion().map(String::from),
        },
    }
}

/// A far-future "today" for the checks that don't compare dates (phones).
fn default_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// `checkCitizenId` with a given today (birth year not after today's year).
///
/// # Example
/// ```
/// use tthc::identifiers::{check_citizen_id, IdInfo};
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// let r = check_citizen_id("040 0 90 012345", today);
/// assert!(r.valid);
/// let Some(IdInfo::CitizenId(info)) = r.info else { panic!() };
/// assert_eq!(info.province_name, "Nghệ An");
/// assert_eq!(info.birth_year, 1990);
/// ```
pub fn check_citizen_id(value: &str, today: NaiveDate) -> IdCheck {
    check_identifier(IdKind::CitizenId, value, &IdOptions::new(today))
}

/// `checkTaxCode`: valid 10- and 13-digit enterprise codes and 12-digit personal numbers
/// (that pass [`check_citizen_id`] for `today`).
///
/// # Example
/// ```
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// assert!(tthc::identifiers::check_tax_code("0100233488", today).valid);
/// assert!(tthc::identifiers::check_tax_code("040090012345", today).valid);
/// ```
pub fn check_tax_code(value: &str, today: NaiveDate) -> IdCheck {
    check_identifier(IdKind::TaxCode, value, &IdOptions::new(today))
}

/// `checkPhone`: Vietnamese mobile and fixed-line numbers; `normalized` is `0` + national number.
///
/// # Example
/// ```
/// let r = tthc::identifiers::check_phone("+84 912 345 678");
/// assert_eq!(r.normalized.as_deref(), Some("0912345678"));
/// ```
pub fn check_phone(value: &str) -> IdCheck {
    check_identifier(IdKind::Phone, value, &IdOptions::new(default_today()))
}

/// Removes spaces and the given separators; `None` if anything other than ASCII digits remains.
pub(crate) fn digits_only(value: &str, separators: &[char]) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_ascii_digit() {
            out.push(c);
        } else if c.is_whitespace() || separators.contains(&c) {
            continue;
        } else {
            return None;
        }
    }
    Some(out)
}

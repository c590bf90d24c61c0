//! Form validation (kiểm tra biểu mẫu): schemas, compiled validators, messages.
//!
//! A portal stores a JSON [schema](self#the-schema) per procedure; [`FormValidator::new`]
//! compiles it once (field table, regexes, option keys) and [`FormValidator::validate`] /
//! [`FormValidator::validate_field`] check values on every keystroke. Values are normalised
//! first (NFC, trimmed, spaces collapsed; IDs to digits, phones to `0…`, dates to ISO) and the
//! normalised values are returned. Problems carry stable codes ([`ALL_CODES`]) and full
//! sentences in Vietnamese (default) or English with the field's label; warnings (an unknown
//! foreign-birth ID prefix, text in an old font encoding …) are separate from errors.
//!
//! # The schema
//!
//! ```json
//! { "id": "ly-lich-tu-phap", "title": "…",
//!   "fields": [ { "name": "fullName", "type": "name", "label": "Họ và tên", "labelEn": "Full name",
//!                 "required": true, "maxLength": 100 }, … ],
//!   "rules":  [ { "rule": "citizenIdMatches", "id": "citizenId", "birthDate": "birthDate", "sex": "sex" }, … ] }
//! ```
//!
//! Field types: text, name, number, date, email, phone, citizenId, oldIdCard, taxCode,
//! socialInsurance, healthInsurance, vehiclePlate, postalCode, passport, bankAccount, province,
//! commune, select, checkbox, attachment. Rules: citizenIdMatches, dateAfter, age,
//! oneOfRequired; `requiredIf` on a field. The full reference with an example per type is
//! docs/forms.md (problem codes).

mod files;
mod pattern;
mod schema;
mod validator;
mod value;

/// The problems, their codes and messages (the module [`crate::message`], under its former path).
pub use crate::message as messages;
pub use crate::message::{Expected, Locale, Problem, ALL_CODES};
pub use files::{detect_file_type, FileType};
pub use schema::{
    DatePrecision, FIELD_TYPES, MAX_FIELDS, MAX_NESTING, MAX_OPTIONS_PER_FIELD, MAX_OPTIONS_TOTAL,
    MAX_PATTERN_CHARS, MAX_PATTERN_PROGRAM, MAX_PATTERN_PROGRAMS_TOTAL,
};
pub use validator::{
    validate_form, Checked, FieldIssue, FormResult, FormValidator, Severity, ValidateOptions,
    MAX_VALUE_CHARS,
};
pub use value::{FormValues, Value};

//! Reading the schema's JSON: the errors that name the path at fault, the keys each field type
//! allows (with a suggestion for a misspelt one), typed getters, dates, field references and names.

use chrono::NaiveDate;
use serde_json::{Map, Value as Json};

use super::{DateBound, FieldIndex};
use crate::identifiers::IdKind;
use crate::{Error, ErrorKind, Result};

pub(super) fn limit_error(path: &str, vi: impl Into<String>, en: impl Into<String>) -> Error {
    let (vi, en) = (vi.into(), en.into());
    Error::new(
        ErrorKind::Limit,
        format!("Biểu mẫu vượt giới hạn tại “{path}”: {vi}."),
        format!("The form schema exceeds a limit at “{path}”: {en}."),
    )
    .with_field(path)
}

/// True when `v` has arrays and objects nested more than `max` levels deep (counted with a
/// stack of its own, not by recursion).
pub(super) fn nesting_exceeds(v: &Json, max: usize) -> bool {
    let mut stack: Vec<(&Json, usize)> = vec![(v, 1)];
    while let Some((v, level)) = stack.pop() {
        match v {
            Json::Array(_) | Json::Object(_) if level > max => return true,
            Json::Array(a) => stack.extend(a.iter().map(|c| (c, level + 1))),
            Json::Object(o) => stack.extend(o.values().map(|c| (c, level + 1))),
            _ => {}
        }
    }
    false
}

pub(super) fn schema_error(path: &str, vi: impl Into<String>, en: impl Into<String>) -> Error {
    let (vi, en) = (vi.into(), en.into());
    Error::new(
        ErrorKind::Schema,
        format!("Biểu mẫu không hợp lệ tại “{path}”: {vi}."),
        format!("Invalid form schema at “{path}”: {en}."),
    )
    .with_field(path)
}

/// Keys a field of any type may carry.
pub(super) const COMMON_KEYS: &[&str] = &[
    "name",
    "type",
    "label",
    "labelEn",
    "required",
    "requiredIf",
    "help",
    "helpEn",
    "placeholder",
    "description",
    "group",
];

pub(super) fn type_keys(t: &str) -> Option<&'static [&'static str]> {
    Some(match t {
        "text" => &[
            "minLength",
            "maxLength",
            "pattern",
            "patternMessage",
            "patternMessageEn",
            "multiline",
        ],
        "name" => &["minLength", "maxLength", "upperCase"],
        "number" => &["min", "max", "integer"],
        "date" => &["precision", "min", "max", "notFuture"],
        "email" => &["maxLength"],
        "phone" => &["accept", "carrierWarnings"],
        "citizenId" => &["allowForeignPrefix"],
        "oldIdCard" | "taxCode" | "socialInsurance" | "healthInsurance" | "vehiclePlate"
        | "postalCode" | "passport" | "bankAccount" => &[],
        "province" => &[],
        "commune" => &["provinceField"],
        "select" => &["options", "multiple"],
        "checkbox" => &[],
        "attachment" => &["accept", "maxSize", "maxFiles"],
        _ => return None,
    })
}

/// Every field type, for messages and docs.
pub const FIELD_TYPES: &[&str] = &[
    "text",
    "name",
    "number",
    "date",
    "email",
    "phone",
    "citizenId",
    "oldIdCard",
    "taxCode",
    "socialInsurance",
    "healthInsurance",
    "vehiclePlate",
    "postalCode",
    "passport",
    "bankAccount",
    "province",
    "commune",
    "select",
    "checkbox",
    "attachment",
];

pub(super) fn check_keys(obj: &Map<String, Json>, allowed: &[&[&str]], path: &str) -> Result<()> {
    for k in obj.keys() {
        if k.starts_with("x-") || allowed.iter().any(|set| set.contains(&k.as_str())) {
            continue;
        }
        let all: Vec<&str> = allowed.iter().flat_map(|s| s.iter().copied()).collect();
        let near = all
            .iter()
            .find(|c| close(c, k))
            .map(|c| format!(" (có phải “{c}”?)"))
            .unwrap_or_default();
        let near_en = near.replace("có phải", "did you mean");
        return Err(schema_error(
            &format!("{path}.{k}"),
            format!(
                "khóa “{k}” không được hỗ trợ{near}; các khóa được phép: {}",
                all.join(", ")
            ),
            format!(
                "unknown key “{k}”{near_en}; allowed keys: {}",
                all.join(", ")
            ),
        ));
    }
    Ok(())
}

/// Two keys that differ by case or by at most two edits (typos like "maxLenght").
pub(super) fn close(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 2 || a.len() > 40 || b.len() > 40 {
        return false;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(usize::MAX) <= 2
}

pub(super) fn get_str<'a>(
    obj: &'a Map<String, Json>,
    key: &str,
    path: &str,
) -> Result<Option<&'a str>> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s)),
        Some(_) => Err(schema_error(
            &format!("{path}.{key}"),
            "phải là một chuỗi ký tự",
            "must be a string",
        )),
    }
}

pub(super) fn get_bool(obj: &Map<String, Json>, key: &str, path: &str) -> Result<bool> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(false),
        Some(Json::Bool(b)) => Ok(*b),
        Some(_) => Err(schema_error(
            &format!("{path}.{key}"),
            "phải là true hoặc false",
            "must be true or false",
        )),
    }
}

pub(super) fn get_num(obj: &Map<String, Json>, key: &str, path: &str) -> Result<Option<f64>> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Number(n)) => Ok(n.as_f64()),
        Some(_) => Err(schema_error(
            &format!("{path}.{key}"),
            "phải là một số",
            "must be a number",
        )),
    }
}

pub(super) fn get_count(obj: &Map<String, Json>, key: &str, path: &str) -> Result<Option<u32>> {
    match get_num(obj, key, path)? {
        None => Ok(None),
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) => Ok(Some(x as u32)),
        Some(_) => Err(schema_error(
            &format!("{path}.{key}"),
            "phải là một số nguyên không âm",
            "must be a non-negative whole number",
        )),
    }
}

/// `YYYY-MM-DD` (month and day also with one digit, as chrono's `%Y-%m-%d` reads them) without
/// chrono's format-string parser.
pub(super) fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('-');
    let mut num = |min: usize, max: usize| -> Option<u32> {
        // chrono skips white space before a number.
        let p = parts.next()?.trim_start();
        if p.len() < min || p.len() > max || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (y, m, d) = (num(4, 4)?, num(1, 2)?, num(1, 2)?);
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

pub(super) fn date_bound(
    obj: &Map<String, Json>,
    key: &str,
    path: &str,
) -> Result<Option<DateBound>> {
    match get_str(obj, key, path)? {
        None => Ok(None),
        Some("today") => Ok(Some(DateBound::Today)),
        Some(s) => parse_ymd(s)
            .map(|d| Some(DateBound::Fixed(d)))
            .ok_or_else(|| {
                schema_error(
                    &format!("{path}.{key}"),
                    format!("“{s}” không phải là ngày dạng YYYY-MM-DD hoặc \"today\""),
                    format!("“{s}” is not a YYYY-MM-DD date or \"today\""),
                )
            }),
    }
}

pub(super) fn field_ref(
    index: &FieldIndex,
    obj: &Map<String, Json>,
    key: &str,
    path: &str,
) -> Result<Option<usize>> {
    match get_str(obj, key, path)? {
        None => Ok(None),
        Some(name) => index.get(name).copied().map(Some).ok_or_else(|| {
            schema_error(
                &format!("{path}.{key}"),
                format!("không có trường nào tên “{name}”"),
                format!("there is no field named “{name}”"),
            )
        }),
    }
}

pub(super) fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && n.len() <= 100
}

pub(super) fn id_kind(t: &str) -> Option<IdKind> {
    Some(match t {
        "citizenId" => IdKind::CitizenId,
        "oldIdCard" => IdKind::OldIdCard,
        "taxCode" => IdKind::TaxCode,
        "socialInsurance" => IdKind::SocialInsurance,
        "healthInsurance" => IdKind::HealthInsurance,
        "vehiclePlate" => IdKind::VehiclePlate,
        "postalCode" => IdKind::PostalCode,
        "passport" => IdKind::Passport,
        "bankAccount" => IdKind::BankAccount,
        _ => return None,
    })
}

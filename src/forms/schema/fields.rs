//! Compiling one field of a schema: its type, constraints, options and condition.

use serde_json::{Map, Value as Json};

use super::json_reading::{
    check_keys, date_bound, field_ref, get_bool, get_count, get_num, get_str, id_kind, limit_error,
    schema_error, type_keys, COMMON_KEYS, FIELD_TYPES,
};
use super::patterns::compile_pattern;
use super::{
    Budget, Condition, DateBound, DatePrecision, Field, FieldIndex, Kind, PhoneAccept,
    SelectOption, SelectOptions, MAX_OPTIONS_PER_FIELD, MAX_OPTIONS_TOTAL,
};
use crate::forms::files::FileType;
use crate::Result;

pub(super) fn compile_field(
    obj: &Map<String, Json>,
    i: usize,
    index: &FieldIndex,
    budget: &mut Budget,
) -> Result<Field> {
    let path = format!("fields[{i}]");
    let name = get_str(obj, "name", &path)?.unwrap_or_default().to_string();
    let path = format!("fields[{i}] ({name})");
    let t = get_str(obj, "type", &path)?.ok_or_else(|| {
        schema_error(
            &format!("{path}.type"),
            format!("thiếu kiểu trường; các kiểu: {}", FIELD_TYPES.join(", ")),
            format!(
                "the field type is missing; types: {}",
                FIELD_TYPES.join(", ")
            ),
        )
    })?;
    let extra = type_keys(t).ok_or_else(|| {
        schema_error(
            &format!("{path}.type"),
            format!(
                "kiểu “{t}” không được hỗ trợ; các kiểu: {}",
                FIELD_TYPES.join(", ")
            ),
            format!("unknown type “{t}”; types: {}", FIELD_TYPES.join(", ")),
        )
    })?;
    check_keys(obj, &[COMMON_KEYS, extra], &path)?;
    let label = get_str(obj, "label", &path)?
        .map(crate::text::normalize)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            schema_error(
                &format!("{path}.label"),
                "thiếu nhãn (label) của trường",
                "the field label is missing",
            )
        })?;
    let label_en = get_str(obj, "labelEn", &path)?
        .map(crate::text::normalize)
        .unwrap_or_else(|| label.clone());
    let required = get_bool(obj, "required", &path)?;
    let required_if = match obj.get("requiredIf") {
        None | Some(Json::Null) => None,
        Some(Json::Object(c)) => {
            let p = format!("{path}.requiredIf");
            check_keys(c, &[&["field", "equals", "in", "filled"]], &p)?;
            let other = field_ref(index, c, "field", &p)?.ok_or_else(|| {
                schema_error(
                    &format!("{p}.field"),
                    "thiếu tên trường điều kiện",
                    "the condition field is missing",
                )
            })?;
            match (c.get("equals"), c.get("in")) {
                (Some(v), None) => Some(Condition::Equals(other, vec![v.clone()])),
                (None, Some(Json::Array(a))) => Some(Condition::Equals(other, a.clone())),
                (None, Some(_)) => {
                    return Err(schema_error(
                        &format!("{p}.in"),
                        "phải là một mảng",
                        "must be an array",
                    ))
                }
                (Some(_), Some(_)) => {
                    return Err(schema_error(
                        &p,
                        "chỉ dùng một trong “equals” và “in”",
                        "use only one of “equals” and “in”",
                    ))
                }
                (None, None) => Some(Condition::Filled(other)),
            }
        }
        Some(_) => {
            return Err(schema_error(
                &format!("{path}.requiredIf"),
                "phải là một đối tượng",
                "must be an object",
            ))
        }
    };
    let bad_range = |k: &str| {
        schema_error(
            &format!("{path}.{k}"),
            "giá trị nhỏ nhất lớn hơn giá trị lớn nhất",
            "the minimum is greater than the maximum",
        )
    };
    let kind = match t {
        "text" => {
            let min = get_count(obj, "minLength", &path)?;
            let max = get_count(obj, "maxLength", &path)?;
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    return Err(bad_range("minLength"));
                }
            }
            let pattern = match get_str(obj, "pattern", &path)? {
                None => None,
                Some(p) => Some(compile_pattern(p, &format!("{path}.pattern"), budget)?),
            };
            let pm = get_str(obj, "patternMessage", &path)?;
            let pme = get_str(obj, "patternMessageEn", &path)?;
            let _ = get_bool(obj, "multiline", &path)?;
            Kind::Text {
                min,
                max,
                pattern,
                pattern_message: pm.map(|v| (v.to_string(), pme.unwrap_or(v).to_string())),
            }
        }
        "name" => {
            let min = get_count(obj, "minLength", &path)?;
            let max = get_count(obj, "maxLength", &path)?.unwrap_or(100);
            if min.is_some_and(|m| m > max) {
                return Err(bad_range("minLength"));
            }
            Kind::Name {
                min,
                max,
                upper: get_bool(obj, "upperCase", &path)?,
            }
        }
        "number" => {
            let min = get_num(obj, "min", &path)?;
            let max = get_num(obj, "max", &path)?;
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    return Err(bad_range("min"));
                }
            }
            Kind::Number {
                min,
                max,
                integer: get_bool(obj, "integer", &path)?,
            }
        }
        "date" => {
            let precision = match get_str(obj, "precision", &path)? {
                None | Some("day") => DatePrecision::Day,
                Some("month") => DatePrecision::Month,
                Some("year") => DatePrecision::Year,
                Some("any") => DatePrecision::Any,
                Some(p) => {
                    return Err(schema_error(
                        &format!("{path}.precision"),
                        format!("“{p}” không hợp lệ; dùng day, month, year hoặc any"),
                        format!("“{p}” is not valid; use day, month, year or any"),
                    ))
                }
            };
            let min = date_bound(obj, "min", &path)?;
            let mut max = date_bound(obj, "max", &path)?;
            if get_bool(obj, "notFuture", &path)? && max.is_none() {
                max = Some(DateBound::Today);
            }
            if let (Some(DateBound::Fixed(a)), Some(DateBound::Fixed(b))) = (min, max) {
                if a > b {
                    return Err(bad_range("min"));
                }
            }
            Kind::Date {
                precision,
                min,
                max,
            }
        }
        "email" => Kind::Email {
            max: get_count(obj, "maxLength", &path)?.unwrap_or(254),
        },
        "phone" => Kind::Phone {
            accept: match get_str(obj, "accept", &path)? {
                None | Some("any") => PhoneAccept::Any,
                Some("mobile") => PhoneAccept::Mobile,
                Some("fixed") => PhoneAccept::Fixed,
                Some(p) => {
                    return Err(schema_error(
                        &format!("{path}.accept"),
                        format!("“{p}” không hợp lệ; dùng any, mobile hoặc fixed"),
                        format!("“{p}” is not valid; use any, mobile or fixed"),
                    ))
                }
            },
            carrier_warnings: get_bool(obj, "carrierWarnings", &path)?,
        },
        "province" => Kind::Province,
        "commune" => Kind::Commune {
            province_field: field_ref(index, obj, "provinceField", &path)?,
        },
        "select" => {
            let opts = match obj.get("options") {
                Some(Json::Array(a)) if !a.is_empty() => a,
                _ => {
                    return Err(schema_error(
                        &format!("{path}.options"),
                        "phải là một mảng không rỗng các lựa chọn",
                        "must be a non-empty array of options",
                    ))
                }
            };
            if opts.len() > MAX_OPTIONS_PER_FIELD {
                return Err(limit_error(
                    &format!("{path}.options"),
                    format!("có {} lựa chọn, tối đa {MAX_OPTIONS_PER_FIELD}", opts.len()),
                    format!("{} options, at most {MAX_OPTIONS_PER_FIELD}", opts.len()),
                ));
            }
            budget.options = budget.options.checked_sub(opts.len()).ok_or_else(|| {
                limit_error(
                    &format!("{path}.options"),
                    format!("các trường chọn của biểu mẫu có quá {MAX_OPTIONS_TOTAL} lựa chọn"),
                    format!("the select fields of the schema have more than {MAX_OPTIONS_TOTAL} options"),
                )
            })?;
            let mut options = Vec::with_capacity(opts.len());
            for (j, o) in opts.iter().enumerate() {
                let p = format!("{path}.options[{j}]");
                let (value, label, label_en) = match o {
                    Json::String(s) => (s.clone(), s.clone(), s.clone()),
                    Json::Number(n) => (n.to_string(), n.to_string(), n.to_string()),
                    Json::Object(m) => {
                        check_keys(m, &[&["value", "label", "labelEn"]], &p)?;
                        let v = match m.get("value") {
                            Some(Json::String(s)) => s.clone(),
                            Some(Json::Number(n)) => n.to_string(),
                            _ => {
                                return Err(schema_error(
                                    &format!("{p}.value"),
                                    "phải là chuỗi hoặc số",
                                    "must be a string or a number",
                                ))
                            }
                        };
                        let l = get_str(m, "label", &p)?.unwrap_or(&v).to_string();
                        let le = get_str(m, "labelEn", &p)?.unwrap_or(&l).to_string();
                        (v, l, le)
                    }
                    _ => {
                        return Err(schema_error(
                            &p,
                            "phải là chuỗi, số hoặc đối tượng {value, label}",
                            "must be a string, a number or a {value, label} object",
                        ))
                    }
                };
                let texts = [value.clone(), label, label_en];
                options.push((SelectOption { value }, texts));
            }
            Kind::Select {
                options: SelectOptions::new(options),
                multiple: get_bool(obj, "multiple", &path)?,
            }
        }
        "checkbox" => Kind::Checkbox,
        "attachment" => {
            let accept = match obj.get("accept") {
                None | Some(Json::Null) => Vec::new(),
                Some(Json::Array(a)) => {
                    let mut v = Vec::new();
                    for (j, x) in a.iter().enumerate() {
                        let p = format!("{path}.accept[{j}]");
                        let s = x.as_str().ok_or_else(|| {
                            schema_error(&p, "phải là một chuỗi", "must be a string")
                        })?;
                        if s.eq_ignore_ascii_case("image") {
                            v.extend(FileType::IMAGES);
                            continue;
                        }
                        let ft = FileType::from_name(s).ok_or_else(|| {
                            schema_error(
                                &p,
                                format!(
                                    "loại tệp “{s}” không được hỗ trợ; các loại: {}",
                                    FileType::ALL_NAMES.join(", ")
                                ),
                                format!(
                                    "unknown file type “{s}”; types: {}",
                                    FileType::ALL_NAMES.join(", ")
                                ),
                            )
                        })?;
                        v.push(ft);
                    }
                    v
                }
                Some(_) => {
                    return Err(schema_error(
                        &format!("{path}.accept"),
                        "phải là một mảng",
                        "must be an array",
                    ))
                }
            };
            let max_size = match get_num(obj, "maxSize", &path)? {
                None => None,
                Some(x) if x > 0.0 && x.fract() == 0.0 => Some(x as u64),
                Some(_) => {
                    return Err(schema_error(
                        &format!("{path}.maxSize"),
                        "phải là số byte nguyên dương",
                        "must be a positive whole number of bytes",
                    ))
                }
            };
            let max_files = get_count(obj, "maxFiles", &path)?.unwrap_or(1).max(1);
            Kind::Attachment {
                accept,
                max_size,
                max_files,
            }
        }
        other => match id_kind(other) {
            Some(kind) => Kind::Id {
                kind,
                allow_foreign_prefix: get_bool(obj, "allowForeignPrefix", &path)?,
            },
            None => {
                return Err(schema_error(
                    &format!("{path}.type"),
                    "kiểu không hợp lệ",
                    "invalid type",
                ))
            }
        },
    };
    Ok(Field {
        name,
        label,
        label_en,
        required,
        required_if,
        kind,
    })
}

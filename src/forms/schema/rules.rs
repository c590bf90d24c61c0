//! Compiling the schema's cross-field rules (citizenIdMatches, dateAfter, age, oneOfRequired).

use serde_json::Value as Json;

use super::json_reading::{check_keys, field_ref, get_bool, get_count, get_str, schema_error};
use super::{Field, FieldIndex, Kind, Rule, SexValues};
use crate::identifiers::IdKind;
use crate::Result;

pub(super) fn compile_rule(
    r: &Json,
    path: &str,
    index: &FieldIndex,
    fields: &[Field],
) -> Result<Rule> {
    let obj = r.as_object().ok_or_else(|| {
        schema_error(
            path,
            "mỗi quy tắc phải là một đối tượng",
            "each rule must be an object",
        )
    })?;
    let kind = get_str(obj, "rule", path)?.ok_or_else(|| {
        schema_error(
            &format!("{path}.rule"),
            "thiếu loại quy tắc (citizenIdMatches, dateAfter, age, oneOfRequired)",
            "the rule kind is missing (citizenIdMatches, dateAfter, age, oneOfRequired)",
        )
    })?;
    let need = |key: &str| -> Result<usize> {
        field_ref(index, obj, key, path)?.ok_or_else(|| {
            schema_error(
                &format!("{path}.{key}"),
                "thiếu tên trường",
                "the field name is missing",
            )
        })
    };
    let is_date = |i: usize, key: &str| -> Result<()> {
        match fields.get(i).map(|f| &f.kind) {
            Some(Kind::Date { .. }) => Ok(()),
            _ => Err(schema_error(
                &format!("{path}.{key}"),
                "phải là một trường kiểu date",
                "must be a field of type date",
            )),
        }
    };
    match kind {
        "citizenIdMatches" => {
            check_keys(obj, &[&["rule", "id", "birthDate", "sex", "sexValues"]], path)?;
            let id = need("id")?;
            match fields.get(id).map(|f| &f.kind) {
                Some(Kind::Id {
                    kind: IdKind::CitizenId | IdKind::TaxCode | IdKind::SocialInsurance,
                    ..
                }) => {}
                _ => {
                    return Err(schema_error(
                        &format!("{path}.id"),
                        "phải là một trường kiểu citizenId",
                        "must be a field of type citizenId",
                    ))
                }
            }
            let birth_date = field_ref(index, obj, "birthDate", path)?;
            if let Some(b) = birth_date {
                is_date(b, "birthDate")?;
            }
            let sex = field_ref(index, obj, "sex", path)?;
            let mut sex_values = SexValues {
                male: ["male", "nam", "m"].map(String::from).to_vec(),
                female: ["female", "nu", "f"].map(String::from).to_vec(),
            };
            if let Some(sv) = obj.get("sexValues") {
                let p = format!("{path}.sexValues");
                let m = sv
                    .as_object()
                    .ok_or_else(|| schema_error(&p, "phải là đối tượng {male, female}", "must be an object {male, female}"))?;
                check_keys(m, &[&["male", "female"]], &p)?;
                if let Some(v) = get_str(m, "male", &p)? {
                    sex_values.male = vec![crate::text::fold(v)];
                }
                if let Some(v) = get_str(m, "female", &p)? {
                    sex_values.female = vec![crate::text::fold(v)];
                }
            }
            if birth_date.is_none() && sex.is_none() {
                return Err(schema_error(
                    path,
                    "cần ít nhất một trong “birthDate” và “sex”",
                    "needs at least one of “birthDate” and “sex”",
                ));
            }
            Ok(Rule::CitizenIdMatches {
                id,
                birth_date,
                sex,
                sex_values,
            })
        }
        "dateAfter" => {
            check_keys(obj, &[&["rule", "field", "after", "orEqual"]], path)?;
            let field = need("field")?;
            let after = need("after")?;
            is_date(field, "field")?;
            is_date(after, "after")?;
            Ok(Rule::DateAfter {
                field,
                after,
                or_equal: get_bool(obj, "orEqual", path)?,
            })
        }
        "age" => {
            check_keys(obj, &[&["rule", "field", "min", "max", "at"]], path)?;
            let field = need("field")?;
            is_date(field, "field")?;
            let at = field_ref(index, obj, "at", path)?;
            if let Some(a) = at {
                is_date(a, "at")?;
            }
            let min = get_count(obj, "min", path)?;
            let max = get_count(obj, "max", path)?;
            if min.is_none() && max.is_none() {
                return Err(schema_error(path, "cần “min” hoặc “max”", "needs “min” or “max”"));
            }
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    return Err(schema_error(&format!("{path}.min"), "tuổi nhỏ nhất lớn hơn tuổi lớn nhất", "the minimum age is greater than the maximum"));
                }
            }
            Ok(Rule::Age {
                field,
                min,
                max,
                at,
            })
        }
        "oneOfRequired" => {
            check_keys(obj, &[&["rule", "fields"]], path)?;
            let list = match obj.get("fields") {
                Some(Json::Array(a)) if a.len() >= 2 => a,
                _ => {
                    return Err(schema_error(
                        &format!("{path}.fields"),
                        "phải là một mảng từ 2 tên trường trở lên",
                        "must be an array of at least 2 field names",
                    ))
                }
            };
            let mut v = Vec::new();
            for (j, x) in list.iter().enumerate() {
                let name = x.as_str().unwrap_or("");
                v.push(*index.get(name).ok_or_else(|| {
                    schema_error(
                        &format!("{path}.fields[{j}]"),
                        format!("không có trường nào tên “{name}”"),
                        format!("there is no field named “{name}”"),
                    )
                })?);
            }
            Ok(Rule::OneOfRequired { fields: v })
        }
        other => Err(schema_error(
            &format!("{path}.rule"),
            format!("quy tắc “{other}” không được hỗ trợ (citizenIdMatches, dateAfter, age, oneOfRequired)"),
            format!("unknown rule “{other}” (citizenIdMatches, dateAfter, age, oneOfRequired)"),
        )),
    }
}

//! The JSON form schema (biểu mẫu) and its compilation: every key is checked, unknown keys and
//! malformed values are rejected with the path of the problem (`fields[3].maxLength`).

use std::collections::HashMap;

use chrono::NaiveDate;
use regex_lite::Regex;
use serde_json::Value as Json;

use super::files::FileType;
use crate::identifiers::IdKind;
use crate::Result;

mod fields;
mod json_reading;
mod patterns;
mod rules;
#[cfg(test)]
mod tests;

use fields::compile_field;
pub use json_reading::FIELD_TYPES;
use json_reading::{check_keys, get_str, limit_error, nesting_exceeds, schema_error, valid_name};
use rules::compile_rule;

/// Precision of a date field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePrecision {
    /// A full date (dd/mm/yyyy).
    Day,
    /// Month and year (mm/yyyy).
    Month,
    /// Year only (yyyy).
    Year,
    /// Any of the three (civil records with only a year or month of birth).
    Any,
}

/// A date bound: fixed, or relative to today.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateBound {
    Fixed(NaiveDate),
    Today,
}

/// Which phone numbers a phone field accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PhoneAccept {
    Any,
    Mobile,
    Fixed,
}

#[derive(Clone, Debug)]
pub(crate) struct SelectOption {
    pub value: String,
}

/// A select's options with the tables that make a lookup O(1) whatever their number.
#[derive(Clone, Debug, Default)]
pub(crate) struct SelectOptions {
    list: Vec<SelectOption>,
    /// Exact value → first option with it; only for lists longer than [`LINEAR_OPTIONS`]
    /// (comparing a few strings is cheaper than hashing one).
    by_value: Option<HashMap<String, u32>>,
    /// [`crate::text::fold`] of each option's value, label and English label → the first
    /// option with that key (what a scan of the options in order would find first).
    by_key: HashMap<String, u32>,
}

/// Up to this many options, an exact value is found by comparing it with each.
const LINEAR_OPTIONS: usize = 16;

impl SelectOptions {
    fn new(list: Vec<(SelectOption, [String; 3])>) -> SelectOptions {
        let mut by_key: HashMap<String, u32> = HashMap::with_capacity(list.len());
        let mut by_value = (list.len() > LINEAR_OPTIONS)
            .then(|| HashMap::<String, u32>::with_capacity(list.len()));
        let mut options = Vec::with_capacity(list.len());
        for (i, (o, texts)) in list.into_iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            if let Some(m) = by_value.as_mut() {
                m.entry(o.value.clone()).or_insert(i);
            }
            for t in texts {
                let k = crate::text::fold(&t);
                if !k.is_empty() {
                    by_key.entry(k).or_insert(i);
                }
            }
            options.push(o);
        }
        SelectOptions {
            list: options,
            by_value,
            by_key,
        }
    }

    /// The option whose value is exactly `s`.
    pub(crate) fn exact(&self, s: &str) -> Option<&SelectOption> {
        match &self.by_value {
            Some(m) => m
                .get(s)
                .and_then(|&i| self.list.get(usize::try_from(i).ok()?)),
            None => self.list.iter().find(|o| o.value == s),
        }
    }

    /// The first option whose value, label or English label folds to `key` (see
    /// [`crate::text::fold`]).
    pub(crate) fn folded(&self, key: &str) -> Option<&SelectOption> {
        let &i = self.by_key.get(key)?;
        self.list.get(usize::try_from(i).ok()?)
    }
}

#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Text {
        min: Option<u32>,
        max: Option<u32>,
        pattern: Option<Regex>,
        pattern_message: Option<(String, String)>,
    },
    Name {
        min: Option<u32>,
        max: u32,
        upper: bool,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        integer: bool,
    },
    Date {
        precision: DatePrecision,
        min: Option<DateBound>,
        max: Option<DateBound>,
    },
    Email {
        max: u32,
    },
    Phone {
        accept: PhoneAccept,
        carrier_warnings: bool,
    },
    Id {
        kind: IdKind,
        allow_foreign_prefix: bool,
    },
    Province,
    Commune {
        province_field: Option<usize>,
    },
    Select {
        options: SelectOptions,
        multiple: bool,
    },
    Checkbox,
    Attachment {
        accept: Vec<FileType>,
        max_size: Option<u64>,
        max_files: u32,
    },
}

/// When a field becomes required.
#[derive(Clone, Debug)]
pub(crate) enum Condition {
    Equals(usize, Vec<Json>),
    Filled(usize),
}

#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub name: String,
    pub label: String,
    pub label_en: String,
    pub required: bool,
    pub required_if: Option<Condition>,
    pub kind: Kind,
}

impl Field {
    pub(crate) fn label(&self, locale: super::Locale) -> &str {
        match locale {
            super::Locale::Vi => &self.label,
            super::Locale::En => &self.label_en,
        }
    }
}

/// How a sex field's values are read.
#[derive(Clone, Debug)]
pub(crate) struct SexValues {
    pub male: Vec<String>,
    pub female: Vec<String>,
}

#[derive(Clone, Debug)]
pub(crate) enum Rule {
    CitizenIdMatches {
        id: usize,
        birth_date: Option<usize>,
        sex: Option<usize>,
        sex_values: SexValues,
    },
    DateAfter {
        field: usize,
        after: usize,
        or_equal: bool,
    },
    Age {
        field: usize,
        min: Option<u32>,
        max: Option<u32>,
        at: Option<usize>,
    },
    OneOfRequired {
        fields: Vec<usize>,
    },
}

impl Rule {
    /// The field whose issues the rule reports.
    pub(crate) fn target(&self) -> usize {
        match self {
            Rule::CitizenIdMatches { id, .. } => *id,
            Rule::DateAfter { field, .. } | Rule::Age { field, .. } => *field,
            Rule::OneOfRequired { fields } => fields.first().copied().unwrap_or(0),
        }
    }

    /// The fields the rule reads.
    pub(crate) fn inputs(&self) -> Vec<usize> {
        match self {
            Rule::CitizenIdMatches {
                id,
                birth_date,
                sex,
                ..
            } => [Some(*id), *birth_date, *sex]
                .into_iter()
                .flatten()
                .collect(),
            Rule::DateAfter { field, after, .. } => vec![*field, *after],
            Rule::Age { field, at, .. } => [Some(*field), *at].into_iter().flatten().collect(),
            Rule::OneOfRequired { fields } => fields.clone(),
        }
    }
}

/// The compiled schema.
#[derive(Clone, Debug)]
pub(crate) struct Compiled {
    pub id: Option<String>,
    pub fields: Vec<Field>,
    pub rules: Vec<Rule>,
    pub index: FieldIndex,
}

/// Field name → position. The keys come from the schema (bounded, see `MAX_FIELDS`), so the
/// crate's fast hasher (rustc-hash's FxHash) replaces SipHash on the validation hot path.
pub(crate) type FieldIndex = rustc_hash::FxHashMap<String, usize>;

/// Most fields in a schema.
pub const MAX_FIELDS: usize = 500;
/// Most options of one select field.
pub const MAX_OPTIONS_PER_FIELD: usize = 10_000;
/// Most options of all the select fields of a schema together.
pub const MAX_OPTIONS_TOTAL: usize = 50_000;
/// Longest `pattern`, in characters as written.
pub const MAX_PATTERN_CHARS: usize = 1_000;
/// Largest compiled program of one `pattern` (the small engine's own measure, bytes).
pub const MAX_PATTERN_PROGRAM: usize = 1 << 20;
/// Largest compiled programs of all the patterns of a schema together (bytes; each pattern
/// counts at its size class, see [`PATTERN_SIZE_CLASSES`], so at most twice its size).
pub const MAX_PATTERN_PROGRAMS_TOTAL: usize = 32 << 20;
/// The size classes a pattern is compiled in, smallest first, each twice the one before: a
/// pattern counts at the first class it fits (`[\p{L} .'-]+` fits 8 KiB, `\p{L}{100}` 512 KiB).
const PATTERN_SIZE_CLASSES: [usize; 8] = [
    8 << 10,
    16 << 10,
    32 << 10,
    64 << 10,
    128 << 10,
    256 << 10,
    512 << 10,
    MAX_PATTERN_PROGRAM,
];
/// Deepest nesting of arrays and objects in a schema, and of groups in a pattern.
pub const MAX_NESTING: usize = 32;

/// What the rest of the schema may still take.
struct Budget {
    /// Bytes of compiled patterns (of [`MAX_PATTERN_PROGRAMS_TOTAL`]).
    patterns: usize,
    /// Select options (of [`MAX_OPTIONS_TOTAL`]).
    options: usize,
}

/// Compiles a schema given as JSON.
pub(crate) fn compile(schema: &Json) -> Result<Compiled> {
    let root = schema.as_object().ok_or_else(|| {
        schema_error(
            "schema",
            "biểu mẫu phải là một đối tượng JSON có “fields”",
            "the schema must be a JSON object with “fields”",
        )
    })?;
    check_keys(
        root,
        &[&[
            "id",
            "title",
            "titleEn",
            "version",
            "description",
            "procedureCode",
            "fields",
            "rules",
        ]],
        "schema",
    )?;
    let id = get_str(root, "id", "schema")?.map(String::from);
    let fields_json = match root.get("fields") {
        Some(Json::Array(a)) => a,
        Some(_) => {
            return Err(schema_error(
                "fields",
                "phải là một mảng",
                "must be an array",
            ))
        }
        None => {
            return Err(schema_error(
                "fields",
                "thiếu danh sách trường",
                "the list of fields is missing",
            ))
        }
    };
    if fields_json.len() > MAX_FIELDS {
        return Err(limit_error(
            "fields",
            format!("có {} trường, tối đa {MAX_FIELDS}", fields_json.len()),
            format!("{} fields, at most {MAX_FIELDS}", fields_json.len()),
        ));
    }
    if nesting_exceeds(schema, MAX_NESTING) {
        return Err(limit_error(
            "schema",
            format!("lồng nhau quá {MAX_NESTING} cấp"),
            format!("nested more than {MAX_NESTING} levels deep"),
        ));
    }
    // First pass: names (so that requiredIf / provinceField / rules may refer forwards).
    let mut index = FieldIndex::default();
    for (i, f) in fields_json.iter().enumerate() {
        let path = format!("fields[{i}]");
        let obj = f.as_object().ok_or_else(|| {
            schema_error(
                &path,
                "mỗi trường phải là một đối tượng",
                "each field must be an object",
            )
        })?;
        let name = get_str(obj, "name", &path)?.ok_or_else(|| {
            schema_error(
                &format!("{path}.name"),
                "thiếu tên trường",
                "the field name is missing",
            )
        })?;
        if !valid_name(name) {
            return Err(schema_error(
                &format!("{path}.name"),
                format!("tên “{name}” chỉ được gồm chữ cái Latinh, chữ số, _ - . và bắt đầu bằng chữ cái"),
                format!("the name “{name}” may contain only ASCII letters, digits, _ - . and must start with a letter"),
            ));
        }
        if index.insert(name.to_string(), i).is_some() {
            return Err(schema_error(
                &format!("{path}.name"),
                format!("tên “{name}” bị trùng"),
                format!("the name “{name}” is used twice"),
            ));
        }
    }
    let mut fields = Vec::with_capacity(fields_json.len());
    let mut budget = Budget {
        patterns: MAX_PATTERN_PROGRAMS_TOTAL,
        options: MAX_OPTIONS_TOTAL,
    };
    for (i, f) in fields_json.iter().enumerate() {
        let Some(obj) = f.as_object() else { continue };
        fields.push(compile_field(obj, i, &index, &mut budget)?);
    }
    let mut rules = Vec::new();
    match root.get("rules") {
        None | Some(Json::Null) => {}
        Some(Json::Array(a)) => {
            for (i, r) in a.iter().enumerate() {
                rules.push(compile_rule(r, &format!("rules[{i}]"), &index, &fields)?);
            }
        }
        Some(_) => {
            return Err(schema_error(
                "rules",
                "phải là một mảng",
                "must be an array",
            ))
        }
    }
    Ok(Compiled {
        id,
        fields,
        rules,
        index,
    })
}

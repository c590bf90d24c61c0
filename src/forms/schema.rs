//! The JSON form schema (biểu mẫu) and its compilation: every key is checked, unknown keys and
//! malformed values are rejected with the path of the problem (`fields[3].maxLength`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::NaiveDate;
use regex_lite::Regex;
use serde_json::{Map, Value as J};

use super::files::FileType;
use crate::identifiers::IdKind;
use crate::{Error, ErrorKind, Result};

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
    Equals(usize, Vec<J>),
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

/// Field name → position. The keys come from the schema (bounded, see `MAX_FIELDS`), so a
/// small multiplicative hasher (FxHash) replaces SipHash on the validation hot path.
pub(crate) type FieldIndex = HashMap<String, usize, BuildHasherDefault<FastHasher>>;

/// FxHash (the hasher of rustc): a rotate, a xor and a multiply per word.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl FastHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        if let Some(dst) = w.get_mut(..rest.len()) {
            dst.copy_from_slice(rest);
        }
        self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

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

fn limit_err(path: &str, vi: impl Into<String>, en: impl Into<String>) -> Error {
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
fn nesting_exceeds(v: &J, max: usize) -> bool {
    let mut stack: Vec<(&J, usize)> = vec![(v, 1)];
    while let Some((v, level)) = stack.pop() {
        match v {
            J::Array(_) | J::Object(_) if level > max => return true,
            J::Array(a) => stack.extend(a.iter().map(|c| (c, level + 1))),
            J::Object(o) => stack.extend(o.values().map(|c| (c, level + 1))),
            _ => {}
        }
    }
    false
}

/// What the rest of the schema may still take.
struct Budget {
    /// Bytes of compiled patterns (of [`MAX_PATTERN_PROGRAMS_TOTAL`]).
    patterns: usize,
    /// Select options (of [`MAX_OPTIONS_TOTAL`]).
    options: usize,
}

fn err(path: &str, vi: impl Into<String>, en: impl Into<String>) -> Error {
    let (vi, en) = (vi.into(), en.into());
    Error::new(
        ErrorKind::Schema,
        format!("Biểu mẫu không hợp lệ tại “{path}”: {vi}."),
        format!("Invalid form schema at “{path}”: {en}."),
    )
    .with_field(path)
}

/// Keys a field of any type may carry.
const COMMON_KEYS: &[&str] = &[
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

fn type_keys(t: &str) -> Option<&'static [&'static str]> {
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

fn check_keys(obj: &Map<String, J>, allowed: &[&[&str]], path: &str) -> Result<()> {
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
        return Err(err(
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
fn close(a: &str, b: &str) -> bool {
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

fn get_str<'a>(obj: &'a Map<String, J>, key: &str, path: &str) -> Result<Option<&'a str>> {
    match obj.get(key) {
        None | Some(J::Null) => Ok(None),
        Some(J::String(s)) => Ok(Some(s)),
        Some(_) => Err(err(
            &format!("{path}.{key}"),
            "phải là một chuỗi ký tự",
            "must be a string",
        )),
    }
}

fn get_bool(obj: &Map<String, J>, key: &str, path: &str) -> Result<bool> {
    match obj.get(key) {
        None | Some(J::Null) => Ok(false),
        Some(J::Bool(b)) => Ok(*b),
        Some(_) => Err(err(
            &format!("{path}.{key}"),
            "phải là true hoặc false",
            "must be true or false",
        )),
    }
}

fn get_num(obj: &Map<String, J>, key: &str, path: &str) -> Result<Option<f64>> {
    match obj.get(key) {
        None | Some(J::Null) => Ok(None),
        Some(J::Number(n)) => Ok(n.as_f64()),
        Some(_) => Err(err(
            &format!("{path}.{key}"),
            "phải là một số",
            "must be a number",
        )),
    }
}

fn get_count(obj: &Map<String, J>, key: &str, path: &str) -> Result<Option<u32>> {
    match get_num(obj, key, path)? {
        None => Ok(None),
        Some(x) if x >= 0.0 && x.fract() == 0.0 && x <= f64::from(u32::MAX) => Ok(Some(x as u32)),
        Some(_) => Err(err(
            &format!("{path}.{key}"),
            "phải là một số nguyên không âm",
            "must be a non-negative whole number",
        )),
    }
}

/// `YYYY-MM-DD` (month and day also with one digit, as chrono's `%Y-%m-%d` reads them) without
/// chrono's format-string parser.
fn parse_ymd(s: &str) -> Option<NaiveDate> {
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

fn date_bound(obj: &Map<String, J>, key: &str, path: &str) -> Result<Option<DateBound>> {
    match get_str(obj, key, path)? {
        None => Ok(None),
        Some("today") => Ok(Some(DateBound::Today)),
        Some(s) => parse_ymd(s)
            .map(|d| Some(DateBound::Fixed(d)))
            .ok_or_else(|| {
                err(
                    &format!("{path}.{key}"),
                    format!("“{s}” không phải là ngày dạng YYYY-MM-DD hoặc \"today\""),
                    format!("“{s}” is not a YYYY-MM-DD date or \"today\""),
                )
            }),
    }
}

fn field_ref(
    index: &FieldIndex,
    obj: &Map<String, J>,
    key: &str,
    path: &str,
) -> Result<Option<usize>> {
    match get_str(obj, key, path)? {
        None => Ok(None),
        Some(name) => index.get(name).copied().map(Some).ok_or_else(|| {
            err(
                &format!("{path}.{key}"),
                format!("không có trường nào tên “{name}”"),
                format!("there is no field named “{name}”"),
            )
        }),
    }
}

fn valid_name(n: &str) -> bool {
    let mut chars = n.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && n.len() <= 100
}

fn id_kind(t: &str) -> Option<IdKind> {
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

/// Compiles a schema given as JSON.
pub(crate) fn compile(schema: &J) -> Result<Compiled> {
    let root = schema.as_object().ok_or_else(|| {
        err(
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
        Some(J::Array(a)) => a,
        Some(_) => return Err(err("fields", "phải là một mảng", "must be an array")),
        None => {
            return Err(err(
                "fields",
                "thiếu danh sách trường",
                "the list of fields is missing",
            ))
        }
    };
    if fields_json.len() > MAX_FIELDS {
        return Err(limit_err(
            "fields",
            format!("có {} trường, tối đa {MAX_FIELDS}", fields_json.len()),
            format!("{} fields, at most {MAX_FIELDS}", fields_json.len()),
        ));
    }
    if nesting_exceeds(schema, MAX_NESTING) {
        return Err(limit_err(
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
            err(
                &path,
                "mỗi trường phải là một đối tượng",
                "each field must be an object",
            )
        })?;
        let name = get_str(obj, "name", &path)?.ok_or_else(|| {
            err(
                &format!("{path}.name"),
                "thiếu tên trường",
                "the field name is missing",
            )
        })?;
        if !valid_name(name) {
            return Err(err(
                &format!("{path}.name"),
                format!("tên “{name}” chỉ được gồm chữ cái Latinh, chữ số, _ - . và bắt đầu bằng chữ cái"),
                format!("the name “{name}” may contain only ASCII letters, digits, _ - . and must start with a letter"),
            ));
        }
        if index.insert(name.to_string(), i).is_some() {
            return Err(err(
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
        None | Some(J::Null) => {}
        Some(J::Array(a)) => {
            for (i, r) in a.iter().enumerate() {
                rules.push(compile_rule(r, &format!("rules[{i}]"), &index, &fields)?);
            }
        }
        Some(_) => return Err(err("rules", "phải là một mảng", "must be an array")),
    }
    Ok(Compiled {
        id,
        fields,
        rules,
        index,
    })
}

fn compile_field(
    obj: &Map<String, J>,
    i: usize,
    index: &FieldIndex,
    budget: &mut Budget,
) -> Result<Field> {
    let path = format!("fields[{i}]");
    let name = get_str(obj, "name", &path)?.unwrap_or_default().to_string();
    let path = format!("fields[{i}] ({name})");
    let t = get_str(obj, "type", &path)?.ok_or_else(|| {
        err(
            &format!("{path}.type"),
            format!("thiếu kiểu trường; các kiểu: {}", FIELD_TYPES.join(", ")),
            format!(
                "the field type is missing; types: {}",
                FIELD_TYPES.join(", ")
            ),
        )
    })?;
    let extra = type_keys(t).ok_or_else(|| {
        err(
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
            err(
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
        None | Some(J::Null) => None,
        Some(J::Object(c)) => {
            let p = format!("{path}.requiredIf");
            check_keys(c, &[&["field", "equals", "in", "filled"]], &p)?;
            let other = field_ref(index, c, "field", &p)?.ok_or_else(|| {
                err(
                    &format!("{p}.field"),
                    "thiếu tên trường điều kiện",
                    "the condition field is missing",
                )
            })?;
            match (c.get("equals"), c.get("in")) {
                (Some(v), None) => Some(Condition::Equals(other, vec![v.clone()])),
                (None, Some(J::Array(a))) => Some(Condition::Equals(other, a.clone())),
                (None, Some(_)) => {
                    return Err(err(
                        &format!("{p}.in"),
                        "phải là một mảng",
                        "must be an array",
                    ))
                }
                (Some(_), Some(_)) => {
                    return Err(err(
                        &p,
                        "chỉ dùng một trong “equals” và “in”",
                        "use only one of “equals” and “in”",
                    ))
                }
                (None, None) => Some(Condition::Filled(other)),
            }
        }
        Some(_) => {
            return Err(err(
                &format!("{path}.requiredIf"),
                "phải là một đối tượng",
                "must be an object",
            ))
        }
    };
    let bad_range = |k: &str| {
        err(
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
                    return Err(err(
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
                    return Err(err(
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
                Some(J::Array(a)) if !a.is_empty() => a,
                _ => {
                    return Err(err(
                        &format!("{path}.options"),
                        "phải là một mảng không rỗng các lựa chọn",
                        "must be a non-empty array of options",
                    ))
                }
            };
            if opts.len() > MAX_OPTIONS_PER_FIELD {
                return Err(limit_err(
                    &format!("{path}.options"),
                    format!("có {} lựa chọn, tối đa {MAX_OPTIONS_PER_FIELD}", opts.len()),
                    format!("{} options, at most {MAX_OPTIONS_PER_FIELD}", opts.len()),
                ));
            }
            budget.options = budget.options.checked_sub(opts.len()).ok_or_else(|| {
                limit_err(
                    &format!("{path}.options"),
                    format!("các trường chọn của biểu mẫu có quá {MAX_OPTIONS_TOTAL} lựa chọn"),
                    format!("the select fields of the schema have more than {MAX_OPTIONS_TOTAL} options"),
                )
            })?;
            let mut options = Vec::with_capacity(opts.len());
            for (j, o) in opts.iter().enumerate() {
                let p = format!("{path}.options[{j}]");
                let (value, label, label_en) = match o {
                    J::String(s) => (s.clone(), s.clone(), s.clone()),
                    J::Number(n) => (n.to_string(), n.to_string(), n.to_string()),
                    J::Object(m) => {
                        check_keys(m, &[&["value", "label", "labelEn"]], &p)?;
                        let v = match m.get("value") {
                            Some(J::String(s)) => s.clone(),
                            Some(J::Number(n)) => n.to_string(),
                            _ => {
                                return Err(err(
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
                        return Err(err(
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
                None | Some(J::Null) => Vec::new(),
                Some(J::Array(a)) => {
                    let mut v = Vec::new();
                    for (j, x) in a.iter().enumerate() {
                        let p = format!("{path}.accept[{j}]");
                        let s = x
                            .as_str()
                            .ok_or_else(|| err(&p, "phải là một chuỗi", "must be a string"))?;
                        if s.eq_ignore_ascii_case("image") {
                            v.extend(FileType::IMAGES);
                            continue;
                        }
                        let ft = FileType::from_name(s).ok_or_else(|| {
                            err(
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
                    return Err(err(
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
                    return Err(err(
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
                return Err(err(
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

/// Compiles a `pattern`: the whole value must match (anchored); `\w`, `\p{L}`, `\p{Lu}`,
/// `\p{Ll}` are Unicode-aware (see [`super::pattern`]), so `[\p{L} ]+` and `\w+` accept
/// Vietnamese letters.
fn compile_pattern(p: &str, path: &str, budget: &mut Budget) -> Result<Regex> {
    let chars = p.chars().count();
    if chars > MAX_PATTERN_CHARS {
        return Err(limit_err(
            path,
            format!("biểu thức dài {chars} ký tự, tối đa {MAX_PATTERN_CHARS}"),
            format!("the pattern has {chars} characters, at most {MAX_PATTERN_CHARS}"),
        ));
    }
    let translated = super::pattern::translate(p).map_err(|(vi, en)| {
        err(
            path,
            format!("biểu thức chính quy không hợp lệ ({vi})"),
            format!("invalid regular expression ({en})"),
        )
    })?;
    let anchored = format!("^(?:{translated})$");
    let build = |limit: usize| {
        regex_lite::RegexBuilder::new(&anchored)
            .size_limit(limit)
            .nest_limit(MAX_NESTING as u32)
            .build()
    };
    // The smallest size class the program fits, within what the schema has left: compiling
    // stops as soon as a class is exceeded, so trying the classes in turn costs at most
    // twice the final one.
    let mut last = None;
    for class in PATTERN_SIZE_CLASSES {
        if class > budget.patterns {
            break;
        }
        match build(class) {
            Ok(re) => {
                budget.patterns -= class;
                return Ok(re);
            }
            Err(e) => {
                let text = e.to_string();
                if !text.contains("size limit") {
                    let first = text.lines().last().unwrap_or("").trim().to_string();
                    return Err(err(
                        path,
                        format!("biểu thức chính quy không hợp lệ ({first})"),
                        format!("invalid regular expression ({first})"),
                    ));
                }
                last = Some(class);
            }
        }
    }
    Err(match last {
        Some(c) if c == MAX_PATTERN_PROGRAM => limit_err(
            path,
            format!(
                "biểu thức quá lớn khi biên dịch (quá {} KiB; hãy bớt số lần lặp như {{1000}} của các lớp \\p{{L}}, \\w)",
                MAX_PATTERN_PROGRAM >> 10
            ),
            format!(
                "the pattern is too large once compiled (over {} KiB; use fewer repetitions such as {{1000}} of classes like \\p{{L}}, \\w)",
                MAX_PATTERN_PROGRAM >> 10
            ),
        ),
        _ => limit_err(
            path,
            format!(
                "các biểu thức của biểu mẫu quá lớn khi biên dịch (tổng tối đa {} MiB)",
                MAX_PATTERN_PROGRAMS_TOTAL >> 20
            ),
            format!(
                "the schema's patterns are too large once compiled (at most {} MiB together)",
                MAX_PATTERN_PROGRAMS_TOTAL >> 20
            ),
        ),
    })
}

fn compile_rule(r: &J, path: &str, index: &FieldIndex, fields: &[Field]) -> Result<Rule> {
    let obj = r.as_object().ok_or_else(|| {
        err(
            path,
            "mỗi quy tắc phải là một đối tượng",
            "each rule must be an object",
        )
    })?;
    let kind = get_str(obj, "rule", path)?.ok_or_else(|| {
        err(
            &format!("{path}.rule"),
            "thiếu loại quy tắc (citizenIdMatches, dateAfter, age, oneOfRequired)",
            "the rule kind is missing (citizenIdMatches, dateAfter, age, oneOfRequired)",
        )
    })?;
    let need = |key: &str| -> Result<usize> {
        field_ref(index, obj, key, path)?.ok_or_else(|| {
            err(
                &format!("{path}.{key}"),
                "thiếu tên trường",
                "the field name is missing",
            )
        })
    };
    let is_date = |i: usize, key: &str| -> Result<()> {
        match fields.get(i).map(|f| &f.kind) {
            Some(Kind::Date { .. }) => Ok(()),
            _ => Err(err(
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
                    return Err(err(
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
                    .ok_or_else(|| err(&p, "phải là đối tượng {male, female}", "must be an object {male, female}"))?;
                check_keys(m, &[&["male", "female"]], &p)?;
                if let Some(v) = get_str(m, "male", &p)? {
                    sex_values.male = vec![crate::text::fold(v)];
                }
                if let Some(v) = get_str(m, "female", &p)? {
                    sex_values.female = vec![crate::text::fold(v)];
                }
            }
            if birth_date.is_none() && sex.is_none() {
                return Err(err(
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
                return Err(err(path, "cần “min” hoặc “max”", "needs “min” or “max”"));
            }
            if let (Some(a), Some(b)) = (min, max) {
                if a > b {
                    return Err(err(&format!("{path}.min"), "tuổi nhỏ nhất lớn hơn tuổi lớn nhất", "the minimum age is greater than the maximum"));
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
                Some(J::Array(a)) if a.len() >= 2 => a,
                _ => {
                    return Err(err(
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
                    err(
                        &format!("{path}.fields[{j}]"),
                        format!("không có trường nào tên “{name}”"),
                        format!("there is no field named “{name}”"),
                    )
                })?);
            }
            Ok(Rule::OneOfRequired { fields: v })
        }
        other => Err(err(
            &format!("{path}.rule"),
            format!("quy tắc “{other}” không được hỗ trợ (citizenIdMatches, dateAfter, age, oneOfRequired)"),
            format!("unknown rule “{other}” (citizenIdMatches, dateAfter, age, oneOfRequired)"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written `YYYY-MM-DD` reader accepts exactly what chrono's `%Y-%m-%d` did for
    /// four-digit years (the schema's `min`/`max` dates).
    #[test]
    fn ymd_reads_what_chrono_read() {
        let mut texts: Vec<String> = vec![
            "2024-02-29".into(),
            "2023-02-29".into(),
            "2024-1-5".into(),
            "2024-01-5".into(),
            "2024-13-01".into(),
            "2024-00-10".into(),
            "2024-12-32".into(),
            " 2024-01-01".into(),
            "2024-01-01 ".into(),
            "2024/01/01".into(),
            "2024-01-01-".into(),
            "2024-01".into(),
            "".into(),
            "today".into(),
            "2024-001-01".into(),
            "2024-+1-01".into(),
        ];
        for y in [1900, 1999, 2000, 2100] {
            for m in 0..=13 {
                for d in [0, 1, 9, 10, 28, 29, 30, 31, 32] {
                    texts.push(format!("{y}-{m:02}-{d:02}"));
                    texts.push(format!("{y}-{m}-{d}"));
                }
            }
        }
        for t in &texts {
            assert_eq!(
                parse_ymd(t),
                NaiveDate::parse_from_str(t, "%Y-%m-%d").ok(),
                "{t:?}"
            );
        }
    }
}

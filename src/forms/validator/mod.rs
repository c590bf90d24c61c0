//! The compiled validator: per-field checks, required / required-if, cross-field rules.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::schema::{compile, Compiled, Condition, DatePrecision, Field, Kind, Rule};
use super::value::{FormValues, Value};
use super::{Expected, Locale, Problem};
use crate::identifiers::{CitizenIdInfo, Sex};
use crate::units::legacy::LegacyUnits;
use crate::{Error, ErrorKind, Result};

mod field_checks;
mod partial_dates;
#[cfg(test)]
mod tests;
mod text_checks;

use field_checks::check_field;
pub use field_checks::MAX_VALUE_CHARS;
use partial_dates::PartialDate;

/// Error or warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// The value is rejected.
    Error,
    /// The value is accepted; the citizen should look again.
    Warning,
}

/// One problem of one field (`FieldIssue` of the contract, plus `severity` and `suggestion`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct FieldIssue {
    /// The field name.
    pub field: String,
    /// Stable code (`required`, `checksum`, `birthYearMismatch` …; see docs/forms.md (problem codes)).
    #[cfg_attr(feature = "js", tsify(type = "ProblemCode"))]
    pub code: String,
    /// Full sentence with the field's label, in the chosen language.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
    /// A suggested value, when there is one (new mobile number, decoded legacy text).
    pub suggestion: Option<String>,
}

/// The result of validating a form (`FormResult` of the contract).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
#[serde(rename_all = "camelCase")]
pub struct FormResult {
    /// True if there is no error (warnings allowed).
    pub valid: bool,
    /// Errors, in field order, then cross-field rules.
    pub errors: Vec<FieldIssue>,
    /// Warnings.
    pub warnings: Vec<FieldIssue>,
    /// The normalised values of the schema's fields (NFC, trimmed, digits-only IDs, `0…`
    /// phones, ISO dates, commune codes …); fields absent from the input are `null`.
    #[cfg_attr(feature = "js", tsify(type = "Record<string, unknown>"))]
    pub values: FormValues,
}

/// The result of [`FormValidator::validate_slots`]: a [`FormResult`] whose values are in schema
/// order, without names (`valid` is `errors.is_empty()`).
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// Errors, in field order, then cross-field rules.
    pub errors: Vec<FieldIssue>,
    /// Warnings.
    pub warnings: Vec<FieldIssue>,
    /// The normalised value of each field, in schema order (`Value::Null` when absent).
    pub values: Vec<Value>,
}

/// Options of a validation.
#[derive(Clone, Copy, Debug)]
pub struct ValidateOptions<'a> {
    /// Language of messages (default Vietnamese).
    pub locale: Locale,
    /// Today's date: future dates, ages, birth years are judged against it.
    pub today: NaiveDate,
    /// The pre-2025 units, if loaded: old commune codes then get "now part of …".
    pub legacy: Option<&'a LegacyUnits>,
}

impl ValidateOptions<'_> {
    /// Vietnamese messages, the given today, no legacy units.
    pub fn new(today: NaiveDate) -> ValidateOptions<'static> {
        ValidateOptions {
            locale: Locale::Vi,
            today,
            legacy: None,
        }
    }

    /// The same options with another locale.
    pub fn with_locale(mut self, locale: Locale) -> Self {
        self.locale = locale;
        self
    }
}

#[derive(Debug, Default)]
struct State {
    value: Value,
    empty: bool,
    problems: Vec<Problem>,
    date: Option<PartialDate>,
    citizen: Option<CitizenIdInfo>,
    province: Option<u8>,
}

impl State {
    fn ok(&self) -> bool {
        !self.empty && self.problems.iter().all(Problem::is_warning)
    }
}

/// A compiled form schema: validate whole forms or single fields, many times.
///
/// # Example
/// ```
/// use tthc::forms::{FormValidator, FormValues, ValidateOptions};
/// let v = FormValidator::from_json(r#"{"fields":[
///   {"name":"fullName","type":"name","label":"Họ và tên","labelEn":"Full name","required":true},
///   {"name":"phone","type":"phone","label":"Số điện thoại","labelEn":"Phone"}]}"#).unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// let values = FormValues::from_json(r#"{"fullName":"  nguyễn   văn a ","phone":"+84 912 345 678"}"#).unwrap();
/// let r = v.validate(&values, &ValidateOptions::new(today));
/// assert!(r.valid);
/// assert_eq!(r.values.get("phone").and_then(|v| v.as_str()), Some("0912345678"));
/// assert_eq!(r.values.get("fullName").and_then(|v| v.as_str()), Some("nguyễn văn a"));
/// ```
#[derive(Clone, Debug)]
pub struct FormValidator {
    compiled: Compiled,
}

impl FormValidator {
    /// Compiles a schema (JSON value). Errors name the path and the problem.
    pub fn new(schema: &serde_json::Value) -> Result<FormValidator> {
        Ok(FormValidator {
            compiled: compile(schema)?,
        })
    }

    /// Compiles a schema from JSON text.
    pub fn from_json(text: &str) -> Result<FormValidator> {
        let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::Schema,
                format!("Biểu mẫu không phải là JSON hợp lệ: {e}."),
                format!("The form schema is not valid JSON: {e}."),
            )
        })?;
        FormValidator::new(&v)
    }

    /// The schema's `id`, if any.
    pub fn id(&self) -> Option<&str> {
        self.compiled.id.as_deref()
    }

    /// The number of fields.
    pub fn field_count(&self) -> usize {
        self.compiled.fields.len()
    }

    /// The field names, in order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.compiled.fields.iter().map(|f| f.name.as_str())
    }

    /// Validates every field and rule.
    pub fn validate(&self, values: &FormValues, opts: &ValidateOptions) -> FormResult {
        let slots = self.slots(values);
        let c = self.validate_slots(&slots, opts);
        FormResult {
            valid: c.errors.is_empty(),
            errors: c.errors,
            warnings: c.warnings,
            values: FormValues(
                self.compiled
                    .fields
                    .iter()
                    .map(|f| f.name.clone())
                    .zip(c.values)
                    .collect(),
            ),
        }
    }

    /// Validates every field and rule on values given in schema order (`slots[i]` is the value
    /// of the i-th field, `None` when absent): what [`FormValidator::validate`] does after
    /// matching names, for a caller that already has the values in order (the JS binding).
    /// The normalised values come back in schema order too, without their names.
    pub fn validate_slots(&self, slots: &[Option<&Value>], opts: &ValidateOptions) -> Checked {
        self.run(
            &mut |i| slots.get(i).copied().flatten().map(Cow::Borrowed),
            opts,
        )
    }

    /// [`FormValidator::validate_slots`] on values the caller gives away, in schema order
    /// (`Value::Null` when absent; missing trailing values are absent): text that is already
    /// normal becomes the result's value without a copy.
    pub fn validate_values(&self, mut values: Vec<Value>, opts: &ValidateOptions) -> Checked {
        self.run(
            &mut |i| values.get_mut(i).map(|v| Cow::Owned(std::mem::take(v))),
            opts,
        )
    }

    /// Checks every field, asking `take(i)` once for the raw value of field `i` (`dyn`: one
    /// copy of this code for borrowed and for owned values, a smaller module).
    fn run<'v>(
        &self,
        take: &mut dyn FnMut(usize) -> Option<Cow<'v, Value>>,
        opts: &ValidateOptions,
    ) -> Checked {
        let n = self.compiled.fields.len();
        let mut states: Vec<State> = Vec::with_capacity(n);
        for (i, f) in self.compiled.fields.iter().enumerate() {
            let st = if matches!(f.kind, Kind::Commune { .. }) {
                State::default()
            } else {
                check_field(f, take(i), opts, None)
            };
            states.push(st);
        }
        for (i, f) in self.compiled.fields.iter().enumerate() {
            if let Kind::Commune { province_field } = f.kind {
                let prov = province_field
                    .and_then(|p| states.get(p))
                    .and_then(|s| s.province);
                let st = check_field(f, take(i), opts, prov);
                if let Some(s) = states.get_mut(i) {
                    *s = st;
                }
            }
        }
        let mut errors = Vec::new();
        let mut warnings = Vec::new();
        for (i, f) in self.compiled.fields.iter().enumerate() {
            let required = self.is_required(f, &states);
            let Some(st) = states.get_mut(i) else {
                continue;
            };
            if st.empty && required {
                st.problems.insert(0, required_problem(f));
            }
        }
        let mut rule_problems: Vec<(usize, Problem)> = Vec::new();
        for r in &self.compiled.rules {
            if let Some(p) = self.check_rule(r, &states, opts) {
                rule_problems.push((r.target(), p));
            }
        }
        let mut out_values = Vec::with_capacity(n);
        for (i, (f, st)) in self.compiled.fields.iter().zip(states).enumerate() {
            if !st.problems.is_empty() || rule_problems.iter().any(|(t, _)| *t == i) {
                let label = f.label(opts.locale);
                for p in st.problems.iter().chain(
                    rule_problems
                        .iter()
                        .filter(|(t, _)| *t == i)
                        .map(|(_, p)| p),
                ) {
                    let issue = make_issue(&f.name, label, p, opts.locale);
                    if p.is_warning() {
                        warnings.push(issue);
                    } else {
                        errors.push(issue);
                    }
                }
            }
            out_values.push(st.value);
        }
        Checked {
            errors,
            warnings,
            values: out_values,
        }
    }

    /// The value slots of `values` in schema order (see [`FormValidator::validate_slots`]).
    pub fn slots<'v>(&self, values: &'v FormValues) -> Vec<Option<&'v Value>> {
        let mut slots = vec![None; self.compiled.fields.len()];
        // Values usually come in schema order: try the next field's name before hashing.
        let mut next = 0usize;
        for (k, v) in &values.0 {
            let guess = self
                .compiled
                .fields
                .get(next)
                .filter(|f| f.name == *k)
                .map(|_| next);
            if let Some(i) = guess.or_else(|| self.compiled.index.get(k.as_str()).copied()) {
                if let Some(s) = slots.get_mut(i) {
                    *s = Some(v);
                }
                next = i + 1;
            }
        }
        slots
    }

    /// Validates one field (and the rules reported on it): what a page calls on every
    /// keystroke. Returns errors first, then warnings (see `severity`). An unknown field name
    /// is an error.
    pub fn validate_field(
        &self,
        name: &str,
        values: &FormValues,
        opts: &ValidateOptions,
    ) -> Result<Vec<FieldIssue>> {
        self.validate_field_slots(name, &self.slots(values), opts)
    }

    /// [`FormValidator::validate_field`] on values given in schema order (see
    /// [`FormValidator::validate_slots`]).
    pub fn validate_field_slots(
        &self,
        name: &str,
        slots: &[Option<&Value>],
        opts: &ValidateOptions,
    ) -> Result<Vec<FieldIssue>> {
        let &target = self.compiled.index.get(name).ok_or_else(|| {
            Error::new(
                ErrorKind::Form,
                format!("Biểu mẫu không có trường “{name}”."),
                format!("The form has no field “{name}”."),
            )
            .with_field(name)
        })?;
        let n = self.compiled.fields.len();
        // The fields this one depends on.
        let mut needed = vec![false; n];
        let mark = |i: usize, needed: &mut Vec<bool>| {
            if let Some(x) = needed.get_mut(i) {
                *x = true;
            }
        };
        mark(target, &mut needed);
        let rules: Vec<&Rule> = self
            .compiled
            .rules
            .iter()
            .filter(|r| r.target() == target)
            .collect();
        for r in &rules {
            for i in r.inputs() {
                mark(i, &mut needed);
            }
        }
        if let Some(f) = self.compiled.fields.get(target) {
            if let Some(Condition::Equals(o, _) | Condition::Filled(o)) = &f.required_if {
                mark(*o, &mut needed);
            }
        }
        for i in 0..n {
            if needed.get(i) == Some(&true) {
                if let Some(Kind::Commune {
                    province_field: Some(p),
                }) = self.compiled.fields.get(i).map(|f| &f.kind)
                {
                    mark(*p, &mut needed);
                }
            }
        }
        let mut states: Vec<State> = (0..n).map(|_| State::default()).collect();
        for pass in 0..2 {
            for (i, f) in self.compiled.fields.iter().enumerate() {
                let is_commune = matches!(f.kind, Kind::Commune { .. });
                if needed.get(i) != Some(&true) || is_commune != (pass == 1) {
                    continue;
                }
                let prov = match f.kind {
                    Kind::Commune {
                        province_field: Some(p),
                    } => states.get(p).and_then(|s| s.province),
                    _ => None,
                };
                let raw = slots.get(i).copied().flatten().map(Cow::Borrowed);
                let st = check_field(f, raw, opts, prov);
                if let Some(s) = states.get_mut(i) {
                    *s = st;
                }
            }
        }
        let Some(f) = self.compiled.fields.get(target) else {
            return Ok(Vec::new());
        };
        let required = self.is_required(f, &states);
        let mut problems = Vec::new();
        if let Some(st) = states.get_mut(target) {
            if st.empty && required {
                problems.push(required_problem(f));
            }
            problems.append(&mut st.problems);
        }
        for r in rules {
            if let Some(p) = self.check_rule(r, &states, opts) {
                problems.push(p);
            }
        }
        // Errors first, then warnings, each in their order (a stable partition, not a sort).
        let (mut errors, warnings): (Vec<Problem>, Vec<Problem>) =
            problems.into_iter().partition(|p| !p.is_warning());
        errors.extend(warnings);
        let problems = errors;
        let label = f.label(opts.locale);
        Ok(problems
            .iter()
            .map(|p| make_issue(&f.name, label, p, opts.locale))
            .collect())
    }

    fn is_required(&self, f: &Field, states: &[State]) -> bool {
        if f.required {
            return true;
        }
        match &f.required_if {
            None => false,
            Some(Condition::Filled(o)) => states.get(*o).is_some_and(|s| !s.empty),
            Some(Condition::Equals(o, list)) => states
                .get(*o)
                .is_some_and(|s| !s.empty && list.iter().any(|want| json_equals(&s.value, want))),
        }
    }

    fn check_rule(&self, r: &Rule, states: &[State], opts: &ValidateOptions) -> Option<Problem> {
        let st = |i: usize| states.get(i).filter(|s| s.ok());
        match r {
            Rule::CitizenIdMatches {
                id,
                birth_date,
                sex,
                sex_values,
            } => {
                let info = st(*id)?.citizen.as_ref()?;
                if let Some(d) = birth_date.and_then(st).and_then(|s| s.date) {
                    if d.first.year() != info.birth_year {
                        return Some(Problem::BirthYearMismatch(info.birth_year, d.first.year()));
                    }
                }
                if let Some(v) = sex.and_then(st).map(|s| &s.value) {
                    let given = match v {
                        Value::String(s) => {
                            let k = crate::text::fold(s);
                            if sex_values.male.contains(&k) {
                                Some(Sex::Male)
                            } else if sex_values.female.contains(&k) {
                                Some(Sex::Female)
                            } else {
                                None
                            }
                        }
                        _ => None,
                    };
                    if given.is_some_and(|g| g != info.sex) {
                        return Some(Problem::SexMismatch);
                    }
                }
                None
            }
            Rule::DateAfter {
                field,
                after,
                or_equal,
            } => {
                let f = st(*field)?.date?;
                let a = st(*after)?.date?;
                let before = f.last < a.first;
                let same_day = f.precision == DatePrecision::Day
                    && a.precision == DatePrecision::Day
                    && f.first == a.first;
                if before || (same_day && !or_equal) {
                    let label = self
                        .compiled
                        .fields
                        .get(*after)?
                        .label(opts.locale)
                        .to_string();
                    return Some(Problem::DateOrder(label));
                }
                None
            }
            Rule::Age {
                field,
                min,
                max,
                at,
            } => {
                let b = st(*field)?.date?;
                let r = match at {
                    Some(a) => st(*a)?.date?.first,
                    None => opts.today,
                };
                if let Some(min) = min {
                    // Even the earliest possible birth date gives less than min years.
                    if age(b.first, r) < i64::from(*min) {
                        return Some(Problem::TooYoung(*min));
                    }
                }
                if let Some(max) = max {
                    if age(b.last, r) > i64::from(*max) {
                        return Some(Problem::TooOld(*max));
                    }
                }
                None
            }
            Rule::OneOfRequired { fields } => {
                if fields
                    .iter()
                    .all(|&i| states.get(i).is_none_or(|s| s.empty))
                {
                    let labels: Vec<String> = fields
                        .iter()
                        .filter_map(|&i| self.compiled.fields.get(i))
                        .map(|f| format!("“{}”", f.label(opts.locale)))
                        .collect();
                    return Some(Problem::OneOfRequired(labels.join(", ")));
                }
                None
            }
        }
    }
}

/// Validates once without keeping the compiled schema (`validateForm`).
///
/// # Example
/// ```
/// let schema: serde_json::Value = serde_json::json!({"fields": [
///     {"name": "taxCode", "type": "taxCode", "label": "Mã số thuế", "required": true}]});
/// let values = tthc::forms::FormValues::from_json(r#"{"taxCode": "0100233480"}"#).unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
/// let r = tthc::forms::validate_form(&schema, &values, &tthc::forms::ValidateOptions::new(today)).unwrap();
/// assert_eq!(r.errors[0].code, "checksum");
/// ```
pub fn validate_form(
    schema: &serde_json::Value,
    values: &FormValues,
    opts: &ValidateOptions,
) -> Result<FormResult> {
    Ok(FormValidator::new(schema)?.validate(values, opts))
}

fn make_issue(field: &str, label: &str, p: &Problem, locale: Locale) -> FieldIssue {
    FieldIssue {
        field: field.to_string(),
        code: p.code().to_string(),
        message: p.message(locale, label),
        severity: if p.is_warning() {
            Severity::Warning
        } else {
            Severity::Error
        },
        suggestion: p.suggestion().map(String::from),
    }
}

fn required_problem(f: &Field) -> Problem {
    match f.kind {
        Kind::Attachment { .. } => Problem::MissingAttachment,
        Kind::Checkbox => Problem::MustBeChecked,
        _ => Problem::Required,
    }
}

fn json_equals(v: &Value, want: &serde_json::Value) -> bool {
    match (v, want) {
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Number(a), serde_json::Value::Number(b)) => b.as_f64() == Some(*a),
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::Array(a), _) => a.iter().any(|x| json_equals(x, want)),
        _ => false,
    }
}

fn age(birth: NaiveDate, at: NaiveDate) -> i64 {
    let mut y = i64::from(at.year()) - i64::from(birth.year());
    if (at.month(), at.day()) < (birth.month(), birth.day()) {
        y -= 1;
    }
    y
}

fn wrong(expected: Expected, value: &Value) -> State {
    State {
        value: value.clone(),
        problems: vec![Problem::WrongType(expected)],
        ..State::default()
    }
}

fn empty_state() -> State {
    State {
        empty: true,
        ..State::default()
    }
}

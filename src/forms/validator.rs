//! The compiled validator: per-field checks, required / required-if, cross-field rules.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::files::{detect_file_type, extension, extension_mismatch, FileType};
use super::schema::{
    compile, Compiled, Condition, DateBound, DatePrecision, Field, Kind, PhoneAccept, Rule,
    SelectOptions,
};
use super::value::{FormValues, Value};
use super::{Expected, Locale, Problem};
use crate::identifiers::{self, CitizenIdInfo, IdInfo, IdKind, IdOptions, PhoneKind, Sex};
use crate::units::legacy::LegacyUnits;
use crate::{Error, ErrorKind, Result};

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

/// A date of day, month or year precision, as the interval of days it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PDate {
    first: NaiveDate,
    last: NaiveDate,
    precision: DatePrecision,
}

#[derive(Debug, Default)]
struct State {
    value: Value,
    empty: bool,
    problems: Vec<Problem>,
    date: Option<PDate>,
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
    c: Compiled,
}

impl FormValidator {
    /// Compiles a schema (JSON value). Errors name the path and the problem.
    pub fn new(schema: &serde_json::Value) -> Result<FormValidator> {
        Ok(FormValidator {
            c: compile(schema)?,
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
        self.c.id.as_deref()
    }

    /// The number of fields.
    pub fn field_count(&self) -> usize {
        self.c.fields.len()
    }

    /// The field names, in order.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.c.fields.iter().map(|f| f.name.as_str())
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
                self.c
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
        let n = self.c.fields.len();
        let mut states: Vec<State> = Vec::with_capacity(n);
        for (i, f) in self.c.fields.iter().enumerate() {
            let st = if matches!(f.kind, Kind::Commune { .. }) {
                State::default()
            } else {
                check_field(f, take(i), opts, None)
            };
            states.push(st);
        }
        for (i, f) in self.c.fields.iter().enumerate() {
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
        for (i, f) in self.c.fields.iter().enumerate() {
            let required = self.is_required(f, &states);
            let Some(st) = states.get_mut(i) else {
                continue;
            };
            if st.empty && required {
                st.problems.insert(0, required_problem(f));
            }
        }
        let mut rule_problems: Vec<(usize, Problem)> = Vec::new();
        for r in &self.c.rules {
            if let Some(p) = self.check_rule(r, &states, opts) {
                rule_problems.push((r.target(), p));
            }
        }
        let mut out_values = Vec::with_capacity(n);
        for (i, (f, st)) in self.c.fields.iter().zip(states).enumerate() {
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
        let mut slots = vec![None; self.c.fields.len()];
        // Values usually come in schema order: try the next field's name before hashing.
        let mut next = 0usize;
        for (k, v) in &values.0 {
            let guess = self
                .c
                .fields
                .get(next)
                .filter(|f| f.name == *k)
                .map(|_| next);
            if let Some(i) = guess.or_else(|| self.c.index.get(k.as_str()).copied()) {
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
        let &target = self.c.index.get(name).ok_or_else(|| {
            Error::new(
                ErrorKind::Form,
                format!("Biểu mẫu không có trường “{name}”."),
                format!("The form has no field “{name}”."),
            )
            .with_field(name)
        })?;
        let n = self.c.fields.len();
        // The fields this one depends on.
        let mut needed = vec![false; n];
        let mark = |i: usize, needed: &mut Vec<bool>| {
            if let Some(x) = needed.get_mut(i) {
                *x = true;
            }
        };
        mark(target, &mut needed);
        let rules: Vec<&Rule> = self
            .c
            .rules
            .iter()
            .filter(|r| r.target() == target)
            .collect();
        for r in &rules {
            for i in r.inputs() {
                mark(i, &mut needed);
            }
        }
        if let Some(f) = self.c.fields.get(target) {
            if let Some(Condition::Equals(o, _) | Condition::Filled(o)) = &f.required_if {
                mark(*o, &mut needed);
            }
        }
        for i in 0..n {
            if needed.get(i) == Some(&true) {
                if let Some(Kind::Commune {
                    province_field: Some(p),
                }) = self.c.fields.get(i).map(|f| &f.kind)
                {
                    mark(*p, &mut needed);
                }
            }
        }
        let mut states: Vec<State> = (0..n).map(|_| State::default()).collect();
        for pass in 0..2 {
            for (i, f) in self.c.fields.iter().enumerate() {
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
        let Some(f) = self.c.fields.get(target) else {
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
                    let label = self.c.fields.get(*after)?.label(opts.locale).to_string();
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
                        .filter_map(|&i| self.c.fields.get(i))
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

/// The longest value any field takes, in characters as given (before normalisation): a longer
/// one is refused with `tooLong` before any other work on it.
pub const MAX_VALUE_CHARS: usize = 65_536;

/// True when `s` has more than [`MAX_VALUE_CHARS`] characters (a length check for the usual
/// value, a count only for a value of more than that many bytes).
fn over_value_cap(s: &str) -> bool {
    s.len() > MAX_VALUE_CHARS
        && (s.len() > 4 * MAX_VALUE_CHARS || s.chars().count() > MAX_VALUE_CHARS)
}

/// The field's own most characters (`maxLength`), if it has one.
fn max_chars(f: &Field) -> Option<u32> {
    match f.kind {
        Kind::Text { max, .. } => max,
        Kind::Name { max, .. } | Kind::Email { max } => Some(max),
        _ => None,
    }
}

/// Fewer characters than [`crate::text::normalize`] can leave of `s`: its ASCII characters
/// other than white space and its precomposed Latin letters are NFC starters that nothing
/// before them absorbs, and normalising removes only white space.
fn normal_chars_at_least(s: &str) -> usize {
    s.chars()
        .filter(|&c| (c.is_ascii() && !c.is_ascii_whitespace()) || is_precomposed_latin(c))
        .count()
}

/// What refuses a text value before it is normalised: a damaged character, or more
/// characters than the field takes whatever normalising does.
fn refuse_before_normalising(f: &Field, s: &str) -> Option<Problem> {
    if s.contains('\u{FFFD}') {
        return Some(Problem::InvalidCharacter);
    }
    let max = max_chars(f)?;
    (normal_chars_at_least(s) > max as usize).then_some(Problem::TooLong(max))
}

fn refused(value: Value, problem: Problem) -> State {
    State {
        value,
        problems: vec![problem],
        ..State::default()
    }
}

/// Checks one field's raw value (without required-ness and rules).
fn check_field(
    f: &Field,
    raw: Option<Cow<'_, Value>>,
    opts: &ValidateOptions,
    province: Option<u8>,
) -> State {
    let raw = match raw {
        None | Some(Cow::Borrowed(Value::Null) | Cow::Owned(Value::Null)) => return empty_state(),
        Some(v) => v,
    };
    if let Value::String(s) = &*raw {
        if over_value_cap(s) {
            let max = max_chars(f).map_or(MAX_VALUE_CHARS as u32, |m| {
                m.min(u32::try_from(MAX_VALUE_CHARS).unwrap_or(u32::MAX))
            });
            return refused(raw.into_owned(), Problem::TooLong(max));
        }
    }
    let text = match (&f.kind, raw) {
        // An option's value as it is (the usual input of a select box): no copy, no folding.
        (
            Kind::Select {
                options,
                multiple: false,
            },
            Cow::Owned(Value::String(s)),
        ) if !s.is_empty() && options.exact(&s).is_some() && is_normal_text(&s) => {
            return State {
                value: Value::String(s),
                ..State::default()
            }
        }
        (
            Kind::Number { .. } | Kind::Checkbox | Kind::Select { .. } | Kind::Attachment { .. },
            raw,
        ) => return check_non_text(f, &raw),
        // Text and names: one pass finds a usual text normal and scans it for the checks.
        // (Refused first, as on the borrowed path, so that both report the same problem.)
        (Kind::Text { .. } | Kind::Name { .. }, Cow::Owned(Value::String(s))) => {
            if let Some(p) = refuse_before_normalising(f, &s) {
                return refused(Value::String(s), p);
            }
            match TextScan::of_normal(&s) {
                Some(scan) if !s.is_empty() => {
                    return check_string(f, s, opts, province, Some(scan))
                }
                _ => norm_owned(s),
            }
        }
        (_, Cow::Borrowed(Value::String(s))) => match refuse_before_normalising(f, s) {
            Some(p) => return refused(Value::String(s.clone()), p),
            None => norm_text(s),
        },
        // An owned string that is already normal becomes the value without a copy.
        (_, Cow::Owned(Value::String(s))) => match refuse_before_normalising(f, &s) {
            Some(p) => return refused(Value::String(s), p),
            None => norm_owned(s),
        },
        (_, raw) => return wrong(Expected::Text, &raw),
    };
    if text.is_empty() {
        return State {
            value: Value::String(text),
            empty: true,
            ..State::default()
        };
    }
    check_string(f, text, opts, province, None)
}

/// The fields whose value is not text: numbers, checkboxes, selects, attachments.
fn check_non_text(f: &Field, raw: &Value) -> State {
    match &f.kind {
        Kind::Number { min, max, integer } => check_number(raw, *min, *max, *integer),
        Kind::Checkbox => match raw {
            Value::Bool(b) => State {
                value: Value::Bool(*b),
                empty: !*b,
                ..State::default()
            },
            Value::String(s) => match s.trim() {
                "true" | "on" | "1" => State {
                    value: Value::Bool(true),
                    ..State::default()
                },
                "false" | "off" | "0" | "" => State {
                    value: Value::Bool(false),
                    empty: true,
                    ..State::default()
                },
                _ => wrong(Expected::Boolean, raw),
            },
            _ => wrong(Expected::Boolean, raw),
        },
        Kind::Select {
            options,
            multiple: true,
        } => match raw {
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                let mut problems = Vec::new();
                for it in items {
                    match select_value(options, it) {
                        Some(v) => out.push(Value::String(v)),
                        None => {
                            if problems.is_empty() {
                                problems.push(Problem::NotAnOption);
                            }
                            out.push(it.clone());
                        }
                    }
                }
                State {
                    empty: out.is_empty(),
                    value: Value::Array(out),
                    problems,
                    ..State::default()
                }
            }
            _ => check_select_one(options, raw),
        },
        Kind::Select { options, .. } => check_select_one(options, raw),
        Kind::Attachment {
            accept,
            max_size,
            max_files,
        } => check_attachment(raw, accept, *max_size, *max_files),
        _ => wrong(Expected::Text, raw),
    }
}

fn check_number(raw: &Value, min: Option<f64>, max: Option<f64>, integer: bool) -> State {
    let x = match raw {
        Value::Number(x) => *x,
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() {
                return empty_state();
            }
            match parse_number(t) {
                Some(x) => x,
                None => return wrong(Expected::Number, raw),
            }
        }
        _ => return wrong(Expected::Number, raw),
    };
    if !x.is_finite() {
        return wrong(Expected::Number, raw);
    }
    let mut problems = Vec::new();
    if integer && x.fract() != 0.0 {
        problems.push(Problem::NotInteger);
    } else if min.is_some_and(|m| x < m) {
        problems.push(Problem::TooSmall(min.unwrap_or(0.0)));
    } else if max.is_some_and(|m| x > m) {
        problems.push(Problem::TooLarge(max.unwrap_or(0.0)));
    }
    State {
        value: Value::Number(x),
        problems,
        ..State::default()
    }
}

/// Reads a number as typed in Vietnam: `1.234.567`, `1.234,5`, `12,5`, `12.5`, `-3`.
fn parse_number(t: &str) -> Option<f64> {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if t.len() > 40 {
        return None;
    }
    let has_dot = t.contains('.');
    let has_comma = t.contains(',');
    let canon = if has_dot && has_comma {
        t.replace('.', "").replace(',', ".")
    } else if has_comma {
        if t.matches(',').count() == 1 {
            t.replace(',', ".")
        } else {
            return None;
        }
    } else if has_dot && t.matches('.').count() > 1 {
        // thousands separators only: 1.234.567
        let ok = t
            .split('.')
            .skip(1)
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        t.replace('.', "")
    } else {
        t
    };
    if !canon
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+')
    {
        return None;
    }
    crate::text::float::parse_f64(&canon)
}

fn select_value(options: &SelectOptions, v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => norm_text(s),
        Value::Number(n) => super::value::Value::Number(*n)
            .serialize_to_string()
            .unwrap_or_default(),
        _ => return None,
    };
    if let Some(o) = options.exact(&s) {
        return Some(o.value.clone());
    }
    let k = crate::text::fold(&s);
    if k.is_empty() {
        return None;
    }
    options.folded(&k).map(|o| o.value.clone())
}

fn check_select_one(options: &SelectOptions, raw: &Value) -> State {
    match raw {
        Value::String(s) if s.trim().is_empty() => empty_state(),
        Value::String(_) | Value::Number(_) => match select_value(options, raw) {
            Some(v) => State {
                value: Value::String(v),
                ..State::default()
            },
            None => State {
                value: raw.clone(),
                problems: vec![Problem::NotAnOption],
                ..State::default()
            },
        },
        _ => wrong(Expected::Text, raw),
    }
}

impl Value {
    fn serialize_to_string(&self) -> Option<String> {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => {
                Some(format!("{}", *n as i64))
            }
            Value::Number(n) => Some(n.to_string()),
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }
}

fn check_attachment(
    raw: &Value,
    accept: &[FileType],
    max_size: Option<u64>,
    max_files: u32,
) -> State {
    let files: Vec<&Value> = match raw {
        Value::Array(a) => a.iter().collect(),
        Value::Object(_) => vec![raw],
        _ => return wrong(Expected::File, raw),
    };
    if files.is_empty() {
        return empty_state();
    }
    let mut problems = Vec::new();
    let mut out = Vec::with_capacity(files.len());
    if files.len() > max_files as usize {
        problems.push(Problem::TooManyFiles(max_files));
    }
    let allowed = || {
        let mut names: Vec<&str> = accept.iter().map(|t| t.name()).collect();
        names.dedup();
        names.join(", ")
    };
    for file in files {
        let (Some(name), Some(size)) = (
            file.get("name").and_then(Value::as_str),
            match file.get("size") {
                Some(Value::Number(n)) if *n >= 0.0 => Some(*n as u64),
                _ => None,
            },
        ) else {
            return wrong(Expected::File, raw);
        };
        let head: Option<Vec<u8>> = match file.get("head") {
            Some(Value::Bytes(b)) => Some(b.clone()),
            Some(Value::Array(a)) => Some(
                a.iter()
                    .take(4096)
                    .map(|x| match x {
                        Value::Number(n) => *n as u8,
                        _ => 0,
                    })
                    .collect(),
            ),
            // A Uint8Array through JSON.stringify: {"0": 37, "1": 80, …}.
            Some(Value::Object(o)) => Some(
                o.iter()
                    .take(4096)
                    .map(|(_, x)| match x {
                        Value::Number(n) => *n as u8,
                        _ => 0,
                    })
                    .collect(),
            ),
            _ => None,
        };
        let mut p: Option<Problem> = None;
        let mut detected = None;
        if size == 0 {
            p = Some(Problem::EmptyFile);
        } else if let Some(m) = max_size.filter(|m| size > *m) {
            p = Some(Problem::FileTooLarge(m));
        } else if let Some(h) = &head {
            // Both the content and the name's extension must say the same allowed type: a PDF
            // named `report.html`, `report.pdf.exe` or `report.svg` would open as something
            // else on the officer's computer.
            detected = detect_file_type(h, name);
            let by_name = extension(name).and_then(FileType::from_name);
            let allowed_type = |t: FileType| accept.is_empty() || accept.contains(&t);
            p = match (detected, by_name) {
                (Some(t), _) if !allowed_type(t) => Some(Problem::FileTypeNotAllowed(allowed())),
                (Some(t), None) => Some(Problem::FileTypeMismatch(t.name())),
                (Some(t), Some(_)) if extension_mismatch(name, t) => {
                    Some(Problem::FileTypeMismatch(t.name()))
                }
                (Some(_), Some(_)) => None,
                (None, Some(n)) if allowed_type(n) => Some(Problem::FileContentNotOfType(n.name())),
                (None, _) if !accept.is_empty() => Some(Problem::FileTypeNotAllowed(allowed())),
                (None, _) => None,
            };
        } else if !accept.is_empty() {
            let by_name = extension(name).and_then(FileType::from_name);
            if !by_name.is_some_and(|t| accept.contains(&t)) {
                p = Some(Problem::FileTypeNotAllowed(allowed()));
            }
        }
        if let Some(p) = p {
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
        out.push(Value::Object(vec![
            ("name".into(), Value::String(crate::text::normalize(name))),
            ("size".into(), Value::Number(size as f64)),
            (
                "type".into(),
                detected.map_or(Value::Null, |t| Value::String(t.name().into())),
            ),
        ]));
    }
    State {
        value: if matches!(raw, Value::Array(_)) {
            Value::Array(out)
        } else {
            out.pop().unwrap_or_default()
        },
        problems,
        ..State::default()
    }
}

/// NFC + trim + collapse, with a fast path for text that is already normal (the usual case:
/// the NFC quick check is much cheaper than composing).
fn norm_text(s: &str) -> String {
    if is_normal_text(s) {
        s.to_string()
    } else {
        crate::text::normalize(s)
    }
}

/// [`norm_text`] of a string the caller gives away: no copy when it is already normal.
fn norm_owned(s: String) -> String {
    if is_normal_text(&s) {
        s
    } else {
        crate::text::normalize(&s)
    }
}

/// Precomposed Latin letters (Latin-1 Supplement, Latin Extended-A and -B, Latin Extended
/// Additional: every Vietnamese letter) are NFC starters (quick check Yes, combining class 0;
/// the unit test checks every one), and none is a space.
fn is_precomposed_latin(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// True when `s` is NFC, without leading, trailing or repeated spaces or other white space
/// (what [`crate::text::is_normalized`] says, with a shortcut for ASCII and Vietnamese letters).
fn is_normal_text(s: &str) -> bool {
    let mut prev_space = true;
    for c in s.chars() {
        if c.is_ascii() {
            let space = c.is_ascii_whitespace() || c == '\u{B}';
            if space && (prev_space || c != ' ') {
                return false;
            }
            prev_space = space;
        } else if is_precomposed_latin(c) {
            prev_space = false;
        } else {
            return crate::text::is_normalized(s);
        }
    }
    !prev_space || s.is_empty()
}

/// `char::is_alphabetic` with a shortcut for ASCII and Vietnamese letters.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if is_precomposed_latin(c) {
        c != '\u{D7}' && c != '\u{F7}'
    } else {
        c.is_alphabetic()
    }
}

fn char_len(s: &str) -> u32 {
    s.chars().count().min(u32::MAX as usize) as u32
}

/// What the text and name checks need to know of a value, from one pass over its chars.
#[derive(Debug, PartialEq)]
struct TextScan {
    /// The number of chars.
    chars: u32,
    /// Every char may be in a name: a letter, a space, `'`, `’` or `-`.
    name_chars: bool,
    /// At least one letter.
    letter: bool,
    /// Worth the legacy-encoding detection (see [`legacy_warning`]).
    legacy: bool,
}

impl TextScan {
    fn of(s: &str) -> TextScan {
        let (mut chars, mut name_chars, mut letter) = (0u32, true, false);
        let (mut ascii, mut beyond_latin1) = (true, false);
        for c in s.chars() {
            chars = chars.saturating_add(1);
            let l = is_letter(c);
            letter |= l;
            name_chars &= l || matches!(c, ' ' | '\'' | '’' | '-');
            if !c.is_ascii() {
                ascii = false;
                beyond_latin1 |= (c as u32) > 0xFF && !('\u{2013}'..='\u{2122}').contains(&c);
            }
        }
        TextScan {
            chars,
            name_chars,
            letter,
            legacy: !ascii && !beyond_latin1,
        }
    }

    /// The scan of `s` when it is normal text with ASCII and precomposed Latin letters only
    /// (what [`is_normal_text`] accepts without asking the full NFC check), else `None`.
    ///
    /// The checks of [`TextScan::of`] specialised to those two kinds of chars, in locals: the
    /// hot path of every keystroke (a version sharing `of`'s per-char step through `&mut self`
    /// cost 40 % more instructions here). `one_pass_text_scan_agrees_with_the_separate_checks`
    /// keeps the two in step.
    fn of_normal(s: &str) -> Option<TextScan> {
        let (mut chars, mut name_chars, mut letter) = (0u32, true, false);
        let (mut ascii, mut beyond_latin1, mut prev_space) = (true, false, true);
        for c in s.chars() {
            chars = chars.saturating_add(1);
            if c.is_ascii() {
                let space = c.is_ascii_whitespace() || c == '\u{B}';
                if space && (prev_space || c != ' ') {
                    return None;
                }
                prev_space = space;
                let l = c.is_ascii_alphabetic();
                letter |= l;
                name_chars &= l || matches!(c, ' ' | '\'' | '-');
            } else if is_precomposed_latin(c) {
                // (a letter but for × and ÷; none is in U+2013–U+2122)
                prev_space = false;
                ascii = false;
                let l = c != '\u{D7}' && c != '\u{F7}';
                letter |= l;
                name_chars &= l;
                beyond_latin1 |= (c as u32) > 0xFF;
            } else {
                return None;
            }
        }
        (!prev_space).then_some(TextScan {
            chars,
            name_chars,
            letter,
            legacy: !ascii && !beyond_latin1,
        })
    }

    /// [`legacy_warning`] of the scanned text.
    fn legacy_warning(&self, s: &str) -> Option<Problem> {
        if self.legacy {
            legacy_warning(s)
        } else {
            None
        }
    }
}

fn legacy_warning(s: &str) -> Option<Problem> {
    // Mojibake is made of Latin-1 / Windows-1252 characters only; real Vietnamese almost always
    // has a letter beyond U+00FF (ă, đ, ơ, ư, ạ …). Cheap filter before the full detection.
    if s.is_ascii()
        || s.chars()
            .any(|c| (c as u32) > 0xFF && !('\u{2013}'..='\u{2122}').contains(&c))
    {
        return None;
    }
    crate::text::legacy::detect_legacy(s)
        .map(|sug| Problem::LegacyEncoding(sug.encoding.as_str(), sug.text))
}

/// Checks a non-empty normalised text; `scan` is its [`TextScan`] when the caller has it.
fn check_string(
    f: &Field,
    mut norm: String,
    opts: &ValidateOptions,
    province: Option<u8>,
    scan: Option<TextScan>,
) -> State {
    let mut st = State::default();
    match &f.kind {
        Kind::Text {
            min,
            max,
            pattern,
            pattern_message,
        } => {
            let scan = scan.unwrap_or_else(|| TextScan::of(&norm));
            let n = scan.chars;
            if let Some(m) = min.filter(|m| n < *m) {
                st.problems.push(Problem::TooShort(m));
            } else if let Some(m) = max.filter(|m| n > *m) {
                st.problems.push(Problem::TooLong(m));
            } else if pattern.as_ref().is_some_and(|p| !p.is_match(&norm)) {
                st.problems
                    .push(Problem::PatternMismatch(pattern_message.clone()));
            }
            if let Some(w) = scan.legacy_warning(&norm) {
                st.problems.push(w);
            }
            st.value = Value::String(norm);
        }
        Kind::Name { min, max, upper } => {
            let scan = scan.unwrap_or_else(|| TextScan::of(&norm));
            let n = scan.chars;
            if !(scan.name_chars && scan.letter) {
                st.problems.push(Problem::InvalidCharacters);
            } else if let Some(m) = min.filter(|m| n < *m) {
                st.problems.push(Problem::TooShort(m));
            } else if n > *max {
                st.problems.push(Problem::TooLong(*max));
            }
            if let Some(w) = scan.legacy_warning(&norm) {
                st.problems.push(w);
            }
            st.value = Value::String(if *upper {
                crate::text::case::to_upper(&norm)
            } else {
                norm
            });
        }
        Kind::Email { max } => match normalize_email(norm) {
            Ok(e) if char_len(&e) <= *max => st.value = Value::String(e),
            Ok(e) => {
                st.problems.push(Problem::TooLong(*max));
                st.value = Value::String(e);
            }
            Err(norm) => {
                st.problems.push(Problem::InvalidEmail);
                st.value = Value::String(norm);
            }
        },
        Kind::Date {
            precision,
            min,
            max,
        } => match parse_pdate(&norm, *precision) {
            None => {
                st.problems.push(Problem::InvalidDate);
                st.value = Value::String(norm);
            }
            Some(d) => {
                let bound = |b: &DateBound| match b {
                    DateBound::Fixed(d) => *d,
                    DateBound::Today => opts.today,
                };
                if let Some(m) = min.as_ref() {
                    if d.last < bound(m) {
                        st.problems.push(Problem::DateTooEarly(dmy(bound(m))));
                    }
                }
                if let Some(m) = max.as_ref() {
                    if d.first > bound(m) {
                        st.problems.push(if *m == DateBound::Today {
                            Problem::FutureDate
                        } else {
                            Problem::DateTooLate(dmy(bound(m)))
                        });
                    }
                }
                // The text as typed when it is already the canonical form (no copy).
                st.value = Value::String(if is_formatted_pdate(&d, &norm) {
                    norm
                } else {
                    format_pdate(&d)
                });
                st.date = Some(d);
            }
        },
        Kind::Phone {
            accept,
            carrier_warnings,
        } => match identifiers::parse_phone_number(&norm) {
            Ok(p) => {
                match (accept, p.kind) {
                    (PhoneAccept::Mobile, PhoneKind::Fixed) => {
                        st.problems.push(Problem::InvalidFormat(
                            "cần số di động, ví dụ 0912 345 678",
                            "a mobile number is needed, e.g. 0912 345 678",
                        ))
                    }
                    (PhoneAccept::Fixed, PhoneKind::Mobile) => {
                        st.problems.push(Problem::InvalidFormat(
                            "cần số cố định, ví dụ 0238 3844 123",
                            "a fixed-line number is needed, e.g. 0238 3844 123",
                        ))
                    }
                    _ => {}
                }
                if *carrier_warnings {
                    st.problems.extend(p.warnings);
                }
                st.value = Value::String(p.normalized);
            }
            Err(e) => {
                st.problems.push(e);
                st.value = Value::String(norm);
            }
        },
        Kind::Id {
            kind,
            allow_foreign_prefix,
        } => {
            let io = IdOptions {
                today: opts.today,
                locale: opts.locale,
                allow_foreign_prefix: *allow_foreign_prefix,
            };
            match identifiers::parse(*kind, &norm, &io) {
                Ok(p) => {
                    st.citizen = match (p.info, kind) {
                        (Some(IdInfo::CitizenId(i)), _) => Some(i),
                        (_, IdKind::TaxCode | IdKind::SocialInsurance)
                            if p.normalized.len() == 12 =>
                        {
                            identifiers::parse_citizen_id(&p.normalized, opts.today.year(), true)
                                .ok()
                                .map(|c| c.info)
                        }
                        _ => None,
                    };
                    st.problems.extend(p.warnings);
                    st.value = Value::String(p.normalized);
                }
                Err(e) => {
                    st.problems.push(e);
                    st.value = Value::String(norm);
                }
            }
        }
        Kind::Province => {
            // A code (the usual input of a select box) without building the province.
            let found = crate::units::province_number(&norm).or_else(|| {
                if norm.bytes().all(|b| b.is_ascii_digit()) {
                    None
                } else {
                    crate::units::find_province(&norm).and_then(|p| p.code.parse().ok())
                }
            });
            match found {
                Some(n) => {
                    st.province = Some(n);
                    st.value = Value::String(
                        if norm.len() == 2 && norm.bytes().all(|b| b.is_ascii_digit()) {
                            norm
                        } else {
                            format!("{n:02}")
                        },
                    );
                }
                None => {
                    let old = norm
                        .parse::<u8>()
                        .ok()
                        .filter(|_| norm.len() <= 3)
                        .and_then(crate::units::province_pre_2025);
                    st.problems.push(match old {
                        Some(_) => Problem::OldUnit(None),
                        None => Problem::UnknownProvince(norm.clone()),
                    });
                    st.value = Value::String(norm);
                }
            }
        }
        Kind::Commune { .. } => {
            let digits = norm.bytes().all(|b| b.is_ascii_digit());
            // (code, province) without building the commune for the usual code input.
            let found: Option<(String, u8)> = if digits {
                crate::units::commune_province(&norm).map(|p| {
                    // (`{:0>5}` leaves five digits or more as they are: no copy then.)
                    let code = if norm.len() >= 5 {
                        std::mem::take(&mut norm)
                    } else {
                        format!("{norm:0>5}")
                    };
                    (code, p)
                })
            } else {
                province.and_then(|p| {
                    crate::units::find_commune(&format!("{p:02}"), &norm)
                        .and_then(|c| Some((c.code, c.province_code.parse().ok()?)))
                })
            };
            match found {
                Some((code, cp)) => {
                    if let Some(p) = province {
                        if cp != p {
                            let pname = crate::units::province(&format!("{cp:02}"))
                                .map(|p| p.name)
                                .unwrap_or_default();
                            st.problems.push(Problem::CommuneNotInProvince(pname));
                        }
                    }
                    st.value = Value::String(code);
                }
                None => {
                    let code = format!("{:0>5}", norm);
                    let old = if digits { opts.legacy } else { None };
                    let conv = old.filter(|l| l.is_old_ward(&code)).map(|l| {
                        l.convert(&crate::units::legacy::OldAddress {
                            ward_code: Some(code.clone()),
                            ..Default::default()
                        })
                    });
                    st.problems.push(match conv {
                        Some(rows) => {
                            let mut names: Vec<String> = rows
                                .iter()
                                .map(|r| format!("{} ({})", r.new_ward_name, r.new_province_name))
                                .collect();
                            names.dedup();
                            Problem::OldUnit((!names.is_empty()).then(|| names.join("; ")))
                        }
                        None => Problem::UnknownCommune(norm.clone()),
                    });
                    st.value = Value::String(norm);
                }
            }
        }
        _ => st.value = Value::String(norm),
    }
    st
}

/// Lower-cases the domain and checks the address: one `@`, a local part of printable ASCII
/// (or letters), a domain of dot-separated labels with a top-level part of 2+ letters.
fn normalize_email(s: String) -> Result<String, String> {
    if s.contains(char::is_whitespace) || s.len() > 320 {
        return Err(s);
    }
    let Some((local, domain)) = s.rsplit_once('@') else {
        return Err(s);
    };
    if local.is_empty()
        || local.len() > 64
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
        || local.contains('@')
        || !local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c))
    {
        return Err(s);
    }
    // The usual domain is lower-case ASCII already: the address is then kept as typed.
    let lower = (!domain
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase()))
    .then(|| crate::text::case::to_lower(domain));
    let d = lower.as_deref().unwrap_or(domain);
    let (mut labels, mut tld) = (0usize, "");
    for l in d.split('.') {
        if l.is_empty()
            || l.len() > 63
            || l.starts_with('-')
            || l.ends_with('-')
            || !l.chars().all(|c| c.is_alphanumeric() || c == '-')
        {
            return Err(s);
        }
        labels += 1;
        tld = l;
    }
    if labels < 2 || tld.chars().count() < 2 || !tld.chars().all(char::is_alphabetic) {
        return Err(s);
    }
    match lower {
        Some(d) => Ok(format!("{local}@{d}")),
        None => Ok(s),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1)?.pred_opt()
}

/// `dd/mm/yyyy`, as the messages show a date (what `format("%d/%m/%Y")` gives for years
/// 0–9999), without chrono's formatting machinery.
fn dmy(d: NaiveDate) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), d.month(), d.year())
}

/// `YYYY-MM-DD` of a date in years 0–9999 as ASCII (what `format("%Y-%m-%d")` gives), without
/// chrono's formatting machinery; its first 4 and 7 bytes are the year and the month. `None`
/// for other years.
fn ymd_ascii(d: NaiveDate) -> Option<[u8; 10]> {
    let y = u32::try_from(d.year()).ok().filter(|y| *y <= 9999)?;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let (m, day) = (d.month(), d.day());
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// The length of a date's text at `precision` (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
fn pdate_len(precision: DatePrecision) -> usize {
    match precision {
        DatePrecision::Year => 4,
        DatePrecision::Month => 7,
        _ => 10,
    }
}

/// Reads `YYYY-MM-DD`, `dd/mm/yyyy` (also `-` or `.`), `YYYY-MM`, `mm/yyyy`, `YYYY`.
fn parse_pdate(s: &str, precision: DatePrecision) -> Option<PDate> {
    // A date-time (a JS `Date` through JSON: "2026-01-14T17:00:00.000Z") is the Vietnam date.
    if s.len() > 10 && s.as_bytes().get(10) == Some(&b'T') {
        if !matches!(precision, DatePrecision::Day | DatePrecision::Any) {
            return None;
        }
        let trimmed = match s.split_once('.') {
            // drop milliseconds, keep the offset ("…:00.000Z" → "…:00Z")
            Some((head, tail)) if head.len() == 19 => {
                let off = tail.trim_start_matches(|c: char| c.is_ascii_digit());
                format!("{head}{off}")
            }
            _ => s.to_string(),
        };
        let d = crate::datetime::parse_datetime(&trimmed, "date")
            .ok()?
            .date();
        return Some(PDate {
            first: d,
            last: d,
            precision: DatePrecision::Day,
        });
    }
    // At most three parts, on the stack.
    let mut buf = [""; 3];
    let mut count = 0usize;
    for p in s.split(['/', '-', '.']).map(str::trim) {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 4 {
            return None;
        }
        match buf.get_mut(count) {
            Some(slot) => *slot = p,
            None => return None,
        }
        count += 1;
    }
    let parts = buf.get(..count)?;
    let num = |p: &str| p.parse::<u32>().ok();
    let (y, m, d) = match parts {
        [y] if y.len() == 4 => (num(y)?, None, None),
        [a, b] if a.len() == 4 => (num(a)?, Some(num(b)?), None),
        [a, b] if b.len() == 4 => (num(b)?, Some(num(a)?), None),
        [a, b, c] if a.len() == 4 => (num(a)?, Some(num(b)?), Some(num(c)?)),
        [a, b, c] if c.len() == 4 => (num(c)?, Some(num(b)?), Some(num(a)?)),
        _ => return None,
    };
    if !(1800..=9999).contains(&y) {
        return None;
    }
    let y = y as i32;
    let got = match (m, d) {
        (None, _) => DatePrecision::Year,
        (Some(_), None) => DatePrecision::Month,
        _ => DatePrecision::Day,
    };
    if precision != DatePrecision::Any && precision != got {
        return None;
    }
    let (first, last) = match (m, d) {
        (None, _) => (ymd(y, 1, 1)?, ymd(y, 12, 31)?),
        (Some(m), None) => (ymd(y, m, 1)?, last_of_month(y, m)?),
        (Some(m), Some(d)) => {
            let x = ymd(y, m, d)?;
            (x, x)
        }
    };
    Some(PDate {
        first,
        last,
        precision: got,
    })
}

/// True when `s` is what [`format_pdate`] gives for `d` (checked without building it).
fn is_formatted_pdate(d: &PDate, s: &str) -> bool {
    ymd_ascii(d.first).is_some_and(|b| b.get(..pdate_len(d.precision)) == Some(s.as_bytes()))
}

fn format_pdate(d: &PDate) -> String {
    match ymd_ascii(d.first) {
        Some(b) => b
            .iter()
            .take(pdate_len(d.precision))
            .map(|&c| char::from(c))
            .collect(),
        // Years beyond 0–9999: chrono's sign and digits.
        None => match d.precision {
            DatePrecision::Year => format!("{:04}", d.first.year()),
            DatePrecision::Month => format!("{:04}-{:02}", d.first.year(), d.first.month()),
            _ => d.first.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_paths_agree_with_the_general_code() {
        let samples = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "a  b",
            "a\tb",
            "a\u{b}b",
            "a\u{c}b",
            "a\nb",
            "a\rb",
            "a\u{1f}b",
            "abc def",
            "  x  y  ",
            "Nguyễn Văn A",
            "Nguye\u{0302}\u{0303}n",
            "x\u{a0}y",
        ];
        for s in samples {
            assert_eq!(norm_text(s), crate::text::normalize(s), "{s:?}");
        }
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default();
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default();
        while d < end {
            let b = ymd_ascii(d).unwrap_or_default();
            assert_eq!(b.as_slice(), d.format("%Y-%m-%d").to_string().as_bytes());
            d = d + chrono::Days::new(997);
        }
    }

    #[test]
    fn latin_shortcuts_agree_with_unicode() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        for c in ('\u{C0}'..='\u{24F}').chain('\u{1E00}'..='\u{1EFF}') {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert!(!c.is_whitespace(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
        for c in (0..0x80u8)
            .map(char::from)
            .chain(['\u{A0}', '\u{300}', 'ư', 'Ω'])
        {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
        for s in [
            "",
            " ",
            "Nguyễn Văn A",
            " Nguyễn",
            "Nguyễn ",
            "Nguyễn  Văn",
            "Nguyễn\tVăn",
            "Nguye\u{0302}\u{0303}n",
            "Nguyễn\u{a0}Văn",
            "Đặng Thị Ưng",
            "Ωmega",
            "a\u{b}b",
            "x\u{2003}y",
            "Ð×÷ǅ",
            "ọ\u{0301}",
        ] {
            assert_eq!(is_normal_text(s), crate::text::is_normalized(s), "{s:?}");
            assert_eq!(
                norm_owned(s.to_string()),
                crate::text::normalize(s),
                "{s:?}"
            );
            check_scan(s);
        }
    }

    /// `TextScan::of_normal` finds normal what `is_normal_text` does (or leaves it to the
    /// general path) and scans as `TextScan::of` does.
    fn check_scan(s: &str) {
        match TextScan::of_normal(s) {
            Some(scan) => {
                assert!(is_normal_text(s), "{s:?}");
                assert_eq!(scan, TextScan::of(s), "{s:?}");
            }
            None => assert!(
                !is_normal_text(s)
                    || !s.chars().all(|c| c.is_ascii() || is_precomposed_latin(c))
                    || s.is_empty(),
                "{s:?}"
            ),
        }
    }

    #[test]
    fn one_pass_text_scan_agrees_with_the_separate_checks() {
        let words = [
            "Nguyễn",
            "Văn",
            "a",
            "O'Neil",
            "Jean-Paul",
            "×",
            "÷",
            "Ð",
            "ǅ",
            "1",
            "Số",
            "5,",
            "Ànà",
            "Lê",
        ];
        let seps = ["", " ", "  ", "\t", "\u{a0}", "’", "-", "."];
        for a in words {
            for sep in seps {
                for b in words {
                    for s in [
                        format!("{a}{sep}{b}"),
                        format!(" {a}{sep}{b}"),
                        format!("{a}{sep}{b} "),
                    ] {
                        check_scan(&s);
                        let scan = TextScan::of(&s);
                        assert_eq!(scan.chars as usize, s.chars().count());
                        assert_eq!(
                            scan.name_chars,
                            s.chars()
                                .all(|c| is_letter(c) || matches!(c, ' ' | '\'' | '’' | '-')),
                            "{s:?}"
                        );
                        assert_eq!(scan.letter, s.chars().any(is_letter), "{s:?}");
                        assert_eq!(scan.legacy_warning(&s), legacy_warning(&s), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn numbers_as_typed_in_vietnam() {
        assert_eq!(parse_number("1.234.567"), Some(1234567.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("12,5"), Some(12.5));
        assert_eq!(parse_number("12.5"), Some(12.5));
        assert_eq!(parse_number("1.23.4"), None);
        assert_eq!(parse_number("abc"), None);
    }

    #[test]
    fn partial_dates() {
        let d = parse_pdate("05/1990", DatePrecision::Any).unwrap();
        assert_eq!(format_pdate(&d), "1990-05");
        assert_eq!(d.last, ymd(1990, 5, 31).unwrap());
        assert!(parse_pdate("31/02/2020", DatePrecision::Day).is_none());
        assert!(parse_pdate("1990", DatePrecision::Day).is_none());
        assert_eq!(
            format_pdate(&parse_pdate("1.2.2003", DatePrecision::Day).unwrap()),
            "2003-02-01"
        );
        // A JS Date at local midnight, serialised in UTC, is still the Vietnamese date.
        let d = parse_pdate("2026-01-14T17:00:00.000Z", DatePrecision::Day).unwrap();
        assert_eq!(format_pdate(&d), "2026-01-15");
        assert!(parse_pdate("2026-01-14T17:00:00.000Z", DatePrecision::Year).is_none());
    }

    /// A date typed in the canonical form is kept as typed, and only then.
    #[test]
    fn formatted_dates_are_recognised() {
        let typed = [
            "2026-03-02",
            "2026-3-2",
            "02/03/2026",
            "2/3/2026",
            "2026-03",
            "03/2026",
            "3/2026",
            "2026",
            "0001-01-01",
            "0001",
            "9999-12-31",
            "1991-03-12",
            "12/03/1991",
            "1991-03-12 ",
        ];
        for p in [
            DatePrecision::Day,
            DatePrecision::Month,
            DatePrecision::Year,
            DatePrecision::Any,
        ] {
            for s in typed {
                if let Some(d) = parse_pdate(s, p) {
                    assert_eq!(
                        is_formatted_pdate(&d, s),
                        format_pdate(&d) == s,
                        "{s:?} {p:?}"
                    );
                    assert!(is_formatted_pdate(&d, &format_pdate(&d)), "{s:?} {p:?}");
                }
            }
        }
    }

    #[test]
    fn emails() {
        let e = |s: &str| normalize_email(s.to_string());
        assert_eq!(e("Ten.Ho@Example.VN").as_deref(), Ok("Ten.Ho@example.vn"));
        assert_eq!(e("Ten.Ho@example.vn").as_deref(), Ok("Ten.Ho@example.vn"));
        assert_eq!(e("a@UBND.Nghệan.vn").as_deref(), Ok("a@ubnd.nghệan.vn"));
        assert_eq!(e("a@b"), Err("a@b".to_string()));
        assert!(e("a b@c.vn").is_err());
        assert!(e("a@@c.vn").is_err());
        assert!(e("a@c..vn").is_err());
        assert!(e("a@-c.vn").is_err());
        assert!(e("a@c.v").is_err());
        assert!(e("a@c.v1").is_err());
        assert!(e("nguyễn@ubnd.nghean.gov.vn").is_ok());
    }
}

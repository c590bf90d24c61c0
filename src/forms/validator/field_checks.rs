//! The check of one field's raw value by its type: the length cap before any work, numbers as
//! typed in Vietnam, selects, checkboxes, attachments; text goes on to [`super::text_checks`].

use std::borrow::Cow;

use super::text_checks::{
    check_string, is_normal_text, is_precomposed_latin, normalize_owned_text, normalize_text,
    TextScan,
};
use super::{empty_state, wrong, State, ValidateOptions};
use crate::forms::files::{detect_file_type, extension, extension_mismatch, FileType};
use crate::forms::schema::{Field, Kind, SelectOptions};
use crate::forms::value::Value;
use crate::forms::{Expected, Problem};

/// The longest value any field takes, in characters as given (before normalisation): a longer
/// one is refused with `tooLong` before any other work on it.
pub const MAX_VALUE_CHARS: usize = 65_536;

/// True when `s` has more than [`MAX_VALUE_CHARS`] characters (a length check for the usual
/// value, a count only for a value of more than that many bytes).
pub(super) fn over_value_cap(s: &str) -> bool {
    s.len() > MAX_VALUE_CHARS
        && (s.len() > 4 * MAX_VALUE_CHARS || s.chars().count() > MAX_VALUE_CHARS)
}

/// The field's own most characters (`maxLength`), if it has one.
pub(super) fn max_chars(f: &Field) -> Option<u32> {
    match f.kind {
        Kind::Text { max, .. } => max,
        Kind::Name { max, .. } | Kind::Email { max } => Some(max),
        _ => None,
    }
}

/// Fewer characters than [`crate::text::normalize`] can leave of `s`: its ASCII characters
/// other than white space and its precomposed Latin letters are NFC starters that nothing
/// before them absorbs, and normalising removes only white space.
pub(super) fn normal_chars_at_least(s: &str) -> usize {
    s.chars()
        .filter(|&c| (c.is_ascii() && !c.is_ascii_whitespace()) || is_precomposed_latin(c))
        .count()
}

/// What refuses a text value before it is normalised: a damaged character, or more
/// characters than the field takes whatever normalising does.
pub(super) fn refuse_before_normalising(f: &Field, s: &str) -> Option<Problem> {
    if s.contains('\u{FFFD}') {
        return Some(Problem::InvalidCharacter);
    }
    let max = max_chars(f)?;
    (normal_chars_at_least(s) > max as usize).then_some(Problem::TooLong(max))
}

pub(super) fn refused(value: Value, problem: Problem) -> State {
    State {
        value,
        problems: vec![problem],
        ..State::default()
    }
}

/// Checks one field's raw value (without required-ness and rules).
pub(super) fn check_field(
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
                _ => normalize_owned_text(s),
            }
        }
        (_, Cow::Borrowed(Value::String(s))) => match refuse_before_normalising(f, s) {
            Some(p) => return refused(Value::String(s.clone()), p),
            None => normalize_text(s),
        },
        // An owned string that is already normal becomes the value without a copy.
        (_, Cow::Owned(Value::String(s))) => match refuse_before_normalising(f, &s) {
            Some(p) => return refused(Value::String(s), p),
            None => normalize_owned_text(s),
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
pub(super) fn check_non_text(f: &Field, raw: &Value) -> State {
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

pub(super) fn check_number(
    raw: &Value,
    min: Option<f64>,
    max: Option<f64>,
    integer: bool,
) -> State {
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
pub(super) fn parse_number(t: &str) -> Option<f64> {
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

pub(super) fn select_value(options: &SelectOptions, v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => normalize_text(s),
        Value::Number(n) => Value::Number(*n).serialize_to_string().unwrap_or_default(),
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

pub(super) fn check_select_one(options: &SelectOptions, raw: &Value) -> State {
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
    pub(super) fn serialize_to_string(&self) -> Option<String> {
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

pub(super) fn check_attachment(
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

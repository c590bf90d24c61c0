//! Text values: normalisation (NFC, spaces) with fast paths for text already normal, the
//! one-pass scan of a text or name, the checks of each text-like type, e-mail addresses.

use chrono::Datelike;

use super::partial_dates::{format_partial_date, is_formatted_partial_date, parse_partial_date};
use super::{State, ValidateOptions};
use crate::datetime::format_date_for_people;
use crate::forms::schema::{DateBound, Field, Kind, PhoneAccept};
use crate::forms::value::Value;
use crate::forms::Problem;
use crate::identifiers::{self, IdInfo, IdKind, IdOptions, PhoneKind};
use crate::Result;

/// NFC + trim + collapse, with a fast path for text that is already normal (the usual case:
/// the NFC quick check is much cheaper than composing).
pub(super) fn normalize_text(s: &str) -> String {
    if is_normal_text(s) {
        s.to_string()
    } else {
        crate::text::normalize(s)
    }
}

/// [`normalize_text`] of a string the caller gives away: no copy when it is already normal.
pub(super) fn normalize_owned_text(s: String) -> String {
    if is_normal_text(&s) {
        s
    } else {
        crate::text::normalize(&s)
    }
}

/// Precomposed Latin letters (Latin-1 Supplement, Latin Extended-A and -B, Latin Extended
/// Additional: every Vietnamese letter) are NFC starters (quick check Yes, combining class 0;
/// the unit test checks every one), and none is a space.
pub(super) fn is_precomposed_latin(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// True when `s` is NFC, without leading, trailing or repeated spaces or other white space
/// (what [`crate::text::is_normalized`] says, with a shortcut for ASCII and Vietnamese letters).
pub(super) fn is_normal_text(s: &str) -> bool {
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
pub(super) fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if is_precomposed_latin(c) {
        c != '\u{D7}' && c != '\u{F7}'
    } else {
        c.is_alphabetic()
    }
}

pub(super) fn char_len(s: &str) -> u32 {
    s.chars().count().min(u32::MAX as usize) as u32
}

/// What the text and name checks need to know of a value, from one pass over its chars.
#[derive(Debug, PartialEq)]
pub(super) struct TextScan {
    /// The number of chars.
    pub(super) chars: u32,
    /// Every char may be in a name: a letter, a space, `'`, `’` or `-`.
    pub(super) name_chars: bool,
    /// At least one letter.
    pub(super) letter: bool,
    /// Worth the legacy-encoding detection (see [`legacy_warning`]).
    pub(super) legacy: bool,
}

impl TextScan {
    pub(super) fn of(s: &str) -> TextScan {
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
    pub(super) fn of_normal(s: &str) -> Option<TextScan> {
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
    pub(super) fn legacy_warning(&self, s: &str) -> Option<Problem> {
        if self.legacy {
            legacy_warning(s)
        } else {
            None
        }
    }
}

pub(super) fn legacy_warning(s: &str) -> Option<Problem> {
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
pub(super) fn check_string(
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
        } => match parse_partial_date(&norm, *precision) {
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
                        st.problems
                            .push(Problem::DateTooEarly(format_date_for_people(bound(m))));
                    }
                }
                if let Some(m) = max.as_ref() {
                    if d.first > bound(m) {
                        st.problems.push(if *m == DateBound::Today {
                            Problem::FutureDate
                        } else {
                            Problem::DateTooLate(format_date_for_people(bound(m)))
                        });
                    }
                }
                // The text as typed when it is already the canonical form (no copy).
                st.value = Value::String(if is_formatted_partial_date(&d, &norm) {
                    norm
                } else {
                    format_partial_date(&d)
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
pub(super) fn normalize_email(s: String) -> Result<String, String> {
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

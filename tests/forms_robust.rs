//! Hostile values and schemas: long and odd text stays linear, schemas above the stated limits
//! are refused with a `Limit` error, select lookups do not depend on the number of options.
//!
//! Time bounds are generous (a debug build on a shared machine) and growth is compared as a
//! ratio of the best of a few runs, never as a micro-benchmark.
#![cfg(not(target_arch = "wasm32"))]

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use serde_json::json;
use tthc::forms::*;
use tthc::ErrorKind;

fn opts() -> ValidateOptions<'static> {
    ValidateOptions::new(NaiveDate::from_ymd_opt(2026, 1, 15).unwrap())
}

/// The best timings of `small` and of `large`, run in turns (so that other work on the machine
/// weighs on both alike).
fn best_of_both(
    rounds: usize,
    mut small: impl FnMut(),
    mut large: impl FnMut(),
) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let t = Instant::now();
        small();
        best.0 = best.0.min(t.elapsed());
        let t = Instant::now();
        large();
        best.1 = best.1.min(t.elapsed());
    }
    best
}

/// Marks of two combining classes, alternating: every one of the second class must move past
/// all of the first in canonical ordering (what made an insertion sort quadratic).
fn alternating_marks(bytes: usize) -> String {
    let mut s = String::from("a");
    while s.len() < bytes {
        s.push('\u{301}'); // class 230
        s.push('\u{323}'); // class 220
    }
    s
}

fn one_mib_values() -> Vec<(&'static str, String)> {
    const MIB: usize = 1 << 20;
    vec![
        ("alternating marks", alternating_marks(MIB)),
        ("one mark", format!("a{}", "\u{301}".repeat(MIB / 2))),
        (
            "marks beyond the small tables",
            format!("α{}", "\u{5b0}\u{5b1}".repeat(MIB / 4)),
        ),
        ("plain", "a".repeat(MIB)),
        ("spaces", " a ".repeat(MIB / 3)),
        ("vietnamese", "Nguyễn Văn Ánh ".repeat(MIB / 20)),
    ]
}

fn validator() -> FormValidator {
    FormValidator::new(&json!({"fields": [
        {"name": "short", "type": "text", "label": "Ngắn", "maxLength": 500},
        {"name": "free", "type": "text", "label": "Tự do"},
        {"name": "pat", "type": "text", "label": "Mẫu", "pattern": "[\\p{L} ]*"},
        {"name": "name", "type": "name", "label": "Họ và tên"},
        {"name": "email", "type": "email", "label": "Thư"},
        {"name": "phone", "type": "phone", "label": "Điện thoại"},
        {"name": "id", "type": "citizenId", "label": "Số định danh"},
        {"name": "date", "type": "date", "label": "Ngày"},
        {"name": "sel", "type": "select", "label": "Chọn", "options": ["a", "b"]},
        {"name": "prov", "type": "province", "label": "Tỉnh"}
    ]}))
    .unwrap()
}

const FIELDS: [&str; 10] = [
    "short", "free", "pat", "name", "email", "phone", "id", "date", "sel", "prov",
];

/// A 1 MiB value of any kind is refused (`tooLong`) within seconds even on a busy machine (a quadratic step would take minutes), in every field,
/// through both the borrowed and the owned path.
#[test]
fn one_mib_values_are_refused_quickly() {
    let v = validator();
    for (what, s) in one_mib_values() {
        for field in FIELDS {
            let mut values = FormValues::default();
            values.set(field, Value::String(s.clone()));
            let t = Instant::now();
            let r = v.validate(&values, &opts());
            let slots: Vec<Value> = FIELDS
                .iter()
                .map(|f| {
                    if *f == field {
                        Value::String(s.clone())
                    } else {
                        Value::Null
                    }
                })
                .collect();
            let owned = v.validate_values(slots, &opts());
            let took = t.elapsed();
            assert!(took < Duration::from_secs(5), "{what} in {field}: {took:?}");
            let issue = r.errors.iter().find(|e| e.field == field).unwrap();
            assert_eq!(issue.code, "tooLong", "{what} in {field}");
            assert_eq!(owned.errors, r.errors, "{what} in {field}");
        }
    }
}

/// The message of the cap states the field's own maximum when it has one, else the cap.
#[test]
fn the_value_cap_is_stated() {
    let v = validator();
    let long = "x".repeat(MAX_VALUE_CHARS + 1);
    let r = v.validate(
        &FormValues::from_json(&json!({"short": long, "free": long}).to_string()).unwrap(),
        &opts(),
    );
    assert!(r.errors[0].message.contains("500"), "{:?}", r.errors[0]);
    assert!(
        r.errors[1].message.contains(&MAX_VALUE_CHARS.to_string()),
        "{:?}",
        r.errors[1]
    );
    // Exactly at the cap is measured as usual.
    let at = "x".repeat(MAX_VALUE_CHARS);
    let r = v.validate(
        &FormValues::from_json(&json!({ "free": at }).to_string()).unwrap(),
        &opts(),
    );
    assert!(r.valid, "{:?}", r.errors);
}

/// Values under the cap with long runs of combining marks are normalised in linear time: the
/// issue's 50,000 marks under `maxLength: 500` (3.7 s before), in every field.
#[test]
fn long_mark_runs_under_the_cap_are_quick() {
    let v = validator();
    for s in [
        alternating_marks(2 * 50_000),
        format!("a{}", "\u{301}".repeat(50_000)),
        format!("Nguyễn{}", "\u{323}\u{302}\u{301}".repeat(20_000)),
    ] {
        for field in FIELDS {
            let mut values = FormValues::default();
            values.set(field, Value::String(s.clone()));
            let t = Instant::now();
            let r = v.validate(&values, &opts());
            assert!(
                t.elapsed() < Duration::from_secs(5),
                "{field}: {:?}",
                t.elapsed()
            );
            if field == "short" {
                assert_eq!(r.errors[0].code, "tooLong");
            }
        }
    }
}

/// `maxLength` is judged before normalising when the value is surely longer: plain text far
/// over the limit is refused without composing it.
#[test]
fn max_length_before_normalising() {
    let v = validator();
    // Not normal (a double space), 60,000 letters: over 500 whatever normalising does.
    let s = format!("{}  x", "Nguyễn".repeat(10_000));
    let r = v.validate(
        &FormValues::from_json(&json!({ "short": s, "name": s }).to_string()).unwrap(),
        &opts(),
    );
    assert_eq!(r.errors[0].code, "tooLong");
    assert_eq!(r.errors[1].code, "tooLong");
    // Spaces and marks that normalising removes or composes do not count against the limit.
    let s = format!("{}{}", " ".repeat(2_000), "e\u{302}\u{301}".repeat(400));
    let r = v.validate(
        &FormValues::from_json(&json!({ "short": s }).to_string()).unwrap(),
        &opts(),
    );
    assert!(r.valid, "{:?}", r.errors);
    assert_eq!(
        r.values.get("short").and_then(Value::as_str),
        Some("ế".repeat(400).as_str())
    );
}

/// crate::text on 1 MiB of marks and of plain text: a few seconds at most in a debug build on a
/// busy machine (a quadratic pass would take minutes); the growth test below checks linearity.
#[test]
fn text_normalisation_of_one_mib() {
    for (what, s) in one_mib_values() {
        let timed = |f: &dyn Fn(&str) -> usize| {
            let t = Instant::now();
            let n = f(&s);
            let took = t.elapsed();
            assert!(took < Duration::from_secs(5), "{what}: {took:?}");
            n
        };
        assert!(timed(&|s| tthc::text::normalize(s).len()) > 0);
        timed(&|s| usize::from(tthc::text::is_normalized(s)));
        timed(&|s| tthc::text::nf::nfd(s).len());
        timed(&|s| tthc::text::nf::nfc(s).len());
        timed(&|s| tthc::text::fold(s).len());
    }
    // Canonical order: every 220 mark before every 230 mark after the base.
    let n = tthc::text::nf::nfd(&alternating_marks(1000)).into_owned();
    let tail: Vec<char> = n.chars().skip(1).collect();
    assert!(tail
        .windows(2)
        .all(|w| !(w[0] == '\u{301}' && w[1] == '\u{323}')));
}

/// Four times the input takes less than eight times as long (the best of several runs each): a
/// linear pass takes about 4×, a quadratic one 16×, so the margin absorbs a busy machine.
#[test]
fn text_normalisation_grows_linearly() {
    for (what, make) in [
        (
            "alternating marks",
            alternating_marks as fn(usize) -> String,
        ),
        ("vietnamese", |n: usize| "ă  ".repeat(n / 4)),
        ("marks beyond the small tables", |n: usize| {
            format!("α{}", "\u{5b0}\u{5b1}".repeat(n / 4))
        }),
    ] {
        let (small, large) = (make(32 << 10), make(128 << 10));
        let (t_small, t_large) = best_of_both(
            9,
            || drop(tthc::text::normalize(&small)),
            || drop(tthc::text::normalize(&large)),
        );
        assert!(
            t_large < t_small * 8 + Duration::from_millis(1),
            "{what}: {t_small:?} → {t_large:?}"
        );
    }
    let v = validator();
    let with = |s: String| {
        let mut values = FormValues::default();
        values.set("free", Value::String(s));
        values
    };
    let (small, large) = (
        with(alternating_marks(16 << 10)),
        with(alternating_marks(64 << 10)),
    );
    let (t_small, t_large) = best_of_both(
        9,
        || drop(v.validate(&small, &opts())),
        || drop(v.validate(&large, &opts())),
    );
    assert!(
        t_large < t_small * 8 + Duration::from_millis(1),
        "{t_small:?} → {t_large:?}"
    );
}

fn schema_error(schema: serde_json::Value) -> tthc::Error {
    let t = Instant::now();
    let e = FormValidator::new(&schema).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    e
}

fn text_fields(n: usize, pattern: &str) -> serde_json::Value {
    let fields: Vec<_> = (0..n)
        .map(|i| json!({"name": format!("f{i}"), "type": "text", "label": "x", "pattern": pattern}))
        .collect();
    json!({ "fields": fields })
}

#[test]
fn too_many_fields() {
    let fields: Vec<_> = (0..=MAX_FIELDS)
        .map(|i| json!({"name": format!("f{i}"), "type": "text", "label": "x"}))
        .collect();
    let e = schema_error(json!({ "fields": fields }));
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message_en().contains(&MAX_FIELDS.to_string()), "{e}");
    assert_eq!(e.field(), Some("fields"));
}

#[test]
fn too_many_options() {
    let many: Vec<String> = (0..=MAX_OPTIONS_PER_FIELD).map(|i| i.to_string()).collect();
    let e = schema_error(
        json!({"fields": [{"name": "s", "type": "select", "label": "S", "options": many}]}),
    );
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert_eq!(e.field(), Some("fields[0] (s).options"));
    // Under the limit per field, over it together.
    let each: Vec<String> = (0..MAX_OPTIONS_PER_FIELD).map(|i| i.to_string()).collect();
    let n = MAX_OPTIONS_TOTAL / MAX_OPTIONS_PER_FIELD + 1;
    let fields: Vec<_> = (0..n)
        .map(|i| json!({"name": format!("s{i}"), "type": "select", "label": "S", "options": each}))
        .collect();
    let e = schema_error(json!({ "fields": fields }));
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(
        e.message_en().contains(&MAX_OPTIONS_TOTAL.to_string()),
        "{e}"
    );
    assert_eq!(
        e.field(),
        Some(format!("fields[{}] (s{}).options", n - 1, n - 1).as_str())
    );
}

#[test]
fn patterns_too_long_or_too_large() {
    let long = "a".repeat(MAX_PATTERN_CHARS + 1);
    let e = schema_error(text_fields(1, &long));
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert_eq!(e.field(), Some("fields[0] (f0).pattern"));
    // The issue's schema: 500 fields of \p{L}{1495} (2 GiB and 12 s to compile before).
    let e = schema_error(text_fields(500, r"\p{L}{1495}"));
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert_eq!(e.field(), Some("fields[0] (f0).pattern"));
    assert!(e.message_en().contains("too large"), "{e}");
    // Each one allowed, together too much: refused at the first pattern over the budget.
    let e = schema_error(text_fields(500, r"\p{L}{100}"));
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message_en().contains("together"), "{e}");
    assert!(e.field().unwrap().starts_with("fields["), "{e}");
    // The usual patterns fit in any number.
    let t = Instant::now();
    let v = FormValidator::new(&text_fields(500, r"[\p{L} .'-]+")).unwrap();
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(v.field_count(), 500);
    FormValidator::new(&text_fields(50, r"[\p{L} .'-]{1,100}")).unwrap();
    // Groups nested too deeply.
    let deep = format!(
        "{}a{}",
        "(".repeat(MAX_NESTING + 8),
        ")".repeat(MAX_NESTING + 8)
    );
    assert!(FormValidator::new(&text_fields(1, &deep)).is_err());
}

#[test]
fn schemas_nested_too_deeply() {
    let mut deep = json!(1);
    for _ in 0..MAX_NESTING + 1 {
        deep = json!([deep]);
    }
    let e = schema_error(json!({"fields": [
        {"name": "a", "type": "text", "label": "A"},
        {"name": "b", "type": "text", "label": "B", "requiredIf": {"field": "a", "in": [deep]}}]}));
    assert_eq!(e.kind(), ErrorKind::Limit);
    assert!(e.message_en().contains("nested"), "{e}");
}

/// A value that is not an exact option is looked up in a table, not compared with every
/// option's folded labels (≈ 100 ms a validation with 100 k options before).
#[test]
fn select_lookups_do_not_depend_on_the_number_of_options() {
    let options: Vec<_> = (0..MAX_OPTIONS_PER_FIELD)
        .map(|i| json!({"value": format!("v{i}"), "label": format!("Lựa chọn số {i}"), "labelEn": format!("Choice {i}")}))
        .collect();
    let v = FormValidator::new(&json!({"fields": [
        {"name": "s", "type": "select", "label": "S", "options": options},
        {"name": "m", "type": "select", "label": "M", "multiple": true, "options": options}]}))
    .unwrap();
    let check = |s: serde_json::Value, m: serde_json::Value| {
        v.validate(
            &FormValues::from_json(&json!({ "s": s, "m": m }).to_string()).unwrap(),
            &opts(),
        )
    };
    let t = Instant::now();
    for i in 0..2_000 {
        let r = check(json!(format!("không có {i}")), json!(["khong co", "v1"]));
        assert_eq!(r.errors.len(), 2);
    }
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    // What the lookups find: the exact value, a label or English label folded, in order.
    let r = check(json!("v9999"), json!(["LỰA CHỌN SỐ 7", " choice 8 "]));
    assert!(r.valid, "{:?}", r.errors);
    assert_eq!(r.values.get("s").and_then(Value::as_str), Some("v9999"));
    assert_eq!(
        r.values.get("m"),
        Some(&Value::Array(vec![Value::from("v7"), Value::from("v8")]))
    );
    // The first option in order wins when two fold alike.
    let v = FormValidator::new(&json!({"fields": [{"name": "s", "type": "select", "label": "S",
        "options": [{"value": "1", "label": "Hà Nội"}, {"value": "2", "label": "Ha Noi"}, "ha-noi"]}]}))
    .unwrap();
    let r = v.validate(
        &FormValues::from_json(r#"{"s": "HA NOI"}"#).unwrap(),
        &opts(),
    );
    assert_eq!(r.values.get("s").and_then(Value::as_str), Some("1"));
}

#[cfg(not(miri))]
/// Found by the `schema` fuzz target (`fuzz/regressions/schema-owned-path-too-long-name.bin`): a name over its
/// `maxLength` that is also full of commas was `tooLong` by `validate` but `invalidCharacters` by the owned path
/// the JS fast path takes. Both now refuse it as too long before any other check.
#[test]
fn owned_and_borrowed_paths_agree_on_a_long_odd_name() {
    let data = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fuzz/regressions/schema-owned-path-too-long-name.bin"
    ))
    .unwrap();
    let cut = data.iter().position(|&b| b == 0xff).unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&data[..cut]).unwrap();
    let v = FormValidator::new(&schema).unwrap();
    let vals = FormValues::from_json(&String::from_utf8_lossy(&data[cut + 1..])).unwrap();
    let opts = ValidateOptions::new(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    let r = v.validate(&vals, &opts);
    let owned = v.validate_values(
        v.slots(&vals)
            .into_iter()
            .map(|x| x.cloned().unwrap_or_default())
            .collect(),
        &opts,
    );
    assert_eq!(owned.errors, r.errors);
    assert_eq!(owned.warnings, r.warnings);
    let mother: Vec<&str> = r
        .errors
        .iter()
        .filter(|i| i.field == "motherName")
        .map(|i| i.code.as_str())
        .collect();
    assert_eq!(mother, ["tooLong"]);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    /// Characters from every corner: ASCII, Vietnamese, combining marks of several classes,
    /// other scripts, white space, U+FFFD, astral characters.
    fn any_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => proptest::char::range(' ', '~'),
            2 => proptest::char::range('\u{C0}', '\u{1B0}'),
            2 => proptest::char::range('\u{1EA0}', '\u{1EF9}'),
            3 => proptest::char::range('\u{300}', '\u{36F}'),
            1 => proptest::char::range('\u{591}', '\u{5C7}'),
            1 => proptest::char::range('\u{370}', '\u{3FF}'),
            1 => proptest::char::range('\u{1100}', '\u{11FF}'),
            1 => proptest::char::range('\u{AC00}', '\u{AC20}'),
            1 => Just('\u{FFFD}'),
            1 => prop_oneof![Just(' '), Just('\t'), Just('\u{A0}'), Just('\u{2003}'), Just('\n')],
            1 => proptest::char::any(),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

        /// Any value in any field: no panic, every issue has a known code, and a value with
        /// U+FFFD in a text-like field is never accepted.
        #[test]
        fn the_validator_never_panics(
            chars in proptest::collection::vec(any_char(), 0..3000),
            repeat in 1usize..40,
        ) {
            let s: String = chars.iter().collect::<String>().repeat(repeat);
            let v = validator();
            for field in FIELDS {
                let mut values = FormValues::default();
                values.set(field, Value::String(s.clone()));
                let t = Instant::now();
                let r = v.validate(&values, &opts());
                prop_assert!(t.elapsed() < Duration::from_secs(5), "{field}: {:?}", t.elapsed());
                for i in r.errors.iter().chain(&r.warnings) {
                    prop_assert!(ALL_CODES.contains(&i.code.as_str()), "{}", i.code);
                }
                if s.contains('\u{FFFD}') && field != "sel" {
                    prop_assert!(!r.valid, "{field} accepted U+FFFD");
                }
                let one = v.validate_field(field, &values, &opts()).unwrap();
                let errors: Vec<_> = r.errors.iter().filter(|e| e.field == field).cloned().collect();
                prop_assert_eq!(one.iter().filter(|e| e.severity == Severity::Error).cloned().collect::<Vec<_>>(), errors);
            }
            let n = tthc::text::normalize(&s);
            prop_assert!(tthc::text::is_normalized(&n));
        }
    }
}

//! Form schemas that are refused (each names the field and the problem) and the sentence of
//! every problem code in both languages.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::json;
use tthc::forms::*;

#[test]
fn malformed_schemas_name_the_field_and_the_problem() {
    let cases: Vec<(serde_json::Value, &str, &str)> = vec![
        (json!([]), "schema", "must be a JSON object"),
        (json!({"fields": {}}), "fields", "must be an array"),
        (
            json!({"fields": [], "titel": "x"}),
            "schema.titel",
            "did you mean “title”",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A", "maxLenght": 5}]}),
            "fields[0] (a).maxLenght",
            "did you mean “maxLength”",
        ),
        (
            json!({"fields": [{"name": "a", "type": "txt", "label": "A"}]}),
            "fields[0] (a).type",
            "unknown type “txt”",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text"}]}),
            "fields[0] (a).label",
            "label is missing",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A"}, {"name": "a", "type": "text", "label": "B"}]}),
            "fields[1].name",
            "used twice",
        ),
        (
            json!({"fields": [{"name": "a b", "type": "text", "label": "A"}]}),
            "fields[0].name",
            "may contain only",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A", "pattern": "(["}]}),
            "fields[0] (a).pattern",
            "invalid regular expression",
        ),
        (
            json!({"fields": [{"name": "a", "type": "number", "label": "A", "min": 5, "max": 1}]}),
            "fields[0] (a).min",
            "minimum is greater",
        ),
        (
            json!({"fields": [{"name": "a", "type": "date", "label": "A", "max": "01/02/2020"}]}),
            "fields[0] (a).max",
            "is not a YYYY-MM-DD date",
        ),
        (
            json!({"fields": [{"name": "a", "type": "select", "label": "A", "options": []}]}),
            "fields[0] (a).options",
            "non-empty array",
        ),
        (
            json!({"fields": [{"name": "a", "type": "attachment", "label": "A", "accept": ["exe"]}]}),
            "fields[0] (a).accept[0]",
            "unknown file type “exe”",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A", "requiredIf": {"field": "zz"}}]}),
            "fields[0] (a).requiredIf.field",
            "no field named “zz”",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A", "required": "yes"}]}),
            "fields[0] (a).required",
            "must be true or false",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A"}], "rules": [{"rule": "age", "field": "a", "min": 18}]}),
            "rules[0].field",
            "must be a field of type date",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A"}], "rules": [{"rule": "sameAs"}]}),
            "rules[0].rule",
            "unknown rule “sameAs”",
        ),
        (
            json!({"fields": [{"name": "a", "type": "text", "label": "A"}], "rules": [{"rule": "oneOfRequired", "fields": ["a"]}]}),
            "rules[0].fields",
            "at least 2",
        ),
    ];
    for (schema, path, words) in cases {
        let e = FormValidator::new(&schema).unwrap_err();
        assert_eq!(e.kind(), tthc::ErrorKind::Schema);
        assert_eq!(e.field(), Some(path), "{schema}");
        assert!(
            e.message_en().contains(words),
            "{schema}: {}",
            e.message_en()
        );
        assert!(
            e.message().starts_with("Biểu mẫu không hợp lệ tại"),
            "{}",
            e.message()
        );
    }
    assert!(FormValidator::from_json("{")
        .unwrap_err()
        .message_en()
        .contains("not valid JSON"));
    // Extension keys x-… are allowed.
    assert!(FormValidator::new(
        &json!({"fields": [{"name": "a", "type": "text", "label": "A", "x-ui": 1}]})
    )
    .is_ok());
}

fn one_of_each() -> Vec<Problem> {
    vec![
        Problem::Required,
        Problem::WrongType(Expected::Text),
        Problem::TooShort(3),
        Problem::TooLong(100),
        Problem::TooSmall(1.0),
        Problem::TooLarge(10.0),
        Problem::NotInteger,
        Problem::PatternMismatch(None),
        Problem::InvalidFormat("ví dụ", "example"),
        Problem::InvalidCharacters,
        Problem::InvalidCharacter,
        Problem::InvalidDate,
        Problem::DateTooEarly("01/01/1900".into()),
        Problem::DateTooLate("31/12/2030".into()),
        Problem::FutureDate,
        Problem::InvalidEmail,
        Problem::NotAnOption,
        Problem::MustBeChecked,
        Problem::WrongLength(&[10, 12, 13]),
        Problem::Checksum,
        Problem::UnknownProvince("003".into()),
        Problem::InvalidCenturyDigit(5),
        Problem::FutureBirthYear(2030),
        Problem::InvalidSerial,
        Problem::UnknownPrefix,
        Problem::OldMobileNumber("0362345678".into()),
        Problem::ObsoletePostalCode,
        Problem::UnknownCommune("99999".into()),
        Problem::CommuneNotInProvince("Tỉnh Hà Tĩnh".into()),
        Problem::OldUnit(None),
        Problem::MissingAttachment,
        Problem::FileTooLarge(5 << 20),
        Problem::FileTypeNotAllowed("pdf, jpg".into()),
        Problem::FileTypeMismatch("png"),
        Problem::FileContentNotOfType("pdf"),
        Problem::TooManyFiles(1),
        Problem::EmptyFile,
        Problem::BirthYearMismatch(1990, 1991),
        Problem::SexMismatch,
        Problem::DateOrder("Ngày sinh".into()),
        Problem::TooYoung(18),
        Problem::TooOld(60),
        Problem::OneOfRequired("“A”, “B”".into()),
        Problem::ForeignBirthPrefix("999".into()),
        Problem::CarrierUncertain("087".into()),
        Problem::LegacyEncoding("vni", "Nguyễn".into()),
        Problem::ObsoleteIdCard,
        Problem::UnusualFormat,
        Problem::UnknownBenefitGroup("ZZ".into()),
    ]
}

#[test]
fn every_code_has_a_sentence_in_both_languages() {
    let all = one_of_each();
    let mut got: Vec<&str> = all.iter().map(Problem::code).collect();
    // (two problems share `fileTypeMismatch`: another type, or no type the name's)
    got.dedup();
    assert_eq!(got, ALL_CODES.to_vec());
    for p in &all {
        let vi = p.message(Locale::Vi, "Nhãn");
        let en = p.message(Locale::En, "Label");
        for (m, label) in [(&vi, "Nhãn"), (&en, "Label")] {
            assert!(m.ends_with('.') || m.ends_with('?'), "{m}");
            assert!(
                m.chars().next().unwrap().is_uppercase() || m.starts_with('“'),
                "{m}"
            );
            if !matches!(p, Problem::OneOfRequired(_)) {
                assert!(m.contains(label), "{} {m}", p.code());
            }
        }
        assert_ne!(vi, en);
    }
    // The docs list every code.
    let docs = include_str!("../docs/forms.md");
    for c in ALL_CODES {
        assert!(docs.contains(&format!("`{c}`")), "docs/forms.md lacks {c}");
    }
}

//! Criterion benchmarks of the forms area: the 25-field judicial-record form
//! (`assets/forms/ly-lich-tu-phap.json`), one keystroke, identifier checks.
//!
//! `cargo bench --bench forms` — current numbers in BENCHMARKS.md.
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use tthc::forms::{FormValidator, FormValues, ValidateOptions, Value};

const LLTP: &str = include_str!("../assets/forms/ly-lich-tu-phap.json");
/// The form and samples of the Chromium benchmark (`bench/forms-spec.mjs`).
const JS_FORM: &str = include_str!("forms-bench-form.json");

const VALUES: &str = r#"{
  "fullName": "Nguyễn Thị Hoà", "otherName": "", "sex": "female", "birthDate": "12/03/1991",
  "birthPlace": "Thành phố Vinh, Nghệ An", "nationality": "Việt Nam", "ethnicity": "Kinh",
  "citizenId": "040 191 012345", "idIssueDate": "2021-05-10",
  "idIssuePlace": "Cục Cảnh sát quản lý hành chính về trật tự xã hội", "province": "40",
  "commune": "16681", "address": "Số 5, đường Lê Lợi", "phone": "0912 345 678",
  "email": "hoa.nguyen@example.vn", "fatherName": "Nguyễn Văn An", "motherName": "Lê Thị Bình",
  "spouseName": "", "certificateType": "1", "purpose": "Bổ sung hồ sơ xin việc", "copies": 1,
  "deliveryMethod": "postal",
  "idCardCopy": { "name": "cccd.pdf", "size": 120000, "head": [37, 80, 68, 70, 45, 49, 46, 55] },
  "residenceProof": null, "commitment": true
}"#;

fn bench(c: &mut Criterion) {
    let today = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let opts = ValidateOptions::new(today);
    let v = FormValidator::from_json(LLTP).unwrap();
    let values = FormValues::from_json(VALUES).unwrap();
    assert!(v.validate(&values, &opts).valid);

    c.bench_function("compile 25-field schema", |b| {
        b.iter(|| FormValidator::from_json(black_box(LLTP)).unwrap())
    });
    c.bench_function("validate 25-field form", |b| {
        b.iter(|| v.validate(black_box(&values), &opts))
    });
    c.bench_function("validate 25-field form incl. JSON values parse", |b| {
        b.iter(|| {
            let vals = FormValues::from_json(black_box(VALUES)).unwrap();
            v.validate(&vals, &opts)
        })
    });
    c.bench_function(
        "validate 25-field form, JSON in and out (the JS path)",
        |b| {
            b.iter(|| {
                let vals = FormValues::from_json(black_box(VALUES)).unwrap();
                serde_json::to_string(&v.validate(&vals, &opts)).unwrap()
            })
        },
    );
    // The Chromium benchmark's form, values already in schema order (what the JS fast path does
    // after unpacking): the core's share of `validate` in the browser.
    let js: serde_json::Value = serde_json::from_str(JS_FORM).unwrap();
    let jv = FormValidator::new(&js["schema"]).unwrap();
    let jopts = ValidateOptions::new(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    for (i, want) in [(0, true), (1, false)] {
        let sample = FormValues::from_json(&js["samples"][i].to_string()).unwrap();
        let ordered: Vec<Value> = jv
            .slots(&sample)
            .into_iter()
            .map(|v| v.cloned().unwrap_or_default())
            .collect();
        assert_eq!(jv.validate(&sample, &jopts).valid, want);
        let name = format!("validate_slots bench form, sample {i} (valid: {want})");
        c.bench_function(&name, |b| {
            b.iter(|| {
                let slots: Vec<Option<&Value>> = black_box(&ordered).iter().map(Some).collect();
                jv.validate_slots(&slots, &jopts)
            })
        });
        // The JS fast path: the values are built from the packed text, then given away.
        let name = format!("validate_values bench form incl. building the values, sample {i}");
        c.bench_function(&name, |b| {
            b.iter(|| jv.validate_values(black_box(&ordered).clone(), &jopts))
        });
    }
    c.bench_function("validateField citizenId (keystroke)", |b| {
        b.iter(|| {
            v.validate_field(black_box("citizenId"), &values, &opts)
                .unwrap()
        })
    });
    c.bench_function("checkTaxCode 13 digits", |b| {
        b.iter(|| tthc::identifiers::check_tax_code(black_box("0314409058-002"), today))
    });
    c.bench_function("checkCitizenId", |b| {
        b.iter(|| tthc::identifiers::check_citizen_id(black_box("040 191 012345"), today))
    });
    c.bench_function("checkPhone +84", |b| {
        b.iter(|| tthc::identifiers::check_phone(black_box("+84 912 345 678")))
    });
    c.bench_function("communes(40)", |b| {
        b.iter(|| tthc::units::communes(black_box("40")).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

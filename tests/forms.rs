//! Form validation: the sample procedure forms, normalisation, cross-field rules,
//! wrong value types, legacy text (refused schemas and the problem sentences: forms_schema.rs).
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use serde_json::json;
use tthc::forms::*;

const LLTP: &str = include_str!("../assets/forms/ly-lich-tu-phap.json");
const GPLX: &str = include_str!("../assets/forms/doi-giay-phep-lai-xe.json");
const HKD: &str = include_str!("../assets/forms/dang-ky-ho-kinh-doanh.json");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

fn opts() -> ValidateOptions<'static> {
    ValidateOptions::new(today())
}

fn values(v: serde_json::Value) -> FormValues {
    FormValues::from_json(&v.to_string()).unwrap()
}

fn lltp_values() -> serde_json::Value {
    json!({
        "fullName": "Nguyễn Thị Hoà",
        "sex": "female",
        "birthDate": "12/03/1991",
        "birthPlace": "Thành phố Vinh, Nghệ An",
        "nationality": "Việt Nam",
        "ethnicity": "Kinh",
        "citizenId": "040 191 012345",
        "idIssueDate": "2021-05-10",
        "idIssuePlace": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
        "province": "40",
        "commune": "16681",
        "address": "Số 5, đường Lê Lợi",
        "phone": "0912 345 678",
        "email": "",
        "fatherName": "Nguyễn Văn An",
        "motherName": "Lê Thị Bình",
        "certificateType": "1",
        "purpose": "Bổ sung hồ sơ xin việc",
        "copies": 1,
        "deliveryMethod": "postal",
        "idCardCopy": { "name": "cccd.pdf", "size": 120000, "type": "application/pdf", "head": [37, 80, 68, 70, 45, 49, 46, 55] },
        "commitment": true
    })
}

fn codes(issues: &[FieldIssue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.field.as_str(), i.code.as_str()))
        .collect()
}

#[test]
fn sample_forms_compile() {
    for s in [LLTP, GPLX, HKD] {
        let v = FormValidator::from_json(s).unwrap();
        assert!(v.field_names().count() >= 15);
    }
    assert_eq!(
        FormValidator::from_json(LLTP)
            .unwrap()
            .field_names()
            .count(),
        25
    );
}

#[test]
fn a_correct_judicial_record_application_passes_and_is_normalised() {
    let v = FormValidator::from_json(LLTP).unwrap();
    let r = v.validate(&values(lltp_values()), &opts());
    assert!(r.valid, "{:?}", r.errors);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let get = |k: &str| r.values.get(k).cloned().unwrap();
    assert_eq!(get("fullName"), Value::from("NGUYỄN THỊ HOÀ"));
    assert_eq!(get("birthDate"), Value::from("1991-03-12"));
    assert_eq!(get("citizenId"), Value::from("040191012345"));
    assert_eq!(get("phone"), Value::from("0912345678"));
    assert_eq!(get("email"), Value::from(""));
    assert_eq!(get("spouseName"), Value::Null);
    assert_eq!(get("copies"), Value::Number(1.0));
    assert_eq!(get("idCardCopy").get("type"), Some(&Value::from("pdf")));
}

#[test]
fn id_number_against_birth_date_and_sex() {
    let v = FormValidator::from_json(LLTP).unwrap();
    let mut x = lltp_values();
    x["birthDate"] = json!("12/03/1992");
    let r = v.validate(&values(x.clone()), &opts());
    assert_eq!(codes(&r.errors), vec![("citizenId", "birthYearMismatch")]);
    assert_eq!(
        r.errors[0].message,
        "“Số định danh cá nhân” mang năm sinh 1991, không khớp với ngày sinh đã khai (năm 1992)."
    );
    x["birthDate"] = json!("1991-03-12");
    x["sex"] = json!("male");
    let r = v.validate(&values(x.clone()), &opts().with_locale(Locale::En));
    assert_eq!(codes(&r.errors), vec![("citizenId", "sexMismatch")]);
    assert_eq!(
        r.errors[0].message,
        "“Personal identification number” does not match the sex given."
    );
    // The select's label works as a value too ("Nữ" → "female").
    x["sex"] = json!("Nữ");
    let r = v.validate(&values(x), &opts());
    assert!(r.valid, "{:?}", r.errors);
    assert_eq!(r.values.get("sex"), Some(&Value::from("female")));
}

#[test]
fn dates_ages_and_one_of() {
    let v = FormValidator::from_json(LLTP).unwrap();
    let mut x = lltp_values();
    x["idIssueDate"] = json!("1990-01-01");
    x["phone"] = json!("");
    let r = v.validate(&values(x.clone()), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![("idIssueDate", "dateOrder"), ("phone", "oneOfRequired")]
    );
    assert_eq!(
        r.errors[0].message,
        "“Ngày cấp thẻ căn cước” phải sau “Ngày, tháng, năm sinh”."
    );
    assert_eq!(
        r.errors[1].message,
        "Vui lòng nhập ít nhất một trong các mục: “Số điện thoại”, “Thư điện tử”."
    );
    // A 10-year-old: too young for this form (min 14); today is honoured.
    x = lltp_values();
    x["birthDate"] = json!("2016-01-10");
    x["citizenId"] = json!("040316012345");
    x["idIssueDate"] = json!("2024-01-01");
    let r = v.validate(&values(x.clone()), &opts());
    assert_eq!(codes(&r.errors), vec![("birthDate", "tooYoung")]);
    let later = ValidateOptions::new(NaiveDate::from_ymd_opt(2030, 1, 10).unwrap());
    assert!(v.validate(&values(x.clone()), &later).valid);
    // Future dates.
    x["idIssueDate"] = json!("2026-01-16");
    let r = v.validate(&values(x), &opts());
    assert!(codes(&r.errors).contains(&("idIssueDate", "futureDate")));
}

#[test]
fn required_if_and_attachments() {
    let v = FormValidator::from_json(GPLX).unwrap();
    let pdf = json!({"name": "kham-suc-khoe.pdf", "size": 300000, "head": [37, 80, 68, 70, 45]});
    let jpg = json!({"name": "anh.jpg", "size": 150000, "head": [255, 216, 255, 224]});
    let base = json!({
        "fullName": "Trần Văn Bình", "birthDate": "1985-07-01", "sex": "Nam",
        "citizenId": "040085001234", "licenceNumber": "400123456789", "licenceClass": ["B", "a1"],
        "reason": "foreign", "healthCertificate": pdf, "photo": jpg, "phone": "0912345678",
        "province": "Nghệ An", "commune": "Phường Thành Vinh", "deliveryMethod": "postal"
    });
    let r = v.validate(&values(base.clone()), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![
            ("foreignLicence", "missingAttachment"),
            ("postalAddress", "required")
        ]
    );
    assert_eq!(
        r.values.get("licenceClass"),
        Some(&Value::Array(vec!["B".into(), "A1".into()]))
    );
    assert_eq!(r.values.get("province"), Some(&Value::from("40")));
    assert_eq!(r.values.get("commune"), Some(&Value::from("16681")));

    let mut x = base.clone();
    x["reason"] = json!("expired");
    x["deliveryMethod"] = json!("direct");
    // A PNG renamed .jpg, an oversized PDF, a ZIP where only images are allowed.
    x["photo"] =
        json!({"name": "anh.jpg", "size": 1000, "head": [137, 80, 78, 71, 13, 10, 26, 10]});
    x["healthCertificate"] = json!({"name": "a.pdf", "size": 6_000_000, "head": [37, 80, 68, 70]});
    let r = v.validate(&values(x.clone()), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![
            ("healthCertificate", "fileTooLarge"),
            ("photo", "fileTypeMismatch")
        ]
    );
    assert_eq!(r.errors[0].message, "Tệp đính kèm của “Giấy khám sức khỏe của người lái xe” vượt quá dung lượng cho phép (5 MB).");
    x["healthCertificate"] = json!({"name": "a.zip", "size": 10, "head": [80, 75, 3, 4]});
    x["photo"] = json!([jpg, jpg]);
    let r = v.validate(&values(x.clone()), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![
            ("healthCertificate", "fileTypeNotAllowed"),
            ("photo", "tooManyFiles")
        ]
    );
    x["photo"] = json!({"name": "anh.jpg", "size": 0});
    x["phone"] = json!("02383844123");
    let r = v.validate(&values(x), &opts());
    assert!(codes(&r.errors).contains(&("photo", "emptyFile")));
    assert!(codes(&r.errors).contains(&("phone", "invalidFormat")));
}

#[test]
fn household_business_and_units() {
    let v = FormValidator::from_json(HKD).unwrap();
    let x = json!({
        "businessName": "Tạp hoá Minh Châu", "province": "40", "commune": "00004",
        "street": "Xóm 3", "postalCode": "431000", "phone": "0238.3844.123", "businessLines": "Bán lẻ",
        "capital": "150.000.000", "employees": "2,5", "ownerName": "Lê Minh Châu", "ownerSex": "female",
        "ownerBirthDate": "1979", "ownerId": "040179001234", "taxCode": "040179001234",
        "memberIds": "040179001234; 040180001234", "commitment": "on"
    });
    let r = v.validate(&values(x), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![
            ("commune", "communeNotInProvince"),
            ("postalCode", "obsoletePostalCode"),
            ("employees", "notInteger"),
            ("ownerBirthDate", "invalidDate"),
        ]
    );
    assert_eq!(r.values.get("capital"), Some(&Value::Number(150_000_000.0)));
    assert_eq!(
        r.errors[0].message,
        "“Xã, phường nơi đặt trụ sở” thuộc Thành phố Hà Nội, không thuộc tỉnh, thành phố đã chọn."
    );
}

#[test]
fn unknown_and_old_units() {
    let schema = json!({"fields": [
        {"name": "p", "type": "province", "label": "Tỉnh"},
        {"name": "c", "type": "commune", "label": "Xã", "provinceField": "p"}]});
    let v = FormValidator::new(&schema).unwrap();
    let r = v.validate(&values(json!({"p": "02", "c": "99999"})), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![("p", "oldUnit"), ("c", "unknownCommune")]
    );
    let r = v.validate(&values(json!({"p": "03"})), &opts());
    assert_eq!(codes(&r.errors), vec![("p", "unknownProvince")]);
    // With the pre-2025 data loaded, an old ward code says where it went.
    let legacy =
        tthc::units::legacy::LegacyUnits::parse(include_bytes!("../assets/units/legacy-2025.txt"))
            .unwrap();
    let o = ValidateOptions {
        legacy: Some(&legacy),
        ..opts()
    };
    let r = v.validate(&values(json!({"p": "40", "c": "16672"})), &o);
    assert_eq!(codes(&r.errors), vec![("c", "oldUnit")]);
    assert!(
        r.errors[0]
            .message
            .contains("Phường Thành Vinh (Tỉnh Nghệ An)"),
        "{}",
        r.errors[0].message
    );
}

#[test]
fn nfd_input_is_normalised_and_measured_in_characters() {
    let schema = json!({"fields": [
        {"name": "n", "type": "name", "label": "Họ và tên", "maxLength": 12},
        {"name": "t", "type": "text", "label": "Ghi chú", "maxLength": 5, "pattern": "\\w+"}]});
    let v = FormValidator::new(&schema).unwrap();
    // "Nguyễn Thị" typed in NFD (ễ = e + U+0302 + U+0303) with stray spaces: 10 characters.
    let nfd = "  Nguye\u{302}\u{303}n   Thi\u{323} ";
    let r = v.validate(
        &values(json!({"n": nfd, "t": "Nghe\u{323}\u{302}"})),
        &opts(),
    );
    assert!(r.valid, "{:?}", r.errors);
    assert_eq!(r.values.get("n"), Some(&Value::from("Nguyễn Thị")));
    assert_eq!(r.values.get("t"), Some(&Value::from("Nghệ")));
    // Unicode \w accepts Vietnamese letters; digits in a name don't pass.
    let r = v.validate(&values(json!({"n": "Nguyễn 2", "t": "Nghệ An"})), &opts());
    assert_eq!(
        codes(&r.errors),
        vec![("n", "invalidCharacters"), ("t", "tooLong")]
    );
    let r = v.validate(&values(json!({"n": "H'Hen Niê", "t": "a-b"})), &opts());
    assert_eq!(codes(&r.errors), vec![("t", "patternMismatch")]);
}

#[test]
fn legacy_text_is_a_suggestion_not_a_change() {
    let schema = json!({"fields": [
        {"name": "n", "type": "name", "label": "Họ và tên"},
        {"name": "a", "type": "text", "label": "Địa chỉ"},
        {"name": "w", "type": "text", "label": "Xã"}]});
    let v = FormValidator::new(&schema).unwrap();
    let r = v.validate(
        &values(json!({"n": "Nguyeãn Vaên Nam", "a": "NghÖ An", "w": "Tiêìp nhâòn"})),
        &opts(),
    );
    assert!(r.valid);
    assert_eq!(r.values.get("a"), Some(&Value::from("NghÖ An")));
    let sug: Vec<(&str, Option<&str>)> = r
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.suggestion.as_deref()))
        .collect();
    assert_eq!(
        sug,
        vec![
            ("legacyEncoding", Some("Nguyễn Văn Nam")),
            ("legacyEncoding", Some("Nghệ An")),
            ("legacyEncoding", Some("Tiếp nhận")),
        ]
    );
    assert_eq!(r.warnings[1].severity, Severity::Warning);
    assert_eq!(
        r.warnings[1].message,
        "“Địa chỉ” có vẻ được gõ bằng bảng mã cũ (tcvn3); có phải là “Nghệ An”?"
    );
}

#[test]
fn foreign_birth_prefix_is_a_warning_on_a_permissive_field() {
    let v = FormValidator::from_json(GPLX).unwrap();
    let r = v
        .validate_field(
            "citizenId",
            &values(json!({"citizenId": "999085001234"})),
            &opts(),
        )
        .unwrap();
    assert_eq!(r.len(), 1);
    assert_eq!(
        (r[0].code.as_str(), r[0].severity),
        ("foreignBirthPrefix", Severity::Warning)
    );
    let v = FormValidator::from_json(LLTP).unwrap();
    let r = v
        .validate_field(
            "citizenId",
            &values(json!({"citizenId": "999085001234"})),
            &opts(),
        )
        .unwrap();
    assert_eq!(r[0].code, "unknownProvince");
}

#[test]
fn validate_field_reports_one_field_with_its_rules() {
    let v = FormValidator::from_json(LLTP).unwrap();
    let mut x = lltp_values();
    x["birthDate"] = json!("1990-03-12");
    x["fullName"] = json!("");
    let vals = values(x);
    let r = v.validate_field("citizenId", &vals, &opts()).unwrap();
    assert_eq!(codes(&r), vec![("citizenId", "birthYearMismatch")]);
    let r = v.validate_field("fullName", &vals, &opts()).unwrap();
    assert_eq!(codes(&r), vec![("fullName", "required")]);
    assert!(v
        .validate_field("commune", &vals, &opts())
        .unwrap()
        .is_empty());
    let e = v.validate_field("nope", &vals, &opts()).unwrap_err();
    assert_eq!(e.field(), Some("nope"));
    // Field-by-field agrees with the whole form.
    let whole = v.validate(&vals, &opts());
    let mut each = Vec::new();
    for name in v.field_names() {
        each.extend(v.validate_field(name, &vals, &opts()).unwrap());
    }
    let mut a: Vec<_> = whole
        .errors
        .iter()
        .chain(&whole.warnings)
        .cloned()
        .collect();
    a.sort_by(|x, y| (&x.field, &x.code).cmp(&(&y.field, &y.code)));
    each.sort_by(|x, y| (&x.field, &x.code).cmp(&(&y.field, &y.code)));
    assert_eq!(a, each);
}

#[test]
fn wrong_types_are_field_errors_never_crashes() {
    let v = FormValidator::from_json(LLTP).unwrap();
    let x = json!({
        "fullName": 12, "sex": {"a": 1}, "birthDate": true, "citizenId": 40090012345u64,
        "copies": "many", "commitment": "yes", "idCardCopy": "cccd.pdf", "province": [1, 2],
        "phone": null, "email": ["x"]
    });
    let r = v.validate(&values(x), &opts());
    let wrong: Vec<&str> = r
        .errors
        .iter()
        .filter(|e| e.code == "wrongType")
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        wrong,
        vec![
            "fullName",
            "sex",
            "birthDate",
            "citizenId",
            "province",
            "email",
            "copies",
            "idCardCopy",
            "commitment"
        ]
    );
    assert_eq!(
        r.errors[0].message,
        "Giá trị của “Họ và tên” không đúng kiểu: cần chuỗi ký tự."
    );
}

#[test]
fn today_is_honoured_for_id_birth_years() {
    let schema = json!({"fields": [{"name": "id", "type": "citizenId", "label": "Số định danh"}]});
    let v = FormValidator::new(&schema).unwrap();
    let x = values(json!({"id": "040226012345"}));
    assert!(v.validate(&x, &opts()).valid);
    let past = ValidateOptions::new(NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    assert_eq!(v.validate(&x, &past).errors[0].code, "futureBirthYear");
}

#[test]
fn partial_birth_dates_from_civil_records() {
    let schema = json!({"fields": [
        {"name": "b", "type": "date", "precision": "any", "label": "Năm sinh"},
        {"name": "id", "type": "citizenId", "label": "Số định danh"}],
        "rules": [{"rule": "citizenIdMatches", "id": "id", "birthDate": "b"},
                  {"rule": "age", "field": "b", "min": 18}]});
    let v = FormValidator::new(&schema).unwrap();
    let r = v.validate(&values(json!({"b": "1975", "id": "040075001234"})), &opts());
    assert!(r.valid, "{:?}", r.errors);
    assert_eq!(r.values.get("b"), Some(&Value::from("1975")));
    let r = v.validate(
        &values(json!({"b": "03/2008", "id": "040208001234"})),
        &opts(),
    );
    assert_eq!(codes(&r.errors), vec![("b", "tooYoung")]);
    // Born some time in 2008: maybe 17, maybe 18 on 15/01/2026 → not an error.
    let r = v.validate(&values(json!({"b": "2007", "id": "040207001234"})), &opts());
    assert!(r.valid, "{:?}", r.errors);
}

mod props {
    use super::*;
    use proptest::prelude::*;

    fn leaf() -> impl Strategy<Value = serde_json::Value> {
        prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i32>().prop_map(|n| json!(n)),
            (-1e12f64..1e12).prop_map(|n| json!(n)),
            "\\PC{0,24}".prop_map(serde_json::Value::String),
            "[0-9 .+-]{0,16}".prop_map(serde_json::Value::String),
            Just(json!("040191012345")),
            Just(json!("16681")),
            Just(json!({"name": "a.pdf", "size": 10, "head": [37, 80, 68, 70]})),
        ]
    }

    fn value() -> impl Strategy<Value = serde_json::Value> {
        leaf().prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
                prop::collection::btree_map("[a-z]{1,5}", inner, 0..4)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_values_give_field_issues_never_a_panic(vals in prop::collection::vec(value(), 25)) {
            let v = FormValidator::from_json(LLTP).unwrap();
            let names: Vec<String> = v.field_names().map(String::from).collect();
            let obj: serde_json::Map<String, serde_json::Value> =
                names.iter().cloned().zip(vals).collect();
            let values = FormValues::from_json(&serde_json::Value::Object(obj).to_string()).unwrap();
            for locale in [Locale::Vi, Locale::En] {
                let r = v.validate(&values, &opts().with_locale(locale));
                prop_assert_eq!(r.valid, r.errors.is_empty());
                prop_assert_eq!(r.values.0.len(), 25);
                for i in r.errors.iter().chain(&r.warnings) {
                    prop_assert!(ALL_CODES.contains(&i.code.as_str()), "{}", i.code);
                    prop_assert!(names.contains(&i.field));
                    prop_assert!(!i.message.is_empty());
                }
                let mut each = Vec::new();
                for n in &names {
                    each.extend(v.validate_field(n, &values, &opts().with_locale(locale)).unwrap());
                }
                prop_assert_eq!(each.len(), r.errors.len() + r.warnings.len());
            }
        }
    }
}

/// The owned path (`validate_values`, what the JS fast path calls: strings that are already
/// canonical are kept without a copy) gives what the borrowed path (`validate`) gives, for
/// every field of the sample forms and the benchmark form set to tricky values one at a time.
#[test]
fn owned_values_give_what_borrowed_values_give() {
    let bench: serde_json::Value =
        serde_json::from_str(include_str!("../benches/forms-bench-form.json")).unwrap();
    let forms = [
        (FormValidator::from_json(LLTP).unwrap(), lltp_values()),
        (FormValidator::from_json(GPLX).unwrap(), json!({})),
        (FormValidator::from_json(HKD).unwrap(), json!({})),
        (
            FormValidator::new(&bench["schema"]).unwrap(),
            bench["samples"][0].clone(),
        ),
    ];
    let tricky = [
        json!(""),
        json!(" "),
        json!("Nguyễn Văn An"),
        json!(" Nguyễn  Văn An "),
        json!("Nguye\u{0302}\u{0303}n Va\u{0306}n An"),
        json!("NGUYỄN VĂN AN"),
        json!("O'Neil-Trần"),
        json!("Lê Quang Hùng"),
        json!("Sè 5 ®\u{ad}êng Lª Lîi"),
        json!("Xin chaøo caùc baïn"),
        json!("a×b"),
        json!("2026-03-02"),
        json!("2026-3-2"),
        json!("02/03/2026"),
        json!("03/2026"),
        json!("1991"),
        json!("0000-01-01"),
        json!("40"),
        json!("040"),
        json!("4"),
        json!("Nghệ An"),
        json!("tỉnh nghệ an"),
        json!("17611"),
        json!("017611"),
        json!("1761"),
        json!("16681"),
        json!("0912 345 678"),
        json!("0912345678"),
        json!("+84 912 345 678"),
        json!("0084912345678"),
        json!("84912345678"),
        json!("02383844123"),
        json!("0873 456 789"),
        json!("040191012345"),
        json!("040 191 012345"),
        json!("0100233488"),
        json!("0314409058-002"),
        json!("a@example.vn"),
        json!("Ten.Ho@Example.VN"),
        json!("a@UBND.Nghệan.vn"),
        json!("a@b"),
        json!("nam"),
        json!("nu"),
        json!(" nam"),
        json!("Nam"),
        json!("Việt Nam"),
        json!("Vie\u{0323}\u{0302}t Nam"),
        json!("Bưu chính công ích"),
        json!("1"),
        json!("2"),
        json!("true"),
        json!("x\u{2003}y"),
        json!("ok 👍"),
        json!(12),
        json!(true),
        json!(null),
    ];
    let mut n = 0;
    for (v, base) in &forms {
        let names: Vec<String> = v.field_names().map(String::from).collect();
        for name in &names {
            for t in &tricky {
                let mut vals = base.clone();
                vals[name.as_str()] = t.clone();
                let fv = values(vals);
                let borrowed = v.validate(&fv, &opts());
                let ordered: Vec<Value> = v
                    .slots(&fv)
                    .into_iter()
                    .map(|x| x.cloned().unwrap_or_default())
                    .collect();
                let owned = v.validate_values(ordered, &opts());
                let ctx = format!("{name} = {t}");
                assert_eq!(owned.errors, borrowed.errors, "{ctx}");
                assert_eq!(owned.warnings, borrowed.warnings, "{ctx}");
                let bv: Vec<&Value> = names
                    .iter()
                    .map(|k| borrowed.values.get(k).unwrap_or(&Value::Null))
                    .collect();
                assert_eq!(owned.values.iter().collect::<Vec<_>>(), bv, "{ctx}");
                n += 1;
            }
        }
    }
    assert!(n > 3000, "{n}");
}

/// A value with U+FFFD (what the page puts for a lone surrogate, an emoji cut by `slice`) is a
/// field issue `invalidCharacter` in every text-like field, in both languages; the other
/// fields still validate.
#[test]
fn replacement_character_is_an_invalid_character() {
    let v = FormValidator::new(&json!({"fields": [
        {"name": "t", "type": "text", "label": "Nội dung", "labelEn": "Content", "maxLength": 50},
        {"name": "n", "type": "name", "label": "Họ và tên", "labelEn": "Full name"},
        {"name": "e", "type": "email", "label": "Thư điện tử"},
        {"name": "p", "type": "phone", "label": "Điện thoại"},
        {"name": "id", "type": "citizenId", "label": "Số định danh"},
        {"name": "d", "type": "date", "label": "Ngày"},
        {"name": "c", "type": "commune", "label": "Xã"},
        {"name": "ok", "type": "text", "label": "Khác"}]}))
    .unwrap();
    for bad in [
        "Xin chào \u{FFFD}",
        "\u{FFFD}",
        "Nguyễn Văn \u{FFFD}A",
        "  a\u{FFFD}  ",
    ] {
        let mut x = FormValues::default();
        for f in ["t", "n", "e", "p", "id", "d", "c"] {
            x.set(f, Value::from(bad));
        }
        x.set("ok", Value::from("Bình thường"));
        let r = v.validate(&x, &opts());
        assert_eq!(
            codes(&r.errors),
            ["t", "n", "e", "p", "id", "d", "c"]
                .iter()
                .map(|f| (*f, "invalidCharacter"))
                .collect::<Vec<_>>(),
            "{bad:?}"
        );
        assert!(
            r.errors[0].message.contains("chứa ký tự không hợp lệ"),
            "{:?}",
            r.errors[0]
        );
        let en = v.validate(&x, &opts().with_locale(Locale::En));
        assert!(
            en.errors[1]
                .message
                .contains("“Full name” contains an invalid character"),
            "{:?}",
            en.errors[1]
        );
        // validateField of another field is not disturbed.
        assert!(v.validate_field("ok", &x, &opts()).unwrap().is_empty());
        // The owned path says the same.
        let owned = v.validate_values(
            v.slots(&x)
                .into_iter()
                .map(|s| s.cloned().unwrap_or_default())
                .collect(),
            &opts(),
        );
        assert_eq!(owned.errors, r.errors);
    }
}

/// An attachment is accepted only when its content and its extension say the same allowed
/// type: `%PDF` bytes named `.html`, `.pdf.exe`, `.svg` or without an extension are refused
/// (they passed), and a `.pdf` whose bytes are text says the content is not a PDF.
#[test]
fn attachment_content_and_extension_must_agree() {
    let v = FormValidator::new(&json!({"fields": [
        {"name": "f", "type": "attachment", "label": "Tờ khai", "labelEn": "Form", "accept": ["pdf", "image"]},
        {"name": "any", "type": "attachment", "label": "Khác"}]}))
    .unwrap();
    let pdf_head = json!([37, 80, 68, 70, 45, 49, 46, 55]);
    let text_head = json!(b"<html><body>".to_vec());
    let check = |field: &str, name: &str, head: &serde_json::Value| {
        let x = values(json!({ field: {"name": name, "size": 1000, "head": head} }));
        v.validate(&x, &opts()).errors
    };
    for name in [
        "report.html",
        "report.pdf.exe",
        "report.svg",
        "report",
        "report.pdf.",
        "report.zip",
    ] {
        for field in ["f", "any"] {
            let e = check(field, name, &pdf_head);
            assert_eq!(
                codes(&e),
                vec![(field, "fileTypeMismatch")],
                "{name} in {field}"
            );
            assert!(e[0].message.contains("nội dung là pdf"), "{:?}", e[0]);
        }
    }
    for name in ["report.pdf", "REPORT.PDF", "to khai.Pdf"] {
        assert!(check("f", name, &pdf_head).is_empty(), "{name}");
        assert!(check("any", name, &pdf_head).is_empty(), "{name}");
    }
    // Text named .pdf: the content is not a PDF.
    let e = check("f", "report.pdf", &text_head);
    assert_eq!(codes(&e), vec![("f", "fileTypeMismatch")]);
    assert!(
        e[0].message.contains("nội dung tệp không phải là PDF"),
        "{:?}",
        e[0]
    );
    let x = values(json!({"f": {"name": "report.pdf", "size": 1000, "head": text_head}}));
    let en = v.validate(&x, &opts().with_locale(Locale::En)).errors;
    assert!(
        en[0].message.contains("the content is not a PDF"),
        "{:?}",
        en[0]
    );
    assert_eq!(
        codes(&check("any", "report.pdf", &text_head)),
        vec![("any", "fileTypeMismatch")]
    );
    // Text under a type that is not allowed: not an allowed type, as before.
    assert_eq!(
        codes(&check("f", "notes.docx", &text_head)),
        vec![("f", "fileTypeNotAllowed")]
    );
    assert_eq!(
        codes(&check("f", "notes.txt", &text_head)),
        vec![("f", "fileTypeNotAllowed")]
    );
    assert!(check("any", "notes.txt", &text_head).is_empty());
    // A PNG named .png is allowed as an image; named .pdf it says what it is.
    let png = json!([137, 80, 78, 71, 13, 10, 26, 10]);
    assert!(check("f", "anh.png", &png).is_empty());
    let e = check("f", "anh.pdf", &png);
    assert_eq!(codes(&e), vec![("f", "fileTypeMismatch")]);
    assert!(e[0].message.contains("nội dung là png"), "{:?}", e[0]);
}

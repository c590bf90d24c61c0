//! Identifier checks on the vectors of the reference (identifiers.md) and property tests.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use proptest::prelude::*;
use tthc::forms::Locale;
use tthc::identifiers::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

#[test]
fn tax_code_reference_vectors() {
    for v in [
        "0100233488",
        "0314409058-002",
        "0314409058002",
        "0100047516",
        " 0100 233 488 ",
        "0100.233.488",
    ] {
        let r = check_tax_code(v, today());
        assert!(r.valid, "{v}: {r:?}");
    }
    let r = check_tax_code("0100233480", today());
    assert!(!r.valid);
    assert_eq!(r.code.as_deref(), Some("checksum"));
    assert_eq!(
        check_tax_code("0314409058-002", today())
            .normalized
            .as_deref(),
        Some("0314409058-002")
    );
    assert_eq!(
        check_tax_code("0314409058-000", today()).code.as_deref(),
        Some("invalidSerial")
    );
    assert_eq!(
        check_tax_code("0100000008", today()).code.as_deref(),
        Some("invalidSerial")
    );
    assert_eq!(
        check_tax_code("01002334", today()).code.as_deref(),
        Some("wrongLength")
    );
    assert_eq!(
        check_tax_code("01002334AB", today()).code.as_deref(),
        Some("invalidFormat")
    );
}

#[test]
fn twelve_digit_tax_code_is_the_personal_number() {
    // python-stdnum 2.2 rejects these; since 1/7/2025 they are tax codes.
    let r = check_tax_code("040 090 012345", today());
    assert!(r.valid, "{r:?}");
    let Some(IdInfo::TaxCode(info)) = r.info else {
        panic!("{r:?}")
    };
    assert_eq!(info.tax_code_kind, TaxCodeKind::Personal);
    // 12 digits that are not a valid personal number are not a tax code either.
    assert_eq!(
        check_tax_code("003090012345", today()).code.as_deref(),
        Some("unknownProvince")
    );
    assert_eq!(
        check_tax_code("040590012345", today()).code.as_deref(),
        Some("invalidCenturyDigit")
    );
}

#[test]
fn citizen_id_structure() {
    let r = check_citizen_id("040090012345", today());
    assert!(r.valid);
    let Some(IdInfo::CitizenId(i)) = r.info else {
        panic!()
    };
    assert_eq!(i.province_code, "040");
    assert_eq!(i.province_name, "Nghệ An");
    assert_eq!(i.sex, Sex::Male);
    assert_eq!(i.century, 20);
    assert_eq!(i.birth_year_two_digits, 90);
    assert_eq!(i.birth_year, 1990);

    let r = check_citizen_id("001 3 05 123456", today());
    let Some(IdInfo::CitizenId(i)) = r.info else {
        panic!()
    };
    assert_eq!((i.sex, i.birth_year, i.century), (Sex::Female, 2005, 21));

    // 2-digit codes not in the table (003, 099), foreign prefixes, >3 century digits, future years.
    assert_eq!(
        check_citizen_id("003090012345", today()).code.as_deref(),
        Some("unknownProvince")
    );
    assert_eq!(
        check_citizen_id("100090012345", today()).code.as_deref(),
        Some("unknownProvince")
    );
    assert_eq!(
        check_citizen_id("040490012345", today()).code.as_deref(),
        Some("invalidCenturyDigit")
    );
    assert_eq!(
        check_citizen_id("040830012345", today()).code.as_deref(),
        Some("invalidCenturyDigit")
    );
    assert_eq!(
        check_citizen_id("040227012345", today()).code.as_deref(),
        Some("futureBirthYear")
    );
    assert!(check_citizen_id("040226012345", today()).valid);
    assert_eq!(
        check_citizen_id("186123456", today()).code.as_deref(),
        Some("wrongLength")
    );
    assert_eq!(
        check_citizen_id("04009001234x", today()).code.as_deref(),
        Some("invalidFormat")
    );
    // Every province of the pre-2025 table, never the 34-province one: 002 Hà Giang still decodes.
    let r = check_citizen_id("002190012345", today());
    let Some(IdInfo::CitizenId(i)) = r.info else {
        panic!()
    };
    assert_eq!(i.province_name, "Hà Giang");
}

#[test]
fn foreign_birth_prefix_is_a_warning_when_allowed() {
    let opts = IdOptions {
        allow_foreign_prefix: true,
        ..IdOptions::new(today())
    };
    let r = check_identifier(IdKind::CitizenId, "999090012345", &opts);
    assert!(r.valid);
    assert_eq!(r.warnings[0].code, "foreignBirthPrefix");
}

#[test]
fn phones() {
    for (input, want) in [
        ("0912345678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"),
        ("0084.912.345.678", "0912345678"),
        ("(0238) 3844 123", "02383844123"),
        ("024 3825 1234", "02438251234"),
        ("+84 (0) 912-345-678", "0912345678"),
        ("0868123456", "0868123456"),
        ("0599123456", "0599123456"),
    ] {
        let r = check_phone(input);
        assert!(r.valid, "{input}: {r:?}");
        assert_eq!(r.normalized.as_deref(), Some(want), "{input}");
    }
    let Some(IdInfo::Phone(p)) = check_phone("0238 3844 123").info else {
        panic!()
    };
    assert_eq!(p.phone_kind, PhoneKind::Fixed);
    assert_eq!(p.area_code.as_deref(), Some("0238"));
    assert_eq!(p.province.as_deref(), Some("Tỉnh Nghệ An"));
    let Some(IdInfo::Phone(p)) = check_phone("0912345678").info else {
        panic!()
    };
    assert_eq!(p.carrier.as_deref(), Some("VinaPhone"));
    assert_eq!(p.international, "+84912345678");

    for (old, new) in [
        ("01662345678", "0362345678"),
        ("0120 123 4567", "0701234567"),
        ("01291234567", "0821234567"),
        ("01991234567", "0591234567"),
        ("01881234567", "0581234567"),
    ] {
        let r = check_phone(old);
        assert_eq!(r.code.as_deref(), Some("oldMobileNumber"), "{old}");
        assert_eq!(r.suggestion.as_deref(), Some(new), "{old}");
        assert!(r.message.unwrap().contains(new));
    }
    for bad in [
        "0112345678",
        "0992345678",
        "0202345678",
        "091234567",
        "12345",
        "09123456789",
    ] {
        assert!(!check_phone(bad).valid, "{bad}");
    }
    assert_eq!(
        check_phone("09a2345678").code.as_deref(),
        Some("invalidFormat")
    );
    // 087: carrier uncertain (warning, still valid).
    let r = check_phone("0876543210");
    assert!(r.valid);
    assert_eq!(r.warnings[0].code, "carrierUncertain");
}

#[test]
fn other_identifiers() {
    let o = IdOptions::new(today());
    let ok = |k, v: &str| check_identifier(k, v, &o);
    assert!(ok(IdKind::SocialInsurance, "40 1234 5678").valid);
    assert!(ok(IdKind::SocialInsurance, "040090012345").valid);
    assert_eq!(
        ok(IdKind::SocialInsurance, "003090012345").code.as_deref(),
        Some("unknownProvince")
    );
    let r = ok(IdKind::HealthInsurance, "GD 4 40 4012345678");
    assert_eq!(r.normalized.as_deref(), Some("GD4404012345678"));
    assert!(r.warnings.is_empty());
    assert_eq!(
        ok(IdKind::HealthInsurance, "ZZ4404012345678").warnings[0].code,
        "unknownBenefitGroup"
    );
    assert_eq!(
        ok(IdKind::HealthInsurance, "GD44040123456").code.as_deref(),
        Some("tooShort")
    );
    assert_eq!(
        ok(IdKind::VehiclePlate, "37A-123.45").normalized.as_deref(),
        Some("37A-123.45")
    );
    assert_eq!(
        ok(IdKind::VehiclePlate, "37-b1 12345")
            .normalized
            .as_deref(),
        Some("37-B1 123.45")
    );
    assert_eq!(
        ok(IdKind::VehiclePlate, "37 TĐ1 234.56")
            .normalized
            .as_deref(),
        Some("37-TĐ1 234.56")
    );
    assert!(!ok(IdKind::VehiclePlate, "ABC-12345").valid);
    assert_eq!(
        ok(IdKind::PostalCode, "460000").code.as_deref(),
        Some("obsoletePostalCode")
    );
    assert!(ok(IdKind::PostalCode, "43000").valid);
    assert!(ok(IdKind::Passport, "C1234567").warnings.is_empty());
    assert_eq!(
        ok(IdKind::Passport, "12").code.as_deref(),
        Some("invalidFormat")
    );
    assert_eq!(
        ok(IdKind::OldIdCard, "186123456").warnings[0].code,
        "obsoleteIdCard"
    );
    let before = IdOptions::new(NaiveDate::from_ymd_opt(2024, 6, 1).unwrap());
    assert!(check_identifier(IdKind::OldIdCard, "186123456", &before)
        .warnings
        .is_empty());
    assert_eq!(
        ok(IdKind::BankAccount, "12345").code.as_deref(),
        Some("tooShort")
    );
}

#[test]
fn messages_follow_the_locale() {
    let en = IdOptions {
        locale: Locale::En,
        ..IdOptions::new(today())
    };
    let r = check_identifier(IdKind::TaxCode, "0100233480", &en);
    assert_eq!(
        r.message.as_deref(),
        Some("The check digit of “Tax code” is wrong; please check each digit.")
    );
    let r = check_tax_code("0100233480", today());
    assert!(r
        .message
        .unwrap()
        .starts_with("“Mã số thuế” có chữ số kiểm tra"));
}

/// The check digit by the reference's own words, independently of the crate.
fn reference_check(d: &[u8; 9]) -> Option<u8> {
    let w = [31u32, 29, 23, 19, 17, 13, 7, 5, 3];
    let s: u32 = d.iter().zip(w).map(|(a, b)| u32::from(*a) * b).sum();
    match s % 11 {
        0 => None,
        10 => Some(0),
        r => Some((10 - r) as u8),
    }
}

proptest! {
    #[test]
    fn tax_check_digit_matches_the_reference(d in proptest::array::uniform9(0u8..10)) {
        let first9: String = d.iter().map(|x| char::from(b'0' + x)).collect();
        let serial_zero = d[2..].iter().all(|&x| x == 0);
        match reference_check(&d) {
            Some(c) => {
                let code = format!("{first9}{c}");
                let r = check_tax_code(&code, today());
                prop_assert_eq!(r.valid, !serial_zero, "{}", code);
                // Every other last digit is wrong.
                for other in (0..10u8).filter(|&x| x != c) {
                    let bad = format!("{first9}{other}");
                    prop_assert!(!check_tax_code(&bad, today()).valid, "{}", bad);
                }
                if !serial_zero {
                    let branch = format!("{code}-{:03}", 1 + (u32::from(d[0]) * 97 + u32::from(d[1])) % 999);
                    prop_assert!(check_tax_code(&branch, today()).valid, "{}", branch);
                    prop_assert_eq!(check_tax_code(&branch.replace('-', ""), today()).normalized, Some(branch));
                }
            }
            None => {
                for last in 0..10u8 {
                    let code = format!("{first9}{last}");
                    prop_assert!(!check_tax_code(&code, today()).valid, "{}", code);
                }
            }
        }
    }

    #[test]
    fn checks_never_panic(s in "\\PC{0,40}") {
        let o = IdOptions::new(today());
        for k in [IdKind::CitizenId, IdKind::OldIdCard, IdKind::TaxCode, IdKind::Phone, IdKind::SocialInsurance,
                  IdKind::HealthInsurance, IdKind::VehiclePlate, IdKind::PostalCode, IdKind::Passport, IdKind::BankAccount] {
            let r = check_identifier(k, &s, &o);
            prop_assert_eq!(r.valid, r.code.is_none());
        }
    }

    #[test]
    fn phone_forms_agree(n in 0u32..1_000_000_000) {
        let national = format!("{n:09}");
        let a = check_phone(&format!("0{national}"));
        let b = check_phone(&format!("+84{national}"));
        let c = check_phone(&format!("0084 {national}"));
        prop_assert_eq!(a.valid, b.valid);
        prop_assert_eq!(&a.normalized, &b.normalized);
        prop_assert_eq!(&a.normalized, &c.normalized);
    }
}

/// `(+84) …` is read as `+84 …` (it was rejected while `(84) …` passed); a `+` after a digit,
/// or twice, is still not a number.
#[test]
fn phone_plus_inside_parentheses() {
    for input in [
        "(+84) 912 345 678",
        "( +84 ) 912.345.678",
        "(+84)912345678",
        "(84) 912 345 678",
    ] {
        let r = check_phone(input);
        assert!(r.valid, "{input}: {r:?}");
        assert_eq!(r.normalized.as_deref(), Some("0912345678"), "{input}");
    }
    for bad in ["(++84) 912 345 678", "84+912345678", "(+84) +912 345 678"] {
        assert!(!check_phone(bad).valid, "{bad}");
    }
}

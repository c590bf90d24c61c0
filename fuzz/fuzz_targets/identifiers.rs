//! Identifier checks (citizen ID, tax code, phone and every other kind): never panic; a valid value's normalised form
//! is valid again and normalises to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tthc::identifiers::{check_citizen_id, check_phone, check_tax_code};

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    for c in [
        check_citizen_id(&s, today),
        check_tax_code(&s, today),
        check_phone(&s),
    ] {
        if c.valid {
            assert!(c.normalized.is_some(), "valid implies a normalised form");
            let n = c.normalized.clone().unwrap_or_default();
            assert!(c.code.is_none(), "a valid value carries no problem code");
            let again = [
                check_citizen_id(&n, today),
                check_tax_code(&n, today),
                check_phone(&n),
            ];
            assert!(
                again
                    .iter()
                    .any(|a| a.valid && a.normalized.as_deref() == Some(n.as_str())),
                "normalised {n:?} is stable"
            );
        }
    }
});

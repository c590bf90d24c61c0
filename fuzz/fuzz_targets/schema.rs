//! The form-schema parser and the validator: input = schema JSON, a 0xFF byte, values JSON. Never panics; the owned
//! path (`validate_values`, which keeps canonical strings without a copy) reports what `validate` reports.
#![no_main]
use libfuzzer_sys::fuzz_target;
use tthc::forms::{FormValidator, FormValues, ValidateOptions};

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(2, |&b| b == 0xff);
    let schema = parts.next().unwrap_or_default();
    let values = parts.next().unwrap_or_default();
    let Ok(schema) = serde_json::from_slice::<serde_json::Value>(schema) else {
        return;
    };
    let Ok(v) = FormValidator::new(&schema) else {
        return;
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
    let opts = ValidateOptions::new(today);
    if let Ok(vals) = FormValues::from_json(&String::from_utf8_lossy(values)) {
        let r = v.validate(&vals, &opts);
        assert_eq!(r.valid, r.errors.is_empty());
        // The owned path (the JS fast path's) agrees with the borrowed one.
        let ordered = v.slots(&vals).into_iter().map(|x| x.cloned().unwrap_or_default()).collect();
        let owned = v.validate_values(ordered, &opts);
        assert_eq!(owned.errors, r.errors, "errors of the owned path");
        assert_eq!(owned.warnings, r.warnings, "warnings of the owned path");
        for issue in r.errors.iter().take(4) {
            let _ = v.validate_field(&issue.field, &vals, &opts);
        }
    }
});

//! The contract date and date-time parsers never panic, and what they accept formats back to something they accept
//! again as the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = tthc::datetime::parse_date(s, "f") {
        let back = tthc::datetime::format_date(d);
        assert_eq!(tthc::datetime::parse_date(&back, "f").ok(), Some(d));
    }
    if let Ok(dt) = tthc::datetime::parse_datetime(s, "f") {
        let back = tthc::datetime::format_datetime(dt);
        assert_eq!(tthc::datetime::parse_datetime(&back, "f").ok(), Some(dt));
    }
    let _ = tthc::datetime::parse_time(s, "f");
});

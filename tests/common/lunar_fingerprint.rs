//! Shared by `tests/calendar_lunar.rs` (native, libm's sine) and `tests/wasm_binding.rs` (wasm,
//! the host's `Math.sin`): both must find the same fingerprint.

/// FNV-1a over `to_lunar` (year, month, day, leap) of every day 1900-01-01 ..= 2100-12-31.
pub const LUNAR_DAYS_FNV: u64 = 0x9391_a864_d14e_9dfa;

/// The fingerprint of the lunar calendar as this build computes it.
pub fn lunar_days_fnv() -> u64 {
    let mut day = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    let end = chrono::NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    while day <= end {
        let l = tthc::calendar::lunar::to_lunar(day).unwrap();
        for b in [
            l.year as u64,
            u64::from(l.month),
            u64::from(l.day),
            u64::from(l.leap),
        ] {
            h = (h ^ b).wrapping_mul(0x100_0000_01b3);
        }
        day = day.succ_opt().unwrap();
    }
    h
}

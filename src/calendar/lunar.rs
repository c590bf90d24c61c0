//! The Vietnamese lunar calendar (âm lịch), computed for UTC+7.
//!
//! This is the published algorithm of Hồ Ngọc Đức: new moons from a Meeus-style series, the
//! sun's longitude from a short series, lunar month 11 is the month that contains the winter
//! solstice, and in a year with 13 months the leap month (tháng nhuận) is the first month after
//! month 11 that contains no major solar term (trung khí). Vietnam and China share the rules
//! but not the meridian: with UTC+8 this would be the Chinese calendar, which differs from the
//! Vietnamese one in years such as 1985, 2007 and 2030.
//!
//! The supported range is the Gregorian years 1900–2100.
//!
//! # Example
//! ```
//! use tthc::calendar::lunar::{to_lunar, LunarDate};
//! let d = chrono::NaiveDate::from_ymd_opt(2025, 8, 19).unwrap();
//! assert_eq!(to_lunar(d).unwrap(), LunarDate { year: 2025, month: 6, day: 26, leap: true });
//! ```

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
// The host's sine (the browser's `Math.sin` in the wasm module, libm's natively).
use crate::host::sin;

/// Vietnam's time zone for the astronomical computations (UTC+7).
const TIME_ZONE: f64 = 7.0;

/// First Gregorian year of the supported range.
pub const MIN_YEAR: i32 = 1900;
/// Last Gregorian year of the supported range.
pub const MAX_YEAR: i32 = 2100;

/// A date of the Vietnamese lunar calendar, e.g. `toLunar("2025-08-19")` is
/// `{ year: 2025, month: 6, day: 26, leap: true }` (the 26th of the leap sixth month).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct LunarDate {
    /// Lunar year (năm âm lịch), numbered like the Gregorian year in which it mostly lies.
    pub year: i32,
    /// Lunar month 1–12 (tháng).
    pub month: u32,
    /// Day of the lunar month 1–30 (ngày).
    pub day: u32,
    /// `true` in a leap month (tháng nhuận), which repeats the number of the month before it.
    #[serde(default)]
    pub leap: bool,
}

fn floor(x: f64) -> i64 {
    x.floor() as i64
}

/// Julian day number of a Gregorian date.
fn jd_from_date(d: NaiveDate) -> i64 {
    // 2440588 is the Julian day number of 1970-01-01.
    i64::from(crate::datetime::day_number(d)) + 2_440_588
}

fn date_from_jd(jd: i64) -> Option<NaiveDate> {
    let n = i32::try_from(jd - 2_440_588).ok()?;
    crate::datetime::from_day_number(n)
}

/// Julian day (fractional, UT) of the k-th new moon after 1900-01-01.
fn new_moon(k: i64) -> f64 {
    use std::f64::consts::PI;
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    let mut c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2.0 * dr * m);
    c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2.0 * mpr);
    c1 -= 0.0004 * sin(dr * 3.0 * mpr);
    c1 = c1 + 0.0104 * sin(dr * 2.0 * f) - 0.0051 * sin(dr * (m + mpr));
    c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2.0 * f + m));
    c1 = c1 - 0.0004 * sin(dr * (2.0 * f - m)) - 0.0006 * sin(dr * (2.0 * f + mpr));
    c1 = c1 + 0.0010 * sin(dr * (2.0 * f - mpr)) + 0.0005 * sin(dr * (2.0 * mpr + m));
    let deltat = if t < -11.0 {
        0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    } else {
        -0.000278 + 0.000265 * t + 0.000262 * t2
    };
    jd1 + c1 - deltat
}

/// The sun's true longitude (radians, 0..2π) at Julian day `jdn` (UT).
fn sun_longitude(jdn: f64) -> f64 {
    use std::f64::consts::PI;
    let t = (jdn - 2451545.0) / 36525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    let mut dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m);
    dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2.0 * m) + 0.000290 * sin(dr * 3.0 * m);
    let l = (l0 + dl) * dr;
    l - PI * 2.0 * ((l / (PI * 2.0)).floor())
}

/// The major-term sector (0–11, 30° each) of the sun at local midnight starting day `jd`.
fn sun_sector(jd: i64) -> i64 {
    floor(sun_longitude(jd as f64 - 0.5 - TIME_ZONE / 24.0) / std::f64::consts::PI * 6.0)
}

/// Local day (Julian day number) of the k-th new moon.
fn new_moon_day(k: i64) -> i64 {
    floor(new_moon(k) + 0.5 + TIME_ZONE / 24.0)
}

/// Julian day number of the start of lunar month 11 of Gregorian year `yy`.
fn lunar_month_11(yy: i32) -> i64 {
    let dec31 = NaiveDate::from_ymd_opt(yy, 12, 31).map_or(0, jd_from_date);
    let off = dec31 - 2_415_021;
    let k = floor(off as f64 / 29.530588853);
    let nm = new_moon_day(k);
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// Offset (in months after month 11 starting at `a11`) of the leap month.
fn leap_month_offset(a11: i64) -> i64 {
    let k = floor((a11 as f64 - 2415021.076998695) / 29.530588853 + 0.5);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

fn range_error(field: &str) -> Error {
    Error::new(
        ErrorKind::Range,
        format!("Lịch âm chỉ hỗ trợ các năm {MIN_YEAR}–{MAX_YEAR}."),
        format!("The lunar calendar supports the years {MIN_YEAR}–{MAX_YEAR} only."),
    )
    .with_field(field)
}

/// Converts a Gregorian date to the Vietnamese lunar calendar (`toLunar`).
///
/// # Example
/// ```
/// use tthc::calendar::lunar::to_lunar;
/// let tet = to_lunar(chrono::NaiveDate::from_ymd_opt(2026, 2, 17).unwrap()).unwrap();
/// assert_eq!((tet.year, tet.month, tet.day, tet.leap), (2026, 1, 1, false));
/// ```
pub fn to_lunar(date: NaiveDate) -> Result<LunarDate> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        return Err(range_error("date"));
    }
    let jd = jd_from_date(date);
    let t = month_table();
    let i = t
        .partition_point(|m| m.start <= jd)
        .checked_sub(1)
        .ok_or_else(|| range_error("date"))?;
    let m = t.get(i).ok_or_else(|| range_error("date"))?;
    Ok(LunarDate {
        year: m.year,
        month: u32::from(m.month),
        day: (jd - m.start + 1) as u32,
        leap: m.leap,
    })
}

/// One lunar month of the precomputed table.
struct Month {
    /// Julian day number of its first day.
    start: i64,
    year: i32,
    month: u8,
    leap: bool,
}

/// Every lunar month from month 11 of 1899 to month 10 of 2101, computed once (≈ 2,500
/// months) with the same month-11 anchors and leap rule as [`from_lunar`], so that
/// [`to_lunar`] is a binary search.
fn month_table() -> &'static [Month] {
    static T: OnceLock<Vec<Month>> = OnceLock::new();
    T.get_or_init(|| {
        let mut out = Vec::with_capacity(2_500);
        for y in (MIN_YEAR - 1)..=MAX_YEAR {
            let a11 = lunar_month_11(y);
            let b11 = lunar_month_11(y + 1);
            let k = floor(0.5 + (a11 as f64 - 2415021.076998695) / 29.530588853);
            let leap_off = (b11 - a11 > 365).then(|| leap_month_offset(a11));
            let n = if leap_off.is_some() { 13 } else { 12 };
            for i in 0..n {
                let (idx, leap) = match leap_off {
                    Some(lo) if i >= lo => (i - 1, i == lo),
                    _ => (i, false),
                };
                let month = ((10 + idx) % 12 + 1) as u8;
                out.push(Month {
                    start: new_moon_day(k + i),
                    year: if month >= 11 { y } else { y + 1 },
                    month,
                    leap,
                });
            }
        }
        out
    })
}

/// The published conversion (Hồ Ngọc Đức's `convertSolar2Lunar`), computed from scratch; the
/// table behind [`to_lunar`] is tested against it for every day of 1900–2100.
#[doc(hidden)]
pub fn to_lunar_computed(date: NaiveDate) -> Result<LunarDate> {
    let yy = date.year();
    if !(MIN_YEAR..=MAX_YEAR).contains(&yy) {
        return Err(range_error("date"));
    }
    let day_number = jd_from_date(date);
    let k = floor((day_number as f64 - 2415021.076998695) / 29.530588853);
    // The published code tries k + 1 then k; near a new moon the mean-lunation estimate of
    // k can be one too high (e.g. 2054-05-07 would get day 0), so step back once more if needed.
    let mut month_start = new_moon_day(k + 1);
    if month_start > day_number {
        month_start = new_moon_day(k);
    }
    if month_start > day_number {
        month_start = new_moon_day(k - 1);
    }
    let mut a11 = lunar_month_11(yy);
    let mut b11 = a11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = yy;
        a11 = lunar_month_11(yy - 1);
    } else {
        lunar_year = yy + 1;
        b11 = lunar_month_11(yy + 1);
    }
    let lunar_day = day_number - month_start + 1;
    let diff = floor((month_start - a11) as f64 / 29.0);
    let mut leap = false;
    let mut lunar_month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            lunar_month = diff + 10;
            if diff == leap_diff {
                leap = true;
            }
        }
    }
    if lunar_month > 12 {
        lunar_month -= 12;
    }
    if lunar_month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    Ok(LunarDate {
        year: lunar_year,
        month: lunar_month as u32,
        day: lunar_day as u32,
        leap,
    })
}

fn lunar_error(field: &str, vi: &str, en: &str) -> Error {
    Error::new(ErrorKind::Date, vi, en).with_field(field)
}

/// Converts a Vietnamese lunar date to the Gregorian calendar (`fromLunar`).
///
/// Errors name the field: a month outside 1–12, a day outside 1–30 or past the month's length
/// (29 or 30 days), `leap: true` on a month that is not the year's leap month, or a year
/// outside the range.
///
/// # Example
/// ```
/// use tthc::calendar::lunar::{from_lunar, LunarDate};
/// let hung_kings = from_lunar(LunarDate { year: 2026, month: 3, day: 10, leap: false }).unwrap();
/// assert_eq!(hung_kings.to_string(), "2026-04-26");
/// assert!(from_lunar(LunarDate { year: 2026, month: 3, day: 10, leap: true }).is_err());
/// ```
pub fn from_lunar(lunar: LunarDate) -> Result<NaiveDate> {
    let LunarDate {
        year,
        month,
        day,
        leap,
    } = lunar;
    if !(MIN_YEAR - 1..=MAX_YEAR).contains(&year) {
        return Err(range_error("year"));
    }
    if !(1..=12).contains(&month) {
        return Err(lunar_error(
            "month",
            "Tháng âm lịch phải từ 1 đến 12.",
            "The lunar month must be between 1 and 12.",
        ));
    }
    if !(1..=30).contains(&day) {
        return Err(lunar_error(
            "day",
            "Ngày âm lịch phải từ 1 đến 30.",
            "The lunar day must be between 1 and 30.",
        ));
    }
    let (a11, b11) = if month < 11 {
        (lunar_month_11(year - 1), lunar_month_11(year))
    } else {
        (lunar_month_11(year), lunar_month_11(year + 1))
    };
    let k = floor(0.5 + (a11 as f64 - 2415021.076998695) / 29.530588853);
    let mut off = i64::from(month) - 11;
    if off < 0 {
        off += 12;
    }
    let mut leap_ok = !leap;
    if b11 - a11 > 365 {
        let leap_off = leap_month_offset(a11);
        let mut leap_month = leap_off - 2;
        if leap_month < 0 {
            leap_month += 12;
        }
        if leap && i64::from(month) == leap_month {
            leap_ok = true;
        }
        if leap || off >= leap_off {
            off += 1;
        }
    }
    if !leap_ok {
        return Err(lunar_error(
            "leap",
            &format!("Năm âm lịch {year} không có tháng {month} nhuận."),
            &format!("The lunar year {year} has no leap month {month}."),
        ));
    }
    let start = new_moon_day(k + off);
    let next = new_moon_day(k + off + 1);
    if i64::from(day) > next - start {
        return Err(lunar_error(
            "day",
            &format!(
                "Tháng {month}{} năm {year} âm lịch chỉ có {} ngày.",
                if leap { " nhuận" } else { "" },
                next - start
            ),
            &format!(
                "The lunar month {month}{} of {year} has only {} days.",
                if leap { " (leap)" } else { "" },
                next - start
            ),
        ));
    }
    let date = date_from_jd(start + i64::from(day) - 1).ok_or_else(|| range_error("year"))?;
    if !(MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        return Err(range_error("year"));
    }
    Ok(date)
}

/// The leap month of a lunar year (1–12), if the year has one.
///
/// # Example
/// ```
/// assert_eq!(tthc::calendar::lunar::leap_month(2025).unwrap(), Some(6));
/// assert_eq!(tthc::calendar::lunar::leap_month(2026).unwrap(), None);
/// ```
pub fn leap_month(year: i32) -> Result<Option<u32>> {
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(range_error("year"));
    }
    // The leap month of lunar year `year` lies between its month 11 of the previous year and
    // month 11 of this year, or (for 11 and 12) after month 11 of this year.
    for (a, b) in [(year - 1, year), (year, year + 1)] {
        let a11 = lunar_month_11(a);
        let b11 = lunar_month_11(b);
        if b11 - a11 > 365 {
            let leap_off = leap_month_offset(a11);
            let mut m = leap_off - 2;
            if m < 0 {
                m += 12;
            }
            // Months 11 and 12 after a11 belong to lunar year `a`, the others to `a + 1`.
            let owner = if m >= 11 { a } else { a + 1 };
            if owner == year {
                return Ok(Some(m as u32));
            }
        }
    }
    Ok(None)
}

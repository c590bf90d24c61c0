//! The holiday rules (Labour Code 2012 Art. 115, Labour Code 2019 Art. 111–112, Resolution
//! 28/2026/QH16) that give a year's special days when no official notice is loaded.
//!
//! They reproduce the official notices 2021–2026 except the swaps (hoán đổi), which can't be
//! computed and come from the notices (see `tests/calendar_rules.rs`).

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lunar::{from_lunar, LunarDate, MAX_YEAR, MIN_YEAR};

/// The kind of a special day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A public holiday (ngày lễ, Tết).
    Holiday,
    /// A compensatory day off (nghỉ bù) for a holiday on a weekend.
    Compensatory,
    /// A weekday off in exchange for a weekend day worked (nghỉ hoán đổi).
    Swap,
    /// A Saturday worked (làm bù).
    WorkingSaturday,
    /// A Sunday worked.
    WorkingSunday,
    /// An extra day off from the configuration.
    ExtraDayOff,
    /// An extra working day from the configuration.
    ExtraWorkingDay,
}

impl Kind {
    /// The machine-readable name used in `DayOff.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Holiday => "holiday",
            Kind::Compensatory => "compensatory",
            Kind::Swap => "swap",
            Kind::WorkingSaturday => "workingSaturday",
            Kind::WorkingSunday => "workingSunday",
            Kind::ExtraDayOff => "extraDayOff",
            Kind::ExtraWorkingDay => "extraWorkingDay",
        }
    }

    /// Reads a kind name.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "holiday" => Kind::Holiday,
            "compensatory" => Kind::Compensatory,
            "swap" => Kind::Swap,
            "workingSaturday" => Kind::WorkingSaturday,
            "workingSunday" => Kind::WorkingSunday,
            "extraDayOff" => Kind::ExtraDayOff,
            "extraWorkingDay" => Kind::ExtraWorkingDay,
            _ => return None,
        })
    }
}

/// A day whose status or name differs from an ordinary day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Special {
    /// The date.
    pub date: NaiveDate,
    /// Whether the day is worked.
    pub working: bool,
    /// Its kind.
    pub kind: Kind,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
}

/// Whether a date falls on Saturday or Sunday.
pub fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Lunar New Year (Tết, lunar 1/1) and Hùng Kings' day (lunar 10/3) of each Gregorian year,
/// computed once.
fn lunar_feasts(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    static TABLE: OnceLock<Vec<Option<(NaiveDate, NaiveDate)>>> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        (MIN_YEAR..=MAX_YEAR)
            .map(|y| {
                let tet = from_lunar(LunarDate {
                    year: y,
                    month: 1,
                    day: 1,
                    leap: false,
                })
                .ok()?;
                let hung = from_lunar(LunarDate {
                    year: y,
                    month: 3,
                    day: 10,
                    leap: false,
                })
                .ok()?;
                Some((tet, hung))
            })
            .collect()
    });
    let i = usize::try_from(year - MIN_YEAR).ok()?;
    t.get(i).copied().flatten()
}

/// Tết (lunar 1/1) of a Gregorian year, 1900–2100.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_feasts(year).map(|p| p.0)
}

/// Hùng Kings' Commemoration (lunar 10/3) of a Gregorian year, 1900–2100.
pub fn hung_kings(year: i32) -> Option<NaiveDate> {
    lunar_feasts(year).map(|p| p.1)
}

fn dm(d: NaiveDate) -> String {
    format!("{:02}/{:02}", d.day(), d.month())
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn dm_en(d: NaiveDate) -> String {
    let m = MONTHS_EN
        .get(d.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {}", d.day(), m)
}

fn prev_weekday(mut d: NaiveDate) -> NaiveDate {
    loop {
        d -= Duration::days(1);
        if !is_weekend(d) {
            return d;
        }
    }
}

fn next_weekday(mut d: NaiveDate) -> NaiveDate {
    loop {
        d += Duration::days(1);
        if !is_weekend(d) {
            return d;
        }
    }
}

struct Holiday {
    date: NaiveDate,
    name: String,
    name_en: String,
    compensable: bool,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The special days of `year` by the rules alone (no notice), sorted by date. Weekend holidays
/// are included (for their names) with `working: false`.
pub fn rule_days(year: i32, culture_day_compensation: bool) -> Vec<Special> {
    let mut hol: Vec<Holiday> = Vec::new();
    let mut out: Vec<Special> = Vec::new();
    let mut push = |date: Option<NaiveDate>, name: &str, name_en: &str, compensable: bool| {
        if let Some(date) = date {
            hol.push(Holiday {
                date,
                name: name.to_string(),
                name_en: name_en.to_string(),
                compensable,
            });
        }
    };
    push(ymd(year, 1, 1), "Tết Dương lịch", "New Year's Day", true);
    if year >= 2007 {
        push(
            hung_kings(year),
            "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
            "Hùng Kings' Commemoration Day",
            true,
        );
    }
    push(
        ymd(year, 4, 30),
        "Ngày Chiến thắng (30/4)",
        "Reunification Day",
        true,
    );
    push(
        ymd(year, 5, 1),
        "Ngày Quốc tế Lao động (1/5)",
        "International Labour Day",
        true,
    );
    push(ymd(year, 9, 2), "Quốc khánh (2/9)", "National Day", true);
    if year >= 2021 {
        if let Some(nd) = ymd(year, 9, 2) {
            let second = match nd.weekday() {
                Weekday::Mon | Weekday::Thu | Weekday::Sun => nd + Duration::days(1),
                _ => nd - Duration::days(1),
            };
            push(
                Some(second),
                &format!("Quốc khánh (nghỉ liền kề, {})", dm(second)),
                "National Day (adjacent day)",
                false,
            );
        }
    }
    if year >= 2026 {
        push(
            ymd(year, 11, 24),
            "Ngày Văn hóa Việt Nam (24/11)",
            "Vietnamese Culture Day",
            culture_day_compensation,
        );
    }
    // Tết: the days from the lunar-year eve; a Saturday is replaced by the weekday before the
    // block, a Sunday by the weekday after it.
    if let Some(t) = tet(year) {
        let (first, len, first_idx): (NaiveDate, i64, i64) = if year >= 2013 {
            (t - Duration::days(1), 5, 0)
        } else if year >= 2007 {
            (t - Duration::days(1), 4, 0)
        } else {
            (t, 3, 1)
        };
        let last = first + Duration::days(len - 1);
        for i in 0..len {
            let d = first + Duration::days(i);
            let n = first_idx + i;
            let (vi, en) = if n == 0 {
                (
                    "Tết Nguyên đán (ngày cuối năm âm lịch)".to_string(),
                    "Lunar New Year (New Year's Eve)".to_string(),
                )
            } else {
                (
                    format!("Tết Nguyên đán (mùng {n})"),
                    format!("Lunar New Year (day {n})"),
                )
            };
            out.push(Special {
                date: d,
                working: false,
                kind: Kind::Holiday,
                name: vi.clone(),
                name_en: en.clone(),
            });
            let repl = match d.weekday() {
                Weekday::Sat => Some(prev_weekday(first)),
                Weekday::Sun => Some(next_weekday(last)),
                _ => None,
            };
            if let Some(r) = repl {
                out.push(Special {
                    date: r,
                    working: false,
                    kind: Kind::Holiday,
                    name: format!("Nghỉ Tết Nguyên đán (thay cho {} – {})", dm(d), vi),
                    name_en: format!("Lunar New Year holiday (in lieu of {})", dm_en(d)),
                });
            }
        }
    }
    crate::sort::sort_by_key(&mut hol, |h| h.date);
    let mut taken: Vec<NaiveDate> = out.iter().map(|s| s.date).collect();
    taken.extend(hol.iter().map(|h| h.date));
    for h in &hol {
        out.push(Special {
            date: h.date,
            working: false,
            kind: Kind::Holiday,
            name: h.name.clone(),
            name_en: h.name_en.clone(),
        });
        if h.compensable && is_weekend(h.date) {
            let mut d = h.date;
            // Bounded: at most a handful of holidays can be in the way.
            for _ in 0..30 {
                d = next_weekday(d);
                if !taken.contains(&d) {
                    break;
                }
            }
            taken.push(d);
            out.push(Special {
                date: d,
                working: false,
                kind: Kind::Compensatory,
                name: format!("Nghỉ bù {}", h.name),
                name_en: format!("Compensatory day off for {}", h.name_en),
            });
        }
    }
    out.retain(|s| s.date.year() == year);
    crate::sort::sort_by_key(&mut out, |s| s.date);
    out
}
